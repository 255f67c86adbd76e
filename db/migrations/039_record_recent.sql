-- Migration 039: meeting records newest first (issue 18).
--
-- The memoranda search looks for a common word ("budget", "the") in the newest meeting records one by one
-- (STMT_RECORDS_SEARCH_RECENT): sorting every match, tens of thousands in bench/large.py's installation, took
-- 0.25-1.5 s for a page of 50.
CREATE INDEX meeting_record_recent_idx ON meeting_record (recurrence_id DESC, id DESC);
