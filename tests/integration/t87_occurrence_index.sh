#!/usr/bin/env bash
# t87_occurrence_index.sh - the occurrence index (migration 030, issue 18): the unfiltered agenda, month grid,
# week and home page read the first occurrences of their window by an index instead of expanding every live
# series. What they show must be exactly what expanding every series shows: each page is fetched with the
# index and again with the index switched off (its horizon deleted: every series is then expanded by its span,
# the way the pages worked before), and the two bodies must be the same. In between, the kinds of change that
# move occurrences: a save on the form, an occurrence moved, cancelled and restored, a series' times changed
# in the database directly (the triggers must forget its rows), a cancelled series, a horizon rolled.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
sfx=$(date +%s%N | tail -c 7)
today=$(TZ=Asia/Baku date +%F)
day() { TZ=Asia/Baku date -d "$today $1" +%F; }
version() { sql "SELECT version FROM series WHERE id = $1"; }

as editor
post /language lang=en back=/

# series TITLE FIELD=VALUE...: a new series in memorandum 1; its id
series() {
	local title=$1
	shift
	# the form reads a field's first value: a zone or attendees given in "$@" come before the defaults
	post /memoranda/1/series/new kind=meeting status=confirmed title_en="$title $sfx" title_az="$title az $sfx" \
		action=confirm "$@" tzid=Asia/Baku attendee_rows=0
	local loc
	loc=$(location)
	echo "${loc##*/}"
}

# Enough daily series that the 60-day agenda (100 a page) and the month grid (1000) are cut: the cut must
# fall at the same occurrence with the index as without, and so must every later page's.
daily=()
for h in 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	daily+=("$(series "Daily $h" start_date="$(day '-3 days')" start_time="$h:00" end_time="$h:45" repeat=daily ends=never)")
done
# four more in Daily 15's hour (11:00-11:40 UTC): the first five starts of a day in Pago Pago (below)
for m in 10 20 30 40; do
	daily+=("$(series "Daily 15$m" start_date="$(day '-3 days')" start_time="15:$m" end_time=15:55 repeat=daily ends=never)")
done
weekly=$(series "Weekly" start_date="$(day '-14 days')" start_time=10:30 end_time=12:00 repeat=weekly ends=count count=30)
ny=$(series "New York" start_date="$(day '+1 days')" start_time=09:00 end_time=10:00 repeat=weekly ends=never \
	tzid=America/New_York)
# under way when the window starts: all day from yesterday for three days
longev=$(series "Three days" start_date="$(day '-1 days')" end_date="$(day '+1 days')" all_day=1 repeat=none)
cancelled=$(series "Called off" start_date="$(day '+2 days')" start_time=16:00 end_time=17:00 repeat=weekly ends=never)
# all day every other day at UTC+14: its midnight is 10:00 UTC the day before, far from a viewer's in Los Angeles
# (the grid places it by its own date, and must find it though it is never among a crowded day's first starts)
kiri=$(series "Line Islands" start_date="$(day '+1 days')" end_date="$(day '+1 days')" all_day=1 repeat=daily \
	interval=2 ends=never tzid=Pacific/Kiritimati)
# All day on the Sunday New Zealand springs forward: 23 hours, from 12:00 UTC on the Saturday, between two of
# Pago Pago's midnights (11:00 UTC), after that day's first five starts there: neither a day's first starts nor
# an occurrence under way at a midnight, the grid must still find it (migration 032's all-day rows)
spring=$(series "Spring forward" start_date=2027-09-26 end_date=2027-09-26 all_day=1 repeat=none tzid=Pacific/Auckland)
# overnight, every week: a bar across two days of the grid, never among a crowded day's first starts (22:00)
night=$(series "Overnight" start_date="$(day '+4 days')" start_time=22:00 end_date="$(day '+5 days')" end_time=10:00 \
	repeat=weekly ends=never)
check "the fixtures were saved (${#daily[@]} daily series and seven others)" \
	test -n "${daily[17]}" -a -n "$weekly" -a -n "$ny" -a -n "$longev" -a -n "$cancelled" -a -n "$kiri" -a -n "$night" \
	-a -n "$spring"
same "every series saved on the form is in the index at once (none left waiting)" \
	"$(sql "SELECT count(*) FROM series_span WHERE occ_state <> 1
	        AND series_id IN (SELECT id FROM series WHERE title_en LIKE '%$sfx')")" 0
same "… with its occurrences: the 30 of the weekly COUNT rule, all in the horizon" \
	"$(sql "SELECT count(*) FROM series_occurrence WHERE series_id = $weekly")" 30

# filtered pages read the filter's own series' rows of the index (STMT_SERIES_FILTER_FIRST): memorandum 1 holds
# the fixtures; one of its parties; a member of it (every one of its meetings); someone who attends some of them
party=$(sql "SELECT min(organisation_id) FROM memorandum_party WHERE memorandum_id = 1")
member=$(sql "SELECT min(person_id) FROM memorandum_member WHERE memorandum_id = 1")
# someone new, no member of memorandum 1, attends one meeting of this test's, every week
post /people/new full_name_en="Guest $sfx" full_name_az="Qonaq $sfx" preferred_lang=en rows=0
attendee=$(location)
attendee=${attendee##*/}
attended=$(series "Attended" start_date="$(day '+3 days')" start_time=12:30 end_time=13:00 repeat=weekly ends=never \
	attendee_rows=1 attendee_0_person="$attendee")
check "the seed gives a party and a member of memorandum 1 to filter by, and someone else attends ($party, $member, $attendee)" \
	test -n "$party" -a -n "$member" -a -n "$attendee" -a -n "$attended"
# the person filter offers the people who attend what a page shows, read for the page's series alone
# (store_series_people; the window readers read no attendees)
req GET "/agenda?memorandum=1&from=$(day '+3 days')&days=7"
expect "the agenda's person filter offers someone who attends a meeting it shows" 200 \
	"<option value=\"$attendee\">Guest $sfx</option>"
req GET "/agenda?memorandum=1&from=$(day '-2 days')&days=1"
expect "… a day without their meeting" 200 "Daily 07 $sfx"
refute "… does not offer them" "Guest $sfx"
req GET "/calendar/week?date=$(day '+3 days')"
expect "… the week that shows it, unfiltered, does" 200 "<option value=\"$attendee\">Guest $sfx</option>"
PAGES=("/agenda" "/agenda?from=$(day '-1 days')&days=5" "/agenda?range=week&from=$(day '+7 days')"
	"/agenda?range=month&from=$(day '+1 month')" "/agenda?from=$(day '+3 days')&days=3&tz=America/New_York"
	"/calendar" "/calendar?month=$(day '+1 month' | cut -c1-7)" "/calendar/week" "/calendar/week?date=$(day '+9 days')"
	"/" "/agenda?from=2031-03-01&days=10" "/calendar?month=$(day '+3 days' | cut -c1-7)&tz=America/Los_Angeles"
	"/calendar?month=$(day '+1 month' | cut -c1-7)&tz=Pacific/Kiritimati" "/calendar?month=2027-09&tz=Pacific/Pago_Pago"
	"/agenda?memorandum=1" "/agenda?memorandum=1&from=$(day '+9 days')&days=10&tz=America/New_York"
	"/agenda?organisation=$party&from=$(day '-1 days')&days=30" "/agenda?person=$member" "/agenda?person=$attendee&days=90"
	"/calendar/week?memorandum=1&date=$(day '+2 days')")
FILTERED=14 # "/agenda?memorandum=1": cut too, its next pages are compared as well
# fetch_all DIR: every page's body into DIR
fetch_all() {
	mkdir -p "$1"
	local i=0 p
	for p in "${PAGES[@]}"; do
		req GET "$p"
		echo "$STATUS" >"$1/$i.status"
		cp "$OUT/body" "$1/$i"
		i=$((i + 1))
	done
	# the 60-day agenda's next two pages, by the link each page gives, and the filtered one's
	local k next f
	for f in 0 "$FILTERED"; do
		cp "$1/$f" "$1/page$f.0"
		for k in 1 2; do
			next=$(next_page "$1/page$f.$((k - 1))")
			: >"$1/page$f.$k"
			[ -n "$next" ] || continue
			req GET "$next"
			cp "$OUT/body" "$1/page$f.$k"
		done
	done
}
# next_page FILE: the address of the agenda page after FILE's (its key's link), or nothing
next_page() {
	grep -o 'rel="next" href="/agenda?[^"]*&amp;at=[^"]*"' "$1" | sed 's/^rel="next" href="//; s/"$//; s/&amp;/\&/g'
}
# walk URL: the lines of the agenda at URL and of every page after it, by their links: series and start, one a line
walk() {
	local url=$1 n=0
	: >"$OUT/walk.pages"
	while [ -n "$url" ] && [ $n -lt 100 ]; do
		req GET "$url"
		[ "$STATUS" = 200 ] || { echo "status $STATUS at $url"; return; }
		grep -o 'data-series="[0-9]*" data-start-utc="[0-9-]*"' "$OUT/body" | tee -a "$OUT/walk.pages" |
			wc -l >>"$OUT/walk.sizes"
		url=$(next_page "$OUT/body")
		n=$((n + 1))
	done
}
# compare NAME: the pages with the index, then without it (the horizon deleted), must be the same; then the
# index comes back as an upgrade makes it (memocal migrate rolls the horizon and writes every series)
compare() {
	rm -rf "$OUT/with" "$OUT/without"
	fetch_all "$OUT/with"
	sql "DELETE FROM occurrence_horizon" >/dev/null
	fetch_all "$OUT/without"
	local i differ=""
	for i in "${!PAGES[@]}"; do
		[ "$(cat "$OUT/with/$i.status")" = 200 ] || differ+=" ${PAGES[$i]}(status $(cat "$OUT/with/$i.status"))"
		cmp -s "$OUT/with/$i" "$OUT/without/$i" || differ+=" ${PAGES[$i]}"
	done
	for i in 0.1 0.2 "$FILTERED.1" "$FILTERED.2"; do
		[ -s "$OUT/with/page$i" ] || differ+=" (no agenda page $i)"
		cmp -s "$OUT/with/page$i" "$OUT/without/page$i" || differ+=" (agenda page $i)"
	done
	if [ -z "$differ" ]; then pass "$1"; else
		fail "$1" "differ:$differ"$'\n'"$(diff "$OUT/with/0" "$OUT/without/0" | head -10)"
	fi
	"$BIN/memocal" --config "$STACK_DIR/memocal.conf" migrate >"$OUT/migrate.out" 2>&1
}

compare "every page, index or not, shows the same occurrences (after saves on the form)"
grep -q "More occurrences follow in this period." "$OUT/with/0" && pass "the 60-day agenda is cut at its cap (so the cut is compared)" ||
	fail "the 60-day agenda is cut at its cap (so the cut is compared)" "no note of a cut"

grep -q "Attended $sfx" "$OUT/with/18" && ! grep -q "Daily 07 $sfx" "$OUT/with/18" &&
	pass "the agenda of someone who attends one meeting holds it and no other of this test's" ||
	fail "the agenda of someone who attends one meeting holds it and no other of this test's" "$(grep -c "$sfx" "$OUT/with/18")"

# ---- the month grid: a crowded day shows its first lines and leads to its agenda for the rest ----
crowded=$(day '+2 days')
# cell FILE DATE: that day's cell of a month grid
cell() { sed -n "/data-date=\"$2\"/,/<\/td>/p" "$1"; }
req GET "/calendar?month=$(echo "$crowded" | cut -c1-7)"
cell "$OUT/body" "$crowded" >"$OUT/cell"
check "a day with more than four lines shows three ($crowded, $(grep -o 'class="occ' "$OUT/cell" | wc -l) shown)" \
	test "$(grep -o 'class="occ' "$OUT/cell" | wc -l)" = 3
more=$(grep -o 'class="more" href="[^"]*"' "$OUT/cell" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
check "… and a link to that day's agenda" test "${more%%&*}" = "/agenda?from=$crowded"
req GET "$more"
check "… which lists the day's occurrences: this test's daily ones among them" \
	test "$(grep -c "Daily [0-9]* $sfx" "$OUT/body")" -ge 14
req GET "/calendar?month=$(day '+3 days' | cut -c1-7)&tz=America/Los_Angeles"
cell "$OUT/body" "$(day '+3 days')" >"$OUT/cell"
check "the all-day series at UTC+14 is on its own date in Los Angeles' grid" grep -q "Line Islands $sfx" "$OUT/cell"
cell "$OUT/body" "$(day '+2 days')" >"$OUT/cell"
check "… not on the day before, where its instants fall there" test "$(grep -o "Line Islands $sfx" "$OUT/cell" | wc -l)" = 0

req GET "/calendar?month=2027-09&tz=Pacific/Pago_Pago"
cell "$OUT/body" 2027-09-26 >"$OUT/cell"
check "an all-day day of 23 hours between two of the viewer's midnights is on its date, first" \
	grep -q 'class="occ[^>]*>Spring forward' "$OUT/cell"
req GET "/calendar?month=$(day '+5 days' | cut -c1-7)"
cell "$OUT/body" "$(day '+5 days')" >"$OUT/cell"
check "an overnight meeting is a bar on its second day too" grep -q "span.*Overnight $sfx" "$OUT/cell"

# ---- the agenda by pages: following the links gives every occurrence of the period once ----
# The same period asked day by day (each day's pages followed too) is the oracle: a day's page starts with
# what is under way at its start, so an occurrence over several days is on several, and the set is compared.
from=$(day '-1 days')
: >"$OUT/walk.sizes"
walk "/agenda?from=$from&days=20"
cp "$OUT/walk.pages" "$OUT/walk.all"
check "the 20-day agenda takes more than one page" test "$(wc -l <"$OUT/walk.sizes")" -gt 1
check "… no page holds more than 100 occurrences" test "$(sort -n "$OUT/walk.sizes" | tail -1)" -le 100
check "… and no occurrence is on two pages" test -z "$(sort "$OUT/walk.all" | uniq -d | head -3)"
: >"$OUT/walk.days"
for d in $(seq 0 19); do
	walk "/agenda?from=$(TZ=Asia/Baku date -d "$from + $d days" +%F)&days=1"
	cat "$OUT/walk.pages" >>"$OUT/walk.days"
done
sort -u "$OUT/walk.all" >"$OUT/walk.a"
sort -u "$OUT/walk.days" >"$OUT/walk.b"
check "… and together the pages are the period's occurrences, day by day ($(wc -l <"$OUT/walk.a") of them)" \
	cmp -s "$OUT/walk.a" "$OUT/walk.b"
check "… which are this test's too: a daily series on every day" \
	test "$(grep -c "data-series=\"${daily[5]}\"" "$OUT/walk.a")" -ge 19
first=$(next_page "$OUT/with/0")
req GET "$first"
expect "a later page says it continues and leads back to the period's start" 200 'continued from the page before' \
	'From the start of the period'
at=$(echo "$first" | sed 's/.*&at=\([-0-9]*\).*/\1/')
req GET "/agenda?from=$from&days=1&at=$((at + 86400 * 400))&after=1"
expect "a key past the period's end is 200 and leads back" 200 'Nothing more here' 'From the start of the period'
for bad in 'at=x&after=1' 'at=1.5&after=1' 'at=100' 'after=3' 'at=100&after=0' 'at=100&after=-2' \
	'at=1234567890123456&after=1'; do
	req GET "/agenda?$bad"
	field=after
	case $bad in at=x* | at=1.5* | after=3 | at=1234567890123456*) field=at ;; esac
	expect "a bad key ($bad) is a 400 naming the field" 400 "<code>$field</code>" \
		'This link to a page of the list is not valid.'
done
post /language lang=az back=/agenda
req GET "$first"
expect "in Azerbaijani a later page says so" 200 'əvvəlki səhifənin davamı' 'Dövrün əvvəlindən' 'Növbəti tarixlər'
req GET "/agenda?at=x&after=1"
expect "… and a bad key is a 400 in Azerbaijani naming the field" 400 'Siyahının səhifəsinə bu keçid düzgün deyil.' \
	'<code>at</code>'
post /language lang=en back=/agenda
same "memocal migrate puts the horizon back and writes every series again" \
	"$(sql "SELECT count(*) FROM occurrence_horizon") $(sql "SELECT count(*) FROM series_span WHERE occ_state <> 1")" "1 0"
grep -q "series written to the occurrence index" "$OUT/migrate.out" && pass "… and says how many it wrote" ||
	fail "… and says how many it wrote" "$(cat "$OUT/migrate.out")"

# an occurrence moved a week later, one cancelled, one cancelled and restored, on the form
rid() { # the K-th occurrence (from 0) of the weekly series, as its address's id
	echo "$(TZ=Asia/Baku date -d "$(day '-14 days') + $((7 * $1)) days" +%Y%m%d)T103000"
}
occ() { echo "/series/$weekly/occurrences/$(rid "$1")"; }
post "$(occ 3)/edit" start_date="$(day '+14 days')" start_time=18:00 end_time=19:00 title_en="Moved $sfx" \
	title_az="Köçürülüb $sfx" version="$(version "$weekly")" action=confirm
same "an occurrence is moved on the form (303)" "$STATUS" 303
post "$(occ 4)/cancel" version="$(version "$weekly")"
post "$(occ 5)/cancel" version="$(version "$weekly")"
post "$(occ 5)/restore" version="$(version "$weekly")"
same "after each change of an occurrence the series is in the index again" \
	"$(sql "SELECT occ_state FROM series_span WHERE series_id = $weekly")" 1
same "… its moved occurrence stored at the new time (18:00 in Baku, 14:00 UTC)" \
	"$(sql "SELECT count(*) FROM series_occurrence WHERE series_id = $weekly
	        AND start_utc = '$(day '+14 days') 14:00:00+00' AND NOT cancelled")" 1
same "… its cancelled one flagged" "$(sql "SELECT count(*) FROM series_occurrence WHERE series_id = $weekly AND cancelled")" 1
compare "the same pages after an occurrence moved, one cancelled and one restored"

# a change made in the database itself (an import, an admin's UPDATE): the triggers forget the rows at once
sql "UPDATE series SET start_local = start_local + interval '90 minutes', end_local = end_local + interval '90 minutes'
     WHERE id = ${daily[0]}" >/dev/null
same "a series' times changed directly: its rows are gone and it waits, in the same transaction" \
	"$(sql "SELECT occ_state, (SELECT count(*) FROM series_occurrence WHERE series_id = ${daily[0]})
	        FROM series_span WHERE series_id = ${daily[0]}")" "0|0"
req GET "/agenda?from=$today&days=1"
expect "… and the agenda shows it at its new time before anything writes it again (08:30)" 200 "08:30"
sql "UPDATE series SET title_en = 'Renamed $sfx' WHERE id = ${daily[1]}" >/dev/null
same "a change of title alone keeps the series' rows (nothing moved)" \
	"$(sql "SELECT occ_state FROM series_span WHERE series_id = ${daily[1]}")" 1
sql "INSERT INTO series_override (series_id, recurrence_id, cancelled)
     SELECT ${daily[2]}, start_local + interval '2 days', true FROM series WHERE id = ${daily[2]}" >/dev/null
same "an exception stored directly makes its series wait too" \
	"$(sql "SELECT occ_state FROM series_span WHERE series_id = ${daily[2]}")" 0
post "/series/$cancelled/edit" kind=meeting status=cancelled title_en="Called off $sfx" title_az="Called off az $sfx" \
	tzid=Asia/Baku start_date="$(day '+2 days')" start_time=16:00 end_time=17:00 repeat=weekly ends=never attendee_rows=0 \
	version="$(version "$cancelled")" action=confirm
same "a series is cancelled on the form (303)" "$STATUS" 303
compare "the same pages with series waiting, a cancelled series and an exception stored directly"

req GET /
tr -d '\n' <"$OUT/body" | grep -o '<section class="home-next" id="next">.*' | sed 's|</section>.*||' >"$OUT/next"
grep -q "Called off $sfx" "$OUT/next" && fail "the home page's next meetings leave out the cancelled series" "listed" ||
	pass "the home page's next meetings leave out the cancelled series"
same "the home page lists ten next meetings (there are far more)" "$(grep -o 'href="/series/[0-9]*/occurrences/' "$OUT/next" | wc -l)" 10

# the horizon rolls forward only: a machine whose clock is behind never moves it back
sql "UPDATE occurrence_horizon SET lo = lo - interval '1 year', hi = hi - interval '1 year'" >/dev/null
"$BIN/memocal" --config "$STACK_DIR/memocal.conf" migrate >/dev/null 2>&1
same "a horizon a year old is rolled to this month's by memocal migrate, every series written again" \
	"$(sql "SELECT hi > now() + interval '13 months' AND lo < now() - interval '2 months' FROM occurrence_horizon") $(sql "SELECT count(*) FROM series_span WHERE occ_state <> 1")" "t 0"
# as if a machine whose clock is ahead had rolled it five years on
sql "UPDATE occurrence_horizon SET lo = lo + interval '5 years', hi = hi + interval '5 years';
     UPDATE series_span SET occ_state = 0, occ_gen = occ_gen + 1; DELETE FROM series_occurrence" >/dev/null
"$BIN/memocal" --config "$STACK_DIR/memocal.conf" migrate >/dev/null 2>&1
same "a horizon later than this month's is left as it is, and every series written for it" \
	"$(sql "SELECT hi > now() + interval '6 years' FROM occurrence_horizon") $(sql "SELECT count(*) FROM series_span WHERE occ_state <> 1")" "t 0"
compare "the same pages when this month's windows leave the horizon, and in the far future it holds"

# Overrides far from their occurrence (migration 034: a page reads the overrides near its window, and those
# moved into it from anywhere). A weekly meeting from 1,000 days ago, attended by the guest: its first
# occurrence moved into this week, the one tomorrow moved 800 days on, the one in eight days cancelled.
far=$(series "Far" start_date="$(day '-1000 days')" start_time=09:00 end_time=10:00 repeat=weekly ends=never \
	attendee_rows=1 attendee_0_person="$attendee")
far_occ() { echo "/series/$far/occurrences/$(day "$1" | tr -d -)T090000"; }
baku() { date -d "$1 +04:00" +%s; } # "YYYY-MM-DD HH:MM" in Asia/Baku -> unix seconds
post "$(far_occ '-1000 days')/edit" start_date="$(day '+2 days')" start_time=18:00 end_time=19:00 \
	title_en="Far in $sfx" title_az="Far in az $sfx" location= version="$(version "$far")" action=confirm
same "an occurrence of 1,000 days ago is moved into this week (303)" "$STATUS" 303
post "$(far_occ '+1 days')/edit" start_date="$(day '+800 days')" start_time=09:00 end_time=10:00 \
	title_en="Far out $sfx" title_az="Far out az $sfx" location= version="$(version "$far")" action=confirm
same "tomorrow's is moved 800 days on (303)" "$STATUS" 303
post "$(far_occ '+8 days')/cancel" version="$(version "$far")"
same "the one in eight days is cancelled (303)" "$STATUS" 303
# far_lines URL: the lines of the series "Far" on the agenda page at URL (a day's: the fixtures fill a page of
# 100 in five days): start|class
far_lines() {
	req GET "$1"
	tr '\n' ' ' <"$OUT/body" | sed 's/<li /\n<li /g' | grep "data-series=\"$far\"" |
		sed -n 's|^<li class="\([a-z]*\)" data-series="[0-9]*" data-start-utc="\([0-9]*\)">.*|\2\|\1|p' | paste -sd' '
}
for f in "" "memorandum=1&" "person=$attendee&"; do
	same "/agenda?${f}: the occurrence moved in from 1,000 days ago is on its new day" \
		"$(far_lines "/agenda?${f}from=$(day '+2 days')&days=1")" "$(baku "$(day '+2 days') 18:00")|"
	same "/agenda?${f}: the one moved out is not on its old day" "$(far_lines "/agenda?${f}from=$(day '+1 days')&days=1")" ""
	same "/agenda?${f}: the cancelled one is struck through, the week after it is not" \
		"$(far_lines "/agenda?${f}from=$(day '+8 days')&days=1") $(far_lines "/agenda?${f}from=$(day '+15 days')&days=1")" \
		"$(baku "$(day '+8 days') 09:00")|cancelled $(baku "$(day '+15 days') 09:00")|"
	same "/agenda?${f}: 800 days on, the one moved there" \
		"$(far_lines "/agenda?${f}from=$(day '+800 days')&days=1")" "$(baku "$(day '+800 days') 09:00")|"
done
for url in "/calendar?month=$(day '+2 days' | cut -c1-7)&person=$attendee" "/calendar/week?date=$(day '+2 days')&person=$attendee"; do
	req GET "$url"
	check "$url shows the occurrence moved in from 1,000 days ago" grep -q "Far in $sfx" "$OUT/body"
done
req GET "/calendar/week?date=$(day '+1 days')&person=$attendee"
refute "… and the week of the one moved out does not show it at its old time" "href=\"$(far_occ '+1 days')\""
check "… which it shows for the one in eight days, cancelled" grep -q "cancelled\" href=\"$(far_occ '+8 days')\"" \
	<(req GET "/calendar/week?date=$(day '+8 days')&person=$attendee"; cat "$OUT/body")

# The week shows a day's first 12 (by start) and links a fuller day to its agenda: the fixtures' 18 daily
# meetings fill every day of it
req GET "/calendar/week?date=$(day '+2 days')"
{ tr -d '\n' <"$OUT/body" | sed 's/<h2 class="dayhead/\n&/g' | tail -n +2; echo; } >"$OUT/weekdays"
same "the week has seven days" "$(grep -c . "$OUT/weekdays")" 7
bad=""
while read -r line; do
	date=$(grep -o 'datetime="[0-9-]*"' <<<"$line" | head -1 | sed 's/[^0-9-]//g')
	shown=$(grep -o 'class="wocc' <<<"$line" | wc -l)
	req GET "/agenda?from=$date&days=1"
	total=$(grep -o 'data-series="[0-9]*" data-start-utc=' "$OUT/body" | wc -l)
	grep -q "<a class=\"more\" href=\"/agenda?from=$date&amp;days=1&amp;memorandum=&amp;organisation=&amp;person=&amp;tz=Asia/Baku\">More on this day" <<<"$line" ||
		bad="$bad $date:no-link"
	[ "$shown" = 12 ] && [ "$total" -gt 12 ] || bad="$bad $date:$shown/$total"
done <"$OUT/weekdays"
same "each day shows its first 12 of more, and links to its agenda" "$bad" ""
req GET "/calendar/week?date=$(day '+2 days')&person=$attendee"
refute "a day with 12 or fewer has no such link" 'class="more"'

# a series deleted takes its rows with it
post "/series/$ny/delete" version="$(version "$ny")"
same "a deleted series' rows go with it" "$(sql "SELECT count(*) FROM series_occurrence WHERE series_id = $ny")" 0
for s in "${daily[@]}" "$far" "$weekly" "$longev" "$cancelled" "$kiri" "$night" "$spring" "$attended"; do
	post "/series/$s/delete" version="$(version "$s")"
done
post "/people/$attendee/delete" version=1
same "the fixtures are deleted again" "$(sql "SELECT count(*) FROM series WHERE title_en LIKE '%$sfx'")
	$(sql "SELECT count(*) FROM person WHERE full_name_en LIKE '%$sfx'")" "0
	0"
