-- Migration 034: a page reads only the overrides its window can show (issue 18).
--
-- The agenda, the month grid and the home page used to read every override of each series they expand:
-- a weekly meeting held for ten years brings hundreds, and the large installation's agenda read 670 rows
-- (4-6 ms) to use a handful. They now read two kinds (STMT_SERIES_OVERRIDES_WINDOW): those whose
-- recurrence id falls near the window, by series_override_recurrence_key, and those moved to a time that
-- overlaps it, whatever their recurrence id, by this index (a move is read from its end on).
CREATE INDEX series_override_moved_end_idx ON series_override (series_id, end_local) WHERE start_local IS NOT NULL;
