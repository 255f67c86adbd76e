-- Migration 011: one record per form, however often it is sent.
--
-- Every create form carries a one-time key (a hidden field "once": 256 random bits, made when
-- the form is shown, kept when it comes back refused). The transaction that creates a record
-- first claims its key here; a second POST of the same form (a double click, a browser retrying,
-- a person sending again after "the save may have happened") finds the key taken and is
-- answered with the record the first one made, instead of a second record or a "taken" error.
-- Two sends at once: the second claim waits for the first transaction and then sees its row.
-- Keys are kept for a day (store/audit.c deletes older ones as it claims a new one).

CREATE TABLE form_key (
    key         text PRIMARY KEY CONSTRAINT form_key_key_check CHECK (key ~ '^[A-Za-z0-9_-]{43}$'),
    entity      text NOT NULL,       -- what the form creates: organisation, person, memorandum, ...
    record_id   bigint,              -- set in the same transaction, before it commits
    user_id     bigint,              -- who sent it: another user's key is not theirs to replay
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_key_created_at ON form_key (created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON form_key TO memocal_web;
