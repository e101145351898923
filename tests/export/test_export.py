"""Exports a GIS, a spreadsheet or a notebook opens: GeoJSON read by GDAL, Parquet read by pyarrow, ACLED's
columns, CSV and JSON Lines, on the ledger of tests/data/ledger."""

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitrep.export.formats import ACLED_COLUMNS, FLAT


@pytest.fixture
def db(ledger_db: Path) -> Path:
    return ledger_db


def events(invoke, db: Path) -> list[dict]:
    return json.loads(invoke("events", "--db", db, "--format", "json").output)


def test_geojson_is_rfc7946_points_and_opens_in_gdal(invoke, db: Path, tmp_path: Path):
    out = tmp_path / "events.geojson"
    assert invoke("export", "--db", db, "--format", "geojson", "--output", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    located = [e for e in events(invoke, db) if e["lat"] is not None]
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(located) > 0
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 22 < lon < 45 and 44 < lat < 56  # longitude first, in the theater
        assert set(feature["properties"]) == set(FLAT)
    if shutil.which("ogrinfo") is None:
        pytest.skip("ogrinfo (Debian's gdal-bin) is not installed; `make test-deps` installs it")
    info = subprocess.run(["ogrinfo", "-so", "-al", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Feature Count: {len(located)}" in info
    for field in ("type", "status", "sources", "claimants", "admin1_name"):
        assert f"{field}:" in info


def test_parquet_reads_back_with_its_schema(invoke, db: Path, tmp_path: Path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert invoke("export", "--db", db, "--format", "parquet", "--output", out).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(events(invoke, db))
    assert table.schema.names == list(FLAT)
    assert str(table.schema.field("sources").type) == "int64" and str(table.schema.field("lat").type) == "double"


def test_acled_csv_has_acled_columns_and_conventions(invoke, db: Path):
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--db", db, "--format", "acled-csv").stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    [capture] = [r for r in rows if r["location"] == "Chasiv Yar" and r["event_type"] == "Battles"
                 and r["sub_event_type"] != "Armed clash"]
    assert (capture["event_date"], capture["time_precision"], capture["geo_precision"]) == ("2025-07-31", "1", "1")
    assert capture["actor1"] == "Military Forces of Russia (2000-)" and capture["country"] == "Ukraine"
    assert capture["admin1"] == "Donetsk" and "disputed" in capture["notes"]


def test_csv_and_jsonl_carry_every_event(invoke, db: Path):
    flat = list(csv.DictReader(io.StringIO(invoke("export", "--db", db, "--format", "csv").stdout)))
    lines = [json.loads(line) for line in invoke("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert len(flat) == len(lines) == len(events(invoke, db))
    [capture] = [e for e in lines if e["type"] == "control_claim" and e["place"] == "Chasiv Yar"]
    assert len(capture["claims_list"]) == 4 and all(c["evidence"] for c in capture["claims_list"])


def test_filters_apply_to_exports(invoke, db: Path):
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--db", db, "--format", "csv", "--type",
                                                  "control_claim").stdout)))
    assert rows and {r["type"] for r in rows} == {"control_claim"}
