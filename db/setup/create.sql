-- create.sql - a production memocal database: its owner, its two login roles, the database.
--
-- Run once as the PostgreSQL superuser, before the first `memocal migrate`:
--
--   sudo -u postgres psql -f /usr/local/share/memocal/db/setup/create.sql \
--        -v web_password="$WEB_PASSWORD" -v feed_password="$FEED_PASSWORD"
--
-- Variables (psql -v NAME=VALUE):
--   web_password   required, at least 16 characters: password of memocal_web_login
--   feed_password  required, at least 16 characters: password of memocal_feed_login
--   dbname         the database, default memocal
--   owner          the schema owner, default memocal; it logs in as the system user of the
--                  same name through peer authentication (Debian's default for local
--                  sockets), so it gets no password unless owner_password is given
--   owner_password optional: for running migrations from another machine
--
-- Safe to run again: what exists is kept and the passwords are set again (that is how to change
-- them). The passwords travel to the server in this script's statements: keep log_statement
-- off while it runs (Debian's default), and generate them with e.g. `openssl rand -hex 24`.
--
-- The roles, least privilege first:
--   memocal_web, memocal_feed  NOLOGIN group roles. Migration 001 would create them too, but
--                              only a role with CREATEROLE can; made here, the owner needs no
--                              such right. Each migration grants them, table by table, what
--                              they may do: memocal_web SELECT/INSERT/UPDATE/DELETE on its
--                              tables, memocal_feed SELECT only.
--   memocal_web_login          LOGIN, member of memocal_web: memocal-web's web_dsn.
--   memocal_feed_login         LOGIN, member of memocal_feed only, read-only by default: the
--                              feed_dsn of memocal-feed (also on a replica: roles replicate).
--   owner (memocal)            LOGIN, owns the database and every table: memocal migrate/seed.
--                              Not a superuser, cannot create roles or databases.
-- Keeping the login roles apart from the group roles means a password never belongs to a role
-- the schema knows, and a second login (a reporting tool) can be granted memocal_feed alone.

\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;
\if :{?dbname}
\else
\set dbname memocal
\endif
\if :{?owner}
\else
\set owner memocal
\endif

-- the passwords must be given, and not be trivially short
\if :{?web_password}
\else
\set web_password ''
\endif
\if :{?feed_password}
\else
\set feed_password ''
\endif
SELECT length(:'web_password') >= 16 AS web_ok, length(:'feed_password') >= 16 AS feed_ok \gset
\if :web_ok
\else
DO $$ BEGIN RAISE EXCEPTION 'create.sql: give memocal_web_login a password of 16 characters or more: psql -v web_password=...'; END $$;
\endif
\if :feed_ok
\else
DO $$ BEGIN RAISE EXCEPTION 'create.sql: give memocal_feed_login a password of 16 characters or more: psql -v feed_password=...'; END $$;
\endif

BEGIN;

-- the owner
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') AS missing \gset
\if :missing
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif
\if :{?owner_password}
ALTER ROLE :"owner" PASSWORD :'owner_password';
\endif

-- the group roles the schema grants to
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'memocal_web') AS missing \gset
\if :missing
CREATE ROLE memocal_web NOLOGIN;
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'memocal_feed') AS missing \gset
\if :missing
CREATE ROLE memocal_feed NOLOGIN;
\endif

-- the login roles, members of one group role each
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'memocal_web_login') AS missing \gset
\if :missing
CREATE ROLE memocal_web_login LOGIN;
\endif
ALTER ROLE memocal_web_login LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'web_password';
GRANT memocal_web TO memocal_web_login;

SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'memocal_feed_login') AS missing \gset
\if :missing
CREATE ROLE memocal_feed_login LOGIN;
\endif
ALTER ROLE memocal_feed_login LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'feed_password';
GRANT memocal_feed TO memocal_feed_login;
-- a second lock on the feed's door: even a wrong GRANT in a future migration does not let it write
ALTER ROLE memocal_feed_login SET default_transaction_read_only = on;

-- how long a session of these roles may wait (migration 010 says why; memocal-web and
-- memocal-feed set the same on their own sessions from memocal.conf)
ALTER ROLE memocal_web SET statement_timeout = '4s';
ALTER ROLE memocal_web SET lock_timeout = '2s';
ALTER ROLE memocal_feed SET statement_timeout = '4s';
ALTER ROLE memocal_feed SET lock_timeout = '2s';
ALTER ROLE memocal_web_login SET statement_timeout = '4s';
ALTER ROLE memocal_web_login SET lock_timeout = '2s';
ALTER ROLE memocal_feed_login SET statement_timeout = '4s';
ALTER ROLE memocal_feed_login SET lock_timeout = '2s';

-- the feed's read-only guarantee rests on these; refuse a cluster where they do not hold
DO $$
BEGIN
    IF pg_has_role('memocal_feed_login', 'memocal_web', 'USAGE')
       OR pg_has_role('memocal_feed', 'memocal_web', 'USAGE') THEN
        RAISE EXCEPTION 'memocal_feed_login is a member of memocal_web; the feed must stay read-only';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles
               WHERE rolname IN ('memocal_web', 'memocal_feed', 'memocal_web_login', 'memocal_feed_login')
                 AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'a memocal role is a superuser or bypasses row security; refusing';
    END IF;
END
$$;

COMMIT;

-- the database (CREATE DATABASE cannot run inside a transaction)
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dbname') AS missing \gset
\if :missing
CREATE DATABASE :"dbname" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
\endif
-- only memocal's roles may connect (PostgreSQL lets every role connect by default)
REVOKE CONNECT, TEMPORARY ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"dbname" TO :"owner", memocal_web, memocal_feed;

\echo
\echo 'memocal roles:'
SELECT r.rolname AS role, r.rolcanlogin AS login,
       coalesce(string_agg(g.rolname, ', ' ORDER BY g.rolname), '') AS member_of
  FROM pg_roles r
  LEFT JOIN pg_auth_members m ON m.member = r.oid
  LEFT JOIN pg_roles g ON g.oid = m.roleid
 WHERE r.rolname IN (:'owner', 'memocal_web', 'memocal_feed', 'memocal_web_login', 'memocal_feed_login')
 GROUP BY r.rolname, r.rolcanlogin
 ORDER BY r.rolname;
\echo 'next: memocal migrate as the system user memocal (systemctl start memocal-migrate)'
