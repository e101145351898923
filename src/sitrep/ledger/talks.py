"""What a negotiation or prisoner-exchange claim says was done (held, proposed, demanded, agreed, rejected, a
ceasefire) and who took part, read from its evidence with the patterns of data/talks.tsv when the claim is added
to the ledger; the talks view only gathers what was stored."""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from importlib import resources

from sitrep import vocab

TALK_TYPES = tuple(t.name for t in vocab.event_types() if t.section == "talks")
KINDS = {"what": "outcomes", "party": "parties"}
"""Kind of row in data/talks.tsv -> the claims column that keeps its labels."""


@cache
def _words() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    text = resources.files("sitrep").joinpath("data/talks.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple((kind, label, re.compile(pattern, re.IGNORECASE)) for kind, label, pattern in rows)


def terms(kind: str, evidence: str) -> dict[str, str | None]:
    """The claims columns `parties` and `outcomes` of one claim: labels in file order, NULL for other types."""
    if kind not in TALK_TYPES:
        return {column: None for column in KINDS.values()}
    return {column: ", ".join(label for k, label, pattern in _words() if k == row_kind and pattern.search(evidence))
            for row_kind, column in KINDS.items()}


def gather(column: str, stored: list[str | None]) -> str:
    """The labels of one event's claims together, each once, in file order."""
    seen = {label for value in stored if value for label in value.split(", ")}
    kind = next(k for k, c in KINDS.items() if c == column)
    return ", ".join(label for k, label, _ in _words() if k == kind and label in seen)


def fill(db: sqlite3.Connection) -> int:
    """Read the terms of talk claims stored before the columns existed; returns how many claims."""
    rows = db.execute(f"SELECT id, type, evidence FROM claims WHERE parties IS NULL AND type IN "
                      f"({', '.join('?' * len(TALK_TYPES))})", TALK_TYPES).fetchall()
    for row in rows:
        found = terms(row["type"], row["evidence"])
        db.execute("UPDATE claims SET parties = ?, outcomes = ? WHERE id = ?", (found["parties"], found["outcomes"], row["id"]))
    return len(rows)
