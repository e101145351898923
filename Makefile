# sitrep: `make demo` runs the main job on the bundled corpus; `make test` runs the whole test suite.
# Both create .venv and install into it on first use, and are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
OUT := out
STAMP := $(VENV)/.installed

EVAL_HOME := $(OUT)/eval-home

.PHONY: install demo test test-deps eval eval-full score bench fuzz lint clean

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
	$(BIN)/sitrep report --db $(OUT)/sitrep.db --out $(OUT)/report.html
	$(BIN)/sitrep export --db $(OUT)/sitrep.db --format geojson --output $(OUT)/events.geojson
	@echo
	@echo "Done. The results are in $(OUT)/:"
	@echo "  $(OUT)/analysis.jsonl   one extraction record per article (docs/RECORD.md)"
	@echo "  $(OUT)/sitrep.db        the SQLite store (documents, sources, full-text index, the ledger of events)"
	@echo "  $(OUT)/report.html      the situation report, one self-contained file"
	@echo "  $(OUT)/events.geojson   the events as points for QGIS or any GIS"
	@echo "Next:"
	@echo "  $(BIN)/sitrep docs --db $(OUT)/sitrep.db                 list the stored articles"
	@echo "  $(BIN)/sitrep docs --db $(OUT)/sitrep.db --search Sudzha   full-text search"
	@echo "  $(BIN)/sitrep show --db $(OUT)/sitrep.db DOC_ID           one article, cleaned"
	@echo "  $(BIN)/sitrep events --db $(OUT)/sitrep.db                events across articles, with their sources"
	@echo "  $(BIN)/sitrep control Sudzha --db $(OUT)/sitrep.db        who claims to hold a place, by whose account"
	@echo "  $(BIN)/sitrep talks --db $(OUT)/sitrep.db                 the negotiation timeline"
	@echo "  $(BIN)/sitrep contradictions --db $(OUT)/sitrep.db        claims that cannot all be true"
	@echo "The dashboard (map, timeline, claims with their evidence), on this machine only:"
	@echo "  $(BIN)/sitrep serve --db $(OUT)/sitrep.db    then open http://127.0.0.1:8765/"

test: install test-deps
	$(BIN)/python -m pytest -q

# Debian's chromium and chromium-driver (browser tests) and gdal-bin (the GeoJSON check), when missing and
# when this user may install packages; without them those tests skip and say why.
test-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v ogrinfo >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing chromium, chromium-driver and gdal-bin (browser and GIS tests)"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
				chromium chromium-driver gdal-bin >/dev/null) || echo "could not install them; those tests will skip"; \
		else echo "chromium, chromium-driver or gdal-bin missing and not root: those tests will skip"; fi; \
	fi

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
	@echo "== dev by half (tune on one, check on the other)"
	@$(BIN)/python tools/score_halves.py --gold $(SHARED)/gold/dev.json --pred $(OUT)/eval/dev-$(GAZETTEER).jsonl \
		--scorer $(SHARED)/tools/score.py
	@echo "== dev ledger (ingested into a fresh store, exported, scored)"
	@rm -f $(OUT)/eval/dev-$(GAZETTEER).db $(OUT)/eval/dev-$(GAZETTEER).db-wal $(OUT)/eval/dev-$(GAZETTEER).db-shm
	@$(BIN)/sitrep ingest $(SHARED)/corpus/dev --gazetteer $(GAZETTEER) --db $(OUT)/eval/dev-$(GAZETTEER).db --quiet >/dev/null
	@$(BIN)/sitrep export --db $(OUT)/eval/dev-$(GAZETTEER).db --format jsonl -o $(OUT)/eval/dev-ledger-$(GAZETTEER).jsonl 2>/dev/null
	@$(BIN)/python $(SHARED)/tools/score_ledger.py --gold $(SHARED)/gold/dev.json --ledger $(OUT)/eval/dev-ledger-$(GAZETTEER).jsonl

# make bench: throughput, memory, scale and load (bench/run.py), then big and odd inputs (bench/big_input.py);
# figures in bench/results/.
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/big_input.py

# make fuzz: every target of fuzz/targets.py under atheris for FUZZ_RUNS inputs (FUZZ_ARGS adds options of fuzz/run.py,
# such as --jobs 2 or --targets clean,dates); figures in bench/results/fuzz.json, findings under out/fuzz/crashes/.
FUZZ_RUNS ?= 100000
FUZZ_ARGS ?=
fuzz: install
	$(BIN)/python fuzz/run.py --runs $(FUZZ_RUNS) $(FUZZ_ARGS)

lint: install
	$(BIN)/ruff check src tests bench tools

clean:
	rm -rf $(OUT) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
