#!/usr/bin/env bash
# t86_mail.sh - mail to attendees end to end: changes made through the forms enqueue their messages in the same
# transaction (migration 017), memocal-mailer sends them over SMTP to a real server on loopback (Debian's
# python3-aiosmtpd, tests/integration/smtp_sink.py), and every message is read back with python's email
# package and python3-icalendar (tests/integration/mail_check.py): method, organiser, attendee, RSVP,
# SEQUENCE, the feed's UID, Azerbaijani text. Then the server refusing for now and for good, STARTTLS
# required by default, a mailer killed between the server's acceptance and its own bookkeeping (the
# message comes again, never lost), two mailers at once (no message twice) and PostgreSQL restarted
# under a running mailer. Nothing leaves the machine: the only SMTP server is the sink on 127.0.0.1.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)

if ! $PY -c 'import aiosmtpd, icalendar' >"$OUT/import.err" 2>&1; then
	fail "mail: python3-aiosmtpd and python3-icalendar can be imported" "$(cat "$OUT/import.err")"
	exit 0
fi

# ---- what earlier tests queued is not this test's business ----
# Every test before this one changes meetings with attendees, and no mailer runs for them, so the queue holds
# thousands of their messages (t76 alone 40,000), all due before this test's own. They are set aside, so that
# what this test waits for is its own mail and not a backlog.
sql "UPDATE mail_outbox SET state = 'given_up', last_error = 'set aside by t86_mail' WHERE state IN ('queued', 'sending')" >/dev/null

# ---- the SMTP server on loopback, and the mailer's configuration ----
MAILDIR=$OUT/mail
rm -rf "$MAILDIR"
mkdir -p "$MAILDIR"
SMTP_PORT=$(free_port)
setsid $PY "$HERE/smtp_sink.py" "$SMTP_PORT" "$MAILDIR" >"$OUT/sink.log" 2>&1 </dev/null &
SINK=$!
MAILERS=()
cleanup() {
	local p
	for p in "${MAILERS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	kill -TERM "$SINK" 2>/dev/null
}
trap cleanup EXIT
check "the SMTP server listens on 127.0.0.1:$SMTP_PORT" wait_for 60 grep -q listening "$OUT/sink.log"

FROM=calendar.$sfx@memocal.test
# mailer_conf FILE [KEY = VALUE...]: the stack's configuration plus the mailer's keys
mailer_conf() {
	local f=$1
	shift
	{
		cat "$STACK_DIR/memocal.conf"
		printf '%s\n' "smtp_url = smtp://127.0.0.1:$SMTP_PORT" "mail_from = $FROM" \
			"mail_from_name = Xəzər Universiteti və MİRAS" "smtp_timeout = 10" "mail_retry = 1" \
			"mail_give_up = 3600" "mail_lease = 15" "$@"
	} >"$f"
}
mailer_conf "$OUT/mailer.conf" "smtp_tls = none"
mailer_conf "$OUT/mailer-tls.conf"
# start_mailer CONF: one more memocal-mailer in the background; its PID in MAILER
start_mailer() {
	setsid "$BIN/memocal-mailer" --config "$1" >>"$OUT/mailer.log" 2>&1 </dev/null &
	MAILER=$!
	MAILERS+=("$MAILER")
}
stop_mailer() { kill -TERM "$1" 2>/dev/null; wait_for 30 eval "! kill -0 $1 2>/dev/null"; }

# state_of ADDRESS [METHOD]: the states of the messages to ADDRESS, oldest first, joined by spaces
state_of() {
	sql "SELECT string_agg(state, ' ' ORDER BY id) FROM mail_outbox WHERE recipient = '$1'${2:+ AND method = '$2'}"
}
all_sent() { [ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient LIKE '%.$sfx@%' AND state IN ('queued', 'sending')")" = 0 ]; }
# files_to ADDRESS: the messages the server kept for ADDRESS, oldest first
files_to() { grep -l -i -x -F "X-Envelope-To: $1"$'\r' "$MAILDIR"/*.eml 2>/dev/null | sort; }
count_to() { files_to "$1" | grep -c . ; }
has_mail() { [ "$(count_to "$1")" -ge "${2:-1}" ]; }
# read_mail FILE: mail_check.py's findings as shell variables M_key
read_mail() {
	local line
	unset "${!M_@}"
	$PY "$HERE/mail_check.py" "$1" >"$OUT/mail.txt" 2>&1 || { echo "mail_check: $(cat "$OUT/mail.txt")" >&2; return 1; }
	while IFS= read -r line; do
		printf -v "M_${line%%=*}" '%s' "${line#*=}"
	done <"$OUT/mail.txt"
}

# ---- people with addresses, through the people form ----
as admin
person() { # person NAME_EN NAME_AZ LANG EMAIL [PREF]: prints the new person's id
	post /people/new full_name_en="$1" full_name_az="$2" preferred_lang="$3" email="$4" email_pref="${5:-every}" rows=0
	local l
	l=$(header Location)
	l=${l%%\?*} # /people/ID, perhaps with ?done=…
	echo "${l##*/}"
}
AYNUR=aynur.$sfx@example.test TOM=tom.$sfx@example.test LATER=later.$sfx@example.test NEVER=never.$sfx@example.test
QUIET=quiet.$sfx@example.test
aynur=$(person "Aynur Mammadova $sfx" "Aynur Məmmədova $sfx" az "$AYNUR")
tom=$(person "Tom Baker $sfx" "Tom Beyker $sfx" en "$TOM")
later=$(person "Later Person $sfx" "Sonra Şəxs $sfx" en "$LATER")
never=$(person "Never Person $sfx" "Heç Vaxt $sfx" en "$NEVER")
quiet=$(person "Quiet Person $sfx" "Sakit Şəxs $sfx" en "$QUIET" none)
check "five people with addresses are created" test -n "$aynur" -a -n "$tom" -a -n "$later" -a -n "$never" -a -n "$quiet"
check "the people form keeps the email preference (nothing)" test "$(sql "SELECT email_pref FROM person WHERE id = ${quiet:-0}")" = none
req GET "/people/${quiet:-0}/edit"
expect "the person's edit form shows the email preference" 200 'name="email_pref"'

M=1
D=$(date -u -d '+20 days' +%F)
TITLE_AZ="Şuranın iclası — Xəzər və MİRAS $sfx (ə, ğ, ı, ö, ş, ç, ü)"
TITLE_EN="Board meeting $sfx"
# the form takes a field's first value: the times are given apart, so that a change can give others
meeting=(kind=meeting status=confirmed tzid=Asia/Baku start_date="$D" repeat=weekly ends=count count=4
	title_az="$TITLE_AZ" location="Xəzər Universiteti, 41 Məhsəti küçəsi")
at10=(start_time=10:00 end_time=11:30)
at15=(start_time=15:00 end_time=16:30)
who=(attendee_rows=5 attendee_0_person="$aynur" attendee_0_role=chair attendee_1_person="$tom" attendee_2_person="$later"
	attendee_3_person="$never" attendee_4_person="$quiet")
outbox_count() { sql "SELECT count(*) FROM mail_outbox"; }

# ---- a refused form queues nothing; a saved one queues its messages with it ----
before=$(outbox_count)
post "/memoranda/$M/series/new" "${meeting[@]}" "${who[@]}" title_en="$TITLE_EN" start_time=10:00 end_time=09:00 action=confirm
check "a refused meeting form (end before start) is 422" test "$STATUS" = 422
check "… and queues no mail (the change rolled back, so did its messages)" test "$(outbox_count)" = "$before"
post "/memoranda/$M/series/new" "${meeting[@]}" "${who[@]}" title_en="$TITLE_EN" "${at10[@]}" action=confirm
S=$([ "$STATUS" = 303 ] && header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
check "a weekly meeting with five attendees is created through its form" test -n "$S"
S=${S:-0}
UID_S=$(sql "SELECT uid FROM series WHERE id = $S")
check "it queued one invitation (REQUEST) for each attendee who wants every change" test \
	"$(sql "SELECT string_agg(recipient || ':' || method || ':' || state, ' ' ORDER BY recipient) FROM mail_outbox WHERE series_id = $S")" = \
	"$AYNUR:REQUEST:queued $LATER:REQUEST:queued $NEVER:REQUEST:queued $TOM:REQUEST:queued"
check "every message has its own Message-ID key" test \
	"$(sql "SELECT count(DISTINCT message_key) FROM mail_outbox WHERE series_id = $S")" = 4

# ---- the occurrence index's monthly roll is memocal-mailer's too (migration 030): a horizon a year behind, as
# after a mailer that was down, is rolled to this month's by the next mailer, and every series written again ----
sql "UPDATE occurrence_horizon SET lo = lo - interval '1 year', hi = hi - interval '1 year'" >/dev/null

# ---- STARTTLS is required unless configured otherwise: the sink has none, so nothing goes ----
start_mailer "$OUT/mailer-tls.conf"
rolled() {
	[ "$(sql "SELECT hi > now() + interval '13 months' FROM occurrence_horizon")" = t ] &&
		[ "$(sql "SELECT count(*) FROM series_span WHERE occ_state = 0")" = 0 ]
}
check "memocal-mailer rolls the occurrence index's horizon to this month's and writes every series again" \
	wait_for 60 rolled
tls_refused() { [ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$AYNUR' AND attempts > 0 AND last_error IS NOT NULL")" -ge 1 ]; }
check "with smtp_tls required (the default) a server without STARTTLS is refused: the message waits" wait_for 60 tls_refused
stop_mailer "$MAILER"
check "… with the reason kept ($(sql "SELECT left(last_error, 60) FROM mail_outbox WHERE recipient = '$AYNUR' LIMIT 1"))" \
	test "$(state_of "$AYNUR")" = queued -a "$(sql "SELECT last_error ILIKE '%tls%' FROM mail_outbox WHERE recipient = '$AYNUR'")" = t
check "… and nothing reached the server" test "$(count_to "$AYNUR")" = 0

# ---- sending: a temporary refusal for one, a permanent one for another ----
printf '%s 451 4.3.0 try again later\n%s 550 5.1.1 no such mailbox\n' "$LATER" "$NEVER" >"$MAILDIR/refuse"
start_mailer "$OUT/mailer.conf"
check "the mailer sends the invitations to the SMTP server" wait_for 60 eval 'has_mail "$AYNUR" && has_mail "$TOM"'
check "… and marks them sent" wait_for 30 eval '[ "$(state_of "$AYNUR")" = sent ] && [ "$(state_of "$TOM")" = sent ]'
failed_for_good() { [ "$(state_of "$NEVER")" = failed ]; }
check "a 550 refusal marks the message failed" wait_for 60 failed_for_good
check "… with the server's answer" test "$(sql "SELECT last_error LIKE '%550%' FROM mail_outbox WHERE recipient = '$NEVER'")" = t
retried() { [ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$LATER' AND state = 'queued' AND attempts >= 2 AND last_error LIKE '%451%'")" = 1 ]; }
check "a 451 refusal keeps the message queued and tries again later (backoff)" wait_for 60 retried
check "… and none of them reached the server" test "$(count_to "$LATER")" = 0 -a "$(count_to "$NEVER")" = 0
check "the attendee who wants no mail gets none" test "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$QUIET'")" = 0
rm -f "$MAILDIR/refuse"
check "once the server takes it, the message refused for now is sent" wait_for 90 eval '[ "$(state_of "$LATER")" = sent ]'
check "… exactly once" test "$(count_to "$LATER")" = 1

# ---- the staff's outbox page: what was refused and why, and sending it again ----
as viewer
req GET "/outbox?person=$never"
expect "a viewer sees the person's mail with the server's answer" 200 "$NEVER" "550 5.1.1 no such mailbox" "Refused"
refute "… without the button to send it again" "/resend"
req GET "/outbox?memorandum=$M"
expect "the memorandum's outbox lists its messages" 200 "$AYNUR" "$TOM" "Sent"
req GET "/outbox?person=x"
expect "a filter that is not a number is 400, named" 400 "must be a number"
as editor
req GET "/outbox?person=$never"
expect "an editor has the button" 200 "/resend"
NID=$(sql "SELECT id FROM mail_outbox WHERE recipient = '$NEVER'")
post "/outbox/$NID/resend" person="$never" memorandum=
check "sending it again answers the same filtered page (303)" test "$STATUS/$(header Location)" = "303//outbox?memorandum=&person=$never"
check "… the server, which now takes it, gets it" wait_for 60 has_mail "$NEVER"
check "… it is marked sent" wait_for 30 eval '[ "$(state_of "$NEVER")" = sent ]'
check "… and the audit log says who sent it again" test \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'mail_message' AND entity_id = $NID AND action = 'update' AND user_login = 'editor'")" = 1
post "/outbox/$NID/resend" person="$never" memorandum=
check "sending a sent message again changes nothing (303, still sent)" test "$STATUS/$(state_of "$NEVER")" = 303/sent
as admin

# ---- what the invitation says, read by python's email package and python3-icalendar ----
as admin
feed_token_web "person:$aynur" az "mail test $sfx"
JAR="" req GET "/feeds/$TOKEN.ics"
FEED_UIDS=$(tr -d '\r' <"$OUT/body" | sed -n 's/^UID://p')
check "the attendee's feed holds the meeting" grep -qxF -e "$UID_S" <<<"$FEED_UIDS"
# the subscribers page says how each attendee hears of changes
req GET /feeds
reach_of() { tr -d '\n' <"$OUT/body" | grep -o "<tr id=\"reach-$1\">.*" | sed 's|</tr>.*||' | grep -o 'class="reach-[a-z]*"'; }
check "the subscribers page: Aynur gets mail and a feed, Tom mail, the quiet one nothing" test \
	"$(reach_of "$aynur") $(reach_of "$tom") $(reach_of "$quiet")" = 'class="reach-both" class="reach-mail" class="reach-none"'
if read_mail "$(files_to "$AYNUR" | head -1)"; then
	pass "the invitation to Aynur parses (multipart/alternative: text, HTML, text/calendar; the .ics attachment equal to it)"
	check "METHOD:REQUEST in the calendar and method=REQUEST on its part" test "$M_method/$M_part_method" = REQUEST/REQUEST
	check "UID is the feed's" test "$M_uid" = "$UID_S"
	check "ORGANIZER is the configured address" test "$M_organizer" = "mailto:$FROM"
	check "her ATTENDEE line asks for a reply (RSVP=TRUE)" test "$M_attendee/$M_rsvp" = "mailto:$AYNUR/TRUE"
	check "Azerbaijani text is intact in the subject, the calendar, the text and the HTML (her language)" \
		test "$M_subject" = "Dəvət: $TITLE_AZ" -a "$M_summary" = "$TITLE_AZ"
	check "… the plain text" grep -qF "$TITLE_AZ" <<<"$M_text"
	check "… the HTML (escaped like every page)" grep -qF "Şuranın iclası — Xəzər və MİRAS $sfx (ə, ğ, ı, ö, ş, ç, ü)" <<<"$M_html"
	check "the sender's Azerbaijani name survives its RFC 2047 encoding" \
		$PY -c 'import sys; from email import policy; from email.parser import BytesParser; m = BytesParser(policy=policy.default).parse(open(sys.argv[1], "rb")); sys.exit(m["From"].addresses[0].display_name != "Xəzər Universiteti və MİRAS")' "$(files_to "$AYNUR" | head -1)"
	check "the Message-ID is the outbox row's" test "$M_message_id" = "<$(sql "SELECT message_key FROM mail_outbox WHERE recipient = '$AYNUR'")@memocal.test>"
	SEQ1=$M_sequence
	check "the rule goes with it" test "$M_rrule" = yes
else
	fail "the invitation to Aynur parses" "$(cat "$OUT/mail.txt")"
fi
if read_mail "$(files_to "$TOM" | head -1)"; then
	check "Tom's invitation is in English, his language" test "$M_subject" = "Invitation: $TITLE_EN" -a "$M_summary" = "$TITLE_EN"
else
	fail "the invitation to Tom parses" "$(cat "$OUT/mail.txt")"
fi

# ---- a change that matters: a REQUEST with a higher SEQUENCE ----
V=$(sql "SELECT version FROM series WHERE id = $S")
post "/series/$S/edit" "${meeting[@]}" "${who[@]}" title_en="$TITLE_EN" "${at15[@]}" version="$V" action=confirm
check "moving the meeting to 15:00 is saved" test "$STATUS" = 303
check "… and Aynur gets an update" wait_for 60 has_mail "$AYNUR" 2
if read_mail "$(files_to "$AYNUR" | tail -1)"; then
	check "the update is a REQUEST with the same UID and a higher SEQUENCE ($SEQ1 -> $M_sequence)" \
		test "$M_method" = REQUEST -a "$M_uid" = "$UID_S" -a "${M_sequence:-0}" -gt "${SEQ1:-0}"
	check "… said to be an update, not a new invitation, in her language" test "$M_subject" = "Yenilənmiş dəvət: $TITLE_AZ"
else
	fail "the update parses" "$(cat "$OUT/mail.txt")"
fi

# ---- one occurrence cancelled: a CANCEL with its RECURRENCE-ID ----
check "the update is sent to everyone before the next change" wait_for 60 all_sent
RID=$(date -d "$D + 7 days" +%Y%m%d)T150000
# moved first (to the next day, 16:00): its cancellation then names the day it had, not its original one
post "/series/$S/occurrences/$RID/edit" start_date="$(date -d "$D + 8 days" +%F)" start_time=16:00 end_time=17:00 \
	title_en="$TITLE_EN" title_az="$TITLE_AZ" version="$(sql "SELECT version FROM series WHERE id = $S")" action=confirm
check "the second occurrence is moved a day on (303)" test "$STATUS" = 303
check "… and that is sent before it is cancelled" wait_for 60 all_sent
n=$(count_to "$AYNUR")
V=$(sql "SELECT version FROM series WHERE id = $S")
post "/series/$S/occurrences/$RID/cancel" version="$V"
check "cancelling the second occurrence is done" test "$STATUS" = 303
check "… and Aynur hears of it" wait_for 60 has_mail "$AYNUR" $((n + 1))
if read_mail "$(files_to "$AYNUR" | tail -1)"; then
	check "it is a CANCEL of that one occurrence (RECURRENCE-ID $M_recurrence_id, no rule)" \
		test "$M_method/$M_part_method/$M_status/$M_rrule" = "CANCEL/CANCEL/CANCELLED/no" -a \
		"$M_recurrence_id" = "$(date -d "$D + 7 days" +%F) 15:00:00" -a "$M_uid" = "$UID_S"
	check "… its subject names the day it had been moved to ($M_subject)" \
		eval '[[ $M_subject == *", $(date -d "$D + 8 days" +%-d) "* ]]'
	check "… stamped when it was made (DTSTAMP $M_stamp_age s ago), created with the series ($M_created_year), not in 1970" \
		test "${M_stamp_age:-x}" -ge 0 -a "${M_stamp_age:-x}" -lt 3600 -a "$M_created_year" = "$(date -u +%Y)"
else
	fail "the occurrence's cancellation parses" "$(cat "$OUT/mail.txt")"
fi
check "… and only that: no REQUEST of the whole series besides" eval 'wait_for 60 all_sent && [ "$(count_to "$AYNUR")" = $((n + 1)) ]'

# ---- an attendee removed hears the series is cancelled for them ----
toms=$(count_to "$TOM")
V=$(sql "SELECT version FROM series WHERE id = $S")
post "/series/$S/edit" "${meeting[@]}" attendee_rows=1 attendee_0_person="$aynur" attendee_0_role=chair \
	title_en="$TITLE_EN" "${at15[@]}" version="$V" action=confirm
check "removing every attendee but Aynur is saved" test "$STATUS" = 303
check "… and Tom gets a cancellation" wait_for 60 has_mail "$TOM" $((toms + 1))
if read_mail "$(files_to "$TOM" | tail -1)"; then
	check "Tom's is a CANCEL of the whole series (no RECURRENCE-ID)" \
		test "$M_method/$M_recurrence_id/$M_uid" = "CANCEL//$UID_S"
else
	fail "Tom's cancellation parses" "$(cat "$OUT/mail.txt")"
fi

# ---- the series deleted: a CANCEL built from what the outbox kept ----
check "the update for Aynur (her fellow attendees changed) is sent first" wait_for 60 all_sent
if read_mail "$(files_to "$AYNUR" | tail -1)"; then
	check "that update (a REQUEST) names the single date cancelled before, in words, in her language" \
		test "$M_method" = REQUEST -a -n "$(grep -F "Dəyişdirilmiş tarixlər: | - $(date -d "$D + 7 days" +%F) 15:00: ləğv edilib" <<<"${M_text//$'\r'/}")"
	check "… and so does its HTML" grep -qF "ləğv edilib</li>" <<<"$M_html"
else
	fail "Aynur's update parses" "$(cat "$OUT/mail.txt")"
fi
V=$(sql "SELECT version FROM series WHERE id = $S")
n=$(count_to "$AYNUR")
post "/series/$S/delete" version="$V"
check "deleting the meeting is done" test "$STATUS" = 303
check "… and Aynur gets its cancellation" wait_for 60 has_mail "$AYNUR" $((n + 1))
if read_mail "$(files_to "$AYNUR" | tail -1)"; then
	check "it is a CANCEL with the feed's UID, STATUS:CANCELLED and a higher SEQUENCE, after the series is gone" \
		test "$M_method/$M_status/$M_uid" = "CANCEL/CANCELLED/$UID_S" -a "${M_sequence:-0}" -gt "${SEQ1:-0}"
	check "… in her language" test "$M_subject" = "Ləğv edildi: $TITLE_AZ"
	check "… stamped when it was made (DTSTAMP $M_stamp_age s ago), without a CREATED it no longer knows ('$M_created_year')" \
		test "${M_stamp_age:-x}" -ge 0 -a "${M_stamp_age:-x}" -lt 3600 -a -z "$M_created_year"
else
	fail "the deletion's cancellation parses" "$(cat "$OUT/mail.txt")"
fi
check "nothing is left to send" wait_for 60 all_sent
stop_mailer "$MAILER"

# ---- killed between the server's acceptance and the state update: sent again, never lost ----
KILLED=killed.$sfx@example.test
killed=$(person "Killed Mailer $sfx" "Dayandırılmış $sfx" en "$KILLED")
echo 20 >"$MAILDIR/slow" # the server keeps the message, then waits 20 s before its 250
post "/memoranda/$M/series/new" "${meeting[@]}" attendee_rows=1 attendee_0_person="$killed" title_en="Killed $sfx" "${at10[@]}" action=confirm
check "a meeting for the next test is created" test "$STATUS" = 303
start_mailer "$OUT/mailer.conf"
check "the server has the message (its answer held back)" wait_for 60 has_mail "$KILLED"
check "… while the outbox still says sending" test "$(state_of "$KILLED")" = sending
{ kill -KILL "$MAILER" && wait "$MAILER"; } 2>/dev/null
rm -f "$MAILDIR/slow"
start_mailer "$OUT/mailer.conf"
check "after the lease a new mailer sends it again, and it is marked sent" wait_for 90 eval '[ "$(state_of "$KILLED")" = sent ]'
ids=$(for f in $(files_to "$KILLED"); do read_mail "$f" && echo "$M_message_id"; done | sort -u)
check "… the server got it twice with one Message-ID (a repeat, never a loss)" \
	test "$(count_to "$KILLED")" = 2 -a "$(wc -l <<<"$ids")" = 1
stop_mailer "$MAILER"

# ---- two mailers at once: no message twice ----
many=()
for i in $(seq 0 19); do
	p=$(person "Many $i $sfx" "Çox $i $sfx" az "many$i.$sfx@example.test")
	many+=("attendee_${i}_person=$p")
done
post "/memoranda/$M/series/new" "${meeting[@]}" attendee_rows=20 "${many[@]}" title_en="Many $sfx" "${at10[@]}" action=confirm
check "a meeting with twenty attendees is created" test "$STATUS" = 303
check "… with twenty invitations queued" test "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient LIKE 'many%.$sfx@%' AND state = 'queued'")" = 20
start_mailer "$OUT/mailer.conf"
A=$MAILER
start_mailer "$OUT/mailer.conf"
B=$MAILER
check "two mailers send all twenty" wait_for 120 eval '[ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient LIKE '"'"'many%.'"$sfx"'@%'"'"' AND state = '"'"'sent'"'"'")" = 20 ]'
got=$(for i in $(seq 0 19); do count_to "many$i.$sfx@example.test"; done | sort | uniq -c | tr -s ' ')
check "… and the server got each exactly once ($got)" test "$got" = " 20 1"
stop_mailer "$A"

# ---- a reminder before a meeting (mail_reminder, one day by default), once ----
REM=remind.$sfx@example.test
rem=$(person "Remind Me $sfx" "Xatırlat Məni $sfx" az "$REM")
soon=(start_date="$(TZ=Asia/Baku date -d '+3 hours' +%F)" start_time="$(TZ=Asia/Baku date -d '+3 hours' +%H:%M)"
	end_date="$(TZ=Asia/Baku date -d '+4 hours' +%F)" end_time="$(TZ=Asia/Baku date -d '+4 hours' +%H:%M)")
post "/memoranda/$M/series/new" kind=meeting status=confirmed tzid=Asia/Baku repeat=none title_en="Soon $sfx" \
	title_az="Tezliklə $sfx — görüş" "${soon[@]}" attendee_rows=1 attendee_0_person="$rem" action=confirm
check "a meeting in three hours is created" test "$STATUS" = 303
reminded() { [ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$REM' AND method = 'REMINDER' AND state = 'sent'")" = 1 ]; }
check "its attendee gets a reminder as well as the invitation" wait_for 120 reminded
if read_mail "$(for f in $(files_to "$REM"); do grep -l "^Subject: =?UTF-8" "$f"; done | while read -r f; do read_mail "$f" && [ "$M_method" = none ] && echo "$f"; done | head -1)"; then
	check "the reminder is plain (no calendar part: the invitation brought the event) and in her language, its day in the subject" \
		eval '[ "$M_method" = none ] && [[ $M_subject == "Xatırlatma: Tezliklə $sfx — görüş, "[0-9]*" 20"[0-9][0-9] ]]'
else
	fail "the reminder parses" "$(cat "$OUT/mail.txt")"
fi
stop_mailer "$B"
start_mailer "$OUT/mailer.conf"
B=$MAILER
V=$(sql "SELECT version FROM series WHERE title_en = 'Soon $sfx'")
SOON=$(sql "SELECT id FROM series WHERE title_en = 'Soon $sfx'")
post "/series/$SOON/edit" kind=meeting status=confirmed tzid=Asia/Baku repeat=none title_en="Soon $sfx" \
	title_az="Tezliklə $sfx — görüş" "${soon[@]}" location="Otaq 5" attendee_rows=1 attendee_0_person="$rem" \
	version="$V" action=confirm
check "a change to it (a new room) is saved, and its update sent" wait_for 60 eval '[ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '"'$REM'"' AND method = '"'REQUEST'"' AND state = '"'sent'"'")" = 2 ]'
check "… a new mailer, looking again after the change, queues no second reminder" test \
	"$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$REM' AND method = 'REMINDER'")" = 1

# ---- PostgreSQL restarted under a running mailer: it reconnects and listens again ----
stack_pg_restart fast >/dev/null 2>&1
check "PostgreSQL is back" wait_for 60 eval '[ "$(sql "SELECT 1" 2>/dev/null)" = 1 ]'
AFTER=after.$sfx@example.test
as admin
after=$(person "After Restart $sfx" "Yenidən $sfx" en "$AFTER")
post "/memoranda/$M/series/new" "${meeting[@]}" attendee_rows=1 attendee_0_person="$after" title_en="After $sfx" "${at10[@]}" action=confirm
check "a meeting made after the restart is saved" test "$STATUS" = 303
check "the mailer that lived through the restart sends its invitation" wait_for 90 has_mail "$AFTER"
stop_mailer "$B"
check "the mailer ends on SIGTERM" eval '! kill -0 '"$B"' 2>/dev/null'

# ---- the weekly digest (mail_digest_weekday/_hour/_zone): once, in the person's language ----
# The digest's moment is set to this hour of today (UTC): it is due at once, for the seven days that follow.
read -r WD HR < <(date -u '+%u %H')
mailer_conf "$OUT/mailer-digest.conf" "smtp_tls = none" "mail_digest_zone = UTC" "mail_digest_weekday = $WD" \
	"mail_digest_hour = $((10#$HR))"
DIG=digest.$sfx@example.test DIG2=digest2.$sfx@example.test NOMAIL=nomail.$sfx@example.test
IDLE=idle.$sfx@example.test
dig=$(person "Digest Reader $sfx" "Xülasə Oxucusu $sfx" az "$DIG" digest)
dig2=$(person "Second Reader $sfx" "İkinci Oxucu $sfx" en "$DIG2" digest)
nomail=$(person "No Mail $sfx" "Məktubsuz $sfx" az "$NOMAIL" none)
idle=$(person "Idle Reader $sfx" "Boş Oxucu $sfx" en "$IDLE" digest) # a digest wanted, no meeting: nothing to say
check "people who want a digest, and one who wants nothing, are created" \
	test -n "$dig" -a -n "$dig2" -a -n "$nomail" -a -n "$idle"
DD=$(TZ=Asia/Baku date -d '+2 days' +%F)
dday() { TZ=Asia/Baku date -d "$DD + $1 days" +%F; }
DIG_AZ="Həftəlik <iclas> & şura $sfx"
post "/memoranda/$M/series/new" kind=meeting status=confirmed tzid=Asia/Baku start_date="$DD" start_time=10:00 \
	end_time=11:00 repeat=daily ends=count count=3 title_en="Weekly <board> & co $sfx" title_az="$DIG_AZ" \
	attendee_rows=2 attendee_0_person="$dig" attendee_1_person="$nomail" action=confirm
DS=$([ "$STATUS" = 303 ] && header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
check "a meeting on three days in the coming week is created" test -n "$DS"
DS=${DS:-0}
dver() { sql "SELECT version FROM series WHERE id = $DS"; }
post "/series/$DS/occurrences/$(dday 1 | tr -d -)T100000/cancel" version="$(dver)"
check "… its second day is cancelled" test "$STATUS" = 303
post "/series/$DS/occurrences/$(dday 2 | tr -d -)T100000/edit" start_date="$(dday 2)" start_time=15:00 end_time=16:00 \
	title_en="Weekly <board> & co $sfx" title_az="$DIG_AZ" version="$(dver)" action=confirm
check "… and its third moved to 15:00" test "$STATUS" = 303
check "someone who wants a digest gets no invitation" test "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient IN ('$DIG', '$NOMAIL')")" = 0
# open action items, from the first day's record once circulated: hers (one overdue, one due later, one
# undated), one done and one in a draft record (neither is told), and one of someone with no meeting at all
ACTS=acts.$sfx@example.test
acts=$(person "Action Owner $sfx" "Tapşırıq Sahibi $sfx" en "$ACTS" digest)
sql "WITH r AS (INSERT INTO meeting_record (series_id, recurrence_id, state) VALUES ($DS, '$DD 10:00', 'circulated') RETURNING id)
	INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
	SELECT r.id, v.sort, v.en, v.az, v.owner, v.due, v.status FROM r, (VALUES
		(1, 'Send the <draft> plan $sfx', 'Planı <layihə> göndərmək $sfx', $dig, current_date - 3, 'open'),
		(2, 'Book the hall $sfx', 'Zalı sifariş etmək $sfx', $dig, NULL::date, 'open'),
		(3, 'Write the brief $sfx', 'Qısa arayış yazmaq $sfx', $dig, current_date + 10, 'open'),
		(4, 'Done already $sfx', 'Artıq görülüb $sfx', $dig, current_date - 1, 'done'),
		(5, 'Print the posters $sfx', 'Afişaları çap etmək $sfx', $acts, current_date + 2, 'open'))
		AS v(sort, en, az, owner, due, status)" >/dev/null
sql "WITH r AS (INSERT INTO meeting_record (series_id, recurrence_id, state) VALUES ($DS, '$(dday 2) 10:00', 'draft') RETURNING id)
	INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id) SELECT id, 1, 'Still a draft $sfx', 'Hələ layihədir $sfx', $dig FROM r" >/dev/null
check "open, done and draft actions are on record" \
	test "$(sql "SELECT count(*) FROM record_action WHERE what_en LIKE '%$sfx'")" = 6

start_mailer "$OUT/mailer-digest.conf"
A=$MAILER
start_mailer "$OUT/mailer-digest.conf"
B=$MAILER
check "two mailers at once: the digests are sent" \
	wait_for 120 eval '[ "$(state_of "$DIG" DIGEST)" = sent ] && [ "$(state_of "$ACTS" DIGEST)" = sent ]'
stop_mailer "$A"
stop_mailer "$B"
check "… queued once, keyed by person and ISO week" test \
	"$(sql "SELECT count(*) || ' ' || min(reminder_key) FROM mail_outbox WHERE recipient = '$DIG'")" = \
	"1 digest:$dig:$(date -u +%G-W%V)"
check "… and the server got exactly one" test "$(count_to "$DIG")" = 1
# is ACTUAL EXPECTED, has TEXT PART: as test and grep -F, saying what they saw when they fail
is() { [ "$1" = "$2" ] || { printf 'got:  %s\nwant: %s\n' "$1" "$2"; return 1; }; }
has() { grep -qF -- "$2" <<<"$1" || { printf 'not in: %s\n' "$1"; return 1; }; }
if read_mail "$(files_to "$DIG")"; then
	M_text=${M_text//$'\r'/}
	check "the digest is in her language (Azerbaijani), plain (no calendar part)" \
		is "$M_method $M_subject" "none Görüşləriniz: $(date -u +%F) - $(date -u -d '+6 days' +%F)"
	check "… the text lists the first day at its time" has "$M_text" "* $DD 10:00 (Asia/Baku)  $DIG_AZ |"
	check "… the cancelled day marked as cancelled" has "$M_text" "* $(dday 1) 10:00 (Asia/Baku)  $DIG_AZ  [ləğv edilib] |"
	check "… the moved day at its new time, saying when it was" \
		has "$M_text" "* $(dday 2) 15:00 (Asia/Baku)  $DIG_AZ  [köçürülüb, əvvəl: $(dday 2) 10:00] |"
	check "… the HTML escapes the title like every page" has "$M_html" "Həftəlik &lt;iclas&gt; &amp; şura $sfx"
	check "… and never writes it raw" eval '! grep -qF "<iclas>" <<<"$M_html"'
	check "… and links the meeting" grep -qF "/series/$DS\"" <<<"$M_html"
	check "… then her open action items, the overdue one said so, the one from a circulated record named" \
		has "$M_text" "Açıq tapşırıqlarınız: |  | * Planı <layihə> göndərmək $sfx  [son tarix $(sql "SELECT current_date - 3"), vaxtı keçib] |   görüşdən: $DIG_AZ, $DD |"
	check "… the one due later not overdue, the undated one last" \
		has "$M_text" "* Qısa arayış yazmaq $sfx  [son tarix $(sql "SELECT current_date + 10")] |   görüşdən: $DIG_AZ, $DD | * Zalı sifariş etmək $sfx |"
	check "… never a done action or one of a draft record" eval '! grep -qE "Artıq görülüb|Hələ layihədir" <<<"$M_text$M_html"'
	check "… the action escaped in the HTML" has "$M_html" "Planı &lt;layihə&gt; göndərmək $sfx"
else
	fail "the digest parses" "$(cat "$OUT/mail.txt")"
fi
check "someone with open actions but no meeting that week gets a digest of them" test "$(count_to "$ACTS")" = 1
if read_mail "$(files_to "$ACTS")"; then
	M_text=${M_text//$'\r'/}
	check "… saying there is no meeting, then the action" has "$M_text" \
		"No meetings for you in the coming week. |  | Your open action items: |  | * Print the posters $sfx  [due $(sql "SELECT current_date + 2")] |   from the meeting Weekly <board> & co $sfx, $DD |"
else
	fail "the actions-only digest parses" "$(cat "$OUT/mail.txt")"
fi
check "someone who wants no mail gets no digest" test "$(count_to "$NOMAIL")" = 0

# a new mailer looks again at once: it queues the digest of someone added since, and hers not again
post "/series/$DS/edit" kind=meeting status=confirmed tzid=Asia/Baku start_date="$DD" start_time=10:00 end_time=11:00 \
	repeat=daily ends=count count=3 title_en="Weekly <board> & co $sfx" title_az="$DIG_AZ" attendee_rows=3 \
	attendee_0_person="$dig" attendee_1_person="$nomail" attendee_2_person="$dig2" version="$(dver)" action=confirm
check "a second reader is added to the meeting" test "$STATUS" = 303
start_mailer "$OUT/mailer-digest.conf"
check "a restarted mailer sends the newcomer's digest, in English" wait_for 120 eval '[ "$(state_of "$DIG2" DIGEST)" = sent ]'
stop_mailer "$MAILER"
if read_mail "$(files_to "$DIG2")"; then
	check "… in English" is "$M_subject" "Your meetings: $(date -u +%F) - $(date -u -d '+6 days' +%F)"
else
	fail "the second digest parses" "$(cat "$OUT/mail.txt")"
fi
check "… and queues none again for the first reader" test "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$DIG'")" = 1 \
	-a "$(count_to "$DIG")" = 1
check "someone who wants a digest but has no meeting that week gets nothing" \
	test "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$IDLE'")" = 0 -a "$(count_to "$IDLE")" = 0

# ---- a single new invitation does not wait behind a big import's batch (migration 021: bulk last) ----
# 300 invitations queued by one transaction, as an import's COMMIT queues its thousands (mail_flush() inserts
# them the same way: the trigger that marks a transaction's 101st message onwards as bulk sees every insert)
sql "INSERT INTO mail_outbox (series_id, recipient, lang, method)
	SELECT $DS, 'bulk' || g || '.$sfx@example.test', 'en', 'REQUEST' FROM generate_series(1, 300) g" >/dev/null
check "one transaction's 300 messages: the first 100 ordinary, the other 200 bulk" test \
	"$(sql "SELECT string_agg(bulk::text || ':' || n, ' ' ORDER BY bulk) FROM (SELECT bulk, count(*) n FROM mail_outbox WHERE recipient LIKE 'bulk%.$sfx@%' GROUP BY bulk) b")" = \
	"false:100 true:200"
FIRST=first.$sfx@example.test
first=$(person "First Come $sfx" "Birinci $sfx" en "$FIRST")
post "/memoranda/$M/series/new" "${meeting[@]}" attendee_rows=1 attendee_0_person="$first" title_en="First $sfx" "${at10[@]}" action=confirm
check "a meeting with one attendee is created after the batch" test "$STATUS" = 303
check "… its invitation is ordinary" test "$(sql "SELECT bulk FROM mail_outbox WHERE recipient = '$FIRST'")" = f
start_mailer "$OUT/mailer.conf"
check "the single invitation is sent" wait_for 120 has_mail "$FIRST"
bulk_before=$(ls "$MAILDIR" | grep '\.eml$' | sort | sed -n "1,/^$(basename "$(files_to "$FIRST")")\$/p" |
	while read -r f; do grep -q -i -E "^X-Envelope-To: bulk[0-9]+\.$sfx@" "$MAILDIR/$f" && echo "$f"; done | grep -c .)
check "… after at most the batch's 100 ordinary messages, not its 300 ($bulk_before)" test "${bulk_before:-999}" -le 100
check "… and the bulk ones are all sent after it" wait_for 300 eval \
	'[ "$(sql "SELECT count(*) FROM mail_outbox WHERE recipient LIKE '"'"'bulk%.'"$sfx"'@%'"'"' AND state = '"'"'sent'"'"'")" = 300 ]'
stop_mailer "$MAILER"
