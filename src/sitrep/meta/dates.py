"""Absolute dates as pages state them (date lines, datelines, URLs, footers). Never relative ones:
"Monday" means nothing without a reference date, and the reference is never today."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
YEAR = r"(?P<year>(?:19|20)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Each pattern stands alone; the order matters only for which of two overlapping readings wins.
PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    YEAR + r"-(?P<mnum>[01]?\d)-" + DAY + r"(?![\d])",
    MONTH + r"\s*" + DAY + r"(?:\s*[,/]\s*|\s+)" + YEAR,
    DAY + r"(?:\s+of)?\s+" + MONTH + r",?\s+" + YEAR,
    r"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)",
    r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)",
    YEAR + r"-(?P<mnum>[01]?\d)(?![\d-])",
    MONTH + r"\s*" + DAY + r"(?![\d:])",
    DAY + r"\s+" + MONTH + r"(?!\w)",
)]
# What may stand before the date on a date line: a bullet, a source name ("Zoria Today, April 13, 2025"),
# and a label saying which date it is ("Published", "Post At:").
LABEL = re.compile(r"^(?:[•·*|>\-–—\s]*)(?:(?-i:[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}),\s+(?=\S*\d|(?:"
                   + WEEKDAY + "|" + "|".join(MONTHS) + r")\b))?(?P<label>(?:first |last )?(?:published|posted|post at|"
                   r"updated|modified|date|issued|released|created)(?: on| at)?\s*:?\s*)?", re.IGNORECASE)
TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d\d)?|"
                  r"gmt|utc|cet|cest|eet|eest|msk|kyiv time|local time|[+-]\d\d:?\d\d)\)?)?|\b\d{1,2}\s*[ap]\.?m\.?",
                  re.IGNORECASE)
FILLER = re.compile(r"[\s,|•·/()\-–—]+|\b(?:on|at|" + WEEKDAY + r")\b\.?", re.IGNORECASE)
URL_DATE = re.compile(r"(?<![\d])(?P<year>20\d\d)(?P<sep>[/_-]?)(?P<mnum>[01]?\d)(?:(?P=sep)(?P<day>[0-3]?\d))?"
                      r"(?=[/_.-]|$)")


@dataclass(frozen=True)
class FoundDate:
    """A date with what it lacks left empty: a dateline may name a day but no year."""

    year: int | None
    month: int
    day: int | None
    start: int = 0
    end: int = 0

    def iso(self) -> str | None:
        """ISO date when complete and real, else None."""
        if self.year is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None

    def month_range(self) -> tuple[str, str] | None:
        if self.year is None:
            return None
        first = dt.date(self.year, self.month, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return first.isoformat(), last.isoformat()


def _from_match(m: re.Match[str]) -> FoundDate | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day = month = a
        else:
            return None  # 03/04/2025 is March 4 in one country and April 3 in another
    else:
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS.get(groups["month"].lower().rstrip("."), 0)
        day = int(groups["day"]) if groups.get("day") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    found = FoundDate(year, month, day, m.start(), m.end())
    if year is not None and day is not None and found.iso() is None:
        return None
    return found


def find_dates(text: str) -> list[FoundDate]:
    """Every absolute date in `text`, left to right, the most complete reading of each stretch."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            date = _from_match(m)
            if date:
                found.append(date)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def date_line(line: str) -> tuple[FoundDate, bool] | None:
    """The date when `line` says nothing but a date (with labels, weekday, time), and whether it was labelled
    as a publication date ("Published", "Posted", "Post At", "Updated")."""
    label = LABEL.match(line)
    body = line[label.end():] if label else line
    labelled = bool(label and label.group("label"))
    dates = find_dates(body)
    if len(dates) != 1:
        return None
    date = dates[0]
    rest = TIME.sub(" ", body[:date.start] + " " + body[date.end:])
    if FILLER.sub("", rest).strip():
        return None
    return date, labelled


def url_date(url: str) -> FoundDate | None:
    """The date a URL's path carries (/2025/04/23/, /20251222/, /2023/8/27/), or its year and month alone."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE)
    for m in URL_DATE.finditer(path):
        year, month = int(m.group("year")), int(m.group("mnum"))
        if not m.group("sep") and len(m.group("mnum") + (m.group("day") or "")) != 4:
            continue  # undelimited digits must be exactly YYYYMMDD
        if not 1 <= month <= 12:
            continue
        day = int(m.group("day")) if m.group("day") else None
        found = FoundDate(year, month, day)
        if day is None or found.iso():
            return found
    return None


def plausible(iso: str | None, latest_year: int | None = None) -> bool:
    """A publication date no earlier than the web and no later than next year."""
    if not iso:
        return False
    year = int(iso[:4])
    return 1990 <= year <= (latest_year or dt.date.today().year + 1)
