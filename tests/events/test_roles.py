"""Passages where who acts, who speaks and when depend on the clause: roles from the dependency parse,
speakers past appositions, dates from the lede and from relative time words, figures read in context."""

from typing import Any

import pytest

from sitrep import timex
from sitrep.quantities import find as find_quantities
from tests.events.test_events import only_event, record


def events_of(text: str, kind: str, published: str = "2025-07-03") -> list[dict[str, Any]]:
    return [e for e in record(text, published)["events"] if e["type"] == kind]


def test_the_subject_of_the_clause_acts_not_the_nearest_side_word():
    # "Ukrainian" stands nearer the capture than "Moscow's", but Moscow's troops are the ones capturing
    event = only_event("According to Sunday's bulletin, Moscow's troops pushed deeper into Ukrainian defensive "
                       "lines, capturing the village of Toretsk in the Donetsk region.", "control_claim")
    assert event["actor"] == "RU"


def test_a_country_named_as_a_place_does_not_act():
    event = only_event("One man died in a Ukrainian drone attack on a farm in Russia's Kursk region, the acting "
                       "governor wrote.", "strike")
    assert event["actor"] == "UA"
    assert only_event("A drone attack hit a farm in Russia's Kursk region.", "strike")["actor"] == "UA"


def test_air_defence_reports_credit_the_attacker():
    event = only_event("Russian air defences shot down 40 Ukrainian drones over the Belgorod region overnight.",
                       "strike")
    assert event["actor"] == "UA"


def test_bare_troops_are_the_side_that_acted_before():
    found = record("Russian forces advanced near Pokrovsk on Friday. Soldiers also moved into the outskirts of "
                   "Toretsk on Saturday.")["events"]
    assert [(e["places"][0]["name"], e["actor"]) for e in found if e["type"] == "advance"] == [
        ("Pokrovsk", "RU"), ("Toretsk", "RU")]


def test_the_speaker_is_the_name_not_its_description():
    event = only_event("DeepStateMap, a Ukrainian monitoring project, said Russian troops had entered Kupiansk.",
                       "advance")
    assert (event["claimant"], event["claimant_side"], event["actor"]) == ("DeepStateMap", "independent", "RU")
    person = only_event("Earlier, the head of the Moscow-installed administration of the Kharkiv region, Vitaly "
                        "Ganchev, said Russian units continued to advance near Vovchansk.", "advance")
    assert person["claimant"] == "Vitaly Ganchev"


def test_a_blogger_is_not_the_army_he_writes_about():
    event = only_event("A Russian military blogger claimed that Ukrainian units had pushed Russian troops back "
                       "near Vovchansk.", "advance")
    assert event["claimant"] != "Russian Ministry of Defence"
    assert event["claimant_side"] == "RU" and event["actor"] == "UA"


def test_an_attribution_afterwards_covers_the_sentences_it_follows():
    found = record("Russian forces advanced west of Kurakhove. They also pushed into the outskirts of Toretsk. "
                   "This is according to the Institute for the Study of War.")["events"]
    advances = [e for e in found if e["type"] == "advance"]
    assert len(advances) == 2
    assert {e["claimant"] for e in advances} == {"Institute for the Study of War"}


def test_it_also_said_keeps_the_claim_and_its_day():
    found = record("The Russian Defence Ministry statement on Saturday said its forces had captured Toretsk in "
                   "the Donetsk region. It also said it had taken control of Sudzha in the Kursk region.",
                   published="2025-05-25")["events"]
    [sudzha] = [e for e in found if e["places"][0]["name"] == "Sudzha"]
    assert sudzha["claimant"] == "Russian Ministry of Defence"
    assert sudzha["date"] == {"start": "2025-05-24", "end": "2025-05-24"}


def test_a_dateline_dates_the_lede():
    found = record("Talks end with a deal on captives\n\nISTANBUL, June 2. Russian and Ukrainian delegations "
                   "wrapped up talks in Istanbul. The sides agreed to exchange more prisoners of war.",
                   published="2025-06-03")["events"]
    dates = {e["type"]: e["date"] for e in found}
    assert dates["negotiation"] == {"start": "2025-06-02", "end": "2025-06-02"}
    assert dates["prisoner_exchange"] == {"start": "2025-06-02", "end": "2025-06-02"}


def test_a_time_in_a_relative_clause_belongs_to_that_clause():
    event = only_event("Russian troops entered Kupiansk on Wednesday, which Ukraine had retaken in September "
                       "2022.", "advance", published="2024-11-14")
    assert event["date"] == {"start": "2024-11-13", "end": "2024-11-13"}


@pytest.mark.parametrize(("text", "start", "end"), [
    ("three weeks ago", "2025-06-10", "2025-06-14"),
    ("over the past two days", "2025-07-01", "2025-07-03"),
    ("over the weekend", "2025-06-28", "2025-06-29"),
    ("two days ago", "2025-07-01", "2025-07-01"),
])
def test_relative_times(text: str, start: str, end: str):
    [span] = timex.find(text, "2025-07-03")
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize(("text", "expected"), [
    ("the ministry said Kyiv lost up to 300 soldiers near Kupiansk", []),
    ("the battlegroup eliminated over 450 Ukrainian servicemen", []),
    ("by capturing 594 Russian servicemen", [("prisoners", 594)]),
    ("Moscow moved 5,000 troops to the border", [("troops", 5000)]),
    ("No one was injured in the blast.", []),
    ("the death toll had risen to nine", [("killed", 9)]),
    ("local officials reported at least two injuries", [("injured", 2)]),
])
def test_figures_read_in_context(text: str, expected: list[tuple[str, float]]):
    assert [(q.measure, q.value) for q in find_quantities(text)] == expected


def test_without_a_parser_sides_come_from_words():
    from sitrep.events import ArticleReader
    from tests.conftest import analyze_text

    doc = analyze_text("published: 2025-07-03\n\nRussian troops captured Toretsk in the Donetsk region.\n")
    [event] = [e for e in ArticleReader(doc, None).read().events if e["type"] == "control_claim"]
    assert event["actor"] == "RU"


def test_a_goal_is_no_capture():
    assert events_of("Capturing the rest of the Donetsk region remains one of the Kremlin's main goals.",
                     "control_claim") == []


def test_the_side_that_suffers_losses_did_not_attack():
    event = only_event("Heavy clashes went on near Chasiv Yar, where Ukrainian forces suffered heavy losses.",
                       "ground_fighting")
    assert event["actor"] == "RU"


def test_the_speaker_is_not_the_side_that_acts():
    event = only_event("Kyiv says the heaviest fighting is near Pokrovsk, where Russian troops keep attacking.",
                       "ground_fighting")
    assert event["actor"] == "RU" and event["claimant_side"] == "UA"


def test_a_lede_in_the_present_perfect_is_about_the_days_of_the_report():
    found = record("Four people have been injured in a Russian drone strike on Sumy, the regional governor said. "
                   "The city was also struck in March.", published="2025-04-14")["events"]
    [strike] = [e for e in found if e["type"] == "strike"]
    assert strike["date"] == {"start": "2025-04-13", "end": "2025-04-14"}


def test_promised_exchanges_are_dated_ahead():
    event = only_event('Negotiators said Kyiv and Moscow will exchange prisoners of war in the "coming days".',
                       "prisoner_exchange", published="2025-05-16")
    assert event["date"] == {"start": "2025-05-16", "end": "2025-05-23"}


def test_an_undated_article_takes_the_one_year_it_names():
    event = only_event("Speaking at a 2024 forum, the commander said the offensive began on August 6, when "
                       "Ukrainian forces entered Sudzha.", "advance", published=None)
    assert event["date"]["start"] == "2024-08-06"


def test_reported_speech_in_the_lede_is_the_news_of_the_day():
    found = record("Kupiansk under pressure\n\nRussian officials claimed that Moscow's troops had entered Kupiansk. "
                   "The town was retaken by Ukraine in 2022.", published="2024-11-14")["events"]
    [entered] = [e for e in found if e["type"] == "advance"]
    assert entered["date"] == {"start": "2024-11-13", "end": "2024-11-14"}


def test_a_village_named_later_takes_the_claim_made_about_its_region():
    found = record("Russian state media claimed that forces had captured their first village in the Dnipropetrovsk "
                   "region. The reported seizure of Dachne in Dnipropetrovsk would be a first.")["events"]
    [dachne] = [e for e in found if e["places"] and e["places"][0]["name"] == "Dachne"]
    assert (dachne["claimant"], dachne["certainty"]) == ("Russian state media", "claimed")


def test_a_speaker_shared_by_two_verbs_and_one_after_a_dateline():
    event = only_event("Russia launched a counter-offensive in early March and said it had retaken Sudzha on "
                       "March 13.", "control_claim", published="2025-04-27")
    assert (event["claimant"], event["actor"], event["date"]["start"]) == ("Russia", "RU", "2025-03-13")
    event = only_event("RIGA, March 12 (Baltic Observer) - Ukraine said its troops had pushed Russian forces back "
                       "near Pokrovsk.", "advance", published="2025-03-12")
    assert (event["claimant"], event["actor"]) == ("Ukraine", "UA")


def test_a_capture_names_its_list_not_the_next_clause():
    found = events_of("Russia's Defence Ministry said its forces had captured Hatyshche and Krasne in the Kharkiv "
                      "region and were pushing toward Vovchansk.", "control_claim")
    assert sorted(e["places"][0]["name"] for e in found) == ["Hatyshche", "Krasne"]


@pytest.mark.parametrize("text, kind, actor", [
    ("Wagner fighters captured the village of Klishchiivka, Prigozhin said.", "control_claim", "RU"),
    ("North Korean troops attacked Ukrainian positions near Sudzha.", "ground_fighting", "RU"),
    ("Chechen Akhmat units advanced near Marinka, Kadyrov said.", "advance", "RU"),
    ("Fighters of the Russian Volunteer Corps crossed into the Belgorod region on Tuesday.", "advance", "UA"),
    ("The Freedom of Russia Legion said it had captured the village of Tyotkino in the Kursk region.",
     "control_claim", "UA"),
    ("Ukrainian positions near Siversk came under heavy Russian artillery fire.", "strike", "RU"),
    ("Ukrainian positions near Siversk came under attack.", "ground_fighting", "RU"),
    ("The occupiers dropped a guided bomb on Kherson, wounding two.", "strike", "RU"),
    ("The Ukrainian military hit a Russian landing ship in Sevastopol.", "strike", "UA"),
    ("Moscow's troops stormed the outskirts of Kupiansk.", "ground_fighting", "RU"),
    ("Russian forces had blocked Ukrainian attempts to take several villages near Sudzha.", "ground_fighting", "UA"),
    ("Russia fired 33 missiles at Kyiv on Saturday, of which 21 were shot down, the Ukrainian army said.", "strike",
     "RU"),
])
def test_armed_groups_and_targets_take_the_side_they_fight_for(text: str, kind: str, actor: str):
    """Groups named for their makeup fight for a side sides.tsv knows (a Russian volunteer corps fights for Ukraine);
    what "came under" fire is the target, so the other side acts."""
    assert [(e["type"], e["actor"]) for e in record(text, "2025-03-04")["events"]][:1] == [(kind, actor)]
