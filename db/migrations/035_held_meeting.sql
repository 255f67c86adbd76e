-- Migration 035: a meeting held, found by an index (issue 18).
--
-- "Held" (migration 022's held_meeting: a record with someone's attendance as there) was worked out from
-- the attendance rows of every record of every series of a memorandum each time it was asked: the home
-- page's dormant memoranda looked at 34 memoranda, their 500 series and their records, 5 ms on the large
-- installation. A record now says itself whether it was held, and of which memorandum, kept so by the
-- triggers below whatever writes the attendance (the record form, an import, psql), and the held records
-- are indexed by memorandum and day: a memorandum's last meeting, or whether it had one within some
-- months, is one probe of that index.
ALTER TABLE meeting_record
    ADD COLUMN held boolean NOT NULL DEFAULT false,
    ADD COLUMN memorandum_id bigint;

UPDATE meeting_record r SET memorandum_id = s.memorandum_id FROM series s WHERE s.id = r.series_id;
UPDATE meeting_record r SET held = true
    WHERE EXISTS (SELECT 1 FROM record_attendance t WHERE t.record_id = r.id AND t.status IN ('present', 'remote', 'late'));
ALTER TABLE meeting_record ALTER COLUMN memorandum_id SET NOT NULL;

CREATE INDEX meeting_record_held_idx ON meeting_record (memorandum_id, (recurrence_id::date)) WHERE held;

-- A record's memorandum is its series': set when the record is stored or moves to another series (a split).
CREATE FUNCTION meeting_record_memorandum() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.memorandum_id := (SELECT s.memorandum_id FROM series s WHERE s.id = NEW.series_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER meeting_record_memorandum BEFORE INSERT OR UPDATE OF series_id, memorandum_id ON meeting_record
    FOR EACH ROW EXECUTE FUNCTION meeting_record_memorandum();

-- ... and follows its series to another memorandum (memocal never moves one; psql may).
CREATE FUNCTION series_records_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meeting_record SET memorandum_id = NEW.memorandum_id WHERE series_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER series_records_follow AFTER UPDATE OF memorandum_id ON series
    FOR EACH ROW WHEN (OLD.memorandum_id IS DISTINCT FROM NEW.memorandum_id) EXECUTE FUNCTION series_records_follow();

-- Whether a record was held follows its attendance, row by row (a record's few people).
CREATE FUNCTION record_held() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rid bigint;
BEGIN
    FOREACH rid IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.record_id END,
                               CASE WHEN TG_OP <> 'DELETE' THEN NEW.record_id END] LOOP
        CONTINUE WHEN rid IS NULL;
        UPDATE meeting_record r
            SET held = EXISTS (SELECT 1 FROM record_attendance t
                               WHERE t.record_id = r.id AND t.status IN ('present', 'remote', 'late'))
            WHERE r.id = rid
              AND r.held IS DISTINCT FROM EXISTS (SELECT 1 FROM record_attendance t
                                                  WHERE t.record_id = r.id AND t.status IN ('present', 'remote', 'late'));
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER record_held AFTER INSERT OR UPDATE OR DELETE ON record_attendance
    FOR EACH ROW EXECUTE FUNCTION record_held();

-- The view keeps its meaning (and its columns, memorandum_id added last), from the flag.
CREATE OR REPLACE VIEW held_meeting AS
    SELECT r.series_id, r.recurrence_id, r.recurrence_id::date AS day, r.memorandum_id
    FROM meeting_record r
    WHERE r.held;
