# sitrep: `make demo` runs the main job on the bundled corpus; `make test` runs the whole test suite.
# Both create .venv and install into it on first use, and are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
OUT := out
STAMP := $(VENV)/.installed

EVAL_HOME := $(OUT)/eval-home

.PHONY: install demo test eval eval-full score bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)

demo: install
	@mkdir -p $(OUT)
	$(BIN)/sitrep ingest examples/corpus --db $(OUT)/sitrep.db
	$(BIN)/sitrep analyze examples/corpus --format jsonl --output $(OUT)/analysis.jsonl
	$(BIN)/sitrep analyze examples/corpus --format table
	@echo
	@echo "Done. The results are in $(OUT)/:"
	@echo "  $(OUT)/analysis.jsonl   one extraction record per article (docs/RECORD.md)"
	@echo "  $(OUT)/sitrep.db        the SQLite store (documents, sources, full-text index, the ledger of events)"
	@echo "Next:"
	@echo "  $(BIN)/sitrep docs --db $(OUT)/sitrep.db                 list the stored articles"
	@echo "  $(BIN)/sitrep docs --db $(OUT)/sitrep.db --search Sudzha   full-text search"
	@echo "  $(BIN)/sitrep show --db $(OUT)/sitrep.db DOC_ID           one article, cleaned"
	@echo "  $(BIN)/sitrep events --db $(OUT)/sitrep.db                events across articles, with their sources"
	@echo "  $(BIN)/sitrep control Sudzha --db $(OUT)/sitrep.db        who claims to hold a place, by whose account"
	@echo "  $(BIN)/sitrep talks --db $(OUT)/sitrep.db                 the negotiation timeline"
	@echo "  $(BIN)/sitrep contradictions --db $(OUT)/sitrep.db        claims that cannot all be true"

test: install
	$(BIN)/python -m pytest -q

# make eval: the embedded default gazetteer; make eval-full: the full one, installed from $(SHARED)/geo/UA.zip
# into a home of its own so a user's installed gazetteer never changes the figures.
eval: install
	@$(MAKE) -s score GAZETTEER=default

eval-full: install
	@if [ ! -f "$(SHARED)/geo/UA.zip" ]; then echo "make eval-full: $(SHARED)/geo/UA.zip is absent"; exit 0; fi
	@if [ ! -f "$(EVAL_HOME)/gazetteer/full-v1.sqlite" ]; then \
		SITREP_HOME=$(EVAL_HOME) $(BIN)/sitrep gazetteer install UA --from $(SHARED)/geo/UA.zip; fi
	@SITREP_HOME=$(EVAL_HOME) $(MAKE) -s score GAZETTEER=full

score:
	@if [ ! -d "$(SHARED)/gold" ]; then echo "make eval: $(SHARED) is absent; nothing to score"; exit 0; fi
	@mkdir -p $(OUT)/eval
	@for set in seeds dev; do \
		$(BIN)/sitrep analyze $(SHARED)/corpus/$$set --gazetteer $(GAZETTEER) --format jsonl \
			--output $(OUT)/eval/$$set-$(GAZETTEER).jsonl || exit 1; \
		echo "== $$set ($(GAZETTEER) gazetteer)"; \
		$(BIN)/python $(SHARED)/tools/score.py --gold $(SHARED)/gold/$$set.json \
			--pred $(OUT)/eval/$$set-$(GAZETTEER).jsonl || exit 1; \
	done

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(OUT) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
