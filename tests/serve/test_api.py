"""The JSON API: every endpoint and filter over the ledger of tests/data/ledger, errors as 4xx with a reason,
and schemathesis against the OpenAPI description finding no server error."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.ingest import ingest
from sitrep.options import Options
from sitrep.serve import create_app
from sitrep.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "ledger"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("api") / "api.db"
    with Store.open(db) as store:
        ingest([str(DATA)], store, Options())
    return create_app(str(db))


@pytest.fixture(scope="module")
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def get(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_page_and_filter(client: TestClient):
    every = get(client, "/api/events")
    assert every["total"] == len(every["items"]) >= 2 and every["offset"] == 0
    second = get(client, "/api/events", limit=1, offset=1)
    assert second["items"] == every["items"][1:2] and second["total"] == every["total"]
    for name, value, check in [("type", "control_claim", lambda e: e["type"] == "control_claim"),
                               ("actor", "RU", lambda e: e["actor"] == "RU"),
                               ("side", "UA", lambda e: "UA" in e["sides"]),
                               ("outlet", "Kyiv Ledger", lambda e: True),
                               ("place", "Chasov Yar", lambda e: e["place"] == "Chasiv Yar"),
                               ("text", "geolocated footage", lambda e: True),
                               ("since", "2025-07-01", lambda e: (e["date_start"] or e["first_published"]) >= "2025-07-01"),
                               ("until", "2025-07-31", lambda e: True)]:
        found = get(client, "/api/events", **{name: value})["items"]
        assert found and all(map(check, found)), name
        assert len(found) <= every["total"]
    assert get(client, "/api/events", until="2020-01-01")["items"] == []


def test_an_event_its_claims_and_their_documents(client: TestClient):
    [capture] = get(client, "/api/events", type="control_claim", place="Chasiv Yar")["items"]
    detail = get(client, f"/api/events/{capture['id']}")
    assert detail["event"]["id"] == capture["id"] and len(detail["claims"]) == 4
    claim = detail["claims"][0]
    document = get(client, f"/api/documents/{claim['document_id']}")
    assert document["text"][claim["start"]:claim["end"]] == claim["evidence"]
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/documents/999999").status_code == 404


def test_the_other_views(client: TestClient):
    assert get(client, "/api/timeline", type="control_claim")["days"][0] == {
        "date": "2025-07-31", "type": "control_claim", "events": 1}
    assert any(p["place"] == "Chasiv Yar" for p in get(client, "/api/places")["items"])
    assert len(get(client, "/api/control", name="Chasiv Yar", type="control_claim")["items"]) == 4
    assert {r["counter"] for r in get(client, "/api/gains")["items"]} == {"Institute for the Study of War",
                                                                           "UK Ministry of Defence"}
    assert get(client, "/api/gains", measure="killed")["items"] == []
    assert get(client, "/api/talks")["total"] == 0
    assert {r["outlet"] for r in get(client, "/api/sources")["items"]} >= {"Kyiv Ledger", "Volga Herald"}
    assert {r["kind"] for r in get(client, "/api/contradictions")["items"]} == {"control", "figure"}
    outlines = get(client, "/api/outlines")
    assert outlines["type"] == "FeatureCollection" and len(outlines["features"]) == 32


def test_bad_requests_say_why(client: TestClient):
    assert client.get("/api/events", params={"since": "March"}).status_code == 422
    assert client.get("/api/events", params={"type": "riot"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/control").status_code == 422


def test_the_dashboard_and_its_assets_are_served_from_the_package(client: TestClient):
    page = client.get("/")
    assert page.status_code == 200 and "/static/sitrep.js" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    for asset in ("/static/sitrep.js", "/static/sitrep.css"):
        response = client.get(asset)
        assert response.status_code == 200 and "https://" not in response.text


def test_a_missing_store_is_503_with_what_to_do(tmp_path: Path):
    with TestClient(create_app(str(tmp_path / "none.db"))) as c:
        response = c.get("/api/events")
    assert response.status_code == 503 and "no store here" in response.json()["detail"]


def test_schemathesis_finds_no_server_error(app):
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    failures, calls = [], []
    for operation in schema.get_all_operations():
        op = operation.ok()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def check(case):
            response = case.call()
            calls.append(case.formatted_path)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

        check()
    assert failures == []
    assert {path.split("/")[2] for path in calls} >= {"events", "documents", "timeline", "places", "control", "gains",
                                                      "talks", "sources", "contradictions", "outlines"}


def test_ids_out_of_range_are_client_errors(client: TestClient):
    assert client.get(f"/api/events/{2**70}").status_code == 422
    assert client.get("/api/documents/0").status_code == 422


def test_the_last_page_of_places_near_the_largest_offset_is_empty_not_an_error(client: TestClient):
    answer = client.get("/api/places", params={"limit": 100, "offset": 2**63 - 100, "type": "negotiation"})
    assert answer.status_code == 200 and answer.json()["items"] == []


def test_every_response_carries_a_strict_content_security_policy(client: TestClient):
    for path in ("/", "/static/sitrep.js", "/api/events"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy and "unsafe-inline" not in policy
