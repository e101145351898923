"""Choose the place each mention stands for, or say honestly how precisely it can be placed.

The text's own context decides first (a division named right after the name, then in the same sentence),
then the other places of the article (which divisions it names, how near a candidate lies to the places
already placed), then what the gazetteer knows (population, how the spelling is known), then the theater.
A settlement the gazetteer does not know, tied to a division, comes back as that division's centroid
with `precision: admin1`; never as a namesake elsewhere.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz.fuzz import ratio

from sitrep.places.gazetteer import Gazetteer, Hit, Place
from sitrep.places.names import fold, loose_key
from sitrep.places.recognize import Mention, given_names


@cache
def theater() -> tuple[frozenset[str], frozenset[str]]:
    """The theater's countries and front divisions (data/theater.tsv); a country with "*" is all front."""
    countries, front = set(), set()
    text = resources.files("sitrep").joinpath("data/theater.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *values = line.split("\t")
        if kind == "country":
            countries.add(values[0])
        elif kind == "front":
            front.add(values[0] if values[1] == "*" else values[1])
    return frozenset(countries), frozenset(front)


THEATER, FRONT = theater()
NEIGHBOURS = {"BY", "MD", "PL", "RO", "SK", "HU", "GE", "KZ", "TR"}
HOW_SCORE = {"official": 6, "variant": 6, "alternate": 4, "romanized": 3, "former": 6, "russian": 1, "fuzzy": -4}
BIG_CITY = 100_000
SEAT_TOWN = 20_000
"""A town this big named like the division it lies in is that division's seat, not the division."""
# First-level divisions that are one city: their bare name is the city.
CITY_STATES = {"UA-30", "UA-40", "RU-MOW", "RU-SPE"}
# Words before a country name that make it a location rather than an actor.
# Words before a foreign city that make it a location ("talks in Istanbul"); weaker ones ("of") do not.
STRONG_CUES = {"in", "near", "at", "to", "from", "into", "over", "around", "outside", "inside", "visit to", "route",
               "target"}
COUNTRY_CUES = {"in", "into", "inside", "within", "across", "throughout", "over", "to", "toward", "towards", "near",
                "at", "beyond", "off", "on", "visit to", "trip to", "possessive"}
KIND_OUT = {"settlement": "settlement", "admin1": "admin1", "country": "country", "admin2": "region",
            "district": "region", "region": "region"}


@dataclass
class Resolved:
    """A place found in the text: a gazetteer place, or one placed no finer than a division."""

    name: str
    kind: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    geonameid: int | None = None
    place_id: int | None = None

    @property
    def identity(self) -> tuple:
        return ("place", self.place_id) if self.place_id else ("named", loose_key(self.name), self.admin1, self.kind)


def _same_clause(mentions: list[Mention], k: int, division_at: dict[int, str]) -> set[str]:
    """Divisions named in the mention's sentence with no other place name between them and it: in
    "Otradne, a village further west, and Loknya, a village in Sumy region", Sumy region is Loknya's."""
    found = set()
    group = mentions[k].group
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(mentions) and mentions[j].sentence == mentions[k].sentence:
            if j in division_at:
                found.add(division_at[j])
            elif mentions[j].hits and not mentions[j].actor and (group is None or mentions[j].group != group):
                break  # another place comes between; members of one list ("A, B and C in X region") share X
            j += step
    return found


def _urban(cue: str | None) -> bool:
    """Whether the word before a name calls it a city or town ("the city of", "the cities of", "the town of")."""
    return bool(cue) and any(word in cue for word in ("city", "cities", "town"))


def _closest(near: dict[str, int]) -> str | None:
    """The one division named in the mention's own sentence, else the one named in a sentence beside it."""
    for distance in (0, 1):
        found = [iso for iso, d in near.items() if d == distance]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def from_place(place: Place) -> Resolved:
    return Resolved(place.name, KIND_OUT.get(place.kind, "settlement"), place.admin1, place.country,
                    place.lat, place.lon, place.precision, place.geonameid, place.id)


def from_hit(hit: Hit) -> Resolved:
    """The place a hit names, under the name the text used when that is another name of the place
    (a village known by two names), not a spelling of its gazetteer name (Kharkov for Kharkiv)."""
    resolved = from_place(hit.place)
    if hit.place.kind == "settlement" and hit.how in ("alternate", "romanized") \
            and ratio(loose_key(hit.form), loose_key(hit.place.name)) < 60:
        resolved.name = hit.form
    return resolved


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, mentions: list[Mention]) -> list[Resolved | None]:
        out: list[Resolved | None] = [None] * len(mentions)
        settled = set()
        for k, m in enumerate(mentions):  # divisions and countries first: they are the context of the rest
            if m.role == "admin1" or (m.role == "name" and self._division_or_country(m.hits)):
                settled.add(k)
                division = self._division(m)
                exact = any(h.how in ("official", "variant") and h.place.kind == division.kind
                            for h in m.hits) if division else False
                acting = m.actor or m.subject
                out[k] = None if division is None or (acting and (division.kind == "country" or not exact)) \
                    else division
        doc_admin1 = Counter(r.admin1 for r in out if r and r.kind == "admin1")
        sentence_admin1: dict[int, set[str]] = {}
        for k, r in enumerate(out):
            if r and r.admin1 and r.kind == "admin1":
                sentence_admin1.setdefault(mentions[k].sentence, set()).add(r.admin1)
        division_at = {k: r.admin1 for k, r in enumerate(out) if r and r.kind == "admin1" and r.admin1}
        first_reading: dict[tuple[str, str], Resolved] = {}
        anchors: list[tuple[float, float]] = []
        for k, m in enumerate(mentions):  # then names with one plausible reading
            if k not in settled and not m.actor:
                sure = self._sure(m, doc_admin1)
                if sure and self._plausible(m, sure, [], {}, Counter()):
                    settled.add(k)
                    out[k] = self._settlement_like(m, sure)
                    if sure.place.lat is not None and sure.place.country in THEATER:
                        anchors.append((sure.place.lat, sure.place.lon))
                    if sure.place.admin1:
                        doc_admin1[sure.place.admin1] += 0.5
                        if sure.place.country in THEATER:
                            sentence_admin1.setdefault(m.sentence, set()).add(sure.place.admin1)
        districts_first = sorted(range(len(mentions)), key=lambda k: mentions[k].role != "district")
        for k in districts_first:  # a district is the context of the village named in it
            m = mentions[k]
            if k in settled or m.actor:
                continue
            if not m.tied and (fold(m.text), m.role) in first_reading:  # one name, one place in one article
                out[k] = first_reading[(fold(m.text), m.role)]
                continue
            tied = [out[t].admin1 for t in m.tied if out[t] is not None and out[t].admin1]
            near: dict[str, int] = {}  # division -> 0 when named in the same clause, 1 in the sentence before or after
            for s in (m.sentence - 1, m.sentence + 1):
                near.update({iso: 1 for iso in sentence_admin1.get(s, set())})
            around = {r.admin1 for j, r in enumerate(out) if r and j != k and r.admin1 and r.kind != "country"
                      and mentions[j].sentence == m.sentence and r.country in THEATER}
            near.update({iso: 0 if len(around) == 1 else 1 for iso in around})  # places named together lie together
            near.update({iso: 0 for iso in _same_clause(mentions, k, division_at)})
            out[k] = self._choose(m, tied, near, doc_admin1, anchors)
            if out[k] is not None:
                first_reading.setdefault((fold(m.text), m.role), out[k])
        return out

    @staticmethod
    def _division_or_country(hits: list[Hit]) -> bool:
        """Whether a bare name is read as a division or country; a big city, or the town that gives its name to
        the division it lies in ("Kherson"), is read as the settlement."""
        kinds = {h.place.kind for h in hits if h.how in ("official", "variant") or h.place.country in THEATER}
        divisions = {h.place.admin1 for h in hits if h.place.kind == "admin1"}
        return bool(kinds & {"admin1", "country", "region"}) and not any(
            h.place.kind == "settlement" and h.how != "former" and (h.place.population >= BIG_CITY or (
                h.how == "official" and h.place.admin1 in divisions and h.place.population >= SEAT_TOWN))
            for h in hits)

    def _division(self, m: Mention) -> Resolved | None:
        if any(h.place.kind == "country" and h.how in ("official", "variant") for h in m.hits):
            m.role = "name"  # a country is not a division, whatever word precedes it
        hits = m.hits
        if m.role == "admin1" and any(h.place.kind == "admin1" and h.place.admin1 not in CITY_STATES for h in hits):
            hits = [h for h in hits if h.place.admin1 not in CITY_STATES]  # "Kyiv region" is the oblast, not the city
        ranked = sorted((h for h in hits if h.place.kind in ("admin1", "country", "region")),
                        key=lambda h: (h.place.kind != "admin1" if m.role == "admin1" else h.place.kind == "admin1",
                                       h.place.country not in THEATER, -HOW_SCORE[h.how], -h.place.population))
        if m.role == "admin1" and ranked and ranked[0].place.kind != "admin1":
            ranked = []
        if not ranked and m.role == "admin1":  # "Kramatorsk region": the division the settlement lies in
            towns = sorted((h for h in m.hits if h.place.kind == "settlement" and h.place.admin1),
                           key=lambda h: (h.place.country not in THEATER, -h.place.population))
            if towns:
                division = self.gazetteer.admin1(towns[0].place.admin1)
                return from_place(division) if division else None
            return None
        if not ranked:
            return None
        best = ranked[0].place
        if best.kind == "admin1" and best.country not in THEATER and m.role != "admin1":
            return None  # a bare foreign division name ("the Gulf", "Centre") is more often a thing than a place
        if best.kind == "admin1" and best.admin1 in CITY_STATES and m.role == "name":
            return None  # "Kyiv", "Moscow": the city, resolved as a settlement
        if best.kind == "country" and (m.cue or "") not in COUNTRY_CUES:
            return None  # "Russia said", "support from the United States": an actor, not a location
        return from_hit(ranked[0])

    @staticmethod
    def _sure(m: Mention, doc_admin1: Counter) -> Hit | None:
        """The one plausible reading of a name, without context: a big city known by this name, or a theater
        place with no namesake. Not a big city when a namesake lies in a division the text names."""
        if m.role == "district":
            return None
        settlements = [h for h in m.hits if h.place.kind == "settlement"]
        if not settlements:
            return None
        big = [h for h in settlements if h.place.population >= BIG_CITY and h.how in ("official", "variant", *(
            ("alternate", "former") if h.place.country in THEATER else ()))]  # not a Chinese city under a transcription
        rivals = [h for h in settlements if h not in big and h.place.admin1 in doc_admin1
                  and h.how in ("official", "variant", "former") and fold(h.form) == fold(m.text)
                  and not (_urban(m.cue) and h.place.population < 10_000)]  # "the cities of ...": no village
        renamed = any(h.how == "former" and (h.place.admin1 in FRONT or h.place.country in FRONT) for h in settlements)
        if big and not rivals:
            top = max(big, key=lambda h: h.place.population)
            if renamed and top.how != "former" and top.place.admin1 not in FRONT:
                return None  # "Dzerzhinsk": the front town's former name, not the far city, unless context says so
            if all(h.place.population * 5 <= top.place.population or h is top for h in settlements
                   if h.place.country in THEATER or h.how in ("official", "variant")):
                return top
        theater = [h for h in settlements if h.place.country in THEATER]
        if len(theater) == 1 and len(settlements) == 1:
            place = theater[0].place
            named = m.cue or m.role != "name" or place.population >= 2000
            if named and (not doc_admin1 or place.admin1 in doc_admin1 or place.population >= 10_000):
                return theater[0]
        return None

    def _settlement_like(self, m: Mention, hit: Hit) -> Resolved:
        place = hit.place
        if m.role == "district" and place.kind == "settlement":
            return Resolved(f"{m.text} district", "region", place.admin1, place.country, place.lat, place.lon,
                            "admin2" if place.precision == "settlement" else place.precision)
        if m.role == "direction" and place.kind == "settlement":
            return Resolved(f"{m.text} direction", "region", place.admin1, place.country, place.lat, place.lon,
                            "admin2" if place.precision == "settlement" else place.precision)
        return from_hit(hit)

    def _choose(self, m: Mention, tied: list[str], near: dict[str, int], doc_admin1: Counter,
                anchors: list[tuple[float, float]]) -> Resolved | None:
        candidates = [h for h in m.hits if h.place.kind in ("settlement", "district", "admin2", "region")]
        if _urban(m.cue) and any(h.place.population >= 10_000 for h in candidates):
            candidates = [h for h in candidates if h.place.population >= 10_000]  # "the town of X" is no hamlet
        if m.role == "settlement" and any(h.place.kind == "settlement" for h in candidates):
            candidates = [h for h in candidates if h.place.kind == "settlement"]  # "the town of X": no district
        if m.role == "district":
            districts = [h for h in candidates if h.place.kind in ("district", "admin2")]
            candidates = districts or candidates
        scored = sorted(((self._score(h, m, tied, near, doc_admin1, anchors), h) for h in candidates),
                        key=lambda x: -x[0])
        if tied and (not scored or scored[0][1].place.admin1 not in tied):
            return self._unknown(m, tied[0])
        if not scored:
            if tied or (m.role in ("settlement", "district", "direction") and near):
                return self._unknown(m, tied[0] if tied else min(near, key=near.get))
            return None
        best_score, best = scored[0]
        closest = _closest(near)
        weak = fold(best.form) != fold(m.text) or best.how not in ("official", "variant", "former")
        listed = m.group is not None and near.get(closest or "") == 0  # "A, B and C", the others lying in `closest`
        if (m.role == "settlement" or (m.cue or "") in STRONG_CUES) and closest and best.place.admin1 not in near \
                and (weak or listed) \
                and best.place.population < BIG_CITY:
            return self._unknown(m, closest)  # a village the gazetteer misses, in the division named beside it
        if not self._plausible(m, best, tied, near, doc_admin1):
            if m.role in ("settlement", "district", "direction") and (tied or near):
                return self._unknown(m, tied[0] if tied else min(near, key=near.get))
            return None
        exact = fold(best.form) == fold(m.text) and best.how in ("official", "variant")
        rivals = [h for s, h in scored[1:] if h.place.admin1 == best.place.admin1 and h.place.id != best.place.id
                  and h.place.kind == best.place.kind and (best_score - s < 3 or (
                      not exact and fold(h.form) == fold(m.text) and h.how in ("official", "variant")))]
        if rivals and (not exact or best.place.population < 5 * max(h.place.population for h in rivals) + 1):
            return self._unknown(m, best.place.admin1, best.place.name if exact else None)  # namesakes in one
            # oblast: say only the oblast
        return self._settlement_like(m, best)

    @staticmethod
    def _score(h: Hit, m: Mention, tied: list[str], near: dict[str, int], doc_admin1: Counter,
               anchors: list[tuple[float, float]]) -> float:
        p = h.place
        score = 0.0
        if p.admin1 in tied:
            score += 100
        if p.admin1 in near:
            score += 30 if near[p.admin1] == 0 else 15
        score += min(30, 10 * doc_admin1.get(p.admin1, 0))
        score += 10 if p.country in THEATER else 3 if p.country in NEIGHBOURS else 0
        score += 8 if p.country in FRONT or p.admin1 in FRONT else 0
        if anchors and p.lat is not None and p.precision in ("settlement", "admin2"):
            closest = min(_km((p.lat, p.lon), a) for a in anchors)
            score += 30 * math.exp(-closest / 60)
        score += 4 * math.log10(p.population + 1)
        if _urban(m.cue) and p.population >= 10_000:
            score += 15
        score += HOW_SCORE[h.how]
        score -= 6 if fold(h.form) != fold(m.text) else 0  # a name spelt as written beats one alike only loosely
        score += 3 if p.precision == "settlement" else 0
        return score

    @staticmethod
    def _plausible(m: Mention, h: Hit, tied: list[str], near: dict[str, int], doc_admin1: Counter) -> bool:
        """Whether the best reading is a place at all: small places need context; foreign ones need size."""
        p = h.place
        if p.feature == "PPLC" and not m.cue:
            return False  # "Moscow", "Washington" alone stand for governments
        if m.text in given_names() and (m.cue or "") not in STRONG_CUES:
            return False  # "Vladimir, stop!": a person addressed, not the city
        if p.admin1 in tied or p.admin1 in near:
            return True
        if h.how == "fuzzy":
            return p.admin1 in doc_admin1  # a near-spelling counts only inside a division the text names
        if p.country in FRONT or p.admin1 in FRONT:
            return bool(m.cue or m.role != "name" or p.population >= 5000 or doc_admin1.get(p.admin1, 0) >= 1)
        if p.country in THEATER:  # far from the front: a small namesake needs a real locative word
            return p.population >= BIG_CITY or (m.cue or "") in STRONG_CUES or doc_admin1.get(p.admin1, 0) >= 1
        if h.how not in ("official", "variant"):
            return False  # a foreign place under one of its many other names: too often a word or a person
        return p.population >= 1_000_000 or (p.population >= BIG_CITY and (m.cue or "") in STRONG_CUES)

    def _unknown(self, m: Mention, admin1: str, name: str | None = None) -> Resolved | None:
        division = self.gazetteer.admin1(admin1)
        if division is None:
            return None
        label = name or m.text
        if m.role == "district":
            label = f"{label} district"
        elif m.role == "direction":
            label = f"{label} direction"
        kind = "region" if m.role in ("district", "direction") else "settlement"
        return Resolved(label, kind, admin1, division.country, division.lat, division.lon, "admin1")
