"""The gazetteer sitrep resolves place names against: one interface over two tiers in one file format.

A gazetteer is an SQLite file with a `places` table (one row per place: settlement, first-level
division, district, informal region, country) and a `names` table (every spelling of every place,
under its `loose_key`). The embedded default tier is built from registry packages on first use; the
full tier adds the GeoNames country dumps (`sitrep gazetteer install`). Both live under SITREP_HOME.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import platformdirs

from sitrep.errors import StoreError
from sitrep.places.names import fold

SCHEMA_VERSION = 1
LOOKUP_CACHE = 200_000
TIERS = ("default", "full")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- settlement | admin1 | admin2 | district | region | country
    feature TEXT,                -- GeoNames feature code (PPLA, PPL, ADM1 ...) or the codifier category
    country TEXT,
    admin1 TEXT,                 -- ISO 3166-2
    admin2 TEXT,                 -- raion or district name, where known
    lat REAL,
    lon REAL,
    precision TEXT NOT NULL,     -- what lat/lon stand for: settlement | admin2 | admin1 | country
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(id),
    form TEXT NOT NULL,
    how TEXT NOT NULL,           -- official | alternate | romanized | russian | former | variant
    PRIMARY KEY (key, place, form)
) WITHOUT ROWID;
"""


def extras() -> list[list[str]]:
    """The rows of data/places.tsv, padded to its seven columns."""
    text = resources.files("sitrep").joinpath("data/places.tsv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [[*line.split("\t"), *[""] * 7][:7] for line in rows]

@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    id: int
    geonameid: int | None
    name: str
    kind: str
    feature: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int
    source: str


@dataclass(frozen=True)
class Hit:
    """A place found under a key, with the spelling that matched and how that spelling is known."""

    place: Place
    form: str
    how: str


def home() -> Path:
    """SITREP_HOME, else the user's data directory."""
    return Path(os.environ.get("SITREP_HOME") or platformdirs.user_data_dir("sitrep", appauthor=False))


def tier_path(tier: str) -> Path:
    return home() / "gazetteer" / f"{tier}-v{SCHEMA_VERSION}.sqlite"


class Gazetteer:
    """Read-only lookups over one gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable sitrep gazetteer ({exc}); rebuild it with "
                             "`sitrep gazetteer build` or `sitrep gazetteer install`") from exc
        self._lookups: dict[tuple[str, str | None], list[Hit]] = {}
        if int(self.meta.get("schema", 0)) != SCHEMA_VERSION:
            raise StoreError(f"{path}: gazetteer schema {self.meta.get('schema')} is not {SCHEMA_VERSION}; "
                             "rebuild it with `sitrep gazetteer build` or `sitrep gazetteer install`")

    @property
    def tier(self) -> str:
        return self.meta.get("tier", "custom")

    def close(self) -> None:
        self.db.close()

    @staticmethod
    def _place(row: sqlite3.Row) -> Place:
        return Place(**{k: row[k] for k in Place.__dataclass_fields__})

    def lookup(self, key: str, spelling: str | None = None) -> list[Hit]:
        """Every place with a spelling under `key`; per place, the spelling as written if it has it, else its
        most reliable one."""
        cached = self._lookups.get((key, spelling))
        if cached is None:
            if len(self._lookups) > LOOKUP_CACHE:
                self._lookups.clear()
            cached = self._lookups[(key, spelling)] = self._lookup(key, spelling)
        return cached

    def _lookup(self, key: str, spelling: str | None) -> list[Hit]:
        rows = self.db.execute(
            "SELECT p.*, n.form, n.how FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,))
        written = fold(spelling) if spelling else None
        best: dict[int, Hit] = {}
        for row in rows:
            hit = Hit(self._place(row), row["form"], row["how"])
            rank = (fold(hit.form) != written, HOW_RANK[hit.how])
            old = best.get(row["id"])
            if old is None or rank < (fold(old.form) != written, HOW_RANK[old.how]):
                best[row["id"]] = hit
        return list(best.values())

    def has_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def get(self, place_id: int) -> Place:
        return self._place(self.db.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone())

    def admin1(self, iso: str) -> Place | None:
        row = self.db.execute("SELECT * FROM places WHERE kind = 'admin1' AND admin1 = ? "
                              "ORDER BY population DESC LIMIT 1", (iso,)).fetchone()
        return self._place(row) if row else None

    def country(self, code: str) -> Place | None:
        row = self.db.execute("SELECT * FROM places WHERE kind = 'country' AND country = ? LIMIT 1",
                              (code,)).fetchone()
        return self._place(row) if row else None

    @cached_property
    def keys_by_start(self) -> dict[tuple[int, str], list[str]]:
        """Keys of theater places by length and first letter, for edit-distance lookups of long names."""
        groups: dict[tuple[int, str], list[str]] = {}
        rows = self.db.execute("SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                               "WHERE p.country IN ('UA', 'RU') AND length(n.key) >= 5")
        for (key,) in rows:
            groups.setdefault((len(key), key[0]), []).append(key)
        return groups

    def counts(self) -> dict[str, int]:
        return {kind: n for kind, n in self.db.execute("SELECT kind, count(*) FROM places GROUP BY kind")}


# Which spelling of a place counts when one key finds it under several: a former name is a fact about the
# place, not a mere spelling, so it ranks above alternates.
HOW_RANK = {"official": 0, "variant": 1, "former": 2, "alternate": 3, "romanized": 4, "russian": 5, "fuzzy": 6}


@cache
def build_id() -> str:
    """Fingerprint of what a gazetteer is built from: a default tier built by other code is rebuilt."""
    from importlib import resources

    from sitrep import __version__

    digest = hashlib.sha1(__version__.encode())
    package = resources.files("sitrep")
    for name in ("places/build.py", "places/names.py", "places/geonames.py", "data/places.tsv", "data/admin1.geojson"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def resolve_choice(choice: str | None = None) -> Path:
    """The gazetteer file a run uses: --gazetteer, else SITREP_GAZETTEER, else full if installed, else default."""
    choice = choice or os.environ.get("SITREP_GAZETTEER") or ""
    if choice in ("", "auto"):
        return tier_path("full") if tier_path("full").exists() else tier_path("default")
    if choice in TIERS:
        return tier_path(choice)
    return Path(choice)


def needs_build(path: Path) -> bool:
    """Whether the default tier at `path` is missing or was built by other code."""
    if not path.exists():
        return True
    try:
        gazetteer = Gazetteer(path)
    except StoreError:
        return True
    try:
        return gazetteer.meta.get("build_id") != build_id()
    finally:
        gazetteer.close()
