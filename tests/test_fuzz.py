"""Property tests over every fuzz target (fuzz/targets.py), with inputs shaped like what sitrep reads: articles
built from wire-style word lists, HTML with random nesting and broken tags, JSON lines with wrong types, and
bytes of any kind. Each example must finish within its target's time bound. The last test runs the atheris
fuzzer briefly over every target (`make fuzz` runs it in full); the regressions are inputs the fuzzing found.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from fuzz.seeds import seeds
from fuzz.targets import TARGETS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = ("Russian forces", "Ukrainian troops", "The Defence Ministry", "Kyiv", "Moscow", "the governor", "It",
            "A drone", "Officials", "The brigade")
VERBS = ("captured", "shelled", "repelled", "advanced near", "struck", "said it took", "claimed control of",
         "denied losing", "pushed back from", "exchanged prisoners with")
PLACES = ("Kupiansk", "the village of Novoselivka", "Donetsk region", "Kharkiv", "Pokrovsk", "Kursk oblast",
          "Zaporizhzhia", "the Siversk direction", "Odesa", "Sudzha")
WHEN = ("on Monday", "overnight", "in late May", "since February 2022", "three weeks ago", "on May 16, 2025",
        "over the past 24 hours", "in the coming days", "last weekend", "on 14.03.2025", "in mid-2024", "")
FIGURES = ("killing 12 civilians", "wounding at least 30", "gaining 480 square kilometers", "with 1,200 troops",
           "taking 150 prisoners", "advancing 2.5 km a day", "for a 30-day ceasefire", "twenty-eight people were injured",
           "9" * 40 + " troops", "1e308 km", "")
CHROME = ("Accept cookies", "Share", "Read also: Power cut in Dnipro", "Comments (2)", "user7 said:",
          "Published: 23.04.2025 11:42", "title: Front update", " date 2025-05", "https://example.org/2025/04/23/x",
          "© 2025 Northwire", "• • •", "Advertisement")
NOISE = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
"""Any characters (surrogates and controls included), spliced between the words."""


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = [draw(st.sampled_from(part)) for part in (SUBJECTS, VERBS, PLACES, WHEN, FIGURES)]
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(NOISE))
    return " ".join(w for w in words if w) + draw(st.sampled_from((".", "!", "", ",", ".\u201d", "...")))


ARTICLES = st.lists(st.one_of(sentences(), st.sampled_from(CHROME), NOISE), max_size=14).flatmap(
    lambda lines: st.lists(st.sampled_from(("\n", "\n\n", " ", "\r\n", "\xa0\n", "")), min_size=len(lines),
                           max_size=len(lines)).map(lambda seps: "".join(x + s for x, s in zip(lines, seps, strict=True))))
"""Article-like text: sentences and page chrome, joined by line breaks of every kind."""

TAGS = ("p", "div", "span", "article", "script", "style", "br", "table", "td", "li", "h1", "head", "body", "html",
        "time", "meta", "a", "svg", "template", "![CDATA[", "!--", "!doctype html", "?xml", "![if", "![x")


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.sampled_from(("", ' class="share"', ' datetime="2025-04-23"', ' content="2025-13-45"',
                                  ' href="/2025/04/23/x"', " x=", ' a="<p>"')))
    inner = "".join(draw(st.lists(children, max_size=4)))
    close = draw(st.sampled_from((f"</{tag}>", "", f"</{tag}", "</>", "</div></span>")))
    return f"<{tag}{attrs}>{inner}{close}"


HTML = st.recursive(st.one_of(sentences(), NOISE, st.sampled_from(("&amp;", "&#x41;", "&bogus;", "&#99999999;", "<", "]]>"))),
                    lambda children: _element(children), max_leaves=30)
"""HTML with random nesting, unclosed and stray tags, marked sections and bad entities."""

JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), sentences(),
                        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@st.composite
def json_lines(draw: st.DrawFn) -> bytes:
    """JSON Lines with fields of wrong types, broken lines, deep nesting and blank lines."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        record = draw(st.dictionaries(st.sampled_from(("text", "html", "id", "url", "published", "outlet", "title")),
                                      st.one_of(JSON_VALUES, sentences(), HTML), max_size=5))
        line = json.dumps(record) if draw(st.booleans()) else json.dumps(draw(JSON_VALUES))
        kind = draw(st.integers(0, 5))
        if kind == 1:
            line = line[: draw(st.integers(0, len(line)))]
        elif kind == 2:
            depth = draw(st.integers(1, 3000))
            line = "[" * depth + "]" * depth
        lines.append(line)
    return draw(st.sampled_from(("\n", "\r\n", "\n\n"))).join(lines).encode("utf-8", errors="surrogatepass")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


FIGURE_TEXT = st.tuples(st.sampled_from(("", "at least ", "killing ", "a ceasefire for ", "advanced ", "some ")),
                        st.integers(1, 700).map(lambda n: "9" * n), st.sampled_from(("", ",000", ".5", " to 12", " million")),
                        st.sampled_from((" troops", " years", " square kilometers", " km a day", " people were killed", "-for-3")))
"""Figures with digit runs of any length: past about 300 digits a float is infinite."""
BYTES = st.binary(max_size=600)
ENCODED = st.tuples(ARTICLES, st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_u", "latin-1", "gb18030"))).map(
    lambda pair: pair[0].encode(pair[1], errors="replace"))
"""Articles in the encodings news comes in, so the sniffer's detection is exercised, not only its refusals."""
MAGIC = st.sampled_from((b"\x89PNG\r\n\x1a\n", b"%PDF-", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\x1f\x8b", b""))


def _timex_input(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(st.binary(min_size=4, max_size=4), text).map(lambda pair: pair[0] + _utf8(pair[1]))


STRATEGIES: dict[str, st.SearchStrategy[bytes]] = {
    "text_reader": st.one_of(BYTES, ENCODED, ARTICLES.map(_utf8)),
    "jsonl_reader": st.one_of(BYTES, json_lines()),
    "html_reader": st.one_of(BYTES, HTML.map(_utf8)),
    "sniff": st.one_of(BYTES, ENCODED, st.tuples(MAGIC, BYTES).map(b"".join)),
    "read_source": st.one_of(BYTES, json_lines(), HTML.map(lambda h: _utf8("<!doctype html>" + h)), ENCODED),
    "clean": st.one_of(BYTES, ARTICLES.map(_utf8)),
    "dates": st.one_of(BYTES, ARTICLES.map(_utf8)),
    "timex": st.one_of(st.binary(max_size=300), _timex_input(ARTICLES)),
    "quantities": st.one_of(BYTES, sentences().map(_utf8), FIGURE_TEXT.map(lambda parts: _utf8("".join(parts)))),
    "analyze": st.one_of(ARTICLES.map(_utf8), BYTES),
    "analyze_parsed": ARTICLES.map(_utf8),
}
EXAMPLES = {"html_reader": 150, "read_source": 200, "jsonl_reader": 200, "analyze": 150, "analyze_parsed": 60}
"""Examples per target, fewer for the slow ones, so the file runs in about a minute."""


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load spaCy's model, the gazetteer and trafilatura once, so no example pays for that in its time bound."""
    for name, target in TARGETS.items():
        target.function(seeds(name)[0])


@pytest.mark.parametrize("name", list(TARGETS))
def test_target_holds_its_contract(name: str) -> None:
    target = TARGETS[name]

    @settings(max_examples=EXAMPLES.get(name, 300), deadline=timedelta(seconds=target.bound), database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(STRATEGIES[name])
    def check(data: bytes) -> None:
        target.function(data)

    check()


@pytest.mark.parametrize("name", list(TARGETS))
def test_seeds_hold_the_contract(name: str) -> None:
    for seed in seeds(name):
        TARGETS[name].function(seed)


REGRESSIONS = [
    ("text_reader", b"title: x\n\n"),  # a header and no text: read() raised InputError instead of yielding it
    ("jsonl_reader", b"[" * 2000),  # RecursionError out of json.loads
    ("jsonl_reader", b"1" * 4301),  # ValueError: an integer of over 4,300 digits
    ("html_reader", b"<![\t"),  # AssertionError out of html.parser on a malformed marked section
    ("quantities", b"9" * 400 + b" troops"),  # a figure of infinity (not JSON)
]


@pytest.mark.parametrize(("name", "data"), REGRESSIONS)
def test_regression(name: str, data: bytes) -> None:
    TARGETS[name].function(data)


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed (pip install atheris; "
                    "wheels exist for CPython on Linux and macOS)")
def test_atheris_short_run(tmp_path: Path) -> None:
    """Every target under the coverage-guided fuzzer for a few seconds: no crash, hang or input over its bound."""
    results = tmp_path / "fuzz.json"
    proc = subprocess.run([sys.executable, str(ROOT / "fuzz" / "run.py"), "--runs", "3000", "--seconds", "4", "--jobs", "2",
                           "--out", str(tmp_path / "out"), "--results", str(results)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, check=False)
    assert results.exists(), proc.stdout + proc.stderr
    figures = json.loads(results.read_text())["targets"]
    assert {t["target"] for t in figures} == set(TARGETS)
    for t in figures:
        assert t["inputs"] > 0, t
        assert (t["crashes"], t["timeouts"], t["over_bound"]) == (0, 0, 0), (t, proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
