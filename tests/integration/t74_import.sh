#!/usr/bin/env bash
# t74_import.sh - an .ics file imported into a memorandum: series with rule, EXDATE, RDATE, overrides and attendees
# (checked in the database and on the agenda), the same file again updates instead of duplicating, invalid files
# name their line in both languages and store nothing, roles, the upload limits of memocal and nginx, bad multipart.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
FIX=$SRC/tests/integration/fixtures/ics
utc() { date -u -d "$1" +%s; } # "YYYY-MM-DD HH:MM" (UTC) -> seconds
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
# upload PATH FILE [curl args...]: the import form as a browser sends it (CSRF token first, then the file)
upload() {
	local path=$1 file=$2
	shift 2
	req POST "$path" -F "csrf=$(csrf)" -F "file=@$file;type=text/calendar" "$@"
}
t74() { sql "SELECT count(*) FROM series WHERE uid LIKE 't74-%'"; }
parts() { # rows of the board series: overrides/attendees
	sql "SELECT (SELECT count(*) FROM series_override o JOIN series s ON s.id = o.series_id WHERE s.uid = 't74-board-weekly@memocal.test')
	 || '/' || (SELECT count(*) FROM attendee t JOIN series s ON s.id = t.series_id WHERE s.uid = 't74-board-weekly@memocal.test')"
}

# a seed person with the address the file names (in other letter case: matching ignores case)
irada=$(sql "SELECT id FROM person WHERE full_name_en = 'Irada Khalilova'")
irada_email=$(sql "SELECT coalesce(email, '') FROM person WHERE id = $irada")
sql "UPDATE person SET email = 'irada.khalilova@T74.example' WHERE id = $irada" >/dev/null
check "a seed person has the e-mail address the file's attendee uses" test -n "$irada"

as editor
post /language lang=en back=/memoranda # other tests may have left this account in Azerbaijani
# a memorandum of this test's own, so what it stores does not mix with memorandum 1's meetings
sfx=$(date +%s%N | tail -c 7)
post /memoranda/new title_en="Import test $sfx" title_az="İdxal sınağı $sfx" signed_on=2025-01-01 status=active \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M##*/}
check "a memorandum for this test is created" test "$STATUS" = 303 -a -n "$M"

# ---- the form and who may use it ----
req GET "/memoranda/$M"
expect "an editor sees the import link on the memorandum page" 200 "href=\"/memoranda/$M/import\"" "Import an .ics file"
req GET "/memoranda/$M/import"
expect "the import form is a multipart upload with a file input" 200 'enctype="multipart/form-data"' 'type="file"' \
	'name="file"' 'accept=".ics,text/calendar"'
check "the CSRF field comes before the file input" \
	bash -c "tr -d '\n' <'$OUT/body' | grep -q 'name=\"csrf\".*name=\"file\"'"
req GET /memoranda/999999/import
expect "the import form of an unknown memorandum is a 404" 404 "There is no memorandum with this number."

as viewer
req GET "/memoranda/$M"
refute "a viewer sees no import link" "/memoranda/$M/import"
req GET "/memoranda/$M/import"
expect "a viewer may not open the import form" 403
upload "/memoranda/$M/import" "$FIX/good.ics"
expect "a viewer's upload is refused" 403
same "a viewer's upload stored nothing" "$(t74)" 0

# ---- a good file ----
as editor
upload "/memoranda/$M/import" "$FIX/good.ics"
expect "a good file is imported: the result lists both series as created" 200 "Import finished" \
	"From good.ics: 2 created, 0 updated, 0 unchanged." "Import test: weekly board meeting" \
	"Import test: heritage festival" 't74-board-weekly@memocal.test' 'data-outcome="created"'
board=$(sql "SELECT id FROM series WHERE uid = 't74-board-weekly@memocal.test'")
fest=$(sql "SELECT id FROM series WHERE uid = 't74-festival@memocal.test'")
check "the result links to each new series" grep -q "href=\"/series/$board\"" "$OUT/body"
same "both series belong to the memorandum" "$(sql "SELECT count(*) FROM series WHERE uid LIKE 't74-%' AND memorandum_id = $M")" 2
same "the weekly series: zone, times, rule, EXDATE and RDATE (Berlin 12:00 is 15:00 in Baku)" \
	"$(sql "SELECT tzid, all_day, start_local, end_local, rrule, exdates, rdates, status, kind FROM series WHERE id = $board")" \
	'Asia/Baku|f|2031-01-06 10:00:00|2031-01-06 11:30:00|FREQ=WEEKLY;BYDAY=MO;COUNT=8|{"2031-01-20 10:00:00"}|{"2031-01-22 15:00:00"}|confirmed|meeting'
same "titles per LANGUAGE, description unescaped, location, URL" \
	"$(sql "SELECT title_en || '|' || title_az || '|' || replace(description_en, E'\n', '/') || '|' || location || '|' || location_url FROM series WHERE id = $board")" \
	'Import test: weekly board meeting|İdxal sınağı: həftəlik idarə heyəti iclası|Agenda: projects, students/and the PICASP follow-up|Khazar University, room 104|https://example.org/board'
same "the RECURRENCE-ID overrides: one moved and retitled, one cancelled" \
	"$(sql "SELECT string_agg(concat_ws(',', recurrence_id, cancelled, start_local, end_local, title_en, title_az, location), ' ; ' ORDER BY recurrence_id) FROM series_override WHERE series_id = $board")" \
	'2031-01-27 10:00:00,f,2031-01-28 15:00:00,2031-01-28 16:30:00,Import test: board meeting (moved),Import test: board meeting (moved),MIRAS office ; 2031-02-03 10:00:00,t'
same "attendees: the seed person matched by e-mail, the unknown address and the CUTYPE=GROUP as groups" \
	"$(sql "SELECT string_agg(concat_ws(',', coalesce(person_id::text, '-'), group_en, role, partstat), ' ; ' ORDER BY sort) FROM attendee WHERE series_id = $board")" \
	"$irada,chair,accepted ; -,Guest: Nobody Known,optional,needs-action ; -,Students of the PICASP project,required,needs-action"
same "the all-day event spans three days (end exclusive)" \
	"$(sql "SELECT all_day, start_local, end_local, title_en = title_az FROM series WHERE id = $fest")" \
	't|2031-03-10 00:00:00|2031-03-13 00:00:00|t'
same "one audit row per created series" \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND action = 'create' AND entity_id IN ($board, $fest)")" 2

# the agenda: EXDATE gone, RDATE added, the moved one at its new time, the cancelled one marked
req GET "/agenda?memorandum=$M&from=2031-01-05&days=70"
got=$(grep -o "data-series=\"$board\" data-start-utc=\"[0-9]*\"" "$OUT/body" | sed 's/.*="\([0-9]*\)"/\1/' | paste -sd' ')
want="$(utc '2031-01-06 06:00') $(utc '2031-01-13 06:00') $(utc '2031-01-22 11:00') $(utc '2031-01-28 11:00') $(utc '2031-02-03 06:00') $(utc '2031-02-10 06:00') $(utc '2031-02-17 06:00') $(utc '2031-02-24 06:00')"
same "the agenda shows the weekly meetings without the EXDATE, with the RDATE and the moved one" "$got" "$want"
check "the cancelled occurrence is marked on the agenda" \
	bash -c "grep -q 'class=\"cancelled\" data-series=\"$board\" data-start-utc=\"$(utc '2031-02-03 06:00')\"' '$OUT/body'"
expect "the moved occurrence shows its new title and the all-day event is on the agenda" 200 \
	"Import test: board meeting (moved)" "data-series=\"$fest\""
req GET "/memoranda/$M"
expect "the memorandum page lists the imported series" 200 "href=\"/series/$board\"" "href=\"/series/$fest\""

# ---- the same file again: updated in place, never duplicated ----
ids_before=$(sql "SELECT string_agg(id::text, ',' ORDER BY id) FROM series WHERE uid LIKE 't74-%'")
seq_before=$(sql "SELECT sequence FROM series WHERE id = $board")
audit_before=$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND entity_id = $board")
versions() { sql "SELECT (SELECT string_agg(version::text, ',' ORDER BY id) FROM series WHERE uid LIKE 't74-%') || '/' || (SELECT version FROM feed_version WHERE scope_kind = 'memorandum' AND scope_id = $M)"; }
versions_before=$(versions)
upload "/memoranda/$M/import" "$FIX/good.ics"
expect "importing the same file again reports both series unchanged" 200 "From good.ics: 0 created, 0 updated, 2 unchanged."
same "no series was added: the same rows by UID" "$(sql "SELECT string_agg(id::text, ',' ORDER BY id) FROM series WHERE uid LIKE 't74-%'")" "$ids_before"
same "overrides and attendees were replaced, not added to" "$(parts)" "2/3"
same "an unchanged series keeps its SEQUENCE and gets no audit row" \
	"$(sql "SELECT sequence FROM series WHERE id = $board")/$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND entity_id = $board")" \
	"$seq_before/$audit_before"
same "and keeps its version, and the memorandum's feed its version: nothing to fetch again" "$(versions)" "$versions_before"

# only one attendee's participation changes: that is an update, logged
sed 's/ROLE=CHAIR;PARTSTAT=ACCEPTED/ROLE=CHAIR;PARTSTAT=DECLINED/' "$FIX/good.ics" >"$OUT/declined.ics"
upload "/memoranda/$M/import" "$OUT/declined.ics"
expect "a file where only a PARTSTAT changed updates that series" 200 "From declined.ics: 0 created, 1 updated, 1 unchanged."
same "the audit row names the participation, before and after" \
	"$(sql "SELECT changes->'attendees'->0->>0 LIKE '%(chair, accepted)' AND changes->'attendees'->1->>0 LIKE '%(chair, declined)' FROM audit_log WHERE entity = 'series' AND entity_id = $board ORDER BY id DESC LIMIT 1")" t
upload "/memoranda/$M/import" "$FIX/good.ics"
expect "and the first file again puts it back" 200 "From good.ics: 0 created, 1 updated, 1 unchanged."
audit_before=$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND entity_id = $board")

# a changed file (the meeting ends at 12:00, one override fewer): updated, SEQUENCE up, the override gone
python3 - "$FIX/good.ics" "$OUT/changed.ics" <<'PY'
import sys
text = open(sys.argv[1], newline='').read().replace('DTEND;TZID=Asia/Baku:20310106T113000', 'DTEND;TZID=Asia/Baku:20310106T120000')
blocks = text.split('BEGIN:VEVENT\r\n')
blocks = [b for b in blocks if 'RECURRENCE-ID;TZID=Asia/Baku:20310203T100000' not in b]
open(sys.argv[2], 'w', newline='').write('BEGIN:VEVENT\r\n'.join(blocks))
PY
upload "/memoranda/$M/import" "$OUT/changed.ics"
expect "a changed file updates its series" 200 "From changed.ics: 0 created, 1 updated, 1 unchanged." 'data-outcome="updated"'
same "the update moved the end and raised SEQUENCE; still two series" \
	"$(sql "SELECT end_local, sequence > $seq_before FROM series WHERE id = $board")/$(t74)" "2031-01-06 12:00:00|t/2"
same "the override the file no longer has is gone" \
	"$(sql "SELECT string_agg(recurrence_id::text, ',') FROM series_override WHERE series_id = $board")" "2031-01-27 10:00:00"
same "the update has an audit row" \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'series' AND entity_id = $board")" "$((audit_before + 1))"

# ---- invalid files: 422, the line named, nothing stored ----
before=$(sql "SELECT count(*) FROM series")
upload "/memoranda/$M/import" "$FIX/bad_rrule.ics"
expect "a bad RRULE is a 422 naming line 8" 422 "Line 8: the recurrence rule (RRULE) is not valid." "XX" \
	"Nothing from this file was stored."
upload "/memoranda/$M/import" "$FIX/no_colon.ics"
expect "a line without a colon is a 422 naming line 7 (LF line ends)" 422 \
	"Line 7: the line has no colon (:) between the name and the value." "this line has no colon at all"
upload "/memoranda/$M/import" "$FIX/no_uid.ics"
expect "an event without UID is a 422 naming the line where it begins" 422 "Line 9: the event that begins here has no UID"
same "invalid files stored nothing, not even their good events" \
	"$(sql "SELECT count(*) FROM series")/$(sql "SELECT count(*) FROM series WHERE uid = 't74-first-ok@memocal.test'")" "$before/0"
post /language lang=az back=/memoranda
upload "/memoranda/$M/import" "$FIX/no_colon.ics"
expect "the message is in the user's language" 422 "Sətir 7: sətirdə ad ilə dəyər arasında iki nöqtə (:) yoxdur." \
	"Bu fayldan heç nə saxlanılmadı."
post /language lang=en back=/memoranda
# what a meeting may be: FREQ=SECONDLY, and more occurrences a day than the limit, refused naming the UID and line
rule_event() { # rule_event RRULE: an otherwise good event with that rule
	printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:t74-flood@memocal.test\r\nDTSTART;TZID=Asia/Baku:20310106T100000\r\n'
	printf 'DTEND;TZID=Asia/Baku:20310106T100100\r\nSUMMARY:Flood\r\nRRULE:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$1"
}
rule_event 'FREQ=SECONDLY;COUNT=10' >"$OUT/secondly.ics"
upload "/memoranda/$M/import" "$OUT/secondly.ics"
expect "FREQ=SECONDLY is refused, naming the line and the event's UID" 422 \
	"Line 7: the event t74-flood@memocal.test repeats every second (FREQ=SECONDLY), which memocal does not keep."
rule_event 'FREQ=MINUTELY;COUNT=100' >"$OUT/flood.ics"
upload "/memoranda/$M/import" "$OUT/flood.ics"
expect "a rule with more than 48 occurrences a day is refused, naming the line, the UID and the limit" 422 \
	"Line 7: the event t74-flood@memocal.test can repeat more than 48 times in one day, more than memocal keeps."
rule_event 'FREQ=HOURLY;INTERVAL=1;BYMINUTE=0,30' >"$OUT/flood_year.ics"
upload "/memoranda/$M/import" "$OUT/flood_year.ics"
expect "… and more than 8784 a year too" 422 "can repeat more than 8784 times in one year"
post /language lang=az back=/memoranda
upload "/memoranda/$M/import" "$OUT/secondly.ics"
expect "… in Azerbaijani too" 422 "Sətir 7: t74-flood@memocal.test tədbiri hər saniyə təkrarlanır (FREQ=SECONDLY)"
post /language lang=en back=/memoranda
same "the refused rules stored nothing" "$(sql "SELECT count(*) FROM series WHERE uid = 't74-flood@memocal.test'")" 0
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:t74-x@memocal.test\r\nDTSTART:20311301T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$OUT/bad_time.ics"
upload "/memoranda/$M/import" "$OUT/bad_time.ics"
expect "a bad DTSTART value names line 4" 422 "Line 4: this is not a valid date or time."
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:t74-x@memocal.test\r\nEND:VTODO\r\nEND:VCALENDAR\r\n' >"$OUT/mismatch.ics"
upload "/memoranda/$M/import" "$OUT/mismatch.ics"
expect "BEGIN/END mismatch names the END line and the open BEGIN" 422 "Line 4: this END does not close" "BEGIN:VEVENT of line 2"
: >"$OUT/empty.ics"
upload "/memoranda/$M/import" "$OUT/empty.ics"
expect "an empty file is a 422" 422 "The file holds no calendar"
req POST "/memoranda/$M/import" -F "csrf=$(csrf)"
expect "a form without a file asks for one" 422 "Choose an .ics file to import."
same "the refused uploads stored nothing" "$(sql "SELECT count(*) FROM series")" "$before"

# a UID that lives in another memorandum is refused, naming it, with nothing stored
upload /memoranda/1/import "$FIX/good.ics"
expect "a UID of another memorandum is a 422 naming the line and that memorandum" 422 \
	"Line 4: an event with this UID already belongs to another memorandum." "href=\"/memoranda/$M\"" "Import test $sfx"
same "the refused file changed nothing" "$(sql "SELECT count(*) FROM series WHERE uid LIKE 't74-%' AND memorandum_id = 1")/$(t74)" "0/2"

# ---- limits: memocal's max_body (4096 in the tests), nginx's client_max_body_size (2m) ----
upload "/memoranda/$M/import" "$FIX/huge.ics"
expect "a file over memocal's limit is a 413 with a clear page" 413 "The file is larger than this server accepts."
head -c 3000000 /dev/zero | tr '\0' 'x' >"$OUT/giant.ics"
upload "/memoranda/$M/import" "$OUT/giant.ics"
check "a file over nginx's limit is a 413 from nginx" test "$STATUS" = 413
same "files over the limits stored nothing" "$(sql "SELECT count(*) FROM series WHERE uid LIKE 't74-huge-%'")" 0

# ---- multipart bodies that are not well formed: 400 or 413 before any handler ----
req POST "/memoranda/$M/import" -H 'Content-Type: multipart/form-data' --data-binary 'x'
expect "a multipart body without a boundary is a 400" 400 "no usable boundary"
req POST "/memoranda/$M/import" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
	--data-binary $'--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n'
expect "a multipart body without its final boundary is a 400" 400 "The upload is malformed"
req POST "/memoranda/$M/import" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
	--data-binary $'--XyZ\r\nContent-Disposition form-data\r\n\r\nx\r\n--XyZ--\r\n'
expect "a part header without a colon is a 400" 400 "malformed part header"
req POST "/memoranda/$M/import" -F "csrf=$(csrf)" -F "file=@$FIX/bad_rrule.ics" -F "file=@$FIX/no_uid.ics"
expect "two files in one form are a 413" 413 "more files than this server accepts"
req POST "/memoranda/$M/import" -F "file=@$FIX/good.ics"
expect "a multipart POST without the CSRF token is a 403" 403 "did not come from memocal"

# leave the database as it was for the tests after this one
sql "DELETE FROM series WHERE uid LIKE 't74-%'" >/dev/null
sql "UPDATE person SET email = nullif('$irada_email', '') WHERE id = $irada" >/dev/null
