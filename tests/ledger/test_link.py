"""Linking claims to events keeps its per-place counts true whatever order the documents come in."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep import ledger
from sitrep.ledger.check import problems
from sitrep.store import Store

RODYNSKE = {"name": "Rodynske", "admin1": "Donetsk Oblast", "country": "UA", "lat": 48.35, "lon": 37.21,
            "kind": "settlement", "precision": "settlement", "geonameid": 1}
POKROVSK = {"name": "Pokrovsk", "admin1": "Donetsk Oblast", "country": "UA", "lat": 48.28, "lon": 37.18,
            "kind": "settlement", "precision": "settlement", "geonameid": 2}


def row(key: str, published: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    text = f"report {key} " * 20
    return {"key": key, "doc_id": key, "title": key, "published": published, "outlet": f"outlet {key}", "url": None,
            "language": "en", "word_count": 40, "text": text, "raw": text, "offsets": "[]", "removed": "[]",
            "provenance": "{}", "analysis": json.dumps({"events": events, "quantities": []}), "source": key}


def event(kind: str, place: dict[str, Any], actor: str | None = None) -> dict[str, Any]:
    return {"type": kind, "actor": actor, "places": [place], "date": {"start": "2025-03-01"}, "evidence": kind}


DOCUMENTS = [
    row("strike", "2025-03-01", [event("strike", RODYNSKE, "RU")]),
    row("pokrovsk", "2025-03-01", [event("control_claim", POKROVSK, "RU")]),
    # a control claim at a settlement near the other one's: it may join that event, yet Rodynske's own count
    # of control claims must follow
    row("rodynske", "2025-03-01", [event("control_claim", RODYNSKE, "RU")]),
]


def kept(db) -> list[tuple]:
    return [tuple(r) for r in db.execute("SELECT place, events, claims, control FROM place_stats ORDER BY place")]


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(DOCUMENTS)))))
def test_place_counts_agree_with_a_recount_in_every_ingest_order(tmp_path: Path, order: tuple[int, ...]):
    with Store.open(tmp_path / "order.db") as store:
        for i in order:
            store.add_row(DOCUMENTS[i], ledger.add)
        assert problems(store.db) == []
        assert {place: control for place, _, _, control in kept(store.db)}["Rodynske"] == "RU"
