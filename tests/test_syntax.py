"""Clause roles from the dependency parse: the agents of an event word and the phrases that name them."""

import pytest

from sitrep import syntax
from sitrep.options import DEFAULT_MODEL


def agent_phrases(sentence: str, trigger: str) -> list[str]:
    [doc] = syntax.parse([sentence])
    start = sentence.index(trigger)
    return [syntax.phrase(t) for t in syntax.agents(doc, start, start + len(trigger))]


@pytest.mark.parametrize(("sentence", "trigger", "agent"), [
    ("Russian troops captured the village.", "captured", "Russian troops"),
    ("The town was shelled by Ukrainian artillery overnight.", "shelled", "Ukrainian artillery"),
    ("Kyiv's attacks on the border region went on.", "attacks", "Kyiv's"),
    ("Moscow's forces pushed west, capturing two hamlets.", "capturing", "Moscow's forces"),
    ("Russian units continue to advance on the town.", "advance", "Russian units"),
])
def test_the_agent_of_an_event_word(sentence: str, trigger: str, agent: str):
    assert agent_phrases(sentence, trigger)[0] == agent


def test_a_passive_subject_is_no_agent():
    assert "Kharkiv" not in agent_phrases("Kharkiv was struck by missiles.", "struck")


def test_a_phrase_leaves_out_asides_and_lists():
    [doc] = syntax.parse(["DeepStateMap, a monitoring project, and two bloggers said it fell."])
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert syntax.phrase(subject) == "DeepStateMap"


def test_only_sentences_with_event_words_and_a_place_are_parsed():
    from sitrep.events import _parse_candidates
    from sitrep.segment import sentences

    text = ("The weather was mild. Russian troops captured the village. Talks resumed on Monday. Russian troops "
            "attacked. Drones hit Sumy.")
    sumy = {"mentions": [[text.index("Sumy"), text.index("Sumy") + 4]]}
    parsed = _parse_candidates(text, sentences(text), DEFAULT_MODEL, [sumy])
    assert list(parsed) == [1, 4]  # "the village" refers back to a place; "attacked" alone has none
