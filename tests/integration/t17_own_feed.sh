#!/usr/bin/env bash
# t17_own_feed.sh - a staff member's own addresses of the staff feed (issue 16, item 5: "staff can subscribe
# to a 'staff' feed scope of their own"), made, shown once and revoked from /account by any role; nobody
# else's to see or revoke; at most five live at once; both languages.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
ME=own$sfx

as admin
post /users/new login="$ME" display_name="Own Feed $sfx" role=viewer password="$PASSWORD" password_confirm="$PASSWORD"
check "a viewer's account for this test (303)" test "$STATUS" = 303
# a signed memorandum with an end and no decision: its expiry is on the staff feed
post /memoranda/new title_en="Deadline $sfx" title_az="Son tarix $sfx" signed_on=2030-01-01 valid_until=2031-03-31 \
	status=signed party_rows=2 party_0_org=1 party_1_org=2
mid=$(location)
mid=${mid##*/}
check "a memorandum ending 2031-03-31 (303)" test "$STATUS" = 303 -a -n "$mid"

as "$ME"
post /language lang=en back=/
req GET /account
expect "the settings page offers a staff-feed address of one's own" 200 '<h2 id="own-feeds-title">Your deadlines in your calendar</h2>' \
	'You have no address of the staff feed yet.' 'action="/account/feeds/new"' '<option value="en" selected>English</option>'
post /account/feeds/new lang=klingon
expect "a language that is not offered is refused" 422 "Choose the calendar&#39;s language"
check "… and makes nothing" test "$(sql "SELECT count(*) FROM feed_token WHERE created_by = '$ME'")" = 0

post /account/feeds/new lang=en
loc=$(location)
id=${loc#/account/feeds/}
id=${id%/subscribe}
cp "$OUT/headers" "$OUT/created.headers"
check "a viewer makes one: 303 to its subscribe page, the key to its secret in a cookie" bash -c \
	"test '$STATUS' = 303 && test '$loc' = '/account/feeds/$id/subscribe' && grep -qi '^set-cookie: memocal_reveal_$id=' '$OUT/created.headers'"
check "… stored as the staff scope, made by them, its secret only hashed" \
	test "$(sql "SELECT scope_kind || ':' || scope_id || ':' || lang || ':' || created_by || ':' || length(secret_hash) FROM feed_token WHERE id = $id")" \
	= "staff:0:en:$ME:64"
req GET "$loc"
token=$(sed -n 's|.*id="feed-url"[^>]*value="[^"]*/feeds/\([A-Za-z0-9_-]*\)\.ics".*|\1|p' "$OUT/body" | head -1)
expect "its subscribe page shows the address once, with the way back to the settings" 200 \
	'This is the only time the address is shown' 'href="/account#own-feeds"'
check "… kept out of caches" bash -c "grep -i '^cache-control:' '$OUT/headers' | grep -q no-store && test -n '$token'"
req GET "$loc"
refute "… and never again" "/feeds/$token.ics"

JAR="" req GET "/feeds/$token.ics"
cp "$OUT/body" "$OUT/own.ics"
check "the address answers the staff feed: the memorandum's expiry and last day to give notice, read by python's icalendar" \
	/usr/bin/python3 - "$OUT/own.ics" "$mid" <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
uids = {str(e['UID']): e for e in cal.walk('VEVENT')}
e = uids['memorandum-%s-expires@memocal' % sys.argv[2]]
assert e.decoded('DTSTART').isoformat() == '2031-03-31', e.decoded('DTSTART')
assert 'memorandum-%s-notice@memocal' % sys.argv[2] in uids, sorted(uids)
PY

req GET /account
expect "the settings page lists it, with a way to revoke it" 200 "Staff deadlines ($ME)" "action=\"/account/feeds/$id/revoke\""

as viewer
req GET "/account/feeds/$id/subscribe"
check "another staff member cannot open its subscribe page (404)" test "$STATUS" = 404
post "/account/feeds/$id/revoke"
check "… nor revoke it (404)" test "$STATUS" = 404
check "… which stays live" test "$(sql "SELECT revoked_at IS NULL FROM feed_token WHERE id = $id")" = t
req GET /account
refute "… nor see it on their own settings page" "Staff deadlines ($ME)"
stack_memocal token add --scope staff --lang en --label "CLI staff $sfx" >/dev/null
cli_token=$(sql "SELECT id FROM feed_token WHERE label = 'CLI staff $sfx'")
post "/account/feeds/$cli_token/revoke"
check "an address of the staff feed that the command line made is not anyone's own (404)" \
	test -n "$cli_token" -a "$STATUS" = 404

as admin
req GET /feeds
expect "the administrator's list of addresses shows it" 200 "Staff deadlines ($ME)"
check "making it was audited, under their name" \
	test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'feed_token' AND entity_id = $id AND action = 'create' AND user_login = '$ME'")" = 1

as "$ME"
post "/account/feeds/$id/revoke"
check "they revoke it: 303 back to their settings, saying so" \
	test "$STATUS/$(header Location)" = "303//account?done=feed_revoked"
gone() { [ "$(JAR="" curl -s -o /dev/null -w '%{http_code}' "$BASE/feeds/$token.ics")" = 404 ]; }
back=$(header Location)
check "… and the address answers 404" wait_for 60 gone
req GET "$back"
expect "… the page says so and lists it as revoked" 200 'class="revoked"' 'The feed address was revoked'

# at most five live ones
for i in 1 2 3 4 5; do post /account/feeds/new lang=az; done
check "five more are made" test "$(sql "SELECT count(*) FROM feed_token WHERE created_by = '$ME' AND revoked_at IS NULL")" = 5
req GET /account
expect "with five live the page offers no more" 200 'You have 5 live addresses, the most there can be'
refute "… no form to make one" 'action="/account/feeds/new"'
post /account/feeds/new lang=en
expect "a sixth is refused (409), saying why" 409 "revoke one to make another"
check "… and not made" test "$(sql "SELECT count(*) FROM feed_token WHERE created_by = '$ME' AND revoked_at IS NULL")" = 5

post /language lang=az back=/
req GET /account
expect "in Azerbaijani" 200 'Son tarixləriniz təqviminizdə' 'Əməkdaş lentinin ünvanı' 'Etibarsız et'

# ---- the account disabled: its own addresses end with it (migration 042) ----
post /language lang=en back=/
post "/account/feeds/$(sql "SELECT min(id) FROM feed_token WHERE created_by = '$ME' AND revoked_at IS NULL")/revoke"
post /account/feeds/new lang=en
loc=$(location)
req GET "$loc"
token=$(sed -n 's|.*id="feed-url"[^>]*value="[^"]*/feeds/\([A-Za-z0-9_-]*\)\.ics".*|\1|p' "$OUT/body" | head -1)
check "a new address of theirs answers 200" test "$(JAR="" curl -s -o /dev/null -w '%{http_code}' "$BASE/feeds/$token.ics")" = 200
as admin
uid=$(sql "SELECT id FROM staff_user WHERE login = '$ME'")
post "/users/$uid/edit" display_name="Own Feed $sfx" role=viewer disabled=1 version="$(sql "SELECT version FROM staff_user WHERE id = $uid")"
check "the admin disables the account (303)" test "$STATUS" = 303
check "… and every address of theirs answers 404 (revoked with it, not merely hidden)" wait_for 60 gone
check "… none is left live" test "$(sql "SELECT count(*) FROM feed_token WHERE created_by = '$ME' AND revoked_at IS NULL")" = 0
