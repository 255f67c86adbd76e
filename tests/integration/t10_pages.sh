#!/usr/bin/env bash
# t10_pages.sh - the memoranda pages through nginx: content in both languages, errors, methods.
. "$(dirname "$0")/lib.sh"

req GET /healthz
expect "web /healthz answers 200 ok" 200 "ok"
req GET /feeds/healthz
expect "feed /feeds/healthz answers 200 ok through nginx" 200 "ok"

req GET /memoranda/1
check "an anonymous visitor is sent to log in, and back afterwards" \
	test "$STATUS" = 303 -a "$(header Location)" = "/login?next=/memoranda/1"
as viewer
req GET /
expect "/ is the staff home page (issue 16), not a redirect" 200 "<h1>Home</h1>"

req GET /memoranda
expect "memoranda list shows the seed memorandum in English" 200 \
	'href="/memoranda/1"' "Memorandum of Cooperation between Khazar University" "1 May 2024" "Active"
check "list page is text/html; charset=utf-8" test "$(header Content-Type)" = "text/html; charset=utf-8"
check "… kept in no cache, the browser's disk included (staff data on shared computers)" \
	test "$(header Cache-Control)" = "private, no-store"

req GET /memoranda/1
expect "memorandum 1 shows the title in both languages" 200 \
	"Memorandum of Cooperation between Khazar University and the &quot;MIRAS&quot;" \
	"Xəzər Universiteti ilə &quot;Miras&quot; Mədəni İrsin Öyrənilməsinə Kömək İctimai Birliyi arasında əməkdaşlıq memorandumu"
expect "memorandum 1 names both parties in both languages" 200 \
	"Khazar University" "Xəzər Universiteti" \
	"&quot;MIRAS&quot; Social Organization in Support of the Study of Cultural Heritage" \
	"&quot;MİRAS&quot; Mədəni İrsin Öyrənilməsinə Kömək İctimai Birliyi"
expect "memorandum 1 names every person of the seed text in both languages" 200 \
	"Irada Khalilova" "İradə Xəlilova" "Fariz Khalilli" "Fariz Xəlilli" \
	"Gafar Jabiyev" "Qafar Cəbiyev" "Shikar Gasimov" "Çikar Qasımov" \
	"Maleyka Huseynova" "Məleykə Hüseynova" "Salima Ahmadova" "Səlimə Əhmədova"
expect "memorandum 1 shows roles, signatories, PICASP and the signing date" 200 \
	"Rector" "Chairman of the Board" "Board Member" "Project Manager" "PICASP" \
	'<time datetime="2024-05-01">1 May 2024</time>'

req GET /memoranda/1 -H 'Accept-Language: az-AZ,az;q=0.9,en;q=0.5'
expect "Accept-Language az gives Azerbaijani labels and dates" 200 \
	'<html lang="az">' "İmzalanma tarixi" "1 may 2024" "Tərəflər" "Qüvvədə"
expect "in Azerbaijani, bilingual pairs put the Azerbaijani first (areas, names)" 200 '<li><span lang="az">' '· <span lang="en">'
refute "… and never the English first" '<li><span lang="en">'
req GET /memoranda/1
expect "in English, the English first" 200 '<li><span lang="en">'
as nobody
req GET /login -H 'Accept-Language: az' -H 'Cookie: lang=en'
expect "the lang cookie wins over Accept-Language" 200 '<html lang="en">' "Password"
req GET /login -H 'Accept-Language: az'
expect "a visitor's login page follows Accept-Language" 200 '<html lang="az">' "Şifrə"
as viewer
req GET /memoranda/1 -H 'Accept-Language: fr-FR, de;q=0.8'
expect "an unsupported Accept-Language falls back to English" 200 '<html lang="en">'

as editor
post /language lang=az back=/memoranda/1
check "the language switch answers 303 back to the page" test "$STATUS" = 303 -a "$(header Location)" = /memoranda/1
check "the language switch sets a lasting lang cookie" \
	bash -c "grep -i '^Set-Cookie: lang=az; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000' '$OUT/headers'"
req GET /memoranda/1 -H 'Accept-Language: en' -H 'Cookie: lang=en'
expect "a logged-in user's language setting wins over cookie and browser" 200 '<html lang="az">'
post /language lang=en back=//evil.example/
check "the language switch never sends users to another host" test "$(header Location)" = /
post /language lang=xx back=/memoranda
expect "an unknown language is a 400 naming the field" 400 "Choose English (en) or Azerbaijani (az)" "lang"
req POST /language --data 'lang=az&back=/memoranda'
expect "the language switch without its CSRF token is refused" 403 "did not come from memocal"
as viewer

req GET /memoranda/999999
expect "an unknown memorandum is a 404 with a message" 404 "There is no memorandum with this number."
req GET /memoranda/999999 -H 'Accept-Language: az'
expect "the 404 message is in the reader's language" 404 "Bu nömrəli memorandum yoxdur."
req GET /memoranda/abc
expect "a non-numeric id is a 404" 404 "There is no page at this address."
req GET /memoranda/01
expect "a zero-padded id is a 404 (one URL per record)" 404
req GET /no/such/page
expect "an unknown path is a 404 page" 404 "There is no page at this address."

post /memoranda/1 a=1
expect "POST to a read-only page is a 405" 405 "This address does not accept that kind of request."
check "405 carries Allow: GET, HEAD" test "$(header Allow)" = "GET, HEAD"
req DELETE /memoranda
expect "DELETE is a 405" 405

req HEAD /memoranda/1
check "HEAD answers 200 with the page's length" test "$STATUS" = 200 -a "$(header Content-Length)" -gt 1000
fcgi HEAD /memoranda/1 "$(session_cookie)" >"$OUT/head.raw"
check "HEAD sends headers only, even where nginx does not strip a body" \
	bash -c "grep -q '^Status: 200' '$OUT/head.raw' && test \"\$(sed '1,/^\r\$/d' '$OUT/head.raw' | wc -c)\" = 0"

req GET '/memoranda?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E'
expect "a search text is echoed escaped, never as markup" 200 \
	'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"'
refute "no raw script or img tag comes back" "<script>alert(1)" '<img src=x'

req GET '/memoranda?q=%C6%8Fm%C9%99kda%C5%9Fl%C4%B1q'
expect "a search in Azerbaijani letters finds the memorandum" 200 'href="/memoranda/1"'
req GET '/memoranda?q=khazar'
expect "search is case-insensitive" 200 'href="/memoranda/1"'
req GET '/memoranda?q=nothing-like-this'
expect "a search with no match says so" 200 "No memoranda match."

# counts: one plural mechanism in the catalogue (English one/other; an Azerbaijani noun after a numeral
# stays singular), never a test of the number in a template
sfx=$(date +%s%N | tail -c 7)
as editor
for i in 1 2; do
	post /memoranda/new title_en="Plural $i $sfx" title_az="Cəm $i $sfx" signed_on=2024-05-01 status=active \
		party_rows=2 party_0_org=1 party_1_org=2
done
as viewer
req GET "/memoranda?q=Plural+1+$sfx"
expect "one memorandum found is \"1 memorandum\"" 200 '>1 memorandum<'
req GET "/memoranda?q=$sfx"
expect "two are \"2 memoranda\"" 200 '>2 memoranda<'
req GET "/memoranda?q=Plural+1+$sfx" -H 'Accept-Language: az'
expect "in Azerbaijani, \"1 memorandum\"" 200 '>1 memorandum<'
req GET "/memoranda?q=$sfx" -H 'Accept-Language: az'
expect "… and \"2 memorandum\" (singular after a numeral)" 200 '>2 memorandum<'
grep -q '{{#if [a-z_]* == "1"}}' "$SRC"/templates/*/*.html && fail "no template tests a count for 1" "$(grep -l '== "1"' "$SRC"/templates/*/*.html)" ||
	pass "no template tests a count for 1"

# the layout: a skip link to the content, the current section marked in the navigation
req GET /memoranda
expect "every page starts with a skip link to <main id=main>" 200 '<a class="skip" href="#main">Skip to the content</a>' '<main id="main" tabindex="-1">'
expect "the navigation marks the page it is on (aria-current=page)" 200 '<a href="/memoranda" aria-current="page">'
refute "… and no other section" 'href="/agenda" aria-current'
req GET /memoranda/1
expect "below a section's list, its link is aria-current=true" 200 '<a href="/memoranda" aria-current="true">'
req GET '/calendar?month=2024-05' -H 'Accept-Language: az'
expect "the month grid's heading is capitalised in Azerbaijani (\"May 2024\"), dates in text are not" 200 '<h1>May 2024</h1>'
req GET '/calendar?month=2024-06' -H 'Accept-Language: az'
expect "… İyun 2024" 200 '<h1>İyun 2024</h1>'

req GET /static/style.css
check "nginx serves the stylesheet" test "$STATUS" = 200 -a "$(header Content-Type)" = text/css
check "… for an hour under its plain name" bash -c "grep -qi '^cache-control: max-age=3600' '$OUT/headers'"
cp "$OUT/body" "$OUT/style.css"
# pages name it by its content (BLAKE2b, as libsodium's crypto_generichash): a changed stylesheet is a new address
req GET /memoranda/1
STYLE=$(sed -n 's|.*<link rel="stylesheet" href="\(/static/style-[0-9a-f]\{8\}\.css\)">.*|\1|p' "$OUT/body")
check "pages link the stylesheet by a name made of its content's hash" test "$STYLE" = \
	"/static/style-$(/usr/bin/python3 -c 'import hashlib, sys; print(hashlib.blake2b(open(sys.argv[1], "rb").read(), digest_size=32).hexdigest()[:8])' "$SRC/templates/static/style.css").css"
req GET "${STYLE:-/static/style-00000000.css}"
check "… which nginx serves, the same bytes, to be kept for a year" bash -c \
	"test '$STATUS' = 200 && cmp -s '$OUT/body' '$OUT/style.css' && grep -qi '^cache-control: max-age=31536000' '$OUT/headers'"
req GET /static/style-0123abcd.css
check "… and any such name from the stylesheet (a page from before an upgrade gets the new one)" test "$STATUS" = 200
req GET /static/memocal-2.js
check "the versioned script is kept for a year too" bash -c "grep -qi '^cache-control: max-age=31536000' '$OUT/headers'"

# the request log: one line per request with method, path, status, bytes and microseconds
req GET /memoranda/1
check "each request is logged with method, path, status, bytes and time" wait_for 30 \
	grep -qE 'msg=request method=GET path="/memoranda/1" status=200 bytes=[0-9]+ us=[0-9]+' "$STACK_DIR/memocal-web.log"
