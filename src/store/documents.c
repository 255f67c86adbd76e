/* documents.c - files attached to a memorandum, an amendment or an occurrence: versions, soft deletion, the audit. */
#include "store/documents.h"

#include <string.h>

#include "store/rows.h"

/* Inserts version n of document id: the bytes go as bytes (no hex doubling). */
static enum change_result insert_version(store *s, arena *a, const actor *who, long long id, int n,
                                         const document_file *f)
{
	const char *p[] = {param_int(a, id), param_int(a, n), f->data, f->content_type, f->filename,
	                   who && who->user_id ? param_int(a, who->user_id) : NULL, who ? who->login : NULL};
	int lengths[] = {0, 0, (int)f->len, 0, 0, 0, 0};
	int formats[] = {0, 0, 1, 0, 0, 0, 0};
	PGresult *r = store_exec_binary(s, STMT_DOCUMENT_VERSION_INSERT, 7, p, lengths, formats, false);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	return CHANGE_DONE;
}

static enum change_result insert_row(store *s, arena *a, const actor *who, const document_owner *o, bitext title,
                                     const document_file *f, long long *id)
{
	const char *p[] = {o->memorandum_id ? param_int(a, o->memorandum_id) : NULL,
	                   o->amendment_id ? param_int(a, o->amendment_id) : NULL,
	                   o->series_id ? param_int(a, o->series_id) : NULL, o->recurrence_id, title.en, title.az};
	enum change_result res = store_write(s, STMT_DOCUMENT_INSERT, 6, p, id);
	if (res != CHANGE_DONE)
		return res == CHANGE_STALE ? CHANGE_ERROR : res;
	return insert_version(s, a, who, *id, 1, f);
}

struct create_ctx {
	const actor *who;
	const document_owner *o;
	bitext title;
	const document_file *f;
};

static enum change_result apply_create(store *s, arena *a, void *ctx, long long *id)
{
	struct create_ctx *x = ctx;
	return insert_row(s, a, x->who, x->o, x->title, x->f, id);
}

enum change_result store_document_create(store *s, arena *a, const actor *who, const document_owner *o, bitext title,
                                         const document_file *f, long long *id)
{
	struct create_ctx x = {who, o, title, f};
	change c = {who, "create", "document", STMT_DOCUMENT_SNAPSHOT, 0, title.en, apply_create, &x, NULL, false};
	enum change_result res = store_change(s, a, &c);
	*id = c.id;
	return res;
}

enum change_result store_document_insert(store *s, arena *a, const actor *who, const document_owner *o, bitext title,
                                         const document_file *f, long long *id)
{
	enum change_result res = insert_row(s, a, who, o, title, f, id);
	if (res != CHANGE_DONE)
		return res;
	const char *sp[] = {param_int(a, *id)};
	PGresult *r = store_exec(s, STMT_DOCUMENT_SNAPSHOT, 1, sp);
	if (!r)
		return CHANGE_ERROR;
	const char *after = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	const char *p[] = {who && who->user_id ? param_int(a, who->user_id) : NULL,
	                   who ? who->login : NULL,
	                   "create",
	                   "document",
	                   sp[0],
	                   title.en,
	                   NULL,
	                   after};
	if (!(r = store_exec(s, STMT_AUDIT_INSERT, 8, p)))
		return CHANGE_ERROR;
	PQclear(r);
	return CHANGE_DONE;
}

struct version_ctx {
	const actor *who;
	int version;
	const document_file *f;
};

static enum change_result apply_version(store *s, arena *a, void *ctx, long long *id)
{
	struct version_ctx *x = ctx;
	const char *p[] = {param_int(a, *id), param_int(a, x->version)};
	long long n = 0;
	enum change_result res = store_write(s, STMT_DOCUMENT_BUMP, 2, p, &n);
	if (res != CHANGE_DONE)
		return res;
	return insert_version(s, a, x->who, *id, (int)n, x->f);
}

enum change_result store_document_add_version(store *s, arena *a, const actor *who, long long id, int version,
                                              const char *label, const document_file *f)
{
	struct version_ctx x = {who, version, f};
	change c = {who, "update", "document", STMT_DOCUMENT_SNAPSHOT, id, label, apply_version, &x, NULL, false};
	return store_change(s, a, &c);
}

struct delete_ctx {
	const actor *who;
	int version;
	const char *reason;
};

static enum change_result apply_delete(store *s, arena *a, void *ctx, long long *id)
{
	struct delete_ctx *x = ctx;
	const char *p[] = {param_int(a, *id), param_int(a, x->version),
	                   x->who && x->who->user_id ? param_int(a, x->who->user_id) : NULL, x->who ? x->who->login : NULL,
	                   x->reason};
	return store_write(s, STMT_DOCUMENT_DELETE, 5, p, NULL);
}

enum change_result store_document_delete(store *s, arena *a, const actor *who, long long id, int version,
                                         const char *label, const char *reason)
{
	struct delete_ctx x = {who, version, reason};
	/* "delete": the log keeps the document as it was; the label says why (the row keeps who, when, why) */
	change c = {who, "delete", "document", STMT_DOCUMENT_SNAPSHOT, id, arena_printf(a, "%s (%s)", label, reason),
	            apply_delete, &x, NULL, false};
	return store_change(s, a, &c);
}

static void read_version(arena *a, const PGresult *r, int i, int col, document_version *v)
{
	v->n = (int)row_int(r, i, col);
	v->filename = row_str(a, r, i, col + 1);
	v->content_type = row_str(a, r, i, col + 2);
	v->size = row_int(r, i, col + 3);
}

int store_document_get(store *s, arena *a, long long id, document *out)
{
	memset(out, 0, sizeof *out);
	const char *p[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_DOCUMENT_GET, 1, p);
	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	out->id = row_int(r, 0, 0);
	out->owner.memorandum_id = row_int(r, 0, 1);
	out->owner.amendment_id = row_int(r, 0, 2);
	out->owner.series_id = row_int(r, 0, 3);
	out->owner.recurrence_id = row_str(a, r, 0, 4);
	out->title = row_bitext(a, r, 0, 5);
	out->version = (int)row_int(r, 0, 7);
	out->created_at = row_str(a, r, 0, 8);
	out->deleted = strcmp(PQgetvalue(r, 0, 9), "t") == 0;
	out->memorandum_id = row_int(r, 0, 10);
	out->memorandum_title = row_bitext(a, r, 0, 11);
	out->series_title = row_bitext(a, r, 0, 13);
	PQclear(r);
	if (!(r = store_exec(s, STMT_DOCUMENT_VERSIONS, 1, p)))
		return -1;
	out->nversions = (size_t)PQntuples(r);
	out->versions = arena_alloc(a, (out->nversions ? out->nversions : 1) * sizeof *out->versions);
	for (size_t i = 0; i < out->nversions; i++) {
		document_version *v = &out->versions[i];
		read_version(a, r, (int)i, 0, v);
		v->sha256 = row_str(a, r, (int)i, 4);
		v->login = row_str(a, r, (int)i, 5);
		v->at = row_str(a, r, (int)i, 6);
	}
	if (out->nversions)
		out->latest = out->versions[0];
	PQclear(r);
	return 1;
}

static int read_list(store *s, arena *a, enum stmt id, int np, const char *const *p, document **out, size_t *n)
{
	PGresult *r = store_exec(s, id, np, p);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		document *d = &(*out)[i];
		memset(d, 0, sizeof *d);
		d->id = row_int(r, (int)i, 0);
		d->owner.amendment_id = row_int(r, (int)i, 1);
		d->title = row_bitext(a, r, (int)i, 2);
		d->version = (int)row_int(r, (int)i, 4);
		read_version(a, r, (int)i, 5, &d->latest);
		d->latest.at = row_str(a, r, (int)i, 9);
	}
	PQclear(r);
	return 0;
}

int store_documents_of_memorandum(store *s, arena *a, long long memorandum_id, document **out, size_t *n)
{
	const char *p[] = {param_int(a, memorandum_id)};
	return read_list(s, a, STMT_DOCUMENTS_OF_MEMORANDUM, 1, p, out, n);
}

int store_documents_of_occurrence(store *s, arena *a, long long series_id, const char *recurrence_id, document **out,
                                  size_t *n)
{
	const char *p[] = {param_int(a, series_id), recurrence_id};
	return read_list(s, a, STMT_DOCUMENTS_OF_OCCURRENCE, 2, p, out, n);
}

int store_document_file(store *s, arena *a, long long id, int n, document_file *f)
{
	const char *p[] = {param_int(a, id), param_int(a, n)};
	PGresult *r = store_exec_binary(s, STMT_DOCUMENT_FILE, 2, p, NULL, NULL, true);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		f->len = (size_t)PQgetlength(r, 0, 0);
		char *data = arena_alloc(a, f->len + 1);
		memcpy(data, PQgetvalue(r, 0, 0), f->len);
		data[f->len] = '\0';
		f->data = data;
		f->filename = row_str(a, r, 0, 1);
		f->content_type = row_str(a, r, 0, 2);
	}
	PQclear(r);
	return found;
}
