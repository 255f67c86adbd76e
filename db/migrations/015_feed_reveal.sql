-- Migration 015: a new feed address reaches the page that shows it once, after a redirect.
--
-- POST /feeds/new makes the address and answers 303 to /feeds/{id}/subscribe (so a reload or the
-- back button never sends the form again). The secret must get from the one request to the next
-- without being stored in clear and without being in a URL (nginx logs URLs): the POST seals it
-- with a random 256-bit key (libsodium secretbox, util/secret.c), keeps the sealed text here under
-- the BLAKE2b hash of that key, and hands the key to the browser alone, in an HttpOnly cookie of
-- ten minutes. The GET takes the row (DELETE ... RETURNING: once only), unseals it and clears the
-- cookie. Neither the database nor the cookie alone gives the secret; rows older than ten
-- minutes are refused and deleted when the next one is made. memocal_feed never reads this.

CREATE TABLE feed_reveal (
    key_hash    text PRIMARY KEY CONSTRAINT feed_reveal_key_hash_check CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    token_id    bigint NOT NULL REFERENCES feed_token (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL,      -- who made it: nobody else's browser may take it
    sealed      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_reveal_created_at ON feed_reveal (created_at);

GRANT SELECT, INSERT, DELETE ON feed_reveal TO memocal_web;
