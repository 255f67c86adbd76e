-- Migration 031: the home page's "minutes waiting for approval" read in order from an index (issue 18).
--
-- The list is the circulated meeting records by their meeting's date (STMT_HOME_MINUTES_WAITING). Without an
-- index every record was read and joined to its series before the first 20 were taken: 40 ms on the large
-- installation (38,000 records), growing with every meeting ever recorded. Circulated records are the few
-- waiting at any time, so a partial index holds only them.
CREATE INDEX meeting_record_circulated_idx ON meeting_record (recurrence_id, series_id) WHERE state = 'circulated';
