"""Publication date and outlet from what pages show, never from file times or today."""

import os
import time
from pathlib import Path

from sitrep.meta.outlet import choose, host, outlet_for_host, text_cues
from tests.conftest import analyze_paths, analyze_text

BODY = "Russian forces captured the village, the defence ministry said on Monday, a claim Kyiv did not confirm."


def test_no_date_stated_means_null_even_for_a_fresh_file(tmp_path: Path):
    f = tmp_path / "today.txt"
    f.write_text(f"A headline about the front\n{BODY}\n")
    os.utime(f, (time.time(), time.time()))
    [doc] = analyze_paths(f)
    assert doc.published is None and "published" not in doc.provenance


def test_dates_inside_sentences_are_not_publication_dates():
    doc = analyze_text(f"On May 16, 2025, delegations met in Istanbul for the first time since 2022.\n{BODY}\n")
    assert doc.published is None


def test_footer_date_and_outlet():
    footer = "Adapted by Steppe Forum from The Daily Wire  2025-07-03"
    doc = analyze_text(f"{BODY}\n{BODY.replace('village', 'town')}\n{footer}\n")
    assert (doc.published, doc.outlet) == ("2025-07-03", "Steppe Forum")
    assert doc.provenance == {"published": "footer", "outlet": "text"}


def test_dateline_takes_its_year_from_the_url():
    raw = f"url: https://paper.example/2025/04/strike\n\nApril 24 {BODY}\n"
    doc = analyze_text(raw)
    assert (doc.published, doc.provenance["published"]) == ("2025-04-24", "dateline")


def test_dateline_without_any_year_gives_no_date():
    doc = analyze_text(f"KYIV, April 24 (Nordwire) - {BODY}\n")
    assert doc.published is None
    assert doc.outlet == "Nordwire"


def test_labelled_date_line_wins_over_a_caption_date():
    doc = analyze_text(f"Headline of the story here\nPublished 2 May 2025\nMarch 1, 2025\n{BODY}\n")
    assert doc.published == "2025-05-02"


def test_outlet_from_reporting_phrases():
    assert analyze_text(f"{BODY} This is reported by Sloboda Herald with reference to the ministry.\n").outlet \
        == "Sloboda Herald"
    assert analyze_text(f"{BODY} Dnipro Daily reports citing the air force.\n").outlet == "Dnipro Daily"
    assert analyze_text(f"(AGENCYNEWS) {BODY}\n").outlet == "AGENCYNEWS"
    assert analyze_text(f"{BODY}\nCarpathia News – Monitoring.\n").outlet == "Carpathia News"


def test_sources_an_article_retells_are_not_its_publisher():
    doc = analyze_text(f"{BODY} The talks ended on Monday, writes The Guardian, according to Reuters.\n")
    assert doc.outlet is None


def test_photo_credit_is_not_an_outlet_but_a_copyright_line_is():
    assert text_cues("", ["© Ramil Sitdikov/POOL/TASS"]) == []
    assert text_cues("", ["© 2025 Danube Dispatch. All rights reserved."]) == ["Danube Dispatch"]


def test_url_names_the_publisher():
    assert host("https://www.reuters.com/world/x") == "reuters.com"
    assert host("https://b.danubedispatch.net/2025/x") == "danubedispatch.net"  # a server of the site, not the site
    assert host("https://cdn2.danubedispatch.net/x") == "danubedispatch.net"
    assert host("https://news.danubedispatch.net/x") == "news.danubedispatch.net"
    assert outlet_for_host("news.liga.net").name == "LIGA.net"
    assert outlet_for_host("irishtimes-irishtimes-staging.cdn.arcpublishing.com").name == "The Irish Times"
    assert choose("https://menafn.com/1/x", ["MENAFN"]) == ("MENAFN", "url")
    assert choose("https://steppewire.example/a", ["Steppe Wire"]) == ("Steppe Wire", "text")
    assert choose("https://unknown.example/a", ["Other Name"]) == ("unknown.example", "url")
    assert choose(None, []) == (None, None)
