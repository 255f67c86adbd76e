#!/usr/bin/env bash
# t16_login_brake.sh - the login brake slows guessing per account and per (address, account) pair, and locks no
# one out: many failures from one address (a campus NAT) never stop the administrator's right password, and a
# browser that logged in to an account before gets in while the account is braked. Each client is a loopback
# address of its own (curl --interface 127.0.0.N): nginx passes it to memocal as the client's address.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
sql "DELETE FROM login_failure" >/dev/null

# try FROM BROWSER LOGIN PASSWORD [curl args...]: one login from address FROM; BROWSER names a file that keeps
# only that browser's device cookie (the session of a success is dropped, so the next try is a login again).
# Prints the status; the body is in $OUT/body, the headers in $OUT/headers.
try() {
	local from=$1 browser=$OUT/browser.$2 login=$3 pw=$4 jar=$OUT/try.jar csrf
	shift 4
	: >"$jar"
	[ -s "$browser" ] && cat "$browser" >"$jar"
	curl -s --interface "$from" -c "$jar" -b "$jar" -o "$OUT/login.html" "$@" "$BASE/login"
	csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -1)
	curl -s --interface "$from" -c "$jar" -b "$jar" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' \
		--data-urlencode "csrf=$csrf" --data-urlencode "login=$login" --data-urlencode "password=$pw" "$@" "$BASE/login"
	grep -P '\tmemocal_device\t' "$jar" >"$browser.new" && mv "$browser.new" "$browser"
	rm -f "$browser.new"
}
# codes N FROM-PREFIX BROWSER LOGIN: N wrong passwords, each from an address of its own (FROM-PREFIX.1, .2, ...)
codes() {
	local n=$1 prefix=$2 browser=$3 login=$4 i out=""
	for ((i = 1; i <= n; i++)); do out+="$(try "$prefix.$i" "$browser" "$login" "wrong-password-$i") "; done
	echo "${out% }"
}
all_are() { # all_are CODE CODES...: every code is CODE
	local want=$1 c
	shift
	for c in $*; do [ "$c" = "$want" ] || return 1; done
}

stack_user brake1 viewer "$PASSWORD"
stack_user brake2 viewer "$PASSWORD"
stack_user brake3 viewer "$PASSWORD"

# ---- one address, many names: the campus NAT that kept every member of staff out
c=()
for i in $(seq 1 25); do c+=("$(try 127.0.0.20 nat "nobody-$i" wrong-password)"); done
for i in 1 2 3 4; do c+=("$(try 127.0.0.20 nat editor "wrong-password-$i")"); done
check "29 failures from one address across 26 names: each a plain 422, none braked (${c[*]})" all_are 422 "${c[@]}"
code=$(try 127.0.0.20 nat admin "$PASSWORD")
check "then the administrator's right password from that address logs in (303)" test "$code" = 303
code=$(try 127.0.0.20 nat editor "$PASSWORD")
check "and so does the editor's, with four failures of its own from there (303)" test "$code" = 303

# ---- the account brake: failures against one name from any address
code=$(try 127.0.0.21 owner brake1 "$PASSWORD")
check "the owner logs in from her own browser (303) and it is given a device cookie" \
	bash -c "test $code = 303 && grep -qiE '^Set-Cookie: memocal_device=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000' '$OUT/headers'"
cp "$OUT/browser.owner" "$OUT/browser.owner-first"
c=$(codes 10 127.0.1 attacker brake1)
check "ten wrong passwords for one account from ten addresses: each checked (422: $c)" all_are 422 $c
code=$(try 127.0.0.40 attacker brake1 wrong-password-11)
check "the eleventh, from an eleventh address, waits: 429 with Retry-After and the message" \
	bash -c "test $code = 429 && grep -qi '^Retry-After: [1-9]' '$OUT/headers' && grep -q 'Try again in' '$OUT/body' &&
		grep -q 'a browser where you have logged in to this account before' '$OUT/body'"
code=$(try 127.0.0.41 stranger brake1 wrong-password-12 -H 'Accept-Language: az')
check "in Azerbaijani too" bash -c "test $code = 429 && grep -q 'saniyədən sonra yenidən cəhd edin' '$OUT/body'"
code=$(try 127.0.0.41 stranger brake1 "$PASSWORD")
check "the right password from a browser that never logged in to the account waits too (429: it is not checked)" \
	test "$code" = 429
code=$(try 127.0.0.21 owner brake1 "$PASSWORD")
check "the owner's browser gets in with the right password while the account is braked (303)" test "$code" = 303
check "the owner's login did not lift the brake the attacker earned (failures kept)" \
	test "$(sql "SELECT failures >= 10 FROM login_failure WHERE key = 'account:brake1'")" = t
code=$(try 127.0.0.42 attacker brake1 wrong-password-13)
check "so the attacker still waits (429)" test "$code" = 429
cp "$OUT/browser.owner-first" "$OUT/browser.replaced"
code=$(try 127.0.0.21 replaced brake1 "$PASSWORD")
check "a device cookie is replaced at every login: the one before is trusted no more (429)" test "$code" = 429
c=$(for i in 1 2 3 4 5; do try 127.0.0.21 owner brake1 "wrong-password-$i"; echo; done | tr '\n' ' ')
check "the owner's browser has its wrong passwords checked (five 422: $c)" all_are 422 $c
code=$(try 127.0.0.21 owner brake1 "$PASSWORD")
check "but after five of them it is braked like any other browser (429): a stolen device cookie is five guesses" \
	test "$code" = 429

# ---- an unknown name is braked exactly like a real one: the brake does not say which names exist
c=$(codes 10 127.0.2 attacker nosuchuser)
code=$(try 127.0.0.43 attacker nosuchuser wrong-password-11)
unknown_braked() { all_are 422 $c && test "$code" = 429; }
check "an unknown name: ten 422, then 429, as for a real account ($c $code)" unknown_braked

# ---- the pair brake: one address against one account
c=""
for i in 1 2 3 4 5; do c+="$(try 127.0.0.50 pair brake2 "wrong-password-$i") "; done
check "five wrong passwords for one account from one address: each checked (422: $c)" all_are 422 $c
code=$(try 127.0.0.50 pair brake2 "$PASSWORD")
check "the sixth try from that address waits, the right password too (429)" test "$code" = 429
code=$(try 127.0.0.51 elsewhere brake2 "$PASSWORD")
check "the account itself is not braked: the right password from another address logs in (303)" test "$code" = 303
code=$(try 127.0.0.50 pair brake3 "$PASSWORD")
check "nor is the address: another account from it logs in (303)" test "$code" = 303

# ---- the counts expire
sql "UPDATE login_failure SET last_failure_at = last_failure_at - interval '16 minutes'" >/dev/null
code=$(try 127.0.0.44 attacker brake1 wrong-password-14)
check "once the wait (15 minutes at most) has passed, one more guess is checked (422)" test "$code" = 422
code=$(try 127.0.0.45 attacker brake1 wrong-password-15)
check "and the next waits again (429), longer" \
	bash -c "test $code = 429 && test \$(grep -i '^Retry-After:' '$OUT/headers' | tr -dc 0-9) -ge 2"
sql "UPDATE login_failure SET last_failure_at = last_failure_at - interval '1 day'" >/dev/null
code=$(try 127.0.0.41 stranger brake1 "$PASSWORD")
check "a day without failures forgets the account's: the right password from a new browser logs in (303)" \
	test "$code" = 303
code=$(try 127.0.0.50 pair2 brake2 wrong-password-6)
check "and the pair's: a wrong password from that address is checked again (422)" test "$code" = 422
try 127.0.0.52 sweep brake3 wrong-password >/dev/null
check "failures a day old are swept at the next failure" \
	test "$(sql "SELECT count(*) FROM login_failure WHERE last_failure_at < now() - interval '1 day'")" = 0

# ---- only hashes are kept
dev=$(awk '$6 == "memocal_device" { print $7 }' "$OUT/browser.owner")
stored=$(sql "SELECT count(*) FROM login_device WHERE id_hash = '$dev'")
hashed=$(sql "SELECT count(*) FROM login_device d JOIN staff_user u ON u.id = d.user_id WHERE u.login = 'brake1'")
check "only a hash of a device cookie is stored, never the cookie" test -n "$dev" -a "$stored" = 0 -a "$hashed" -ge 1

sql "DELETE FROM login_failure" >/dev/null # the addresses are shared with the next tests
