#!/usr/bin/env bash
# t76_rules.sh - recurrence rules as a property: thousands of generated rules (every RRULE part, zones east and
# west of UTC with :30 and :45 offsets, starts across DST changes), each accepted or refused as a meeting; every
# accepted one sent back from its edit form unchanged, its first 500 starts the same before and after and the same
# as python3-dateutil's rrulestr gives. Most go through the form's own C code (tests/tools/rule_probe.c: the
# series_form_from/series_form_read a request runs); a share through the real form over HTTP, created through the
# form or an .ics import, with the database compared before and after. Then sub-daily rules in windows that start
# at every minute of an hour. The seed is printed; MEMOCAL_RULE_SEED=N repeats a run.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
CHECK=$HERE/rule_check.py
PROBE=$BIN/tests/tools/rule_probe
sql() { stack_psql -tAc "$1"; }
report() { # report FILE: the checker's "ok"/"not ok" lines as results, its "#" lines as they are
	local line
	while IFS= read -r line; do
		case $line in
		"ok - "*) pass "${line#ok - }" ;;
		"not ok - "*) fail "${line#not ok - }" "$(grep '^#   ' "$1" | head -10)" ;;
		"# "*) echo "$line" ;;
		esac
	done <"$1"
}

if ! $PY -c 'import dateutil.rrule, zoneinfo' >"$OUT/import.err" 2>&1; then
	fail "rules: python3-dateutil can be imported" "$(cat "$OUT/import.err")"
	exit 0
fi
check "rules: the probe is built ($PROBE)" test -x "$PROBE"

SEED=${MEMOCAL_RULE_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# seed $SEED (MEMOCAL_RULE_SEED=$SEED repeats this run)"
start=$(date +%s)

# ---- the C code path: every generated rule ----
$PY "$CHECK" generate "$SEED" 2600 >"$OUT/rows.tsv"
"$PROBE" roundtrip <"$OUT/rows.tsv" >"$OUT/probe.out" 2>"$OUT/probe.err"
check "rules: the probe reads every generated series (2600)" test "$(wc -l <"$OUT/probe.out")" = 2600
$PY "$CHECK" compare "$OUT/rows.tsv" "$OUT/probe.out" >"$OUT/compare.out" 2>&1
report "$OUT/compare.out"

# ---- the real form over HTTP: a share of the accepted rules, created through the form and through an import ----
as editor
post /language lang=en back=/agenda
sfx=$(date +%s%N | tail -c 7)
post /memoranda/new title_en="Rules $sfx" title_az="Qaydalar $sfx" signed_on=2025-01-01 status=active \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M%%\?*}
M=${M##*/}
check "rules: a memorandum for the rules is created" test "$STATUS" = 303 -a -n "$M"
# the accepted rows, in order: 100 through the form, 40 through an import
awk -F'\t' '$2 ~ /^ok/ { print $1 }' "$OUT/probe.out" >"$OUT/accepted"
awk -F'\t' 'NR == FNR { want[$1] = 1; next } ($1 in want)' <(head -100 "$OUT/accepted") "$OUT/rows.tsv" >"$OUT/form.tsv"
awk -F'\t' 'NR == FNR { want[$1] = 1; next } ($1 in want)' <(sed -n '101,140p' "$OUT/accepted") "$OUT/rows.tsv" >"$OUT/import.tsv"
ids=()
refused=0 moved=0 ended=0
while IFS=$'\t' read -r -u 3 i tz all_day st en rule; do
	sd=${st% *} ed=${en% *}
	f=(kind=meeting status=confirmed title_en="Rule $i" title_az="Qayda $i" tzid="$tz" start_date="$sd"
		repeat=custom rrule="$rule" action=confirm)
	if [ "$all_day" = 1 ]; then
		f+=(all_day=1 end_date="$(date -u -d "$ed -1 day" +%F)")
	else
		t=${st#* } e=${en#* }
		[ "${t:6:2}" = 00 ] && t=${t:0:5}
		[ "${e:6:2}" = 00 ] && e=${e:0:5}
		f+=(start_time="$t" end_date="$ed" end_time="$e")
	fi
	post "/memoranda/$M/series/new" "${f[@]}"
	id=$(header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
	first=$(tr -d '\n' <"$OUT/body" | sed -n 's|.*id="start-first">[^<]*<time datetime="\([0-9-]*\)".*|\1|p')
	if [ -z "$id" ] && [ "$STATUS" = 422 ] && [ -n "$first" ]; then
		# a start the rule does not give: refused, naming the first day it gives; sent again from that day, as a
		# person would, the end moved by as many days
		days=$((($(date -u -d "$first" +%s) - $(date -u -d "$sd" +%s)) / 86400))
		moved=$((moved + 1))
		if [ "$all_day" = 1 ]; then
			end="$(date -u -d "$ed -1 day +$days days" +%F)"
		else
			end="$(date -u -d "$ed +$days days" +%F)"
		fi
		for k in "${!f[@]}"; do # the form takes a field's first value: the dates are replaced where they are
			case ${f[$k]} in start_date=*) f[$k]=start_date=$first ;; end_date=*) f[$k]=end_date=$end ;; esac
		done
		post "/memoranda/$M/series/new" "${f[@]}"
		id=$(header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
		if [ -z "$id" ] && [ "$STATUS" = 422 ] && grep -q 'id="rrule-error">The last date cannot come before the first meeting' "$OUT/body"; then
			# from the first day it gives, the rule's end has passed: nothing but that day would be left
			ended=$((ended + 1))
			echo "#   its end passed by the first day it gives, refused at the rule: $rule"
			continue
		fi
	fi
	if [ -n "$id" ]; then ids+=("$id"); else refused=$((refused + 1)); echo "#   refused through the form: $rule ($STATUS)"; fi
done 3<"$OUT/form.tsv"
check "rules: the form stores each of 100 accepted rules (${#ids[@]}; $moved of them from the first day the rule gives, the start sent first not being one; $ended refused there, their end before it)" \
	test "$((${#ids[@]} + ended))" = 100 -a "$refused" = 0 -a "$ended" -le 10
# in files of four events: the test stack takes bodies of 4 KB at most
split -l 4 -d "$OUT/import.tsv" "$OUT/import.part."
imported=0
for part in "$OUT"/import.part.*; do
	$PY "$CHECK" ics "$part" "$part.ics" "rules-$sfx"
	req POST "/memoranda/$M/import" -F "csrf=$(csrf)" -F "file=@$part.ics;type=text/calendar"
	n=$(sed -n 's/.*: \([0-9]*\) created,.*/\1/p' "$OUT/body" | head -1)
	[ "$STATUS" = 200 ] && imported=$((imported + ${n:-0})) || echo "#   $(basename "$part"): $STATUS $(grep -o 'Line [^<]*' "$OUT/body" | head -1)"
done
check "rules: 40 accepted rules import from .ics files (UNTIL of every kind, seconds, odd white space, attendees, RDATE, EXDATE, a cancelled occurrence) ($imported)" \
	test "$imported" = 40
while read -r id; do ids+=("$id"); done < <(sql "SELECT id FROM series WHERE memorandum_id = $M AND uid LIKE 'rules-$sfx-%' ORDER BY id")
check "rules: 140 meetings to send back, less those refused for their end ($((${#ids[@]} + ended)))" \
	test "$((${#ids[@]} + ended))" = 140

# the database as it is: every column of the series, their attendees and exceptions, the feeds' versions, the log
state() {
	sql "SELECT md5(string_agg(s::text, '|' ORDER BY s.id)) FROM series s WHERE memorandum_id = $M"
	sql "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM attendee t JOIN series s ON s.id = t.series_id WHERE s.memorandum_id = $M"
	sql "SELECT md5(coalesce(string_agg(o::text, '|' ORDER BY o.id), '')) FROM series_override o JOIN series s ON s.id = o.series_id WHERE s.memorandum_id = $M"
	sql "SELECT md5(coalesce(string_agg(v::text, '|' ORDER BY v.scope_kind, v.scope_id), '')) FROM feed_version v"
	sql "SELECT count(*) FROM audit_log"
}
state >"$OUT/state.before"
$PY "$CHECK" form-trip "$BASE" editor "$PASSWORD" "${ids[@]}" >"$OUT/trip.out" 2>&1
report "$OUT/trip.out"
state >"$OUT/state.after"
check "rules: the series (rule, RDATEs, EXDATEs, version), their attendees and exceptions, every feed's version and the audit log are as they were" \
	diff "$OUT/state.before" "$OUT/state.after"
# what was stored, expanded by memocal and by dateutil
sql "SELECT id || E'\t' || tzid || E'\t' || (CASE WHEN all_day THEN 1 ELSE 0 END) || E'\t' || start_local || E'\t' ||
	end_local || E'\t' || rrule FROM series WHERE memorandum_id = $M ORDER BY id" >"$OUT/stored.tsv"
"$PROBE" expand <"$OUT/stored.tsv" >"$OUT/stored.out"
$PY "$CHECK" compare "$OUT/stored.tsv" "$OUT/stored.out" | grep -v 'at least 2000\|candidate rules' |
	sed 's/^\(\(not \)\{0,1\}ok - \)/\1stored through the form and the import: /' >"$OUT/stored.compare"
report "$OUT/stored.compare"

# ---- sub-daily rules: windows starting at every minute of an hour ----
$PY "$CHECK" windows "$SEED" >"$OUT/windows.tsv"
"$PROBE" window <"$OUT/windows.tsv" >"$OUT/windows.out"
$PY "$CHECK" compare-windows "$OUT/windows.tsv" "$OUT/windows.out" >"$OUT/windows.compare" 2>&1
report "$OUT/windows.compare"

echo "# t76 took $(($(date +%s) - start)) s"
post "/memoranda/$M/delete" version="$(sql "SELECT version FROM memorandum WHERE id = $M")"
check "rules: the memorandum and its meetings are deleted again" test "$(sql "SELECT count(*) FROM series WHERE memorandum_id = $M")" = 0
