-- A view of events for Datasette and other SQLite tools: named columns a map plugin recognizes
-- (latitude, longitude), and who claims each event.
CREATE VIEW events_map AS
SELECT e.id, e.type, e.actor, e.date_start, e.date_end, e.place, e.admin1, e.country, e.precision, e.status,
       e.claims, e.sources, e.outlets, e.first_published, e.lat AS latitude, e.lon AS longitude,
       (SELECT group_concat(DISTINCT COALESCE(c.claimant, '(outlet''s own voice)')) FROM claims c
         WHERE c.event_id = e.id) AS claimants,
       e.summary
FROM events e;
