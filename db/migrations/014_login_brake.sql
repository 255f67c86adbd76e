-- Migration 014: the login brake slows guessing per account and per (address, account) pair, and never
-- locks a real user out.
--
-- Before, 20 failures from one address (any login names) refused every login from that address, the
-- administrator's right password included: one person behind a campus NAT kept all staff out. Now:
--
--   account:<login>          failures against one login name, from any address (known or not: an
--                            unknown name is braked exactly like a real one, so the brake tells no one
--                            which names exist); 10 free, then each try waits 1, 2, 4, 8, then 15 minutes
--                            after the last failure, and is refused unchecked (429) before that
--   pair:<address> <login>   the same from one address: 5 free, then the same doubling wait
--   device:<hash>            failures from a browser that memocal trusts for that login (below): after
--                            5 it is trusted no more, until it logs in again
--
-- A browser that has logged in to an account gets a device cookie (memocal_device: a random secret;
-- only its hash is kept here). A try for that account from that browser skips the account's and the
-- pair's brake: an attacker who keeps an account braked does not keep its owner out. Rows of
-- login_failure are forgotten a day after their last failure (store/users.c sweeps them).

DELETE FROM login_failure WHERE key LIKE 'addr:%' OR key LIKE 'login:%'; -- the old brake's keys

CREATE INDEX login_failure_last_failure_at ON login_failure (last_failure_at);

-- How many failures a key may have before its tries wait: one place for every statement that asks.
CREATE FUNCTION login_brake_limit(key text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN key LIKE 'account:%' THEN 10 ELSE 5 END
$$;

CREATE TABLE login_device (
    id_hash     text PRIMARY KEY CONSTRAINT login_device_id_hash_check CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    user_id     bigint NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX login_device_user_id ON login_device (user_id);
CREATE INDEX login_device_expires_at ON login_device (expires_at);

GRANT SELECT, INSERT, DELETE ON login_device TO memocal_web;
GRANT EXECUTE ON FUNCTION login_brake_limit(text) TO memocal_web;
