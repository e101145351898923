"""Shared fixtures: the CLI runner, temporary stores, and ../shared where it exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep import pipeline, readers
from sitrep.cli import main
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples" / "corpus"

# One default gazetteer for the whole suite, kept between runs (it takes half a minute to build and is rebuilt
# when the code that builds it changes). Tests that install the full tier use a home of their own.
os.environ["SITREP_HOME"] = str(ROOT / ".cache" / "sitrep-home")
os.environ.pop("SITREP_GAZETTEER", None)

LEDGER = DATA / "ledger"
"""Articles written for the ledger's tests: one capture told by both sides, a denial, a reprint, two counters."""

needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                                  reason="../shared (sample articles and gold annotations) is absent")


def analyze_paths(*paths: str | Path, options: Options | None = None) -> list[Document | InputError]:
    """Read and analyse inputs the way `sitrep analyze` does."""
    options = options or Options()
    return list(pipeline.analyze_all(readers.read([str(p) for p in paths], options), options))


def analyze_text(text: str, name: str = "doc.txt", tmp_path: Path | None = None) -> Document:
    """Analyse one text as if read from a .txt file."""
    doc = readers.text.TextReader().document(Path(name).stem, name, text)
    return pipeline.analyze(doc, Options())


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(cli: CliRunner):
    def run(*args: str, input: str | bytes | None = None):
        return cli.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return run


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the articles of tests/data/ledger ingested, as `sitrep ingest` makes it; for tests that
    only read it."""
    path = tmp_path_factory.mktemp("ledger") / "ledger.db"
    result = CliRunner().invoke(main, ["ingest", str(LEDGER), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path
