-- t89_fixture.sql - a memorandum with a known history for t89_report.sh (psql -v sfx=UNIQUE -f). The report's
-- period is 2024-09-01 to 2025-08-31 (Asia/Baku); every date is in the past, so nothing is "to come".
--
-- Board (monthly on the 3rd, 15:00, 12 times, 2024-09-03 .. 2025-08-03):
--   2024-11-03 cancelled (it has a record with attendance: still not held, and counted as cancelled)
--   2025-01-03 moved to 2025-01-06 (held there: its record is keyed by the original start)
--   2025-08-03 moved to 2025-09-05, out of the period (its record, held, and its decision do not count)
--   held (attendance recorded): 2024-09-03, 2024-10-03, 2025-01-03→06, 2025-03-03
--   2025-04-03 has a record without attendance (agenda and one dropped action only): missed
--   promised 10, held 4, missed 6
-- Students (weekly on Wednesdays 14:00, 4 times from 2025-03-05; a group attends):
--   2025-03-19 cancelled; held 03-05 (2 present + 1 guest = 3) and 03-12 (1 present, 1 absent = 1); 03-26 missed
--   promised 3, held 2, missed 1, attendance 4
-- Late meeting 2025-08-31 23:00 Baku (the period's last day): promised, missed
-- Early meeting 2024-08-31 23:30 Baku (the day before the period): not counted
-- Joint events: 2025-05-15..16 all day (3 present + 2 guests = 5 participants), 2025-06-20 (no record)
-- Meetings: promised 14, held 6, missed 8, cancelled 2, moved 1 (the one moved out is not in the period)
-- Decisions: 2 (2024-09-03) + 1 (2025-03-03) = 3; the one of 2025-08-03 is out
-- Actions: 2024-09-03 done + open, 2025-04-03 dropped, 2025-03-05 done: opened 4, done 2, dropped 1, open 1
SELECT set_config('t89.sfx', :'sfx', false);
DO $fixture$
DECLARE
    sfx text := current_setting('t89.sfx');
    o1 bigint; o2 bigint; p1 bigint; p2 bigint; p3 bigint; m bigint;
    board bigint; students bigint; late bigint; early bigint; ev1 bigint; ev2 bigint; r bigint;
BEGIN
    INSERT INTO organisation (slug, kind, name_en, name_az) VALUES ('t89-uni-' || sfx, 'university',
        'Report University ' || sfx, 'Hesabat Universiteti ' || sfx) RETURNING id INTO o1;
    INSERT INTO organisation (slug, kind, name_en, name_az) VALUES ('t89-ngo-' || sfx, 'ngo',
        'Report Heritage ' || sfx, 'İrs Təşkilatı ' || sfx) RETURNING id INTO o2;
    INSERT INTO person (full_name_en, full_name_az) VALUES ('Report Person One ' || sfx, 'Birinci Şəxs ' || sfx) RETURNING id INTO p1;
    INSERT INTO person (full_name_en, full_name_az) VALUES ('Report Person Two ' || sfx, 'İkinci Şəxs ' || sfx) RETURNING id INTO p2;
    INSERT INTO person (full_name_en, full_name_az) VALUES ('Report Person Three ' || sfx, 'Üçüncü Şəxs ' || sfx) RETURNING id INTO p3;
    INSERT INTO memorandum (title_en, title_az, signed_on, valid_from, valid_until, status)
    VALUES ('Report fixture ' || sfx, 'Hesabat nümunəsi ' || sfx || ': Xəzər, ğ ı ş ç ö ü', DATE '2024-05-01',
            DATE '2024-05-01', DATE '2027-04-30', 'signed') RETURNING id INTO m;
    INSERT INTO memorandum_party (memorandum_id, organisation_id, sort) VALUES (m, o1, 0), (m, o2, 1);

    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, start_local, end_local, rrule)
    VALUES (m, 'meeting', 't89-board-' || sfx, 'Board ' || sfx, 'İdarə heyəti ' || sfx,
            '2024-09-03 15:00', '2024-09-03 16:30', 'FREQ=MONTHLY;COUNT=12') RETURNING id INTO board;
    INSERT INTO series_override (series_id, recurrence_id, cancelled) VALUES (board, '2024-11-03 15:00', true);
    INSERT INTO series_override (series_id, recurrence_id, start_local, end_local)
    VALUES (board, '2025-01-03 15:00', '2025-01-06 15:00', '2025-01-06 16:30'),
           (board, '2025-08-03 15:00', '2025-09-05 15:00', '2025-09-05 16:30');
    INSERT INTO attendee (series_id, person_id, role, sort) VALUES (board, p1, 'chair', 0), (board, p2, 'required', 1);

    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, start_local, end_local, rrule)
    VALUES (m, 'meeting', 't89-students-' || sfx, 'Students ' || sfx, 'Tələbələr ' || sfx,
            '2025-03-05 14:00', '2025-03-05 15:00', 'FREQ=WEEKLY;COUNT=4') RETURNING id INTO students;
    INSERT INTO series_override (series_id, recurrence_id, cancelled) VALUES (students, '2025-03-19 14:00', true);
    INSERT INTO attendee (series_id, person_id, group_en, group_az, role, sort)
    VALUES (students, NULL, 'Students of PICASP ' || sfx, 'PICASP tələbələri ' || sfx, 'required', 0),
           (students, p1, NULL, NULL, 'chair', 1), (students, p3, NULL, NULL, 'required', 2);

    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, start_local, end_local)
    VALUES (m, 'meeting', 't89-late-' || sfx, 'Late ' || sfx, 'Gec ' || sfx, '2025-08-31 23:00', '2025-08-31 23:30')
    RETURNING id INTO late;
    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, start_local, end_local)
    VALUES (m, 'meeting', 't89-early-' || sfx, 'Early ' || sfx, 'Erkən ' || sfx, '2024-08-31 23:30', '2024-08-31 23:45')
    RETURNING id INTO early;
    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, all_day, start_local, end_local)
    VALUES (m, 'event', 't89-festival-' || sfx, 'Festival ' || sfx, 'Festival ' || sfx, true,
            '2025-05-15 00:00', '2025-05-17 00:00') RETURNING id INTO ev1;
    INSERT INTO attendee (series_id, person_id, role, sort) VALUES (ev1, p1, 'required', 0), (ev1, p2, 'required', 1),
           (ev1, p3, 'required', 2);
    INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, start_local, end_local)
    VALUES (m, 'event', 't89-lecture-' || sfx, 'Lecture ' || sfx, 'Mühazirə ' || sfx, '2025-06-20 11:00', '2025-06-20 13:00')
    RETURNING id INTO ev2;

    -- Board's records
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2024-09-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present'), (r, p2, 'remote');
    INSERT INTO record_decision (record_id, memorandum_id, year, number, sort, text_en, text_az)
    VALUES (r, m, 2024, 1, 0, 'Adopt the plan ' || sfx, 'Planı qəbul etmək ' || sfx),
           (r, m, 2024, 2, 1, 'Open a call ' || sfx, 'Müsabiqə elan etmək ' || sfx);
    INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, status)
    VALUES (r, 0, 'Write the plan', 'Planı yazmaq', p1, 'done'), (r, 1, 'Find a room', 'Otaq tapmaq', p2, 'open');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2024-10-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2024-11-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2025-01-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'late'), (r, p2, 'absent');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2025-03-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p2, 'present');
    INSERT INTO record_decision (record_id, memorandum_id, year, number, sort, text_en, text_az)
    VALUES (r, m, 2025, 1, 0, 'Renew the partnership ' || sfx, 'Tərəfdaşlığı yeniləmək ' || sfx);
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2025-04-03 15:00') RETURNING id INTO r;
    INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, status)
    VALUES (r, 0, 'Print posters', 'Afişa çap etmək', p2, 'dropped');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (board, '2025-08-03 15:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present');
    INSERT INTO record_decision (record_id, memorandum_id, year, number, sort, text_en, text_az)
    VALUES (r, m, 2025, 2, 0, 'Out of the period ' || sfx, 'Dövrdən kənar ' || sfx);
    -- the meeting before the period, held
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (early, '2024-08-31 23:30') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present');
    -- students
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (students, '2025-03-05 14:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present'), (r, p3, 'present');
    INSERT INTO record_guest VALUES (r, 0, 'Aynur Məmmədova');
    INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, status)
    VALUES (r, 0, 'Share the slides', 'Slaydları paylaşmaq', p3, 'done');
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (students, '2025-03-12 14:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present'), (r, p3, 'absent');
    -- the festival
    INSERT INTO meeting_record (series_id, recurrence_id) VALUES (ev1, '2025-05-15 00:00') RETURNING id INTO r;
    INSERT INTO record_attendance VALUES (r, p1, 'present'), (r, p2, 'present'), (r, p3, 'present');
    INSERT INTO record_guest VALUES (r, 0, 'Guest One'), (r, 1, 'Qonaq İki');
END
$fixture$;
