#!/usr/bin/env bash
# t86_staff_digest.sh - the weekly staff digest (issue 17, item 5; migration 028) end to end: a staff member
# gives an address and ticks the digest on the real /account form (a digest without an address is a 422 at
# the address in the reader's language, everything typed kept; a form opened before a change is a 409),
# memocal-mailer queues one STAFF message per account at the weekly digest's moment (as t86_mail triggers
# it: the moment set to this hour of today), sends it to the SMTP sink on loopback (smtp_sink.py), and the
# message is read back with python's email package (mail_check.py): to the account's address, subject and
# text in Azerbaijani with the letters intact, the memorandum entering its notice period (marked new) and
# the overdue action there, an action not yet due and a done one not. Two mailers at once and a restarted
# one: still one message. An account with the digest off, or disabled, gets none.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
today=$(TZ=Asia/Baku date +%F) # the day a memorandum's life is counted in (LIFE_TODAY)

if ! $PY -c 'import aiosmtpd' >"$OUT/import.err" 2>&1; then
	fail "staff digest: python3-aiosmtpd can be imported" "$(cat "$OUT/import.err")"
	exit 0
fi
# what earlier tests queued is not this test's business (as in t86_mail)
sql "UPDATE mail_outbox SET state = 'given_up', last_error = 'set aside by t86_staff_digest' WHERE state IN ('queued', 'sending')" >/dev/null

# ---- the accounts: an Azerbaijani editor, an English viewer, one who leaves the digest off, one disabled ----
AZ=staffaz$sfx EN=staffen$sfx OFF=staffoff$sfx GONE=staffgone$sfx
AZ_MAIL=az.$sfx@staff.test EN_MAIL=en.$sfx@staff.test OFF_MAIL=off.$sfx@staff.test GONE_MAIL=gone.$sfx@staff.test
as admin
for u in "$AZ:editor" "$EN:viewer" "$OFF:editor" "$GONE:editor"; do
	post /users/new login="${u%%:*}" display_name="Staff ${u%%:*}" role="${u##*:}" password="$PASSWORD" password_confirm="$PASSWORD"
done
check "four staff accounts are made" test "$(sql "SELECT count(*) FROM staff_user WHERE login LIKE 'staff%$sfx'")" = 4

# is ACTUAL EXPECTED: as test, saying what it saw when it fails
is() { [ "$1" = "$2" ] || { printf 'got:  %s\nwant: %s\n' "$1" "$2"; return 1; }; }
ver() { sql "SELECT version FROM staff_user WHERE login = '$1'"; }
# account LANG FIELD=VALUE...: the /account form sent by the current account, its browser asking for LANG
account() {
	local l=$1 args=() kv
	shift
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	req POST /account -H "Accept-Language: $l" --data-urlencode "csrf=$(csrf)" "${args[@]}"
}
stored() { sql "SELECT coalesce(email, '-') || ' ' || digest || ' ' || coalesce(lang, '-') || ' ' || coalesce(time_zone, '-') FROM staff_user WHERE login = '$1'"; }

as "$AZ"
req GET /account -H 'Accept-Language: en'
expect "the settings page offers an address and the weekly staff digest" 200 'name="email"' 'type="email"' \
	'name="digest"' 'Weekly staff digest' "name=\"version\" value=\"$(ver "$AZ")\""
account en version="$(ver "$AZ")" lang=browser time_zone=Europe/Berlin email= digest=1
expect "the digest without an address is a 422 at the address, in English" 422 \
	'id="email-error">The weekly staff digest needs an e-mail address' 'value="Europe/Berlin"' \
	'name="digest" value="1" checked'
account az version="$(ver "$AZ")" lang=browser time_zone=Europe/Berlin email= digest=1
expect "… in Azerbaijani to an Azerbaijani reader, everything typed kept" 422 \
	'id="email-error">Həftəlik xülasənin göndəriləcəyi e-poçt ünvanı lazımdır' 'value="Europe/Berlin"' \
	'name="digest" value="1" checked'
account en version="$(ver "$AZ")" lang=browser time_zone= email="not an address" digest=1
expect "an address that is none is a 422 at its field, kept as typed" 422 'id="email-error">Not an e-mail address' \
	'value="not an address"'
check "nothing refused was stored" is "$(stored "$AZ")" "- false - -"
# the version the form carries, as a browser sends it back (the page's own, not the database's)
req GET /account -H 'Accept-Language: en'
V0=$(sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT/body" | head -1)
check "the form carries the account's version" is "$V0" "$(ver "$AZ")"
account en version="$V0" lang=az time_zone= email="$AZ_MAIL" digest=1
check "an address and the digest are saved (303, with a note)" test "$STATUS/$(header Location)" = "303//account?done=settings_saved"
check "… stored: address, digest, language" is "$(stored "$AZ")" "$AZ_MAIL true az -"
check "… and audited as this person's change, naming the address" test "$(sql "SELECT count(*) FROM audit_log
	WHERE entity = 'staff_user' AND user_login = '$AZ' AND changes ? 'email' AND changes ? 'digest'")" = 1
req GET /account
expect "the page shows them, in Azerbaijani now" 200 "value=\"$AZ_MAIL\"" 'name="digest" value="1" checked' \
	'Əməkdaşlar üçün həftəlik xülasə'
account az version="$V0" lang=az time_zone= email="other.$sfx@staff.test" digest=
expect "a form opened before the save is a 409, what was typed kept" 409 'value="other.'"$sfx"'@staff.test"'
check "… and stores nothing" is "$(stored "$AZ")" "$AZ_MAIL true az -"

as "$EN"
account en version="$(ver "$EN")" lang=en time_zone= email="$EN_MAIL" digest=1
as "$OFF"
account en version="$(ver "$OFF")" lang=en time_zone= email="$OFF_MAIL"
as "$GONE"
account en version="$(ver "$GONE")" lang=en time_zone= email="$GONE_MAIL" digest=1
check "the others: the digest ticked, left off, ticked" is \
	"$(stored "$EN") | $(stored "$OFF") | $(stored "$GONE")" "$EN_MAIL true en - | $OFF_MAIL false en - | $GONE_MAIL true en -"
sql "UPDATE staff_user SET disabled = true WHERE login = '$GONE'" >/dev/null

# ---- what there is to say: a memorandum whose notice period (6 months, the default) began two days ago, one
# in it for months, one far from it; an old meeting's record with an overdue action, one not yet due and one
# done (a draft record: staff see drafts) ----
as admin
memo() { # memo TITLE_EN TITLE_AZ UNTIL: a signed memorandum; its id
	post /memoranda/new title_en="$1" title_az="$2" signed_on=2020-01-01 valid_until="$3" status=signed \
		party_rows=2 party_0_org=1 party_1_org=2
	local loc
	loc=$(location)
	echo "${loc##*/}"
}
NEW_AZ="Xəzər və MİRAS <tələbə> mübadiləsi $sfx (ə, ğ, ı, ö, ü, ç, ş)"
OLD_AZ="Köhnə xəbərdarlıq $sfx"
new_until=$(sql "SELECT ((DATE '$today' - 2) + interval '6 months')::date")
new_memo=$(memo "Exchange $sfx" "$NEW_AZ" "$new_until")
old_memo=$(memo "Old notice $sfx" "$OLD_AZ" "$(sql "SELECT DATE '$today' + 20")")
far_memo=$(memo "Far away $sfx" "Uzaq gələcək $sfx" "$(sql "SELECT DATE '$today' + 1000")")
check "three memoranda" test -n "$new_memo" -a -n "$old_memo" -a -n "$far_memo"
check "… two in their notice period without a decision, as the home page says" \
	test "$(sql "SELECT count(*) FROM memorandum m WHERE title_en LIKE '%$sfx' AND memorandum_life(m, DATE '$today', 6) = 'expiring'")" = 2
post /people/new full_name_en="Aynur Mammadova $sfx" full_name_az="Aynur Məmmədova $sfx" preferred_lang=az rows=0
owner=$(location)
owner=${owner##*/}
MEET_AZ="Şuranın köhnə iclası $sfx"
post "/memoranda/$new_memo/series/new" kind=meeting status=confirmed title_en="Old board $sfx" title_az="$MEET_AZ" \
	tzid=Asia/Baku start_date=2001-02-03 start_time=09:30 end_time=10:30 repeat=none attendee_rows=0 action=confirm
ms=$(location)
ms=${ms##*/}
check "an owner and an old meeting" test -n "$owner" -a -n "$ms"
sql "WITH r AS (INSERT INTO meeting_record (series_id, recurrence_id, state) VALUES ($ms, '2001-02-03 09:30:00', 'draft') RETURNING id)
	INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
	SELECT r.id, v.sort, v.en, v.az, $owner, v.due, v.status FROM r, (VALUES
		(1, 'Send the <plan> $sfx', 'Planı <layihə> göndərmək $sfx', DATE '2001-01-02', 'open'),
		(2, 'Not yet due $sfx', 'Hələ vaxtı var $sfx', DATE '$today' + 5, 'open'),
		(3, 'Done already $sfx', 'Artıq görülüb $sfx', DATE '2001-01-01', 'done'))
		AS v(sort, en, az, due, status)" >/dev/null
check "three actions on record" test "$(sql "SELECT count(*) FROM record_action WHERE what_en LIKE '%$sfx'")" = 3

# ---- the SMTP server on loopback, and mailers whose weekly moment is this hour (as t86_mail) ----
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
check "the SMTP server listens" wait_for 60 grep -q listening "$OUT/sink.log"
read -r WD HR < <(date -u '+%u %H')
{
	cat "$STACK_DIR/memocal.conf"
	printf '%s\n' "smtp_url = smtp://127.0.0.1:$SMTP_PORT" "mail_from = calendar.$sfx@memocal.test" "smtp_tls = none" \
		"smtp_timeout = 10" "mail_retry = 1" "mail_lease = 15" "mail_digest_zone = UTC" "mail_digest_weekday = $WD" \
		"mail_digest_hour = $((10#$HR))"
} >"$OUT/mailer.conf"
start_mailer() {
	setsid "$BIN/memocal-mailer" --config "$OUT/mailer.conf" >>"$OUT/mailer.log" 2>&1 </dev/null &
	MAILER=$!
	MAILERS+=("$MAILER")
}
stop_mailer() { kill -TERM "$1" 2>/dev/null; wait_for 30 eval "! kill -0 $1 2>/dev/null"; }
state_of() { sql "SELECT string_agg(state, ' ' ORDER BY id) FROM mail_outbox WHERE recipient = '$1'"; }
files_to() { grep -l -i -x -F "X-Envelope-To: $1"$'\r' "$MAILDIR"/*.eml 2>/dev/null | sort; }
count_to() { files_to "$1" | grep -c .; }
read_mail() {
	local line
	unset "${!M_@}"
	$PY "$HERE/mail_check.py" "$1" >"$OUT/mail.txt" 2>&1 || { echo "mail_check: $(cat "$OUT/mail.txt")" >&2; return 1; }
	while IFS= read -r line; do
		printf -v "M_${line%%=*}" '%s' "${line#*=}"
	done <"$OUT/mail.txt"
}

start_mailer
A=$MAILER
start_mailer
B=$MAILER
check "two mailers at once: both digests are sent" \
	wait_for 120 eval '[ "$(state_of "$AZ_MAIL")" = sent ] && [ "$(state_of "$EN_MAIL")" = sent ]'
stop_mailer "$A"
stop_mailer "$B"
WEEK=$(date -u +%G-W%V)
check "… queued once, a STAFF message keyed by account and ISO week, in the account's language" is \
	"$(sql "SELECT count(*) || ' ' || min(method) || ' ' || min(reminder_key) || ' ' || min(lang) || ' ' || (min(staff_user_id) = (SELECT id FROM staff_user WHERE login = '$AZ')) || ' ' || count(series_id) || count(person_id) FROM mail_outbox WHERE recipient = '$AZ_MAIL'")" \
	"1 STAFF staff:$(sql "SELECT id FROM staff_user WHERE login = '$AZ'"):$WEEK az true 00"
check "… and the server got exactly one" test "$(count_to "$AZ_MAIL")" = 1
check "an account with the digest left off gets none" test "$(count_to "$OFF_MAIL")/$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$OFF_MAIL'")" = 0/0
check "a disabled account gets none" test "$(count_to "$GONE_MAIL")/$(sql "SELECT count(*) FROM mail_outbox WHERE recipient = '$GONE_MAIL'")" = 0/0

has() { grep -qF -- "$2" <<<"$1" || { printf 'not in: %s\nwanted: %s\n' "$1" "$2"; return 1; }; }
lacks() { ! grep -qF -- "$2" <<<"$1" || { printf 'in: %s\nnot wanted: %s\n' "$1" "$2"; return 1; }; }
if read_mail "$(files_to "$AZ_MAIL")"; then
	M_text=${M_text//$'\r'/}
	check "to the account's address, plain (no calendar part)" is "$M_to $M_method" "$AZ_MAIL none"
	check "the subject in Azerbaijani, its letters intact" is "$M_subject" "Əməkdaşlar üçün xülasə: $today"
	check "the memorandum entering its notice period, in Azerbaijani, marked new, with its end, days left and page" \
		has "$M_text" "* $NEW_AZ  [bu həftə yeni] |   bitir: $new_until, $(sql "SELECT DATE '$new_until' - DATE '$today'") gün qalıb |   $BASE/memoranda/$new_memo |"
	check "the one in its notice period for months, not marked new" has "$M_text" "* $OLD_AZ |   bitir: "
	check "… never one far from its notice period" lacks "$M_text" "Uzaq gələcək $sfx"
	check "the overdue action: what, due date, owner, meeting and its record's page" has "$M_text" \
		"* Planı <layihə> göndərmək $sfx  [son tarix 2001-01-02] |   məsul şəxs: Aynur Məmmədova $sfx |   görüşdən: $MEET_AZ, 2001-02-03 |   "
	check "… linked to the meeting's record" has "$M_text" "/series/$ms/occurrences/20010203T093000/record |"
	check "… never an action not yet due, nor a done one" eval '! grep -qE "Hələ vaxtı var $sfx|Artıq görülüb $sfx" <<<"$M_text$M_html"'
	check "the HTML escapes what staff typed, like every page" has "$M_html" "Planı &lt;layihə&gt; göndərmək $sfx"
	check "… and never writes it raw" lacks "$M_html" "<layihə>"
	check "… and links the memorandum" has "$M_html" "/memoranda/$new_memo\""
else
	fail "the Azerbaijani digest parses" "$(cat "$OUT/mail.txt")"
fi
if read_mail "$(files_to "$EN_MAIL")"; then
	M_text=${M_text//$'\r'/}
	check "the English account's digest is in English" is "$M_subject" "Staff digest: $today"
	check "… with the memorandum's English title" has "$M_text" "* Exchange $sfx  [new this week] |   ends $new_until, "
else
	fail "the English digest parses" "$(cat "$OUT/mail.txt")"
fi

# a restarted mailer (--once: looks, sends what is due, ends) queues none again
"$BIN/memocal-mailer" --config "$OUT/mailer.conf" --once >>"$OUT/mailer.log" 2>&1
check "a restarted mailer looks again and queues nothing twice" is \
	"$(sql "SELECT count(*) FROM mail_outbox WHERE method = 'STAFF' AND recipient IN ('$AZ_MAIL', '$EN_MAIL')")/$(count_to "$AZ_MAIL")/$(count_to "$EN_MAIL")" "2/1/1"

# ---- the outbox page: a STAFF row shows the account's login, no series and no person ----
as admin
req GET /outbox -H "Accept-Language: en"
expect "the outbox lists the staff digest with the account's login" 200 "$AZ_MAIL" "$AZ" "Staff digest"
req GET "/outbox?person=$owner"
refute "… and not under a person's filter" "$AZ_MAIL"
req GET "/outbox?memorandum=$new_memo"
refute "… nor a memorandum's" "$AZ_MAIL"
