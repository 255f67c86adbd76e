#!/usr/bin/env bash
# t82_feed_memory.sh - what memocal-feed's workers remember of a token (src/pages/feed.c) is never served
# stale: a remembered token costs no query, yet a revocation or a change in the feed shows on the very next
# fetch, after a PostgreSQL restart too; a worker that cannot LISTEN (as on a read replica) asks every time.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
MEMO=$(sql "SELECT min(id) FROM memorandum")

# cli_token LABEL: a token for the first memorandum from the CLI; sets TOKEN and TOKEN_ID
cli_token() {
	local url
	url=$(stack_memocal token add --scope "memorandum:$MEMO" --lang en --label "$1" | sed -n 2p)
	TOKEN=$(sed -n 's|.*/feeds/\([A-Za-z0-9_-]*\)\.ics$|\1|p' <<<"$url")
	TOKEN_ID=$(sql "SELECT max(id) FROM feed_token WHERE label = '$1'")
}
# feed_activity: when each of memocal-feed's database sessions last ran a statement (it changes with every one)
feed_activity() { sql "SELECT string_agg(pid || ':' || state_change, ' ' ORDER BY pid) FROM pg_stat_activity WHERE application_name = 'memocal-feed'"; }
workers_of memocal-feed >"$OUT/workers"
NWORKERS=$(wc -l <"$OUT/workers")

# ---- a remembered token costs no query: neither a full fetch nor a 304
cli_token "Memory $sfx"
check "a token from the CLI, warmed on all $NWORKERS workers" warm "$TOKEN"
ETAG=$(header ETag)
before=$(feed_activity)
for i in $(seq 1 10); do fetch "$TOKEN"; done
full=$STATUS
for i in $(seq 1 10); do fetch "$TOKEN" -H "If-None-Match: $ETAG"; done
check "then 10 fetches and 10 revalidations (200, 304)" test "$full/$STATUS" = 200/304
after=$(feed_activity)
check "memocal-feed sent PostgreSQL no statement for them (its sessions' state_change did not move)" \
	bash -c "test -n '$before' && test '$before' = '$after'"

# ---- revocation: the very next fetch after the revoking command returns, 25 times over
late=0
for i in $(seq 1 25); do
	cli_token "Revoke race $i $sfx"
	warm "$TOKEN" || late=$((late + 1000))
	stack_memocal token revoke "$TOKEN_ID" >/dev/null
	fetch "$TOKEN"
	[ "$STATUS" = 404 ] || late=$((late + 1))
done
check "25 warmed tokens revoked with the CLI: each one's very next fetch is 404" test "$late" = 0
# and on the web, where staff revoke
cli_token "Revoke web $sfx"
warm "$TOKEN"
as admin
post "/feeds/$TOKEN_ID/revoke"
check "revoked on the web (303)" test "$STATUS" = 303
fetch "$TOKEN"
check "the very next fetch of the warmed token is 404" test "$STATUS" = 404

# ---- a change to the feed: the very next fetch has it (a new version, a new ETag), 10 times over
cli_token "Changes $sfx"
warm "$TOKEN"
as editor
post "/memoranda/$MEMO/series/new" title_en="Memory check $sfx" title_az="Yaddaş yoxlaması $sfx" \
	start_date="$(date -u -d '+7 days' +%F)" start_time=10:00 end_time=11:00 kind=meeting status=confirmed \
	repeat=none tzid=Asia/Baku action=confirm
SID=$(header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
check "a series for the memorandum, made on its form (303)" test -n "$SID"
SID=${SID:-0}
fetch "$TOKEN"
check "the very next fetch has it" grep -q "Memory check $sfx" "$OUT/body"
warm "$TOKEN"
stale=0
for i in $(seq 1 10); do
	etag=$(header ETag)
	sql "UPDATE series SET title_en = 'Renamed $i $sfx' WHERE id = $SID" >/dev/null
	fetch "$TOKEN"
	{ [ "$STATUS" = 200 ] && grep -q "Renamed $i $sfx" "$OUT/body" && [ "$(header ETag)" != "$etag" ]; } || stale=$((stale + 1))
	warm "$TOKEN"
done
check "a series renamed 10 times: each very next fetch shows the new title under a new ETag" test "$stale" = 0
fetch "$TOKEN" -H "If-None-Match: $(header ETag)"
sql "UPDATE series SET title_en = 'Renamed again $sfx' WHERE id = $SID" >/dev/null
fetch "$TOKEN" -H "If-None-Match: $etag"
check "a revalidation with the ETag from before a change is not 304 but the new feed" \
	bash -c "test '$STATUS' = 200 && grep -q 'Renamed again $sfx' '$OUT/body'"

# ---- a notification cannot reach a connection that is gone: after a PostgreSQL restart nothing is trusted
cli_token "Restart gone $sfx"
GONE=$TOKEN
GONE_ID=$TOKEN_ID
warm "$GONE"
cli_token "Restart kept $sfx"
KEPT=$TOKEN
warm "$KEPT"
stack_pg_restart fast
stack_memocal token revoke "$GONE_ID" >/dev/null # committed while no worker listens
fetch "$GONE"
gone=$STATUS
fetch "$GONE"
check "a token revoked right after a PostgreSQL restart is 404 on every worker" test "$gone/$STATUS" = 404/404
check "a token kept is served again (200) on reconnected workers" warm "$KEPT"
# remembered TOKEN: warmed, then 5 fetches that send PostgreSQL nothing. A worker trusts what it was told for
# 10 s at most (KNOWN_TRUST), so on a machine loaded enough that warming and fetching take longer, a worker
# rightly asks again: the check tries a few times, and needs one round inside the window
remembered() {
	local try before
	for try in 1 2 3; do
		warm "$1" || return 1
		before=$(feed_activity)
		for i in $(seq 1 5); do fetch "$1"; done
		[ "$before" = "$(feed_activity)" ] && return 0
	done
	return 1
}
check "and remembered again: no statement for 5 more fetches" remembered "$KEPT"

# ---- a read replica refuses LISTEN: memocal-feed then asks it on every request, and follows its replay
# hup_feed: memocal-feed rereads its configuration and replaces its workers; waits until the old ones are gone
hup_feed() {
	local old
	old=$(workers_of memocal-feed)
	kill -HUP "$(cat "$STACK_DIR/pids/memocal-feed")"
	for _ in $(seq 1 100); do
		sleep 0.1
		comm -12 <(echo "$old") <(workers_of memocal-feed) | grep -q . && continue
		[ "$(workers_of memocal-feed | wc -l)" = "$NWORKERS" ] && return 0
	done
	return 1
}
REP=$STACK_DIR/replica
rm -rf "$REP"
mkdir -p "$REP/run"
chown -R postgres: "$REP"
stop_replica() { [ -f "$REP/data/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$REP/data" -m fast -w stop >/dev/null 2>&1; }
trap stop_replica EXIT
rsql() { runuser -u postgres -- psql -X -tA -h "$REP/run" -d memocal -c "$1"; }
runuser -u postgres -- "$PG_BIN/pg_basebackup" -h "$PG_RUN" -U postgres -D "$REP/data" -R -X stream \
	>"$OUT/basebackup.log" 2>&1 &&
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$REP/data" -l "$REP/postgres.log" -w -t 30 \
		-o "-c listen_addresses='' -k $REP/run -c fsync=off" start >/dev/null
check "a streaming replica of the stack's database runs" test "$(rsql "SELECT pg_is_in_recovery()")" = t
# replayed: the replica has everything the primary has committed so far
replayed() {
	local lsn
	lsn=$(sql "SELECT pg_current_wal_lsn()")
	for _ in $(seq 1 100); do
		[ "$(rsql "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = t ] && return 0
		sleep 0.1
	done
	return 1
}
cp "$STACK_DIR/memocal.conf" "$OUT/memocal.conf.primary"
echo "feed_dsn = host=$REP/run dbname=memocal user=memocal_feed" >>"$STACK_DIR/memocal.conf" # the last one wins
check "memocal-feed, on SIGHUP, replaces its workers with ones that read the replica" hup_feed
cli_token "Replica $sfx"
replayed
check "a feed is served from the replica (200)" warm "$TOKEN"
check "the workers said they cannot listen there" grep -q 'msg="cannot listen; every request asks the database"' "$STACK_DIR/memocal-feed.log"
rep_activity() { rsql "SELECT string_agg(pid || ':' || state_change, ' ' ORDER BY pid) FROM pg_stat_activity WHERE application_name = 'memocal-feed'"; }
before=$(rep_activity)
fetch "$TOKEN"
check "so every fetch asks the replica (its sessions' state_change moved)" \
	bash -c "test '$STATUS' = 200 && test -n '$before' && test '$before' != '$(rep_activity)'"
stack_memocal token revoke "$TOKEN_ID" >/dev/null
check "a revocation on the primary reaches the replica" replayed
fetch "$TOKEN"
check "and the next fetch after its replay is 404" test "$STATUS" = 404
cp "$OUT/memocal.conf.primary" "$STACK_DIR/memocal.conf"
check "memocal-feed reads the primary again after SIGHUP" hup_feed
stop_replica
trap - EXIT
fetch "$KEPT"
check "and serves feeds from it (200)" test "$STATUS" = 200

# ---- a restart of memocal-feed (a new build, perhaps) renders every feed again; the bytes decide the ETag
fetch "$KEPT"
etag=$(header ETag)
body_before=$(md5sum <"$OUT/body")
renders() { find "$STACK_DIR/feed-cache" -name 'v*.ics' | sort; }
renders >"$OUT/renders.before"
# renders written in the last 100 s: within the 2-minute grace, so no sweep may remove them
find "$STACK_DIR/feed-cache" -name 'v*.ics' -cmin -1.6 | sort >"$OUT/renders.recent"
lasts=$(find "$STACK_DIR/feed-cache" -name last | wc -l)
check "feeds have been rendered into the cache, some of them just now" test -s "$OUT/renders.recent"
stack_stop_pid "$(cat "$STACK_DIR/pids/memocal-feed")"
stack_start_program memocal-feed
stack_wait "$BASE/feeds/healthz" 30
check "a restart removes no render another process might still hand out (written within the grace), nor a last record" \
	bash -c "test -z \"\$(comm -23 '$OUT/renders.recent' <(find '$STACK_DIR/feed-cache' -name 'v*.ics' | sort))\" && test \$(find '$STACK_DIR/feed-cache' -name last | wc -l) = $lasts"
fetch "$KEPT"
check "the feed is rendered again: the same bytes, so the same ETag" \
	test "$STATUS/$(header ETag)/$(md5sum <"$OUT/body")" = "200/$etag/$body_before"
check "… under a name of its own: the new run never hands out what the old one rendered" \
	test -n "$(comm -13 "$OUT/renders.before" <(renders))"
check "its log says it swept the cache" grep -q 'msg="feed cache swept; every feed is rendered again on its first fetch"' "$STACK_DIR/memocal-feed.log"
