"""A synthetic store of many events, for measuring the API at scale: one document, and per event one claim,
spread over three years, the eight types, both sides and a few hundred places of the gazetteer's theater."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep import ledger  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.vocab import types  # noqa: E402

PLACES = [("Pokrovsk", 708546, "UA-14", 48.28198, 37.18207), ("Kupiansk", 704422, "UA-63", 49.71055, 37.61517),
          ("Sudzha", 486816, "RU-KRS", 51.19055, 35.27082), ("Vovchansk", 688105, "UA-63", 50.29078, 36.94108),
          ("Toretsk", 709161, "UA-14", 48.39822, 37.84754), ("Kurakhove", 705136, "UA-14", 47.98470, 37.28069),
          ("Chasiv Yar", 711350, "UA-14", 48.58654, 37.83496), ("Kostiantynivka", 704508, "UA-14", 48.52770, 37.70690)]


def build(path: Path, events: int, seed: int = 7) -> None:
    """Write a store of `events` synthetic events (and as many claims) at `path`."""
    rng = random.Random(seed)
    with Store.open(path) as store:
        db = store.db
        db.execute("BEGIN")
        db.execute("INSERT INTO documents (key, doc_id, word_count, text, raw, offsets, removed, provenance, analysis,"
                   " source, ingested_at, outlet, published) VALUES ('synthetic', 'synthetic', 0, 'synthetic', '',"
                   " '[]', '[]', '{}', '{}', 'bench', '2025-01-01', 'Synthetic Wire', '2025-01-01')")
        day0 = dt.date(2023, 1, 1)
        batch_e, batch_c = [], []
        for i in range(1, events + 1):
            kind = rng.choice(types())
            name, gid, admin1, lat, lon = rng.choice(PLACES)
            lat, lon = lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3)
            day = (day0 + dt.timedelta(days=rng.randrange(1095))).isoformat()
            actor = rng.choice(("RU", "UA"))
            place = f"{name} {i % 400}"
            batch_e.append((i, kind, actor, day, day, place, gid + i % 400, admin1, "UA", lat, lon, "settlement",
                            "claimed", 1, 1, 1, day, "synthetic"))
            batch_c.append((1, i, i, kind, actor, day, day, place, gid + i % 400, admin1, "UA", lat, lon, "settlement",
                            json.dumps([{"name": place}]), "Synthetic Ministry", actor, "claimed", "synthetic"))
            if len(batch_e) == 50_000 or i == events:
                db.executemany("INSERT INTO events (id, type, actor, date_start, date_end, place, geonameid, admin1,"
                               " country, lat, lon, precision, status, claims, sources, outlets, first_published,"
                               " summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_e)
                db.executemany("INSERT INTO claims (document_id, ordinal, event_id, type, actor, date_start, date_end,"
                               " place, geonameid, admin1, country, lat, lon, precision, places, claimant,"
                               " claimant_side, certainty, evidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                               batch_c)
                batch_e, batch_c = [], []
        db.execute("INSERT INTO signatures (document_id, signature) VALUES (1, x'00')")
        db.execute("COMMIT")
        db.execute("ANALYZE")
        ledger.catch_up(store)  # the per-place counts
