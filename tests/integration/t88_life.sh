#!/usr/bin/env bash
# t88_life.sh - a memorandum's life (issue 16, item 1): the state computed from its dates on fixtures
# dated from today (draft, signed, active, expiring, expired), terminate, renew (the successor's parts
# copied, both linked), amendments, every status change in the audit log and on the memorandum's page,
# bad input named per field in English and Azerbaijani with nothing stored, and who may do what.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
version() { sql "SELECT version FROM memorandum WHERE id = $1"; }
sfx=$(date +%s%N | tail -c 7)
# the day in memocal's zone, and days around it
today=$(TZ=Asia/Baku date +%F)
day() { TZ=Asia/Baku date -d "$today $1" +%F; }

as editor
post /language lang=en back=/

# new_memo NAME SIGNED FROM UNTIL STATUS: a memorandum with two parties, a member, an area and a project; its id
new_memo() {
	post /memoranda/new title_en="$1 $sfx" title_az="$1 az $sfx" signed_on="$2" valid_from="$3" valid_until="$4" \
		status="$5" party_rows=2 party_0_org=1 party_1_org=2 member_rows=1 member_0_person=1 member_0_role=coordinator \
		area_rows=1 area_0_en="Regular meetings $sfx" area_0_az="Müntəzəm görüşlər $sfx" project=1 >/dev/null
	[ "$STATUS" = 303 ] || echo "new_memo $1: $STATUS $(head -c 300 "$OUT/body")" >&2
	local loc
	loc=$(location)
	echo "${loc##*/}"
}

# ---- the state follows the dates (notice period: 6 months by default) ----
active=$(new_memo Active "$(day '-400 days')" "$(day '-400 days')" "$(day '+400 days')" signed)
expiring=$(new_memo Expiring "$(day '-700 days')" "$(day '-700 days')" "$(day '+60 days')" signed)
expired=$(new_memo Expired "$(day '-800 days')" "$(day '-800 days')" "$(day '-10 days')" signed)
draft=$(new_memo Draft "$(day '-5 days')" "" "$(day '+700 days')" draft)
pending=$(new_memo Pending "$(day '-5 days')" "$(day '+30 days')" "$(day '+700 days')" signed)
# just outside and just inside the notice period
outside=$(new_memo Outside "$(day '-300 days')" "" "$(day '+7 months')" signed)
inside=$(new_memo Inside "$(day '-300 days')" "" "$(day '+5 months')" signed)
# an older script's "active" is a signed memorandum: the dates say the rest
legacy=$(new_memo Legacy "$(day '-30 days')" "" "" active)

state_is() { # NAME ID CLASS LABEL
	req GET "/memoranda/$2"
	expect "$1: the page says $4" 200 "class=\"status status-$3\">$4</span>"
}
state_is "signed, in force since 400 days, ending in 400 days" "$active" active Active
state_is "ending in 60 days (inside 6 months' notice)" "$expiring" expiring Expiring
state_is "ended 10 days ago" "$expired" expired Expired
state_is "a draft" "$draft" draft Draft
state_is "signed, in force from in 30 days" "$pending" signed "Signed, not yet in force"
state_is "ending in 7 months" "$outside" active Active
state_is "ending in 5 months" "$inside" expiring Expiring
state_is "sent as 'active' by an older form" "$legacy" active Active
check "the older form's 'active' is stored as the decision 'signed'" \
	test "$(sql "SELECT status FROM memorandum WHERE id = $legacy")" = signed
check "only decisions are stored: no state column holds 'expiring' or 'expired'" \
	test "$(sql "SELECT count(*) FROM memorandum WHERE status NOT IN ('draft', 'signed')")" = 0
req GET "/memoranda?q=$sfx"
expect "the list shows each one's state" 200 'status-expiring">Expiring' 'status-expired">Expired' \
	'status-signed">Signed, not yet in force' 'status-draft">Draft' 'status-active">Active'
post /language lang=az back=/
state_is "in Azerbaijani, ending in 60 days" "$expiring" expiring "Müddəti bitmək üzrədir"
post /language lang=en back=/

# ---- terminate: bad input per field, in both languages; nothing stored ----
v=$(version "$expired")
post "/memoranda/$expired/terminate" terminated_on="" reason_en="" reason_az="Səbəb $sfx" version="$v"
expect "terminating without a date or an English reason is refused, each field named" 422 \
	'id="terminated_on-error">Please fill this in.' 'id="reason_en-error">Please fill this in.' "Səbəb $sfx"
post "/memoranda/$expired/terminate" terminated_on="$(day '-900 days')" reason_en="Why $sfx" reason_az="Səbəb $sfx" version="$v"
expect "a termination before the signing is refused on its date" 422 \
	'id="terminated_on-error">This date is before the memorandum was signed.' "Why $sfx"
post "/memoranda/$expired/terminate" terminated_on="$(day '+3 days')" reason_en="Why $sfx" reason_az="Səbəb $sfx" version="$v"
expect "an ended one terminated in days to come is refused on its date (it has ended already)" 422 \
	"id=\"terminated_on-error\">This date is after the memorandum&#39;s last day" "Why $sfx"
va=$(version "$active")
post "/memoranda/$active/terminate" terminated_on="$(day '+500 days')" reason_en="Late $sfx" reason_az="Gec $sfx" version="$va"
expect "one in force terminated past its last day (in 400 days) is refused on its date" 422 \
	"id=\"terminated_on-error\">This date is after the memorandum&#39;s last day" "Late $sfx"
check "… and stays active, undecided" test "$(sql "SELECT terminated_on IS NULL AND version = $va FROM memorandum WHERE id = $active")" = t
post /language lang=az back=/
post "/memoranda/$active/terminate" terminated_on="$(day '+401 days')" reason_en="Late $sfx" reason_az="Gec $sfx" version="$va"
expect "… in Azerbaijani too, a day after its last" 422 "id=\"terminated_on-error\">Bu tarix memorandumun son günündən sonradır"
post "/memoranda/$expired/terminate" terminated_on="2025-02-30" reason_en="Why $sfx" reason_az="" version="$v"
expect "… and in Azerbaijani: a day that does not exist, an empty reason" 422 \
	'id="terminated_on-error">Tarix deyil' 'id="reason_az-error">Bu sahəni doldurun.' "Why $sfx"
post /language lang=en back=/
check "nothing was stored by the refused terminations" \
	test "$(sql "SELECT terminated_on IS NULL AND version = $v FROM memorandum WHERE id = $expired")" = t
audit_before=$(sql "SELECT count(*) FROM audit_log WHERE entity = 'memorandum' AND entity_id = $expired")
post "/memoranda/$expired/terminate" terminated_on="$(day '-5 days')" reason_en="Funding ended $sfx" \
	reason_az="Maliyyə bitdi $sfx" version="$v"
check "terminating answers 303 to the memorandum" test "$STATUS $(location)" = "303 /memoranda/$expired"
state_is "terminated 5 days ago" "$expired" terminated Terminated
expect "its page says when and why, in both languages" 200 "Funding ended $sfx" "Maliyyə bitdi $sfx" \
	"datetime=\"$(day '-5 days')\""
refute "a terminated memorandum offers neither renewal nor termination" "/memoranda/$expired/renew" \
	"/memoranda/$expired/terminate"
check "the termination is one audit row, an update naming the new date and the reasons" test \
	"$(sql "SELECT string_agg(action || ':' || (changes->'terminated_on'->>1) || ':' || (changes ? 'termination_reason_az'), ' ')
	        FROM audit_log WHERE entity = 'memorandum' AND entity_id = $expired AND action = 'update' AND changes ? 'terminated_on'")" = \
	"update:$(day '-5 days'):true"
check "… and the only new one" \
	test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'memorandum' AND entity_id = $expired")" = $((audit_before + 1))
post "/memoranda/$expired/terminate" terminated_on="$(day '-5 days')" reason_en="Funding ended $sfx" \
	reason_az="Maliyyə bitdi $sfx" version="$v"
check "the same termination sent again (a double click) answers as the first did, not a conflict" \
	test "$STATUS $(location)" = "303 /memoranda/$expired"
check "… and changes nothing" \
	test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'memorandum' AND entity_id = $expired")" = $((audit_before + 1))
post "/memoranda/$expired/terminate" terminated_on="$(day '-4 days')" reason_en="Again" reason_az="Yenə" \
	version="$(version "$expired")"
expect "a second, different termination is refused" 409 "already renewed or terminated"
as admin
feed_token_web "memorandum:$expired" en "Terminated $sfx"
as editor
JAR="" req GET "/feeds/$TOKEN.ics"
tr -d '\r' <"$OUT/body" >"$OUT/terminated.ics"
check "its feed marks the termination on its day and no longer says when it would have expired" bash -c \
	"grep -q '^SUMMARY:Memorandum terminated: ' '$OUT/terminated.ics' && grep -q '^DTSTART;VALUE=DATE:$(day '-5 days' | tr -d -)\$' '$OUT/terminated.ics' && ! grep -q 'Memorandum expires' '$OUT/terminated.ics'"
req GET "/memoranda/$expired/renew"
expect "a terminated memorandum cannot be renewed" 409

# ---- renew: the successor gets the parts, both link each other, two audit rows ----
req GET "/memoranda/$expiring/renew"
expect "the renewal form" 200 'name="signed_on"' 'name="valid_until"' 'name="once"'
v=$(version "$expiring")
post "/memoranda/$expiring/renew" signed_on="$(day '+1 days')" valid_from="$(day '+61 days')" \
	valid_until="$(day '-1 days')" status=signed version="$v"
expect "a renewal ending before it is signed is refused on valid_until" 422 \
	'id="valid_until-error">' "value=\"$(day '+61 days')\""
post "/memoranda/$expiring/renew" signed_on="$(day '-800 days')" valid_from="$(day '-800 days')" \
	valid_until="$(day '-750 days')" status=signed version="$v"
expect "a renewal signed before the memorandum it renews and ending before it is refused at both dates" 422 \
	'id="signed_on-error">A renewal is signed on or after the day the memorandum it renews was signed.' \
	'id="valid_until-error">A renewal runs past the last day of the memorandum it renews.'
post /language lang=az back=/
post "/memoranda/$expiring/renew" signed_on="$(day '+1 days')" valid_until="$(day '+30 days')" status=signed version="$v"
expect "… in Azerbaijani: one that ends before it does" 422 \
	'id="valid_until-error">Yeniləmə, yenilədiyi memorandumun son günündən sonra da qüvvədə olur.'
post /language lang=en back=/
post "/memoranda/$expiring/renew" signed_on="" valid_from="" valid_until="" status=maybe version="$v"
expect "… without a signing date or with an unknown status, each named" 422 \
	'id="signed_on-error">Please fill this in.' 'id="status-error">Choose one of the options.'
check "nothing was made by the refused renewals" \
	test "$(sql "SELECT count(*) FROM memorandum WHERE title_en = 'Expiring $sfx'")" = 1
post "/memoranda/$expiring/renew" signed_on="$(day '+1 days')" valid_from="$(day '+61 days')" \
	valid_until="$(day '+5 years')" status=signed version="$v"
expect "a renewal marked signed but dated after today is refused at its date (a draft until it is signed)" 422 \
	'id="signed_on-error">A renewal marked signed was signed by today'
once=$(sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1)
post "/memoranda/$expiring/renew" signed_on="$(day '+0 days')" valid_from="$(day '+61 days')" \
	valid_until="$(day '+5 years')" status=signed version="$v" once="$once"
successor=$(location)
successor=${successor##*/}
check "renewing answers 303 to a new memorandum" test "$STATUS" = 303 -a -n "$successor" -a "$successor" != "$expiring"
post "/memoranda/$expiring/renew" signed_on="$(day '+0 days')" valid_from="$(day '+61 days')" \
	valid_until="$(day '+5 years')" status=signed version="$v" once="$once"
check "the same form sent twice answers the same successor" test "$(location)" = "/memoranda/$successor"
check "the original names its successor" test "$(sql "SELECT renewed_by FROM memorandum WHERE id = $expiring")" = "$successor"
parts() {
	sql "SELECT (SELECT string_agg(organisation_id::text, ',' ORDER BY sort) FROM memorandum_party WHERE memorandum_id = $1)
	     || '|' || (SELECT string_agg(person_id || role, ',') FROM memorandum_member WHERE memorandum_id = $1)
	     || '|' || (SELECT string_agg(project_id::text, ',') FROM memorandum_project WHERE memorandum_id = $1)
	     || '|' || (SELECT string_agg(text_en || text_az, ',') FROM memorandum_area WHERE memorandum_id = $1)
	     || '|' || (SELECT title_en || summary_en IS NOT DISTINCT FROM NULL FROM memorandum WHERE id = $1)"
}
check "the successor has the original's parties, members, projects, areas and title" test "$(parts "$expiring")" = "$(parts "$successor")"
check "… and is not empty" test "$(sql "SELECT count(*) FROM memorandum_party WHERE memorandum_id = $successor")" = 2
req GET "/memoranda/$successor"
expect "the successor's page links back to what it renews, and is signed, not yet in force" 200 \
	"href=\"/memoranda/$expiring\" class=\"renews\"" 'status-signed">Signed, not yet in force'
state_is "the renewed original" "$expiring" renewed Renewed
post "/memoranda/$expiring/terminate" terminated_on="$(day '+0 days')" reason_en="Both" reason_az="Hər ikisi" \
	version="$(sql "SELECT version FROM memorandum WHERE id = $expiring")"
expect "a renewed memorandum is not terminated as well, not even by a POST past the form" 409 "already renewed or terminated"
check "… nothing stored" test "$(sql "SELECT terminated_on IS NULL FROM memorandum WHERE id = $expiring")" = t
req GET "/memoranda/$expiring"
expect "… links to its successor" 200 "href=\"/memoranda/$successor\" class=\"renewed-by\""
check "renewing wrote two audit rows: the successor created, the original updated with renewed_by" test \
	"$(sql "SELECT string_agg(action || ':' || entity_id, ' ' ORDER BY action) FROM audit_log WHERE entity = 'memorandum'
	        AND ((entity_id = $successor AND action = 'create') OR (entity_id = $expiring AND action = 'update' AND changes ? 'renewed_by'))")" \
	= "create:$successor update:$expiring"
req GET "/memoranda/$expiring/report"
expect "the original's report draws the renewal on its timeline on the successor's signing day, named" 200 \
	"data-kind=\"renewed\" data-date=\"$(day '+0 days')\"" '<tr class="fact-renewed">' "Renewed by its successor: Expiring $sfx"
req GET "/memoranda/$expiring"
expect "the original's history shows the change" 200 '<code>renewed_by</code>' "<span class=\"new\">$successor</span>"
post "/memoranda/$expiring/renew" signed_on="$(day '+0 days')" valid_until="$(day '+5 years')" status=signed \
	version="$(version "$expiring")"
expect "renewing twice is refused" 409 "already renewed or terminated"
check "… and made nothing" test "$(sql "SELECT count(*) FROM memorandum WHERE title_en = 'Expiring $sfx'")" = 2

# ---- amendments ----
post /language lang=az back=/
post "/memoranda/$active/amendments/new" amended_on="$(day '-10 days')" title_en="Amendment $sfx" title_az="" \
	summary_en="More students" version="$(version "$active")"
expect "an amendment without its Azerbaijani title is refused there, in Azerbaijani" 422 \
	'id="title_az-error">Bu sahəni doldurun.' "Amendment $sfx" "More students"
post /language lang=en back=/
post "/memoranda/$active/amendments/new" amended_on="$(day '-500 days')" title_en="Amendment $sfx" title_az="Düzəliş $sfx" \
	version="$(version "$active")"
expect "an amendment dated before the signing is refused on its date" 422 'id="amended_on-error">'
post "/memoranda/$active/amendments/new" amended_on="$(day '+401 days')" title_en="Amendment $sfx" title_az="Düzəliş $sfx" \
	version="$(version "$active")"
expect "an amendment dated after the memorandum's last day is refused on its date" 422 \
	'id="amended_on-error">This date is after the memorandum&#39;s last day in force'
check "no amendment was stored by the refusals" \
	test "$(sql "SELECT count(*) FROM memorandum_amendment WHERE memorandum_id = $active")" = 0
post "/memoranda/$active/amendments/new" amended_on="$(day '-10 days')" title_en="Amendment $sfx" title_az="Düzəliş $sfx" \
	summary_en="Two more meetings a year" summary_az="İldə daha iki görüş" version="$(version "$active")"
check "adding an amendment answers 303 to the memorandum" test "$STATUS $(location)" = "303 /memoranda/$active"
req GET "/memoranda/$active"
expect "the page lists the amendment, dated" 200 "Amendment $sfx" "Two more meetings a year" "datetime=\"$(day '-10 days')\""
expect "… and its history has the change (amendments are part of the memorandum's record)" 200 '<code>amendments</code>'
req GET "/memoranda/$active/report?from=$(day '-30 days')&to=$(day '+0 days')"
expect "the activity report's timeline marks the amendment on its day, named, and lists it beside the picture" 200 \
	"data-kind=\"amended\" data-date=\"$(day '-10 days')\"><title>Amended: " "Amendment $sfx</title>" \
	'<tr class="fact-amended">'
post /language lang=az back=/
req GET "/memoranda/$active"
expect "in Azerbaijani the amendment reads in Azerbaijani" 200 "Düzəliş $sfx" "İldə daha iki görüş"
post /language lang=en back=/
post "/memoranda/$active/amendments/new" amended_on="$(day '-9 days')" title_en="Stale $sfx" title_az="Köhnə $sfx" version=1
expect "an amendment from a form older than the record is refused as stale" 409 "Someone changed this memorandum"

# ---- who may ----
as viewer
for path in "/memoranda/$active/terminate" "/memoranda/$active/renew" "/memoranda/$active/amendments/new"; do
	req GET "$path"
	check "a viewer may not open $path" test "$STATUS" = 403
	post "$path" version="$(version "$active")"
	check "… nor send it" test "$STATUS" = 403
done
req GET "/memoranda/$active"
expect "a viewer sees the state and the history" 200 'status-active">Active' '<code>amendments</code>'
refute "… but no link to renew, terminate or amend" "/memoranda/$active/renew" "/memoranda/$active/terminate" \
	"/amendments/new"
as editor
req GET "/memoranda/$active"
expect "an editor has the links" 200 "/memoranda/$active/renew" "/memoranda/$active/terminate" "/memoranda/$active/amendments/new"
post "/memoranda/$active/terminate" terminated_on="$(day '+10 days')" reason_en="Ends early" reason_az="Tez bitir" \
	version="$(version "$active")"
state_is "a termination dated ahead leaves the memorandum what its dates say until then" "$active" active Active
expect "… and says when it will end" 200 "Ends early" "datetime=\"$(day '+10 days')\""
