#!/usr/bin/env bash
# t92_terminate_meetings.sh - a terminated memorandum's meetings stop with it. "Terminated on" is its last day in
# force: every series that would go on past that day ends before it (COUNT or UNTIL, in its own zone), one that
# would only begin after it is cancelled, an occurrence moved past it is cancelled, RDATEs after it go; meetings
# already held stay as they were. Read back as a calendar app does: the feed through python's icalendar and
# recurring_ical_events, the stored rules, the audit log and the mail outbox. A series that ends before the day
# is not touched (its version, SEQUENCE and feed stay).
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
PY=/usr/bin/python3

as editor
post /memoranda/new title_en="Ending $sfx" title_az="Bitən $sfx" signed_on=2024-01-15 valid_until=2030-08-31 \
	status=signed party_rows=2 party_0_org=1 party_1_org=2
mid=$(location)
mid=${mid##*/}
check "a memorandum in force until 2030" test -n "$mid"
# an attendee with an address who wants every change (the seed's people have none)
pid=$(sql "INSERT INTO person (full_name_en, full_name_az, email) VALUES ('Attendee $sfx', 'İştirakçı $sfx',
           'attendee-$sfx@example.org') RETURNING id" | head -1)

# new_series NAME FIELD=VALUE...: a meeting of the memorandum made on its form; its id in the variable NAME
new_series() {
	local name=$1
	shift
	post "/memoranda/$mid/series/new" kind=meeting status=confirmed title_en="$name $sfx" title_az="$name az $sfx" \
		attendee_rows=1 attendee_0_person="$pid" action=confirm "$@"
	local loc
	loc=$(location)
	[ "$STATUS" = 303 ] || grep -o '<[a-z]* [^>]*class="[^"]*error[^"]*"[^>]*>[^<]*' "$OUT/body" | head -5 >&2
	printf -v "$name" '%s' "${loc##*/}"
}
# weekly on Mondays from 2027-01-04, never ending; the day after the end is Thursday 2027-04-01
new_series weekly tzid=Asia/Baku start_date=2027-01-04 start_time=10:00 end_time=11:00 repeat=weekly ends=never
# weekly on Tuesdays, 30 times from 2027-01-05: 13 of them on or before 2027-03-31
new_series counted tzid=Europe/Berlin start_date=2027-01-05 start_time=18:30 end_time=19:30 repeat=weekly ends=count count=30
# all-day, every Friday, never ending, from 2027-01-08
new_series allday tzid=Asia/Baku all_day=1 start_date=2027-01-08 end_date=2027-01-08 repeat=weekly ends=never
# a single event after the end
new_series later tzid=Asia/Baku start_date=2027-05-10 start_time=15:00 end_time=17:00 repeat=none
# a repeating one that begins after the end
new_series summer tzid=Asia/Baku start_date=2027-06-01 start_time=09:00 end_time=10:00 repeat=weekly ends=never
# weekly on Wednesdays at 17:00 in Los Angeles: 31 March there is already 1 April in Baku, where the memorandum's
# days are counted, so that one goes too
new_series pacific tzid=America/Los_Angeles start_date=2027-03-03 start_time=17:00 end_time=18:00 repeat=weekly ends=never
# one that is over before the end: three Wednesdays in January
new_series early tzid=Asia/Baku start_date=2027-01-06 start_time=12:00 end_time=13:00 repeat=weekly ends=count count=3
for s in weekly counted allday later summer early pacific; do
	check "series $s made on the form" test -n "${!s}" -a "${!s}" != new
done
# the weekly one's 22 March meeting moved past the end, its 12 April one into the term (24 March), its 29 March
# one to a new room; an extra date after the end
sql "INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, sequence)
     VALUES ($weekly, '2027-03-22 10:00', '2027-04-05 10:00', '2027-04-05 11:00', 1),
            ($weekly, '2027-04-12 10:00', '2027-03-24 14:00', '2027-03-24 15:00', 1),
            ($weekly, '2027-03-29 10:00', NULL, NULL, 1)" >/dev/null
# and its 26 April one retitled: an exception of a meeting past the end, which goes with the rule
sql "INSERT INTO series_override (series_id, recurrence_id, title_en, title_az, sequence)
     VALUES ($weekly, '2027-04-26 10:00', 'Special $sfx', 'Xüsusi $sfx', 1)" >/dev/null
sql "UPDATE series_override SET location = 'Room 5' WHERE series_id = $weekly AND recurrence_id = '2027-03-29 10:00'" >/dev/null
sql "UPDATE series SET rdates = ARRAY['2027-03-31 16:00', '2027-04-14 16:00']::timestamp[] WHERE id = $weekly" >/dev/null
early_before=$(sql "SELECT version || '|' || sequence FROM series WHERE id = $early")

as admin
feed_token_web "memorandum:$mid" en "Ending $sfx"
token=$TOKEN
check "a feed address of the memorandum" test -n "$token"

# starts FILE: every occurrence of the test's series recurring_ical_events gives between 2027 and 2029 that is not
# cancelled (timed ones in Baku's time, where the memorandum's days are counted), as
# "SUMMARY|local start" (all-day: the date), sorted
starts() {
	$PY - "$1" "$sfx" <<'EOF'
import re, sys, datetime, dateutil.tz, icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in recurring_ical_events.of(cal).between(datetime.date(2027, 1, 1), datetime.date(2029, 1, 1)):
    if str(ev.get('STATUS', '')).upper() == 'CANCELLED' or not re.match(r'(weekly|counted|allday|later|summer|early|pacific) %s$' % sys.argv[2], str(ev['SUMMARY'])):
        continue
    st = ev.decoded('DTSTART')
    if isinstance(st, datetime.datetime):
        st = st.astimezone(dateutil.tz.gettz('Asia/Baku')).strftime('%Y-%m-%d %H:%M')
    else:
        st = st.isoformat()
    out.append('%s|%s' % (ev['SUMMARY'], st))
print('\n'.join(sorted(out)))
EOF
}
fetch "$token"
check "the feed answers before" test "$STATUS" = 200
starts "$OUT/body" >"$OUT/before"
check "before: the weekly meeting goes on past the end (the extra date of 14 April, the moved 5 April), one moved in" \
	sh -c "grep -qx 'weekly $sfx|2027-04-14 16:00' '$OUT/before' && grep -qx 'weekly $sfx|2027-04-05 10:00' '$OUT/before' &&
	       grep -qx 'weekly $sfx|2027-03-24 14:00' '$OUT/before' &&
	       grep -qx 'weekly $sfx|2028-01-03 10:00' '$OUT/before'"

as editor
req GET "/memoranda/$mid/terminate"
expect "the termination form says what becomes of the meetings" 200 "Meetings after this day are called off"
mv_before=$(sql "SELECT version FROM memorandum WHERE id = $mid")
# the invitations the new series queued count as sent: what the termination queues is its own
sql "UPDATE mail_outbox SET state = 'sent', attempts = 1, sent_at = now() WHERE state = 'queued'
     AND series_id IN ($weekly, $counted, $allday, $later, $summer, $early)" >/dev/null
outbox_before=$(sql "SELECT coalesce(max(id), 0) FROM mail_outbox")
# a record prepared for a meeting after the end: the confirmation says what becomes of it
sql "INSERT INTO meeting_record (series_id, recurrence_id) VALUES ($weekly, '2027-04-19 10:00')" >/dev/null
post "/memoranda/$mid/terminate" terminated_on=2027-03-31 reason_en="Ended $sfx" reason_az="Bitdi $sfx" version="$mv_before"
expect "terminating first lists the meetings it calls off, to confirm (200)" 200 \
	"Meetings called off" "href=\"/series/$weekly\">weekly $sfx</a>" "href=\"/series/$later\">later $sfx</a> · cancelled" \
	'1 meeting record (agenda or minutes) belongs to a meeting called off' 'name="action" value="confirm"'
refute "… not the series over before the end" "href=\"/series/$early\""
same "… and nothing is changed yet" "$(sql "SELECT (terminated_on IS NULL)::text || version FROM memorandum WHERE id = $mid")" "true$mv_before"
post "/memoranda/$mid/terminate" terminated_on=2027-03-31 reason_en="Ended $sfx" reason_az="Bitdi $sfx" version="$mv_before" \
	action=confirm
check "terminated on 31 March 2027, confirmed (303)" test "$STATUS" = 303
same "… the redirect names what was done" "$(header Location | sed 's/.*done=//')" "memo_terminated_meetings"
req GET "$(header Location)"
expect "… and the memorandum's page says so" 200 "Its meetings after its last day in force were called off"

fetch "$token"
check "the feed answers after" test "$STATUS" = 200
starts "$OUT/body" >"$OUT/after"
check "no meeting of the memorandum starts after its last day in force (a calendar app's expansion)" \
	sh -c "! awk -F'|' '\$2 >= \"2027-04-01\"' '$OUT/after' | grep -q ."
same "every meeting on or before that day is as it was (the 22 March one had moved past it: gone)" \
	"$(awk -F'|' '$2 < "2027-04-01"' "$OUT/after")" \
	"$(awk -F'|' '$2 < "2027-04-01"' "$OUT/before" | grep -vx "weekly $sfx|2027-04-05 10:00")"
check "the weekly meeting's last one is 29 March, the extra date of 31 March 16:00 stays" \
	sh -c "grep -qx 'weekly $sfx|2027-03-29 10:00' '$OUT/after' && grep -qx 'weekly $sfx|2027-03-31 16:00' '$OUT/after'"
same "the counted one keeps its 13 Tuesdays up to 30 March" "$(grep -c "^counted $sfx|" "$OUT/after")" 13
same "the Los Angeles one ends with the last Wednesday before Baku's 1 April (24 March, 17:00 there; UNTIL the end of 30 March there)" \
	"$(grep "^pacific $sfx|" "$OUT/after" | tail -1)|$(sql "SELECT rrule FROM series WHERE id = $pacific")" \
	"pacific $sfx|2027-03-25 04:00|FREQ=WEEKLY;UNTIL=20270331T065959Z;BYDAY=WE"
check "the all-day one's last Friday is 26 March" sh -c "grep '^allday $sfx|' '$OUT/after' | tail -1 | grep -qx 'allday $sfx|2027-03-26'"
check "the early one keeps its three Wednesdays" test "$(grep -c "^early $sfx|" "$OUT/after")" = 3

same "the stored rules end with the day (UNTIL: its last second in the zone, in UTC; a COUNT stays a COUNT; a date for all-day)" \
	"$(sql "SELECT string_agg(rrule, ' ' ORDER BY id) FROM series WHERE id IN ($weekly, $counted, $allday)")" \
	"FREQ=WEEKLY;UNTIL=20270331T195959Z;BYDAY=MO FREQ=WEEKLY;COUNT=13;BYDAY=TU FREQ=WEEKLY;UNTIL=20270331;BYDAY=FR"
same "the extra date after the end is gone, the one before it stays; the start of the meeting moved into the term is kept as one" \
	"$(sql "SELECT rdates::text FROM series WHERE id = $weekly")" '{"2027-03-31 16:00:00","2027-04-12 10:00:00"}'
check "the meeting moved into the term from after it (12 April to 24 March) stays, in the feed" \
	grep -qx "weekly $sfx|2027-03-24 14:00" "$OUT/after"
same "… and as its override, not cancelled" \
	"$(sql "SELECT cancelled::text || start_local::text FROM series_override WHERE series_id = $weekly AND recurrence_id = '2027-04-12 10:00'")" \
	"false2027-03-24 14:00:00"
same "the single event and the series that would begin after the end are cancelled" \
	"$(sql "SELECT string_agg(status, ' ' ORDER BY id) FROM series WHERE id IN ($later, $summer)")" "cancelled cancelled"
same "the exception of a meeting past the end goes with it (the series page has no stray exception)" \
	"$(sql "SELECT count(*) FROM series_override WHERE series_id = $weekly AND recurrence_id = '2027-04-26 10:00'")" 0
same "the occurrence moved past the end is cancelled" \
	"$(sql "SELECT cancelled FROM series_override WHERE series_id = $weekly AND recurrence_id = '2027-03-22 10:00'")" t
same "the series over before the end is not touched (version, SEQUENCE)" \
	"$(sql "SELECT version || '|' || sequence FROM series WHERE id = $early")" "$early_before"
$PY - "$OUT/body" "$sfx" >"$OUT/cancelled" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    if str(ev['SUMMARY']).endswith(sys.argv[2]) and 'RECURRENCE-ID' not in ev:
        print('%s|%s|%s' % (ev['SUMMARY'], ev.get('STATUS', ''), ev.get('SEQUENCE', 0)))
EOF
check "the feed carries the cancelled ones as STATUS:CANCELLED with a higher SEQUENCE" \
	sh -c "grep -q '^later $sfx|CANCELLED|[1-9]' '$OUT/cancelled' && grep -q '^summer $sfx|CANCELLED|[1-9]' '$OUT/cancelled'"
same "each changed series has an audit row of its own, by the editor" \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND entity_id IN ($weekly, $counted, $allday, $later, $summer, $pacific)
	        AND action = 'update' AND label LIKE '%memorandum was terminated%' AND user_login = 'editor'")" 6
# mail_sent METHOD SERIES: the messages queued since the termination of that method for the series
mail_sent() { sql "SELECT count(*) FROM mail_outbox WHERE id > $outbox_before AND method = '$1' AND series_id = $2 AND recurrence_id IS NULL"; }
check "the attendee is told: a CANCEL for each cancelled series" test "$(mail_sent CANCEL "$later")" = 1 -a "$(mail_sent CANCEL "$summer")" = 1
check "… an update (REQUEST) for each series that ends" \
	test "$(mail_sent REQUEST "$weekly")" = 1 -a "$(mail_sent REQUEST "$counted")" = 1 -a "$(mail_sent REQUEST "$allday")" = 1
same "… a CANCEL of the moved occurrence alone, and nothing for the series over before the end" "$(sql "SELECT count(*) FROM mail_outbox WHERE id > $outbox_before AND recurrence_id IS NOT NULL")|$(sql "SELECT count(*) FROM mail_outbox WHERE id > $outbox_before AND series_id = $early")" "1|0"

# the memorandum's agenda after the end is empty
req GET "/agenda?from=2027-04-01&memorandum=$mid"
check "the agenda from the day after lists none of its meetings but as cancelled" \
	sh -c "grep -q 'data-series=\"$later\"' '$OUT/body' && ! grep -o '<li class=\"[a-z]*\" data-series=\"[0-9]*\"' '$OUT/body' | grep -v 'class=\"cancelled\"' | grep -q ."

# the memorandum's report: it says when it was terminated, and its timeline ends there (no expiry after it)
req GET "/memoranda/$mid/report?from=2027-01-01&to=2027-12-31"
expect "the report names the termination among its facts" 200 "<dt>Terminated on</dt>" '<time datetime="2027-03-31">'
/usr/bin/python3 "$(dirname "$0")/t89_check.py" svg "$OUT/body" >"$OUT/marks" 2>&1
check "… and its timeline marks the termination, with no expiry after it" \
	sh -c "grep -q '^terminated 2027-03-31 ' '$OUT/marks' && ! grep -q '^expiry ' '$OUT/marks'"

# the moved-room occurrence of 29 March shows the series' description and attendees too: its LAST-MODIFIED is
# not older than the series' own, now that the series changed after it
fetch "$token"
$PY - "$OUT/body" "weekly $sfx" >"$OUT/modified" <<'EOF2'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
master = over = None
for ev in cal.walk('VEVENT'):
    if str(ev['SUMMARY']) != sys.argv[2]:
        continue
    if 'RECURRENCE-ID' in ev:
        over = ev.decoded('LAST-MODIFIED')
    else:
        master = ev.decoded('LAST-MODIFIED')
print('ok' if master and over and over >= master else 'master %s override %s' % (master, over))
EOF2
same "an occurrence's own VEVENT is modified when its series last was" "$(cat "$OUT/modified")" ok

# ---- the end holds: no form brings a meeting back past it ----
as editor
new_series revived tzid=Asia/Baku start_date=2027-05-03 start_time=10:00 end_time=11:00 repeat=none
expect "a new meeting after the terminated memorandum's last day is refused at its date (422)" 422 \
	'id="start_date-error">The memorandum was terminated: its meetings end with its last day in force.'
new_series revived tzid=Asia/Baku start_date=2027-03-01 start_time=10:00 end_time=11:00 repeat=weekly ends=never
expect "… so is one that starts before it and repeats without end, at the repeat's end" 422 'id="ends-error">'
post "/memoranda/$mid/series/new" kind=meeting status=confirmed title_en="revived $sfx" title_az="revived az $sfx" \
	tzid=Asia/Baku start_date=2027-03-01 start_time=10:00 end_time=11:00 repeat=weekly ends=until until=2027-03-31 \
	attendee_rows=0 action=confirm
check "… one that ends by then is taken (303)" test "$STATUS" = 303
# the editor's own language for one request, then theirs again (later tests read the editor's pages in it)
was=$(sql "SELECT coalesce(lang, '') FROM staff_user WHERE login = 'editor'")
sql "UPDATE staff_user SET lang = 'az' WHERE login = 'editor'" >/dev/null
req POST "/memoranda/$mid/series/new" --data-urlencode "csrf=$(csrf)" \
	--data-urlencode kind=meeting --data-urlencode status=confirmed --data-urlencode "title_en=late $sfx" \
	--data-urlencode "title_az=gec $sfx" --data-urlencode tzid=Asia/Baku --data-urlencode start_date=2027-06-01 \
	--data-urlencode start_time=10:00 --data-urlencode end_time=11:00 --data-urlencode repeat=none \
	--data-urlencode attendee_rows=0 --data-urlencode action=confirm
expect "… said in Azerbaijani to a reader in Azerbaijani" 422 'id="start_date-error">Memoranduma xitam verilib'
sql "UPDATE staff_user SET lang = NULLIF('$was', '') WHERE login = 'editor'" >/dev/null
# the occurrence form: moving one of the counted series' meetings past the end is refused, within it taken
occ_path="/series/$counted/occurrences/20270309T183000"
post "$occ_path/edit" start_date=2027-04-06 start_time=18:30 end_time=19:30 title_en="counted $sfx" \
	title_az="counted az $sfx" version="$(sql "SELECT version FROM series WHERE id = $counted")" action=confirm
expect "moving one meeting past the end is refused at its date (422)" 422 "The memorandum was terminated: its meetings end"
post "$occ_path/edit" start_date=2027-03-10 start_time=18:30 end_time=19:30 title_en="counted $sfx" \
	title_az="counted az $sfx" version="$(sql "SELECT version FROM series WHERE id = $counted")" action=confirm
check "… a move within the term is taken (303)" test "$STATUS" = 303
# the meeting the termination kept because it had moved into the term (12 April, now 24 March) does not go back
post "/series/$weekly/occurrences/20270412T100000/edit" start_date=2027-04-12 start_time=10:00 end_time=11:00 \
	title_en="weekly $sfx" title_az="weekly az $sfx" version="$(sql "SELECT version FROM series WHERE id = $weekly")" \
	action=confirm
expect "a meeting kept in the term is not moved back to its own slot past the end (422)" 422 \
	"The memorandum was terminated: its meetings end"
# nor does one the termination called off come back by Restore (22 March, moved to 5 April)
post "/series/$weekly/occurrences/20270322T100000/restore" version="$(sql "SELECT version FROM series WHERE id = $weekly")"
expect "a meeting called off by the termination cannot be restored (422)" 422 "the termination called it off"
same "… it stays cancelled" \
	"$(sql "SELECT cancelled FROM series_override WHERE series_id = $weekly AND recurrence_id = '2027-03-22 10:00'")" t
# the whole series form, as a browser sends it (larger than the stack's limits: a memocal-web of the test's own)
check "a memocal-web with room for whole forms answers" own_web t92 "max_body = 200000" "max_fields = 1200" \
	"max_field_len = 20000"
trip() { $PY "$(dirname "$0")/form_trip.py" "fcgi:127.0.0.1:$OWN_PORT" "$1" "$PASSWORD" "${@:2}"; }
got=$(trip editor "/series/$weekly/edit" ends=never action=confirm)
check "the series form cannot take an ended series back to no end (422)" sh -c "echo '$got' | grep -q ' 422 '"
got=$(FORM_TRIP_BODY="$OUT/trip.html" trip editor "/series/$weekly/edit" "description_en=After the end $sfx" action=confirm)
check "… while any other change to it is saved (303)" sh -c "echo '$got' | grep -q ' 303 ' || { echo '$got'; false; }"
kill "$OWN_PID" 2>/dev/null
wait "$OWN_PID" 2>/dev/null
same "the ended rule is as the termination left it" "$(sql "SELECT rrule FROM series WHERE id = $weekly")" \
	"FREQ=WEEKLY;UNTIL=20270331T195959Z;BYDAY=MO"

# ---- nor does an .ics file: an event past the end refuses the whole file, one within it is imported ----
as editor
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t92//EN\r\nBEGIN:VEVENT\r\nUID:t92-in-%s@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Asia/Baku:20270315T100000\r\nDTEND;TZID=Asia/Baku:20270315T110000\r\nSUMMARY:Within %s\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:t92-out-%s@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Asia/Baku:20270301T100000\r\nDTEND;TZID=Asia/Baku:20270301T110000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Beyond %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
	"$sfx" "$sfx" "$sfx" "$sfx" >"$OUT/beyond.ics"
req POST "/memoranda/$mid/import" -F "csrf=$(csrf)" -F "file=@$OUT/beyond.ics;type=text/calendar"
expect "an imported weekly event with no end is refused at its line (422)" 422 \
	"Line 11: this event has meetings after the memorandum&#39;s last day in force"
same "… and nothing of the file was imported" "$(sql "SELECT count(*) FROM series WHERE uid LIKE 't92-%-$sfx@test'")" 0
