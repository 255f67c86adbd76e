-- Migration 016: what a meeting did. One record per occurrence: its agenda, who came, the minutes
-- of each item, the decisions it took and the actions that follow.
--
-- A record is keyed like an override (005): by its series and the occurrence's original local
-- start (its RECURRENCE-ID), so an occurrence moved to another day keeps its record, and a series
-- whose time changes re-keys its records with its overrides (store/series.c).
--
-- The parts hang off the record and are replaced as a whole inside the audited save
-- (store/records.c), like a memorandum's parties; the record's version guards them (409 on a save
-- from a stale form). Decisions are numbered per memorandum and year ("2026/7"): a number, once
-- given, stays with its decision through later saves; new ones take the next free number under
-- an advisory lock on the memorandum, so two records saved at once cannot take the same one.
--
-- State: draft -> circulated -> approved (the approval names the later meeting that approved the
-- minutes). An approved record changes only through a correction, made by an admin with a reason
-- that is kept here and in the audit log.

ALTER TABLE series ADD COLUMN quorum integer
    CONSTRAINT series_quorum_check CHECK (quorum BETWEEN 1 AND 1000);

CREATE TABLE meeting_record (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id       bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    recurrence_id   timestamp NOT NULL,
    state           text NOT NULL DEFAULT 'draft'
        CONSTRAINT meeting_record_state_check CHECK (state IN ('draft', 'circulated', 'approved')),
    -- "approved at the meeting of 4 March 2026": what approved it, as staff wrote it
    approved_by     text CONSTRAINT meeting_record_approved_by_check CHECK (char_length(approved_by) BETWEEN 1 AND 500),
    approved_at     timestamptz,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meeting_record_key UNIQUE (series_id, recurrence_id),
    CONSTRAINT meeting_record_approved_check CHECK ((state = 'approved') = (approved_by IS NOT NULL))
);

CREATE TABLE record_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    sort            integer NOT NULL,
    title_en        text NOT NULL CONSTRAINT record_item_title_en_check CHECK (char_length(title_en) BETWEEN 1 AND 300),
    title_az        text NOT NULL CONSTRAINT record_item_title_az_check CHECK (char_length(title_az) BETWEEN 1 AND 300),
    notes_en        text CONSTRAINT record_item_notes_en_check CHECK (char_length(notes_en) <= 4000),
    notes_az        text CONSTRAINT record_item_notes_az_check CHECK (char_length(notes_az) <= 4000),
    presenter_id    bigint REFERENCES person (id) ON DELETE SET NULL,
    planned_minutes integer CONSTRAINT record_item_planned_check CHECK (planned_minutes BETWEEN 1 AND 1440),
    minutes_en      text CONSTRAINT record_item_minutes_en_check CHECK (char_length(minutes_en) <= 20000),
    minutes_az      text CONSTRAINT record_item_minutes_az_check CHECK (char_length(minutes_az) <= 20000),
    CONSTRAINT record_item_sort_key UNIQUE (record_id, sort)
);

CREATE TABLE record_attendance (
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    person_id       bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    status          text NOT NULL
        CONSTRAINT record_attendance_status_check CHECK (status IN ('present', 'remote', 'late', 'absent', 'excused')),
    PRIMARY KEY (record_id, person_id)
);
CREATE INDEX record_attendance_person_idx ON record_attendance (person_id);

CREATE TABLE record_guest (
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    sort            integer NOT NULL,
    name            text NOT NULL CONSTRAINT record_guest_name_check CHECK (char_length(name) BETWEEN 1 AND 300),
    PRIMARY KEY (record_id, sort)
);

CREATE TABLE record_decision (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    memorandum_id   bigint NOT NULL REFERENCES memorandum (id) ON DELETE CASCADE,
    year            integer NOT NULL CONSTRAINT record_decision_year_check CHECK (year BETWEEN 1900 AND 2200),
    number          integer NOT NULL CONSTRAINT record_decision_number_check CHECK (number BETWEEN 1 AND 9999),
    sort            integer NOT NULL,
    item_sort       integer,     -- the agenda item (its place) the decision came from
    text_en         text NOT NULL CONSTRAINT record_decision_text_en_check CHECK (char_length(text_en) BETWEEN 1 AND 4000),
    text_az         text NOT NULL CONSTRAINT record_decision_text_az_check CHECK (char_length(text_az) BETWEEN 1 AND 4000),
    CONSTRAINT record_decision_number_key UNIQUE (memorandum_id, year, number),
    CONSTRAINT record_decision_sort_key UNIQUE (record_id, sort)
);

CREATE TABLE record_action (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    sort            integer NOT NULL,
    what_en         text NOT NULL CONSTRAINT record_action_what_en_check CHECK (char_length(what_en) BETWEEN 1 AND 1000),
    what_az         text NOT NULL CONSTRAINT record_action_what_az_check CHECK (char_length(what_az) BETWEEN 1 AND 1000),
    owner_id        bigint NOT NULL REFERENCES person (id),
    due_on          date,
    status          text NOT NULL DEFAULT 'open'
        CONSTRAINT record_action_status_check CHECK (status IN ('open', 'done', 'dropped')),
    decision_id     bigint REFERENCES record_decision (id) ON DELETE SET NULL,
    CONSTRAINT record_action_sort_key UNIQUE (record_id, sort)
);
CREATE INDEX record_action_owner_idx ON record_action (owner_id);
CREATE INDEX record_action_open_idx ON record_action (due_on) WHERE status = 'open';

-- Every change to an approved record: who, when, why (the audit log has what changed).
CREATE TABLE record_correction (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       bigint NOT NULL REFERENCES meeting_record (id) ON DELETE CASCADE,
    user_id         bigint REFERENCES staff_user (id) ON DELETE SET NULL,
    reason          text NOT NULL CONSTRAINT record_correction_reason_check CHECK (char_length(reason) BETWEEN 1 AND 1000),
    made_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_correction_record_idx ON record_correction (record_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_record, record_item, record_attendance, record_guest,
    record_decision, record_action, record_correction TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE meeting_record_id_seq, record_item_id_seq, record_decision_id_seq,
    record_action_id_seq, record_correction_id_seq TO memocal_web;
-- memocal-feed will show circulated and approved records to a token's holder (issue 15, item 4)
GRANT SELECT ON meeting_record, record_item, record_attendance, record_guest, record_decision, record_action
    TO memocal_feed;
