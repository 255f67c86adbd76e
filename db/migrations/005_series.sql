-- Migration 005: meetings and joint events (series), their exceptions and attendees.
--
-- A series is stored the way people think of it: a wall-clock start and end
-- in an IANA zone, plus an RFC 5545 rule. A weekly 10:00 meeting stays at
-- 10:00 across DST changes because the rule is expanded in its own zone (by
-- libical, in src/cal), never stored as UTC instants.

CREATE TABLE series (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    memorandum_id   bigint NOT NULL REFERENCES memorandum (id) ON DELETE CASCADE,
    kind            text NOT NULL DEFAULT 'meeting'
        CONSTRAINT series_kind_check CHECK (kind IN ('meeting', 'event')),
    -- the iCalendar UID: stable for the life of the series, unique across imports
    uid             text NOT NULL
        CONSTRAINT series_uid_check CHECK (char_length(uid) BETWEEN 3 AND 255),
    title_en        text NOT NULL
        CONSTRAINT series_title_en_check CHECK (char_length(title_en) BETWEEN 1 AND 300 AND btrim(title_en) <> ''),
    title_az        text NOT NULL
        CONSTRAINT series_title_az_check CHECK (char_length(title_az) BETWEEN 1 AND 300 AND btrim(title_az) <> ''),
    description_en  text CONSTRAINT series_description_en_check CHECK (char_length(description_en) <= 10000),
    description_az  text CONSTRAINT series_description_az_check CHECK (char_length(description_az) <= 10000),
    location        text CONSTRAINT series_location_check CHECK (char_length(location) <= 500),
    location_url    text
        CONSTRAINT series_location_url_check CHECK (char_length(location_url) <= 2048 AND location_url ~ '^https?://[^[:space:]]+$'),
    tzid            text NOT NULL DEFAULT 'Asia/Baku'
        CONSTRAINT series_tzid_check CHECK (tzid ~ '^[A-Za-z0-9_+/-]{1,64}$'),
    all_day         boolean NOT NULL DEFAULT false,
    -- local wall-clock time in tzid; for all-day series midnights, end exclusive
    start_local     timestamp NOT NULL,
    end_local       timestamp NOT NULL,
    rrule           text CONSTRAINT series_rrule_check CHECK (char_length(rrule) BETWEEN 1 AND 1000),
    rdates          timestamp[] NOT NULL DEFAULT '{}',
    exdates         timestamp[] NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'confirmed'
        CONSTRAINT series_status_check CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
    -- RFC 5545 SEQUENCE: rises with every change that matters to an attendee
    sequence        integer NOT NULL DEFAULT 0 CONSTRAINT series_sequence_check CHECK (sequence >= 0),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    cancelled_at    timestamptz,
    CONSTRAINT series_end_check CHECK (end_local > start_local)
);
CREATE UNIQUE INDEX series_uid_key ON series (uid);
CREATE INDEX series_memorandum_id_idx ON series (memorandum_id);

-- One occurrence changed or cancelled, keyed by its original local start.
CREATE TABLE series_override (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id       bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    recurrence_id   timestamp NOT NULL,
    cancelled       boolean NOT NULL DEFAULT false,
    start_local     timestamp,
    end_local       timestamp,
    title_en        text CONSTRAINT series_override_title_en_check CHECK (char_length(title_en) BETWEEN 1 AND 300),
    title_az        text CONSTRAINT series_override_title_az_check CHECK (char_length(title_az) BETWEEN 1 AND 300),
    location        text CONSTRAINT series_override_location_check CHECK (char_length(location) <= 500),
    sequence        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_override_times_check
        CHECK ((start_local IS NULL) = (end_local IS NULL) AND (end_local IS NULL OR end_local > start_local)),
    CONSTRAINT series_override_recurrence_key UNIQUE (series_id, recurrence_id)
);

-- Who attends: a person, or a group such as "students of the PICASP project"
-- (CUTYPE=GROUP in feeds).
CREATE TABLE attendee (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id   bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    person_id   bigint REFERENCES person (id) ON DELETE CASCADE,
    group_en    text CONSTRAINT attendee_group_en_check CHECK (char_length(group_en) BETWEEN 1 AND 300),
    group_az    text CONSTRAINT attendee_group_az_check CHECK (char_length(group_az) BETWEEN 1 AND 300),
    role        text NOT NULL DEFAULT 'required'
        CONSTRAINT attendee_role_check CHECK (role IN ('chair', 'required', 'optional')),
    partstat    text NOT NULL DEFAULT 'needs-action'
        CONSTRAINT attendee_partstat_check CHECK (partstat IN ('needs-action', 'accepted', 'declined', 'tentative')),
    sort        integer NOT NULL DEFAULT 0,
    CONSTRAINT attendee_who_check CHECK ((person_id IS NULL) <> (group_en IS NULL AND group_az IS NULL))
);
CREATE INDEX attendee_series_id_idx ON attendee (series_id);
CREATE INDEX attendee_person_id_idx ON attendee (person_id);
CREATE UNIQUE INDEX attendee_person_key ON attendee (series_id, person_id) WHERE person_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON series, series_override, attendee TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE series_id_seq, series_override_id_seq, attendee_id_seq TO memocal_web;
GRANT SELECT ON series, series_override, attendee TO memocal_feed;
