#!/usr/bin/env python3
"""Sanity checks for the cleaning fixtures in this directory.

Every ``NAME.expect.json`` must have exactly one page ``NAME.txt`` or
``NAME.html`` next to it, and the expectation must be consistent with the
page:

* the JSON has exactly the keys title, published, outlet, keep, drop;
* ``published`` is null or a valid ``YYYY-MM-DD`` date;
* ``title`` and ``outlet`` (when not null) occur verbatim in the page;
* every ``keep`` sentence and every ``drop`` string occurs verbatim
  (character for character, case-sensitive) in the page file;
* for HTML pages, every ``keep`` sentence lies inside a single text node
  (no markup or character entity in the middle of a sentence);
* no ``drop`` string is a substring of a ``keep`` sentence or of the title,
  and no ``keep`` sentence is a substring of a ``drop`` string (otherwise no
  cleaner could satisfy both lists);
* ``keep`` has 4-10 entries, no duplicates, and each entry looks like one
  sentence (ends with sentence punctuation, no internal ". Capital" break);
* every URL in the page uses a ``.example`` host (schema.org / w3.org
  vocabulary identifiers excepted); HTML pages are < 12 KB.

Usage:
    python check_fixtures.py             # run the checks, exit 1 on failure
    python check_fixtures.py --coverage  # also list page lines / text nodes
                                         # covered by neither keep, drop nor
                                         # title (for reviewing fixtures)
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"title", "published", "outlet", "keep", "drop"}
MAX_HTML_BYTES = 12 * 1024
SENT_END = re.compile(r"[.!?][\"”’)]?$")
INNER_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z“\"]")
URL = re.compile(r"https?://([^/\s\"'<>]+)")
# vocabulary identifiers, not links to a real site
URL_HOST_ALLOW = {"schema.org", "www.w3.org"}


class _TextNodes(HTMLParser):
    """Collects the text nodes of an HTML document (script/style excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(data)


def text_nodes(markup: str) -> list[str]:
    p = _TextNodes()
    p.feed(markup)
    p.close()
    return p.nodes


def check_pair(expect_path: Path, coverage: bool) -> list[str]:
    errors: list[str] = []
    name = expect_path.name[: -len(".expect.json")]
    pages = [p for p in (HERE / f"{name}.txt", HERE / f"{name}.html") if p.exists()]
    if len(pages) != 1:
        return [f"{name}: expected exactly one of {name}.txt / {name}.html, found {len(pages)}"]
    page = pages[0]
    raw = page.read_text(encoding="utf-8")
    is_html = page.suffix == ".html"

    try:
        exp = json.loads(expect_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [f"{name}: invalid JSON: {e}"]
    if not isinstance(exp, dict) or set(exp) != KEYS:
        got = sorted(exp) if isinstance(exp, dict) else type(exp)
        return [f"{name}: keys must be exactly {sorted(KEYS)}, got {got}"]

    title, published, outlet = exp["title"], exp["published"], exp["outlet"]
    keep, drop = exp["keep"], exp["drop"]

    for field, val in (("title", title), ("outlet", outlet)):
        if val is None:
            continue
        if not isinstance(val, str) or not val.strip():
            errors.append(f"{name}: {field} must be a non-empty string or null")
        elif val not in raw and val not in html.unescape(raw):
            errors.append(f"{name}: {field} {val!r} not found verbatim in {page.name}")

    if published is not None:
        if not (isinstance(published, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)):
            errors.append(f"{name}: published must be YYYY-MM-DD or null, got {published!r}")
        else:
            try:
                _dt.date.fromisoformat(published)
            except ValueError:
                errors.append(f"{name}: published {published!r} is not a valid date")

    for field, lst in (("keep", keep), ("drop", drop)):
        if not isinstance(lst, list) or not all(isinstance(s, str) and s.strip() for s in lst):
            errors.append(f"{name}: {field} must be a list of non-empty strings")
            return errors
        dupes = {s for s in lst if lst.count(s) > 1}
        if dupes:
            errors.append(f"{name}: duplicate {field} entries: {sorted(dupes)}")
        for s in lst:
            if s != s.strip():
                errors.append(f"{name}: {field} entry has surrounding whitespace: {s!r}")
            if s not in raw:
                errors.append(f"{name}: {field} entry not found verbatim in {page.name}: {s!r}")

    if not 4 <= len(keep) <= 10:
        errors.append(f"{name}: keep has {len(keep)} sentences, expected 4-10")

    for s in keep:
        if not SENT_END.search(s):
            errors.append(f"{name}: keep entry does not end like a sentence: {s!r}")
        if INNER_BREAK.search(s):
            errors.append(f"{name}: keep entry looks like more than one sentence: {s!r}")

    for d in drop:
        for s in keep:
            if d in s:
                errors.append(f"{name}: drop {d!r} occurs inside keep sentence {s!r}")
            if s in d:
                errors.append(f"{name}: keep sentence {s!r} occurs inside drop {d!r}")
        if title and d in title:
            errors.append(f"{name}: drop {d!r} occurs inside the title")

    for host in URL.findall(raw):
        h = host.lower().split(":")[0]
        if h not in URL_HOST_ALLOW and not h.endswith(".example"):
            errors.append(f"{name}: URL host {host!r} is not a .example domain")

    if is_html:
        size = len(raw.encode("utf-8"))
        if size >= MAX_HTML_BYTES:
            errors.append(f"{name}: HTML page is {size} bytes (limit {MAX_HTML_BYTES})")
        nodes = text_nodes(raw)
        for s in keep:
            if not any(s in n for n in nodes):
                errors.append(f"{name}: keep sentence is not inside a single HTML text node: {s!r}")

    if coverage:
        units = text_nodes(raw) if is_html else raw.splitlines()
        known = list(keep) + list(drop) + ([title] if title else [])
        for u in units:
            rest = u
            for k in sorted(known, key=len, reverse=True):
                rest = rest.replace(k, "")
            if rest.strip(" \t-–—•|>›·"):
                print(f"  [{name}] uncovered: {u.strip()[:110]!r}")

    return errors


def main(argv: list[str]) -> int:
    coverage = "--coverage" in argv
    expects = sorted(HERE.glob("*.expect.json"))
    errors: list[str] = []
    if not expects:
        errors.append("no *.expect.json files found")
    for e in expects:
        errors.extend(check_pair(e, coverage))
    paired = {e.name[: -len(".expect.json")] for e in expects}
    for p in sorted(HERE.iterdir()):
        if p.suffix in (".txt", ".html") and p.stem not in paired:
            errors.append(f"{p.name}: page without {p.stem}.expect.json")
    for err in errors:
        print("FAIL", err)
    print(f"{len(expects)} fixture pairs checked, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
