"""Saved pages written for sitrep (tests/data/pages): what must survive cleaning, what must go, and the
metadata each page states."""

import json
from pathlib import Path

import pytest

from tests.conftest import DATA, analyze_paths

PAGES = sorted((DATA / "pages").glob("*.expect.json"))


def page_file(expect: Path) -> Path:
    stem = expect.name.removesuffix(".expect.json")
    [page] = [p for p in expect.parent.glob(stem + ".*") if not p.name.endswith(".expect.json")]
    return page


@pytest.mark.parametrize("expect", PAGES, ids=[p.name.removesuffix(".expect.json") for p in PAGES])
def test_page(expect: Path):
    wanted = json.loads(expect.read_text(encoding="utf-8"))
    [doc] = analyze_paths(page_file(expect))
    lost = [s for s in wanted["keep"] if s not in doc.text]
    kept_chrome = [s for s in wanted["drop"] if s in doc.text]
    assert lost == [], "article sentences lost"
    assert kept_chrome == [], "chrome kept"
    assert (doc.title, doc.published, doc.outlet) == (wanted["title"], wanted["published"], wanted["outlet"])


def test_there_are_pages():
    assert len(PAGES) >= 15
