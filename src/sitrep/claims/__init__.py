"""Who asserts what a sentence reports, and how sure: attribution from reporting structures ("according to
X", "X said that", "..., the ministry said", "reportedly", "if confirmed"), with claimants normalized
through the table of bodies and people and their side (sitrep.claimants)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep import syntax, vocab
from sitrep.claimants import DATELINE_HEAD, Claimant, is_registered, normalize, side_named
from sitrep.meta.outlet import registry as outlets

SAY = (r"(?:said|says|say|claimed|claims|claim|announced|announces|reported|reports|stated|states|noted|notes|told|"
       r"wrote|writes|confirmed|confirms|added|adds|insisted|insists|acknowledged|mentioned|posted|declared|"
       r"alleged|alleges|accused|accuses|echoed|warned|revealed|estimated|estimates|assessed|assesses|argued|"
       r"believes|believed|denied|denies|rejected|dismissed|blamed|blames|posting|posted|published|shows|showed|"
       r"calculated|calculates|counted|tallied|estimate|assess|believe|write|note|state|confirm|insist|warn|argue|"
       r"allege|deny|reject)")
NAME_RUN = r"(?:[A-Z][\w'’.-]*|of|the|for|and|de|al)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|de|al|'s|’s)){0,8}"
NAMED_THEN_DESCRIBED = re.compile(
    rf"(?:^|,\s++)(?P<who>[A-Z][\w'’.-]++(?:\s++[A-Z][\w'’.-]++){{0,3}}),\s++(?:the\s++|a\s++)?[a-z][^,;“”\"]{{2,80}},"
    rf"\s++(?:(?:has|had|also|later|then)\s++)?{SAY}\b")
"""A name, the description that follows it, and the reporting verb: "..., Vyacheslav Gladkov, the regional governor,
said on Friday"."""
DESCRIBED_THEN_NAMED = re.compile(
    rf",\s++(?:the\s++|a\s++)?(?P<what>[a-z][^,;“”\"]{{2,80}}),\s++(?P<who>[A-Z][\w'’.-]++(?:\s++[A-Z][\w'’.-]++){{0,3}}),"
    rf"\s++(?:(?:has|had|also|later|then)\s++)?{SAY}\b")
"""A description, the name it describes and the reporting verb: "..., the chief of Russia's General Staff, Valery
Gerasimov, said"; the name speaks, with the side its description names."""
ACCORDING = re.compile(r"(?:\baccording to|^Per) (?P<who>[^,.;:]{2,140}?)(?=[,.;:]|(?<!\s)\s+(?:on|in|at|that)\b|$)", re.IGNORECASE)
SUBJECT_SAYS = re.compile(
    rf"(?:^|[,;:“\"]\s*+|\b(?:and|but|while|as|after|when)\s++)(?P<who>(?:the\s++|a\s++)?[\w'’.\-() ]{{2,90}}?)\s++"
    rf"(?:(?:has|have|had|also|later|earlier|then|further|repeatedly)\s++){{0,4}}+(?:on\s++\w++\s++)?(?P<verb>{SAY})\b",
    re.IGNORECASE)
SAYS_SUBJECT = re.compile(rf"[,”\"]\s*+(?P<verb>{SAY})\s++(?P<who>(?:the\s++)?[\w'’.\-]++(?:\s++[\w'’.\-]++){{0,5}}?)"
                          rf"(?:\s++(?:on|in|after|at|during|late|early|last|this|earlier|later)\b[^,.;:]{{0,40}})?\s*+[.!?]?\s*$",
                          re.IGNORECASE)
"""The reporting verb before its subject at the end: "..., said Andriy Yermak", "..., announced Deputy Defence
Minister Alexander Fomin after the talks"."""
BY_SOMEONE = re.compile(rf"\b(?:{SAY}|noted|reported|stated|announced) by (?P<who>(?:the\s+)?[^,.;:]{{2,110}}?)(?=[,.;:]|$)",
                        re.IGNORECASE)
WITH_SOMEONE = re.compile(r"\bwith (?P<who>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}) (?:reporting|saying|claiming)\b")
PARTICIPLE = re.compile(r"^(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?!is\b|was\b|has\b|have\b|had\b|are\b|were\b)"
                        r"[\w'’.-]+){0,4})\s+(?:is|was|has|have|had|are|were)\s+[^,]{0,120},\s*(?:claiming|saying|"
                        r"announcing|reporting|insisting)\b")
REPORTED = re.compile(r"\b(?:reportedly|according to (?:media )?reports|reports say|reports said|was reported|"
                      r"were reported|is reported|are reported|it is reported|reports suggest|(?:the|a) reported "
                      r"(?:seizure|capture|fall|loss|advance|strike|attack|killing|deaths?|breakthrough)s?)\b",
                      re.IGNORECASE)
IF_CONFIRMED = re.compile(r"\b(?:if (?:confirmed|true|verified)|unconfirmed|yet to be confirmed)\b", re.IGNORECASE)
UNCONFIRMED = re.compile(r"\b(?:(?:could not|cannot|can ?not|(?:was|were|is|are)? ?unable to|(?:has|have) not been able to|"
                         r"could not immediately|did not)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm|corroborat)\w*|"
                         r"independent verification (?:remains|is|was) (?:difficult|impossible)|not (?:been )?independently "
                         r"(?:verified|confirmed)|no independent confirmation)", re.IGNORECASE)
DENIED = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss|refuted|refutes|"
                    r"refute)\b(?! (?:requests?|proposals?|offers?|pleas?|"
                    r"demands?|calls?|the (?:proposal|offer|plan)))", re.IGNORECASE)
REFERS_BACK = re.compile(r"^\W*(?:this|that|it) (?:was|has been|is) (?:announced|reported|stated|said|confirmed|"
                         r"noted|(?:all )?according to)|\b(?:announced|reported|stated|said|confirmed|wrote) (?:this|so)\b", re.IGNORECASE)
DEFINITE = re.compile(r"^(?:the )?(?:ministry|statement|report|bulletin|governor|spokesman|agency|military|"
                      r"department)(?:['’]s)?\b", re.IGNORECASE)
PASSIVE_END = re.compile(r"\b(?:have|has|had|were|was|are|is|been|be|being)$", re.IGNORECASE)
PRONOUN = re.compile(r"^(?:he|she|it|they|the ministry|the statement|the report|the governor|the spokesman|"
                     r"the spokeswoman|the official|the agency|the minister|the mayor|the source|"
                     r"its statement|the administration)$", re.IGNORECASE)
OWNED = re.compile(r"^(?:its|their)\s++(?P<body>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """Who asserts a sentence's content and how sure it is put."""

    claimant: Claimant | None
    certainty: str
    backwards: bool = False
    """"X announced this", "This was reported by X": the attribution belongs to the sentence before."""


def attribute(sentence: str, previous: Claimant | None = None, parsed: Any = None) -> Attribution:
    """The attribution of one sentence; `previous` is the last named claimant, for "he said", "it added";
    `parsed`, the sentence's dependency parse where there is one, finds the subject of a reporting verb past
    appositions and lists ("DeepState, a Ukrainian military blog, said")."""
    certainty = "asserted"
    claimant = None
    m = ACCORDING.search(sentence)
    if m and not re.match(r"(?:reports|media reports)$", m.group("who").strip(), re.IGNORECASE):
        who = m.group("who").strip()
        claimant = previous if DEFINITE.match(who) and previous else normalize(who)
    for pattern in (DATA_SHOW, BY_SOMEONE, WITH_SOMEONE, PARTICIPLE, NAMED_THEN_DESCRIBED):
        if claimant is None and (m := pattern.search(sentence)):
            claimant = normalize(m.group("who"))
    if claimant is None and (m := DESCRIBED_THEN_NAMED.search(sentence)) and (named := normalize(m.group("who"))):
        claimant = named if named.side else Claimant(named.name, side_named(m.group("what")))
    if claimant is None and (m := SAYS_SUBJECT.search(sentence)) and (found := _speaker(m.group("who"), previous)):
        claimant, certainty = found, "denied" if DENIED.fullmatch(m.group("verb")) else "claimed"
    head = DATELINE_HEAD.match(sentence)
    if claimant is None and parsed is not None and \
            (found := _parsed_speaker(parsed, previous, head.end() if head else 0)) is not None:
        claimant, verb = found
        certainty = "denied" if DENIED.fullmatch(verb) else "claimed"
    if claimant is None:
        for m in _subjects(sentence):  # "The attack claimed the lives of two, the governor said": the governor
            claimant = _speaker(m.group("who").strip(), previous)
            if claimant is not None:
                certainty = "denied" if DENIED.fullmatch(m.group("verb")) else "claimed"
                break
    if claimant is not None and certainty in ("asserted", "claimed"):
        certainty = "reported" if is_media(claimant) else "claimed"
    if REPORTED.search(sentence) and claimant is None:
        certainty = "reported"
    if UNCONFIRMED.search(sentence) or IF_CONFIRMED.search(sentence):
        certainty = "unconfirmed"
    backwards = claimant is not None and bool(REFERS_BACK.search(sentence))
    return Attribution(claimant, certainty, backwards)


MEDIA = re.compile(r"\b(?:media|newspapers?|news agency|news outlets?|outlets?|publication|broadcaster|press reports?)$",
                   re.IGNORECASE)


def is_media(claimant: Claimant) -> bool:
    """Whether a claimant is the press ("local media", a news outlet of data/outlets.tsv): what it tells is
    reported, not claimed by a party. A warring side's state media speak for that side: they claim."""
    if claimant.side in vocab.OPPOSITE and is_registered(claimant):
        return False
    name = claimant.name.removeprefix("The ").removeprefix("the ")
    return bool(MEDIA.search(name)) or name in _outlet_names()


@cache
def _outlet_names() -> frozenset[str]:
    """The names and other names of data/outlets.tsv, looked up once per claimant rather than scanned."""
    return frozenset(name for o in outlets() for name in (o.name, *o.aliases))


def _subjects(sentence: str) -> Iterator[re.Match[str]]:
    """Each "X said" of a sentence, left to right, whose X is no passive ("Seven people have been confirmed
    dead")."""
    for m in SUBJECT_SAYS.finditer(sentence):
        who = re.split(r"\b(?:that|which|who|whose|whom|where|when|while|as)\b|[,;:“”\"]", m.group("who"))[-1].strip()
        if not PASSIVE_END.search(who):
            yield m


SAY_WORD = re.compile(SAY, re.IGNORECASE)


def _parsed_speaker(doc: Any, previous: Claimant | None, body: int = 0) -> tuple[Claimant, str] | None:
    """The subject of the first reporting verb in a parse, and the verb: of the subject and its appositions,
    a registered name first, then a proper name, then the description. Words before `body` are a dateline
    ("KYIV, March 3 (Wire) -"), whose city the parser may take for the subject: they name no speaker."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or not SAY_WORD.fullmatch(verb.text):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "conj":  # "Russia launched a counter-offensive and said ...": shared
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        if subject.lower_ in PRONOUN_WORDS or PRONOUN.match(syntax.phrase(subject)):
            if previous is not None:
                return previous, verb.text
            described = None if subject.lower_ in PRONOUN_WORDS else normalize(syntax.phrase(subject))
            return (described, verb.text) if described is not None else None  # "the governor", none named before
        options = [o for o in (subject, *(t for t in subject.subtree if t.dep_ == "appos" and t.head is not subject.head))
                   if o.idx >= body]
        named = [(c, o) for o in options if (c := _normalized(syntax.phrase(o), previous)) is not None]
        best = (next((c for c, o in named if o.pos_ == "PROPN" and is_registered(c)), None)
                or next((c for c, o in named if o.pos_ == "PROPN"), None)
                or (named[0][0] if named else None))
        if best is not None:
            return best, verb.text
    return None


PRONOUN_WORDS = {"he", "she", "it", "they", "we"}


def _speaker(who: str, previous: Claimant | None) -> Claimant | None:
    """The claimant in the words before a reporting verb: the last clause's subject, or, in "X, head of the
    regional administration, announced", the name before the description."""
    parts = [p.strip() for p in re.split(r"\b(?:that|which|who|whose|whom|where|when|while|as)\b|[;:“”\"]", who)]
    clause = parts[-1] if parts else who
    if PRONOUN.match(clause.strip()):
        return previous or normalize(clause)  # "the governor said": the one named before, else the description
    pieces = [p.strip() for p in clause.split(",") if p.strip()]
    for piece in reversed(pieces):
        if PRONOUN.match(piece):
            return previous or normalize(piece)
        found = _normalized(piece, previous)
        if found is not None:
            return found
    return None


def _normalized(phrase: str, previous: Claimant | None) -> Claimant | None:
    """A claimant phrase, where "its defence ministry" after a Russian claimant is Russia's ministry."""
    owned = OWNED.match(phrase.strip())
    found = normalize(f"{vocab.demonym(previous.side)} {owned.group('body')}") if (
        owned and previous is not None and previous.side in vocab.OPPOSITE) else None
    if found is not None and is_registered(found):
        return found
    return normalize(phrase)


RETOLD = re.compile(r"\b(?:with reference to|citing|referring to|retold from|based on (?:a )?report(?:ing)? by) "
                    r"(?:the )?(?P<who>(?:[A-Z][\w.&'’-]*\s?){1,5})")
DATA_FROM = re.compile(r"\b(?:data|maps?|figures|numbers|estimates|assessments?|analys[ie]s|calculations|mapping)\s+"
                       r"(?:(?:compiled|provided|published|released)\s+)?(?:from|of|by)\s+(?:the\s+)?"
                       rf"(?P<who>{NAME_RUN})")
"""Who measured the figures an article gives: "draws on data from the Institute for the Study of War", "an
analysis of DeepState maps", "according to figures compiled by X"."""
DATA_NAMED = re.compile(rf"\b(?:based on|using|from|of|on|drawing on|draws on|citing)\s+(?:the\s+)?(?P<who>{NAME_RUN})\s+"
                        r"(?:data|maps?|figures|mapping|estimates)\b")
"""The same with the source named first: "an analysis of ISW data", "based on DeepState maps"."""
DATA_SHOW = re.compile(r"\b(?P<who>(?:[A-Z][\w.&'’-]*+\s?){1,5})(?:data|figures|estimates|maps?|analysis|assessment)"
                       r"\s+(?:show|shows|showing|suggest|suggests|indicate|indicates)\b")


def retold_source(text: str) -> Claimant | None:
    """The outlet an article retells ("reported by UNN with reference to the New York Times"), whose claims its
    unattributed sentences carry."""
    m = RETOLD.search(text[:3000])
    return normalize(m.group("who")) if m else None


def counter(text: str) -> Claimant | None:
    """The body whose data an article's figures come from, where it says so ("this analysis draws on data from
    ISW"): it counted them even when the outlet or an agency relays them."""
    for m in (*DATA_FROM.finditer(text), *DATA_NAMED.finditer(text)):
        found = normalize(m.group("who"))
        if found is not None and found.side == "independent":
            return found
    return None


def figure_source(sentence: str, position: int) -> Claimant | None:
    """Who a figure at `position` is attributed to in its own sentence when the sentence attributes several:
    the nearest "according to X" after it ("100 troops, according to Kyiv"), else the last one before it."""
    found = [(m.start(), m.group("who")) for m in ACCORDING.finditer(sentence)]
    if len(found) < 2:
        return None
    after = [who for start, who in found if start >= position]
    who = after[0] if after else [who for start, who in found if start < position][-1]
    return normalize(who.strip())


def disclaims(text: str) -> str | None:
    """Whose claims the article says it could not verify: a side when the disclaimer names one ("could not verify
    the Russian claims"), "any" when it names none ("could not independently verify battlefield reports"), else
    None."""
    m = UNCONFIRMED.search(text)
    if m is None:
        return None
    rest = text[m.end():m.end() + 80].split(".")[0]  # what was not verified, named after the verb
    return side_named(rest) or "any"
