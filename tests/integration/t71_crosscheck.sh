#!/usr/bin/env bash
# t71_crosscheck.sh - memocal's occurrences against an independent implementation: each row of the table in
# recurrence_check.py is created through the form, read back from /agenda in UTC, and compared there with what
# Debian's python3-icalendar + python3-recurring-ical-events make of the same event. One line per rule.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
PY=/usr/bin/python3 # Debian's, where the python3-* packages are; not whichever python3 comes first in PATH
CHECK=$(cd "$(dirname "$0")" && pwd)/recurrence_check.py

if ! $PY -c 'import icalendar, recurring_ical_events' >"$OUT/import.err" 2>&1; then
	fail "crosscheck: python3-icalendar and python3-recurring-ical-events can be imported" "$(cat "$OUT/import.err")"
	exit 0
fi
if ! $PY "$CHECK" rows >"$OUT/rows" 2>"$OUT/rows.err" || [ ! -s "$OUT/rows" ]; then
	fail "crosscheck: recurrence_check.py lists its rows" "$(cat "$OUT/rows.err")"
	exit 0
fi

as editor
sfx=$(date +%s%N | tail -c 7)
post /memoranda/new title_en="Crosscheck $sfx" title_az="Yoxlama $sfx" signed_on=2025-01-01 status=active \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M##*/}
if [ "$STATUS" != 303 ] || [ -z "$M" ]; then
	fail "crosscheck: a memorandum for the rules is created" "status $STATUS"
	exit 0
fi

rows=0
while IFS=$'\t' read -r -u 3 i name tz start end rule exdates rdates windows; do
	rows=$((rows + 1))
	fields=(kind=meeting status=confirmed title_en="Rule $i" title_az="Qayda $i" tzid="$tz"
		start_date="${start% *}" start_time="${start#* }" end_date="${end% *}" end_time="${end#* }")
	if [ "$rule" = - ]; then fields+=(repeat=none); else fields+=(repeat=custom rrule="$rule"); fi
	[ "$exdates" = - ] || fields+=(exdates="${exdates//|/$'\n'}")
	[ "$rdates" = - ] || fields+=(rdates="${rdates//|/$'\n'}")
	post "/memoranda/$M/series/new" "${fields[@]}" action=save
	id=$(header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p')
	if [ "$STATUS" = 422 ] && grep -q 'id="start-first"' "$OUT/body"; then
		# a start the rule does not give: the form refuses it, naming the first day the rule gives; a file from
		# another calendar may still bring one, and its series is compared all the same
		pass "crosscheck: $name: the form refuses the start, naming the first day the rule gives"
		{
			printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crosscheck//EN\r\nBEGIN:VEVENT\r\n'
			printf 'UID:crosscheck-%s-%s@example.test\r\nSUMMARY:Rule %s\r\n' "$sfx" "$i" "$i"
			printf 'DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\nRRULE:%s\r\n' "$tz" "$(date -d "$start" +%Y%m%dT%H%M%S)" \
				"$tz" "$(date -d "$end" +%Y%m%dT%H%M%S)" "$rule"
			printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
		} >"$OUT/row.$i.ics"
		req GET "/memoranda/$M/import"
		once=$(sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1)
		req POST "/memoranda/$M/import" -F "csrf=$(csrf)" -F "once=$once" -F "file=@$OUT/row.$i.ics;type=text/calendar"
		id=$(sql "SELECT id FROM series WHERE uid = 'crosscheck-$sfx-$i@example.test'")
		[ -n "$id" ] && STATUS=303
	fi
	if [ "$STATUS" != 303 ] || [ -z "$id" ]; then
		fail "crosscheck: $name: memocal stores it" "status $STATUS: $(grep -o 'class="error"[^<]*\|libical: [^<]*' "$OUT/body" | head -3)"
		continue
	fi
	# memocal's starts: every window, in UTC, this series only
	: >"$OUT/memocal.$i"
	cut=""
	for w in ${windows//,/ }; do
		agenda_pages "/agenda?memorandum=$M&from=${w%%:*}&days=${w##*:}&tz=UTC"
		[ "$STATUS" = 200 ] || cut="/agenda answered $STATUS for ${w%%:*}"
		grep -q 'Only the first occurrences are shown' "$OUT/body" && cut="/agenda was truncated for ${w%%:*}"
		grep -o "data-series=\"$id\" data-start-utc=\"[0-9]*\"" "$OUT/body" | sed 's/.*data-start-utc="\([0-9]*\)"/\1/' \
			>>"$OUT/memocal.$i"
	done
	if [ -n "$cut" ]; then
		fail "crosscheck: $name: memocal's agenda is complete" "$cut"
		continue
	fi
	$PY "$CHECK" check "$i" "$OUT/memocal.$i" >"$OUT/check.$i" 2>&1
	rc=$?
	line=$(grep -E '^(not )?ok - ' "$OUT/check.$i" | tail -1)
	if [ $rc = 0 ] && [[ $line == "ok - "* ]]; then
		grep '^#' "$OUT/check.$i" # a known fault of the independent side is named here, not skipped
		pass "crosscheck: ${line#ok - }"
	elif [[ $line == "not ok - "* ]]; then
		fail "crosscheck: ${line#not ok - }" "$(grep '^#' "$OUT/check.$i")"
	else
		fail "crosscheck: $name: recurrence_check.py gives a verdict" "$(tail -5 "$OUT/check.$i")"
	fi
done 3<"$OUT/rows"
check "crosscheck: every row of the table was compared ($rows)" test "$rows" -ge 30
post "/memoranda/$M/delete" version="$(stack_psql -tAc "SELECT version FROM memorandum WHERE id = $M")"
check "crosscheck: the rules' memorandum and its meetings are deleted again" test \
	"$(stack_psql -tAc "SELECT count(*) FROM series WHERE memorandum_id = $M")" = 0
