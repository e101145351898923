"""The event lexicon (data/events.tsv) and the slant lexicon (data/slant.tsv), compiled once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from sitrep import vocab


def _rows(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def triggers() -> dict[str, re.Pattern[str]]:
    """Trigger group name (an event type, a side, or a word class such as "hypothetical") -> one pattern: the
    alternation of the group's lines."""
    groups: dict[str, list[str]] = {}
    for group, pattern in _rows("events.tsv"):
        groups.setdefault(group, []).append(f"(?:{vocab.with_sides(pattern)})")
    found = {group: re.compile("|".join(parts), re.IGNORECASE) for group, parts in groups.items()}
    return found | {f"side_{side}": pattern for side, pattern in vocab.side_words("actor")}


@cache
def slant() -> tuple[tuple[str, int, re.Pattern[str], bool], ...]:
    """(side, weight, pattern, whether it counts only when that side, or no side, acts in its sentence)."""
    return tuple((side, int(weight), re.compile(pattern, re.IGNORECASE), rest[:1] == ["acting"])
                 for side, weight, pattern, *rest in _rows("slant.tsv"))
