#!/usr/bin/env bash
# t13_form_pairs.sh - the forms' English/Azerbaijani field pairs: the Azerbaijani field first when the
# page is in Azerbaijani, the English first otherwise (in the page's order, so also in tab order).
. "$(dirname "$0")/lib.sh"

# before A B: the field with id A comes before the field with id B in the last body (both present)
before() {
	local a b
	a=$(grep -boF "id=\"$1\"" "$OUT/body" | head -1 | cut -d: -f1)
	b=$(grep -boF "id=\"$2\"" "$OUT/body" | head -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

as editor
forms=(
	"/organisations/new name short_name"
	"/people/new full_name honorific position_0_title"
	"/memoranda/new title summary member_0_title area_0 new_project_name"
	"/memoranda/1/series/new title description attendee_0_group"
)
for lang in en az; do
	post /language lang="$lang" back=/
	for f in "${forms[@]}"; do
		read -r path fields <<<"$f"
		req GET "$path"
		check "$path in $lang answers 200" test "$STATUS" = 200
		for x in $fields; do
			if [ "$lang" = az ]; then
				check "$path in Azerbaijani: ${x}_az before ${x}_en" before "${x}_az" "${x}_en"
			else
				check "$path in English: ${x}_en before ${x}_az" before "${x}_en" "${x}_az"
			fi
		done
	done
done
post /language lang=en back=/
