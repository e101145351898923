"""Time expressions in a sentence, resolved against the publication date: "on Monday" in an article of
Thursday 2025-07-03 is 2025-06-30; "in May" is May of the publication year (or the year before, when May
has not come yet); "late 2024" is its last quarter. No publication date and no year in the text: no date.
Never the publication date by default."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from sitrep.meta.dates import MONTHS, find_dates

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "couple of": 2}
AHEAD_DAYS = {"day": 7, "week": 28, "month": 90}
"""How far "the coming days/weeks/months" reach."""
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
PARTS = {"early": (1, 10), "the beginning of": (1, 10), "the start of": (1, 10), "mid": (11, 20),
         "late": (21, 31), "the end of": (21, 31)}


@dataclass(frozen=True)
class TimeSpan:
    start: str
    end: str | None
    text: str
    offset: int
    rule: str = field(default="", compare=False)
    """The rule that found it ("date" for an explicit day), to tell background ("since 2014") from news."""

    def as_dict(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}


def _month_range(year: int, month: int, first: int = 1, last: int = 31) -> tuple[str, str]:
    days = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(first, days)).isoformat(), dt.date(year, month, min(last, days)).isoformat()


def _year_after(month: int, reference: dt.date | None) -> int | None:
    """The year of the first such month on or after the latest date an undated article states."""
    if reference is None:
        return None
    return reference.year if month >= reference.month else reference.year + 1


BACKGROUND_RULES = frozenset({"since", "since_year", "since_day", "since_invasion", "year_of_invasion"})
"""Rules whose dates are where a story starts from, not when it was told."""
BACKGROUND_CUE = re.compile(r"\b(?:began|begun|started|broke out|erupted|invaded|annexed|annexation|outbreak|since|"
                            r"before)\b", re.IGNORECASE)
"""Words just before a date that make it background: "the war that began on February 24, 2022"."""


def background(text: str, span: TimeSpan) -> bool:
    """Whether a time is a story's background ("since 2014", "the invasion that began in February 2022"): it
    gives no year to the news around it."""
    return span.rule in BACKGROUND_RULES or bool(BACKGROUND_CUE.search(text, max(0, span.offset - 40), span.offset))


def latest_stated(text: str) -> str | None:
    """The latest date with a year that a text states outside its background, as a lower bound of when it was
    written."""
    ends = [s.end or s.start for s in find(text, None) if re.search(r"(?:19|20)\d\d", s.text)
            and not background(text, s)]
    return max(ends) if ends else None


def only_year(text: str) -> tuple[str, str] | None:
    """The one year an undated text names outside its background ("the Ukraine 2024 forum", not "since
    2014"), as the range a bare "August 5" falls in; None where it names none or several."""
    for span in find(text, None):
        if background(text, span):
            text = text[:span.offset] + " " * len(span.text) + text[span.offset + len(span.text):]
    years = set(re.findall(r"\b(20[0-4]\d)\b", text))
    if len(years) != 1:
        return None
    year = years.pop()
    return f"{year}-01-01", f"{year}-12-31"


def _year_of(month: int, published: dt.date | None) -> int | None:
    """The year a bare month name refers to: this year, unless the month is still to come."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


@dataclass(frozen=True)
class Context:
    """What a rule resolves against: the publication date, else the latest date the article states (an
    undated article was written after it), else the one year an undated text names."""

    pub: dt.date | None
    ref: dt.date | None = None
    year_hint: tuple[str, str] | None = None


Span = tuple[str, str | None]
Resolver = Callable[[re.Match[str], Context], Span | None]


def _month(m: re.Match[str]) -> int | None:
    return MONTHS.get((m.groupdict().get("month") or "").lower().rstrip("."))


def _year(m: re.Match[str]) -> int | None:
    year = m.groupdict().get("year")
    return int(year) if year else None


def _since(m: re.Match[str], c: Context) -> Span | None:
    """"since February 2022": from then to the report."""
    month, year = _month(m), _year(m)
    return _to_report(_month_range(year, month)[0], c) if month and year else None


def _since_year(m: re.Match[str], c: Context) -> Span | None:
    year = _year(m)
    return _to_report(f"{year}-01-01", c) if year else None


QUARTERS = {"early": (1, 3), "the beginning of": (1, 3), "the start of": (1, 3), "mid": (4, 9), "late": (10, 12),
            "the end of": (10, 12)}


def _part_year(m: re.Match[str], c: Context) -> Span | None:
    year = _year(m)
    if not year:
        return None
    first, last = QUARTERS[m.group("part").lower()]
    return f"{year}-{first:02d}-01", _month_range(year, last)[1]


def _part_month(m: re.Match[str], c: Context) -> Span | None:
    month = _month(m)
    year = month and (_year(m) or _year_of(month, c.pub))
    return _month_range(year, month, *PARTS[m.group("part").lower()]) if month and year else None


def _weekday(m: re.Match[str], c: Context) -> Span | None:
    if not c.pub:
        return None
    target = WEEKDAYS.index(m.group("weekday").lower())
    back = (c.pub.weekday() - target) % 7
    day = c.pub - dt.timedelta(days=back if back or "last" not in m.group(0).lower() else 7)
    return day.isoformat(), day.isoformat()


def _relative_day(m: re.Match[str], c: Context) -> Span | None:
    if not c.pub:
        return None
    rel = m.group("rel").lower()
    if rel in ("overnight", "last night", "during the night", "throughout the night", "in the night", "after dark"):
        return (c.pub - dt.timedelta(days=1)).isoformat(), c.pub.isoformat()
    day = c.pub if rel in ("today", "this morning", "tonight", "earlier today") else c.pub - dt.timedelta(days=1)
    return day.isoformat(), day.isoformat()


def _relative(m: re.Match[str], c: Context) -> Span | None:
    return _relative_span(m.group("rel").lower(), c.pub) if c.pub else None


def _count(m: re.Match[str]) -> int:
    return NUMBER_WORDS.get(m.group("n").lower()) or int(m.group("n"))


def _ago(m: re.Match[str], c: Context) -> Span | None:
    """"three weeks ago": that day, give or take a third of the unit."""
    if not c.pub:
        return None
    unit = UNIT_DAYS[m.group("unit").lower()]
    day = c.pub - dt.timedelta(days=_count(m) * unit)
    return (day - dt.timedelta(days=unit // 3)).isoformat(), (day + dt.timedelta(days=unit // 3)).isoformat()


def _past_n(m: re.Match[str], c: Context) -> Span | None:
    if not c.pub:
        return None
    days = _count(m) * UNIT_DAYS[m.group("unit").lower()]
    return (c.pub - dt.timedelta(days=days)).isoformat(), c.pub.isoformat()


def _ahead(m: re.Match[str], c: Context) -> Span | None:
    """"in the coming days": promised, not yet happened."""
    if not c.pub:
        return None
    if m.group("next"):
        monday = c.pub + dt.timedelta(days=7 - c.pub.weekday())
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return c.pub.isoformat(), (c.pub + dt.timedelta(days=AHEAD_DAYS[m.group("unit").lower()])).isoformat()


def _weekend(m: re.Match[str], c: Context) -> Span | None:
    if not c.pub:
        return None
    saturday = c.pub - dt.timedelta(days=(c.pub.weekday() - 5) % 7)
    if m.group("rel").lower() == "last" and c.pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday.isoformat(), min(saturday + dt.timedelta(days=1), c.pub).isoformat()


def _whole_month(m: re.Match[str], c: Context) -> Span | None:
    month = _month(m)
    if not month:
        return None
    year = _year(m) or _year_of(month, c.pub) or _year_after(month, c.ref)
    if year is None and c.year_hint:
        year = int(c.year_hint[0][:4])
    return _month_range(year, month) if year else None


def _whole_year(m: re.Match[str], c: Context) -> Span | None:
    year = _year(m)
    return (f"{year}-01-01", f"{year}-12-31") if year else None


def _to_report(start: str, c: Context) -> Span:
    """From `start` to the report ("since 1 September"): to its publication date, else to the latest date the
    article states; open where neither is known or that is earlier."""
    end = c.pub or c.ref
    return start, end.isoformat() if end and end.isoformat() >= start else None


def _year_of_day(month: int, day: int, c: Context) -> int | None:
    """The year of a day-month without one: the latest such day not after publication (else after the latest
    date the article states, else the one year it names)."""
    if c.pub:
        return c.pub.year if (month, day) <= (c.pub.month, c.pub.day) else c.pub.year - 1
    if c.ref:
        return _year_after(month, c.ref)
    return int(c.year_hint[0][:4]) if c.year_hint else None


def _date(year: int | None, month: int | None, day: str | None) -> dt.date | None:
    if not (year and month and day) or not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, int(day))


def _month_of(m: re.Match[str], group: str) -> int | None:
    return MONTHS.get((m.groupdict().get(group) or "").lower().rstrip("."))


def _from_day(m: re.Match[str], c: Context) -> Span | None:
    """"since 1 September", "from September 1, 2024": that day to the report."""
    month = _month_of(m, "month") or _month_of(m, "month2")
    day = m.group("day") or m.group("day2")
    if not month:
        return None
    start = _date(_year(m) or _year_of_day(month, int(day), c), month, day)
    if start is None:
        return None
    return _to_report(start.isoformat(), c)


def _day_range(m: re.Match[str], c: Context) -> Span | None:
    """"3-9 March", "March 3-9", "28 February to 3 March 2025": the first day to the last."""
    last_month = _month_of(m, "month2") or _month_of(m, "month")
    first_month = _month_of(m, "month") if m.groupdict().get("month2") else last_month
    if not (first_month and last_month):
        return None
    year = _year(m) or _year_of_day(last_month, int(m.group("d2")), c)
    end = _date(year, last_month, m.group("d2"))
    start = _date(year and (year - 1 if first_month > last_month else year), first_month, m.group("d1"))
    if start is None or end is None or start > end or (end - start).days > 62:
        return None
    return start.isoformat(), end.isoformat()


def _weekday_date(name: str, c: Context, last: bool = False) -> dt.date | None:
    if not c.pub:
        return None
    back = (c.pub.weekday() - WEEKDAYS.index(name.lower())) % 7
    return c.pub - dt.timedelta(days=back if back or not last else 7)


def _night_of(m: re.Match[str], c: Context) -> Span | None:
    """"on Monday night": Monday to Tuesday."""
    day = _weekday_date(m.group("weekday"), c, "last" in m.group(0).lower())
    return (day.isoformat(), (day + dt.timedelta(days=1)).isoformat()) if day else None


def _night_into(m: re.Match[str], c: Context) -> Span | None:
    """"overnight into Tuesday", "overnight on Sunday": the night that ends on that day."""
    day = _weekday_date(m.group("weekday"), c)
    return ((day - dt.timedelta(days=1)).isoformat(), day.isoformat()) if day else None


def _so_far(m: re.Match[str], c: Context) -> Span | None:
    """"so far in 2025", "to date in 2023": the year up to the report, or the whole of a past year."""
    year = _year(m)
    if not year:
        return None
    end = c.pub.isoformat() if c.pub and c.pub.year == year else f"{year}-12-31"
    return f"{year}-01-01", end


def _month_named_year(m: re.Match[str], c: Context) -> Span | None:
    """"last November", "November last year", "in March this year": the year said in words."""
    month = _month(m)
    if not (month and c.pub):
        return None
    which = (m.groupdict().get("which") or "").lower()
    if which == "last year":
        year = c.pub.year - 1
    elif which == "this year":
        year = c.pub.year
    else:  # "last November": the latest November before this month
        year = c.pub.year if month < c.pub.month else c.pub.year - 1
    return _month_range(year, month)


@cache
def war_began() -> dt.date | None:
    """The day the theater's war began (the `began` row of data/theater.tsv): what "the invasion" and "the first
    year of the war" date from. Another war is another file."""
    text = resources.files("sitrep").joinpath("data/theater.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.startswith("began\t")]
    return dt.date.fromisoformat(rows[0][1].strip()) if rows else None
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "5th": 5}


def _year_of_invasion(m: re.Match[str], c: Context) -> Span | None:
    """"in the first year of the invasion": 24 February 2022 to 23 February 2023."""
    n = ORDINALS[m.group("ordinal").lower()]
    began = war_began()
    if began is None:
        return None
    start = began.replace(year=began.year + n - 1)
    end = began.replace(year=began.year + n) - dt.timedelta(days=1)
    if c.pub and c.pub < start:
        return None
    return start.isoformat(), min(end, c.pub).isoformat() if c.pub else end.isoformat()


EARLY_DAYS = {"days": 38, "weeks": 60, "months": 180}
"""How long "the early days/weeks/months of the war" last from its first day."""


def _early_war(m: re.Match[str], c: Context) -> Span | None:
    """"in the early days of the invasion", "the war's first weeks": from the day the war began."""
    began = war_began()
    if began is None or (c.pub and c.pub < began):
        return None
    unit = (m.group("unit") or m.group("unit2")).lower()
    return began.isoformat(), (began + dt.timedelta(days=EARLY_DAYS[unit])).isoformat()


def _since_invasion(m: re.Match[str], c: Context) -> Span | None:
    """"since the full-scale invasion began": 24 February 2022 to the report."""
    began = war_began()
    if began is None or (c.pub and c.pub < began):
        return None
    return _to_report(began.isoformat(), c)


YEAR = r"(?P<year>(?:19|20)\d\d)\b"
DAY_MONTH = (rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? (?P<month>{MONTH_NAMES})\b\.?|"
             rf"(?P<month2>{MONTH_NAMES})\b\.? (?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]\d))(?:,? {YEAR})?")
"""A day of a month either way round, "1 September", "Sept. 1", "September 1st, 2024", with or without year."""
TO = r"(?:\s?[-–—]\s?| to | until | through | till )"
WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

DAY_SPANS: tuple[tuple[str, re.Pattern[str], Resolver], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), resolve) for name, pattern, resolve in (
        ("day_month_range", rf"(?<![\d.,:/])\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? (?P<month>{MONTH_NAMES})\b\.?{TO}"
                            rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? (?P<month2>{MONTH_NAMES})\b\.?(?:,? {YEAR})?",
         _day_range),
        ("days_month", rf"(?<![\d.,:/])\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?{TO}(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
                       rf"(?: of)? (?P<month>{MONTH_NAMES})\b\.?(?:,? {YEAR})?", _day_range),
        ("month_days", rf"\b(?P<month>{MONTH_NAMES})\b\.? (?P<d1>[0-3]?\d)(?:st|nd|rd|th)?{TO}"
                       rf"(?:(?P<month2>{MONTH_NAMES})\b\.? )?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]\d)(?:,? {YEAR})?",
         _day_range),
        ("since_day", rf"\b(?:since|from|starting|beginning) (?:on |the )?{DAY_MONTH}", _from_day),
    ))
"""Rules built around a day of a month, tried before the days themselves ("3-9 March" is not "9 March")."""


PATTERNS: tuple[tuple[str, re.Pattern[str], Resolver], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), resolve) for name, pattern, resolve in (
        ("year_of_invasion", r"\bthe (?P<ordinal>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th) year of "
                             r"(?:the |russia['’]s )?(?:full[- ]scale )?(?:war|invasion)\b", _year_of_invasion),
        ("early_war", r"\b(?:early|first|opening) (?P<unit>days|weeks|months) of (?:the |russia['’]s |its |their )?"
                      r"(?:full[- ]scale )?(?:war|invasion)\b|\b(?:war|invasion)['’]s (?:early|first|opening) "
                      r"(?P<unit2>days|weeks|months)\b", _early_war),
        ("since_invasion", r"\bsince (?:the (?:start|beginning|outbreak) of )?(?:the |russia['’]s |moscow['’]s )?"
                           r"(?:full[- ]scale (?:war|invasion)|invasion)\b|\bsince (?:russia|moscow) (?:invaded|launched)\b",
         _since_invasion),
        ("so_far", rf"\b(?:so far|to date|thus far|until now) in {YEAR}", _so_far),
        ("year_so_far", rf"\bin {YEAR} (?:so far|to date|thus far)\b", _so_far),
        ("since", rf"\bsince (?:(?:early|late|mid)[- ])?(?P<month>{MONTH_NAMES})\.?,? (?P<year>(?:19|20)\d\d)\b",
         _since),
        ("since_year", r"\bsince (?P<year>(?:19|20)\d\d)\b", _since_year),
        ("part_year", r"\b(?P<part>early|late|mid|the end of|the beginning of|the start of)[- ]"
                      r"(?P<year>(?:19|20)\d\d)\b", _part_year),
        ("part_month", rf"\b(?P<part>early|late|mid|the end of|the beginning of|the start of)[- ]"
                       rf"(?P<month>{MONTH_NAMES})\b\.?(?:,? (?P<year>(?:19|20)\d\d))?", _part_month),
        ("month_last", rf"\blast (?P<month>{MONTH_NAMES})\b(?!\s+\d)", _month_named_year),
        ("month_which_year", rf"\b(?:in |during |since |by |until |of |throughout )?(?P<month>{MONTH_NAMES})\b\.? "
                             rf"(?:of )?(?P<which>last year|this year)\b", _month_named_year),
        ("weekday_night", rf"\b(?:on |last |late |early )?{WEEKDAY}(?:['’]s)? (?:night|overnight)\b", _night_of),
        ("night_of", rf"\bthe night of {WEEKDAY}\b", _night_of),
        ("night_into", rf"\b(?:overnight|the night|during the night|in the night) (?:into|to|before|on) {WEEKDAY}\b",
         _night_into),
        ("overnight_weekday", rf"\bovernight {WEEKDAY}\b", _night_into),
        ("weekday", r"\b(?:on |last |this |early |late )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday)(?:'s)?\b", _weekday),
        ("relative_day", r"\b(?P<rel>today|yesterday|overnight|the day before|last night|(?:during|throughout|in) the night|after dark|"
                         r"this morning|tonight|"
                         r"earlier today|the previous day|over the previous day|over the past 24 hours)\b",
         _relative_day),
        ("relative_span", r"\b(?P<rel>this week|last week|earlier this week|this month|last month|"
                          r"earlier this month|this year|last year|earlier this year|recent weeks|past week|"
                          r"past month|this spring|this summer|this autumn|this fall|this winter)\b", _relative),
        ("ago", r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) "
                r"(?P<unit>day|week|month|year)s? ago\b", _ago),
        ("past_n", r"\b(?:over|in|during|for|within) the (?:past|last|previous) (?P<n>several|few|couple of|two|"
                   r"three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?P<unit>day|week|month)s\b", _past_n),
        ("ahead", r"\b(?:in|over|during|within) the [\"“]?(?:coming|next) (?P<unit>day|week|month)s\b|"
                  r"\b(?P<next>next week)\b", _ahead),
        ("weekend", r"\b(?P<rel>over|at|during|on|this|last) (?:the )?weekend\b", _weekend),
        ("month_year", rf"\b(?:in |since |during |by |of |until )?(?P<month>{MONTH_NAMES})\.?,? "
                       rf"(?P<year>(?:19|20)\d\d)\b", _whole_month),
        ("month", rf"\b(?:in|during|since|by|until|of|early|late|mid|throughout)\s+(?P<month>{MONTH_NAMES})\b"
                  rf"(?!\s+\d)", _whole_month),
        ("month_possessive", rf"\b(?P<month>{MONTH_NAMES})['’]s\b", _whole_month),
        ("year", r"\b(?:in|during|since|of|throughout) (?P<year>(?:19|20)\d\d)\b", _whole_year),
    ))
"""The rules, one a row: a name, its pattern, and the function that resolves its match to (start, end), or
None where it cannot. Earlier rows win where two overlap."""


MAY_TELL_TIME = re.compile(rf"\d|{MONTH_NAMES}|day|night|dark|morning|week|month|year|ago|later|spring|summer|autumn|"
                           r"fall|winter|war|invasion|invaded|since", re.IGNORECASE)
"""A word every rule needs one of (found inside other words too): a text with none tells no time, and most
sentences are spared the rules."""


def find(text: str, published: str | None, year_hint: tuple[str, str] | None = None,
         reference: str | None = None) -> list[TimeSpan]:
    """Every time expression in `text` resolved to a span of dates, left to right; unresolvable ones left out.

    Without a publication date, `reference` (the latest date the article itself states) gives a bare month or
    day its year: the article was written after it. Weekdays and "last week" need the publication date."""
    if not MAY_TELL_TIME.search(text):
        return []
    pub = dt.date.fromisoformat(published) if published else None
    ref = dt.date.fromisoformat(reference) if reference and not pub else None
    context = Context(pub, ref, year_hint)
    spans: list[TimeSpan] = []
    taken: list[tuple[int, int]] = []

    def add(found: Span, m: re.Match[str], rule: str) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        spans.append(TimeSpan(*found, m.group(0), m.start(), rule))

    for name, pattern, resolve in DAY_SPANS:  # "3-9 March", "since 1 September": before the days in them
        for m in pattern.finditer(text):
            if (found := resolve(m, context)) is not None:
                add(found, m, name)
    for date in find_dates(text):  # explicit dates: "May 16, 2025", "on May 16" (year from publication)
        year = date.year or (_year_of(date.month, pub) if date.day else None) or (
            _year_after(date.month, ref) if date.day else None) or (int(year_hint[0][:4]) if year_hint else None)
        if year is None or date.day is None:
            continue
        iso = dt.date(year, date.month, min(date.day, calendar.monthrange(year, date.month)[1])).isoformat()
        if any(date.start < e and s < date.end for s, e in taken):
            continue
        taken.append((date.start, date.end))
        spans.append(TimeSpan(iso, iso, text[date.start:date.end], date.start, "date"))
    for name, pattern, resolve in PATTERNS:
        for m in pattern.finditer(text):
            if (found := resolve(m, context)) is not None:
                add(found, m, name)
    spans = _in_years_told(sorted(spans, key=lambda s: s.offset))
    starts = [t.offset for t in spans]
    for m in LATER.finditer(text):  # "months later", "two days later": after the time told before it
        if (i := bisect.bisect_left(starts, m.start())) > 0:
            anchor = spans[i - 1]
            add(_later(m, dt.date.fromisoformat(anchor.end or anchor.start)), m, "later")
    return sorted(spans, key=lambda s: s.offset)


BARE = ("date", "month", "part_month", "month_possessive")
"""Rules whose match may name no year, which then comes from the publication date."""


def _in_years_told(spans: list[TimeSpan]) -> list[TimeSpan]:
    """Spans in text order, where a month or day named without its year after a time named with one is in that
    year (or the next, if its month comes earlier): "seized in February 2022 and recaptured in September"."""
    out, told = [], None
    for time in spans:
        if YEAR_WRITTEN.search(time.text):
            told = dt.date.fromisoformat(time.start)
        elif time.rule in BARE and told is not None:
            start = dt.date.fromisoformat(time.start)
            years = told.year + (start.month < told.month) - start.year
            if years:
                time = TimeSpan(_years_on(time.start, years), _years_on(time.end, years) if time.end else None,
                                time.text, time.offset, time.rule)
        out.append(time)
    return out


def _years_on(iso: str, years: int) -> str:
    """The same day `years` later; the last of February where the 29th is missing."""
    day = dt.date.fromisoformat(iso)
    target = day.year + years
    return day.replace(year=target, day=min(day.day, calendar.monthrange(target, day.month)[1])).isoformat()


YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b")
LATER = re.compile(r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|\d{1,2}) )?"
                   r"(?P<unit>day|week|month|year)s? later\b|\b(?:the (?:next|following) day)\b", re.IGNORECASE)


def _later(m: re.Match[str], anchor: dt.date) -> Span:
    """"two weeks later": that long after the anchor, give or take a third of the unit; "months later" with no
    count: from the next month to a year after; "the next day": the day after."""
    if not m.group("unit"):
        day = anchor + dt.timedelta(days=1)
        return day.isoformat(), day.isoformat()
    unit = UNIT_DAYS[m.group("unit").lower()]
    if m.group("n") is None:
        return (anchor + dt.timedelta(days=unit)).isoformat(), (anchor + dt.timedelta(days=12 * unit)).isoformat()
    day = anchor + dt.timedelta(days=_count(m) * unit)
    return (day - dt.timedelta(days=unit // 3)).isoformat(), (day + dt.timedelta(days=unit // 3)).isoformat()


def recent_days(published: str | None) -> dict[str, str] | None:
    """The day before publication to publication: when a news report's "has struck", "have been injured"
    happened. None without a publication date."""
    if not published:
        return None
    pub = dt.date.fromisoformat(published)
    return {"start": (pub - dt.timedelta(days=1)).isoformat(), "end": pub.isoformat()}


def _relative_span(rel: str, pub: dt.date) -> tuple[str, str]:
    monday = pub - dt.timedelta(days=pub.weekday())
    if rel in ("this week", "earlier this week"):
        return monday.isoformat(), pub.isoformat()
    if rel in ("last week", "past week"):
        return (monday - dt.timedelta(days=7)).isoformat(), (monday - dt.timedelta(days=1)).isoformat()
    if rel in ("this month", "earlier this month"):
        return pub.replace(day=1).isoformat(), pub.isoformat()
    if rel in ("last month", "past month"):
        last = pub.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1).isoformat(), last.isoformat()
    if rel == "recent weeks":
        return (pub - dt.timedelta(days=28)).isoformat(), pub.isoformat()
    if rel in ("this year", "earlier this year"):
        return f"{pub.year}-01-01", pub.isoformat()
    if rel == "last year":
        return f"{pub.year - 1}-01-01", f"{pub.year - 1}-12-31"
    seasons = {"this spring": (3, 5), "this summer": (6, 8), "this autumn": (9, 11), "this fall": (9, 11),
               "this winter": (12, 2)}
    first, last = seasons[rel]
    if first == 12:
        return f"{pub.year - 1}-12-01", _month_range(pub.year, 2)[1]
    return f"{pub.year}-{first:02d}-01", _month_range(pub.year, last)[1]
