#!/usr/bin/env bash
# t51_people_paging.sh - the people list pages by keyset: every person once and in order forwards and back, with a
# search, across a deleted key, old ?page= links, bad keys, both languages, and the statements' plans.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }

# 60 people under the prefix Pgx (so a search finds exactly them): the number after it fixes their order; some
# share it and differ in Azerbaijani letters only (their order is the database's), three share a whole name
# (their order is their ids'); names and positions hold letters a URL must encode (ə, İ, &, ', spaces)
sql "DELETE FROM person WHERE full_name_en LIKE 'Pgx %'" >/dev/null
sql "INSERT INTO person (full_name_en, full_name_az, preferred_lang)
     SELECT 'Pgx ' || lpad(n::text, 2, '0') || ' ' || (ARRAY['Əliyev', 'Çələbi', 'İsmayılova', 'Şükürov', 'Ömərli', 'Ağayev & Oğlu', 'O''Neil'])[1 + n % 7],
            'Pgx ' || lpad(n::text, 2, '0') || ' az', 'az'
       FROM generate_series(1, 51) n" >/dev/null
sql "INSERT INTO person (full_name_en, full_name_az) VALUES
     ('Pgx 20 Eli', 'Pgx 20 Eli'), ('Pgx 20 Əli', 'Pgx 20 Əli'), ('Pgx 20 Ali', 'Pgx 20 Ali'),
     ('Pgx 25 Same Name', 'Pgx eyni 1'), ('Pgx 25 Same Name', 'Pgx eyni 2'), ('Pgx 25 Same Name', 'Pgx eyni 3'),
     ('Pgx 40 İlham', 'Pgx 40 İlham'), ('Pgx 40 Ilham', 'Pgx 40 Ilham'), ('Pgx 40 ılham', 'Pgx 40 ılham')" >/dev/null
check "the test's 60 people are there" test "$(sql "SELECT count(*) FROM person WHERE full_name_en LIKE 'Pgx %'")" = 60

ids_on_page() { grep -o 'href="/people/[0-9]*"' "$OUT/body" | sed 's/[^0-9]//g'; }
link() { # link rel: the page's next or prev link, as a path with its &amp; undone
	grep -o "rel=\"$1\" href=\"[^\"]*\"" "$OUT/body" | head -1 | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'
}
# walk START REL FILE: from START follows REL links to the end; FILE gets one line per page (its ids), in walk order
walk() {
	local path=$1 rel=$2 file=$3 pages=0 bad=0
	: >"$file"
	while [ -n "$path" ] && [ $pages -lt 40 ]; do
		req GET "$path"
		[ "$STATUS" = 200 ] || bad=1
		ids_on_page | tr '\n' ' ' >>"$file"
		echo >>"$file"
		path=$(link "$rel")
		pages=$((pages + 1))
		[ "$rel" = next ] && [ -n "$path" ] && echo "$path" >>"$OUT/links"
	done
	return $bad
}

as viewer
post /language lang=en back=/people
: >"$OUT/links"

# ---- the whole list, forwards: every person once, in the order of (full_name_en, id) ----
check "walking the next links from /people answers 200 on every page" walk /people next "$OUT/forward"
tr ' ' '\n' <"$OUT/forward" | grep . >"$OUT/walked"
sql "SELECT id FROM person ORDER BY full_name_en, id" >"$OUT/ordered"
check "… visits every person exactly once, in the list's order" diff "$OUT/ordered" "$OUT/walked"
check "… 25 to a page, the last page holding the rest" \
	awk -v total="$(wc -l <"$OUT/ordered")" '{ n++; c[n] = NF } END { for (i = 1; i < n; i++) if (c[i] != 25) exit 1; exit !(c[n] == total - 25 * (n - 1) && c[n] > 0) }' "$OUT/forward"
check "the test's people come by their number, equal names by id" test "$(sql "SELECT string_agg(id::text, ' ' ORDER BY substr(full_name_en, 5, 2), full_name_en COLLATE \"C\", id) FROM person WHERE full_name_en LIKE 'Pgx %'")" \
	= "$(grep -xF -f <(sql "SELECT id FROM person WHERE full_name_en LIKE 'Pgx %'") "$OUT/walked" | tr '\n' ' ' | sed 's/ $//')"
check "a next link names the page's last person by id and name, and carries no offset" \
	grep -qE '^/people\?after=[0-9]+&name=[^&]+$' <(head -1 "$OUT/links")
first_next=$(head -1 "$OUT/links")
last25=$(sed -n 25p "$OUT/ordered")
check "… the first page's link is the 25th person's" \
	test "$(echo "$first_next" | sed -n 's/^\/people?after=\([0-9]*\)&.*/\1/p')" = "$last25"

# ---- and back: the previous links give the same pages in reverse, the first one without a previous link ----
req GET /people
refute "the first page has no previous link" 'rel="prev"'
refute "a list of more than one page shows no total (nothing is counted)" '<p class="count">'
last=$(tail -1 "$OUT/links")
req GET "$last"
refute "the last page has no next link" 'rel="next"'
check "walking the previous links from the last page answers 200 on every page" walk "$last" prev "$OUT/backward"
check "… gives the same pages as forwards, in reverse" diff "$OUT/forward" <(tac "$OUT/backward")

# ---- a search pages the same way, and every link keeps it ----
: >"$OUT/links"
check "a search walks by next links too" walk "/people?q=pgx" next "$OUT/found"
check "… which find the 60 people once each, in order" diff \
	<(sql "SELECT id FROM person WHERE full_name_en LIKE 'Pgx %' ORDER BY full_name_en, id") \
	<(tr ' ' '\n' <"$OUT/found" | grep .)
check "… on three pages (25, 25, 10)" test "$(awk '{ printf "%s ", NF }' "$OUT/found")" = "25 25 10 "
check "… and each next link keeps the search" test "$(grep -c '^/people?q=pgx&after=[0-9]*&name=' "$OUT/links")" = 2
req GET "$(sed -n 2p "$OUT/links")"
expect "the search's last page links back with the search kept" 200 'rel="prev" href="/people?q=pgx&amp;before='
req GET "$(link prev)"
check "… to the second page of the search" test "$(ids_on_page | tr '\n' ' ')" = "$(sed -n 2p "$OUT/found")"
req GET "/people?q=PGX+20"
expect "a search that fits on one page says how many it found, and has no page links" 200 '4 people'
refute "… no page links" 'rel="next"' 'rel="prev"'
req GET "/people?q=PGX+20&before=$(sql "SELECT id FROM person WHERE full_name_en LIKE 'Pgx 20 %' ORDER BY full_name_en DESC, id DESC LIMIT 1")"
expect "a previous page that reaches the start is the first page, whole" 200 '4 people'
refute "… with no page links either" 'rel="next"' 'rel="prev"'

# ---- a key deleted since the link was made still places the page ----
req GET "/people?q=pgx"
next=$(link next)
key=$(echo "$next" | sed 's/.*after=\([0-9]*\).*/\1/')
sql "DELETE FROM person WHERE id = $key" >/dev/null
req GET "$next"
expect "a next link whose person was deleted meanwhile still answers 200" 200
check "… with the page that follows where that person stood" test "$(ids_on_page | tr '\n' ' ')" = "$(sed -n 2p "$OUT/found")"
req GET "/people?after=$key"
expect "a hand-made link naming a deleted person by id alone is 200, says the list changed, leads to the first page" 200 \
	'Nothing more here: the list may have changed since this link was made.' '<a href="/people">First page</a>'
req GET "/people?before=$key"
check "… and a previous page from it is the first page" test "$(ids_on_page | head -3 | tr '\n' ' ')" = "$(head -3 "$OUT/ordered" | tr '\n' ' ')"
req GET "/people?after=$(sql "SELECT id FROM person ORDER BY full_name_en DESC, id DESC LIMIT 1")"
expect "a page past the last person is 200 and leads back" 200 'Nothing more here' 'rel="prev"' 'First page'

# ---- a person renamed moves in the search's order at once (migration 037: the search sorts by the name it holds) ----
first=$(sql "SELECT id FROM person WHERE full_name_en LIKE 'Pgx %' ORDER BY full_name_en, id LIMIT 1")
name_was=$(sql "SELECT quote_literal(full_name_en) FROM person WHERE id = $first")
sql "UPDATE person SET full_name_en = 'Pgx 99 Renamed' WHERE id = $first" >/dev/null
req GET "/people?q=PGX+99"
check "a renamed person is found by the new name" test "$(ids_on_page | tr '\n' ' ')" = "$first "
req GET "/people?q=pgx"
check "… and is no longer first in the search's order" test "$(ids_on_page | head -1)" != "$first"
walk "/people?q=pgx" next "$OUT/renamed"
check "… but last, as the whole list orders it" test "$(tr ' ' '\n' <"$OUT/renamed" | grep . | tail -1)" = "$first"
sql "UPDATE person SET full_name_en = $name_was WHERE id = $first" >/dev/null # back, for the pages compared below

# ---- old links and bad keys ----
req GET "/people?page=2"
expect "an old ?page=2 link is 200: the first page" 200
check "… the same people as /people" test "$(ids_on_page | tr '\n' ' ')" = "$(head -1 "$OUT/forward")"
for bad in after=abc after=0 before=-3 'before=1.5' after=99999999999999999999; do
	req GET "/people?$bad"
	expect "a bad key ($bad) is a 400 naming the field" 400 "<code>${bad%%=*}</code>" \
		'This link to a page of the list is not valid.'
done
req GET "/people?after=1&name=$(printf 'x%.0s' $(seq 301))"
expect "a key's name longer than any person's is a 400 naming the field" 400 '<code>name</code>'
req GET "/people?q=pgx&after=1&name=%01"
expect "a key's name with a control character is a 400 naming the field" 400 '<code>name</code>'

# ---- Azerbaijani ----
post /language lang=az back=/people
req GET "/people?q=pgx"
expect "in Azerbaijani the next link says so" 200 'rel="next"' 'Növbəti →'
req GET "/people?after=$key"
expect "… and a page past the end too" 200 'Burada başqa heç nə yoxdur' 'Birinci səhifə'
req GET "/people?after=x"
expect "… and a bad key" 400 'Siyahının səhifəsinə bu keçid düzgün deyil.' '<code>after</code>'
post /language lang=en back=/people

# ---- the statements' shapes (src/store/stmt.c) read their indexes from the key, as a prepared (generic) plan does ----
plan() { # plan SQL: EXPLAIN of SQL prepared with parameters (text, bigint), its generic plan, run with ('pgx', 5)
	stack_psql -tA -c "SET enable_seqscan = off" -c "SET plan_cache_mode = force_generic_plan" \
		-c "PREPARE s(text, bigint) AS $1" -c "EXPLAIN EXECUTE s('pgx', 5)" >"$OUT/plan"
}
KEY='(coalesce(NULL::text, (SELECT k.full_name_en FROM person k WHERE k.id = $2)), $2)'
plan "SELECT p.id, p.email FROM person p WHERE \$1 IS NOT NULL AND (p.full_name_en, p.id) > $KEY ORDER BY p.full_name_en, p.id LIMIT 26"
check "a next page reads the name index from its key, without a sort" \
	sh -c "grep -q 'Index Scan using person_full_name_en_idx' '$OUT/plan' && grep -q 'Index Cond: (ROW(' '$OUT/plan' && ! grep -q Sort '$OUT/plan'"
plan "SELECT p.id, p.email FROM person p WHERE \$1 IS NOT NULL AND (p.full_name_en, p.id) < $KEY ORDER BY p.full_name_en DESC, p.id DESC LIMIT 26"
check "a previous page reads it backwards, without a sort" \
	sh -c "grep -q 'Index Scan Backward using person_full_name_en_idx' '$OUT/plan' && ! grep -q Sort '$OUT/plan'"
plan "WITH found AS MATERIALIZED (SELECT person_id FROM person_search WHERE folded LIKE '%' || memocal_fold(\$1) || '%')
	SELECT p.id, p.email FROM found f JOIN person p ON p.id = f.person_id WHERE (p.full_name_en, p.id) > $KEY
	ORDER BY p.full_name_en, p.id LIMIT 26"
# (on 20,000 people its plan then looks each match up by id; on this test's few, the planner may as well hash them)
check "a search's page starts from its matches, found through the trigram index" \
	sh -c "grep -q 'CTE found' '$OUT/plan' && grep -q 'Bitmap Index Scan on person_search_folded_idx' '$OUT/plan'"

sql "DELETE FROM person WHERE full_name_en LIKE 'Pgx %'" >/dev/null
check "the test's people are deleted again" test "$(sql "SELECT count(*) FROM person WHERE full_name_en LIKE 'Pgx %'")" = 0
