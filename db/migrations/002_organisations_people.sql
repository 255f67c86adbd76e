-- 002_organisations_people: organisations, people and their positions.
--
-- Conventions used by every table of the schema:
--  * Everything a reader sees is bilingual: a *_en and a *_az column, both
--    text (the database encoding is UTF-8). Names and titles are NOT NULL in
--    both languages; optional texts are NULL in both or either.
--  * Lengths are bounded by CHECK constraints (char_length counts characters,
--    not bytes, so "ə" counts as one). A text that is only spaces is refused.
--    CHECK constraints get explicit names <table>_<column>_check so the store
--    layer can map a violation to the form field that caused it.
--  * Ids are "bigint generated always as identity": the app never chooses one.
--  * version is for optimistic concurrency: the app updates
--    "... SET version = version + 1, updated_at = now() WHERE id = $1 AND
--    version = $2" and reports a conflict when no row matched. No triggers:
--    the app owns version and updated_at.

CREATE TABLE organisation (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- short, URL-safe, stable handle (used in URLs and feed scopes)
    slug           text NOT NULL
        CONSTRAINT organisation_slug_key UNIQUE
        CONSTRAINT organisation_slug_check CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    kind           text NOT NULL
        CONSTRAINT organisation_kind_check
        CHECK (kind IN ('university', 'ngo', 'company', 'government', 'other')),
    name_en        text NOT NULL
        CONSTRAINT organisation_name_en_check
        CHECK (char_length(name_en) BETWEEN 1 AND 300 AND btrim(name_en) <> ''),
    name_az        text NOT NULL
        CONSTRAINT organisation_name_az_check
        CHECK (char_length(name_az) BETWEEN 1 AND 300 AND btrim(name_az) <> ''),
    -- e.g. "MIRAS" / "MİRAS": the Azerbaijani short form may differ (dotted İ)
    short_name_en  text
        CONSTRAINT organisation_short_name_en_check
        CHECK (char_length(short_name_en) BETWEEN 1 AND 60 AND btrim(short_name_en) <> ''),
    short_name_az  text
        CONSTRAINT organisation_short_name_az_check
        CHECK (char_length(short_name_az) BETWEEN 1 AND 60 AND btrim(short_name_az) <> ''),
    -- only http(s) links: it is rendered as a link in the staff UI
    website        text
        CONSTRAINT organisation_website_check
        CHECK (char_length(website) <= 2048 AND website ~ '^https?://[^[:space:]]+$'),
    version        integer NOT NULL DEFAULT 1
        CONSTRAINT organisation_version_check CHECK (version >= 1),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE person (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name_en   text NOT NULL
        CONSTRAINT person_full_name_en_check
        CHECK (char_length(full_name_en) BETWEEN 1 AND 300 AND btrim(full_name_en) <> ''),
    full_name_az   text NOT NULL
        CONSTRAINT person_full_name_az_check
        CHECK (char_length(full_name_az) BETWEEN 1 AND 300 AND btrim(full_name_az) <> ''),
    -- kept apart from the name so lists can sort and match on the name alone;
    -- the two languages may differ in substance, not only in spelling
    -- (e.g. "Assoc. Prof." in English, "Dos." or "Dr." in Azerbaijani)
    honorific_en   text
        CONSTRAINT person_honorific_en_check
        CHECK (char_length(honorific_en) BETWEEN 1 AND 60 AND btrim(honorific_en) <> ''),
    honorific_az   text
        CONSTRAINT person_honorific_az_check
        CHECK (char_length(honorific_az) BETWEEN 1 AND 60 AND btrim(honorific_az) <> ''),
    -- optional: many people are known only by name. Unique case-insensitively
    -- (index below), because it identifies the attendee in calendar feeds.
    -- Only a light shape check: real validation is sending mail.
    email          text
        CONSTRAINT person_email_check
        CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    -- language of the person's feeds and invitations
    preferred_lang text NOT NULL DEFAULT 'az'
        CONSTRAINT person_preferred_lang_check CHECK (preferred_lang IN ('en', 'az')),
    version        integer NOT NULL DEFAULT 1
        CONSTRAINT person_version_check CHECK (version >= 1),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Case-insensitive uniqueness of e-mail; also serves lookups by e-mail
-- (query with "WHERE lower(email) = lower($1)"). NULLs do not collide.
CREATE UNIQUE INDEX person_email_lower_key ON person (lower(email));

-- A person's position at an organisation (Rector / Rektor of Khazar
-- University). A person may hold several, at one or more organisations.
-- Positions are edited together with their person, so they carry no
-- version of their own.
CREATE TABLE position (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id        bigint NOT NULL
        REFERENCES person (id) ON DELETE CASCADE,
    -- RESTRICT: an organisation that still has people cannot vanish silently
    organisation_id  bigint NOT NULL
        REFERENCES organisation (id) ON DELETE RESTRICT,
    title_en         text NOT NULL
        CONSTRAINT position_title_en_check
        CHECK (char_length(title_en) BETWEEN 1 AND 300 AND btrim(title_en) <> ''),
    title_az         text NOT NULL
        CONSTRAINT position_title_az_check
        CHECK (char_length(title_az) BETWEEN 1 AND 300 AND btrim(title_az) <> ''),
    -- display order among one person's positions
    sort             integer NOT NULL DEFAULT 0,
    CONSTRAINT position_person_org_title_key UNIQUE (person_id, organisation_id, title_en)
);

-- person_id lookups use the unique index above (person_id is its first
-- column); organisation_id needs its own: "people of an organisation" and the
-- RESTRICT check when an organisation is deleted.
CREATE INDEX position_organisation_id_idx ON position (organisation_id);

-- Privileges. The web app reads and writes; the feed only reads (attendee
-- names, e-mails and titles appear in feeds).
GRANT SELECT, INSERT, UPDATE, DELETE ON organisation, person, position TO memocal_web;
-- Identity columns draw their values without a sequence privilege check;
-- USAGE/SELECT is granted anyway so the app may read currval/lastval.
GRANT USAGE, SELECT ON SEQUENCE organisation_id_seq, person_id_seq, position_id_seq TO memocal_web;
GRANT SELECT ON organisation, person, position TO memocal_feed;
