"""The chrome vocabulary (data/chrome.tsv) and the shapes of lines, apart from the logic that uses them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# A vocabulary rule fires only on lines no longer than this many words for its category: the longer a
# line, the likelier it is prose that merely contains a chrome word.
MAX_RULE_CHARS = 600
MAX_RULE_WORDS = 80
WORD_CAPS = {"nav": 25, "forum": 25, "share": 20, "ad": 12, "signup": 30, "cookie": 20, "byline": 20,
             "media": 60, "related": 40, "sponsor": 6, "misc": 3, "credit": 8, "notice": 60}

COOKIE_WORD = re.compile(r"\bcookies?\b", re.IGNORECASE)
COOKIE_CONTEXT = re.compile(r"\b(?:consent|accept|privacy|experience|opt[- ]out|browsing|(?:this|our) (?:web)?site|"
                            r"partners|personali[sz]e|traffic|ads|advertising|device|preferences|settings|policy)\b",
                            re.IGNORECASE)
CREDIT_TAIL = re.compile(r"(?:\s/\s?|\b(?i:picture|photo|photograph|image|credit|source)s?:\s*|[.!?]\s+(?="
                         r"[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3}/))"
                         r"[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3}(?:\s?/\s?[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3}){0,3}"
                         r"\)?\s*$")
THREAD_MARKER = re.compile(r"^(?:quote|multiquote|report post|reply|share post|link to comment|post comment|"
                           r"comments? \(\d+\)|\d+ comments?|leave a (?:comment|reply)|add a comment|"
                           r"join the (?:conversation|discussion)|show comments|view comments)$", re.IGNORECASE)
BULLETS = "•·▪►▸◦‣●■□*> "
REPLY_MARKER = re.compile(r"^(?:.{0,60}\b(?:ago|on [^,]{3,40}|at [^,]{3,20}),\s*)?[^\s,]{1,40} (?:said|wrote):$|"
                          r"^on .{5,80}, [^\s,]{1,40} wrote:$|^(?:reply|replied|quote) #?\d+$",
                          re.IGNORECASE)
INLINE_RELATED = re.compile(r"(?:(?<=[.!?\"”’)])|(?<=[.!?\"”’)]\s))(?:read also|read more|see also|also read|related)"
                            r"\s*:.*$", re.IGNORECASE)
INLINE_TAIL = re.compile(r"(?<=[.!?\"”’)])\s{1,3}(?:-\s?)?(?:advertisement|advertising)\s?-?$|"
                         r"(?<=[.!?\"”’])\s{1,3}\((?:read|see|find) more\b[^()]{0,80}\)$", re.IGNORECASE)
"""An ad label or a "(Read more ... stories.)" link glued to the end of a paragraph."""
LATEST_LINK = re.compile(r"^[^:]{1,60}\blatest(?: news| updates?)?:\s", re.IGNORECASE)
"""A link to a running story: "Ukraine war latest: <headline>"."""
ATTRIBUTED_HEADLINE = re.compile(r",\s[^,:;.!?]{1,50}\s(?:says|claim|claims|reports|warns|confirms|denies|announces|"
                                 r"admits|insists|suggests)$")
"""The attribution that ends a news headline: "..., military intelligence source says"."""
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?:\s|$)")
INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’)]*\s+[A-Z]")
TERMINAL = re.compile(r"[.!?…;:,][\"”’)\]]*$")


@dataclass(frozen=True)
class Rule:
    category: str
    pattern: re.Pattern[str]


@cache
def vocabulary() -> tuple[Rule, ...]:
    """The rules of data/chrome.tsv, one compiled alternation per category, compiled once per process."""
    grouped: dict[str, list[str]] = {}
    text = resources.files("sitrep").joinpath("data/chrome.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, _, regex = line.partition("\t")
        try:
            re.compile(regex)
        except re.error as exc:
            raise ValueError(f"data/chrome.tsv line {number}: bad pattern ({exc})") from exc
        grouped.setdefault(category, []).append(f"(?:{regex})")
    return tuple(Rule(category, re.compile("|".join(parts), re.IGNORECASE)) for category, parts in grouped.items())


def words(text: str) -> int:
    return len(WORD.findall(text))


def chrome_category(text: str, n_words: int) -> str | None:
    """The vocabulary category `text` (one stripped line) falls in, or None when it may be article text."""
    if len(text) > MAX_RULE_CHARS or n_words > MAX_RULE_WORDS:
        return None
    bare = text.lstrip(BULLETS)
    for rule in vocabulary():
        if n_words <= WORD_CAPS.get(rule.category, 20) and (
                rule.pattern.fullmatch(text) or (bare != text and rule.pattern.fullmatch(bare))):
            return rule.category
    if n_words <= 80 and COOKIE_WORD.search(text) and COOKIE_CONTEXT.search(text):
        return "cookie"
    if n_words <= 60 and CREDIT_TAIL.search(text) and not text.rstrip().endswith("."):
        return "media"
    return None


def symbol_share(text: str) -> float:
    """Share of a line's visible characters that are not letters."""
    visible = len(text) - sum(1 for c in text if c.isspace())
    return sum(1 for c in text if not c.isalpha() and not c.isspace()) / visible if visible else 1.0


def is_body(text: str, n_words: int) -> bool:
    """Prose: a paragraph with at least one sentence, as opposed to a title, a label or a link."""
    return (n_words >= 10 and bool(SENTENCE_END.search(text))) or n_words >= 30


def is_headline(text: str, n_words: int) -> bool:
    """Shaped like a headline or link text: a few words, capitalised, one sentence, no closing punctuation."""
    return (3 <= n_words <= 30 and len(text) <= 220 and not TERMINAL.search(text) and text[:1].isupper()
            and not INNER_SENTENCE_END.search(text))
