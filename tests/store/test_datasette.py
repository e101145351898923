"""The store opens in Datasette, and its events_map view has the columns a map plugin places rows by."""

import asyncio
from pathlib import Path

from sitrep.ingest import ingest
from sitrep.options import Options
from sitrep.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "ledger"


def test_events_map_view_in_datasette(tmp_path: Path):
    from datasette.app import Datasette

    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        ingest([str(DATA)], store, Options())
        expected = store.db.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]

    async def rows() -> list[dict]:
        response = await Datasette([str(db)]).client.get("/ledger/events_map.json?_shape=array&latitude__notblank=1")
        assert response.status_code == 200, response.text
        return response.json()

    found = asyncio.run(rows())
    assert len(found) == expected > 0
    [capture] = [r for r in found if r["type"] == "control_claim"]
    assert capture["place"] == "Chasiv Yar" and 48 < capture["latitude"] < 49 and 37 < capture["longitude"] < 38
    assert "Institute for the Study of War" in capture["claimants"]
