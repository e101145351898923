"""The ledger over the sample articles of ../shared plus the demo corpus, through the commands a user runs."""

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from sitrep.cli import main

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "corpus"), str(SHARED / "corpus" / "seeds"),
                                       "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def rows(invoke, *args: str) -> list[dict]:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("place", ["Zorya", "Kondrativka", "Dachne", "Luhansk oblast"])
def test_control_lists_the_claims_with_claimant_and_date(invoke, db: Path, place: str):
    claims = [r for r in rows(invoke, "control", place, "--db", str(db)) if r["type"] == "control_claim"]
    assert claims, place
    assert all(r["claimant"] for r in claims)
    assert all(r["date"] or r["published"] or r["document"] for r in claims)


def test_gains_keep_each_counter_apart(invoke, db: Path):
    series = rows(invoke, "gains", "--db", str(db))
    isw = sorted((r["period_start"], r["value"]) for r in series if r["counter"] == "Institute for the Study of War"
                 and r["period_start"] and "2025-03-01" <= r["period_start"] <= "2025-06-01")
    assert [p for p, _ in isw] == ["2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"]
    assert any(r["counter"] == "Andrei Belousov" and r["value"] == 880 for r in series)


def test_talks_list_the_istanbul_round_of_2_june_2025(invoke, db: Path):
    talks = rows(invoke, "talks", "--db", str(db))
    assert any(r["date"] == "2025-06-02" and r["place"] == "Istanbul" and r["type"] == "negotiation" for r in talks)
