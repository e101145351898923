"""Cleaning: drop page chrome, keep every sentence of the article and the offsets of what was kept.

Rules work on lines, in three kinds: the chrome vocabulary (data/chrome.tsv), the shape of a line
(symbols, a bare URL, a date alone), and its position relative to the article body (before the first
paragraph, after the last one, inside a forum thread that follows the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitrep import registry
from sitrep.clean import rules
from sitrep.document import Document, Removal
from sitrep.meta.dates import date_line
from sitrep.meta.outlet import ADAPTED_FOOTER, MONITORING_FOOTER
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
    cut_rule: str = "related:inline"

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


def label_lines(lines: list[Line], title_words: frozenset[str] = frozenset()) -> dict[str, int]:
    """Give each chrome line the rule that drops it; returns the positions found (title, body bounds).

    `title_words` are the words of the title the page's header names (its stated title or its URL's slug)."""
    for line in lines:
        line.rule = _line_rule(line)
    _captions(lines)
    _cut_forum_thread(lines)
    found: dict[str, int] = {}
    title = _title_after_box(lines, title_words)
    if title is not None:
        found["title"] = title
    body = [i for i, ln in enumerate(lines) if ln.kept and rules.is_body(ln.text, ln.words)]
    first, last = (body[0], body[-1]) if body else (0, len(lines) - 1)
    found.update({"first_body": first, "last_body": last})
    for i, line in enumerate(lines[:first]):
        if not line.kept or i == found.get("title"):
            continue
        if "title" not in found and rules.is_headline(line.text, line.words) and not _kicker(lines, i, first, title_words):
            found["title"] = i
        elif "title" in found and _dateline(lines, i, first):
            continue
        elif "title" in found and _over_caption(lines, i, found["title"], title_words):
            line.rule = "chrome:media"
        elif line.words < 5 and not rules.TERMINAL.search(line.text):
            line.rule = "position:head"
    for i, line in enumerate(lines[last + 1:], last + 1):
        truncated_ending = i == len(lines) - 1 == last + 1  # a scrape cut off inside the last paragraph
        if line.kept and line.words < 8 and not rules.SENTENCE_END.search(line.text + " ") and not truncated_ending:
            line.rule = "position:tail"
    _inline_related(lines)
    _link_lists(lines, found.get("title"))
    _story_cards(lines, first)
    _duplicates(lines)
    return found


def _captions(lines: list[Line]) -> None:
    """Photo captions the vocabulary cannot tell by their own words: the line over a credit line of its own
    ("NAME SURNAME/AP") when it is no paragraph, and a caption's alt text (the caption again, or its start,
    next to the caption that was dropped)."""
    for i, line in enumerate(lines):
        if not line.kept or line.words < 3:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (nxt is not None and nxt.rule == "chrome:credit" and "/" in nxt.text
                and not rules.TERMINAL.search(line.text) and not rules.is_body(line.text, line.words)):
            line.rule = "chrome:media"
    for i, line in enumerate(lines):
        if not line.kept or line.words < 4:
            continue
        folded = _fold(line.text)
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j].rule == "chrome:media" and folded in _fold(lines[j].text):
                line.rule = "chrome:media"
                break


def _words_of(text: str) -> set[str]:
    """The words of a title or a URL slug, without numbers and ids (words with digits in them, 6 characters or more)."""
    return {w for w in re.findall(r"[^\W_]+", text.casefold())
            if not w.isdigit() and not (len(w) >= 6 and any(c.isdigit() for c in w))}


def header_title_words(stated: dict[str, str]) -> frozenset[str]:
    """The words of the title a page's header names: its stated title, else the slug of its URL."""
    if stated.get("title"):
        return frozenset(_words_of(stated["title"]))
    if stated.get("url"):
        slug = urlsplit(stated["url"]).path.rstrip("/").rsplit("/", 1)[-1]
        return frozenset(_words_of(re.sub(r"\.[a-z]{2,5}$", "", slug)))
    return frozenset()


def _title_after_box(lines: list[Line], title_words: frozenset[str]) -> int | None:
    """The headline the page's header names, when a box comes before it: a topic heading and a stock blurb
    shaped like a paragraph. Nothing before a page's headline is its article, so those lines go; only when one
    paragraph-shaped line comes before the headline and the article's paragraphs follow it."""
    for i, line in enumerate(lines):
        if line.kept and rules.is_headline(line.text, line.words) and _names_title(line.text, title_words):
            before = sum(rules.is_body(ln.text, ln.words) for ln in lines[:i] if ln.kept)
            after = sum(rules.is_body(ln.text, ln.words) for ln in lines[i + 1:] if ln.kept)
            if before != 1 or after < 2:
                return None
            for earlier in lines[:i]:
                if earlier.kept:
                    earlier.rule = "position:head"
            return i
    return None


def _names_title(text: str, title_words: frozenset[str]) -> bool:
    """Whether a line is the title the page's header names: nearly all its words are the title's, and most of
    the title's words are in it (a slug can carry an id)."""
    words = _words_of(text)
    common = len(words & title_words)
    return len(title_words) >= 3 and len(words) >= 3 and common >= 0.8 * len(words) and common >= 0.6 * len(title_words)


def _caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text.upper() == text


def _kicker(lines: list[Line], i: int, first: int, title_words: frozenset[str]) -> bool:
    """A section label in capitals over the headline ("WAR IN UKRAINE"), not the headline itself."""
    return lines[i].words <= 4 and _caps(lines[i].text) and not _names_title(lines[i].text, title_words) and any(
        lines[j].kept and rules.is_headline(lines[j].text, lines[j].words) for j in range(i + 1, first))


def _dateline(lines: list[Line], i: int, first: int) -> bool:
    """A dateline on a line of its own ("NEW YORK"), between the headline and the first paragraph."""
    return (lines[i].words <= 4 and _caps(lines[i].text) and not rules.TERMINAL.search(lines[i].text)
            and not any(lines[j].kept for j in range(i + 1, first)) and not re.match(r"[A-Z]{3,}", lines[first].text))


def _over_caption(lines: list[Line], i: int, title: int, title_words: frozenset[str]) -> bool:
    """The title repeated over a photo caption in the page head, after the byline block: the headline again, or
    the title the page's header names."""
    return (i > title + 1 and i + 1 < len(lines) and lines[i + 1].rule == "chrome:media" and not lines[i - 1].kept
            and rules.is_headline(lines[i].text, lines[i].words)
            and (_fold(lines[i].text) == _fold(lines[title].text) or _names_title(lines[i].text, title_words)))


def _story_cards(lines: list[Line], first: int) -> None:
    """Links to other stories after the first paragraph: "Ukraine war latest: <headline>", and a full news
    headline ending in its attribution ("..., source says"), with the one teaser paragraph that ends the page
    after it."""
    kept = [i for i, ln in enumerate(lines) if ln.kept and i > first]
    for k, i in enumerate(kept):
        line = lines[i]
        if not rules.is_headline(line.visible, rules.words(line.visible)):
            continue
        if rules.LATEST_LINK.match(line.text) or (line.words >= 7 and rules.ATTRIBUTED_HEADLINE.search(line.text)):
            line.rule = "related:card"
            if k == len(kept) - 2 and rules.is_body(lines[kept[-1]].text, lines[kept[-1]].words):
                lines[kept[-1]].rule = "related:card"


def _line_rule(line: Line) -> str | None:
    text = line.text
    if line.words <= 12 and date_line(text):
        return "meta:date"
    if rules.URL_LINE.match(text):
        return "shape:url"
    if len(text) <= SHORT_LINE and rules.symbol_share(text) > 0.6:
        return "shape:symbols"
    if line.words <= 25 and (ADAPTED_FOOTER.search(text) or MONITORING_FOOTER.match(text)):
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
        headline = line is not None and line.kept and i != title and line.words >= (3 if after_label else 4) \
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
    """"Read also: <headline>" glued to the end of a paragraph, or ending it with the headline on the next line;
    an ad label or a "(Read more ... stories.)" link glued to its end."""
    for i, line in enumerate(lines):
        if not line.kept:
            continue
        m = rules.INLINE_RELATED.search(line.text)
        if not m:
            if tail := rules.INLINE_TAIL.search(line.text):
                line.cut = line.start + tail.start()
                line.cut_rule = "chrome:ad" if "advert" in tail.group(0).casefold() else "related:inline"
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
            doc.removed.append(Removal(line.cut, line.end, line.cut_rule))
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
    found = label_lines(lines, header_title_words(doc.stated))
    if "title" in found:
        doc.hints["title_line"] = lines[found["title"]].text
    assemble(doc, lines)
