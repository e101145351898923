-- What a negotiation or exchange claim says was done and who took part (data/talks.tsv), read from its evidence
-- when the claim is added (sitrep/ledger/talks.py), so the talks view runs no pattern over text when asked.
-- Comma-separated labels in the order of data/talks.tsv; NULL for claims of other types. A store whose talk
-- claims predate these columns gets them filled by sitrep.ledger.catch_up.
ALTER TABLE claims ADD COLUMN parties TEXT;
ALTER TABLE claims ADD COLUMN outcomes TEXT;
