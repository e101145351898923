"""The `places` stage: finds place names in the cleaned text and resolves each to a gazetteer place, or to
the precision that is true (spec/EXTRACTION.md, PLACE)."""

from __future__ import annotations

from typing import Any

from sitrep import registry
from sitrep.document import Document
from sitrep.options import Options
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.recognize import Recognizer
from sitrep.places.resolve import Resolved, Resolver
from sitrep.places.tiers import gazetteer_for


def find_places(text: str, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The distinct places a text names, first mention first, each with all its mentions."""
    mentions = Recognizer(gazetteer).mentions(text)
    resolved = Resolver(gazetteer).resolve(mentions)
    places: dict[tuple, dict[str, Any]] = {}
    for m, r in zip(mentions, resolved, strict=True):
        if r is None:
            continue
        end = m.label_end or m.end
        entry = places.get(r.identity)
        if entry is None:
            places[r.identity] = entry = place_entry(r) | {"mention": text[m.start:end], "start": m.start, "end": end,
                                                       "mentions": []}
        entry["mentions"].append([m.start, end])
    return list(places.values())


def place_entry(r: Resolved) -> dict[str, Any]:
    """The fields of a PLACE entry (spec/EXTRACTION.md) for one resolved name."""
    return {"name": r.name, "geonameid": r.geonameid,
            "lat": None if r.lat is None else round(r.lat, 5), "lon": None if r.lon is None else round(r.lon, 5),
            "admin1": r.admin1, "country": r.country, "kind": r.kind, "precision": r.precision}


@registry.stages.register("places")
def places(doc: Document, options: Options) -> None:
    """Set doc.analysis["places"]."""
    doc.analysis["places"] = find_places(doc.text, gazetteer_for(options.gazetteer))
