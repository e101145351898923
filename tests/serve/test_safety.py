"""What strangers write stays text: hostile article text, titles, outlets and claimant names render inert in a
real browser; injection strings in every filter are only data; static files do not leave their folder; the API
answers while an ingest writes to the same store."""

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sitrep.ingest import ingest
from sitrep.ledger.check import problems
from sitrep.options import Options
from sitrep.serve import create_app
from sitrep.store import Store
from tests.conftest import LEDGER
from tests.serve.conftest import load, server_for
from tests.wire import write_jsonl

HOSTILE = """url: https://evil.example/x?<script>window.__pwned=1</script>
outlet: <img src=x onerror="window.__pwned=2">Evil Wire
published: 2025-07-31
title: <script>window.__pwned=3</script>Chasiv Yar captured

<svg onload="window.__pwned=4">Mr <b onmouseover="window.__pwned=5">Evil</b></svg> Ivanov, a Russian official, \
said on Thursday that Russian troops had captured Chasiv Yar in the Donetsk region \
<script>window.__pwned=6</script> and raised a flag <a href="javascript:window.__pwned=7">there</a>.
"""
INJECTIONS = ("' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "Chasiv' UNION SELECT * FROM documents --",
              "NEAR(", "\x00", "*")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "hostile.db"
    with Store.open(db) as store:
        summary = ingest([str(folder / "hostile.txt"), str(LEDGER)], store, Options())
    assert summary.failed == 0
    return db


def test_hostile_text_renders_as_text_and_runs_nothing(hostile_db: Path, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    with server_for(hostile_db) as url:
        load(browser, url + "/?type=control_claim#events")
        shown = []
        for circle in browser.find_elements("css selector", "#map circle.event"):
            circle.click()
            WebDriverWait(browser, 10).until(lambda b: b.find_elements("css selector", "#event-panel mark.evidence"))
            shown.append(browser.execute_script("return document.getElementById('event-panel').innerText"))
            assert not browser.find_elements("css selector", "#event-panel script, #event-panel img, "
                                                             "#event-panel svg, #event-panel a")
        assert any("Ivanov" in text for text in shown)  # the hostile article's claim was shown, as text
        for view in ("places", "sources", "contradictions", "talks", "gains"):
            load(browser, f"{url}/#{view}")
            assert not browser.find_elements("css selector", f"#view-{view} script, #view-{view} img")
        assert browser.execute_script("return window.__pwned") is None


def test_injection_strings_in_every_filter_are_only_data(hostile_db: Path):
    with TestClient(create_app(str(hostile_db))) as client:
        before = client.get("/api/events").json()["total"]
        for value in INJECTIONS:
            for name in ("outlet", "place", "text"):
                for path in ("/api/events", "/api/places", "/api/timeline", "/api/gains", "/api/talks", "/api/sources",
                             "/api/contradictions"):
                    response = client.get(path, params={name: value})
                    assert response.status_code in (200, 422), (path, name, value, response.text)
            assert client.get("/api/control", params={"name": value}).status_code == 200
        assert client.get("/api/events").json()["total"] == before


def test_static_files_do_not_leave_their_folder(hostile_db: Path):
    with TestClient(create_app(str(hostile_db))) as client:
        for path in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2fetc%2fpasswd"):
            response = client.get(path)
            assert response.status_code in (400, 404), path
            assert "root:" not in response.text


def test_the_server_answers_while_an_ingest_process_writes(tmp_path: Path):
    db = tmp_path / "busy.db"
    with Store.open(db) as store:
        ingest([str(LEDGER)], store, Options())
    corpus = write_jsonl(tmp_path / "wire.jsonl", 300)
    writer = subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "--parser", "none",
                               "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    totals, answers = [], 0
    with server_for(db) as url, httpx.Client(base_url=url, timeout=30) as client:
        while writer.poll() is None:
            for path in ("/api/events?limit=50", "/api/timeline", "/api/places", "/api/sources"):
                response = client.get(path)
                assert response.status_code == 200, response.text
                answers += 1
            totals.append(client.get("/api/events", params={"limit": 1}).json()["total"])
        out, err = writer.communicate()
        final = client.get("/api/events").json()["total"]
    assert writer.returncode == 0, err
    assert out.startswith("300 new")
    assert answers > 20 and len(set(totals)) > 2  # it answered many times, and saw the store grow
    assert totals == sorted(totals)  # only whole transactions are seen: counts never go back
    with Store.open(db) as store:
        assert problems(store.db) == []
        assert final == store.db.execute("SELECT count(*) FROM events").fetchone()[0]
