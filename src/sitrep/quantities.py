"""Quantities of spec/EXTRACTION.md: area gained, distances and rates of advance, settlements captured,
killed, injured, troops, prisoners, durations; numbers in digits or words, ranges, units normalized, one
quantity per figure with its own period ("240 square kilometers in March, 379 in April")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

WORD_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000, "a dozen": 12,
                     "dozen": 12})
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
WORD_NUMBER = (rf"(?:{TENS}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a hundred|a thousand|a dozen|"
               r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|"
               r"four|five|six|seven|eight|nine)")
DIGITS = r"(?<!\d)(?:\d{1,3}(?:[,\s]\d{3}){1,4}(?:\.\d+)?|\d+(?:\.\d+)?)"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})(?:\s+(?:thousand|million))?"
VALUE = rf"(?P<value>{NUMBER})(?:\s*(?P<joint>to|-|–|or|and)\s*(?P<value_max>{NUMBER}))?"
LEAD = r"(?:(?:at least|more than|over|about|around|nearly|almost|up to|some|roughly|approximately|another|a further|an additional)\s+)?"


@dataclass(frozen=True)
class Unit:
    """A wording of a unit and how many of the spec's units (km2, km) one of it makes."""

    kind: str
    factor: float
    pattern: re.Pattern[str]


def _units() -> tuple[Unit, ...]:
    """data/units.tsv: the units are a table, not code, so a new wording is a new line."""
    text = resources.files("sitrep").joinpath("data/units.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(Unit(kind, float(factor), re.compile(rf"(?:{regex})", re.IGNORECASE)) for kind, factor, regex in rows)


UNITS = _units()
AREA = "(?:" + "|".join(u.pattern.pattern for u in UNITS if u.kind == "area") + ")"
DISTANCE = "(?:" + "|".join(u.pattern.pattern for u in UNITS if u.kind == "distance") + ")"
PER_DAY = r"(?:(?:on average|on a good day)\s+)?(?:(?:a|per|every|each|in a|in a single|in one)\s+day\b|daily\b)"
PEOPLE = (r"(?:people|persons|civilians|residents|citizens|others|men|women|children|soldiers|servicemen|"
          r"servicemembers|service members|personnel|defenders|fighters|troops|prisoners|captives|ukrainians|russians)")
FREED = r"(?:released|freed|returned|repatriated|brought back(?: home)?|brought home|exchanged|swapped)"
TOLL = re.compile(r"\b(?:death toll|toll|number of (?:the )?dead|number of (?:people )?killed)\b[^.;]{0,160}$",
                  re.IGNORECASE)
"""A number a count "rose to" or "reached" counts the dead only when the sentence named the toll before it."""

RECORD_UNITS = ("km2", "km", "km/day", "km2/day", "count", "days")
"""The units a figure is given in, after conversion (spec/EXTRACTION.md)."""
MEASURES: tuple[tuple[str, str, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (m, u, re.compile(p, re.IGNORECASE), needs) for m, u, p, needs in (
    # a rate first: "20 square kilometres a day" is no area and "300 metres per day" no distance
    ("advance_rate", "km/day", rf"{LEAD}{VALUE}\s*(?P<unit>{AREA}|{DISTANCE})\s+{PER_DAY}", None),
    ("area_gained", "km2", rf"{LEAD}{VALUE}\s*(?P<unit>{AREA})", None),
    ("settlements_captured", "count", rf"{LEAD}{VALUE}\s+(?:(?:more|other|new|further|border|frontline|small|"
                                      r"ukrainian|russian)\s+)?(?:settlements?|villages?|towns?|hamlets?|localities|"
                                      r"communities|population cent(?:er|re)s|populated (?:areas|localities|places)|"
                                      r"inhabited localities)\b", None),
    ("troops", "count", rf"{LEAD}{VALUE}\s+(?:(?:russian|ukrainian|north korean|enemy|more|additional|extra|combat)\s+)?"
                        r"(?:troops|soldiers|personnel|servicemen|servicemembers|fighters|service members|defenders)\b",
     None),
    ("prisoners", "count", rf"{LEAD}{VALUE}\s+(?:(?:more|other|ukrainian|russian|captured|wounded|severely wounded)\s+)?"
                           r"(?:prisoners(?: of war)?|pows?|captives|servicemen for|soldiers for)\b", None),
    ("prisoners", "count", r"(?<!\d)(?P<value>\d{1,3}(?:,\d{3})?|\d+)[- ]for[- ](?:\d{1,3}(?:,\d{3})?|\d+)", None),
    ("killed", "count", rf"\b(?:killed|killing|kills|death toll (?:has |had )?(?:rose|rises|risen|climbed|reached) to)\s+{LEAD}{VALUE}\b",
     None),
    # "Nine people, among them a boy, were killed": an aside between commas may stand before the verb
    ("killed", "count", rf"{LEAD}{VALUE}\s++(?:(?:\w+|[\w-]+-old)\s++){{0,3}}?(?:people|persons|civilians|residents|"
                        r"others|men|women|children|soldiers|servicemen|passengers|workers)?(?:,[^,.;]{1,60},)?\s*+"
                        r"(?:were|was|have been|had been|are|have|has)?\s*+(?:already\s+)?(?:been\s+)?(?:confirmed\s+)?"
                        r"(?:killed|dead|died)\b", None),
    # "the loss of 13 lives", "claimed 13 lives", "13 lives were lost"
    ("killed", "count", rf"\b(?:loss of|claimed|claiming|claims|took|taking|cost|costing)\s+(?:the\s+)?{LEAD}{VALUE}\s+"
                        r"(?:\w+\s+)?lives\b", None),
    ("killed", "count", rf"{LEAD}{VALUE}\s+(?:\w+\s+)?lives\s+(?:were\s+|have been\s+|had been\s+)?lost\b", None),
    # "claimed the lives of two civilians", "took the lives of 13 people"
    ("killed", "count", rf"\b(?:loss|claimed|claiming|claims|took|taking|cost|costing)\s+(?:the\s+)?lives\s+of\s+{LEAD}{VALUE}\b",
     None),
    ("killed", "count", rf"\b(?:rose|rises|risen|climbed|climbs|reached|reaches|jumped|increased|grew|stands at|stood at)"
                        rf"\s+(?:to\s+)?{LEAD}{VALUE}\b(?!\s*(?:%|percent|per cent))", TOLL),
    ("injured", "count", rf"{LEAD}{VALUE}\s++(?:(?:\w+)\s++){{0,3}}?(?:people|persons|civilians|residents|others|men|"
                         r"women|children|passengers|workers)?(?:,[^,.;]{1,60},)?\s*+(?:were|was|have been|had been|are|"
                         r"have|has)?\s*+(?:already\s+)?(?:been\s+)?(?:reported\s+)?(?:injured|wounded|hurt)\b", None),
    ("injured", "count", rf"\b(?:injuring|injured|wounding|wounded)\s+{LEAD}{VALUE}\b", None),
    ("injured", "count", rf"{LEAD}{VALUE}\s+(?:\w+\s+)?injuries\b", None),
    ("advance_distance", "km", rf"(?:advanc[a-z]*+|push\w*+(?: \w++)? back|pushed|moved|progress[a-z]*+|deep)\D{{0,40}}?"
                               rf"{LEAD}{VALUE}\s*(?P<unit>{DISTANCE})", None),
    ("advance_distance", "km", rf"{LEAD}{VALUE}\s*(?P<unit>{DISTANCE})\s+(?:deep|into|inside)\b", None),
    ("duration", "days", rf"{LEAD}{VALUE}[- ](?:day|days)\b(?=[^.]{{0,40}}\b(?:ceasefire|truce|pause|moratorium|"
                         r"hostilities|halt))", None),
    ("duration", "days", rf"(?:ceasefire|truce|pause|moratorium|hostilities|halt|war)\D{{0,40}}?\bfor\s+{LEAD}{VALUE}"
                         r"\s+(?:more\s+)?(?P<span>days|weeks|months|years)\b", None),
    # people set free in an exchange: "116 soldiers had been released", "brought home 84 defenders",
    # "a swap involving 390 people" (not the bodies of the dead)
    ("prisoners", "count", rf"{LEAD}{VALUE}\s+(?:(?:more|other|ukrainian|russian|captured)\s+)?{PEOPLE}\s+"
                           rf"(?:were|was|have been|had been|are|have|had)\s+(?:also\s+|now\s+|successfully\s+)?{FREED}\b",
     None),
    ("prisoners", "count", rf"\b{FREED}\s+(?:home\s+)?{LEAD}{VALUE}\s+(?:(?:more|other|ukrainian|russian)\s+)?{PEOPLE}\b",
     None),
    ("prisoners", "count", rf"\b(?:swap|exchange|trade|release)s?\s+(?:involving|of|including|that freed|freeing)\s+"
                           rf"{LEAD}{VALUE}(?![\d,.])(?!\s+(?:bodies|dead|remains|km|kilomet|square|%|percent))", None),
))
SPANS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
MAX_FIGURE = 1e15
"""No figure in the news comes near this; longer runs of digits are no figure (400 of them would be infinity)."""
CONTINUATION = re.compile(rf"(?:,|(?<!\s))\s+(?:and\s+)?{VALUE}\s+(?:in|during|by)\s+", re.IGNORECASE)
RESTATED = re.compile(rf"\([^()\d]{{0,25}}{NUMBER}[^()]{{0,40}}\)", re.IGNORECASE)
"""'1,294 square kilometers (500 square miles)': the figure in brackets restates the one before in other units."""
BETWEEN = re.compile(r"\bbetween\s+(?:\w+\s+)?$", re.IGNORECASE)
"""'between 8 and 9 km' is a range; without 'between', '477 and 459 square kilometers' are two figures."""
UNIT_MEASURES = {"area_gained", "advance_distance", "advance_rate"}
PLANNED_MEASURES = UNIT_MEASURES | {"settlements_captured"}
"""Gains a sentence only supposes or plans are no figure; planned exchanges and proposed truces still are."""


def number(text: str) -> float | None:
    """"1,294" -> 1294; "eight" -> 8; "twenty-eight" -> 28; "1.5 million" -> 1500000."""
    text = text.strip().lower()
    scale = 1
    for word, factor in (("thousand", 1000), ("million", 1_000_000)):
        if text.endswith(word):
            text, scale = text[: -len(word)].strip(), factor
    if re.fullmatch(r"\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?", text):
        text = re.sub(r"[,\s]", "", text)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value = float(text) * scale
        return value if value < MAX_FIGURE else None
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text] * scale
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in WORD_NUMBERS and parts[1] in WORD_NUMBERS:
        return (WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]]) * scale
    return None


def unit_of(text: str) -> Unit | None:
    """The unit a wording names ("square miles" -> area, 2.59 km2 each)."""
    return next((u for u in UNITS if u.pattern.fullmatch(text.strip())), None)


@dataclass
class Found:
    measure: str
    value: float
    value_max: float | None
    unit: str
    start: int
    end: int


# Cheap tests that say whether a sentence can hold a figure of any measure at all.
WINDOW_BEFORE, WINDOW_AFTER = 70, 110
HAS_NUMBER = re.compile(rf"\d|\b{WORD_NUMBER}\b|\bdozen\b", re.IGNORECASE)
HAS_MEASURE_WORD = re.compile(r"km|kilomet|square|mile|met(?:er|re)|hectare|settlement|village|town|localit|communit|"
                              r"population|hamlet|troops|soldier|personnel|servicem|defender|fighter|killed|killing|"
                              r"dead|died|death|toll|lives|injur|wound|hurt|prisoner|pow|captive|releas|freed|return|"
                              r"brought|swap|exchang|\bfor\b|day|week|month|year", re.IGNORECASE)


def find(sentence: str) -> list[Found]:
    """Every figure of a known measure in a sentence, left to right, each stretch counted once."""
    if not HAS_NUMBER.search(sentence) or not HAS_MEASURE_WORD.search(sentence):
        return []
    windows = _windows(sentence)
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for measure, unit, pattern, needs in MEASURES:
        for m in (m for lo, hi in windows for m in pattern.finditer(sentence, lo, hi)):
            start, end = m.start("value"), m.end()
            if any(start < e and s < end for s, e in taken):
                continue
            if needs is not None and not needs.search(sentence, max(0, m.start() - 200), m.start()):
                continue
            measure_here = _measure_in_context(measure, sentence, m.start(), end)
            if measure_here is None:
                continue
            value = number(m.group("value"))
            if value is None:  # digits past MAX_FIGURE
                continue
            groups = m.groupdict()
            value_max = number(m.group("value_max")) if groups.get("value_max") else None
            factor, unit_here = 1.0, unit
            if groups.get("unit") and (u := unit_of(m.group("unit"))) is not None:
                factor = u.factor
                if measure == "advance_rate":
                    unit_here = "km2/day" if u.kind == "area" else "km/day"
            second = None
            if value_max is not None and (m.group("joint") or "").lower() == "and" \
                    and not BETWEEN.search(sentence, max(0, start - 30), start):
                # two figures sharing a unit ("seized 477 and 459 square kilometers, respectively"), or, where
                # nothing follows the pair ("killed 3 and 5 were hurt"), the first alone
                if end > m.end("value_max"):
                    second = Found(measure_here, _scaled(value_max, factor), None, unit_here,
                                   m.start("value_max"), end)
                else:
                    end = m.end("value")
                value_max = None
            if value_max is not None and value_max <= value:
                value_max = None
            if measure == "duration" and groups.get("span"):
                factor = SPANS[m.group("span").lower()]
            value, value_max = _scaled(value, factor), _scaled(value_max, factor)
            if measure in UNIT_MEASURES and (restated := RESTATED.match(sentence, _past_space(sentence, end))) is not None:
                end = restated.end()
            taken.append((start, end))
            found.append(Found(measure_here, value, value_max, unit_here, start, end))
            if second is not None:
                found.append(second)
            if measure == "area_gained":  # "240 square kilometers in March, 379 in April, 507 in May"
                for c in _continuations(sentence, end, factor):
                    taken.append((c.start, c.end))
                    found.append(c)
    return _parts_of_wholes(sentence, sorted(found, key=lambda f: f.start))


PART_OF = re.compile(r"\b(?:including|among them|among whom|of them|of whom)\b", re.IGNORECASE)
"""'116 soldiers were released, including ... two personnel from special operations': a part of a count."""


def _parts_of_wholes(sentence: str, found: list[Found]) -> list[Found]:
    """Soldiers listed as part of a count of prisoners, dead or injured before them in the sentence are counted
    as that count is, not as troops deployed."""
    for i, f in enumerate(found):
        if f.measure != "troops":
            continue
        whole = next((w for w in reversed(found[:i]) if w.measure in ("prisoners", "killed", "injured")), None)
        if whole is not None and PART_OF.search(sentence, whole.end, f.start):
            f.measure = whole.measure
    return found


def _scaled(value: float | None, factor: float) -> float | None:
    """A value in the spec's unit: a whole number stays one where the unit was already the spec's."""
    if value is None or factor == 1:
        return value
    return round(value * factor, 3)


LOSSES = re.compile(r"\b(?:lost|loses|lose|losses|losing|eliminat\w*|casualt\w*|kill\w*|wounded|destroyed|"
                    r"neutrali[sz]\w*)\b[^.;]{0,40}$", re.IGNORECASE)
CAPTURED = re.compile(r"\b(?:captur\w*|took prisoner|taken prisoner|taking prisoner)\b[^.;]{0,30}$", re.IGNORECASE)
FREED_BEFORE = re.compile(r"\b(?:releas\w*|freed|freeing|repatriat\w*|brought back|bringing back|brings back|"
                          r"brought home|exchang\w*|swap\w*)\b[^.;]{0,30}$", re.IGNORECASE)
FREED_AFTER = re.compile(rf"(?:were|was|have been|had been|are|have|had)\s+(?:also\s+|now\s+|successfully\s+)?"
                         rf"{FREED}\b|returned (?:home|from captivity)\b", re.IGNORECASE)
FATE_AFTER = re.compile(r"(?:,[^,.;]{1,60},\s*+)?(?:(?:were|was|have been|had been|are|have|had)\s++)?(?:(?:reportedly|"
                        r"already|confirmed)\s++)?(?:killed|dead|died|wounded|injured|hurt|missing)\b", re.IGNORECASE)
"""Soldiers 'were killed' or 'wounded' are losses, read by the patterns of the dead and the injured, not troops."""
NOBODY = re.compile(r"\b(?:no|not a single|none)\s+$", re.IGNORECASE)
SUPPOSED = re.compile(r"\b(?:(?:would|could|might|should)(?!\s+have\b)|expect\w*\s+to|hop(?:e|es|ed|ing)\s+to|"
                      r"aim\w*\s+to|plan\w*\s+to|intend\w*\s+to|want\w*\s+to|seek\w*\s+to|able to)\b[^.;:]{0,40}$",
                      re.IGNORECASE)
"""'would normally expect to advance 40km in a day': a gain supposed, not made."""


def _measure_in_context(measure: str, sentence: str, start: int, end: int) -> str | None:
    """What a figure counts, given the words around it: soldiers "lost" or "eliminated" are losses, not a
    deployment; soldiers "captured", "released" or "exchanged" are prisoners; "no one was injured" is no figure."""
    before = sentence[max(0, start - 60):start]
    if NOBODY.search(before):
        return None
    if measure in PLANNED_MEASURES and SUPPOSED.search(before):
        return None
    if measure == "troops":
        after = _past_space(sentence, end)
        if FATE_AFTER.match(sentence, after):
            return None
        if CAPTURED.search(before) or FREED_BEFORE.search(before) or FREED_AFTER.match(sentence, after):
            return "prisoners"
        if LOSSES.search(before):
            return None
    return measure


def _past_space(sentence: str, position: int) -> int:
    """The first position at or after `position` that is not a space: the patterns read after a figure start on a
    word, so that searching them through a run of spaces stays linear."""
    while position < len(sentence) and sentence[position].isspace():
        position += 1
    return position


def _windows(sentence: str) -> list[tuple[int, int]]:
    """Stretches around each number, merged where they overlap: the patterns only look near numbers, so a long
    sentence costs in proportion to its figures, not to its length times the patterns."""
    spans: list[tuple[int, int]] = []
    for m in HAS_NUMBER.finditer(sentence):
        lo, hi = max(0, m.start() - WINDOW_BEFORE), min(len(sentence), m.end() + WINDOW_AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def _continuations(sentence: str, position: int, factor: float = 1.0) -> list[Found]:
    out = []
    period = re.compile(r"(?<!\s)\s*(?:in|during|by)\s+\w+", re.IGNORECASE).match(sentence, position)
    position = period.end() if period else position
    while (m := CONTINUATION.match(sentence, position)) is not None:
        value = number(m.group("value"))
        if value is None:
            break
        out.append(Found("area_gained", _scaled(value, factor) or value, None, "km2", m.start("value"), m.end()))
        after = re.compile(r"\w+", re.IGNORECASE).match(sentence, m.end())
        position = after.end() if after else m.end()
    return out
