-- 022_memorandum_life.sql - a memorandum's life (issue 16, items 1 and 2): what staff decide is
-- stored, what follows from the dates is computed when asked, so it is never stale.
--
-- Stored decisions: draft or signed (status), renewed by which successor (renewed_by), terminated on
-- which day and why (terminated_on, termination_reason_*), the amendments, and the commitments (an
-- area's frequency and the series that fulfil it). Computed (memorandum_life() below): signed (not
-- in force yet), active, expiring (inside the notice period before valid_until), expired, renewed,
-- terminated. The notice period and "today" are the caller's (config notice_months, the day in
-- Asia/Baku), so the function holds no setting of its own.

-- 'active', 'expired' and 'terminated' were typed by hand before; the dates say them now. A memorandum
-- recorded as terminated keeps that as a decision dated its last day (or its signing when it had none).
ALTER TABLE memorandum DROP CONSTRAINT memorandum_status_check;
ALTER TABLE memorandum
    ADD COLUMN renewed_by bigint
        CONSTRAINT memorandum_renewed_by_key UNIQUE
        REFERENCES memorandum (id) ON DELETE SET NULL,
    ADD COLUMN terminated_on date,
    ADD COLUMN termination_reason_en text
        CONSTRAINT memorandum_termination_reason_en_check
        CHECK (char_length(termination_reason_en) BETWEEN 1 AND 2000 AND btrim(termination_reason_en) <> ''),
    ADD COLUMN termination_reason_az text
        CONSTRAINT memorandum_termination_reason_az_check
        CHECK (char_length(termination_reason_az) BETWEEN 1 AND 2000 AND btrim(termination_reason_az) <> '');
UPDATE memorandum SET terminated_on = coalesce(valid_until, signed_on),
    termination_reason_en = 'Recorded as terminated before memocal kept the reason',
    termination_reason_az = 'Səbəb qeyd olunmadan əvvəl xitam verilmiş kimi qeydə alınıb'
    WHERE status = 'terminated';
UPDATE memorandum SET status = 'signed' WHERE status <> 'draft';
ALTER TABLE memorandum
    ADD CONSTRAINT memorandum_status_check CHECK (status IN ('draft', 'signed')),
    ADD CONSTRAINT memorandum_renewed_by_check CHECK (renewed_by <> id),
    -- a termination is a date and a reason in both languages, or nothing
    ADD CONSTRAINT memorandum_termination_check
        CHECK ((terminated_on IS NULL) = (termination_reason_en IS NULL)
               AND (terminated_on IS NULL) = (termination_reason_az IS NULL)),
    ADD CONSTRAINT memorandum_terminated_on_check CHECK (terminated_on >= signed_on);

-- What a memorandum is on day `today` with a notice period of notice_months. Order matters: a
-- decision (draft, terminated, renewed) outranks the dates. A termination dated ahead is a decision
-- already taken, so until its day the memorandum is what its dates say (and not "without a decision":
-- memorandum_decided()).
CREATE FUNCTION memorandum_life(m memorandum, today date, notice_months integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN m.status = 'draft' THEN 'draft'
        WHEN m.terminated_on IS NOT NULL AND m.terminated_on <= today THEN 'terminated'
        WHEN m.renewed_by IS NOT NULL THEN 'renewed'
        WHEN coalesce(m.valid_from, m.signed_on) > today THEN 'signed'
        WHEN m.valid_until < today THEN 'expired'
        WHEN m.valid_until - make_interval(months => notice_months) <= today THEN 'expiring'
        ELSE 'active' END
$$;

-- Whether staff decided the memorandum's future: renewed, or terminated (whatever the date).
CREATE FUNCTION memorandum_decided(m memorandum) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT m.renewed_by IS NOT NULL OR m.terminated_on IS NOT NULL
$$;

-- Amendments: dated, bilingual. Audited as changes of their memorandum (its snapshot lists them).
-- No document upload yet (issue 16 asks for an optional one; not built).
CREATE TABLE memorandum_amendment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    memorandum_id   bigint NOT NULL REFERENCES memorandum (id) ON DELETE CASCADE,
    amended_on      date NOT NULL,
    title_en        text NOT NULL
        CONSTRAINT memorandum_amendment_title_en_check
        CHECK (char_length(title_en) BETWEEN 1 AND 500 AND btrim(title_en) <> ''),
    title_az        text NOT NULL
        CONSTRAINT memorandum_amendment_title_az_check
        CHECK (char_length(title_az) BETWEEN 1 AND 500 AND btrim(title_az) <> ''),
    summary_en      text
        CONSTRAINT memorandum_amendment_summary_en_check
        CHECK (char_length(summary_en) BETWEEN 1 AND 10000 AND btrim(summary_en) <> ''),
    summary_az      text
        CONSTRAINT memorandum_amendment_summary_az_check
        CHECK (char_length(summary_az) BETWEEN 1 AND 10000 AND btrim(summary_az) <> ''),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX memorandum_amendment_memorandum_idx ON memorandum_amendment (memorandum_id, amended_on);

-- Commitments: an area of cooperation that promises regular meetings says how often (at least
-- monthly, quarterly, yearly) and which series fulfil it. The memorandum form keeps area ids by
-- position (STMT_MEMORANDUM_AREA_INSERT), so editing an area's text keeps its commitment.
ALTER TABLE memorandum_area ADD COLUMN frequency text
    CONSTRAINT memorandum_area_frequency_check CHECK (frequency IN ('monthly', 'quarterly', 'yearly'));
CREATE TABLE area_series (
    area_id    bigint NOT NULL REFERENCES memorandum_area (id) ON DELETE CASCADE,
    series_id  bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    PRIMARY KEY (area_id, series_id)
);
CREATE INDEX area_series_series_idx ON area_series (series_id);

-- A meeting held: its record has someone's attendance recorded as there (present, remote, late).
-- day is the occurrence's original local date (its recurrence id).
CREATE VIEW held_meeting AS
    SELECT r.series_id, r.recurrence_id, r.recurrence_id::date AS day
    FROM meeting_record r
    WHERE EXISTS (SELECT 1 FROM record_attendance t
                  WHERE t.record_id = r.id AND t.status IN ('present', 'remote', 'late'));

GRANT SELECT, INSERT, UPDATE, DELETE ON memorandum_amendment, area_series TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE memorandum_amendment_id_seq TO memocal_web;
GRANT SELECT ON memorandum_amendment, area_series, held_meeting TO memocal_web, memocal_feed;

-- The "staff" feed (issue 16, item 5): every deadline (each signed memorandum's expiry and last day to
-- give notice while undecided, each open action item's due date). One scope for all staff, scope_id 0:
-- its feed is the same whoever subscribes, so one version serves every staff address. Any change to a
-- memorandum or an action item notes it (once per transaction, feed_note/feed_flush of migration 012).
ALTER TABLE feed_token DROP CONSTRAINT feed_token_scope_kind_check;
ALTER TABLE feed_token ADD CONSTRAINT feed_token_scope_kind_check
    CHECK (scope_kind IN ('person', 'memorandum', 'organisation', 'staff'));
ALTER TABLE feed_token ADD CONSTRAINT feed_token_staff_scope_check CHECK (scope_kind <> 'staff' OR scope_id = 0);
CREATE FUNCTION staff_feed_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM feed_note('staff', 0);
    RETURN NULL;
END $$;
CREATE TRIGGER memorandum_staff_feed AFTER INSERT OR UPDATE OR DELETE ON memorandum
    FOR EACH STATEMENT EXECUTE FUNCTION staff_feed_changed();
CREATE TRIGGER record_action_staff_feed AFTER INSERT OR UPDATE OR DELETE ON record_action
    FOR EACH STATEMENT EXECUTE FUNCTION staff_feed_changed();
