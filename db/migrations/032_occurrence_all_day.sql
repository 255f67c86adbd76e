-- Migration 032: the occurrence index says which rows are all-day (issue 18, the month grid).
--
-- The month grid reads each day's first occurrences from the index (STMT_SERIES_GRID) and expands only their
-- series. A timed occurrence falls on the viewer's days by its instants, which the index holds; an all-day one
-- falls on its own dates, whatever the viewer's zone, and its instants (midnight in its series' zone) can be a
-- day away from the viewer's midnights. So the grid takes every all-day row near its window, and it finds them
-- by this flag and its own small index instead of joining every row of the window to its series.
ALTER TABLE series_occurrence ADD COLUMN all_day boolean NOT NULL DEFAULT false;
UPDATE series_occurrence o SET all_day = true FROM series s WHERE s.id = o.series_id AND s.all_day;
CREATE INDEX series_occurrence_all_day_idx ON series_occurrence USING gist (tstzrange(start_utc, end_utc))
    WHERE all_day;
