"""Metadata: title, publication date, outlet, URL and language of a cleaned document.

A value comes from what the input states outright (a header, HTML meta tags, JSONL fields) before what
the page shows (footers, date lines, datelines) before what the URL suggests. A date is never invented:
no file times, no today; where the page does not say, `published` is null.
"""

from __future__ import annotations

from sitrep import registry
from sitrep.document import Document
from sitrep.meta import outlet as outlets
from sitrep.meta.dates import FoundDate, date_line, find_dates, plausible, url_date
from sitrep.options import Options

DATELINE_CHARS = 60


def _stated_date(doc: Document) -> FoundDate | None:
    value = doc.stated.get("published")
    if not value:
        return None
    dates = find_dates(value)
    if not dates or (dates[0].iso() is None and dates[0].day is not None):
        doc.warnings.append(f"{doc.source}: published date {value!r} is not a date; ignored")
        return None
    return dates[0]


def _removed_lines(doc: Document, *rule_names: str) -> list[str]:
    return [doc.raw[r.start:r.end] for r in doc.removed if r.rule in rule_names]


def _dateline(doc: Document) -> FoundDate | None:
    """A month and day opening the article ("ISTANBUL, May 16 (TASS) -", "April 24 Russia ...")."""
    for found in find_dates(doc.text[:2000]):
        line_start = doc.text.rfind("\n", 0, found.start) + 1
        lead = doc.text[line_start:found.start]
        if found.start - line_start <= DATELINE_CHARS and (not lead.strip() or lead.rstrip().endswith((",", ":"))) \
                and lead.upper() == lead and found.day is not None:
            return found
    return None


def published(doc: Document) -> tuple[str | None, str | None]:
    """The publication date and where it came from, or (None, None)."""
    from_url = url_date(doc.url or "")
    month_only: FoundDate | None = None
    stated = _stated_date(doc)
    if stated and stated.iso():
        return stated.iso(), doc.provenance.get("published", "header")
    if stated and stated.day is None:
        month_only = stated
    for line in _removed_lines(doc, "meta:footer"):
        for found in find_dates(line):
            if found.iso():
                return found.iso(), "footer"
    lines = [d for d in map(date_line, _removed_lines(doc, "meta:date", "chrome:byline")) if d]
    for labelled in (True, False):
        for found, is_labelled in lines:
            if is_labelled == labelled and found.iso():
                return found.iso(), "date-line"
    for byline in _removed_lines(doc, "chrome:byline"):  # "by NAME September 8, 2022 11:36 PM 2 min read"
        first = next(iter(find_dates(byline)), None)  # the first date: "Updated: ..." follows it
        if first is not None and first.iso():
            return first.iso(), "byline"
    line = _dateline(doc)
    if line:
        for context in (from_url, month_only):
            if context and context.year and (context.month == line.month or context.day is None):
                iso = FoundDate(line.year or context.year, line.month, line.day).iso()
                if iso and (line.year is None or line.year == context.year):
                    return iso, "dateline"
        if line.iso():
            return line.iso(), "dateline"
    if from_url and from_url.iso():
        return from_url.iso(), "url"
    if month_only and month_only.month_range():
        doc.hints["published_range"] = month_only.month_range()
    return None, None


@registry.stages.register("metadata")
def metadata(doc: Document, options: Options) -> None:
    """Set title, url, published and outlet, each with its provenance."""
    doc.url = doc.stated.get("url") or None
    doc.title = doc.stated.get("title") or doc.hints.get("title_line")
    if doc.title and "title" not in doc.provenance:
        doc.provenance["title"] = "header" if doc.stated.get("title") else "text"
    date, source = published(doc)
    if date and not plausible(date):
        doc.warnings.append(f"{doc.source}: publication date {date} is implausible; ignored")
        date = None
    doc.published = date
    if date:
        doc.provenance["published"] = source or "header"
    else:
        doc.provenance.pop("published", None)
    if doc.stated.get("outlet"):
        doc.outlet = doc.stated["outlet"]
        doc.provenance.setdefault("outlet", "header")
    else:
        cues = outlets.text_cues(doc.text, _removed_lines(doc, "meta:footer", "chrome:media"))
        doc.outlet, source = outlets.choose(doc.url, cues)
        if source:
            doc.provenance["outlet"] = source
