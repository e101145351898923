import pytest

from sitrep.meta.dates import FoundDate, date_line, find_dates, plausible, url_date


@pytest.mark.parametrize(("line", "iso", "labelled"), [
    ("May 25, 2025", "2025-05-25", False),
    ("Published April 23,2025", "2025-04-23", True),
    ("Post At: Aug 25/2024 10:50PM", "2024-08-25", True),
    ("• Saturday, 17 May 2025", "2025-05-17", False),
    ("Updated 14:20 07.01.2025", "2025-01-07", True),
    ("March 28, 2025 10:41 AM GMT+2", "2025-03-28", False),
    ("2025-07-03", "2025-07-03", False),
    ("Nov. 14, 2024", "2024-11-14", False),
])
def test_date_lines(line: str, iso: str, labelled: bool):
    found = date_line(line)
    assert found is not None
    assert found[0].iso() == iso and found[1] is labelled


@pytest.mark.parametrize("line", [
    "The talks on May 16 ended without a ceasefire",
    "403",
    "Russia said on Monday",
    "03/04/2025",  # day-first or month-first: not knowable, so not a date
    "2025-02-30",
])
def test_not_date_lines(line: str):
    assert date_line(line) is None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://paper.example/2023/8/27/story", FoundDate(2023, 8, 27)),
    ("https://paper.example/20251222/story-1123345548.html", FoundDate(2025, 12, 22)),
    ("http://paper.example/2025/04/story", FoundDate(2025, 4, None)),
    ("https://paper.example/news/2025-06-02-talks", FoundDate(2025, 6, 2)),
    ("https://paper.example/1110220819/story", None),
    ("https://paper.example/?p=30099", None),
])
def test_url_dates(url: str, expected: FoundDate | None):
    assert url_date(url) == expected


def test_dates_without_a_year_stay_incomplete():
    [found] = find_dates("ISTANBUL, May 16. /TASS/. Talks ended.")
    assert (found.year, found.month, found.day) == (None, 5, 16)
    assert found.iso() is None


def test_plausible_bounds():
    assert plausible("2024-02-29") and not plausible("1890-01-01") and not plausible(None)


def test_a_bylines_first_date_is_the_publication_date():
    from tests.conftest import analyze_text

    doc = analyze_text("Kyiv says its troops held the line\nby Jane Doe March 18, 2025 8:01 PM 2 min read\n\n"
                       "Ukrainian troops held their positions near the town on Tuesday, the army said in a statement.\n"
                       "The army said fighting went on through the night.\n")
    assert (doc.published, doc.provenance.get("published")) == ("2025-03-18", "byline")
