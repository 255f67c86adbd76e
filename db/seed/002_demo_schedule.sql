-- Seed 002: a DEMO schedule for the memorandum of seed 001, so that a newcomer's agenda, month grid
-- and feeds show what memocal is for. The memorandum promises "regular meetings", "joint events"
-- and "regular meetings with students" (its areas 4, 5 and 7); the text gives no dates, times or
-- places, so everything here is invented and says so: every title ends in "(demo)" / "(nümunə)",
-- every description starts by saying it is demo data, and every UID starts with "demo-". Staff may
-- edit or delete these series like any other.
--
--  * a monthly board meeting on the first Tuesday, 15:00-16:30 Baku time, 12 times, chaired by the
--    rector, with both parties' signatories, the board members and the project manager; its first
--    meeting after today is moved to the Thursday of the same week, 11:00-12:30;
--  * a yearly joint event, all day, two days long, about a month from today;
--  * a weekly meeting with students on Wednesdays, 14:00-15:00, with the project's students as a
--    group attendee (CUTYPE=GROUP in feeds) and the project manager in the chair; the meeting two
--    weeks after the next one is cancelled.
--
-- Dates are relative to the day the seed first runs (CURRENT_DATE), starting in the past, so the
-- agenda has recent meetings and coming ones, never only past ones.
--
-- Idempotent like seed 001: a series is found by its UID and inserted only when missing; a series
-- that exists (perhaps edited by staff) is never touched, nor are its exceptions or attendees.
-- Nothing here runs when seed 001's memorandum is not there.

DO $seed$
DECLARE
    v_memo      bigint;
    v_series    bigint;
    today       date := CURRENT_DATE;
    first_tue   date;
    next_board  date;
    board_start date;
    students_start date;
    next_wed    date;
    event_day   date;
    person_key  text;
    attendees   jsonb := $json$[
      {"name_en": "Irada Khalilova",   "role": "chair"},
      {"name_en": "Fariz Khalilli",    "role": "required"},
      {"name_en": "Gafar Jabiyev",     "role": "required"},
      {"name_en": "Shikar Gasimov",    "role": "required"},
      {"name_en": "Maleyka Huseynova", "role": "required"},
      {"name_en": "Salima Ahmadova",   "role": "optional"}
    ]$json$;
    a           jsonb;
    n           integer := 0;
BEGIN
    SELECT m.id INTO v_memo
      FROM memorandum m
      JOIN memorandum_party k ON k.memorandum_id = m.id
      JOIN organisation ko ON ko.id = k.organisation_id AND ko.slug = 'khazar'
      JOIN memorandum_party r ON r.memorandum_id = m.id
      JOIN organisation ro ON ro.id = r.organisation_id AND ro.slug = 'miras'
     WHERE m.signed_on = DATE '2024-05-01'
     ORDER BY m.id
     LIMIT 1;
    IF NOT FOUND THEN
        RAISE NOTICE 'seed 002: no Khazar-MIRAS memorandum of 2024-05-01, so no demo schedule';
        RETURN;
    END IF;

    -- The monthly board meeting ---------------------------------------------------------------
    -- the first Tuesday of a month: its first day plus the days to the next Tuesday (ISO 2)
    board_start := date_trunc('month', today - interval '3 months')::date;
    board_start := board_start + (2 - extract(isodow FROM board_start)::int + 7) % 7;
    first_tue := date_trunc('month', today)::date;
    first_tue := first_tue + (2 - extract(isodow FROM first_tue)::int + 7) % 7;
    IF first_tue <= today THEN
        first_tue := date_trunc('month', today + interval '1 month')::date;
        first_tue := first_tue + (2 - extract(isodow FROM first_tue)::int + 7) % 7;
    END IF;
    next_board := first_tue;

    IF NOT EXISTS (SELECT 1 FROM series WHERE uid = 'demo-board-meeting@memocal.example') THEN
        INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, description_en, description_az,
                            location, tzid, start_local, end_local, rrule)
        VALUES (v_memo, 'meeting', 'demo-board-meeting@memocal.example',
                'Joint board meeting (demo)', 'Birgə idarə heyəti iclası (nümunə)',
                'Demo data loaded by "memocal seed": edit or delete it freely. The memorandum promises regular meetings; this is what one could look like: progress of the joint projects, the coming events, the students'' work.',
                'Bu, "memocal seed" ilə yüklənmiş nümunə məlumatdır: onu istədiyiniz kimi dəyişə və ya silə bilərsiniz. Memorandum mütəmadi görüşlər nəzərdə tutur; belə bir görüş bu cür ola bilər: birgə layihələrin gedişi, qarşıdakı tədbirlər, tələbələrin işi.',
                'Khazar University, Neftchilar campus (demo)', 'Asia/Baku',
                board_start + time '15:00', board_start + time '16:30',
                'FREQ=MONTHLY;COUNT=12;BYDAY=1TU')
        RETURNING id INTO v_series;
        FOR a IN SELECT value FROM jsonb_array_elements(attendees) LOOP
            n := n + 1;
            INSERT INTO attendee (series_id, person_id, role, sort)
            SELECT v_series, p.id, a->>'role', n
              FROM person p
             WHERE p.full_name_en = a->>'name_en'
             ORDER BY p.id
             LIMIT 1;
        END LOOP;
        -- the first meeting after today moves to the Thursday of the same week, in the morning
        INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, sequence)
        VALUES (v_series, next_board + time '15:00', next_board + 2 + time '11:00', next_board + 2 + time '12:30', 1);
    END IF;

    -- The yearly joint event ------------------------------------------------------------------
    -- two days, all day (midnights, end exclusive), about a month from today; it began a year ago
    event_day := (today + 30 - interval '1 year')::date;
    IF NOT EXISTS (SELECT 1 FROM series WHERE uid = 'demo-heritage-days@memocal.example') THEN
        INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, description_en, description_az,
                            location, tzid, all_day, start_local, end_local, rrule)
        VALUES (v_memo, 'event', 'demo-heritage-days@memocal.example',
                'Cultural heritage days with students (demo)', 'Tələbələrlə mədəni irs günləri (nümunə)',
                'Demo data loaded by "memocal seed": edit or delete it freely. A joint event of both parties, once a year: talks, a visit to a heritage site and the students'' projects.',
                'Bu, "memocal seed" ilə yüklənmiş nümunə məlumatdır: onu istədiyiniz kimi dəyişə və ya silə bilərsiniz. Hər iki tərəfin ildə bir dəfə keçirilən birgə tədbiri: çıxışlar, mədəni irs abidəsinə səfər və tələbələrin layihələri.',
                'Khazar University (demo)', 'Asia/Baku', true,
                event_day::timestamp, (event_day + 2)::timestamp, 'FREQ=YEARLY')
        RETURNING id INTO v_series;
        INSERT INTO attendee (series_id, group_en, group_az, role, sort)
        VALUES (v_series, 'Students of the PICASP project', 'PICASP layihəsinin tələbələri', 'required', 1);
        INSERT INTO attendee (series_id, person_id, role, sort)
        SELECT v_series, p.id, 'chair', 2 FROM person p WHERE p.full_name_en = 'Salima Ahmadova' ORDER BY p.id LIMIT 1;
    END IF;

    -- The weekly meeting with students --------------------------------------------------------
    students_start := today - 56;
    students_start := students_start + (3 - extract(isodow FROM students_start)::int + 7) % 7; -- a Wednesday
    next_wed := today + (3 - extract(isodow FROM today)::int + 7) % 7;
    IF NOT EXISTS (SELECT 1 FROM series WHERE uid = 'demo-students-weekly@memocal.example') THEN
        INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, description_en, description_az,
                            location, tzid, start_local, end_local, rrule)
        VALUES (v_memo, 'meeting', 'demo-students-weekly@memocal.example',
                'Weekly meeting with students (demo)', 'Tələbələrlə həftəlik görüş (nümunə)',
                'Demo data loaded by "memocal seed": edit or delete it freely. The memorandum promises regular meetings with students; here, every Wednesday afternoon.',
                'Bu, "memocal seed" ilə yüklənmiş nümunə məlumatdır: onu istədiyiniz kimi dəyişə və ya silə bilərsiniz. Memorandum tələbələrlə davamlı görüşlər nəzərdə tutur; burada hər çərşənbə günortadan sonra.',
                'Khazar University, room 204 (demo)', 'Asia/Baku',
                students_start + time '14:00', students_start + time '15:00',
                'FREQ=WEEKLY;BYDAY=WE')
        RETURNING id INTO v_series;
        INSERT INTO attendee (series_id, person_id, role, sort)
        SELECT v_series, p.id, 'chair', 1 FROM person p WHERE p.full_name_en = 'Salima Ahmadova' ORDER BY p.id LIMIT 1;
        INSERT INTO attendee (series_id, group_en, group_az, role, sort)
        VALUES (v_series, 'Students of the PICASP project', 'PICASP layihəsinin tələbələri', 'required', 2);
        -- one meeting falls out (a holiday, say): the one two weeks after the next
        INSERT INTO series_override (series_id, recurrence_id, cancelled, sequence)
        VALUES (v_series, next_wed + 14 + time '14:00', true, 1);
    END IF;

    RAISE NOTICE 'seed 002: demo schedule of memorandum % in place', v_memo;
END
$seed$;
