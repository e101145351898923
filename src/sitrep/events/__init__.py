"""Events, quantities and slant: the claim layer of spec/EXTRACTION.md for one article.

Each sentence is read once: who asserts it and how sure (sitrep.claims), what kinds of event its words
report (data/events.tsv), where (the places the places stage found in it, or named just before: "the
village"), when (sitrep.timex against the publication date), and which side acts. Threats, plans and
suppositions are left out; a party's denial is kept as `denied`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sitrep import claims, quantities, registry, syntax, timex, vocab
from sitrep.claimants import DATELINE_HEAD, Claimant, is_registered
from sitrep.document import Document
from sitrep.events.lexicon import slant, triggers
from sitrep.options import Options
from sitrep.places.recognize import is_land
from sitrep.places.resolve import THEATER as THEATER_COUNTRIES
from sitrep.segment import sentences
from sitrep.vocab import OPPOSITE

ASIDE = re.compile(r"(?<!\s)\s*+\([^()]{0,80}\)")
QUOTE = re.compile(r"[\"“][^\"“”]{3,}[\"”]|“[^“”]{3,}”")
REPEL = re.compile(r"\b(?:repelled|repel|repulsed|thwarted|halted|stopped|blocked|foiled|fought off|beat off|withdr[ea]w|"
                   r"pulled out)\b",
                   re.IGNORECASE)
PASSIVE_REPEL = re.compile(r"\b(?:was|were|been|being) (?:successfully )?(?:repelled|repulsed|thwarted|halted|stopped|"
                           r"beaten off|fought off)\b", re.IGNORECASE)
GENERIC_ATTACK = re.compile(r"attacks? (?:on|against|near)|under attack|came under attack|attack(?:ed|ing) (?:[\w-]+ ){0,3}?"
                            r"(?:near|around|toward|towards|in the (?:area|vicinity|direction) of)", re.IGNORECASE)
COUNTRY_WORD = re.compile(rf"{vocab.any_side('country')}(?:['’]s)?", re.IGNORECASE)
LOCATIVE = re.compile(r"\b(?:in|into|inside|across|near|of|on|to|toward|towards|within|throughout)\s+$", re.IGNORECASE)
SPEAKS = re.compile(rf"(?<!\s)(?:\s+\w+){{0,2}}\s+{claims.SAY}\b", re.IGNORECASE)
LOSES = re.compile(r"(?<!\s)(?:\s+\w+){0,2}\s+(?:suffered|sustained|lost|losing|loses)\b", re.IGNORECASE)
LOSSES_OF = re.compile(r"\blosses (?:for|among|of|to|on) (?:the )?", re.IGNORECASE)
INTERCEPT = re.compile(r"shot down|intercepted|downed|air defen[cs]e", re.IGNORECASE)
"""Air defence reports: the side that shoots down is the one attacked."""
PRONOUNS = {"it", "its", "they", "their", "we", "our", "he", "she", "his", "her"}
FORCE_NOUNS = {"forces", "troops", "soldiers", "units", "army", "military", "fighters", "servicemen", "assault",
               "assaults", "attacks", "groups", "detachments"}
PLACE_NOUN = re.compile(r"(?<!\s)(?:\s++[\w-]++){0,2}?\s++(?:village|town|city|settlement|region|oblast|province|territory|"
                        r"land|soil|border|capital|port|frontier)s?\b(?!['’]|\s++(?:guards?|service|police|troops|forces|units|"
                        r"authorities|officials|governor|council|administration|military|command))", re.IGNORECASE)
ANAPHOR = re.compile(r"\b(?:the|this|that) (?:village|town|city|settlement|region|area|locality)\b", re.IGNORECASE)


def _side_at(text: str, start: int, end: int, before: bool) -> str | None:
    """The side named nearest before (or after) a position in a stretch of text; a country named as a place
    ("in Russia's Belgorod region", "across Ukraine") is no side that acts."""
    pats = triggers()
    hits = []
    for side in ("RU", "UA"):
        for m in pats[f"side_{side}"].finditer(text, start, end):
            if COUNTRY_WORD.fullmatch(m.group(0)) and LOCATIVE.search(text, max(0, m.start() - 12), m.start()):
                continue
            if SPEAKS.match(text, m.end()) or LOSES.match(text, m.end()):
                continue  # "Kyiv says ...", "Ukrainian forces suffered losses": not the side that acts
            if PLACE_NOUN.match(text, m.end()):
                continue  # "the Ukrainian salt-mine town", "the Russian region of Kursk": whose land, not who acts
            hits.append((m.start(), side))
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if before else hits[0][1]


def _actor(kind: str, reading: Reading, trigger: re.Match[str], places: list[dict[str, Any]]) -> str | None:
    """The side that acts: from the clause's roles where the sentence was parsed, else from the side words
    nearest the trigger; for an advance or capture with no side named, the claimant's own side."""
    if not vocab.has_actor(kind):
        return None
    sentence = reading.sentence
    claimant_side = reading.claimant.side if reading.claimant else None
    if (m := BY_AGENT.match(sentence, trigger.end())) and \
            (agent := _side_at(sentence, m.end(), min(len(sentence), m.end() + 40), before=False)):
        return agent  # "was recaptured by Ukraine": the passive's agent acts
    if OUSTING.search(trigger.group(0)) and (loser := _side_at(sentence, trigger.start(), trigger.end(), False)):
        return OPPOSITE.get(loser)  # "drove the Ukrainian troops out of X": the side driven out lost it
    if ENCIRCLED.fullmatch(trigger.group(0)) and (loser := _side_at(sentence, 0, trigger.start(), before=True)):
        return OPPOSITE.get(loser)  # "Ukrainian soldiers found themselves surrounded": the other side attacks
    if UNDER_FIRE.match(trigger.group(0)):  # "Ukrainian positions came under Russian artillery fire": the fire's
        return (_side_at(sentence, trigger.start(), trigger.end(), before=False)  # side, else the target's enemy
                or OPPOSITE.get(_side_at(sentence, 0, trigger.start(), before=True) or ""))
    if kind == "control_claim" and (m := OUSTED.search(sentence)):  # "the enemy was pushed out of X": the loser
        loser = _side_at(sentence, 0, m.start(), before=True)
        if loser in OPPOSITE:
            return OPPOSITE[loser]
    if kind == "control_claim" and (m := TAKEN_FROM.match(sentence, trigger.end())):  # "liberated from the
        loser = _side_at(sentence, m.end(), min(len(sentence), m.end() + 40), before=False)  # Ukrainian forces"
        if loser in OPPOSITE:
            return OPPOSITE[loser]
    if PASSIVE_REPEL.search(sentence):  # "Ukrainian attempts to counterattack were repelled": the attacker
        return _side_at(sentence, 0, trigger.start(), before=True) or claimant_side
    repel = REPEL.search(sentence)
    if repel:  # "X repelled a Russian assault": the side repelled is the one that attacked
        after = _side_at(sentence, repel.end(), len(sentence), before=False)
        if after:
            return after
        before = _side_at(sentence, 0, repel.start(), before=True)
        return OPPOSITE.get(before or "") or before
    intercept = bool(INTERCEPT.search(trigger.group(0)))
    if intercept and (target := _side_at(sentence, trigger.end(), min(len(sentence), trigger.end() + 40), False)):
        return target  # "shot down 25 Ukrainian drones": the side whose drones were downed attacked
    if intercept and (defender := _side_at(sentence, max(0, trigger.start() - 40), trigger.end(), before=True)):
        return OPPOSITE.get(defender)  # "Russian air defences shot down": the side defending was attacked
    side = _role_side(reading, trigger) if reading.parsed is not None else None
    if side is None:
        side = (_side_at(sentence, trigger.start(), trigger.end(), before=False)
                or _side_at(sentence, 0, trigger.start(), before=True)
                or _side_at(sentence, trigger.end(), len(sentence), before=False))
    if side is None and kind == "ground_fighting":  # "losses for the Ukrainian military": the other side attacked
        losers = {s for m in LOSSES_OF.finditer(sentence) if (s := _side_at(sentence, m.end(), m.end() + 40, False))}
        losers |= {s for side_ in ("RU", "UA") for m in triggers()[f"side_{side_}"].finditer(sentence)
                   if LOSES.match(sentence, m.end()) and (s := side_)}
        side = OPPOSITE.get(next(iter(losers))) if len(losers) == 1 else None
    if side:
        return side  # "Russia fired 33 missiles, of which 21 were shot down": a launcher named far before acts
    if vocab.unnamed_actor(kind) == "claimant" and claimant_side in ("RU", "UA"):
        return claimant_side
    country = next((p["country"] for p in places if p.get("country")), None)
    if vocab.unnamed_actor(kind) == "place" and country in OPPOSITE:
        return OPPOSITE[country]
    return None


BY_AGENT = re.compile(r"(?<!\s)\s++by\s++(?:the\s++)?(?=\w)", re.IGNORECASE)
OUSTING = re.compile(r"\bout of\b", re.IGNORECASE)
"""A trigger that names the side it drove out: that side lost the place."""
PROSPECT = re.compile(r"(?<!\s)(?:\s++[\w'’-]++){0,8}?\s++(?:might|may|could|would|will|should|(?:is|are) expected to|(?:is|are) "
                      r"(?:planned|scheduled|set) to)\s++(?:\w++\s++)?(?:take place|be held|happen|resume|begin|start|"
                      r"go ahead|occur|continue|be agreed|be signed|be reached|be concluded|be announced)\b", re.IGNORECASE)
"""After a mention of talks or an exchange: that it is still to come, or might not come at all."""
NAMED_EVENT = re.compile(rf"\b(the|a|an|any|its|their)\s++(?:(?:{vocab.any_side('demonym')}|new|major|possible|summer|"
                         r"winter|spring|autumn)\s++)?(?=(?:capture|seizure|fall|loss|liberation|encirclement|offensive|assault|battle|"
                         r"attack|strike|breakthrough|advance|incursion|counteroffensive|counter-offensive)s?\b)",
                         re.IGNORECASE)
"""An event named as a noun ("the capture of X"), which a sentence may suppose rather than report."""
WOULD = re.compile(r"\b(?:would|could|might|will|(?:is|was|are|were|seems?|seemed|remains?|looks?|looked)\s++"
                   r"(?:\w++\s++)?(?:unlikely|likely|possible|impossible|imminent|inevitable))\b", re.IGNORECASE)
"""A modal or a likelihood after an event named as a noun ("the capture of X would ...", "a breakthrough was
unlikely"): searched in the stretch up to the next comma or stop (`_supposed`)."""
STRETCH = re.compile(r"[^.;,]{0,80}")
NEGATED = re.compile(r"\b(?:(?:not|never|n['’]t|nor|neither)(?!\s++(?:only|just|least|longer|far)\b)(?:\s++(?:yet|been|be|being|"
                     r"have|has|had|fully|completely|really|actually|even|successfully|entirely|officially|once|ever|"
                     r"managed\s++to|able\s++to|to)\b)*+|no(?!\s++(?:longer|fewer|less|more|doubt)\b)(?:\s++[\w-]++){0,2}?|"
                     r"without)\s*+$", re.IGNORECASE)
"""A negation just before a trigger: the event did not happen ("No fighting was reported", "has not captured");
said by a warring side of a gain, it refutes the other side's claim."""
QUESTION = re.compile(r"\?\s*+[\"”’]?\s*+$")
"""A question asks; it reports nothing."""
UNDER_FIRE = re.compile(r"(?:came|come|comes|coming) under\b", re.IGNORECASE)
"""A trigger whose subject is the target ("came under fire"), so the side that acts is not the subject's."""
ENCIRCLED = re.compile(r"surrounded|encircled|encirclement", re.IGNORECASE)
OUSTED = re.compile(r"\b(?:was|were|been|being|got)\s+(?:\w+\s+)?(?:pushed|forced|knocked|kicked|driven|thrown|expelled|"
                    r"ousted|dislodged)\b", re.IGNORECASE)
"""A passive ouster: the side named before it lost the place."""
TAKEN_FROM = re.compile(r"[^.;,]{0,60}?\bfrom\s+(?:the\s+)?", re.IGNORECASE)
"""After a capture word, "from the Ukrainian forces": the side that lost it follows."""
HOLDING = re.compile(r"\b(?:remains?|continues?)\b", re.IGNORECASE)
"""A control trigger that says a side still holds a place, not that one took it."""


def _denied_actor(reading: Reading, trigger: re.Match[str], holding: bool) -> str | None:
    """Whose capture a denial rejects: "X remains under Ukrainian control" and "our units hold X" reject the
    other side's; "denied Russian claims that X had fallen" names it; else it is the denier's enemy's. Never
    the denier's own."""
    sentence = reading.sentence
    own = reading.claimant.side if reading.claimant else None
    named = (_side_at(sentence, 0, trigger.start(), before=True) or
             _side_at(sentence, trigger.end(), len(sentence), before=False))
    if holding:
        return OPPOSITE.get(named or own or "")
    if named in OPPOSITE and named != own:
        return named
    return OPPOSITE.get(own or "")


def _role_side(reading: Reading, trigger: re.Match[str]) -> str | None:
    """The side of the trigger's agent in the parse: named in the agent's phrase ("Moscow's troops"), the
    claimant's for "it"/"its forces" in a claim, or the side acting before for bare "troops", "forces"."""
    for agent in syntax.agents(reading.parsed, trigger.start(), trigger.end()):
        words = syntax.phrase(agent)
        side = _side_at(words, 0, len(words), before=False)
        if side:
            return side
        lower = agent.text.lower()
        if lower in PRONOUNS or (agent.i > 0 and agent.doc[agent.left_edge.i].lower_ in PRONOUNS):
            claimant_side = reading.claimant.side if reading.claimant else None
            return claimant_side if claimant_side in OPPOSITE else reading.last_actor
        if lower in FORCE_NOUNS:
            return reading.last_actor
    return None


CLAUSE_BREAK = re.compile(r";\s+|,\s+while\s+|(?<!\s)\s+while\s+also\s+|,\s+whereas\s+|,\s+and\s+(?=(?:"
                          rf"{vocab.any_side('demonym', 'country', 'seat')}|the|its|their)\b)", re.IGNORECASE)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Stretches of a sentence that can report an event each: "X hit Kyiv, while Y hit Dnipro"."""
    bounds, start = [], 0
    for m in CLAUSE_BREAK.finditer(sentence):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return [(lo, hi) for lo, hi in bounds if hi > lo]


@dataclass
class Reading:
    """What is known about one sentence when its clauses are read for events."""

    sentence: str
    offset: int
    claimant: claims.Claimant | None
    certainty: str
    goes_on: bool
    """It goes on telling the report before it: its undated events happened when that report's did."""
    times: list[timex.TimeSpan]
    last_times: list[timex.TimeSpan]
    countries: list[dict[str, Any]] = field(default_factory=list)
    parsed: Any = None
    """The spaCy parse of the sentence, where it was parsed."""
    last_actor: str | None = None
    """The side that acted in the last event told, for "the troops" with no side named."""
    recent: dict[str, str] | None = None
    """In the lede of a dated article: the day before publication to publication, for the present perfect."""


LAND_MEASURE = re.compile(r"(?:\d\s*%|\bper ?cent\b|\b(?:a|one) (?:fifth|quarter|third)\b|\bhalf\b|\bsquare (?:kilomet|mile)|"
                          r"\bsq\.? ?(?:km|mi)\b|\bkm2|\bkm²|\bhectares\b)", re.IGNORECASE)


def _lands(reading: Reading, lo: int, hi: int) -> list[dict[str, Any]]:
    """The countries a clause names as land when it measures ground gained there and names no front place:
    "450 square kilometres of Ukrainian territory", "a fifth of Ukraine's territory". Unmeasured ("continues to
    push deeper into Ukrainian territory") it is commentary, not a claim about ground."""
    if not LAND_MEASURE.search(reading.sentence, lo, hi):
        return []
    return [p for p in reading.countries if any(
        lo <= s - reading.offset < hi and is_land(reading.sentence, s - reading.offset, e - reading.offset)
        for s, e in p["mentions"])]


def _supposed(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """A modal or likelihood in the stretch after `start` up to the next comma or stop, at most 80 characters."""
    stretch = STRETCH.match(sentence, start, end)
    return WOULD.search(sentence, start, stretch.end()) if stretch else None


def _clause_events(reading: Reading, lo: int, hi: int, here: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events one clause reports."""
    sentence, offset, times, last_times = reading.sentence, reading.offset, reading.times, reading.last_times
    claimant, certainty = reading.claimant, reading.certainty
    out = []
    attempt = triggers()["attempt"].search(sentence, lo, hi)
    first_place = min((s for p in here for s, _e in p["mentions"] if offset + lo <= s < offset + hi),
                      default=offset + lo) - offset
    airborne = any(triggers()[k].search(sentence, lo, hi) for k in ("strike", "sabotage"))
    for kind in vocab.types():
        found = list(triggers()[kind].finditer(sentence, lo, hi))
        if kind == "ground_fighting" and airborne:  # "attacks on railways", "attacks ... with strikes": not ground
            found = [t for t in found if not GENERIC_ATTACK.fullmatch(t.group(0))]
        if not found:
            continue
        trigger = min(found, key=lambda t: abs(t.start() - first_place))  # the one about the place
        if vocab.gains(kind) and attempt and attempt.start() < trigger.start():
            continue  # "facing difficulties trying to capture": fighting, reported as such
        if kind == "control_claim" and triggers()["not_event"].search(sentence, lo, hi):
            continue
        hedge = triggers()["hypothetical"].search(sentence, max(lo, trigger.start() - 120), trigger.start())
        if not vocab.has_actor(kind) and hedge is None:  # "talks might take place next month": no meeting yet
            hedge = PROSPECT.match(sentence, trigger.end(), min(hi, trigger.end() + 80))
        named = NAMED_EVENT.search(sentence, max(lo, trigger.start() - 30), trigger.end())
        if hedge is None and named is not None and named.end() == trigger.start():  # "any attack on Crimea", "the
            hedge = named if named.group(1).lower() == "any" else _supposed(sentence, trigger.end(), hi)  # capture
            # of X would give Moscow ...": an event supposed, not reported
        if hedge and certainty != "denied":
            continue
        negated = NEGATED.search(sentence, max(lo, trigger.start() - 40), trigger.start())
        refuted = bool(negated) and vocab.gains(kind) and claimant is not None and claimant.side in OPPOSITE
        if (negated and not refuted) or QUESTION.search(sentence, lo, hi):
            continue  # "No fighting was reported", "Russia has not captured a city since": nothing happened
        if kind == "strike" and triggers()["background"].search(sentence):
            continue
        # a strike or sabotage at a country's power grid happens in that country; ground events need a front place
        event_places = here or (reading.countries if vocab.unnamed_actor(kind) == "place" else
                                _lands(reading, lo, hi) if vocab.gains(kind) else [])
        if vocab.needs_place(kind):  # battlefield events happen in the theater, not where talks were held
            event_places = [p for p in event_places if p.get("country") in THEATER_COUNTRIES]
            if not event_places:
                continue
        date = _date_of(reading, trigger, found) or (
            last_times[-1].as_dict() if last_times and (reading.goes_on or SAME_TIME.search(sentence)) and not times
            else None)
        if date is None and reading.recent is not None and (PRESENT_PERFECT.search(sentence, lo, hi)
                                                            or PAST_PERFECT.search(sentence, lo, hi)):
            date = reading.recent  # a lede's "have been injured", "said it had entered": the days the report is about
        groups = [event_places]
        settlements = [p for p in event_places if p["kind"] == "settlement"]
        if kind == "control_claim" and len(settlements) > 1:  # "captured A, B and C": one claim per place
            wider = [p for p in event_places if p["kind"] != "settlement"]
            groups = [[s, *wider] for s in _listed(settlements, sentence, offset, trigger)]
        holding = kind == "control_claim" and bool(HOLDING.search(trigger.group(0)))
        denied = holding or refuted or (vocab.gains(kind) and bool(triggers()["denial"].search(sentence, lo, hi)))
        for group in groups:
            actor = _denied_actor(reading, trigger, holding) if denied else _actor(kind, reading, trigger, group)
            told = [(actor, date)] + ([] if denied else [
                (agent, _date_of(reading, other, found)) for other, agent in _retaken(reading, trigger, found, actor)])
            out.extend({
                "type": kind,
                "actor": side,
                "places": [_place_record(p) for p in group],
                "date": when,
                "claimant": claimant.name if claimant else None,
                "claimant_side": claimant.side if claimant else None,
                "certainty": "denied" if denied else certainty,
                "evidence": sentence,
                "start": offset,
                "end": offset + len(sentence),
            } for side, when in told)
    return out


def _retaken(reading: Reading, trigger: re.Match[str], found: list[re.Match[str]], actor: str | None
             ) -> list[tuple[re.Match[str], str]]:
    """"X was seized by Russian troops in 2022 and recaptured by Ukrainian troops": another passive of the same
    kind whose agent is the other side tells that side's own event, in the same clause."""
    out = []
    for other in found:
        if other is not trigger and actor in OPPOSITE and (m := BY_AGENT.match(reading.sentence, other.end())):
            agent = _side_at(reading.sentence, m.end(), min(len(reading.sentence), m.end() + 40), before=False)
            if agent == OPPOSITE[actor]:
                out.append((other, agent))
    return out


def _date_of(reading: Reading, trigger: re.Match[str], others: list[re.Match[str]] = ()) -> dict[str, str | None] | None:
    """The date a trigger's own times give it, or none. Where the clause tells several of its kind ("seized in
    the war's early days and recaptured in September 2022"), a time between a trigger and the next is that
    trigger's."""
    own = _own_times(reading.sentence, trigger, reading.times)
    after = min((o.start() for o in others if o.start() > trigger.start()), default=len(reading.sentence))
    between = [t for t in own if trigger.end() <= t.offset < after] if len(others) > 1 else []
    return min(between or own, key=lambda t: abs(t.offset - trigger.start())).as_dict() if own else None


LIST_GAP = re.compile(r"(?<!\s)(?:,|,?\s+and|,?\s+as well as|,?\s+or)?\s+(?:the\s+)?(?:(?:villages?|settlements?|towns?|"
                      r"hamlets?)\s+of\s+)?$|^\s*,\s*$", re.IGNORECASE)


def _listed(settlements: list[dict[str, Any]], sentence: str, offset: int, trigger: re.Match[str]
            ) -> list[dict[str, Any]]:
    """The settlements a capture names as its list ("captured A, B and C"), not those of a later clause
    ("captured A and are pressing toward B"): the first after the trigger and those joined to it by commas
    and "and"; all of them where none follows the trigger."""
    def first(p: dict[str, Any]) -> int:
        return min(s - offset for s, _e in p["mentions"] if offset <= s < offset + len(sentence))
    ordered = sorted(settlements, key=first)
    after = [p for p in ordered if first(p) >= trigger.end()]
    if not after:
        return settlements
    listed = [after[0]]
    for place in after[1:]:
        previous = listed[-1]
        end = max(e - offset for s, e in previous["mentions"] if offset <= s < offset + len(sentence))
        if not LIST_GAP.fullmatch(sentence[end:first(place)]):
            break
        listed.append(place)
    return listed


def _registered(event: dict[str, Any]) -> bool:
    """Whether an event's claimant is one the claimants table knows, not a description from the text."""
    return event["claimant"] is not None and is_registered(Claimant(event["claimant"], event["claimant_side"]))


def _told_before(event: dict[str, Any], seen: dict[str, list[dict[str, Any]]], start: int) -> dict[str, Any] | None:
    """An earlier event of the same type at all of this one's places, or, told by the headline or the same source,
    at all of its own (the headline's "took Chasiv Yar", the story's "captured Chasiv Yar in the Donetsk region");
    placeless, in the same sentence; and not one denying the other."""
    names = {p["name"] for p in event["places"]}
    for earlier in seen.get(event["type"], []):
        if (earlier["certainty"] == "denied") != (event["certainty"] == "denied"):
            continue  # a denial is a claim of its own, kept beside the claim it rejects
        if {earlier["actor"], event["actor"]} == set(OPPOSITE):
            continue  # taken by one side, retaken by the other
        told = {p["name"] for p in earlier["places"]}
        retold = earlier["start"] == 0 or None in (earlier["claimant"], event["claimant"]) \
            or earlier["claimant"] == event["claimant"]  # the headline, or the same source again
        if (names and (names <= told or (retold and told and told <= names))) or (not names and earlier["start"] == start):
            return earlier
    return None


PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:already\s+|now\s+|just\s+|reportedly\s+)?(?:been\s+)?"
                             r"[a-z]+(?:ed|en|wn|ck|ught|ung|ot)\b", re.IGNORECASE)
PAST_PERFECT = re.compile(rf"\b{claims.SAY}\s++(?:that\s++)?[^.;]{{0,60}}\bhad\s+(?:been\s+)?[a-z]+(?:ed|en|wn|ck|ught|ung|ot)\b",
                          re.IGNORECASE)
"""Reported speech in the past perfect ("claimed that its troops had entered"): told as the day's news."""
DATELINE = re.compile(r"(?<!\s)\s*(?:\(|-|–|—|/|\.\s*/)")
OPENING_SAY = re.compile(rf"(?<!\s),?+\s++(?:[\w'’.-]++\s++){{1,5}}?(?:{claims.SAY}|blamed|accused)\b", re.IGNORECASE)
"""After a time that opens a sentence: its subject and a verb of saying, which the time dates."""
SAME_TIME = re.compile(r"\b(?:the same|that) (?:night|day|morning|evening|afternoon)\b", re.IGNORECASE)
""""In a separate incident the same night": the time of the sentence before."""
REPORTED_ON = re.compile(rf"\b{claims.SAY}\s+(?:on\s+|late\s+|early\s+|this\s+)?$", re.IGNORECASE)
def _wider_claim(event: dict[str, Any], seen: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """An earlier attributed event of the same type placed only at the oblast this event's settlement is in."""
    if not event["places"] or event["places"][0]["kind"] != "settlement":
        return None
    admin1 = event["places"][0]["admin1"]
    for earlier in seen.get(event["type"], []):
        kinds = {p["kind"] for p in earlier["places"]}
        if earlier["claimant"] and "settlement" not in kinds and any(p["admin1"] == admin1 for p in earlier["places"]):
            return earlier
    return None


RELATIVE = re.compile(r",\s+(?:which|who|whose|where|after being|having been|marking|making|becoming|bringing)\b",
                      re.IGNORECASE)


def _own_times(sentence: str, trigger: re.Match[str], times: list[timex.TimeSpan]) -> list[timex.TimeSpan]:
    """The times of the trigger's clause: a relative clause after it tells of another time ("entered Kupiansk,
    which was occupied in February 2022")."""
    aside = RELATIVE.search(sentence, trigger.end())
    own = [t for t in times if aside is None or t.offset < aside.start()]
    happened = [t for t in own if not _reporting_time(sentence, t) and not timex.background(sentence, t)]
    return happened or own  # "captured X on July 31, ISW said on Friday": the capture's day, not the report's


def _reporting_time(sentence: str, time: timex.TimeSpan) -> bool:
    """A time that dates the report, not the event: "said on Friday", "announced Thursday", a dateline."""
    if time.offset < 30 and DATELINE.match(sentence[time.offset + len(time.text):]):
        return True
    if time.offset < 4 and OPENING_SAY.match(sentence, time.offset + len(time.text)):
        return True  # "On June 1, Russia blamed Ukraine for the derailment": the day of the blaming
    return bool(REPORTED_ON.search(sentence, max(0, time.offset - 25), time.offset))


def _sentence_places(places: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    """The places mentioned in [start, end), most specific first (settlements, districts, divisions)."""
    order = {"settlement": 0, "region": 1, "admin1": 2, "country": 3}
    inside = [(p, min(s for s, e in p["mentions"] if start <= s < end)) for p in places
              if any(start <= s < end for s, e in p["mentions"])]
    inside.sort(key=lambda pair: (order.get(pair[0]["kind"], 4), pair[1]))
    return [p for p, _ in inside]


def _place_record(place: dict[str, Any]) -> dict[str, Any]:
    return {k: place[k] for k in ("name", "geonameid", "lat", "lon", "admin1", "country", "kind", "precision")}


BACKGROUND_DAYS = 30
"""How long before its report a time is background rather than the news a report goes on telling."""
YEAR = re.compile(timex.YEAR)


@dataclass
class Said:
    """What one sentence of an article says, read once by the events stage and again by the quantities stage:
    who says it, the times and places it names."""

    start: int
    end: int
    attribution: claims.Attribution
    """The sentence's own attribution."""
    claimant: claims.Claimant | None
    """Who the sentence's claims are taken from: its own attribution, the report it goes on telling, or the
    outlet an article retells."""
    times: list[timex.TimeSpan]
    places: list[dict[str, Any]]


class ArticleReader:
    """The reading of one article, a sentence at a time: what the article says as a whole (who it retells, whose
    data its figures are, whether it disclaims), and what a reader carries from one sentence to the next (the
    last claimant, times, places and acting side, the lede's dates, the events told so far)."""

    def __init__(self, doc: Document, parser: str | None) -> None:
        self.text = text = doc.text
        self.places = doc.analysis.get("places", [])
        self.published = doc.published
        self.disclaimed = claims.disclaims(text)
        self.reference = None if doc.published else timex.latest_stated(text)
        self.year_hint = doc.hints.get("published_range") or (
            None if doc.published or self.reference else timex.only_year(text))
        self.source = claims.retold_source(text) or _lede_source(text)
        self.spans = sentences(text)
        self.lede_end = _lede_end(text, self.spans)
        self.recent = timex.recent_days(doc.published)
        self.parsed = _parse_candidates(text, self.spans, parser, self.places)
        self.events: list[dict[str, Any]] = []
        self.said: list[Said] = []
        self.seen: dict[str, list[dict[str, Any]]] = {}
        """The events kept so far, by type, for a later telling to join."""
        self.previous: claims.Claimant | None = None
        """The last claimant named, for "he said"."""
        self.carried: tuple[claims.Claimant, str] | None = None
        """The last sentence's claimant and certainty, which a report that goes on keeps."""
        self.story = False
        """Whether the last sentence told a report, its own or the one it went on telling."""
        self.last_times: list[timex.TimeSpan] = []
        self.last_places: list[dict[str, Any]] = []
        self.last_actor: str | None = None
        self.prev_start = -1
        self.lede_dates: dict[str, dict[str, str | None]] = {}
        self.lede_time: timex.TimeSpan | None = None
        """The first date the lede gives (a dateline's, "today"): the day its undated events are reported for."""
        self.unattributed: set[int] = set()
        """Starts of the sentences told without attribution since the last one with."""
        self.told_at: dict[int, list[dict[str, Any]]] = {}
        """The events each sentence tells, also those told before and kept in their first telling."""

    def read(self) -> ArticleReader:
        for index, span in enumerate(self.spans):
            self._sentence(index, span)
        return self

    def _sentence(self, index: int, span: Any) -> None:
        sentence = self.text[span.start:span.end]
        times = timex.find(sentence, self.published, self.year_hint, self.reference)
        attribution, claimant, certainty, goes_on = self._attribution(index, sentence, span.start, times)
        in_lede = index < self.lede_end
        if self.lede_time is None and in_lede:
            self.lede_time = next((t for t in times if t.start == t.end), None)  # a dateline's, "today", "on Friday"
        here, countries = self._places_of(sentence, span)
        for lo, hi in clauses(sentence):
            clause_places = [p for p in here if any(span.start + lo <= s < span.start + hi for s, _e in p["mentions"])]
            if not clause_places and not any(span.start <= s < span.start + lo or span.start + hi <= s < span.end
                                             for p in here for s, _e in p["mentions"]):
                clause_places = here  # "the village" or no place named: the sentence's places
            reading = Reading(sentence, span.start, claimant, certainty, goes_on, times, self.last_times, countries,
                              self.parsed.get(index), self.last_actor, self.recent if in_lede else None)
            for event in _clause_events(reading, lo, hi, clause_places):
                self._keep(event, span.start, in_lede)
        if span.start not in self.told_at and claimant is not None and triggers()["denial"].search(sentence):
            for denied in self._denied_before(claimant, sentence, span.start):
                self._keep(denied, span.start, in_lede)
        self.said.append(Said(span.start, span.end, attribution, claimant, times, here))
        if here:
            self.last_places = here
        self.last_times = times if times or not goes_on else self.last_times  # the report's times, told on
        self.prev_start = span.start

    def _denied_before(self, denier: claims.Claimant, sentence: str, start: int) -> list[dict[str, Any]]:
        """"Russia said it had captured X. Ukraine's General Staff denied the claim.": a denial with no event of
        its own rejects the gains the sentence before claimed for the other side, each kept as a denied claim."""
        if denier.side not in OPPOSITE:
            return []
        return [event | {"claimant": denier.name, "claimant_side": denier.side, "certainty": "denied",
                         "evidence": sentence, "start": start, "end": start + len(sentence)}
                for event in self.told_at.get(self.prev_start, [])
                if vocab.gains(event["type"]) and event["actor"] == OPPOSITE[denier.side]
                and event["certainty"] != "denied"]

    def _attribution(self, index: int, sentence: str, start: int, times: list[timex.TimeSpan]
                     ) -> tuple[claims.Attribution, claims.Claimant | None, str, bool]:
        """The sentence's attribution, who its claims are taken from and how sure, and whether it goes on telling
        the report before it (so its undated events keep that report's day). The claimant is carried into the
        next sentence only; the story goes on until a sentence names its own speaker or a quote. Neither goes
        into a sentence about times long before the report, which is the narrator's background ("the town was
        seized in 2022")."""
        attribution = claims.attribute(sentence, self.previous, self.parsed.get(index))
        claimant, certainty = attribution.claimant, attribution.certainty
        carried = self.carried
        own = claimant is None and not QUOTE.search(sentence) and not self._long_before(times)
        inherited = own and carried is not None
        if inherited:
            claimant, certainty = carried  # a report goes on in the next sentence without saying who again
        elif carried is not None and claimant == carried[0]:
            inherited = True  # "It also said ...": the same report, on the day it was dated
        goes_on = inherited or (own and self.story)
        self.story = attribution.claimant is not None or goes_on
        self.carried = (attribution.claimant, attribution.certainty) if attribution.claimant is not None else None
        if claims.IF_CONFIRMED.match(sentence.strip()) and self.events and self.events[-1]["start"] == self.prev_start:
            self.events[-1]["certainty"] = "unconfirmed"  # "If confirmed, ..." qualifies the claim before it
        if attribution.claimant is not None:
            self.previous = attribution.claimant
        if attribution.backwards:  # "Syniehubov announced this": the events told since the last attribution are his
            for event in (e for told in self.unattributed for e in self.told_at.get(told, [])):
                if event["claimant"] is None or (self.source is not None and event["claimant"] == self.source.name):
                    event["claimant"], event["claimant_side"] = claimant.name, claimant.side
                    event["certainty"] = "claimed"
        self.unattributed = set() if attribution.claimant is not None else {*self.unattributed, start}
        if claimant is None and self.source is not None and certainty == "asserted":
            claimant, certainty = self.source, "reported"  # an article retelling another outlet's report
        if certainty == "claimed" and claimant is not None and claimant.side in OPPOSITE \
                and self.disclaimed in ("any", claimant.side):
            certainty = "unconfirmed"  # a warring side's claim the article says it could not verify
        return attribution, claimant, certainty, goes_on

    def _long_before(self, times: list[timex.TimeSpan]) -> bool:
        """Whether a sentence names only times with their year ("in February 2022") that ended a month or more
        before the report; "the fastest pace since November last year" compares, it tells no background."""
        if not self.published or not times or not all(YEAR.search(t.text) for t in times):
            return False
        cutoff = (dt.date.fromisoformat(self.published[:10]) - dt.timedelta(days=BACKGROUND_DAYS)).isoformat()
        return all((t.end or t.start) < cutoff for t in times)

    def _places_of(self, sentence: str, span: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The places a sentence's events may be at, and the countries it names."""
        dateline = DATELINE_HEAD.match(sentence)  # "MARIUPOL, Oct 7 (Wire) -": where it was filed, a place of
        body = span.start + (dateline.end() if dateline else 0)  # the story only when the story names no other
        here = [p for p in _sentence_places(self.places, body, span.end) if p["kind"] != "country"] or \
            [p for p in _sentence_places(self.places, span.start, body) if p["kind"] != "country"]
        if not here and ANAPHOR.search(sentence):
            here = self.last_places[:1]  # "the village": the settlement named just before
        countries = [p for p in _sentence_places(self.places, span.start, span.end) if p["kind"] == "country"]
        return here, countries

    def _keep(self, event: dict[str, Any], start: int, in_lede: bool) -> None:
        """Keep an event, or complete the earlier telling it repeats."""
        if event["actor"] in OPPOSITE and vocab.unnamed_actor(event["type"]) != "place":
            self.last_actor = event["actor"]
        earlier = _told_before(event, self.seen, start)
        self.told_at.setdefault(start, []).append(earlier or event)
        if earlier is not None:  # told again: keep the first telling, completed by what the later one adds
            earlier["date"] = earlier["date"] or event["date"]
            if len(event["places"]) > len(earlier["places"]):
                earlier["places"] = event["places"]  # "in the Donetsk region": the later telling places it better
            if event["claimant"] is not None and (earlier["claimant"] is None or (
                    _registered(event) and not _registered(earlier))):  # "Analysts say" in the headline, ISW named
                earlier["claimant"], earlier["claimant_side"] = event["claimant"], event["claimant_side"]  # in the story
            return
        if event["claimant"] is None and (wider := _wider_claim(event, self.seen)) is not None:
            # "state media claimed forces took their first village in the region ... the reported seizure
            # of Dachne": the village names the claim made before about its region
            event["claimant"], event["claimant_side"] = wider["claimant"], wider["claimant_side"]
            event["certainty"] = wider["certainty"]
        if event["date"] is None and event["type"] in self.lede_dates:
            event["date"] = self.lede_dates[event["type"]]  # the story the lede dated goes on being told
        elif event["date"] is None and (before := [e for e in self.told_at.get(self.prev_start, [])
                                                   if e["type"] == event["type"] and e["date"]]):
            event["date"] = before[-1]["date"]  # "The attacks also targeted Kyiv": the sentence before's strikes
        elif event["date"] is None and in_lede and self.lede_time is not None:
            event["date"] = self.lede_time.as_dict()  # "ISTANBUL, May 16. The sides agreed ...": the day reported
        self.seen.setdefault(event["type"], []).append(event)
        self.events.append(event)
        if in_lede and event["date"] is not None:
            self.lede_dates.setdefault(event["type"], event["date"])


def figures(doc: Document, said: list[Said]) -> list[dict[str, Any]]:
    """The QUANTITY records of an article (spec/EXTRACTION.md), each with who counted it and for what period."""
    text = doc.text
    measured_by = claims.counter(text)
    found = []
    for told in said:
        sentence = text[told.start:told.end]
        for q in quantities.find(sentence):
            tail = ASIDE.match(sentence, q.end)  # "478 square kilometres (184 square miles) throughout October"
            reach = (tail.end() if tail else q.end) + 30
            after = [t for t in told.times if q.end - 5 <= t.offset <= reach]
            period = after[0] if after else (told.times[0] if len(told.times) == 1 else None)
            who = _counted_by(q, sentence, told.attribution, told.claimant, measured_by)
            found.append({
                "measure": q.measure, "value": q.value, "value_max": q.value_max, "unit": q.unit,
                "period": period.as_dict() if period else None,
                "actor": _side_at(sentence, 0, len(sentence), before=False) if q.measure not in ("prisoners",) else None,
                "places": [_place_record(p) for p in told.places[:2]],
                "claimant": who.name if who else None,
                "evidence": sentence[max(0, q.start - 40):q.end + 40].strip(),
                "start": told.start + q.start, "end": told.start + q.end,
            })
    return found


LEDE_SENTENCES = 3
COUNTED = ("area_gained", "settlements_captured", "advance_distance", "advance_rate")
"""Measures a monitor counts from its maps: the article's named data source counts them when no one else is named."""


def _counted_by(q: quantities.Found, sentence: str, attribution: claims.Attribution,
                claimant: claims.Claimant | None, measured_by: claims.Claimant | None) -> claims.Claimant | None:
    """Who counted a figure: the attribution nearest it where its sentence names several, the sentence's own
    attribution, the data source the article names for the measures monitors count, else who the sentence's
    claim carries on from."""
    if (nearest := claims.figure_source(sentence, q.end)) is not None:
        return nearest
    if q.measure in COUNTED and (own := claims.counter(sentence)) is not None:
        return own  # "AFP calculated, using ISW data": ISW counted, AFP relays
    relayed = attribution.claimant is not None and claims.is_media(attribution.claimant)
    if (attribution.claimant is None or relayed) and measured_by is not None and q.measure in COUNTED:
        return measured_by
    return claimant


def _lede_end(text: str, spans: tuple[Any, ...]) -> int:
    """The index of the first sentence after the lede: the headline and the first sentences of the story, not
    counting the short ones a dateline or a byline makes ("ISTANBUL, May 16.", "/TASS/.")."""
    full = 0
    for index, span in enumerate(spans):
        full += len(text[span.start:span.end].split()) >= 5
        if full == LEDE_SENTENCES + 1:
            return index
    return len(spans)


def _parse_candidates(text: str, spans: tuple[Any, ...], parser: str | None, places: list[dict[str, Any]]
                      ) -> dict[int, Any]:
    """Parses of the sentences whose words may report an event with an actor, by sentence index, in one batch:
    such an event needs a place, so a sentence naming none (nor "the village" before) needs no parse."""
    if parser is None:
        return {}
    starts = sorted(s for p in places for s, _e in p["mentions"])
    patterns = [triggers()[kind] for kind in vocab.types() if vocab.has_actor(kind)]
    wanted = [i for i, span in enumerate(spans)
              if (_names_place(starts, span.start, span.end) or ANAPHOR.search(text, span.start, span.end))
              and any(p.search(text, span.start, span.end) for p in patterns)]
    docs = syntax.parse([text[spans[i].start:spans[i].end] for i in wanted], parser)
    return dict(zip(wanted, docs, strict=True))


def _names_place(starts: list[int], start: int, end: int) -> bool:
    """Whether a place mention starts in [start, end), by bisection over the sorted mention starts."""
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _lede_source(text: str) -> claims.Claimant | None:
    """An analysis the article summarizes ("The Institute for the Study of War reported that..." in its first
    sentences): its unattributed sentences go on telling that analysis."""
    for span in sentences(text)[:LEDE_SENTENCES]:
        found = claims.attribute(text[span.start:span.end]).claimant
        if found is not None and found.side == "independent" and claims.is_registered(found):
            return found
    return None


def measure_slant(text: str) -> dict[str, Any]:
    """Loaded words of each side in the narrator's voice (quotations left out): label, score and markers.

    The score runs from -1 (all pro-Russian markers) to 1 (all pro-Ukrainian)."""
    quoted = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
    weight = {"RU": 0, "UA": 0}
    markers = []
    for side, points, pattern, acting in slant():
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in quoted):
                continue
            if acting and _side_at(text, max(0, text.rfind(".", 0, m.start()) + 1), m.start(), before=True) \
                    not in (None, side):
                continue  # "Ukrainian forces liberated the town": the other side's word for its own gain
            weight[side] += points
            markers.append({"text": m.group(0), "start": m.start(), "end": m.end(), "side": side})
    total = weight["RU"] + weight["UA"]
    score = (weight["UA"] - weight["RU"]) / (total + 4) if total else 0.0
    label = "pro_ukraine" if score >= 0.35 else "pro_russia" if score <= -0.35 else "neutral"
    return {"label": label, "score": round(score, 2), "markers": sorted(markers, key=lambda m: m["start"])}


READ = "events:said"
"""The hint the events stage leaves for the quantities stage: the article's sentences as read (`Said`)."""


@registry.stages.register("events")
def events_stage(doc: Document, options: Options) -> None:
    """Set doc.analysis["events"]; the spaCy model `options.parser` parses the sentences with event words (None:
    side words alone decide who acts)."""
    reader = ArticleReader(doc, options.parser).read()
    doc.analysis["events"] = reader.events
    doc.hints[READ] = reader.said


@registry.stages.register("quantities")
def quantities_stage(doc: Document, options: Options) -> None:
    """Set doc.analysis["quantities"], from the sentences as the events stage read them (read here without a
    parse when that stage did not run)."""
    said = doc.hints.pop(READ, None)
    if said is None:
        said = ArticleReader(doc, None).read().said
    doc.analysis["quantities"] = figures(doc, said)


@registry.stages.register("slant")
def slant_stage(doc: Document, options: Options) -> None:
    """Set doc.analysis["slant"]: the narrator's loaded words."""
    doc.analysis["slant"] = measure_slant(doc.text)
