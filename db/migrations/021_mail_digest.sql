-- 021_mail_digest.sql - weekly digests in the mail outbox (issue 17, item 5).
--
-- memocal-mailer queues, once a week (mail_digest_weekday, mail_digest_hour, mail_digest_zone), one
-- DIGEST per person with an address and email_pref 'digest' who has meetings in the coming week. A digest
-- speaks of no one series, so series_id may be NULL; its window (UTC) is kept in event as start_local and
-- end_local, and its key "digest:PERSON:ISO-WEEK" in reminder_key (the outbox's "queue this once" key), so
-- a restarted mailer or a second one never queues it twice. It is built when sent, from the person's
-- series as they are then.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_method_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_method_check
    CHECK (method IN ('REQUEST', 'CANCEL', 'REMINDER', 'DIGEST'));
ALTER TABLE mail_outbox ALTER COLUMN series_id DROP NOT NULL;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_series_check CHECK (series_id IS NOT NULL OR method = 'DIGEST');

-- Bulk last: a big import's COMMIT queues 20,000 invitations at once (t76), and a queue taken in order
-- of arrival would keep a single new invitation, made a minute later, waiting behind all of them. So the
-- first MAIL_BULK_AFTER (100) messages a transaction queues are ordinary and the rest are bulk, and
-- memocal-mailer takes every ordinary message that is due before any bulk one (STMT_MAIL_CLAIM). A form's
-- change, a reminder or a digest is never bulk; an import's first hundred go at once, the rest behind any
-- later single change. Counted per transaction in a transaction-local setting, so nothing else is written.
ALTER TABLE mail_outbox ADD COLUMN bulk boolean NOT NULL DEFAULT false;
CREATE FUNCTION mail_bulk_mark() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    n integer := coalesce(nullif(current_setting('memocal.mail_queued', true), ''), '0')::integer + 1;
BEGIN
    PERFORM set_config('memocal.mail_queued', n::text, true);
    NEW.bulk := n > 100; -- MAIL_BULK_AFTER
    RETURN NEW;
END $$;
CREATE TRIGGER mail_outbox_bulk BEFORE INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION mail_bulk_mark();
CREATE INDEX mail_outbox_claim_idx ON mail_outbox (bulk, next_attempt_at, id) WHERE state = 'queued';
