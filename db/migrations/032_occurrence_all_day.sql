-- Migration 032: the occurrence index holds each all-day occurrence's own date (issue 18, the month grid),
-- and is read by series and start (filtered pages).
--
-- The month grid reads each day's first occurrences from the index (STMT_SERIES_GRID) and expands only their
-- series. A timed occurrence falls on the viewer's days by its instants, which the index holds; an all-day one
-- falls on its own dates, whatever the viewer's zone, and its instants (midnight in its series' zone) can be a
-- day away from the viewer's midnights. So the index keeps that date (NULL for a timed occurrence), and the
-- grid reads each day's first all-day occurrences by it, in the pages' order (start, then series).
ALTER TABLE series_occurrence ADD COLUMN day_first date;
-- rows written before: the date in the series' zone of their start, as memocal's expansion computed it
UPDATE series_occurrence o SET day_first = (o.start_utc AT TIME ZONE s.tzid)::date
    FROM series s WHERE s.id = o.series_id AND s.all_day;
CREATE INDEX series_occurrence_day_idx ON series_occurrence (day_first, start_utc, series_id)
    WHERE day_first IS NOT NULL;

-- A filtered agenda (a memorandum, an organisation, a person) reads each of the filter's series' first rows of
-- its window (STMT_SERIES_FILTER_FIRST): by series, then start. It serves the triggers' deletes by series too.
DROP INDEX series_occurrence_series_idx;
CREATE INDEX series_occurrence_series_start_idx ON series_occurrence (series_id, start_utc);
