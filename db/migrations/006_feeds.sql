-- Migration 006: iCalendar subscription feeds: tokens, and a version per feed
-- scope that the database keeps current, so memocal-feed answers "not
-- modified" from one indexed query without building anything.

-- A subscription: only the BLAKE2b hash of its secret is stored (the secret
-- itself is shown once, when it is made). A token sees one scope.
CREATE TABLE feed_token (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    secret_hash     text NOT NULL
        CONSTRAINT feed_token_secret_hash_check CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
    scope_kind      text NOT NULL
        CONSTRAINT feed_token_scope_kind_check CHECK (scope_kind IN ('person', 'memorandum', 'organisation')),
    scope_id        bigint NOT NULL,
    lang            text NOT NULL DEFAULT 'az' CONSTRAINT feed_token_lang_check CHECK (lang IN ('en', 'az')),
    label           text NOT NULL
        CONSTRAINT feed_token_label_check CHECK (char_length(label) BETWEEN 1 AND 200 AND btrim(label) <> ''),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text,
    revoked_at      timestamptz,
    -- written by memocal-feed through feed_token_seen(), at most every few minutes per token
    last_fetched_at timestamptz,
    last_client     text,
    last_size       bigint,
    fetches         bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX feed_token_secret_hash_key ON feed_token (secret_hash);

-- The version of every scope a feed can have; bumped by the triggers below
-- whenever anything its feed shows changes. changed_at never moves backwards.
CREATE TABLE feed_version (
    scope_kind  text NOT NULL,
    scope_id    bigint NOT NULL,
    version     bigint NOT NULL DEFAULT 1,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope_kind, scope_id)
);

-- SECURITY DEFINER: the web role changes records, and the triggers keep the
-- versions; it cannot set a version itself.
CREATE FUNCTION feed_touch(kind text, id bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO feed_version AS v (scope_kind, scope_id) VALUES (kind, id)
    ON CONFLICT (scope_kind, scope_id) DO UPDATE
       SET version = v.version + 1, changed_at = greatest(now(), v.changed_at)
$$;

-- Everything a memorandum's series touch: the memorandum, its parties'
-- organisations, its members, and the people who attend its series.
CREATE FUNCTION feed_touch_memorandum(mid bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    IF mid IS NULL THEN
        RETURN;
    END IF;
    PERFORM feed_touch('memorandum', mid);
    FOR r IN SELECT organisation_id AS id FROM memorandum_party WHERE memorandum_id = mid LOOP
        PERFORM feed_touch('organisation', r.id);
    END LOOP;
    FOR r IN SELECT person_id AS id FROM memorandum_member WHERE memorandum_id = mid
             UNION SELECT t.person_id FROM attendee t JOIN series s ON s.id = t.series_id
                   WHERE s.memorandum_id = mid AND t.person_id IS NOT NULL LOOP
        PERFORM feed_touch('person', r.id);
    END LOOP;
END
$$;

CREATE FUNCTION feed_changed() RETURNS trigger
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
            mid := CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END;
            PERFORM feed_touch_memorandum(mid);
        WHEN 'series_override' THEN
            SELECT memorandum_id INTO mid FROM series
             WHERE id = CASE rec.which WHEN 1 THEN OLD.series_id ELSE NEW.series_id END;
            PERFORM feed_touch_memorandum(mid);
        WHEN 'attendee' THEN
            SELECT memorandum_id INTO mid FROM series
             WHERE id = CASE rec.which WHEN 1 THEN OLD.series_id ELSE NEW.series_id END;
            PERFORM feed_touch_memorandum(mid);
            IF (CASE rec.which WHEN 1 THEN OLD.person_id ELSE NEW.person_id END) IS NOT NULL THEN
                PERFORM feed_touch('person', CASE rec.which WHEN 1 THEN OLD.person_id ELSE NEW.person_id END);
            END IF;
        WHEN 'memorandum' THEN
            PERFORM feed_touch_memorandum(CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
        WHEN 'memorandum_party' THEN
            PERFORM feed_touch_memorandum(CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END);
            PERFORM feed_touch('organisation', CASE rec.which WHEN 1 THEN OLD.organisation_id ELSE NEW.organisation_id END);
        WHEN 'memorandum_member' THEN
            PERFORM feed_touch_memorandum(CASE rec.which WHEN 1 THEN OLD.memorandum_id ELSE NEW.memorandum_id END);
            PERFORM feed_touch('person', CASE rec.which WHEN 1 THEN OLD.person_id ELSE NEW.person_id END);
        WHEN 'person' THEN
            -- a name shows in attendee lists and in the person's own feed
            PERFORM feed_touch('person', CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
            FOR mid IN SELECT memorandum_id FROM memorandum_member
                        WHERE person_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END
                       UNION SELECT s.memorandum_id FROM attendee t JOIN series s ON s.id = t.series_id
                        WHERE t.person_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END LOOP
                PERFORM feed_touch_memorandum(mid);
            END LOOP;
        WHEN 'organisation' THEN
            PERFORM feed_touch('organisation', CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END);
            FOR mid IN SELECT memorandum_id FROM memorandum_party
                        WHERE organisation_id = CASE rec.which WHEN 1 THEN OLD.id ELSE NEW.id END LOOP
                PERFORM feed_touch_memorandum(mid);
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

-- BEFORE DELETE on the parents, so their children are still there to be found
CREATE TRIGGER series_feed AFTER INSERT OR UPDATE ON series FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER series_feed_delete BEFORE DELETE ON series FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER series_override_feed AFTER INSERT OR UPDATE OR DELETE ON series_override
    FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER attendee_feed AFTER INSERT OR UPDATE OR DELETE ON attendee FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER memorandum_feed AFTER INSERT OR UPDATE ON memorandum FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER memorandum_feed_delete BEFORE DELETE ON memorandum FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER memorandum_party_feed AFTER INSERT OR UPDATE OR DELETE ON memorandum_party
    FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER memorandum_member_feed AFTER INSERT OR UPDATE OR DELETE ON memorandum_member
    FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER person_feed AFTER UPDATE ON person FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER person_feed_delete BEFORE DELETE ON person FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER organisation_feed AFTER UPDATE ON organisation FOR EACH ROW EXECUTE FUNCTION feed_changed();
CREATE TRIGGER organisation_feed_delete BEFORE DELETE ON organisation FOR EACH ROW EXECUTE FUNCTION feed_changed();

-- memocal-feed may record that a token was fetched, and nothing else: its
-- role cannot write any table, only call this. On a read-only replica the
-- call fails and the feed goes on without the statistics.
CREATE FUNCTION feed_token_seen(token_id bigint, client text, size bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE feed_token SET last_fetched_at = now(), last_client = left(client, 300), last_size = size,
           fetches = fetches + 1
     WHERE id = token_id AND revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION feed_token_seen(bigint, text, bigint) FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE ON feed_token TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE feed_token_id_seq TO memocal_web;
GRANT SELECT ON feed_version TO memocal_web;
GRANT SELECT ON feed_token, feed_version TO memocal_feed;
REVOKE ALL ON FUNCTION feed_touch(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION feed_touch(text, bigint) TO memocal_web;
GRANT EXECUTE ON FUNCTION feed_token_seen(bigint, text, bigint) TO memocal_feed;
