-- Migration 013: an import that could not go ahead keeps its file for the retry.
--
-- An .ics import that has to wait (another import or change holds the meetings it would write,
-- past lock_timeout) is refused at once instead of holding a worker: the page says so, and the
-- file stays here so that pressing Import again retries it without choosing the file again
-- (pages/import.c). A kept file belongs to who sent it and to one memorandum; it goes when the
-- import succeeds, and after a day in any case.

CREATE TABLE import_upload (
    key            text PRIMARY KEY CONSTRAINT import_upload_key_check CHECK (key ~ '^[A-Za-z0-9_-]{43}$'),
    memorandum_id  bigint NOT NULL REFERENCES memorandum (id) ON DELETE CASCADE,
    user_id        bigint,
    filename       text NOT NULL,
    body           bytea NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_upload_created_at ON import_upload (created_at);

GRANT SELECT, INSERT, DELETE ON import_upload TO memocal_web;
