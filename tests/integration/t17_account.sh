#!/usr/bin/env bash
# t17_account.sh - a person's own settings (/account): the language and the time zone every page shows
# them times in. The setting is one person's: the others keep theirs. A zone nobody knows is a 422 naming
# the field in the person's language, with what was typed kept and zones to pick from.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
ME=zone$sfx
# the account's version, which the form carries (a form opened before a change is stale: 409)
ver() { sql "SELECT version FROM staff_user WHERE login = '$ME'"; }

# in_zone ZONE LANG: the first <time datetime="…Z"> of the last body says that instant in ZONE: day, month in
# LANG's words, year, HH:MM
in_zone() {
	local t iso want
	t=$(grep -oE '<time datetime="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z">[^<]*</time>' "$OUT/body" | head -1)
	iso=${t#*datetime=\"}
	iso=${iso%%\"*}
	[ -n "$iso" ] || { echo "no <time> on the page" >&2; return 1; }
	want="$(TZ=$1 date -d "$iso" +%-d) $(sed -n "s/^month\.$(TZ=$1 date -d "$iso" +%-m) = //p" \
		"$SRC/templates/messages/$2.txt") $(TZ=$1 date -d "$iso" '+%Y %H:%M')"
	[ "$t" = "<time datetime=\"$iso\">$want</time>" ] || { echo "shown: $t; wanted: $want" >&2; return 1; }
}

# ---- only a logged-in person has settings
as nobody
req GET /account
check "a visitor's GET /account is sent to log in" test "$STATUS/$(header Location)" = "303//login?next=/account"

# ---- an account of its own (an administrator, for the pages with times), so the shared ones keep theirs
as admin
post /users/new login="$ME" display_name="Zone Test $sfx" role=admin password="$PASSWORD" password_confirm="$PASSWORD"
check "an account for this test (303)" test "$STATUS" = 303
as "$ME"
req GET /account -H 'Accept-Language: en'
expect "its settings page: language, zone, and the zone times are shown in now (Asia/Baku)" 200 \
	'<h1>Your settings</h1>' 'name="lang"' 'name="time_zone"' 'list="zones"' 'Times are now shown in <strong>Asia/Baku</strong>'
expect "… with zones to pick from" 200 '<option value="Asia/Baku">'
expect "… and the name in the header links to it, marked as the current page" 200 'href="/account"' 'aria-current="page">Zone Test'

# ---- refused: nothing stored, everything typed kept, the field named in the person's language
req POST /account --data-urlencode lang=en --data-urlencode time_zone=Europe/Berlin
check "a POST without the form's CSRF token is refused (403) and stores nothing" \
	test "$STATUS/$(sql "SELECT coalesce(time_zone, '-') FROM staff_user WHERE login = '$ME'")" = "403/-"
post /account version="$(ver)" lang=en time_zone=Europe/Berlinn
expect "a mistyped zone is a 422 at the field" 422 'id="time_zone-error">Not a time zone this server knows' \
	'value="Europe/Berlinn"' '<option value="Europe/Berlin">'
req POST /account -H 'Accept-Language: az' --data-urlencode "csrf=$(csrf)" --data-urlencode "version=$(ver)" --data-urlencode lang=az \
	--data-urlencode time_zone=Nowhere/At_All
expect "… said in Azerbaijani to an Azerbaijani reader" 422 'id="time_zone-error">Bu server belə saat qurşağı tanımır'
post /account version="$(ver)" lang=klingon time_zone=Europe/Berlin
expect "an unknown language is a 422 at its field, the zone kept" 422 'id="lang-error"' 'value="Europe/Berlin"'
post /account version="$(ver)" lang=en time_zone="$(printf 'Europe/%070d' 0)"
expect "a zone name longer than any is a 422" 422 'id="time_zone-error"'
check "nothing refused was stored" \
	test "$(sql "SELECT coalesce(time_zone, '-') || coalesce(lang, '-') FROM staff_user WHERE login = '$ME'")" = "--"

# ---- saved: every page shows this person's times in it
post /account version="$(ver)" lang=en time_zone=America/New_York
check "a known zone is saved (303 to the page, with a note)" test "$STATUS/$(header Location)" = "303//account?done=settings_saved"
req GET "$(header Location)"
expect "… which says so and names the zone" 200 'Your settings were saved.' \
	'Times are now shown in <strong>America/New_York</strong>' 'value="America/New_York"'
check "… stored, language and zone" \
	test "$(sql "SELECT time_zone || ' ' || lang FROM staff_user WHERE login = '$ME'")" = "America/New_York en"
check "… and audited as this person's change" \
	test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'staff_user' AND action = 'update' AND user_login = '$ME' AND label = '$ME'")" = 1
req GET /users
expect "the accounts page says its times are in America/New_York" 200 "Times in America/New_York"
check "… and shows them so (a last login, New York's wall clock)" in_zone America/New_York en
req GET /audit
expect "the audit log too" 200 "America/New_York"
check "… its first entry in New York's time" in_zone America/New_York en
MEMO=$(sql "SELECT min(id) FROM memorandum")
req GET "/memoranda/$MEMO/series/new"
expect "a new meeting is in the person's zone unless they choose another" 200 'name="tzid"' 'value="America/New_York"'
# back to a viewer: the later tests count the administrators (t55: "the only active administrator")
sql "UPDATE staff_user SET role = 'viewer' WHERE login = '$ME'" >/dev/null
req GET /agenda
expect "the agenda reads times in it unless told otherwise" 200 'name="tz" value="America/New_York"'
req GET "/agenda?tz=Asia/Tokyo"
expect "… and another zone when asked" 200 'name="tz" value="Asia/Tokyo"'

# ---- a setting is one person's
as admin
req GET /users
expect "another administrator still reads Asia/Baku" 200 "Times in Asia/Baku"
check "… on the same page" in_zone Asia/Baku en

# ---- the language setting follows the person to another browser; "as my browser asks" clears it
as "$ME"
post /account version="$(ver)" lang=az time_zone=America/New_York
rm -f "$OUT/jar.$ME" "$OUT/jar.$ME.ok"
as "$ME"
req GET /account -H 'Accept-Language: en'
expect "logged in again elsewhere, memocal speaks Azerbaijani to them" 200 '<h1>Ayarlarınız</h1>'
post /account version="$(ver)" lang=browser time_zone=
check "… until they choose the browser's language and no zone (303)" test "$STATUS" = 303
check "… which stores neither" \
	test "$(sql "SELECT coalesce(time_zone, '-') || coalesce(lang, '-') FROM staff_user WHERE login = '$ME'")" = "--"
req GET /account -H 'Accept-Language: en'
expect "… and the pages are in Asia/Baku again" 200 'Times are now shown in <strong>Asia/Baku</strong>'
