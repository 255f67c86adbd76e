-- Migration 018: pages whose cost does not grow with the history the database holds.
--
-- The agenda and the month grid across all memoranda used to load and expand every series ever
-- stored. Now each series has a span: the local wall-clock range its occurrences can take up
-- (series_span, kept here by a trigger on every change of its times, rule or RDATEs), and a GiST
-- index finds the series whose span meets a window. The span is conservative (a superset): the
-- pages still expand what they find, so what they show is exactly what expanding everything shows.
--
--   no rule         first start .. last end of DTSTART and the RDATEs
--   UNTIL           .. the UNTIL date plus two days (UNTIL may be UTC or local) plus the length
--   COUNT           .. count_end, the end of the rule's last occurrence, which only an expansion
--                   knows: src/cal writes it after a save (store_series_count_end_set), and
--                   `memocal migrate` fills it for rows stored before (and for rows loaded by COPY).
--                   Until then, and whenever the rule or the start changes, it is NULL: unbounded
--   neither         unbounded (upper bound NULL)
--
-- A moved occurrence may lie outside its series' span: series_override's own GiST index on the
-- moved times finds those series too (src/store/stmt.c, series_window).
--
-- Search: the lists' case- and diacritic-folding search (memocal_fold, strpos) becomes LIKE on the
-- same folded text with pg_trgm indexes; LIKE with the pattern's %, _ and \ escaped matches exactly
-- what strpos matched. A person's search text includes their positions, so it is kept in a column of
-- its own (person_search) by triggers on person and position.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION memocal_series_span(rrule text, start_local timestamp, end_local timestamp,
                                    rdates timestamp[], count_end timestamp) RETURNS tsrange
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT tsrange(least(start_local, (SELECT min(d) FROM unnest(rdates) d)),
                   CASE WHEN rrule IS NULL THEN last_single
                        WHEN upper(rrule) ~ 'UNTIL=[0-9]{8}' THEN
                            greatest(last_single, to_date(substring(upper(rrule) FROM 'UNTIL=([0-9]{8})'), 'YYYYMMDD')
                                                  + interval '2 days' + (end_local - start_local))
                        WHEN count_end IS NOT NULL THEN greatest(last_single, count_end)
                   END, '[]')
      FROM (SELECT greatest(end_local, (SELECT max(d) FROM unnest(rdates) d) + (end_local - start_local))
                   AS last_single) l
$$;

CREATE TABLE series_span (
    series_id   bigint PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
    count_end   timestamp,      -- the end of a COUNT rule's last occurrence (local), when known
    span        tsrange NOT NULL
);
CREATE INDEX series_span_span_idx ON series_span USING gist (span);

CREATE FUNCTION series_span_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (NEW.rrule, NEW.start_local, NEW.end_local, NEW.rdates, NEW.tzid)
                           IS DISTINCT FROM (OLD.rrule, OLD.start_local, OLD.end_local, OLD.rdates, OLD.tzid) THEN
        INSERT INTO series_span (series_id, count_end, span)
        VALUES (NEW.id, NULL, memocal_series_span(NEW.rrule, NEW.start_local, NEW.end_local, NEW.rdates, NULL))
        ON CONFLICT (series_id) DO UPDATE SET count_end = NULL, span = EXCLUDED.span;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER series_span AFTER INSERT OR UPDATE ON series FOR EACH ROW EXECUTE FUNCTION series_span_changed();

INSERT INTO series_span (series_id, count_end, span)
SELECT id, NULL, memocal_series_span(rrule, start_local, end_local, rdates, NULL) FROM series;

-- the moved occurrences, found by where they were moved to
CREATE INDEX series_override_moved_idx ON series_override USING gist (tsrange(start_local, end_local, '[]'))
    WHERE start_local IS NOT NULL;

-- ---- search ----
CREATE INDEX memorandum_search_idx ON memorandum
    USING gin (memocal_fold(title_en || ' ' || title_az) gin_trgm_ops);
CREATE INDEX organisation_search_idx ON organisation
    USING gin (memocal_fold(name_en || ' ' || name_az || ' ' || coalesce(short_name_en, '') || ' '
                            || coalesce(short_name_az, '') || ' ' || slug) gin_trgm_ops);

-- A person's folded search text: the names, honorifics, e-mail and every position's titles (as the
-- old query built them, in the same order, so the same searches match).
CREATE TABLE person_search (
    person_id   bigint PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    folded      text NOT NULL
);
CREATE INDEX person_search_folded_idx ON person_search USING gin (folded gin_trgm_ops);

CREATE FUNCTION person_search_refresh(pid bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO person_search (person_id, folded)
    SELECT p.id, memocal_fold(p.full_name_en || ' ' || p.full_name_az || ' '
              || coalesce(p.honorific_en, '') || ' ' || coalesce(p.honorific_az, '') || ' ' || coalesce(p.email, '')
              || coalesce((SELECT string_agg(' ' || pos.title_en || ' ' || pos.title_az, '') FROM position pos
                            WHERE pos.person_id = p.id), ''))
      FROM person p WHERE p.id = pid
    ON CONFLICT (person_id) DO UPDATE SET folded = EXCLUDED.folded
$$;

CREATE FUNCTION person_search_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'person' THEN
        PERFORM person_search_refresh(NEW.id);
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM person_search_refresh(OLD.person_id);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM person_search_refresh(NEW.person_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_search AFTER INSERT OR UPDATE ON person FOR EACH ROW EXECUTE FUNCTION person_search_changed();
CREATE TRIGGER position_search AFTER INSERT OR UPDATE OR DELETE ON position
    FOR EACH ROW EXECUTE FUNCTION person_search_changed();

INSERT INTO person_search (person_id, folded)
SELECT p.id, memocal_fold(p.full_name_en || ' ' || p.full_name_az || ' '
          || coalesce(p.honorific_en, '') || ' ' || coalesce(p.honorific_az, '') || ' ' || coalesce(p.email, '')
          || coalesce((SELECT string_agg(' ' || pos.title_en || ' ' || pos.title_az, '') FROM position pos
                        WHERE pos.person_id = p.id), ''))
  FROM person p;

-- The audit log pages by keyset on (at, id) (audit_log_at_idx); one entity's history likewise.
CREATE INDEX audit_log_entity_at_idx ON audit_log (entity, entity_id, at DESC, id DESC);
DROP INDEX audit_log_entity_idx;

GRANT SELECT, INSERT, UPDATE ON series_span, person_search TO memocal_web;
GRANT DELETE ON person_search TO memocal_web;
GRANT SELECT ON series_span TO memocal_feed;
GRANT EXECUTE ON FUNCTION memocal_series_span(text, timestamp, timestamp, timestamp[], timestamp) TO memocal_web, memocal_feed;

-- The lists' orders, so a page of them reads an index instead of sorting the table.
CREATE INDEX memorandum_signed_on_idx ON memorandum (signed_on DESC, id DESC);
CREATE INDEX organisation_name_en_idx ON organisation (name_en, id);
CREATE INDEX person_full_name_en_idx ON person (full_name_en, id);
