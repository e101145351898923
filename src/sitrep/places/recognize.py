"""Find place mentions in cleaned text: capitalised name chunks checked against the gazetteer, with the
words around them that say what kind of place they are (a division, a district, a front sector, a
settlement) or that they are no place at all (a person, an actor such as "Moscow said")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from sitrep import vocab
from sitrep.places.gazetteer import Gazetteer, Hit, extras
from sitrep.places.names import fold, loose_key
from sitrep.segment import Token, sentences, tokens

MAX_NAME_TOKENS = 5
CONNECTORS = {"of", "on", "de", "upon", "-"}
ABBREVIATED = {"St", "Mt", "Ft", "Pt"}  # "St. Petersburg": the period belongs to the name
# Capitalised words that start sentences or name things other than places.
NOT_NAMES = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
    "his", "her", "its", "their", "our", "my", "your", "according", "meanwhile", "however", "despite", "also",
    "after", "before", "during", "while", "when", "if", "but", "and", "or", "in", "on", "at", "as", "for", "from",
    "with", "by", "to", "of", "since", "until", "earlier", "later", "today", "yesterday", "tomorrow", "now",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "president", "minister", "ministry", "defence", "defense", "general", "staff", "forces", "army", "armed",
    "military", "institute", "study", "war", "council", "security", "kremlin", "telegram", "reuters", "afp",
    "tass", "ria", "interfax", "isw", "nato", "eu", "un", "us", "uk", "some", "many", "most", "all", "both",
    "several", "other", "another", "each", "every", "no", "not", "what", "which", "who", "why", "how", "where",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "read", "more",
    "first", "second", "third", "last", "new", "old", "great", "big", "small", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "head", "chief", "mr", "mrs", "ms", "dr", "said", "says",
    "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "so", "yet", "still", "even", "just", "only", "then", "thus", "here", "again", "once", "though", "although",
    "is", "was", "were", "are", "be", "been", "will", "would", "could", "should", "can", "might",
    "russian", "ukrainian", "russians", "ukrainians", "american", "european", "soviet", "state",
    "media", "news", "agency", "service", "office", "party", "group", "battlegroup", "brigade", "division",
    "corps", "regiment", "battalion", "unit", "units", "air", "force", "navy", "guard", "border", "national",
    "operation", "day", "week", "month", "year", "time", "people", "republic", "federation", "union",
    "committee", "commission", "parliament", "government", "embassy", "mission", "palace", "square", "street",
    "avenue", "hotel", "hospital", "school", "university", "church", "cathedral", "plant", "factory",
    "region", "regions", "oblast", "oblasts", "province", "district", "districts", "raion", "direction",
    "front", "city", "village", "town", "administration", "regional", "civil",
}


@cache
def words(group: str) -> frozenset[str]:
    """One group of data/place_words.tsv."""
    text = resources.files("sitrep").joinpath("data/place_words.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t", 1)[1].strip() for line in text.splitlines()
                     if line and not line.startswith("#") and line.split("\t", 1)[0] == group)


@cache
def descriptions() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """The descriptions of data/places.tsv as one pattern, and each description's (settlement, country)."""
    places = {}
    for kind, name, others, country, *_rest in extras():
        if kind == "described":
            places.update({other.lower().replace("’", "'"): (name, country) for other in others.split("|") if other})
    alternation = "|".join(re.escape(d).replace("'", "['’]") for d in sorted(places, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE), places


@cache
def lands() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(country, pattern) of a side's demonym before a land noun ("Ukrainian territory", "Russian soil"): the
    country as a location, with no name of its own in the text (data/sides.tsv, data/place_words.tsv)."""
    nouns = "|".join(sorted(words("land"), key=len, reverse=True))
    return tuple((side, re.compile(rf"\b(?:{demonym.pattern})\s+(?:{nouns})\b", re.IGNORECASE))
                 for side, demonym in vocab.side_words("demonym"))


def is_land(text: str, start: int, end: int) -> bool:
    """Whether the country mentioned at text[start:end] is named as land, not as a party: "Ukrainian
    territory", "Ukraine's territory", "a fifth of Ukraine", not "in Ukraine" or "Ukraine said"."""
    if any(land.fullmatch(text, start, end) for _code, land in lands()):
        return True
    after = re.match(r"['’]s\s+(\w+)", text[end:end + 30])
    before = [w.lower() for w in text[max(0, start - 30):start].split() if w.lower() != "the"]
    return (after is not None and after.group(1).lower() in words("land")) or (
        _share_of(before))


@cache
def given_names() -> frozenset[str]:
    text = resources.files("sitrep").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass
class Mention:
    """A stretch of text that names a place, with what its context says about it."""

    start: int
    end: int
    text: str
    sentence: int
    hits: list[Hit]
    role: str = "name"
    """name | admin1 (followed by "region") | district | direction | settlement (after "village of")."""
    cue: str | None = None
    """The locative word or settlement noun that makes it a place ("in", "village of")."""
    actor: bool = False
    """Used as an actor ("Moscow said", "Kyiv's forces", "talks with Kyiv")."""
    subject: bool = False
    """Followed by an auxiliary ("Moscow has said", "Pokrovsk was shelled"): an actor when it names a country, a
    division or a seat of government, a place when it names a town."""
    tied: list[int] = field(default_factory=list)
    """Indexes of mentions of divisions it is tied to: "X in Y region", "X, Y region", "X (Y region)"."""
    group: int | None = None
    """Mentions listed together ("A, B and C") share a group."""
    label_end: int | None = None
    """Where a following kind word ends ("Sumy region"): the mention's full phrase is text[start:label_end]."""


GEO_TAIL = {"peninsula", "river", "sea", "island", "spit", "strait", "bay", "lake", "bridge", "reservoir",
            "nuclear", "power", "plant", "npp", "dam", "canal"}
UNIT_WORDS = {"battlegroup", "group", "grouping", "brigade", "division", "corps", "army", "fleet", "operation",
              "unit", "regiment", "battalion", "task", "detachment"}
MEDIA_WORDS = {"times", "post", "herald", "journal", "news", "tribune", "gazette", "telegraph", "independent",
               "observer", "mirror", "star", "review", "standard", "chronicle", "express", "today", "daily",
               "weekly", "monitor", "pravda", "izvestia", "insider", "dispatch", "ledger", "courier", "telegram",
               "channel", "tv", "newspaper", "website", "agency", "blog", "radio"}
ADVERBS = {"today", "daily", "weekly"}
"""Media words that, in lower case after a name, are adverbs: "Odesa today" is no "USA Today"."""
# Words after a capitalised name that make it the name of a unit, a street or a building, not of a place.
NAMED_THINGS = {"group", "grouping", "battlegroup", "brigade", "battalion", "regiment", "corps", "division", "army",
                "fleet", "operation", "street", "avenue", "square", "boulevard", "lane", "road", "prospekt",
                "basilica", "cathedral", "church", "monastery", "stadium", "hotel", "university", "school",
                "hospital", "museum", "theatre", "theater", "airlines", "company", "corporation", "bank", "plant",
                "river", "lake"}
ROUTE_WORDS = {"train", "line", "road", "highway", "motorway", "stretch", "route", "railway", "section", "axis",
               "front", "border", "direction", "pipeline", "corridor"}
NOT_A_PLACE_BEFORE = re.compile(r"(?:\baccording to(?: the)?|\bformer name,?|\bformerly(?: known as| called)?,?|"
                                r"\bpreviously (?:known as|called),?|\bonce called|\brenamed from|\bcited by|"
                                r"\bquoted by|\breported by|\bwrites|\bsaid|\btold)\s*$", re.IGNORECASE)


class Recognizer:
    """Finds mentions; one per document, sharing the gazetteer's lookups through a cache."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str], list[Hit]] = {}
        self.people: set[str] = set()

    def lookup(self, name: str) -> list[Hit]:
        key = (loose_key(name), fold(name))
        if key not in self._cache:
            self._cache[key] = self.gazetteer.lookup(key[0], name) if key[0] else []
        return self._cache[key]

    def mentions(self, text: str) -> list[Mention]:
        spans = sentences(text)
        sentence_tokens = [tokens(text, span.start, span.end) for span in spans]
        self.people = self._people(sentence_tokens)
        found: list[Mention] = []
        for index, toks in enumerate(sentence_tokens):
            found.extend(self._sentence(text, toks, index))
        _tie(found, text)
        return found

    def _people(self, sentence_tokens: list[list[Token]]) -> set[str]:
        """Surnames of the people the text names in full ("Vladimir Putin", "Governor Gladkov"): a surname
        alone elsewhere ("Putin said", "according to Kovalev") is that person, not a place."""
        people: set[str] = set()
        for toks in sentence_tokens:
            for i, chunk in self._chunks(toks):
                for a in range(len(chunk)):
                    if self._person_starts(chunk, a) or (a == 0 and self._is_person(toks, i, chunk)):
                        people.update(t.text for t in chunk[a:] if t.text.lower() not in NOT_NAMES
                                      and t.text.lower() not in words("title"))
                        break
        return people

    def _chunks(self, toks: list[Token]) -> Iterator[tuple[int, list[Token]]]:
        """Each capitalised chunk of a sentence with the index of its first token."""
        i = 0
        while i < len(toks):
            chunk = self._chunk(toks, i)
            if chunk:
                yield i, chunk
            i += len(chunk) or 1

    def _sentence(self, text: str, toks: list[Token], sentence: int) -> list[Mention]:
        out: list[Mention] = []
        for i, chunk in self._chunks(toks):
            if not self._names_something_else(text, toks, i, chunk):
                out.extend(self._names_in(text, toks, i, chunk, sentence))
        _enumerations(out, text)
        for m in out:  # "in the Sudzhansky and Korenevsky districts": the role came from the list
            if m.role == "district" and not m.hits:
                m.hits = self._district_seat(m.text)
        out = [m for m in out if m.hits or m.role in ("settlement", "district", "direction", "admin1")
               or (m.cue and m.group is not None)]
        if _title_case(toks):  # a headline: every word is capitalised, so only exact names count
            out = [m for m in out if any(h.how in ("official", "variant") for h in m.hits)]
        described = self._described(text, toks[0].start, toks[-1].end, sentence) if toks else []
        return [m for m in out if not any(d.start <= m.start and m.end <= d.end for d in described)] + described

    def _described(self, text: str, start: int, end: int, sentence: int) -> list[Mention]:
        """Settlements named by a description ("the Ukrainian capital", "Ukraine's second city"), from
        data/places.tsv; the country the description names is no place of its own."""
        pattern, places = descriptions()
        out = []
        for m in pattern.finditer(text, start, end):
            name, country = places[m.group(0).lower().replace("’", "'")]
            hits = [h for h in self.lookup(name) if h.place.kind == "settlement" and h.place.country == country
                    and h.how in ("official", "variant")]
            if hits:
                out.append(Mention(m.start(), m.end(), m.group(0), sentence, hits, role="settlement", cue="described"))
        for code, land in lands():
            country = self.gazetteer.country(code)
            out += [Mention(m.start(), m.end(), m.group(0), sentence, [Hit(country, country.name, "official")],
                            cue="possessive") for m in land.finditer(text, start, end) if country is not None]
        return out

    def _names_something_else(self, text: str, toks: list[Token], i: int, chunk: list[Token]) -> bool:
        """A person, a source ("according to X"), an outlet ("Los Angeles Times"), a unit, street or building."""
        j = i + len(chunk)
        lead = text[toks[max(0, i - 6)].start:chunk[0].start]
        trail = toks[j].text.lower() if j < len(toks) else ""
        after_possessive = toks[j + 1].text.lower() if trail in ("'s", "’s") and j + 1 < len(toks) else ""
        last = chunk[-1].text.lower()
        return (self._is_person(toks, i, chunk) or bool(NOT_A_PLACE_BEFORE.search(lead))
                or (trail in MEDIA_WORDS and trail not in ADVERBS) or last in MEDIA_WORDS or trail in NAMED_THINGS
                or (len(chunk) > 1 and last in NAMED_THINGS) or after_possessive in NAMED_THINGS)

    @staticmethod
    def _chunk(toks: list[Token], i: int) -> list[Token]:
        """The capitalised name tokens starting at i (with inner connectors: Rostov-on-Don, Sea of Azov)."""
        chunk: list[Token] = []
        k = i
        while k < len(toks) and len(chunk) < MAX_NAME_TOKENS + 2:
            tok = toks[k]
            inner = chunk and k + 1 < len(toks) and toks[k + 1].capitalized and (
                tok.text.lower() in CONNECTORS or (tok.text == "." and chunk[-1].text in ABBREVIATED))
            if (tok.capitalized and tok.text[:1].isalpha()) or inner:
                chunk.append(tok)
            else:
                break
            k += 1
        while chunk and (chunk[-1].text.lower() in CONNECTORS or chunk[-1].text == "."):
            chunk.pop()
        return chunk

    @staticmethod
    def _is_person(toks: list[Token], i: int, chunk: list[Token]) -> bool:
        """A name right after a lower-case title ("governor Vyacheslav Gladkov"), or before ", who"."""
        before = toks[i - 1].text.lower().rstrip(".") if i > 0 else ""
        j = i + len(chunk)
        who = j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text.lower() == "who"
        return (before in words("title") and not toks[i - 1].capitalized and len(chunk) <= 4) or (
            who and len(chunk) <= 3)

    @staticmethod
    def _person_starts(chunk: list[Token], a: int) -> bool:
        """A person's name starts here: a given name before another name, or a title ("President", "Governor")."""
        tok = chunk[a]
        nxt = chunk[a + 1] if a + 1 < len(chunk) else None
        return (tok.text in given_names() and nxt is not None and nxt.capitalized) or (
            tok.text.lower() in words("title") and nxt is not None and nxt.text.lower() not in NOT_NAMES)

    def _names_in(self, text: str, toks: list[Token], i: int, chunk: list[Token], sentence: int) -> list[Mention]:
        """The longest gazetteer names inside a chunk, left to right, and names the context makes places."""
        out: list[Mention] = []
        a = 0
        while a < len(chunk):
            if self._person_starts(chunk, a):
                break  # the rest of the chunk is a person's name and title
            low = chunk[a].text.lower()
            if low in UNIT_WORDS:
                break  # "Battlegroup Sever", "Operation Spiderweb": names of units and operations
            if low in CONNECTORS or low == "." or (chunk[a].text in self.people and len(chunk) == 1):
                a += 1
                continue
            best = None
            shortest = a + 2 if low in NOT_NAMES else a + 1  # "St. Petersburg", "Sea of Azov", not "St" alone
            for b in range(min(len(chunk), a + MAX_NAME_TOKENS), shortest - 1, -1):
                if chunk[b - 1].text.lower() in CONNECTORS or chunk[b - 1].text == ".":
                    continue
                hits = self._lookup_span(text, chunk[a].start, chunk[b - 1].end, toks, i + b)
                if hits:
                    best = (b, hits)
                    break
            if best is None and low in NOT_NAMES:
                a += 1
                continue
            if best is None and "-" in chunk[a].text and self._splits(chunk[a], toks, i + a):
                out.extend(self._hyphen_parts(text, toks, i + a, chunk[a], sentence))  # "Klimov-Moscow train"
                a += 1
                continue
            if best is None:
                b = a + 1
                while b < len(chunk) and chunk[b].text.lower() not in NOT_NAMES:
                    b += 1
                hits = []
            else:
                b, hits = best
            mention = Mention(chunk[a].start, chunk[b - 1].end, text[chunk[a].start:chunk[b - 1].end], sentence, hits)
            self._context(mention, toks, i + a, i + b, text)
            if not hits:
                mention.hits = self._fuzzy(mention.text)
            out.append(mention)
            a = b
        return out

    def _lookup_span(self, text: str, start: int, end: int, toks: list[Token], after: int) -> list[Hit]:
        """Hits for text[start:end], also with a geographic word after it ("Crimean peninsula", "Oskil River")."""
        for extra in (2, 1):
            tail = toks[after:after + extra]
            if len(tail) == extra and all(t.text.lower() in GEO_TAIL for t in tail):
                hits = self.lookup(text[start:tail[-1].end])
                if hits:
                    return hits
        return self.lookup(text[start:end])

    @staticmethod
    def _splits(tok: Token, toks: list[Token], index: int) -> bool:
        """Whether a hyphenated name is two places ("Unecha-Zhecha stretch", "Lysivka-Pishchane line"), not one
        ("the settlement of Nikolayevo-Daryino") or a modifier ("Moscow-led", "Kremlin-backed")."""
        parts = tok.text.split("-")
        if not all(p[:1].isupper() for p in parts):
            return False
        before = " ".join(t.text.lower() for t in toks[max(0, index - 2):index])
        return not any(before.endswith(f"{w} of") for w in words("settlement"))

    def _hyphen_parts(self, text: str, toks: list[Token], index: int, tok: Token, sentence: int) -> list[Mention]:
        out = []
        offset = tok.start
        route = index + 1 < len(toks) and toks[index + 1].text.lower() in ROUTE_WORDS
        for part in tok.text.split("-"):
            if part.lower() not in NOT_NAMES:
                hits = self.lookup(part)
                mention = Mention(offset, offset + len(part), part, sentence, hits)
                self._context(mention, toks, index, index + 1, text)
                if route:
                    mention.cue = "route"
                if not hits:
                    mention.hits = self._fuzzy(part)
                if mention.hits or mention.cue:
                    out.append(mention)
            offset += len(part) + 1
        return out

    def _fuzzy(self, name: str) -> list[Hit]:
        """Theater places one or two letters away from a name no gazetteer spells (Dachanske, Volkov)."""
        key = loose_key(name)
        if len(key) < 6 or " " in key:
            return []
        limit = 1 if len(key) < 10 else 2
        found: list[Hit] = []
        for length in range(len(key) - limit, len(key) + limit + 1):
            keys = self.gazetteer.keys_by_start.get((length, key[0]), ())
            for other, _distance, _index in process.extract(key, keys, scorer=Levenshtein.distance,
                                                            score_cutoff=limit, limit=None):
                found.extend(Hit(h.place, h.form, "fuzzy") for h in self.lookup(other))
        return found

    def _context(self, m: Mention, toks: list[Token], first: int, after: int, text: str) -> None:
        """Set role, cue and actor from the words before and after a name."""
        nxt = toks[after].text.lower() if after < len(toks) else ""
        nxt2 = toks[after + 1].text.lower() if after + 1 < len(toks) else ""
        nxt3 = toks[after + 2].text.lower() if after + 2 < len(toks) else ""
        before = [t.text.lower() for t in toks[max(0, first - 3):first]]
        if nxt == "people" and nxt2 in ("'s", "’s") and nxt3 == "republic":
            m.role, m.label_end = "admin1", toks[after + 2].end
        elif nxt in words("division"):
            m.role, m.label_end = "admin1", toks[after].end
        elif nxt in words("district"):
            m.role, m.label_end = "district", toks[after].end
        elif nxt in words("direction"):
            m.role, m.label_end = "direction", toks[after].end
        elif nxt in ("village", "settlement"):
            m.role, m.cue = "settlement", nxt
        if len(before) >= 2 and before[-1] == "of" and before[-2] in ("region", "oblast", "province") \
                and m.role == "name":
            m.role = "admin1"  # "the northern region of Sumy"
        elif len(before) >= 2 and before[-1] == "of" and before[-2] in words("settlement"):
            m.role, m.cue = ("settlement" if m.role == "name" else m.role), f"{before[-2]} of"
        elif before and before[-1] in words("settlement") and before[-1] not in ("capital", "hub", "port"):
            m.role, m.cue = ("settlement" if m.role == "name" else m.role), before[-1]
        if before and before[-1] in words("target"):
            m.cue = m.cue or "target"  # "drones attacked Moscow": the object of a strike is a place
        for n in (3, 2, 1):
            phrase = " ".join(before[-n:]) if len(before) >= n else ""
            if phrase in words("locative") or (before and before[-1] in ("the", "'s") and len(before) >= 2
                                               and before[-2] in words("locative")):
                m.cue = m.cue or (phrase or before[-2])
                break
        if _share_of(before):
            m.cue = "possessive"  # "about 19% of Ukraine", "a fifth of Ukraine": the land, not the party
        possessive = nxt in ("'s", "’s")
        after_possessive = nxt2 if possessive else nxt
        if possessive and nxt2 in words("territory"):
            m.cue = "possessive" if m.cue in (None, "of") else m.cue  # "Ukraine's energy grid", "a fifth of
            # Ukraine's territory": where it happens, not who acts
        if (after_possessive in words("actor") and m.role == "name" and m.cue in (None, "between", "with")) or (
                before and before[-1] in ("with", "between", "and", "pro", "anti") and m.cue in (None, "between")
                and any(w in ("talks", "negotiations", "relations", "ties", "dialogue", "meeting", "deal", "war")
                        for w in [t.text.lower() for t in toks[max(0, first - 8):first]])):
            m.actor = True
        m.subject = after_possessive in words("subject") and m.role == "name" and m.cue is None
        if m.role == "district" and not m.hits:
            m.hits = self._district_seat(m.text)

    def _district_seat(self, adjective: str) -> list[Hit]:
        """The seat of a district named by an adjective: Sudzhansky -> Sudzha, Korenevsky -> Korenevo."""
        stem = re.sub(r"(?:n?s?k(?:y|iy|yi|ii|i|ij|oy|ий|ый)|s?k[ao]ya)$", "", adjective, flags=re.IGNORECASE)
        if stem == adjective or len(stem) < 3:
            return []
        for ending in ("", "a", "o", "e", "sk", "ka", "ovo", "evo"):
            hits = [h for h in self.lookup(stem + ending) if h.place.kind == "settlement"]
            if hits:
                return hits
        return []


def _title_case(toks: list[Token]) -> bool:
    """Most words capitalised: a headline, where capitals say nothing about names."""
    alpha = [t for t in toks if t.text[:1].isalpha()]
    if len(alpha) < 4:
        return False
    return sum(1 for t in alpha if t.capitalized) >= 0.7 * len(alpha)


def _enumerations(mentions: list[Mention], text: str) -> None:
    """"the Zaporozhzhie and Kherson regions", "the villages of A, B and C": the kind word applies to all."""
    group = 0
    for k in range(len(mentions) - 1, 0, -1):
        cur, prev = mentions[k], mentions[k - 1]
        between = text[prev.end:cur.start].strip().lower()
        if between in (",", "and", ", and", "or", ", or", "&"):
            if prev.group is None:
                group += 1
                prev.group = cur.group if cur.group is not None else group
            cur.group = prev.group
            if cur.role in ("admin1", "district", "direction") and prev.role == "name" and (
                    cur.label_end is None or text[cur.label_end - 1] == "s"):
                prev.role = cur.role
            if prev.role == "settlement" and cur.role == "name":
                cur.role, cur.cue = "settlement", cur.cue or prev.cue
    # a list right after a plural kind word: "the five regions—Donetsk, Kherson, Luhansk and Crimea", "four
    # settlements: A, B, C and D"
    for m in mentions:
        if m.group is not None and m.role == "name":
            lead = text[max(0, m.start - 40):m.start].lower()
            kind = "admin1" if LIST_OF_DIVISIONS.search(lead) else "settlement" if LIST_OF_SETTLEMENTS.search(lead) else None
            for other in (o for o in mentions if kind and o.group == m.group and o.role == "name"):
                other.role, other.cue = kind, other.cue or ("list" if kind == "settlement" else None)
    # settlement role flows forward through a list too ("the villages of A, B and C")
    by_group: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.group is not None:
            by_group[m.group].append(m)
    for members in by_group.values():
        for m in members[1:]:  # "targeted Kharkiv and Kyiv": the word before a list is the cue of each name
            m.cue = m.cue or members[0].cue
            if members[0].role == "settlement" and m.role == "name":
                m.role = "settlement"


SHARES = frozenset({"fifth", "quarter", "third", "half", "percent", "cent", "%"})
"""Words of a share, before "of" and a country: the country as land."""


def _share_of(before: list[str]) -> bool:
    """Whether lower-case words end in a share and "of" ("about 19% of", "a fifth of")."""
    return len(before) >= 2 and before[-1] == "of" and (before[-2] in SHARES or before[-2].endswith("%"))
LIST_OF_DIVISIONS = re.compile(r"\b(?:regions|oblasts|provinces)\s*(?:[—–:-]|,? such as|,? including|,? namely)\s*$")
SETTLEMENTS = (r"\b(?:villages|settlements|towns|localities|hamlets|population cent(?:re|er)s)"
               r"(?:\s++(?:in|on|over|within|during|of)\s++[\w ]{0,20}?)?")
LIST_OF_SETTLEMENTS = re.compile(
    rf"{SETTLEMENTS}\s*+(?:[—–:-]|,? such as|,? including|,? namely)\s*$"
    rf"|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:more |other )?{SETTLEMENTS}\s*+,\s*$")
"""The plural before a list of settlements: "four settlements: A, B, C", "two more villages in the east, A and B"."""
TIE = re.compile(r"^\s*(?:,|\bin\b|\bof\b|\(|\bnear\b|\bat\b|—|-)\s*(?:(?:the|ukraine['’]s|russia['’]s|its|his|"
                 r"north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western|"
                 r"south-?eastern|south-?western|border|frontline|front-line)\s+){0,3}$", re.IGNORECASE)


def _tie(mentions: list[Mention], text: str) -> None:
    """Tie a name to the division or district right after it ("Zorya in Ukraine's Donetsk region", "Dachne,
    Dnipropetrovsk", "Novoivanovka in the Sudzha district");
    a list ("Grishino and Rodinskoye in the Donetsk People's Republic") is tied as a whole."""
    for k, m in enumerate(mentions):
        if m.role == "admin1":
            continue
        for other in mentions[k + 1:k + 3]:
            if other.sentence != m.sentence or other.start - m.end > 60:
                break
            if m.group is not None and other.group == m.group and other.role != "admin1":
                break  # "the cities of Lviv, Ternopil and Kyiv": a list of its own kind, no name tied to the next
            if (other.role in ("admin1", "district") or any(h.place.kind == "admin1" for h in other.hits)) and \
                    TIE.match(text[m.end:other.start]):
                m.tied.append(mentions.index(other))
                break
    for m in mentions:
        if m.group is not None and not m.tied:
            m.tied = next((o.tied for o in mentions if o.group == m.group and o.tied), [])
