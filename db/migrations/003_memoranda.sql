-- 003_memoranda: projects, memoranda of cooperation, their parties, members,
-- related projects and areas of cooperation.
-- Conventions (bilingual columns, named CHECKs, version, no triggers) as in
-- 002_organisations_people.sql.

CREATE TABLE project (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the acronym projects are known by, e.g. 'PICASP'; language-neutral
    code            text NOT NULL
        CONSTRAINT project_code_key UNIQUE
        CONSTRAINT project_code_check CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    name_en         text NOT NULL
        CONSTRAINT project_name_en_check
        CHECK (char_length(name_en) BETWEEN 1 AND 300 AND btrim(name_en) <> ''),
    name_az         text NOT NULL
        CONSTRAINT project_name_az_check
        CHECK (char_length(name_az) BETWEEN 1 AND 300 AND btrim(name_az) <> ''),
    description_en  text
        CONSTRAINT project_description_en_check
        CHECK (char_length(description_en) BETWEEN 1 AND 10000 AND btrim(description_en) <> ''),
    description_az  text
        CONSTRAINT project_description_az_check
        CHECK (char_length(description_az) BETWEEN 1 AND 10000 AND btrim(description_az) <> ''),
    version         integer NOT NULL DEFAULT 1
        CONSTRAINT project_version_check CHECK (version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memorandum (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- titles of real memoranda are long (the seed's is ~115 characters)
    title_en        text NOT NULL
        CONSTRAINT memorandum_title_en_check
        CHECK (char_length(title_en) BETWEEN 1 AND 500 AND btrim(title_en) <> ''),
    title_az        text NOT NULL
        CONSTRAINT memorandum_title_az_check
        CHECK (char_length(title_az) BETWEEN 1 AND 500 AND btrim(title_az) <> ''),
    summary_en      text
        CONSTRAINT memorandum_summary_en_check
        CHECK (char_length(summary_en) BETWEEN 1 AND 10000 AND btrim(summary_en) <> ''),
    summary_az      text
        CONSTRAINT memorandum_summary_az_check
        CHECK (char_length(summary_az) BETWEEN 1 AND 10000 AND btrim(summary_az) <> ''),
    signed_on       date NOT NULL,
    -- valid_from may differ from signed_on (in force later, or retroactively),
    -- so it is not required to follow it. NULL: not yet known.
    valid_from      date,
    -- last day in force, inclusive; NULL: open-ended
    valid_until     date,
    -- Kept by staff, not derived from the dates: a memorandum can be
    -- terminated early, and an expired one is a fact someone records.
    status          text NOT NULL DEFAULT 'draft'
        CONSTRAINT memorandum_status_check
        CHECK (status IN ('draft', 'active', 'expired', 'terminated')),
    -- where the text or the announcement was published
    source_url      text
        CONSTRAINT memorandum_source_url_check
        CHECK (char_length(source_url) <= 2048 AND source_url ~ '^https?://[^[:space:]]+$'),
    version         integer NOT NULL DEFAULT 1
        CONSTRAINT memorandum_version_check CHECK (version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memorandum_valid_until_check
        CHECK (valid_until > signed_on),
    CONSTRAINT memorandum_valid_range_check
        CHECK (valid_until >= valid_from)
);

-- Agenda and list pages filter on status and order by date.
CREATE INDEX memorandum_status_signed_on_idx ON memorandum (status, signed_on);

-- The organisations that signed. DESIGN asks for two or more per memorandum;
-- that needs a look across rows, so the app checks it when saving the form
-- (a constraint trigger would fight the edit-in-one-transaction pattern).
CREATE TABLE memorandum_party (
    memorandum_id    bigint NOT NULL
        REFERENCES memorandum (id) ON DELETE CASCADE,
    -- RESTRICT: an organisation that signed a memorandum cannot be deleted
    organisation_id  bigint NOT NULL
        REFERENCES organisation (id) ON DELETE RESTRICT,
    -- who signed for this party; SET NULL keeps the party if the person is
    -- deleted (the memorandum was still signed by the organisation)
    signatory_id     bigint
        REFERENCES person (id) ON DELETE SET NULL,
    -- display order of the parties (as they appear in the memorandum)
    sort             integer NOT NULL DEFAULT 0,
    PRIMARY KEY (memorandum_id, organisation_id)
);

-- memorandum_id lookups use the primary key (its first column).
-- organisation_id: "memoranda of an organisation" and the RESTRICT check.
CREATE INDEX memorandum_party_organisation_id_idx ON memorandum_party (organisation_id);
-- signatory_id: "memoranda a person signed" and the SET NULL on person delete.
CREATE INDEX memorandum_party_signatory_id_idx ON memorandum_party (signatory_id);

-- People with a role under a memorandum. One person may hold several roles
-- in one memorandum (e.g. signatory and coordinator), hence role in the key.
CREATE TABLE memorandum_member (
    memorandum_id    bigint NOT NULL
        REFERENCES memorandum (id) ON DELETE CASCADE,
    person_id        bigint NOT NULL
        REFERENCES person (id) ON DELETE CASCADE,
    -- The party the member belongs to, or NULL (e.g. an outside contact).
    -- It must be a party of the same memorandum, so the key points at
    -- memorandum_party rather than at organisation (which it reaches through
    -- memorandum_party's own key). A NULL organisation_id skips the check
    -- (MATCH SIMPLE). When the organisation is removed from the memorandum's
    -- parties the member stays, unattributed: SET NULL on organisation_id
    -- only (PostgreSQL 15 column list), never on memorandum_id.
    organisation_id  bigint,
    role             text NOT NULL
        CONSTRAINT memorandum_member_role_check
        CHECK (role IN ('signatory', 'coordinator', 'board_member', 'contact', 'participant')),
    -- free text shown to readers beside the role, e.g.
    -- "Chairman of the Board" / "İdarə heyətinin sədri"
    role_title_en    text
        CONSTRAINT memorandum_member_role_title_en_check
        CHECK (char_length(role_title_en) BETWEEN 1 AND 300 AND btrim(role_title_en) <> ''),
    role_title_az    text
        CONSTRAINT memorandum_member_role_title_az_check
        CHECK (char_length(role_title_az) BETWEEN 1 AND 300 AND btrim(role_title_az) <> ''),
    sort             integer NOT NULL DEFAULT 0,
    PRIMARY KEY (memorandum_id, person_id, role),
    CONSTRAINT memorandum_member_party_fkey
        FOREIGN KEY (memorandum_id, organisation_id)
        REFERENCES memorandum_party (memorandum_id, organisation_id)
        ON DELETE SET NULL (organisation_id)
);

-- memorandum_id lookups use the primary key.
-- person_id: "memoranda a person is a member of" (a person's feed) and the
-- cascade on person delete.
CREATE INDEX memorandum_member_person_id_idx ON memorandum_member (person_id);
-- the composite key to memorandum_party, checked when a party is removed
CREATE INDEX memorandum_member_party_idx ON memorandum_member (memorandum_id, organisation_id);

-- Projects a memorandum relates to (e.g. PICASP). Deleting either side
-- removes only the link.
CREATE TABLE memorandum_project (
    memorandum_id  bigint NOT NULL
        REFERENCES memorandum (id) ON DELETE CASCADE,
    project_id     bigint NOT NULL
        REFERENCES project (id) ON DELETE CASCADE,
    PRIMARY KEY (memorandum_id, project_id)
);

-- memorandum_id lookups use the primary key; project_id: "memoranda of a
-- project" and the cascade on project delete.
CREATE INDEX memorandum_project_project_id_idx ON memorandum_project (project_id);

-- Areas of cooperation / commitments, one row each, in display order.
-- A surrogate id (rather than (memorandum_id, sort)) so that reordering is a
-- plain UPDATE of sort without transient key collisions.
CREATE TABLE memorandum_area (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    memorandum_id  bigint NOT NULL
        REFERENCES memorandum (id) ON DELETE CASCADE,
    sort           integer NOT NULL DEFAULT 0,
    text_en        text NOT NULL
        CONSTRAINT memorandum_area_text_en_check
        CHECK (char_length(text_en) BETWEEN 1 AND 2000 AND btrim(text_en) <> ''),
    text_az        text NOT NULL
        CONSTRAINT memorandum_area_text_az_check
        CHECK (char_length(text_az) BETWEEN 1 AND 2000 AND btrim(text_az) <> '')
);

-- A memorandum's areas, already in display order; also the cascade.
CREATE INDEX memorandum_area_memorandum_id_sort_idx ON memorandum_area (memorandum_id, sort);

-- Privileges. Everything here appears in public feeds (the memorandum a
-- meeting belongs to, its parties and people), so the feed may read it all.
GRANT SELECT, INSERT, UPDATE, DELETE
    ON project, memorandum, memorandum_party, memorandum_member,
       memorandum_project, memorandum_area
    TO memocal_web;
GRANT USAGE, SELECT
    ON SEQUENCE project_id_seq, memorandum_id_seq, memorandum_area_id_seq
    TO memocal_web;
GRANT SELECT
    ON project, memorandum, memorandum_party, memorandum_member,
       memorandum_project, memorandum_area
    TO memocal_feed;
