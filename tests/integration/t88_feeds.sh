#!/usr/bin/env bash
# t88_feeds.sh - reminders in feeds (issue 16, item 5, first half): a memorandum's feed carries its expiry
# and the last day to give notice (notice_months before it) as all-day events, read back with python's
# icalendar; the notice event leaves the feed once the memorandum is renewed or terminated. (The "staff"
# feed scope of every deadline is not built.)
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
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

# events FILE: each all-day VEVENT of a memorandum or an action as "UID|DTSTART|DTEND|SUMMARY", read by python's icalendar
events() {
	/usr/bin/python3 - "$1" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    uid = str(ev['UID'])
    if uid.startswith('memorandum-') or uid.startswith('action-'):
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
check "… it ends on its termination (2026-01-01), no longer on the day it would have expired" sh -c \
	"grep -q '^memorandum-$mid-terminated@memocal|2026-01-01|' '$OUT/events.after' && ! grep -q -- 'memorandum-$mid-expires@memocal' '$OUT/events.after'"

# ---- the staff feed: every deadline ----
post /memoranda/new title_en="Deadline $sfx" title_az="Son tarix $sfx" signed_on=2024-01-15 valid_until=2031-03-31 \
	status=signed party_rows=2 party_0_org=1 party_1_org=2
did=$(location)
did=${did##*/}
post "/memoranda/$did/series/new" kind=meeting status=confirmed title_en="Deadline meeting $sfx" title_az="Son görüş $sfx" \
	tzid=Asia/Baku start_date=2026-01-10 start_time=10:00 end_time=11:00 repeat=none attendee_rows=0 action=confirm
ds=$(location)
ds=${ds##*/}
sql "WITH r AS (INSERT INTO meeting_record (series_id, recurrence_id) VALUES ($ds, '2026-01-10 10:00:00') RETURNING id)
     INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
     SELECT id, 0, 'Write the plan $sfx', 'Planı yaz $sfx', 1, DATE '2031-01-20', 'open' FROM r
     UNION ALL SELECT id, 1, 'Done already $sfx', 'Artıq edilib $sfx', 1, DATE '2031-01-21', 'done' FROM r" >/dev/null
aid=$(sql "SELECT a.id FROM record_action a JOIN meeting_record r ON r.id = a.record_id WHERE r.series_id = $ds AND a.sort = 0")
as admin
post /feeds/new scope="staff:5" lang=en label="Bad $sfx"
expect "a staff scope with an id is refused" 422 'id="scope-error">'
req GET /feeds/new
expect "the new-address form offers the staff scope" 200 '<option value="staff">Every deadline (staff)</option>'
feed_token_web staff en "Deadlines $sfx"
staff_token=$TOKEN
check "a staff feed address was made" test -n "$staff_token"
req GET /feeds
expect "the feeds page names it" 200 "Every deadline (staff)" "Deadlines $sfx"
fetch "$staff_token"
check "the staff feed answers" test "$STATUS" = 200
events "$OUT/body" >"$OUT/events.staff"
check "it has an undecided memorandum's end" \
	grep -qxF "memorandum-$did-expires@memocal|2031-03-31|2031-04-01|Memorandum expires: Deadline $sfx" "$OUT/events.staff"
check "… and its last day to give notice" \
	grep -qxF "memorandum-$did-notice@memocal|2030-09-30|2030-10-01|Last day to give notice on the memorandum: Deadline $sfx" "$OUT/events.staff"
check "… and an open action item's due date" \
	grep -qxF "action-$aid-due@memocal|2031-01-20|2031-01-21|Action due: Write the plan $sfx" "$OUT/events.staff"
check "… not a done one's, nor a terminated memorandum's, nor anyone's meetings" \
	sh -c "! grep -qE 'Done already $sfx|memorandum-$mid-' '$OUT/events.staff' && ! grep -q 'Deadline meeting' '$OUT/body'"
sql "UPDATE record_action SET status = 'done' WHERE id = $aid" >/dev/null
fetch "$staff_token"
events "$OUT/body" >"$OUT/events.staff2"
check "an action item done leaves the staff feed at once (its version moved)" \
	sh -c "! grep -q 'action-$aid-due@memocal' '$OUT/events.staff2' && grep -q 'memorandum-$did-notice@memocal' '$OUT/events.staff2'"

# ---- the feeds page a page at a time (FEEDS_PAGE, 200): live addresses first, newest first, then the revoked ones
# (kept for good, so the list grows with the years) ----
sql "INSERT INTO feed_token (secret_hash, scope_kind, scope_id, lang, label, created_at, revoked_at)
	SELECT encode(sha256(convert_to('paging-$sfx-' || n, 'UTF8')), 'hex'), 'memorandum', $mid, 'en', 'Paging $sfx ' || n,
	       now() - n * interval '1 minute', CASE WHEN n % 3 = 0 THEN now() - interval '1 day' END
	FROM generate_series(1, 230) n" >/dev/null
want=$(sql "SELECT string_agg(label, '|' ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC) FROM feed_token
	WHERE label LIKE 'Paging $sfx %'")
got="" pages=0 most=0 path=/feeds
while [ -n "$path" ] && [ $pages -lt 50 ]; do
	req GET "$path"
	[ "$STATUS" = 200 ] || break
	pages=$((pages + 1))
	rows=$(grep -o '<tr class="[a-z]*">' "$OUT/body" | wc -l)
	[ "$rows" -gt "$most" ] && most=$rows
	got="$got$(grep -o "Paging $sfx [0-9]*" "$OUT/body" | tr '\n' '|')"
	path=$(grep -o 'href="/feeds?after=[0-9]*"' "$OUT/body" | head -1 | sed 's/href="//; s/"$//')
done
same "the feeds page lists every address once, page after page, live ones first, newest first" "${got%|}" "$want"
same "… (psql: this test's 230 among them)" "$(tr '|' '\n' <<<"$want" | grep -c "Paging $sfx")" 230
check "… in pages of at most 200 ($pages pages, the largest $most rows)" test "$pages" -ge 2 -a "$most" -le 200 -a "$most" -ge 100
req GET "/feeds?after=x"
expect "a key that is not a number is 400, naming it" 400 "after"
