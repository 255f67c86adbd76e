-- Migration 010: how long the programs' roles wait, whoever connects as them.
--
-- memocal-web and memocal-feed set statement_timeout and lock_timeout on every session they open
-- (memocal.conf: statement_timeout, lock_timeout, both below db_timeout, the most a worker waits
-- for an answer at all). These role defaults give any other session of the two roles (psql as
-- memocal_web, a tool, a forgotten script) the same bounds, so nothing run as them holds a lock
-- or a worker for long.
--
-- Only a superuser or a role with CREATEROLE may set another role's defaults. The owner role
-- that runs migrations has neither in production (README, section 4): there db/setup/create.sql,
-- run as postgres, sets them, on the login roles too (a group role's settings do not reach the
-- roles that log in through it), and this migration leaves a notice.

DO $$
BEGIN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        ALTER ROLE memocal_web SET statement_timeout = '4s';
        ALTER ROLE memocal_web SET lock_timeout = '2s';
        ALTER ROLE memocal_feed SET statement_timeout = '4s';
        ALTER ROLE memocal_feed SET lock_timeout = '2s';
    ELSE
        RAISE NOTICE 'statement_timeout and lock_timeout of memocal_web and memocal_feed are set by db/setup/create.sql';
    END IF;
END
$$;
