-- Events in time order, all and by type: the dashboard's first page, its type and date filters read these.
-- An event's time is its first date, else its first report's; its end, its last date.
CREATE INDEX events_when ON events(COALESCE(date_start, first_published, ''),
                                   COALESCE(date_end, date_start, first_published, ''), id);
CREATE INDEX events_type_when ON events(type, COALESCE(date_start, first_published, ''),
                                        COALESCE(date_end, date_start, first_published, ''), id);
CREATE INDEX events_geonameid ON events(geonameid);
