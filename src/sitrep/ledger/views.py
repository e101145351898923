"""Views over the ledger, each a list of plain rows for a table, JSON or CSV: events, places, the control
ledger of a place, series of figures by counter, the talks, the sources, and the contradictions.

Every view takes one `Filter`, applied to the claims under it, so "events in Donetsk oblast claimed by the
Russian side since May" and "gains counted by ISW in 2025" are written the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sitrep.errors import StoreError
from sitrep.ledger import talks as talk_terms
from sitrep.places.names import fold, loose_key
from sitrep.places.tiers import gazetteer_for
from sitrep.store import fts_query
from sitrep.vocab import OPPOSITE

REGION_WORDS = re.compile(r"\b(?:oblast|region|province|krai|oblast's)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Filter:
    """What a view keeps; None keeps everything."""

    since: str | None = None
    until: str | None = None
    type: str | None = None
    actor: str | None = None
    side: str | None = None
    """The claimant's side: RU, UA, western, independent."""
    outlet: str | None = None
    place: str | None = None
    """A settlement or an oblast, in any common spelling ("Zoria", "Zorya", "Luhansk oblast")."""
    text: str | None = None
    """Words the claim's article contains (full-text search)."""

    def sql(self, alias: str = "c", start: str = "date_start", end: str = "date_end",
            columns: tuple[tuple[str, str], ...] = (("type", "type"), ("actor", "actor"), ("side", "claimant_side")),
            ) -> tuple[str, list[Any]]:
        """A WHERE clause over rows `alias` (claims, or quantities with their period) joined with documents `d`;
        `columns` maps the filter's fields to the row's columns."""
        where, args = ["1"], []
        if self.since:
            where.append(f"COALESCE({alias}.{end}, {alias}.{start}, d.published) >= ?")
            args.append(self.since)
        if self.until:
            where.append(f"COALESCE({alias}.{start}, d.published) <= ?")
            args.append(self.until)
        for field, column in columns:
            if getattr(self, field):
                where.append(f"{alias}.{column} = ?")
                args.append(getattr(self, field))
        if self.outlet:
            where.append("d.outlet LIKE ?")
            args.append(f"%{self.outlet}%")
        if self.text:
            where.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            args.append(fts_query(self.text))
        return " AND ".join(where), args

    def keeps_place(self, row: dict[str, Any], places_json: str | None = None) -> bool:
        return self.place is None or place_matches(self.place, row, places_json)


ALL = Filter()
"""The filter that keeps everything."""


def place_key(name: str) -> str:
    """One key for the spellings of a place name: "Zorya", "Zoria", "Luhansk oblast", "Luhansk Oblast"."""
    return loose_key(fold(REGION_WORDS.sub("", name)).strip())


@dataclass(frozen=True)
class Where:
    """What a place asked for stands for: settlements (their GeoNames ids and name keys) or oblasts."""

    keys: frozenset[str]
    geonameids: frozenset[int]
    admin1: frozenset[str]
    names: frozenset[str] = frozenset()
    """The gazetteer's names of the settlements, as the ledger stores them."""


@cache
def resolve(name: str) -> Where:
    """The places a name asked for may be, through the gazetteer, so "Kondrativka" finds the claims about
    Kindrativka and "Luhansk oblast" every claim in that oblast. Without a usable gazetteer: the name's spelling."""
    keys, ids, admin1, names = {place_key(name)}, set(), set(), {name.strip()}
    if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{2,3}", name.strip()):
        return Where(frozenset(), frozenset(), frozenset({name.strip()}))
    try:
        gazetteer = gazetteer_for(None)
    except StoreError:
        return Where(frozenset(keys), frozenset(), frozenset(), frozenset(names))
    division = bool(REGION_WORDS.search(name))
    for query in dict.fromkeys((name, REGION_WORDS.sub("", name).strip())):
        hits = gazetteer.lookup(loose_key(query), query)
        regions = [h.place for h in hits if h.place.kind == "admin1"]
        settlements = [h.place for h in hits if h.place.kind != "admin1"]
        if division and regions:
            admin1.update(p.admin1 for p in regions if p.admin1)
            break
        if settlements and not division:
            ids.update(p.geonameid for p in settlements if p.geonameid)
            keys.update(place_key(p.name) for p in settlements)
            names.update(p.name for p in settlements)
            break
        if regions:
            admin1.update(p.admin1 for p in regions if p.admin1)
    if admin1:
        return Where(frozenset(), frozenset(ids), frozenset(admin1))
    return Where(frozenset(keys), frozenset(ids), frozenset(), frozenset(names))


def place_matches(wanted: str, row: dict[str, Any], places_json: str | None = None) -> bool:
    """Whether a claim or event is at the place asked for, or inside the oblast asked for."""
    where = resolve(wanted)
    if where.admin1:
        return row.get("admin1") in where.admin1
    places = json.loads(places_json) if places_json else [{"name": row.get("place"), "geonameid": row.get("geonameid")}]
    return any(p.get("geonameid") in where.geonameids or (p.get("name") and place_key(p["name"]) in where.keys)
               for p in places)


def _claims(db: sqlite3.Connection, f: Filter, extra: str = "1", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    where, params = f.sql()
    rows = db.execute(
        "SELECT c.*, d.doc_id, d.published, d.outlet, d.title, d.url, COALESCE(k.original_id, c.document_id) AS report"
        " FROM claims c JOIN documents d ON d.id = c.document_id LEFT JOIN copies k ON k.document_id = c.document_id"
        f" WHERE {where} AND {extra} ORDER BY COALESCE(c.date_start, d.published), c.id", [*params, *args]).fetchall()
    return [r for r in map(dict, rows) if f.keeps_place(r, r["places"])]


WHEN = "COALESCE(e.date_start, e.first_published, '')"
"""An event's place in time order: its first date, else its first report's (indexed, migration 0004)."""
UNTIL = "COALESCE(e.date_end, e.date_start, e.first_published, '')"
"""An event's last date (the second column of the same index)."""


def _event_where(f: Filter) -> tuple[str, list[Any]]:
    """A WHERE clause over events `e`: type, actor, dates and place on the event's own columns (indexed); the
    claimant's side, the outlet and the words through its claims."""
    where, args = ["1"], []
    for column, value in (("type", f.type), ("actor", f.actor)):
        if value:
            where.append(f"e.{column} = ?")
            args.append(value)
    if f.since:  # the first bound lets the time-order index skip what ended long before
        where.append(f"{WHEN} >= ? AND {UNTIL} >= ?")
        since = dt.date.fromisoformat(f.since)
        args += [(since - LONGEST if since > dt.date.min + LONGEST else dt.date.min).isoformat(), f.since]
    if f.until:
        where.append(f"{WHEN} <= ?")
        args.append(f.until)
    if f.place:
        place = resolve(f.place)
        if place.admin1:
            where.append(f"e.admin1 IN ({','.join('?' * len(place.admin1))})")
            args += sorted(place.admin1)
        else:
            ids, names = sorted(place.geonameids), sorted(place.names)
            where.append(f"(e.geonameid IN ({','.join('?' * len(ids)) or 'NULL'}) OR e.place IN "
                         f"({','.join('?' * len(names)) or 'NULL'}))")
            args += [*ids, *names]
    claims_where, claims_args = Filter(side=f.side, outlet=f.outlet, text=f.text).sql()
    if claims_where != "1":
        where.append("EXISTS (SELECT 1 FROM claims c JOIN documents d ON d.id = c.document_id"
                     f" WHERE c.event_id = e.id AND {claims_where})")
        args += claims_args
    return " AND ".join(where), args


LONGEST = dt.timedelta(days=92)
"""Events whose dates span more than this and began before `since` are not found by a `since` filter."""


def events_page(db: sqlite3.Connection, f: Filter = ALL, limit: int | None = None, offset: int = 0
                ) -> tuple[int, list[dict[str, Any]]]:
    """How many events the filter keeps, and those from `offset` (at most `limit`), in time order, each with
    who claims it. Filtering, counting and paging happen in SQL, so a page costs the same in a store of a
    million events as in one of a hundred."""
    where, args = _event_where(f)
    total = db.execute(f"SELECT count(*) FROM events e WHERE {where}", args).fetchone()[0]
    rows = [dict(r) for r in db.execute(f"SELECT e.* FROM events e WHERE {where} ORDER BY {WHEN}, {UNTIL}, e.id LIMIT ? OFFSET ?",
                                        [*args, -1 if limit is None else limit, offset])]
    by_event: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for start in range(0, len(rows), 500):
        ids = [r["id"] for r in rows[start:start + 500]]
        for c in db.execute("SELECT c.event_id, c.claimant, c.claimant_side, d.outlet FROM claims c JOIN documents d"
                            f" ON d.id = c.document_id WHERE c.event_id IN ({','.join('?' * len(ids))})", ids):
            by_event[c["event_id"]].append(c)
    for row in rows:
        claims = by_event[row["id"]]
        row["claimants"] = "; ".join(sorted({c["claimant"] or f"{c['outlet'] or 'unnamed outlet'} (own voice)"
                                             for c in claims}))
        row["sides"] = ",".join(sorted({c["claimant_side"] for c in claims if c["claimant_side"]}))
    return total, rows


def events(db: sqlite3.Connection, f: Filter = ALL) -> list[dict[str, Any]]:
    """Every event the filter keeps, in time order, with who claims it."""
    return events_page(db, f)[1]


def timeline(db: sqlite3.Connection, f: Filter = ALL) -> list[dict[str, Any]]:
    """Events per day and type (by the event's first date, or its first report's)."""
    if f == ALL:  # kept up to date as claims are linked
        return [dict(r) for r in db.execute("SELECT day AS date, type, events FROM day_stats ORDER BY day, type")]
    where, args = _event_where(f)
    return [dict(r) for r in db.execute(
        f"SELECT {WHEN} AS date, e.type, count(*) AS events FROM events e WHERE {where} AND {WHEN} != ''"
        f" GROUP BY {WHEN}, e.type ORDER BY {WHEN}, e.type", args)]


def event_claims(db: sqlite3.Connection, event_id: int) -> list[dict[str, Any]]:
    """Every claim of one event, with its document."""
    return _claims(db, ALL, "c.event_id = ?", (event_id,))


def places(db: sqlite3.Connection, f: Filter = ALL, limit: int | None = None) -> list[dict[str, Any]]:
    """Places of events, most claimed first: how many events and claims, and the latest control claim."""
    if f == ALL:  # kept up to date as claims are linked
        return [dict(r) for r in db.execute(
            "SELECT place, admin1, precision, lat, lon, events, claims, control, control_date, control_claimant"
            " FROM place_stats ORDER BY claims DESC, place LIMIT ?", (-1 if limit is None else limit,))]
    where, args = _event_where(f)
    rows = [dict(r) for r in db.execute(
        "SELECT e.place, e.admin1, e.precision, e.lat, e.lon, count(*) AS events, sum(e.claims) AS claims"
        f" FROM events e WHERE {where} AND e.place IS NOT NULL GROUP BY e.place, e.admin1"
        " ORDER BY claims DESC, e.place LIMIT ?", [*args, -1 if limit is None else limit])]
    for row in rows:
        latest = db.execute(
            "SELECT c.actor, COALESCE(c.date_start, d.published) AS day, c.claimant FROM claims c"
            " JOIN documents d ON d.id = c.document_id WHERE c.type = 'control_claim' AND c.admin1 IS ? AND"
            " c.place = ? AND c.certainty != 'denied' ORDER BY day DESC, c.id DESC LIMIT 1",
            (row["admin1"], row["place"])).fetchone()
        row["control"], row["control_date"], row["control_claimant"] = tuple(latest) if latest else (None, None, None)
    return rows


def count_places(db: sqlite3.Connection, f: Filter = ALL) -> int:
    if f == ALL:
        return db.execute("SELECT count(*) FROM place_stats").fetchone()[0]
    where, args = _event_where(f)
    return db.execute(f"SELECT count(DISTINCT e.place || '|' || COALESCE(e.admin1, '')) FROM events e WHERE {where}"
                      " AND e.place IS NOT NULL", args).fetchone()[0]


def control(db: sqlite3.Connection, place: str, f: Filter = ALL) -> list[dict[str, Any]]:
    """The control ledger of a settlement or an oblast: every claim that a side took, holds or lost it, in time
    order, with who claims it, how sure, and where it was reported."""
    wanted = replace(f, place=place)
    rows = []
    for c in _claims(db, wanted, "c.type IN ('control_claim', 'advance')"):
        rows.append({"date": c["date_start"] or None, "date_end": c["date_end"], "published": c["published"],
                     "place": c["place"], "admin1": c["admin1"], "type": c["type"], "side": c["actor"],
                     "claimant": c["claimant"], "claimant_side": c["claimant_side"], "certainty": c["certainty"],
                     "outlet": c["outlet"], "document": c["doc_id"], "event": c["event_id"], "evidence": c["evidence"]})
    return rows


def series(db: sqlite3.Connection, measure: str = "area_gained", f: Filter = ALL) -> list[dict[str, Any]]:
    """Figures of one measure by counter and period: one row per counter, period and value, with the reports
    that give it. Two counters of the same month are two rows, side by side."""
    where, args = f.sql("q", "period_start", "period_end", (("actor", "actor"), ("side", "claimant_side")))
    rows = db.execute(
        "SELECT q.*, d.outlet, d.doc_id, d.published, COALESCE(k.original_id, q.document_id) AS report FROM quantities q"
        " JOIN documents d ON d.id = q.document_id LEFT JOIN copies k ON k.document_id = q.document_id"
        f" WHERE q.measure = ? AND {where} ORDER BY q.period_start IS NULL, q.period_start, q.claimant",
        [measure, *args]).fetchall()
    grouped: dict[tuple, dict[str, Any]] = {}
    for q in map(dict, rows):
        if not f.keeps_place(q):
            continue
        counter = q["claimant"] or f"{q['outlet'] or 'unnamed outlet'} (own count)"
        key = (counter, q["period_start"], q["period_end"], q["value"], q["value_max"], q["actor"])
        row = grouped.setdefault(key, {"counter": counter, "counter_side": q["claimant_side"],
                                       "period_start": q["period_start"], "period_end": q["period_end"],
                                       "value": q["value"], "value_max": q["value_max"], "unit": q["unit"],
                                       "actor": q["actor"], "reports": set(), "outlets": set(), "evidence": q["evidence"]})
        row["reports"].add(q["report"])
        if q["outlet"]:
            row["outlets"].add(q["outlet"])
    return [{**r, "reports": len(r["reports"]), "outlets": ", ".join(sorted(r["outlets"]))} for r in grouped.values()]


def talks(db: sqlite3.Connection, f: Filter = ALL) -> list[dict[str, Any]]:
    """Negotiations and prisoner exchanges in date order: where, who took part, what was held, proposed,
    demanded, agreed or rejected, and by whose account (data/talks.tsv)."""
    found_events = [e for kind in talk_terms.TALK_TYPES if f.type in (None, kind) for e in events(db, replace(f, type=kind))]
    found_events.sort(key=lambda e: (e["date_start"] or e["first_published"] or "",
                                     e["date_end"] or e["date_start"] or e["first_published"] or "", e["id"]))
    stored: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for start in range(0, len(found_events), 500):
        ids = [e["id"] for e in found_events[start:start + 500]]
        for c in db.execute(f"SELECT event_id, parties, outcomes FROM claims WHERE event_id IN ({','.join('?' * len(ids))})",
                            ids):
            stored[c["event_id"]].append(c)
    out = []
    for event in found_events:
        found = {column: talk_terms.gather(column, [c[column] for c in stored[event["id"]]]) for column in ("parties", "outcomes")}
        out.append({"date": event["date_start"] or event["first_published"], "date_end": event["date_end"],
                    "type": event["type"], "place": event["place"], "parties": found["parties"],
                    "what": found["outcomes"], "claimants": event["claimants"], "sources": event["sources"],
                    "event": event["id"], "summary": event["summary"]})
    return out


def sources(db: sqlite3.Connection, f: Filter = ALL) -> list[dict[str, Any]]:
    """Per outlet: documents, slant, how much it asserts in its own voice and whom it relies on. Counted in SQL
    (the slant read from the stored analysis by SQLite's JSON functions), so it costs little in a large store."""
    out: dict[str, dict[str, Any]] = {}
    for doc in db.execute(
            "SELECT COALESCE(outlet, '(unknown outlet)') AS outlet, COALESCE(json_extract(analysis, '$.slant.label'),"
            " 'neutral') AS label, count(*) AS documents, total(json_extract(analysis, '$.slant.score')) AS slant"
            " FROM documents GROUP BY 1, 2 ORDER BY min(id)"):  # a tie of labels goes to the first one seen
        if f.outlet and f.outlet.lower() not in doc["outlet"].lower():
            continue
        row = out.setdefault(doc["outlet"], {"outlet": doc["outlet"], "documents": 0, "slant_sum": 0.0,
                                             "labels": defaultdict(int), "claims": 0, "own_voice": 0,
                                             "claimants": defaultdict(int)})
        row["documents"] += doc["documents"]
        row["slant_sum"] += doc["slant"]
        row["labels"][doc["label"]] += doc["documents"]
    for outlet, claimant, own, n in _claim_counts(db, f):
        row = out.get(outlet or "(unknown outlet)")
        if row is None:
            continue
        row["claims"] += n
        if own:
            row["own_voice"] += n
        else:
            row["claimants"][claimant] += n
    rows = []
    for r in out.values():
        top = sorted(r["claimants"].items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        rows.append({"outlet": r["outlet"], "documents": r["documents"],
                     "slant": round(r["slant_sum"] / r["documents"], 2),
                     "label": max(r["labels"].items(), key=lambda kv: kv[1])[0], "claims": r["claims"],
                     "own_voice_share": round(r["own_voice"] / r["claims"], 2) if r["claims"] else None,
                     "relies_on": "; ".join(f"{name} ({n})" for name, n in top)})
    return sorted(rows, key=lambda r: (-r["documents"], r["outlet"]))


def _claim_counts(db: sqlite3.Connection, f: Filter) -> list[tuple[str | None, str | None, bool, int]]:
    """(outlet, claimant, in the outlet's own voice, claims) for the claims the filter keeps."""
    if f.place:  # the place filter matches any place of a claim, in Python
        counts: dict[tuple[str | None, str | None, bool], int] = defaultdict(int)
        for c in _claims(db, f):
            own = c["claimant"] is None or c["certainty"] == "asserted"
            counts[(c["outlet"], None if own else c["claimant"], own)] += 1
        return [(*key, n) for key, n in counts.items()]
    where, args = f.sql()
    own = "(c.claimant IS NULL OR c.certainty = 'asserted')"
    return [tuple(r) for r in db.execute(
        f"SELECT d.outlet, CASE WHEN {own} THEN NULL ELSE c.claimant END, {own}, count(*) FROM claims c"
        f" JOIN documents d ON d.id = c.document_id WHERE {where} GROUP BY 1, 2, 3", args)]


FIGURE_TOLERANCE = 0.05
CONTROL_WINDOW_DAYS = 30


def contradictions(db: sqlite3.Connection, f: Filter = ALL) -> list[dict[str, Any]]:
    """Claims that cannot all be true, each with both sides and their sources:

    - `control`: one side claims a place while the other claims it, or a party denies the claim;
    - `figure`: counters give different values for the same measure, period and actor.

    Control claims are compared only within the groups of one settlement (by GeoNames id, or name and oblast),
    so the cost grows with the claims per settlement, not with the square of all claims."""
    claims = _claims(db, f, "c.type = 'control_claim'")
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c["place"]:
            groups[("name", place_key(c["place"]), c["admin1"])].append(i)
            if c["geonameid"]:
                groups[("id", c["geonameid"])].append(i)
    pairs = set()
    for members in groups.values():
        for x, first in enumerate(members):
            for second in members[x + 1:]:
                i, j = sorted((first, second), key=lambda k: claims[k]["id"])  # the pair as (lower id, higher id)
                a, b = claims[i], claims[j]
                if (i, j) in pairs:
                    continue
                if a["event_id"] == b["event_id"] and a["certainty"] != "denied" != b["certainty"]:
                    continue
                denial = (a["certainty"] == "denied") != (b["certainty"] == "denied") and a["event_id"] == b["event_id"]
                opposed = OPPOSITE.get(a["actor"] or "") == b["actor"] and _within(a, b, CONTROL_WINDOW_DAYS)
                if denial or opposed:
                    pairs.add((i, j))
    out = [_pair("control", claims[i], claims[j], f"{claims[i]['place']}: {_says(claims[i])} / {_says(claims[j])}")
           for i, j in sorted(pairs)]
    out.extend(_figure_conflicts(db, f))
    return out


def _within(a: dict[str, Any], b: dict[str, Any], days: int) -> bool:
    da, db_ = (a["date_start"] or a["published"]), (b["date_start"] or b["published"])
    if not da or not db_:
        return True
    return abs((dt.date.fromisoformat(da[:10]) - dt.date.fromisoformat(db_[:10])).days) <= days


def _says(c: dict[str, Any]) -> str:
    who = c["claimant"] or f"{c['outlet'] or 'an outlet'}"
    verb = "denies" if c["certainty"] == "denied" else "says"
    return f"{who} {verb} {c['actor'] or 'a side'} holds it"


def _pair(kind: str, a: dict[str, Any], b: dict[str, Any], what: str) -> dict[str, Any]:
    return {"kind": kind, "what": what,
            "a_claimant": a.get("claimant") or a.get("counter"), "a_side": a.get("claimant_side"),
            "a_date": a.get("date_start") or a.get("period_start"), "a_outlet": a.get("outlet"),
            "a_document": a.get("doc_id"), "a_evidence": a.get("evidence"),
            "b_claimant": b.get("claimant") or b.get("counter"), "b_side": b.get("claimant_side"),
            "b_date": b.get("date_start") or b.get("period_start"), "b_outlet": b.get("outlet"),
            "b_document": b.get("doc_id"), "b_evidence": b.get("evidence")}


def _figure_conflicts(db: sqlite3.Connection, f: Filter) -> list[dict[str, Any]]:
    """Figures of one measure that counters give differently: for a stated period (a month's gains), or, for
    the dead and injured, at one place in reports published within two days of each other."""
    rows = [dict(r) for r in db.execute(
        "SELECT q.*, d.outlet, d.doc_id, d.published FROM quantities q JOIN documents d ON d.id = q.document_id"
        " WHERE q.period_start IS NOT NULL OR (q.measure IN ('killed', 'injured') AND q.place IS NOT NULL"
        " AND d.published IS NOT NULL) ORDER BY q.id")]
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for q in rows:
        if not f.keeps_place(q) or (f.side and q["claimant_side"] != f.side):
            continue
        q["counter"] = q["claimant"] or f"{q['outlet'] or 'an outlet'} (own count)"
        if q["period_start"]:
            groups[(q["measure"], q["unit"], q["period_start"], q["period_end"], q["actor"], q["admin1"])].append(q)
        else:
            groups[(q["measure"], q["unit"], None, None, q["place"], q["admin1"])].append(q)
    out = []
    for (measure, unit, start, end, _who, _admin1), figures in groups.items():
        seen: dict[str, dict[str, Any]] = {}
        for q in figures:
            seen.setdefault(q["counter"], q)  # a counter's first figure; its own later updates are no conflict
        counters = list(seen.values())
        for i, a in enumerate(counters):
            for b in counters[i + 1:]:
                if abs(a["value"] - b["value"]) <= FIGURE_TOLERANCE * max(a["value"], b["value"]):
                    continue
                if start is None and not _within({"date_start": a["published"], "published": None},
                                                 {"date_start": b["published"], "published": None}, 2):
                    continue
                when = f"{start}..{end}" if start else f"at {a['place']}, reported {a['published']} and {b['published']}"
                what = f"{measure} {when}: {a['counter']} {a['value']:g} / {b['counter']} {b['value']:g} {unit}"
                out.append(_pair("figure", a, b, what))
    return out
