"""`sitrep batch` on a local Dask cluster: the same results as `sitrep analyze`, Parquet that `sitrep ingest
--from-parquet` loads into the same ledger as ingesting the articles, JSON Lines and Parquet input."""

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT

ARTICLES = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
UNDATED = {"id": "undated", "published": "someday",
           "text": "Ukraine's General Staff said its forces repelled 14 attacks near Kupiansk, the statement said."}
"""A record whose stated date is not a date: analysed, with a warning."""
BAD_LINES = ('{"id": "huge", "text": "x", "n": ' + "9" * 5000 + "}",  # a number Python will not read
             '{"id": "half", "text": "Kyiv said \\ud800 it held the line."}',  # a lone surrogate
             "not json")
DOCUMENTS = len(ARTICLES) + 1


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's text articles as JSON Lines, half with ids; a record that yields a warning in the middle, lines
    that fail at the start, in the middle and at the end, and a blank line."""
    path = tmp_path_factory.mktemp("batch") / "feed.jsonl"
    rows = [json.dumps({"id": p.stem, "text": p.read_text()} if i % 2 else {"text": p.read_text()})
            for i, p in enumerate(ARTICLES)]
    middle = len(rows) // 2
    rows = [BAD_LINES[0], *rows[:middle], json.dumps(UNDATED), BAD_LINES[1], *rows[middle:], "", BAD_LINES[2]]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def messages(stderr: str) -> list[str]:
    """The error and warning lines a command printed."""
    return [line for line in stderr.splitlines() if line.startswith(("sitrep: error: ", "sitrep: warning: "))]


def parquet_rows(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    return [row for part in sorted((folder / table).glob("part-*.parquet")) for row in pq.read_table(part).to_pylist()]


def events_of(records: list[dict]) -> list[tuple]:
    return sorted((r["doc_id"], i, e["type"], e["actor"], json.dumps(e["places"], ensure_ascii=False), e["claimant"],
                   e["certainty"], e["evidence"]) for r in records for i, e in enumerate(r["events"]))


@pytest.fixture(scope="module")
def batch_run(feed: Path):
    from click.testing import CliRunner

    from sitrep.cli import main

    result = CliRunner().invoke(main, ["batch", str(feed), str(feed.parent / "out"), "--workers", "2",
                                       "--partitions", "3"])
    assert result.exit_code == 0, result.output
    assert f"{DOCUMENTS} documents" in result.output and "3 failed, in 3 tasks" in result.output
    return result


@pytest.fixture(scope="module")
def batched(feed: Path, batch_run) -> Path:
    return feed.parent / "out"


def test_batch_reports_each_failure_and_warning_as_analyze_does(invoke, feed: Path, batch_run):
    analyzed = invoke("analyze", feed)
    expected = messages(analyzed.stderr)
    assert [m.split(": ")[2] for m in expected] == [f"{feed}:{n}" for n in (1, 2 + len(ARTICLES) // 2,
                                                                          3 + len(ARTICLES) // 2, 5 + len(ARTICLES))]
    assert "number too long to read" in expected[0] and "is not a date" in expected[1]
    assert "surrogate" in expected[2] and "not valid JSON" in expected[3]
    assert messages(batch_run.stderr) == expected


def test_batch_gives_what_analyze_gives(invoke, feed: Path, batched: Path):
    analyzed = [json.loads(line) for line in invoke("analyze", feed).stdout.splitlines()]
    rows = parquet_rows(batched, "events")
    assert sorted((r["doc_id"], r["ordinal"], r["type"], r["actor"], r["places"], r["claimant"], r["certainty"],
                   r["evidence"]) for r in rows) == events_of(analyzed)
    documents = parquet_rows(batched, "documents")
    assert sorted(d["doc_id"] for d in documents) == sorted(r["doc_id"] for r in analyzed)
    assert {d["doc_id"] for d in documents} >= {"feed-2", ARTICLES[1].stem}  # line numbers where no id is given
    places = parquet_rows(batched, "places")
    assert len(places) == sum(len(r["places"]) for r in analyzed)
    assert len(parquet_rows(batched, "quantities")) == sum(len(r["quantities"]) for r in analyzed)


def test_ingest_from_parquet_gives_the_ledger_ingest_gives(invoke, feed: Path, batched: Path, tmp_path: Path):
    from sitrep.store import Store
    from tests.ledger.test_ledger import dump

    assert invoke("ingest", feed, "--db", tmp_path / "direct.db").exit_code == 1  # the broken line
    loaded = invoke("ingest", "--from-parquet", batched, "--db", tmp_path / "parquet.db")
    assert loaded.exit_code == 0 and loaded.stdout.startswith(f"{DOCUMENTS} new, 0 duplicate")
    with Store.open(tmp_path / "direct.db") as direct, Store.open(tmp_path / "parquet.db") as parquet:
        assert dump(parquet) == dump(direct)
    again = invoke("ingest", "--from-parquet", batched, "--db", tmp_path / "parquet.db")
    assert again.stdout.startswith(f"0 new, {DOCUMENTS} duplicate")


def test_parquet_input(invoke, feed: Path, tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": p.stem, "text": p.read_text(), "outlet": None} for p in ARTICLES[:4]]
    source = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(records), source)
    as_jsonl = tmp_path / "articles.jsonl"
    as_jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = invoke("batch", source, tmp_path / "out", "--workers", "1")
    assert result.exit_code == 0, result.output
    analyzed = [json.loads(line) for line in invoke("analyze", as_jsonl).stdout.splitlines()]
    rows = parquet_rows(tmp_path / "out", "events")
    assert len(rows) == sum(len(r["events"]) for r in analyzed) > 0


def test_missing_input_and_empty_output_say_what_to_do(invoke, tmp_path: Path):
    missing = invoke("batch", tmp_path / "none.jsonl", tmp_path / "out", "--workers", "1")
    assert missing.exit_code == 1 and "none.jsonl" in missing.output
    nothing = invoke("batch", tmp_path, tmp_path / "out", "--workers", "1")
    assert nothing.exit_code == 1 and f"{tmp_path}: holds no .parquet files" in nothing.output
    empty = invoke("ingest", "--from-parquet", tmp_path, "--db", tmp_path / "s.db")
    assert empty.exit_code == 1 and "give the OUTPUT folder of a `sitrep batch` run" in empty.output
    both = invoke("ingest", tmp_path, "--from-parquet", tmp_path)
    assert both.exit_code == 2 and "not both" in both.output
