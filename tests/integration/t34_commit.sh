#!/usr/bin/env bash
# t34_commit.sh - no save is reported wrongly: a COMMIT whose answer is lost (PostgreSQL stopped with
# `pg_ctl stop -m immediate` while the COMMIT waits) says the save may have happened and links to where to
# check; the same form sent again (its one-time key) answers the record the first send made: no second person,
# no "slug taken"; two sends at once make one record.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
restore() { stack_pg_start >/dev/null 2>&1; sql "ALTER SYSTEM RESET synchronous_standby_names" >/dev/null 2>&1; sql "SELECT pg_reload_conf()" >/dev/null 2>&1; }
trap restore EXIT

as editor
# form_key PATH: the one-time key of the form at PATH
form_key() { curl -s -b "$JAR" -c "$JAR" "$BASE$1" | sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' | head -1; }

# ---- the same form twice, no fault: one record, and both answers name it ----
KEY=$(form_key /organisations/new)
check "a create form carries a one-time key (43 characters)" test "${#KEY}" = 43
org=(name_en="Twice Org $sfx" name_az="İki dəfə $sfx" slug="twice-$sfx" kind=ngo once="$KEY")
post /organisations/new "${org[@]}"
first=$(header Location)
post /organisations/new "${org[@]}"
check "sent twice: both 303 to the same organisation ($first), not 'slug taken'" \
	test "$STATUS/$(header Location)" = "303/$first" -a -n "$first"
check "… and there is one of it" test "$(sql "SELECT count(*) FROM organisation WHERE slug = 'twice-$sfx'")" = 1
check "… with one audit row" test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'organisation' AND label = 'Twice Org $sfx' AND action = 'create'")" = 1
post /organisations/new name_en="Other $sfx" name_az="Digər $sfx" slug="other-$sfx" kind=ngo once="$KEY"
check "a key already used names its record even with other values: 303 there, nothing new" \
	test "$STATUS/$(header Location)/$(sql "SELECT count(*) FROM organisation WHERE slug = 'other-$sfx'")" = "303/$first/0"

# ---- two sends at once (a double click): one person ----
KEY=$(form_key /people/new)
csrf=$(csrf)
for i in 1 2 3; do
	curl -s -b "$JAR" -o /dev/null -D "$OUT/race.$i" --data-urlencode "csrf=$csrf" --data-urlencode "once=$KEY" \
		--data-urlencode "full_name_en=Race Person $sfx" --data-urlencode "full_name_az=Yarış $sfx" \
		--data-urlencode "preferred_lang=az" --data-urlencode "rows=0" "$BASE/people/new" &
done
wait
locs=$(grep -hi '^location:' "$OUT"/race.* | tr -d '\r' | sort -u)
check "three sends at once: one person" test "$(sql "SELECT count(*) FROM person WHERE full_name_en = 'Race Person $sfx'")" = 1
check "… and all three answered 303 to it ($locs)" bash -c \
	"test \$(grep -l '^HTTP/1.1 303' '$OUT'/race.* | wc -l) = 3 && test \$(echo '$locs' | wc -l) = 1"

# ---- the COMMIT cut: PostgreSQL stopped while the COMMIT waits ----
# A synchronous standby that does not exist: a COMMIT is written (and so durable) and then waits for it,
# so the program never hears the answer. Then `pg_ctl stop -m immediate`.
KEY=$(form_key /people/new)
csrf=$(csrf)
sql "ALTER SYSTEM SET synchronous_standby_names = 'nobody'" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null
curl -s -b "$JAR" -o "$OUT/cut.html" -D "$OUT/cut.headers" -w '%{http_code}' --data-urlencode "csrf=$csrf" \
	--data-urlencode "once=$KEY" --data-urlencode "full_name_en=Cut Person $sfx" --data-urlencode "full_name_az=Kəsik $sfx" \
	--data-urlencode "email=cut-$sfx@example.org" --data-urlencode "preferred_lang=en" --data-urlencode "rows=0" \
	"$BASE/people/new" >"$OUT/cut.status" &
poster=$!
waiting=""
for _ in $(seq 1 100); do
	[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'memocal-web' AND wait_event = 'SyncRep'")" = 1 ] &&
		waiting=1 && break
	sleep 0.1
done
check "the create's COMMIT is written and waits (wait_event SyncRep)" test -n "$waiting"
stack_pg_stop immediate
wait "$poster"
STATUS=$(cat "$OUT/cut.status")
cp "$OUT/cut.html" "$OUT/body"
expect "the answer: 503, the save may have happened, the form as typed" 503 \
	'so it may have been saved.' 'value="Cut Person '"$sfx"'"' 'value="Kəsik '"$sfx"'"'
check "… never 'nothing was saved'" bash -c "! grep -q 'nothing was saved' '$OUT/body'"
check "… a link to where it would show" grep -q '<a href="/people">' "$OUT/body"
check "… the same one-time key, so sending it again is safe" grep -q "name=\"once\" value=\"$KEY\"" "$OUT/body"
check "… and Retry-After" grep -qi '^retry-after: 5' "$OUT/cut.headers"
stack_pg_start
sql "ALTER SYSTEM RESET synchronous_standby_names" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null
check "after the restart the person exists: the COMMIT had happened" \
	test "$(sql "SELECT count(*) FROM person WHERE full_name_en = 'Cut Person $sfx'")" = 1
ok=""
for _ in $(seq 1 100); do
	req GET /people
	[ "$STATUS" = 200 ] && ok=1 && break
	sleep 0.1
done
check "memocal-web answers again" test -n "$ok"
pid=$(sql "SELECT id FROM person WHERE full_name_en = 'Cut Person $sfx'")
curl -s -b "$JAR" -o "$OUT/body" -D "$OUT/headers" --data-urlencode "csrf=$(csrf)" --data-urlencode "once=$KEY" \
	--data-urlencode "full_name_en=Cut Person $sfx" --data-urlencode "full_name_az=Kəsik $sfx" \
	--data-urlencode "email=cut-$sfx@example.org" --data-urlencode "preferred_lang=en" --data-urlencode "rows=0" \
	"$BASE/people/new" >/dev/null
check "the form sent again: 303 to the person the cut COMMIT made, not 'e-mail taken'" \
	test "$(head -1 "$OUT/headers" | cut -d' ' -f2)/$(header Location)" = "303//people/${pid:-x}?done=person_created"
check "… still one person" test "$(sql "SELECT count(*) FROM person WHERE full_name_en = 'Cut Person $sfx'")" = 1
check "the lost answer was logged" grep -q 'commit sent, its answer lost: the change may have been saved' "$STACK_DIR/memocal-web.log"

# ---- a meeting's form sent twice: the second answers the first's series ----
# Its one attendee is the person of the race above, whom no other meeting has: the first send is no warning.
# The second must not warn that this attendee is busy at that time either: in the series the first one made.
racer=$(sql "SELECT id FROM person WHERE full_name_en = 'Race Person $sfx'")
D=$(date -d "next monday + 56 days" +%F)
rid() { echo "$(date -d "$D + $((7 * $1)) days" +%Y%m%d)T090000"; } # the K-th weekly occurrence's id
KEY=$(form_key /memoranda/1/series/new)
meeting=(kind=meeting status=confirmed title_en="Twice meeting $sfx" title_az="İki dəfə görüş $sfx" tzid=Asia/Baku
	start_date="$D" start_time=09:00 end_time=10:00 repeat=weekly ends=count count=6 attendee_rows=1
	attendee_0_person="$racer" attendee_0_role=chair once="$KEY")
post /memoranda/1/series/new "${meeting[@]}"
first=$(header Location)
check "a meeting's form: 303 to its new series ($first)" test "$STATUS" = 303 -a -n "$first"
post /memoranda/1/series/new "${meeting[@]}"
check "… sent again: 303 to the same series, not a warning that its attendee is busy in that very series" \
	test "$STATUS/$(header Location)" = "303/$first"
check "… and there is one of it" test "$(sql "SELECT count(*) FROM series WHERE title_en = 'Twice meeting $sfx'")" = 1
S=${first%%\?*}
S=${S##*/}

# ---- every COMMIT cut links to a page that shows whether it happened ----
# cut_commit PATH FIELD=VALUE...: POSTs a form whose COMMIT is written but whose answer never comes (the session
# waits for a synchronous standby that does not exist, and is terminated there); STATUS and $OUT/body as req sets
cut_commit() {
	local path=$1 args=(--data-urlencode "csrf=$(csrf)") kv i waited=""
	shift
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	sql "ALTER SYSTEM SET synchronous_standby_names = 'nobody'" >/dev/null
	sql "SELECT pg_reload_conf()" >/dev/null
	curl -s -b "$JAR" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' "${args[@]}" "$BASE$path" >"$OUT/cut.status" &
	local poster=$!
	for i in $(seq 1 100); do
		[ "$(sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		          WHERE application_name = 'memocal-web' AND wait_event = 'SyncRep'")" = 1 ] && waited=1 && break
		sleep 0.1
	done
	sql "ALTER SYSTEM RESET synchronous_standby_names" >/dev/null
	sql "SELECT pg_reload_conf()" >/dev/null
	wait "$poster"
	STATUS=$(cat "$OUT/cut.status")
	[ -n "$waited" ]
}
# the check link of the last answer
check_link() { sed -n 's/.*role="alert">[^<]*<a href="\([^"]*\)">.*/\1/p' "$OUT/body" | head -1; }
# cut NAME PATH FIELD=VALUE...: the answer to a cut COMMIT says it may have happened, links to a page that
# answers 200 once the database does, and the change was made
cut() {
	local name=$1 path=$2
	shift 2
	check "$name: its COMMIT is written, then the session ends before it answers" cut_commit "$path" "$@"
	LINK=$(check_link)
	expect "… 503, it may have happened" 503 'may have'
	refute "… never 'nothing was saved'" 'nothing was saved'
	req GET "${LINK:-/no-link}"
	check "… and its link ($LINK) is a page that answers (200)" test "$STATUS" = 200 -a -n "$LINK"
}
post "/series/$S/occurrences/$(rid 1)/edit" start_date="$(date -d "$D + 7 days" +%F)" start_time=09:00 end_time=10:00 \
	title_en="Retitled $sfx" title_az="Yeni ad $sfx" version="$(sql "SELECT version FROM series WHERE id = $S")"
OID=$(sql "SELECT id FROM series_override WHERE series_id = $S")
check "an exception to delete ($OID)" test "$STATUS" = 303 -a -n "$OID"
cut "an exception deleted" "/series/$S/overrides/$OID/delete" version="$(sql "SELECT version FROM series WHERE id = $S")"
check "… it was deleted" test "$(sql "SELECT count(*) FROM series_override WHERE id = $OID")" = 0
cut "a series split at its third occurrence" "/series/$S/occurrences/$(rid 2)/split" \
	start_date="$(date -d "$D + 14 days" +%F)" start_time=11:00 end_time=12:00 \
	version="$(sql "SELECT version FROM series WHERE id = $S")"
check "… it was split" test "$(sql "SELECT count(*) FROM series WHERE title_en = 'Twice meeting $sfx'")" = 2
cut "an occurrence cancelled" "/series/$S/occurrences/$(rid 1)/cancel" version="$(sql "SELECT version FROM series WHERE id = $S")"
check "… it was cancelled" test "$(sql "SELECT count(*) FROM series_override WHERE series_id = $S AND cancelled")" = 1
