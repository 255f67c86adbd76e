-- Migration 030: an index of occurrences, so that the agenda, the month grid and the home page find the
-- first occurrences of a window without expanding every series live in it (issue 18).
--
-- Only an expansion (src/cal, libical's rules) knows when a series occurs, so memocal itself writes the
-- index, series by series (src/pages/occurrence_index.c): after a save, in `memocal migrate`, and in
-- memocal-mailer's loop. The database keeps it honest: any change that moves a series' occurrences (its
-- times, rule, RDATEs, EXDATEs, zone, an override) deletes that series' rows and marks it pending in the
-- same transaction, so a page never reads rows of a series that has changed since they were written.
--
-- The index covers a horizon, [lo, hi) in UTC, three months back and fourteen ahead, rolled once a month
-- (which marks every series pending again: its rows are rewritten for the new horizon). For each series,
-- series_span.occ_state says what the index holds:
--   0  pending: no rows yet (new, changed, or the horizon rolled); pages expand it as before
--   1  indexed: series_occurrence holds exactly the occurrences expanding it over the horizon gives,
--      moved ones at their new times, cancelled ones flagged
--   2  too many occurrences to index (more than the writer's cap in the horizon); pages expand it
-- Pages use the index only for a window inside the horizon, and expand every series in state 0 or 2
-- whose span meets the window, so what they show is what expanding everything shows.
-- occ_gen counts changes: the writer records a series' rows only if its generation is still the one it
-- read before reading the series (a save in between wins; its rows are written later).

CREATE TABLE occurrence_horizon (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    lo          timestamptz NOT NULL,
    hi          timestamptz NOT NULL CHECK (hi > lo)
);

CREATE TABLE series_occurrence (
    series_id   bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    start_utc   timestamptz NOT NULL,
    end_utc     timestamptz NOT NULL,
    cancelled   boolean NOT NULL
);
-- the first occurrences of a window, in the pages' order (start, then series)
CREATE INDEX series_occurrence_start_idx ON series_occurrence (start_utc, series_id);
-- the occurrences under way at a window's start
CREATE INDEX series_occurrence_during_idx ON series_occurrence USING gist (tstzrange(start_utc, end_utc));
CREATE INDEX series_occurrence_series_idx ON series_occurrence (series_id);

ALTER TABLE series_span
    ADD COLUMN occ_state smallint NOT NULL DEFAULT 0 CHECK (occ_state IN (0, 1, 2)),
    ADD COLUMN occ_gen bigint NOT NULL DEFAULT 0;
-- the series pages must still expand themselves, by span; and the writer's queue
CREATE INDEX series_span_unindexed_idx ON series_span USING gist (span) WHERE occ_state <> 1;
CREATE INDEX series_span_pending_idx ON series_span (series_id) WHERE occ_state = 0;

-- A change that can move a series' occurrences: its rows go, it waits for the writer again.
CREATE FUNCTION series_occurrence_forget(sid bigint) RETURNS void
LANGUAGE sql AS $$
    UPDATE series_span SET occ_state = 0, occ_gen = occ_gen + 1 WHERE series_id = sid;
    DELETE FROM series_occurrence WHERE series_id = sid;
$$;

CREATE FUNCTION series_occurrence_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'series' THEN
        -- a new series' span row starts pending (series_span's trigger inserts it, occ_state's default)
        IF TG_OP = 'UPDATE' AND (NEW.rrule, NEW.start_local, NEW.end_local, NEW.rdates, NEW.exdates, NEW.tzid,
                                 NEW.all_day)
           IS DISTINCT FROM (OLD.rrule, OLD.start_local, OLD.end_local, OLD.rdates, OLD.exdates, OLD.tzid,
                             OLD.all_day) THEN
            PERFORM series_occurrence_forget(NEW.id);
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM series_occurrence_forget(OLD.series_id);
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.series_id <> OLD.series_id) THEN
            PERFORM series_occurrence_forget(NEW.series_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER series_occurrence AFTER UPDATE ON series
    FOR EACH ROW EXECUTE FUNCTION series_occurrence_changed();
CREATE TRIGGER series_override_occurrence AFTER INSERT OR UPDATE OR DELETE ON series_override
    FOR EACH ROW EXECUTE FUNCTION series_occurrence_changed();

GRANT SELECT, INSERT, UPDATE ON occurrence_horizon TO memocal_web;
GRANT SELECT, INSERT, DELETE ON series_occurrence TO memocal_web;
