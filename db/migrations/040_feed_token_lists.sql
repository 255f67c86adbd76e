-- Migration 040: the feeds page by index (issue 18).
--
-- Revoked addresses are kept, so feed_token only grows. The feeds page reads its addresses a page at a time in
-- its order (live first, newest first), and its "who hears of a change" list asks of each person whether a live
-- address of their own exists: both read the whole table before (5,000 addresses in bench/large.py's
-- installation: 16 and 48 ms).
CREATE INDEX feed_token_list_idx ON feed_token ((revoked_at IS NOT NULL), created_at DESC, id DESC);
CREATE INDEX feed_token_scope_idx ON feed_token (scope_kind, scope_id) WHERE revoked_at IS NULL;
