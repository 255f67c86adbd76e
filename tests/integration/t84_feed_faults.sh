#!/usr/bin/env bash
# t84_feed_faults.sh - feeds through faults (issue 13): the cache emptied, read-only or full, the feed changing
# under a stream of fetches, a reload with new feed settings, and PostgreSQL stopped or frozen; a subscriber
# never gets an answer memocal could have avoided.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
MEMO=$(sql "SELECT min(id) FROM memorandum")
CACHE=$STACK_DIR/feed-cache
FEED_LOG=$STACK_DIR/memocal-feed.log
PGDATA=$PG_DIR/data

# whatever happens, leave nothing mounted and PostgreSQL running
MOUNTED=""
cleanup() {
	[ -n "$MOUNTED" ] && umount "$CACHE" 2>/dev/null
	pg_thaw
	stack_pg_start >/dev/null 2>&1
	[ -f "$OUT/memocal.conf.orig" ] && cp "$OUT/memocal.conf.orig" "$STACK_DIR/memocal.conf"
}
trap cleanup EXIT

cli_token() { # SCOPE LABEL: sets TOKEN and TOKEN_ID
	local url
	url=$(stack_memocal token add --scope "$1" --lang en --label "$2" | sed -n 2p)
	TOKEN=$(sed -n 's|.*/feeds/\([A-Za-z0-9_-]*\)\.ics$|\1|p' <<<"$url")
	TOKEN_ID=$(sql "SELECT max(id) FROM feed_token WHERE label = '$2'")
}
# n_fetches TOKEN N: N fetches; prints the statuses that were not 200, one per line
n_fetches() {
	local i
	for i in $(seq 1 "$2"); do
		fetch "$1"
		[ "$STATUS" = 200 ] || echo "$STATUS"
	done
}
# bump: a new version of the memorandum's feed, so the next fetch must render it
bump() { sql "UPDATE memorandum SET updated_at = now() WHERE id = $MEMO" >/dev/null; }
is_calendar() { head -c 15 "$OUT/body" | grep -q 'BEGIN:VCALENDAR'; }

# PostgreSQL's processes, by the PIDs of this stack's cluster (the postmaster and its children)
pg_pids() {
	local pm
	pm=$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null) || return 0
	[ -n "$pm" ] && echo "$pm" && pgrep -P "$pm"
}
pg_freeze() { PG_FROZEN=$(pg_pids | tr '\n' ' '); [ -n "$PG_FROZEN" ] && kill -STOP $PG_FROZEN; }
pg_thaw() { [ -n "${PG_FROZEN:-}" ] && kill -CONT $PG_FROZEN 2>/dev/null; PG_FROZEN=""; }

cli_token "memorandum:$MEMO" "Faults $sfx"
T=$TOKEN
check "a token, served by every worker" warm "$T"
good=$(md5sum <"$OUT/body")

# ======== 1. the cache emptied under a running memocal-feed (logrotate, an administrator) ========
check "the feed's render is on disk" bash -c "ls '$CACHE'/memorandum-$MEMO-en/*.ics >/dev/null"
rm -rf "${CACHE:?}"/*
bad=$(n_fetches "$T" 20 | sort | uniq -c | tr '\n' ' ')
check "after the cache is emptied every fetch is 200, never 404 (${bad:-none other})" test -z "$bad"
check "… with the same bytes as before" test "$(md5sum <"$OUT/body")" = "$good"
check "… and the render is on disk again" bash -c "ls '$CACHE'/memorandum-$MEMO-en/*.ics >/dev/null"
check "the log says a render went missing and was made again" grep -q 'rendered feed missing from the cache; rendering it again' "$FEED_LOG"

# ======== 2. the cache read-only: feeds that need a render are answered from memory ========
warns_before=$(grep -c 'cannot write rendered feeds' "$FEED_LOG")
if mount --bind "$CACHE" "$CACHE" && MOUNTED=1 && mount -o remount,ro,bind "$CACHE"; then
	bump
	fetch "$T"
	check "a read-only cache: a feed that needs a render is 200 with the whole calendar" bash -c "test '$STATUS' = 200 && head -c 15 '$OUT/body' | grep -q BEGIN:VCALENDAR && tail -c 15 '$OUT/body' | grep -q END:VCALENDAR"
	etag=$(header ETag)
	check "… with an ETag and Last-Modified of its own" test -n "$etag" -a -n "$(header Last-Modified)"
	bad=$(n_fetches "$T" 12 | sort | uniq -c | tr '\n' ' ')
	check "… and so on every worker, 12 fetches (${bad:-none other})" test -z "$bad"
	fetch "$T" -H "If-None-Match: $etag"
	check "… and a revalidation with its ETag is 304" test "$STATUS" = 304
	warns=$(($(grep -c 'cannot write rendered feeds; answering them from memory through FastCGI' "$FEED_LOG") - warns_before))
	check "the log warns, at most once a minute per worker ($warns lines for $(workers_of memocal-feed | wc -l) workers)" \
		test "$warns" -ge 1 -a "$warns" -le "$(workers_of memocal-feed | wc -l)"
	umount "$CACHE" && MOUNTED=""
else
	fail "a read-only bind mount of the feed cache could be made"
fi

# ======== 3. the cache full: the same ========
if mount -t tmpfs -o size=64k,mode=755 memocal-t84 "$CACHE" && MOUNTED=1; then
	dd if=/dev/zero of="$CACHE/filler" bs=4k count=64 >/dev/null 2>&1
	check "the small cache is full" bash -c "! dd if=/dev/zero of='$CACHE/more' bs=4k count=1 2>/dev/null"
	bump
	bad=$(n_fetches "$T" 12 | sort | uniq -c | tr '\n' ' ')
	check "a full cache: every fetch is 200 (${bad:-none other}), never 500" test -z "$bad"
	check "… with the whole calendar" bash -c "head -c 15 '$OUT/body' | grep -q BEGIN:VCALENDAR && tail -c 15 '$OUT/body' | grep -q END:VCALENDAR"
	umount "$CACHE" && MOUNTED=""
else
	fail "a small tmpfs could be mounted on the feed cache"
fi
fetch "$T"
check "with the disk back, the feed is 200 again" test "$STATUS" = 200

# ======== 4. the feed changing every 25-100 ms while it is fetched: no answer but 200 and 304 ========
title=$(sql "SELECT title_en FROM memorandum WHERE id = $MEMO")
{
	for i in $(seq 1 160); do
		echo "UPDATE memorandum SET title_en = 'Churn $i $sfx' WHERE id = $MEMO;"
		echo "SELECT pg_sleep(0.025 + random() * 0.075);"
	done
} >"$OUT/churn.sql"
errors_before=$(wc -l <"$STACK_DIR/nginx/logs/error.log" 2>/dev/null || echo 0)
stack_psql -q -f "$OUT/churn.sql" >/dev/null &
churn=$!
for i in $(seq 1 300); do printf 'url = "%s/feeds/%s.ics"\noutput = "/dev/null"\n' "$BASE" "$T"; done >"$OUT/stream.cfg"
: >"$OUT/stream"
rounds=0
while kill -0 "$churn" 2>/dev/null; do
	curl -s --no-progress-meter --parallel --parallel-max 6 -w '%{http_code}\n' -K "$OUT/stream.cfg" >>"$OUT/stream" 2>/dev/null
	rounds=$((rounds + 1))
done
wait "$churn"
n=$(wc -l <"$OUT/stream")
others=$(grep -vE '^(200|304)$' "$OUT/stream" | sort | uniq -c | tr '\n' ' ')
check "$n fetches while the feed changed 160 times: none but 200 and 304 (${others:-none other})" test -z "$others" -a "$n" -gt 600
check "… and nginx never missed a file it was sent to" bash -c "! tail -n +$((errors_before + 1)) '$STACK_DIR/nginx/logs/error.log' | grep -q 'open()'"
sql "UPDATE memorandum SET title_en = \$t\$$title\$t\$ WHERE id = $MEMO" >/dev/null
fetch "$T"
check "the last fetch shows the title as it is now" grep -qF "${title:0:30}" "$OUT/body"

# ======== 5. a reload with a new base_url takes effect on the next fetch ========
cp "$STACK_DIR/memocal.conf" "$OUT/memocal.conf.orig"
fetch "$T"
e0=$(header ETag)
check "the feed links to the configured base_url" grep -qF "$BASE/memoranda/$MEMO" "$OUT/body"
echo "base_url = https://reloaded-$sfx.example.org" >>"$STACK_DIR/memocal.conf"
old=$(workers_of memocal-feed | tr '\n' ' ')
kill -HUP "$(cat "$STACK_DIR/pids/memocal-feed")"
replaced() { for p in $old; do workers_of memocal-feed | grep -qx "$p" && return 1; done; return 0; }
for _ in $(seq 1 100); do replaced && break; sleep 0.1; done
fetch "$T"
check "after SIGHUP the very next fetch links to the new base_url" grep -qF "https://reloaded-$sfx.example.org/memoranda/$MEMO" "$OUT/body"
check "… with a new ETag" test "$(header ETag)" != "$e0"
cp "$OUT/memocal.conf.orig" "$STACK_DIR/memocal.conf"
old=$(workers_of memocal-feed | tr '\n' ' ')
kill -HUP "$(cat "$STACK_DIR/pids/memocal-feed")"
for _ in $(seq 1 100); do replaced && break; sleep 0.1; done
fetch "$T"
check "and back after the old configuration is reloaded" grep -qF "$BASE/memoranda/$MEMO" "$OUT/body"

# … and so does a reload with lower limits on how often a meeting may happen: a daily meeting goes out of the feed
sql "INSERT INTO series (memorandum_id, uid, title_en, title_az, start_local, end_local, rrule)
     VALUES ($MEMO, 'daily-$sfx@t84', 'Daily $sfx', 'Gündəlik $sfx', date_trunc('day', now()) + interval '1 day 8 hours',
             date_trunc('day', now()) + interval '1 day 9 hours', 'FREQ=DAILY')" >/dev/null
fetch "$T"
check "a daily meeting is in the feed" grep -qF "UID:daily-$sfx@t84" "$OUT/body"
echo "max_occurrences_per_year = 300" >>"$STACK_DIR/memocal.conf"
old=$(workers_of memocal-feed | tr '\n' ' ')
kill -HUP "$(cat "$STACK_DIR/pids/memocal-feed")"
for _ in $(seq 1 100); do replaced && break; sleep 0.1; done
fetch "$T"
check "after max_occurrences_per_year = 300 and SIGHUP the very next fetch leaves it out (365 a year)" \
	bash -c "test '$STATUS' = 200 && grep -q '^BEGIN:VCALENDAR' '$OUT/body' && ! grep -qF 'UID:daily-$sfx@t84' '$OUT/body'"
cp "$OUT/memocal.conf.orig" "$STACK_DIR/memocal.conf"
old=$(workers_of memocal-feed | tr '\n' ' ')
kill -HUP "$(cat "$STACK_DIR/pids/memocal-feed")"
for _ in $(seq 1 100); do replaced && break; sleep 0.1; done
fetch "$T"
check "… and in it again after the old limits are reloaded" grep -qF "UID:daily-$sfx@t84" "$OUT/body"
sql "DELETE FROM series WHERE uid = 'daily-$sfx@t84'" >/dev/null

# ======== 6. PostgreSQL stopped: the feeds served lately answer from their last render ========
# a second memocal-feed with feed_stale_grace = 0, straight over FastCGI: it must answer 503
port=$(free_port)
sed "s|^feed_cache_dir = .*|feed_cache_dir = $OUT/feed-cache0|" "$STACK_DIR/memocal.conf" >"$OUT/grace0.conf"
printf 'feed_stale_grace = 0\nfeed_accel =\n' >>"$OUT/grace0.conf"
"$BIN/memocal-feed" --config "$OUT/grace0.conf" --listen "127.0.0.1:$port" --workers 1 >>"$STACK_DIR/t84-grace0.log" 2>&1 &
grace0=$!
fcgi0() { REQUEST_METHOD=GET REQUEST_URI=$1 SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "127.0.0.1:$port" 2>/dev/null | head -1 | tr -d '\r'; }
for _ in $(seq 1 100); do [ "$(fcgi0 /feeds/healthz)" = "Status: 200 OK" ] && break; sleep 0.1; done
check "the second memocal-feed (feed_stale_grace = 0) serves the feed" test "$(fcgi0 "/feeds/$T.ics")" = "Status: 200 OK"

check "the feed, served by every worker before PostgreSQL stops" warm "$T"
good=$(md5sum <"$OUT/body")
etag=$(header ETag)
UNKNOWN=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
stack_pg_stop fast
stale=0 other=""
for i in $(seq 1 8); do
	fetch "$T"
	if [ "$STATUS" = 200 ] && header Warning | grep -q '^110 ' && [ "$(md5sum <"$OUT/body")" = "$good" ]; then
		stale=$((stale + 1))
	else
		other="$other $STATUS"
	fi
done
check "PostgreSQL stopped: a feed served lately is 200 from its last render, with Warning: 110, 8 of 8 ($other)" test "$stale" = 8
fetch "$T" -H "If-None-Match: $etag"
check "… a revalidation with its ETag is 304" test "$STATUS" = 304
fetch "$UNKNOWN"
check "… an unknown token is 503 (the database cannot say), with Retry-After" test "$STATUS/$(header Retry-After)" = 503/30
check "… and with feed_stale_grace = 0 the served feed is 503 too" test "$(fcgi0 "/feeds/$T.ics")" = "Status: 503 Service Unavailable"
stack_pg_start
kill -TERM "$grace0"
wait "$grace0"
stack_memocal token revoke "$TOKEN_ID" >/dev/null
check "PostgreSQL back, the token revoked: every fetch is 404, 8 of 8" test "$(n_fetches "$T" 8 | grep -c '^404$')" = 8
fetch "$UNKNOWN"
check "… and the unknown token 404 again" test "$STATUS" = 404

# ======== 7. PostgreSQL frozen (its processes stopped, a storage stall): no fetch hangs ========
cli_token "memorandum:$MEMO" "Frozen $sfx"
T2=$TOKEN
check "a second token, served by every worker before PostgreSQL freezes" warm "$T2"
good=$(md5sum <"$OUT/body")
pg_freeze
: >"$OUT/frozen"
start=$SECONDS
while [ $((SECONDS - start)) -lt 18 ]; do
	t0=$(date +%s%N)
	fetch "$T2"
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "$STATUS $ms $(header Warning | cut -c1-3) $([ "$(md5sum <"$OUT/body")" = "$good" ] && echo same)" >>"$OUT/frozen"
done
pg_thaw
check "PostgreSQL frozen for 18 s: every fetch of a feed served lately is 200 with its bytes" \
	bash -c "! grep -v ' same\$' '$OUT/frozen' | grep -q . && ! grep -qv '^200 ' '$OUT/frozen'"
check "… none took longer than db_timeout and a little more ($(sort -k2 -n "$OUT/frozen" | tail -1 | cut -d' ' -f2) ms)" \
	bash -c "! awk '\$2 > 8000' '$OUT/frozen' | grep -q ."
check "… and once the database stopped answering they were marked stale" grep -q '^200 [0-9]* 110 ' "$OUT/frozen"
ok=""
for _ in $(seq 1 100); do
	fetch "$T2"
	[ "$STATUS" = 200 ] && ! header Warning | grep -q . && ok=1 && break
	sleep 0.1
done
check "PostgreSQL thawed: fresh answers again, without Warning" test -n "$ok"
check "memocal-feed logged the stale answers" grep -q 'database unreachable; feed answered from its last render' "$FEED_LOG"
