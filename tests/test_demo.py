"""The bundled demo corpus: every article reads cleanly, and ingesting it twice changes nothing."""

import json
import sqlite3
from pathlib import Path

from tests.conftest import EXAMPLES, analyze_paths


def dump(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_demo_corpus_reads_with_metadata():
    items = analyze_paths(EXAMPLES)
    assert all(not hasattr(i, "message") for i in items), [getattr(i, "message", "") for i in items]
    assert len(items) >= 12
    assert {Path(d.source.split(":")[0]).suffix for d in items} == {".txt", ".html", ".jsonl"}
    for doc in items:
        assert doc.published and doc.outlet and doc.title and doc.language == "en", doc.doc_id
        assert doc.word_count > 150, doc.doc_id


def test_ingesting_the_demo_twice_leaves_the_store_unchanged(invoke, tmp_path: Path):
    db = tmp_path / "demo.db"
    first = invoke("ingest", EXAMPLES, "--db", db)
    assert first.exit_code == 0, first.output
    assert int(first.stdout.split()[0]) >= 12
    before = dump(db)
    second = invoke("ingest", EXAMPLES, "--db", db)
    assert second.exit_code == 0 and second.stdout.startswith("0 new, ")
    assert dump(db) == before


def test_syndicated_copy_in_the_demo_is_stored_once(invoke, tmp_path: Path):
    db = tmp_path / "demo.db"
    summary = invoke("ingest", EXAMPLES, "--db", db).stdout
    items = analyze_paths(EXAMPLES)
    distinct = len({doc.key for doc in items})
    assert distinct < len(items)  # the feed carries a copy of a wire story with other chrome
    assert summary.startswith(f"{distinct} new, {len(items) - distinct} duplicate")
    rows = [json.loads(line) for line in invoke("docs", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert max(r["sources"] for r in rows) == 2
