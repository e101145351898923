-- Documents: one row per distinct article text. `key` is the hash of the text reduced to its words,
-- so a copy of an article with other page chrome is the same row.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    title TEXT,
    published TEXT,
    outlet TEXT,
    url TEXT,
    language TEXT,
    word_count INTEGER NOT NULL,
    text TEXT NOT NULL,
    raw TEXT NOT NULL,
    offsets TEXT NOT NULL,       -- JSON [[text_start, raw_start, length], ...]: cleaned text -> raw input
    removed TEXT NOT NULL,       -- JSON [{"start", "end", "rule"}]: what cleaning dropped from raw, and why
    provenance TEXT NOT NULL,    -- JSON {field: where its value came from}
    analysis TEXT NOT NULL,      -- JSON extraction record (spec/EXTRACTION.md) without the text
    source TEXT NOT NULL,        -- the input it was first read from
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_doc_id ON documents(doc_id);

-- Every input a document was read from, including exact copies that were not stored again.
CREATE TABLE document_sources (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    PRIMARY KEY (document_id, source, doc_id)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, outlet, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text, outlet) VALUES (new.id, new.title, new.text, new.outlet);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text, outlet)
    VALUES ('delete', old.id, old.title, old.text, old.outlet);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text, outlet)
    VALUES ('delete', old.id, old.title, old.text, old.outlet);
    INSERT INTO documents_fts(rowid, title, text, outlet) VALUES (new.id, new.title, new.text, new.outlet);
END;
