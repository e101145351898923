"""The GeoNames country dumps (`export/dump/CC.zip`, the 19-column `geoname` table) for the full tier:
reading them, and fetching them from GeoNames or from a copy the user names."""

from __future__ import annotations

import io
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import StoreError

DUMP_URL = "https://download.geonames.org/export/dump/{country}.zip"
# Russia's regions on the Ukrainian border (and across the Kerch Strait), by GeoNames admin1 code: the
# places news about this war names. `--all-regions` keeps the whole country.
BORDER_REGIONS = {"RU": {"09", "10", "41", "86", "61", "38"}}  # Belgorod, Bryansk, Kursk, Voronezh, Rostov, Krasnodar
KEEP_CLASSES = {"P", "A"}  # populated places and administrative divisions


@dataclass(frozen=True)
class Feature:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    population: int


def parse(lines: Iterator[str], source: str, regions: set[str] | None = None) -> Iterator[Feature]:
    """Features of a dump's lines; a malformed line is an error naming the source and line."""
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 19:
            raise StoreError(f"{source}:{number}: expected the 19 tab-separated columns of a GeoNames dump, "
                             f"found {len(cells)}; is this a GeoNames country file?")
        try:
            feature = Feature(int(cells[0]), cells[1], cells[2], [n for n in cells[3].split(",") if n],
                              float(cells[4]), float(cells[5]), cells[6], cells[7], cells[8], cells[10],
                              int(cells[14] or 0))
        except ValueError as exc:
            raise StoreError(f"{source}:{number}: unreadable GeoNames row ({exc})") from exc
        if feature.feature_class not in KEEP_CLASSES:
            continue
        if regions is not None and feature.admin1 not in regions:
            continue
        yield feature


def read_dump(path: Path, country: str, regions: set[str] | None = None) -> Iterator[Feature]:
    """Features of `CC.zip` or `CC.txt`."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            url = DUMP_URL.format(country=country)
            raise StoreError(f"{path}: not a zip file ({exc}); download {url} again") from exc
        with archive:
            member = f"{country}.txt"
            if member not in archive.namelist():
                raise StoreError(f"{path}: has no {member}; is it the GeoNames dump of {country}?")
            with archive.open(member) as raw:
                yield from parse(io.TextIOWrapper(raw, encoding="utf-8"), f"{path}:{member}", regions)
        return
    with path.open(encoding="utf-8") as handle:
        yield from parse(handle, str(path), regions)


def fetch(country: str, source: str | None, folder: Path) -> Path:
    """A local copy of the dump of `country`: from `source` (a file, a folder holding CC.zip or CC.txt, or
    a URL prefix), else downloaded from GeoNames into `folder`."""
    if source and not source.startswith(("http://", "https://")):
        given = Path(source)
        if given.is_dir():
            for name in (f"{country}.zip", f"{country}.txt"):
                if (given / name).exists():
                    return given / name
            raise StoreError(f"{given}: no {country}.zip or {country}.txt there")
        if given.is_file():
            return given
        raise StoreError(f"{given}: no such file or folder")
    url = f"{source.rstrip('/')}/{country}.zip" if source else DUMP_URL.format(country=country)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{country}.zip"
    partial = target.with_suffix(".zip.part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"could not download {url} ({exc}); download it by hand and pass "
                         f"--from PATH") from exc
    partial.replace(target)
    return target
