#!/usr/bin/env bash
# t90_pick.sh - a person or an organisation in a form when there are too many to list (issue 18; pages/pick.c).
# Past 300 people a person cell is a text field: a name typed (any case, any diacritics the search folds) is looked
# up on save; one match is chosen, several are offered with "N people match", none is refused naming the field; a
# chosen person reads back as "Name (#id)", so an unchanged save keeps them. Organisations past 300 the same way.
# The people and organisations this adds are removed at the end (later tests see the stack as before).
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
sfx=pick$(date +%s%N | tail -c 7)
cleanup() {
	sql "DELETE FROM meeting_record WHERE series_id IN (SELECT id FROM series WHERE title_en LIKE '%$sfx%');
	     DELETE FROM series WHERE title_en LIKE '%$sfx%';
	     DELETE FROM memorandum_member WHERE person_id IN (SELECT id FROM person WHERE full_name_en LIKE '%$sfx%');
	     UPDATE memorandum_party SET signatory_id = NULL
	      WHERE signatory_id IN (SELECT id FROM person WHERE full_name_en LIKE '%$sfx%');
	     DELETE FROM position WHERE person_id IN (SELECT id FROM person WHERE full_name_en LIKE '%$sfx%');
	     DELETE FROM person WHERE full_name_en LIKE '%$sfx%';
	     DELETE FROM memorandum WHERE title_en LIKE '%$sfx%';
	     DELETE FROM organisation WHERE name_en LIKE '%$sfx%'" >/dev/null 2>&1
}
trap cleanup EXIT

# enough people that no form lists them all, two with one name, and one whose name begins another's
sql "INSERT INTO person (full_name_en, full_name_az)
     SELECT 'Crowd ' || g || ' $sfx', 'Kütlə ' || g || ' $sfx' FROM generate_series(1, 310) g;
     INSERT INTO person (full_name_en, full_name_az) VALUES
       ('Rashad Guliyev $sfx', 'Rəşad Quliyev $sfx'), ('Leyla Aliyeva $sfx', 'Leyla Əliyeva $sfx'),
       ('Leyla Aliyeva $sfx', 'Leyla Əliyeva $sfx'), ('$sfx Nigar Hasanova', '$sfx Nigar Həsənova'),
       ('$sfx Nigar Hasanova-Rzayeva', '$sfx Nigar Həsənova-Rzayeva')" >/dev/null
rashad=$(sql "SELECT id FROM person WHERE full_name_en = 'Rashad Guliyev $sfx'")
nigar=$(sql "SELECT id FROM person WHERE full_name_en = '$sfx Nigar Hasanova'")
check "more than 300 people" test "$(sql "SELECT count(*) > 300 FROM person")" = t

as editor
post /language lang=en back=/
mid=$(sql "SELECT min(id) FROM memorandum")
req GET "/memoranda/$mid/series/new"
expect "the new series form answers" 200 'id="attendee_0_person"'
check "… its person cell is a text field to type a name in, not a list of every person" \
	grep -q '<input id="attendee_0_person" name="attendee_0_person" type="text" value=""' "$OUT/body"
refute "… which lists no one" "Crowd 1 $sfx"
expect "… and says what to type" 200 "Type a name, or part of one."

new_series() { # new_series TITLE FIELD=VALUE...: POST a new weekly-free meeting of memorandum $mid
	local title=$1
	shift
	post "/memoranda/$mid/series/new" kind=meeting status=confirmed title_en="$title" title_az="$title" tzid=Asia/Baku \
		start_date=2027-03-10 start_time=10:00 end_time=11:00 repeat=none action=confirm "$@"
}

# a name typed in another case and with the Azerbaijani letters: one person, chosen
new_series "Typed $sfx" attendee_rows=1 attendee_0_person="  rəşad   QULIYEV $sfx " attendee_0_role=chair
check "a name typed in any case, with its Azerbaijani letters, saves the series" test "$STATUS" = 303
sid=$(location)
sid=${sid##*/}
same "… with that person as its attendee" "$(sql "SELECT string_agg(person_id::text, ',') FROM attendee WHERE series_id = ${sid:-0}")" "$rashad"

req GET "/series/$sid/edit"
expect "the edit form shows the chosen person as name and number" 200 \
	"name=\"attendee_0_person\" type=\"text\" value=\"Rashad Guliyev $sfx (#$rashad)\""
version=$(sql "SELECT version FROM series WHERE id = $sid")
post "/series/$sid/edit" kind=meeting status=confirmed title_en="Typed $sfx" title_az="Typed $sfx" tzid=Asia/Baku \
	start_date=2027-03-10 start_time=10:00 end_time=11:00 repeat=none action=confirm version="$version" \
	attendee_rows=1 attendee_0_person="Rashad Guliyev $sfx (#$rashad)" attendee_0_role=chair
check "saving the form as it came answers 303" test "$STATUS" = 303
same "… and keeps the attendee" "$(sql "SELECT string_agg(person_id::text || '/' || role, ',') FROM attendee WHERE series_id = $sid")" "$rashad/chair"

# a name two people have: nothing saved, both offered
new_series "Twice $sfx" attendee_rows=1 attendee_0_person="Leyla Aliyeva $sfx"
expect "a name two people have is refused, naming the field" 422 'id="attendee_0_person-error">2 people match: choose one.'
leylas=$(sql "SELECT string_agg(id::text, ' ' ORDER BY id) FROM person WHERE full_name_en = 'Leyla Aliyeva $sfx'")
for id in $leylas; do
	expect "… offering Leyla Aliyeva No. $id" 422 "<option value=\"$id\">Leyla Aliyeva $sfx (#$id)</option>"
done
check "… as a list to choose from" grep -q '<select id="attendee_0_person" name="attendee_0_person"' "$OUT/body"
same "… and nothing was saved" "$(sql "SELECT count(*) FROM series WHERE title_en = 'Twice $sfx'")" 0
first_leyla=${leylas%% *}
new_series "Twice $sfx" attendee_rows=1 attendee_0_person="$first_leyla"
check "choosing one of them saves" test "$STATUS" = 303
same "… with the one chosen" "$(sql "SELECT string_agg(a.person_id::text, ',') FROM attendee a JOIN series s ON s.id = a.series_id
	WHERE s.title_en = 'Twice $sfx'")" "$first_leyla"

# a whole name that begins someone else's: the one whose whole name it is
new_series "Whole $sfx" attendee_rows=1 attendee_0_person="$sfx nigar həsənova"
check "a whole name that begins another person's name chooses the one whose name it is" test "$STATUS" = 303
same "… that one" "$(sql "SELECT string_agg(a.person_id::text, ',') FROM attendee a JOIN series s ON s.id = a.series_id
	WHERE s.title_en = 'Whole $sfx'")" "$nigar"

# part of many names: the first twenty offered, and asked for more of the name
new_series "Many $sfx" attendee_rows=1 attendee_0_person="Crowd"
expect "part of many names is refused, asking for more of it" 422 \
	'id="attendee_0_person-error">More than 20 people match: choose one of these, or type more of the name.'
same "… offering twenty" "$(grep -o "<option value=\"[0-9]*\">Crowd [0-9]* $sfx (#[0-9]*)</option>" "$OUT/body" | wc -l)" 20

# no one: refused, and what was typed is still there
new_series "Nobody $sfx" title_az="Heç kim $sfx" attendee_rows=1 attendee_0_person="Nobody Called <b>This</b> $sfx"
expect "a name no one has is refused naming the field, keeping what was typed (escaped)" 422 \
	'id="attendee_0_person-error">No one has this name: check its spelling, or type a part of it.' \
	"value=\"Nobody Called &lt;b&gt;This&lt;/b&gt; $sfx\""
same "… nothing saved" "$(sql "SELECT count(*) FROM series WHERE title_en = 'Nobody $sfx'")" 0

# a number no one has; one person twice
new_series "Number $sfx" attendee_rows=1 attendee_0_person="Someone (#987654321)"
expect "a number no one has is refused" 422 'id="attendee_0_person-error">Choose one of the options.'
new_series "Same $sfx" attendee_rows=2 attendee_0_person="Rashad Guliyev $sfx" attendee_1_person="#$rashad"
expect "the same person typed twice, by name and by number, is refused once" 422 \
	'id="attendee_1_person-error">This person is already an attendee.'

# in Azerbaijani
post /language lang=az back=/
new_series "Az $sfx" attendee_rows=1 attendee_0_person="Leyla Əliyeva $sfx"
expect "in Azerbaijani the error is in Azerbaijani" 422 'id="attendee_0_person-error">2 nəfər uyğun gəlir: birini seçin.'
req GET "/series/$sid/edit"
expect "… and a chosen person is shown by their Azerbaijani name" 200 "value=\"Rəşad Quliyev $sfx (#$rashad)\""
post /language lang=en back=/

# the memorandum form: a signatory and a member typed
post /memoranda/new title_en="Pick memo $sfx" title_az="Seçim $sfx" signed_on=2026-01-15 status=signed \
	party_rows=2 party_0_org=1 party_0_signatory="Rəşad Quliyev $sfx" party_1_org=2 \
	member_rows=1 member_0_person="$sfx Nigar Hasanova" member_0_role=coordinator member_0_org=1
check "a memorandum saves with a typed signatory and a typed member" test "$STATUS" = 303
pm=$(location)
pm=${pm##*/}
same "… the signatory" "$(sql "SELECT signatory_id FROM memorandum_party WHERE memorandum_id = ${pm:-0} AND organisation_id = 1")" "$rashad"
same "… the member" "$(sql "SELECT person_id FROM memorandum_member WHERE memorandum_id = ${pm:-0}")" "$nigar"
req GET "/memoranda/$pm/edit"
expect "… and its form shows them by name and number" 200 "value=\"Rashad Guliyev $sfx (#$rashad)\"" \
	"value=\"$sfx Nigar Hasanova (#$nigar)\""
size=$(wc -c <"$OUT/body")
check "… without a list of every person ($size bytes)" test "$size" -lt 200000

# a meeting record: its presenter and an action's owner typed; the attendance names the attendee
once() { sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1; }
NR="/series/$sid/occurrences/20270310T100000/record"
req GET "$NR/edit"
expect "the record form answers, its attendee named" 200 "Rashad Guliyev $sfx"
post "$NR/edit" once="$(once)" version=0 item_rows=1 item_0_title_en="Item $sfx" item_0_title_az="Bənd $sfx" \
	item_0_presenter="$sfx Nigar Hasanova" attendance_rows=1 attendance_0_person="$rashad" attendance_0_status=present \
	action_rows=1 action_0_what_en="Do it $sfx" action_0_what_az="Et $sfx" action_0_owner="rashad guliyev $sfx" \
	action_0_status=open action=save
check "a record saves with a typed presenter and a typed action owner" test "$STATUS" = 303
same "… the presenter" "$(sql "SELECT i.presenter_id FROM record_item i JOIN meeting_record r ON r.id = i.record_id
	WHERE r.series_id = $sid")" "$nigar"
same "… the owner" "$(sql "SELECT a.owner_id FROM record_action a JOIN meeting_record r ON r.id = a.record_id
	WHERE r.series_id = $sid")" "$rashad"

# a group of people, typed (as admin, who keeps the groups)
as admin
post /groups/new name_en="Group $sfx" name_az="Qrup $sfx" member_rows=2 member_0_person="Rashad Guliyev $sfx" \
	member_1_person="$sfx Nigar Hasanova"
check "a group saves with typed members" test "$STATUS" = 303
gid=$(location)
gid=${gid##*/}
same "… those two" "$(sql "SELECT string_agg(person_id::text, ' ' ORDER BY person_id) FROM person_group_member WHERE group_id = ${gid:-0}")" \
	"$(printf '%s\n' "$rashad" "$nigar" | sort -n | tr '\n' ' ' | sed 's/ $//')"
sql "DELETE FROM person_group WHERE id = ${gid:-0}" >/dev/null

# a person's feed address: made from their page, since the form lists no one
as admin
req GET "/people/$rashad"
expect "a person's page links to a new feed address of theirs" 200 "href=\"/feeds/new?scope=person:$rashad\""
req GET "/feeds/new?scope=person:$rashad"
expect "… whose form has that person chosen" 200 "<option value=\"person:$rashad\" selected>Person: Rashad Guliyev $sfx</option>" \
	"There are too many memoranda, organisations or people to list them all here"
refute "… and lists no one else" "Crowd 1 $sfx"
# ---- organisations: past 300, typed too ----
sql "INSERT INTO organisation (slug, kind, name_en, name_az, short_name_en, short_name_az)
     SELECT 'crowd-$sfx-' || g, 'other', 'Crowd Org ' || g || ' $sfx', 'Kütlə Təşkilatı ' || g || ' $sfx', NULL, NULL
     FROM generate_series(1, 310) g;
     INSERT INTO organisation (slug, kind, name_en, name_az, short_name_en, short_name_az) VALUES
       ('archive-$sfx', 'ngo', 'Khazar Archive $sfx', 'Xəzər Arxivi $sfx', 'KA$sfx', 'XA$sfx'),
       ('twin-a-$sfx', 'ngo', 'Twin Society $sfx', 'Əkiz Cəmiyyəti $sfx', NULL, NULL),
       ('twin-b-$sfx', 'ngo', 'Twin Society $sfx', 'Əkiz Cəmiyyəti $sfx', NULL, NULL)" >/dev/null
archive=$(sql "SELECT id FROM organisation WHERE slug = 'archive-$sfx'")
as editor
req GET /memoranda/new
expect "with more than 300 organisations a party is typed too" 200 \
	'<input id="party_0_org" name="party_0_org" type="text" value=""' "Type a name or a short name, or part of one."
refute "… and the form lists none of them" "Crowd Org 1 $sfx"
post /memoranda/new title_en="Org memo $sfx" title_az="Təşkilat $sfx" signed_on=2026-02-01 status=signed \
	party_rows=2 party_0_org="xəzər arxivi $sfx" party_1_org="1" \
	member_rows=1 member_0_person="#$rashad" member_0_role=contact member_0_org="ka$sfx"
check "a memorandum saves with a party typed by name and a member's organisation by its short name" test "$STATUS" = 303
om=$(location)
om=${om##*/}
same "… its parties" "$(sql "SELECT string_agg(organisation_id::text, ' ' ORDER BY organisation_id) FROM memorandum_party
	WHERE memorandum_id = ${om:-0}")" "1 $archive"
same "… the member's organisation" "$(sql "SELECT organisation_id FROM memorandum_member WHERE memorandum_id = ${om:-0}")" "$archive"
req GET "/memoranda/$om/edit"
expect "… and the form shows it by name and number" 200 "value=\"Khazar Archive $sfx (#$archive)\""
post /memoranda/new title_en="Twin memo $sfx" title_az="Əkiz $sfx" signed_on=2026-02-01 status=signed \
	party_rows=2 party_0_org="Twin Society $sfx" party_1_org="1"
expect "a name two organisations have is refused, naming the field" 422 \
	'id="party_0_org-error">2 organisations match: choose one.'
post /memoranda/new title_en="None memo $sfx" title_az="Heç $sfx" signed_on=2026-02-01 status=signed \
	party_rows=2 party_0_org="No Such Body $sfx" party_1_org="1"
expect "a name no organisation has is refused" 422 'id="party_0_org-error">No organisation has this name'
post /memoranda/new title_en="Outside memo $sfx" title_az="Kənar $sfx" signed_on=2026-02-01 status=signed \
	party_rows=2 party_0_org="Khazar Archive $sfx" party_1_org="1" \
	member_rows=1 member_0_person="#$rashad" member_0_role=contact member_0_org="Twin Society $sfx (#$(sql "SELECT id FROM organisation WHERE slug = 'twin-a-$sfx'"))"
expect "a member's organisation typed must still be one of the parties" 422 'id="member_0_org-error">This organisation is not one of the parties.'
same "… none of the refused memoranda was saved" "$(sql "SELECT count(*) FROM memorandum WHERE title_en IN ('Twin memo $sfx', 'None memo $sfx', 'Outside memo $sfx')")" 0
post /people/new full_name_en="Positioned $sfx" full_name_az="Vəzifəli $sfx" preferred_lang=en rows=1 \
	position_0_org="Xəzər Arxivi $sfx" position_0_title_en="Archivist" position_0_title_az="Arxivçi"
check "a person saves with a position at a typed organisation" test "$STATUS" = 303
pp=$(location)
pp=${pp##*/}
same "… that one" "$(sql "SELECT organisation_id FROM position WHERE person_id = ${pp:-0}")" "$archive"
sql "DELETE FROM position WHERE person_id = ${pp:-0}" >/dev/null
as admin

req GET "/memoranda/$mid"
expect "a memorandum's page links to a new feed address of it too" 200 "href=\"/feeds/new?scope=memorandum:$mid\""
req GET "/organisations/1"
expect "… and an organisation's" 200 'href="/feeds/new?scope=organisation:1"'
req GET "/feeds/new?scope=memorandum:$mid"
expect "… whose form has it chosen" 200 "<option value=\"memorandum:$mid\" selected>"

# what this added goes, so the tests after it (the browser's) find the lists as they were
cleanup
same "the people and organisations this test added are removed" \
	"$(sql "SELECT (SELECT count(*) FROM person WHERE full_name_en LIKE '%$sfx%') + (SELECT count(*) FROM organisation WHERE name_en LIKE '%$sfx%')")" 0
