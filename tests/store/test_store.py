import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import Store, fts_query, migrations
from tests.conftest import analyze_text

BODY = ("Russia's defence ministry said its forces had captured the village of Kindrativka in the Sumy region. "
        "Ukraine's General Staff said fighting continued there.")


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path):
    with Store.open(tmp_path / "s.db") as store:
        assert store.version == migrations()[-1][0]
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.migrate() == store.version  # migrating again changes nothing


def test_same_article_with_other_chrome_is_stored_once(tmp_path: Path):
    plain = analyze_text(f"{BODY}\n", name="a.txt")
    scraped = analyze_text(f"Jump to content\n- Advertisement -\n{BODY}\nShare on Facebook\n", name="b.txt")
    assert plain.key == scraped.key
    with Store.open(tmp_path / "s.db") as store:
        first = store.add(plain, "a.txt")
        second = store.add(scraped, "b.txt")
        again = store.add(plain, "a.txt")
        assert (first.status, second.status, again.status) == ("new", "duplicate", "duplicate")
        assert store.counts() == {"documents": 1, "sources": 2}
        assert [s["source"] for s in store.sources(first.id)] == ["a.txt", "b.txt"]


def test_failed_write_leaves_no_half_written_document(tmp_path: Path):
    doc = analyze_text(f"{BODY}\n")
    with Store.open(tmp_path / "s.db") as store:
        store.db.execute("CREATE TRIGGER boom BEFORE INSERT ON document_sources BEGIN SELECT RAISE(ABORT, 'disk'); END")
        with pytest.raises(sqlite3.IntegrityError):
            store.add(doc, "a.txt")
        assert store.counts() == {"documents": 0, "sources": 0}
        assert store.db.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0
        store.db.execute("DROP TRIGGER boom")
        assert store.add(doc, "a.txt").status == "new"


def test_full_text_search_and_filters(tmp_path: Path):
    a = analyze_text(f"url: https://x.example/1\noutlet: Kyiv Ledger\npublished: 2025-05-01\n\n{BODY}\n")
    b = analyze_text("published: 2025-06-01\n\nDrones struck an oil depot in Bryansk region overnight, "
                     "the governor said on Telegram.\n")
    with Store.open(tmp_path / "s.db") as store:
        store.add(a, "a")
        store.add(b, "b")
        assert [r["published"] for r in store.documents()] == ["2025-06-01", "2025-05-01"]
        assert [r["published"] for r in store.documents(search="kindrativka")] == ["2025-05-01"]
        assert [r["published"] for r in store.documents(since="2025-05-15")] == ["2025-06-01"]
        assert [r["outlet"] for r in store.documents(outlet="kyiv ledger")] == ["Kyiv Ledger"]
        for hostile in ['"', "NEAR(", "a OR b*", "'; DROP TABLE documents; --", "^col:*"]:
            list(store.documents(search=hostile, outlet=hostile))
        assert store.counts()["documents"] == 2
        assert store.document(a.doc_id)["key"] == a.key
        assert store.document(a.key[:8])["key"] == a.key


def test_fts_query_quotes_every_term():
    assert fts_query('kupiansk "OR" near(') == '"kupiansk" "OR" "near"'


def test_not_a_store_is_a_clear_error(tmp_path: Path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable sitrep store"):
        Store.open(junk)
    assert junk.read_bytes() == b"this is not sqlite" * 100
    with pytest.raises(StoreError, match="no store here"):
        Store.open(tmp_path / "absent.db", create=False)


def test_store_from_a_newer_sitrep_is_refused(tmp_path: Path):
    path = tmp_path / "s.db"
    Store.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 999")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)
