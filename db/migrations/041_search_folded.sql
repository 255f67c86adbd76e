-- Migration 041: the searched words kept folded (issue 18).
--
-- The searches (migrations 018 and 027) match a LIKE pattern against memocal_fold() of each row's words, under
-- a trigram index of the same expression. A trigram index is lossy: every row it yields is tested again, and the
-- test folded the row's words again: about 8 µs for a memorandum's title, 21 µs for an agenda item with its
-- minutes. A common word tests thousands ("archive" on the large installation: the memoranda count 16.7 ms, the
-- records' first look 28 ms). The folded words are now a stored column of each row, kept by PostgreSQL
-- (GENERATED ... STORED, the same expression as before), and the index is on that column: a test is a LIKE on
-- stored text. The snapshots the audit log keeps leave the column out (src/store/stmt.c).
ALTER TABLE memorandum
    ADD COLUMN search_folded text GENERATED ALWAYS AS (memocal_fold(title_en || ' ' || title_az)) STORED;
DROP INDEX memorandum_search_idx;
CREATE INDEX memorandum_search_idx ON memorandum USING gin (search_folded gin_trgm_ops);

ALTER TABLE organisation
    ADD COLUMN search_folded text GENERATED ALWAYS AS (
        memocal_fold(name_en || ' ' || name_az || ' ' || coalesce(short_name_en, '') || ' '
                     || coalesce(short_name_az, '') || ' ' || slug)) STORED;
DROP INDEX organisation_search_idx;
CREATE INDEX organisation_search_idx ON organisation USING gin (search_folded gin_trgm_ops);

ALTER TABLE record_item
    ADD COLUMN search_folded text GENERATED ALWAYS AS (
        memocal_fold(title_en || ' · ' || title_az || ' · ' || coalesce(notes_en, '') || ' · '
                     || coalesce(notes_az, '') || ' · ' || coalesce(minutes_en, '') || ' · '
                     || coalesce(minutes_az, ''))) STORED;
DROP INDEX record_item_words_idx;
CREATE INDEX record_item_words_idx ON record_item USING gin (search_folded gin_trgm_ops);

ALTER TABLE record_decision
    ADD COLUMN search_folded text GENERATED ALWAYS AS (
        memocal_fold(year::text || '/' || number::text || ': ' || text_en || ' · ' || text_az)) STORED;
DROP INDEX record_decision_words_idx;
CREATE INDEX record_decision_words_idx ON record_decision USING gin (search_folded gin_trgm_ops);

ALTER TABLE record_action
    ADD COLUMN search_folded text GENERATED ALWAYS AS (memocal_fold(what_en || ' · ' || what_az)) STORED;
DROP INDEX record_action_words_idx;
CREATE INDEX record_action_words_idx ON record_action USING gin (search_folded gin_trgm_ops);
