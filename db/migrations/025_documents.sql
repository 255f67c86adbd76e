-- 025_documents.sql - files staff attach to a memorandum (the signed scan), to one of its amendments, or to
-- one occurrence of a meeting (agenda pack, presentation, signed minutes), with every version kept.
--
-- The bytes live here, in bytea (not large objects): a file is stored in the same transaction as its row
-- and its audit entry (nothing half-stored), pg_dump and the replicas carry it like any other column, and
-- a deleted row leaves no orphan large object to clean up. The price is that a value is read and written
-- whole (fine for document_max_bytes, 20 MiB by default; bytea can hold 1 GB). TOAST compresses and
-- moves the bytes out of the row, so listing documents reads none of them.
--
-- An occurrence's documents are keyed like its meeting record (016): the series and the occurrence's
-- original local start. When the record moves (its series' times change, or a split takes the occurrence
-- into a new series), the trigger at the end moves the occurrence's documents with it.
--
-- Deletion is soft: the row stays with who deleted it, when and why (the audit log says so too); lists and
-- downloads leave it out.

CREATE TABLE document (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    memorandum_id   bigint REFERENCES memorandum (id) ON DELETE CASCADE,
    amendment_id    bigint REFERENCES memorandum_amendment (id) ON DELETE CASCADE,
    series_id       bigint REFERENCES series (id) ON DELETE CASCADE,
    recurrence_id   timestamp,
    title_en        text NOT NULL
        CONSTRAINT document_title_en_check CHECK (char_length(title_en) BETWEEN 1 AND 300 AND btrim(title_en) <> ''),
    title_az        text
        CONSTRAINT document_title_az_check CHECK (char_length(title_az) BETWEEN 1 AND 300 AND btrim(title_az) <> ''),
    version         integer NOT NULL DEFAULT 1,   -- the form's guard (409), and the newest version's number
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    deleted_by      bigint REFERENCES staff_user (id) ON DELETE SET NULL,
    deleted_login   text,
    delete_reason   text
        CONSTRAINT document_delete_reason_check CHECK (char_length(delete_reason) BETWEEN 1 AND 1000),
    -- a memorandum's (an amendment's being one of its memorandum's), or an occurrence's
    CONSTRAINT document_owner_check CHECK (
        (memorandum_id IS NOT NULL AND series_id IS NULL AND recurrence_id IS NULL)
        OR (memorandum_id IS NULL AND amendment_id IS NULL AND series_id IS NOT NULL AND recurrence_id IS NOT NULL)),
    CONSTRAINT document_deleted_check CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))
);
CREATE INDEX document_memorandum_idx ON document (memorandum_id) WHERE memorandum_id IS NOT NULL;
CREATE INDEX document_occurrence_idx ON document (series_id, recurrence_id) WHERE series_id IS NOT NULL;

CREATE TABLE document_version (
    document_id     bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    n               integer NOT NULL CONSTRAINT document_version_n_check CHECK (n >= 1),
    bytes           bytea NOT NULL,
    size            bigint NOT NULL CONSTRAINT document_version_size_check CHECK (size = octet_length(bytes)),
    -- what libmagic found in the bytes (src/util/filetype.c), one of its allow-list: never what the browser said
    content_type    text NOT NULL CONSTRAINT document_version_type_check CHECK (char_length(content_type) BETWEEN 1 AND 200),
    filename        text NOT NULL CONSTRAINT document_version_filename_check CHECK (char_length(filename) BETWEEN 1 AND 255),
    sha256          text NOT NULL CONSTRAINT document_version_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by      bigint REFERENCES staff_user (id) ON DELETE SET NULL,
    created_login   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, n)
);

-- An occurrence's documents follow its meeting record when the record is re-keyed or moved to the new series
-- of a split (store/series.c, store/overrides.c). Documents of an occurrence that has no record stay where they
-- were (the occurrence they name is then found by its original start, as before the change).
CREATE FUNCTION document_follow_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE document SET series_id = NEW.series_id, recurrence_id = NEW.recurrence_id
     WHERE series_id = OLD.series_id AND recurrence_id = OLD.recurrence_id;
    RETURN NEW;
END $$;
CREATE TRIGGER meeting_record_documents_follow
    AFTER UPDATE OF series_id, recurrence_id ON meeting_record
    FOR EACH ROW WHEN ((OLD.series_id, OLD.recurrence_id) IS DISTINCT FROM (NEW.series_id, NEW.recurrence_id))
    EXECUTE FUNCTION document_follow_record();

GRANT SELECT, INSERT, UPDATE ON document, document_version TO memocal_web;
GRANT USAGE, SELECT ON SEQUENCE document_id_seq TO memocal_web;
GRANT SELECT ON document TO memocal_feed;
