"""Events, claims, quantities, dates and slant on passages written for these tests."""

from typing import Any

import pytest

from sitrep import timex
from sitrep.claims import attribute
from sitrep.quantities import find as find_quantities
from tests.conftest import analyze_text


def record(text: str, published: str = "2025-07-03") -> dict[str, Any]:
    return analyze_text(f"published: {published}\n\n{text}\n").record()


def only_event(text: str, kind: str, published: str = "2025-07-03") -> dict[str, Any]:
    found = [e for e in record(text, published)["events"] if e["type"] == kind]
    assert len(found) == 1, record(text, published)["events"]
    return found[0]


def test_capture_claimed_by_the_ministry_on_a_weekday():
    event = only_event("On Monday, Russia's Defence Ministry said its forces had captured the village of "
                       "Kindrativka in the Sumy region.", "control_claim")
    assert (event["actor"], event["claimant"], event["claimant_side"], event["certainty"]) == (
        "RU", "Russian Ministry of Defence", "RU", "claimed")
    assert event["date"] == {"start": "2025-06-30", "end": "2025-06-30"}
    assert [p["admin1"] for p in event["places"]] == ["UA-59", "UA-59"]


def test_a_strike_in_the_narrators_voice_is_asserted():
    event = only_event("A Russian missile strike on Kharkiv killed three people on Tuesday.", "strike")
    assert (event["actor"], event["claimant"], event["certainty"]) == ("RU", None, "asserted")
    assert event["date"]["start"] == "2025-07-01"


def test_threats_and_plans_are_not_events():
    text = "Moscow could move to annex the Sumy region if Kyiv refuses, the Kremlin aide warned."
    assert [e for e in record(text)["events"] if e["type"] == "control_claim"] == []


def test_a_failed_capture_is_fighting():
    found = record("Ukraine's General Staff said Russian troops had failed to capture Vovchansk despite heavy "
                   "assaults.")["events"]
    assert {e["type"] for e in found} == {"ground_fighting"}
    assert found[0]["actor"] == "RU"


def test_repelled_attacks_belong_to_the_attacker():
    event = only_event("Ukrainian forces repelled a Russian assault near Kupiansk, the General Staff said.",
                       "ground_fighting")
    assert event["actor"] == "RU" and event["claimant_side"] == "UA"


def test_reportedly_and_if_confirmed():
    reported = only_event("Tens of thousands of Russian troops are reportedly massing near Sumy.", "buildup")
    assert reported["certainty"] == "reported"
    text = ("Russia's army said it had taken the village of Dachne in the Dnipropetrovsk region. If confirmed, it "
            "would be the first capture in the region.")
    assert only_event(text, "control_claim")["certainty"] == "unconfirmed"


def test_talks_and_exchanges_have_no_actor():
    event = only_event("Delegations met for talks in Istanbul on June 2 and agreed to exchange prisoners of war.",
                       "negotiation")
    assert event["actor"] is None and event["date"]["start"] == "2025-06-02"
    assert only_event("Delegations met for talks in Istanbul on June 2 and agreed to exchange prisoners of war.",
                      "prisoner_exchange")["actor"] is None


def test_attribution_forms():
    assert attribute("According to the Institute for the Study of War, Russian forces advanced.").claimant.name \
        == "Institute for the Study of War"
    assert attribute("Five people were hurt, Syniehubov wrote.").claimant.name == "Oleh Syniehubov"
    said = attribute("Ukrainian MP Oleksiy Goncharenko said the army had entered the town.").claimant
    assert (said.name, said.side) == ("Oleksiy Goncharenko", "UA")
    assert attribute("Kyiv denied reports that the village had fallen.").certainty == "denied"
    assert attribute("In Kyiv, a missile strike killed two people.").claimant is None
    inverted = attribute("Russia will cut its activity around Kyiv, announced Deputy Defence Minister Alexander Fomin "
                         "after the talks.").claimant
    assert inverted.name == "Deputy Defence Minister Alexander Fomin"


def test_its_body_is_the_body_of_the_side_named_before():
    record = analyze_text("published: 2025-07-03\n\nMoscow said its troops had taken Sudzha on Monday. Its defence "
                          "ministry said on Thursday that Russian forces had blocked Ukrainian attacks near Sudzha.\n"
                          ).record()
    assert [(e["type"], e["claimant"]) for e in record["events"]] == [
        ("control_claim", "Moscow"), ("ground_fighting", "Russian Ministry of Defence")]


@pytest.mark.parametrize(("phrase", "name", "side"), [
    ("the defence ministry in Moscow", "Russian Ministry of Defence", "RU"),
    ("a statement from Russia's Ministry of Defence", "Russian Ministry of Defence", "RU"),
    ("the daily report by the General Staff", "General Staff of the Armed Forces of Ukraine", "UA"),
    ("local authorities", "local authorities", None),
    ("the regional administration", "regional administration", None),
    ("the governor", "governor", None),
    ("the brigade", "brigade", None),
    ("military intelligence", "military intelligence", None),
])
def test_a_speaker_described_or_placed_is_the_claimant(phrase: str, name: str, side: str | None):
    event = only_event(f"A Russian missile hit a school in Kherson on Monday, {phrase} said.", "strike")
    assert (event["claimant"], event["claimant_side"], event["certainty"]) == (name, side, "claimed")


@pytest.mark.parametrize("speaker", ["Local media", "Reuters", "The Kyiv Independent"])
def test_what_the_press_tells_is_reported_not_claimed(speaker: str):
    event = only_event(f"{speaker} reported that Ukrainian drones hit an oil refinery in Ryazan overnight.", "strike")
    assert event["certainty"] == "reported"
    assert only_event("Regional officials said that Ukrainian drones hit an oil refinery in Ryazan overnight.",
                      "strike")["certainty"] == "claimed"


def test_a_lower_case_clause_is_no_claimant():
    assert attribute("A Russian missile hit a school in Kherson on Monday, the people living nearby said."
                     ).claimant is None


def test_a_report_goes_on_but_not_into_the_narrators_background():
    events = record("Russia's Defence Ministry said on Monday its forces had captured Kalynivka in the Donetsk "
                    "region. Troops also advanced near Pokrovsk. Kupiansk was seized by Russian troops in "
                    "February 2022.")["events"]
    assert [(e["type"], e["claimant"]) for e in events] == [
        ("control_claim", "Russian Ministry of Defence"), ("advance", "Russian Ministry of Defence"),
        ("control_claim", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("captured 240 square kilometers in March, 379 in April and 507 in May",
     [("area_gained", 240, None), ("area_gained", 379, None), ("area_gained", 507, None)]),
    ("pushed the defenders back eight to nine kilometres", [("advance_distance", 8, 9)]),
    ("advancing by 14 km a day", [("advance_rate", 14, None)]),
    ("Twenty-eight settlements had been liberated", [("settlements_captured", 28, None)]),
    ("the strike killed at least 11 people and injured 35 more", [("killed", 11, None), ("injured", 35, None)]),
    ("amassing 50,000 troops near the border", [("troops", 50000, None)]),
    ("an exchange of 1,000 for 1,000", [("prisoners", 1000, None)]),
])
def test_quantities(text: str, expected: list[tuple[str, float, float | None]]):
    assert [(q.measure, q.value, q.value_max) for q in find_quantities(text)] == expected


def test_quantity_periods_follow_their_figures():
    found = record("Russian forces captured 240 square kilometers in March and 379 in April, analysts said.")
    assert [(q["value"], q["period"]["start"]) for q in found["quantities"]] == [(240, "2025-03-01"),
                                                                                (379, "2025-04-01")]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("on Monday", "2025-06-30", "2025-06-30"),
    ("in May", "2025-05-01", "2025-05-31"),
    ("in late 2024", "2024-10-01", "2024-12-31"),
    ("last week", "2025-06-23", "2025-06-29"),
    ("since February 2022", "2022-02-01", "2025-07-03"),
    ("in September", "2024-09-01", "2024-09-30"),
])
def test_time_expressions_resolve_against_publication(text: str, start: str, end: str | None):
    [span] = timex.find(text, "2025-07-03")
    assert (span.start, span.end) == (start, end)


def test_no_publication_date_no_relative_date():
    assert timex.find("on Monday", None) == []


def test_slant_counts_the_narrator_not_quotes():
    kremlin = record("The liberation of the village continued as the Kiev regime lost its positions.")["slant"]
    kyiv = record("The invaders shelled the town again, and the occupiers lost two tanks.")["slant"]
    quoting = record('"The Kiev regime has lost," the ministry said, claiming the "liberation" of the village.')["slant"]
    assert (kremlin["label"], kyiv["label"], quoting["label"]) == ("pro_russia", "pro_ukraine", "neutral")
    assert kremlin["score"] < 0 < kyiv["score"]


def test_sabotage_on_railways():
    event = only_event("Ukraine's partisans blew up a railway bridge in the Bryansk region on Saturday, the governor "
                       "said.", "sabotage", published="2025-06-02")
    assert event["places"][0]["admin1"] == "RU-BRY" and event["date"]["start"] == "2025-05-31"


def test_buildup_with_troop_figure():
    found = record("Zelensky said Russia had amassed 50,000 troops near the Sumy region.")
    [event] = [e for e in found["events"] if e["type"] == "buildup"]
    assert (event["actor"], event["claimant"]) == ("RU", "Volodymyr Zelensky")
    assert [(q["measure"], q["value"]) for q in found["quantities"]] == [("troops", 50000)]


def test_a_denial_is_kept_as_denied():
    event = only_event("Kyiv denied that Russian forces had captured the village of Illinka in the Donetsk region.",
                       "control_claim")
    assert event["certainty"] == "denied" and event["claimant_side"] == "UA"


def test_the_village_refers_back():
    found = record("Russian troops attacked Stupochky in the Donetsk region. The defence ministry later said the "
                   "village had been captured.")["events"]
    [capture] = [e for e in found if e["type"] == "control_claim"]
    assert capture["places"][0]["name"] == "Stupochky"


def test_one_claim_per_captured_settlement():
    found = record("Russia's Defence Ministry said its forces had captured the villages of Hatyshche and Krasne in "
                   "the Kharkiv region.")["events"]
    assert sorted(e["places"][0]["name"] for e in found if e["type"] == "control_claim") == ["Hatyshche", "Krasne"]


def test_two_clauses_two_strikes():
    found = record("A missile strike killed nine people in Kharkiv, while drones hit an energy facility in the "
                   "Zaporizhzhia region.")["events"]
    assert sorted(e["places"][0]["admin1"] for e in found if e["type"] == "strike") == ["UA-23", "UA-63"]


def test_months_and_years_of_undated_articles_come_from_the_dates_they_state():
    found = record("Russia tested a new missile on Dnipro in November 2024. During talks in Istanbul on June 2, "
                   "Moscow demanded recognition of its claims.", published=None)
    [talks] = [e for e in found["events"] if e["type"] == "negotiation"]
    assert talks["date"] == {"start": "2025-06-02", "end": "2025-06-02"}


def test_background_waves_of_attacks_are_not_one_strike():
    text = "The region has come under regular drone attacks since the start of the war."
    assert [e for e in record(text)["events"] if e["type"] == "strike"] == []


def test_prisoner_exchange_on_a_named_day():
    event = only_event("Ukraine and Russia exchanged 390 prisoners of war on Friday, the coordination headquarters "
                       "said.", "prisoner_exchange", published="2025-05-25")
    assert event["date"]["start"] == "2025-05-23" and event["actor"] is None


def test_a_headline_and_the_story_that_retells_it_are_one_claim():
    found = analyze_text("published: 2025-08-01\n\nAnalysts say Russian forces took Chasiv Yar\n\nRussian forces captured "
                         "Chasiv Yar in the Donetsk region on July 31, the Institute for the Study of War said.\n"
                         ).record()["events"]
    assert [(e["type"], e["claimant"], e["date"]["start"], [p["name"] for p in e["places"]]) for e in found] == [
        ("control_claim", "Institute for the Study of War", "2025-07-31", ["Chasiv Yar", "Donetsk Oblast"])]
