"""Time expressions in a sentence, resolved against the publication date: "on Monday" in an article of
Thursday 2025-07-03 is 2025-06-30; "in May" is May of the publication year (or the year before, when May
has not come yet); "late 2024" is its last quarter. No publication date and no year in the text: no date.
Never the publication date by default."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sitrep.meta.dates import MONTHS, find_dates

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in (
    ("since", rf"\bsince (?:(?:early|late|mid)[- ])?(?P<month>{MONTH_NAMES})\.?,? (?P<year>(?:19|20)\d\d)\b"),
    ("since_year", r"\bsince (?P<year>(?:19|20)\d\d)\b"),
    ("part_year", r"\b(?P<part>early|late|mid|the end of|the beginning of|the start of)[- ](?P<year>(?:19|20)\d\d)\b"),
    ("part_month", rf"\b(?P<part>early|late|mid|the end of|the beginning of|the start of)[- ](?P<month>{MONTH_NAMES})\b"
                   rf"\.?(?:,? (?P<year>(?:19|20)\d\d))?"),
    ("weekday", r"\b(?:on |last |this |early |late )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|"
                r"sunday)(?:'s)?\b"),
    ("relative_day", r"\b(?P<rel>today|yesterday|overnight|the day before|last night|this morning|tonight|"
                     r"earlier today|the previous day|over the previous day|over the past 24 hours)\b"),
    ("relative_span", r"\b(?P<rel>this week|last week|earlier this week|this month|last month|earlier this month|"
                      r"this year|last year|earlier this year|recent weeks|past week|past month|this spring|"
                      r"this summer|this autumn|this fall|this winter)\b"),
    ("ago", r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) "
            r"(?P<unit>day|week|month|year)s? ago\b"),
    ("past_n", r"\b(?:over|in|during|for|within) the (?:past|last|previous) (?P<n>several|few|couple of|two|three|four|"
               r"five|six|seven|eight|nine|ten|\d{1,2}) (?P<unit>day|week|month)s\b"),
    ("ahead", r"\b(?:in|over|during|within) the [\"“]?(?:coming|next) (?P<unit>day|week|month)s\b|\b(?P<next>next week)\b"),
    ("weekend", r"\b(?P<rel>over|at|during|on|this|last) (?:the )?weekend\b"),
    ("month_year", rf"\b(?:in |since |during |by |of |until )?(?P<month>{MONTH_NAMES})\.?,? (?P<year>(?:19|20)\d\d)\b"),
    ("month", rf"\b(?:in|during|since|by|until|of|early|late|mid|throughout)\s+(?P<month>{MONTH_NAMES})\b(?!\s+\d)"),
    ("month_possessive", rf"\b(?P<month>{MONTH_NAMES})['’]s\b"),
    ("year", r"\b(?:in|during|since|of|throughout) (?P<year>(?:19|20)\d\d)\b"),
))
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


def latest_stated(text: str) -> str | None:
    """The latest date with a year that a text states, as a lower bound of when it was written."""
    ends = [s.end or s.start for s in find(text, None) if re.search(r"(?:19|20)\d\d", s.text)]
    return max(ends) if ends else None


def only_year(text: str) -> tuple[str, str] | None:
    """The one year an undated text names ("the Ukraine 2024 forum"), as the range a bare "August 5" falls in;
    None where it names none or several."""
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


def find(text: str, published: str | None, year_hint: tuple[str, str] | None = None,
         reference: str | None = None) -> list[TimeSpan]:
    """Every time expression in `text` resolved to a span of dates, left to right; unresolvable ones left out.

    Without a publication date, `reference` (the latest date the article itself states) gives a bare month or
    day its year: the article was written after it. Weekdays and "last week" need the publication date."""
    pub = dt.date.fromisoformat(published) if published else None
    ref = dt.date.fromisoformat(reference) if reference and not pub else None
    spans: list[TimeSpan] = []
    taken: list[tuple[int, int]] = []

    def add(start: str, end: str | None, m: re.Match[str]) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        spans.append(TimeSpan(start, end, m.group(0), m.start()))

    for date in find_dates(text):  # explicit dates first: "May 16, 2025", "on May 16" (year from publication)
        year = date.year or (_year_of(date.month, pub) if date.day else None) or (
            _year_after(date.month, ref) if date.day else None) or (int(year_hint[0][:4]) if year_hint else None)
        if year is None or date.day is None:
            continue
        iso = dt.date(year, date.month, min(date.day, calendar.monthrange(year, date.month)[1])).isoformat()
        if any(date.start < e and s < date.end for s, e in taken):
            continue
        taken.append((date.start, date.end))
        spans.append(TimeSpan(iso, iso, text[date.start:date.end], date.start))
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
            year = int(groups["year"]) if groups.get("year") else None
            if name == "since" and month and year:
                add(_month_range(year, month)[0], None, m)
            elif name == "since_year" and year:
                add(f"{year}-01-01", None, m)
            elif name == "part_year" and year:
                quarter = {"early": (1, 3), "the beginning of": (1, 3), "the start of": (1, 3), "mid": (4, 9),
                           "late": (10, 12), "the end of": (10, 12)}[groups["part"].lower()]
                add(f"{year}-{quarter[0]:02d}-01", _month_range(year, quarter[1])[1], m)
            elif name == "part_month" and month:
                year = year or _year_of(month, pub)
                if year:
                    add(*_month_range(year, month, *PARTS[groups["part"].lower()]), m)
            elif name == "weekday" and pub:
                target = WEEKDAYS.index(groups["weekday"].lower())
                back = (pub.weekday() - target) % 7
                day = pub - dt.timedelta(days=back if back or "last" not in m.group(0).lower() else 7)
                add(day.isoformat(), day.isoformat(), m)
            elif name == "relative_day" and pub:
                rel = groups["rel"].lower()
                day = pub if rel in ("today", "this morning", "tonight", "earlier today") else pub - dt.timedelta(days=1)
                if rel == "overnight":
                    add((pub - dt.timedelta(days=1)).isoformat(), pub.isoformat(), m)
                else:
                    add(day.isoformat(), day.isoformat(), m)
            elif name == "relative_span" and pub:
                add(*_relative_span(groups["rel"].lower(), pub), m)
            elif name in ("ago", "past_n") and pub:
                n = NUMBER_WORDS.get(groups["n"].lower()) or int(groups["n"])
                days = n * UNIT_DAYS[groups["unit"].lower()]
                if name == "past_n":
                    add((pub - dt.timedelta(days=days)).isoformat(), pub.isoformat(), m)
                else:  # "three weeks ago": that day, give or take a third of the unit
                    slack = UNIT_DAYS[groups["unit"].lower()] // 3
                    day = pub - dt.timedelta(days=days)
                    add((day - dt.timedelta(days=slack)).isoformat(), (day + dt.timedelta(days=slack)).isoformat(), m)
            elif name == "ahead" and pub:  # "in the coming days": promised, not yet happened
                if groups.get("next"):
                    monday = pub + dt.timedelta(days=7 - pub.weekday())
                    add(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), m)
                else:
                    add(pub.isoformat(), (pub + dt.timedelta(days=AHEAD_DAYS[groups["unit"].lower()])).isoformat(), m)
            elif name == "weekend" and pub:
                saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
                if groups["rel"].lower() == "last" and pub.weekday() >= 5:
                    saturday -= dt.timedelta(days=7)
                add(saturday.isoformat(), min(saturday + dt.timedelta(days=1), pub).isoformat(), m)
            elif name in ("month_year", "month", "month_possessive") and month:
                year = year or _year_of(month, pub) or _year_after(month, ref)
                if year is None and year_hint:
                    year = int(year_hint[0][:4])
                if year:
                    add(*_month_range(year, month), m)
            elif name == "year" and year:
                add(f"{year}-01-01", f"{year}-12-31", m)
    return sorted(spans, key=lambda s: s.offset)


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
