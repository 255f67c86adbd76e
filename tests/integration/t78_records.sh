#!/usr/bin/env bash
# t78_records.sh - a meeting's record: agenda, attendance with quorum, minutes, numbered decisions and actions
# recorded through the form (no JavaScript: plain POSTs), refused input kept and nothing half-stored, the same
# form sent twice, stale saves, draft -> circulated -> approved, an approved record read-only except an admin's
# logged correction, a moved occurrence keeping its record, open actions offered at the next meeting, both
# languages. Rows are counted after every refusal.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
# rows: records and their parts and audit rows, to show that a refused request stored nothing
rows() {
	sql "SELECT (SELECT count(*) FROM meeting_record) || '/' || (SELECT count(*) FROM record_item) || '/' ||
	        (SELECT count(*) FROM record_attendance) || '/' || (SELECT count(*) FROM record_decision) || '/' ||
	        (SELECT count(*) FROM record_action) || '/' || (SELECT count(*) FROM record_correction) || '/' ||
	        (SELECT count(*) FROM audit_log)"
}
day() { date -d "$D1 + $1 days" +%F; }
rid() { echo "$(date -d "$D1 + $((7 * $1)) days" +%Y%m%d)T100000"; }
occ() { echo "/series/$S/occurrences/$(rid "$1")"; }
once() { sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1; }
form_version() { sed -n 's/.*name="version" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1; }

as editor
post /language lang=en back=/agenda

# ---- a weekly series of four with two people expected; its quorum is two ----
D1=$(date -d "last thursday - 14 days" +%F) # the first two occurrences are past: they have happened
sfx=$(date +%s%N | tail -c 7)
post /memoranda/1/series/new kind=meeting status=confirmed title_en="Board $sfx" title_az="İdarə heyəti $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=4 \
	attendee_rows=2 attendee_0_person=1 attendee_0_role=chair attendee_1_person=2 attendee_1_role=required \
	action=confirm
S=$(header Location)
S=${S%%\?*}
S=${S##*/}
check "an editor creates a weekly series of four (the test's own)" test "$STATUS" = 303 -a -n "$S"
req GET "/series/$S/edit"
expect "the series form offers a quorum" 200 'name="quorum"' "how many of the expected attendees"
post "/series/$S/edit" kind=meeting status=confirmed title_en="Board $sfx" title_az="İdarə heyəti $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=4 \
	attendee_rows=2 attendee_0_person=1 attendee_0_role=chair attendee_1_person=2 attendee_1_role=required \
	quorum=2 version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
same "… an editor sets it to two" "$STATUS:$(sql "SELECT quorum FROM series WHERE id = $S")" "303:2"
post "/series/$S/edit" kind=meeting status=confirmed title_en="Board $sfx" title_az="İdarə heyəti $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=4 \
	quorum=-1 version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
expect "a quorum that is not a number of people is 422, named at its field, the input kept" 422 'id="quorum-error"' \
	'value="-1"'
same "… and the quorum stays" "$(sql "SELECT quorum FROM series WHERE id = $S")" 2
P1=$(sql "SELECT full_name_en FROM person WHERE id = 1")
P2=$(sql "SELECT full_name_en FROM person WHERE id = 2")
YEAR=${D1:0:4}
R=$(occ 0)/record

# ---- the empty record ----
req GET "$(occ 0)"
expect "the occurrence page links to its record" 200 "href=\"$R\""
req GET "$R"
expect "a record not made yet says so, and offers the form to an editor" 200 "Nothing has been recorded" "href=\"$R/edit\""
req GET "$R/edit"
expect "the form lists the expected attendees by name, with room for agenda items" 200 "$P1" "$P2" \
	'name="item_0_title_en"' 'name="attendance_0_status"' 'name="decision_rows"' 'name="version" value="0"'
ONCE=$(once)

# ---- refused input: every message names its field, everything typed comes back, nothing is stored ----
before=$(rows)
post "$R/edit" once="$ONCE" version=0 item_rows=2 item_0_title_en="Budget $sfx" item_0_title_az="" \
	item_0_minutes_en="We talked about ünïcode <b>money</b>" item_0_planned=0 \
	attendance_rows=2 attendance_0_person=1 attendance_0_status=present attendance_1_person=2 attendance_1_status=asleep \
	decision_rows=1 decision_0_item=5 decision_0_text_en="Approve $sfx" decision_0_text_az="Təsdiq $sfx" \
	action_rows=1 action_0_what_en="Write it" action_0_what_az="Yazmaq" action_0_status=open action=save
expect "a bad record is 422 with a message at each wrong cell" 422 "Some fields need attention" \
	'id="item_0_title_az-error"' 'id="item_0_planned-error"' 'id="attendance_1_status-error"' \
	'id="decision_0_item-error"' 'id="action_0_owner-error"' "Give the number of one of this meeting&#39;s agenda items"
expect "… keeping what was typed (escaped)" 422 "Budget $sfx" "We talked about ünïcode &lt;b&gt;money&lt;/b&gt;" \
	"Approve $sfx" "Təsdiq $sfx" "value=\"$ONCE\""
same "… and stores nothing" "$(rows)" "$before"

# ---- more rows without JavaScript: the same form with two more empty decision rows, nothing saved ----
post "$R/edit" once="$ONCE" version=0 item_rows=1 item_0_title_en="Budget $sfx" decision_rows=1 \
	decision_0_text_en="Keep me $sfx" action=more_decisions
expect "\"more rows\" brings the form back with the typed row and two empty ones" 200 "Keep me $sfx" \
	'name="decision_2_text_en"' 'name="decision_rows" value="3"'
refute "… without error messages" 'class="error"'
same "… and stores nothing" "$(rows)" "$before"

# ---- a good record ----
DUE=$(date -d "yesterday" +%F)
good=(once="$ONCE" version=0 item_rows=3
	item_0_title_en="Budget $sfx" item_0_title_az="Büdcə $sfx" item_0_presenter=1 item_0_planned=20
	item_0_minutes_en="The budget was presented." item_0_minutes_az="Büdcə təqdim olundu."
	item_1_title_en="Students $sfx" item_1_title_az="Tələbələr $sfx"
	attendance_rows=2 attendance_0_person=1 attendance_0_status=present attendance_1_person=2 attendance_1_status=absent
	guest_rows=1 guest_0_name="Aysel Məmmədova"
	decision_rows=2 decision_0_item=1 decision_0_text_en="Budget approved $sfx" decision_0_text_az="Büdcə təsdiqləndi $sfx"
	decision_1_item=2 decision_1_text_en="A student day $sfx" decision_1_text_az="Tələbə günü $sfx"
	action_rows=1 action_0_what_en="Send the budget $sfx" action_0_what_az="Büdcəni göndərmək $sfx" action_0_owner=2
	action_0_due="$DUE" action_0_status=open action_0_decision=1 action=save)
N0=$(sql "SELECT coalesce(max(number), 0) FROM record_decision WHERE memorandum_id = 1 AND year = $YEAR")
post "$R/edit" "${good[@]}"
check "a good record is saved (303 to the record)" test "$STATUS" = 303 -a "$(header Location)" = "$R?done=saved"
REC=$(sql "SELECT id FROM meeting_record WHERE series_id = $S")
same "… one record keyed by the occurrence's original start" \
	"$(sql "SELECT state, recurrence_id FROM meeting_record WHERE id = $REC")" "draft|${D1} 10:00:00"
same "… its agenda in order, bilingual" "$(sql "SELECT string_agg(sort || ':' || title_az, ',' ORDER BY sort) FROM record_item WHERE record_id = $REC")" \
	"1:Büdcə $sfx,2:Tələbələr $sfx"
same "… decisions numbered per memorandum and year, with their items" \
	"$(sql "SELECT string_agg(year || '/' || number || '@' || item_sort, ',' ORDER BY sort) FROM record_decision WHERE record_id = $REC")" \
	"$YEAR/$((N0 + 1))@1,$YEAR/$((N0 + 2))@2"
same "… the action owned by a person, implementing the first decision" \
	"$(sql "SELECT a.owner_id || ':' || a.status || ':' || a.due_on || ':' || d.number FROM record_action a JOIN record_decision d ON d.id = a.decision_id WHERE a.record_id = $REC")" \
	"2:open:$DUE:$((N0 + 1))"
same "… one audit row for the record" "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'meeting_record' AND entity_id = $REC AND action = 'create'")" 1
req GET "$R"
expect "the record page shows agenda, minutes, attendance, guest, decisions and actions" 200 \
	"Budget $sfx" "Büdcə təqdim olundu." "$P1" "present" "Aysel Məmmədova" "$YEAR/$((N0 + 1))" "A student day $sfx" \
	"Send the budget $sfx" "$P2"
expect "… the action naming the decision it implements by its number, as the Actions page does" 200 \
	"(Decision $YEAR/$((N0 + 1)))"
expect "… and a quorum of two not met with one present" 200 "quorum-not-met" "(1 / 2)"

# ---- a record's page names the people it points at, attendees of the series or not (it reads only those: the
# form offers every person) ----
post /people/new full_name_en="Presenter $sfx" full_name_az="Təqdimatçı $sfx" preferred_lang=en rows=0
PR=$(location)
PR=${PR##*/}
post /people/new full_name_en="Owner $sfx" full_name_az="İcraçı $sfx" preferred_lang=en rows=0
OW=$(location)
OW=${OW##*/}
post /memoranda/1/series/new kind=meeting status=confirmed title_en="Named $sfx" title_az="Adlı $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=15:00 end_time=16:00 repeat=none attendee_rows=1 attendee_0_person=1 \
	action=confirm
NS=$(header Location)
NS=${NS%%\?*}
NS=${NS##*/}
NR="/series/$NS/occurrences/$(date -d "$D1" +%Y%m%d)T150000/record"
req GET "$NR/edit"
post "$NR/edit" once="$(once)" version=0 item_rows=1 item_0_title_en="Item $sfx" item_0_title_az="Bənd $sfx" \
	item_0_presenter="$PR" attendance_rows=1 attendance_0_person=1 attendance_0_status=present \
	action_rows=1 action_0_what_en="Do it $sfx" action_0_what_az="Et $sfx" action_0_owner="$OW" action_0_status=open \
	action=save
check "a record whose presenter and action owner attend nothing (people $PR, $OW) is saved" test "$STATUS" = 303 -a -n "$PR" -a -n "$OW"
req GET "$NR"
expect "… its page names them, and the attendee" 200 "Presenter $sfx" "Owner $sfx" "$P1"
post /language lang=az back=/
req GET "$NR"
expect "… in Azerbaijani too" 200 "Təqdimatçı $sfx" "İcraçı $sfx"
post /language lang=en back=/
req GET "$NR/edit"
expect "… and its form offers every person, the one it chose selected" 200 "<option value=\"$PR\" selected>Presenter $sfx</option>" \
	"<option value=\"$OW\" selected>Owner $sfx</option>" '<option value="2">'
# ---- the same form sent again (a double click) answers the record the first send made ----
before=$(rows)
post "$R/edit" "${good[@]}"
check "the same form sent twice is answered with the first record (303)" test "$STATUS" = 303
same "… and stores nothing more" "$(rows)" "$before"

# ---- another form made before the record existed is stale ----
req GET "/series/$S/occurrences/$(rid 0)/record/edit"
V=$(form_version)
good2=("${good[@]/#once=*/once=$(printf 'x%.0s' {1..43})}")
post "$R/edit" "${good2[@]}"
expect "a form made before someone else made the record is refused as stale (409), with the input" 409 \
	"Someone else saved this record" "Send the budget $sfx"
same "… and stores nothing" "$(rows)" "$before"

# ---- editing: a decision removed and one added keep and take numbers; a stale version is refused ----
post "$R/edit" version="$V" item_rows=2 item_0_title_en="Budget $sfx" item_0_title_az="Büdcə $sfx" \
	item_1_title_en="Students $sfx" item_1_title_az="Tələbələr $sfx" \
	attendance_rows=2 attendance_0_person=1 attendance_0_status=present attendance_1_person=2 attendance_1_status=remote \
	decision_rows=2 decision_0_number="$YEAR/$((N0 + 2))" decision_0_item=2 decision_0_text_en="A student day $sfx" \
	decision_0_text_az="Tələbə günü $sfx" decision_1_text_en="New one $sfx" decision_1_text_az="Yeni $sfx" \
	action_rows=1 action_0_what_en="Send the budget $sfx" action_0_what_az="Büdcəni göndərmək $sfx" action_0_owner=2 \
	action_0_due="$DUE" action_0_status=open action=save
check "an edit of the record is saved" test "$STATUS" = 303
same "… the kept decision keeps its number, the new one takes the next (a removed one's is not reused before it)" \
	"$(sql "SELECT string_agg(year || '/' || number, ',' ORDER BY sort) FROM record_decision WHERE record_id = $REC")" \
	"$YEAR/$((N0 + 2)),$YEAR/$((N0 + 3))"
req GET "$R"
expect "with one present and one remote the quorum is met" 200 "quorum-met" "(2 / 2)"
before=$(rows)
post "$R/edit" version="$V" item_rows=1 item_0_title_en="Stale $sfx" item_0_title_az="Köhnə $sfx" action=save
expect "a save from a stale version is 409 with the input kept" 409 "Someone else saved this record" "Stale $sfx"
same "… and stores nothing" "$(rows)" "$before"

# ---- a viewer reads, and may not write ----
as viewer
req GET "$R"
expect "a viewer reads the record" 200 "Budget $sfx"
refute "… without the editor's links" "href=\"$R/edit\""
post "$R/edit" version=1 action=save
check "… and may not save it (403)" test "$STATUS" = 403
as editor

# ---- draft -> circulated -> approved ----
RV() { sql "SELECT version FROM meeting_record WHERE id = $REC"; }
post "$R/state" to=approved approved_by=x version="$(RV)"
expect "a draft cannot be approved before it is circulated (409)" 409 "cannot move to that state"
post "$R/state" to=circulated version="$(RV)"
check "the draft is circulated" test "$STATUS" = 303 -a "$(sql "SELECT state FROM meeting_record WHERE id = $REC")" = circulated
before=$(rows)
post "$R/state" to=approved approved_by="" version="$(RV)"
expect "approving without naming the approving meeting is 422, naming the field" 422 "Name the meeting that approved" \
	'id="approved_by-error"' "Budget $sfx" "$P1"
same "… and changes nothing" "$(rows)" "$before"
post "$R/state" to=approved approved_by="Board meeting of $(day 7)" version="$(RV)"
same "the circulated record is approved by a later meeting" \
	"$(sql "SELECT state || '|' || approved_by FROM meeting_record WHERE id = $REC")" "approved|Board meeting of $(day 7)"

# ---- an approved record: read-only for editors; an admin corrects it with a reason, which is kept ----
req GET "$R/edit"
expect "an editor gets no form for an approved record (409)" 409 "approved and can no longer be changed"
before=$(rows)
post "$R/edit" version="$(RV)" item_rows=1 item_0_title_en="Sneaky $sfx" item_0_title_az="Gizli $sfx" action=save
expect "an editor's save of an approved record is 409, with the input kept" 409 "approved and can no longer be changed" "Sneaky $sfx"
post "$R/correct" version="$(RV)" reason="typo" item_rows=1 item_0_title_en="Sneaky $sfx" item_0_title_az="Gizli $sfx"
check "an editor may not correct (403)" test "$STATUS" = 403
same "… and nothing changed" "$(rows)" "$before"
as admin
req GET "$R/edit"
expect "an admin gets the correction form" 200 'name="reason"' "action=\"$R/correct\"" "A student day $sfx"
V=$(form_version)
post "$R/correct" version="$V" item_rows=1 item_0_title_en="Budget $sfx" item_0_title_az="Büdcə $sfx" action=save
expect "a correction without a reason is 422" 422 "Say why the approved record is corrected" 'id="reason-error"'
same "… and changes nothing" "$(rows)" "$before"
post "$R/correct" version="$V" reason="The Azerbaijani title had a typo" item_rows=2 item_0_title_en="Budget $sfx" \
	item_0_title_az="Büdcə (düzəliş) $sfx" item_0_minutes_en="The budget was presented." item_0_minutes_az="Büdcə təqdim olundu." \
	item_1_title_en="Students $sfx" item_1_title_az="Tələbələr $sfx" \
	attendance_rows=2 attendance_0_person=1 attendance_0_status=present attendance_1_person=2 attendance_1_status=remote \
	decision_rows=2 decision_0_number="$YEAR/$((N0 + 2))" decision_0_item=2 decision_0_text_en="A student day $sfx" \
	decision_0_text_az="Tələbə günü $sfx" decision_1_number="$YEAR/$((N0 + 3))" decision_1_text_en="New one $sfx" \
	decision_1_text_az="Yeni $sfx" action_rows=1 action_0_what_en="Send the budget $sfx" \
	action_0_what_az="Büdcəni göndərmək $sfx" action_0_owner=2 action_0_due="$DUE" action_0_status=open action=save
check "an admin's correction is saved" test "$STATUS" = 303
same "… the record stays approved, the decisions keep their numbers" \
	"$(sql "SELECT r.state || '|' || string_agg(d.year || '/' || d.number, ',' ORDER BY d.sort) FROM meeting_record r JOIN record_decision d ON d.record_id = r.id WHERE r.id = $REC GROUP BY r.state")" \
	"approved|$YEAR/$((N0 + 2)),$YEAR/$((N0 + 3))"
same "… the reason is kept with who made it" \
	"$(sql "SELECT u.login || ':' || c.reason FROM record_correction c JOIN staff_user u ON u.id = c.user_id WHERE c.record_id = $REC")" \
	"admin:The Azerbaijani title had a typo"
same "… and the audit log names it a correction, with the changed agenda" \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'meeting_record' AND entity_id = $REC AND label LIKE '%(correction: The Azerbaijani title had a typo)' AND changes::text LIKE '%düzəliş%'")" 1
req GET "$R"
expect "the record page lists the correction" 200 "The Azerbaijani title had a typo" "Büdcə (düzəliş) $sfx"
expect "… made at the time it reads in the reader's zone (Asia/Baku), not in UTC" 200 \
	"$(sql "SELECT to_char(made_at AT TIME ZONE 'Asia/Baku', 'YYYY-MM-DD HH24:MI') FROM record_correction WHERE record_id = $REC")</time> · admin: The Azerbaijani title had a typo"

# ---- printable minutes: a PDF made on the server (WeasyPrint), read back with pdftotext ----
as viewer
req GET "$R/pdf"
check "a viewer gets the minutes as a PDF attachment, not sniffed" bash -c "test '$STATUS' = 200 &&
	grep -qi '^Content-Type: application/pdf' '$OUT/headers' &&
	grep -qi '^Content-Disposition: attachment; filename=\"minutes-$D1.pdf\"' '$OUT/headers' &&
	grep -qi '^X-Content-Type-Options: nosniff' '$OUT/headers' && head -c 5 '$OUT/body' | grep -q '%PDF-'"
check "… its length is the length sent" test "$(header Content-Length)" = "$(stat -c %s "$OUT/body")"
pdftotext -enc UTF-8 "$OUT/body" "$OUT/minutes.txt"
check "pdftotext reads both languages back, the Azerbaijani letters as text (ə, ş, ç, ğ, ı, ö, ü)" grep -q "Büdcə (düzəliş) $sfx" "$OUT/minutes.txt"
check "… the minutes, decisions, actions and the correction are in it" bash -c "grep -q 'The budget was presented.' '$OUT/minutes.txt' &&
	grep -q 'Tələbə günü $sfx' '$OUT/minutes.txt' && grep -q 'Büdcəni göndərmək $sfx' '$OUT/minutes.txt' &&
	grep -q 'The Azerbaijani title had a typo' '$OUT/minutes.txt' && grep -q '$P1' '$OUT/minutes.txt'"
req GET "$R/pdf?lang=az"
pdftotext -enc UTF-8 "$OUT/body" "$OUT/minutes-az.txt"
check "?lang=az makes the Azerbaijani minutes alone" bash -c "grep -q 'Büdcə təqdim olundu.' '$OUT/minutes-az.txt' &&
	grep -q 'Təsdiqlənib' '$OUT/minutes-az.txt' && ! grep -q 'The budget was presented.' '$OUT/minutes-az.txt'"
req GET "$R/pdf?lang=fr"
expect "a language it does not speak is 400" 400
# one PDF at a time on the machine (WeasyPrint takes seconds; many at once would hold every worker): while
# another holds the slot (here flock(1) on the same folder, as a render would), the next is told to come back
tdir=$(sed -n 's/^template_dir *= *//p' "$STACK_DIR/memocal.conf" | head -1)
# (-o: flock(1) alone holds it, and lets go when its command ends, which is when this test closes its input)
coproc HOLDER { exec flock -o "$tdir" -c 'echo held; read -r _'; }
read -r -t 60 held <&"${HOLDER[0]}"
req GET "$R/pdf"
check "while another PDF is being made: 503 with Retry-After, saying to try again in a few seconds" bash -c \
	"test '$held/$STATUS' = 'held/503' && grep -qi '^Retry-After: ' '$OUT/headers' && grep -q 'Another PDF is being made just now' '$OUT/body'"
holder=$HOLDER_PID
eval "exec ${HOLDER[1]}>&-"
wait "$holder" 2>/dev/null
req GET "$R/pdf"
check "… and once it is done, the PDF is made (200)" test "$STATUS" = 200
as editor

# ---- a moved occurrence keeps its record ----
post "$(occ 0)/edit" start_date="$(day 1)" start_time=15:00 end_time=16:00 title_en="Board $sfx" \
	title_az="İdarə heyəti $sfx" location="" version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
check "the first occurrence is moved to the next day" test "$STATUS" = 303
req GET "$R"
expect "… and its record is still there, at its original address" 200 "Büdcə (düzəliş) $sfx" "$YEAR/$((N0 + 3))"

# ---- a person a meeting record names is not deleted (their action and attendance would go with them) ----
OWNER=$(sql "INSERT INTO person (full_name_en, full_name_az) VALUES ('Owner $sfx', 'Sahib $sfx') RETURNING id" | head -1)
sql "INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id) VALUES ($REC, 99, 'Keep $sfx', 'Saxla $sfx', $OWNER)" >/dev/null
as editor
post "/people/$OWNER/delete" version="$(sql "SELECT version FROM person WHERE id = $OWNER")"
expect "a person who owns an action is not deleted (409, with why)" 409 "named in a meeting record"
check "… the person and the action are still there" \
	test "$(sql "SELECT count(*) FROM person WHERE id = $OWNER")/$(sql "SELECT count(*) FROM record_action WHERE owner_id = $OWNER")" = 1/1
sql "DELETE FROM record_action WHERE owner_id = $OWNER" >/dev/null
post "/people/$OWNER/delete" version="$(sql "SELECT version FROM person WHERE id = $OWNER")"
check "… and once nothing names them, the delete goes through (303)" test "$STATUS" = 303

# ---- the next meeting reviews the open actions ----
req GET "$(occ 1)/record/edit"
expect "the next occurrence's form offers the open actions of earlier meetings, overdue ones marked" 200 \
	"Review of open actions" "Send the budget $sfx" "overdue"
req GET "$(occ 0)/record"
refute "… which the meeting that made them does not list as earlier ones" "Review of open actions"

# ---- Azerbaijani ----
post /language lang=az back=/agenda
req GET "$R"
expect "the record speaks Azerbaijani" 200 "Görüşün protokolu" "Təsdiqlənib" "Kvorum" "uzaqdan qoşulub"
post /language lang=en back=/agenda

# ---- addresses that name nothing ----
req GET "/series/$S/occurrences/$(rid 9)/record"
expect "the record of an occurrence the series does not have is 404" 404 "no occurrence at that date and time"
post "/series/$S/occurrences/$(rid 2)/record/state" to=circulated version=1
expect "changing the state of a record not made yet is 409" 409 "Nothing has been recorded"

# ---- the Actions page: open and overdue actions across memoranda, filtered ----
req GET "/actions"
expect "the Actions page lists the open action, overdue, with its owner and meeting" 200 "Send the budget $sfx" \
	"$P2" "overdue" "href=\"$R\""
req GET "/actions?person=1"
refute "… filtered by owner, another person's actions are not listed" "Send the budget $sfx"
req GET "/actions?person=2&show=overdue&memorandum=1"
expect "… by owner, memorandum and overdue" 200 "Send the budget $sfx"
req GET "/actions?person=1"
expect "… the chosen owner stays chosen, though no action listed is theirs" 200 '<option value="1" selected>'
PSQL_DB=memocal stack_psql -q -c "INSERT INTO person (full_name_en, full_name_az) VALUES ('Owns nothing $sfx', 'Heç nəyi yoxdur $sfx')"
req GET "/actions"
expect "the filter offers the owners of the actions listed" 200 "<option value=\"2\">$P2</option>"
refute "… not every person stored (issue 18: the page's cost is its own, not the history's)" "Owns nothing $sfx"
req GET "/actions?show=sometimes"
expect "a filter that is not one of the choices is 400" 400
req GET "/people/2"
expect "a person's page lists their open actions, overdue marked, linked to the meeting, and links to all of them" 200 \
	"Send the budget $sfx" "overdue" "href=\"$R\"" 'href="/actions?person=2&amp;show=all"'
post /language lang=az back=/agenda
req GET "/actions?person=2"
expect "the Actions page speaks Azerbaijani" 200 "Tapşırıqlar" "Büdcəni göndərmək $sfx" "vaxtı keçib"
post /language lang=en back=/agenda

# ---- a board member's page, reached with a feed token: only the token's scope, gone once revoked ----
as admin
feed_token_web "person:2" az "Board member $sfx"
BOARD_TOKEN=$TOKEN
TOKEN_ID=$(sql "SELECT max(id) FROM feed_token WHERE label = 'Board member $sfx'")
check "an admin makes a feed address for an attendee of the series" test -n "$TOKEN" -a -n "$TOKEN_ID"
STRANGER=$(sql "INSERT INTO person (full_name_en, full_name_az) VALUES ('Stranger $sfx', 'Yad $sfx') RETURNING id" | head -1)
feed_token_web "person:$STRANGER" en "Stranger $sfx"
ORG_TOKEN=$TOKEN
TOKEN=$BOARD_TOKEN
B="/board/$TOKEN/series/$S/occurrences/$(rid 0)"
sql "INSERT INTO record_guest (record_id, sort, name) VALUES ($REC, 1, 'Guest $sfx')" >/dev/null
as nobody
req GET "$B"
expect "without a login, the token opens the occurrence's page in its language (Azerbaijani)" 200 \
	"Büdcə (düzəliş) $sfx" "Büdcə təqdim olundu." "Tələbə günü $sfx" "Büdcəni göndərmək $sfx" "Təsdiqlənib" \
	"Guest $sfx" "The Azerbaijani title had a typo"
refute "… showing one language at a time and no staff links or forms, nor staff logins" "Budget approved" "/record/edit" \
	'method="post"' "admin: The Azerbaijani"
check "… not to be indexed" grep -qi '^X-Robots-Tag: noindex' "$OUT/headers"
req GET "$B?lang=en"
expect "… and in English when asked" 200 "The budget was presented." "A student day $sfx" "Approved"
req GET "/board/$TOKEN/series/$S/occurrences/$(rid 1)?lang=en"
expect "a record still in draft shows its agenda and attendance, not its minutes" 200 \
	"The minutes, decisions and actions are shown here once they have been circulated"
check "… and one for a person who has nothing to do with the series" test -n "$ORG_TOKEN"
req GET "/board/$ORG_TOKEN/series/$S/occurrences/$(rid 0)"
expect "a token whose feed does not show the series gets 404" 404 "There is no such page"
req GET "/board/${TOKEN}x/series/$S/occurrences/$(rid 0)"
expect "an unknown token gets the same 404" 404 "There is no such page"
as admin
post "/feeds/$TOKEN_ID/revoke"
check "the admin revokes the address" test "$STATUS" = 303
as nobody
req GET "$B"
expect "a revoked token loses the page on the very next request (404)" 404 "There is no such page"
# the board pages' paths hold feed secrets, which memocal keeps only hashed: no log may keep them
check "memocal-web's request log writes a board page's path as /board/(secret)/…, never its secret" \
	bash -c "grep -q 'path=\"/board/(secret)/series/$S/' '$STACK_DIR/memocal-web.log' && ! grep -qF -e '$TOKEN' -e '$ORG_TOKEN' '$STACK_DIR/memocal-web.log'"
check "… and nginx's access log neither" bash -c "grep -q '/board/(secret)' '$STACK_DIR/nginx/logs/access.log' && ! grep -qF -e '$TOKEN' -e '$ORG_TOKEN' '$STACK_DIR/nginx/logs/access.log'"

# ---- records follow a change of the whole series' time, with its overrides ----
as editor
post "$(occ 2)/record/edit" version=0 item_rows=1 item_0_title_en="Third $sfx" item_0_title_az="Üçüncü $sfx" action=save
check "a record of the third meeting (an occurrence without an override)" test "$STATUS" = 303
post "/series/$S/edit" kind=meeting status=confirmed title_en="Board $sfx" title_az="İdarə heyəti $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=11:00 end_time=12:00 repeat=weekly ends=count count=4 \
	attendee_rows=2 attendee_0_person=1 attendee_0_role=chair attendee_1_person=2 attendee_1_role=required \
	quorum=2 version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
check "the series moves from 10:00 to 11:00" test "$STATUS" = 303
same "… and its records move with it, keyed by their occurrences' new starts" \
	"$(sql "SELECT string_agg(to_char(recurrence_id, 'YYYY-MM-DD HH24:MI'), ',' ORDER BY recurrence_id) FROM meeting_record WHERE series_id = $S")" \
	"$D1 11:00,$(day 14) 11:00"
req GET "/series/$S/occurrences/$(date -d "$D1" +%Y%m%d)T110000/record"
expect "… the first meeting's record at its new address" 200 "Büdcə (düzəliş) $sfx"
req GET "/series/$S/occurrences/$(date -d "$(day 14)" +%Y%m%d)T110000/record"
expect "… and the third's" 200 "Üçüncü $sfx"
req GET "$R"
expect "… the old address names no occurrence any more (404)" 404

# ---- the memoranda search finds words in minutes, decisions and actions, without case or diacritics ----
req GET "/memoranda?q=BUDCE+TEQDIM"
expect "searching \"BUDCE TEQDIM\" finds \"Büdcə təqdim\" in the minutes, linked to the meeting's record" 200 \
	"In meeting records" "Büdcə təqdim olundu." "/series/$S/occurrences/$(date -d "$D1" +%Y%m%d)T110000/record"
req GET "/memoranda?q=telebe+gunu+$sfx"
expect "… and a decision" 200 "Tələbə günü $sfx" "decision"
req GET "/memoranda?q=budcenI+gondermek+$sfx"
expect "… and an action" 200 "Büdcəni göndərmək $sfx" "action"
req GET "/memoranda?q=nothing-like-this-$sfx"
expect "… and says when no record holds the words" 200 "No meeting record holds these words."
# a word of fewer than three letters is not looked for in the records (no trigram to find it by: it would read every
# record ever minuted), and the page says so; the memoranda are still searched, and one longer word is enough
req GET "/memoranda?q=bu"
expect "a two-letter search says the records need three letters, and lists no record" 200 \
	"Meeting records are searched for three letters or more."
refute "… (no record's place listed)" "/record\""
req GET "/memoranda?q=%C9%99+b"
expect "… as does one of two short words (\"ə b\")" 200 "Meeting records are searched for three letters or more."
req GET "/memoranda?q=%25%25%25+--+%C2%AB%C2%BB%E2%80%94"
expect "… and one of punctuation alone (\"%%% -- «»—\": no trigram in it either)" 200 \
	"Meeting records are searched for three letters or more."
req GET "/memoranda?q=%C9%99l%C9%99"
expect "… but three letters (\"ələ\") are a word" 200 "In meeting records"
refute "… with no note" "three letters or more"
req GET "/memoranda?q=BUDCE+TE"
expect "… but one word of three letters or more searches them" 200 "Büdcə təqdim olundu."
refute "… without the note" "three letters or more"

# ---- a common word: the newest matches however many there are (the search looks into the newest records one
# by one once a table has 300 matches, and sorts every match when the newest 1,000 records hold too few) ----
post /memoranda/1/series/new kind=meeting status=confirmed title_en="Archive $sfx" title_az="Arxiv $sfx" \
	tzid=Asia/Baku start_date=1990-01-01 start_time=09:00 end_time=10:00 repeat=daily ends=until until=1993-01-04 \
	attendee_rows=0 action=confirm
A=$(header Location)
A=${A%%\?*}
A=${A##*/}
check "a daily series of 1,100 meetings from 1990 for the search's records" test "$STATUS" = 303 -a -n "$A"
# a record for each meeting (older than any other test's); in each an item with a word in 1,100 records; in the
# oldest 100 four items with a word in none of the newest 1,000 records of the database; in 22, a rare word
sql "INSERT INTO meeting_record (series_id, recurrence_id)
	SELECT $A, timestamp '1990-01-01 09:00' + n * interval '1 day' FROM generate_series(0, 1099) n;
	INSERT INTO record_item (record_id, sort, title_en, title_az)
	SELECT id, 1, 'Common$sfx point', 'Ümumi' FROM meeting_record WHERE series_id = $A;
	INSERT INTO record_item (record_id, sort, title_en, title_az)
	SELECT r.id, k, 'Oldword$sfx part ' || k, 'Köhnə' FROM meeting_record r, generate_series(2, 5) k
	WHERE r.series_id = $A AND r.recurrence_id < '1990-04-11';
	INSERT INTO record_item (record_id, sort, title_en, title_az)
	SELECT id, 9, 'Rareword$sfx', 'Nadir' FROM meeting_record WHERE series_id = $A AND extract(doy FROM recurrence_id) = 50" \
	>/dev/null
# hits WORD: the newest 50 items whose English title holds WORD, as the page links them, by psql's plain LIKE
hits() {
	sql "SELECT string_agg(h, ' ' ORDER BY rid DESC, sort) FROM (SELECT '/series/' || r.series_id || '/occurrences/'
	     || to_char(r.recurrence_id, 'YYYYMMDD\"T\"HH24MISS') || '/record' AS h, r.recurrence_id AS rid, i.sort
	     FROM record_item i JOIN meeting_record r ON r.id = i.record_id WHERE i.title_en LIKE '%$1%'
	     ORDER BY r.recurrence_id DESC, i.sort LIMIT 50) x"
}
listed_hits() { tr -d '\n' <"$OUT/body" | grep -o 'class="record-hits".*' | grep -o '/series/[0-9]*/occurrences/[0-9T]*/record' | tr '\n' ' ' | sed 's/ $//'; }
for w in Common Oldword Rareword; do
	req GET "/memoranda?q=$w$sfx"
	check "searching \"$w$sfx\" is 200" test "$STATUS" = 200
	same "… lists the newest 50 matches (or all), newest first, as psql finds them" "$(listed_hits)" "$(hits "$w$sfx")"
done
same "… (psql: 50 of the common word's 1,100 matches, 50 of the old word's 400, the rare word's 3)" \
	"$(hits "Common$sfx" | wc -w)/$(hits "Oldword$sfx" | wc -w)/$(hits "Rareword$sfx" | wc -w)" 50/50/3
sql "DELETE FROM series WHERE id = $A" >/dev/null
# the database as it was, statistics too: later tests read plans (t87_actions_first)
stack_psql -qtA -c "VACUUM ANALYZE meeting_record" -c "VACUUM ANALYZE record_item" >/dev/null

# ---- "this and all following" takes the later meetings' records to the new series ----
T3=$(date -d "$(day 14)" +%Y%m%d)
post "/series/$S/occurrences/${T3}T110000/split" start_date="$(day 14)" start_time=12:00 end_time=13:00 \
	version="$(sql "SELECT version FROM series WHERE id = $S")"
N=$(header Location)
N=${N%%\?*}
N=${N##*/}
check "the series is split at its third meeting" test "$STATUS" = 303 -a -n "$N" -a "$N" != "$S"
same "… the third meeting's record moves to the new series at its new start, the first's stays" \
	"$(sql "SELECT string_agg(series_id || '@' || to_char(recurrence_id, 'YYYY-MM-DD HH24:MI'), ',' ORDER BY recurrence_id) FROM meeting_record WHERE series_id IN ($S, $N)")" \
	"$S@$D1 11:00,$N@$(day 14) 12:00"
req GET "/series/$N/occurrences/${T3}T120000/record"
expect "… and is read there" 200 "Üçüncü $sfx"
