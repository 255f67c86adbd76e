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
