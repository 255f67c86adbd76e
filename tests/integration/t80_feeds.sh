#!/usr/bin/env bash
# t80_feeds.sh - the subscription feeds, end to end through nginx: tokens and who may make or revoke them, what
# a feed holds (read by python3-icalendar and by ical.js), which occurrences both make of it against memocal's
# own agenda, conditional GET, the feed window and cancellations, and the subscribers page.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
PY=/usr/bin/python3 # Debian's, where python3-icalendar and python3-recurring-ical-events are
HERE=$(cd "$(dirname "$0")" && pwd)
CHECK=$HERE/feed_check.py
JSCHECK=$HERE/feed_check_icaljs.mjs
sql() { stack_psql -tAc "$1"; }
uid_of() { sql "SELECT uid FROM series WHERE id = ${1:-0}"; }
# as_feed SQL: one statement as the memocal_feed role (memocal-feed's own); its output and errors on stdout
as_feed() { runuser -u postgres -- psql -X -tA -v ON_ERROR_STOP=1 -h "$PG_RUN" -U memocal_feed -d memocal -c "$1" 2>&1; }
sfx=$(date +%s%N | tail -c 7)

# ---- the independent readers are there ----
if ! $PY -c 'import icalendar, recurring_ical_events' >"$OUT/import.err" 2>&1; then
	fail "feeds: python3-icalendar and python3-recurring-ical-events can be imported" "$(cat "$OUT/import.err")"
	exit 0
fi
if ! node "$JSCHECK" version >"$OUT/icaljs.version" 2>&1; then
	fail "feeds: ical.js can be loaded (tests/feeds: npm ci)" "$(cat "$OUT/icaljs.version")"
	exit 0
fi

# fetch TOKEN [curl args...]: GET the token's feed through nginx; the body in $OUT/body, headers in $OUT/headers
fetch() {
	local token=$1
	shift
	: >"$OUT/body" # curl writes no file for an empty body (a 304): never leave the last one there
	JAR="" req GET "/feeds/$token.ics" "$@"
}
# token_of URL: the secret in a feed address
token_of() { sed -n 's|.*/feeds/\([A-Za-z0-9_-]*\)\.ics.*|\1|p' <<<"$1" | head -1; }
# web_token SCOPE LANG LABEL [curl args for the GET]: a token made on /feeds/new as admin, whose 303 is
# followed to its subscribe page; sets TOKEN, TOKEN_ID, CREATED (the POST's status), LOCATION and STATUS
# (the page's), and keeps the POST's answer in $OUT/created.{headers,body}
web_token() {
	as admin
	local scope=$1 lang=$2 label=$3
	shift 3
	post /feeds/new scope="$scope" lang="$lang" label="$label"
	CREATED=$STATUS
	LOCATION=$(header Location)
	cp "$OUT/headers" "$OUT/created.headers"
	cp "$OUT/body" "$OUT/created.body" 2>/dev/null || : >"$OUT/created.body"
	TOKEN_ID=$(sql "SELECT max(id) FROM feed_token WHERE label = '$label'")
	[ -n "$BEFORE_GET" ] && eval "$BEFORE_GET"
	req GET "${LOCATION:-/feeds/0/subscribe}" "$@"
	TOKEN=$(token_of "$(sed -n 's|.*id="feed-url"[^>]*value="\([^"]*\)".*|\1|p' "$OUT/body")")
}
# mkseries MEMO FIELD=VALUE...: a series through its form ("save anyway": conflicts are not this test's
# business); prints its id, or nothing
mkseries() {
	local m=$1
	shift
	post "/memoranda/$m/series/new" "$@" kind=meeting status=confirmed repeat=none tzid=Asia/Baku action=confirm
	[ "$STATUS" = 303 ] && header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p'
}
# report FILE: each "ok - "/"not ok - " line a checker printed becomes a result line (the "#   " lines after a
# "not ok" are its details); other "#" lines (named known faults) are shown as they are
report() {
	local line pending="" detail=""
	while IFS= read -r line; do
		case $line in
		"ok - "* | "not ok - "*)
			[ -n "$pending" ] && fail "$pending" "$detail"
			pending="" detail=""
			if [[ $line == "ok - "* ]]; then pass "${line#ok - }"; else pending=${line#not ok - }; fi ;;
		"#   "*) if [ -n "$pending" ]; then detail+="${line#\#   }"$'\n'; else echo "$line"; fi ;;
		"#"*) echo "$line" ;;
		esac
	done <"$1"
	[ -n "$pending" ] && fail "$pending" "$detail"
	grep -qE '^(not )?ok - ' "$1" || fail "a checker printed no result ($(basename "$1"))" "$(tail -5 "$1")"
}
# same_404 NAME: the last response is byte for byte the 404 of an unknown token (but for its Date)
same_404() {
	fetch "$UNKNOWN"
	cp "$OUT/body" "$OUT/404.body"
	grep -vi '^date:' "$OUT/headers" >"$OUT/404.headers"
	fetch "$1"
	check "$2" bash -c "test '$STATUS' = 404 && cmp -s '$OUT/body' '$OUT/404.body' && grep -vi '^date:' '$OUT/headers' | cmp -s - '$OUT/404.headers'"
}
UNKNOWN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')

# ======== 1. tokens: made by the CLI and on /feeds/new, shown once, only their hash kept ========
MEMO1_AZ=$(sql "SELECT title_az FROM memorandum WHERE id = 1")
# the CLI, with a production-like https base_url (the test stack's own is plain http on loopback)
sed "s|^base_url = .*|base_url = https://calendar.example.org|" "$STACK_DIR/memocal.conf" >"$OUT/https.conf"
"$BIN/memocal" --config "$OUT/https.conf" token add --scope memorandum:1 --lang az --label "Seed az $sfx" >"$OUT/cli.out" 2>&1
CLI_ID=$(sed -n '1s/^token \([0-9]*\) for memorandum:1 (az)$/\1/p' "$OUT/cli.out")
CLI_HTTPS=$(sed -n 2p "$OUT/cli.out")
CLI_WEBCAL=$(sed -n 3p "$OUT/cli.out")
SEED=$(token_of "$CLI_HTTPS")
check "memocal token add prints the token, then its https:// and webcal:// addresses (lines 2 and 3)" bash -c \
	"[ -n '$CLI_ID' ] && [[ '$CLI_HTTPS' =~ ^https://calendar\.example\.org/feeds/[A-Za-z0-9_-]{43}\.ics$ ]] && [ '$CLI_WEBCAL' = 'webcal://calendar.example.org/feeds/$SEED.ics' ]"
# secret_check SECRET ID: 256 random bits (32 bytes in unpadded base64url), the row holds their BLAKE2b-256 and
# nothing else of them, and neither feed_token nor audit_log holds the secret anywhere
secret_check() {
	$PY - "$1" "$(sql "SELECT secret_hash FROM feed_token WHERE id = $2")" <<'PY'
import base64, hashlib, sys
secret, stored = sys.argv[1], sys.argv[2]
raw = base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))
assert len(secret) == 43 and len(raw) == 32, (len(secret), len(raw))
assert stored == hashlib.blake2b(secret.encode(), digest_size=32).hexdigest(), "stored hash is not BLAKE2b-256 of the secret"
PY
}
check "the CLI's secret is 256 bits; the row holds its BLAKE2b-256 hash" secret_check "$SEED" "${CLI_ID:-0}"
check "the CLI's secret is nowhere in feed_token or audit_log (and the token's creation is audited)" test \
	"$(sql "SELECT (SELECT count(*) FROM feed_token t WHERE strpos(t::text, '$SEED') > 0) || '/' || (SELECT count(*) FROM audit_log a WHERE strpos(a::text, '$SEED') > 0) || '/' || (SELECT count(*) FROM audit_log WHERE entity = 'feed_token' AND entity_id = ${CLI_ID:-0} AND action = 'create')")" = 0/0/1

# a memorandum of this test's own: a comma in its title, Azerbaijani letters, two parties
as editor
Y=$(($(date -u +%Y) + 1)) # every series of section 3 lies in next year (UTC), well inside the feed's window
SIGNED=$(date -u -d '-30 days' +%F)
post /memoranda/new title_en="Feeds, joint work $sfx" title_az="Lentlər, birgə iş $sfx" signed_on="$SIGNED" \
	status=active party_rows=2 party_0_org=1 party_1_org=2
MA=$(location)
MA=${MA##*/}
post /memoranda/new title_en="Other memorandum $sfx" title_az="Digər memorandum $sfx" signed_on="$SIGNED" \
	status=active party_rows=2 party_0_org=1 party_1_org=2
MB=$(location)
MB=${MB##*/}
if [ -z "$MA" ] || [ -z "$MB" ]; then
	fail "feeds: two memoranda for the feeds are created" "status $STATUS"
	exit 0
fi

# between the POST and the GET: what the database holds of the secret (only sealed, under a key's hash)
BEFORE_GET='REVEAL_ROWS=$(sql "SELECT count(*) FROM feed_reveal WHERE token_id = ${TOKEN_ID:-0} AND key_hash ~ '"'"'^[0-9a-f]{64}$'"'"'"); cp "$OUT/jar.admin" "$OUT/jar.before-get"'
web_token "memorandum:$MA" az "Web az $sfx"
BEFORE_GET=""
AZ=$TOKEN
AZ_ID=$TOKEN_ID
check "POST /feeds/new as admin answers 303 to /feeds/ID/subscribe, with no secret in the address or the answer" bash -c \
	"test '$CREATED' = 303 && test '$LOCATION' = '/feeds/$AZ_ID/subscribe' && test -n '$AZ' && ! grep -qF '$AZ' '$OUT/created.headers' '$OUT/created.body'"
check "the POST hands the browser a key of ten minutes in an HttpOnly cookie memocal_reveal_ID (not the secret)" bash -c \
	"grep -i '^set-cookie: memocal_reveal_$AZ_ID=' '$OUT/created.headers' | grep -i 'HttpOnly' | grep -qi 'Max-Age=600'"
check "until the page is shown, the database holds one sealed copy under the key's hash (and never the secret)" test \
	"${REVEAL_ROWS:-0}/$(sql "SELECT count(*) FROM feed_reveal r WHERE strpos(r::text, '$AZ') > 0")" = 1/0
check "GET /feeds/ID/subscribe shows the address once, kept out of caches, and clears the cookie" bash -c \
	"test '$STATUS' = 200 && grep -q 'This is the only time the address is shown' '$OUT/body' && grep -i '^cache-control:' '$OUT/headers' | grep -q 'no-store' && grep -i '^set-cookie: memocal_reveal_$AZ_ID=;' '$OUT/headers' | grep -qi 'Max-Age=0'"
check "the sealed copy is gone once shown" test "$(sql "SELECT count(*) FROM feed_reveal WHERE token_id = ${AZ_ID:-0}")" = 0
host=${BASE#http://}
check "the page shows the feed as $BASE/feeds/….ics (in a field to copy) and webcal://$host/feeds/….ics, the same secret" bash -c \
	"grep -qF 'value=\"$BASE/feeds/$AZ.ics\"' '$OUT/body' && grep -qF 'href=\"webcal://$host/feeds/$AZ.ics\"' '$OUT/body'"
check "the page has a copy button (shown by the script), a QR code as SVG and steps for six calendar apps" bash -c \
	"grep -q '<button type=\"button\" class=\"secondary\" data-copy=\"feed-url\"' '$OUT/body' && grep -q '<svg viewBox=\"0 0 [0-9]* [0-9]*\"' '$OUT/body' && test \$(grep -c '<section class=\"app\"' '$OUT/body') = 6 && grep -qF 'Google Calendar' '$OUT/body' && grep -qF 'Thunderbird' '$OUT/body' && grep -qF 'Subscribe from web' '$OUT/body' && grep -qF 'New Calendar Subscription' '$OUT/body'"
cp "$OUT/body" "$OUT/subscribe.html"
# the QR code read back by a reader memocal did not write: the SVG drawn by librsvg, decoded by zbar
qr_check() {
	$PY - "$OUT/subscribe.html" >"$OUT/qr.svg" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<svg viewBox="0 0 (\d+) \d+"[^>]*>(.*?)</svg>', html, re.S)
n = int(m.group(1))
print('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d">%s</svg>' % (n, n, n * 8, n * 8, m.group(2)))
PY
	rsvg-convert -o "$OUT/qr.png" "$OUT/qr.svg" && zbarimg --raw -q "$OUT/qr.png" >"$OUT/qr.txt" &&
		test "$(cat "$OUT/qr.txt")" = "webcal://$host/feeds/$AZ.ics"
}
check "the QR code reads back (rsvg-convert, zbarimg) as the webcal:// address" qr_check
# shots_check FILE TITLE: each app's steps are drawn: six SVGs that parse as XML, each titled TITLE and the app,
# with a numbered button per step of the list beside it (1, 2, 3 in order), the last one highlighted
shots_check() {
	$PY - "$1" "$2" <<'PY'
import re, sys, xml.etree.ElementTree as ET
html = open(sys.argv[1], encoding="utf-8").read()
sections = re.findall(r'<section class="app".*?</section>', html, re.S)
assert len(sections) == 6, "%d app sections" % len(sections)
for sec in sections:
    m = re.search(r'<svg class="shot[^"]*".*?</svg>', sec, re.S)
    assert m, "no drawing in " + sec[:80]
    svg = ET.fromstring(m.group(0))
    title = svg.find("title").text
    assert title.startswith(sys.argv[2]), title
    groups = svg.findall("g")
    steps = len(re.findall(r"<li>", sec))
    assert len(groups) == steps, "%d buttons for %d steps: %s" % (len(groups), steps, title)
    for k, g in enumerate(groups, 1):
        texts = g.findall("text")
        assert texts[0].text == str(k), "button %d numbered %s" % (k, texts[0].text)
        assert ("%d. %s" % (k, texts[1].text)) in title, "button %d, %r, not in the title %r" % (k, texts[1].text, title)
    assert groups[-1].find("rect").get("fill") == "#1f5fa8", "the last step is not highlighted: " + title
print("ok")
PY
}
check "each app's steps are drawn beside them (SVG, a numbered button per step, the words in its title)" \
	shots_check "$OUT/subscribe.html" "Where to choose, in"
check "… Google's: calendar.google.com, Other calendars + › From URL, Add calendar" \
	grep -qF '<title id="shot-google">Where to choose, in Google Calendar: 1. calendar.google.com; 2. Other calendars  +  ›  From URL; 3. Add calendar</title>' "$OUT/subscribe.html"
req GET "/feeds/$AZ_ID/subscribe"
check "the same page again shows no secret: it says the address cannot be shown twice, and links to make another" bash -c \
	"test '$STATUS' = 200 && ! grep -qF '$AZ' '$OUT/body' && grep -q 'cannot be shown again' '$OUT/body' && grep -qF 'href=\"/feeds/new?scope=memorandum%3A$MA\"' '$OUT/body' && test \$(grep -c '<section class=\"app\"' '$OUT/body') = 6"
# the admin's language for one page, then theirs again (later tests read the admin's pages in it)
was=$(sql "SELECT coalesce(lang, '') FROM staff_user WHERE login = 'admin'")
sql "UPDATE staff_user SET lang = 'az' WHERE login = 'admin'" >/dev/null
req GET "/feeds/$AZ_ID/subscribe"
cp "$OUT/body" "$OUT/subscribe-az.html"
sql "UPDATE staff_user SET lang = NULLIF('$was', '') WHERE login = 'admin'" >/dev/null
check "… in Azerbaijani too, with Google's Azerbaijani words" bash -c \
	"grep -qF 'Digər təqvimlər  +  ›  URL-dən' '$OUT/subscribe-az.html'"
check "… and titles" shots_check "$OUT/subscribe-az.html" "Nəyi seçmək lazımdır:"
req GET "/feeds/$AZ_ID/subscribe" -b "$OUT/jar.before-get"
check "the key sent again (a copy of the cookie taken before the page) shows nothing: the sealed copy was taken" bash -c \
	"test '$STATUS' = 200 && ! grep -qF '$AZ' '$OUT/body' && grep -q 'cannot be shown again' '$OUT/body'"
# what calendar apps and typos send besides GET: none may leave the secret in a log either
for m in PROPFIND OPTIONS TRACE; do JAR="" req "$m" "/feeds/$AZ.ics"; done
JAR="" req GET "/feeds/$AZ.ICS"
JAR="" req GET "/feeds/$AZ"
JAR="" req GET "/board/$AZ/nowhere"
check "nginx's access log never holds the secret (PROPFIND, OPTIONS, TRACE, .ICS, no extension, a board page)" \
	bash -c "! grep -rqF '$AZ' '$STACK_DIR/nginx/logs/' && grep -q '\"TRACE /feeds/(secret) ' '$STACK_DIR/nginx/logs/access.log'"
check "… nor memocal-feed's or memocal-web's" bash -c "! grep -qF '$AZ' '$STACK_DIR/memocal-feed.log' '$STACK_DIR/memocal-web.log'"
req GET "/feeds/999999999/subscribe"
expect "the subscribe page of an unknown address is 404" 404
for who in editor viewer; do
	as $who
	req GET "/feeds/$AZ_ID/subscribe"
	expect "a $who cannot open a subscribe page (403)" 403
done
# ten minutes are the key's life: a sealed copy older than that is not shown, and is deleted
BEFORE_GET='sql "UPDATE feed_reveal SET created_at = now() - interval '"'"'11 minutes'"'"' WHERE token_id = ${TOKEN_ID:-0}" >/dev/null'
web_token "memorandum:$MA" az "Late $sfx"
BEFORE_GET=""
LATE_ROWS=$(sql "SELECT count(*) FROM feed_reveal WHERE token_id = ${TOKEN_ID:-0}")
check "a sealed copy older than ten minutes is not shown, and is gone" bash -c \
	"test '$STATUS' = 200 && test -z '$TOKEN' && grep -q 'cannot be shown again' '$OUT/body' && test '$LATE_ROWS' = 0"
# in Azerbaijani (the admin has no language of their own: the browser's is taken)
web_token "memorandum:$MA" en "Web az page $sfx" -H 'Accept-Language: az'
check "the subscribe page in Azerbaijani: its steps, and the address" bash -c \
	"test '$STATUS' = 200 && grep -qF 'Təqvimə abunə olmaq' '$OUT/body' && grep -qF 'Təqvim proqramında aç' '$OUT/body' && grep -qF 'Mac-da Apple Calendar' '$OUT/body' && test -n '$TOKEN'"
check "the web's secret is 256 bits; the row holds its BLAKE2b-256 hash" secret_check "$AZ" "${AZ_ID:-0}"
check "the web's secret is nowhere in feed_token or audit_log" test \
	"$(sql "SELECT (SELECT count(*) FROM feed_token t WHERE strpos(t::text, '$AZ') > 0) + (SELECT count(*) FROM audit_log a WHERE strpos(a::text, '$AZ') > 0)")" = 0
req GET /feeds
refute "the subscribers page never shows a secret again" "$AZ" "$SEED"
web_token "memorandum:$MA" en "Web en $sfx"
EN=$TOKEN
EN_ID=$TOKEN_ID

# the first fetch, from a named client
CLIENT="memocal-t80/1.0 (Thunderbird-like; $sfx)"
fetch "$AZ" -A "$CLIENT"
cp "$OUT/body" "$OUT/az.ics"
cp "$OUT/headers" "$OUT/az.headers"
check "the feed answers 200 through nginx" test "$STATUS" = 200
size=$(stat -c %s "$OUT/az.ics")
check "the fetch is recorded: client and size (feed_token_seen)" test \
	"$(sql "SELECT last_client || '|' || last_size || '|' || (last_fetched_at > now() - interval '5 minutes') FROM feed_token WHERE id = ${AZ_ID:-0}")" = "$CLIENT|$size|true"
as viewer
req GET /feeds
kb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')
expect "/feeds lists the token for a viewer: label, scope, last fetch, client and size" 200 "Web az $sfx" \
	"Memorandum: <a href=\"/memoranda/$MA\">Feeds, joint work $sfx</a>" "<time datetime=\"$(sql "SELECT to_char(last_fetched_at AT TIME ZONE coalesce((SELECT time_zone FROM staff_user WHERE login = 'viewer'), 'Asia/Baku'), 'YYYY-MM-DD') FROM feed_token WHERE id = ${AZ_ID:-0}")\">" \
	"$CLIENT" "$kb KB"
refute "a viewer sees no revoke button and no link to make an address" "/feeds/$AZ_ID/revoke" 'href="/feeds/new"'

# who may make and revoke
for who in "an editor" "a viewer"; do
	as "${who#* }"
	req GET /feeds/new
	expect "$who cannot open /feeds/new (403)" 403
	post /feeds/new scope="memorandum:$MA" lang=az label="Not allowed ${who#* } $sfx"
	expect "$who cannot make a feed address (403)" 403
	post "/feeds/$AZ_ID/revoke"
	expect "$who cannot revoke one (403)" 403
done
check "nothing was made or revoked by them" test \
	"$(sql "SELECT (SELECT count(*) FROM feed_token WHERE label LIKE 'Not allowed %$sfx') || '/' || (SELECT count(*) FROM feed_token WHERE id = ${AZ_ID:-0} AND revoked_at IS NULL)")" = 0/1

# HEAD, POST
JAR="" req HEAD "/feeds/$AZ.ics"
check "HEAD on a feed: 200, text/calendar, the GET's length, no body" bash -c \
	"test '$STATUS' = 200 && test \"\$(grep -i '^content-length:' '$OUT/headers' | tr -dc 0-9)\" = '$size' && ! test -s '$OUT/body' && grep -qi '^content-type: text/calendar' '$OUT/headers'"
JAR="" req POST "/feeds/$AZ.ics" --data x=1
check "POST to a feed is 405, allowing GET and HEAD" bash -c "test '$STATUS' = 405 && grep -qi '^allow: GET, HEAD' '$OUT/headers'"

# revoking: on the web, then with the CLI; the next fetch is the unknown token's 404
web_token "memorandum:$MA" az "Revoke web $sfx"
RW=$TOKEN
RW_ID=$TOKEN_ID
fetch "$RW"
check "a fresh token works (200)" test "$STATUS" = 200
as admin
post "/feeds/$RW_ID/revoke"
check "POST /feeds/{id}/revoke as admin: 303 to /feeds" bash -c "test '$STATUS' = 303 && test '$(header Location)' = '/feeds?done=feed_revoked'"
same_404 "$RW" "the very next fetch after revoking on the web is 404, byte for byte an unknown token's"
JAR="" req HEAD "/feeds/$RW.ics"
check "HEAD on a revoked token is 404 too" test "$STATUS" = 404
req GET /feeds
check "/feeds shows the token as revoked, with no revoke button left" bash -c \
	"tr '\n' ' ' <'$OUT/body' | sed 's/<tr/\n<tr/g' | grep -F 'Revoke web $sfx' | grep -q '^<tr class=\"revoked\">.*revoked <time' && ! grep -qF '/feeds/$RW_ID/revoke' '$OUT/body'"
fetch "$SEED"
check "the CLI's token works before it is revoked" test "$STATUS" = 200
stack_memocal token revoke "$CLI_ID" >"$OUT/revoke.out" 2>&1
check "memocal token revoke ID says so" grep -qx "token $CLI_ID revoked" "$OUT/revoke.out"
same_404 "$SEED" "the very next fetch after memocal token revoke is 404, byte for byte an unknown token's"
check "the revocations are in the audit log" test \
	"$(sql "SELECT count(*) FROM audit_log WHERE entity = 'feed_token' AND entity_id IN (${RW_ID:-0}, ${CLI_ID:-0}) AND action = 'update'")" = 2

# the feed's database role reads, and writes nothing but the fetch record
for tbl in feed_token series person; do
	case $tbl in
	feed_token) col=label ins="INSERT INTO feed_token (secret_hash, scope_kind, scope_id, label) VALUES (repeat('a', 64), 'memorandum', 1, 'x')" ;;
	series) col=title_en ins="INSERT INTO series (memorandum_id, uid, title_en, title_az, start_local, end_local) VALUES (1, 'x@x', 'x', 'x', '2030-01-01 10:00', '2030-01-01 11:00')" ;;
	person) col=full_name_en ins="INSERT INTO person (full_name_en, full_name_az) VALUES ('x', 'x')" ;;
	esac
	for stmt in "$ins" "UPDATE $tbl SET $col = 'x' WHERE id = 1" "DELETE FROM $tbl WHERE id = 1"; do
		check "memocal_feed: ${stmt%% *} on $tbl is refused (permission denied)" bash -c \
			"runuser -u postgres -- psql -X -tA -h '$PG_RUN' -U memocal_feed -d memocal -c \"$stmt\" 2>&1 | grep -q 'permission denied for table $tbl'"
	done
done
check "memocal_feed cannot bump a feed's version itself (feed_touch)" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$PG_RUN' -U memocal_feed -d memocal -c \"SELECT feed_touch('memorandum', 1)\" 2>&1 | grep -q 'permission denied for function feed_touch'"
as_feed "SELECT feed_token_seen(${EN_ID:-0}, 'psql as memocal_feed', 7)" >"$OUT/seen.out"
check "memocal_feed may call feed_token_seen(), its one controlled write" test \
	"$(sql "SELECT last_client || '|' || last_size FROM feed_token WHERE id = ${EN_ID:-0}")" = "psql as memocal_feed|7"

# ======== 2. what a feed holds, read by python3-icalendar and ical.js ========
# lastdow YEAR MONTH WEEKDAY(1 = Monday … 7 = Sunday): the last such day of the month
lastdow() {
	local d
	for d in 31 30 29 28 27 26 25 24 23 22; do
		date -u -d "$1-$2-$d" >/dev/null 2>&1 || continue
		[ "$(date -u -d "$1-$2-$d" +%u)" = "$3" ] && { echo "$1-$2-$d"; return; }
	done
}
as editor
post /people/new full_name_en="Nargiz Aliyeva $sfx" full_name_az="Nərgiz Əliyeva $sfx" preferred_lang=az
P=$(location)
P=${P##*/}
[ "$STATUS" = 303 ] && [ -n "$P" ] || fail "feeds: a person who chairs is created" "status $STATUS"
# S1: weekly, a skipped date (EXDATE), an added one (RDATE), a chair, a person, a group; texts with , ; and newlines
S1_FIELDS=(title_en="Weekly board, with notes $sfx" title_az="Həftəlik idarə heyəti; qeydlərlə $sfx"
	description_en=$'Agenda: reports, plans.\nSecond line; with a semicolon \\ and a backslash'
	description_az=$'Gündəm: hesabatlar, planlar.\nİkinci sətir; nöqtəli vergül ilə'
	location="Xəzər Universiteti, Məhsəti küç. 41; otaq 105" start_date="$Y-02-01" start_time=10:00 end_time=11:00
	repeat=custom rrule="FREQ=WEEKLY;COUNT=8" exdates="$Y-02-15 10:00" rdates="$Y-03-31 18:00"
	attendee_rows=3 attendee_0_person="$P" attendee_0_role=chair attendee_1_person=2 attendee_1_role=required
	attendee_1_partstat=accepted attendee_2_group_en="students of the PICASP project"
	attendee_2_group_az="PICASP layihəsinin tələbələri" attendee_2_role=optional)
S1=$(mkseries "$MA" "${S1_FIELDS[@]}")
# S2: the last Friday of each month, through the form's builder
S2=$(mkseries "$MA" title_en="Last Friday review $sfx" title_az="Ayın son cümə icmalı $sfx" \
	start_date="$(lastdow "$Y" 01 5)" start_time=16:00 end_time=17:00 repeat=monthly monthly=lastweekday ends=count \
	count=6 attendee_rows=1 attendee_0_person=3)
# S3: weekly; one occurrence moved and retitled, one cancelled
S3=$(mkseries "$MA" title_en="Project meeting $sfx" title_az="Layihə görüşü $sfx" start_date="$Y-04-05" \
	start_time=15:00 end_time=16:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=6" attendee_rows=1 attendee_0_person="$P" \
	attendee_0_role=optional location="Miras, Bakı" location_url="https://meet.example.org/project-$sfx")
# S4: an all-day event of three days, yearly, the second year skipped (an EXDATE of DATE type)
S4=$(mkseries "$MA" kind=event title_en="Heritage festival $sfx" title_az="İrs festivalı $sfx" all_day=1 \
	start_date="$Y-05-12" end_date="$Y-05-14" repeat=custom rrule="FREQ=YEARLY;COUNT=3" exdates="$((Y + 1))-05-12")
# S5: weekly in Europe/Berlin across the spring change to summer time (09:30 stays 09:30 there)
S5=$(mkseries "$MA" title_en="Berlin partners call $sfx" title_az="Berlin tərəfdaşları ilə zəng $sfx" tzid=Europe/Berlin \
	start_date="$(date -u -d "$(lastdow "$Y" 03 7) -14 days" +%F)" start_time=09:30 end_time=10:30 repeat=custom \
	rrule="FREQ=WEEKLY;COUNT=5")
# S6, S7: what the independent readers are known to get wrong (S6: python3-icalendar and ical.js, two-digit BYDAY
# ordinals; S7: python3-icalendar's pytz after 2037); RFC 5545's sets are worked out by hand below
S6=$(mkseries "$MA" title_en="Twentieth Monday $sfx" title_az="İyirminci bazar ertəsi $sfx" start_date=2030-05-20 \
	start_time=10:00 end_time=11:00 repeat=custom rrule="FREQ=YEARLY;BYDAY=20MO;COUNT=3")
S7=$(mkseries "$MA" title_en="Berlin spring 2040 $sfx" title_az="Berlin, 2040-cı ilin yazı $sfx" tzid=Europe/Berlin \
	start_date=2040-03-18 start_time=10:00 end_time=11:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=3")
# S9: online only (a link, no place), several a day (a sub-daily rule): recurring-ical-events 2.0.1 keeps one a day
# of these when SEQUENCE:0 is written, which memocal leaves out
S9=$(mkseries "$MA" title_en="Online office hours $sfx" title_az="Onlayn qəbul saatları $sfx" start_date="$Y-06-02" \
	start_time=09:00 end_time=09:30 repeat=custom rrule="FREQ=HOURLY;INTERVAL=2;BYHOUR=9,11,13,15;COUNT=8" \
	location_url="https://meet.example.org/office-hours-$sfx")
check "eight series are stored through the form (S1…S7, S9)" test -n "$S1" -a -n "$S2" -a -n "$S3" -a -n "$S4" -a -n "$S5" -a -n "$S6" -a -n "$S7" -a -n "$S9"
check "the builder wrote the last-Friday rule (BYDAY=-1FR)" test "$(sql "SELECT rrule FROM series WHERE id = ${S2:-0}")" = "FREQ=MONTHLY;COUNT=6;BYDAY=-1FR"

# one occurrence of S3 moved (a later day and hour, a new title) and one cancelled: on the occurrence page where
# this tree has it (pages/occurrences.c), else written as the owner the way store/overrides.c writes them
sver() { sql "SELECT version FROM series WHERE id = ${1:-0}"; }
req GET "/series/${S3:-0}/occurrences/${Y}0412T150000"
if [ "$STATUS" = 200 ] && grep -q "action=\"/series/${S3:-0}/occurrences/${Y}0412T150000/edit\"" "$OUT/body"; then
	echo "# the overrides are made on the occurrence page (/series/{id}/occurrences/{rid}/edit and …/cancel)"
	post "/series/$S3/occurrences/${Y}0412T150000/edit" start_date="$Y-04-13" start_time=17:00 end_date="$Y-04-13" \
		end_time=18:30 title_en="Project meeting, moved $sfx" title_az="Layihə görüşü, köçürülüb $sfx" \
		location="Miras, Bakı" version="$(sver "$S3")"
	check "an occurrence of S3 is moved and retitled on its page (303)" test "$STATUS" = 303
	post "/series/$S3/occurrences/${Y}0426T150000/cancel" version="$(sver "$S3")"
	check "another occurrence of S3 is cancelled on its page (303)" test "$STATUS" = 303
else
	echo "# no occurrence page in this tree: the two overrides are written with psql as the owner (noted)"
	stack_psql -q -c "BEGIN" -c "UPDATE series SET sequence = sequence + 1, version = version + 1, updated_at = now() WHERE id = ${S3:-0}" \
		-c "INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, title_en, title_az, sequence)
		    SELECT id, '$Y-04-12 15:00', '$Y-04-13 17:00', '$Y-04-13 18:30', 'Project meeting, moved $sfx', 'Layihə görüşü, köçürülüb $sfx', sequence FROM series WHERE id = ${S3:-0}" \
		-c "INSERT INTO series_override (series_id, recurrence_id, cancelled, sequence)
		    SELECT id, '$Y-04-26 15:00', true, sequence FROM series WHERE id = ${S3:-0}" -c "COMMIT" >/dev/null
fi
check "an occurrence of S3 is moved and another cancelled (two series_override rows)" test \
	"$(sql "SELECT count(*) FROM series_override WHERE series_id = ${S3:-0}")" = 2

# expect_json LANG SCOPE_ID: what the database holds for a memorandum's feed, for both checkers
expect_json() {
	sql "SELECT json_build_object('lang', '$1', 'messages', '$SRC/templates/messages/$1.txt', 'scope_kind', 'memorandum',
	  'scope_title_en', m.title_en, 'scope_title_az', m.title_az, 'memorandum_title_en', m.title_en,
	  'memorandum_title_az', m.title_az, 'refresh_minutes', 60, 'base_url', '$BASE', 'token', '$3',
	  'memorandum', json_build_object('id', m.id, 'signed_on', m.signed_on),
	  'zones', (SELECT coalesce(json_agg(DISTINCT s.tzid), '[]') FROM series s WHERE s.memorandum_id = m.id AND NOT s.all_day),
	  'series', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'uid', s.uid, 'title_en', s.title_en,
	      'title_az', s.title_az, 'description_en', s.description_en, 'description_az', s.description_az,
	      'location', s.location, 'location_url', s.location_url, 'tzid', s.tzid, 'all_day', s.all_day,
	      'start_local', s.start_local::text, 'end_local', s.end_local::text, 'rrule', s.rrule, 'status', s.status,
	      'sequence', s.sequence,
	      'fault_rrule', CASE WHEN s.rrule ~ 'BYDAY=[^;]*[0-9]{2}[A-Z]{2}' THEN '$F_BYDAY' END,
	      'rdates', (SELECT coalesce(json_agg(x::text ORDER BY x), '[]') FROM unnest(s.rdates) x),
	      'exdates', (SELECT coalesce(json_agg(x::text ORDER BY x), '[]') FROM unnest(s.exdates) x),
	      'overrides', (SELECT coalesce(json_agg(json_build_object('recurrence_id', o.recurrence_id::text,
	          'cancelled', o.cancelled, 'start_local', o.start_local::text, 'end_local', o.end_local::text,
	          'title_en', o.title_en, 'title_az', o.title_az) ORDER BY o.recurrence_id), '[]')
	        FROM series_override o WHERE o.series_id = s.id),
	      'attendees', (SELECT coalesce(json_agg(json_build_object('person_id', a.person_id,
	          'name_en', coalesce(p.full_name_en, a.group_en), 'name_az', coalesce(p.full_name_az, a.group_az),
	          'role', a.role, 'partstat', a.partstat) ORDER BY a.sort, a.id), '[]')
	        FROM attendee a LEFT JOIN person p ON p.id = a.person_id WHERE a.series_id = s.id)) ORDER BY s.id), '[]')
	    FROM series s WHERE s.memorandum_id = m.id))
	  FROM memorandum m WHERE m.id = $2"
}
F_BYDAY="python3-icalendar 4.0.3 cannot read a BYDAY with a two-digit ordinal (20MO) and drops the whole RRULE, leaving DTSTART alone"
F_BYDAY_JS="ical.js 2.2.1 reads a BYDAY ordinal of one digit only (its pattern is ([+-]?[0-9])?(MO|TU|…), unanchored): 20MO is read as 0MO, every Monday"
F_PYTZ="pytz reads only the transitions listed in its zone files, which end in 2037: after that Europe/Berlin stays on CET (+01) all year, while the zone's rules (and the feed's VTIMEZONE, which ical.js reads) keep summer time"

for lang in az en; do
	tok=$AZ
	[ $lang = en ] && tok=$EN
	fetch "$tok" -H 'Accept-Encoding: gzip, deflate, br'
	cp "$OUT/body" "$OUT/a_$lang.ics"
	cp "$OUT/headers" "$OUT/a_$lang.headers"
	check "the $lang feed: 200, Content-Type: text/calendar; charset=utf-8, no Content-Encoding though gzip was offered" \
		bash -c "test '$STATUS' = 200 && test \"\$(grep -i '^content-type:' '$OUT/headers' | tr -d '\r')\" = 'Content-Type: text/calendar; charset=utf-8' && ! grep -qi '^content-encoding:' '$OUT/headers'"
	expect_json $lang "$MA" "$tok" >"$OUT/expect_$lang.json"
	$PY "$CHECK" raw "$OUT/a_$lang.ics" | sed "s/^\(\(not \)\{0,1\}ok - \)/\1$lang feed: /" >"$OUT/raw_$lang.out"
	report "$OUT/raw_$lang.out"
	$PY "$CHECK" content "$OUT/a_$lang.ics" "$OUT/expect_$lang.json" >"$OUT/content_$lang.out" 2>&1
	report "$OUT/content_$lang.out"
	node "$JSCHECK" content "$OUT/a_$lang.ics" "$OUT/expect_$lang.json" >"$OUT/icaljs_$lang.out" 2>&1
	report "$OUT/icaljs_$lang.out"
done
check "the az and en feeds of one memorandum differ only in language, not in events (same UIDs)" bash -c \
	"diff <(grep '^UID:' '$OUT/a_az.ics' | sort) <(grep '^UID:' '$OUT/a_en.ics' | sort)"

# a person's feed: the series they attend (this person belongs to no memorandum), named after them
uids_in() { tr -d '\r' <"$1" | sed -n 's/^UID://p' | sort -u; }
web_token "person:$P" en "Person en $sfx"
fetch "$TOKEN"
cp "$OUT/body" "$OUT/person.ics"
check "a person's feed holds exactly the series they attend (S1 as chair, S3 as optional)" test \
	"$(uids_in "$OUT/person.ics" | paste -sd' ')" = "$(printf '%s\n' "$(uid_of "$S1")" "$(uid_of "$S3")" | sort | paste -sd' ')"
check "… and is named after them, in English" test "$($PY "$CHECK" unfolded "$OUT/person.ics" X-WR-CALNAME)" = "Nargiz Aliyeva $sfx · memocal"
# an organisation's feed: every series of the memoranda it is a party to, this memorandum's among them
web_token organisation:2 az "Organisation az $sfx"
fetch "$TOKEN"
cp "$OUT/body" "$OUT/org.ics"
check "an organisation's feed holds every series of a memorandum it is a party to, and python3-icalendar reads it" bash -c \
	"test '$STATUS' = 200 && test -z \"\$(comm -23 <(sql \"SELECT uid FROM series WHERE memorandum_id = $MA\" | sort) <(tr -d '\r' <'$OUT/org.ics' | sed -n 's/^UID://p' | sort))\" && $PY -c 'import icalendar, sys; icalendar.Calendar.from_ical(open(sys.argv[1], \"rb\").read())' '$OUT/org.ics'"

# the seed memorandum: its Azerbaijani title intact after folding, its signing date an all-day event
web_token memorandum:1 az "Seed az web $sfx"
fetch "$TOKEN"
cp "$OUT/body" "$OUT/seed.ics"
$PY "$CHECK" raw "$OUT/seed.ics" | sed 's/^\(\(not \)\{0,1\}ok - \)/\1seed feed: /' >"$OUT/raw_seed.out"
report "$OUT/raw_seed.out"
check "seed feed: X-WR-CALNAME, unfolded, is the database's title_az · memocal" test \
	"$($PY "$CHECK" unfolded "$OUT/seed.ics" X-WR-CALNAME)" = "$MEMO1_AZ · memocal"
check "seed feed: the signing date's SUMMARY, unfolded, holds title_az intact" test \
	"$($PY "$CHECK" unfolded "$OUT/seed.ics" SUMMARY memorandum-1-signed@memocal)" = "Memorandum imzalanıb: $MEMO1_AZ"
check "seed feed: the memorandum's signing date is an all-day event (DTSTART;VALUE=DATE)" grep -q \
	"^DTSTART;VALUE=DATE:$(sql "SELECT to_char(signed_on, 'YYYYMMDD') FROM memorandum WHERE id = 1")"$'\r'"\$" "$OUT/seed.ics"

# ======== 3. occurrences: memocal's agenda = python3-icalendar = ical.js, per window ========
sql "SELECT id || '|' || uid || '|' || tzid || '|' || all_day || '|' || title_en FROM series WHERE memorandum_id = $MA" >"$OUT/series.map"
cat >"$OUT/hand.json" <<JSON
{"$(uid_of "$S6")": {"faults": {"python": "$F_BYDAY", "icaljs": "$F_BYDAY_JS"},
                     "want": ["2030-05-20 06:00", "2031-05-19 06:00", "2032-05-17 06:00"]},
 "$(uid_of "$S7")": {"faults": {"python": "$F_PYTZ"}, "want": ["2040-03-18 09:00", "2040-03-25 08:00", "2040-04-01 08:00"]}}
JSON
as viewer
for w in $(printf '%s\n' "$Y-01-01:366" "$((Y + 1))-01-01:366" "$((Y + 2))-01-01:366" 2030-01-01:366 2031-01-01:366 \
	2032-01-01:366 2040-03-01:60 | sort -u); do
	from=${w%%:*} days=${w##*:}
	agenda_pages "/agenda?memorandum=$MA&from=$from&days=$days&tz=UTC"
	cp "$OUT/body" "$OUT/agenda.$from.html"
	if [ "$STATUS" != 200 ] || grep -q 'Only the first occurrences are shown' "$OUT/body"; then
		fail "window $from +${days}d: memocal's agenda is complete" "status $STATUS"
		continue
	fi
	node "$JSCHECK" occurrences "$OUT/a_az.ics" "$from" "$days" >"$OUT/icaljs.$from" 2>"$OUT/icaljs.$from.err" ||
		fail "window $from: ical.js expands the feed" "$(cat "$OUT/icaljs.$from.err")"
	$PY "$CHECK" compare "$OUT/a_az.ics" "$from" "$days" "$OUT/agenda.$from.html" "$OUT/series.map" \
		"$OUT/icaljs.$from" "$OUT/hand.json" >"$OUT/compare.$from" 2>&1
	report "$OUT/compare.$from"
done

# ======== 4. conditional GET: ETag and Last-Modified, what changes them and what does not ========
as editor
S8=$(mkseries "$MA" title_en="Temporary $sfx" title_az="Müvəqqəti $sfx" start_date="$Y-09-01" start_time=12:00)
holds() { $PY "$CHECK" holds "$OUT/body" "$1"; }
epoch() { date -u -d "$1" +%s 2>/dev/null || echo 0; }
fetch "$AZ"
E0=$(header ETag) L0=$(header Last-Modified)
check "a 200 carries ETag, Last-Modified and Cache-Control" test -n "$E0" -a -n "$L0" -a -n "$(header Cache-Control)"
file=$(ls -t "$STACK_DIR/feed-cache/memorandum-$MA-az/"*.ics 2>/dev/null | head -1)
check "the ETag is nginx's for the rendered file (\"mtime-size\" in hex), and Last-Modified its mtime" bash -c \
	"test -n '$file' && test \"\$(printf '\"%x-%x\"' \$(stat -c '%Y %s' '$file'))\" = '$E0' && test \"\$(stat -c %Y '$file')\" = '$(epoch "$L0")'"
fetch "$AZ" -H "If-None-Match: $E0"
check "If-None-Match with that ETag: 304, no body, the same ETag (the app's equals nginx's)" bash -c \
	"test '$STATUS' = 304 && ! test -s '$OUT/body' && test '$(header ETag)' = '$E0'"
JAR="" req HEAD "/feeds/$AZ.ics" -H "If-None-Match: $E0"
check "HEAD with If-None-Match: 304 too" test "$STATUS" = 304
fetch "$AZ" -H "If-None-Match: \"0-0\", W/$E0"
check "If-None-Match with a list, the ETag weak (W/): 304" test "$STATUS" = 304
fetch "$AZ" -H "If-Modified-Since: $L0"
check "If-Modified-Since with the Last-Modified: 304, no body" bash -c "test '$STATUS' = 304 && ! test -s '$OUT/body'"
fetch "$AZ" -H 'If-None-Match: "0-0"' -H "If-Modified-Since: $L0"
check "an If-None-Match that does not match wins over If-Modified-Since: 200" test "$STATUS" = 200

# changed NAME TEXT: the next fetch with the last ETag is a 200 with a new ETag, a Last-Modified not earlier,
# and the feed holds TEXT (as written in it)
changed() {
	fetch "$AZ" -H "If-None-Match: $E0"
	local e1 l1
	e1=$(header ETag) l1=$(header Last-Modified)
	check "$1 → 200, a new ETag, Last-Modified not earlier" bash -c \
		"test '$STATUS' = 200 && test -n '$e1' && test '$e1' != '$E0' && test $(epoch "$l1") -ge $(epoch "$L0")"
	[ -n "${2:-}" ] && check "… and the feed shows it" holds "$2"
	E0=$e1 L0=$l1
}
post "/people/$P/edit" full_name_en="Nargiz Aliyeva-Karimova $sfx" full_name_az="Nərgiz Əliyeva-Kərimova $sfx" \
	preferred_lang=az version="$(sql "SELECT version FROM person WHERE id = ${P:-0}")"
check "the chair is renamed on her page (303)" test "$STATUS" = 303
changed "renaming a person who attends" "CN=Nərgiz Əliyeva-Kərimova $sfx"
post "/memoranda/$MA/edit" title_en="Feeds, joint work (renamed) $sfx" title_az="Lentlər, birgə iş (yeni ad) $sfx" \
	signed_on="$SIGNED" status=active party_rows=2 party_0_org=1 party_1_org=2 \
	version="$(sql "SELECT version FROM memorandum WHERE id = $MA")"
check "the memorandum is renamed on its form (303)" test "$STATUS" = 303
changed "changing the memorandum's title" "X-WR-CALNAME:Lentlər, birgə iş (yeni ad) $sfx · memocal"
post "/series/$S8/delete" version="$(sql "SELECT version FROM series WHERE id = ${S8:-0}")"
check "a series is deleted (303)" test "$STATUS" = 303
changed "deleting a series"
check "… and its UID is gone from the feed" bash -c "! grep -q 'Müvəqqəti $sfx' '$OUT/body' && test -n '$S8'"
post "/series/$S1/edit" attendee_1_partstat=declined "${S1_FIELDS[@]}" kind=meeting status=confirmed tzid=Asia/Baku \
	version="$(sql "SELECT version FROM series WHERE id = ${S1:-0}")" action=confirm
check "an attendee's answer is changed on the series form (303)" test "$STATUS" = 303
changed "changing an attendee (PARTSTAT)" "CN=Fariz Xəlilli;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED"
# nothing of this memorandum: another memorandum's series
SB=$(mkseries "$MB" title_en="Elsewhere $sfx" title_az="Başqa yerdə $sfx" start_date="$Y-06-01" start_time=12:00 \
	attendee_rows=1 attendee_0_person=1)
check "a series of another memorandum is created" test -n "$SB"
fetch "$AZ"
check "a change outside the feed's scope (another memorandum's series) keeps the ETag" test "$(header ETag)" = "$E0"
fetch "$AZ" -H "If-None-Match: $E0"
check "… and If-None-Match still answers 304" test "$STATUS" = 304
# a change that bumps the scope's version but not the feed's bytes (the summary is not in the feed): rendered
# again, the same bytes, the same Last-Modified, so the same ETag
v0=$(sql "SELECT version FROM feed_version WHERE scope_kind = 'memorandum' AND scope_id = $MA")
stack_psql -q -c "UPDATE memorandum SET summary_en = 'Not in any feed $sfx' WHERE id = $MA"
fetch "$AZ" -H "If-None-Match: $E0"
check "a new version of the scope with the same bytes keeps the ETag (304), Last-Modified too" bash -c \
	"test $(sql "SELECT version FROM feed_version WHERE scope_kind = 'memorandum' AND scope_id = $MA") -gt ${v0:-0} && test '$STATUS' = 304 && test '$(header Last-Modified)' = '$L0'"

# ======== 5. the feed's window: series long over leave it; a cancelled one stays a while, as CANCELLED ========
as editor
post /memoranda/new title_en="Window $sfx" title_az="Pəncərə $sfx" signed_on="$SIGNED" status=active party_rows=2 \
	party_0_org=1 party_1_org=2
MW=$(location)
MW=${MW##*/}
day() { date -u -d "$1" +%F; }
W_OLD=$(mkseries "$MW" title_en="Two years ago $sfx" title_az="İki il əvvəl $sfx" start_date="$(day '-730 days')" \
	start_time=10:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=3")
W_300=$(mkseries "$MW" title_en="300 days ago $sfx" title_az="300 gün əvvəl $sfx" start_date="$(day '-300 days')" start_time=10:00)
W_LONG=$(mkseries "$MW" title_en="Began 400 days ago, ended 15 days ago $sfx" title_az="400 gün əvvəl başlayıb $sfx" \
	start_date="$(day '-400 days')" start_time=10:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=56")
W_ENDLESS=$(mkseries "$MW" title_en="Monthly since five years $sfx" title_az="Beş ildir aylıq $sfx" \
	start_date="$(day '-1826 days')" start_time=10:00 repeat=custom rrule="FREQ=MONTHLY")
SC_FIELDS=(title_en="To be cancelled $sfx" title_az="Ləğv ediləcək $sfx" start_date="$(day '+40 days')" start_time=11:00
	end_time=12:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=4")
W_CANCEL=$(mkseries "$MW" "${SC_FIELDS[@]}")
check "five series for the window are stored" test -n "$W_OLD" -a -n "$W_300" -a -n "$W_LONG" -a -n "$W_ENDLESS" -a -n "$W_CANCEL"
web_token "memorandum:$MW" en "Window en $sfx"
TW=$TOKEN
fetch "$TW"
cp "$OUT/body" "$OUT/w0.ics"
# has_uid FEED SERIES: the feed has a VEVENT of the series; not CMD...: CMD fails
has_uid() { tr -d '\r' <"$1" | grep -qx "UID:$(uid_of "$2")"; }
not() { ! "$@"; }
check "a series whose last occurrence is two years old is not in the feed (feed_past_days = 365)" not has_uid "$OUT/w0.ics" "$W_OLD"
check "a single event 300 days ago is still in it" has_uid "$OUT/w0.ics" "$W_300"
check "a series that began 400 days ago and ended 15 days ago is in it (its last occurrence counts)" has_uid "$OUT/w0.ics" "$W_LONG"
check "an endless monthly series begun five years ago is in it" has_uid "$OUT/w0.ics" "$W_ENDLESS"
U_CANCEL=$(uid_of "$W_CANCEL")
seq0=$($PY "$CHECK" prop "$OUT/w0.ics" "$U_CANCEL" SEQUENCE)
check "the series to be cancelled is in it, CONFIRMED" test "$($PY "$CHECK" prop "$OUT/w0.ics" "$U_CANCEL" STATUS)" = CONFIRMED

# cancelled on its form: still in the feed, STATUS:CANCELLED, a higher SEQUENCE (clients remove it on their side)
post "/series/$W_CANCEL/edit" status=cancelled "${SC_FIELDS[@]}" kind=meeting tzid=Asia/Baku \
	version="$(sql "SELECT version FROM series WHERE id = ${W_CANCEL:-0}")" action=confirm
check "the series is cancelled on its form (303)" test "$STATUS" = 303
fetch "$TW"
cp "$OUT/body" "$OUT/w1.ics"
check "a cancelled series stays in the feed with STATUS:CANCELLED" test "$($PY "$CHECK" prop "$OUT/w1.ics" "$U_CANCEL" STATUS)" = CANCELLED
seq1=$($PY "$CHECK" prop "$OUT/w1.ics" "$U_CANCEL" SEQUENCE)
seq0=${seq0:-0} # a SEQUENCE of 0 is not written (RFC 5545's default)
check "… and a higher SEQUENCE than before ($seq0 → $seq1)" test "${seq1:-0}" -gt "${seq0:-99}"

# a second memocal-feed with its own config: a shorter window and retention, and no nginx (feed_accel empty: it
# sends the bytes itself); its log sits with the stack's, so the sanitizer check reads it too
port=$(free_port)
sed "s|^feed_cache_dir = .*|feed_cache_dir = $OUT/feed-cache2|" "$STACK_DIR/memocal.conf" >"$OUT/feed2.conf"
printf 'feed_past_days = 200\nfeed_cancelled_days = 3\nfeed_accel =\n' >>"$OUT/feed2.conf"
"$BIN/memocal-feed" --config "$OUT/feed2.conf" --listen "127.0.0.1:$port" --workers 1 >>"$STACK_DIR/t80-feed2.log" 2>&1 &
feed2=$!
# feed2 PATH [HEADER=VALUE]: one request straight to it over FastCGI; headers in $OUT/f2.headers, body in $OUT/f2.body
feed2() {
	env REQUEST_METHOD=GET REQUEST_URI="$1" SERVER_PROTOCOL=HTTP/1.1 ${2:+"$2"} cgi-fcgi -bind -connect "127.0.0.1:$port" >"$OUT/f2.raw" 2>/dev/null
	$PY -c 'import sys
d = open(sys.argv[1], "rb").read()
h, _, b = d.partition(b"\r\n\r\n")
open(sys.argv[2], "wb").write(h + b"\r\n")
open(sys.argv[3], "wb").write(b)' "$OUT/f2.raw" "$OUT/f2.headers" "$OUT/f2.body"
}
for _ in $(seq 1 50); do
	feed2 /feeds/healthz
	grep -q '^ok' "$OUT/f2.body" && break
	sleep 0.1
done
feed2 "/feeds/$TW.ics"
check "the second memocal-feed (feed_accel empty) sends the feed itself: 200, no X-Accel-Redirect, a calendar" bash -c \
	"grep -q '^Status: 200' '$OUT/f2.headers' && ! grep -qi '^x-accel-redirect' '$OUT/f2.headers' && head -c 15 '$OUT/f2.body' | grep -q 'BEGIN:VCALENDAR'"
f2file=$(ls -t "$OUT/feed-cache2/memorandum-$MW-en/"*.ics 2>/dev/null | head -1)
# the served bytes are the render's with this address's secret where the render has the mark (lines unfolded:
# a fold may split a link)
same_but_secret() {
	/usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import re, sys
render, served, secret = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read(), sys.argv[3].encode()
unfold = lambda b: b.replace(b'\r\n ', b'')
r, s = unfold(render), unfold(served)
assert secret not in render, 'the secret is in the render on disk'
assert b'/board/' + secret + b'/' in s, 'the served feed has no board link with the secret'
norm = lambda b: re.sub(rb'/board/[A-Za-z0-9_-]{43}/', b'/board/X/', b)
assert len(render) == len(served) and norm(r) == norm(s), 'they differ elsewhere'
PY
}
check "… its ETag is the same \"mtime-size\" of its own rendered file" bash -c \
	"test -n '$f2file' && grep -qi \"^etag: \$(printf '\"%x-%x\"' \$(stat -c '%Y %s' '$f2file'))\" '$OUT/f2.headers'"
check "… the bytes: the file's, with this address's secret in the board links (the file has none)" \
	same_but_secret "$f2file" "$OUT/f2.body" "$TW"
check "with feed_past_days = 200 the event 300 days ago is not in its feed" not has_uid "$OUT/f2.body" "$W_300"
check "… while the series that ended 15 days ago is" has_uid "$OUT/f2.body" "$W_LONG"
check "a series cancelled today is in its feed too (feed_cancelled_days = 3)" has_uid "$OUT/f2.body" "$W_CANCEL"

# the cancellation five days old (set as the owner: nobody can wait days), then 31 days old
stack_psql -q -c "UPDATE series SET cancelled_at = now() - interval '5 days' WHERE id = ${W_CANCEL:-0}"
fetch "$TW"
check "cancelled five days ago: still in the feed (feed_cancelled_days = 30)" has_uid "$OUT/body" "$W_CANCEL"
feed2 "/feeds/$TW.ics"
check "cancelled five days ago: gone from the feed of the second memocal-feed (feed_cancelled_days = 3)" bash -c \
	"grep -q '^Status: 200' '$OUT/f2.headers' && ! tr -d '\r' <'$OUT/f2.body' | grep -qx 'UID:$U_CANCEL'"
stack_psql -q -c "UPDATE series SET cancelled_at = now() - interval '31 days' WHERE id = ${W_CANCEL:-0}"
fetch "$TW"
check "cancelled 31 days ago: gone from the feed after the retention" bash -c "test '$STATUS' = 200 && ! tr -d '\r' <'$OUT/body' | grep -qx 'UID:$U_CANCEL'"
kill -TERM "$feed2" 2>/dev/null
wait "$feed2"
check "the second memocal-feed stops cleanly on SIGTERM (exit 0)" test $? = 0

# ======== 6. the subscribers page warns before a feed reaches Google's 1 MB ========
as editor
post /memoranda/new title_en="Large $sfx" title_az="Böyük $sfx" signed_on="$SIGNED" status=active party_rows=2 \
	party_0_org=1 party_1_org=2
ML=$(location)
ML=${ML##*/}
# 400 series with long Azerbaijani descriptions, inserted as the owner (bounded: about 0.9 MB of feed)
stack_psql -q -c "INSERT INTO series (memorandum_id, uid, title_en, title_az, description_en, description_az, location,
	  start_local, end_local, rrule)
	SELECT ${ML:-0}, 'large-' || g || '-$sfx@memocal', 'Large meeting ' || g, 'Böyük görüş ' || g,
	  repeat('Joint work under the memorandum, ', 30), repeat('Memorandum çərçivəsində birgə iş; ', 40),
	  'Xəzər Universiteti, otaq ' || g, timestamp '$Y-01-05 10:00' + g * interval '1 day',
	  timestamp '$Y-01-05 11:00' + g * interval '1 day', 'FREQ=YEARLY;COUNT=3'
	FROM generate_series(1, 400) g"
web_token "memorandum:$ML" az "Large az $sfx"
TL=$TOKEN
fetch "$TL"
cp "$OUT/body" "$OUT/large.ics"
lsize=$(stat -c %s "$OUT/large.ics")
check "the large feed is served whole (200, $lsize bytes: past 800 KB, under 1 MB)" bash -c \
	"test '$STATUS' = 200 && test $lsize -gt $((800 * 1024)) && test $lsize -lt $((1024 * 1024)) && test \$(grep -c '^BEGIN:VEVENT' '$OUT/large.ics') = 401"
$PY "$CHECK" raw "$OUT/large.ics" | sed 's/^\(\(not \)\{0,1\}ok - \)/\1large feed: /' >"$OUT/raw_large.out"
report "$OUT/raw_large.out"
as viewer
req GET /feeds
tr '\n' ' ' <"$OUT/body" | sed 's/<tr/\n<tr/g' >"$OUT/rows"
check "/feeds shows the large feed's size with the warning \"near Google's 1 MB limit\"" bash -c \
	"grep -F 'Large az $sfx' '$OUT/rows' | grep -F \"$(awk -v s="$lsize" 'BEGIN { printf "%.1f", s / 1024 }') KB\" | grep -q 'class=\"warn\">near Google&#39;s 1 MB limit\\|class=\"warn\">near Google.s 1 MB limit'"
check "… and no warning beside a small feed" bash -c "grep -F 'Web az $sfx' '$OUT/rows' | grep -q ' KB' && ! grep -F 'Web az $sfx' '$OUT/rows' | grep -q 'class=\"warn\"'"

# ======== 7. renders faster than one a second: each its own ETag, and no Last-Modified after the Date ========
# (RFC 9110 8.8.2.1). Five changes, each fetched at once: a render's mtime moves forwards by a second at
# least (nginx's ETag is "mtime-size"), and it waits for the clock rather than run ahead of it.
: >"$OUT/burst"
for i in 1 2 3 4 5; do
	stack_psql -q -c "UPDATE series SET description_az = 'Burst $i $sfx' WHERE memorandum_id = ${ML:-0} AND uid = 'large-1-$sfx@memocal'"
	fetch "$TL"
	echo "$STATUS|$(header ETag)|$(date -d "$(header Last-Modified)" +%s)|$(date -d "$(header Date)" +%s)" >>"$OUT/burst"
done
check "five changes fetched at once: five 200s, five ETags ($(cut -d'|' -f2 "$OUT/burst" | paste -sd' '))" bash -c \
	"test \$(grep -c '^200|' '$OUT/burst') = 5 && test \$(cut -d'|' -f2 '$OUT/burst' | sort -u | wc -l) = 5"
check "… and none says it was modified after its Date ($(cut -d'|' -f3,4 "$OUT/burst" | paste -sd' '))" \
	awk -F'|' '$3 > $4 { bad = 1 } END { exit bad }' "$OUT/burst"
