"""The built-in export formats. ACLED's mapping is documented in docs/EXPORTS.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import IO, Any

from sitrep import registry, vocab
from sitrep.vocab import OPPOSITE

FLAT = ("id", "type", "actor", "date_start", "date_end", "place", "admin1", "admin1_name", "country",
        "country_name", "lat", "lon", "precision", "status", "claims", "sources", "outlets", "claimants", "sides",
        "fatalities", "first_published", "outlet_names", "urls", "summary")
"""The columns of the flat formats (CSV, Parquet) and the properties of GeoJSON features."""


def _text(out: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


@registry.exporters.register("csv")
def write_csv(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    """One row per event, the columns of FLAT; opens in a spreadsheet."""
    text = _text(out)
    writer = csv.DictWriter(text, fieldnames=FLAT, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    text.detach()


@registry.exporters.register("jsonl")
def write_jsonl(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    """One JSON object per event per line, with its claims under `claims_list`."""
    for row in rows:
        out.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))


@registry.exporters.register("geojson")
def write_geojson(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    """An RFC 7946 FeatureCollection: one Point (longitude, latitude) per located event, properties as FLAT.
    Events with no coordinates are left out: a GIS layer has nowhere to put them."""
    features = [{"type": "Feature", "id": row["id"],
                 "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
                 "properties": {k: row.get(k) for k in FLAT}}
                for row in rows if row.get("lat") is not None and row.get("lon") is not None]
    out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8"))


PARQUET_TYPES = {"id": "int64", "claims": "int64", "sources": "int64", "outlets": "int64", "fatalities": "int64",
                 "lat": "float64", "lon": "float64"}


@registry.exporters.register("parquet")
def write_parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    """The columns of FLAT with a fixed schema: integers and floats as such, dates and the rest as strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(k, getattr(pa, PARQUET_TYPES.get(k, "string"))()) for k in FLAT])
    table = pa.Table.from_pylist([{k: row.get(k) for k in FLAT} for row in rows], schema=schema)
    pq.write_table(table, out)


ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "actor2", "interaction", "country", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp")
ACTORS = {"RU": "Military Forces of Russia (2000-)", "UA": "Military Forces of Ukraine (2019-)"}
STRIKE_FROM_GROUND = re.compile(r"\b(?:shell\w*|artillery|mortar|rocket|mlrs|grad|himars|missile|ballistic|"
                                r"multiple launch)\b", re.IGNORECASE)


DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Strategic developments": "Strategic developments"}
"""ACLED's disorder type of each of its event types."""


def acled_type(row: dict[str, Any]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of an event, per docs/EXPORTS.md: the type's ACLED types in
    data/event_types.tsv, the sub-event refined by what the row says."""
    if not vocab.is_type(row["type"]):  # a type this version does not know
        return "Strategic developments", "Strategic developments", "Other"
    event_type, sub = vocab.acled(row["type"])
    if sub == "Non-state actor overtakes territory" and row.get("country") in OPPOSITE \
            and row.get("country") == row.get("actor"):
        sub = "Government regains territory"  # a side taking back ground in its own country
    elif sub == "Air/drone strike" and STRIKE_FROM_GROUND.search(row.get("summary") or ""):
        sub = "Shelling/artillery/missile attack"
    return DISORDER[event_type], event_type, sub


def _time_precision(row: dict[str, Any]) -> int:
    if not row.get("date_start"):
        return 3
    days = (dt.date.fromisoformat(row["date_end"] or row["date_start"]) - dt.date.fromisoformat(row["date_start"])).days
    return 1 if days == 0 else 2 if days <= 7 else 3


@registry.exporters.register("acled-csv")
def write_acled(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    """ACLED's columns and conventions where they apply; the rest documented in docs/EXPORTS.md."""
    text = _text(out)
    writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for row in rows:
        disorder, event_type, sub = acled_type(row)
        date = row.get("date_start") or row.get("first_published") or ""
        actor1 = ACTORS.get(row.get("actor") or "", "")
        actor2 = ACTORS.get(OPPOSITE.get(row.get("actor") or "", ""), "") if event_type == "Battles" else ""
        writer.writerow({
            "event_id_cnty": f"SITREP{row['id']}", "event_date": date, "year": date[:4],
            "time_precision": _time_precision(row), "disorder_type": disorder, "event_type": event_type,
            "sub_event_type": sub, "actor1": actor1, "actor2": actor2,
            "interaction": "State forces-State forces" if actor1 and actor2 else "",
            "country": row.get("country_name") or "", "admin1": row.get("admin1_name") or "",
            "location": row.get("place") or "", "latitude": row.get("lat") or "", "longitude": row.get("lon") or "",
            "geo_precision": {"settlement": 1, "district": 2, "region": 2, "admin2": 2}.get(row.get("precision") or "", 3),
            "source": row.get("outlet_names") or "", "source_scale": "",
            "notes": f"{row.get('summary') or ''} [sitrep: {row['status']}; claimed by {row.get('claimants') or '?'}; "
                     f"{row['sources']} independent source(s)]",
            "fatalities": row.get("fatalities") or 0, "timestamp": "",
        })
    text.detach()
