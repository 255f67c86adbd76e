#!/usr/bin/env bash
# t86_groups.sh - a group attendee's members (migration 026): a group is kept on /groups with its members;
# a meeting that invites the group by name (as its form always did) is tied to it, whatever the letter case;
# its members who want every change get the invitation by mail (a real SMTP server on loopback, each message
# read back with python's email package and python3-icalendar), a member added later gets it then and the
# others not again, a member taken out gets the cancellation; the members' own agenda and the subscribers
# page count the meeting as theirs; renaming the group renames the meeting's attendee; bad input is 422 in
# both languages, a stale form 409, a viewer 403, and the change is in the audit log.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)

# what earlier tests queued and no mailer sent is not this test's business (as in t86_mail)
sql "UPDATE mail_outbox SET state = 'given_up', last_error = 'set aside by t86_groups' WHERE state IN ('queued', 'sending')" >/dev/null

MAILDIR=$OUT/mail
rm -rf "$MAILDIR"
mkdir -p "$MAILDIR"
SMTP_PORT=$(free_port)
setsid $PY "$HERE/smtp_sink.py" "$SMTP_PORT" "$MAILDIR" >"$OUT/sink.log" 2>&1 </dev/null &
SINK=$!
MAILER=
cleanup() {
	[ -n "$MAILER" ] && kill -TERM "$MAILER" 2>/dev/null
	kill -TERM "$SINK" 2>/dev/null
}
trap cleanup EXIT
check "the SMTP server listens on 127.0.0.1:$SMTP_PORT" wait_for 60 grep -q listening "$OUT/sink.log"
{
	cat "$STACK_DIR/memocal.conf"
	printf '%s\n' "smtp_url = smtp://127.0.0.1:$SMTP_PORT" "mail_from = calendar.$sfx@memocal.test" "smtp_tls = none" \
		"smtp_timeout = 10" "mail_retry = 1" "mail_give_up = 3600" "mail_lease = 15"
} >"$OUT/mailer.conf"
setsid "$BIN/memocal-mailer" --config "$OUT/mailer.conf" >>"$OUT/mailer.log" 2>&1 </dev/null &
MAILER=$!

files_to() { grep -l -i -x -F "X-Envelope-To: $1"$'\r' "$MAILDIR"/*.eml 2>/dev/null | sort; }
count_to() { files_to "$1" | grep -c .; }
has_mail() { [ "$(count_to "$1")" -ge "${2:-1}" ]; }
all_sent() { [ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient LIKE '%.$sfx@%' AND state IN ('queued', 'sending')")" = 0 ]; }
read_mail() {
	local line
	unset "${!M_@}"
	$PY "$HERE/mail_check.py" "$1" >"$OUT/mail.txt" 2>&1 || { echo "mail_check: $(cat "$OUT/mail.txt")" >&2; return 1; }
	while IFS= read -r line; do printf -v "M_${line%%=*}" '%s' "${line#*=}"; done <"$OUT/mail.txt"
}

as admin
person() { # person NAME_EN NAME_AZ LANG EMAIL PREF: prints the new person's id
	post /people/new full_name_en="$1" full_name_az="$2" preferred_lang="$3" email="$4" email_pref="$5" rows=0
	local l
	l=$(location)
	echo "${l##*/}"
}
LEYLA=leyla.$sfx@example.test RUFAT=rufat.$sfx@example.test NONE=none.$sfx@example.test
leyla=$(person "Leyla Aliyeva $sfx" "Leyla Əliyeva $sfx" az "$LEYLA" every)
rufat=$(person "Rufat Hasanov $sfx" "Rüfət Həsənov $sfx" en "$RUFAT" every)
quiet=$(person "Quiet Member $sfx" "Sakit Üzv $sfx" en "$NONE" none)
check "three people are created" test -n "$leyla" -a -n "$rufat" -a -n "$quiet"

# ---- the group, through its form ----
GROUP_EN="Joint Board $sfx" GROUP_AZ="Birgə Şura $sfx"
post /groups/new name_en="" name_az="" member_rows=2 member_0_person="$leyla"
expect "a group without its names is refused, each field named" 422 'id="name_en-error"' 'id="name_az-error"' "Please fill this in"
check "… and the member typed is still chosen" grep -q "value=\"$leyla\" selected" "$OUT/body"
post /language lang=az back=/
post /groups/new name_en="" name_az="" member_rows=1 member_0_person="$leyla"
expect "… in Azerbaijani too" 422 'id="name_en-error"' "Bu sahəni doldurun"
post /language lang=en back=/
post /groups/new name_en="$GROUP_EN" name_az="$GROUP_AZ" member_rows=3 member_0_person="$leyla" member_1_person="$quiet" \
	member_2_person="$leyla"
expect "the same person twice is refused" 422 "already a member"
post /groups/new name_en="$GROUP_EN" name_az="$GROUP_AZ" member_rows=2 member_0_person="$leyla" member_1_person="$quiet"
G=$([ "$STATUS" = 303 ] && location | sed -n 's|^/groups/\([0-9]*\)$|\1|p')
check "a group with two members is created (303 to its page)" test -n "$G"
G=${G:-0}
post /groups/new name_en="${GROUP_EN^^}" name_az="Başqa $sfx" member_rows=0
expect "a second group of the same name (in other letter case) is refused" 422 "Another group already has this name"
req GET "/groups/$G"
expect "the group's page lists its members and who of them gets email" 200 "Leyla Aliyeva $sfx" "Quiet Member $sfx" "gets email"
req GET /groups
expect "the groups list shows it with its member count" 200 "$GROUP_EN"
check "the creation is in the audit log" test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'group' AND entity_id = $G AND action = 'create'")" = 1
as viewer
post /groups/new name_en="Viewer group $sfx"
check "a viewer may not make a group (403)" test "$STATUS" = 403
req GET "/groups/$G"
expect "… but may read one" 200 "$GROUP_EN"
as admin

# ---- a meeting that invites the group by name ----
M=1
D=$(date -u -d '+30 days' +%F)
post "/memoranda/$M/series/new" kind=meeting status=confirmed tzid=Asia/Baku start_date="$D" start_time=10:00 end_time=11:00 \
	repeat=weekly ends=count count=3 title_en="Group meeting $sfx" title_az="Qrup iclası $sfx (ə, ğ, ı, ö, ş, ç, ü)" \
	attendee_rows=1 attendee_0_group_en="joint board $sfx" attendee_0_group_az="birgə şura $sfx" attendee_0_role=required \
	action=confirm
S=$([ "$STATUS" = 303 ] && header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
check "a weekly meeting inviting the group (typed in small letters) is created" test -n "$S"
S=${S:-0}
check "its attendee row is tied to the group" test "$(sql "SELECT group_id FROM attendee WHERE series_id = $S")" = "$G"
check "no second group was made of the name" test "$(sql "SELECT count(*) FROM person_group WHERE lower(name_en) = lower('$GROUP_EN')")" = 1
check "the member who wants every change is invited; the one who wants none is not" test \
	"$(sql "SELECT string_agg(recipient || ':' || method, ' ' ORDER BY id) FROM mail_outbox WHERE series_id = $S")" = "$LEYLA:REQUEST"
req GET "/series/$S"
expect "the meeting's page links the group" 200 "href=\"/groups/$G\""

check "the invitation reaches the member" wait_for 120 has_mail "$LEYLA"
if read_mail "$(files_to "$LEYLA" | head -1)"; then
	check "it is an iTIP REQUEST for this meeting's UID" test "$M_method:$M_uid" = "REQUEST:$(sql "SELECT uid FROM series WHERE id = $S")"
	check "it names the member as ATTENDEE with RSVP" test "$M_attendee:$M_rsvp" = "mailto:$LEYLA:TRUE"
	check "it is in the member's language, Azerbaijani letters intact ($M_summary)" test "$M_summary" = "Qrup iclası $sfx (ə, ğ, ı, ö, ş, ç, ü)"
else
	fail "the invitation can be read back" "$(cat "$OUT/mail.txt")"
fi

# ---- the group's members change: only who joins is invited, only who leaves is told ----
req GET "/groups/$G/edit"
expect "the group's edit form shows its members" 200 "value=\"$leyla\" selected" "value=\"$quiet\" selected"
V=$(sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT/body" | head -1)
post "/groups/$G/edit" version="$V" name_en="$GROUP_EN" name_az="$GROUP_AZ" member_rows=3 member_0_person="$leyla" \
	member_1_person="$quiet" member_2_person="$rufat"
check "a member is added (303)" test "$STATUS" = 303
check "the new member is invited, and nobody else again" test \
	"$(sql "SELECT string_agg(recipient || ':' || method, ' ' ORDER BY id) FROM mail_outbox WHERE series_id = $S")" = \
	"$LEYLA:REQUEST $RUFAT:REQUEST"
check "the new member's invitation arrives" wait_for 120 has_mail "$RUFAT"
read_mail "$(files_to "$RUFAT" | head -1)" &&
	check "… a REQUEST in English, their language ($M_summary)" test "$M_method:$M_summary" = "REQUEST:Group meeting $sfx"
post "/groups/$G/edit" version="$V" name_en="$GROUP_EN" name_az="$GROUP_AZ" member_rows=1 member_0_person="$leyla"
expect "a save from the version before is refused (409), the form kept" 409 "value=\"$leyla\" selected"
req GET "/agenda?person=$rufat&from=$D&days=7"
[ "$STATUS" = 200 ] || req GET "/agenda?person=$rufat"
check "the new member's agenda has the group's meeting" grep -qF "Group meeting $sfx" "$OUT/body"
req GET /feeds
check "the subscribers page counts the new member as reached by email" grep -q "reach-$rufat\"><td><a href=\"/people/$rufat\">Rufat Hasanov $sfx</a></td><td class=\"reach-mail" "$OUT/body"
req GET "/people/$rufat"
expect "the member's page lists the group" 200 "href=\"/groups/$G\""

req GET "/groups/$G/edit"
V=$(sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT/body" | head -1)
post "/groups/$G/edit" version="$V" name_en="$GROUP_EN (renamed)" name_az="$GROUP_AZ" member_rows=2 member_0_person="$rufat" \
	member_1_person="$quiet"
check "a member is taken out and the group renamed (303)" test "$STATUS" = 303
check "only the member taken out is sent a cancellation" test \
	"$(sql "SELECT string_agg(recipient || ':' || method, ' ' ORDER BY id) FROM mail_outbox WHERE series_id = $S AND method = 'CANCEL'")" = \
	"$LEYLA:CANCEL"
check "the meeting's attendee row has the new name" test "$(sql "SELECT group_en FROM attendee WHERE series_id = $S")" = "$GROUP_EN (renamed)"
check "the cancellation arrives" wait_for 120 has_mail "$LEYLA" 2
read_mail "$(files_to "$LEYLA" | tail -1)" &&
	check "… an iTIP CANCEL of the meeting's UID" test "$M_method:$M_uid" = "CANCEL:$(sql "SELECT uid FROM series WHERE id = $S")"
check "reminders reach the group's members (mail_recipients)" test \
	"$(sql "SELECT string_agg(person_id::text, ' ' ORDER BY person_id) FROM mail_recipients($S)")" = "$rufat"
check "every message this test queued was sent" wait_for 120 all_sent
check "the update is in the audit log" test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'group' AND entity_id = $G AND action = 'update'")" = 2
req GET "/groups/99999999"
expect "an unknown group is 404" 404
