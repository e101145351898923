"""The words every layer shares: the event types (data/event_types.tsv) and the sides of the war.

This is the bottom layer: it reads one data file with the standard library and imports no other part of
sitrep, so the outputs (exports, report, ledger, server) can ask what a type means without loading the
language stack (spaCy) that finds events in text. A new type or a new colour is a new row, not a new branch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

COLUMNS = ("type", "needs_place", "has_actor", "acled_event_type", "acled_sub_event_type", "colour", "label",
           "section", "unnamed_actor", "gains")
"""The columns of data/event_types.tsv, whose first row that is not a comment names them."""
SECTIONS = ("ground", "strikes", "talks")
UNNAMED_ACTORS = ("claimant", "place", "none")

SIDES = ("RU", "UA", "western", "independent")
"""Who claims: the two sides that fight, then the rest by the voice they speak in (data/claimants.tsv)."""
OPPOSITE = {"RU": "UA", "UA": "RU"}
"""The other side of the war, for the sides that fight it; its keys are the sides that can act in an event."""
FIGHTING = tuple(OPPOSITE)
"""The sides that act in events: an event's actor is one of these or unknown."""


@dataclass(frozen=True)
class EventType:
    """One row of data/event_types.tsv: what a type means to the stages and the outputs."""

    name: str
    needs_place: bool
    """A battlefield event: kept only with a place in the theater."""
    has_actor: bool
    """A side acts in it; talks and exchanges have parties instead."""
    acled_event_type: str
    acled_sub_event_type: str
    """The sub-event type before the export refines it from the row (docs/EXPORTS.md)."""
    colour: str
    label: str
    section: str
    """Where the report tells it: one of SECTIONS."""
    unnamed_actor: str
    """Whose side acts when the sentence names none: one of UNNAMED_ACTORS."""
    gains: bool
    """It tells ground gained: an attempt at it is fighting, a denial rejects it."""


def _flag(value: str, row: list[str]) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"data/event_types.tsv: {value!r} is neither yes nor no in {row}")
    return value == "yes"


@cache
def event_types() -> tuple[EventType, ...]:
    """The event types in the file's order, which is the order the stages try them and outputs list them."""
    text = resources.files("sitrep").joinpath("data/event_types.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"data/event_types.tsv: the first row must name the columns {COLUMNS}")
    out = []
    for row in rows[1:]:
        if len(row) != len(COLUMNS):
            raise ValueError(f"data/event_types.tsv: {len(row)} columns, not {len(COLUMNS)}, in {row}")
        name, place, actor, acled, sub, colour, label, section, unnamed, gains = row
        if section not in SECTIONS or unnamed not in UNNAMED_ACTORS:
            raise ValueError(f"data/event_types.tsv: section or unnamed_actor not known in {row}")
        out.append(EventType(name, _flag(place, row), _flag(actor, row), acled, sub, colour, label, section, unnamed,
                             _flag(gains, row)))
    return tuple(out)


@cache
def _by_name() -> dict[str, EventType]:
    return {t.name: t for t in event_types()}


def types() -> tuple[str, ...]:
    """The names of the event types, in order."""
    return tuple(t.name for t in event_types())


def event_type(kind: str) -> EventType:
    """The type named `kind`; KeyError for a name that is no type."""
    return _by_name()[kind]


def is_type(kind: str) -> bool:
    return kind in _by_name()


def needs_place(kind: str) -> bool:
    return event_type(kind).needs_place


def gains(kind: str) -> bool:
    return event_type(kind).gains


def has_actor(kind: str) -> bool:
    return event_type(kind).has_actor


def unnamed_actor(kind: str) -> str:
    return event_type(kind).unnamed_actor


def acled(kind: str) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of a type, before the export refines the sub-event from the row."""
    t = event_type(kind)
    return t.acled_event_type, t.acled_sub_event_type


def colour(kind: str, default: str = "#555") -> str:
    """A type's colour on maps and charts; `default` for a name that is no type (an older store's)."""
    t = _by_name().get(kind)
    return t.colour if t else default


def label(kind: str) -> str:
    """A type's name in sentences; a name that is no type is shown with spaces for its underscores."""
    t = _by_name().get(kind)
    return t.label if t else kind.replace("_", " ")


def in_section(section: str) -> tuple[str, ...]:
    """The types the report tells in one of SECTIONS, in order."""
    return tuple(t.name for t in event_types() if t.section == section)


@cache
def sides() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(use, side, pattern) rows of data/sides.tsv in the file's order; use is "actor", "claimant", "demonym",
    "country" or "seat"."""
    text = resources.files("sitrep").joinpath("data/sides.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple((use, side, re.compile(pattern, re.IGNORECASE)) for use, side, pattern in rows)


def side_words(use: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(side, pattern) of the rows of data/sides.tsv for one use, in order."""
    return tuple((side, pattern) for kind, side, pattern in sides() if kind == use)


def demonym(side: str) -> str:
    """The word that makes a body the side's ("Russian"), or "" for a side with none."""
    return next((p.pattern for s, p in side_words("demonym") if s == side), "")


def any_side(*uses: str) -> str:
    """One alternation of the words of every side for the uses named ("demonym", "country", "seat"): how other
    data and patterns name the sides without naming those of one theater."""
    return "(?:" + "|".join(p.pattern for use in uses for _side, p in side_words(use)) + ")"


def with_sides(pattern: str) -> str:
    """A pattern with {demonym}, {country} and {seat} replaced by the words of every side."""
    for use in SIDE_PLACEHOLDERS:
        pattern = pattern.replace("{" + use + "}", any_side(use))
    return pattern


SIDE_PLACEHOLDERS = ("demonym", "country", "seat")
