#!/usr/bin/env bash
# t55_admin.sh - the admin pages: staff accounts (list, create, edit, last admin, sessions) and the audit log.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal

sql() { stack_psql -tAc "$1"; }
# login_as LOGIN PASSWORD JARFILE: a fresh session for any account; prints the status of the POST
login_as() {
	rm -f "$3"
	curl -s -c "$3" -b "$3" -o "$OUT/login.html" "$BASE/login"
	local t
	t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -1)
	curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$t" \
		--data-urlencode "login=$1" --data-urlencode "password=$2" "$BASE/login"
}
# version_in_form: the hidden version field of the last body
version_in_form() { sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT/body" | head -1; }
# in_baku LANG: the first <time datetime="…Z"> of the last body says that instant in Asia/Baku, the zone the
# pages state ("Times in Asia/Baku"): day, month in LANG's words, year, HH:MM, and no "UTC" after it
in_baku() {
	local t iso want
	t=$(grep -oE '<time datetime="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z">[^<]*</time>' "$OUT/body" | head -1)
	iso=${t#*datetime=\"}
	iso=${iso%%\"*}
	[ -n "$iso" ] || return 1
	want="$(TZ=Asia/Baku date -d "$iso" +%-d) $(sed -n "s/^month\.$(TZ=Asia/Baku date -d "$iso" +%-m) = //p" \
		"$SRC/templates/messages/$1.txt") $(TZ=Asia/Baku date -d "$iso" '+%Y %H:%M')"
	[ "$t" = "<time datetime=\"$iso\">$want</time>" ] || { echo "shown: $t; wanted: $want" >&2; return 1; }
}

# ---- who may see the admin pages
as nobody
for p in /users /users/new /audit /users/1/edit; do
	req GET "$p"
	check "anonymous GET $p is sent to log in" test "$STATUS" = 303 -a "$(header Location)" = "/login?next=$p"
done
for u in editor viewer; do
	as "$u"
	for p in /users /users/new /audit "/audit?entity=organisation&id=1" /users/1/edit; do
		req GET "$p"
		expect "$u gets 403 on GET $p" 403 "You may not do this."
	done
	post /users/new login="sneaky-$u" display_name=Sneaky role=admin password=long-enough-1 password_confirm=long-enough-1
	expect "$u gets 403 on POST /users/new" 403
	post "/users/$(sql "SELECT id FROM staff_user WHERE login = '$u'")/edit" display_name=Me role=admin version=1
	expect "$u gets 403 on POST /users/N/edit (no promoting oneself)" 403
done
check "the refused POSTs stored nothing" \
	test "$(sql "SELECT count(*) FROM staff_user WHERE login LIKE 'sneaky-%' OR role = 'admin' AND login IN ('editor', 'viewer')")" = 0

# ---- the list
as admin
# the language follows the browser below: no setting of the account's own (t22 leaves it in English)
sql "UPDATE staff_user SET lang = NULL WHERE login = 'admin'" >/dev/null
req GET /users
expect "the admin lists the accounts with their roles" 200 \
	'<code>admin</code>' '<code>editor</code>' '<code>viewer</code>' Administrator Editor Viewer Active
check "the list shows the last login in Asia/Baku (the UTC instant in datetime) and says so" in_baku en
expect "… the zone named on the page" 200 "Times in Asia/Baku"
req GET /users -H 'Accept-Language: az'
expect "the list in Azerbaijani" 200 '<html lang="az">' "İstifadəçilər" "Redaktor" "Müşahidəçi" "Son giriş"
check "… its last logins in Asia/Baku with Azerbaijani month names" in_baku az
req GET /users/new
expect "the new-user form has every field, the role as a choice" 200 \
	'name="login"' 'name="display_name"' '<option value="viewer" selected>Viewer</option>' \
	'type="password"' 'name="password_confirm"'

# ---- creating an account: bad input is a 422 with the message at the field, and nothing stored
before=$(sql "SELECT count(*) FROM staff_user")
post /users/new login=mismatch display_name="Ülvi Çələbi" role=viewer password=abcdefghijk password_confirm=abcdefghijX
expect "a mismatched confirmation is a 422 with the message at password_confirm" 422 \
	'id="password_confirm-error">The two passwords are not the same.' 'value="Ülvi Çələbi"' 'value="mismatch"'
refute "a refused form never echoes a password" 'abcdefghijk' 'abcdefghijX'
post /users/new login=shortpw display_name=Short role=viewer password=short-9ch password_confirm=short-9ch
expect "a password under 10 characters is a 422 at password" 422 'id="password-error">At least 10 characters.'
post /users/new login='Bad login!' display_name=Bad role=viewer password=long-enough-1 password_confirm=long-enough-1
expect "a login with spaces or punctuation is a 422 at login" 422 'id="login-error">Small Latin letters, digits'
post /users/new login=x display_name=Bad role=viewer password=long-enough-1 password_confirm=long-enough-1
expect "a one-letter login is a 422 at login" 422 'id="login-error">At least 2 characters.'
post /users/new login=editor display_name=Twin role=viewer password=long-enough-1 password_confirm=long-enough-1
expect "a taken login is a 422 at login" 422 'id="login-error">Another account already has this login.'
post /users/new login=nobody-new display_name=Role role=root password=long-enough-1 password_confirm=long-enough-1
expect "an unknown role is a 422 at role" 422 'id="role-error">Choose one of the options.'
req POST /users/new -H 'Accept-Language: az' --data-urlencode "csrf=$(csrf)" --data-urlencode login=mismatch \
	--data-urlencode display_name=X --data-urlencode role=viewer --data-urlencode password=abcdefghijk \
	--data-urlencode password_confirm=abcdefghijY
expect "the field messages come in the reader's language" 422 "İki şifrə eyni deyil." "Bəzi sahələrə diqqət yetirin"
check "none of the refused forms stored anything" test "$(sql "SELECT count(*) FROM staff_user")" = "$before"

pw1="Xəzər-2024-$RANDOM-parol"
post /users/new login=salima display_name="Səlimə Əhmədova" role=editor password="$pw1" password_confirm="$pw1"
check "creating an account answers 303 to the list" test "$STATUS" = 303 -a "$(header Location)" = "/users?done=user_created"
sid=$(sql "SELECT id FROM staff_user WHERE login = 'salima'")
check "the account is stored with its role, an argon2id hash and the exact Azerbaijani name" \
	test "$(sql "SELECT role || '|' || (password_hash LIKE '\$argon2id\$%') || '|' || display_name FROM staff_user WHERE login = 'salima'")" = \
	"editor|true|Səlimə Əhmədova"
req GET /users
expect "the new account is listed, never logged in" 200 '<code>salima</code>' 'Səlimə Əhmədova' 'never'
code=$(login_as salima "$pw1" "$OUT/jar.salima")
check "the new user logs in with the password the admin gave" test "$code" = 303
JAR=$OUT/jar.salima
req GET /organisations
expect "the new user's session works and shows their name" 200 'Səlimə Əhmədova'
req GET /users
expect "the new editor may not manage accounts" 403

# ---- editing: stale versions, a new password ends the sessions, disabling ends them too
as admin
req GET "/users/$sid/edit"
v=$(version_in_form)
expect "the edit form shows the account without any password" 200 'salima' 'value="Səlimə Əhmədova"' \
	'name="disabled"' "Leave both empty to keep the current password."
post "/users/$sid/edit" display_name="Səlimə Ə." role=editor version=$((v + 7))
expect "a stale version is a 409 with the form kept" 409 "Someone else saved this record" 'value="Səlimə Ə."'
post "/users/$sid/edit" display_name="Səlimə Əhmədova" role=editor version="$v" password=abcdefghijk password_confirm=abcdefghijZ
expect "a mismatched new password is a 422 at the confirmation" 422 'id="password_confirm-error">'
check "the refused edits changed nothing" test "$(sql "SELECT version || display_name FROM staff_user WHERE id = $sid")" = "${v}Səlimə Əhmədova"
post "/users/$sid/edit" display_name="Səlimə Əhmədova" role=viewer version="$v"
check "an edit without a password answers 303" test "$STATUS" = 303 -a "$(header Location)" = "/users?done=user_saved"
JAR=$OUT/jar.salima
req GET /organisations
check "a role change alone keeps the user's session" test "$STATUS" = 200
check "the new role applies at once" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/organisations/new")" = 403

as admin
req GET "/users/$sid/edit"
v=$(version_in_form)
pw2="second-$RANDOM-password"
post "/users/$sid/edit" display_name="Səlimə Əhmədova" role=editor version="$v" password="$pw2" password_confirm="$pw2"
check "setting a new password answers 303" test "$STATUS" = 303 -a "$(header Location)" = "/users?done=user_saved"
JAR=$OUT/jar.salima
req GET /organisations
check "a new password ends the user's sessions: their next request goes to /login" \
	test "$STATUS" = 303 -a "$(header Location)" = "/login?next=/organisations"
code=$(login_as salima "$pw2" "$OUT/jar.salima")
check "the user logs in with the new password" test "$code" = 303

as admin
req GET "/users/$sid/edit"
v=$(version_in_form)
post "/users/$sid/edit" display_name="Səlimə Əhmədova" role=editor disabled=1 version="$v"
check "disabling answers 303" test "$STATUS" = 303
JAR=$OUT/jar.salima
req GET /organisations
check "disabling ends the user's sessions: their next request goes to /login" \
	test "$STATUS" = 303 -a "$(header Location)" = "/login?next=/organisations"
check "no session of the disabled user is left" test "$(sql "SELECT count(*) FROM staff_session WHERE user_id = $sid")" = 0
code=$(login_as salima "$pw2" "$OUT/jar.salima")
check "a disabled user cannot log in" test "$code" = 422
sql "DELETE FROM login_failure" >/dev/null # the address is shared with the next tests
as admin
req GET /users
expect "the list shows the account as disabled" 200 'Disabled'

# ---- the last active admin stays one
aid=$(sql "SELECT id FROM staff_user WHERE login = 'admin'")
check "admin is the only active administrator here" \
	test "$(sql "SELECT count(*) FROM staff_user WHERE role = 'admin' AND NOT disabled AND id <> $aid")" = 0
req GET "/users/$aid/edit"
v=$(version_in_form)
post "/users/$aid/edit" display_name=Admin role=editor version="$v"
expect "the only admin cannot demote themselves: a 422 at role" 422 \
	'id="role-error">This is the last active administrator'
post "/users/$aid/edit" display_name=Admin role=admin disabled=1 version="$v"
expect "the only admin cannot disable themselves: a 422 at disabled" 422 \
	'id="disabled-error">This is the last active administrator'
check "the admin is still an active admin" test "$(sql "SELECT role || disabled FROM staff_user WHERE id = $aid")" = adminfalse
pw3="third-$RANDOM-password"
post /users/new login=admin2 display_name="Second Admin" role=admin password="$pw3" password_confirm="$pw3"
check "a second admin is created" test "$STATUS" = 303
a2=$(sql "SELECT id FROM staff_user WHERE login = 'admin2'")
code=$(login_as admin2 "$pw3" "$OUT/jar.admin2")
JAR=$OUT/jar.admin2
req GET "/users/$a2/edit"
v=$(version_in_form)
post "/users/$a2/edit" display_name="Second Admin" role=editor version="$v"
check "an admin who is not the last one may demote themselves (and is sent away from the admin pages)" \
	test "$STATUS" = 303 -a "$(header Location)" = / -a "$(sql "SELECT role FROM staff_user WHERE id = $a2")" = editor
req GET /users
expect "the demotion applies at once" 403

# ---- two admins demoted at the same moment: the database refuses the second (migration 008)
as admin
post /users/new login=admin3 display_name="Third Admin" role=admin password="$pw3" password_confirm="$pw3"
a3=$(sql "SELECT id FROM staff_user WHERE login = 'admin3'")
check "a third admin is created" test "$STATUS/$(sql "SELECT role FROM staff_user WHERE id = ${a3:-0}")" = 303/admin
req GET "/users/$aid/edit"
v=$(version_in_form)
# admin3 is demoted in a transaction that stays open for 2 s; meanwhile admin demotes themselves on the web,
# whose check before saving still counts admin3 as another admin
stack_psql -c "BEGIN" -c "UPDATE staff_user SET role = 'editor' WHERE id = ${a3:-0}" -c "SELECT pg_sleep(2)" \
	-c "COMMIT" >"$OUT/slow.out" 2>&1 &
slow=$!
# the web's save comes once that transaction holds admin3's row (it is in its pg_sleep)
sleeping() { [ "$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(2)%' AND state = 'active'")" = 1 ]; }
wait_for 60 sleeping
post "/users/$aid/edit" display_name=Admin role=editor version="$v"
wait $slow
expect "the web's demotion, which waited for the other, is refused: a 422 at role" 422 \
	'id="role-error">This is the last active administrator'
check "the form keeps what was typed" grep -q '<option value="editor" selected' "$OUT/body"
check "the other transaction's demotion went through, and admin is still an active admin" test \
	"$(sql "SELECT (SELECT role FROM staff_user WHERE id = ${a3:-0}) || '/' || (SELECT role || disabled FROM staff_user WHERE id = $aid)")" = editor/adminfalse
sql "DELETE FROM staff_user WHERE id = ${a3:-0}" >/dev/null
stack_psql -c "DELETE FROM staff_user WHERE id = $aid" >"$OUT/delete.out" 2>&1
check "deleting the last active admin is refused by the database too" \
	grep -q 'the last active administrator must stay one' "$OUT/delete.out"

# ---- the audit log: an organisation created and changed by the editor, as the admin reads it
as editor
post /organisations/new name_en="Audit Trail Institute" name_az="Audit İzi İnstitutu" slug=audit-t55 kind=ngo
check "the editor creates an organisation (303)" test "$STATUS" = 303
oid=$(location | sed -n 's|^/organisations/\([0-9]*\)$|\1|p')
req GET "/organisations/$oid/edit"
v=$(version_in_form)
post "/organisations/$oid/edit" name_en="Audit Trail Institute of Baku" name_az="Audit İzi İnstitutu" slug=audit-t55 \
	kind=university version="$v"
check "the editor changes its English name and kind (303)" test "$STATUS" = 303
req GET "/organisations/$oid"
refute "the editor sees no history link on the organisation" "/audit?entity=organisation"

as admin
req GET "/organisations/$oid"
expect "the admin sees a history link on the organisation" 200 "href=\"/audit?entity=organisation&amp;id=$oid\""
req GET "/audit?entity=organisation&id=$oid"
expect "the organisation's history shows the create and the update by the editor, linked to the record" 200 \
	'<code>editor</code>' 'Created' 'Changed' "Organisation <a href=\"/organisations/$oid\">#$oid</a>" \
	'Audit Trail Institute of Baku'
expect "the update shows each changed field with its old and new value" 200 \
	'<code>name_en</code>: <span class="old">Audit Trail Institute</span> → <span class="new">Audit Trail Institute of Baku</span>' \
	'<code>kind</code>: <span class="old">ngo</span> → <span class="new">university</span>'
expect "the create shows the whole record, Azerbaijani letters intact" 200 \
	'<code>slug</code>: audit-t55' '<code>name_az</code>: Audit İzi İnstitutu'
check "unchanged fields are not listed for the update (slug only in the create)" \
	test "$(grep -c '<code>slug</code>' "$OUT/body")" = 1
check "bookkeeping columns (version, timestamps) are left out" \
	bash -c "! grep -qE '<code>(version|created_at|updated_at)</code>' '$OUT/body'"
check "each change says when: the date in words and the time in Asia/Baku, today's" bash -c \
	"grep -qF '<time datetime=\"$(date -u +%Y-%m-%d)T' '$OUT/body'"
check "… the time shown is the UTC instant's in Asia/Baku" in_baku en
refute "… and nothing says UTC" ' UTC</time>'

req GET "/audit?entity=organisation&id=$oid" -H 'Accept-Language: az'
expect "the log in Azerbaijani: actions, kinds and the zone in the reader's language" 200 \
	'Dəyişikliklər jurnalı' 'Yaradılıb' 'Dəyişdirilib' 'Təşkilat' 'Vaxtlar: Asia/Baku'
check "… and the date in Azerbaijani words, in Asia/Baku" in_baku az

req GET "/audit?entity=staff_user&id=$sid"
expect "the accounts' history shows who made them and what changed" 200 \
	"User <a href=\"/users/$sid/edit\">#$sid</a>" '<code>display_name</code>: Səlimə Əhmədova' \
	'<code>disabled</code>: <span class="old">false</span> → <span class="new">true</span>' \
	'<code>role</code>: <span class="old">editor</span> → <span class="new">viewer</span>' \
	'<code>password</code>: (set; the password itself is never shown)'
refute "the log never shows a password or its hash" '$argon2id$' "$pw1" "$pw2"
req GET /audit
expect "the whole log lists the changes, newest first, with paging" 200 'Audit Trail Institute' 'admin2'
req GET "/audit?before=1"
expect "a page past the oldest entry is empty, not an error, and leads back to the newest" 200 'No changes recorded.' \
	'The newest changes'

req GET "/audit?entity=bogus"
expect "an unknown entity is a 400 naming the field" 400 'Unknown kind of record' '<code>entity</code>'
req GET "/audit?entity=organisation&id=abc"
expect "a non-numeric id is a 400 naming the field" 400 'whole number greater than zero' '<code>id</code>'
req GET "/audit?id=0"
expect "id 0 is a 400 naming the field" 400 '<code>id</code>'
req GET "/audit?entity=&id="
expect "empty filters show everything" 200 'Audit Trail Institute'

# paging keeps the filter; long values are cut, markup in values is escaped (rows of a record that does not exist)
sql "INSERT INTO audit_log (user_login, action, entity, entity_id, label, changes)
     SELECT 'cli', 'update', 'series', 987654, 'paging ' || n,
            jsonb_build_object('title_en', jsonb_build_array('<b>old</b> & co', repeat('ə', 300)))
       FROM generate_series(1, 30) n" >/dev/null
req GET "/audit?entity=series&id=987654"
expect "a filtered log pages by 25 and its next link keeps the filter" 200 \
	'href="/audit?entity=series&amp;id=987654&amp;before=' '&lt;b&gt;old&lt;/b&gt; &amp; co'
refute "the newest page has no link to newer ones" 'rel="prev"'
check "a value longer than 200 letters is cut with an ellipsis" \
	grep -qE "<span class=\"new\">(ə){200}…</span>" "$OUT/body"
check "the first page holds 25 entries" test "$(grep -c '<code>title_en</code>' "$OUT/body")" = 25
# keyset paging: the link names the page's last entry (the 25th newest: 'paging 6'), never an offset
older=$(grep -o 'before=[0-9]*' "$OUT/body" | head -1)
check "the older link names the page's last entry" test "${older#before=}" = \
	"$(sql "SELECT id FROM audit_log WHERE entity = 'series' AND entity_id = 987654 AND label = 'paging 6'")"
req GET "/audit?entity=series&id=987654&$older"
expect "the second page holds the rest and links back to newer ones" 200 'href="/audit?entity=series&amp;id=987654&amp;after=' \
	'paging 5' 'paging 1'
refute "the oldest page has no older link" 'rel="next"'
newer=$(grep -o 'after=[0-9]*' "$OUT/body" | head -1)
check "the second page holds 5 entries" test "$(grep -c '<code>title_en</code>' "$OUT/body")" = 5
req GET "/audit?entity=series&id=987654&$newer"
expect "its newer link gives the first page back, newest first" 200 'paging 30' 'paging 6'
check "which holds 25 entries again" test "$(grep -c '<code>title_en</code>' "$OUT/body")" = 25
check "newest first" test "$(grep -o 'paging [0-9]*' "$OUT/body" | head -1)" = 'paging 30'
req GET "/audit?before=abc"
expect "a bad keyset is a 400 naming the field" 400 '<code>before</code>'
