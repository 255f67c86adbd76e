-- data.sql - one memorandum with :n meetings and events, for bench/run.
--
-- Run by bench/run as the database owner (psql -v n=200 -v tag=a200), once per
-- memorandum; prints the memorandum's id. The calendar is meant to look like a
-- real one: single and recurring series (weekly, fortnightly on two days,
-- monthly by weekday and by day, daily, yearly), five time zones, all-day
-- events, tentative and recently cancelled series, EXDATEs, a moved and a
-- cancelled occurrence here and there, 1 to 3 people per series (one of them
-- the chair) and sometimes a group, descriptions in both languages. The times
-- are spread from 40 days ago to about a year ahead, so every series belongs
-- in the feed today. About 850 bytes of iCalendar per series (173 KB for 200).
--
-- The feed triggers are switched off while the rows go in (each attendee row
-- would otherwise touch every person of the memorandum: quadratic at 5000
-- series) and the memorandum's feeds are touched once at the end instead.

\set ON_ERROR_STOP on
SELECT set_config('bench.n', :'n', false), set_config('bench.tag', :'tag', false) \g /dev/null

BEGIN;
ALTER TABLE series DISABLE TRIGGER series_feed;
ALTER TABLE attendee DISABLE TRIGGER attendee_feed;
ALTER TABLE series_override DISABLE TRIGGER series_override_feed;

DO $bench$
DECLARE
    n       int := current_setting('bench.n')::int;
    tag     text := current_setting('bench.tag');
    first_en text[] := ARRAY['Aysel', 'Rashad', 'Leyla', 'Elchin', 'Gunel', 'Tural', 'Nigar', 'Orkhan', 'Sabina', 'Farid',
                             'Aynur', 'Kamran', 'Lala', 'Vugar', 'Sevinj', 'Ilgar', 'Narmin', 'Anar', 'Khadija', 'Murad'];
    first_az text[] := ARRAY['Aysel', 'Rəşad', 'Leyla', 'Elçin', 'Günel', 'Tural', 'Nigar', 'Orxan', 'Səbinə', 'Fərid',
                             'Aynur', 'Kamran', 'Lalə', 'Vüqar', 'Sevinc', 'İlqar', 'Nərmin', 'Anar', 'Xədicə', 'Murad'];
    last_en text[] := ARRAY['Mammadova', 'Aliyev', 'Huseynova', 'Guliyev', 'Hasanova', 'Ismayilov', 'Abbasova',
                            'Jafarov', 'Karimova', 'Rzayev', 'Babayeva', 'Najafov'];
    last_az text[] := ARRAY['Məmmədova', 'Əliyev', 'Hüseynova', 'Quliyev', 'Həsənova', 'İsmayılov', 'Abbasova',
                            'Cəfərov', 'Kərimova', 'Rzayev', 'Babayeva', 'Nəcəfov'];
    topic_en text[] := ARRAY['Steering committee', 'Joint seminar on cultural heritage', 'Project board meeting',
                             'Field survey planning', 'Student exchange interviews', 'Archive digitisation workshop',
                             'Budget review', 'Public lecture', 'Conference programme committee', 'Working group call',
                             'Museum visit', 'Research colloquium'];
    topic_az text[] := ARRAY['Rəhbər komitənin iclası', 'Mədəni irs üzrə birgə seminar', 'Layihə şurasının iclası',
                             'Çöl tədqiqatının planlaşdırılması', 'Tələbə mübadiləsi üzrə müsahibələr',
                             'Arxivin rəqəmsallaşdırılması üzrə emalatxana', 'Büdcənin nəzərdən keçirilməsi',
                             'Açıq mühazirə', 'Konfransın proqram komitəsi', 'İşçi qrupunun zəngi', 'Muzeyə səfər',
                             'Elmi kollokvium'];
    room text[] := ARRAY['Khazar University, Neftchilar campus, room 204', 'MIRAS office, 1st floor meeting room',
                         'Khazar University, main building, conference hall', 'Online', 'National Museum of History, lecture room',
                         'Icherisheher, visitor centre'];
    zone text[] := ARRAY['Asia/Baku', 'Asia/Baku', 'Asia/Baku', 'Europe/Berlin', 'Europe/London', 'America/New_York',
                         'Asia/Tbilisi'];
    rule text[] := ARRAY['FREQ=WEEKLY;COUNT=12', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=20',
                         'FREQ=MONTHLY;BYDAY=2WE;COUNT=10', 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6', 'FREQ=DAILY;COUNT=5',
                         'FREQ=YEARLY;COUNT=3'];
    at_time interval[] := ARRAY[interval '09:00', interval '10:30', interval '14:00', interval '16:15', interval '11:00'];
    long interval[] := ARRAY[interval '45 minutes', interval '1 hour', interval '90 minutes', interval '2 hours'];
    people  bigint[];
    np      int := 60;
    mid     bigint;
    sid     bigint;
    s_start timestamp;
    s_end   timestamp;
    s_rule  text;
    i       int;
    k       int;
BEGIN
    -- a pool of people shared by the bench memoranda
    IF (SELECT count(*) FROM person WHERE email LIKE '%@bench.test') < np THEN
        FOR i IN 1..np LOOP
            INSERT INTO person (full_name_en, full_name_az, email, preferred_lang)
            VALUES (first_en[1 + i % 20] || ' ' || last_en[1 + (i * 7) % 12],
                    first_az[1 + i % 20] || ' ' || last_az[1 + (i * 7) % 12],
                    'person' || i || '@bench.test', CASE WHEN i % 3 = 0 THEN 'en' ELSE 'az' END)
            ON CONFLICT DO NOTHING;
        END LOOP;
    END IF;
    SELECT array_agg(id ORDER BY id) INTO people FROM person WHERE email LIKE '%@bench.test';

    INSERT INTO memorandum (title_en, title_az, summary_en, summary_az, signed_on, valid_from, valid_until, status)
    VALUES ('Cooperation in heritage studies (bench ' || tag || ')',
            'İrs tədqiqatlarında əməkdaşlıq (bench ' || tag || ')',
            'Benchmark data: ' || n || ' meetings and events.', 'Sınaq məlumatı: ' || n || ' görüş və tədbir.',
            current_date - 200, current_date - 200, current_date + 1000, 'signed')
    RETURNING id INTO mid;
    INSERT INTO memorandum_party (memorandum_id, organisation_id, sort)
    SELECT mid, id, row_number() OVER (ORDER BY id) FROM organisation WHERE slug IN ('khazar', 'miras');

    FOR i IN 1..n LOOP
        s_rule := CASE WHEN i % 2 = 0 THEN rule[1 + (i / 2) % 6] END;
        IF i % 11 = 0 THEN
            s_start := date_trunc('day', localtimestamp) - interval '40 days' + ((i * 37) % 400) * interval '1 day';
            s_end := s_start + (1 + i % 2) * interval '1 day';
        ELSE
            s_start := date_trunc('day', localtimestamp) - interval '40 days' + ((i * 37) % 400) * interval '1 day'
                       + at_time[1 + i % 5];
            s_end := s_start + long[1 + (i / 3) % 4];
        END IF;
        INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, description_en, description_az, location,
                            location_url, tzid, all_day, start_local, end_local, rrule, exdates, status, sequence,
                            cancelled_at)
        VALUES (mid, CASE WHEN i % 7 = 0 THEN 'event' ELSE 'meeting' END,
                'bench-' || tag || '-' || i || '@memocal.test',
                topic_en[1 + i % 12] || ' #' || i, topic_az[1 + i % 12] || ' #' || i,
                CASE WHEN i % 4 = 0 THEN 'Agenda: progress of the joint work, the next steps and the reports due; '
                     || 'papers are circulated a week before.' END,
                CASE WHEN i % 4 = 0 THEN 'Gündəlik: birgə işin gedişi, növbəti addımlar və gözlənilən hesabatlar; '
                     || 'sənədlər bir həftə əvvəl göndərilir.' END,
                room[1 + i % 6],
                CASE WHEN i % 6 = 3 THEN 'https://meet.example.org/memocal-' || i END,
                zone[1 + i % 7], i % 11 = 0, s_start, s_end, s_rule,
                CASE WHEN s_rule = 'FREQ=WEEKLY;COUNT=12' AND i % 24 = 0 THEN ARRAY[s_start + interval '14 days']
                     ELSE '{}' END,
                CASE WHEN i % 29 = 0 THEN 'cancelled' WHEN i % 23 = 0 THEN 'tentative' ELSE 'confirmed' END,
                i % 4,
                CASE WHEN i % 29 = 0 THEN now() - interval '3 days' END)
        RETURNING id INTO sid;
        -- 1 to 3 people, the first one chairs; a group now and then
        FOR k IN 0..(CASE WHEN i % 8 = 0 THEN 2 WHEN i % 8 = 4 THEN 1 ELSE 0 END) LOOP
            INSERT INTO attendee (series_id, person_id, role, partstat, sort)
            VALUES (sid, people[1 + (i * 7 + k * 13) % np],
                    CASE WHEN k = 0 THEN 'chair' WHEN k = 3 THEN 'optional' ELSE 'required' END,
                    (ARRAY['accepted', 'needs-action', 'tentative', 'declined', 'accepted'])[1 + (i + k) % 5], k);
        END LOOP;
        IF i % 6 = 0 THEN
            INSERT INTO attendee (series_id, group_en, group_az, role, sort)
            VALUES (sid, 'Students of the PICASP project', 'PICASP layihəsinin tələbələri', 'optional', 9);
        END IF;
        -- a weekly series: one occurrence moved an hour later to another room, one cancelled
        IF s_rule = 'FREQ=WEEKLY;COUNT=12' AND i % 24 = 12 THEN
            INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, location, sequence)
            VALUES (sid, s_start + interval '7 days', s_start + interval '7 days 1 hour',
                    s_end + interval '7 days 1 hour', room[1 + (i + 1) % 6], 1);
            INSERT INTO series_override (series_id, recurrence_id, cancelled, sequence)
            VALUES (sid, s_start + interval '21 days', true, 1);
        END IF;
    END LOOP;
    PERFORM set_config('bench.memorandum', mid::text, false);
END
$bench$;

ALTER TABLE series ENABLE TRIGGER series_feed;
ALTER TABLE attendee ENABLE TRIGGER attendee_feed;
ALTER TABLE series_override ENABLE TRIGGER series_override_feed;
SELECT feed_touch_memorandum(current_setting('bench.memorandum')::bigint);
COMMIT;
ANALYZE person, memorandum, series, attendee, series_override, feed_version;
SELECT current_setting('bench.memorandum') AS memorandum;
