-- Migration 023: the renewal recommendation of a memorandum's activity report (issue 16, item 4).
--
-- The report's numbers are computed on every request from the series and the meeting records (016);
-- what staff write is stored here: one draft per memorandum and period, edited by editors and admins
-- until it is issued. Issuing keeps the report as it was: the numbers go into `numbers` (the report's
-- CSV at that moment) and the row cannot change afterwards (the trigger below), so later meeting
-- records or corrections do not rewrite a report the university has already received.

CREATE TABLE activity_report (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    memorandum_id   bigint NOT NULL REFERENCES memorandum (id) ON DELETE CASCADE,
    period_from     date NOT NULL,
    period_to       date NOT NULL,
    advice          text NOT NULL DEFAULT 'undecided'
        CONSTRAINT activity_report_advice_check CHECK (advice IN ('undecided', 'renew', 'amend', 'end')),
    text_en         text NOT NULL DEFAULT ''
        CONSTRAINT activity_report_text_en_check CHECK (char_length(text_en) <= 4000),
    text_az         text NOT NULL DEFAULT ''
        CONSTRAINT activity_report_text_az_check CHECK (char_length(text_az) <= 4000),
    state           text NOT NULL DEFAULT 'draft'
        CONSTRAINT activity_report_state_check CHECK (state IN ('draft', 'issued')),
    numbers         text,        -- the report's CSV as issued (NULL while a draft)
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    issued_at       timestamptz,
    issued_by       text,        -- the login that issued it, kept as text like the audit log's
    CONSTRAINT activity_report_period_check CHECK (period_from <= period_to),
    CONSTRAINT activity_report_issued_check CHECK ((state = 'issued') = (issued_at IS NOT NULL AND numbers IS NOT NULL))
);
-- one draft per memorandum and period; issued ones accumulate
CREATE UNIQUE INDEX activity_report_draft_key ON activity_report (memorandum_id, period_from, period_to)
    WHERE state = 'draft';
CREATE INDEX activity_report_memorandum_idx ON activity_report (memorandum_id, period_from, period_to);

-- An issued report is kept as it was: no update, whoever asks (the memorandum's delete still removes it).
CREATE FUNCTION activity_report_keep_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an issued activity report does not change' USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER activity_report_keep_issued BEFORE UPDATE ON activity_report
    FOR EACH ROW WHEN (OLD.state = 'issued') EXECUTE FUNCTION activity_report_keep_issued();

GRANT SELECT, INSERT, UPDATE, DELETE ON activity_report TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE activity_report_id_seq TO memocal_web;
