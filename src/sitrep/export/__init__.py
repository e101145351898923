"""Exports of the ledger's events for the tools analysts use: ACLED-style CSV, GeoJSON, CSV, JSON Lines and
Parquet. Each format is an exporter registered by name (sitrep.registry.exporters); all export the same
records, built once here: an event with its place, dates, status, sources and claims."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import IO, Any

from sitrep import registry
from sitrep.ledger import views

Exporter = Callable[[list[dict[str, Any]], IO[bytes]], None]
COUNTRIES = {"UA": "Ukraine", "RU": "Russia", "BY": "Belarus", "MD": "Moldova", "PL": "Poland", "RO": "Romania",
             "TR": "Turkey", "SA": "Saudi Arabia", "US": "United States"}
"""Country names for the codes a war's places carry; others are exported as their code."""


@cache
def outlines() -> dict[str, Any]:
    """The first-level divisions of the theater as GeoJSON (Natural Earth, data/admin1.geojson)."""
    return json.loads(resources.files("sitrep").joinpath("data/admin1.geojson").read_text(encoding="utf-8"))


@cache
def admin1_names() -> dict[str, str]:
    """ISO 3166-2 code -> the division's English name."""
    return {f["properties"]["iso"]: f["properties"]["name"] for f in outlines()["features"]}


def records(db: sqlite3.Connection, f: views.Filter = views.ALL) -> list[dict[str, Any]]:
    """The events the filter keeps, each with its claims, the dead its claims' sentences count, and names for
    its country and oblast."""
    out = []
    for event in views.events(db, f):
        claims = views.event_claims(db, event["id"])
        out.append({
            **event,
            "country_name": COUNTRIES.get(event["country"] or "", event["country"]),
            "admin1_name": admin1_names().get(event["admin1"] or "", event["admin1"]),
            "fatalities": _fatalities(db, claims),
            "outlet_names": "; ".join(sorted({c["outlet"] for c in claims if c["outlet"]})),
            "urls": " ".join(sorted({c["url"] for c in claims if c["url"]})),
            "claims_list": [{k: c[k] for k in ("claimant", "claimant_side", "certainty", "date_start", "date_end",
                                               "outlet", "doc_id", "published", "url", "evidence", "start", "end")}
                            for c in claims],
        })
    return out


def _fatalities(db: sqlite3.Connection, claims: list[dict[str, Any]]) -> int:
    """The highest death toll given in the sentences of an event's claims (0 where none is given, as ACLED)."""
    best = 0
    for claim in claims:
        for q in db.execute("SELECT value, evidence FROM quantities WHERE document_id = ? AND measure = 'killed'",
                            (claim["document_id"],)):
            if q["evidence"] and q["evidence"] in claim["evidence"]:
                best = max(best, int(q["value"]))
    return best


def export(db: sqlite3.Connection, fmt: str, out: IO[bytes], f: views.Filter = views.ALL) -> int:
    """Write the events the filter keeps in format `fmt` to `out`; returns how many."""
    from sitrep.export import formats  # noqa: F401  (registers the built-in exporters)

    writer: Exporter = registry.exporters.get(fmt)
    rows = records(db, f)
    writer(rows, out)
    return len(rows)


def names() -> list[str]:
    from sitrep.export import formats  # noqa: F401

    return sorted(registry.exporters.get_all())
