"""The event lexicon (data/events.tsv) and the slant lexicon (data/slant.tsv), compiled once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

EVENT_TYPES = ("control_claim", "advance", "ground_fighting", "strike", "sabotage", "buildup", "negotiation",
               "prisoner_exchange")


def _rows(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def events() -> dict[str, re.Pattern[str]]:
    """Group name -> one pattern (the alternation of the group's lines)."""
    groups: dict[str, list[str]] = {}
    for group, pattern in _rows("events.tsv"):
        groups.setdefault(group, []).append(f"(?:{pattern})")
    return {group: re.compile("|".join(parts), re.IGNORECASE) for group, parts in groups.items()}


@cache
def slant() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    return tuple((side, int(weight), re.compile(pattern, re.IGNORECASE)) for side, weight, pattern in _rows("slant.tsv"))
