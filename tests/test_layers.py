"""The package's floors hold: each part imports only what is below it (docs/ARCHITECTURE.md), no two parts import
each other, and the outputs never load the language stack.

Read from the source with ast, so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sitrep"

FLOORS = {
    "bottom": ("__init__", "document", "options", "errors", "offsets", "registry", "vocab", "claimants"),
    "analysis": ("readers", "clean", "meta", "segment", "syntax", "timex", "claims", "events", "quantities", "places",
                 "pipeline"),
    "store": ("store",),
    "ledger": ("ledger",),
    "outputs": ("export", "report", "serve", "ingest", "batch"),
    "top": ("cli", "__main__"),
}
"""Each part of the package (a top-level module or package) on its floor, lowest first."""
FLOOR = {part: level for level, parts in enumerate(FLOORS.values()) for part in parts}
LANGUAGE_STACK = ("spacy", "sitrep.events", "sitrep.claims", "sitrep.places.recognize", "sitrep.timex", "sitrep.syntax")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The sitrep modules a file imports, anywhere in it, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "sitrep")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] == "sitrep":
                found.update(f"{base}.{a.name}" if base == "sitrep" else base for a in node.names)
    return found


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def graph() -> dict[str, set[str]]:
    """Part -> the other parts it imports."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = part(module_name(path))
        for target in imports(path):
            if part(target) != source:
                edges[source].add(part(target))
    return edges


def test_every_part_of_the_package_has_a_floor():
    parts = {part(module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert parts - set(FLOOR) == set()


def test_no_part_imports_from_a_higher_floor():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = part(module_name(path))
        for target in sorted(imports(path)):
            if FLOOR.get(part(target), -1) > FLOOR[source]:
                upward.append(f"{path.relative_to(PACKAGE)} ({source}) imports {target}")
    assert upward == []


def test_no_two_parts_import_each_other():
    edges = graph()
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == trail[0]:
                cycles.append(" -> ".join([*trail, nxt]))
            elif nxt not in trail and nxt > trail[0]:  # each cycle once, from its smallest part
                visit(nxt, [*trail, nxt])

    for start in sorted(edges):
        visit(start, [start])
    assert cycles == []


def test_no_module_imports_a_module_that_imports_it_back():
    """Within a package too: gazetteer.py reads a gazetteer, build.py makes one, and neither needs the other's
    importer."""
    edges = {module_name(p): {i for i in imports(p) if (PACKAGE.parent / (i.replace(".", "/") + ".py")).exists()
                              or (PACKAGE.parent / i.replace(".", "/") / "__init__.py").exists()}
             for p in PACKAGE.rglob("*.py")}
    mutual = sorted(f"{a} <-> {b}" for a, targets in edges.items() for b in targets
                    if a < b and a in edges.get(b, set()))
    assert mutual == []


def test_the_checker_sees_an_upward_import(tmp_path: Path):
    """The test above can fail: an import from the store into the ledger is found."""
    fake = tmp_path / "sitrep" / "store"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("from sitrep.ledger import link\n", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "sitrep"
    try:
        found = imports(fake / "__init__.py")
    finally:
        PACKAGE = saved
    assert found == {"sitrep.ledger"} and FLOOR[part("sitrep.ledger")] > FLOOR["store"]


@pytest.mark.parametrize("module", ["sitrep.serve", "sitrep.export", "sitrep.ledger", "sitrep.report",
                                    "sitrep.ledger.views", "sitrep.ledger.check"])
def test_the_outputs_and_the_ledger_load_no_language_stack(module: str):
    probe = (f"import sys, {module}\n"
             f"print(' '.join(m for m in {LANGUAGE_STACK!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
