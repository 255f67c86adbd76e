-- 001_roles: the two group roles the programs connect through.
--
-- memocal_web   read-write role of the staff web app (memocal-web).
-- memocal_feed  read-only role of the public iCalendar feed (memocal-feed);
--               may point at a streaming replica.
--
-- Both are NOLOGIN group roles. Deployment either gives them LOGIN
-- (ALTER ROLE ... LOGIN PASSWORD ...) or grants them to login roles; this
-- migration never does, so no credential lives in the schema.
--
-- Roles are cluster-wide: another database in the same cluster (a second
-- memocal instance, a test database) may already have created them, so they
-- are created only when missing, and an existing role is left as it is
-- (in particular its LOGIN/password set by deployment).
--
-- Table privileges are granted explicitly, table by table, in the migration
-- that creates each table (no ALTER DEFAULT PRIVILEGES), so each migration
-- says what each role may do.
--
-- No transaction control here: the migration runner wraps each file in its
-- own transaction and records it in schema_migration.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'memocal_web') THEN
        BEGIN
            CREATE ROLE memocal_web NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- created concurrently by a migration of another database
            NULL;
        END;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'memocal_feed') THEN
        BEGIN
            CREATE ROLE memocal_feed NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;

    -- A pre-existing role could carry more power than this schema assumes.
    -- The feed's read-only guarantee rests on memocal_feed having nothing but
    -- the SELECT grants below: refuse to go on if it is a superuser or
    -- inherits the web role's rights.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
               WHERE rolname IN ('memocal_web', 'memocal_feed') AND rolsuper) THEN
        RAISE EXCEPTION 'role memocal_web or memocal_feed exists as a superuser; refusing to use it';
    END IF;
    IF pg_catalog.pg_has_role('memocal_feed', 'memocal_web', 'USAGE') THEN
        RAISE EXCEPTION 'role memocal_feed is a member of memocal_web; the feed role must stay read-only';
    END IF;

    -- CONNECT is granted to PUBLIC by default, but an administrator may have
    -- revoked it; say explicitly that both roles may connect. The database
    -- name is not known in advance, hence the dynamic statement.
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO memocal_web, memocal_feed',
                   current_database());
END
$$;

-- PostgreSQL 15 no longer lets PUBLIC create in schema public; USAGE is all
-- the programs need (they never create objects: migrations run as the owner).
GRANT USAGE ON SCHEMA public TO memocal_web, memocal_feed;
