#!/usr/bin/env bash
# t32_stall.sh - PostgreSQL frozen (its processes stopped with SIGSTOP, as in a storage stall or a network
# partition): no request waits on it longer than db_timeout, the answer is 503 with Retry-After, no worker stays
# stuck, pages that need no database keep answering, and a form sent meanwhile comes back with what was typed.
. "$(dirname "$0")/lib.sh"
PGDATA=$PG_DIR/data
BOUND=5000 # db_timeout's default, in ms; the stack's configuration leaves it so

pg_pids() {
	local pm
	pm=$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null) || return 0
	[ -n "$pm" ] && echo "$pm" && pgrep -P "$pm"
}
pg_freeze() { PG_FROZEN=$(pg_pids | tr '\n' ' '); [ -n "$PG_FROZEN" ] && kill -STOP $PG_FROZEN; }
pg_thaw() { [ -n "${PG_FROZEN:-}" ] && kill -CONT $PG_FROZEN 2>/dev/null; PG_FROZEN=""; }
trap pg_thaw EXIT

# timed METHOD PATH [args]: req, and MS = how long it took
timed() {
	local t0
	t0=$(date +%s%N)
	req "$@"
	MS=$((($(date +%s%N) - t0) / 1000))
	MS=$((MS / 1000))
}

as editor
EDITOR_CSRF=$(csrf)
as viewer
req GET /memoranda/1
check "before: the page answers (200)" test "$STATUS" = 200

pg_freeze
check "PostgreSQL's processes are stopped" test -n "$PG_FROZEN"

timed GET /memoranda/1
check "a page that needs the database: 503 within db_timeout and a little ($MS ms)" test "$STATUS" = 503 -a "$MS" -lt $((BOUND + 3000))
check "… it says to try again later (Retry-After: 5) and why" bash -c \
	"test '$(header Retry-After)' = 5 && grep -q 'The database is not answering.' '$OUT/body'"
timed GET /people
check "the next one does not wait the bound again: 503 at once ($MS ms)" test "$STATUS" = 503 -a "$MS" -lt 1500

JAR="" timed GET /login
check "the login form needs no database: 200 at once ($MS ms)" test "$STATUS" = 200 -a "$MS" -lt 1500
timed GET /login
check "… nor with a session cookie the database cannot look up: 200, as to a visitor ($MS ms)" \
	bash -c "test '$STATUS' = 200 -a '$MS' -lt 1500 && grep -q 'name=\"password\"' '$OUT/body'"
JAR="" timed GET /static/style.css
check "static files: 200 ($MS ms)" test "$STATUS" = 200
JAR="" timed GET /healthz
check "/healthz answers itself: 503 'database unavailable' ($MS ms)" bash -c \
	"test '$STATUS' = 503 -a '$MS' -lt $((BOUND + 3000)) && grep -q 'database unavailable' '$OUT/body'"
JAR="" timed GET /feeds/healthz
check "memocal-feed's /feeds/healthz too ($MS ms)" bash -c \
	"test '$STATUS' = 503 -a '$MS' -lt $((BOUND + 3000)) && grep -q 'database unavailable' '$OUT/body'"

# more requests than workers, all at once: each is answered within the bound, none hangs
for i in $(seq 1 12); do printf 'url = "%s/memoranda/1"\noutput = "/dev/null"\n' "$BASE"; done >"$OUT/many.cfg"
t0=$(date +%s%N)
curl -s -b "$JAR" --parallel --parallel-max 12 -w '%{http_code} %{time_total}\n' -K "$OUT/many.cfg" >"$OUT/many" 2>/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
check "12 requests at once on 3 workers: all 503 ($(cut -d' ' -f1 "$OUT/many" | sort | uniq -c | tr '\n' ' '))" \
	test "$(grep -c '^503 ' "$OUT/many")" = 12
check "… all of them within db_timeout and a little ($ms ms in all)" test "$ms" -lt $((BOUND + 4000))
JAR="" timed GET /login
check "and the workers are free again: the login form at once ($MS ms)" test "$STATUS" = 200 -a "$MS" -lt 1500

# a form sent while the database is frozen comes back as it was typed (`as` would log in again: no)
JAR=$OUT/jar.editor
timed POST /organisations/new --data-urlencode "csrf=$EDITOR_CSRF" --data-urlencode "name_en=Frozen Org" \
	--data-urlencode "name_az=Donmuş təşkilat" --data-urlencode "slug=frozen-org" --data-urlencode "kind=ngo" \
	--data-urlencode "website=https://frozen.example.org"
expect "a form sent meanwhile: its own form back, 503, with what was typed and why ($MS ms)" 503 \
	'The database is not answering, so nothing was saved.' 'value="Frozen Org"' 'value="Donmuş təşkilat"' \
	'value="frozen-org"' 'value="https://frozen.example.org"' '<option value="ngo" selected>'
check "… within db_timeout and a little" test "$MS" -lt $((BOUND + 3000))

pg_thaw
JAR=$OUT/jar.viewer
ok=""
for _ in $(seq 1 150); do
	req GET /memoranda/1
	[ "$STATUS" = 200 ] && ok=1 && break
	sleep 0.1
done
check "PostgreSQL thawed: pages answer 200 again" test -n "$ok"
good=0
for _ in $(seq 1 10); do
	req GET /memoranda/1
	[ "$STATUS" = 200 ] && good=$((good + 1))
done
check "… every one of the next 10 (on every worker)" test "$good" = 10
check "the stall was logged" grep -q 'database did not answer in time; connection dropped' "$STACK_DIR/memocal-web.log"
check "the form sent during the stall stored nothing" \
	test "$(runuser -u postgres -- psql -X -tA -h "$PG_RUN" -d memocal -c "SELECT count(*) FROM organisation WHERE slug = 'frozen-org'")" = 0

# ---- a stall, then a restart: the worker that tries again first finds its connection dead, and retries ----
# A memocal-web of its own: 4 workers, a 1 s bound. The stall drops one worker's connection; the restart ends the
# other three's without a word. The first request after the pause is the one try for all the workers, and it most
# often lands on one of those three: it must go on to a new connection, not leave every worker answering 503 until
# its try has run out (db_timeout and a second). Three rounds, so that a try on a dead connection is all but certain.
port=$(free_port)
grep -v '^web_workers' "$STACK_DIR/memocal.conf" >"$OUT/probe.conf"
printf 'db_timeout = 1000\nstatement_timeout = 500\nlock_timeout = 400\nweb_workers = 4\n' >>"$OUT/probe.conf"
"$BIN/memocal-web" --config "$OUT/probe.conf" --listen "127.0.0.1:$port" >>"$OUT/probe.log" 2>&1 &
probe=$!
health() { REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect "127.0.0.1:$port" 2>/dev/null | head -1 | tr -d '\r'; }
for _ in $(seq 1 100); do [ "$(health)" = "Status: 200 OK" ] && break; sleep 0.1; done
check "a memocal-web of its own (4 workers, db_timeout = 1000) answers /healthz" test "$(health)" = "Status: 200 OK"
bad="" stalls=""
for round in 1 2 3; do
	pg_freeze
	t0=$(date +%s%N)
	stalls="$stalls $(health | cut -d' ' -f2)"
	pg_thaw
	stack_pg_stop fast >/dev/null 2>&1
	stack_pg_start >/dev/null 2>&1
	# the pause is a second after the stall, which came a second after t0: wait for that time to pass
	while [ $((($(date +%s%N) - t0) / 1000000)) -lt 2500 ]; do sleep 0.1; done
	for i in 1 2 3 4 5 6; do
		r=$(health)
		[ "$r" = "Status: 200 OK" ] || bad="$bad $round.$i:${r#Status: }"
	done
done
check "during each stall /healthz is 503 ($stalls)" test "$stalls" = " 503 503 503"
check "after each stall and restart every /healthz past the pause is 200 (${bad:-all 18})" test -z "$bad"
kill -TERM "$probe"
wait "$probe"
