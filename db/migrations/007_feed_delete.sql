-- Migration 007: deletes work again under the feed triggers.
--
-- 006's feed_changed() returned NULL, which an AFTER trigger ignores but a BEFORE
-- DELETE trigger (series, memorandum, person, organisation) takes as "skip this
-- row": every delete silently deleted nothing and the pages answered 409. The
-- function is the same as in 006 but for its last lines.

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
