-- Migration 027: the memoranda search's look into meeting records (issue 15, item 8) stays indexed as
-- the records grow (issue 18): each record table's searched words, folded as every search folds them
-- (memocal_fold), under a trigram index, so STMT_RECORDS_SEARCH's LIKE on the same expressions
-- (RECORD_ITEM_WORDS, RECORD_DECISION_WORDS and RECORD_ACTION_WORDS in src/store/stmt.c, which must stay
-- the same text as here for the planner to match them) reads the indexes instead of every record.
-- Casts and coalesce rather than concat_ws and integer || text, which are not immutable.

CREATE INDEX record_item_words_idx ON record_item
    USING gin (memocal_fold(title_en || ' · ' || title_az || ' · ' || coalesce(notes_en, '') || ' · '
                            || coalesce(notes_az, '') || ' · ' || coalesce(minutes_en, '') || ' · '
                            || coalesce(minutes_az, '')) gin_trgm_ops);
CREATE INDEX record_decision_words_idx ON record_decision
    USING gin (memocal_fold(year::text || '/' || number::text || ': ' || text_en || ' · ' || text_az) gin_trgm_ops);
CREATE INDEX record_action_words_idx ON record_action
    USING gin (memocal_fold(what_en || ' · ' || what_az) gin_trgm_ops);
