#!/usr/bin/env bash
# t14_done.sh - every change answers 303 to a page that says what happened, in the user's language: the
# organisation, person, memorandum, account, meeting and occurrence changes, and a feed address revoked.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
version() { sql "SELECT version FROM $1 WHERE id = ${2:-0}"; }
sfx=$(date +%s%N | tail -c 7)

# said WHAT EN AZ: the last answer was a 303 whose page says EN in English and AZ in Azerbaijani (the
# message is chosen on each GET from the ?done= key, so the same address is read in both languages)
said() {
	local what=$1 en=$2 az=$3 loc
	loc=$(header Location)
	if [ "$STATUS" != 303 ] || [[ "$loc" != *"?done="* ]]; then
		fail "$what: 303 to a page with a ?done= note" "status $STATUS, Location: $loc"
		return
	fi
	req GET "$loc"
	expect "$what: the page it leads to says so in English" 200 "role=\"alert\">$en"
	post /language lang=az back=/
	req GET "$loc"
	expect "$what: … and in Azerbaijani" 200 "role=\"alert\">$az"
	post /language lang=en back=/
}

as editor
post /language lang=en back=/

# ---- organisations ----
post /organisations/new name_en="Done Org $sfx" name_az="Hazır Təşkilat $sfx" slug="done-$sfx" kind=ngo
org=$(location)
said "creating an organisation" "The organisation was added." "Təşkilat əlavə edildi."
oid=${org##*/}
post "$org/edit" name_en="Done Org $sfx" name_az="Hazır Təşkilat $sfx" slug="done-$sfx" kind=university \
	version="$(version organisation "$oid")"
said "changing an organisation" "The organisation&#39;s changes were saved." "Təşkilatdakı dəyişikliklər yadda saxlanıldı."
req GET "$org"
refute "the organisation's page opened again says nothing of a change" 'class="notice"'
req GET "$org?done=no_such_thing"
refute "an unknown ?done= key says nothing" 'class="notice"'

# ---- people ----
post /people/new full_name_en="Done Person $sfx" full_name_az="Hazır Şəxs $sfx" preferred_lang=en rows=0
person=$(location)
said "adding a person" "The person was added." "Şəxs əlavə edildi."
pid=${person##*/}
post "$person/edit" full_name_en="Done Person $sfx" full_name_az="Hazır Şəxs $sfx" preferred_lang=az rows=0 \
	version="$(version person "$pid")"
said "changing a person" "The person&#39;s changes were saved." "Şəxsdəki dəyişikliklər yadda saxlanıldı."

# ---- memoranda, with a meeting and an occurrence ----
memo_fields=(title_en="Done memo $sfx" title_az="Hazır memo $sfx" signed_on=2025-01-01 status=active
	party_rows=2 party_0_org=1 party_1_org=2)
post /memoranda/new "${memo_fields[@]}"
memo=$(location)
said "adding a memorandum" "The memorandum was added." "Memorandum əlavə edildi."
mid=${memo##*/}
post "$memo/edit" "${memo_fields[@]/status=active/status=draft}" version="$(version memorandum "$mid")"
said "changing a memorandum" "The memorandum&#39;s changes were saved." "Memorandumdakı dəyişikliklər yadda saxlanıldı."

D=$(date -d "next thursday + 14 days" +%F)
post "$memo/series/new" kind=meeting status=confirmed title_en="Done meeting $sfx" title_az="Hazır görüş $sfx" \
	tzid=Asia/Baku start_date="$D" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=3 \
	attendee_rows=0 action=confirm
series=$(location)
said "scheduling a meeting" "The meeting was saved." "Görüş yadda saxlanıldı."
sid=${series##*/}
occ="$series/occurrences/$(date -d "$D" +%Y%m%d)T100000"
post "$occ/cancel" version="$(version series "$sid")"
said "cancelling an occurrence" "This occurrence was cancelled." "Bu təkrar ləğv edildi."
post "$series/delete" version="$(version series "$sid")"
said "deleting a meeting" "The meeting was deleted." "Görüş silindi."

post "$memo/delete" version="$(version memorandum "$mid")"
said "deleting a memorandum" "The memorandum was deleted." "Memorandum silindi."
post "$person/delete" version="$(version person "$pid")"
said "deleting a person" "The person was deleted." "Şəxs silindi."
post "$org/delete" version="$(version organisation "$oid")"
said "deleting an organisation" "The organisation was deleted." "Təşkilat silindi."
check "the deleted records are gone" test \
	"$(sql "SELECT count(*) FROM organisation WHERE id = $oid")$(sql "SELECT count(*) FROM person WHERE id = $pid")$(sql "SELECT count(*) FROM memorandum WHERE id = $mid")" = 000

# ---- accounts and feed addresses, as admin ----
as admin
post /language lang=en back=/
pw="done-$RANDOM-$sfx-password"
post /users/new login="done$sfx" display_name="Done User $sfx" role=viewer password="$pw" password_confirm="$pw"
said "creating an account" "The account was created." "Hesab yaradıldı."
uid=$(sql "SELECT id FROM staff_user WHERE login = 'done$sfx'")
post "/users/$uid/edit" display_name="Done User $sfx" role=editor version="$(version staff_user "$uid")"
said "changing an account" "The account&#39;s changes were saved." "Hesabdakı dəyişikliklər yadda saxlanıldı."

post /feeds/new scope=organisation:1 lang=en label="Done feed $sfx"
fid=$(sql "SELECT max(id) FROM feed_token WHERE label = 'Done feed $sfx'")
post "/feeds/${fid:-0}/revoke"
said "revoking a feed address" "The feed address was revoked" "Lent ünvanı etibarsız edildi"
