-- Migration 037: a search of people sorts its matches by what it already read (issue 18).
--
-- The people search found its matches in person_search (migration 018) and then read every match's person
-- row to sort them by name: a common surname (1,700 of the large installation's 20,000 people) read 1,700
-- rows to show 25, 6 ms. person_search now holds the name the list sorts by, so the matches are sorted as
-- found and only the page's 25 people are read.
ALTER TABLE person_search ADD COLUMN sort_name text;
UPDATE person_search s SET sort_name = p.full_name_en FROM person p WHERE p.id = s.person_id;
ALTER TABLE person_search ALTER COLUMN sort_name SET NOT NULL;

CREATE OR REPLACE FUNCTION person_search_refresh(pid bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO person_search (person_id, folded, sort_name)
    SELECT p.id, memocal_fold(p.full_name_en || ' ' || p.full_name_az || ' '
              || coalesce(p.honorific_en, '') || ' ' || coalesce(p.honorific_az, '') || ' ' || coalesce(p.email, '')
              || coalesce((SELECT string_agg(' ' || pos.title_en || ' ' || pos.title_az, '') FROM position pos
                            WHERE pos.person_id = p.id), '')),
           p.full_name_en
      FROM person p WHERE p.id = pid
    ON CONFLICT (person_id) DO UPDATE SET folded = EXCLUDED.folded, sort_name = EXCLUDED.sort_name
$$;
