"""The dashboard in headless Chromium against `sitrep serve` on the demo store: map, filters, timeline, table
and the evidence of an event, with no request leaving localhost. Screenshots go to out/screenshots/."""

import json
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT
from tests.serve.conftest import CHROMIUM, DRIVER, load, server_for

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian's chromium and chromium-driver are not installed; `make test-deps` "
                                       "installs them")
SHOTS = ROOT / "out" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from sitrep.ingest import ingest
    from sitrep.options import Options
    from sitrep.store import Store

    db = tmp_path_factory.mktemp("serve") / "demo.db"
    with Store.open(db) as store:
        ingest([str(ROOT / "examples" / "corpus")], store, Options())
    with server_for(db) as url:
        yield url


def shot(browser, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def requested_hosts(browser) -> set[str]:
    hosts = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("data:", "about:", "blob:")):
                hosts.add(urlparse(url).hostname)
    return hosts


def js(browser, script: str):
    return browser.execute_script(script)


def test_map_timeline_and_table_agree_under_filters(server: str, browser):
    load(browser, server + "/#events")
    assert js(browser, "return document.querySelectorAll('#map path.oblast').length") == 32
    markers = js(browser, "return document.querySelectorAll('#map circle.event').length")
    assert markers > 0
    shot(browser, "events")
    load(browser, server + "/?type=strike#events")
    types = js(browser, "return [...document.querySelectorAll('#map circle.event')].map(c => c.dataset.type)")
    bars = js(browser, "return [...document.querySelectorAll('#timeline rect.day')].map(r => r.dataset.type)")
    rows = js(browser, "return [...document.querySelectorAll('#events-table tr.clickable')].map(r => r.children[1].textContent)")
    assert types and set(types) == {"strike"} and set(bars) == {"strike"} and set(rows) == {"strike"}
    assert len(types) < markers and len(rows) >= len(types)
    shot(browser, "events-strikes")
    load(browser, server + "/?since=2025-03-01&until=2025-03-31#events")
    dates = js(browser, "return [...document.querySelectorAll('#events-table tr.clickable')].map(r => r.children[0].textContent)")
    assert dates and all(not d or "2025-03-01" <= d <= "2025-03-31" for d in dates)
    assert js(browser, "return document.querySelectorAll('#timeline rect.brush').length") == 1
    assert js(browser, "return document.querySelector('#filters [name=since]').value") == "2025-03-01"
    assert requested_hosts(browser) <= {"127.0.0.1"}


def test_clicking_an_event_shows_its_evidence_highlighted(server: str, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    load(browser, server + "/?type=control_claim#events")
    browser.find_element("css selector", "#map circle.event").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements("css selector", "#event-panel mark.evidence"))
    marked = js(browser, "return document.querySelector('#event-panel mark.evidence').textContent")
    event_id = js(browser, "return document.querySelector('#map circle.event.selected').dataset.id")
    detail = json.loads(browser.execute_script(f"return fetch('/api/events/{event_id}').then(r => r.text())"))
    assert marked in {c["evidence"] for c in detail["claims"]}
    shot(browser, "event-evidence")
    assert requested_hosts(browser) <= {"127.0.0.1"}


@pytest.mark.parametrize("view", ["places", "gains", "talks", "sources", "contradictions"])
def test_every_view_renders(server: str, browser, view: str):
    load(browser, f"{server}/#{view}")
    assert js(browser, f"return document.querySelector('#view-{view}').classList.contains('active')")
    assert js(browser, f"return document.querySelectorAll('#view-{view} table tr').length") >= 1
    shot(browser, view)
