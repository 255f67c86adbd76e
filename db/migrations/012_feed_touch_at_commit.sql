-- Migration 012: feed versions move once per transaction, when it commits.
--
-- Until now each row a change wrote bumped at once the version of every scope its feeds show
-- (006's feed_changed): an attendee row touched its memorandum, which touched every person
-- attending any of the memorandum's series, so an import cost the square of its attendees
-- (20,000 took 105 s); and every feed_version row it bumped stayed locked until the end of the
-- transaction, so an unrelated change that touched one of them (another memorandum sharing an
-- organisation or a person) waited for the whole import, and past statement_timeout failed.
--
-- Now a row's trigger only notes the scopes it concerns, once each, in feed_pending (per
-- transaction); a memorandum is noted as a memorandum. When the transaction commits, a deferred
-- constraint trigger expands each noted memorandum to its parties, members and attendees and
-- bumps every scope in one statement, in a fixed order (so two committing transactions cannot
-- deadlock on feed_version), holding those row locks only for the commit. Expansion at the end
-- sees the memorandum as committed; what a change removes (an attendee, a party, a member, the
-- parts of a deleted series or memorandum) notes its own person or organisation as it goes.
-- The cost is linear in the rows written, and each scope's version moves once per transaction.
--
-- Notifications to memocal-feed (007) now say what moved: "version" for a new feed version,
-- "token" for a token revoked or changed. A worker keeps answering a token it served from its
-- last bytes while the database cannot be reached (src/pages/feed.c) only until a "token"
-- notification says a token changed.

CREATE UNLOGGED TABLE feed_pending (
    xact        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    scope_kind  text NOT NULL,
    scope_id    bigint NOT NULL,
    PRIMARY KEY (xact, scope_kind, scope_id)
);

CREATE FUNCTION feed_note(kind text, id bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO feed_pending (scope_kind, scope_id) SELECT kind, id WHERE id IS NOT NULL
    ON CONFLICT DO NOTHING
$$;
REVOKE ALL ON FUNCTION feed_note(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION feed_note(text, bigint) TO memocal_web;

-- At commit, once per noted row; the first call takes all of its transaction's notes, the
-- others find none.
CREATE FUNCTION feed_flush() RETURNS trigger
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
    )
    INSERT INTO feed_version AS v (scope_kind, scope_id)
    SELECT scope_kind, scope_id FROM scopes ORDER BY scope_kind, scope_id
    ON CONFLICT (scope_kind, scope_id) DO UPDATE
       SET version = v.version + 1, changed_at = greatest(now(), v.changed_at);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER feed_pending_flush AFTER INSERT ON feed_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION feed_flush();

-- 006's trigger function, noting instead of touching (the same cases, the same scopes)
CREATE OR REPLACE FUNCTION feed_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rec record;
    mid bigint;
BEGIN
    FOR rec IN SELECT * FROM (SELECT 1 AS which UNION ALL SELECT 2) w LOOP
        -- the old row and the new one: a change may move something between scopes
        IF rec.which = 1 AND TG_OP = 'INSERT' THEN CONTINUE; END IF;
        IF rec.which = 2 AND TG_OP = 'DELETE' THEN CONTINUE; END IF;
        CASE TG_TABLE_NAME
        WHEN 'series' THEN
            PERFORM feed_note('memorandum', CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END);
        WHEN 'series_override' THEN
            SELECT memorandum_id INTO mid FROM series
             WHERE id = CASE rec.which WHEN 1 THEN OLD.series_id ELSE NEW.series_id END;
            PERFORM feed_note('memorandum', mid);
        WHEN 'attendee' THEN
            -- a removed attendee's person is noted here: the memorandum's expansion will not find it
            SELECT memorandum_id INTO mid FROM series
             WHERE id = CASE rec.which WHEN 1 THEN OLD.series_id ELSE NEW.series_id END;
            PERFORM feed_note('memorandum', mid);
            PERFORM feed_note('person', CASE rec.which WHEN 1 THEN OLD.person_id ELSE NEW.person_id END);
        WHEN 'memorandum' THEN
            PERFORM feed_note('memorandum', CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
        WHEN 'memorandum_party' THEN
            PERFORM feed_note('memorandum', CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END);
            PERFORM feed_note('organisation', CASE rec.which WHEN 1 THEN OLD.organisation_id ELSE NEW.organisation_id END);
        WHEN 'memorandum_member' THEN
            PERFORM feed_note('memorandum', CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END);
            PERFORM feed_note('person', CASE rec.which WHEN 1 THEN OLD.person_id ELSE NEW.person_id END);
        WHEN 'person' THEN
            -- a name shows in attendee lists and in the person's own feed; the memoranda are
            -- found now, while a deleted person's memberships and attendances still exist
            PERFORM feed_note('person', CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
            FOR mid IN SELECT memorandum_id FROM memorandum_member
                        WHERE person_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END
                       UNION SELECT s.memorandum_id FROM attendee t JOIN series s ON s.id = t.series_id
                        WHERE t.person_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END LOOP
                PERFORM feed_note('memorandum', mid);
            END LOOP;
        WHEN 'organisation' THEN
            PERFORM feed_note('organisation', CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
            FOR mid IN SELECT memorandum_id FROM memorandum_party
                        WHERE organisation_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END LOOP
                PERFORM feed_note('memorandum', mid);
            END LOOP;
        END CASE;
    END LOOP;
    -- a BEFORE trigger that returns NULL skips the row: a delete must get its row back
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END
$$;

-- what changed, for memocal-feed's workers (007's channel)
CREATE OR REPLACE FUNCTION feed_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('memocal_feed', CASE TG_TABLE_NAME WHEN 'feed_version' THEN 'version' ELSE 'token' END);
    RETURN NULL;
END
$$;
