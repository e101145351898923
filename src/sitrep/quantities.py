"""Quantities of spec/EXTRACTION.md: area gained, distances and rates of advance, settlements captured,
killed, injured, troops, prisoners, durations; numbers in digits or words, ranges, units normalized, one
quantity per figure with its own period ("240 square kilometers in March, 379 in April")."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
VALUE = rf"(?P<value>{NUMBER})(?:\s*(?:to|-|–|or|and)\s*(?P<value_max>{NUMBER}))?"
LEAD = r"(?:(?:at least|more than|over|about|around|nearly|almost|up to|some|roughly|approximately|another|a further|an additional)\s+)?"

MEASURES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple((m, u, re.compile(p, re.IGNORECASE)) for m, u, p in (
    ("advance_rate", "km/day", rf"{LEAD}{VALUE}\s*(?:km|kilomet(?:er|re)s?)\s+(?:a|per|every|each)\s+day"),
    ("advance_rate", "km/day", rf"{LEAD}{VALUE}\s*(?:km|kilomet(?:er|re)s?)\s+(?:on average\s+)?(?:a|per|every|each)\s+day"),
    ("area_gained", "km2", rf"{LEAD}{VALUE}\s*(?:square kilomet(?:er|re)s?|sq\.? ?km|km²|km2|sq kilomet(?:er|re)s?)"),
    ("settlements_captured", "count", rf"{LEAD}{VALUE}\s+(?:(?:more|other|new|further|border|frontline)\s+)?"
                                      r"(?:settlements?|villages?|towns?|localities|communities)\b"),
    ("troops", "count", rf"{LEAD}{VALUE}\s+(?:(?:russian|ukrainian|north korean|enemy|more|additional|extra|combat)\s+)?"
                        r"(?:troops|soldiers|personnel|servicemen|servicemembers|fighters|service members)\b"),
    ("prisoners", "count", rf"{LEAD}{VALUE}\s+(?:(?:more|other|ukrainian|russian|captured|wounded|severely wounded)\s+)?"
                           r"(?:prisoners(?: of war)?|pows?|captives|servicemen for|soldiers for)\b"),
    ("prisoners", "count", r"(?<!\d)(?P<value>\d{1,3}(?:,\d{3})?|\d+)[- ]for[- ](?:\d{1,3}(?:,\d{3})?|\d+)"),
    ("killed", "count", rf"\b(?:killed|killing|kills|death toll (?:has |had )?(?:rose|rises|risen|climbed|reached) to)\s+{LEAD}{VALUE}\b"),
    ("killed", "count", rf"{LEAD}{VALUE}\s++(?:(?:\w+|[\w-]+-old)\s++){{0,3}}?(?:people|persons|civilians|residents|"
                        r"others|men|women|children|soldiers|passengers|workers)?\s*+(?:were|was|have been|had been|"
                        r"are|have|has)?\s*+(?:already\s+)?(?:been\s+)?(?:confirmed\s+)?(?:killed|dead|died)\b"),
    ("injured", "count", rf"{LEAD}{VALUE}\s++(?:(?:\w+)\s++){{0,3}}?(?:people|persons|civilians|residents|others|men|"
                         r"women|children|passengers|workers)?\s*+(?:were|was|have been|had been|are|have|has)?\s*+"
                         r"(?:already\s+)?(?:been\s+)?(?:reported\s+)?(?:injured|wounded|hurt)\b"),
    ("injured", "count", rf"\b(?:injuring|injured|wounding|wounded)\s+{LEAD}{VALUE}\b"),
    ("injured", "count", rf"{LEAD}{VALUE}\s+(?:\w+\s+)?injuries\b"),
    ("advance_distance", "km", rf"(?:advanc[a-z]*+|push\w*+(?: \w++)? back|pushed|moved|progress[a-z]*+|deep)\D{{0,40}}?"
                               rf"{LEAD}{VALUE}\s*(?:km|kilomet(?:er|re)s?)\b"),
    ("advance_distance", "km", rf"{LEAD}{VALUE}\s*(?:km|kilomet(?:er|re)s?)\s+(?:deep|into|inside)\b"),
    ("duration", "days", rf"{LEAD}{VALUE}[- ](?:day|days)\b(?=[^.]{{0,40}}\b(?:ceasefire|truce|pause|moratorium|"
                         r"hostilities|halt))"),
    ("duration", "days", rf"(?:ceasefire|truce|pause|moratorium|hostilities|halt|war)\D{{0,40}}?\bfor\s+{LEAD}{VALUE}"
                         r"\s+(?:more\s+)?(?P<span>days|weeks|months|years)\b"),
))
SPANS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
MAX_FIGURE = 1e15
"""No figure in the news comes near this; longer runs of digits are no figure (400 of them would be infinity)."""
CONTINUATION = re.compile(rf"(?:,|(?<!\s))\s+(?:and\s+)?{VALUE}\s+(?:in|during|by)\s+", re.IGNORECASE)


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
HAS_MEASURE_WORD = re.compile(r"km|kilomet|square|settlement|village|town|localit|communit|troops|soldier|personnel|"
                              r"servicem|fighter|killed|killing|dead|died|death|injur|wound|hurt|prisoner|pow|captive|"
                              r"\bfor\b|day|week|month|year", re.IGNORECASE)


def find(sentence: str) -> list[Found]:
    """Every figure of a known measure in a sentence, left to right, each stretch counted once."""
    if not HAS_NUMBER.search(sentence) or not HAS_MEASURE_WORD.search(sentence):
        return []
    windows = _windows(sentence)
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for measure, unit, pattern in MEASURES:
        for m in (m for lo, hi in windows for m in pattern.finditer(sentence, lo, hi)):
            start, end = m.start("value"), m.end()
            if any(start < e and s < end for s, e in taken):
                continue
            measure_here = _measure_in_context(measure, sentence, m.start())
            if measure_here is None:
                continue
            value = number(m.group("value"))
            if value is None:  # digits past MAX_FIGURE
                continue
            value_max = number(m.group("value_max")) if m.groupdict().get("value_max") else None
            if value_max is not None and value_max <= value:
                value_max = None
            if measure == "duration" and m.groupdict().get("span"):
                factor = SPANS[m.group("span").lower()]
                value, value_max = value * factor, value_max * factor if value_max else None
            taken.append((start, end))
            found.append(Found(measure_here, value, value_max, unit, start, end))
            if measure == "area_gained":  # "240 square kilometers in March, 379 in April, 507 in May"
                for c in _continuations(sentence, end):
                    taken.append((c.start, c.end))
                    found.append(c)
    return sorted(found, key=lambda f: f.start)


LOSSES = re.compile(r"\b(?:lost|loses|lose|losses|losing|eliminat\w*|casualt\w*|kill\w*|wounded|destroyed|"
                    r"neutrali[sz]\w*)\b[^.;]{0,40}$", re.IGNORECASE)
CAPTURED = re.compile(r"\b(?:captur\w*|took prisoner|taken prisoner|taking prisoner)\b[^.;]{0,30}$", re.IGNORECASE)
NOBODY = re.compile(r"\b(?:no|not a single|none)\s+$", re.IGNORECASE)


def _measure_in_context(measure: str, sentence: str, start: int) -> str | None:
    """What a figure counts, given the words before it: soldiers "lost" or "eliminated" are losses, not a
    deployment; soldiers "captured" are prisoners; "no one was injured" is no figure."""
    before = sentence[max(0, start - 60):start]
    if NOBODY.search(before):
        return None
    if measure == "troops":
        if CAPTURED.search(before):
            return "prisoners"
        if LOSSES.search(before):
            return None
    return measure


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


def _continuations(sentence: str, position: int) -> list[Found]:
    out = []
    period = re.compile(r"(?<!\s)\s*(?:in|during|by)\s+\w+", re.IGNORECASE).match(sentence, position)
    position = period.end() if period else position
    while (m := CONTINUATION.match(sentence, position)) is not None:
        value = number(m.group("value"))
        if value is None:
            break
        out.append(Found("area_gained", value, None, "km2", m.start("value"), m.end()))
        after = re.compile(r"\w+", re.IGNORECASE).match(sentence, m.end())
        position = after.end() if after else m.end()
    return out
