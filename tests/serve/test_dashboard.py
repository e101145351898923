"""The dashboard in headless Chromium against `sitrep serve` on the demo store: map, filters, timeline, table
and the evidence of an event, with no request leaving localhost. Screenshots go to out/screenshots/."""

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian's chromium and chromium-driver are not installed; `make test-deps` "
                                       "installs them")
SHOTS = ROOT / "out" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sitrep.ingest import ingest
    from sitrep.options import Options
    from sitrep.serve import create_app
    from sitrep.store import Store

    db = tmp_path_factory.mktemp("serve") / "demo.db"
    with Store.open(db) as store:
        ingest([str(ROOT / "examples" / "corpus")], store, Options())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1100",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def load(browser, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 20).until(lambda b: b.execute_script(
        "return document.readyState === 'complete' && !document.body.dataset.loading && "
        "document.querySelectorAll('#map path.oblast').length + document.querySelectorAll('table tr').length > 0"))
    time.sleep(0.3)


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
