-- Migration 038: the timed occurrences by start (issue 18).
--
-- The month grid and the week read each day's first starts (STMT_SERIES_GRID), and an all-day occurrence is
-- not among them: it is placed by its own date (migration 032), and where its zone is far from the viewer's
-- it starts on the day before. It had taken one of a day's places, so a full day could show one fewer than it
-- had room for and no link to the rest. The timed ones are read from their own index, by start.
CREATE INDEX series_occurrence_timed_idx ON series_occurrence (start_utc, series_id) WHERE day_first IS NULL;
