"""Check a store: SQLite's own integrity check, and that the ledger agrees with the documents it was built from.

A store is a research record, so after a crash, a full disk or a copy between machines a user must be able to
ask whether it is whole (`sitrep check`). The ledger's kept values (each event's place, date, status and source
counts; the per-place and per-day counts) are recomputed from the claims inside a savepoint that is rolled
back, so checking never changes the store. `repair` rebuilds what is derived (the full-text index, the ledger
of documents whose claims are missing or differ, the kept values) from the stored documents, which it never
changes; damage SQLite itself reports is beyond it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from sitrep import ledger
from sitrep.errors import StoreError
from sitrep.ledger import link
from sitrep.store import Store

SAMPLE = 5
"""How many ids to name per kind of problem."""


DAMAGED = "restore the store from a backup, or save what can be read with the sqlite3 shell's .recover"


def problems(db: sqlite3.Connection) -> list[str]:
    """Everything wrong with the store, one line each; an empty list means it is whole."""
    try:
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"SQLite integrity check: {line}" for line in integrity[:20]] + [DAMAGED]
        return _ledger_problems(db)
    except sqlite3.DatabaseError as exc:
        return [f"the file is damaged ({exc}); {DAMAGED}"]


def _ledger_problems(db: sqlite3.Connection) -> list[str]:
    found = [f"foreign key: {r[0]} row {r[1]} points at a missing {r[2]} row"
             for r in db.execute("PRAGMA foreign_key_check").fetchall()[:20]]
    found += _fts(db)
    found += _queries(db)
    found += _claims_match_analysis(db)
    found += _kept_values(db)
    return found


def _fts(db: sqlite3.Connection) -> list[str]:
    try:
        db.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"full-text index: {exc}"]
    return []


QUERIES = (
    ("documents without a source", "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM document_sources)"),
    ("documents missing from the ledger", "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM signatures)"),
    ("claims linked to no event", "SELECT id FROM claims WHERE event_id IS NULL"),
    ("events without claims", "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM claims WHERE event_id IS NOT NULL)"),
)


def _queries(db: sqlite3.Connection) -> list[str]:
    found = []
    for what, sql in QUERIES:
        ids = [r[0] for r in db.execute(sql)]
        if ids:
            found.append(f"{len(ids)} {what}: {_some(ids)}")
    return found


def _claims_match_analysis(db: sqlite3.Connection) -> list[str]:
    """Each document's claims and figures in the ledger are the ones its stored analysis lists."""
    wrong_claims, wrong_figures = _differing(db)
    found = []
    if wrong_claims:
        found.append(f"{len(wrong_claims)} documents whose claims differ from their analysis: {_some(wrong_claims)}")
    if wrong_figures:
        found.append(f"{len(wrong_figures)} documents whose figures differ from their analysis: {_some(wrong_figures)}")
    return found


def _differing(db: sqlite3.Connection) -> tuple[list[int], list[int]]:
    """Ids of the ledger's documents whose claims, and whose figures, are not the ones their analysis lists."""
    wrong_claims, wrong_figures = [], []
    stored = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT d.id, (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
        " (SELECT count(*) FROM quantities q WHERE q.document_id = d.id) FROM documents d"
        " WHERE d.id IN (SELECT document_id FROM signatures)")}
    for document_id, analysis in _analyses(db):
        record = json.loads(analysis)
        claims, figures = stored.get(document_id, (0, 0))
        if claims != len(link.claim_rows(document_id, record)):
            wrong_claims.append(document_id)
        if figures != len(record.get("quantities") or []):
            wrong_figures.append(document_id)
    return wrong_claims, wrong_figures


def _analyses(db: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(id, analysis) of the documents in the ledger, a page at a time so a large store is not held at once."""
    last = 0
    while page := db.execute("SELECT id, analysis FROM documents WHERE id > ? AND id IN (SELECT document_id FROM"
                             " signatures) ORDER BY id LIMIT 500", (last,)).fetchall():
        yield from ((r[0], r[1]) for r in page)
        last = page[-1][0]


def _kept_values(db: sqlite3.Connection) -> list[str]:
    """Recompute every event and the per-place and per-day counts from the claims; report what differs."""
    tables = {"events": "SELECT * FROM events ORDER BY id", "place_stats": "SELECT * FROM place_stats ORDER BY place, admin1",
              "day_stats": "SELECT * FROM day_stats ORDER BY day, type"}
    kept = {name: [tuple(r) for r in db.execute(sql)] for name, sql in tables.items()}
    db.execute("SAVEPOINT sitrep_check")
    try:
        for (event_id,) in db.execute("SELECT id FROM events").fetchall():
            link.recompute(db, event_id)
        link.rebuild_stats(db)
        fresh = {name: [tuple(r) for r in db.execute(sql)] for name, sql in tables.items()}
    finally:
        db.execute("ROLLBACK TO sitrep_check")
        db.execute("RELEASE sitrep_check")
    found = []
    for name in tables:
        if kept[name] != fresh[name]:
            differ = sorted({row[0] for row in set(kept[name]) ^ set(fresh[name])}, key=str)
            found.append(f"{name}: kept values differ from a recount ({len(kept[name])} rows kept, {len(fresh[name])} "
                         f"recounted; differing: {_some(differ)})")
    return found


def _some(ids: list) -> str:
    return ", ".join(str(i) for i in ids[:SAMPLE]) + (", ..." if len(ids) > SAMPLE else "")


def repair(store: Store) -> list[str]:
    """Rebuild the full-text index and the ledger from the stored documents where they disagree, in one
    transaction; returns what was done."""
    with store.transaction():
        return _repair(store.db)


def _repair(db: sqlite3.Connection) -> list[str]:
    try:
        whole = [r[0] for r in db.execute("PRAGMA integrity_check")] == ["ok"]
    except sqlite3.DatabaseError:
        whole = False
    if not whole:
        raise StoreError(f"SQLite reports damage to the file itself, beyond repair from within; {DAMAGED}")
    done = []
    if _fts(db):
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        done.append("rebuilt the full-text index")
    unlinked = {r[0] for r in db.execute("SELECT DISTINCT document_id FROM claims WHERE event_id IS NULL")}
    redo = sorted(unlinked.union(*_differing(db), ledger.pending(db)))
    for document_id in redo:  # their ledger rows go, then they are added as new
        events = [r[0] for r in db.execute("SELECT DISTINCT event_id FROM claims WHERE document_id = ?"
                                           " AND event_id IS NOT NULL", (document_id,))]
        for table in ("claims", "quantities", "copies", "buckets", "signatures"):
            db.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        for event_id in events:
            link.summarize(db, event_id)
    for document_id in redo:
        ledger.add(db, document_id)
    if redo:
        done.append(f"added {len(redo)} documents to the ledger again: {_some(redo)}")
    if _kept_values(db):
        for (event_id,) in db.execute("SELECT id FROM events").fetchall():
            link.recompute(db, event_id)
        link.rebuild_stats(db)
        done.append("recounted the events and the per-place and per-day counts")
    return done
