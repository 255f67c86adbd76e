#!/usr/bin/env bash
# t20_input.sh - hostile and oversized input: the right 4xx, a clear message, the worker survives.
# The stack runs with max_body=4096, max_fields=50, max_field_len=1024 (tests/run sets them).
. "$(dirname "$0")/lib.sh"
as viewer

req GET '/memoranda?q=%FF%FE'
expect "invalid UTF-8 in the query is a 400 naming the field" 400 "The text sent is not valid UTF-8." "q"
req GET '/memoranda?q=%zz'
expect "a malformed %-escape is a 400" 400 "malformed %-escape"
req GET '/memoranda?q=a%00b'
expect "a NUL byte is a 400" 400 "NUL character"
req GET '/memoranda?q=%C0%AF'
expect "an overlong UTF-8 form is a 400" 400 "not valid UTF-8"
req GET '/memoranda/%FF'
expect "invalid UTF-8 in the path is a 400" 400 "not valid UTF-8"
req GET '/memoranda/%zz'
expect "a malformed escape in the path is a 400 (from nginx, which sees it first)" 400
fcgi GET '/memoranda/%zz' "$(session_cookie)" >"$OUT/esc.raw"
check "memocal-web itself answers a malformed path escape with 400 and a message" \
	bash -c "grep -q '^Status: 400' '$OUT/esc.raw' && grep -q 'malformed %-escape' '$OUT/esc.raw'"
req GET '/memoranda/%31'
expect "an escaped path is decoded before routing" 200 "Khazar University"

many=$(printf 'f%d=1&' $(seq 1 51))
req GET "/memoranda?$many"
expect "51 query fields (limit 50) is a 414" 414 "The form has too many fields."
long=$(head -c 1100 /dev/zero | tr '\0' a)
req GET "/memoranda?q=$long"
expect "a 1100-byte query field (limit 1024) is a 414" 414 "longer than this server accepts"
req GET "/memoranda?q=$(head -c 201 /dev/zero | tr '\0' a)"
expect "a search over 200 letters is a 400 naming the field" 400 "at most 200 letters" "q"

head -c 5000 /dev/zero | tr '\0' a >"$OUT/big"
req POST /memoranda -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$OUT/big"
expect "a 5000-byte body (limit 4096) is a 413" 413 "larger than this server accepts"
req POST /memoranda -H 'Accept-Language: az' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$OUT/big"
expect "the 413 message is in the reader's language" 413 "serverin qəbul etdiyindən böyükdür"
# a user whose account speaks Azerbaijani, in a browser that asks for nothing: the login leaves the account's
# language in the lang cookie, so what is answered before the session is read speaks it too
stack_user t20az viewer "$PASSWORD"
PSQL_DB=memocal stack_psql -tAc "UPDATE staff_user SET lang = 'az' WHERE login = 't20az'" >/dev/null
saved_jar=$JAR
as t20az
check "logging in sets the lang cookie to the account's language" grep -qP '\tlang\taz$' "$JAR"
req POST /memoranda -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$OUT/big"
expect "… so a 413 before the session is read is in Azerbaijani" 413 "serverin qəbul etdiyindən böyükdür"
JAR=$saved_jar
req POST /memoranda -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$many"
expect "51 body fields is a 413" 413 "too many fields"
req POST /memoranda -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'title=%FF'
expect "invalid UTF-8 in a body field is a 400 naming it" 400 "not valid UTF-8" "title"
head -c 3000000 /dev/zero >"$OUT/huge"
req POST /memoranda --data-binary "@$OUT/huge"
check "a body over nginx's client_max_body_size is refused by nginx with 413" test "$STATUS" = 413

# after all that, every worker still serves
ok=0
for i in $(seq 1 12); do
	req GET /memoranda/1
	[ "$STATUS" = 200 ] && ok=$((ok + 1))
done
check "workers still answer after bad input (12/12)" test "$ok" = 12
check "no worker died on bad input" bash -c "! grep -q 'worker killed' '$STACK_DIR/memocal-web.log'"
