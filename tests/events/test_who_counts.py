"""Who counted a figure, on passages written for these tests: the body whose data or maps it comes from, not the
agency that relays it; a speaker named after a description of who he is; a plural that estimates; never a place."""

from __future__ import annotations

import pytest

from tests.conftest import analyze_text


def counted(text: str) -> list[tuple[str, float, str | None]]:
    record = analyze_text(f"published: 2025-07-03\n\n{text}\n").record()
    return [(q["measure"], q["value"], q["claimant"]) for q in record["quantities"]]


@pytest.mark.parametrize("text", [
    "Russia captured 610 square kilometres in November, an AFP analysis of ISW data showed.",
    "Russian forces captured 500 square kilometres in October, AFP calculated using data from the Institute for the "
    "Study of War.",
    "According to AFP calculations based on ISW data, Russia seized 500 square kilometres in October.",
])
def test_the_monitor_whose_data_an_agency_relays_counted_the_area(text: str):
    assert [who for _m, _v, who in counted(text)] == ["Institute for the Study of War"]


@pytest.mark.parametrize("text, who", [
    ("Russian forces seized 400 square kilometres in May, the analysts estimate.", "analysts"),
    ("Russian troops took 500 square kilometres in October, analysts counted.", "analysts"),
    ("Russian troops captured 200 square kilometres in June, according to the think tank's maps.", "think tank"),
    ("Russian forces have taken 3,400 square kilometres this year, the chief of Russia's General Staff, Valery "
     "Gerasimov, said.", "Valery Gerasimov"),
])
def test_who_measured_is_the_speaker_however_the_sentence_names_him(text: str, who: str):
    assert [w for _m, _v, w in counted(text)] == [who]


def test_a_place_never_counts():
    assert counted("Ukraine's forces have liberated 1,000 square kilometres since Sept. 1, the Ukrainian city of "
                   "Kharkiv said.") == [("area_gained", 1000, None)]


def test_a_speaker_described_then_named_takes_the_side_of_the_description():
    record = analyze_text("published: 2025-07-03\n\nRussian forces captured Kalynove on Monday, the head of Russia's "
                          "military intelligence, Igor Kostyukov, said.\n").record()
    assert [(e["claimant"], e["claimant_side"]) for e in record["events"]] == [("Igor Kostyukov", "RU")]


def test_a_life_claimed_is_a_death():
    assert counted("The attack claimed the lives of two civilians in Kherson, the governor said.") == [
        ("killed", 2, "governor")]
