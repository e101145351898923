"""The ledger commands as a user runs them: shapes of table, JSON and CSV output, filters, messages."""

import csv
import io
import json
from pathlib import Path

import pytest


@pytest.fixture
def db(ledger_db: Path) -> Path:
    return ledger_db


@pytest.mark.parametrize("command", [["events"], ["places"], ["control", "Chasiv Yar"], ["gains"], ["talks"],
                                     ["sources"], ["contradictions"]])
def test_every_command_prints_table_json_and_csv(invoke, db: Path, command: list[str]):
    as_json = json.loads(invoke(*command, "--db", db, "--format", "json").output)
    as_csv = list(csv.DictReader(io.StringIO(invoke(*command, "--db", db, "--format", "csv").output)))
    table = invoke(*command, "--db", db).output.splitlines()
    assert len(as_json) == len(as_csv) == len(table) - 1
    if as_json:
        assert set(as_csv[0]) == set(as_json[0])


def test_filters_narrow_the_events(invoke, db: Path):
    every = json.loads(invoke("events", "--db", db, "--format", "json").output)
    captures = json.loads(invoke("events", "--db", db, "--type", "control_claim", "--format", "json").output)
    by_ukraine = json.loads(invoke("events", "--db", db, "--side", "UA", "--format", "json").output)
    assert len(every) > len(captures) >= 1
    assert {e["type"] for e in captures} == {"control_claim"}
    assert all("UA" in e["sides"] for e in by_ukraine)
    none = json.loads(invoke("events", "--db", db, "--until", "2020-01-01", "--format", "json").output)
    assert none == []


def test_user_errors_say_what_to_do(invoke, db: Path, tmp_path: Path):
    missing = invoke("events", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1 and "no store here" in missing.output
    assert not (tmp_path / "none.db").exists()
    bad = invoke("gains", "--db", db, "--since", "March")
    assert bad.exit_code == 2 and "'March' is not a date; write it as YYYY-MM-DD" in bad.output
    nothing = invoke("control", "Atlantis", "--db", db)
    assert nothing.exit_code == 0 and "no control claims for 'Atlantis'" in nothing.output


def test_events_with_their_claims(invoke, db: Path):
    nested = json.loads(invoke("events", "--db", db, "--claims", "--type", "control_claim", "--format", "json").output)
    [capture] = [e for e in nested if e["place"] == "Chasiv Yar"]
    assert len(capture["claims"]) == 4  # in JSON the count gives way to the claims themselves
    assert {c["certainty"] for c in capture["claims"]} == {"claimed", "denied"}
    flat = list(csv.DictReader(io.StringIO(invoke("events", "--db", db, "--claims", "--type", "control_claim",
                                                  "--format", "csv").output)))
    assert sum(r["place"] == "Chasiv Yar" for r in flat) == 4 and "claim_evidence" in flat[0]
    table = invoke("events", "--db", db, "--claims", "--type", "control_claim").output
    assert "denied" in table and "[b_kyivledger_denial]" in table
