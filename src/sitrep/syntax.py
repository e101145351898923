"""The dependency parse, for the few sentences that need one.

A full spaCy pipeline over every article would be the slowest thing sitrep does, and most sentences report no
event. So the events stage asks for parses of the sentences its trigger lexicon flags, in one batch per article,
and reads the clause roles it needs (who acts) from them with the dependency patterns of data/roles.json.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep.errors import InputError
from sitrep.options import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token

NOT_NEEDED = ("ner", "lemmatizer")
"""Components the roles do not read: the tagger and parser are enough, and this halves the parse time."""


@cache
def pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline, loaded once per process."""
    import spacy

    try:
        return spacy.load(model, exclude=list(NOT_NEEDED))
    except OSError as exc:
        raise InputError(f"parser {model!r}", "no spaCy model of that name is installed",
                         f"install it (pip install {model.replace('_', '-')}) or run with --parser none") from exc


def parse(texts: Sequence[str], model: str = DEFAULT_MODEL) -> list[Doc]:
    """Parses of `texts`, in one batch."""
    return list(pipeline(model).pipe(texts)) if texts else []


@cache
def _role_patterns() -> tuple[tuple[str, int, list[dict]], ...]:
    data = json.loads(resources.files("sitrep").joinpath("data/roles.json").read_text(encoding="utf-8"))
    return tuple((entry["name"], int(entry["rank"]), entry["pattern"]) for entry in data["agent"])


@cache
def _matcher(model: str) -> tuple[DependencyMatcher, dict[str, int], dict[str, int]]:
    """The role patterns in one matcher, each pattern's rank, and where its trigger node is among its nodes."""
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(pipeline(model).vocab)
    ranks, anchors = {}, {}
    for name, rank, pattern in _role_patterns():
        matcher.add(name, [pattern])
        ranks[name] = rank
        anchors[name] = next(i for i, node in enumerate(pattern) if node["RIGHT_ID"] == "trigger")
    return matcher, ranks, anchors


def _roles(doc: Doc, model: str) -> dict[int, list[tuple[int, int]]]:
    """Every (rank, agent) the role patterns find in a parse, by the index of the word in the trigger's place:
    the matcher runs once per parse, however many triggers its sentence holds."""
    found = doc.user_data.get(ROLES)
    if found is None:
        matcher, ranks, anchors = _matcher(model)
        found = {}
        for match_id, token_ids in matcher(doc):
            name = doc.vocab.strings[match_id]
            found.setdefault(token_ids[anchors[name]], []).append((ranks[name], token_ids[-1]))
        doc.user_data[ROLES] = found
    return found


ROLES = "sitrep_roles"


def agents(doc: Doc, start: int, end: int, model: str = DEFAULT_MODEL) -> list[Token]:
    """The words that name who does what the trigger at characters [start, end) of `doc` reports, best first:
    the subject of a trigger verb ("Russian troops captured"), the agent of a passive ("shelled by Ukrainian
    forces"), the modifier of a trigger noun ("a Ukrainian drone strike", "Kyiv's attacks"), or the subject of
    the clause the trigger hangs from ("Moscow's troops advanced ..., capturing")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    roles = _roles(doc, model)
    heads = [span.root, *(t for t in span if t is not span.root and t.pos_ in ("NOUN", "VERB", "PROPN"))]
    found = [(order, rank, agent) for order, head in enumerate(heads)  # "killed in a Ukrainian drone attack": the
             for rank, agent in roles.get(head.i, ())]  # root, then the attack
    found.sort(key=lambda entry: entry[:2])
    return [doc[agent] for _, _, agent in found]


NOT_IN_PHRASE = ("relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp")
"""Dependents that hang a clause, a list or an aside on a noun: not part of the name it heads."""


def phrase(token: Token) -> str:
    """The words of the noun phrase a token heads ("Moscow's troops", "the Institute for the Study of War (ISW)"),
    as written, without the clauses, lists, asides and times hung on it; with the city a body sits in ("the
    defence ministry in Moscow")."""
    def inside(t: Token) -> list[Token]:
        out = [t]
        for child in t.children:
            keep = child.dep_ not in NOT_IN_PHRASE or (child.dep_ == "punct" and child.text in "-–'’.&()")
            seat = child.lower_ == "in" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)
            if keep and not (child.dep_ == "prep" and child.lower_ in ("on", "in", "at") and not seat):
                out.extend(inside(child))
        return out
    words = sorted(inside(token), key=lambda t: t.i)
    return "".join(t.text + (t.whitespace_ if i + 1 < len(words) and words[i + 1].i == t.i + 1 else " ")
                   for i, t in enumerate(words)).strip()
