#!/usr/bin/env bash
# t88_feeds.sh - reminders in feeds (issue 16, item 5, first half): a memorandum's feed carries its expiry
# and the last day to give notice (notice_months before it) as all-day events, read back with python's
# icalendar; the notice event leaves the feed once the memorandum is renewed or terminated. (The "staff"
# feed scope of every deadline is not built.)
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)

as editor
post /memoranda/new title_en="Reminders $sfx" title_az="Xatırlatmalar $sfx" signed_on=2024-01-15 valid_until=2030-08-31 \
	status=signed party_rows=2 party_0_org=1 party_1_org=2
mid=$(location)
mid=${mid##*/}
as admin
feed_token_web "memorandum:$mid" en "Reminders $sfx"
en_token=$TOKEN
feed_token_web "memorandum:$mid" az "Xatırlatmalar $sfx"
az_token=$TOKEN
check "two feed addresses of the memorandum were made" test -n "$en_token" -a -n "$az_token"

# events FILE: each all-day VEVENT of the memorandum as "UID|DTSTART|DTEND|SUMMARY", read by python's icalendar
events() {
	/usr/bin/python3 - "$1" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    uid = str(ev['UID'])
    if uid.startswith('memorandum-'):
        print('%s|%s|%s|%s' % (uid, ev.decoded('DTSTART').isoformat(), ev.decoded('DTEND').isoformat(), ev['SUMMARY']))
EOF
}
fetch "$en_token"
check "the memorandum's feed answers" test "$STATUS" = 200
events "$OUT/body" >"$OUT/events.en"
check "the expiry is an all-day event on 31 August 2030" \
	grep -qxF "memorandum-$mid-expires@memocal|2030-08-31|2030-09-01|Memorandum expires: Reminders $sfx" "$OUT/events.en"
check "the last day to give notice is an all-day event six months before it (notice_months), 28 February 2030" \
	grep -qxF "memorandum-$mid-notice@memocal|2030-02-28|2030-03-01|Last day to give notice on the memorandum: Reminders $sfx" "$OUT/events.en"
check "… written as a DATE, transparent (it takes no time)" \
	sh -c "tr -d '\r' <'$OUT/body' | sed -n '/^UID:memorandum-$mid-notice@memocal/,/^END:VEVENT/p' >'$OUT/notice.ics' &&
	       grep -qx 'DTSTART;VALUE=DATE:20300228' '$OUT/notice.ics' && grep -qx 'TRANSP:TRANSPARENT' '$OUT/notice.ics'"
fetch "$az_token"
events "$OUT/body" >"$OUT/events.az"
check "in Azerbaijani" grep -qxF "memorandum-$mid-notice@memocal|2030-02-28|2030-03-01|Memorandum üzrə bildiriş üçün son gün: Xatırlatmalar $sfx" "$OUT/events.az"

as editor
post "/memoranda/$mid/terminate" terminated_on=2026-01-01 reason_en="Ended $sfx" reason_az="Bitdi $sfx" \
	version="$(sql "SELECT version FROM memorandum WHERE id = $mid")"
check "terminated" test "$STATUS" = 303
fetch "$en_token"
events "$OUT/body" >"$OUT/events.after"
check "a terminated memorandum's feed has no notice to give any more" sh -c "! grep -q -- '-notice@memocal' '$OUT/events.after'"
check "… and still its dates" grep -q "memorandum-$mid-expires@memocal" "$OUT/events.after"
