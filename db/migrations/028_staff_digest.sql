-- 028_staff_digest.sql - a weekly digest for staff (issue 17, item 5, the staff half): memoranda in their
-- notice period with no decision taken, and overdue action items.
--
-- A staff account gets an address of its own (none until its owner gives one on /account) and opts in
-- with `digest`. memocal-mailer queues, at the attendee digest's weekly moment, one STAFF message per
-- account with an address, the digest ticked and not disabled, keyed "staff:USER:ISO-WEEK" in
-- reminder_key (the outbox's "queue this once" key, as 021's digests), so two mailers or a restart never
-- queue it twice. It is built when sent. A STAFF message speaks of no series and of no person.
ALTER TABLE staff_user
    -- the same shape person.email has (migration 002): one @, no spaces, at most 254 characters
    ADD COLUMN email text
        CONSTRAINT staff_user_email_check
        CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    ADD COLUMN digest boolean NOT NULL DEFAULT false,
    -- a digest needs somewhere to go; the form says so first (422), this keeps every other path honest
    ADD CONSTRAINT staff_user_digest_check CHECK (NOT digest OR email IS NOT NULL);

-- the account a STAFF message goes to; kept as NULL when the account is deleted, as person_id is
ALTER TABLE mail_outbox ADD COLUMN staff_user_id bigint REFERENCES staff_user (id) ON DELETE SET NULL;
CREATE INDEX mail_outbox_staff_user_idx ON mail_outbox (staff_user_id) WHERE staff_user_id IS NOT NULL;

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_method_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_method_check
    CHECK (method IN ('REQUEST', 'CANCEL', 'REMINDER', 'DIGEST', 'STAFF'));
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_series_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_series_check
    CHECK (series_id IS NOT NULL OR method IN ('DIGEST', 'STAFF'));

-- No new grants: memocal_web (memocal-web, and memocal-mailer, which connects with its role) already has
-- SELECT, INSERT, UPDATE, DELETE on staff_user (004) and SELECT, INSERT, UPDATE on mail_outbox (017), table
-- wide, so the new columns are covered; memocal_feed still sees neither table.
