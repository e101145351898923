"""Places: the `places` stage finds place names in the cleaned text and resolves each to a gazetteer
place, or to the precision that is true (spec/EXTRACTION.md, PLACE)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from sitrep import registry
from sitrep.document import Document
from sitrep.options import Options
from sitrep.places.gazetteer import Gazetteer, needs_build, open_gazetteer, resolve_choice, tier_path
from sitrep.places.recognize import Recognizer
from sitrep.places.resolve import Resolved, Resolver


def gazetteer_for(choice: str | None) -> Gazetteer:
    """The chosen gazetteer, built first if it must be, opened once per file version per process."""
    path = resolve_choice(choice)
    if not path.exists() or (path == tier_path("default") and _stale(str(path), path.stat().st_mtime_ns)):
        open_gazetteer(choice).close()  # builds the default tier, or says what is missing
    return _opened(str(path), path.stat().st_mtime_ns)


@cache
def _stale(path: str, mtime_ns: int) -> bool:
    return needs_build(Path(path))


@cache
def _opened(path: str, mtime_ns: int) -> Gazetteer:
    return Gazetteer(Path(path))


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
            places[r.identity] = entry = record(r) | {"mention": text[m.start:end], "start": m.start, "end": end,
                                                       "mentions": []}
        entry["mentions"].append([m.start, end])
    return list(places.values())


def record(r: Resolved) -> dict[str, Any]:
    return {"name": r.name, "geonameid": r.geonameid,
            "lat": None if r.lat is None else round(r.lat, 5), "lon": None if r.lon is None else round(r.lon, 5),
            "admin1": r.admin1, "country": r.country, "kind": r.kind, "precision": r.precision}


@registry.stages.register("places")
def places(doc: Document, options: Options) -> None:
    """Set doc.analysis["places"]."""
    doc.analysis["places"] = find_places(doc.text, gazetteer_for(options.gazetteer))
