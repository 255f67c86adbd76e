-- Migration 004: staff accounts, sessions, login throttling, the audit log,
-- and the text folding that makes search case- and diacritic-insensitive.
--
-- None of these tables is granted to memocal_feed: a feed never needs to
-- know who the staff are, and a leaked feed role must not reveal hashes.

-- Staff who log in to memocal-web. Passwords are argon2id strings from
-- libsodium's crypto_pwhash_str (they carry their own salt and parameters).
CREATE TABLE staff_user (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login          text NOT NULL
        CONSTRAINT staff_user_login_check CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    password_hash  text NOT NULL
        CONSTRAINT staff_user_password_hash_check CHECK (password_hash LIKE '$argon2id$%'),
    role           text NOT NULL
        CONSTRAINT staff_user_role_check CHECK (role IN ('admin', 'editor', 'viewer')),
    -- the user's own language setting; NULL: follow the browser
    lang           text
        CONSTRAINT staff_user_lang_check CHECK (lang IN ('en', 'az')),
    display_name   text
        CONSTRAINT staff_user_display_name_check
        CHECK (char_length(display_name) BETWEEN 1 AND 200 AND btrim(display_name) <> ''),
    disabled       boolean NOT NULL DEFAULT false,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);
CREATE UNIQUE INDEX staff_user_login_key ON staff_user (login);

-- A login session. The cookie carries 256 random bits; only their BLAKE2b
-- hash is stored, so a copy of this table opens no session. The CSRF token
-- is per session and compared in constant time by the app.
CREATE TABLE staff_session (
    id_hash      text PRIMARY KEY
        CONSTRAINT staff_session_id_hash_check CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    user_id      bigint NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    address      text,
    user_agent   text
);
CREATE INDEX staff_session_user_id_idx ON staff_session (user_id);
CREATE INDEX staff_session_expires_at_idx ON staff_session (expires_at);

-- Failed logins per key ('login:<name>' or 'addr:<ip>'), for slowing down
-- guessing. A success clears the login's row; rows older than a day are
-- ignored and swept.
CREATE TABLE login_failure (
    key              text PRIMARY KEY,
    failures         integer NOT NULL DEFAULT 0,
    last_failure_at  timestamptz NOT NULL DEFAULT now()
);

-- Who changed what, when: one row per create, update or delete done through
-- memocal (web or CLI). changes holds {"field": [old, new], …} for updates,
-- the whole record for creates and deletes.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint REFERENCES staff_user (id) ON DELETE SET NULL,
    user_login  text,
    action      text NOT NULL
        CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'delete')),
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    label       text,
    changes     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user_id_idx ON audit_log (user_id);

-- The changed top-level keys of two snapshots, as {"key": [old, new]};
-- bookkeeping columns (version, timestamps) are not changes a reader cares about.
CREATE FUNCTION audit_diff(old jsonb, new jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(old -> k, new -> k)), '{}'::jsonb)
      FROM (SELECT jsonb_object_keys(coalesce(old, '{}'::jsonb) || coalesce(new, '{}'::jsonb)) AS k) keys
     WHERE k NOT IN ('version', 'created_at', 'updated_at', 'password_hash')
       AND (old -> k) IS DISTINCT FROM (new -> k)
$$;

-- Search folding: lower case, then the Azerbaijani letters to their plain
-- Latin neighbours, so "xezer", "XƏZƏR" and "Xəzər" all match "Xəzər".
-- lower() maps İ to i and I to i under the cluster's C.UTF-8 locale.
CREATE FUNCTION memocal_fold(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(lower(s), 'əıöüşçğ' || chr(775), 'eiouscg')
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON staff_user, staff_session, login_failure, audit_log TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE staff_user_id_seq, audit_log_id_seq TO memocal_web;
GRANT EXECUTE ON FUNCTION audit_diff(jsonb, jsonb), memocal_fold(text) TO memocal_web, memocal_feed;
