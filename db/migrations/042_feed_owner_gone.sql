-- Migration 042: a feed address ends with what it shows, and a staff account's own with the account.
--
-- A memorandum's, organisation's or person's address used to outlive its subject: deleted, the address
-- still answered 200 with an empty calendar named " · memocal", so subscribers' calendars lost their name and
-- every event without a word. A staff address ("your deadlines", scope 'staff') is its creator's: disabled
-- or removed, the account's sessions end at once, but the address went on serving every undecided
-- memorandum's dates and every open action item. Both are now revoked in the same transaction as the
-- change, so memocal-feed answers 404 as for any revoked address (its workers hear of it through
-- feed_token_notify, migration 007), and the feeds page lists them as revoked.
CREATE FUNCTION feed_scope_gone() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE feed_token SET revoked_at = now()
     WHERE scope_kind = TG_ARGV[0] AND scope_id = OLD.id AND revoked_at IS NULL;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION feed_scope_gone() FROM PUBLIC;
CREATE TRIGGER memorandum_feed_gone AFTER DELETE ON memorandum
    FOR EACH ROW EXECUTE FUNCTION feed_scope_gone('memorandum');
CREATE TRIGGER organisation_feed_gone AFTER DELETE ON organisation
    FOR EACH ROW EXECUTE FUNCTION feed_scope_gone('organisation');
CREATE TRIGGER person_feed_gone AFTER DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION feed_scope_gone('person');

CREATE FUNCTION feed_owner_gone() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE feed_token SET revoked_at = now()
     WHERE scope_kind = 'staff' AND created_by = OLD.login AND revoked_at IS NULL;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION feed_owner_gone() FROM PUBLIC;
CREATE TRIGGER staff_user_feed_disabled AFTER UPDATE OF disabled ON staff_user
    FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled) EXECUTE FUNCTION feed_owner_gone();
CREATE TRIGGER staff_user_feed_removed AFTER DELETE ON staff_user
    FOR EACH ROW EXECUTE FUNCTION feed_owner_gone();

-- addresses whose subject or owner is already gone
UPDATE feed_token t SET revoked_at = now()
 WHERE revoked_at IS NULL AND (
       (scope_kind = 'memorandum' AND NOT EXISTS (SELECT 1 FROM memorandum WHERE id = t.scope_id))
    OR (scope_kind = 'organisation' AND NOT EXISTS (SELECT 1 FROM organisation WHERE id = t.scope_id))
    OR (scope_kind = 'person' AND NOT EXISTS (SELECT 1 FROM person WHERE id = t.scope_id))
    OR (scope_kind = 'staff' AND NOT EXISTS (SELECT 1 FROM staff_user u WHERE u.login = t.created_by AND NOT u.disabled)));
