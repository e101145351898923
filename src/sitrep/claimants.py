"""Who a claimant is: the table of bodies and people who make claims (data/claimants.tsv) and the side each
speaks for, and the normalisation of a phrase naming one.

It lives apart from the attribution in sitrep.claims because the ledger needs a claimant's side too, and the
ledger must not load the language stack: this module reads only its table and regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitrep import vocab

TIME_WORDS = re.compile(r"(?<!\s)\s+(?:(?:on|late|early|last|this|earlier|later)\s*)?(?:monday|tuesday|wednesday|thursday|"
                        r"friday|saturday|sunday|today|yesterday|night|week|morning|evening)\b.*$", re.IGNORECASE)
ADVERBS = re.compile(r"(?<!\s)\s+(?:reportedly|also|later|earlier|then|further|repeatedly|again|previously|once)$", re.IGNORECASE)
NOT_SOURCES = re.compile(r"^(?:the )?(?:formula|plan|schedule|agreement|terms|data|figures|estimates|it|this|that|"
                         r"as|further|geolocat\w*|some|many|several|(?:[\w-]+ )?(?:city|town|village|region|oblast|"
                         r"settlement|capital) of)\b", re.IGNORECASE)
DATELINE_HEAD = re.compile(r"^(?:[^()]{0,60}\([^()]{1,60}\)|[A-Z][^-–—]{0,50}\d)\s*[-–—]+\s*")
NOT_CLAIMANTS = {"it", "this", "that", "which", "who", "there", "what", "one", "some", "many", "others", "both",
                 "they", "he", "she", "we", "i", "you", "the", "a", "an", "its", "their", "his", "her", "on", "in",
                 "at", "by", "for", "with", "from", "after", "before", "during", "as", "but", "and", "or", "so", "then",
                 "now", "also", "however", "meanwhile", "earlier", "later"}
HEAD_ENDS = re.compile(r"(?<!\s)\s*(?:$|[(),;:“”\"]|(?:of|in|on|and|for|at|from|to|with|['’]s|who|which|that|has|have|had|"
                       r"is|was|said|says|also|officials?|spokes\w*|press|chief|head|minister|statement|bulletin|report|briefing|"
                       r"update|channel|account|website)\b)", re.IGNORECASE)
"""What may follow a registered name for it to be the phrase's head: its spokesman speaks for it; a
"Russian military blogger" is no Russian military."""


@dataclass(frozen=True)
class Claimant:
    """A body or person that makes claims, and the side it speaks for (RU, UA, western, independent)."""

    name: str
    side: str | None


@cache
def table() -> tuple[tuple[re.Pattern[str], Claimant], ...]:
    """Patterns of data/claimants.tsv, longest name first so "Russia's army" wins over "Russia"."""
    text = resources.files("sitrep").joinpath("data/claimants.tsv").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, side, aliases = ([*line.split("\t"), "", ""])[:3]
        for alias in {name, *aliases.split("|")} - {""}:
            pattern = re.compile(r"(?<![\w])" + re.escape(alias).replace(r"\'", "['’]") + r"(?![\w])", re.IGNORECASE)
            entries.append((len(alias), pattern, Claimant(name, side)))
    return tuple((p, c) for _, p, c in sorted(entries, key=lambda e: -e[0]))


def normalize(phrase: str) -> Claimant | None:
    """The registry's claimant named in `phrase`, else the phrase itself with a side from its wording."""
    phrase = DATELINE_HEAD.sub("", phrase)  # "RIGA, March 12 (Baltic Observer) - Ukraine" is Ukraine
    phrase = ADVERBS.sub("", TIME_WORDS.sub("", phrase.strip(" ,.;:“”\"'")).strip())
    phrase = re.sub(r"^(?:but|and|while|as|so|yet|also)\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    if not phrase or phrase.lower() in NOT_CLAIMANTS or NOT_SOURCES.match(phrase):
        return None
    if (registered := _registered(phrase)) is not None:
        return registered
    phrase = CONTAINER.sub("", phrase)  # "a statement from the ministry" is the ministry's
    if (registered := _registered(phrase)) is not None:
        return registered
    if (side := side_named(phrase)) is not None:  # "the defence ministry in Moscow", "Russia's Ministry of Defence":
        body = SEAT.sub("", next(p for s, p in vocab.side_words("claimant") if s == side).sub("", phrase))
        if (registered := _registered(f"{vocab.demonym(side)} {body.strip(' ,')}")) is not None:
            return registered  # a body the table knows under its side's demonym
    if len(phrase) > 90:
        return None
    if not re.search(r"[A-Z]", phrase):  # a lower-case clause is not somebody's name, a description may be
        words = phrase.split()
        return Claimant(phrase, side_named(phrase)) if len(words) <= 4 and words[-1].lower() in speakers() else None
    if len(phrase.split()) > 7:
        return None
    return Claimant(phrase, side_named(phrase))


SEAT = re.compile(r"(?<!\s)\s++in\s*+$")
"""What is left of "the defence ministry in Moscow" when the city's side word is taken out."""
CONTAINER = re.compile(r"^(?:(?:a|an|the|its|their)\s++)?(?:\w++\s++)?(?:statement|report|post|message|bulletin|"
                       r"update|briefing|data|figures|estimates?|assessment|analysis|summary)s?\s++(?:from|by|of)\s++"
                       r"(?:the\s++)?|['’]s\s++(?:\w++\s++)?(?:statement|report|post|message|bulletin|update|briefing|data|"
                       r"figures|estimates?|assessment|analysis|summary|maps?|calculations?|count)s?$", re.IGNORECASE)


def _registered(phrase: str) -> Claimant | None:
    for pattern, claimant in table():
        m = pattern.search(phrase)
        if m and (m.group(0).split()[-1][:1].isupper() or HEAD_ENDS.match(phrase, m.end())):
            return claimant  # "DeepState monitoring project" is DeepState; a "Russian military blogger" no army
    return None


def side_named(phrase: str) -> str | None:
    """The side a phrase's wording names (data/sides.tsv, use claimant)."""
    return next((s for s, pattern in vocab.side_words("claimant") if pattern.search(phrase)), None)


@cache
def speakers() -> frozenset[str]:
    """The nouns of data/speakers.txt: heads of descriptions of who speaks ("local authorities")."""
    text = resources.files("sitrep").joinpath("data/speakers.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def side_of(name: str) -> str | None:
    """The side of a claimant named as in an extraction record."""
    found = normalize(name)
    return found.side if found else None


def is_registered(claimant: Claimant) -> bool:
    """Whether the claimant is one of the registry's, not a name taken from the text."""
    return any(c == claimant for _, c in table())
