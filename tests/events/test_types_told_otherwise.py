"""Event types told in other words than the usual ones, on passages written for these tests: a build-up as troops
concentrated, a strike as drones that targeted a city or through its toll, sabotage as a verb, an exchange as
soldiers released; and what only sounds like one: sabotage groups at work are fighting, talks that might happen
are no meeting."""

from __future__ import annotations

import pytest

from tests.conftest import analyze_text


def kinds(text: str) -> list[tuple[str, str | None]]:
    record = analyze_text(f"published: 2025-07-03\n\n{text}\n").record()
    return [(e["type"], e["actor"]) for e in record["events"]]


@pytest.mark.parametrize("text, expected", [
    ("Some 50,000 Russian troops have concentrated near the Sumy region, Ukraine's army said on Monday.",
     [("buildup", "RU")]),
    ("Over 300 Ukrainian drones targeted Moscow overnight, the city's mayor said on Tuesday.", [("strike", "UA")]),
    ("A Russian missile hit a residential building in Dnipro on Saturday, killing 12 people, officials said.",
     [("strike", "RU")]),
    ("The partisan group sabotaged a railway line in the Bryansk region on Monday, the group said.",
     [("sabotage", "UA")]),
    ("On Monday, 116 Ukrainian soldiers had been released from captivity, Ukraine's presidential office said.",
     [("prisoner_exchange", None)]),
    ("Russian sabotage groups are active in the Sumy region, the Ukrainian border guard service said on Monday.",
     [("ground_fighting", "RU")]),
    ("In the Donetsk region, prosecutors said a Russian attack killed two people in Kostiantynivka on Sunday.",
     [("strike", "RU")]),
    ("Ukrainian gunners fire a self-propelled howitzer toward Russian positions near Bakhmut.", [("strike", "UA")]),
    ("Officials in the Ukrainian capital said it came under attack from more than a dozen Russian drones.",
     [("strike", "RU")]),
    ("Local media said the Novokuibyshevsk refinery had been hit by Ukrainian drones for the third time.",
     [("strike", "UA")]),
    ("Moscow's missile attacks have crippled Ukraine's energy grid, officials said on Monday.", [("strike", "RU")]),
    ("Columns of Russian troops were moving west of Novovasylivka toward Solone on Monday, a blogger said.",
     [("advance", "RU")]),
    ("The Russian army shelled positions near Novotroitske and forced Ukrainian units to pull back, a blogger said.",
     [("advance", "RU"), ("strike", "RU")]),
    ("Russian forces gained ground near Kupiansk, capturing over 40 square kilometres in a week, AFP said.",
     [("advance", "RU")]),
    ("Talks between Russia and Ukraine might take place in Istanbul next month, an official said.", []),
    ("Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks since 2022.",
     [("negotiation", None)]),
])
def test_types_told_in_other_words(text: str, expected: list[tuple[str, str | None]]):
    assert kinds(text) == expected
