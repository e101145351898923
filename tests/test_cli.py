"""The `sitrep` command as a user runs it: output shapes, summaries, exit codes, messages."""

import json
from pathlib import Path

import pytest

from sitrep import __version__
from sitrep.cli import main

ARTICLE = ("url: https://kyivledger.example/2025/01/07/kurakhove\noutlet: Kyiv Ledger\npublished: 2025-01-07\n"
           "title: Fighting goes on in Kurakhove\n\nUkraine's General Staff said on Monday that fighting continued "
           "in Kurakhove, a day after Russia's defence ministry claimed the town.\n")
EXTRACTION_KEYS = {"doc_id", "published", "outlet", "title", "places", "events", "quantities", "slant"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kurakhove.txt").write_text(ARTICLE)
    (folder / "second.txt").write_text("Drones struck an oil depot in Bryansk region overnight, the governor "
                                       "said on Telegram, adding that nobody was hurt.\n")
    return folder


def test_version_and_help(invoke):
    assert invoke("--version").output.strip() == f"sitrep, version {__version__}"
    for command in [[], *([name] for name in main.commands)]:
        result = invoke(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_analyze_prints_extraction_records(invoke, corpus: Path):
    result = invoke("analyze", corpus / "kurakhove.txt")
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert set(record) >= EXTRACTION_KEYS
    assert record["doc_id"] == "kurakhove" and record["published"] == "2025-01-07"
    assert record["outlet"] == "Kyiv Ledger" and "text" not in record
    assert [(p["name"], p["admin1"]) for p in record["places"]] == [("Kurakhove", "UA-14")]
    with_text = json.loads(invoke("analyze", corpus / "kurakhove.txt", "--with-text").output)
    assert with_text["text"].startswith("Ukraine's General Staff said")


def test_analyze_reads_stdin(invoke):
    result = invoke("analyze", "-", input=ARTICLE)
    assert json.loads(result.output)["doc_id"] == "stdin"


def test_analyze_table(invoke, corpus: Path):
    result = invoke("analyze", corpus, "--format", "table")
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["DOC_ID", "PUBLISHED", "OUTLET"]
    assert len(lines) == 3 and "Kyiv Ledger" in result.output


def test_bad_input_is_one_line_and_exit_status_1(invoke, corpus: Path):
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = invoke("analyze", corpus)
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["kurakhove", "second"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("sitrep: error: ") and "image.txt: is a PNG image" in errors[0]


def test_ingest_twice_stores_once_and_says_so(invoke, corpus: Path, tmp_path: Path):
    db = tmp_path / "s.db"
    first = invoke("ingest", corpus, "--db", db)
    assert first.exit_code == 0 and first.stdout.strip() == f"2 new, 0 duplicate, 0 failed; 2 documents in {db}"
    second = invoke("ingest", corpus, "--db", db)
    assert second.stdout.strip() == f"0 new, 2 duplicate, 0 failed; 2 documents in {db}"
    assert "already stored" in second.stderr


def test_docs_and_show(invoke, corpus: Path, tmp_path: Path):
    db = tmp_path / "s.db"
    invoke("ingest", corpus, "--db", db)
    listing = invoke("docs", "--db", db).output.splitlines()
    assert listing[0].split()[:2] == ["ID", "DOC_ID"] and len(listing) == 3
    assert "kurakhove" in listing[1]  # dated documents first
    search = invoke("docs", "--db", db, "--search", "oil depot", "--format", "jsonl")
    found = [json.loads(x) for x in search.output.splitlines()]
    assert [d["doc_id"] for d in found] == ["second"]
    assert invoke("docs", "--db", db, "--since", "2025-01-08").output.splitlines()[1:] == []
    shown = invoke("show", "kurakhove", "--db", db).output
    assert "published:   2025-01-07  (header)" in shown and "fighting continued in Kurakhove" in shown
    record = json.loads(invoke("show", "kurakhove", "--db", db, "--format", "json").output)
    assert record["sources"][0]["doc_id"] == "kurakhove"
    assert {e["type"] for e in record["analysis"]["events"]} <= {"ground_fighting", "control_claim"}
    assert all(e["evidence"] in record["text"] for e in record["analysis"]["events"])


def test_user_errors_name_the_input_and_what_to_do(invoke, tmp_path: Path):
    bad_date = invoke("docs", "--db", tmp_path / "s.db", "--since", "last week")
    assert bad_date.exit_code == 2 and "'last week' is not a date; write it as YYYY-MM-DD" in bad_date.output
    missing = invoke("docs", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1 and "no store here" in missing.output
    assert not (tmp_path / "none.db").exists()
    unknown = invoke("show", "nothing", "--db", tmp_path / "none.db")
    assert unknown.exit_code == 1
    junk = tmp_path / "junk.db"
    junk.write_text("not a database" * 50)
    result = invoke("ingest", tmp_path, "--db", junk)
    assert result.exit_code == 1 and "not a usable sitrep store" in result.output
    assert junk.read_text() == "not a database" * 50


def test_a_parser_that_is_not_installed_stops_before_the_first_document(invoke, corpus: Path, tmp_path: Path):
    result = invoke("ingest", corpus, "--db", tmp_path / "s.db", "--parser", "no_such_model")
    assert result.exit_code == 1
    assert "no spaCy model of that name is installed" in result.output and "--parser none" in result.output
    assert not (tmp_path / "s.db").exists()
    words_only = invoke("analyze", corpus / "kurakhove.txt", "--parser", "none")
    assert words_only.exit_code == 0 and json.loads(words_only.output)["events"]
