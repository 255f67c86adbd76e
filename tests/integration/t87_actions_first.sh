#!/usr/bin/env bash
# t87_actions_first.sh - the Actions page and the home page's overdue list unfiltered (issue 18): they read the
# earliest due dates by an index and join only those, instead of every action ever left open. The rows and their
# order must be what the page's rule says: open (or open and overdue), by due date (undated last), then the
# meeting's date, then the item's place in its record; at most the page's cap. The oracle is that rule written
# here in SQL, over more open actions than the Actions page shows (500), with many sharing a due date, some
# undated, some done or dropped.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
sfx=$(date +%s%N | tail -c 7)

# 80 records of a series of its own, 15 actions each: due dates from 300 days ago to 60 days ahead in steps
# that repeat (ties), every seventh undated, every eleventh done and every thirteenth dropped
as editor
post /language lang=en back=/
post /memoranda/1/series/new kind=meeting status=confirmed title_en="Actions $sfx" title_az="Tapşırıqlar $sfx" \
	tzid=Asia/Baku start_date=2020-01-06 start_time=10:00 end_time=11:00 repeat=weekly ends=count count=80 \
	attendee_rows=0 action=confirm
S=$(location)
S=${S##*/}
sql "INSERT INTO meeting_record (series_id, recurrence_id, state)
     SELECT $S, timestamp '2020-01-06 10:00' + (k * interval '7 days'), 'draft' FROM generate_series(0, 79) k;
     INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
     SELECT r.id, i, 'Act $sfx ' || r.id || '-' || i, 'İş $sfx ' || r.id || '-' || i, 1,
            CASE WHEN (r.id + i) % 7 = 0 THEN NULL ELSE current_date - 300 + ((r.id * 7 + i * 13) % 36)::int * 10 END,
            CASE WHEN (r.id + i) % 11 = 0 THEN 'done' WHEN (r.id + i) % 13 = 0 THEN 'dropped' ELSE 'open' END
       FROM meeting_record r, generate_series(0, 14) i WHERE r.series_id = $S" >/dev/null
# someone else's, with characters the page escapes, due before all of this test's
sql "INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
     SELECT id, 99, 'Other <b> & \"x\" $sfx', 'Digər $sfx', 2, current_date - 400, 'open'
       FROM meeting_record WHERE series_id = $S ORDER BY recurrence_id LIMIT 1" >/dev/null
same "the fixture holds more open dated actions, and more overdue, than the Actions page shows (500)" \
	"$(sql "SELECT count(*) FILTER (WHERE due_on IS NOT NULL) > 500, count(*) FILTER (WHERE due_on < current_date) > 500
	        FROM record_action WHERE status = 'open'")" "t|t"

# rows PATH: the what of each row of the Actions page, in order
rows() {
	req GET "$1"
	tr -d '\n' <"$OUT/body" | sed 's|<tbody>|\n|; s|</tbody>.*||' | tail -1 | sed 's|<tr class="action-|\n|g' |
		sed -n 's|^[a-z ]*">    <td>\([^<]*\).*|\1|p' | sed 's/ *$//' | awk 1
}
# oracle WHERE LIMIT: the rule in SQL
oracle() {
	sql "SELECT a.what_en FROM record_action a JOIN meeting_record r ON r.id = a.record_id
	     WHERE $1 ORDER BY a.due_on NULLS LAST, r.recurrence_id, a.sort, a.id LIMIT $2"
}
# Other tests' actions share the database (their texts may hold characters the page escapes): each side is
# narrowed to this test's rows, which keeps their order and which of them made the first 500.
mine() { grep "^Act $sfx " || true; }
same "the Actions page (open): the 500 earliest due, ties and undated in the rule's order" \
	"$(rows /actions | mine | md5sum)" "$(oracle "a.status = 'open'" 500 | mine | md5sum)"
same "… and it lists exactly 500" "$(rows /actions | wc -l)" 500
same "the Actions page (overdue): only those due before today, in the same order" \
	"$(rows '/actions?show=overdue' | mine | md5sum)" \
	"$(oracle "a.status = 'open' AND a.due_on < current_date" 500 | mine | md5sum)"
same "a filter still reads the filtered rows, by its own statement (owner 1)" \
	"$(rows '/actions?show=overdue&person=1' | mine | md5sum)" \
	"$(oracle "a.status = 'open' AND a.due_on < current_date AND a.owner_id = 1" 500 | mine | md5sum)"
req GET /
tr -d '\n' <"$OUT/body" | grep -o '<section class="home-overdue" id="overdue">.*' | sed 's|</section>.*||' >"$OUT/home"
got=$(grep -o "Act $sfx [0-9]*-[0-9]*" "$OUT/home" | head -20 | paste -sd' ')
want=$(oracle "a.status = 'open' AND a.due_on < current_date" 20 | grep -o "Act $sfx [0-9]*-[0-9]*" | paste -sd' ')
same "the home page's overdue list: the first 20 of the same rule" "$got" "$want"
check "… and holds some of this test's (so the comparison above is not of two empty lists)" test -n "$want"

# with fewer open actions than the cap: all of them, undated last
sql "UPDATE record_action SET status = 'done' WHERE what_en LIKE 'Act $sfx %' AND due_on IS NOT NULL
     AND record_id IN (SELECT id FROM meeting_record WHERE series_id = $S AND recurrence_id > '2020-03-01')" >/dev/null
same "with fewer than the cap open: every open one, undated last" \
	"$(rows /actions | mine | md5sum)" "$(oracle "a.status = 'open'" 500 | mine | md5sum)"

sql "DELETE FROM meeting_record WHERE series_id = $S" >/dev/null
post "/series/$S/delete" version="$(sql "SELECT version FROM series WHERE id = $S")"
same "the fixtures are removed" "$(sql "SELECT count(*) FROM record_action WHERE what_en LIKE 'Act $sfx %'")" 0
