#!/usr/bin/env bash
# t86_scale.sh - pages whose cost does not grow with the history (migration 018): the agenda and the month grid
# expand only the series whose span meets their window, and show exactly what expanding every series shows;
# COUNT rules get their end from memocal (after a save, and from `memocal migrate` for rows stored otherwise);
# a change of rule forgets it; searches and the audit log's pages can be served by their indexes.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}

as editor
post /language lang=en back=/agenda
sfx=$(date +%s%N | tail -c 7)
post /memoranda/new title_en="Scale $sfx" title_az="Miqyas $sfx" signed_on=2020-01-01 status=active \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(header Location)
M=${M%%\?*}
M=${M##*/}
check "a memorandum for this test is created" test "$STATUS" = 303 -a -n "$M"

# every shape, five zones (two at the ends of the day: +14 and -11), stored directly as a COPY would
ins() { # ins TAG TZID ALL_DAY START END RRULE RDATES -> id
	sql "INSERT INTO series (memorandum_id, uid, title_en, title_az, tzid, all_day, start_local, end_local, rrule, rdates)
	     VALUES ($M, 'scale-$sfx-$1@test', 'Shape $1 $sfx', 'Forma $1 $sfx', '$2', $3, '$4', '$5', $6, '$7')
	     RETURNING id"
}
S1=$(ins single Asia/Baku false '2024-03-10 10:00' '2024-03-10 11:00' NULL '{}')
S2=$(ins allday Asia/Baku true '2025-04-15' '2025-04-18' NULL '{}')
S3=$(ins weekly10 Europe/London false '2023-01-02 10:00' '2023-01-02 11:00' "'FREQ=WEEKLY;COUNT=10'" '{}')
S4=$(ins until Pacific/Kiritimati false '2022-05-31 23:30' '2022-06-01 00:30' "'FREQ=MONTHLY;UNTIL=20270101T000000Z'" '{}')
S5=$(ins yearly America/New_York false '2010-02-28 18:00' '2010-02-28 19:00' "'FREQ=YEARLY'" '{}')
S6=$(ins rdate Pacific/Pago_Pago false '2021-06-01 09:00' '2021-06-01 10:00' "'FREQ=DAILY;COUNT=3'" '{"2029-06-01 09:00"}')
S7=$(ins moved Asia/Baku false '2020-01-06 15:00' '2020-01-06 16:00' "'FREQ=WEEKLY;COUNT=5'" '{}')
S8=$(ins day31 Pacific/Pago_Pago true '2024-01-31' '2024-02-01' "'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=6'" '{}')
S9=$(ins leap America/New_York false '2024-02-29 12:00' '2024-02-29 13:00' "'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3'" '{}')
sql "UPDATE series SET exdates = '{\"2023-01-16 10:00\"}' WHERE id = $S3" >/dev/null
# the second occurrence of S7 moved ten years on, far outside its series' span
sql "INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, title_en, title_az)
     VALUES ($S7, '2020-01-13 15:00', '2030-05-07 09:00', '2030-05-07 10:00', 'Moved far $sfx', 'Uzağa $sfx')" >/dev/null
check "nine series of every shape are stored" test -n "$S9"

same "a COUNT rule is unbounded until memocal knows its end" \
	"$(sql "SELECT count_end IS NULL AND upper_inf(span) FROM series_span WHERE series_id = $S3")" t
stack_memocal migrate >"$OUT/migrate.out" 2>&1
check "memocal migrate narrows the COUNT rules stored without it" grep -q 'series narrowed to the end of their COUNT' "$OUT/migrate.out"
span() { sql "SELECT span FROM series_span WHERE series_id = $1"; }
same "a single meeting spans its own times" "$(span "$S1")" '["2024-03-10 10:00:00","2024-03-10 11:00:00"]'
same "an all-day event spans its days, end exclusive" "$(span "$S2")" '["2025-04-15 00:00:00","2025-04-18 00:00:00"]'
same "ten weekly meetings end with the tenth (an EXDATE counts toward COUNT)" "$(span "$S3")" \
	'["2023-01-02 10:00:00","2023-03-06 11:00:00"]'
same "an UNTIL rule ends two days past its UNTIL, plus its length" "$(span "$S4")" \
	'["2022-05-31 23:30:00","2027-01-03 01:00:00"]'
same "a rule without an end is unbounded" "$(span "$S5")" '["2010-02-28 18:00:00",)'
same "an RDATE past the rule's end widens the span" "$(span "$S6")" '["2021-06-01 09:00:00","2029-06-01 10:00:00"]'
same "a 31st of each month skips the short months" "$(span "$S8")" '["2024-01-31 00:00:00","2024-11-01 00:00:00"]'
same "a 29 February rule ends in the third leap year" "$(span "$S9")" '["2024-02-29 12:00:00","2032-02-29 13:00:00"]'

# ---- the pages show what expanding every series shows ----
pages=()
for y in 2010 2019 2020 2021 2022 2023 2024 2025 2026 2027 2029 2030 2032; do
	for m in 01 02 03 05 06; do
		pages+=("/calendar?month=$y-$m&tz=UTC" "/calendar?month=$y-$m&tz=Pacific/Kiritimati&memorandum=$M")
	done
	pages+=("/agenda?from=$y-01-01&days=366&tz=UTC" "/agenda?from=$y-05-01&days=60&tz=Pacific/Pago_Pago"
		"/agenda?from=$y-02-20&days=20&tz=Asia/Baku&organisation=1")
done
pages+=(/agenda /calendar "/agenda?from=2030-05-06&days=2&tz=UTC" "/calendar?month=2028-02&tz=America/New_York")
fetch_all() { # fetch_all DIR
	mkdir -p "$1"
	local i=0 p
	for p in "${pages[@]}"; do
		req GET "$p"
		[ "$STATUS" = 200 ] || echo "$p: $STATUS" >>"$1/errors"
		cp "$OUT/body" "$1/$i"
		i=$((i + 1))
	done
}
fetch_all "$OUT/indexed"
check "every page answers 200" test ! -e "$OUT/indexed/errors"
req GET "/calendar?month=2030-05&tz=UTC"
expect "an occurrence moved outside its series' span is found through its override" 200 "Moved far $sfx"
req GET "/calendar?month=2032-02&tz=America/New_York"
expect "the third 29 February is shown" 200 "Shape leap $sfx"
req GET "/agenda?from=2029-06-01&days=1&tz=UTC"
expect "an RDATE years after the rule is shown" 200 "Shape rdate $sfx"
req GET "/calendar?month=2026-02&tz=UTC"
expect "an unbounded yearly rule is shown sixteen years on" 200 "Shape yearly $sfx"

# every span unbounded: what the pages did before migration 018 (every series expanded for every window)
sql "UPDATE series_span SET span = '(,)'" >/dev/null
fetch_all "$OUT/everything"
sql "UPDATE series_span sp SET span = memocal_series_span(s.rrule, s.start_local, s.end_local, s.rdates, sp.count_end)
     FROM series s WHERE s.id = sp.series_id" >/dev/null
differ=0
for i in $(seq 0 $((${#pages[@]} - 1))); do
	cmp -s "$OUT/indexed/$i" "$OUT/everything/$i" || { differ=$((differ + 1)); echo "differs: ${pages[$i]}" >>"$OUT/differs"; }
done
same "all ${#pages[@]} agenda and month pages are byte for byte what expanding every series gives" "$differ" 0

# ---- a change of rule forgets the end; a save through the form finds it again ----
sql "UPDATE series SET rrule = 'FREQ=WEEKLY;COUNT=20' WHERE id = $S3" >/dev/null
same "a new rule makes the COUNT's end unknown again" \
	"$(sql "SELECT count_end IS NULL AND upper_inf(span) FROM series_span WHERE series_id = $S3")" t
D=2027-03-01
post "/memoranda/$M/series/new" kind=meeting status=confirmed title_en="Form $sfx" title_az="Forma $sfx" \
	tzid=Asia/Baku start_date=$D start_time=15:00 end_time=16:00 repeat=weekly ends=count count=4 action=confirm
F=$(header Location | sed -n 's|^/series/\([0-9]*\)?.*|\1|p')
check "a weekly meeting with COUNT=4 is saved through the form" test "$STATUS" = 303 -a -n "$F"
same "the save records where its COUNT ends" "$(span "$F")" '["2027-03-01 15:00:00","2027-03-22 16:00:00"]'

# ---- the statements can be served by their indexes (the bench shows the plans on a large database) ----
plan() { # plan SQL: the plan with sequential scans priced out, as on a large table
	stack_psql -tA -c "SET enable_seqscan = off" -c "EXPLAIN $1"
}
uses() { # uses NAME INDEX SQL
	plan "$3" >"$OUT/plan"
	check "$1" grep -q "$2" "$OUT/plan"
}
W="tsrange('2026-01-01', '2026-02-01', '[]')"
uses "the window's series come from the span index" series_span_span_idx "SELECT series_id FROM series_span WHERE span && $W"
uses "and their moved occurrences from the override index" series_override_moved_idx \
	"SELECT series_id FROM series_override WHERE start_local IS NOT NULL AND tsrange(start_local, end_local, '[]') && $W"
uses "a search of people reads the trigram index" person_search_folded_idx \
	"SELECT person_id FROM person_search WHERE folded LIKE '%' || memocal_fold('Əhməd') || '%'"
uses "a search of memoranda reads the trigram index" memorandum_search_idx \
	"SELECT id FROM memorandum m WHERE m.search_folded LIKE '%xezer%'"
uses "a search of organisations reads the trigram index" organisation_search_idx \
	"SELECT id FROM organisation WHERE search_folded LIKE '%miras%'"
uses "a search of meeting records reads the trigram index" record_item_words_idx \
	"SELECT id FROM record_item i WHERE i.search_folded LIKE '%budget%'"
# the words kept folded (migration 041) are the fold of the words as they are now, after every change
sql "UPDATE memorandum SET title_az = 'Yenilənmiş Xəzər $sfx' WHERE id = $M" >/dev/null
same "a memorandum's and an organisation's folded words follow their text" "$(sql "SELECT
	(SELECT bool_and(search_folded = memocal_fold(title_en || ' ' || title_az)) FROM memorandum)
	AND (SELECT bool_and(search_folded = memocal_fold(name_en || ' ' || name_az || ' ' || coalesce(short_name_en, '')
	     || ' ' || coalesce(short_name_az, '') || ' ' || slug)) FROM organisation)
	AND (SELECT search_folded LIKE '%yenilenmis xezer%' FROM memorandum WHERE id = $M)")" t
uses "an older page of the audit log reads the log's index from its key" audit_log_at_idx \
	"SELECT id FROM audit_log WHERE (at, id) < (SELECT at, id FROM audit_log WHERE id = 5) ORDER BY at DESC, id DESC LIMIT 26"
uses "a record's history reads its own index" audit_log_entity_at_idx \
	"SELECT id FROM audit_log WHERE entity = 'series' AND entity_id = 7 ORDER BY at DESC, id DESC LIMIT 26"

# ---- search still folds case and Azerbaijani letters, and a % or _ typed is a letter, not a wildcard ----
sql "INSERT INTO person (full_name_en, full_name_az, email) VALUES ('Xəzər Scale$sfx', 'Xəzər Scale$sfx', 'x$sfx@example.org')" >/dev/null
req GET "/people?q=XEZER+scale$sfx"
expect "a folded search finds the person" 200 "Xəzər Scale$sfx"
req GET "/people?q=x%25zer+scale$sfx"
refute "a % searched is a percent sign, not any text" "Xəzər Scale$sfx"
req GET "/people?q=x_zer+scale$sfx"
refute "an _ searched is an underscore, not any letter" "Xəzər Scale$sfx"
sql "INSERT INTO position (person_id, organisation_id, title_en, title_az)
     SELECT id, 1, 'Keeper of scales $sfx', 'Tərəzi $sfx' FROM person WHERE email = 'x$sfx@example.org'" >/dev/null
req GET "/people?q=keeper+of+scales+$sfx"
expect "a new position is found at once (person_search is kept by a trigger on position)" 200 "Xəzər Scale$sfx"
