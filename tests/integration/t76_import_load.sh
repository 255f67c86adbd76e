#!/usr/bin/env bash
# t76_import_load.sh - long imports do not block others (issue 13): a 600 KB .ics of 500 events with 40 attendees
# each costs time in proportion to its size (each feed scope's version moves once, at commit), a one-event import
# into another memorandum with the same people goes through while it runs, and an import that has to wait for
# another change says so at once and keeps its file for the retry.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
STARTED=()
trap 'for p in "${STARTED[@]}"; do kill -KILL "$p" 2>/dev/null; done' EXIT

as editor
post /language lang=en back=/memoranda
# two memoranda of this test's own
newmemo() {
	post /memoranda/new title_en="$1 $sfx" title_az="$1 az $sfx" signed_on=2025-01-01 status=active \
		party_rows=2 party_0_org=1 party_1_org=2
	local m
	m=$(location)
	echo "${m##*/}"
}
A=$(newmemo "Big import")
B=$(newmemo "Small import")
check "two memoranda for this test" test -n "$A" -a -n "$B"
# forty people the files' attendees are (matched by e-mail)
sql "INSERT INTO person (full_name_en, full_name_az, email)
     SELECT 'Load person ' || i || ' $sfx', 'Yük şəxsi ' || i || ' $sfx', 'load' || i || '-$sfx@t76.example'
     FROM generate_series(1, 40) i" >/dev/null
check "forty people with e-mail addresses" test "$(sql "SELECT count(*) FROM person WHERE email LIKE 'load%-$sfx@t76.example'")" = 40

# ics NAME EVENTS ATTENDEES UIDPREFIX: a calendar file in $OUT/NAME (in 2021: out of every agenda)
ics() {
	/usr/bin/python3 - "$OUT/$1" "$2" "$3" "$4" "$sfx" <<'PY'
import sys
path, events, people, prefix, sfx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//memocal t76//EN"]
for e in range(events):
    day = 1 + e % 28
    month = 1 + (e // 28) % 12
    out += ["BEGIN:VEVENT", "UID:%s-%d-%s@t76.example" % (prefix, e, sfx), "DTSTAMP:20250101T000000Z",
            "DTSTART;TZID=Asia/Baku:2021%02d%02dT%02d0000" % (month, day, 8 + e % 9),
            "DTEND;TZID=Asia/Baku:2021%02d%02dT%02d3000" % (month, day, 8 + e % 9),
            "SUMMARY:Load meeting %d" % e, "DESCRIPTION:What the meeting is about"]
    for p in range(people):
        out.append("ATTENDEE:mailto:load%d-%s@t76.example" % (p + 1, sfx))
    out.append("END:VEVENT")
out.append("END:VCALENDAR")
open(path, "w").write("\r\n".join(out) + "\r\n")
PY
}
ics big.ics 500 40 big
ics one.ics 1 1 one
size=$(stat -c %s "$OUT/big.ics")
check "the big file: 500 events, 40 attendees each, about 600 KB ($size bytes)" test "$size" -gt 500000 -a "$size" -lt 2000000

# A memocal-web of this test's own with room for the file (the stack's takes 4 KB), over FastCGI
port=$(free_port)
grep -v '^max_body' "$STACK_DIR/memocal.conf" >"$OUT/big.conf"
printf 'max_body = 2097152\n' >>"$OUT/big.conf"
"$BIN/memocal-web" --config "$OUT/big.conf" --listen "127.0.0.1:$port" --workers 2 >>"$STACK_DIR/t76-web.log" 2>&1 &
STARTED+=($!)
for _ in $(seq 1 50); do
	REQUEST_METHOD=GET REQUEST_URI=/healthz cgi-fcgi -bind -connect "127.0.0.1:$port" 2>/dev/null | grep -q '^ok' && break
	sleep 0.1
done
COOKIE=$(session_cookie)
CSRF=$(csrf)
# upload_fcgi MEMO FILE OUT: the import form's POST straight to that memocal-web; MS = how long
upload_fcgi() {
	local boundary=t76boundary$sfx t0
	{
		printf -- '--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$boundary" "$CSRF"
		printf -- '--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: text/calendar\r\n\r\n' "$boundary" "$(basename "$2")"
		cat "$2"
		printf -- '\r\n--%s--\r\n' "$boundary"
	} >"$OUT/upload.body"
	t0=$(date +%s%N)
	HTTP_COOKIE=$COOKIE REQUEST_METHOD=POST REQUEST_URI=/memoranda/$1/import SERVER_PROTOCOL=HTTP/1.1 \
		CONTENT_TYPE="multipart/form-data; boundary=$boundary" CONTENT_LENGTH=$(stat -c %s "$OUT/upload.body") \
		cgi-fcgi -bind -connect "127.0.0.1:$port" <"$OUT/upload.body" >"$3" 2>&1
	MS=$((($(date +%s%N) - t0) / 1000000))
	echo "$MS" >"$3.ms"
}
versions() { sql "SELECT string_agg(v.version::text, ',' ORDER BY p.id) FROM person p LEFT JOIN feed_version v ON v.scope_kind = 'person' AND v.scope_id = p.id WHERE p.email LIKE 'load%-$sfx@t76.example'"; }
mversion() { sql "SELECT coalesce((SELECT version FROM feed_version WHERE scope_kind = 'memorandum' AND scope_id = $1), 0)"; }

# ---- a small import first: how long does one cost
ics small.ics 50 40 small
upload_fcgi "$A" "$OUT/small.ics" "$OUT/small.out"
small_ms=$MS
check "50 events × 40 attendees imported ($small_ms ms)" grep -q '^Status: 200' "$OUT/small.out"

# ---- the big one, and beside it a one-event import by another editor into another memorandum
before=$(versions)
mbefore=$(mversion "$A")
upload_fcgi "$A" "$OUT/big.ics" "$OUT/big.out" &
big=$!
running=""
for _ in $(seq 1 100); do
	[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'memocal-web' AND state = 'active' AND query LIKE '%attendee%'")" -ge 1 ] && running=1 && break
	sleep 0.05
done
t0=$(date +%s%N)
req POST "/memoranda/$B/import" -F "csrf=$CSRF" -F "file=@$OUT/one.ics;type=text/calendar"
one_ms=$((($(date +%s%N) - t0) / 1000000))
bigalive=$(kill -0 "$big" 2>/dev/null && echo running || echo done)
expect "a one-event import into another memorandum while the big one runs (it was $bigalive): 200 ($one_ms ms)" 200 "one-0-$sfx"
check "… without waiting for the big one (under 3 s)" test "$one_ms" -lt 3000
wait "$big"
big_ms=$(cat "$OUT/big.out.ms")
created=$(sql "SELECT count(*) FROM series WHERE memorandum_id = $A AND uid LIKE 'big-%'")
check "500 events × 40 attendees (600 KB) imported: 200, $created created ($big_ms ms)" \
	bash -c "grep -q '^Status: 200' '$OUT/big.out' && test '$created' = 500"
check "… its cost grows with its size, not with its square: 10 times the events, at most 25 times the time ($small_ms → $big_ms ms)" \
	test "$big_ms" -lt $((small_ms * 25 + 2000))
after=$(versions)
# (the first person also attends the one-event import's meeting: that transaction moves it once more)
check "… each attendee's feed version moved once, at commit (not once per row): $before → $after" /usr/bin/python3 -c "
import sys
b = [int(x) for x in '$before'.split(',')]
a = [int(x) for x in '$after'.split(',')]
sys.exit(0 if len(a) == 40 and a[0] - b[0] in (1, 2) and all(y - x == 1 for x, y in zip(b[1:], a[1:])) else 1)"
check "… and the memorandum's once ($mbefore → $(mversion "$A"))" test "$(mversion "$A")" = $((mbefore + 1))

# ---- an import that has to wait: another change holds its meeting; it says so at once and keeps the file
uid="one-0-$sfx@t76.example"
stack_psql -c "BEGIN; SELECT id FROM series WHERE uid = '$uid' FOR UPDATE; SELECT pg_sleep(6); COMMIT;" >/dev/null 2>&1 &
locker=$!
for _ in $(seq 1 50); do
	[ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'series' AND l.mode = 'RowShareLock' AND l.granted AND l.pid <> pg_backend_pid()")" -ge 1 ] && break
	sleep 0.1
done
ics one-changed.ics 1 2 one
t0=$(date +%s%N)
req POST "/memoranda/$B/import" -F "csrf=$CSRF" -F "file=@$OUT/one-changed.ics;type=text/calendar"
ms=$((($(date +%s%N) - t0) / 1000000))
expect "an import whose meeting another change holds: 503 at once, saying so ($ms ms)" 503 \
	'Another import or change is saving these meetings right now' 'one-changed.ics' 'name="kept"'
check "… within lock_timeout and a little" test "$ms" -lt 5000
check "… with Retry-After" test "$(header Retry-After)" = 5
kept=$(sed -n 's/.*name="kept" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1)
check "… the file is kept for the retry" test "$(sql "SELECT count(*) FROM import_upload WHERE key = '$kept'")" = 1
wait "$locker"
req POST "/memoranda/$B/import" -F "csrf=$CSRF" -F "kept=$kept"
expect "Import pressed again without choosing the file: the kept file is imported (200)" 200 'one-changed.ics'
check "… the meeting has the file's two attendees now" \
	test "$(sql "SELECT count(*) FROM attendee t JOIN series s ON s.id = t.series_id WHERE s.uid = '$uid'")" = 2
check "… and the kept file is gone" test "$(sql "SELECT count(*) FROM import_upload WHERE key = '$kept'")" = 0
req POST "/memoranda/$B/import" -F "csrf=$CSRF" -F "kept=$kept"
expect "a kept file is used once: sent again, the form asks for a file" 422 'Choose an .ics file to import.'

# what this test made goes again: 550 meetings with 40 attendees each would weigh on every later agenda
sql "DELETE FROM memorandum WHERE id IN ($A, $B)" >/dev/null
sql "DELETE FROM person WHERE email LIKE 'load%-$sfx@t76.example'" >/dev/null
check "the test's memoranda, meetings and people are removed again" \
	test "$(sql "SELECT count(*) FROM series WHERE uid LIKE '%-$sfx@t76.example'")/$(sql "SELECT count(*) FROM person WHERE email LIKE 'load%-$sfx@t76.example'")" = 0/0
