"""The SQLite store: schema created and migrated by the package, WAL mode, one transaction per document."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.document import DOCUMENT_COLUMNS, Document, document_row
from sitrep.errors import StoreError

OnNew = Callable[[sqlite3.Connection, int], None]
"""What runs on a newly stored document inside its transaction: (connection, the document's row id)."""
MIGRATION = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration the package ships, in order."""
    folder = resources.files("sitrep.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        m = MIGRATION.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


@dataclass(frozen=True)
class Stored:
    """What happened to one document on ingest."""

    status: str  # "new" | "duplicate"
    id: int
    key: str


class Store:
    """A sitrep store in one SQLite file. Open it with `Store.open(path)`; use it as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (and create or migrate) the store at `path`; raises StoreError with what to do."""
        path = str(path)
        if not create and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"{path}: no store here; run `sitrep ingest --db {path} FILES...` first")
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if path != ":memory:" and mode != "wal":
                raise StoreError(f"{path}: could not switch the store to WAL mode (got {mode})")
            db.execute("PRAGMA synchronous = NORMAL")
            store = cls(db, path)
            store.migrate()
            return store
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable sitrep store ({exc}); point --db at another file "
                             "or restore this one from a backup") from exc

    def migrate(self) -> int:
        """Apply the migrations newer than the store's version, each in its own transaction."""
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        known = migrations()
        if known and current > known[-1][0]:
            raise StoreError(f"{self.path}: store schema version {current} is newer than this sitrep "
                             f"understands ({known[-1][0]}); upgrade sitrep")
        for version, _name, sql in known:
            if version <= current:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version}")
            current = version
        return current

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, doc: Document, source: str, on_new: OnNew | None = None) -> Stored:
        """Store a document unless its text is already stored; record the source either way."""
        return self.add_row(document_row(doc, source), on_new)

    def add_row(self, row: dict[str, Any], on_new: OnNew | None = None) -> Stored:
        """Store a document given as a row of the documents table (`document_row`; also what `sitrep batch`
        writes to Parquet) unless its text is already stored, and record its source either way. `on_new` runs
        for a new document inside the same transaction (the ledger adds it there), so a failure leaves neither a
        half-written document, nor a document the ledger lacks, nor a dangling source."""
        with self.transaction():
            found = self.db.execute("SELECT id FROM documents WHERE key = ?", (row["key"],)).fetchone()
            if found is None:
                cur = self.db.execute(
                    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}, ingested_at)"
                    f" VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))}, ?)",
                    [*(row[c] for c in DOCUMENT_COLUMNS), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
                doc_row, status = cur.lastrowid, "new"
                if on_new is not None:
                    on_new(self.db, doc_row)
            else:
                doc_row, status = found["id"], "duplicate"
            self.db.execute("INSERT OR IGNORE INTO document_sources (document_id, source, doc_id, url, outlet)"
                            " VALUES (?, ?, ?, ?, ?)", (doc_row, row["source"], row["doc_id"], row["url"], row["outlet"]))
        return Stored(status, int(doc_row), row["key"])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed whole or rolled back whole. A failed write (full disk, I/O error,
        read-only file, a lock held too long) becomes a StoreError that says what to do; what earlier
        transactions stored is kept."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:  # SQLite may have rolled back already (a full disk, an I/O error)
                with suppress(sqlite3.Error):  # if not, the journal undoes it when the store is next opened
                    self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:  # not a bug's error
                raise StoreError(write_failed(self.path, exc)) from exc
            raise

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone() is not None

    def documents(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                  search: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[sqlite3.Row]:
        """Documents matching every filter given, newest publication first (undated last)."""
        where, params = [], []
        if outlet:
            where.append("d.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("d.published <= ?")
            params.append(until)
        if search:
            where.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(fts_query(search))
        sql = ("SELECT d.id, d.key, d.doc_id, d.title, d.published, d.outlet, d.url, d.language, d.word_count,"
               " (SELECT count(*) FROM document_sources s WHERE s.document_id = d.id) AS sources"
               " FROM documents d" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY d.published IS NULL, d.published DESC, d.id")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        yield from self.db.execute(sql, params)

    def document(self, ident: str) -> sqlite3.Row | None:
        """One document by doc_id, numeric id, or a prefix (6+ characters) of its key."""
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ? ORDER BY id LIMIT 1", (ident,)).fetchone()
        if row is None and ident.isdigit():
            row = self.db.execute("SELECT * FROM documents WHERE id = ?", (int(ident),)).fetchone()
        if row is None and len(ident) >= 6:
            rows = self.db.execute("SELECT * FROM documents WHERE key LIKE ? LIMIT 2", (ident + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return row

    def sources(self, document_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM document_sources WHERE document_id = ? ORDER BY source",
                               (document_id,)).fetchall()

    def counts(self) -> dict[str, Any]:
        return {"documents": self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
                "sources": self.db.execute("SELECT count(*) FROM document_sources").fetchone()[0]}


WRITE_FAILURES = {
    "SQLITE_FULL": ("the disk is full", "free some space"),
    "SQLITE_IOERR": ("a write to the disk failed", "check the disk and the space on it"),
    "SQLITE_READONLY": ("the file or its folder is read-only", "make it writable or point --db elsewhere"),
    "SQLITE_BUSY": ("another process kept the store locked", "wait for it to finish"),
    "SQLITE_CORRUPT": ("the file is damaged", "`sitrep check --db FILE` says how badly"),
}


def write_failed(path: str, exc: sqlite3.Error) -> str:
    """What to tell a user whose write to the store failed (by SQLite's primary result code)."""
    primary = "_".join((getattr(exc, "sqlite_errorname", None) or "").split("_")[:2])
    why, todo = WRITE_FAILURES.get(primary, (str(exc), "find what keeps it from being written"))
    return (f"{path}: could not write to the store ({why}: {exc}); what was stored before is kept; {todo}, then run"
            " the same command again (articles already stored are skipped)")


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms, so no input is parsed as FTS syntax."""
    terms = re.findall(r"\w+", text)
    return " ".join(f'"{t}"' for t in terms) or '""'


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into complete statements (triggers contain semicolons)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
