from pathlib import Path

from sitrep.errors import InputError
from tests.conftest import analyze_paths

PAGE = """<!doctype html><html><head><title>Strike on Odesa port | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Strike on Odesa port">
{date}
<link rel="canonical" href="https://harbourgazette.example/news/odesa-port">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="consent">This website uses cookies to improve your experience. <button>Accept all</button></div>
<article><h1>Strike on Odesa port</h1>
<p>Russian drones struck port infrastructure in Odesa overnight, the regional governor said on Tuesday.</p>
<p>- Advertisement -</p>
<p>Two workers were injured and a grain warehouse caught fire, he said in a statement on Telegram.</p>
<p>Air defence units shot down most of the drones, according to the air force.</p></article>
<section class="comments"><h3>Comments (1)</h3><p>Stay strong, Odesa.</p></section>
<footer>© 2025 Harbour Gazette. All rights reserved.</footer></body></html>"""


def write(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    f = tmp_path / name
    f.write_text(html, encoding="utf-8")
    return f


def test_metadata_from_markup(tmp_path: Path):
    page = PAGE.format(date='<meta property="article:published_time" content="2025-03-04T07:10:00+02:00">')
    [doc] = analyze_paths(write(tmp_path, page))
    assert doc.title == "Strike on Odesa port"
    assert doc.published == "2025-03-04"
    assert doc.outlet == "Harbour Gazette"
    assert doc.url == "https://harbourgazette.example/news/odesa-port"
    assert doc.provenance["published"] == "html-meta"
    assert "grain warehouse caught fire" in doc.text
    assert "Advertisement" not in doc.text and "cookies" not in doc.text and "Stay strong" not in doc.text


def test_page_without_a_date_has_none(tmp_path: Path):
    [doc] = analyze_paths(write(tmp_path, PAGE.format(date="")))
    assert doc.published is None


def test_html_without_article_text_is_an_error(tmp_path: Path):
    [err] = analyze_paths(write(tmp_path, "<html><body><script>app()</script></body></html>"))
    assert isinstance(err, InputError) and "without article text" in err.message


def test_html_without_extension_is_sniffed(tmp_path: Path):
    page = PAGE.format(date="")
    [doc] = analyze_paths(write(tmp_path, page, name="saved_page"))
    assert doc.outlet == "Harbour Gazette"
