"""The shared vocabulary: data/event_types.tsv loads, agrees with the event lexicon and the claimants, and is
the only list of the event types in the package."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from sitrep import vocab
from sitrep.export import formats

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sitrep"
ALLOWED_SITREP_IMPORTS = {"sitrep.errors", "sitrep.registry", "sitrep.document", "sitrep.offsets"}


def rows(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_event_types_file_loads_with_every_column_filled():
    types = vocab.event_types()
    assert len(types) >= 8 and len({t.name for t in types}) == len(types)
    assert vocab.types() == tuple(t.name for t in types)
    for t in types:
        assert all(getattr(t, field) for field in ("name", "acled_event_type", "acled_sub_event_type", "label")), t
        assert re.fullmatch(r"#[0-9a-f]{6}", t.colour), t
        assert t.acled_event_type in formats.DISORDER, t  # the export knows the ACLED disorder of it
        assert vocab.event_type(t.name) is t
    assert sorted(n for section in vocab.SECTIONS for n in vocab.in_section(section)) == sorted(vocab.types())


def test_what_the_types_mean_reads_from_the_file():
    assert vocab.needs_place("control_claim") and not vocab.needs_place("negotiation")
    assert vocab.has_actor("strike") and not vocab.has_actor("prisoner_exchange")
    assert vocab.acled("sabotage") == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert vocab.label("ground_fighting") == "ground fighting" and vocab.label("riot_police") == "riot police"
    assert vocab.colour("strike") == "#2c3e50" and vocab.colour("riot") == "#555"
    with pytest.raises(KeyError):
        vocab.event_type("riot")


def test_the_trigger_groups_of_the_event_lexicon_are_the_types_in_order():
    """data/events.tsv opens with one trigger group per type, before its first comment after a row; the
    groups after it (hypothetical, attempt, sides ...) are no types."""
    text = resources.files("sitrep").joinpath("data/events.tsv").read_text(encoding="utf-8")
    triggers: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            if triggers:
                break
            continue
        if line.strip():
            triggers.append(line.split("\t")[0])
    assert triggers == list(vocab.types())
    groups = {row[0] for row in rows("events.tsv")}
    assert set(vocab.types()) <= groups


def test_the_sides_are_those_the_claimants_have():
    assert {row[1] for row in rows("claimants.tsv")} == set(vocab.SIDES)
    assert set(vocab.FIGHTING) <= set(vocab.SIDES)
    assert all(vocab.OPPOSITE[vocab.OPPOSITE[side]] == side != vocab.OPPOSITE[side] for side in vocab.FIGHTING)


def test_vocab_imports_only_the_standard_library_and_the_bottom_of_the_package():
    found = set()
    for node in ast.walk(ast.parse((PACKAGE / "vocab.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update(f"{node.module}.{a.name}" if node.module == "sitrep" else node.module or "" for a in node.names)
    outside = {m for m in found if m.split(".")[0] not in sys.stdlib_module_names and m != "__future__"}
    assert outside <= ALLOWED_SITREP_IMPORTS
    probe = "import sys, sitrep.vocab; print(*(m for m in sys.modules if m.startswith(('sitrep.', 'spacy'))))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert "sitrep.vocab" in loaded and set(loaded) - {"sitrep.vocab"} <= ALLOWED_SITREP_IMPORTS


NAMES = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, vocab.types())) + r")(?!\w)")
INNERMOST = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|<select\b[^>]*>(?:(?!</?select\b).)*</select>", re.DOTALL)


def lists_of_types(text: str) -> list[str]:
    """The places in a text that list three or more event types: a line, or a bracketed group (a tuple, a
    dict, a Literal, a JS object, an HTML select), innermost groups first so nesting hides none."""
    found = [line.strip() for line in text.splitlines() if len(set(NAMES.findall(line))) >= 3]
    while True:
        groups = list(INNERMOST.finditer(text))
        if not groups:
            return found
        found += [g.group(0) for g in groups if len(set(NAMES.findall(g.group(0)))) >= 3]
        text = INNERMOST.sub(lambda m: "@" + " ".join(NAMES.findall(m.group(0))) + "@", text)  # names stay


@pytest.mark.parametrize("text", [
    'EVENT_TYPES = ("control_claim", "advance", "ground_fighting", "strike", "sabotage",\n    "buildup")',
    'COLORS = {control_claim: "#c0392b",\n  advance: "#e67e22",\n  strike: "#2c3e50"};',
    '[("control_claim", "#c0392b"), ("advance", "#e67e22"),\n ("strike", "#2c3e50")]',
    '<select name="type">\n<option>control_claim</option>\n<option>advance</option>\n<option>strike</option>\n</select>',
    '    if kind in ("control_claim", "advance", "buildup") and side:',
    'T = {"negotiation": {"colour": "#2980b9"}, "prisoner_exchange": {"colour": "#27ae60"},\n'
    '     "strike": {"colour": "#2c3e50"}}',
])
def test_the_scan_finds_a_list_of_types(text: str):
    assert lists_of_types(text)


def test_the_scan_leaves_logic_about_one_or_two_types_alone():
    text = ('if kind == "ground_fighting" and airborne:\n    strike_types = ("strike", "sabotage")\n'
            'x = [k for k in ("negotiation",)]\n# a strikes, advances and sabotage comment\n')
    assert lists_of_types(text) == []


def test_no_file_of_the_package_but_the_data_file_lists_the_types():
    listed = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".js", ".html", ".css"):
            found = lists_of_types(path.read_text(encoding="utf-8"))
            if found:
                listed[str(path.relative_to(PACKAGE))] = found
    assert listed == {}, "read the types from sitrep.vocab (data/event_types.tsv) instead"


def test_the_server_gives_the_dashboard_the_types_in_order_with_their_colours(tmp_path: Path):
    """The dashboard has no list of its own: its type filter, legend and colours come from /api/types."""
    from fastapi.testclient import TestClient

    from sitrep.serve import create_app

    with TestClient(create_app(str(tmp_path / "none.db"))) as client:  # no store needed
        served = client.get("/api/types").json()
        schema = client.get("/api/openapi.json").json()
    assert served == [{"type": t.name, "label": t.label, "colour": t.colour} for t in vocab.event_types()]
    [param] = [p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "type"]
    assert param["schema"]["anyOf"][0]["enum"] == list(vocab.types())  # the filter takes these and no other


def test_the_event_lexicon_names_the_sides_only_through_sides_tsv():
    """events.tsv says {demonym}, {country}, {seat}; the words themselves live in data/sides.tsv alone, so a new
    theater changes one file."""
    lexicon = (PACKAGE / "data" / "events.tsv").read_text(encoding="utf-8")
    rows = "\n".join(line.split("\t", 1)[1] for line in lexicon.splitlines() if line and not line.startswith("#"))
    words = {w.lower() for use in vocab.SIDE_PLACEHOLDERS for _side, p in vocab.side_words(use)
             for w in p.pattern.split("|")}
    assert words >= {"russian", "ukraine", "moscow"}
    assert not [w for w in words if re.search(rf"\b{w}\b", rows, re.IGNORECASE)]
    assert "{demonym}" in rows and "russian" in vocab.with_sides("{demonym} captivity").lower()
