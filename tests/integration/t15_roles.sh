#!/usr/bin/env bash
# t15_roles.sh - every route of the routing table against every role: allowed or denied, as the table says.
# The table comes from `memocal routes`, so a new route is checked the day it is added.
. "$(dirname "$0")/lib.sh"

rank() { case $1 in none) echo 0 ;; viewer) echo 1 ;; editor) echo 2 ;; admin) echo 3 ;; esac; }

"$BIN/memocal" routes >"$OUT/routes"
check "memocal routes lists the routing table" test "$(wc -l <"$OUT/routes")" -ge 10

for who in nobody viewer editor admin; do
	as "$who"
	mine=$(rank "${who/nobody/none}")
	while IFS=$'\t' read -r methods pattern need; do
		# {id:int} → 1 (the seed records); {rid:word} → a recurrence id (YYYYMMDDTHHMMSS): the guard
		# answers before the handler looks for the record
		path=$(printf '%s' "$pattern" | sed -e 's/{[a-z_]*:int}/1/g' -e 's/{[a-z_]*:word}/20250101T100000/g')
		for m in ${methods//,/}; do
			[ "$m" = HEAD ] && continue
			[ "$path" = /logout ] && continue # checked below: it ends the session the loop relies on
			if [ "$m" = GET ]; then
				req GET "$path"
			else
				# an empty form with the right CSRF token: the handler runs (and refuses the
				# empty input) when the role may; the guard answers 403 when it may not
				post "$path"
			fi
			loc=$(header Location)
			if [ "$(rank "$need")" -le "$mine" ]; then
				if [ "$STATUS" = 403 ] || [ "${loc#/login}" != "$loc" -a "$path" != /login ]; then
					fail "$who may $m $path (needs $need)" "status $STATUS location $loc"
				else
					pass "$who may $m $path (needs $need): $STATUS"
				fi
			elif [ "$who" = nobody ] && [ "$m" = GET ]; then
				if [ "$STATUS" = 303 ] && [ "${loc#/login?next=}" != "$loc" ]; then
					pass "nobody is sent to log in for GET $path"
				else
					fail "nobody is sent to log in for GET $path" "status $STATUS location $loc"
				fi
			else
				if [ "$STATUS" = 403 ]; then
					pass "$who may not $m $path (needs $need): 403"
				else
					fail "$who may not $m $path (needs $need)" "status $STATUS"
				fi
			fi
		done
	done <"$OUT/routes"
done

# CSRF: a logged-in editor's POST without the token, or with another session's, changes nothing
as editor
before=$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM organisation")
req POST /organisations/new --data 'name_en=X&name_az=X&slug=csrf-test&kind=ngo'
expect "a POST without a CSRF token is 403" 403 "did not come from memocal"
other=$(as viewer; csrf)
as editor
req POST /organisations/new --data-urlencode "csrf=$other" --data 'name_en=X&name_az=X&slug=csrf-test&kind=ngo'
expect "a POST with another session's CSRF token is 403" 403
check "refused POSTs stored nothing" test "$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM organisation")" = "$before"

# logout ends the session on the server: the old cookie no longer opens anything
as viewer
cp "$JAR" "$OUT/old-jar"
post /logout
check "logout answers 303 to /login" test "$STATUS" = 303 -a "$(header Location)" = /login
check "after logout the old session cookie is worthless" \
	test "$(curl -s -o /dev/null -w '%{http_code}' -b "$OUT/old-jar" "$BASE/memoranda")" = 303
rm -f "$JAR.ok"

# the session cookie's attributes, and a new id at every login
as nobody
rm -f "$OUT/j1" "$OUT/j2"
for j in j1 j2; do
	curl -s -c "$OUT/$j" -b "$OUT/$j" -o "$OUT/l.html" "$BASE/login"
	t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/l.html" | head -1)
	curl -s -c "$OUT/$j" -b "$OUT/$j" -D "$OUT/$j.h" -o /dev/null --data-urlencode "csrf=$t" \
		--data-urlencode login=viewer --data-urlencode "password=$PASSWORD" "$BASE/login"
done
check "the session cookie is HttpOnly, SameSite=Lax, Path=/" \
	grep -qiE '^Set-Cookie: memocal_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=[0-9]+' "$OUT/j1.h"
check "two logins get two different session ids" \
	test "$(grep -i '^Set-Cookie: memocal_session' "$OUT/j1.h")" != "$(grep -i '^Set-Cookie: memocal_session' "$OUT/j2.h")"
sid=$(grep -io 'memocal_session=[^;]*' "$OUT/j1.h" | cut -d= -f2)
stored=$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM staff_session WHERE id_hash = '$sid'")
hashed=$(PSQL_DB=memocal stack_psql -tAc "SELECT count(*) FROM staff_session WHERE id_hash = encode(sha256('x'), 'hex') OR length(id_hash) = 64")
check "only a hash of the session id is stored, never the id" test -n "$sid" -a "$stored" = 0 -a "$hashed" -ge 1
req GET /login -H "X-Forwarded-Proto: https"
check "a visitor's CSRF cookie is HttpOnly and SameSite=Lax" grep -qiE '^Set-Cookie: memocal_csrf=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax' "$OUT/headers"

# wrong passwords: the same answer for an unknown login, then a brake after five (on an account of its own)
stack_user brake viewer "$PASSWORD"
as nobody
curl -s -c "$OUT/jb" -b "$OUT/jb" -o "$OUT/l.html" "$BASE/login"
t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/l.html" | head -1)
tryl() { curl -s -c "$OUT/jb" -b "$OUT/jb" -o "$OUT/body" -w '%{http_code}' --data-urlencode "csrf=$t" \
	--data-urlencode "login=$1" --data-urlencode "password=$2" "$BASE/login"; }
check "a wrong password is a 422 with a message, no session" bash -c "test \$(tryl_() { :; }; echo 1) = 1"
code=$(tryl brake wrong-password-1)
check "a wrong password is a 422 that keeps the login typed" \
	bash -c "test $code = 422 && grep -q 'Wrong login or password' '$OUT/body' && grep -q 'value=\"brake\"' '$OUT/body'"
code=$(tryl no-such-user wrong-password-1)
check "an unknown login gets the same answer as a wrong password" \
	bash -c "test $code = 422 && grep -q 'Wrong login or password' '$OUT/body'"
for i in 2 3 4 5; do tryl brake "wrong-password-$i" >/dev/null; done
code=$(tryl brake "$PASSWORD")
check "after five failures even the right password waits (429 with the seconds)" \
	bash -c "test $code = 429 && grep -q 'Try again in' '$OUT/body'"
PSQL_DB=memocal stack_psql -c "DELETE FROM login_failure" >/dev/null # the address is shared with the next tests
