-- Migration 026: groups of people, so that a group attendee's members hear of its meetings.
--
-- A group attendee used to be a name only (attendee.group_en/_az): "The Board" was invited, but nobody
-- in it got mail, and nobody's own feed showed the meeting. Now a group is a thing of its own
-- (person_group) with members (person_group_member), kept on /groups. The meeting form still names a
-- group by typing it, as before; every attendee row that names a group is tied to the group of that
-- name (group_id), by a trigger, so the form, an .ics import and the seed tie alike. A name not known
-- yet makes a new group without members, which staff can fill in later.
--
-- Who a group's membership reaches, the same as an attendee who is a person:
--   * mail (017's mail_recipients): the members with an address who want every change. A member added
--     gets the invitations to the group's meetings that are still on; a member taken out gets their
--     cancellations (mail_flush's 'members' notes);
--   * the member's own feed and weekly digest (src/store/stmt.c, series_list and series_window);
--   * reminders and the subscribers page.

CREATE TABLE person_group (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_en     text CONSTRAINT person_group_name_en_check
        CHECK (char_length(name_en) BETWEEN 1 AND 300 AND btrim(name_en) <> ''),
    name_az     text CONSTRAINT person_group_name_az_check
        CHECK (char_length(name_az) BETWEEN 1 AND 300 AND btrim(name_az) <> ''),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT person_group_name_check CHECK (name_en IS NOT NULL OR name_az IS NOT NULL)
);
-- a name, in either language, is one group: that is how an attendee row finds it
CREATE UNIQUE INDEX person_group_name_en_key ON person_group (lower(name_en)) WHERE name_en IS NOT NULL;
CREATE UNIQUE INDEX person_group_name_az_key ON person_group (lower(name_az)) WHERE name_az IS NOT NULL;

CREATE TABLE person_group_member (
    group_id    bigint NOT NULL REFERENCES person_group (id) ON DELETE CASCADE,
    person_id   bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    sort        integer NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX person_group_member_person_idx ON person_group_member (person_id);

ALTER TABLE attendee ADD COLUMN group_id bigint REFERENCES person_group (id);
CREATE INDEX attendee_group_id_idx ON attendee (group_id) WHERE group_id IS NOT NULL;

-- The group an attendee row names: by its English name, else by its Azerbaijani one, else a new group.
-- Two forms naming a new group at once: the second insert does nothing and the lookup after it finds
-- the first one's row (READ COMMITTED: each statement sees what committed before it began).
CREATE FUNCTION person_group_of(en text, az text) RETURNS bigint
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    gid bigint;
BEGIN
    FOR i IN 1..2 LOOP
        SELECT id INTO gid FROM person_group WHERE en IS NOT NULL AND lower(name_en) = lower(en);
        IF gid IS NULL THEN
            SELECT id INTO gid FROM person_group WHERE az IS NOT NULL AND lower(name_az) = lower(az);
        END IF;
        IF gid IS NOT NULL THEN
            RETURN gid;
        END IF;
        INSERT INTO person_group (name_en, name_az) VALUES (en, az) ON CONFLICT DO NOTHING RETURNING id INTO gid;
        IF gid IS NOT NULL THEN
            RETURN gid;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'no group for % / %', en, az;
END
$$;

CREATE FUNCTION attendee_group_tie() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.person_id IS NOT NULL THEN
        NEW.group_id := NULL;
    ELSIF TG_OP = 'INSERT' OR NEW.group_en IS DISTINCT FROM OLD.group_en OR NEW.group_az IS DISTINCT FROM OLD.group_az
          OR NEW.group_id IS NULL THEN
        NEW.group_id := person_group_of(NEW.group_en, NEW.group_az);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER attendee_group_tie BEFORE INSERT OR UPDATE ON attendee
    FOR EACH ROW EXECUTE FUNCTION attendee_group_tie();

-- the groups the attendee rows stored so far name; with the rows' own triggers off, as this changes
-- nothing anyone sees (no invitation goes out again, no feed moves)
ALTER TABLE attendee DISABLE TRIGGER USER;
UPDATE attendee SET group_id = person_group_of(group_en, group_az) WHERE person_id IS NULL;
ALTER TABLE attendee ENABLE TRIGGER USER;

-- Who is to hear of a live series now: attendees who are people, and the members of attendees who are
-- groups, with an address and wanting every change; each person once.
CREATE OR REPLACE FUNCTION mail_recipients(sid bigint)
RETURNS TABLE (person_id bigint, email text, lang text)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT p.id, p.email, p.preferred_lang FROM person p
     WHERE p.email IS NOT NULL AND p.email_pref = 'every'
       AND (EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = sid AND t.person_id = p.id)
            OR EXISTS (SELECT 1 FROM attendee t JOIN person_group_member g ON g.group_id = t.group_id
                        WHERE t.series_id = sid AND g.person_id = p.id))
$$;

-- A member joins or leaves: each series the group attends hears of it ('members': only those not
-- invited yet get a REQUEST; those no longer reached get a CANCEL), and the member's own feed moves.
CREATE FUNCTION person_group_member_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (SELECT OLD.group_id AS gid, OLD.person_id AS pid WHERE TG_OP <> 'INSERT'
                            UNION SELECT NEW.group_id, NEW.person_id WHERE TG_OP <> 'DELETE') x LOOP
        PERFORM mail_note(t.series_id, 'members', NULL, NULL) FROM attendee t WHERE t.group_id = r.gid;
        PERFORM feed_note('person', r.pid);
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_group_member_changed AFTER INSERT OR DELETE ON person_group_member
    FOR EACH ROW EXECUTE FUNCTION person_group_member_changed();

-- 012's feed_flush: a memorandum's change also moves the feeds of the members of its groups
CREATE OR REPLACE FUNCTION feed_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    WITH noted AS (
        DELETE FROM feed_pending WHERE xact = pg_current_xact_id() RETURNING scope_kind, scope_id
    ), memoranda AS (
        SELECT scope_id AS id FROM noted WHERE scope_kind = 'memorandum'
    ), scopes AS (
        SELECT scope_kind, scope_id FROM noted
        UNION SELECT 'organisation', p.organisation_id FROM memoranda m JOIN memorandum_party p ON p.memorandum_id = m.id
        UNION SELECT 'person', b.person_id FROM memoranda m JOIN memorandum_member b ON b.memorandum_id = m.id
        UNION SELECT 'person', t.person_id FROM memoranda m JOIN series s ON s.memorandum_id = m.id
                JOIN attendee t ON t.series_id = s.id WHERE t.person_id IS NOT NULL
        UNION SELECT 'person', g.person_id FROM memoranda m JOIN series s ON s.memorandum_id = m.id
                JOIN attendee t ON t.series_id = s.id JOIN person_group_member g ON g.group_id = t.group_id
    )
    INSERT INTO feed_version AS v (scope_kind, scope_id)
    SELECT scope_kind, scope_id FROM scopes ORDER BY scope_kind, scope_id
    ON CONFLICT (scope_kind, scope_id) DO UPDATE
       SET version = v.version + 1, changed_at = greatest(now(), v.changed_at);
    RETURN NULL;
END
$$;

-- A group attendee taken off a meeting (or its name changed to another group's): its members' feeds
-- move too. feed_flush's expansion cannot find them at commit, as the row is gone by then.
CREATE FUNCTION attendee_group_feed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF OLD.group_id IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.group_id IS DISTINCT FROM OLD.group_id) THEN
        PERFORM feed_note('person', g.person_id) FROM person_group_member g WHERE g.group_id = OLD.group_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER attendee_group_feed AFTER UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION attendee_group_feed();

-- 017's mail_flush with one more step: the 'members' notes of person_group_member_changed
CREATE OR REPLACE FUNCTION mail_flush() RETURNS trigger
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

    -- a group's members changed: a REQUEST to each who hears of the series now and was not invited yet
    -- (those taken out were told above); the others heard of it before and nothing changed for them
    WITH joined AS (
        SELECT DISTINCT s.id, s.memorandum_id FROM mail_pending n JOIN series s ON s.id = n.series_id
         WHERE n.xact = me AND n.what = 'members' AND s.status <> 'cancelled'
    ), who AS (
        SELECT j.id, j.memorandum_id, m.person_id, m.email, m.lang
          FROM joined j CROSS JOIN LATERAL mail_recipients(j.id) m
         WHERE NOT EXISTS (SELECT 1 FROM mail_invite i WHERE i.series_id = j.id AND i.person_id = m.person_id)
    ), invited AS (
        INSERT INTO mail_invite (series_id, person_id) SELECT id, person_id FROM who ON CONFLICT DO NOTHING
    )
    INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method)
    SELECT who.id, who.memorandum_id, who.person_id, who.email, who.lang, 'REQUEST' FROM who
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

GRANT SELECT, INSERT, UPDATE, DELETE ON person_group, person_group_member TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE person_group_id_seq TO memocal_web;
GRANT SELECT ON person_group, person_group_member TO memocal_feed;
