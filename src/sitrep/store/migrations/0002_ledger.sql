-- The ledger across documents: what each document claims (claims, quantities), which documents are copies of
-- one report (copies, MinHash signatures and LSH buckets), and the events that claims from many documents tell.

-- A document's MinHash signature and its LSH buckets, for finding copies without comparing every pair.
CREATE TABLE signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL          -- little-endian uint32 MinHash values
);
CREATE TABLE buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, document_id)
) WITHOUT ROWID;

-- A document that copies an earlier one (syndicated wire copy, reprint, repost): it is not an independent source.
CREATE TABLE copies (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity REAL NOT NULL          -- estimated Jaccard similarity of word 5-shingles
);
CREATE INDEX copies_original ON copies(original_id);

-- Events: what many claims describe. Place and date are the most precise ones its claims support.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    actor TEXT,
    date_start TEXT,
    date_end TEXT,
    place TEXT,
    geonameid INTEGER,
    admin1 TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    precision TEXT,
    status TEXT NOT NULL,            -- see docs/LEDGER.md
    claims INTEGER NOT NULL,
    sources INTEGER NOT NULL,        -- independent sources: documents, copies counted once
    outlets INTEGER NOT NULL,
    first_published TEXT,
    summary TEXT                     -- the evidence of its first claim
);
CREATE INDEX events_type_date ON events(type, date_start);
CREATE INDEX events_place ON events(admin1, place);

-- One row per event a document reports: who claims it, how sure, on what evidence.
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    actor TEXT,
    date_start TEXT,
    date_end TEXT,
    place TEXT,
    geonameid INTEGER,
    admin1 TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    precision TEXT,
    places TEXT NOT NULL,            -- JSON: every place of the claim, most specific first
    claimant TEXT,
    claimant_side TEXT,
    certainty TEXT NOT NULL,
    evidence TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX claims_event ON claims(event_id);
CREATE INDEX claims_type_place ON claims(type, admin1, place);

-- One row per figure a document gives.
CREATE TABLE quantities (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    measure TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    actor TEXT,
    place TEXT,
    admin1 TEXT,
    claimant TEXT,
    claimant_side TEXT,
    evidence TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX quantities_measure ON quantities(measure, period_start);
