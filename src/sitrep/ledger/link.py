"""Events from claims: claims from different documents that tell the same happening become one event.

Two claims tell the same happening when they are of the same type, their places are compatible (the same
settlement, by GeoNames id, by name within one oblast, or within 15 km; an oblast-level claim and a settlement
in that oblast when their dates overlap), their dates overlap (an undated claim counts as the few days before
its report was published), and their actors agree (or one is unknown). Captures claimed by opposite sides are
two events, which `contradictions` then sets side by side. An event keeps every claim; its place and date are
the most precise its claims support, and its status sums up who asserts it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections import Counter
from typing import Any

from sitrep.ledger import talks
from sitrep.places.names import fold
from sitrep.vocab import OPPOSITE

PLACE_KM = 15.0
DATE_SLACK = dt.timedelta(days=1)
UNDATED = dt.timedelta(days=3)
"""An undated claim is taken to be about the days up to its report's publication."""
RETOLD = dt.timedelta(days=14)
PRECISION = {"settlement": 0, "district": 1, "region": 1, "admin2": 1, "admin1": 2, "country": 3}


def claim_rows(document_id: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims rows of one document's extraction record: one per event, its most specific place first."""
    rows = []
    for ordinal, event in enumerate(record.get("events") or []):
        places = event.get("places") or []
        place = places[0] if places else {}
        date = event.get("date") or {}
        rows.append({
            "document_id": document_id, "ordinal": ordinal, "type": event["type"], "actor": event.get("actor"),
            "date_start": date.get("start"), "date_end": date.get("end") or date.get("start"),
            "place": place.get("name"), "geonameid": place.get("geonameid"), "admin1": place.get("admin1"),
            "country": place.get("country"), "lat": place.get("lat"), "lon": place.get("lon"),
            "precision": place.get("kind") if place.get("precision") != "admin1" else "admin1",
            "places": json.dumps(places, ensure_ascii=False), "claimant": event.get("claimant"),
            "claimant_side": event.get("claimant_side"), "certainty": event.get("certainty") or "asserted",
            "evidence": event.get("evidence") or "", "start": event.get("start"), "end": event.get("end"),
            **talks.terms(event["type"], event.get("evidence") or ""),
        })
    return rows


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _level(row: dict[str, Any]) -> int | None:
    return PRECISION.get(row.get("precision") or "", 2) if row.get("place") else None


def same_place(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """True: the same settlement; None: compatible only loosely (one oblast, one country, or a place missing on one
    side), so the dates must decide; False: different places."""
    la, lb = _level(a), _level(b)
    if la is None or lb is None:
        return None  # talks "in Istanbul" and talks with no place named: the dates decide
    if la == 0 and lb == 0:
        if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
            return True
        if fold(a["place"]) == fold(b["place"]) and a.get("admin1") == b.get("admin1"):
            return True
        return _km(a, b) <= PLACE_KM
    if a.get("admin1") and a.get("admin1") == b.get("admin1"):
        return None
    if max(la, lb) == 3 and a.get("country") == b.get("country"):
        return None  # "struck Ukraine" and a strike in Kharkiv: compatible, at country level
    return False


def _range(row: dict[str, Any], published: str | None) -> tuple[dt.date, dt.date, bool] | None:
    """A claim's dates, or for an undated claim the days before its report; the flag says whether stated."""
    if row.get("date_start"):
        start = dt.date.fromisoformat(row["date_start"][:10])
        end = dt.date.fromisoformat((row.get("date_end") or published or row["date_start"])[:10])
        return start, max(start, end), True
    if published:
        day = dt.date.fromisoformat(published[:10])
        return day - UNDATED, day, False
    return None


def _overlap(a: tuple[dt.date, dt.date, bool], b: tuple[dt.date, dt.date, bool]) -> bool:
    return a[0] - DATE_SLACK <= b[1] and b[0] - DATE_SLACK <= a[1]


def _retold(claim_range: tuple[dt.date, dt.date, bool], event_range: tuple[dt.date, dt.date, bool]) -> bool:
    """An undated claim about the same settlement reported within two weeks after the event: a later report
    that tells it again ("Russia, which retook Sudzha, ...")."""
    return not claim_range[2] and event_range[0] <= claim_range[1] <= event_range[1] + RETOLD


def compatible(claim: dict[str, Any], claim_range: Any, event: dict[str, Any], event_range: Any) -> float | None:
    """How well a claim fits an event (higher is better), or None when they tell different happenings."""
    if claim["type"] != event["type"]:
        return None
    if claim.get("actor") and event.get("actor") and claim["actor"] != event["actor"]:
        return None
    place = same_place(claim, event)
    if place is False:
        return None
    if claim_range is None or event_range is None:
        return 1.0 if place else None  # no dates at all: only the same settlement links
    if not _overlap(claim_range, event_range) and not (place and _retold(claim_range, event_range)):
        return None
    if place is None and (claim.get("place") or event.get("place")) and not (claim_range[2] and event_range[2]):
        return None  # a vaguer place joins a more precise one only when both are dated
    return (2.0 if place else 1.0) + (0.5 if claim.get("actor") == event.get("actor") else 0.0)


def link(db: sqlite3.Connection, document_id: int) -> list[int]:
    """Link the claims of one stored document to events, creating events as needed; returns the events touched.
    Runs inside the caller's transaction."""
    published = db.execute("SELECT published FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
    touched: list[int] = []
    for claim in db.execute("SELECT * FROM claims WHERE document_id = ? ORDER BY ordinal", (document_id,)).fetchall():
        claim = dict(claim)
        claim_range = _range(claim, published)
        best: tuple[float, int] | None = None
        where, params = _candidates(claim, claim_range)
        for event in db.execute(f"SELECT * FROM events WHERE {where} ORDER BY id", params):
            event = dict(event)
            score = compatible(claim, claim_range, event, _range(event, event["first_published"]))
            if score is not None and (best is None or score > best[0]):
                best = (score, event["id"])
        if best is None:
            event_id = db.execute("INSERT INTO events (type, status, claims, sources, outlets) VALUES (?, 'claimed', 0, 0, 0)",
                                  (claim["type"],)).lastrowid
        else:
            event_id = best[1]
        db.execute("UPDATE claims SET event_id = ? WHERE id = ?", (event_id, claim["id"]))
        summarize(db, event_id)
        if claim.get("type") == "control_claim" and claim.get("place"):
            # its place's latest control may change though the event it joined is kept under another place
            refresh_place(db, claim["place"], claim["admin1"])
        if event_id not in touched:
            touched.append(event_id)
    return touched


def _candidates(claim: dict[str, Any], claim_range: tuple[dt.date, dt.date, bool] | None) -> tuple[str, list[Any]]:
    """SQL for the events a claim may join: a superset of those `compatible` accepts (same type, actors that
    agree, places and dates that can match), so linking reads a few events, not every event of a type."""
    where = ["type = ?", "(actor IS NULL OR ? IS NULL OR actor = ?)"]
    params: list[Any] = [claim["type"], claim.get("actor"), claim.get("actor")]
    if _level(claim) is not None:
        place = ["place IS NULL", "admin1 IS ?", "geonameid = ?", "(precision = 'country' AND country IS ?)"]
        params += [claim.get("admin1"), claim.get("geonameid"), claim.get("country")]
        if claim.get("lat") is not None and claim.get("lon") is not None:
            dlat = PLACE_KM / 110.0
            dlon = dlat / max(math.cos(math.radians(min(abs(claim["lat"]) + dlat, 89.0))), 0.01)
            place.append("(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)")
            params += [claim["lat"] - dlat, claim["lat"] + dlat, claim["lon"] - dlon, claim["lon"] + dlon]
        if _level(claim) == 3:
            place.append("country IS ?")
            params.append(claim.get("country"))
        where.append(f"({' OR '.join(place)})")
    if claim_range is not None:
        first, last = claim_range[0] - RETOLD, claim_range[1] + DATE_SLACK
        where.append("((date_start IS NULL AND first_published IS NULL)"
                     " OR (substr(COALESCE(date_start, date(first_published, ?)), 1, 10) <= ?"
                     " AND max(substr(COALESCE(date_end, ''), 1, 10), substr(COALESCE(date_start, ''), 1, 10),"
                     " substr(COALESCE(first_published, ''), 1, 10)) >= ?))")
        params += [f"-{UNDATED.days} days", last.isoformat(), first.isoformat()]
    return " AND ".join(where), params


def summarize(db: sqlite3.Connection, event_id: int) -> None:
    """Recompute an event from all its claims: place, date, actor, status and source counts."""
    query = f"SELECT place, admin1, type, {DAY} FROM events WHERE id = ?"
    before = db.execute(query, (event_id,)).fetchone()
    recompute(db, event_id)
    after = db.execute(query, (event_id,)).fetchone()
    rows = [tuple(r) for r in (before, after) if r is not None]
    for place, admin1 in {r[:2] for r in rows if r[0] is not None}:
        refresh_place(db, place, admin1)
    for kind, day in {r[2:] for r in rows if r[3]}:
        refresh_day(db, kind, day)


DAY = "COALESCE(date_start, first_published, '')"
"""An event's day in time order (the expression of the index events_when)."""


def refresh_day(db: sqlite3.Connection, kind: str, day: str) -> None:
    """Recount the events of one type on one day (table day_stats)."""
    count = db.execute(f"SELECT count(*) FROM events WHERE type = ? AND {DAY} = ?", (kind, day)).fetchone()[0]
    if count:
        db.execute("INSERT OR REPLACE INTO day_stats (day, type, events) VALUES (?, ?, ?)", (day, kind, count))
    else:
        db.execute("DELETE FROM day_stats WHERE day = ? AND type = ?", (day, kind))


def rebuild_stats(db: sqlite3.Connection) -> None:
    """Fill place_stats and day_stats from the events, for a store whose ledger was made before they existed."""
    db.execute("DELETE FROM place_stats")
    for place, admin1 in db.execute("SELECT DISTINCT place, admin1 FROM events WHERE place IS NOT NULL").fetchall():
        refresh_place(db, place, admin1)
    db.execute("DELETE FROM day_stats")
    db.execute(f"INSERT INTO day_stats (day, type, events) SELECT {DAY}, type, count(*) FROM events"
               f" WHERE {DAY} != '' GROUP BY {DAY}, type")


def refresh_place(db: sqlite3.Connection, place: str, admin1: str | None) -> None:
    """Recount one place's events and claims and find its latest control claim (table place_stats)."""
    db.execute("DELETE FROM place_stats WHERE place = ? AND COALESCE(admin1, '') = COALESCE(?, '')", (place, admin1))
    stats = db.execute("SELECT min(precision), min(lat), min(lon), count(*), sum(claims) FROM events"
                       " WHERE place = ? AND admin1 IS ?", (place, admin1)).fetchone()
    if not stats[3]:
        return
    latest = db.execute(
        "SELECT c.actor, COALESCE(c.date_start, d.published) AS day, c.claimant FROM claims c JOIN documents d"
        " ON d.id = c.document_id WHERE c.type = 'control_claim' AND c.place = ? AND c.admin1 IS ?"
        " AND c.certainty != 'denied' ORDER BY day DESC, c.id DESC LIMIT 1", (place, admin1)).fetchone()
    db.execute("INSERT INTO place_stats (place, admin1, precision, lat, lon, events, claims, control, control_date,"
               " control_claimant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (place, admin1, *stats, *(tuple(latest) if latest else (None, None, None))))


def recompute(db: sqlite3.Connection, event_id: int) -> None:
    """Recompute one event's kept values from its claims (an event left without claims goes), leaving the
    per-place and per-day counts to the caller."""
    rows = [dict(r) for r in db.execute(
        "SELECT c.*, d.published, d.outlet, COALESCE(k.original_id, c.document_id) AS report FROM claims c"
        " JOIN documents d ON d.id = c.document_id LEFT JOIN copies k ON k.document_id = c.document_id"
        " WHERE c.event_id = ? ORDER BY d.published IS NULL, d.published, c.id", (event_id,))]
    if not rows:
        db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    placed = [r for r in rows if r.get("place")]
    best_level = min((_level(r) for r in placed), default=None)
    names = Counter((r["place"], r["admin1"]) for r in placed if _level(r) == best_level)
    place = next((r for r in placed if (r["place"], r["admin1"]) == names.most_common(1)[0][0]), None) if names else None
    dated = sorted((r for r in rows if r.get("date_start")),
                   key=lambda r: (_days(r), r["date_start"]))
    date = dated[0] if dated else None
    actors = Counter(r["actor"] for r in rows if r.get("actor"))
    published = [r["published"] for r in rows if r.get("published")]
    db.execute(
        "UPDATE events SET actor = ?, date_start = ?, date_end = ?, place = ?, geonameid = ?, admin1 = ?, country = ?,"
        " lat = ?, lon = ?, precision = ?, status = ?, claims = ?, sources = ?, outlets = ?, first_published = ?,"
        " summary = ? WHERE id = ?",
        (actors.most_common(1)[0][0] if actors else None,
         date["date_start"] if date else None, date["date_end"] if date else None,
         *(place[k] if place else None for k in ("place", "geonameid", "admin1", "country", "lat", "lon", "precision")),
         status(rows), len(rows), len({r["report"] for r in rows}), len({r["outlet"] for r in rows if r["outlet"]}),
         min(published) if published else None, rows[0]["evidence"], event_id))


def _days(row: dict[str, Any]) -> int:
    start = dt.date.fromisoformat(row["date_start"][:10])
    end = dt.date.fromisoformat((row.get("date_end") or row["date_start"])[:10])
    return (end - start).days


STATUSES = ("disputed", "confirmed", "claimed_by_both", "claimed", "reported")


def status(rows: list[dict[str, Any]]) -> str:
    """What an event's claims add up to (docs/LEDGER.md):

    - `disputed`: a party denies it;
    - `confirmed`: an independent or third-party source asserts it, or the side it goes against admits it;
    - `claimed_by_both`: parties of both sides claim it;
    - `claimed`: one side's parties claim it;
    - `reported`: only outlets tell it, in their own voice or from unnamed reports."""
    if any(r["certainty"] == "denied" for r in rows):
        return "disputed"
    sides = {r["claimant_side"] for r in rows if r["certainty"] in ("claimed", "asserted") and r.get("claimant")}
    actors = {r["actor"] for r in rows if r.get("actor")}
    if sides & {"independent", "western"} or any(OPPOSITE.get(a) in sides for a in actors):
        return "confirmed"
    if {"RU", "UA"} <= sides:
        return "claimed_by_both"
    if sides & {"RU", "UA"}:
        return "claimed"
    return "reported"
