/* documents.h - files staff attach to a memorandum, an amendment or an occurrence; board members download them. */
#ifndef MEMOCAL_PAGES_DOCUMENTS_H
#define MEMOCAL_PAGES_DOCUMENTS_H

#include "http/http.h"
#include "store/documents.h"
#include "view/value.h"

int documents_memorandum_form(http_ctx *c);   /* GET /memoranda/{id}/documents/new */
int documents_memorandum_upload(http_ctx *c); /* POST /memoranda/{id}/documents/new (multipart) */
int documents_occurrence_form(http_ctx *c);   /* GET /series/{id}/occurrences/{rid}/documents/new */
int documents_occurrence_upload(http_ctx *c); /* POST /series/{id}/occurrences/{rid}/documents/new (multipart) */
int documents_show(http_ctx *c);              /* GET /documents/{id}: its versions, new version, delete */
int documents_download(http_ctx *c);          /* GET /documents/{id}/versions/{n} */
int documents_new_version(http_ctx *c);       /* POST /documents/{id}/versions/new (multipart) */
int documents_delete(http_ctx *c);            /* POST /documents/{id}/delete */
int documents_board_download(http_ctx *c);    /* GET /board/{token}/series/{id}/occurrences/{rid}/documents/{doc} */

/*
 * The uploaded file of the multipart field "file", checked: 0 with *f (f->data NULL when none was chosen),
 * or 413 (larger than document_max_bytes) / 422 (a kind not kept) with *why the catalogue key of the message.
 */
int documents_take_upload(http_ctx *c, document_file *f, const char **why);
/* Puts the message for why (from documents_take_upload) as the form's file error and at the top of the form. */
void documents_put_upload_error(http_ctx *c, view_value *scope, const char *why);

/* scope.<key>: a list of documents (title, file name, size, type, date), each linking to its download: the staff
 * addresses when board_base is NULL, else board_base/{doc}. Amendments' documents are left out unless with_amendments. */
void documents_put(http_ctx *c, view_value *scope, const char *key, const document *list, size_t n,
                   const char *board_base, bool with_amendments);

/* The memorandum page's documents and each amendment's own (scope.amendments[i].documents, in the order of ids);
 * -1 on a store error. */
int documents_put_memorandum(http_ctx *c, view_value *scope, long long memorandum_id, const long long *amendment_ids,
                             size_t namendments);
/* An occurrence's documents (the record page: scope.documents, scope.documents_new); with a board token,
 * also its memorandum's (scope.memorandum_documents), each through the board's address; -1 on a store error. */
int documents_put_occurrence(http_ctx *c, view_value *scope, long long series_id, long long memorandum_id,
                             const char *rid, const char *board_token);

#endif
