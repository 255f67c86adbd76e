#!/usr/bin/env bash
# t85_feed_once.sh - a feed renders once per version, whatever the number of workers fetching it at once
# (issue 18, item 4): one worker of any process renders a scope at a time, and the fetches that come while
# it does get the previous render (with its own ETag, "no-cache") or, when there is none, wait for the new
# one; none renders it too. Every answer is a whole calendar, and the next fetch after the render has it.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
MEMO=$(sql "SELECT min(id) FROM memorandum")
FEED_LOG=$STACK_DIR/memocal-feed.log
start=$(wc -l <"$FEED_LOG")

url=$(stack_memocal token add --scope "memorandum:$MEMO" --lang en --label "Once $sfx" | sed -n 2p)
T=$(sed -n 's|.*/feeds/\([A-Za-z0-9_-]*\)\.ics$|\1|p' <<<"$url")
check "a token, served by every worker" warm "$T"
old_etag=$(header ETag)

# burst: N fetches at once; each one's status, ETag, Cache-Control and whether it is a whole calendar
burst() {
	local i
	rm -f "$OUT"/burst.*
	for i in $(seq 1 "$1"); do
		curl -s -D "$OUT/burst.$i.h" -o "$OUT/burst.$i.b" "$BASE/feeds/$T.ics" &
	done
	wait
	for i in $(seq 1 "$1"); do
		printf '%s|%s|%s|%s\n' "$(head -1 "$OUT/burst.$i.h" | cut -d' ' -f2)" \
			"$(grep -i '^etag:' "$OUT/burst.$i.h" | cut -d' ' -f2- | tr -d '\r')" \
			"$(grep -i '^cache-control:' "$OUT/burst.$i.h" | cut -d' ' -f2- | tr -d '\r')" \
			"$(head -c 15 "$OUT/burst.$i.b" | grep -c BEGIN:VCALENDAR)$(tail -c 15 "$OUT/burst.$i.b" | grep -c END:VCALENDAR)"
	done
}

# the memorandum's title is in its feed (its signing and expiry); put back after
title=$(sql "SELECT title_en FROM memorandum WHERE id = $MEMO")
restore() { sql "UPDATE memorandum SET title_en = \$t\$$title\$t\$ WHERE id = $MEMO" >/dev/null; }
trap restore EXIT
for round in 1 2 3; do
	sql "UPDATE memorandum SET title_en = 'Once $sfx $round', updated_at = now() WHERE id = $MEMO" >/dev/null
	ver=$(sql "SELECT version FROM feed_version WHERE scope_kind = 'memorandum' AND scope_id = $MEMO")
	mark=$(wc -l <"$FEED_LOG")
	burst 16 >"$OUT/answers"
	check "round $round: 16 fetches at once after a change are all 200 and whole calendars" \
		bash -c "test \"\$(grep -c '^200|.*|11\$' '$OUT/answers')\" = 16"
	renders=$(tail -n +"$((mark + 1))" "$FEED_LOG" | grep -c "msg=\"feed rendered\" scope=memorandum-$MEMO-en name=v$ver-")
	check "round $round: the new version was rendered once, not by every worker that was asked ($renders)" test "$renders" = 1
	check "round $round: each answer is the old render (no-cache: ask again) or the new one (max-age)" bash -c \
		"! grep -v -e '|$old_etag|private, no-cache|' -e '|private, max-age=300|' '$OUT/answers'"
	fetch "$T"
	new_etag=$(header ETag)
	check "round $round: the next fetch has the change, with a new ETag" bash -c \
		"test '$STATUS' = 200 -a '$new_etag' != '$old_etag' && grep -q 'Once $sfx $round' '$OUT/body'"
	check "round $round: every fresh answer in the burst had that ETag" bash -c \
		"! grep '|private, max-age=300|' '$OUT/answers' | grep -v -F '|$new_etag|'"
	old_etag=$new_etag
done
tail -n +"$((start + 1))" "$FEED_LOG" >"$OUT/feed.log"
check "no worker logged an error meanwhile" bash -c "! grep 'level=error' '$OUT/feed.log'"
