"""`sitrep check` finds what is wrong with a store, and `--repair` rebuilds it from the stored articles."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sitrep.ledger.check import problems
from sitrep.store import Store

DAMAGE = {
    "a count kept wrong": ("UPDATE events SET sources = sources + 1 WHERE id = (SELECT min(id) FROM events)",
                           "events: kept values differ from a recount"),
    "a document's claims lost": ("DELETE FROM claims WHERE document_id = (SELECT min(id) FROM documents)",
                                 "documents whose claims differ from their analysis"),
    "a document left out of the ledger": ("DELETE FROM signatures WHERE document_id = (SELECT max(id) FROM documents)",
                                          "documents missing from the ledger"),
    "the full-text index out of step": ("INSERT INTO documents_fts(documents_fts, rowid, title, text, outlet) SELECT"
                                        " 'delete', id, title, text, outlet FROM documents WHERE id = 1",
                                        "full-text index"),
    "a place count kept wrong": ("UPDATE place_stats SET claims = claims + 5 WHERE rowid = 1",
                                 "place_stats: kept values differ from a recount"),
}


@pytest.fixture
def copy(ledger_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copy(ledger_db, path)
    return path


def test_a_whole_store_checks_ok(invoke, copy: Path):
    result = invoke("check", "--db", copy)
    assert result.exit_code == 0
    assert result.output.startswith(f"{copy}: ok (6 documents")


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_is_named_and_repaired(invoke, copy: Path, damage: str):
    sql, named = DAMAGE[damage]
    with Store.open(copy) as store:
        before = sorted(tuple(r) for r in store.db.execute("SELECT type, place, status, claims, sources FROM events"))
        texts = [tuple(r) for r in store.db.execute("SELECT id, text, analysis FROM documents ORDER BY id")]
    with sqlite3.connect(copy) as db:
        db.execute(sql)
    result = invoke("check", "--db", copy)
    assert result.exit_code == 1
    assert named in result.output and "`sitrep check --repair`" in result.output
    repaired = invoke("check", "--db", copy, "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "repaired: " in repaired.output and ": ok (6 documents" in repaired.output
    with Store.open(copy) as store:
        assert sorted(tuple(r) for r in store.db.execute("SELECT type, place, status, claims, sources FROM events")) == before
        assert [tuple(r) for r in store.db.execute("SELECT id, text, analysis FROM documents ORDER BY id")] == texts


def test_checking_changes_nothing(copy: Path):
    with sqlite3.connect(copy) as db:
        db.execute(DAMAGE["a count kept wrong"][0])
    with Store.open(copy) as store:
        assert problems(store.db) and problems(store.db)  # still wrong: the recount was rolled back
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_damaged_file_is_beyond_repair_and_says_so(invoke, copy: Path):
    data = bytearray(copy.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6), 97):  # scribble over a few pages past the schema
        data[offset] ^= 0xFF
    copy.write_bytes(bytes(data))
    result = invoke("check", "--db", copy, "--repair")
    assert result.exit_code == 1
    assert "backup" in result.output
