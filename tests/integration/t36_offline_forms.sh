#!/usr/bin/env bash
# t36_offline_forms.sh - every form POSTed while PostgreSQL is down comes back (503) as a form holding
# everything that was typed, with a message at the top: its own form where the page can build it without
# the database, else a form of the same fields to send again (pages/resend.c). Every POST route of
# `memocal routes` is tried, so a new form cannot be forgotten; one form sent again works once the database
# is back.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
trap 'stack_pg_start >/dev/null 2>&1' EXIT
sfx=$(date +%s%N | tail -c 6)
TYPED="Yazılmış $sfx"

# `as` logs in again when it is called: everything that needs the database is done now
as nobody
VISITOR_CSRF=$(csrf)
as admin
CSRF=$(csrf)
stack_memocal routes | awk -F'\t' '$1 == "POST" { print $2 }' >"$OUT/posts"
check "memocal routes lists the POST routes ($(wc -l <"$OUT/posts"))" test "$(wc -l <"$OUT/posts")" -ge 20
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t36//EN\r\nEND:VCALENDAR\r\n' >"$OUT/small.ics"

# at_top: the message (role="alert") comes before the form that sends to PATH
at_top() {
	/usr/bin/python3 - "$OUT/body" "$1" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
alert = html.find('role="alert"')
form = html.find('action="%s"' % sys.argv[2])
sys.exit(0 if 0 <= alert < form else 1)
PY
}

stack_pg_stop fast
while read -r route; do
	path=$(sed -e 's/{rid:word}/20250101T100000/' -e 's/{[a-z]*:int}/1/g' <<<"$route")
	values=()
	case "$route" in
	/login)
		# a visitor's form: its token is in a cookie of its own
		JAR=$OUT/jar.nobody req POST /login --data-urlencode "csrf=$VISITOR_CSRF" --data-urlencode "login=typed$sfx" \
			--data-urlencode "password=never-shown-$sfx"
		values=("typed$sfx")
		;;
	/logout)
		req POST "$path" --data-urlencode "csrf=$CSRF"
		expect "POST /logout with the database down: 503, the session is not said to be ended" 503 \
			'your session could not be ended'
		continue
		;;
	/language)
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "lang=en" --data-urlencode "back=/agenda"
		check "POST /language needs no database: the choice is kept in a cookie (303)" \
			bash -c "test '$STATUS' = 303 && grep -qi '^set-cookie: lang=en' '$OUT/headers'"
		continue
		;;
	/organisations/*)
		values=("Org $TYPED" "Təşkilat $TYPED" "typed-$sfx" "https://typed-$sfx.example.org")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "name_en=${values[0]}" \
			--data-urlencode "name_az=${values[1]}" --data-urlencode "slug=${values[2]}" --data-urlencode "kind=ngo" \
			--data-urlencode "website=${values[3]}" --data-urlencode "version=1"
		;;
	/people/*)
		values=("Person $TYPED" "Şəxs $TYPED" "typed-$sfx@example.org" "Vəzifə $TYPED")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "full_name_en=${values[0]}" \
			--data-urlencode "full_name_az=${values[1]}" --data-urlencode "email=${values[2]}" \
			--data-urlencode "preferred_lang=az" --data-urlencode "rows=1" --data-urlencode "position_0_org=1" \
			--data-urlencode "position_0_title_en=Title $sfx" --data-urlencode "position_0_title_az=${values[3]}" \
			--data-urlencode "version=1"
		;;
	/groups/*)
		values=("Group $TYPED" "Qrup $TYPED")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "name_en=${values[0]}" \
			--data-urlencode "name_az=${values[1]}" --data-urlencode "member_rows=1" --data-urlencode "member_0_person=1" \
			--data-urlencode "version=1"
		;;
	/users/new)
		values=("typed$sfx" "User $TYPED")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "login=${values[0]}" \
			--data-urlencode "display_name=${values[1]}" --data-urlencode "role=viewer" \
			--data-urlencode "password=never-shown-$sfx" --data-urlencode "password_confirm=never-shown-$sfx"
		;;
	/users/*/edit)
		values=("User $TYPED")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "display_name=${values[0]}" \
			--data-urlencode "role=viewer" --data-urlencode "version=1"
		;;
	/account/feeds/new)
		values=("az")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "lang=${values[0]}"
		;;
	/account)
		values=("Europe/Berlin")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "lang=az" --data-urlencode "time_zone=${values[0]}" \
			--data-urlencode "version=1"
		;;
	*/import)
		values=("Note $TYPED")
		req POST "$path" -F "csrf=$CSRF" -F "note=${values[0]}" -F "file=@$OUT/small.ics;type=text/calendar"
		cp "$OUT/body" "$OUT/import.body" # checked below, whichever route comes last
		;;
	*)
		values=("Title $TYPED" "Başlıq $TYPED" "Line one $sfx")
		req POST "$path" --data-urlencode "csrf=$CSRF" --data-urlencode "title_en=${values[0]}" \
			--data-urlencode "title_az=${values[1]}" --data-urlencode "description_en=${values[2]}" \
			--data-urlencode "version=3" --data-urlencode "label=${values[0]}"
		;;
	esac
	expect "POST $route with the database down: 503, everything typed, a message" 503 \
		'The database is not answering' "${values[@]}"
	check "… the message at the top, above the form to send again" at_top "$path"
	refute "… and no password sent back" "never-shown-$sfx"
done <"$OUT/posts"
check "an upload comes back asking for its file again" bash -c "grep -q 'type=\"file\"' '$OUT/import.body'"

# the form to send again works: the feeds form, sent back as it came once the database answers
req POST /feeds/new --data-urlencode "csrf=$CSRF" --data-urlencode "label=Resent $sfx" \
	--data-urlencode "scope=memorandum:1" --data-urlencode "lang=az"
expect "POST /feeds/new with the database down: the fields to send again" 503 "Resent $sfx" 'memorandum:1'
/usr/bin/python3 - "$OUT/body" >"$OUT/resend.args" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    inside = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == "/feeds/new":
            self.inside = True
        elif tag == "input" and self.inside and a.get("name"):
            print("%s=%s" % (a["name"], a.get("value") or ""))
    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
P().feed(open(sys.argv[1], encoding="utf-8").read())
PY
stack_pg_start
ok=""
for _ in $(seq 1 100); do
	req GET /feeds
	[ "$STATUS" = 200 ] && ok=1 && break
	sleep 0.1
done
check "PostgreSQL back: pages answer" test -n "$ok"
args=()
while IFS= read -r kv; do args+=(--data-urlencode "$kv"); done <"$OUT/resend.args"
req POST /feeds/new "${args[@]}"
check "the form sent again as it came back makes the address (303 to its subscribe page)" bash -c \
	"test '$STATUS' = 303 && [[ '$(header Location)' =~ ^/feeds/[0-9]+/subscribe$ ]] && test \"\$(sed 's|^/feeds/\([0-9]*\)/.*|\1|' <<<'$(header Location)')\" = '$(stack_psql -tAc "SELECT max(id) FROM feed_token WHERE label = 'Resent $sfx'")'"
