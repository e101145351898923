"""Denials, contrary claims and who gains ground, on passages written for these tests: a denial keeps the claim
it rejects beside it, never turns it into the denier's own capture, and the side that loses a place is told
apart from the side that takes it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import analyze_text

CLAIM = "MARIUPOL, Oct 7 (Wire Service) - Russia's Defence Ministry said on Monday its forces had captured the village of "


def control(text: str) -> list[tuple[Any, ...]]:
    record = analyze_text(f"published: 2025-10-08\n\n{text}\n").record()
    return [(e["actor"], e["claimant_side"], e["certainty"], e["places"][0]["name"])
            for e in record["events"] if e["type"] == "control_claim"]


@pytest.mark.parametrize("denial", [
    "Ukraine's General Staff denied that the village had been captured.",
    "Ukrainian officials said claims of the village's fall were not true.",
    "Kyiv rejected the claims, saying the village had not been taken.",
])
def test_a_denial_is_kept_beside_the_capture_it_rejects(denial: str):
    found = control(CLAIM + "Kalynivka in the Donetsk region. " + denial)
    assert found[0] == ("RU", "RU", "claimed", "Kalynivka")
    assert found[1:] == [("RU", "UA", "denied", "Kalynivka")]  # still Russia's capture, rejected by Ukraine


@pytest.mark.parametrize("denial", [
    "Ukraine's General Staff denied the claim.",
    "Kyiv rejected the claims as fake news.",
])
def test_a_denial_of_the_claim_before_keeps_both_claims(denial: str):
    found = control(CLAIM + "Kalynivka in the Donetsk region. " + denial)
    assert found == [("RU", "RU", "claimed", "Kalynivka"), ("RU", "UA", "denied", "Kalynivka")]
    assert control(CLAIM + "Kalynivka in the Donetsk region. Moscow denied the claim.") == [
        ("RU", "RU", "claimed", "Kalynivka")]  # a side does not deny its own gains


def test_a_headline_denial_names_the_capture_not_the_denier():
    found = control("Army denies Russian capture of Toretsk\n\nThe army said on Tuesday that its units were "
                    "still fighting in the town.")
    assert found[0][0] == "RU" and found[0][2] == "denied"


@pytest.mark.parametrize("text", [
    "The city of Kupiansk remains under Ukrainian control, the General Staff said on Tuesday.",
    "Our units continue to hold their positions in Kupiansk, the Ukrainian army's Khortytsia group said.",
])
def test_a_side_that_still_holds_a_place_denies_its_capture_by_the_other(text: str):
    assert [(a, c) for a, _s, c, _p in control(text)] == [("RU", "denied")]


@pytest.mark.parametrize("text, actor", [
    ("Ukrainian troops withdrew from Avdiivka to preserve the lives of soldiers, army chief Oleksandr Syrskyi "
     "said on Saturday.", "RU"),
    ("The village of Robotyne was liberated from the Ukrainian forces, the Russian Defence Ministry said on "
     "Friday.", "RU"),
    ("The enemy was pushed out of Vovchansk, Ukraine's General Staff said on Friday.", "UA"),
    ("Ukrainian forces recaptured the village of Klishchiivka from Russian troops, the army said.", "UA"),
    ("Our units have driven the enemy out of Stepove, the Ukrainian brigade said.", "UA"),
])
def test_the_side_that_gains_ground_is_not_the_side_that_lost_it(text: str, actor: str):
    assert [a for a, *_ in control(text)] == [actor]


def test_the_fall_of_a_year_is_no_capture():
    assert control("Shelling has hit the Belgorod region regularly since the fall of 2022, the governor said.") == []


def test_a_dateline_city_is_no_claimant():
    found = control(CLAIM + "Kalynivka in the Donetsk region.")
    record = analyze_text(f"published: 2025-10-08\n\n{CLAIM}Kalynivka in the Donetsk region.\n").record()
    assert found and record["events"][0]["claimant"] == "Russian Ministry of Defence"


@pytest.mark.parametrize("disclaimer, certainty", [
    ("The agency was unable to confirm this claim.", "unconfirmed"),
    ("Reporters could not independently verify the Russian claims.", "unconfirmed"),
    ("Reporters could not independently verify the Ukrainian claims.", "claimed"),  # not the claim made here
])
def test_a_claim_the_article_cannot_verify_is_unconfirmed(disclaimer: str, certainty: str):
    found = control(CLAIM + "Kalynivka in the Donetsk region. " + disclaimer)
    assert found[0][2] == certainty


def test_a_town_retaken_by_the_other_side_is_a_second_claim():
    found = control("Russian forces captured over 40 square kilometres near Kupiansk on Monday. The town, taken by "
                    "Russian troops early in the war, was recaptured by Ukraine in a counteroffensive in September 2022.")
    assert [(a, p) for a, _s, _c, p in found] == [("RU", "Kupiansk"), ("UA", "Kupiansk")]


def test_one_clause_telling_a_capture_and_its_recapture_gives_each_side_its_claim():
    found = control("Izium was seized by Russian troops in April 2022 and retaken by Ukrainian forces that "
                    "September.")
    assert [(a, p) for a, _s, _c, p in found] == [("RU", "Izium"), ("UA", "Izium")]
    assert [a for a, *_ in control("Izium was seized by Russian troops and held by them for months.")] == ["RU"]
    found = control("Fighting went on near Izium. The town, first taken by Russian troops in the war's early days, "
                    "was recaptured by Ukraine that September.")
    assert [(a, p) for a, _s, _c, p in found] == [("RU", "Izium"), ("UA", "Izium")]


def test_a_side_word_that_says_whose_land_a_place_is_does_not_make_that_side_act():
    found = control("Last month Russia's military claimed to have captured the Ukrainian mining town of Soledar.")
    assert [(a, p) for a, _s, _c, p in found] == [("RU", "Soledar")]


@pytest.mark.parametrize("text, kind, actor", [
    ("Russia has become more active in the region after driving Ukrainian forces out of Kursk.", "control_claim", "RU"),
    ("About 1,500 Ukrainian soldiers found themselves surrounded near the village of Olgovka in the Kursk region.",
     "ground_fighting", "RU"),
])
def test_the_side_driven_out_or_surrounded_is_not_the_side_that_acts(text: str, kind: str, actor: str):
    record = analyze_text(f"published: 2025-10-08\n\n{text}\n").record()
    assert [e["actor"] for e in record["events"] if e["type"] == kind] == [actor]


@pytest.mark.parametrize("text, label", [
    ('"We have liberated the village," the Ukrainian commander said. Ukrainian forces liberated two more villages '
     'on Monday, and the army said it liberated 40 square kilometres.', "neutral"),
    ("Russian forces liberated the settlement of Vilcha. The liberation of the Kharkov region continues, the "
     "special military operation goes on.", "pro_russia"),
])
def test_slant_is_the_narrators_word_not_the_side_that_uses_it(text: str, label: str):
    from sitrep.events import measure_slant

    assert measure_slant(text)["label"] == label
