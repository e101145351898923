"""The ledger across documents, kept in the store: each document's claims and figures, the copies among
documents, and the events that claims from many documents tell.

`add(db, document_id)` runs when a new document is stored, in the same transaction (ingest hands it to
`Store.add` as `on_new`): it records the document's
claims and quantities, links it to the document it copies (sitrep.ledger.copies), and links its claims to
events (sitrep.ledger.link). Nothing else is recomputed, so ingesting more documents costs in proportion to
them, and a document already stored is never added twice. The views over the ledger (control, series, talks,
sources, contradictions) are queries: sitrep.ledger.views; sitrep.ledger.check tells whether the ledger agrees
with the documents and rebuilds it where not.

The ledger reads the store, the vocabulary and the gazetteer, never the language stack: what it needs from a
text was extracted when the document was analysed.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sitrep.claimants import side_of
from sitrep.ledger import copies, link, talks
from sitrep.store import Store

QUANTITY_COLUMNS = ("document_id", "ordinal", "measure", "value", "value_max", "unit", "period_start", "period_end",
                    "actor", "place", "admin1", "claimant", "claimant_side", "evidence")


def add(db: sqlite3.Connection, document_id: int) -> list[int]:
    """Add one stored document to the ledger; returns the events its claims joined or created."""
    row = db.execute("SELECT text, analysis FROM documents WHERE id = ?", (document_id,)).fetchone()
    record = json.loads(row["analysis"])
    copies.add(db, document_id, row["text"])
    claims = link.claim_rows(document_id, record)
    if claims:
        columns = list(claims[0])
        db.executemany(f"INSERT INTO claims ({', '.join(_quote(c) for c in columns)}) VALUES "
                       f"({', '.join('?' * len(columns))})", [tuple(c[k] for k in columns) for c in claims])
    db.executemany(f"INSERT INTO quantities ({', '.join(QUANTITY_COLUMNS)}) VALUES ({', '.join('?' * len(QUANTITY_COLUMNS))})",
                   [_quantity_row(document_id, i, q) for i, q in enumerate(record.get("quantities") or [])])
    return link.link(db, document_id)


def _quote(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def _quantity_row(document_id: int, ordinal: int, q: dict[str, Any]) -> tuple[Any, ...]:
    period = q.get("period") or {}
    place = (q.get("places") or [{}])[0]
    claimant = q.get("claimant")
    return (document_id, ordinal, q["measure"], q["value"], q.get("value_max"), q["unit"], period.get("start"),
            period.get("end"), q.get("actor"), place.get("name"), place.get("admin1"), claimant,
            side_of(claimant) if claimant else None, q.get("evidence") or "")


def pending(db: sqlite3.Connection) -> list[int]:
    """Stored documents not yet in the ledger (a store made before the ledger existed), oldest first."""
    return [r[0] for r in db.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM signatures) ORDER BY id")]


def catch_up(store: Store) -> int:
    """Add the stored documents the ledger lacks (a store from before the ledger), one transaction each;
    returns how many."""
    todo = pending(store.db)
    if store.db.execute("SELECT NOT EXISTS (SELECT 1 FROM place_stats) AND EXISTS (SELECT 1 FROM events)").fetchone()[0]:
        with store.transaction():
            link.rebuild_stats(store.db)
    with store.transaction():
        talks.fill(store.db)
    for document_id in todo:
        with store.transaction():
            add(store.db, document_id)
    return len(todo)
