#!/usr/bin/env bash
# t50_people.sh - the people pages: list and search, create/edit/delete with positions, validation, roles, audit.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
count() { sql "SELECT count(*) FROM $1"; }
# people and positions together: a refused form must leave both as they were
counts() { sql "SELECT (SELECT count(*) FROM person) || '/' || (SELECT count(*) FROM position)"; }

khazar=$(sql "SELECT id FROM organisation WHERE slug = 'khazar'")
miras=$(sql "SELECT id FROM organisation WHERE slug = 'miras'")
irada=$(sql "SELECT id FROM person WHERE full_name_en = 'Irada Khalilova'")

# ---- reading, as viewer ----
as viewer
post /language lang=en back=/people # other tests may have left this account in Azerbaijani
req GET /people
expect "the people list shows the six seed people in both languages" 200 \
	"İradə Xəlilova" "Irada Khalilova" "Fariz Xəlilli" "Qafar Cəbiyev" "Çikar Qasımov" "Məleykə Hüseynova" \
	"Səlimə Əhmədova" "Salima Ahmadova"
expect "the list shows each person's position at their organisation" 200 "Rector, Khazar" "Board Member, MIRAS"
refute "a viewer gets no 'New person' button" 'href="/people/new"'
for q in xelilova XƏLİLOVA khalilova; do
	req GET /people -G --data-urlencode "q=$q"
	expect "search \"$q\" finds Irada Khalilova" 200 "href=\"/people/$irada\"" "Irada Khalilova"
	refute "search \"$q\" finds nobody else" "Gafar Jabiyev" "Fariz Khalilli"
done
req GET /people -G --data-urlencode "q=rektor"
expect "search matches position titles in Azerbaijani too" 200 "href=\"/people/$irada\""
req GET /people -G --data-urlencode "q=nothing-like-this"
expect "a search with no match says so" 200 "No people match."

req GET "/people/$irada"
expect "a person's page shows the names in both languages and the honorific" 200 \
	"Irada Khalilova" "İradə Xəlilova" "Assoc. Prof." "Dr."
expect "a person's page links the position's organisation and the memorandum with the role" 200 \
	"Rector" "Rektor" "href=\"/organisations/$khazar\"" "Khazar University" 'href="/memoranda/1"' "Signatory"
refute "a viewer sees no edit or delete button" "href=\"/people/$irada/edit\"" "/people/$irada/delete"
req GET /people/999999
expect "an unknown person is a 404 with a message" 404 "There is no person with this number."

before=$(counts)
req GET /people/new
check "a viewer may not open the new-person form (403)" test "$STATUS" = 403
post /people/new full_name_en='Viewer Made' full_name_az='Baxan yaradıb' preferred_lang=en rows=0
expect "a viewer's POST is 403" 403 "You may not do this."
post "/people/$irada/edit" full_name_en='Changed' full_name_az='Dəyişib' preferred_lang=en version=1 rows=0
check "a viewer's edit is 403 and changes nothing" \
	test "$STATUS" = 403 -a "$(sql "SELECT full_name_en FROM person WHERE id = $irada")" = "Irada Khalilova"
post "/people/$irada/delete" version=1
check "a viewer's delete is 403 and deletes nothing" test "$STATUS" = 403 -a "$(count "person WHERE id = $irada")" = 1
check "nothing a viewer sent was stored" test "$(counts)" = "$before"

# ---- creating, as editor ----
as editor
post /language lang=en back=/people
req GET /people/new
expect "the new-person form has two empty position rows and organisations to choose" 200 \
	'name="rows" value="2"' 'id="position_1_title_az"' "<option value=\"$khazar\">Khazar University</option>"
refute "the new-person form has no third row" 'id="position_2_org"'

before=$(counts)
post /people/new full_name_en='Leyla Mammadova' full_name_az='Leyla Məmmədova' honorific_en='Prof.' \
	honorific_az='Prof.' email='Leyla.Mammadova@Example.org' preferred_lang=az rows=4 \
	position_0_org="$khazar" position_0_title_en='Dean of Humanities' position_0_title_az='Humanitar elmlər fakültəsinin dekanı' \
	position_1_org="$miras" position_1_title_en='Adviser' position_1_title_az='Məsləhətçi' \
	position_2_org= position_2_title_en= position_2_title_az= position_3_org= position_3_title_en=' ' position_3_title_az=
check "a valid person with two positions is created (303 to their page)" \
	bash -c "test $STATUS = 303 && echo '$(header Location)' | grep -qE '^/people/[0-9]+\?done=person_created$'"
leyla=$(location)
leyla=${leyla##*/}
check "the person and exactly their two positions are stored, Azerbaijani intact" test \
	"$(sql "SELECT full_name_az || '|' || email || '|' || (SELECT string_agg(title_az, ',' ORDER BY sort) FROM position WHERE person_id = $leyla) FROM person WHERE id = $leyla")" \
	= "Leyla Məmmədova|leyla.mammadova@example.org|Humanitar elmlər fakültəsinin dekanı,Məsləhətçi"
req GET "/people/$leyla"
expect "the new person's page shows both names, both positions and the e-mail as a mailto link" 200 \
	"Leyla Mammadova" "Leyla Məmmədova" "Dean of Humanities" "Humanitar elmlər fakültəsinin dekanı" \
	"Adviser" "Məsləhətçi" "href=\"/organisations/$miras\"" 'href="mailto:leyla.mammadova@example.org"' \
	"Azerbaijani" "Not a member of any memorandum."
expect "an editor sees edit and delete on the person's page" 200 "href=\"/people/$leyla/edit\"" "/people/$leyla/delete"
post /language lang=az back=/people
req GET "/people/$leyla"
expect "in Azerbaijani the page leads with the Azerbaijani name and titles" 200 \
	'<html lang="az">' 'Leyla Məmmədova</h1>' "Humanitar elmlər fakültəsinin dekanı · <span lang=\"en\">Dean of Humanities" \
	"Vəzifələr" "Redaktə et"
post /language lang=en back=/people
check "the create is in the audit log once, with both positions" test \
	"$(sql "SELECT count(*) || '|' || max(jsonb_array_length(changes->'positions')) || '|' || max(changes->>'full_name_az') FROM audit_log WHERE entity = 'person' AND entity_id = $leyla AND action = 'create'")" \
	= "1|2|Leyla Məmmədova"

# ---- refused input: 422, everything typed kept, nothing stored ----
before=$(counts)
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' email='not-an-email' preferred_lang=en rows=2
expect "an invalid e-mail is a 422 with the message by the field" 422 \
	'id="email-error">Not an e-mail address' 'value="Test Person"' 'value="Sınaq Şəxsi"' 'value="not-an-email"'
post /people/new full_name_en= full_name_az='Sınaq Şəxsi' preferred_lang=en rows=2
expect "a missing name is a 422 with the message by the field" 422 'id="full_name_en-error">Please fill this in.'
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' preferred_lang=en rows=2 \
	position_0_org="$khazar" position_0_title_en= position_0_title_az='Yarımçıq' position_1_org= position_1_title_en='Lecturer'
expect "a half-filled position row is a 422 naming each missing cell" 422 \
	'id="position_0_title_en-error">Please fill this in.' 'id="position_1_org-error">Please fill this in.' \
	'id="position_1_title_az-error">Please fill this in.' 'value="Yarımçıq"' 'value="Lecturer"' \
	"<option value=\"$khazar\" selected>"
refute "a complete cell of a half-filled row gets no message" 'id="position_0_org-error"' 'id="position_0_title_az-error"'
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' preferred_lang=en rows=2 \
	position_0_org=999999 position_0_title_en='Lecturer' position_0_title_az='Müəllim'
expect "an organisation that does not exist is a 422 on that cell" 422 'id="position_0_org-error">Choose one of the options.'
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' preferred_lang=en rows=2 \
	position_0_org="$khazar" position_0_title_en='Lecturer' position_0_title_az='Müəllim' \
	position_1_org="$khazar" position_1_title_en='Lecturer' position_1_title_az='Baş müəllim'
expect "the same title twice at one organisation is a 422 on the second row" 422 \
	'id="position_1_title_en-error">Another row already gives this title'
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' preferred_lang=fr rows=2 \
	email='LEYLA.MAMMADOVA@example.org'
expect "an unknown preferred language is a 422" 422 'id="preferred_lang-error">Choose one of the options.'
post /people/new full_name_en='Test Person' full_name_az='Sınaq Şəxsi' preferred_lang=en rows=2 \
	email='LEYLA.MAMMADOVA@example.org' position_0_org="$khazar" position_0_title_en='Lecturer' position_0_title_az='Müəllim'
expect "an e-mail another person has (in any case) is a 422 by the field" 422 \
	'id="email-error">Another person already has this e-mail address.' 'value="LEYLA.MAMMADOVA@example.org"' 'value="Müəllim"'
long=$(printf 'x%.0s' $(seq 1 301))
post /people/new full_name_en="$long" full_name_az='Sınaq' honorific_en='Professor of a very long and entirely unreasonable honorific title' \
	preferred_lang=en rows=0
expect "names over 300 and honorifics over 60 letters are refused" 422 \
	'id="full_name_en-error">At most 300 characters.' 'id="honorific_en-error">At most 60 characters.'
check "no refused form stored a person or a position" test "$(counts)" = "$before"

# ---- more rows: nothing stored, everything kept ----
post /people/new action=more full_name_en='Typed Name' full_name_az='Yazılmış Ad' email='typed@example.org' \
	preferred_lang=en rows=2 position_0_org="$miras" position_0_title_en='Typed title' position_1_title_az='Yazılmış vəzifə'
expect "the more-rows button sends the form back with two more rows" 200 \
	'name="rows" value="4"' 'id="position_3_title_az"' 'value="Typed Name"' 'value="Yazılmış Ad"' \
	'value="typed@example.org"' 'value="Typed title"' 'value="Yazılmış vəzifə"' "<option value=\"$miras\" selected>"
refute "the more-rows answer shows no error and has no fifth row" 'class="error"' 'id="position_4_org"'
check "the more-rows button stored nothing" test "$(counts)" = "$before"
post /people/new action=more full_name_en='Typed Name' full_name_az='Yazılmış Ad' preferred_lang=en rows=20
expect "rows stop at 20" 200 'name="rows" value="20"'
refute "no more-rows button at the cap" 'value="more"'

# ---- the database busy past lock_timeout: 503, the form kept, nothing stored ----
# A SHARE lock on person holds every write to it past lock_timeout (2 s); reads go on.
stack_psql -c "BEGIN; LOCK TABLE person IN SHARE MODE; SELECT pg_sleep(8); COMMIT;" >/dev/null 2>&1 &
locker=$!
for _ in $(seq 50); do
	[ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'person' AND l.mode = 'ShareLock' AND l.granted")" = 1 ] && break
	sleep 0.1
done
post /people/new full_name_en='Slow Database' full_name_az='Yavaş baza' preferred_lang=en rows=2 \
	position_0_org="$khazar" position_0_title_en='Waiting' position_0_title_az='Gözləyir'
expect "a save that waits past lock_timeout is a 503 that keeps the form and says why" 503 \
	"Another change to the same records is being saved right now, so nothing was saved." 'value="Slow Database"' 'value="Gözləyir"' \
	"<option value=\"$khazar\" selected>"
wait "$locker"
check "the unanswered save stored nothing" test "$(counts)" = "$before"

# ---- editing: the form, a real update, a stale one ----
req GET "/people/$leyla/edit"
expect "the edit form shows both positions plus two empty rows" 200 \
	'name="rows" value="4"' 'value="Dean of Humanities"' 'value="Məsləhətçi"' 'id="position_3_org"' \
	'name="version" value="1"'
refute "the edit form has no fifth row" 'id="position_4_org"'
post "/people/$leyla/edit" full_name_en='Leyla Mammadova' full_name_az='Leyla Məmmədova' honorific_en='Assoc. Prof.' \
	honorific_az='Dos.' email='leyla.mammadova@example.org' preferred_lang=az version=1 rows=4 \
	position_0_org="$khazar" position_0_title_en='Dean of Humanities' position_0_title_az='Humanitar elmlər fakültəsinin dekanı' \
	position_1_org= position_1_title_en= position_1_title_az=
check "an edit with the current version saves (303) and an emptied row removes that position" \
	test "$STATUS" = 303 -a "$(count "position WHERE person_id = $leyla")" = 1
check "the update is in the audit log once, with only the changed fields (honorifics, positions)" test \
	"$(sql "SELECT count(*) || '|' || string_agg((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(changes) k), ';') || '|' || max(changes->'honorific_en'->>0) FROM audit_log WHERE entity = 'person' AND entity_id = $leyla AND action = 'update'")" \
	= "1|honorific_az,honorific_en,positions|Prof."
post "/people/$leyla/edit" full_name_en='Stale Edit' full_name_az='Köhnə redaktə' preferred_lang=en version=1 rows=2 \
	position_0_org="$miras" position_0_title_en='Stale title' position_0_title_az='Köhnə vəzifə'
expect "an edit from a stale version is a 409 that keeps the input" 409 \
	"Someone else saved this record" 'value="Stale Edit"' 'value="Köhnə redaktə"' 'value="Stale title"'
check "the stale edit changed neither the person nor the positions" test \
	"$(sql "SELECT full_name_en || '|' || honorific_en || '|' || (SELECT string_agg(title_en, ',') FROM position WHERE person_id = $leyla) FROM person WHERE id = $leyla")" \
	= "Leyla Mammadova|Assoc. Prof.|Dean of Humanities"
check "a refused edit leaves no audit row" test "$(count "audit_log WHERE entity = 'person' AND entity_id = $leyla")" = 2
req GET /people/999999/edit
expect "editing an unknown person is a 404" 404 "There is no person with this number."

# ---- hostile text: escaped markup, verbatim SQL metacharacters ----
xss1='<script>alert(1)</script>'
xss2='"><img src=x onerror=alert(1)>'
post /people/new full_name_en="$xss1" full_name_az="$xss2" honorific_en="$xss1" honorific_az="$xss2" preferred_lang=en \
	rows=2 position_0_org="$khazar" position_0_title_en="$xss1" position_0_title_az="$xss2"
check "a person with markup in every text field is stored as typed" \
	bash -c "test $STATUS = 303 && echo '$(header Location)' | grep -qE '^/people/[0-9]+\?done=person_created$'"
x=$(location)
x=${x##*/}
check "the markup is stored verbatim" test "$(sql "SELECT full_name_az FROM person WHERE id = ${x:-0}")" = "$xss2"
for page in "the person's page:/people/$x" "the edit form:/people/$x/edit" "the list:/people?q=script"; do
	req GET "${page#*:}"
	expect "${page%%:*} shows the markup escaped" 200 '&lt;script&gt;alert(1)&lt;/script&gt;' '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
	refute "${page%%:*} never shows it raw" '<script>alert(1)' '<img src=x'
done
post /people/new full_name_en="$xss1" full_name_az="$xss2" email="$xss2@example.org" preferred_lang=en rows=1 \
	position_0_title_en="$xss1"
expect "a refused form echoes markup escaped" 422 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.org"'
refute "a refused form never echoes it raw" '<script>alert(1)' '<img src=x'

sql1="'; DROP TABLE person; --"
sql2='%_\'
post /people/new full_name_en="$sql1" full_name_az="$sql2" honorific_en="$sql2" preferred_lang=en rows=1 \
	position_0_org="$miras" position_0_title_en="$sql1" position_0_title_az="$sql2"
s=$(location)
s=${s##*/}
check "SQL metacharacters are stored verbatim" test \
	"$(sql "SELECT full_name_en || '|' || full_name_az || '|' || (SELECT title_en FROM position WHERE person_id = ${s:-0}) FROM person WHERE id = ${s:-0}")" \
	= "$sql1|$sql2|$sql1"
req GET "/people/$s"
expect "SQL metacharacters are shown verbatim" 200 "&#39;; DROP TABLE person; --" "%_\\"
req GET /people -G --data-urlencode 'q=%_\'
expect "a search for %_\\ matches only the text itself, not everything" 200 "href=\"/people/$s\""
refute "the %_\\ search finds no one else" "Irada Khalilova"

# ---- deleting ----
v=$(sql "SELECT version FROM person WHERE id = $irada")
members=$(count memorandum_member)
post "/people/$irada/delete" version="$v"
expect "a memorandum's signatory and member is not deleted (409, with why)" 409 \
	"still a member or signatory of a memorandum" "Irada Khalilova"
check "the refused delete kept the person, the membership and the party's signatory" test \
	"$(count "person WHERE id = $irada")|$(count memorandum_member)|$(count "memorandum_party WHERE signatory_id = $irada")" \
	= "1|$members|1"
post "/people/$leyla/delete" version=1
expect "a delete from a stale version is a 409" 409 "Someone else changed this record after you opened it"
post "/people/$leyla/delete" version=2
check "a person who belongs to no memorandum is deleted (303 to the list) with their positions" \
	test "$STATUS" = 303 -a "$(header Location)" = "/people?done=person_deleted" \
	-a "$(count "person WHERE id = $leyla")|$(count "position WHERE person_id = $leyla")" = "0|0"
check "the audit log holds one create, one update and one delete, the delete with the record" test \
	"$(sql "SELECT string_agg(action, ',' ORDER BY id) || '|' || max(CASE WHEN action = 'delete' THEN (changes->>'full_name_en') || '/' || jsonb_array_length(changes->'positions') END) FROM audit_log WHERE entity = 'person' AND entity_id = $leyla")" \
	= "create,update,delete|Leyla Mammadova/1"
post "/people/$leyla/delete" version=2
expect "deleting a deleted person is a 404" 404 "There is no person with this number."
for id in "$x" "$s"; do post "/people/$id/delete" version=1; done
check "the test's other people are deleted again" test "$(count "person WHERE id IN (${x:-0}, ${s:-0})")" = 0
