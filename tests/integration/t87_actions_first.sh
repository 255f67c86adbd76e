#!/usr/bin/env bash
# t87_actions_first.sh - the Actions page and the home page's overdue list unfiltered (issue 18): they read the
# earliest due dates by an index and join only those, instead of every action ever left open. The rows and their
# order must be what the page's rule says: open (or open and overdue), by due date (undated last), then the
# meeting's date, then the item's place in its record. The Actions page shows 50 at a time, each next page keyed
# by the last action shown (?after=ID): walking every page by its next links must give the whole list, nothing
# skipped or repeated. The oracle is that rule written here in SQL, over more open actions than the old cap of
# 500, with many sharing a due date (so pages end inside ties), some undated, some done or dropped.
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
same "the fixture holds more open dated actions, and more overdue, than ten pages of the Actions page (500)" \
	"$(sql "SELECT count(*) FILTER (WHERE due_on IS NOT NULL) > 500, count(*) FILTER (WHERE due_on < (now() AT TIME ZONE 'Asia/Baku')::date) > 500
	        FROM record_action WHERE status = 'open'")" "t|t"

# rows PATH: the what of each row of the Actions page, in order
rows() {
	req GET "$1"
	tr -d '\n' <"$OUT/body" | sed 's|<tbody>|\n|; s|</tbody>.*||' | tail -1 | sed 's|<tr |\n<tr |g' |
		sed -n 's|^<tr [^>]*>    <td>\([^<]*\).*|\1|p' | sed 's/ *$//' | awk 1
}
# ORDER: the list's order (src/store/stmt.c, actions_list), written again here
ORDER="a.status <> 'open', a.due_on NULLS LAST, r.recurrence_id, a.sort, a.id"
# oracle WHERE LIMIT: the rule in SQL
oracle() {
	sql "SELECT a.what_en FROM record_action a JOIN meeting_record r ON r.id = a.record_id
	     WHERE $1 ORDER BY $ORDER LIMIT $2"
}
# oracle_ids WHERE: the ids of every row of the list, every test's, in the list's order
oracle_ids() {
	sql "SELECT a.id FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id
	     WHERE $1 ORDER BY $ORDER"
}
# walk PATH: follows the next links from PATH to the end. $OUT/walk: the action ids of every page in turn;
# $OUT/sizes: each page's number of rows; $OUT/links: each page's next link (the last one empty); WALK_STATUS:
# the first status that was not 200 (empty when none). At most 200 pages (10,000 rows: more than stored here).
walk() {
	local path=$1 k=0
	: >"$OUT/walk"
	: >"$OUT/sizes"
	: >"$OUT/links"
	WALK_STATUS=
	while [ -n "$path" ] && [ $k -lt 200 ]; do
		req GET "$path"
		if [ "$STATUS" != 200 ]; then
			WALK_STATUS="$STATUS at $path"
			return
		fi
		tr -d '\n' <"$OUT/body" | grep -o '<tr id="action-[0-9]*"' | sed 's/[^0-9]//g' >"$OUT/page" || true
		cat "$OUT/page" >>"$OUT/walk"
		wc -l <"$OUT/page" >>"$OUT/sizes"
		path=$(grep -o '<a rel="next" href="[^"]*"' "$OUT/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
		echo "$path" >>"$OUT/links"
		k=$((k + 1))
	done
}
# walked NAME QUERY WHERE: walks /actions?QUERY and checks it against the oracle's rows WHERE
walked() {
	local name=$1 query=$2 where=$3 want
	walk "/actions?$query"
	want=$(oracle_ids "$where")
	check "$name: every page answers 200" test -z "$WALK_STATUS"
	same "$name: the pages, one after the other, are the list's rows exactly (none skipped or repeated)" \
		"$(md5sum <"$OUT/walk") $(wc -l <"$OUT/walk") rows" "$(echo "$want" | md5sum) $(echo "$want" | wc -l) rows"
	same "… no action on two pages" "$(sort "$OUT/walk" | uniq -d | head -3)" ""
	same "… every page but the last holds 50, the last 1 to 50" \
		"$(head -n -1 "$OUT/sizes" | sort -u | paste -sd' ') $(tail -1 "$OUT/sizes" | awk '{print ($1 >= 1 && $1 <= 50)}')" \
		"$( [ "$(wc -l <"$OUT/sizes")" -gt 1 ] && echo 50) 1"
	check "… it takes several pages, and the last has no next link" \
		test "$(wc -l <"$OUT/sizes")" -ge 2 -a -z "$(tail -1 "$OUT/links")"
	# the query sorted as the page writes it: memorandum, organisation, person, show; then the key
	local keep
	keep=$(echo "$query" | sed 's/&after=.*//')
	check "… each next link keeps the filter and names the page's last action" \
		awk -v keep="$keep" -v walk="$OUT/walk" -v sizes="$OUT/sizes" '
			BEGIN { while ((getline id < walk) > 0) ids[++n] = id; while ((getline s < sizes) > 0) size[++p] = s }
			{ at += size[NR]; if ($0 == "") next
			  if ($0 != "/actions?" keep "&after=" ids[at]) { print "link " NR ": " $0 " (wanted after=" ids[at] ")"; bad = 1 } }
			END { exit bad }' "$OUT/links"
}
same "a page boundary of the open list falls among actions due on the same date, and one among the undated" \
	"$(sql "WITH o AS (SELECT a.due_on, row_number() OVER (ORDER BY $ORDER) AS n
	                   FROM record_action a JOIN meeting_record r ON r.id = a.record_id WHERE a.status = 'open')
	        SELECT bool_or(x.due_on = y.due_on), bool_or(x.due_on IS NULL AND y.due_on IS NULL)
	          FROM o x JOIN o y ON y.n = x.n + 1 WHERE x.n % 50 = 0")" "t|t"

# Other tests' actions share the database (their texts may hold characters the page escapes): the texts are
# compared for this test's rows only; the ids, every row's.
mine() { grep "^Act $sfx " || true; }
same "the Actions page (open): the 50 earliest due, ties and undated in the rule's order" \
	"$(rows /actions | mine | md5sum)" "$(oracle "a.status = 'open'" 50 | mine | md5sum)"
same "… and it lists exactly 50" "$(rows /actions | wc -l)" 50
same "the Actions page (overdue): only those due before today, in the same order" \
	"$(rows '/actions?show=overdue' | mine | md5sum)" \
	"$(oracle "a.status = 'open' AND a.due_on < (now() AT TIME ZONE 'Asia/Baku')::date" 50 | mine | md5sum)"
same "a filter still reads the filtered rows, by its own statement (owner 1)" \
	"$(rows '/actions?show=overdue&person=1' | mine | md5sum)" \
	"$(oracle "a.status = 'open' AND a.due_on < (now() AT TIME ZONE 'Asia/Baku')::date AND a.owner_id = 1" 50 | mine | md5sum)"

# ---- every page, by the next links: unfiltered (the index-bounded statements) and filtered ----
walked "open" "show=open" "a.status = 'open'"
walked "overdue" "show=overdue" "a.status = 'open' AND a.due_on < (now() AT TIME ZONE 'Asia/Baku')::date"
walked "all" "show=all" "true"
walked "open of owner 1" "person=1&show=open" "a.status = 'open' AND a.owner_id = 1"
walked "overdue of owner 1" "person=1&show=overdue" "a.status = 'open' AND a.due_on < (now() AT TIME ZONE 'Asia/Baku')::date AND a.owner_id = 1"
walked "all of memorandum 1 and owner 1" "memorandum=1&person=1&show=all" "s.memorandum_id = 1 AND a.owner_id = 1"
O=$(sql "SELECT organisation_id FROM memorandum_party WHERE memorandum_id = 1 ORDER BY organisation_id LIMIT 1")
walked "all of a party of memorandum 1" "organisation=$O&show=all" \
	"EXISTS (SELECT 1 FROM memorandum_party mp WHERE mp.memorandum_id = s.memorandum_id AND mp.organisation_id = $O)"

# ---- the links back, a key past the end, bad keys ----
walk /actions?show=open
second=$(head -1 "$OUT/links")
req GET "$second"
expect "a page after the first links back to the first, keeping the filter" 200 \
	'<a href="/actions?show=open">First page</a>' 'rel="next"'
req GET "/actions?person=1&show=all&after=$(sed -n 50p "$OUT/walk")"
expect "… a filtered one too" 200 '<a href="/actions?person=1&amp;show=all">First page</a>'
req GET /actions
refute "the first page has no link to itself" 'First page'
last=$(tail -1 "$OUT/walk")
req GET "/actions?after=$last"
expect "a key that is the list's last action: an empty page, not an error, that leads to the first" 200 \
	'Nothing more here: the list may have changed since this link was made.' '<a href="/actions?show=open">First page</a>'
refute "… and no next link" 'rel="next"'
req GET "/actions?show=overdue&after=$(sql "SELECT coalesce(max(id), 0) + 1000 FROM record_action")"
expect "a key no action has (deleted since): the same" 200 'Nothing more here' \
	'<a href="/actions?show=overdue">First page</a>'
req GET "/actions?after=$(sql "SELECT id FROM record_action WHERE status = 'done' LIMIT 1")"
expect "a key no longer open, on the open list (it sorts after every open one): the same" 200 'Nothing more here' \
	'First page'
for bad in after=abc after=0 after=-3 after=1.5 after=99999999999999999999; do
	req GET "/actions?show=open&$bad"
	expect "a bad key ($bad) is a 400 naming the field" 400 '<code>after</code>' \
		'This link to a page of the list is not valid.'
done
post /language lang=az back=/actions
req GET "/actions?after=x"
expect "… in Azerbaijani too" 400 '<code>after</code>' 'Siyahının səhifəsinə bu keçid düzgün deyil.'
req GET "/actions?after=$last"
expect "… and a page past the end" 200 'Burada başqa heç nə yoxdur' 'Birinci səhifə'
req GET /actions
expect "… and the next link" 200 'rel="next"' 'Növbəti →'
post /language lang=en back=/actions

# ---- what a page costs: the rows its statement reads, not the rows it shows ----
# stmt NAME: a statement's SQL as src/store/stmt.c holds it (its literals joined, its comments left out)
stmt() { # the string literals of the statement, with the macros of stmt.c and util/date.h (LIFE_TODAY) expanded
	python3 - "$SRC/src/store/stmt.c" "$1" "$SRC/src/util/date.h" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
defs = {}
for text in (open(sys.argv[3]).read(), src):
    for d in re.finditer(r'^#define (\w+) ((?:[^\n]*\\\n)*[^\n]*)', text, re.M):
        defs[d.group(1)] = d.group(2).replace('\\\n', ' ')
token = re.compile(r'"((?:[^"\\]|\\.)*)"|\b([A-Z_][A-Z0-9_]*)\b')
def expand(body, depth=0):
    out = []
    for lit, name in token.findall(re.sub(r'/\*.*?\*/', '', body, flags=re.S)):
        if name:
            if name in defs and depth < 10:
                out.append(expand(defs[name], depth + 1))
        else:
            out.append(lit)
    return ''.join(out)
m = re.search(r'\[' + sys.argv[2] + r'\] = \{"[a-z_]+", (?:true|false),(.*?)\},\n', src, re.S)
print(expand(m.group(1)))
PY
}
# scanned NAME TYPES ARGS: how many rows of record_action the statement NAME reads (every scan of it, each row
# it returns or filters out, every loop), prepared with TYPES and its generic plan (as the server may run it).
# Sequential scans are off: on this test's thousand rows one costs nothing, on a large database it would.
scanned() {
	stack_psql -qtA -c "SET enable_seqscan = off" -c "SET plan_cache_mode = force_generic_plan" \
		-c "PREPARE q($2) AS $(stmt "$1")" \
		-c "EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE q($3)" | python3 -c '
import json, sys
text = sys.stdin.read()
def rows(n):
    own = 0
    if n.get("Relation Name") == "record_action":
        own = (n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0)
               + n.get("Rows Removed by Index Recheck", 0)) * n.get("Actual Loops", 1)
    return own + sum(rows(c) for c in n.get("Plans", []))
print(int(rows(json.loads(text[text.index("["):])[0]["Plan"])))'
}
walk /actions?show=open
key=$(sed -n 500p "$OUT/walk")
# the plans are the planner's over what it knows of the tables: fresh statistics of this test's thousand actions,
# as a database in use has, rather than whatever autovacuum got to by now (busy after another test's bulk rows,
# it had not analysed them yet, and the bound below was read by a bitmap scan of every later due date and sorted)
stack_psql -qtA -c "ANALYZE record_action" -c "ANALYZE meeting_record" >/dev/null
open=$(sql "SELECT count(*) FROM record_action WHERE status = 'open'")
first=$(scanned STMT_ACTIONS_FIRST "text, bigint" "'open', 51")
after=$(scanned STMT_ACTIONS_FIRST_AFTER "text, bigint, bigint" "'open', 51, $key")
overdue=$(scanned STMT_ACTIONS_FIRST_AFTER "text, bigint, bigint" "'overdue', 51, $key")
general=$(scanned STMT_ACTIONS_LIST "bigint, bigint, bigint, text, bigint, bigint" "NULL, NULL, NULL, 'open', 51, $key")
echo "    rows of record_action read: first page $first, page after the 500th $after (overdue $overdue), by the filtered statement $general; open: $open"
check "an unfiltered page after a key reads a bounded number of rows (< 400 of the $open open; the first page: $first)" \
	test "$after" -gt 0 -a "$after" -lt 400 -a "$overdue" -lt 400 -a "$first" -lt 400
check "… where the statement for filters reads every open one (the check above can fail)" test "$general" -ge "$open"

req GET /
tr -d '\n' <"$OUT/body" | grep -o '<section class="home-overdue" id="overdue">.*' | sed 's|</section>.*||' >"$OUT/home"
got=$(grep -o "Act $sfx [0-9]*-[0-9]*" "$OUT/home" | head -20 | paste -sd' ')
want=$(oracle "a.status = 'open' AND a.due_on < (now() AT TIME ZONE 'Asia/Baku')::date" 20 | grep -o "Act $sfx [0-9]*-[0-9]*" | paste -sd' ')
same "the home page's overdue list: the first 20 of the same rule" "$got" "$want"
check "… and holds some of this test's (so the comparison above is not of two empty lists)" test -n "$want"

# with fewer open actions than the cap: all of them, undated last
sql "UPDATE record_action SET status = 'done' WHERE what_en LIKE 'Act $sfx %' AND due_on IS NOT NULL
     AND record_id IN (SELECT id FROM meeting_record WHERE series_id = $S AND recurrence_id > '2020-03-01')" >/dev/null
same "with fewer dated ones open: the first page, undated last" \
	"$(rows /actions | mine | md5sum)" "$(oracle "a.status = 'open'" 50 | mine | md5sum)"
walked "open, most of them closed since" "show=open" "a.status = 'open'"

# the day an action falls overdue is the memorandum's (Asia/Baku, as its life counts it), not the database
# session's UTC: from 20:00 to 24:00 UTC it is already the next day in Baku, and the two differ
P=$(sql "INSERT INTO person (full_name_en, full_name_az) VALUES ('Edge $sfx', 'Kənar $sfx') RETURNING id" | head -1)
sql "INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status)
     SELECT id, 200 + d, 'Edge $sfx due ' || d, 'Kənar $sfx ' || d, $P,
            (now() AT TIME ZONE 'Asia/Baku')::date + d, 'open'
       FROM meeting_record, generate_series(-1, 0) d WHERE series_id = $S ORDER BY recurrence_id LIMIT 2" >/dev/null
req GET "/actions?show=overdue&person=$P"
same "overdue by Baku's day: what fell due yesterday there, not what falls due today" \
	"$(tr -d '\n' <"$OUT/body" | grep -o "Edge $sfx due -*[0-9]" | paste -sd' ')" "Edge $sfx due -1"
sql "DELETE FROM record_action WHERE owner_id = $P; DELETE FROM person WHERE id = $P" >/dev/null

sql "DELETE FROM meeting_record WHERE series_id = $S" >/dev/null
post "/series/$S/delete" version="$(sql "SELECT version FROM series WHERE id = $S")"
same "the fixtures are removed" "$(sql "SELECT count(*) FROM record_action WHERE what_en LIKE 'Act $sfx %'")" 0
