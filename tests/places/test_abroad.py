"""Places abroad and across the border, on passages written for these tests: a foreign city where talks are held is
that city, never a Ukrainian village of a like name; villages named in a Russian region stay in that region."""

from __future__ import annotations

import pytest

from tests.conftest import analyze_text


def places(text: str) -> list[dict]:
    return analyze_text(f"published: 2025-07-03\n\n{text}\n").record()["places"]


@pytest.mark.parametrize("text, name, country", [
    ("European leaders met in Paris on Tuesday to discuss a ceasefire, officials said.", "Paris", "FR"),
    ("US and Russian officials held talks in Riyadh on Tuesday, the State Department said.", "Riyadh", "SA"),
    ("Ukrainian and Russian delegations met in Istanbul on Friday, the Turkish foreign ministry said.", "Istanbul", "TR"),
    ("Leaders gathered in Geneva on Sunday for talks on the war, officials said.", "Geneva", "CH"),
])
def test_a_foreign_city_is_never_a_ukrainian_namesake(text: str, name: str, country: str):
    assert [(p["name"], p["country"]) for p in places(text)] == [(name, country)]


def test_villages_named_in_a_russian_region_stay_in_it():
    found = places("In the Kursk region, Russian forces retook the villages of Nikolayevo-Darino and Plekhovo, "
                   "the ministry said on Monday.")
    assert found and {p["admin1"] for p in found} == {"RU-KRS"}
