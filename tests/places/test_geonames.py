"""The full tier: GeoNames dumps read, filtered, installed and used."""

from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.places.gazetteer import Gazetteer, resolve_choice, tier_path
from sitrep.places.geonames import fetch, read_dump
from sitrep.places.stage import find_places
from tests.conftest import SHARED, needs_shared

# Rows in the 19-column format of a GeoNames dump, for places written for this test (Russian admin1 41 is
# Kursk oblast, 48 is Moscow city).
ROW = ("{id}\t{name}\t{name}\t{alt}\t{lat}\t{lon}\t{cls}\t{code}\tRU\t\t{a1}\t\t\t\t{pop}\t\t150\tEurope/Moscow"
       "\t2024-01-01")
RU_ROWS = [
    ROW.format(id=9000001, name="Tetkinovo-Zarechnoye", alt="Тёткиново-Заречное", lat=51.27, lon=34.95, cls="P",
               code="PPL", a1="41", pop=120),
    ROW.format(id=9000002, name="Ploskoye Zalesye", alt="", lat=51.20, lon=35.10, cls="P", code="PPL", a1="41", pop=60),
    ROW.format(id=9000003, name="Moskovsky Dvor", alt="", lat=55.75, lon=37.61, cls="P", code="PPL", a1="48", pop=900),
    ROW.format(id=9000004, name="Some River", alt="", lat=51.3, lon=35.0, cls="H", code="STM", a1="41", pop=0),
]


def write_ru(folder: Path) -> Path:
    path = folder / "RU.txt"
    path.write_text("\n".join(RU_ROWS) + "\n", encoding="utf-8")
    return path


def test_dump_rows_are_read_and_filtered(tmp_path: Path):
    path = write_ru(tmp_path)
    everything = list(read_dump(path, "RU"))
    assert [f.name for f in everything] == ["Tetkinovo-Zarechnoye", "Ploskoye Zalesye", "Moskovsky Dvor"]
    border = list(read_dump(path, "RU", {"41"}))
    assert [f.geonameid for f in border] == [9000001, 9000002]


def test_a_malformed_dump_is_an_error_naming_the_line(tmp_path: Path):
    bad = tmp_path / "RU.txt"
    bad.write_text(RU_ROWS[0] + "\nnot\ta\tgeonames\trow\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"RU.txt:2: expected the 19 tab-separated columns"):
        list(read_dump(bad, "RU"))


def test_fetch_takes_a_file_or_a_folder_and_names_what_is_missing(tmp_path: Path):
    path = write_ru(tmp_path)
    assert fetch("RU", str(path), tmp_path / "dl") == path
    assert fetch("RU", str(tmp_path), tmp_path / "dl") == path
    with pytest.raises(StoreError, match=r"no UA\.zip or UA\.txt there"):
        fetch("UA", str(tmp_path), tmp_path / "dl")


@needs_shared
def test_install_full_tier_from_the_dumps(tmp_path: Path, monkeypatch, invoke):
    monkeypatch.setenv("SITREP_HOME", str(tmp_path / "home"))
    write_ru(tmp_path)
    result = invoke("gazetteer", "install", "UA", "RU", "--from", tmp_path)
    assert result.exit_code == 1 and "no UA.zip or UA.txt" in result.output
    assert not tier_path("full").exists()
    (tmp_path / "UA.zip").symlink_to(SHARED / "geo" / "UA.zip")
    result = invoke("gazetteer", "install", "UA", "RU", "--from", tmp_path)
    assert result.exit_code == 0 and "installed the full gazetteer (UA, RU)" in result.output
    assert resolve_choice(None) == tier_path("full")  # installed: used from now on
    full = Gazetteer(tier_path("full"))
    assert full.tier == "full" and "geonames-UA" in full.meta["sources"]
    found = find_places("Ukrainian troops entered the village of Tetkinovo-Zarechnoye in Russia's Kursk region, "
                        "while drones struck Moskovsky Dvor.", full)
    named = {p["name"]: p for p in found}
    assert (named["Tetkinovo-Zarechnoye"]["admin1"], named["Tetkinovo-Zarechnoye"]["lat"]) == ("RU-KRS", 51.27)
    assert named["Kursk Oblast"]["kind"] == "admin1"
    assert "Moskovsky Dvor" not in named  # Moscow is not a border region: left out unless --all-regions
    zoria = find_places("A flag went up over the village of Dachne in the Dnipropetrovsk region.", full)[0]
    assert (zoria["admin1"], zoria["kind"]) == ("UA-12", "settlement")
    info = invoke("gazetteer", "info")
    assert "tier:     full" in info.output
