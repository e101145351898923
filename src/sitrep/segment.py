"""Sentences and word tokens of cleaned text, cheaply, with offsets; for stages that need context
windows before (or without) a full parse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? … (with closing quotes) before whitespace and a capital, digit or quote,
# or at a line break. Abbreviations that end with a period and are followed by a capital are kept in.
BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9А-ЯІЇЄҐ])|\n+")
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Mt|Jr|Sr|Prof|Gov|Sen|Rep|No|vs|etc|"
                           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|E\.U|a\.m|p\.m)"
                           r"|\b[A-Z])\.$")
# Words keep inner apostrophes and hyphens (Kup'yansk, Nikolayevo-Daryino); a possessive 's is its own token.
TOKEN = re.compile(r"[^\W_]+(?:(?:['’](?![sS]\b)|-)[^\W_]+)*|['’][sS]\b|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=32)
def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of `text`, in order, covering every non-space character. Cached: the places and events
    stages both walk the sentences of the same text."""
    spans: list[Span] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        if "\n" not in m.group(0) and ABBREVIATIONS.search(before):
            continue
        if text[start:m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of text[start:end] with absolute offsets."""
    stop = len(text) if end is None else end
    return [Token(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]
