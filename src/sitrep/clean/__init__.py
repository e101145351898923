"""Cleaning: drop page chrome, keep every sentence of the article and the offsets of what was kept.

Rules work on lines, in three kinds: the chrome vocabulary (data/chrome.tsv), the shape of a line
(symbols, a bare URL, a date alone), and its position relative to the article body (before the first
paragraph, after the last one, inside a forum thread that follows the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep import registry
from sitrep.clean import rules
from sitrep.document import Document, Removal
from sitrep.meta.dates import date_line
from sitrep.offsets import OffsetMap
from sitrep.options import Options

SHORT_LINE = 200
LINE = re.compile(r"[^\n]*\n?")
EDGE = " \t\r\n\xa0\u200b\u200c\u200d\u2060\ufeff\u3000"


@dataclass
class Line:
    start: int
    end: int
    text: str
    words: int
    blank_before: bool
    rule: str | None = None
    cut: int | None = None
    """Raw offset where inline chrome starts; the line is kept up to there."""

    @property
    def kept(self) -> bool:
        return self.rule is None

    @property
    def visible(self) -> str:
        """The text that stays when the line is kept."""
        return self.text if self.cut is None else self.text[: self.cut - self.start].rstrip(EDGE)


def split_lines(raw: str, offset: int) -> list[Line]:
    """The non-blank lines of raw[offset:], stripped, with their raw offsets."""
    lines: list[Line] = []
    blank = False
    for m in LINE.finditer(raw, offset):
        chunk = m.group(0)
        if not chunk:
            break
        stripped = chunk.strip(EDGE)
        if not stripped:
            blank = True
            continue
        start = m.start() + (len(chunk) - len(chunk.lstrip(EDGE)))
        end = start + len(stripped)
        lines.append(Line(start, end, stripped, rules.words(stripped), blank))
        blank = False
    return lines


def label_lines(lines: list[Line]) -> dict[str, int]:
    """Give each chrome line the rule that drops it; returns the positions found (title, body bounds)."""
    for line in lines:
        line.rule = _line_rule(line)
    _cut_forum_thread(lines)
    body = [i for i, ln in enumerate(lines) if ln.kept and rules.is_body(ln.text, ln.words)]
    first, last = (body[0], body[-1]) if body else (0, len(lines) - 1)
    found: dict[str, int] = {"first_body": first, "last_body": last}
    for i, line in enumerate(lines[:first]):
        if not line.kept:
            continue
        if "title" not in found and rules.is_headline(line.text, line.words):
            found["title"] = i
        elif line.words < 5 and not rules.TERMINAL.search(line.text):
            line.rule = "position:head"
    for i, line in enumerate(lines[last + 1:], last + 1):
        truncated_ending = i == len(lines) - 1 == last + 1  # a scrape cut off inside the last paragraph
        if line.kept and line.words < 8 and not rules.SENTENCE_END.search(line.text + " ") and not truncated_ending:
            line.rule = "position:tail"
    _inline_related(lines)
    _link_lists(lines, found.get("title"))
    _duplicates(lines)
    return found


def _line_rule(line: Line) -> str | None:
    text = line.text
    if line.words <= 12 and date_line(text):
        return "meta:date"
    if rules.URL_LINE.match(text):
        return "shape:url"
    if len(text) <= SHORT_LINE and rules.symbol_share(text) > 0.6:
        return "shape:symbols"
    if line.words <= 25 and (rules.ADAPTED_FOOTER.search(text) or rules.MONITORING_FOOTER.match(text)):
        return "meta:footer"
    category = rules.chrome_category(text, line.words)
    return f"chrome:{category}" if category else None


def _cut_forum_thread(lines: list[Line]) -> None:
    """Replies and comments that follow an article are not the article: drop from the first reply on.

    A thread starts at a quoted reply ("user said:") or at a post or comment control ("Quote",
    "Report post", "Comments (3)", "Leave a comment") once the article has had two paragraphs.
    """
    body = 0
    for i, line in enumerate(lines):
        if line.kept and rules.is_body(line.text, line.words):
            body += 1
        elif body >= 1 and line.words <= 15 and (
                rules.REPLY_MARKER.match(line.text)
                or (body >= 2 and rules.THREAD_MARKER.match(line.text.strip(rules.BULLETS)))):
            for later in lines[i:]:
                later.rule = later.rule if later.rule and later.rule.startswith("meta:") else "position:forum"
            return


def _link_lists(lines: list[Line], title: int | None) -> None:
    """Runs of headline-shaped lines are lists of links to other stories, as are headlines after a
    "Related"/"Read also" label."""
    run: list[Line] = []
    after_label = False
    for i, line in enumerate([*lines, None]):
        headline = line is not None and line.kept and i != title and line.words >= 4 \
            and rules.is_headline(line.visible, rules.words(line.visible))
        if headline:
            if after_label:
                line.rule = "related:list"
            else:
                run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.rule = "related:list"
        run = []
        after_label = line is not None and line.rule in ("chrome:related", "chrome:sponsor")


def _inline_related(lines: list[Line]) -> None:
    """"Read also: <headline>" glued to the end of a paragraph, or ending it with the headline on the next line."""
    for i, line in enumerate(lines):
        if not line.kept:
            continue
        m = rules.INLINE_RELATED.search(line.text)
        if not m:
            continue
        line.cut = line.start + m.start()
        if not line.text[m.end():].strip() and m.group(0).rstrip().endswith(":"):
            nxt = next((ln for ln in lines[i + 1:] if ln.kept), None)
            if nxt is not None and rules.is_headline(nxt.text, nxt.words):
                nxt.rule = "related:inline"
        if m.start() == 0:
            line.rule, line.cut = "related:inline", None


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _duplicates(lines: list[Line]) -> None:
    """A line repeated (a caption printed twice) or a truncated teaser of the next paragraph goes."""
    seen: set[str] = set()
    kept = [ln for ln in lines if ln.kept]
    for i, line in enumerate(kept):
        folded = _fold(line.visible)
        if folded in seen and line.words >= 3:
            line.rule = "duplicate"
            continue
        seen.add(folded)
        if len(folded) >= 60 and i + 1 < len(kept):
            stem = folded.rsplit(" ", 1)[0]  # a teaser is often cut inside its last word
            if stem in _fold(kept[i + 1].text) and len(kept[i + 1].text) > len(line.text):
                line.rule = "duplicate:teaser"


def assemble(doc: Document, lines: list[Line]) -> None:
    """Write the kept lines into doc.text with their raw offsets; record every removal."""
    parts: list[str] = []
    offsets = OffsetMap()
    length = 0
    gap = False
    for line in lines:
        if not line.kept:
            doc.removed.append(Removal(line.start, line.end, line.rule or "chrome"))
            gap = True
            continue
        end = line.end
        if line.cut is not None:
            doc.removed.append(Removal(line.cut, line.end, "related:inline"))
            end = len(doc.raw[line.start:line.cut].rstrip(EDGE)) + line.start
        if parts:
            sep = "\n\n" if (gap or line.blank_before) else "\n"
            parts.append(sep)
            length += len(sep)
        offsets.add(length, line.start, end - line.start)
        parts.append(doc.raw[line.start:end])
        length += end - line.start
        gap = False
    doc.text = "".join(parts)
    doc.offsets = offsets


@registry.stages.register("clean")
def clean(doc: Document, options: Options) -> None:
    """Set doc.text, doc.offsets and doc.removed from doc.raw."""
    lines = split_lines(doc.raw, doc.body_start)
    found = label_lines(lines)
    if "title" in found:
        doc.hints["title_line"] = lines[found["title"]].text
    assemble(doc, lines)
