#!/usr/bin/env bash
# t79_documents.sh - documents of a memorandum, an amendment and an occurrence: uploaded with an Azerbaijani file name
# and downloaded back byte for byte as an attachment (nosniff, length, the checked type), versions kept, refused kinds
# (HTML named .pdf) and sizes with the form kept and nothing stored, roles, soft deletion in the audit log, and a
# board member's download through their feed token, gone once it is revoked.
. "$(dirname "$0")/lib.sh"
export PSQL_DB=memocal
sql() { stack_psql -tAc "$1"; }
same() { # same NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2"$'\n'"    want: $3"; fi
}
# send PATH FILE NAME [FIELD=VALUE...]: a document form as a browser sends it (CSRF first, the fields, then the file
# under the name NAME)
send() {
	local path=$1 file=$2 name=$3 args=() kv
	shift 3
	for kv in "$@"; do args+=(-F "$kv"); done
	req POST "$path" -F "csrf=$(csrf)" "${args[@]}" -F "file=@$file;filename=$name;type=application/pdf"
}
docs() { sql "SELECT (SELECT count(*) FROM document) || '/' || (SELECT count(*) FROM document_version)"; }
# get PATH FILE: a download into FILE; sets STATUS, headers in $OUT/headers
get() {
	local jar=()
	[ -n "$JAR" ] && jar=(-b "$JAR" -c "$JAR")
	STATUS=$(curl -s -g "${jar[@]}" -o "$2" -D "$OUT/headers" -w '%{http_code}' "$BASE$1")
}
sfx=$(date +%s%N | tail -c 7)
F=$OUT/files
mkdir -p "$F"
# two small PDFs (libmagic reads "%PDF-"), an HTML page and an SVG drawing named .pdf, a file over the limit
printf '%%PDF-1.4\n%% first %s\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' "$sfx" >"$F/one.pdf"
printf '%%PDF-1.7\n%% second version %s, longer\n1 0 obj<<>>endobj\n2 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' "$sfx" >"$F/two.pdf"
printf '<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n' >"$F/page.pdf"
printf '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >"$F/draw.pdf"
printf 'Protokol: iclas keçirildi. Ağ şəhər, ölçü, ıı.\n' >"$F/notes.txt"
NAME="Protokol ğəşıçöü Ə $sfx.pdf"
ENC="Protokol%20%C4%9F%C9%99%C5%9F%C4%B1%C3%A7%C3%B6%C3%BC%20%C6%8F%20$sfx.pdf"

as editor
post /language lang=en back=/memoranda
post /memoranda/new title_en="Documents test $sfx" title_az="Sənəd sınağı $sfx" signed_on=2025-01-01 status=signed \
	party_rows=2 party_0_org=1 party_1_org=2
M=$(location)
M=${M##*/}
check "a memorandum for this test is created" test "$STATUS" = 303 -a -n "$M"

# ---- a memorandum's document: the form, the upload, the download ----
req GET "/memoranda/$M"
expect "the memorandum page has a documents section with the add link for an editor" 200 "Documents" \
	"href=\"/memoranda/$M/documents/new\"" "No documents."
req GET "/memoranda/$M/documents/new"
expect "the document form is a multipart upload with the CSRF field first" 200 'enctype="multipart/form-data"' \
	'name="title_en"' 'name="title_az"' 'type="file"'
check "… the CSRF field before the file" bash -c "tr -d '\n' <'$OUT/body' | grep -q 'name=\"csrf\".*name=\"file\"'"
before=$(docs)
send "/memoranda/$M/documents/new" "$F/one.pdf" "$NAME" "title_en=Signed memorandum $sfx" "title_az=İmzalı memorandum $sfx"
check "an editor uploads a PDF with an Azerbaijani name (303 to the memorandum)" test "$STATUS" = 303 -a "$(location)" = "/memoranda/$M"
D=$(sql "SELECT id FROM document WHERE title_en = 'Signed memorandum $sfx'")
check "… one document with one version is stored" test -n "$D" -a "$(docs)" != "$before"
same "… its size, checked type, name and SHA-256 as the bytes say" \
	"$(sql "SELECT size || ' ' || content_type || ' ' || filename || ' ' || sha256 FROM document_version WHERE document_id = $D")" \
	"$(stat -c %s "$F/one.pdf") application/pdf $NAME $(sha256sum "$F/one.pdf" | cut -d' ' -f1)"
req GET "/memoranda/$M?done=document_added"
expect "the memorandum page lists it with its file name and says it was added" 200 "The document was added." \
	"Signed memorandum $sfx" "Protokol ğəşıçöü Ə $sfx.pdf" "href=\"/documents/$D/versions/1\""
get "/documents/$D/versions/1" "$F/back1.pdf"
check "the download is 200 and byte for byte the uploaded file" bash -c "[ '$STATUS' = 200 ] && cmp '$F/one.pdf' '$F/back1.pdf'"
same "… Content-Type is the checked type" "$(header Content-Type)" "application/pdf"
same "… Content-Length is the file's" "$(header Content-Length)" "$(stat -c %s "$F/one.pdf")"
same "… nosniff" "$(header X-Content-Type-Options)" "nosniff"
check "… an attachment named in RFC 5987's UTF-8 form, with an ASCII stand-in" \
	grep -qiF "Content-Disposition: attachment; filename=\"Protokol _______ _ $sfx.pdf\"; filename*=UTF-8''$ENC" "$OUT/headers"

# ---- refusals: the kind read from the bytes, the size; the form comes back with what was typed ----
before=$(docs)
send "/memoranda/$M/documents/new" "$F/page.pdf" "agenda.pdf" "title_en=Kept title $sfx" "title_az=Saxlanan $sfx"
expect "an HTML page named .pdf is refused with 422 naming the field" 422 \
	"File: this kind of file is not accepted" 'value="Kept title '"$sfx"'"' 'value="Saxlanan '"$sfx"'"' 'aria-invalid="true"'
send "/memoranda/$M/documents/new" "$F/draw.pdf" "drawing.pdf" "title_en=Drawing $sfx"
expect "an SVG drawing is refused too" 422 "File: this kind of file is not accepted"
post /language lang=az back=/memoranda
send "/memoranda/$M/documents/new" "$F/page.pdf" "agenda.pdf" "title_en=Kept title $sfx"
expect "… in the reader's language (Azerbaijani)" 422 "Fayl: bu növ fayl qəbul edilmir"
post /language lang=en back=/memoranda
send "/memoranda/$M/documents/new" "$F/one.pdf" "one.pdf" "title_en="
expect "a document without a title is refused, the file named again" 422 "Some fields need attention"
req POST "/memoranda/$M/documents/new" -F "csrf=$(csrf)" -F "title_en=No file $sfx"
expect "a form without a file asks for one" 422 "File: choose a file to upload."
head -c $((20 * 1048576 + 4096)) /dev/zero | (printf '%%PDF-1.4\n'; cat) >"$F/big.pdf"
send "/memoranda/$M/documents/new" "$F/big.pdf" "big.pdf" "title_en=Too big $sfx"
expect "a file over document_max_bytes (20 MiB) is refused with 413, the form kept" 413 \
	"File: the file is larger than the limit of 20 MB." 'value="Too big '"$sfx"'"'
head -c $((23 * 1048576)) /dev/zero >"$F/huge.pdf"
send "/memoranda/$M/documents/new" "$F/huge.pdf" "huge.pdf" "title_en=Huge $sfx"
check "a body over nginx's upload limit (22m) is refused by nginx with 413" test "$STATUS" = 413
rm -f "$F/big.pdf" "$F/huge.pdf"
same "the refused uploads stored nothing" "$(docs)" "$before"
send "/memoranda/$M/documents/new" "$F/notes.txt" "qeydlər.txt" "title_en=Notes $sfx"
check "plain UTF-8 text is accepted" test "$STATUS" = 303
NOTES=$(sql "SELECT id FROM document WHERE title_en = 'Notes $sfx'")
get "/documents/$NOTES/versions/1" "$F/notes-back.txt"
check "… and served as UTF-8 text, as an attachment" bash -c "[ '$STATUS' = 200 ] && cmp '$F/notes.txt' '$F/notes-back.txt' &&
	grep -qi '^Content-Type: text/plain; charset=utf-8' '$OUT/headers' && grep -qi '^Content-Disposition: attachment;' '$OUT/headers'"
# the name a file is saved under on the reader's disk opens it as what it is: its kind's extension, and no
# character that turns the name around ("\u202E" shows "QDexe.pdf" for "QD\u202Efdp.exe")
send "/memoranda/$M/documents/new" "$F/one.pdf" "Minutes $sfx.html" "title_en=Renamed $sfx"
R1=$(sql "SELECT id FROM document WHERE title_en = 'Renamed $sfx'")
get "/documents/$R1/versions/1" "$F/renamed.pdf"
check "a PDF sent as \"Minutes.html\" downloads as \"Minutes.html.pdf\"" \
	grep -qiF "Content-Disposition: attachment; filename=\"Minutes $sfx.html.pdf\"" "$OUT/headers"
send "/memoranda/$M/documents/new" "$F/notes.txt" "$(printf 'QD\342\200\256fdp.exe')" "title_en=Turned $sfx"
R2=$(sql "SELECT id FROM document WHERE title_en = 'Turned $sfx'")
get "/documents/$R2/versions/1" "$F/turned.txt"
check "text sent as \"QD<RLO>fdp.exe\" downloads as \"QDfdp.exe.txt\", its turning character gone" \
	grep -qiF "Content-Disposition: attachment; filename=\"QDfdp.exe.txt\"" "$OUT/headers"

# ---- a second version keeps the first ----
req GET "/documents/$D"
expect "the document page lists its version and offers a new one and deletion" 200 "Versions" "Upload a new version" \
	"Delete the document" 'name="version" value="1"' "$(sha256sum "$F/one.pdf" | cut -d' ' -f1)"
send "/documents/$D/versions/new" "$F/two.pdf" "İkinci $sfx.pdf" version=1
check "an editor uploads a second version (303 to the document)" test "$STATUS" = 303 -a "$(location)" = "/documents/$D"
req GET "/documents/$D?done=document_version"
expect "the page lists both versions, newest first" 200 "the earlier ones are kept" "İkinci $sfx.pdf" \
	"Protokol ğəşıçöü Ə $sfx.pdf" "href=\"/documents/$D/versions/2\"" "href=\"/documents/$D/versions/1\""
get "/documents/$D/versions/2" "$F/back2.pdf"
check "version 2 downloads byte for byte" bash -c "[ '$STATUS' = 200 ] && cmp '$F/two.pdf' '$F/back2.pdf'"
get "/documents/$D/versions/1" "$F/back1.pdf"
check "version 1 still downloads byte for byte" bash -c "[ '$STATUS' = 200 ] && cmp '$F/one.pdf' '$F/back1.pdf'"
req GET "/memoranda/$M"
expect "the memorandum page links the newest version" 200 "href=\"/documents/$D/versions/2\"" "2 versions"
send "/documents/$D/versions/new" "$F/one.pdf" "stale.pdf" version=1
expect "a new version from a stale page is a 409, nothing stored" 409 "Someone changed this document meanwhile"
same "… still two versions" "$(sql "SELECT count(*) FROM document_version WHERE document_id = $D")" 2
send "/documents/$D/versions/new" "$F/page.pdf" "page.pdf" version=2
expect "an HTML file as a new version is refused with 422" 422 "File: this kind of file is not accepted"

# ---- an occurrence's document, on its record page ----
D1=$(date -d "last thursday - 7 days" +%F)
post "/memoranda/$M/series/new" kind=meeting status=confirmed title_en="Board $sfx" title_az="İdarə heyəti $sfx" \
	tzid=Asia/Baku start_date="$D1" start_time=10:00 end_time=11:00 repeat=weekly ends=count count=2 action=confirm
S=$(location)
S=${S##*/}
check "an editor creates a weekly series of two" test "$STATUS" = 303 -a -n "$S"
RID="$(date -d "$D1" +%Y%m%d)T100000"
REC="/series/$S/occurrences/$RID/record"
req GET "$REC"
expect "the record page has a documents section with an upload form" 200 "Documents" \
	"action=\"/series/$S/occurrences/$RID/documents/new\"" 'enctype="multipart/form-data"'
send "/series/$S/occurrences/$RID/documents/new" "$F/one.pdf" "Gündəlik $sfx.pdf" "title_en=Agenda pack $sfx" "title_az=Gündəlik $sfx"
check "an editor uploads the agenda pack of one occurrence (303 to its record)" test "$STATUS" = 303 -a "$(location)" = "$REC"
OD=$(sql "SELECT id FROM document WHERE title_en = 'Agenda pack $sfx'")
same "… stored under the series and the occurrence's start" \
	"$(sql "SELECT series_id || ' ' || to_char(recurrence_id, 'YYYYMMDD\"T\"HH24MISS') FROM document WHERE id = $OD")" "$S $RID"
req GET "$REC"
expect "the record page lists it" 200 "Agenda pack $sfx" "Gündəlik $sfx.pdf" "href=\"/documents/$OD/versions/1\""
req GET "/series/$S/occurrences/$(date -d "$D1 + 7 days" +%Y%m%d)T100000/record"
refute "… and the next occurrence's page does not" "Agenda pack $sfx"
get "/documents/$OD/versions/1" "$F/back-occ.pdf"
check "the occurrence's document downloads byte for byte" bash -c "[ '$STATUS' = 200 ] && cmp '$F/one.pdf' '$F/back-occ.pdf'"
req POST "/series/$S/occurrences/20000101T100000/documents/new" -F "csrf=$(csrf)" -F "title_en=x" -F "file=@$F/one.pdf"
check "an upload to an occurrence the series does not have is a 404" test "$STATUS" = 404

# ---- an amendment with its document ----
send "/memoranda/$M/amendments/new" "$F/two.pdf" "Düzəliş $sfx.pdf" amended_on=2025-06-01 version="$(sql "SELECT version FROM memorandum WHERE id = $M")" \
	"title_en=Amendment $sfx" "title_az=Düzəliş $sfx"
check "an amendment is added with a document (303)" test "$STATUS" = 303
AD=$(sql "SELECT d.id FROM document d JOIN memorandum_amendment a ON a.id = d.amendment_id WHERE a.title_en = 'Amendment $sfx'")
check "… the document belongs to the amendment" test -n "$AD"
req GET "/memoranda/$M"
expect "the memorandum page shows the amendment's document under it" 200 "Düzəliş $sfx.pdf" "href=\"/documents/$AD/versions/1\""
before=$(sql "SELECT count(*) FROM memorandum_amendment WHERE memorandum_id = $M")/$(docs)
send "/memoranda/$M/amendments/new" "$F/page.pdf" "page.pdf" amended_on=2025-07-01 version="$(sql "SELECT version FROM memorandum WHERE id = $M")" \
	"title_en=Bad amendment $sfx" "title_az=Pis düzəliş $sfx"
expect "an amendment with an HTML document is refused with 422, its fields kept" 422 \
	"File: this kind of file is not accepted" 'value="Bad amendment '"$sfx"'"'
same "… nothing of it stored" "$(sql "SELECT count(*) FROM memorandum_amendment WHERE memorandum_id = $M")/$(docs)" "$before"

# ---- a viewer reads and downloads, and may change nothing ----
as viewer
req GET "/memoranda/$M"
expect "a viewer sees the documents" 200 "Signed memorandum $sfx"
refute "… without the add link" "/memoranda/$M/documents/new"
get "/documents/$D/versions/2" "$F/viewer.pdf"
check "a viewer downloads a document" bash -c "[ '$STATUS' = 200 ] && cmp '$F/two.pdf' '$F/viewer.pdf'"
req GET "/documents/$D"
refute "the document page offers a viewer no upload or deletion" "/versions/new" "/delete"
before=$(docs)
send "/memoranda/$M/documents/new" "$F/one.pdf" "one.pdf" "title_en=Viewer $sfx"
expect "a viewer may not upload (403)" 403
send "/documents/$D/versions/new" "$F/one.pdf" "one.pdf" version=2
expect "a viewer may not add a version (403)" 403
post "/documents/$D/delete" reason=no version=2
expect "a viewer may not delete (403)" 403
same "… nothing stored or deleted" "$(docs)/$(sql "SELECT count(*) FROM document WHERE deleted_at IS NOT NULL")" "$before/0"
as nobody
req GET "/documents/$D/versions/2"
check "without a login, a download leads to the login page" test "$STATUS" = 303 -o "$STATUS" = 401

# ---- a board member's page and downloads, through their feed token ----
as editor
send "/memoranda/1/documents/new" "$F/one.pdf" "other.pdf" "title_en=Foreign $sfx"
FOREIGN=$(sql "SELECT id FROM document WHERE title_en = 'Foreign $sfx'")
check "a document of another memorandum is added (for the board's scope below)" test "$STATUS" = 303 -a -n "$FOREIGN"
as admin
feed_token_web "memorandum:$M" en "Board $sfx"
BT=$TOKEN
BT_ID=$(sql "SELECT max(id) FROM feed_token WHERE label = 'Board $sfx'")
check "an admin makes a feed address for the memorandum" test -n "$BT" -a -n "$BT_ID"
as nobody
B="/board/$BT/series/$S/occurrences/$RID"
req GET "$B"
expect "the board page lists the occurrence's and the memorandum's documents with board links" 200 \
	"Agenda pack $sfx" "Signed memorandum $sfx" "href=\"$B/documents/$OD\"" "href=\"$B/documents/$D\""
refute "… and no staff address" "/documents/$OD/versions/"
get "$B/documents/$OD" "$F/board-occ.pdf"
check "a board member downloads the occurrence's document byte for byte" bash -c "[ '$STATUS' = 200 ] && cmp '$F/one.pdf' '$F/board-occ.pdf'"
check "… as an attachment with nosniff" bash -c "grep -qi '^Content-Disposition: attachment' '$OUT/headers' && grep -qi '^X-Content-Type-Options: nosniff' '$OUT/headers'"
get "$B/documents/$D" "$F/board-memo.pdf"
check "… and the memorandum's, its newest version" bash -c "[ '$STATUS' = 200 ] && cmp '$F/two.pdf' '$F/board-memo.pdf'"
get "/board/$BT/series/$S/occurrences/$(date -d "$D1 + 7 days" +%Y%m%d)T100000/documents/$OD" "$F/x"
same "another occurrence's address does not serve this occurrence's document (404)" "$STATUS" 404
get "$B/documents/$FOREIGN" "$F/x"
same "a document of another memorandum is a 404 through this token" "$STATUS" 404
get "/board/${BT}x/series/$S/occurrences/$RID/documents/$OD" "$F/x"
same "an unknown token gets 404" "$STATUS" 404
as admin
post "/feeds/$BT_ID/revoke"
check "the admin revokes the address" test "$STATUS" = 303
as nobody
get "$B/documents/$OD" "$F/x"
same "a revoked token loses the download on the very next request (404)" "$STATUS" 404
check "memocal-web's log never keeps the token of a board download" bash -c "! grep -qF '$BT' '$STACK_DIR/memocal-web.log'"

# ---- deletion: soft, with a reason, audited, gone from the lists ----
as editor
post "/documents/$D/delete" reason="" version=2
expect "a deletion without a reason is refused with 422" 422 "Why it is deleted"
post "/documents/$D/delete" reason="Superseded $sfx" version=1
expect "a deletion from a stale page is a 409" 409
post "/documents/$D/delete" reason="Superseded $sfx" version=2
check "an editor deletes the document with a reason (303 to the memorandum)" test "$STATUS" = 303 -a "$(location)" = "/memoranda/$M"
same "… the row stays, marked with who, when and why, and both versions are kept" \
	"$(sql "SELECT deleted_login || ' ' || delete_reason || ' ' || (deleted_at IS NOT NULL) || ' ' || (SELECT count(*) FROM document_version WHERE document_id = $D) FROM document WHERE id = $D")" \
	"editor Superseded $sfx true 2"
req GET "/memoranda/$M?done=document_deleted"
expect "the memorandum page says so" 200 "The document was deleted."
refute "… and lists it no more" "Signed memorandum $sfx" "/documents/$D/versions/"
get "/documents/$D/versions/1" "$F/x"
same "a deleted document's versions do not download (404)" "$STATUS" 404
req GET "/documents/$D"
expect "its page says it was deleted, without download links" 200 "This document was deleted"
refute "… no links to its files" "href=\"/documents/$D/versions/"
same "uploads, the new version and the deletion are in the audit log" \
	"$(sql "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity = 'document' AND entity_id = $D")" "create,update,delete"
same "… the amendment's document too" "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'document' AND entity_id = $AD AND action = 'create'")" 1
as admin
req GET "/audit?entity=document&id=$D"
expect "the audit page shows the deletion with its reason, and the upload" 200 "Superseded $sfx" "Signed memorandum $sfx" \
	"Document"

# ---- an occurrence's documents follow its meeting record when the record is re-keyed (migration 025's trigger) ----
REC_ID=$(sql "INSERT INTO meeting_record (series_id, recurrence_id) VALUES ($S, '$D1 10:00') RETURNING id" | head -1)
sql "UPDATE meeting_record SET recurrence_id = '$D1 11:00' WHERE id = $REC_ID" >/dev/null
same "a record moved to another recurrence id takes the occurrence's documents with it" \
	"$(sql "SELECT to_char(recurrence_id, 'HH24:MI') FROM document WHERE id = $OD")" "11:00"
