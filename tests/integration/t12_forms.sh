#!/usr/bin/env bash
# t12_forms.sh - organisations and memoranda through their forms: validation, nothing lost, nothing half-stored.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
count() { stack_psql -tAc "SELECT count(*) FROM $1"; }

as editor
# ---- organisations ----
n0=$(count organisation)
post /organisations/new name_en= name_az='Bakı Dövlət Universiteti' slug='Bad Slug!' kind=university website='javascript:alert(1)'
expect "an invalid organisation form is a 422 with a message by each wrong field" 422 \
	'id="name_en-error">Please fill this in.' 'id="slug-error">Small Latin letters' 'id="website-error">A web address'
expect "the refused form keeps everything typed, Azerbaijani letters intact" 422 \
	'value="Bakı Dövlət Universiteti"' 'value="Bad Slug!"' 'value="javascript:alert(1)"'
expect "the notice at the top lists each refused field, linked to it" 422 \
	'<ul class="summary"><li><a href="#name_en">' '<li><a href="#slug">' '<li><a href="#website">' 'data-focus'
check "an invalid form stores nothing" test "$(count organisation)" = "$n0"
post /organisations/new name_en='Baku State University' name_az='Bakı Dövlət Universiteti' slug=bsu kind=university \
	website=https://bsu.edu.az
check "a valid organisation is created and shown (303 to its page)" bash -c "test $STATUS = 303 && echo '$(header Location)' | grep -qE '^/organisations/[0-9]+\?done=org_created$'"
org=$(location)
org_id=${org##*/}
req GET "$org"
expect "the new organisation's page shows both names" 200 "Baku State University" "Bakı Dövlət Universiteti"
req GET '/organisations?q=baki+dovlet'
expect "search ignores Azerbaijani diacritics and case (baki dovlet)" 200 "/organisations/$org_id"
post /organisations/new name_en=Other name_az=Digər slug=bsu kind=ngo
expect "a taken short code is a 422 next to the field" 422 'id="slug-error">Another organisation already has this short code.'

xss='<script>alert(1)</script>"><img src=x onerror=alert(1)>'
sqlm="'; DROP TABLE organisation; -- %_\\"
post "/organisations/$org_id/edit" name_en="$xss" name_az="$sqlm" short_name_en="$xss" short_name_az="$sqlm" \
	slug=bsu kind=university website=https://bsu.edu.az version=1
check "an edit with the current version saves (303)" test "$STATUS" = 303
req GET "/organisations/$org_id"
expect "markup in every text field comes back escaped" 200 '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
refute "no raw markup from user input" '<script>alert(1)' '<img src=x'
check "SQL metacharacters are stored verbatim" test "$(stack_psql -tAc "SELECT name_az FROM organisation WHERE id = $org_id")" = "$sqlm"
expect "SQL metacharacters are shown verbatim" 200 "&#39;; DROP TABLE organisation; -- %_\\"
req GET '/organisations?q=%3Cscript'
expect "the list shows the escaped name too" 200 '&lt;script&gt;alert(1)'
post "/organisations/$org_id/edit" name_en='Stale edit' name_az='Köhnə' slug=bsu kind=university version=1
expect "a save from a stale version is a 409 that keeps the input" 409 "Someone else saved this record" 'value="Stale edit"'
check "the stale save changed nothing" test "$(stack_psql -tAc "SELECT name_en FROM organisation WHERE id = $org_id")" = "$xss"
check "the audit log holds the create and the update with the changed fields" test \
	"$(stack_psql -tAc "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity = 'organisation' AND entity_id = $org_id")" = "create,update"
check "the update's audit row names old and new values" test \
	"$(stack_psql -tAc "SELECT changes->'name_en'->>0 || '|' || (changes ? 'slug')::text FROM audit_log WHERE entity = 'organisation' AND entity_id = $org_id AND action = 'update'")" = "Baku State University|false"
req GET '/organisations?q=X%C6%8FZ%C6%8FR'
expect "search in capitals with Ə finds Xəzər" 200 'href="/organisations/1"'
post /organisations/1/delete version=1
expect "an organisation that is a party cannot be deleted (409, with why)" 409 "still a party to a memorandum"
post "/organisations/$org_id/delete" version=2
check "an unused organisation is deleted" test "$STATUS" = 303 -a "$(count "organisation WHERE id = $org_id")" = 0

# ---- memoranda ----
m0=$(count memorandum)
p0=$(count memorandum_party)
post /memoranda/new title_en='Joint research' title_az='Birgə tədqiqat' signed_on=2025-02-30 status=active \
	valid_until=2020-01-01 party_rows=2 party_0_org=1 party_1_org=1 area_rows=1 area_0_en=Research member_rows=1 \
	member_0_person=2 member_0_org=999
expect "an invalid memorandum is a 422 naming each problem" 422 \
	'id="signed_on-error">Not a date' 'A memorandum needs at least two different parties.' \
	'id="party_1_org-error">This organisation is already a party.' 'id="area_0_az-error">Please fill this in.' \
	'id="member_0_role-error">Please fill this in.' 'id="member_0_org-error">This organisation is not one of the parties.'
expect "the refused memorandum form keeps what was typed" 422 'value="Birgə tədqiqat"' 'value="Research"' 'value="2025-02-30"'
check "an invalid memorandum stores nothing, not even parts" test "$(count memorandum)/$(count memorandum_party)" = "$m0/$p0"
post /memoranda/new title_en='Joint research' title_az='Birgə tədqiqat' signed_on=2025-03-01 status=active \
	valid_until=2025-03-01 party_rows=2 party_0_org=1 party_1_org=2
expect "valid_until must come after signed_on" 422 'id="valid_until-error">Must be after the signing date.'
post /memoranda/new title_en='Joint research' title_az='Birgə tədqiqat' signed_on=2025-03-01 status=active \
	party_rows=3 party_0_org=1 party_0_signatory=1 party_1_org=2 area_rows=1 area_0_en=x action=more_parties
expect "'more rows' shows the form again with two more party rows than it showed, saving nothing" 200 \
	'name="party_rows" value="5"' 'value="Birgə tədqiqat"'
check "'more rows' stored nothing" test "$(count memorandum)" = "$m0"
post /memoranda/new title_en='Joint research' title_az='Birgə tədqiqat — şəhər' signed_on=2025-03-01 status=active \
	party_rows=2 party_0_org=1 party_0_signatory=1 party_1_org=2 member_rows=1 member_0_person=3 \
	member_0_role=board_member member_0_org=2 area_rows=1 area_0_en='Student meetings' area_0_az='Tələbələrlə görüşlər' \
	project=1
check "a valid memorandum is created (303 to its page)" test "$STATUS" = 303
memo=$(location)
req GET "$memo"
expect "the new memorandum shows its parts in both languages" 200 'Birgə tədqiqat — şəhər' 'Tələbələrlə görüşlər' \
	'Xəzər Universiteti' 'İradə Xəlilova' 'PICASP'
check "its parties, member, area and project are stored" test \
	"$(stack_psql -tAc "SELECT concat((SELECT count(*) FROM memorandum_party WHERE memorandum_id = ${memo##*/}), (SELECT count(*) FROM memorandum_member WHERE memorandum_id = ${memo##*/}), (SELECT count(*) FROM memorandum_area WHERE memorandum_id = ${memo##*/}), (SELECT count(*) FROM memorandum_project WHERE memorandum_id = ${memo##*/}))")" = 2111
req GET "$memo/edit"
expect "the edit form comes filled in" 200 'value="Birgə tədqiqat — şəhər"' 'value="Student meetings"'
post "$memo/edit" title_en='Joint research' title_az='Birgə tədqiqat' signed_on=2025-03-01 status=active \
	party_rows=2 party_0_org=2 party_1_org=1 version=1
check "an edit replaces the parts as sent" test "$STATUS" = 303 -a \
	"$(stack_psql -tAc "SELECT count(*) FROM memorandum_member WHERE memorandum_id = ${memo##*/}")" = 0
check "the memorandum's audit row lists the changed title, members and areas" test \
	"$(stack_psql -tAc "SELECT changes ? 'members' AND changes ? 'areas' AND changes ? 'title_az' FROM audit_log WHERE entity='memorandum' AND entity_id=${memo##*/} AND action='update'")" = t
post "$memo/edit" title_en=Late title_az=Gec signed_on=2025-03-01 status=active party_rows=2 party_0_org=2 party_1_org=1 version=1
expect "a stale memorandum edit is a 409 with the input kept" 409 'value="Gec"'
post "$memo/delete" version=2
check "a memorandum is deleted with its parts" test "$STATUS" = 303 -a \
	"$(stack_psql -tAc "SELECT count(*) FROM memorandum_party WHERE memorandum_id = ${memo##*/}")" = 0
check "the delete is in the audit log" test \
	"$(stack_psql -tAc "SELECT count(*) FROM audit_log WHERE entity = 'memorandum' AND entity_id = ${memo##*/} AND action = 'delete'")" = 1

post /memoranda/new title_en='Heritage lab' title_az='İrs laboratoriyası' signed_on=2025-04-01 status=draft \
	party_rows=2 party_0_org=1 party_1_org=2 new_project_code=picasp new_project_name_en=x new_project_name_az=y
expect "a new project with a taken code is refused next to the field" 422 'id="new_project_code-error">A project with this code exists'
post /memoranda/new title_en='Heritage lab' title_az='İrs laboratoriyası' signed_on=2025-04-01 status=draft \
	party_rows=2 party_0_org=1 party_1_org=2 new_project_code=heritage-lab new_project_name_en='Heritage lab' \
	new_project_name_az='İrs laboratoriyası'
check "a new related project is created and linked with the memorandum" test \
	"$(stack_psql -tAc "SELECT count(*) FROM memorandum_project mp JOIN project p ON p.id = mp.project_id WHERE p.code = 'HERITAGE-LAB' AND p.name_az = 'İrs laboratoriyası'")" = 1
m0=$(count memorandum)

# a viewer reads but cannot write
as viewer
req GET /memoranda/1
refute "a viewer sees no edit button" 'href="/memoranda/1/edit"'
post /memoranda/new title_en=x title_az=y signed_on=2025-01-01 status=draft party_rows=2 party_0_org=1 party_1_org=2
expect "a viewer's POST is 403 and stores nothing" 403
check "nothing stored from the viewer" test "$(count memorandum)" = "$m0"
