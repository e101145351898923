"""The ledger across documents, on articles written for these tests (tests/data/ledger): one capture told by
outlets of both sides with other wording, spelling and dates, a denial, a reprint with other page chrome, and
two counters of one month."""

import shutil
from pathlib import Path

import pytest

from sitrep import ledger
from sitrep.ingest import ingest
from sitrep.ledger import copies, views
from sitrep.options import Options
from sitrep.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "ledger"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("ledger") / "ledger.db"
    store = Store.open(path)
    summary = ingest([str(DATA)], store, Options())
    assert (summary.new, summary.failed) == (6, 0)
    yield store
    store.close()


def capture_of_chasiv_yar(store: Store) -> dict:
    found = [e for e in views.events(store.db, views.Filter(type="control_claim", place="Chasiv Yar"))]
    assert len(found) == 1, found
    return found[0]


def test_one_capture_told_four_times_is_one_event_with_three_independent_sources(store: Store):
    event = capture_of_chasiv_yar(store)
    assert event["claims"] == 4  # the ministry, the General Staff's denial, ISW, and ISW again in the reprint
    assert event["sources"] == 3  # the reprint is a copy of the agency story, not a fourth source
    assert event["outlets"] == 4
    assert event["date_start"] == "2025-07-31"
    assert event["status"] == "disputed"
    assert {c["claimant"] for c in views.event_claims(store.db, event["id"])} == {
        "Russian Ministry of Defence", "General Staff of the Armed Forces of Ukraine", "Institute for the Study of War"}


def test_the_reprint_is_linked_to_the_story_it_copies(store: Store):
    rows = store.db.execute("SELECT d.doc_id, o.doc_id AS original, k.similarity FROM copies k"
                            " JOIN documents d ON d.id = k.document_id JOIN documents o ON o.id = k.original_id"
                            ).fetchall()
    assert [(r["doc_id"], r["original"]) for r in rows] == [("d_reprint_of_c", "c_meridian_isw")]
    assert rows[0]["similarity"] >= copies.COPY_SIMILARITY


def test_both_counts_of_one_month_stay_in_the_series(store: Store):
    march = [r for r in views.series(store.db) if r["period_start"] == "2025-03-01"]
    assert sorted((r["counter"], r["value"]) for r in march) == [
        ("Institute for the Study of War", 203.0), ("UK Ministry of Defence", 143.0)]


def test_contradictions_list_both_claims_with_their_sources(store: Store):
    found = views.contradictions(store.db)
    control = [c for c in found if c["kind"] == "control"]
    assert control and all("Chasiv Yar" in c["what"] for c in control)
    assert any({c["a_outlet"], c["b_outlet"]} == {"Volga Herald", "Kyiv Ledger"} for c in control)
    [figure] = [c for c in found if c["kind"] == "figure"]
    assert {figure["a_claimant"], figure["b_claimant"]} == {"Institute for the Study of War", "UK Ministry of Defence"}
    assert {figure["a_outlet"], figure["b_outlet"]} == {"Baltic Observer", "Northern Wire"}


def test_control_ledger_finds_the_place_by_any_spelling(store: Store):
    for spelling in ("Chasiv Yar", "Chasov Yar", "Chasiv Iar"):
        rows = [r for r in views.control(store.db, spelling) if r["type"] == "control_claim"]
        assert len(rows) == 4, spelling
    oblast = views.control(store.db, "Donetsk oblast")
    assert {r["place"] for r in oblast} >= {"Chasiv Yar"}
    assert [r["date"] for r in oblast] == sorted(r["date"] for r in oblast)


def test_filters_apply_to_the_claims_under_an_event(store: Store):
    assert views.events(store.db, views.Filter(side="UA", type="control_claim"))[0]["place"] == "Chasiv Yar"
    assert views.events(store.db, views.Filter(type="control_claim", until="2025-07-01")) == []
    assert views.events(store.db, views.Filter(outlet="Northern Wire", type="control_claim")) == []
    assert len(views.events(store.db, views.Filter(text="geolocated footage", type="control_claim"))) == 1


def test_sources_say_how_each_outlet_reports(store: Store):
    by_outlet = {r["outlet"]: r for r in views.sources(store.db)}
    assert by_outlet["Kyiv Ledger"]["relies_on"].startswith("General Staff of the Armed Forces of Ukraine")
    assert by_outlet["Volga Herald"]["documents"] == 1


def dump(store: Store) -> list[tuple]:
    """The ledger's content without row ids, so two stores built in different runs compare."""
    events = store.db.execute(
        "SELECT e.type, e.actor, e.date_start, e.date_end, e.place, e.status, e.claims, e.sources, e.outlets,"
        " group_concat(d.doc_id || ':' || c.ordinal, ' ') FROM events e JOIN claims c ON c.event_id = e.id"
        " JOIN documents d ON d.id = c.document_id GROUP BY e.id ORDER BY 10").fetchall()
    linked = store.db.execute("SELECT d.doc_id, o.doc_id FROM copies k JOIN documents d ON d.id = k.document_id"
                              " JOIN documents o ON o.id = k.original_id ORDER BY 1").fetchall()
    return [tuple(r) for r in events] + [tuple(r) for r in linked]


def test_ingesting_in_two_halves_or_twice_gives_the_same_ledger(store: Store, tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in sorted(DATA.iterdir()):
        shutil.copy(path, first if path.name < "c" else second)
    with Store.open(tmp_path / "halves.db") as halves:
        ingest([str(first)], halves, Options())
        ingest([str(second)], halves, Options())
        again = ingest([str(DATA)], halves, Options())
        assert (again.new, again.duplicate) == (0, 6)
        assert dump(halves) == dump(store)


def test_a_store_from_before_the_ledger_is_brought_up_to_date(store: Store, tmp_path: Path):
    with Store.open(tmp_path / "old.db") as old:
        ingest([str(DATA)], old, Options())
        old.db.execute("DELETE FROM claims")
        old.db.execute("DELETE FROM events")
        old.db.execute("DELETE FROM quantities")
        old.db.execute("DELETE FROM signatures")
        old.db.execute("DELETE FROM buckets")
        old.db.execute("DELETE FROM copies")
        assert ledger.catch_up(old) == 6
        assert ledger.catch_up(old) == 0
        assert dump(old) == dump(store)


RETELLING = """outlet: Harbour Daily
published: 2025-08-09

Moscow's troops captured Chasiv Yar, the Kremlin said, and are now pressing toward Kostiantynivka.
"""
TOLL_A = """outlet: Kyiv Ledger
published: 2025-04-05

A Russian missile strike on Kryvyi Rih killed 18 people, the regional governor said.
"""
TOLL_B = """outlet: Volga Herald
published: 2025-04-06

The strike on Kryvyi Rih killed 9 people, the Russian defence ministry said, claiming it hit a military meeting.
"""


def test_later_retellings_join_the_event_and_casualty_counts_that_differ_are_listed(tmp_path: Path):
    folder = tmp_path / "more"
    shutil.copytree(DATA, folder)
    (folder / "g_retelling.txt").write_text(RETELLING, encoding="utf-8")
    (folder / "h_toll.txt").write_text(TOLL_A, encoding="utf-8")
    (folder / "i_toll.txt").write_text(TOLL_B, encoding="utf-8")
    with Store.open(tmp_path / "more.db") as store:
        ingest([str(folder)], store, Options())
        event = capture_of_chasiv_yar(store)
        assert (event["claims"], event["sources"]) == (5, 4)
        tolls = [c for c in views.contradictions(store.db) if c["kind"] == "figure" and "killed" in c["what"]]
        assert len(tolls) == 1 and {tolls[0]["a_outlet"], tolls[0]["b_outlet"]} == {"Kyiv Ledger", "Volga Herald"}


def test_talks_say_who_took_part_and_what_came_of_it(tmp_path: Path):
    talk = ("outlet: Baltic Observer\npublished: 2025-06-03\n\nRussian and Ukrainian delegations met in Istanbul on "
            "Monday with Turkish mediation and agreed to exchange all severely wounded prisoners of war.\n")
    (tmp_path / "talk.txt").write_text(talk, encoding="utf-8")
    with Store.open(tmp_path / "talks.db") as store:
        ingest([str(tmp_path / "talk.txt")], store, Options())
        [negotiation] = [t for t in views.talks(store.db) if t["type"] == "negotiation"]
    assert (negotiation["date"], negotiation["place"]) == ("2025-06-02", "Istanbul")
    assert negotiation["parties"] == "Russia, Ukraine, Turkey"
    assert {"held", "agreed"} <= set(negotiation["what"].split(", "))


def test_kept_counts_equal_the_counts_from_scratch(store: Store):
    from sitrep.ledger import link

    kept = (store.db.execute("SELECT * FROM place_stats ORDER BY place").fetchall(),
            store.db.execute("SELECT * FROM day_stats ORDER BY day, type").fetchall())
    assert kept[0] and kept[1]
    store.db.execute("BEGIN")
    link.rebuild_stats(store.db)
    rebuilt = (store.db.execute("SELECT * FROM place_stats ORDER BY place").fetchall(),
               store.db.execute("SELECT * FROM day_stats ORDER BY day, type").fetchall())
    store.db.execute("ROLLBACK")
    assert [tuple(r) for r in kept[0]] == [tuple(r) for r in rebuilt[0]]
    assert [tuple(r) for r in kept[1]] == [tuple(r) for r in rebuilt[1]]
    assert views.timeline(store.db) == views.timeline(store.db, views.Filter(outlet=""))  # kept = computed


def test_the_demo_corpus_in_two_halves_gives_the_same_ledger_as_at_once(tmp_path: Path):
    from tests.conftest import ROOT

    corpus = sorted((ROOT / "examples" / "corpus").iterdir())
    halves = [tmp_path / "first", tmp_path / "second"]
    for i, half in enumerate(halves):
        half.mkdir()
        for path in corpus[i * len(corpus) // 2:(i + 1) * len(corpus) // 2]:
            shutil.copy(path, half)
    with Store.open(tmp_path / "once.db") as once, Store.open(tmp_path / "halves.db") as parts:
        ingest([str(ROOT / "examples" / "corpus")], once, Options())
        for half in halves:
            ingest([str(half)], parts, Options())
        assert dump(parts) == dump(once) and len(dump(once)) > 50
        again = ingest([str(ROOT / "examples" / "corpus")], parts, Options())
        assert again.new == 0 and dump(parts) == dump(once)
