-- Per place of events: how many events and claims, and the latest control claim; kept up to date as claims
-- are linked (sitrep/ledger/link.py), so the dashboard's list of places costs the same in any store.
-- A store with events from before this table is filled by sitrep.ledger.catch_up.
CREATE TABLE place_stats (
    place TEXT NOT NULL,
    admin1 TEXT,
    precision TEXT,
    lat REAL,
    lon REAL,
    events INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    control TEXT,
    control_date TEXT,
    control_claimant TEXT
);
CREATE UNIQUE INDEX place_stats_key ON place_stats(place, COALESCE(admin1, ''));
CREATE INDEX place_stats_claims ON place_stats(claims DESC, place);

-- Events per day and type, kept the same way, for the unfiltered timeline.
CREATE TABLE day_stats (
    day TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (day, type)
) WITHOUT ROWID;
