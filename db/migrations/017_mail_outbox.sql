-- Migration 017: mail to attendees (iTIP over iMIP) through a transactional outbox.
--
-- Every change that should produce mail enqueues its messages in mail_outbox inside the transaction
-- that makes the change, so a change never commits without its mail and no mail is queued for a change
-- that rolled back. As with feed versions (012), a row's trigger only notes what it touched
-- (mail_pending, per transaction), and a deferred constraint trigger decides at commit, once per
-- series, who hears what: by then the series, its attendees and its exceptions are as they will be
-- committed. Triggers rather than calls in C, so that every way of writing a series (its form, an
-- occurrence page, an .ics import, the seed) enqueues alike.
--
-- What is queued is a notice (series, recipient, method); memocal-mailer builds the message when it
-- sends it, from the series as it then is (a REQUEST always carries the latest state and SEQUENCE),
-- or from the snapshot kept here for a CANCEL (the series may be gone). Who gets what:
--   * a series created or changed (its times, rule, texts, attendees, a moved or restored occurrence):
--     METHOD:REQUEST to each attendee who is a person with an email address and email_pref 'every';
--     while such a REQUEST is still queued (not yet taken by a mailer) no second one is added;
--   * one occurrence cancelled: METHOD:CANCEL with its RECURRENCE-ID to the same people;
--   * a series cancelled or deleted: METHOD:CANCEL of the whole series to everyone invited before;
--   * an attendee removed (or no longer reachable): METHOD:CANCEL of the series to them.
-- mail_invite remembers who was invited to what, so that a cancellation reaches exactly them.

ALTER TABLE person ADD COLUMN email_pref text NOT NULL DEFAULT 'every'
    CONSTRAINT person_email_pref_check CHECK (email_pref IN ('every', 'digest', 'none'));

CREATE UNLOGGED TABLE mail_pending (
    xact           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    series_id      bigint NOT NULL,
    -- 'series': anything an attendee sees changed; 'cancel': one occurrence cancelled; 'gone': deleted
    what           text NOT NULL,
    recurrence_id  timestamp NOT NULL DEFAULT '-infinity',
    gone           jsonb,
    PRIMARY KEY (xact, series_id, what, recurrence_id)
);

-- Who has been sent an invitation to a series and not yet its cancellation. No foreign key to the
-- series: its cancellation is worked out after it has been deleted.
CREATE TABLE mail_invite (
    series_id  bigint NOT NULL,
    person_id  bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (series_id, person_id)
);

CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the left part of the Message-ID (memocal-mailer adds @ and the sender's domain): the same on every
    -- try, so a repeated delivery is recognisable as the same message
    message_key     text NOT NULL DEFAULT gen_random_uuid()::text CONSTRAINT mail_outbox_message_key UNIQUE,
    series_id       bigint NOT NULL,   -- no foreign key: a deleted series' cancellation outlives it
    memorandum_id   bigint,
    person_id       bigint REFERENCES person (id) ON DELETE SET NULL,
    recipient       text NOT NULL,
    lang            text NOT NULL CONSTRAINT mail_outbox_lang_check CHECK (lang IN ('en', 'az')),
    -- REQUEST, CANCEL: iTIP; REMINDER: a plain message before an occurrence (memocal-mailer queues those)
    method          text NOT NULL CONSTRAINT mail_outbox_method_check CHECK (method IN ('REQUEST', 'CANCEL', 'REMINDER')),
    recurrence_id   timestamp,         -- a CANCEL of one occurrence, a REMINDER: its original local start
    -- a REMINDER's "reminder:SERIES:RECURRENCE-ID:PERSON": one reminder per occurrence and person, however
    -- often and by however many mailers it is looked for
    reminder_key    text CONSTRAINT mail_outbox_reminder_key UNIQUE,
    -- a CANCEL: the series as it was (uid, sequence, titles, zone, start, end, all_day); a REMINDER: the
    -- occurrence's start as it will be (start_local)
    event           jsonb,
    -- queued: waits (again, after a temporary refusal: next_attempt_at, last_error); sending: a mailer
    -- took it at claimed_at; sent; failed: refused for good (last_error); given_up: refused for longer
    -- than mail_give_up
    state           text NOT NULL DEFAULT 'queued'
        CONSTRAINT mail_outbox_state_check CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'given_up')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_at      timestamptz,
    last_error      text CONSTRAINT mail_outbox_last_error_check CHECK (char_length(last_error) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- when it was last put in the queue (created, or sent again by staff): mail_give_up counts from here
    queued_at       timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX mail_outbox_series_idx ON mail_outbox (series_id);
CREATE INDEX mail_outbox_memorandum_idx ON mail_outbox (memorandum_id);
CREATE INDEX mail_outbox_person_idx ON mail_outbox (person_id);

CREATE FUNCTION mail_note(sid bigint, what text, rid timestamp, gone jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO mail_pending (series_id, what, recurrence_id, gone)
    SELECT sid, what, coalesce(rid, '-infinity'), gone WHERE sid IS NOT NULL
    ON CONFLICT (xact, series_id, what, recurrence_id) DO NOTHING
$$;
REVOKE ALL ON FUNCTION mail_note(bigint, text, timestamp, jsonb) FROM PUBLIC;

-- What a CANCEL needs of a series once it may be gone.
CREATE FUNCTION mail_event(s series, bump integer) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('uid', s.uid, 'sequence', s.sequence + bump, 'title_en', s.title_en,
        'title_az', s.title_az, 'tzid', s.tzid, 'start_local', s.start_local, 'end_local', s.end_local,
        'all_day', s.all_day, 'memorandum_id', s.memorandum_id, 'rrule', s.rrule)
$$;

CREATE FUNCTION mail_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    CASE TG_TABLE_NAME
    WHEN 'series' THEN
        IF TG_OP = 'DELETE' THEN
            -- deleting is a change that matters: the cancellation carries a higher SEQUENCE
            PERFORM mail_note(OLD.id, 'gone', NULL, mail_event(OLD, 1));
        ELSIF TG_OP = 'INSERT' OR (to_jsonb(OLD) - 'version' - 'updated_at' - 'sequence')
                                   IS DISTINCT FROM (to_jsonb(NEW) - 'version' - 'updated_at' - 'sequence') THEN
            -- an update of nothing but its bookkeeping comes with a change to an exception, which notes
            -- itself (a cancelled occurrence is a CANCEL of it alone, not a REQUEST of the whole series)
            PERFORM mail_note(NEW.id, 'series', NULL, NULL);
        END IF;
    WHEN 'series_override' THEN
        IF TG_OP <> 'DELETE' AND NEW.cancelled AND (TG_OP = 'INSERT' OR NOT OLD.cancelled) THEN
            PERFORM mail_note(NEW.series_id, 'cancel', NEW.recurrence_id, NULL);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM mail_note(OLD.series_id, 'series', NULL, NULL);
        ELSE
            PERFORM mail_note(NEW.series_id, 'series', NULL, NULL);
        END IF;
    WHEN 'attendee' THEN
        IF TG_OP <> 'INSERT' THEN PERFORM mail_note(OLD.series_id, 'series', NULL, NULL); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM mail_note(NEW.series_id, 'series', NULL, NULL); END IF;
    END CASE;
    RETURN NULL;
END
$$;

CREATE TRIGGER series_mail AFTER INSERT OR UPDATE OR DELETE ON series
    FOR EACH ROW EXECUTE FUNCTION mail_changed();
CREATE TRIGGER series_override_mail AFTER INSERT OR UPDATE OR DELETE ON series_override
    FOR EACH ROW EXECUTE FUNCTION mail_changed();
CREATE TRIGGER attendee_mail AFTER INSERT OR UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION mail_changed();

-- Who is to hear of a live series now: attendees who are people with an address and want every change.
CREATE FUNCTION mail_recipients(sid bigint)
RETURNS TABLE (person_id bigint, email text, lang text)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT p.id, p.email, p.preferred_lang FROM attendee t JOIN person p ON p.id = t.person_id
     WHERE t.series_id = sid AND p.email IS NOT NULL AND p.email_pref = 'every'
$$;

-- At commit, once per noted row; the first call takes all of its transaction's notes, the others find none.
-- Set-based, one statement per kind of message, so that an import of 500 meetings with 40 attendees each
-- (t76) costs a few statements rather than 20,000 round trips through a loop.
CREATE FUNCTION mail_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me xid8 := pg_current_xact_id();
    k bigint;
    queued bigint := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM mail_pending WHERE xact = me) THEN
        RETURN NULL;
    END IF;
    -- the series that are off (deleted, or cancelled): everyone invited hears so, once
    WITH n AS (
        SELECT series_id, (array_agg(gone) FILTER (WHERE gone IS NOT NULL))[1] AS gone
          FROM mail_pending WHERE xact = me GROUP BY series_id
    ), off AS (
        SELECT n.series_id, CASE WHEN s.id IS NULL THEN n.gone ELSE mail_event(s, 0) END AS ev
          FROM n LEFT JOIN series s ON s.id = n.series_id
         WHERE s.id IS NULL OR s.status = 'cancelled'
    ), told AS (
        DELETE FROM mail_invite i USING off WHERE i.series_id = off.series_id RETURNING i.series_id, i.person_id
    )
    INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method, event)
    SELECT off.series_id, (off.ev->>'memorandum_id')::bigint, p.id, p.email, p.preferred_lang, 'CANCEL', off.ev
      FROM told JOIN off ON off.series_id = told.series_id JOIN person p ON p.id = told.person_id
     WHERE p.email IS NOT NULL AND off.ev IS NOT NULL
     ORDER BY told.series_id, p.id;
    GET DIAGNOSTICS k = ROW_COUNT;
    queued := queued + k;

    -- live series: invited before, not an attendee to hear of it now (taken off, no address, no mail
    -- wanted): the series is cancelled for them
    WITH live AS (
        SELECT DISTINCT ON (s.id) s.id, s.memorandum_id, s AS srow FROM mail_pending n JOIN series s ON s.id = n.series_id
         WHERE n.xact = me AND s.status <> 'cancelled'
    ), gone AS (
        DELETE FROM mail_invite i USING live
         WHERE i.series_id = live.id
           AND NOT EXISTS (SELECT 1 FROM mail_recipients(live.id) m WHERE m.person_id = i.person_id)
        RETURNING i.series_id, i.person_id
    )
    INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method, event)
    SELECT live.id, live.memorandum_id, p.id, p.email, p.preferred_lang, 'CANCEL', mail_event(live.srow, 0)
      FROM gone JOIN live ON live.id = gone.series_id JOIN person p ON p.id = gone.person_id
     WHERE p.email IS NOT NULL
     ORDER BY live.id, p.id;
    GET DIAGNOSTICS k = ROW_COUNT;
    queued := queued + k;

    -- one occurrence cancelled: a CANCEL of it alone to those who hear of the series
    INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method, recurrence_id, event)
    SELECT s.id, s.memorandum_id, m.person_id, m.email, m.lang, 'CANCEL', n.recurrence_id, mail_event(s, 0)
      FROM mail_pending n JOIN series s ON s.id = n.series_id CROSS JOIN LATERAL mail_recipients(s.id) m
     WHERE n.xact = me AND n.what = 'cancel' AND s.status <> 'cancelled'
     ORDER BY s.id, n.recurrence_id, m.person_id;
    GET DIAGNOSTICS k = ROW_COUNT;
    queued := queued + k;

    -- a series created or changed: a REQUEST to each who hears of it, unless one still waits untaken
    -- (it is built when sent, so it carries this change too). Those are locked first, so that no mailer
    -- takes one (its claim skips locked rows) before this commits; people in a fixed order, so two
    -- changes committing at once cannot deadlock here.
    PERFORM 1 FROM mail_outbox o
      JOIN (SELECT DISTINCT series_id FROM mail_pending WHERE xact = me AND what = 'series') c ON c.series_id = o.series_id
     WHERE o.method = 'REQUEST' AND o.state = 'queued' AND o.attempts = 0
     ORDER BY o.series_id, o.person_id
       FOR UPDATE OF o;
    WITH changed AS (
        SELECT DISTINCT s.id, s.memorandum_id FROM mail_pending n JOIN series s ON s.id = n.series_id
         WHERE n.xact = me AND n.what = 'series' AND s.status <> 'cancelled'
    ), who AS (
        SELECT c.id, c.memorandum_id, m.person_id, m.email, m.lang
          FROM changed c CROSS JOIN LATERAL mail_recipients(c.id) m
    ), invited AS (
        INSERT INTO mail_invite (series_id, person_id) SELECT id, person_id FROM who ON CONFLICT DO NOTHING
    )
    INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method)
    SELECT who.id, who.memorandum_id, who.person_id, who.email, who.lang, 'REQUEST' FROM who
     WHERE NOT EXISTS (SELECT 1 FROM mail_outbox o
                        WHERE o.series_id = who.id AND o.person_id = who.person_id AND o.method = 'REQUEST'
                          AND o.state = 'queued' AND o.attempts = 0 AND o.recipient = who.email)
     ORDER BY who.id, who.person_id;
    GET DIAGNOSTICS k = ROW_COUNT;
    queued := queued + k;

    DELETE FROM mail_pending WHERE xact = me;
    IF queued > 0 THEN
        PERFORM pg_notify('memocal_mail', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER mail_pending_flush AFTER INSERT ON mail_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mail_flush();

-- memocal-mailer connects with memocal_web's role (or a login role granted it); staff pages read the
-- outbox and may send a failed message again.
GRANT SELECT, UPDATE ON mail_outbox TO memocal_web;
GRANT SELECT ON mail_invite TO memocal_web;
-- reminders are queued by memocal-mailer itself
GRANT INSERT ON mail_outbox TO memocal_web;
