#!/usr/bin/env bash
# t93_az_order.sh - the organisations list in the reader's alphabet: in English by the English names, in
# Azerbaijani by the Azerbaijani names in the Azerbaijani alphabet (c ç … e ə … s ş … z; migration 043), page
# after page, searched or not.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sfx=$(date +%s%N | tail -c 7)
# English name | Azerbaijani name: the two orders differ, and a byte order would put Ç, Ə and Ş after Z
while IFS='|' read -r en az; do
	sql "INSERT INTO organisation (slug, kind, name_en, name_az)
	     VALUES ('t93-$sfx-$(echo "$en" | tr 'A-Z' 'a-z')', 'other', '$en $sfx', '$az $sfx')" >/dev/null
done <<'NAMES'
Alpha|Şəki
Beta|Çay
Delta|Əmək
Epsilon|Ziya
Gamma|Ceyran
NAMES

# a reader of its own: no language stored with the account (another test's may have one), so the browser's
# Accept-Language decides
stack_user t93reader viewer "$PASSWORD"
sql "UPDATE staff_user SET lang = NULL WHERE login = 't93reader'" >/dev/null
as t93reader
# order: the test's organisations as the list names them (each row's link; the other language is below it)
order() { grep -oE "\">(Alpha|Beta|Gamma|Delta|Epsilon|Şəki|Çay|Ceyran|Əmək|Ziya) $sfx</a>" "$OUT/body" | sed 's/^">//; s/ .*//' | paste -sd' '; }
req GET "/organisations?q=$sfx" -H 'Accept-Language: en'
same "in English: by the English names" "$(order)" "Alpha Beta Delta Epsilon Gamma"
req GET "/organisations?q=$sfx" -H 'Accept-Language: az'
same "in Azerbaijani: by the Azerbaijani names, in the Azerbaijani alphabet" "$(order)" "Ceyran Çay Əmək Şəki Ziya"

# the whole list, page after page, in Azerbaijani: the test's five in that order among the rest
got="" path="/organisations" pages=0
while [ -n "$path" ] && [ $pages -lt 100 ]; do
	req GET "$path" -H 'Accept-Language: az'
	[ "$STATUS" = 200 ] || break
	pages=$((pages + 1))
	got="$got $(order)"
	next=$(grep -o 'rel="next" href="[^"]*"' "$OUT/body" | head -1 | sed 's/^rel="next" href="//; s/"$//; s/&amp;/\&/g')
	path=$next
done
same "the unsearched list, page by page, keeps the Azerbaijani order" "$(echo $got)" "Ceyran Çay Əmək Şəki Ziya"
req GET "/organisations" -H 'Accept-Language: az'
first=$(sql "SELECT name_az FROM organisation ORDER BY name_az COLLATE \"az-x-icu\", id LIMIT 1")
first=$(printf '%s' "$first" | sed "s/&/\&amp;/g; s/\"/\&quot;/g; s/'/\&#39;/g; s/</\&lt;/g; s/>/\&gt;/g")
same "the first page begins with the first name in the Azerbaijani alphabet" \
	"$(grep -o '<td><a href="/organisations/[0-9]*">[^<]*</a>' "$OUT/body" | head -1 | sed 's/.*">//; s/<.a>$//')" "$first"
sql "DELETE FROM organisation WHERE slug LIKE 't93-$sfx-%'" >/dev/null
