-- Migration 007: tell memocal-feed when what it may remember has changed.
--
-- Each memocal-feed worker remembers, per token, what its lookup query
-- answered (scope, language, version), so a fetch or a 304 costs no query.
-- It LISTENs on the channel memocal_feed and forgets everything it remembers
-- when a notification arrives. PostgreSQL sends a notification when the
-- transaction that raised it commits, so the workers learn of a revocation or
-- of a new feed version together with the commit (src/pages/feed.c says how a
-- worker checks before every request, and what it does when it cannot listen).
--
-- The payload is empty: a change is rare next to the fetches, and forgetting
-- everything is simpler to get right than forgetting the right things.
-- Notifications with the same payload are folded into one per transaction.

CREATE FUNCTION feed_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('memocal_feed', '');
    RETURN NULL;
END
$$;

-- A new version of any scope: a feed's bytes change.
CREATE TRIGGER feed_version_notify AFTER INSERT OR UPDATE OR DELETE ON feed_version
    FOR EACH STATEMENT EXECUTE FUNCTION feed_notify();

-- A token revoked, or changed in what it shows, or removed. Not the columns
-- that memocal-feed itself writes when it records a fetch (last_fetched_at,
-- last_client, last_size, fetches): that would make every worker forget
-- everything every few minutes for nothing. A new token needs no notice:
-- nobody remembers a token that did not exist.
CREATE TRIGGER feed_token_notify
    AFTER UPDATE OF secret_hash, scope_kind, scope_id, lang, revoked_at OR DELETE ON feed_token
    FOR EACH STATEMENT EXECUTE FUNCTION feed_notify();
