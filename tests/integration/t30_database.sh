#!/usr/bin/env bash
# t30_database.sh - migrations, seed, roles, Azerbaijani round trips, and PostgreSQL going away.
. "$(dirname "$0")/lib.sh"
as viewer
export PSQL_DB=memocal

check "a second migrate applies nothing" bash -c "'$BIN/memocal' --config '$STACK_DIR/memocal.conf' migrate | grep -qx '0 migrations applied'"
check "schema_migration records each migration once" \
	test "$(stack_psql -tAc 'SELECT count(*) = count(DISTINCT version) AND count(*) >= 3 FROM schema_migration')" = t
before=$(stack_psql -tAc "SELECT (SELECT count(*) FROM memorandum)||'/'||(SELECT count(*) FROM person)||'/'||(SELECT count(*) FROM memorandum_member)")
stack_memocal seed >/dev/null 2>&1
after=$(stack_psql -tAc "SELECT (SELECT count(*) FROM memorandum)||'/'||(SELECT count(*) FROM person)||'/'||(SELECT count(*) FROM memorandum_member)")
check "seeding again adds nothing ($before)" test "$before" = "$after"
check "the seed memorandum is there once" test "$(stack_psql -tAc "SELECT count(*) FROM memorandum WHERE signed_on = '2024-05-01' AND title_en LIKE 'Memorandum of Cooperation between Khazar University%'")" = 1

# a migration that fails half-way leaves nothing behind
mkdir -p "$OUT/db/migrations"
cp "$SRC"/db/migrations/*.sql "$OUT/db/migrations/"
cat >"$OUT/db/migrations/900_broken.sql" <<'SQL'
CREATE TABLE half_done (id int);
SELECT no_such_function();
SQL
sed "s|^db_dir = .*|db_dir = $OUT/db|" "$STACK_DIR/memocal.conf" >"$OUT/broken.conf"
check "a failing migration makes migrate exit non-zero" bash -c "! '$BIN/memocal' --config '$OUT/broken.conf' migrate"
check "a failing migration leaves no table and no record" \
	test "$(stack_psql -tAc "SELECT (to_regclass('half_done') IS NULL) AND NOT EXISTS (SELECT 1 FROM schema_migration WHERE version = 900)")" = t

# a database that ran another migration under a number this checkout uses (another branch): refused, named
last=$(stack_psql -tAc "SELECT max(version) FROM schema_migration")
last_name=$(stack_psql -tAc "SELECT name FROM schema_migration WHERE version = $last")
stack_psql -c "UPDATE schema_migration SET name = 'from_another_branch.sql' WHERE version = $last" >/dev/null
stack_memocal migrate >"$OUT/other.out" 2>&1
code=$?
check "migrate refuses a number applied from another file (exit $code), naming both" bash -c \
	"test $code != 0 && grep -q 'migration $last was applied from another file' '$OUT/other.out' && grep -q 'applied=\"from_another_branch.sql\"' '$OUT/other.out' && grep -q '$last_name' '$OUT/other.out'"
stack_psql -c "UPDATE schema_migration SET name = '$last_name' WHERE version = $last" >/dev/null
check "and goes on when the record is right again" bash -c "'$BIN/memocal' --config '$STACK_DIR/memocal.conf' migrate | grep -qx '0 migrations applied'"

letters='ə ı ş ç ğ ö ü İ Ə Ç Ş Ğ Ö Ü'
check "every Azerbaijani letter survives a database round trip" \
	test "$(stack_psql -tAc "SELECT name_az FROM organisation WHERE slug = 'miras'" | grep -c 'İ')" = 1
check "seeded Azerbaijani names are stored as the exact code points" \
	test "$(stack_psql -tAc "SELECT count(*) FROM person WHERE full_name_az IN ('İradə Xəlilova','Fariz Xəlilli','Qafar Cəbiyev','Çikar Qasımov','Məleykə Hüseynova','Səlimə Əhmədova')")" = 6
check "text with $letters round-trips through the memocal_web role" \
	test "$(runuser -u postgres -- psql -X -tA -h "$PG_RUN" -U memocal_web -d memocal -c "SELECT '$letters'")" = "$letters"

check "the feed role cannot write (permission denied)" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$PG_RUN' -U memocal_feed -d memocal \
	  -c \"UPDATE memorandum SET title_en = 'x' WHERE id = 1\" 2>&1 | grep -q 'permission denied for table memorandum'"
check "the feed role can read" test "$(runuser -u postgres -- psql -X -tA -h "$PG_RUN" -U memocal_feed -d memocal -c 'SELECT count(*) > 0 FROM memorandum')" = t
check "the web role cannot create tables" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$PG_RUN' -U memocal_web -d memocal -c 'CREATE TABLE x (id int)' 2>&1 | grep -q 'permission denied'"

# PostgreSQL stopped: health checks say so, pages answer 503 with a message, nothing crashes
stack_pg_stop fast
req GET /healthz
expect "web /healthz is 503 while PostgreSQL is down" 503 "database unavailable"
req GET /feeds/healthz
expect "feed /healthz is 503 while PostgreSQL is down" 503 "database unavailable"
req GET /memoranda/1
expect "a page is a 503 with a clear message while PostgreSQL is down" 503 "The database is not answering."
check "the 503 says when to retry" test "$(header Retry-After)" = 5
stack_pg_start
req GET /healthz
expect "web /healthz is 200 again once PostgreSQL is back" 200 "ok"
req GET /feeds/healthz
expect "feed /healthz is 200 again once PostgreSQL is back" 200 "ok"

# PostgreSQL restarted in the middle of a stream of requests
: >"$OUT/stream"
(
	for i in $(seq 1 150); do
		curl -s -b "$JAR" -o /dev/null -w '%{http_code}\n' "$BASE/memoranda/1" >>"$OUT/stream"
	done
) &
streamer=$!
# the restart comes once the stream is under way (some answers in), not after a fixed time
wait_for 120 has_lines 10 "$OUT/stream"
stack_pg_restart fast
wait $streamer
check "a restart mid-stream costs only 503s, never a crash or 5xx of another kind" \
	bash -c "! grep -qvE '^(200|503)$' '$OUT/stream'"
check "the whole stream was answered (150 requests)" test "$(wc -l <"$OUT/stream")" = 150
ok=0
for i in $(seq 1 10); do
	req GET /memoranda/1
	[ "$STATUS" = 200 ] && ok=$((ok + 1))
done
check "after the restart every request succeeds on reconnected workers (10/10)" test "$ok" = 10
