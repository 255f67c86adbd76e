-- Seed 001: the memorandum of cooperation signed on 1 May 2024 between
-- Khazar University and the "MIRAS" Social Organization in Support of the
-- Study of Cultural Heritage: the founding example of memocal
-- (source: shared/seed/000_85d0e0a16f365f45.txt, a bilingual news item of
-- 10.05.2024). English from the English half of the text, Azerbaijani from
-- the Azerbaijani half.
--
-- Idempotent: running it again changes nothing and does not fail.
--  * organisations are found by slug, the project by code, people by their
--    full name in both languages, positions by (person, organisation,
--    title_en); each is inserted only when missing, and rows that exist are
--    never overwritten (staff may have edited the demo data);
--  * the memorandum is found by its two parties and its signing date; if it
--    exists, nothing of it is touched (not even its members, areas or project
--    link), so a staff edit survives a re-run.
-- Lookups come before inserts (no INSERT ... ON CONFLICT), so a re-run does
-- not even advance the identity sequences. In a fresh database the
-- memorandum therefore gets id 1.
--
-- Not in the text, so left NULL rather than invented: e-mail addresses,
-- websites, the memorandum's source URL and its end date (valid_until).
--
-- Runs as the database owner in one transaction (one PQexec); no
-- transaction control here.

DO $seed$
DECLARE
    -- The people of the text, in the order the text names them. One entry
    -- gives the person, their position at their organisation (also used as
    -- the role title shown on the memorandum) and their role in it.
    people jsonb := $json$[
      {"key": "rector", "org": "khazar",
       "name_en": "Irada Khalilova", "name_az": "İradə Xəlilova",
       "hon_en": "Assoc. Prof.", "hon_az": "Dr.",
       "title_en": "Rector", "title_az": "Rektor",
       "role": "signatory", "sort": 1},
      {"key": "chairman", "org": "miras",
       "name_en": "Fariz Khalilli", "name_az": "Fariz Xəlilli",
       "title_en": "Chairman of the Board", "title_az": "İdarə heyətinin sədri",
       "role": "signatory", "sort": 2},
      {"key": "board1", "org": "miras",
       "name_en": "Gafar Jabiyev", "name_az": "Qafar Cəbiyev",
       "title_en": "Board Member", "title_az": "İdarə heyətinin üzvü",
       "role": "board_member", "sort": 3},
      {"key": "board2", "org": "miras",
       "name_en": "Shikar Gasimov", "name_az": "Çikar Qasımov",
       "title_en": "Board Member", "title_az": "İdarə heyətinin üzvü",
       "role": "board_member", "sort": 4},
      {"key": "board3", "org": "miras",
       "name_en": "Maleyka Huseynova", "name_az": "Məleykə Hüseynova",
       "title_en": "Board Member", "title_az": "İdarə heyətinin üzvü",
       "role": "board_member", "sort": 5},
      {"key": "manager", "org": "khazar",
       "name_en": "Salima Ahmadova", "name_az": "Səlimə Əhmədova",
       "title_en": "Project Manager", "title_az": "Layihə meneceri",
       "role": "coordinator", "sort": 6}
    ]$json$;
    -- Notes on the people above:
    --  * Irada Khalilova: the English text calls her "Assoc. Prof.", the
    --    Azerbaijani text "Dr." ("rektoru Dr.İradə Xəlilova"); each language
    --    keeps its own honorific.
    --  * Səlimə Əhmədova: the Azerbaijani text writes "Səlimə əhmədova" with a
    --    lowercase ə, a typo; the surname is written Əhmədova here.
    --  * The rector and the board chairman are the heads of the two parties
    --    present at the signing: they are the parties' signatories and
    --    members with role 'signatory'. The board members are
    --    'board_member', Khazar University's project manager 'coordinator'.

    p           jsonb;
    org_ids     jsonb := '{}';
    person_ids  jsonb := '{}';
    v_id        bigint;
    v_person    bigint;
    v_org       bigint;
    v_project   bigint;
    v_memo      bigint;
BEGIN
    -- Organisations ---------------------------------------------------------
    SELECT id INTO v_id FROM organisation WHERE slug = 'khazar';
    IF NOT FOUND THEN
        INSERT INTO organisation (slug, kind, name_en, name_az, short_name_en, short_name_az)
        VALUES ('khazar', 'university',
                'Khazar University', 'Xəzər Universiteti',
                'Khazar', 'Xəzər')
        RETURNING id INTO v_id;
    END IF;
    org_ids := org_ids || jsonb_build_object('khazar', v_id);

    SELECT id INTO v_id FROM organisation WHERE slug = 'miras';
    IF NOT FOUND THEN
        -- The English heading says "Support of Studying of", the body
        -- "Support of the Study of"; the body's form is used. The quotation
        -- marks are part of the name in both languages, as in the text.
        INSERT INTO organisation (slug, kind, name_en, name_az, short_name_en, short_name_az)
        VALUES ('miras', 'ngo',
                '"MIRAS" Social Organization in Support of the Study of Cultural Heritage',
                '"MİRAS" Mədəni İrsin Öyrənilməsinə Kömək İctimai Birliyi',
                'MIRAS', 'MİRAS')
        RETURNING id INTO v_id;
    END IF;
    org_ids := org_ids || jsonb_build_object('miras', v_id);

    -- Project ---------------------------------------------------------------
    -- The text says only that cooperation began under it: no description.
    SELECT id INTO v_project FROM project WHERE code = 'PICASP';
    IF NOT FOUND THEN
        INSERT INTO project (code, name_en, name_az)
        VALUES ('PICASP', 'PICASP project', 'PICASP layihəsi')
        RETURNING id INTO v_project;
    END IF;

    -- People and their positions --------------------------------------------
    FOR p IN SELECT value FROM jsonb_array_elements(people) LOOP
        SELECT id INTO v_person
          FROM person
         WHERE full_name_en = p->>'name_en' AND full_name_az = p->>'name_az'
         ORDER BY id
         LIMIT 1;
        IF NOT FOUND THEN
            -- preferred_lang: the column default ('az'); e-mail unknown
            INSERT INTO person (full_name_en, full_name_az, honorific_en, honorific_az)
            VALUES (p->>'name_en', p->>'name_az', p->>'hon_en', p->>'hon_az')
            RETURNING id INTO v_person;
        END IF;
        person_ids := person_ids || jsonb_build_object(p->>'key', v_person);

        v_org := (org_ids->>(p->>'org'))::bigint;
        IF NOT EXISTS (SELECT 1 FROM position
                        WHERE person_id = v_person AND organisation_id = v_org
                          AND title_en = p->>'title_en') THEN
            INSERT INTO position (person_id, organisation_id, title_en, title_az)
            VALUES (v_person, v_org, p->>'title_en', p->>'title_az');
        END IF;
    END LOOP;

    -- The memorandum --------------------------------------------------------
    SELECT m.id INTO v_memo
      FROM memorandum m
     WHERE m.signed_on = DATE '2024-05-01'
       AND EXISTS (SELECT 1 FROM memorandum_party mp
                    WHERE mp.memorandum_id = m.id
                      AND mp.organisation_id = (org_ids->>'khazar')::bigint)
       AND EXISTS (SELECT 1 FROM memorandum_party mp
                    WHERE mp.memorandum_id = m.id
                      AND mp.organisation_id = (org_ids->>'miras')::bigint)
     ORDER BY m.id
     LIMIT 1;
    IF FOUND THEN
        RAISE NOTICE 'seed 001: memorandum Khazar-MIRAS of 2024-05-01 already present (id %), left as it is', v_memo;
        RETURN;
    END IF;

    -- The Azerbaijani title follows the Azerbaijani heading, which writes
    -- "Miras" (not "MİRAS") there. The summaries are the text's own
    -- paragraphs about the aims. In the Azerbaijani text the first of them
    -- is broken by a stray paragraph break in mid-sentence ("... təmin
    -- edilməsi / ilə bağlı ..."), joined here, and "tələbələrle" is a typo
    -- for "tələbələrlə", corrected here.
    INSERT INTO memorandum (title_en, title_az, summary_en, summary_az,
                            signed_on, valid_from, valid_until, status)
    VALUES (
        'Memorandum of Cooperation between Khazar University and the "MIRAS" Social Organization in Support of the Study of Cultural Heritage',
        'Xəzər Universiteti ilə "Miras" Mədəni İrsin Öyrənilməsinə Kömək İctimai Birliyi arasında əməkdaşlıq memorandumu',
        'The memorandum aims to foster the development of scientific and practical knowledge among university students and to implement projects promoting social responsibility. It also seeks to strengthen and continue the cooperation initiated under the PICASP project, organize regular meetings and joint events, and collaborate on projects aimed at the continuous development of students'' knowledge and skills. Collaboration is planned in areas of mutual interest to both parties.

To expedite the implementation of the agreed processes, cooperation between the relevant departments of both organizations is essential, as are regular meetings with students.',
        'Memorandumda universitet tələbələri arasında elmi-praktiki məlumatların inkişafının təmin edilməsi, həmçinin sosial məsuliyyəti artıran layihələrin icrası, PICASP layihəsi çərçivəsində yaranmış əməkdaşlığın möhkəmləndirilməsi və davam etdirilməsi məqsədilə mütəmadi görüşlərin keçirilməsi, birgə tədbirlərin təşkili, universitetin tələbələrinin bilik və bacarıqlarının davamlı inkişafının təmin edilməsi ilə bağlı layihələrin birgə icrası məqsədilə qarşılıqlı maraq kəsb edən sahələrdə əməkdaşlıq edilməsi nəzərdə tutulub.

Müqavilədə qeyd olunan proseslərin ən qısa zamanda həyata keçirilməsi üçün hər iki tərəfin müvafiq struktur bölmələri arasında, eləcə də tələbələrlə davamlı görüşlərin keçirilməsinin vacibliyi ilə bağlı əməkdaşlığın faydalı olacağına əminlik bildirilib.',
        DATE '2024-05-01', DATE '2024-05-01', NULL, 'signed')
    RETURNING id INTO v_memo;

    -- Parties, in the order of the title, each with its head as signatory.
    INSERT INTO memorandum_party (memorandum_id, organisation_id, signatory_id, sort)
    VALUES (v_memo, (org_ids->>'khazar')::bigint, (person_ids->>'rector')::bigint,   1),
           (v_memo, (org_ids->>'miras')::bigint,  (person_ids->>'chairman')::bigint, 2);

    -- Members, with the party each belongs to and the title shown beside
    -- the role.
    FOR p IN SELECT value FROM jsonb_array_elements(people) LOOP
        INSERT INTO memorandum_member (memorandum_id, person_id, organisation_id, role,
                                       role_title_en, role_title_az, sort)
        VALUES (v_memo, (person_ids->>(p->>'key'))::bigint,
                (org_ids->>(p->>'org'))::bigint, p->>'role',
                p->>'title_en', p->>'title_az', (p->>'sort')::integer);
    END LOOP;

    INSERT INTO memorandum_project (memorandum_id, project_id)
    VALUES (v_memo, v_project);

    -- Areas of cooperation, in the order the text gives them.
    INSERT INTO memorandum_area (memorandum_id, sort, text_en, text_az)
    VALUES
      (v_memo, 1,
       'Developing the scientific and practical knowledge of the university''s students',
       'Universitet tələbələri arasında elmi-praktiki məlumatların inkişafının təmin edilməsi'),
      (v_memo, 2,
       'Implementing projects that promote social responsibility',
       'Sosial məsuliyyəti artıran layihələrin icrası'),
      (v_memo, 3,
       'Strengthening and continuing the cooperation begun under the PICASP project',
       'PICASP layihəsi çərçivəsində yaranmış əməkdaşlığın möhkəmləndirilməsi və davam etdirilməsi'),
      (v_memo, 4,
       'Holding regular meetings',
       'Mütəmadi görüşlərin keçirilməsi'),
      (v_memo, 5,
       'Organizing joint events',
       'Birgə tədbirlərin təşkili'),
      (v_memo, 6,
       'Jointly implementing projects for the continuous development of students'' knowledge and skills',
       'Universitetin tələbələrinin bilik və bacarıqlarının davamlı inkişafının təmin edilməsi ilə bağlı layihələrin birgə icrası'),
      (v_memo, 7,
       'Holding regular meetings with students',
       'Tələbələrlə davamlı görüşlərin keçirilməsi'),
      (v_memo, 8,
       'Cooperation between the relevant departments of both organizations',
       'Hər iki tərəfin müvafiq struktur bölmələri arasında əməkdaşlıq');

    RAISE NOTICE 'seed 001: memorandum Khazar-MIRAS of 2024-05-01 created (id %)', v_memo;
END
$seed$;
