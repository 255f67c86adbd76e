#!/usr/bin/env bash
# t42_process_faults.sh - the prefork parent without systemd (issue 13): a killed parent takes its workers with it
# and a new one binds at once; SIGTERM serves what is queued in the listen backlog before it stops; SIGHUP applies a
# changed worker count; clients that send their FastCGI params or body too slowly are cut off and hold no page.
. "$(dirname "$0")/lib.sh"
as viewer
export PSQL_DB=memocal
STARTED=()
cleanup() { local p; for p in "${STARTED[@]}"; do kill -KILL "$p" 2>/dev/null; done; }
trap cleanup EXIT

# start_web PORT CONF WORKERS... : a memocal-web of this test's own; sets WEB_PID once it answers
start_web() {
	local port=$1 conf=$2
	shift 2
	"$BIN/memocal-web" --config "$conf" --listen "127.0.0.1:$port" "$@" >>"$OUT/web.$port.log" 2>&1 &
	WEB_PID=$!
	STARTED+=("$WEB_PID")
	answers "$port"
}
# (the waits below are generous: a sanitizer build on a busy machine starts and stops slowly)
answers() { wait_for 60 healthy "$1"; } # PORT: until /healthz answers ok there
healthy() { REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect "127.0.0.1:$1" 2>/dev/null | grep -q '^ok'; }
gone() { wait_for 60 none_alive "$@"; } # PID...: until none of them is alive
none_alive() {
	local p
	for p in "$@"; do kill -0 "$p" 2>/dev/null && return 1; done
	return 0
}
fcgi_at() { # PORT PATH: one GET over FastCGI with the viewer's session, the raw answer on stdout
	HTTP_COOKIE=$(session_cookie) REQUEST_METHOD=GET REQUEST_URI=$2 SERVER_PROTOCOL=HTTP/1.1 \
		cgi-fcgi -bind -connect "127.0.0.1:$1" 2>&1
}
# a configuration that lets a request wait long on a lock (the tests below hold one)
conf=$OUT/patient.conf
grep -v '^web_workers' "$STACK_DIR/memocal.conf" >"$conf"
printf 'db_timeout = 120000\nstatement_timeout = 100000\nlock_timeout = 100000\nweb_workers = 2\n' >>"$conf"
sql() { stack_psql -tAc "$1"; }
# lock_memoranda: an exclusive lock on memorandum, held by a psql session fed through a fifo until
# unlock_memoranda (LOCKER): held for as long as the test needs it, not for a guessed number of seconds
lock_memoranda() {
	rm -f "$OUT/lock.fifo" && mkfifo "$OUT/lock.fifo"
	stack_psql <"$OUT/lock.fifo" >/dev/null 2>&1 &
	LOCKER=$!
	exec 7>"$OUT/lock.fifo"
	echo "BEGIN; LOCK TABLE memorandum IN ACCESS EXCLUSIVE MODE;" >&7
	wait_for 60 locked
}
locked() { [ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'memorandum' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ]; }
# psql is told to quit: it cannot wait for the fifo's end, as every process started since holds it open
unlock_memoranda() {
	printf 'COMMIT;\n\\q\n' >&7
	exec 7>&-
	wait "$LOCKER"
}
waiting_on_lock() { wait_for 60 n_waiting "$1"; } # N: until N of memocal-web's sessions wait for a lock
n_waiting() { [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'memocal-web' AND wait_event_type = 'Lock'")" -ge "$1" ]; }

# ======== 1. the parent killed: its workers follow, a new parent binds at once, the request in flight is answered ========
port=$(free_port)
check "a memocal-web of its own answers" start_web "$port" "$conf"
master=$WEB_PID
workers=$(pgrep -P "$master" | tr '\n' ' ')
check "it runs 2 workers" test "$(wc -w <<<"$workers")" = 2
check "the memorandum table is locked" lock_memoranda
fcgi_at "$port" /memoranda/1 >"$OUT/inflight" &
inflight=$!
check "a request waits on the lock in one worker" waiting_on_lock 1
kill -KILL "$master"
wait "$master" 2>/dev/null
# the worker holds its request until the lock goes, so a free address now was freed by the parent's death
not_listening() { [ -z "$(ss -Hltn "sport = :$port")" ]; }
wait_for 60 not_listening
check "the address is free, while the old worker still holds its request" \
	bash -c "test -z \"\$(ss -Hltn 'sport = :$port')\" && for p in $workers; do kill -0 \$p 2>/dev/null && exit 0; done; exit 1"
start_web "$port" "$conf"
new=$WEB_PID
check "a new parent binds the same address and serves" bash -c "kill -0 $new && ! grep -q 'cannot listen' '$OUT/web.$port.log'"
unlock_memoranda
wait "$inflight"
check "the request in flight when its parent was killed is answered in full (200)" \
	bash -c "grep -q '^Status: 200' '$OUT/inflight' && grep -q '</html>' '$OUT/inflight'"
check "every worker of the killed parent is gone" gone $workers
kill -TERM "$new"
wait "$new"
check "the new parent stops cleanly (exit 0)" test $? = 0

# ======== 2. SIGTERM serves what is queued in the listen backlog, then stops ========
port=$(free_port)
start_web "$port" "$conf" --workers 1
drainer=$WEB_PID
check "the memorandum table is locked" lock_memoranda
fcgi_at "$port" /memoranda/1 >"$OUT/drain.0" &
clients=($!)
check "the one worker waits on the lock" waiting_on_lock 1
for i in 1 2 3 4 5; do
	fcgi_at "$port" /memoranda/1 >"$OUT/drain.$i" &
	clients+=($!)
done
backlog_is() { [ "$(ss -Hltn "sport = :$port" | awk '{print $2}')" = "$1" ]; }
check "five more requests wait in the listen backlog" wait_for 60 backlog_is 5
kill -TERM "$drainer"
check "… SIGTERM: the parent says it drains" wait_for 60 grep -q 'msg="draining"' "$OUT/web.$port.log"
unlock_memoranda
wait "${clients[@]}"
wait "$drainer"
rc=$?
served=$(grep -l '^Status: 200' "$OUT"/drain.* | wc -l)
check "SIGTERM: the request in flight and the five queued are all answered ($served of 6 with 200)" test "$served" = 6
check "… and then the parent exits 0" test "$rc" = 0
check "… after saying it drains" grep -q 'msg="draining"' "$OUT/web.$port.log"

# ======== 3. SIGHUP applies a changed worker count ========
port=$(free_port)
cp "$conf" "$OUT/count.conf"
start_web "$port" "$OUT/count.conf"
counter=$WEB_PID
count_is() { wait_for 60 n_workers "$1"; } # N: until the parent has N workers (and no more)
n_workers() { [ "$(pgrep -P "$counter" | wc -l)" = "$1" ]; }
check "web_workers = 2: two workers" count_is 2
sed -i 's/^web_workers = 2$/web_workers = 4/' "$OUT/count.conf"
kill -HUP "$counter"
check "web_workers = 4 and SIGHUP: four workers" count_is 4
check "… the log says how many" grep -q 'msg=reloaded program=memocal-web generation=2 workers=4' "$OUT/web.$port.log"
sed -i 's/^web_workers = 4$/web_workers = 1/' "$OUT/count.conf"
kill -HUP "$counter"
check "web_workers = 1 and SIGHUP: one" count_is 1
check "… which serves" answers "$port"
kill -TERM "$counter"
wait "$counter"

# ======== 4. clients that send their params or body too slowly are cut off ========
port=$(free_port)
grep -v '^web_workers' "$STACK_DIR/memocal.conf" >"$OUT/slow.conf"
printf 'request_read_timeout = 2\nweb_workers = 3\n' >>"$OUT/slow.conf"
start_web "$port" "$OUT/slow.conf"
slowweb=$WEB_PID
/usr/bin/python3 - "$port" >"$OUT/slow.out" 2>&1 <<'PY' &
import socket, struct, sys, time
port = int(sys.argv[1])
def record(kind, content, declared=None):
    n = len(content) if declared is None else declared
    return struct.pack("!BBHHBB", 1, kind, 1, n, 0, 0) + content
def pairs(d):
    out = b""
    for k, v in d.items():
        out += bytes([len(k), len(v)]) + k + v
    return out
begin = record(1, struct.pack("!HB5x", 1, 0))
conns = []
# four clients whose params never end: more than the three workers
for i in range(4):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(begin + record(4, b"\x0eREQUEST_METHOD\x03GET", declared=200))
    conns.append(s)
# one whose body never ends: 100 bytes announced, 10 sent
s = socket.create_connection(("127.0.0.1", port))
params = pairs({b"REQUEST_METHOD": b"POST", b"REQUEST_URI": b"/login", b"CONTENT_LENGTH": b"100",
                b"CONTENT_TYPE": b"application/x-www-form-urlencoded"})
s.sendall(begin + record(4, params) + record(4, b"") + record(5, b"login=abcd", declared=100))
body = s
print("stalled", flush=True)
t0 = time.time()
closed = 0
for c in conns:
    c.settimeout(20)
    try:
        while c.recv(4096):
            pass
    except OSError:
        pass
    closed += 1
print("params-cut %d %.1f" % (closed, time.time() - t0), flush=True)
body.settimeout(20)
got = b""
try:
    while True:
        d = body.recv(4096)
        if not d:
            break
        got += d
except OSError:
    pass
print("body-answer " + ("408" if b"Status: 408" in got else repr(got[:80])), flush=True)
PY
slowpy=$!
wait_for 60 grep -q stalled "$OUT/slow.out"
t0=$(date +%s%N)
ok=""
# the stalled clients keep their connections 20 s: an answer well before that came from a freed worker
for _ in $(seq 1 150); do
	REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect "127.0.0.1:$port" 2>/dev/null | grep -q '^ok' && ok=1 && break
	sleep 0.1
done
ms=$((($(date +%s%N) - t0) / 1000000))
check "stalled FastCGI clients on every worker: a page is still answered within request_read_timeout and a little ($ms ms)" \
	test -n "$ok" -a "$ms" -lt 15000
wait "$slowpy"
check "the four clients whose params never ended were cut off ($(grep params-cut "$OUT/slow.out"))" \
	bash -c "grep -qE '^params-cut 4 ([0-9]|1[0-9])\\.' '$OUT/slow.out'"
check "the one whose body never ended got 408" grep -q '^body-answer 408' "$OUT/slow.out"
kill -TERM "$slowweb"
wait "$slowweb"
check "that memocal-web stops cleanly (exit 0)" test $? = 0
