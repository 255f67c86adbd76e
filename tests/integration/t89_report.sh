#!/usr/bin/env bash
# t89_report.sh - the activity report (issue 16, item 4): on a memorandum with a known history (t89_fixture.sql:
# held, missed, cancelled and moved occurrences, one moved out of the period, records with and without
# attendance, students as a group, joint events, decisions and actions in and out of the period) the numbers,
# the timeline's SVG (parsed as XML, one mark per event, dates right), the CSV (python's csv module, CRLF, UTF-8
# with the Azerbaijani letters), the PDF (pdftotext), a bad period (400, named, kept), the default period, the
# organisation's report, roles, and the renewal recommendation: refused input kept, saved, issued and kept as
# it was when the records change later.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
CHECK="/usr/bin/python3 $SRC/tests/integration/t89_check.py"
sfx=$(date +%s%N | tail -c 7)
# on stdin: psql runs as postgres, which cannot read a checkout below a private folder (/root)
stack_psql -v sfx="$sfx" <"$SRC/tests/integration/t89_fixture.sql" >/dev/null
M=$(sql "SELECT id FROM memorandum WHERE title_en = 'Report fixture $sfx'")
O=$(sql "SELECT id FROM organisation WHERE slug = 't89-uni-$sfx'")
check "the fixture is loaded (memorandum $M, organisation $O)" test -n "$M" -a -n "$O"
P="from=2024-09-01&to=2025-08-31"
R=/memoranda/$M/report

# ---- the numbers ----
as viewer
post /language lang=en back=/agenda
req GET "$R?$P"
expect "a viewer opens the memorandum's report for a period" 200 "Activity report" "Report fixture $sfx" \
	'<time datetime="2024-09-01">1 September 2024</time>' "Baku time"
cp "$OUT/body" "$OUT/report-en.html"
WANT="meetings_promised=14
meetings_held=6
meetings_missed=8
meetings_coming=0
meetings_cancelled=2
meetings_moved=1
events_promised=2
events_held=1
event_participants=5
student_meetings=3
student_meetings_held=2
student_meeting_attendance=4
decisions=3
actions_opened=4
actions_done=2
actions_dropped=1
actions_open=1"
same "the numbers: promised, held (attendance recorded), missed, cancelled, moved (one moved out of the period not counted), events and participants, students, decisions, actions" \
	"$($CHECK numbers "$OUT/report-en.html")" "$WANT"
expect "… the decisions of the period listed, not the one moved out" 200 "2024/1" "2024/2" "2025/1" "Renew the partnership $sfx"
refute "… nor a meeting before the period" "Out of the period $sfx" "Early $sfx"
expect "… meetings and students listed with their states and the group" 200 "Students of PICASP $sfx" \
	'<tr class="occ-missed"><td><time datetime="2025-08-31">' "(moved)" "3 people invited"

# ---- the timeline ----
WANT_SVG="signed 2024-05-01
held 2024-09-03
held 2024-10-03
missed 2024-12-03
held 2025-01-06
missed 2025-02-03
held 2025-03-03
held 2025-03-05
held 2025-03-12
missed 2025-03-26
missed 2025-04-03
event 2025-05-15
missed 2025-05-03
missed 2025-06-03
event 2025-06-20
missed 2025-07-03
missed 2025-08-31
expiry 2027-04-30"
if $CHECK svg "$OUT/report-en.html" >"$OUT/marks" 2>"$OUT/marks.err"; then
	pass "the timeline is valid XML (xml.etree) with a title and a description, its marks in date order, the table beside it listing the same"
else
	fail "the timeline is valid XML (xml.etree) with a title and a description, its marks in date order, the table beside it listing the same" "$(cat "$OUT/marks.err")"
fi
same "… one mark per event, each on its date: signing, meetings held (the moved one where it was held) and missed, joint events, expiry" \
	"$(cut -d' ' -f1,2 "$OUT/marks" | sort -k2,2 -s)" "$(sort -k2,2 -s <<<"$WANT_SVG")"
same "… 18 marks" "$(wc -l <"$OUT/marks")" 18
check "… no script and no inline style in the picture" bash -c "! sed -n '/<svg/,/<\/svg>/p' '$OUT/report-en.html' | grep -qiE '<script|style=|on[a-z]+='"

# ---- CSV ----
req GET "$R/csv?$P"
check "the CSV answers as text/csv in UTF-8, as an attachment" bash -c "[ $STATUS = 200 ] &&
	grep -qi '^Content-Type: text/csv; charset=utf-8' '$OUT/headers' &&
	grep -qi '^Content-Disposition: attachment; filename=\"activity-$M-2024-09-01-2025-08-31.csv\"' '$OUT/headers'"
cp "$OUT/body" "$OUT/report.csv"
if $CHECK csv "$OUT/report.csv" >"$OUT/csv.rows" 2>"$OUT/csv.err"; then
	pass "python's csv module reads it back: RFC 4180 (CRLF after every record), no BOM, seven fields a row"
else
	fail "python's csv module reads it back: RFC 4180 (CRLF after every record), no BOM, seven fields a row" "$(cat "$OUT/csv.err")"
fi
same "… its numbers are the page's" "$(cut -d'|' -f5,7 "$OUT/csv.rows" | tr '|' '=')" "$WANT"
same "… each row names the memorandum and the period" "$(cut -d'|' -f1-4 "$OUT/csv.rows" | sort -u)" \
	"$M|Report fixture $sfx|2024-09-01|2025-08-31"

# ---- PDF ----
req GET "$R/pdf?$P"
check "the report downloads as a PDF" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: application/pdf' '$OUT/headers' && head -c 5 '$OUT/body' | grep -q '%PDF-'"
pdftotext -enc UTF-8 "$OUT/body" "$OUT/report-en.txt"
check "pdftotext reads its numbers, its timeline's list and its decisions" bash -c "grep -q 'Meetings held' '$OUT/report-en.txt' &&
	grep -q 'Report fixture $sfx' '$OUT/report-en.txt' && grep -q 'Renew the partnership $sfx' '$OUT/report-en.txt' &&
	grep -q 'The timeline.s events' '$OUT/report-en.txt'"
# the lanes' names are written only inside the SVG: the picture is drawn in the PDF, as text
check "… and its timeline, drawn (the lanes' names read back from the picture)" grep -q 'Signing, amendments and expiry' "$OUT/report-en.txt"

# ---- in Azerbaijani ----
post /language lang=az back=/agenda
req GET "$R?$P"
expect "the report in Azerbaijani" 200 "Fəaliyyət hesabatı" "Keçirilən görüşlər" "Hesabat nümunəsi $sfx: Xəzər, ğ ı ş ç ö ü" \
	'<time datetime="2024-09-01">1 sentyabr 2024</time>'
cp "$OUT/body" "$OUT/report-az.html"
same "… the same numbers" "$($CHECK numbers "$OUT/report-az.html")" "$WANT"
check "… and the same timeline" bash -c "$CHECK svg '$OUT/report-az.html' | diff - '$OUT/marks'"
req GET "$R/csv?$P"
$CHECK csv "$OUT/body" >"$OUT/csv-az.rows" 2>&1
check "the CSV in Azerbaijani keeps the letters intact (ə ğ ı ş ç ö ü), in the memorandum's title and the labels" \
	grep -qF "$M|Hesabat nümunəsi $sfx: Xəzər, ğ ı ş ç ö ü|2024-09-01|2025-08-31|meetings_held|Keçirilən görüşlər|6" "$OUT/csv-az.rows"
req GET "$R/pdf?$P"
pdftotext -enc UTF-8 "$OUT/body" "$OUT/report-az.txt"
check "the PDF in Azerbaijani: pdftotext reads the letters back as text" bash -c "grep -q 'Keçirilən görüşlər' '$OUT/report-az.txt' &&
	grep -q 'Hesabat nümunəsi $sfx: Xəzər, ğ ı ş ç ö ü' '$OUT/report-az.txt'"

# ---- a bad period ----
req GET "$R?from=2025-13-01&to=2025-08-31"
expect "a period with a date that is no date is 400, in the user's language, named at its field, the input kept" 400 \
	'id="from-error"' 'value="2025-13-01"' 'value="2025-08-31"'
refute "… and shows no numbers" 'id="m-meetings_held"'
req GET "$R?from=2025-08-31&to=2024-09-01"
expect "an end before the start is 400 at the end's field" 400 'id="to-error"' "Dövrün sonu başlanğıcından əvvəl ola bilməz." \
	'value="2024-09-01"'
req GET "$R?from=2025-08-31"
expect "a start without an end is 400 at the end's field" 400 'id="to-error"' 'value="2025-08-31"'
req GET "$R/csv?from=2025-08-31&to=2024-09-01"
same "the CSV of a bad period is 400" "$STATUS" 400
post /language lang=en back=/agenda
req GET "$R?from=2000-01-01&to=2025-08-31"
expect "a period over ten years is 400, saying so" 400 'id="to-error"' "at most 10 years"

# ---- the default period: the last academic year ----
today=$(TZ=Asia/Baku date +%F)
end_year=$(( 10#${today:5:2} >= 9 ? 10#${today:0:4} : 10#${today:0:4} - 1 ))
req GET "$R"
expect "without a period the report covers the last academic year and says so" 200 \
	"<time datetime=\"$((end_year - 1))-09-01\">" "<time datetime=\"$end_year-08-31\">" "the last academic year"

# ---- the organisation's report ----
req GET "/organisations/$O/report?$P"
expect "the organisation's report lists its memoranda with their numbers, and the sums" 200 "data-memorandum=\"$M\"" \
	"Report fixture $sfx" "href=\"/memoranda/$M/report?from=2024-09-01&amp;to=2025-08-31\""
req GET "/organisations/$O/report/csv?$P"
$CHECK csv "$OUT/body" >"$OUT/org.rows" 2>&1
check "… its CSV: the memorandum's rows and the organisation's sums" bash -c "grep -qF '$M|Report fixture $sfx|2024-09-01|2025-08-31|meetings_held|Meetings held|6' '$OUT/org.rows' &&
	grep -qF '|Report University $sfx|2024-09-01|2025-08-31|meetings_missed|Meetings missed|8' '$OUT/org.rows'"
req GET "/organisations/$O/report/pdf?$P"
pdftotext -enc UTF-8 "$OUT/body" "$OUT/org.txt" 2>/dev/null
# (the memorandum's title may wrap in its narrow cell: its first words are enough)
check "… its PDF (A4 landscape) names the organisation and holds the memorandum's row" bash -c "[ $STATUS = 200 ] &&
	head -c 5 '$OUT/body' | grep -q '%PDF-' && grep -q 'Report University $sfx' '$OUT/org.txt' && grep -q 'Report fixture' '$OUT/org.txt'"
req GET "/organisations/$O/report?from=x&to=2025-01-01"
expect "… a bad period there too is 400 at its field" 400 'id="from-error"' 'value="x"'

# ---- roles ----
req GET "$R?$P"
refute "a viewer sees no recommendation form" 'action="'"$R"'/recommendation"'
post "$R/recommendation" from=2024-09-01 to=2024-08-31 advice=renew version=0
same "a viewer may not save a recommendation" "$STATUS" 403
as nobody
req GET "$R?$P"
same "a visitor is sent to log in" "$STATUS" 303

# ---- the recommendation: refused, saved, issued, kept ----
as editor
post /language lang=en back=/agenda
req GET "$R?$P"
expect "an editor gets the recommendation form" 200 'action="'"$R"'/recommendation"' 'name="advice"'
rows() { sql "SELECT count(*) || '/' || (SELECT count(*) FROM audit_log) FROM activity_report"; }
before=$(rows)
post "$R/recommendation" from=2024-09-01 to=2025-08-31 version=0 advice=sell text_en="Keep <going> $sfx" text_az="Davam $sfx"
expect "an unknown recommendation is 422 at its field, the text typed kept (escaped)" 422 'id="advice-error"' \
	"Keep &lt;going&gt; $sfx" "Davam $sfx"
same "… and nothing is stored" "$(rows)" "$before"
post "$R/recommendation" from=2024-09-01 to=2025-08-31 version=0 advice=renew text_en="Alive: six meetings $sfx" \
	text_az="Canlıdır: altı görüş $sfx"
same "an editor saves the recommendation" "$STATUS:$(location)" "303:$R"
req GET "$R?$P"
expect "… the report shows it, with the next version to edit" 200 "Renew the memorandum" "Alive: six meetings $sfx" \
	'name="version" value="1"' 'action="'"$R"'/issue"'
post "$R/recommendation" from=2024-09-01 to=2025-08-31 version=0 advice=end text_en="stale $sfx"
expect "a save from an old form is 409, the input kept" 409 "stale $sfx"
post "$R/issue" from=2024-09-01 to=2025-08-31 version=1
same "the editor issues the report" "$STATUS" 303
ID=$(sql "SELECT id FROM activity_report WHERE memorandum_id = $M AND state = 'issued'")
sql "SELECT numbers FROM activity_report WHERE id = $ID" | tr -d '\r' | grep -v '^$' >"$OUT/stored.csv"
same "… it is stored with the numbers as they were, as CSV (a header and 17 rows)" \
	"$(wc -l <"$OUT/stored.csv"):$(grep -c ",meetings_held,Meetings held,6$" "$OUT/stored.csv")" "18:1"
# a later record: the live report changes, the issued one does not
sql "INSERT INTO record_attendance SELECT r.id, (SELECT min(id) FROM person), 'present' FROM meeting_record r
     JOIN series s ON s.id = r.series_id WHERE s.memorandum_id = $M AND r.recurrence_id = '2025-04-03 15:00'" >/dev/null
req GET "$R/csv?$P"
$CHECK csv "$OUT/body" | grep '|meetings_held|' | cut -d'|' -f7 >"$OUT/held-now"
req GET "$R/issued/$ID/csv"
cp "$OUT/body" "$OUT/issued.csv"
same "a record made later changes the live report (7 held) but not the issued one (6)" \
	"$(cat "$OUT/held-now"):$($CHECK csv "$OUT/issued.csv" | grep '|meetings_held|' | cut -d'|' -f7)" "7:6"
if sql "UPDATE activity_report SET advice = 'end' WHERE id = $ID" >/dev/null 2>&1; then
	fail "an issued report cannot be changed, whoever asks (the database refuses)"
else
	pass "an issued report cannot be changed, whoever asks (the database refuses)"
fi
req GET "$R?$P"
expect "the page lists the issued report, and a new draft may start" 200 "href=\"$R/issued/$ID/csv\"" 'name="version" value="0"'
req GET "/memoranda/$M/report/issued/999999999/csv"
same "an issued report that does not exist is 404" "$STATUS" 404
req GET "/memoranda/$M"
expect "the memorandum's page links to its report" 200 "href=\"$R\""
req GET "/organisations/$O"
expect "the organisation's page links to its report" 200 "href=\"/organisations/$O/report\""

# ---- a meeting under way is still to come, not missed: today's all-day one, a timed one that began an hour ago ----
today=$(TZ=Asia/Baku date +%F)
sql "INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, tzid, all_day, start_local, end_local, status)
     VALUES ($M, 'meeting', 'allday-$sfx@t89', 'Today all day $sfx', 'Bu gün $sfx', 'Asia/Baku', true,
             '$today 00:00', ('$today'::date + 1)::timestamp, 'confirmed'),
            ($M, 'meeting', 'underway-$sfx@t89', 'Under way $sfx', 'Davam edir $sfx', 'UTC', false,
             date_trunc('minute', now() AT TIME ZONE 'UTC' - interval '1 hour'),
             date_trunc('minute', now() AT TIME ZONE 'UTC' + interval '2 hours'), 'confirmed')" >/dev/null
req GET "$R?from=$(TZ=Asia/Baku date -d '-1 day' +%F)&to=$(TZ=Asia/Baku date -d '+1 day' +%F)"
same "today's all-day meeting and one under way are still to come, none missed" \
	"$($CHECK numbers "$OUT/body" | grep -E '^meetings_(missed|coming)=' | paste -sd' ')" "meetings_missed=0 meetings_coming=2"
sql "DELETE FROM series WHERE uid IN ('allday-$sfx@t89', 'underway-$sfx@t89')" >/dev/null

# ---- a long list is cut at 500 lines, the numbers still count every meeting ----
sql "INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, tzid, all_day, start_local, end_local, rrule, status)
     VALUES ($M, 'meeting', 'daily-$sfx@t89', 'Daily $sfx', 'Gündəlik $sfx', 'Asia/Baku', false,
             '2020-01-01 09:00', '2020-01-01 09:30', 'FREQ=DAILY;UNTIL=20211231T235959Z', 'confirmed')" >/dev/null
req GET "$R?from=2020-01-01&to=2021-12-31"
same "two years of a daily meeting: all 731 counted" \
	"$($CHECK numbers "$OUT/body" | grep -E '^meetings_promised=')" "meetings_promised=731"
check "… 500 listed, and the page says 231 more are not" bash -c \
	"test \$(sed -n '/<section class=\"report-meetings\">/,/<\/section>/p' '$OUT/body' | grep -c '<tr class=\"occ-') = 500 &&
	 grep -q '… and 231 more meetings, not listed here' '$OUT/body'"
sql "DELETE FROM series WHERE uid = 'daily-$sfx@t89'" >/dev/null
