"""Time expressions resolved against a publication date, on sentences written for these tests. The reports
below are dated Wednesday 12 March 2025 unless a test says otherwise."""

import pytest

from sitrep import timex
from tests.conftest import analyze_text

PUBLISHED = "2025-03-12"  # a Wednesday


def spans(text: str, published: str | None = PUBLISHED, reference: str | None = None) -> list[tuple[str, str | None]]:
    return [(s.start, s.end) for s in timex.find(text, published, None, reference)]


def test_rules_are_rows_of_name_pattern_and_resolver():
    for table in (timex.DAY_SPANS, timex.PATTERNS):
        for name, pattern, resolve in table:
            assert isinstance(name, str) and pattern.pattern and callable(resolve)
    names = [name for name, _p, _r in (*timex.DAY_SPANS, *timex.PATTERNS)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("text", "expected"), [
    ("Air defence units shot down eleven drones over the port overnight, the navy said.",
     [("2025-03-11", "2025-03-12")]),
    ("A fuel depot near the river burned after a drone hit it last night.", [("2025-03-11", "2025-03-12")]),
    ("Shelling damaged the water tower in the village on Monday night.", [("2025-03-10", "2025-03-11")]),
    ("Two bridges were hit in a missile raid overnight into Tuesday.", [("2025-03-10", "2025-03-11")]),
    ("Guns fell silent in the town on the night of Sunday, residents said.", [("2025-03-09", "2025-03-10")]),
])
def test_a_night_spans_the_two_days_it_joins(text: str, expected: list[tuple[str, str]]):
    assert spans(text) == expected


def test_a_plain_weekday_is_still_one_day():
    assert spans("The column entered the hamlet on Monday.") == [("2025-03-10", "2025-03-10")]


@pytest.mark.parametrize("text", [
    "Engineers have rebuilt four crossings since 1 September.",
    "Engineers have rebuilt four crossings since September 1.",
    "Engineers have rebuilt four crossings since Sept. 1.",
    "Engineers have rebuilt four crossings since the 1st of September.",
])
def test_since_a_day_runs_to_the_report(text: str):
    assert spans(text) == [("2024-09-01", "2025-03-12")]


def test_since_a_day_with_its_year():
    assert spans("Engineers have rebuilt four crossings since September 1, 2023.") == [("2023-09-01", "2025-03-12")]


def test_from_a_day_with_nothing_after_runs_to_the_report():
    assert spans("From 20 January the brigade has held the ridge.") == [("2025-01-20", "2025-03-12")]


def test_since_a_month_runs_to_the_report():
    assert spans("Prices at the market have doubled since February 2022.") == [("2022-02-01", "2025-03-12")]


def test_since_a_day_without_publication_ends_at_the_latest_stated_date():
    assert spans("Troops have taken 300 square kilometres since Sept. 1.", None, "2022-09-08") == [
        ("2022-09-01", "2022-09-08")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Over the week of 3-9 March the unit lost two radars.", ("2025-03-03", "2025-03-09")),
    ("Over the week of 3–9 March the unit lost two radars.", ("2025-03-03", "2025-03-09")),
    ("Between March 3-9 the unit lost two radars.", ("2025-03-03", "2025-03-09")),
    ("From 3 to 9 March the unit lost two radars.", ("2025-03-03", "2025-03-09")),
    ("From March 3 to March 9 the unit lost two radars.", ("2025-03-03", "2025-03-09")),
    ("From 24 February to 2 March the unit lost two radars.", ("2025-02-24", "2025-03-02")),
    ("From 28 December to 4 January the unit lost two radars.", ("2024-12-28", "2025-01-04")),
    ("During 10-16 June 2024 the unit lost two radars.", ("2024-06-10", "2024-06-16")),
])
def test_a_range_of_days_is_one_span(text: str, expected: tuple[str, str]):
    assert spans(text) == [expected]


def test_a_thousands_figure_is_not_a_range_of_days():
    assert ("2025-03-01", "2025-03-02") not in spans("The crews cleared 1,000-2 March convoys of mines.")


@pytest.mark.parametrize(("text", "expected"), [
    ("This year the regiment has recruited 800 volunteers.", ("2025-01-01", "2025-03-12")),
    ("So far in 2025 the regiment has recruited 800 volunteers.", ("2025-01-01", "2025-03-12")),
    ("In 2025 so far the regiment has recruited 800 volunteers.", ("2025-01-01", "2025-03-12")),
    ("To date in 2023 the regiment had recruited 800 volunteers.", ("2023-01-01", "2023-12-31")),
])
def test_a_year_so_far_ends_at_the_report(text: str, expected: tuple[str, str]):
    assert spans(text) == [expected]


def test_the_first_year_of_the_invasion():
    assert spans("Losses were heaviest in the first year of the invasion, the study found.") == [
        ("2022-02-24", "2023-02-23")]


def test_the_third_year_of_the_war_ends_at_the_report():
    assert spans("In the third year of the war the front barely moved.") == [("2024-02-24", "2025-02-23")]


def test_since_the_full_scale_invasion():
    assert spans("Since the start of the full-scale invasion the town has lost half its people.") == [
        ("2022-02-24", "2025-03-12")]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The depot was struck twice in November.", "2025-03-12", ("2024-11-01", "2024-11-30")),
    ("The depot was struck twice in February.", "2025-03-12", ("2025-02-01", "2025-02-28")),
    ("The depot was struck twice in November 2023.", "2025-03-12", ("2023-11-01", "2023-11-30")),
    ("The depot was struck twice last November.", "2025-03-12", ("2024-11-01", "2024-11-30")),
    ("The depot was struck twice last March.", "2025-03-12", ("2024-03-01", "2024-03-31")),
    ("The depot was struck twice in November last year.", "2025-12-05", ("2024-11-01", "2024-11-30")),
    ("The depot was struck twice in February this year.", "2025-03-12", ("2025-02-01", "2025-02-28")),
])
def test_a_month_takes_the_year_said_or_the_latest_past_one(text: str, published: str, expected: tuple[str, str]):
    assert spans(text, published) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sappers cleared the road on 1 September.", ("2024-09-01", "2024-09-01")),
    ("Sappers cleared the road on September 1.", ("2024-09-01", "2024-09-01")),
    ("Sappers cleared the road on Sept. 1.", ("2024-09-01", "2024-09-01")),
    ("Sappers cleared the road on 1 September 2023.", ("2023-09-01", "2023-09-01")),
    ("Sappers cleared the road on Sept. 1, 2023.", ("2023-09-01", "2023-09-01")),
])
def test_a_day_of_a_month_either_way_round(text: str, expected: tuple[str, str]):
    assert spans(text) == [expected]


def test_a_background_date_gives_no_year_to_an_undated_text():
    text = ("The war that began on February 24, 2022 goes on. Troops took the hamlet on May 5 after a week of "
            "shelling.")
    assert timex.latest_stated(text) is None
    assert timex.only_year(text) is None


def test_a_date_of_the_news_still_gives_its_year():
    text = "Troops took the hamlet on May 5, 2024, the brigade said. Shelling went on until May 9."
    assert timex.latest_stated(text) == "2024-05-05"


def test_a_background_since_year_is_not_the_year_of_the_news():
    assert timex.only_year("Since 2014 the region has been contested. Troops took the hamlet on May 5.") is None
    assert timex.only_year("At the Kyiv 2024 forum, officials said troops took the hamlet on May 5.") == (
        "2024-01-01", "2024-12-31")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Russian drones struck Odesa overnight, the governor said.", "2025-07-02", "2025-07-03"),
    ("Russian drones struck Odesa last night, the governor said.", "2025-07-02", "2025-07-03"),
    ("Russian drones struck Odesa on Monday night, the governor said.", "2025-06-30", "2025-07-01"),
    ("Russian drones struck Odesa early on Tuesday, the governor said.", "2025-07-01", "2025-07-01"),
    ("Russian drones struck Odesa late on Sunday, the governor said.", "2025-06-29", "2025-06-29"),
    ("Russian drones struck Odesa over the weekend, the governor said.", "2025-06-28", "2025-06-29"),
    ("Russian drones struck Odesa at the weekend, the governor said.", "2025-06-28", "2025-06-29"),
    ("Russian drones struck Odesa on June 28, the governor said.", "2025-06-28", "2025-06-28"),
    ("Russian drones struck Odesa on 28 June, the governor said.", "2025-06-28", "2025-06-28"),
    ("Russian drones struck Odesa yesterday, the governor said.", "2025-07-02", "2025-07-02"),
    ("Russian drones struck Odesa today, the governor said.", "2025-07-03", "2025-07-03"),
    ("Russian drones struck Odesa in the early hours of Wednesday, the governor said.", "2025-07-02", "2025-07-02"),
    ("Russian drones struck Odesa this week, the governor said.", "2025-06-30", "2025-07-03"),
    ("Russian drones struck Odesa last week, the governor said.", "2025-06-23", "2025-06-29"),
    ("Russian drones struck Odesa earlier this month, the governor said.", "2025-07-01", "2025-07-03"),
    ("Russian drones struck Odesa two days ago, the governor said.", "2025-07-01", "2025-07-01"),
    ("Over the past 24 hours, Russian drones struck Odesa, the governor said.", "2025-07-02", "2025-07-03"),
    ("On the night of June 30 to July 1, Russian drones struck Odesa, the governor said.", "2025-06-30", "2025-07-01"),
    ("On the morning of June 29, Russian drones struck Odesa, the governor said.", "2025-06-29", "2025-06-29"),
    ("Russian drones struck Odesa on Thursday morning, the governor said.", "2025-07-03", "2025-07-03"),
    ("Russian drones struck Odesa on Friday, the governor said.", "2025-06-27", "2025-06-27"),
    ("Russian drones struck Odesa in late June, the governor said.", "2025-06-21", "2025-06-30"),
    ("Russian drones struck Odesa in May, the governor said.", "2025-05-01", "2025-05-31"),
    ("Russian forces captured Kalynivka in the Donetsk region on Sunday, the ministry said on Tuesday.", "2025-06-29", "2025-06-29"),
    ("The ministry said on Tuesday that Russian forces had captured Kalynivka in the Donetsk region.", "2025-07-01", "2025-07-01"),
    ("Russian forces captured Kalynivka in the Donetsk region, the ministry said on Tuesday.", "2025-06-30", "2025-07-01"),
    ("Russian drones struck Odesa on Feb. 24, the governor said.", "2025-02-24", "2025-02-24"),
    ("Russian drones struck Odesa on Wednesday evening, the governor said.", "2025-07-02", "2025-07-02"),
    ("Russian drones struck Odesa throughout the night, the governor said.", "2025-07-02", "2025-07-03"),
    ("Russian drones struck Odesa for a third night in a row, the governor said on Wednesday.", "2025-07-01", "2025-07-02"),
])
def test_an_event_is_dated_by_the_time_its_sentence_gives(text: str, start: str, end: str):
    """Reports dated Thursday 3 July 2025: the event's span overlaps the day or days the words mean."""
    [event, *_] = analyze_text(f"published: 2025-07-03\n\nHeadline\n\n{text}\n").record()["events"]
    assert event["date"] is not None and event["date"]["start"] <= end and event["date"]["end"] >= start


@pytest.mark.parametrize(("text", "expected"), [
    ("The town was taken in the early days of the invasion.", [("2022-02-24", "2022-04-03")]),
    ("The bridge fell in the war's first weeks.", [("2022-02-24", "2022-04-25")]),
    ("The columns entered the town after dark, a blogger said.", [("2025-03-11", "2025-03-12")]),
])
def test_the_early_days_of_the_war_and_after_dark(text: str, expected: list[tuple[str, str | None]]):
    assert spans(text) == expected


def test_a_story_told_on_in_the_next_sentence_keeps_its_day():
    events = analyze_text("published: 2023-01-16\n\nHeadline\n\nRussian missiles hit Dnipro on Saturday, officials "
                          "said. The attacks also targeted Kharkiv and Kyiv, the mayors said.\n").record()["events"]
    assert [([p["name"] for p in e["places"]], e["date"]["start"]) for e in events if e["type"] == "strike"] == [
        (["Dnipro"], "2023-01-14"), (["Kharkiv", "Kyiv"], "2023-01-14")]


def test_a_report_told_over_several_sentences_keeps_its_day_but_not_its_speaker_for_long():
    events = analyze_text("published: 2025-03-26\n\nHeadline\n\nFuel prices rose again across the country. Markets in the "
                          "capital were calm. Schools in the west reopened after the holidays.\n\n"
                          "On March 24, Ukrainian drones struck a power station in the Krasnodar region, the Russian "
                          "defence ministry said.\n\nDrones also attacked a gas station in the Luhansk region.\n\n"
                          "In Crimea, saboteurs blew up a railway line near Dzhankoi.\n").record()["events"]
    assert [(e["type"], e["date"]["start"]) for e in events] == [
        ("strike", "2025-03-24"), ("strike", "2025-03-24"), ("sabotage", "2025-03-24")]
    assert [e["claimant"] for e in events] == ["Russian Ministry of Defence", "Russian Ministry of Defence", None]


@pytest.mark.parametrize(("text", "expected"), [
    ("The bridge was blown up on 3 March 2023 and rebuilt two weeks later.",
     [("2023-03-03", "2023-03-03"), ("2023-03-15", "2023-03-19")]),
    ("The town fell in May 2022 and was retaken months later.",
     [("2022-05-01", "2022-05-31"), ("2022-06-30", "2023-05-26")]),
    ("Talks opened on 10 January 2024 and a deal was signed the next day.",
     [("2024-01-10", "2024-01-10"), ("2024-01-11", "2024-01-11")]),
])
def test_a_time_told_as_later_counts_from_the_time_before_it(text: str, expected: list[tuple[str, str]]):
    assert spans(text) == expected


def test_a_month_named_without_its_year_is_in_the_year_told_before_it():
    assert spans("Troops took the hamlet in February 2022 and left it in September.") == [
        ("2022-02-01", "2022-02-28"), ("2022-09-01", "2022-09-30")]
    assert spans("Troops took the hamlet in November 2022 and left it in March.") == [
        ("2022-11-01", "2022-11-30"), ("2023-03-01", "2023-03-31")]


def test_each_of_two_captures_in_a_sentence_keeps_its_own_time():
    record = analyze_text("published: 2025-07-03\n\nKupiansk, taken by Russian troops in the war's early days, was "
                          "recaptured by Ukraine in a counteroffensive in September 2022.\n").record()
    assert [(e["actor"], e["date"]["start"][:7]) for e in record["events"]] == [("RU", "2022-02"), ("UA", "2022-09")]


ONE_OF_EACH = {
    "day_month_range": "from 28 February to 9 March", "days_month": "on 3-9 March", "month_days": "on March 3-9",
    "since_day": "since 1 March", "year_of_invasion": "in the third year of the war",
    "early_war": "in the early days of the war", "since_invasion": "since Russia invaded",
    "so_far": "so far in 2025", "year_so_far": "in 2025 so far", "since": "since February 2022",
    "since_year": "since 2014", "part_year": "in early 2024", "part_month": "in late February",
    "month_last": "last February", "month_which_year": "in February last year", "weekday_night": "on Monday night",
    "night_of": "on the night of Monday", "night_into": "overnight into Tuesday", "overnight_weekday": "overnight Tuesday",
    "weekday": "on Monday", "relative_day": "after dark", "relative_span": "in recent weeks", "ago": "two weeks ago",
    "past_n": "over the past three days", "ahead": "in the coming days", "weekend": "over the weekend",
    "month_year": "in February 2024", "month": "in February", "month_possessive": "February's",
    "year": "in 2023", "date": "on March 3, 2025", "later": "in 2023 and a week later",
}


def test_every_rule_finds_its_phrase_past_the_quick_filter():
    """One phrase per rule: a rule added without a phrase here fails, so the filter that spares sentences
    with no time word is checked against every rule."""
    names = {name for name, _p, _r in (*timex.DAY_SPANS, *timex.PATTERNS)} | {"date", "later"}
    assert set(ONE_OF_EACH) == names
    for rule, phrase in ONE_OF_EACH.items():
        assert rule in {t.rule for t in timex.find(f"Troops moved {phrase}.", PUBLISHED)}, rule
    assert timex.find("Troops moved toward the river, officials said.", PUBLISHED) == []
