#!/usr/bin/env bash
# t81_board_links.sh - each meeting in a feed links to its board member's page (issue 15, item 4): a URL and an
# RFC 9253 LINK, with the fetching address's own secret in them (the feed is rendered once for all of its
# subscribers; each gets a copy with their secret, kept in memory, never on disk); a single meeting and a moved
# occurrence to their occurrence's page, a repeating meeting to its page of occurrences; each page opens with
# that address and only for its own scope, and stops the moment the address is revoked.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
Y=$(($(date +%Y) + 1))

as editor
post /memoranda/new title_en="Board links $sfx" title_az="Lövhə keçidləri $sfx" signed_on=2025-01-01 \
	valid_until=2030-12-31 status=signed party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M##*/}
post /memoranda/new title_en="Elsewhere $sfx" title_az="Başqa yer $sfx" signed_on=2025-01-01 valid_until=2030-12-31 \
	status=signed party_rows=2 party_0_org=1 party_1_org=2
OTHER=$(location)
OTHER=${OTHER##*/}
mk() { # mk MEMO FIELD=VALUE...: a meeting through its form; its id
	local m=$1
	shift
	post "/memoranda/$m/series/new" kind=meeting status=confirmed tzid=Asia/Baku action=confirm attendee_rows=0 "$@"
	header Location | sed -n 's|^/series/\([0-9]*\).*|\1|p'
}
single=$(mk "$M" title_en="Signing day $sfx" title_az="İmza günü $sfx" start_date="$Y-03-10" start_time=10:00 \
	end_time=11:00 repeat=none)
weekly=$(mk "$M" title_en="Weekly board $sfx" title_az="Həftəlik heyət $sfx" start_date="$Y-02-02" start_time=09:00 \
	end_time=10:00 repeat=custom rrule="FREQ=WEEKLY;COUNT=8")
foreign=$(mk "$OTHER" title_en="Foreign $sfx" title_az="Xarici $sfx" start_date="$Y-04-01" start_time=09:00 \
	end_time=10:00 repeat=none)
sql "INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, title_en, title_az)
     VALUES ($weekly, '$Y-02-09 09:00', '$Y-02-10 15:00', '$Y-02-10 16:00', 'Moved board $sfx', 'Köçürülmüş heyət $sfx')" >/dev/null
check "three meetings, one repeating with a moved occurrence" test -n "$single" -a -n "$weekly" -a -n "$foreign"

token() { stack_memocal token add --scope "$1" --lang en --label "$2" | sed -n 2p | sed -n 's|.*/feeds/\([A-Za-z0-9_-]*\)\.ics$|\1|p'; }
A=$(token "memorandum:$M" "Board A $sfx")
B=$(token "memorandum:$M" "Board B $sfx")
check "two addresses of the memorandum's feed" test ${#A} = 43 -a ${#B} = 43

fetch "$A"
cp "$OUT/body" "$OUT/a.ics"
etag_a=$(header ETag)
fetch "$B"
cp "$OUT/body" "$OUT/b.ics"
check "each address's feed answers" test -s "$OUT/a.ics" -a -s "$OUT/b.ics"
# only_secret A.ics B.ics SECRET_A SECRET_B: the two feeds, lines unfolded (a fold may split a link), are the
# same but for the secret, which each holds and the other does not
only_secret() {
	/usr/bin/python3 - "$@" <<'PY'
import sys
a, b = (open(f, 'rb').read().replace(b'\r\n ', b'') for f in sys.argv[1:3])
sa, sb = sys.argv[3].encode(), sys.argv[4].encode()
assert sa in a and sb in b, 'a feed without its own secret'
assert sb not in a and sa not in b, "a feed with the other's secret"
assert a != b and b.replace(sb, sa) == a, 'they differ elsewhere'
PY
}
check "… the same bytes but for the secret in the links: each its own, neither the other's" \
	only_secret "$OUT/a.ics" "$OUT/b.ics" "$A" "$B"

# links FILE: "UID|RECURRENCE-ID|URL|LINK|LINKREL|FMTTYPE" per meeting VEVENT, read by python's icalendar
links() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    uid = str(ev['UID'])
    if uid.startswith('memorandum-'):
        continue
    rid = ev.decoded('RECURRENCE-ID').strftime('%Y%m%dT%H%M%S') if 'RECURRENCE-ID' in ev else ''
    link = ev.get('LINK')
    print('|'.join([str(ev['SUMMARY']), rid, str(ev.get('URL', '')), str(link or ''),
                    str(link.params.get('LINKREL', '')) if link is not None else '',
                    str(link.params.get('FMTTYPE', '')) if link is not None else '']))
PY
}
links "$OUT/a.ics" >"$OUT/a.links"
base="http://127.0.0.1:$HTTP_PORT"
check "the single meeting links to its occurrence's page, as URL and LINK (alternate, text/html)" grep -qxF \
	"Signing day $sfx||$base/board/$A/series/$single/occurrences/${Y}0310T100000|$base/board/$A/series/$single/occurrences/${Y}0310T100000|alternate|text/html" "$OUT/a.links"
check "the repeating meeting links to its page of occurrences" \
	grep -qE "^Weekly board $sfx\|\|[^|]*/board/$A/series/$weekly\|[^|]*/board/$A/series/$weekly\|alternate\|text/html$" "$OUT/a.links"
check "the moved occurrence links to its own page" \
	grep -qE "^Moved board $sfx\|${Y}0209T090000\|[^|]*/board/$A/series/$weekly/occurrences/${Y}0209T090000\|" "$OUT/a.links"
check "every meeting has both links, with this address's secret" \
	bash -c "! cut -d'|' -f3,4 '$OUT/a.links' | grep -v '/board/$A/series/[0-9]*[^|]*|[^|]*/board/$A/series/'"

# each link answers, through nginx, as a page with no script
path_of() { sed -E 's|^[a-z]+://[^/]+||' <<<"$1"; }
u_single=$(path_of "$(grep "^Signing day $sfx|" "$OUT/a.links" | cut -d'|' -f3)")
u_weekly=$(path_of "$(grep "^Weekly board $sfx|" "$OUT/a.links" | cut -d'|' -f3)")
u_moved=$(path_of "$(grep "^Moved board $sfx|" "$OUT/a.links" | cut -d'|' -f3)")
as nobody
req GET "$u_single"
expect "the single meeting's link opens its page, without a login" 200 "Signing day $sfx" 'class="record board"'
check "… kept from search engines" bash -c "grep -qi '^x-robots-tag: noindex' '$OUT/headers'"
req GET "$u_weekly"
expect "the repeating meeting's link opens its page of occurrences" 200 "Weekly board $sfx" "Coming meetings" \
	"/board/$A/series/$weekly/occurrences/${Y}0202T090000" "/board/$A/series/$weekly/occurrences/${Y}0216T090000"
req GET "$u_weekly?lang=az"
expect "… in Azerbaijani" 200 "Həftəlik heyət $sfx" "Qarşıdakı görüşlər"
req GET "/board/$A/series/$weekly/occurrences/${Y}0216T090000"
expect "an occurrence listed there opens" 200 "Weekly board $sfx"
req GET "$u_moved"
expect "the moved occurrence's link opens its page, with its own title" 200 "Moved board $sfx"
req GET "/board/$A/series/$foreign"
expect "a meeting outside the address's memorandum is not there (404)" 404
req GET "/board/$A/series/$foreign/occurrences/${Y}0401T090000"
expect "… nor its occurrence" 404

JAR="" req GET "/feeds/$A.ics" -H "If-None-Match: $etag_a"
check "a revalidation with the copy's ETag is 304" test "$STATUS" = 304
fetch "$A"
check "a second fetch is the same bytes (the copy is kept)" cmp -s "$OUT/body" "$OUT/a.ics"

check "no secret is written into the feed cache on disk" \
	bash -c "! grep -rlq -e '$A' -e '$B' '$STACK_DIR/feed-cache'"
check "the request logs keep no board secret" bash -c "! grep -rq -e '/board/$A' -e '/board/$B' '$STACK_DIR'/*.log"

# revoking A closes its links at once; B's stay open
sql "UPDATE feed_token SET revoked_at = now() WHERE label = 'Board A $sfx'" >/dev/null
req GET "$u_single"
expect "after revoking the address, its link is 404 at once" 404
req GET "$u_weekly"
expect "… and so is its page of occurrences" 404
req GET "${u_single/$A/$B}"
expect "the other address's link still opens" 200 "Signing day $sfx"

# the staff feed has no meetings, so no board links
S=$(token staff "Staff $sfx")
fetch "$S"
check "the staff feed links to no board page" bash -c "test '$STATUS' = 200 && ! grep -q '/board/' '$OUT/body'"
