"""Crash safety: `sitrep ingest` killed at random points, or stopped by a full disk, loses and doubles nothing.

Each stored document is one transaction, so a store is whole after any kill; running the same command again
finishes the job, and the result is the store an uninterrupted run makes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.ledger.check import problems
from sitrep.store import Store
from tests.wire import write_jsonl

ARTICLES = 2000
KILLS = 4
WRITE_ERROR_ARTICLES = 400


def ingest(corpus: Path, db: Path, **popen: object) -> subprocess.Popen:
    """`sitrep ingest` in its own process (parse-free: the store, not the parser, is under test)."""
    return subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "--parser", "none",
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def stored(db: Path) -> int:
    """How many documents a store holds now, read beside a running ingest (0 before it has its tables)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def ledger(db: Path) -> dict[str, object]:
    """What a store holds, without row ids: its documents, sources, and each claim with the event it joined."""
    with Store.open(db, create=False) as store:
        q = store.db.execute
        event = ("e.type, e.actor, e.date_start, e.date_end, e.place, e.admin1, e.status, e.claims, e.sources,"
                 " e.outlets")
        return {
            "documents": sorted(r[0] for r in q("SELECT key FROM documents")),
            "sources": sorted((tuple(r) for r in q("SELECT d.key, s.source FROM document_sources s"
                                                  " JOIN documents d ON d.id = s.document_id")), key=repr),
            "claims": sorted((tuple(r) for r in q(f"SELECT d.key, c.ordinal, c.type, c.place, {event} FROM claims c"
                                                 " JOIN documents d ON d.id = c.document_id"
                                                 " JOIN events e ON e.id = c.event_id")), key=repr),
            "events": sorted((tuple(r) for r in q(f"SELECT {event} FROM events e")), key=repr),
            "quantities": q("SELECT count(*) FROM quantities").fetchone()[0],
            "copies": q("SELECT count(*) FROM copies").fetchone()[0],
        }


def assert_whole(db: Path) -> None:
    with Store.open(db, create=False) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert problems(store.db) == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("crash") / "wire.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def reference(corpus: Path) -> dict[str, object]:
    """The store an uninterrupted ingest makes of the corpus."""
    db = corpus.parent / "reference.db"
    code, out, err = finish(ingest(corpus, db))
    assert code == 0, err
    assert out.startswith(f"{ARTICLES} new, 0 duplicate, 0 failed")
    assert_whole(db)
    return ledger(db)


def test_killed_ingest_run_again_stores_every_document_once(corpus: Path, reference: dict[str, object], tmp_path: Path):
    db = tmp_path / "killed.db"
    seed = int(os.environ.get("SITREP_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"kill points from seed {seed} (SITREP_CRASH_SEED repeats them)")
    # First a kill while the process starts and creates the store, then kills after random numbers of documents.
    targets = sorted(rng.sample(range(50, ARTICLES - 200), KILLS - 1))
    counts = []
    process = ingest(corpus, db)
    time.sleep(rng.uniform(0.1, 2.0))
    process.kill()
    process.wait()
    for target in targets:
        process = ingest(corpus, db)
        while stored(db) < target and process.poll() is None:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))  # anywhere inside the next document's analysis or transaction
        process.kill()
        assert process.wait() == -signal.SIGKILL, "the ingest ended before it could be killed"
        counts.append(stored(db))
        assert_whole(db)  # whole after every kill, not only at the end
    print(f"killed after {counts} documents")
    assert counts == sorted(counts) and counts[-1] < ARTICLES
    code, out, err = finish(ingest(corpus, db))
    assert code == 0, err
    assert out.startswith(f"{ARTICLES - counts[-1]} new, {counts[-1]} duplicate, 0 failed; {ARTICLES} documents")
    assert_whole(db)
    assert ledger(db) == reference


def test_a_write_error_stops_ingest_with_what_to_do_and_loses_nothing(corpus: Path, tmp_path: Path, invoke,
                                                                      monkeypatch):
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:WRITE_ERROR_ARTICLES]
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / "full.db"
    opened = Store.open

    def small(path: str | Path, create: bool = True) -> Store:
        """The store, allowed to grow by 300 pages only: SQLite then fails writes as on a full disk."""
        store = opened(path, create)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 300}")
        return store

    monkeypatch.setattr(Store, "open", small)
    result = invoke("ingest", articles, "--db", db, "--parser", "none", "--quiet")
    assert result.exit_code == 2
    assert "could not write to the store (the disk is full" in result.output
    assert "what was stored before is kept" in result.output
    kept = stored(db)
    assert 0 < kept < WRITE_ERROR_ARTICLES
    assert result.output.startswith(f"{kept} new, 0 duplicate, 0 failed")
    monkeypatch.setattr(Store, "open", opened)
    assert_whole(db)
    code, out, err = finish(ingest(articles, db))
    assert code == 0, err
    assert out.startswith(f"{WRITE_ERROR_ARTICLES - kept} new, {kept} duplicate, 0 failed")
    assert_whole(db)
    assert len(ledger(db)["documents"]) == WRITE_ERROR_ARTICLES


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB tmpfs, where this process may mount one (root in a container that allows it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root; the injected write error test covers a full disk")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()}); the injected write error test covers it")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_ingest_and_the_store_stays_whole(corpus: Path, small_disk: Path):
    db = small_disk / "store.db"
    code, _, err = finish(ingest(corpus, db))
    assert code == 2, err
    assert "the disk is full" in err
    assert "Traceback" not in err
    assert 0 < stored(db) < ARTICLES
    assert_whole(db)
