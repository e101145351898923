"""The situation report: self-contained HTML a person can mail, and Markdown, with citations that resolve."""

import re
from pathlib import Path

import pytest


@pytest.fixture
def db(ledger_db: Path) -> Path:
    return ledger_db


def test_html_report_is_self_contained(invoke, db: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    result = invoke("report", "--db", db, "--out", out)
    assert result.exit_code == 0 and "written to" in result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"(?:src|href)=\"https?://(?!\w+\.example/)", page)  # only the sources' own links
    for section in ("Map", "Key developments by oblast", "Area gained by counter", "Talks and exchanges",
                    "Strikes and casualties", "Contradictions to watch", "Sources"):
        assert f"<h2>{section}</h2>" in page
    assert page.count("<path ") == 32 and "<circle " in page
    assert "Chasiv Yar" in page and "disputed" in page and "UK Ministry of Defence" in page


def test_markdown_report_cites_its_sources(invoke, db: Path, tmp_path: Path):
    out = tmp_path / "report.md"
    assert invoke("report", "--db", db, "--out", out, "--region", "Donetsk oblast").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Situation report") and "### Donetsk" in text
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    listed = re.findall(r"^(\d+)\. ", text.split("## Sources")[1], flags=re.MULTILINE)
    assert cited and cited == {int(n) for n in listed}


def test_report_needs_a_known_extension(invoke, db: Path, tmp_path: Path):
    result = invoke("report", "--db", db, "--out", tmp_path / "report.pdf")
    assert result.exit_code == 2 and "name the report .html or .md" in result.output


def test_hostile_sources_are_inert_in_the_report(invoke, tmp_path: Path):
    article = tmp_path / "hostile.txt"
    article.write_text("url: javascript:alert(document.domain)\noutlet: <img src=x onerror=alert(1)>\n"
                       "published: 2025-05-06\n\nRussian forces shelled Kherson on Monday, killing two people, "
                       "the regional governor <script>alert(2)</script> said.\n", encoding="utf-8")
    db, out = tmp_path / "hostile.db", tmp_path / "report.html"
    assert invoke("ingest", article, "--db", db, "--parser", "none").exit_code == 0
    assert invoke("report", "--db", db, "--out", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Kherson" in page
    assert "javascript:" in page and 'href="javascript:' not in page  # shown, not linked
    assert "<script" not in page and "<img" not in page and "&lt;img src=x" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    markdown = tmp_path / "report.md"
    assert invoke("report", "--db", db, "--out", markdown).exit_code == 0
    assert "<javascript:" not in markdown.read_text(encoding="utf-8")
