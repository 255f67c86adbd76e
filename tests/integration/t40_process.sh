#!/usr/bin/env bash
# t40_process.sh - the prefork parent: killed workers, reload and drain under load, inherited sockets, config errors.
. "$(dirname "$0")/lib.sh"
as viewer

# stream N PATH FILE: N requests, 4 at a time, each status on its own line in FILE
stream() {
	local n=$1 path=$2 file=$3 i
	: >"$file.cfg"
	for i in $(seq 1 "$n"); do printf 'url = "%s%s"\noutput = "/dev/null"\n' "$BASE" "$path" >>"$file.cfg"; done
	curl -s -b "$JAR" --parallel --parallel-max 4 -w '%{http_code}\n' -K "$file.cfg" >"$file"
}

# under_way: waits until a stream started in the background has been answering for a while (20 more
# request lines in the web log than when it began), so what follows happens under load, however busy
# the machine is
WEBLOG=$STACK_DIR/memocal-web.log
log_mark() { wc -l <"$WEBLOG"; }
under_way() { wait_for 120 has_lines $(($1 + 20)) "$WEBLOG"; }

nworkers=$(workers_of memocal-web | wc -l)
check "memocal-web runs its configured workers (3)" test "$nworkers" = 3

# SIGKILL one worker under a stream: at most the one request it held is lost
mark=$(log_mark)
stream 400 /memoranda/1 "$OUT/kill" &
s=$!
under_way "$mark"
victim=$(workers_of memocal-web | head -1)
kill -KILL "$victim"
wait $s
bad=$(grep -cv '^200$' "$OUT/kill")
check "killing a worker under load costs at most its one request ($bad of 400 failed)" test "$bad" -le 1
check "the stream was answered in full" test "$(wc -l <"$OUT/kill")" = 400
check "the parent replaced the killed worker" wait_for 60 bash -c \
	"test \$(pgrep -P $(cat "$STACK_DIR/pids/memocal-web") | wc -l) = 3 && ! pgrep -P $(cat "$STACK_DIR/pids/memocal-web") | grep -qx $victim"
check "the death was logged with its signal" grep -q "worker killed; restarting.*signal=9" "$STACK_DIR/memocal-web.log"

# SIGHUP under a stream: new workers, no failed request
old=$(workers_of memocal-web | tr '\n' ' ')
mark=$(log_mark)
stream 400 /memoranda/1 "$OUT/hup" &
s=$!
under_way "$mark"
kill -HUP "$(cat "$STACK_DIR/pids/memocal-web")"
wait $s
check "a reload under load fails no request ($(grep -cv '^200$' "$OUT/hup") of 400)" test "$(grep -cv '^200$' "$OUT/hup")" = 0
# the old workers finish their requests and go: wait until none is left and the new ones are all there
all_new() {
	local now p
	now=" $(workers_of memocal-web | tr '\n' ' ') "
	for p in $old; do [[ $now == *" $p "* ]] && return 1; done
	[ "$(workers_of memocal-web | wc -l)" = 3 ]
}
check "a reload replaces every worker" wait_for 60 all_new
check "a reload keeps the worker count" test "$(workers_of memocal-web | wc -l)" = 3

# a reload with a broken config keeps the old workers serving
before=$(workers_of memocal-web | tr '\n' ' ')
cp "$STACK_DIR/memocal.conf" "$OUT/conf.bak"
echo "no_such_key = 1" >>"$STACK_DIR/memocal.conf"
kill -HUP "$(cat "$STACK_DIR/pids/memocal-web")"
check "a reload with a bad config is refused and logged" wait_for 60 grep -q 'reload refused' "$STACK_DIR/memocal-web.log"
cp "$OUT/conf.bak" "$STACK_DIR/memocal.conf"
check "a refused reload keeps the old workers" test "$(workers_of memocal-web | tr '\n' ' ')" = "$before"
req GET /memoranda/1
expect "pages still answer after a refused reload" 200 "Khazar University"

# a second instance for the socket tests: fd 0 (spawn-fcgi), LISTEN_FDS (systemd), unix socket
port=$(free_port)
/usr/bin/python3 - "$BIN/memocal-web" "$STACK_DIR/memocal.conf" "$port" >"$OUT/fd0.log" 2>&1 <<'PY' &
import os, socket, sys
prog, conf, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(16)
os.dup2(s.fileno(), 0)
os.execv(prog, [prog, "--config", conf, "--listen", "", "--workers", "1"])
PY
fd0=$!
check "a socket inherited as fd 0 (spawn-fcgi) is served" wait_for 60 bash -c "REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect 127.0.0.1:$port | grep -q '^ok'"
kill -TERM $fd0; wait $fd0 2>/dev/null

port=$(free_port)
/usr/bin/python3 - "$BIN/memocal-feed" "$STACK_DIR/memocal.conf" "$port" >"$OUT/sd.log" 2>&1 <<'PY' &
import os, socket, sys
prog, conf, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(16)
os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_PID"] = str(os.getpid())
os.execv(prog, [prog, "--config", conf, "--listen", "", "--workers", "1"])
PY
sd=$!
check "a socket passed by systemd (LISTEN_FDS) is served" wait_for 60 bash -c "REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect 127.0.0.1:$port | grep -q '^ok'"
kill -TERM $sd; wait $sd 2>/dev/null

sock=$STACK_DIR/web-test.sock
"$BIN/memocal-web" --config "$STACK_DIR/memocal.conf" --listen "unix:$sock" --workers 1 >"$OUT/unix.log" 2>&1 &
ux=$!
wait_for 60 test -S "$sock"
wait_for 60 bash -c "test -n \"\$(pgrep -P $ux)\""
uxworkers=$(pgrep -P $ux | tr '\n' ' ')
check "a unix socket listener is served" bash -c "HTTP_COOKIE='$(session_cookie)' REQUEST_METHOD=GET REQUEST_URI=/memoranda/1 cgi-fcgi -bind -connect '$sock' | grep -q 'Khazar University'"
kill -TERM $ux
wait $ux
check "SIGTERM stops the parent and it exits 0" test $? = 0
check "a stopped unix listener removes its socket file" test ! -e "$sock"
check "no worker outlives its stopped parent" bash -c "test -n '$uxworkers' && for p in $uxworkers; do kill -0 \$p 2>/dev/null && exit 1; done; exit 0"

"$BIN/memocal-web" --config "$STACK_DIR/memocal.conf" --listen "127.0.0.1:$WEB_PORT" --workers 1 >"$OUT/busy.log" 2>&1
check "a port in use is a clear error and a non-zero exit" bash -c "test $? != 0 && grep -q 'cannot listen' '$OUT/busy.log'"

# configuration errors name the file, the line and the key
printf 'web_workers = 2\nnope = 1\n' >"$OUT/bad.conf"
"$BIN/memocal-web" --config "$OUT/bad.conf" --check >"$OUT/bad.out" 2>&1
check "an unknown key exits non-zero naming file, line and key" bash -c "test $? = 1 && grep -qF '$OUT/bad.conf:2: unknown key \"nope\"' '$OUT/bad.out'"
printf 'web_workers = many\n' >"$OUT/bad2.conf"
"$BIN/memocal-web" --config "$OUT/bad2.conf" --check >"$OUT/bad2.out" 2>&1
check "a non-number names the key and line" grep -qF "$OUT/bad2.conf:1: web_workers must be a whole number" "$OUT/bad2.out"
"$BIN/memocal-web" --config "$OUT/missing.conf" --check >"$OUT/bad3.out" 2>&1
check "a named config file that is missing is an error" bash -c "test $? = 1 && grep -q 'missing.conf: cannot open' '$OUT/bad3.out'"
check "--check accepts the stack's config and templates" "$BIN/memocal-web" --config "$STACK_DIR/memocal.conf" --check
"$BIN/memocal" >/dev/null 2>&1
check "memocal without a command prints usage and exits 2" test $? = 2
"$BIN/memocal" frobnicate >"$OUT/cli.out" 2>&1
check "memocal with an unknown command exits 2 naming it" bash -c "test $? = 2 && grep -q 'unknown command \"frobnicate\"' '$OUT/cli.out'"
"$BIN/memocal-web" --bogus >/dev/null 2>&1
check "memocal-web with an unknown option exits 2" test $? = 2

# SIGTERM drains: a request held up in the database still completes, then the program exits 0.
# The request waits behind a lock that this test holds until the drain has begun (a psql fed through a
# fifo), so it is surely in flight when SIGTERM comes; this instance's database waits are long enough
# for that however busy the machine is.
port=$(free_port)
MEMOCAL_LOCK_TIMEOUT=100000 MEMOCAL_STATEMENT_TIMEOUT=100000 MEMOCAL_DB_TIMEOUT=120000 \
	"$BIN/memocal-web" --config "$STACK_DIR/memocal.conf" --listen "127.0.0.1:$port" --workers 1 >"$OUT/drain.log" 2>&1 &
dr=$!
wait_for 60 bash -c "REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect 127.0.0.1:$port 2>/dev/null | grep -q '^ok'"
rm -f "$OUT/lock.fifo" && mkfifo "$OUT/lock.fifo"
runuser -u postgres -- psql -X -q -h "$PG_RUN" -d memocal <"$OUT/lock.fifo" >/dev/null 2>&1 &
locker=$!
exec 7>"$OUT/lock.fifo"
echo "BEGIN; LOCK TABLE memorandum IN ACCESS EXCLUSIVE MODE;" >&7
locked() {
	[ "$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM pg_locks WHERE relation = 'memorandum'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1 ]
}
waiting() {
	[ "$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'memocal-web' AND wait_event_type = 'Lock'")" -ge 1 ]
}
wait_for 60 locked
HTTP_COOKIE=$(session_cookie) REQUEST_METHOD=GET REQUEST_URI=/memoranda/1 cgi-fcgi -bind -connect "127.0.0.1:$port" >"$OUT/drain.raw" 2>&1 &
client=$!
wait_for 60 waiting
kill -TERM $dr
wait_for 60 grep -q 'msg="draining"' "$OUT/drain.log"
printf 'COMMIT;\n\\q\n' >&7 # and quit: processes started since hold the fifo open too
exec 7>&-
wait $client
wait $dr
drc=$?
wait $locker
check "SIGTERM lets the request in flight finish (200, whole page)" \
	bash -c "grep -q '^Status: 200' '$OUT/drain.raw' && grep -q '</html>' '$OUT/drain.raw'"
check "after draining the program exits 0" test "$drc" = 0
check "the drain is logged" grep -q 'msg="draining"' "$OUT/drain.log"
