#!/usr/bin/env bash
# t23_back_to_back.sh - the ownership rule (src/util/arena.h) for every route: two requests back to back on one
# worker, the second carrying nothing of the first, and no sanitizer report. An extra memocal-web and
# memocal-feed with one worker each run against a database of their own (made here: migrated, seeded, a series,
# an override, a feed token and two accounts), so that POSTs to every route, deletes included, change nothing
# the other tests use. Their logs are $STACK_DIR/t23-*.log, which tests/run searches for sanitizer reports.
. "$(dirname "$0")/lib.sh"
export PYTHONDONTWRITEBYTECODE=1
DB=memocal_b2b
sql() { PSQL_DB=$DB stack_psql -tAc "$1"; }

stack_psql -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER memocal ENCODING 'UTF8' TEMPLATE template0" \
	>/dev/null
WEB=$(free_port) FEED=$(free_port)
# the stack's config with this database, one worker each, and limits that let large bodies reach the handlers
conf=$OUT/b2b.conf
sed -e "s/dbname=memocal /dbname=$DB /" -e '/^web_workers\|^feed_workers\|^max_body\|^max_fields\|^max_field_len/d' \
	"$STACK_DIR/memocal.conf" >"$conf"
printf 'web_workers = 1\nfeed_workers = 1\nmax_body = 400000\nmax_fields = 200\nmax_field_len = 70000\n' >>"$conf"
check "the extra programs' config points at a database of their own" \
	bash -c "grep -c 'dbname=$DB ' '$conf' | grep -qx 3 && '$BIN/memocal-web' --config '$conf' --check"
"$BIN/memocal" --config "$conf" migrate >"$OUT/migrate.out" 2>&1 && "$BIN/memocal" --config "$conf" seed >>"$OUT/migrate.out" 2>&1
check "its database is migrated and seeded" grep -q '^seeded' "$OUT/migrate.out"

# records for every route's ids: a weekly series with an override, a feed token, the admin and another account
memo=$(sql "SELECT min(id) FROM memorandum")
org=$(sql "SELECT min(id) FROM organisation")
person=$(sql "SELECT min(id) FROM person")
series=$(sql "INSERT INTO series (memorandum_id, uid, title_en, title_az, start_local, end_local, rrule)
	VALUES ($memo, 'b2b-series@memocal', 'Board meeting', 'İdarə heyətinin iclası', '2030-01-07 10:00', '2030-01-07 11:00',
	'FREQ=WEEKLY;COUNT=20') RETURNING id" | head -1)
override=$(sql "INSERT INTO series_override (series_id, recurrence_id, title_en, title_az)
	VALUES ($series, '2030-01-14 10:00', 'Moved', 'Köçürülüb') RETURNING id" | head -1)
printf '%s\n' "$PASSWORD" | "$BIN/memocal" --config "$conf" user add b2badmin --role admin --name "Zərifə Bəkirova-B2B" >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN/memocal" --config "$conf" user add b2bother --role viewer --name "Other" >/dev/null
other=$(sql "SELECT id FROM staff_user WHERE login = 'b2bother'")
"$BIN/memocal" --config "$conf" token add --scope "memorandum:$memo" --lang az --label b2b >"$OUT/token.out" 2>&1
token_id=$(sed -n '1s/^token \([0-9]*\) .*/\1/p' "$OUT/token.out")
token=$(sed -n '2s|.*/feeds/\([A-Za-z0-9_-]*\)\.ics$|\1|p' "$OUT/token.out")
# a document of the memorandum with one version (migration 025), for /documents/… and the board's download
doc=$(sql "INSERT INTO document (memorandum_id, title_en) VALUES ($memo, 'B2B document') RETURNING id" | head -1)
sql "INSERT INTO document_version (document_id, n, bytes, size, content_type, filename, sha256)
	VALUES ($doc, 1, '\\x255044462d312e340a'::bytea, 9, 'application/pdf', 'Sənəd.pdf',
	encode(sha256('\\x255044462d312e340a'::bytea), 'hex'))" >/dev/null
check "a series, an override, a feed token, a document and two accounts for the routes' ids" \
	test -n "$series" -a -n "$override" -a -n "$other" -a -n "$token_id" -a -n "$token" -a -n "$doc"

setsid "$BIN/memocal-web" --config "$conf" --listen "127.0.0.1:$WEB" >>"$STACK_DIR/t23-memocal-web.log" 2>&1 </dev/null &
web_pid=$!
setsid "$BIN/memocal-feed" --config "$conf" --listen "127.0.0.1:$FEED" >>"$STACK_DIR/t23-memocal-feed.log" 2>&1 </dev/null &
feed_pid=$!
one_worker() { [ "$(pgrep -P "$1" | wc -l)" = 1 ]; }
answers() { REQUEST_METHOD=GET REQUEST_URI=/healthz SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "127.0.0.1:$1" 2>/dev/null | grep -q '^ok'; }
both_up() { one_worker "$web_pid" && one_worker "$feed_pid" && answers "$WEB" && answers "$FEED"; }
check "memocal-web and memocal-feed run with one worker each and answer" wait_for 60 both_up

# the administrator's session and CSRF token, by logging in to the extra memocal-web over FastCGI
cat >"$OUT/login.py" <<'PY'
import importlib.util, re, sys, urllib.parse
spec = importlib.util.spec_from_file_location("b2b", sys.argv[1])
b2b = importlib.util.module_from_spec(spec)
spec.loader.exec_module(b2b)
port, password = int(sys.argv[2]), sys.argv[3]
p = {"REQUEST_METHOD": "GET", "REQUEST_URI": "/login", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.9"}
st, head, body = b2b.fcgi(port, p)
visitor = re.search(r"memocal_csrf=([A-Za-z0-9_-]+)", head).group(1)
form = urllib.parse.urlencode({"csrf": visitor, "login": "b2badmin", "password": password}).encode()
p = dict(p, REQUEST_METHOD="POST", CONTENT_TYPE="application/x-www-form-urlencoded", CONTENT_LENGTH=str(len(form)),
         HTTP_COOKIE="memocal_csrf=" + visitor)
st, head, body = b2b.fcgi(port, p, form)
session = re.search(r"memocal_session=([A-Za-z0-9_-]+)", head).group(1)
p = {"REQUEST_METHOD": "GET", "REQUEST_URI": "/memoranda", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.9",
     "HTTP_COOKIE": "memocal_session=" + session}
st, head, body = b2b.fcgi(port, p)
csrf = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
print(session, csrf)
PY
read -r session csrf < <(/usr/bin/python3 "$OUT/login.py" "$SRC/tests/integration/back_to_back.py" "$WEB" "$PASSWORD")
check "the administrator logs in to the extra memocal-web" test -n "$session" -a -n "$csrf"

# every route; the ones that end the session or delete a record last, so the others still find theirs
"$BIN/memocal" routes | grep -v 'logout\|delete\|revoke\|/cancel' >"$OUT/routes.web"
"$BIN/memocal" routes | grep 'logout\|delete\|revoke\|/cancel' >>"$OUT/routes.web"
"$BIN/memocal" routes feed >"$OUT/routes.feed"
/usr/bin/python3 - "$OUT" <<PY >"$OUT/b2b.json"
import json, re, sys
out = sys.argv[1]
def routes(f):
    rows = [l.rstrip("\n").split("\t") for l in open(f) if l.strip()]
    for r in rows:
        seg = r[1].split("/")[1]
        ids = {"memoranda": $memo, "series": $series, "organisations": $org, "people": $person, "users": $other,
               "feeds": $token_id, "documents": $doc}
        r[1] = re.sub(r"\{id:int\}", str(ids.get(seg, 1)), r[1])
        r[1] = r[1].replace("{rid:word}", "20300114T100000").replace("{oid:int}", "$override")
        r[1] = r[1].replace("{token:word}", "$token").replace("{n:int}", "1").replace("{doc:int}", "$doc")
    return rows
print(json.dumps({
    "web_port": $WEB, "feed_port": $FEED, "web_parent": $web_pid, "feed_parent": $feed_pid,
    "web_routes": routes(out + "/routes.web"), "feed_routes": routes(out + "/routes.feed"), "ids": {},
    "admin": {"session": "$session", "csrf": "$csrf", "login": "b2badmin", "name": "Zərifə Bəkirova-B2B"},
    "big_field": 50000, "max_body": 400000,
}))
PY
check "every route of both tables is in the run ($(wc -l <"$OUT/routes.web") web, $(wc -l <"$OUT/routes.feed") feed)" \
	bash -c "[ \$(wc -l <'$OUT/routes.web') = \$('$BIN/memocal' routes | wc -l) ] && [ \$(wc -l <'$OUT/routes.feed') -ge 3 ]"
/usr/bin/python3 "$SRC/tests/integration/back_to_back.py" "$OUT/b2b.json" >"$OUT/b2b.out" 2>&1
rc=$?
check "two requests back to back on one worker, every route, GET and POST, admin and visitor: the second answer holds nothing of the first ($(tail -1 "$OUT/b2b.out"))" \
	test "$rc" = 0
[ "$rc" = 0 ] || head -20 "$OUT/b2b.out"

kill -TERM "$web_pid" "$feed_pid"
wait "$web_pid" "$feed_pid" # SIGTERM drains; a worker that hangs would make this test hang, not pass
check "no sanitizer report or crash in the extra programs' logs" \
	bash -c "! grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer|worker (killed|exited)' '$STACK_DIR'/t23-memocal-*.log"
stack_psql -c "DROP DATABASE IF EXISTS $DB" >/dev/null
