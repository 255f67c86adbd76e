#!/usr/bin/env bash
# t88_commitments.sh - commitments (issue 16, item 2): an area of cooperation tied to the series that
# fulfil it and a frequency; kept or not from the meetings held (a record with attendance), counted in
# whole periods back from today; a memorandum with no meeting held for dormant_months is dormant. The
# form's bad input per field in both languages, the commitment surviving an edit of the memorandum, roles.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
version() { sql "SELECT version FROM memorandum WHERE id = $1"; }
sfx=$(date +%s%N | tail -c 7)
today=$(TZ=Asia/Baku date +%F)
day() { TZ=Asia/Baku date -d "$today $1" +%F; }

as editor
post /language lang=en back=/

areas=(area_rows=3 area_0_en="Regular meetings $sfx" area_0_az="Müntəzəm görüşlər $sfx"
	area_1_en="Joint events $sfx" area_1_az="Birgə tədbirlər $sfx"
	area_2_en="Meetings with students $sfx" area_2_az="Tələbələrlə görüşlər $sfx")
memo_fields=(title_en="Commitments $sfx" title_az="Öhdəliklər $sfx" signed_on="$(day '-200 days')"
	valid_from="$(day '-200 days')" valid_until="$(day '+3 years')" status=signed party_rows=2 party_0_org=1 party_1_org=2)
post /memoranda/new "${memo_fields[@]}" "${areas[@]}"
memo=$(location)
mid=${memo##*/}

# series SUFFIX: a weekly meeting of the memorandum; its id
series() {
	post "$memo/series/new" kind=meeting status=confirmed title_en="$1 $sfx" title_az="$1 az $sfx" tzid=Asia/Baku \
		start_date="$(day '-190 days')" start_time=10:00 end_time=11:00 repeat=weekly ends=never attendee_rows=0 action=confirm
	local loc
	loc=$(location)
	echo "${loc##*/}"
}
s1=$(series Board)
s2=$(series Events)
s3=$(series Students)
check "three series were made" test -n "$s1" -a -n "$s2" -a -n "$s3"

# held SERIES DAY [STATUS]: a meeting record of that day with person 1's attendance (present: held)
held() {
	sql "WITH r AS (INSERT INTO meeting_record (series_id, recurrence_id) VALUES ($1, '$2 10:00:00') RETURNING id)
	     INSERT INTO record_attendance (record_id, person_id, status) SELECT id, 1, '${3:-present}' FROM r" >/dev/null
}
# the board met once in each of the last six months; events once in the last six months, students only
# with everyone absent (not held)
for d in 15 45 75 105 135 165; do held "$s1" "$(day "-$d days")"; done
held "$s2" "$(day '-45 days')" remote
held "$s3" "$(day '-20 days')" absent
held "$s3" "$(day '-50 days')" excused

aid() { sql "SELECT id FROM memorandum_area WHERE memorandum_id = $mid AND sort = $1"; }
a0=$(aid 0)
a1=$(aid 1)
a2=$(aid 2)

# ---- the form: bad input per field, in both languages; nothing stored ----
req GET "$memo/areas/$a0/commitment"
expect "the commitment form offers the memorandum's series" 200 "value=\"$s1\"" "value=\"$s2\"" "Board $sfx" 'name="frequency"'
post "$memo/areas/$a0/commitment" frequency=weekly series="$s1" version="$(version "$mid")"
expect "an unknown frequency is refused on that field" 422 'id="frequency-error">Choose one of the options.' "value=\"$s1\" checked"
post "$memo/areas/$a0/commitment" frequency=monthly version="$(version "$mid")"
expect "a frequency with no series is refused on the series" 422 'id="series-error">Tick at least one meeting'
other=$(sql "SELECT id FROM series WHERE memorandum_id <> $mid LIMIT 1")
if [ -n "$other" ]; then
	post "$memo/areas/$a0/commitment" frequency=monthly series="$other" version="$(version "$mid")"
	expect "another memorandum's series is refused" 422 'id="series-error">Choose one of the options.'
fi
post /language lang=az back=/
post "$memo/areas/$a0/commitment" frequency=monthly version="$(version "$mid")"
expect "… in Azerbaijani" 422 'id="series-error">Bu öhdəliyi yerinə yetirən ən azı bir görüşü seçin.'
post /language lang=en back=/
check "nothing was stored by the refusals" \
	test "$(sql "SELECT count(*) FROM area_series x JOIN memorandum_area a ON a.id = x.area_id WHERE a.memorandum_id = $mid")|$(sql "SELECT count(frequency) FROM memorandum_area WHERE memorandum_id = $mid")" = "0|0"
req GET "$memo/areas/999999999/commitment"
expect "an area that is not the memorandum's is 404" 404

# ---- commitments and whether they are kept ----
post "$memo/areas/$a0/commitment" frequency=monthly series="$s1" version="$(version "$mid")"
check "a commitment saved answers 303 to the memorandum" test "$STATUS $(location)" = "303 /memoranda/$mid"
post "$memo/areas/$a1/commitment" frequency=quarterly series="$s2" version="$(version "$mid")"
post "$memo/areas/$a2/commitment" frequency=monthly series="$s3" version="$(version "$mid")"
req GET "$memo"
# commitment NAME AREA KEPT MET/PERIODS: the area's line says so
commitment() {
	local line
	line=$(tr -d '\n' <"$OUT/body" | grep -o "<p class=\"commitment commitment-[a-z]*\" id=\"commitment-$2\">.*" | sed 's|</p>.*||')
	local want="<span class=\"periods\">$4</span>"
	[ -z "$4" ] && want=""
	case $line in
	*"commitment-$3\""*"$want"*) pass "$1" ;;
	*) fail "$1" "$line" ;;
	esac
}
commitment "monthly, met in each of the 6 whole months since the start: kept" "$a0" yes 6/6
commitment "quarterly, one held (remote) in 2 quarters: not kept" "$a1" no 1/2
commitment "monthly, only absent and excused attendance: nothing held, not kept" "$a2" no 0/6
expect "the kept one says so, with the last meeting held" 200 "<strong>kept</strong>" "datetime=\"$(day '-15 days')\""
post "$memo/areas/$a1/commitment" frequency=quarterly series="$s2" series="$s1" series="$s2" version="$(version "$mid")"
req GET "$memo"
commitment "quarterly, fulfilled by two series (one ticked twice): kept" "$a1" yes 2/2
check "… each series tied once" test "$(sql "SELECT string_agg(series_id::text, ',' ORDER BY series_id) FROM area_series WHERE area_id = $a1")" = "$s1,$s2"
post "$memo/areas/$a1/commitment" frequency=yearly series="$s2" version="$(version "$mid")"
req GET "$memo"
commitment "yearly, with not one whole year since the start: too early to tell" "$a1" early ""
expect "… said in words" 200 "too early to tell"
post /language lang=az back=/
req GET "$memo"
expect "in Azerbaijani" 200 "yerinə yetirilir" "yerinə yetirilmir" "demək üçün tezdir"
post /language lang=en back=/
check "a commitment change is audited as a change of the memorandum" \
	test "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'memorandum' AND entity_id = $mid AND action = 'update' AND changes ? 'areas'")" -ge 3

# the memorandum's form keeps the areas' ids (and so their commitments) when their text changes
post "$memo/edit" "${memo_fields[@]}" area_rows=3 area_0_en="Regular board meetings $sfx" area_0_az="Müntəzəm idarə heyəti görüşləri $sfx" \
	area_1_en="Joint events $sfx" area_1_az="Birgə tədbirlər $sfx" area_2_en="Meetings with students $sfx" \
	area_2_az="Tələbələrlə görüşlər $sfx" version="$(version "$mid")"
check "the memorandum's edit saved" test "$STATUS" = 303
check "… and the first area kept its id and its commitment" \
	test "$(sql "SELECT id || ':' || frequency || ':' || text_en FROM memorandum_area WHERE memorandum_id = $mid AND sort = 0")" = \
	"$a0:monthly:Regular board meetings $sfx"
post "$memo/edit" "${memo_fields[@]}" area_rows=1 area_0_en="Regular board meetings $sfx" \
	area_0_az="Müntəzəm idarə heyəti görüşləri $sfx" version="$(version "$mid")"
check "an area taken off the form goes, with its commitment" \
	test "$(sql "SELECT count(*) FROM memorandum_area WHERE memorandum_id = $mid")|$(sql "SELECT count(*) FROM area_series WHERE area_id IN ($a1, $a2)")" = "1|0"

# ---- dormant: in force longer than dormant_months (6) with no meeting held within them ----
req GET "$memo"
refute "a memorandum with a meeting held 15 days ago is not dormant" 'status-dormant'
post /memoranda/new title_en="Quiet $sfx" title_az="Sakit $sfx" signed_on="$(day '-300 days')" status=signed \
	party_rows=2 party_0_org=1 party_1_org=2
quiet=$(location)
qid=${quiet##*/}
post "$quiet/series/new" kind=meeting status=confirmed title_en="Quiet meeting $sfx" title_az="Sakit görüş $sfx" tzid=Asia/Baku \
	start_date="$(day '-290 days')" start_time=10:00 end_time=11:00 repeat=weekly ends=never attendee_rows=0 action=confirm
qs=$(location)
qs=${qs##*/}
held "$qs" "$(day '-250 days')"
req GET "$quiet"
expect "a memorandum whose last meeting held was 250 days ago is dormant" 200 'status-dormant">Dormant' \
	"datetime=\"$(day '-250 days')\"" "no meeting held for 6 months"
held "$qs" "$(day '-3 days')"
req GET "$quiet"
refute "… and no longer once a meeting is held" 'status-dormant'
post /memoranda/new title_en="Young $sfx" title_az="Gənc $sfx" signed_on="$(day '-30 days')" status=signed \
	party_rows=2 party_0_org=1 party_1_org=2
req GET "$(location)"
refute "a memorandum in force for a month with nothing held is not dormant yet" 'status-dormant'
post /memoranda/new title_en="Future $sfx" title_az="Gələcək $sfx" signed_on="$(day '-5 days')" \
	valid_from="$(day '+130 days')" valid_until="$(day '+2 years')" status=signed party_rows=2 party_0_org=1 party_1_org=2 \
	area_rows=1 area_0_en="Monthly $sfx" area_0_az="Aylıq $sfx"
fut=$(location)
fid=${fut##*/}
fa=$(sql "SELECT id FROM memorandum_area WHERE memorandum_id = $fid")
post "$fut/series/new" kind=meeting status=confirmed title_en="Future board $sfx" title_az="Gələcək şura $sfx" \
	tzid=Asia/Baku start_date="$(day '+140 days')" start_time=10:00 end_time=11:00 repeat=monthly ends=never \
	attendee_rows=0 action=confirm
fs=$(location)
post "$fut/areas/$fa/commitment" frequency=monthly series="${fs##*/}" version="$(version "$fid")"
check "a monthly commitment of a memorandum not yet in force is kept with its series" test "$STATUS" = 303
req GET "$fut"
commitment "monthly, in a memorandum in force only from in 130 days: too early to tell, no periods counted" "$fa" early ""
refute "… never a negative count of periods" '<span class="periods">0/-'

# ---- who may ----
as viewer
req GET "$memo/areas/$a0/commitment"
check "a viewer may not open the commitment form" test "$STATUS" = 403
post "$memo/areas/$a0/commitment" frequency=yearly series="$s1" version="$(version "$mid")"
check "… nor send it" test "$STATUS" = 403
req GET "$memo"
expect "a viewer sees whether it is kept" 200 "commitment-yes"
refute "… without the link to change it" "/areas/$a0/commitment"
