#!/usr/bin/env bash
# t70_series.sh - meetings and events through their form: the recurrence builder, custom rules, refused forms in
# both languages, all-day events, SEQUENCE and versions, conflicts, caps, the agenda and month grid, DST.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
count() { sql "SELECT count(*) FROM $1"; }
counts() { sql "SELECT (SELECT count(*) FROM series) || '/' || (SELECT count(*) FROM attendee)"; }
utc() { date -u -d "$1" +%s; } # "YYYY-MM-DD HH:MM" (UTC) -> seconds

# series PATH FIELD=VALUE...: POSTs a series form; the caller's fields come first and win (the form reads the first
# value of a name), then a meeting's defaults. Sets STATUS like post.
series() {
	local path=$1
	shift
	post "$path" "$@" kind=meeting status=confirmed repeat=none title_en='Working group' title_az='İşçi qrup' tzid=Asia/Baku
}
# preview_list: the preview on the last page, "YYYY-MM-DD[ HH:MM]" joined by ", "
preview_list() {
	grep -o '<ol><li>.*</ol>' "$OUT/body" | grep -o '<time datetime="[^"]*">[^<]*</time>[^<]*' |
		sed 's/<time datetime="\([^"]*\)">[^<]*<\/time>\(.*\)/\1\2/' | paste -sd, | sed 's/,/, /g'
}
shown_words() { sed -n 's/.*id="preview-words">[^:]*: \([^<]*\)<.*/\1/p' "$OUT/body" | head -1; }
created() { # the id of the series the last POST created, or empty (the address also says what happened: ?done=)
	[ "$STATUS" = 303 ] && header Location | sed -n 's|^/series/\([0-9]*\)?done=created$|\1|p'
}
# agenda_of SERIES QUERY: "start_utc" of each of the series' items on /agenda?QUERY
agenda_of() {
	req GET "/agenda?$2"
	grep -o "data-series=\"$1\" data-start-utc=\"[0-9]*\"" "$OUT/body" | sed 's/.*data-start-utc="\([0-9]*\)"/\1/' | paste -sd' '
}
# cells_of SERIES QUERY: "date[ time]" of each month-grid cell holding one of the series' occurrences
cells_of() {
	req GET "/calendar?$2"
	tr '\n' ' ' <"$OUT/body" | sed 's/<td /\n<td /g' | grep "href=\"/series/$1/occurrences/" |
		sed -n "s|^<td [^>]*data-date=\"\([0-9-]*\)\".*href=\"/series/$1/occurrences/[^\"]*\"[^>]*>\(<span class=\"t\">\([0-9:]*\)</span>\)\{0,1\}.*|\1 \3|p" |
		sed 's/ $//' | paste -sd, | sed 's/,/, /g'
}
# when_of SERIES QUERY: the times the agenda shows for the series' items
when_of() {
	req GET "/agenda?$2"
	tr '\n' ' ' <"$OUT/body" | grep -o "data-series=\"$1\"[^>]*> *<span class=\"when\">[0-9:]*" | sed 's/.*>//' | paste -sd' '
}
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}

as editor
post /language lang=en back=/agenda # other tests may have left this account in Azerbaijani

# a memorandum of this test's own, so what it stores does not mix with memorandum 1's meetings
sfx=$(date +%s%N | tail -c 7)
post /memoranda/new title_en="Series test $sfx" title_az="Sınaq $sfx" signed_on=2025-01-01 status=active \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M##*/}
check "a memorandum for this test is created" test "$STATUS" = 303 -a -n "$M"
NEW=/memoranda/$M/series/new

# ---- the builder: every pattern gives its RRULE (as libical writes it), its words and its dates ----
# name | fields (;-separated) | RRULE | in words | the first preview dates (all of them when the rule ends)
builder_cases=(
	"every 3 days, never ending|start_date=2025-03-10;start_time=10:00;repeat=daily;interval=3;ends=never|FREQ=DAILY;INTERVAL=3|Every 3 days|2025-03-10 10:00, 2025-03-13 10:00, 2025-03-16 10:00, 2025-03-19 10:00, 2025-03-22 10:00, 2025-03-25 10:00, 2025-03-28 10:00, 2025-03-31 10:00, 2025-04-03 10:00, 2025-04-06 10:00"
	"weekly on Monday and Wednesday, 5 times|start_date=2025-03-10;start_time=10:00;repeat=weekly;day_mo=1;day_we=1;ends=count;count=5|FREQ=WEEKLY;COUNT=5;BYDAY=MO,WE|Weekly on Monday and Wednesday, 5 times|2025-03-10 10:00, 2025-03-12 10:00, 2025-03-17 10:00, 2025-03-19 10:00, 2025-03-24 10:00"
	"every other week, no day ticked: the start's weekday|start_date=2025-03-11;start_time=09:30;repeat=weekly;interval=2;ends=count;count=3|FREQ=WEEKLY;COUNT=3;INTERVAL=2;BYDAY=TU|Every 2 weeks on Tuesday, 3 times|2025-03-11 09:30, 2025-03-25 09:30, 2025-04-08 09:30"
	"monthly on the 31st skips short months|start_date=2025-01-31;start_time=10:00;repeat=monthly;monthly=monthday;ends=count;count=4|FREQ=MONTHLY;COUNT=4;BYMONTHDAY=31|Monthly on the 31st, 4 times|2025-01-31 10:00, 2025-03-31 10:00, 2025-05-31 10:00, 2025-07-31 10:00"
	"monthly on the second Tuesday|start_date=2025-01-14;start_time=10:00;repeat=monthly;monthly=weekday;ends=count;count=4|FREQ=MONTHLY;COUNT=4;BYDAY=2TU|Monthly on the second Tuesday, 4 times|2025-01-14 10:00, 2025-02-11 10:00, 2025-03-11 10:00, 2025-04-08 10:00"
	"monthly on the last Friday|start_date=2025-01-31;start_time=10:00;repeat=monthly;monthly=lastweekday;ends=count;count=4|FREQ=MONTHLY;COUNT=4;BYDAY=-1FR|Monthly on the last Friday, 4 times|2025-01-31 10:00, 2025-02-28 10:00, 2025-03-28 10:00, 2025-04-25 10:00"
	"yearly from 29 February: leap years only|start_date=2024-02-29;start_time=10:00;repeat=yearly;ends=until;until=2032-12-31|FREQ=YEARLY;UNTIL=20321231T195959Z|Yearly on 29 February, until 31 December 2032|2024-02-29 10:00, 2028-02-29 10:00, 2032-02-29 10:00"
	"weekly until a date: that whole local day counts|start_date=2025-03-10;start_time=23:30;end_time=23:45;repeat=weekly;ends=until;until=2025-03-24|FREQ=WEEKLY;UNTIL=20250324T195959Z;BYDAY=MO|Weekly on Monday, until 24 March 2025|2025-03-10 23:30, 2025-03-17 23:30, 2025-03-24 23:30"
	"until in Berlin: the end of that day in CET, as UTC|start_date=2025-01-06;start_time=10:00;tzid=Europe/Berlin;repeat=weekly;ends=until;until=2025-01-20|FREQ=WEEKLY;UNTIL=20250120T225959Z;BYDAY=MO|Weekly on Monday, until 20 January 2025|2025-01-06 10:00, 2025-01-13 10:00, 2025-01-20 10:00"
	"all-day yearly until a date: UNTIL is a date|start_date=2025-05-09;all_day=1;repeat=yearly;ends=until;until=2027-05-09|FREQ=YEARLY;UNTIL=20270509|Yearly on 9 May, until 9 May 2027|2025-05-09, 2026-05-09, 2027-05-09"
)
for row in "${builder_cases[@]}"; do
	IFS='|' read -r name fields rule words want <<<"$row"
	IFS=';' read -r -a f <<<"$fields"
	series "$NEW" "${f[@]}" action=preview
	got=$(preview_list)
	# a rule without an end: its first dates (the preview lists up to 60)
	[[ $fields == *ends=never* ]] && got=$(cut -d, -f1-$(($(tr -cd , <<<"$want" | wc -c) + 1)) <<<"$got")
	if [ "$STATUS" = 200 ] && [ "$(shown_words)" = "$words" ] && [ "$got" = "$want" ]; then
		pass "builder: $name: preview says '$words' and shows its dates"
	else
		fail "builder: $name: preview" "status $STATUS, words $(shown_words), dates: $got"$'\n'"    want: $words: $want"
	fi
	n0=$(count series)
	series "$NEW" "${f[@]}" action=preview title_en=x # a preview stores nothing, whatever it shows
	series "$NEW" "${f[@]}" action=save
	id=$(created)
	if [ -n "$id" ] && [ "$(sql "SELECT rrule FROM series WHERE id = $id")" = "$rule" ] && [ "$(count series)" = $((n0 + 1)) ]; then
		pass "builder: $name: saves $rule (and the preview saved nothing)"
	else
		fail "builder: $name: save" "status $STATUS; stored: $(sql "SELECT rrule FROM series WHERE id = ${id:-0}")"
	fi
done
# the preview lists every occurrence up to 60, each with its weekday; beyond, it says how many it lists
series "$NEW" start_date=2025-01-14 start_time=10:00 repeat=monthly monthly=weekday ends=count count=12 action=preview
check "a monthly meeting 12 times: the preview lists all 12, with weekdays, and no '… and more'" bash -c \
	"test \$(grep -o '<ol><li>.*</ol>' '$OUT/body' | grep -o '<li>' | wc -l) = 12 && grep -qF '<time datetime=\"2025-12-09\">Tue 9 December 2025</time> 10:00' '$OUT/body' && ! grep -q 'and more' '$OUT/body'"
series "$NEW" start_date=2025-03-10 start_time=10:00 repeat=daily ends=never action=preview
check "a daily meeting without end: 60 dates listed, then '… and more: only the first 60 are listed.'" bash -c \
	"test \$(grep -o '<ol><li>.*</ol>' '$OUT/body' | grep -o '<li>' | wc -l) = 60 && grep -qF 'only the first 60 are listed' '$OUT/body'"
check "the preview and 'more rows' buttons come back to where they were (a fragment, no script)" bash -c \
	"grep -qF 'value=\"preview\" formaction=\"$NEW#preview\"' '$OUT/body' && grep -qF 'formaction=\"$NEW#attendees\"' '$OUT/body' && grep -q '<fieldset id=\"attendees\">' '$OUT/body' && grep -q '<section class=\"notice preview\" id=\"preview\">' '$OUT/body'"
check "the repetition's controls say when they matter (data-show-if, for memocal-2.js)" bash -c \
	"grep -qF 'data-show-if=\"repeat=weekly\"' '$OUT/body' && grep -qF 'data-show-if=\"ends=count\"' '$OUT/body' && grep -qF 'data-show-if=\"repeat=custom\"' '$OUT/body' && grep -qF 'data-pairs=\"start_date:end_date start_time:end_time\"' '$OUT/body'"
series "$NEW" start_date=2025-03-10 start_time=10:00 repeat=weekly day_mo=1 day_th=1 ends=count count=5 action=save
weekly=$(created)
req GET "/series/$weekly/edit"
expect "a builder rule comes back into the builder on edit (weekly, Mon and Thu, 5 times)" 200 \
	'<option value="weekly" selected>' 'id="day_mo" name="day_mo" value="1" checked' 'id="day_th" name="day_th" value="1" checked' \
	'<option value="count" selected>' 'id="count" name="count" type="number" value="5"'
refute "a builder rule leaves the advanced field empty and Tuesday unticked" 'id="rrule" name="rrule" type="text" value="FREQ' \
	'id="day_tu" name="day_tu" value="1" checked'
series "$NEW" start_date=2025-03-10 start_time=10:00 repeat=daily ends=count count=1001 action=preview
expect "the builder's count is bounded (at most 1000)" 422 'id="count-error">At most 1000.'

# ---- the advanced field: any valid RFC 5545 rule, invalid ones refused with the reason ----
n0=$(count series)
series "$NEW" start_date=2025-03-28 start_time=10:00 repeat=custom rrule='FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=3,6,9,12' action=preview
same "a custom rule: the last Friday of each quarter's last month" "$(preview_list | cut -d, -f1-5)" \
	"2025-03-28 10:00, 2025-06-27 10:00, 2025-09-26 10:00, 2025-12-26 10:00, 2026-03-27 10:00"
series "$NEW" start_date=2025-03-28 start_time=10:00 repeat=custom rrule='RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=3,6,9,12' action=save
quarterly=$(created)
check "a custom rule is stored as written (without an RRULE: prefix)" \
	test "$(sql "SELECT rrule FROM series WHERE id = ${quarterly:-0}")" = 'FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=3,6,9,12'
req GET "/series/$quarterly/edit"
expect "a rule the builder cannot say stays in the advanced field on edit" 200 '<option value="custom" selected>' \
	'value="FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=3,6,9,12"'
series "$NEW" start_date=2024-05-13 start_time=10:00 repeat=custom rrule='FREQ=YEARLY;BYDAY=20MO;COUNT=3' action=preview
same "a custom rule: the 20th Monday of the year" "$(preview_list)" "2024-05-13 10:00, 2025-05-19 10:00, 2026-05-18 10:00"
n0=$(count series)
for bad in 'FREQ=DAILY;BYDAY=XX|BYDAY value &#39;XX&#39;' 'FREQ=DAILY;COUNT=3;UNTIL=20250101T000000Z|UNTIL and COUNT' \
	'garbage|NAME=VALUE' 'FREQ=FORTNIGHTLY|FREQ must be' 'FREQ=WEEKLY;BYMONTHDAY=5|BYMONTHDAY is not allowed with FREQ=WEEKLY' \
	'FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30|never produces'; do
	rule=${bad%%|*}
	series "$NEW" start_date=2025-02-10 start_time=10:00 repeat=custom rrule="$rule" action=save
	expect "the custom rule '$rule' is refused next to the field, with the reason" 422 \
		'id="rrule-error">This repetition rule is not valid' "libical: " "${bad#*|}" 'aria-describedby="rrule-error"'
done
series "$NEW" start_date=2025-02-10 start_time=10:00 repeat=custom rrule= action=save
expect "'custom' with an empty rule asks for one" 422 'id="rrule-error">Please fill this in.'
check "no refused rule was stored" test "$(count series)" = "$n0"

# ---- refused forms: a message by each field, in English and Azerbaijani, nothing stored ----
# name | field id | English | Azerbaijani | fields (;-separated)
bad_cases=(
	"missing English title|title_en|Please fill this in.|Bu sahəni doldurun.|title_en=;start_date=2025-03-10"
	"missing Azerbaijani title|title_az|Please fill this in.|Bu sahəni doldurun.|title_az=;start_date=2025-03-10"
	"a date that does not exist|start_date|Not a date: write it as YYYY-MM-DD|Tarix deyil: İİİİ-AA-GG şəklində yazın|start_date=2025-02-30"
	"a time that does not exist|start_time|Not a time: write it as HH:MM|Vaxt deyil: SS:DD şəklində yazın|start_date=2025-03-10;start_time=25:00"
	"an end time before the start|end_time|The end must come after the start.|Bitmə başlanğıcdan sonra olmalıdır.|start_date=2025-03-10;start_time=10:00;end_time=09:00"
	"an end date before the start|end_date|The end must come after the start.|Bitmə başlanğıcdan sonra olmalıdır.|start_date=2025-03-10;end_date=2025-03-09"
	"an all-day event ending before it starts|end_date|The end must come after the start.|Bitmə başlanğıcdan sonra olmalıdır.|all_day=1;start_date=2025-03-10;end_date=2025-03-08"
	"an unknown zone|tzid|Not a time zone this server knows|Bu server belə saat qurşağı tanımır|tzid=Mars/Olympus;start_date=2025-03-10"
	"a bad extra date|rdates|Write one date and time per line|Hər sətirdə bir tarix və vaxt yazın|start_date=2025-03-10;repeat=daily;rdates=2025-03-20 10:00\n2025-03-32 10:00"
	"a bad skipped date|exdates|Write one date and time per line|Hər sətirdə bir tarix və vaxt yazın|start_date=2025-03-10;repeat=daily;exdates=next Tuesday"
	"a group named in one language|attendee_0_group_az|A group needs its name in both languages.|Qrupun adı hər iki dildə olmalıdır.|start_date=2025-03-10;attendee_rows=1;attendee_0_group_en=PICASP students"
	"the same person twice|attendee_1_person|This person is already an attendee.|Bu şəxs artıq iştirakçıdır.|start_date=2025-03-10;attendee_rows=2;attendee_0_person=1;attendee_1_person=1"
	"a person and a group in one row|attendee_0_group_en|Choose a person or name a group, not both.|Ya şəxs seçin, ya qrupun adını yazın|start_date=2025-03-10;attendee_rows=1;attendee_0_person=1;attendee_0_group_en=x;attendee_0_group_az=y"
	"an unknown person|attendee_0_person|Choose one of the options.|Variantlardan birini seçin.|start_date=2025-03-10;attendee_rows=1;attendee_0_person=999999"
	"an invalid rule|rrule|This repetition rule is not valid|Bu təkrarlanma qaydası düzgün deyil|start_date=2025-03-10;repeat=custom;rrule=FREQ=DAILY;BYDAY=XX"
)
before=$(counts)
for lang in en az; do
	post /language lang=$lang back=/agenda
	for row in "${bad_cases[@]}"; do
		IFS='|' read -r name id en az fields <<<"$row"
		# the rule has ';' of its own: it is the rest of the row after "rrule="
		if [[ $fields == *rrule=* ]]; then
			rule=${fields#*rrule=}
			IFS=';' read -r -a f <<<"${fields%%;rrule=*}"
			f+=("rrule=$rule")
		else
			IFS=';' read -r -a f <<<"$fields"
		fi
		for i in "${!f[@]}"; do f[i]=${f[i]//\\n/$'\n'}; done
		msg=$en
		[ $lang = az ] && msg=$az
		note=$( [ $lang = az ] && echo "Bəzi sahələrə diqqət yetirin" || echo "Some fields need attention" )
		series "$NEW" "${f[@]}" action=save
		expect "($lang) $name: 422 with the message next to $id" 422 "id=\"$id-error\">$msg" "$note"
	done
done
# ---- as many extra or skipped dates as an import may bring (CAL_IMPORT_MAX_DATES, 500), and no more ----
# The stack's memocal-web takes 4 KB bodies: a memocal-web of this test's own with room for 501 dates,
# straight over FastCGI, the session of the browser above
dates() { seq 0 $(($1 - 1)) | sed 's/.*/2025-04-01 + & days/' | date -f - '+%F 10:00'; }
check "a memocal-web with room for 501 dates answers" own_web t70 "max_body = 200000" "max_field_len = 20000"
port=$OWN_PORT
bigweb=$OWN_PID
# post_big FIELD=VALUE...: the new-series form to that memocal-web; STATUS and $OUT/body
post_big() {
	/usr/bin/python3 -c 'import sys, urllib.parse; sys.stdout.write(urllib.parse.urlencode([tuple(a.split("=", 1)) for a in sys.argv[1:]]))' \
		"csrf=$(csrf)" kind=meeting status=confirmed title_en='Many dates' title_az='Çox tarix' tzid=Asia/Baku \
		start_date=2025-03-10 start_time=09:00 end_time=10:00 repeat=daily action=save "$@" >"$OUT/big.body"
	HTTP_COOKIE=$(session_cookie) REQUEST_METHOD=POST REQUEST_URI=$NEW SERVER_PROTOCOL=HTTP/1.1 \
		CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=$(stat -c %s "$OUT/big.body") \
		cgi-fcgi -bind -connect "127.0.0.1:$port" <"$OUT/big.body" >"$OUT/body" 2>/dev/null
	STATUS=$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$OUT/body" | tr -d '\r')
}
n_before=$(count series)
for lang in en az; do
	post /language lang=$lang back=/agenda
	msg="At most 500 dates in this list."
	[ $lang = az ] && msg="Bu siyahıda ən çox 500 tarix ola bilər."
	for field in rdates exdates; do
		post_big "$field=$(dates 501)"
		expect "($lang) 501 dates in $field: 422 with the message next to the field" 422 "id=\"$field-error\">$msg"
		check "… and the 501 lines typed are kept" test "$(grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2} 10:00' "$OUT/body")" -ge 500
	done
done
check "no series was stored for them" test "$(count series)" = "$n_before"
post_big "rdates=$(dates 500)"
check "500 extra dates are taken (303)" test "$STATUS" = 303
n_rdates=$(sql "SELECT cardinality(rdates) FROM series WHERE title_en = 'Many dates' ORDER BY id DESC LIMIT 1")
check "… and all 500 are stored" test "$n_rdates" = 500
sql "DELETE FROM series WHERE title_en = 'Many dates'" >/dev/null
kill -TERM "$bigweb"
wait "$bigweb"

post /language lang=en back=/agenda
series "$NEW" tzid=Mars/Olympus title_az='Bakı görüşü — şənbə' start_date=2025-03-10 rdates=$'2025-03-20 10:00\nbad' action=save
expect "a refused form keeps what was typed, Azerbaijani letters intact" 422 'value="Mars/Olympus"' \
	'value="Bakı görüşü — şənbə"' $'>2025-03-20 10:00\nbad</textarea>'
check "no refused form stored a series or an attendee" test "$(counts)" = "$before"

# ---- all-day and multi-day events ----
series "$NEW" all_day=1 start_date=2025-04-14 end_date=2025-04-16 title_en='Heritage days' title_az='İrs günləri' action=save
days3=$(created)
check "a 3-day event is stored as dates with an exclusive end (14 April .. 17 April)" test \
	"$(sql "SELECT all_day || ' ' || start_local || ' ' || end_local FROM series WHERE id = ${days3:-0}")" = \
	"true 2025-04-14 00:00:00 2025-04-17 00:00:00"
req GET "/series/$days3/edit"
expect "the edit form shows the last day inclusive again (16 April)" 200 'id="end_date" name="end_date" type="date" value="2025-04-16"'
same "the 3-day event fills 3 cells of the month grid, no time shown" "$(cells_of "$days3" "month=2025-04&memorandum=$M")" \
	"2025-04-14, 2025-04-15, 2025-04-16"
same "an all-day event keeps its own dates whatever the viewer's zone" \
	"$(cells_of "$days3" "month=2025-04&memorandum=$M&tz=America/New_York")" "2025-04-14, 2025-04-15, 2025-04-16"
series "$NEW" all_day=1 start_date=2025-04-22 action=save
day1=$(created)
check "a one-day event ends the next day in the database" test \
	"$(sql "SELECT end_local FROM series WHERE id = ${day1:-0}")" = "2025-04-23 00:00:00"
same "a one-day event is in one cell" "$(cells_of "$day1" "month=2025-04&memorandum=$M")" "2025-04-22"

# ---- edits: SEQUENCE, UID, versions ----
form=(start_date=2025-06-02 start_time=10:00 end_time=11:00 repeat=weekly ends=count count=4 title_en='Steering group'
	title_az='Rəhbər qrup')
series "$NEW" "${form[@]}" description_en='First agenda' action=save
S=$(created)
uid=$(sql "SELECT uid FROM series WHERE id = ${S:-0}")
state() { sql "SELECT sequence || '/' || version FROM series WHERE id = $S"; }
check "a new series starts at SEQUENCE 0, version 1" test "$(state)" = "0/1"
series "/series/$S/edit" "${form[@]}" description_en='Second agenda' version=1 action=save
check "a description change saves (303) and leaves SEQUENCE alone" test "$STATUS/$(state)" = "303/0/2"
series "/series/$S/edit" start_time=11:00 end_time=12:00 "${form[@]}" description_en='Second agenda' version=2 action=save
check "a time change raises SEQUENCE" test "$STATUS/$(state)" = "303/1/3"
series "/series/$S/edit" start_time=11:00 end_time=12:00 "${form[@]}" exdates='2025-06-09 11:00' description_en='Second agenda' \
	version=3 action=save
check "a skipped date raises SEQUENCE too" test "$STATUS/$(state)" = "303/2/4"
series "/series/$S/edit" start_time=15:00 end_time=16:00 "${form[@]}" description_en='Late edit' version=3 action=save
expect "a save from a stale version is a 409 that keeps the input" 409 "Someone else saved this record" 'value="15:00"'
check "the stale save changed nothing" test "$(state)/$(sql "SELECT start_local FROM series WHERE id = $S")" = \
	"2/4/2025-06-02 11:00:00"
check "the UID never changed" test -n "$uid" -a "$(sql "SELECT uid FROM series WHERE id = $S")" = "$uid"
req GET "/series/$S"
expect "the series page shows the UID" 200 "<code>$uid</code>"

# ---- conflicts: someone already busy at an overlapping time ----
# two people of this test's own, whom no other test's meetings keep busy
post /people/new full_name_en="Nigar Aliyeva $sfx" full_name_az="Nigar Əliyeva $sfx" preferred_lang=az rows=0
nigar=$(location)
nigar=${nigar##*/}
post /people/new full_name_en="Tural Guliyev $sfx" full_name_az="Tural Quliyev $sfx" preferred_lang=en rows=0
tural=$(location)
tural=${tural##*/}
check "two people for the conflict checks are created" test -n "$nigar" -a -n "$tural" -a "$nigar" != "$tural"
D=$(date -u -d '+30 days' +%F)
board=(start_date="$D" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=4 title_en='Board meeting'
	title_az='İdarə heyətinin iclası' attendee_rows=1 attendee_0_person="$nigar" attendee_0_role=chair)
series "$NEW" "${board[@]}" action=save
busy=$(created)
check "a weekly meeting with Nigar Aliyeva is stored" test -n "$busy"
series "/series/$busy/edit" "${board[@]}" description_en='Agenda attached' version=1 action=save
check "editing it is no conflict with itself (saved at once)" test "$STATUS" = 303
before=$(counts)
clash=(start_date="$D" start_time=10:30 end_time=11:30 title_en='Press talk' title_az='Mətbuat söhbəti' attendee_rows=2
	attendee_0_person="$tural" attendee_1_person="$nigar")
series "$NEW" "${clash[@]}" action=save
expect "an overlapping time for a busy attendee is a 200 page naming the person and the other meeting" 200 \
	"Some attendees already have something at an overlapping time. Nothing has been saved yet." \
	"Nigar Aliyeva $sfx: <a href=\"/series/$busy\">Board meeting</a>" "<time datetime=\"$D\">" 'value="confirm"'
refute "the free attendee is not listed as busy" "Tural Guliyev $sfx: <a"
check "nothing is stored until the user confirms" test "$(counts)" = "$before"
series "$NEW" start_time=11:00 end_time=12:00 "${clash[@]}" action=save
touching=$(created)
check "a meeting that starts when the other ends is no conflict (saved at once)" test -n "$touching"
# a two-day retreat that two of a new daily meeting's mornings overlap: one conflict, named once
D2=$(date -u -d '+32 days' +%F)
series "$NEW" all_day=1 start_date="$D2" end_date="$(date -u -d '+33 days' +%F)" title_en='Retreat' title_az='Düşərgə' \
	attendee_rows=1 attendee_0_person="$nigar" action=confirm
retreat=$(created)
series "$NEW" start_date="$D2" start_time=10:00 end_time=11:00 repeat=daily ends=count count=2 title_en='Two mornings' \
	title_az='İki səhər' attendee_rows=1 attendee_0_person="$nigar" action=save
check "a meeting overlapping one other meeting twice names that conflict once" \
	test "$STATUS-$(grep -o "Nigar Aliyeva $sfx: <a href=\"/series/$retreat\">" "$OUT/body" | wc -l)" = "200-1"
series "$NEW" "${clash[@]}" action=confirm
clash_id=$(created)
check "'save anyway' (action=confirm) stores it" test -n "$clash_id" -a "$(count "attendee WHERE series_id = ${clash_id:-0}")" = 2

# ---- what a meeting may be: FREQ=SECONDLY and floods refused in both languages, the budget caps the rest ----
T=$(date -u +%F)
n0=$(count series)
for lang in en az; do
	post /language lang=$lang back=/agenda
	series "$NEW" start_date="$T" start_time=10:00 end_time=10:01 repeat=custom rrule='FREQ=SECONDLY' title_en='Every second' action=save
	if [ $lang = en ]; then
		expect "($lang) FREQ=SECONDLY is refused next to the rule field" 422 'id="rrule-error">A meeting cannot repeat every second'
	else
		expect "($lang) FREQ=SECONDLY is refused next to the rule field" 422 'id="rrule-error">Görüş hər saniyə təkrarlana bilməz'
	fi
	series "$NEW" start_date="$T" start_time=09:00 end_time=09:01 repeat=custom rrule='FREQ=MINUTELY;COUNT=100000' \
		title_en='Every minute' action=save
	if [ $lang = en ]; then
		expect "($lang) a rule with more than 48 a day is refused next to the rule field" 422 \
			'id="rrule-error">This rule can give more occurrences in one day than the 48 allowed.'
	else
		expect "($lang) a rule with more than 48 a day is refused next to the rule field" 422 \
			'id="rrule-error">Bu qayda bir gündə icazə verilən 48 dəfədən çox təkrar verə bilər.'
	fi
	series "$NEW" start_date="$T" start_time=09:00 end_time=09:01 repeat=custom rrule='FREQ=MINUTELY;INTERVAL=30' \
		title_en='Every half hour' action=save
	if [ $lang = en ]; then
		expect "($lang) a rule with more than 8784 a year is refused next to the rule field" 422 \
			'id="rrule-error">This rule can give more occurrences in one year than the 8784 allowed.'
	else
		expect "($lang) a rule with more than 8784 a year is refused next to the rule field" 422 \
			'id="rrule-error">Bu qayda bir ildə icazə verilən 8784 dəfədən çox təkrar verə bilər.'
	fi
	series "$NEW" start_date="$T" start_time=09:00 repeat=none rrule='FREQ=WEEKLY' action=save
	if [ $lang = en ]; then
		expect "($lang) a rule typed while 'Does not repeat' is chosen comes back with a message" 422 \
			'id="rrule-error">A rule is typed here, but &quot;Does not repeat&quot; is chosen' 'value="FREQ=WEEKLY"'
	else
		expect "($lang) a rule typed while 'Does not repeat' is chosen comes back with a message" 422 \
			'id="rrule-error">Burada qayda yazılıb, amma &quot;Təkrarlanmır&quot; seçilib' 'value="FREQ=WEEKLY"'
	fi
	series "$NEW" start_date="$T" start_time=09:00 repeat=daily rrule='FREQ=WEEKLY' action=save
	expect "($lang) a rule typed while a plain repetition is chosen comes back too" 422 'id="rrule-error">' 'value="FREQ=WEEKLY"'
done
post /language lang=en back=/agenda
check "none of them was stored" test "$(count series)" = "$n0"
# the issue's rule: 24 a day, 8760 a year, within the limits
series "$NEW" start_date="$T" start_time=09:00 end_time=09:10 repeat=custom \
	rrule='FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16' title_en='Every 20 minutes' action=save
twenty=$(created)
check "FREQ=MINUTELY;INTERVAL=20 in eight hours a day is a meeting memocal keeps" test -n "$twenty"
req GET "/series/$twenty"
expect "its page says the rule in words, and keeps the rule itself in the details" 200 \
	'Every 20 minutes, only in the hours 9:00–16:59' '<details><summary>' 'RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16'
# hourly from today: 24 a day for 60 days, more than the agenda holds
series "$NEW" start_date="$T" start_time=00:00 end_time=00:10 repeat=custom rrule='FREQ=HOURLY' title_en='Every hour' action=save
hourly_today=$(created)
req GET "/agenda?memorandum=$M" --max-time 10
expect "the agenda answers, says more follow and links to them" 200 \
	"More occurrences follow in this period." "Next occurrences →"
check "the agenda page holds 100 occurrences" test "$(grep -o 'data-start-utc=' "$OUT/body" | wc -l)" = 100
req GET "/calendar?memorandum=$M" --max-time 10
expect "the month grid answers and sends a full day to its agenda" 200 "More on this day…"
check "… no day of it shows more than four lines besides bars" test "$(tr '\n' ' ' <"$OUT/body" | sed 's/<td /\n<td /g' |
	grep '^<td ' | awk '{ print gsub(/class="occ( cancelled)?"/, "") }' | sort -n | tail -1)" -le 4
series "$NEW" start_date=2020-01-01 start_time=10:00 repeat=custom rrule='FREQ=DAILY;COUNT=100000' title_en='Every day' action=save
daily=$(created)
req GET "/series/$daily" --max-time 10
check "COUNT=100000 daily from 2020: its page lists the next 12 occurrences" \
	test "$STATUS/$(grep -o 'occurrences/[0-9T]*"' "$OUT/body" | wc -l)" = 200/12
check "the first of them is today or tomorrow at 10:00 Baku time" \
	grep -qE "occurrences/($(date -u +%Y%m%d)|$(date -u -d tomorrow +%Y%m%d))T100000\"" "$OUT/body"
# hourly for the last 30 days: 720 past occurrences, more than a page's cap, must not crowd out the coming ones
series "$NEW" start_date="$(date -u -d '30 days ago' +%F)" start_time=10:00 end_time=10:30 repeat=custom \
	rrule='FREQ=HOURLY' title_en='Every hour' action=save
hourly=$(created)
req GET "/series/$hourly" --max-time 10
check "FREQ=HOURLY since 30 days: its page lists the next 12 occurrences, and recent ones" bash -c \
	"test '$STATUS' = 200 && test \$(grep -o 'occurrences/[0-9T]*\"' '$OUT/body' | wc -l) = 12 && grep -q 'Recent' '$OUT/body'"
refute "and does not say none are to come" "None to come."
# every hour since 1990 with COUNT: counting to today takes more steps than a request may spend
series "$NEW" start_date=1990-01-01 start_time=10:00 end_time=10:01 repeat=custom rrule='FREQ=HOURLY;COUNT=1000000' \
	title_en='Every hour since 1990' action=save
hourly1990=$(created)
req GET "/series/$hourly1990" --max-time 10
expect "FREQ=HOURLY;COUNT from 1990: its page says it cannot work out the next ones, and that the list is cut" 200 \
	"The rule gives too many occurrences before today to work out the next ones here." \
	"Only the first occurrences are shown"
refute "rather than that none are to come" "None to come."
req GET "/agenda?memorandum=$M&from=2030-01-01&days=366" --max-time 10
expect "the agenda a few years on answers too" 200 'data-start-utc='
# they would crowd every later unfiltered agenda: gone again
for id in "$twenty" "$hourly_today" "$daily" "$hourly" "$hourly1990"; do
	post "/series/$id/delete" version=1
	check "the capped series $id is deleted" test "$STATUS" = 303 -a "$(count "series WHERE id = ${id:-0}")" = 0
done

# ---- the agenda's filters and the month grid's zones ----
for q in memorandum=abc organisation=-1 person=1x days=0x days=367 from=2025-02-30 tz=Mars/Olympus; do
	req GET "/agenda?$q"
	expect "/agenda?$q is a 400 naming the field" 400 "<code>${q%%=*}</code>"
done
for q in month=bad month=2025-13 month=2025-1; do
	req GET "/calendar?$q"
	expect "/calendar?$q is a 400 naming the field" 400 "Write the month as YYYY-MM" "<code>month</code>"
done
req GET "/calendar?month=2025-04&tz=Nope/Zone"
expect "/calendar with an unknown zone is a 400" 400 "<code>tz</code>"

post /organisations/new name_en="Series Test Org $sfx" name_az="Sınaq təşkilatı $sfx" slug="t70-$sfx" kind=ngo
org=$(location)
org=${org##*/}
post /memoranda/new title_en="Other $sfx" title_az="Digər $sfx" signed_on=2025-01-01 status=active party_rows=2 \
	party_0_org="$org" party_1_org=1
M2=$(location)
M2=${M2##*/}
series "/memoranda/$M2/series/new" start_date=2025-01-15 start_time=10:00 title_en='Winter talk' attendee_rows=1 \
	attendee_0_person=3 action=save
winter=$(created)
series "/memoranda/$M2/series/new" start_date=2025-07-15 start_time=10:00 title_en='Summer talk' action=save
summer=$(created)
series "/memoranda/$M2/series/new" start_date=2025-01-16 start_time=02:00 title_en='Early call' action=save
early=$(created)
series "$NEW" start_date=2025-01-15 start_time=12:00 title_en='Noon talk' action=save
noon=$(created)
w="from=2025-01-01&days=31"
same "memorandum filter: only that memorandum's meetings" \
	"$(agenda_of "$winter" "$w&memorandum=$M2")/$(agenda_of "$noon" "$w&memorandum=$M2")" "$(utc '2025-01-15 06:00')/"
same "organisation filter: the memoranda it is a party to" \
	"$(agenda_of "$winter" "$w&organisation=$org")/$(agenda_of "$noon" "$w&organisation=$org")/$(agenda_of "$noon" "$w&organisation=2")/$(agenda_of "$winter" "$w&organisation=2")" \
	"$(utc '2025-01-15 06:00')//$(utc '2025-01-15 08:00')/"
same "person filter: the meetings they attend" \
	"$(agenda_of "$winter" "$w&person=3&memorandum=$M2")/$(agenda_of "$early" "$w&person=3")" "$(utc '2025-01-15 06:00')/"
same "from and days bound the agenda" \
	"$(agenda_of "$winter" "from=2025-01-16&days=30&memorandum=$M2")/$(agenda_of "$winter" "from=2025-01-14&days=1&memorandum=$M2")/$(agenda_of "$winter" "from=2025-01-15&days=1&memorandum=$M2")" \
	"//$(utc '2025-01-15 06:00')"
same "10:00 in Baku is 07:00 in Berlin in January (CET)" "$(cells_of "$winter" "month=2025-01&memorandum=$M2&tz=Europe/Berlin")" \
	"2025-01-15 07:00"
same "... and 10:00 in Baku itself" "$(cells_of "$winter" "month=2025-01&memorandum=$M2&tz=Asia/Baku")" "2025-01-15 10:00"
same "10:00 in Baku is 08:00 in Berlin in July (CEST)" "$(cells_of "$summer" "month=2025-07&memorandum=$M2&tz=Europe/Berlin")" \
	"2025-07-15 08:00"
same "02:00 on 16 January in Baku is in the 15 January cell in Berlin (23:00)" \
	"$(cells_of "$early" "month=2025-01&memorandum=$M2&tz=Europe/Berlin")" "2025-01-15 23:00"
same "... and in the 16 January cell in Baku" "$(cells_of "$early" "month=2025-01&memorandum=$M2")" "2025-01-16 02:00"
req GET "/agenda?from=2025-01-15&days=1&memorandum=$M2&tz=America/New_York"
expect "the agenda shows times in the viewer's zone (10:00 Baku = 01:00 New York)" 200 '01:00–02:00' \
	'Times are shown in <strong>America/New_York</strong>'

# ---- DST: a weekly Sunday 10:00 in Berlin stays 10:00 local across 30 March 2025 ----
series "$NEW" start_date=2025-03-23 start_time=10:00 tzid=Europe/Berlin repeat=weekly title_en='Sunday call' action=save
sunday=$(created)
same "weekly Sunday 10:00 Berlin: 09:00Z, then 08:00Z after the change, 08:00Z" \
	"$(agenda_of "$sunday" "from=2025-03-20&days=20&tz=Europe/Berlin&memorandum=$M")" \
	"$(utc '2025-03-23 09:00') $(utc '2025-03-30 08:00') $(utc '2025-04-06 08:00')"
same "and the agenda in Berlin shows 10:00 every time" \
	"$(when_of "$sunday" "from=2025-03-20&days=20&tz=Europe/Berlin&memorandum=$M")" "10:00 10:00 10:00"
same "in Baku the same meetings are at 13:00, then 12:00" \
	"$(when_of "$sunday" "from=2025-03-20&days=20&tz=Asia/Baku&memorandum=$M")" "13:00 12:00 12:00"

# clean up the conflict meetings: later tests look for their own conflicts
for id in "$busy" "$clash_id" "$touching" "$retreat"; do
	post "/series/$id/delete" version="$(sql "SELECT version FROM series WHERE id = ${id:-0}")"
done
check "the conflict meetings are deleted again" \
	test "$(count "series WHERE id IN (${busy:-0}, ${clash_id:-0}, ${touching:-0}, ${retreat:-0})")" = 0
# and everything else this test made: later tests count what memorandum 1's parties and people have
for p in "$nigar" "$tural"; do post "/people/$p/delete" version="$(sql "SELECT version FROM person WHERE id = ${p:-0}")"; done
for m in "$M" "$M2"; do post "/memoranda/$m/delete" version="$(sql "SELECT version FROM memorandum WHERE id = ${m:-0}")"; done
post "/organisations/$org/delete" version="$(sql "SELECT version FROM organisation WHERE id = ${org:-0}")"
check "this test's memoranda (with their meetings), people and organisation are deleted again" test \
	"$(sql "SELECT (SELECT count(*) FROM memorandum WHERE id IN (${M:-0}, ${M2:-0})) + (SELECT count(*) FROM series WHERE memorandum_id IN (${M:-0}, ${M2:-0})) + (SELECT count(*) FROM person WHERE id IN (${nigar:-0}, ${tural:-0})) + (SELECT count(*) FROM organisation WHERE id = ${org:-0})")" = 0
