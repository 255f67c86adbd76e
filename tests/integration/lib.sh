# lib.sh - what every integration test uses: a running stack, HTTP through nginx, checks.
# Sourced by tests/integration/t*.sh, which tests/run starts with these set: SRC, BIN,
# STACK_DIR, HTTP_PORT, WEB_PORT, FEED_PORT, RESULTS (a file: one "ok"/"not ok" line per check).

. "$SRC/deploy/lib/stack.sh"

BASE=http://127.0.0.1:$HTTP_PORT
# the cluster's folder and socket folder as PostgreSQL knows them (stack_pg_dir: maybe not below $STACK_DIR)
PG_DIR=$(readlink -f "$STACK_DIR/pg")
PG_RUN=$PG_DIR/run
T_NAME=$(basename "$0" .sh)
OUT=$STACK_DIR/out.$T_NAME
mkdir -p "$OUT"

pass() { echo "ok - $T_NAME: $1" | tee -a "$RESULTS"; }
fail() {
	echo "not ok - $T_NAME: $1" | tee -a "$RESULTS"
	[ -n "${2:-}" ] && printf '    %s\n' "$2" | head -20 | tee -a "$RESULTS" >&2
	return 0
}

# check NAME CMD...: passes when CMD exits 0.
check() {
	local name=$1
	shift
	if "$@" >"$OUT/check.out" 2>&1; then pass "$name"; else fail "$name" "$(tail -5 "$OUT/check.out")"; fi
}

# The accounts tests/run creates in every stack, one per role; passwords are in $STACK_DIR.
PASSWORD=$(cat "$STACK_DIR/test-password" 2>/dev/null)
JAR=""

# as USER: later requests carry USER's session (a cookie jar per user); "as nobody" is a
# visitor with a jar of its own (it holds the visitor's CSRF cookie, for the login form).
as() {
	if [ "$1" = nobody ]; then
		JAR=$OUT/jar.nobody
		rm -f "$JAR"
		return
	fi
	JAR=$OUT/jar.$1
	[ -s "$JAR.ok" ] && return
	rm -f "$JAR"
	curl -s -c "$JAR" -b "$JAR" -o "$OUT/login.html" "$BASE/login"
	local csrf
	csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -1)
	local code
	code=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$csrf" \
		--data-urlencode "login=$1" --data-urlencode "password=$PASSWORD" "$BASE/login")
	[ "$code" = 303 ] && touch "$JAR.ok" || echo "login as $1 failed: $code" >&2
}

# csrf: the token of the current session (a visitor's from the login page), for POSTs.
csrf() {
	local page=/memoranda
	[ "$JAR" = "$OUT/jar.nobody" ] && page=/login
	curl -s -b "$JAR" -c "$JAR" "$BASE$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1
}

# req METHOD PATH [curl args...]: sets STATUS; the body is in $OUT/body, headers in $OUT/headers.
req() {
	local method=$1 path=$2
	shift 2
	local jar=()
	[ -n "$JAR" ] && jar=(-b "$JAR" -c "$JAR")
	if [ "$method" = HEAD ]; then
		: >"$OUT/body"
		STATUS=$(curl -s -g -I "${jar[@]}" -o /dev/null -D "$OUT/headers" -w '%{http_code}' "$@" "$BASE$path")
	else
		STATUS=$(curl -s -g -X "$method" "${jar[@]}" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' "$@" "$BASE$path")
	fi
}

# agenda_pages PATH [CURL ARGS]: GET the agenda at PATH and every later page by its "Next occurrences" link (an
# agenda page holds at most 100), their bodies one after another in $OUT/body; STATUS is the first that was not
# 200, else 200. At most 200 pages.
agenda_pages() {
	local path=$1 n=0 st=200
	shift
	: >"$OUT/agenda_pages"
	while [ -n "$path" ] && [ $n -lt 200 ]; do
		req GET "$path" "$@"
		[ "$STATUS" = 200 ] || [ "$st" != 200 ] || st=$STATUS
		cat "$OUT/body" >>"$OUT/agenda_pages"
		path=$(grep -o 'rel="next" href="/agenda?[^"]*&amp;at=[^"]*"' "$OUT/body" | sed 's/^rel="next" href="//; s/"$//; s/&amp;/\&/g')
		n=$((n + 1))
	done
	cp "$OUT/agenda_pages" "$OUT/body"
	STATUS=$st
}

# post PATH FIELD=VALUE...: a form POST with the session's CSRF token; sets STATUS like req.
post() {
	local path=$1 args=() kv
	shift
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	req POST "$path" --data-urlencode "csrf=$(csrf)" "${args[@]}"
}
body() { cat "$OUT/body"; }
# location: the path the last redirect names, without its ?done= note (what the next page says happened)
location() { header Location | sed 's/?.*//'; }
header() { grep -i "^$1:" "$OUT/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

# same NAME GOT WANT: passes when GOT is WANT, else shows both (tests that define their own keep theirs).
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}

# expect NAME STATUS [TEXT...]: the last req answered STATUS and its body holds every TEXT.
expect() {
	local name=$1 want=$2 t
	shift 2
	if [ "$STATUS" != "$want" ]; then
		fail "$name" "status $STATUS, wanted $want; body: $(head -c 300 "$OUT/body")"
		return
	fi
	for t in "$@"; do
		if ! grep -qF -- "$t" "$OUT/body"; then
			fail "$name" "body lacks: $t"
			return
		fi
	done
	pass "$name"
}

# refute NAME TEXT...: the last body holds none of TEXT.
refute() {
	local name=$1 t
	shift
	for t in "$@"; do
		if grep -qF -- "$t" "$OUT/body"; then
			fail "$name" "body holds: $t"
			return
		fi
	done
	pass "$name"
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds or SECONDS pass (status 1 then).
# A test waits for the condition it needs, never for a fixed time: the machine may be busy, the build
# sanitized, so deadlines are generous and the usual case returns at once.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -ge $deadline ] && return 1
		sleep 0.1
	done
}

# own_web NAME "KEY = VALUE"...: a memocal-web of the test's own (one worker, the stack's config with these keys
# in place of its own: limits the stack keeps low for t20_input) on a free port, against the stack's database, its
# log $STACK_DIR/NAME-web.log (searched for sanitizer reports like the others); sets OWN_PORT and OWN_PID, and
# answers whether it came up (its /healthz over FastCGI) within 60 s. Stop it with kill "$OWN_PID".
own_web() {
	local name=$1 keys
	shift
	keys=$(printf '%s\n' "$@" | sed -n 's/^\([a-z_]*\) *=.*/\1/p' | paste -sd'|')
	OWN_PORT=$(free_port)
	grep -Ev "^($keys) *=" "$STACK_DIR/memocal.conf" >"$OUT/$name-web.conf"
	printf '%s\n' "$@" >>"$OUT/$name-web.conf"
	"$BIN/memocal-web" --config "$OUT/$name-web.conf" --listen "127.0.0.1:$OWN_PORT" --workers 1 \
		>>"$STACK_DIR/$name-web.log" 2>&1 &
	OWN_PID=$!
	wait_for 60 own_web_up
}
own_web_up() { REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect "127.0.0.1:$OWN_PORT" 2>/dev/null | grep -q '^ok'; }

# has_lines N FILE: whether FILE exists with at least N lines (to wait for a stream to be under way)
has_lines() { [ -f "$2" ] && [ "$(wc -l <"$2")" -ge "$1" ]; }

# workers_of PROGRAM: the PIDs of a program's workers (children of its parent).
workers_of() { pgrep -P "$(cat "$STACK_DIR/pids/$1")" | sort; }

# fetch TOKEN [curl args...]: GET a token's feed through nginx, anonymously, the body in $OUT/body
fetch() {
	local token=$1
	shift
	: >"$OUT/body"
	JAR="" req GET "/feeds/$token.ics" "$@"
}

# warm TOKEN: fetches a token's feed until every memocal-feed worker has served it (so each remembers
# it), at least 12 times; 0 when every fetch was 200 and every worker was reached. The worker's log
# line, written before its answer leaves, names it. Twelve fetches alone do not do: a worker started
# late (after a reload) or a busy machine can leave one worker without a single fetch.
warm() {
	local i bad=0 mark p missing log=$STACK_DIR/memocal-feed.log
	mark=$(wc -l <"$log")
	for i in $(seq 1 400); do
		fetch "$1"
		[ "$STATUS" = 200 ] || bad=1
		[ "$i" -ge 12 ] || continue
		missing=""
		for p in $(workers_of memocal-feed); do
			tail -n +$((mark + 1)) "$log" | grep -qF "pid=$p msg=request method=GET path=\"/feeds/(secret).ics\" status=200" ||
				missing=1
		done
		[ -z "$missing" ] && return $bad
	done
	return 1
}

# feed_token_web SCOPE LANG LABEL: a feed address made on /feeds/new by the user logged in (an admin),
# read from the page its 303 leads to, where the secret is shown once; sets TOKEN (empty when none)
feed_token_web() {
	TOKEN=""
	post /feeds/new scope="$1" lang="$2" label="$3"
	local loc
	loc=$(header Location)
	[ "$STATUS" = 303 ] && [ -n "$loc" ] || return 1
	req GET "$loc"
	TOKEN=$(sed -n 's|.*id="feed-url"[^>]*value="[^"]*/feeds/\([A-Za-z0-9_-]*\)\.ics".*|\1|p' "$OUT/body" | head -1)
	[ -n "$TOKEN" ]
}

# fcgi METHOD PATH [COOKIE]: one request straight to memocal-web over FastCGI (cgi-fcgi), the raw response on stdout
fcgi() {
	REQUEST_METHOD=$1 REQUEST_URI=$2 HTTP_COOKIE=${3:-} SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "127.0.0.1:$WEB_PORT"
}

# session_cookie: "memocal_session=…" of the current jar, for fcgi.
session_cookie() { awk '$6 == "memocal_session" { print "memocal_session=" $7 }' "$JAR"; }
