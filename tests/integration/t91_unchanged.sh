#!/usr/bin/env bash
# t91_unchanged.sh - a form sent back as it came changes nothing, and a save keeps what it does not change.
# Every edit form (memorandum, organisation, person, group, user, account, a meeting's record)
# sent back exactly as a browser sends it answers "Nothing was changed" (?done=unchanged): no new version,
# no audit row, no feed republished (the memorandum's feed answers 304 to its old ETag). A change the audit log's
# snapshot does not show (a member's title) is still saved. A record's saves keep its action items (their ids are
# the UIDs of their deadlines in the feeds and their places on the Actions page): a change of the minutes keeps
# them, a new row above one is a new action, a row taken out goes, and an id from another record is not taken over.
# Every kind of record the audit log holds can be chosen in its filter and is named in words. A negative number
# is "too small" (its least named), not "not a number"; a new action starts open. An exception whose date the
# series no longer has is left out of the feed.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
# The stack's memocal-web takes bodies of 4 KB and 50 fields (t20_input's limits); a whole memorandum or record
# form is larger. The forms go to a memocal-web of this test's own with room for them, over FastCGI, against the
# same database (the feeds, read through nginx, are the stack's).
check "a memocal-web with room for whole forms answers" own_web t91 "max_body = 200000" "max_fields = 1200" \
	"max_field_len = 20000"
port=$OWN_PORT
bigweb=$OWN_PID
# trip LOGIN PATH [NAME=VALUE...] [-- PATH ...]: the forms sent back; prints "PATH STATUS LOCATION" a line each
trip() { "$PY" "$HERE/form_trip.py" "fcgi:127.0.0.1:$port" "$1" "$PASSWORD" "${@:2}"; }
sfx=u$(date +%s%N | tail -c 7)
cleanup() {
	kill "$bigweb" 2>/dev/null
	wait "$bigweb" 2>/dev/null
	sql "DELETE FROM meeting_record WHERE series_id IN (SELECT id FROM series WHERE title_en LIKE '%$sfx%');
	     DELETE FROM series WHERE title_en LIKE '%$sfx%';
	     DELETE FROM person_group WHERE name_en LIKE '%$sfx%';
	     DELETE FROM feed_token WHERE label LIKE '%$sfx%'" >/dev/null 2>&1
}
trap cleanup EXIT

as admin
post /language lang=en back=/
M=$(sql "SELECT min(id) FROM memorandum")
O=$(sql "SELECT min(id) FROM organisation")
P=$(sql "SELECT min(id) FROM person")
U=$(sql "SELECT id FROM staff_user WHERE login = 'editor'")
post /groups/new name_en="Board $sfx" name_az="İdarə $sfx" member_rows=2 member_0_person=1 member_1_person=2
G=$(header Location)
G=${G%%\?*}
G=${G##*/}
check "an admin makes a group to send back (the test's own)" test "$STATUS" = 303 -a -n "$G"
feed_token_web "memorandum:$M" en "Unchanged $sfx"
check "and a feed address of memorandum $M" test -n "$TOKEN"
fetch "$TOKEN"
ETAG=$(header ETag)
check "its feed answers with an ETag" test "$STATUS" = 200 -a -n "$ETAG"

# ---- each form once as it came (the first save of seeded rows may number their parts afresh), then again ----
FORMS=(/memoranda/$M/edit -- /organisations/$O/edit -- /people/$P/edit -- /groups/$G/edit -- /users/$U/edit -- /account)
trip admin "${FORMS[@]}" >"$OUT/trip0" 2>&1
fetch "$TOKEN"
ETAG=$(header ETag)
state() {
	sql "SELECT (SELECT version FROM memorandum WHERE id = $M) || '/' || (SELECT version FROM organisation WHERE id = $O)
	     || '/' || (SELECT version FROM person WHERE id = $P) || '/' || (SELECT version FROM person_group WHERE id = $G)
	     || '/' || (SELECT version FROM staff_user WHERE id = $U)
	     || '/' || (SELECT version FROM staff_user WHERE login = 'admin') || ' audit ' || (SELECT count(*) FROM audit_log)
	     || ' feeds ' || (SELECT sum(version) FROM feed_version)"
}
before=$(state)
trip admin "${FORMS[@]}" >"$OUT/trip" 2>&1
for f in "/memoranda/$M/edit /memoranda/$M?done=unchanged" "/organisations/$O/edit /organisations/$O?done=unchanged" \
	"/people/$P/edit /people/$P?done=unchanged" "/groups/$G/edit /groups/$G?done=unchanged" \
	"/users/$U/edit /users?done=unchanged" "/account /account?done=unchanged"; do
	same "${f%% *} sent back as it came answers 303 to ?done=unchanged" "$(grep -F "${f%% *} " "$OUT/trip")" \
		"${f%% *} 303 ${f#* }"
done
same "… no version moved, no audit row, no feed version" "$(state)" "$before"
fetch "$TOKEN" -H "If-None-Match: $ETAG"
same "… the memorandum's feed answers 304 to the ETag it had" "$STATUS" 304
req GET "/memoranda/$M?done=unchanged"
expect "… and the memorandum's page says nothing was changed" 200 "Nothing was changed, so nothing was saved."

# ---- a change the audit snapshot does not show is still a change ----
title=$(sql "SELECT role_title_en FROM memorandum_member WHERE memorandum_id = $M ORDER BY sort LIMIT 1")
trip admin "/memoranda/$M/edit" member_0_title_en="Acting $sfx" >"$OUT/trip" 2>&1
same "a member's title changed alone is saved (303 to ?done=memo_saved)" "$(cat "$OUT/trip")" \
	"/memoranda/$M/edit 303 /memoranda/$M?done=memo_saved"
same "… stored" "$(sql "SELECT role_title_en FROM memorandum_member WHERE memorandum_id = $M ORDER BY sort LIMIT 1")" \
	"Acting $sfx"
same "… and in the audit log, as a change of the members naming the new title" "$(sql "SELECT changes->'members'->1->>0
	FROM audit_log WHERE entity = 'memorandum' AND entity_id = $M ORDER BY id DESC LIMIT 1" | grep -c "Acting $sfx")" 1
fetch "$TOKEN" -H "If-None-Match: $ETAG"
same "… and the feed is republished (200, not 304)" "$STATUS" 200
trip admin "/memoranda/$M/edit" member_0_title_en="$title" >"$OUT/trip" 2>&1
same "… and put back" "$(sql "SELECT role_title_en FROM memorandum_member WHERE memorandum_id = $M ORDER BY sort LIMIT 1")" \
	"$title"
trip admin "/groups/$G/edit" member_1_person=3 >"$OUT/trip" 2>&1
same "a group's member changed is saved" "$(cat "$OUT/trip"):$(sql "SELECT string_agg(person_id::text, ',' ORDER BY sort)
	FROM person_group_member WHERE group_id = $G")" "/groups/$G/edit 303 /groups/$G?done=group_saved:1,3"

# ---- a meeting's record and its action items ----
D1=$(date -d "last thursday - 7 days" +%F)
post "/memoranda/$M/series/new" kind=meeting status=confirmed title_en="Record $sfx" title_az="Protokol $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=2 \
	attendee_rows=2 attendee_0_person=1 attendee_0_role=chair attendee_1_person=2 attendee_1_role=required action=confirm
S=$(header Location)
S=${S%%\?*}
S=${S##*/}
check "a weekly series of two (the test's own)" test "$STATUS" = 303 -a -n "$S"
post "/series/$S/edit" kind=meeting status=confirmed title_en="Record $sfx" title_az="Protokol $sfx" tzid=Asia/Baku \
	start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly interval=-3 ends=count count=2 quorum=-5 \
	version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
expect "a negative quorum and interval are numbers too small, each told its least (422)" 422 \
	'id="quorum-error">At least 0.' 'id="interval-error">At least 1.' 'value="-5"'
R=/series/$S/occurrences/$(date -d "$D1" +%Y%m%d)T100000/record
req GET "$R/edit"
expect "a new record's action row starts open (no empty status to be refused)" 200 \
	'<option value="open" selected>open</option><option value="done">done</option>'
refute "… and carries no action id" 'name="action_0_id"'
ONCE=$(sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1)
post "$R/edit" once="$ONCE" version=0 item_rows=2 \
	item_0_title_en="Budget $sfx" item_0_title_az="Büdcə $sfx" item_0_minutes_en="Presented." item_0_minutes_az="Təqdim olundu." \
	item_1_title_en="Students $sfx" item_1_title_az="Tələbələr $sfx" \
	attendance_rows=2 attendance_0_person=1 attendance_0_status=present attendance_1_person=2 attendance_1_status=present \
	decision_rows=1 decision_0_item=1 decision_0_text_en="Approved $sfx" decision_0_text_az="Təsdiq $sfx" \
	action_rows=2 action_0_what_en="Send it $sfx" action_0_what_az="Göndər $sfx" action_0_owner=2 action_0_status=open \
	action_0_due="$(date -d tomorrow +%F)" action_0_decision=1 \
	action_1_what_en="Book it $sfx" action_1_what_az="Sifariş $sfx" action_1_owner=1 action_1_status=open action=save
check "a record with a decision and two actions is saved" test "$STATUS" = 303
REC=$(sql "SELECT id FROM meeting_record WHERE series_id = $S")
acts() { sql "SELECT string_agg(id || ':' || what_en, ',' ORDER BY sort) FROM record_action WHERE record_id = $REC"; }
A0=$(sql "SELECT id FROM record_action WHERE record_id = $REC AND sort = 1")
A1=$(sql "SELECT id FROM record_action WHERE record_id = $REC AND sort = 2")
rstate() { sql "SELECT version || ' audit ' || (SELECT count(*) FROM audit_log) FROM meeting_record WHERE id = $REC"; }
before=$(rstate)
trip editor "$R/edit" >"$OUT/trip" 2>&1
same "the record sent back as it came answers ?done=unchanged" "$(cat "$OUT/trip")" "$R/edit 303 $R?done=unchanged"
same "… its version and the audit log as they were" "$(rstate)" "$before"
same "… its actions the same ones" "$(acts)" "$A0:Send it $sfx,$A1:Book it $sfx"
trip editor "$R/edit" item_0_minutes_en="Presented and discussed." >"$OUT/trip" 2>&1
same "a change of the minutes is saved" "$(cat "$OUT/trip")" "$R/edit 303 $R?done=saved"
same "… and keeps both actions, ids and all" "$(acts)" "$A0:Send it $sfx,$A1:Book it $sfx"
same "… the kept action still implements its decision (made again)" "$(sql "SELECT d.text_en FROM record_action a
	JOIN record_decision d ON d.id = a.decision_id WHERE a.id = $A0")" "Approved $sfx"
req GET /actions
expect "… and the Actions page lists it under its id" 200 "id=\"action-$A0\""
trip editor "$R/edit" action_rows=3 \
	action_0_id= action_0_what_en="First $sfx" action_0_what_az="Birinci $sfx" action_0_owner=1 action_0_status=open \
	action_0_due= action_0_decision= \
	action_1_id="$A0" action_1_what_en="Send it $sfx" action_1_what_az="Göndər $sfx" action_1_owner=2 \
	action_1_status=done action_1_due="$(date -d tomorrow +%F)" action_1_decision=1 \
	action_2_id= action_2_what_en= action_2_what_az= action_2_owner= action_2_status= action_2_due= action_2_decision= \
	>"$OUT/trip" 2>&1
A2=$(sql "SELECT id FROM record_action WHERE record_id = $REC AND sort = 1")
same "a new row above, a row taken out: the new one is a new action, the kept one keeps its id, the other goes" \
	"$(cat "$OUT/trip") $(acts)" "$R/edit 303 $R?done=saved $A2:First $sfx,$A0:Send it $sfx"
check "… the new action's id is new" test "$A2" != "$A0" -a "$A2" != "$A1"
same "… the kept one changed in place" "$(sql "SELECT status FROM record_action WHERE id = $A0")" done
# the second occurrence's record, with an action of its own
R2=/series/$S/occurrences/$(date -d "$D1 + 7 days" +%Y%m%d)T100000/record
post "$R2/edit" version=0 item_rows=1 item_0_title_en="Next $sfx" item_0_title_az="Növbəti $sfx" \
	action_rows=1 action_0_what_en="Other $sfx" action_0_what_az="Digər $sfx" action_0_owner=1 action_0_status=open action=save
other=$(sql "SELECT a.id FROM record_action a JOIN meeting_record r ON r.id = a.record_id
	WHERE r.series_id = $S AND a.record_id <> $REC")
check "a second record with an action of its own" test "$STATUS" = 303 -a -n "$other"
trip editor "$R/edit" action_0_id="$other" >"$OUT/trip" 2>&1
same "an action id of another record sent in a row is not taken over: that action stays where it was" \
	"$(sql "SELECT what_en FROM record_action WHERE id = $other AND record_id <> $REC")" "Other $sfx"
same "… and the row is saved as a new action of this record" "$(cat "$OUT/trip") $(sql "SELECT count(*)
	FROM record_action WHERE record_id = $REC AND what_en = 'First $sfx' AND id NOT IN ($A2, $other)")" \
	"$R/edit 303 $R?done=saved 1"

# ---- a row taken out of the form that another row names by its number ----
dec() { sql "SELECT string_agg(d.text_en || '@' || coalesce(d.item_sort::text, '-'), ',' ORDER BY d.sort)
	FROM record_decision d WHERE d.record_id = $REC"; }
impl() { sql "SELECT coalesce(d.text_en, '-') FROM record_action a LEFT JOIN record_decision d ON d.id = a.decision_id
	WHERE a.id = $A0"; }
before="$(dec) $(impl)"
FORM_TRIP_BODY=$OUT/trip.body trip editor "$R/edit" decision_0_item= decision_0_text_en= decision_0_text_az= \
	decision_1_item=2 decision_1_text_en="Student day $sfx" decision_1_text_az="Tələbə günü $sfx" >"$OUT/trip" 2>&1
same "a decision taken out while an action still names its row: 422, nothing stored" "$(cut -d' ' -f2 "$OUT/trip") $(dec) $(impl)" \
	"422 $before"
check "… the action's cell says that decision was taken out (not the next one's silently)" \
	grep -qF 'id="action_1_decision-error">The decision of this row number was taken out of the form' "$OUT/trip.body"
trip editor "$R/edit" decision_1_item=2 decision_1_text_en="Student day $sfx" decision_1_text_az="Tələbə günü $sfx" \
	item_0_title_en= item_0_title_az= item_0_minutes_en= item_0_minutes_az= item_0_notes_en= item_0_notes_az= \
	item_0_presenter= item_0_planned= decision_0_item= action_1_decision=2 >"$OUT/trip" 2>&1
same "the first agenda item taken out: the decision that named the second follows it to number one" \
	"$(cut -d' ' -f2 "$OUT/trip") $(dec) $(impl)" "303 Approved $sfx@-,Student day $sfx@1 Student day $sfx"
FORM_TRIP_BODY=$OUT/trip.body trip editor "$R/edit" item_0_title_en= item_0_title_az= item_0_minutes_en= \
	item_0_minutes_az= item_0_notes_en= item_0_notes_az= item_0_presenter= item_0_planned= >"$OUT/trip" 2>&1
check "… and the only item taken out while a decision names it is refused at that decision (422)" \
	grep -qF 'id="decision_1_item-error">The agenda item of this row number was taken out of the form' "$OUT/trip.body"

# ---- an exception whose date the series no longer has is left out of the feed, as out of the staff pages ----
D3=$(date -d "next monday + 14 days" +%F)
post "/memoranda/$M/series/new" kind=meeting status=confirmed title_en="Orphan $sfx" title_az="Yetim $sfx" \
	tzid=Asia/Baku start_date="$D3" start_time=09:00 end_time=10:00 repeat=weekly ends=count count=4 action=confirm
S3=$(header Location)
S3=${S3%%\?*}
S3=${S3##*/}
sql "INSERT INTO series_override (series_id, recurrence_id, title_en, title_az)
     VALUES ($S3, '$(date -d "$D3 + 7 days" +%F) 09:00', 'Kept $sfx', 'Qalan $sfx'),
            ($S3, '$(date -d "$D3 + 21 days" +%F) 09:00', 'Gone $sfx', 'Getmiş $sfx')" >/dev/null
fetch "$TOKEN"
check "a weekly series of four with two retitled occurrences: both in the feed" \
	test "$STATUS $(grep -c "SUMMARY:Kept $sfx\|SUMMARY:Gone $sfx" "$OUT/body")" = "200 2"
post "/series/$S3/edit" kind=meeting status=confirmed title_en="Orphan $sfx" title_az="Yetim $sfx" tzid=Asia/Baku \
	start_date="$D3" start_time=09:00 end_time=10:00 repeat=weekly ends=count count=2 \
	version="$(sql "SELECT version FROM series WHERE id = $S3")" action=confirm
check "cut to two, the fourth's exception kept (as the form warned)" \
	test "$STATUS $(sql "SELECT count(*) FROM series_override WHERE series_id = $S3")" = "303 2"
fetch "$TOKEN"
same "… the feed keeps the second's exception and leaves out the one whose date is gone" \
	"$STATUS $(grep -c "SUMMARY:Kept $sfx" "$OUT/body") $(grep -c "SUMMARY:Gone $sfx" "$OUT/body")" "200 1 0"

# ---- the same form sent twice (a double click, a resubmit after Back): the second gets the first's answer ----
twice() { # twice NAME TABLE ID LOGIN PATH [NAME=VALUE...]: the form sent twice with a change, the version moved once
	local name=$1 table=$2 id=$3 v0
	shift 3
	v0=$(sql "SELECT version FROM $table WHERE id = $id")
	FORM_TRIP_TWICE=1 trip "$@" >"$OUT/twice" 2>&1
	same "$name sent twice with a change: both answers are the save's, not a conflict" \
		"$(awk '{ print $2, $3 }' "$OUT/twice" | sort -u | wc -l) $(awk '{ print $2 }' "$OUT/twice" | sort -u)" "1 303"
	same "… saved once (version $v0 -> $((v0 + 1)))" "$(sql "SELECT version FROM $table WHERE id = $id")" $((v0 + 1))
}
twice "a group's form" person_group "$G" admin "/groups/$G/edit" name_en="Board twice $sfx"
twice "a record's form" meeting_record "$REC" editor "$R/edit" item_0_minutes_en="Sent twice $sfx."
twice "a series' form" series "$S" editor "/series/$S/edit" title_en="Twice $sfx" location="Room twice"
v=$(sql "SELECT version FROM person_group WHERE id = $G")
trip admin "/groups/$G/edit" name_en="Board other $sfx" version=$((v - 1)) >"$OUT/trip" 2>&1
same "a form of an older version that would change what is stored is still a conflict (409), nothing saved" \
	"$(awk '{ print $2 }' "$OUT/trip") $(sql "SELECT version || ' ' || name_en FROM person_group WHERE id = $G")" \
	"409 $v Board twice $sfx"

# ---- every kind of record the audit log holds (after the tests before this one: records, reports, …) is named ----
for e in $(sql "SELECT DISTINCT entity FROM audit_log ORDER BY 1"); do
	req GET "/audit?entity=$e"
	expect "the audit log filters by $e and names it in words" 200 "<option value=\"$e\" selected>"
	refute "… never by its message key" "audit.entity."
done
