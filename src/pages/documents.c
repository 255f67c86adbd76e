/* documents.c - files staff attach to a memorandum, an amendment or an occurrence, their versions and downloads. */
#include "pages/documents.h"

#include <string.h>

#include "cal/schedule.h"
#include "pages/app.h"
#include "pages/board.h"
#include "pages/forms.h"
#include "pages/occurrences.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "util/filetype.h"
#include "util/log.h"
#include "util/utf8.h"
#include "view/present.h"

enum { D_TITLE_EN, D_TITLE_AZ, D__MAX };
static const field_def doc_fields[D__MAX] = {
	{"title_en", FIELD_TEXT, true, 300, 0, NULL},
	{"title_az", FIELD_TEXT, false, 300, 0, NULL},
};

/* the deletion's reason (the version, as every form's, by page_form_version) */
enum { X_REASON, X__MAX };
static const field_def delete_fields[X__MAX] = {
	{"reason", FIELD_TEXT, true, 1000, 0, NULL},
};

/* "2026-03-04 10:00:00" -> "20260304T100000", the occurrence's word in addresses */
static const char *rid_word(arena *a, const char *r)
{
	return arena_printf(a, "%.4s%.2s%.2sT%.2s%.2s%.2s", r, r + 5, r + 8, r + 11, r + 14, r + 17);
}

/* The browser's name for the file, without any folder, cut to at most 200 bytes on a letter's boundary; a name
 * that is not UTF-8 or holds a control character becomes "document". */
static const char *clean_name(arena *a, const char *name)
{
	const char *base = name ? name : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = strlen(base);
	if (!n || !utf8_valid(base, n))
		return "document";
	for (const unsigned char *p = (const unsigned char *)base; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "document";
	size_t cut = 0;
	while (cut < n) {
		size_t k = utf8_sequence(base + cut, n - cut);
		if (!k || cut + k > 200)
			break;
		cut += k;
	}
	return arena_strndup(a, base, cut);
}

int documents_take_upload(http_ctx *c, document_file *f, const char **why)
{
	memset(f, 0, sizeof *f);
	*why = NULL;
	const multipart_part *p = multipart_file(&c->upload, "file");
	if (!p || (!*p->filename && p->len == 0))
		return 0;
	if (p->len > (size_t)app_of(c)->cfg->document_max_bytes) {
		*why = "document.too_large";
		return 413;
	}
	const char *found;
	const char *type = filetype_check(p->data, p->len, &found);
	if (!type) {
		log_info("msg=\"document refused\" found=\"%s\" size=%zu", found, p->len);
		*why = p->len ? "document.refused_type" : "document.empty";
		return 422;
	}
	f->data = p->data;
	f->len = p->len;
	f->content_type = type;
	f->filename = filetype_download_name(c->a, type, clean_name(c->a, p->filename));
	return 0;
}

void documents_put_upload_error(http_ctx *c, view_value *scope, const char *why)
{
	long long mb = app_of(c)->cfg->document_max_bytes;
	const char *msg = page_msg(c, why, mb >= 1048576 ? mb / 1048576 : 1);
	view_put_str(scope, "file_error", msg);
	view_value *list = view_get(scope, "invalid_fields");
	view_value *e = view_push_map(list && list->kind == VIEW_LIST ? list : view_put_list(scope, "invalid_fields"));
	view_put_str(e, "id", "file");
	view_put_str(e, "label", page_msg(c, "document.file", 0));
	view_put_str(e, "error", msg);
	view_put_str(scope, "message", page_msg(c, "form.invalid", 0));
}

/* "12 KB", "1.5 MB": the same in both languages */
static const char *size_text(arena *a, long long n)
{
	if (n < 1024)
		return arena_printf(a, "%lld B", n);
	if (n < 1048576)
		return arena_printf(a, "%lld KB", (n + 1023) / 1024);
	return arena_printf(a, "%.1f MB", (double)n / 1048576.0);
}

void documents_put(http_ctx *c, view_value *scope, const char *key, const document *list, size_t n,
                   const char *board_base, bool with_amendments)
{
	const char *lang = lang_code(c->lang);
	view_value *l = view_put_list(scope, key);
	for (size_t i = 0; i < n; i++) {
		const document *d = &list[i];
		if (d->owner.amendment_id && !with_amendments)
			continue;
		view_value *v = view_push_map(l);
		view_put_int(v, "id", d->id);
		view_put_text(v, "title", d->title, lang);
		view_put_str(v, "filename", d->latest.filename);
		view_put_str(v, "size", size_text(c->a, d->latest.size));
		view_put_str(v, "type", d->latest.content_type);
		view_put_str(v, "at", d->latest.at);
		view_put_int(v, "versions", d->version);
		if (board_base) {
			view_put_str(v, "href", arena_printf(c->a, "%s/%lld", board_base, d->id));
		} else {
			view_put_str(v, "href", arena_printf(c->a, "/documents/%lld/versions/%d", d->id, d->latest.n));
			view_put_str(v, "page", arena_printf(c->a, "/documents/%lld", d->id));
		}
	}
}

int documents_put_memorandum(http_ctx *c, view_value *scope, long long memorandum_id, const long long *amendment_ids,
                             size_t namendments)
{
	document *docs;
	size_t n;
	if (store_documents_of_memorandum(&app_of(c)->db, c->a, memorandum_id, &docs, &n) != 0)
		return -1;
	documents_put(c, scope, "documents", docs, n, NULL, false);
	view_put_str(scope, "documents_new", arena_printf(c->a, "/memoranda/%lld/documents/new", memorandum_id));
	view_value *am = view_get(scope, "amendments");
	size_t i = 0;
	for (view_item *it = am && am->kind == VIEW_LIST ? am->head : NULL; it && i < namendments; it = it->next, i++) {
		view_value *l = view_put_list(it->v, "documents");
		for (size_t k = 0; k < n; k++)
			if (docs[k].owner.amendment_id == amendment_ids[i]) {
				view_value *v = view_push_map(l);
				view_put_text(v, "title", docs[k].title, lang_code(c->lang));
				view_put_str(v, "filename", docs[k].latest.filename);
				view_put_str(v, "size", size_text(c->a, docs[k].latest.size));
				view_put_str(v, "href", arena_printf(c->a, "/documents/%lld/versions/%d", docs[k].id, docs[k].latest.n));
				view_put_str(v, "page", arena_printf(c->a, "/documents/%lld", docs[k].id));
			}
	}
	return 0;
}

int documents_put_occurrence(http_ctx *c, view_value *scope, long long series_id, long long memorandum_id,
                             const char *rid, const char *board_token)
{
	store *db = &app_of(c)->db;
	document *docs;
	size_t n;
	if (store_documents_of_occurrence(db, c->a, series_id, rid, &docs, &n) != 0)
		return -1;
	const char *word = rid_word(c->a, rid);
	if (!board_token) {
		documents_put(c, scope, "documents", docs, n, NULL, true);
		view_put_str(scope, "documents_new",
		             arena_printf(c->a, "/series/%lld/occurrences/%s/documents/new", series_id, word));
		return 0;
	}
	const char *base = arena_printf(c->a, "/board/%s/series/%lld/occurrences/%s/documents", board_token, series_id, word);
	documents_put(c, scope, "documents", docs, n, base, true);
	if (store_documents_of_memorandum(db, c->a, memorandum_id, &docs, &n) != 0)
		return -1;
	documents_put(c, scope, "memorandum_documents", docs, n, base, true);
	return 0;
}

/* ---- the upload forms ---- */

/* What a new document is attached to, as the form names it. */
typedef struct target {
	document_owner owner;
	const char *back;     /* the page the document shows on */
	const char *heading;  /* the memorandum's or the meeting's title */
	const char *when;     /* an occurrence's date and time */
} target;

static int load_memorandum(http_ctx *c, target *t)
{
	app *ap = app_of(c);
	memorandum m;
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), &m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	memset(t, 0, sizeof *t);
	t->owner.memorandum_id = m.id;
	t->back = arena_printf(c->a, "/memoranda/%lld", m.id);
	t->heading = strcmp(lang_code(c->lang), "az") == 0 ? m.title.az : m.title.en;
	return 0;
}

static int load_occurrence(http_ctx *c, target *t)
{
	series s;
	occurrence o;
	const char *rid;
	long budget = CAL_REQUEST_BUDGET;
	int rc = occurrence_load(c, &s, &rid, &o, &budget);
	if (rc)
		return rc;
	memset(t, 0, sizeof *t);
	t->owner.series_id = s.id;
	t->owner.recurrence_id = rid;
	t->back = arena_printf(c->a, "/series/%lld/occurrences/%s/record", s.id, rid_word(c->a, rid));
	t->heading = strcmp(lang_code(c->lang), "az") == 0 && s.title.az ? s.title.az : s.title.en;
	t->when = arena_strndup(c->a, rid, 16);
	return 0;
}

static int form_page(http_ctx *c, int status, const target *t, field_value *v, const char *message_key,
                     const char *file_why)
{
	view_value *s = page_scope(c, "document.new.title");
	page_put_fields(c, s, "document", doc_fields, v, D__MAX);
	view_put_str(s, "action", c->path);
	view_put_str(s, "back", t->back);
	view_put_str(s, "heading", t->heading);
	view_put_str(s, "when", t->when);
	view_put_int(s, "max_mb", app_of(c)->cfg->document_max_bytes / 1048576);
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (file_why)
		documents_put_upload_error(c, s, file_why);
	int rc = page_render(c, "documents/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static int new_form(http_ctx *c, int (*load)(http_ctx *, target *))
{
	target t;
	int rc = load(c, &t);
	if (rc)
		return rc;
	field_value v[D__MAX];
	const char *raw[D__MAX] = {0};
	page_fill_fields(doc_fields, D__MAX, raw, v);
	return form_page(c, 200, &t, v, NULL, NULL);
}

static int upload(http_ctx *c, int (*load)(http_ctx *, target *))
{
	app *ap = app_of(c);
	target t;
	int rc = load(c, &t);
	if (rc)
		return rc;
	field_value v[D__MAX];
	int bad = fields_check(c->a, &c->body, doc_fields, D__MAX, v);
	document_file f;
	const char *why;
	int status = documents_take_upload(c, &f, &why);
	if (!status && !f.data) {
		why = "document.choose_file";
		status = 422;
	}
	if (bad || status)
		return form_page(c, status ? status : 422, &t, v, bad ? "form.invalid" : NULL, why);
	actor who = app_actor(c);
	long long id = 0;
	enum change_result res =
		store_document_create(&ap->db, c->a, &who, &t.owner, (bitext){v[D_TITLE_EN].value, v[D_TITLE_AZ].value}, &f, &id);
	if (res == CHANGE_DONE) {
		http_redirect(c, 303, page_done_url(c, t.back, "document_added"));
		return 0;
	}
	const char *msg;
	status = page_save_failed(c, &ap->db, t.back, &msg);
	return form_page(c, status, &t, v, msg, NULL);
}

int documents_memorandum_form(http_ctx *c)
{
	return new_form(c, load_memorandum);
}

int documents_memorandum_upload(http_ctx *c)
{
	return upload(c, load_memorandum);
}

int documents_occurrence_form(http_ctx *c)
{
	return new_form(c, load_occurrence);
}

int documents_occurrence_upload(http_ctx *c)
{
	return upload(c, load_occurrence);
}

/* ---- one document: its page, a new version, deletion ---- */

static int load_document(http_ctx *c, document *d, bool live)
{
	app *ap = app_of(c);
	int found = store_document_get(&ap->db, c->a, http_param_int(c, "id"), d);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found || (live && d->deleted)) {
		c->error_key = "document.not_found";
		return 404;
	}
	return 0;
}

/* Where the document shows: its memorandum's page or its occurrence's record. */
static const char *home_of(http_ctx *c, const document *d)
{
	if (d->owner.series_id)
		return arena_printf(c->a, "/series/%lld/occurrences/%s/record", d->owner.series_id,
		                    rid_word(c->a, d->owner.recurrence_id));
	return arena_printf(c->a, "/memoranda/%lld", d->memorandum_id);
}

static int show_page(http_ctx *c, int status, const document *d, const char *message_key, const char *file_why,
                     field_value *reason)
{
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, NULL);
	view_put_str(s, "title", strcmp(lang, "az") == 0 && d->title.az ? d->title.az : d->title.en);
	view_value *dv = view_put_map(s, "document");
	view_put_int(dv, "id", d->id);
	view_put_text(dv, "title", d->title, lang);
	view_put_str(dv, "title_en", d->title.en);
	view_put_str(dv, "title_az", d->title.az);
	view_put_int(dv, "version", d->version);
	view_put_bool(dv, "deleted", d->deleted);
	view_put_str(dv, "home", home_of(c, d));
	view_put_text(dv, "memorandum_title", d->memorandum_title, lang);
	if (d->owner.series_id) {
		view_put_text(dv, "series_title", d->series_title, lang);
		view_put_str(dv, "when", arena_strndup(c->a, d->owner.recurrence_id, 16));
	}
	view_value *vl = view_put_list(s, "versions");
	for (size_t i = 0; i < d->nversions; i++) {
		const document_version *v = &d->versions[i];
		view_value *e = view_push_map(vl);
		view_put_int(e, "n", v->n);
		view_put_str(e, "filename", v->filename);
		view_put_str(e, "type", v->content_type);
		view_put_str(e, "size", size_text(c->a, v->size));
		view_put_str(e, "sha256", v->sha256);
		view_put_str(e, "login", v->login);
		view_put_str(e, "at", v->at);
		view_put_str(e, "href", arena_printf(c->a, "/documents/%lld/versions/%d", d->id, v->n));
	}
	view_put_int(s, "max_mb", app_of(c)->cfg->document_max_bytes / 1048576);
	field_value blank[X__MAX];
	if (!reason) {
		const char *raw[X__MAX] = {NULL};
		page_fill_fields(delete_fields, X__MAX, raw, blank);
		reason = blank;
	}
	page_put_fields(c, s, "document", delete_fields, reason, X__MAX);
	page_put_done(c, s);
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (file_why)
		documents_put_upload_error(c, s, file_why);
	int rc = page_render(c, "documents/show", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int documents_show(http_ctx *c)
{
	document d;
	int rc = load_document(c, &d, false);
	return rc ? rc : show_page(c, 200, &d, NULL, NULL, NULL);
}

/* Sends a file as an attachment: its checked type, its name in both forms of RFC 6266 (an ASCII stand-in, and
 * RFC 5987's UTF-8 percent-encoding for the Azerbaijani letters), never something a browser would render. */
static int send_file(http_ctx *c, const document_file *f)
{
	buf ascii = BUF_INIT, enc = BUF_INIT;
	static const char hex[] = "0123456789ABCDEF";
	/* again here: for files kept before names were made so */
	const char *name = filetype_download_name(c->a, f->content_type, f->filename);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		bool attr = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		            strchr("!#$&+-.^_`|~", *p);
		if (attr) {
			buf_putc(&enc, (char)*p);
		} else {
			buf_putc(&enc, '%');
			buf_putc(&enc, hex[*p >> 4]);
			buf_putc(&enc, hex[*p & 15]);
		}
		/* a letter of several bytes is one "_" in the stand-in */
		if (*p < 0x80)
			buf_putc(&ascii, *p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f ? (char)*p : '_');
		else if (*p >= 0xc0)
			buf_putc(&ascii, '_');
	}
	const char *disp = arena_printf(c->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", buf_cstr(&ascii),
	                                buf_cstr(&enc));
	buf_free(&ascii);
	buf_free(&enc);
	buf_reset(c->body_out);
	buf_append(c->body_out, f->data, f->len);
	http_content_type(c, f->content_type);
	http_header(c, "Content-Disposition", disp);
	http_header(c, "X-Content-Type-Options", "nosniff");
	http_header(c, "Content-Security-Policy", "default-src 'none'; sandbox");
	http_header(c, "Cache-Control", "private, no-store"); /* as pages: render.c */
	return 0;
}

int documents_download(http_ctx *c)
{
	app *ap = app_of(c);
	document_file f;
	int found = store_document_file(&ap->db, c->a, http_param_int(c, "id"), (int)http_param_int(c, "n"), &f);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "document.not_found";
		return 404;
	}
	return send_file(c, &f);
}

/* After a change the store did not make: 409 with the page as it is now, or why it failed. */
static int refused(http_ctx *c, enum change_result res, const document *d, const char *file_why, field_value *reason)
{
	app *ap = app_of(c);
	if (res == CHANGE_GONE) {
		c->error_key = "document.not_found";
		return 404;
	}
	if (res == CHANGE_STALE) {
		document now;
		int rc = load_document(c, &now, false);
		return rc ? rc : show_page(c, 409, &now, "document.stale", NULL, reason);
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, arena_printf(c->a, "/documents/%lld", d->id), &msg);
	return show_page(c, status, d, msg, file_why, reason);
}

int documents_new_version(http_ctx *c)
{
	app *ap = app_of(c);
	document d;
	int rc = load_document(c, &d, true);
	if (rc)
		return rc;
	int version;
	if ((rc = page_form_version(c, &version)))
		return rc;
	document_file f;
	const char *why;
	int status = documents_take_upload(c, &f, &why);
	if (!status && !f.data) {
		why = "document.choose_file";
		status = 422;
	}
	if (status)
		return show_page(c, status, &d, NULL, why, NULL);
	actor who = app_actor(c);
	enum change_result res = store_document_add_version(&ap->db, c->a, &who, d.id, version, d.title.en, &f);
	if (res == CHANGE_DONE) {
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/documents/%lld", d.id), "document_version"));
		return 0;
	}
	return refused(c, res, &d, NULL, NULL);
}

int documents_delete(http_ctx *c)
{
	app *ap = app_of(c);
	document d;
	int rc = load_document(c, &d, true);
	if (rc)
		return rc;
	int version;
	if ((rc = page_form_version(c, &version)))
		return rc;
	field_value v[X__MAX];
	fields_check(c->a, &c->body, delete_fields, X__MAX, v);
	if (v[X_REASON].error)
		return show_page(c, 422, &d, "form.invalid", NULL, v);
	actor who = app_actor(c);
	enum change_result res =
		store_document_delete(&ap->db, c->a, &who, d.id, version, d.title.en, v[X_REASON].value);
	if (res == CHANGE_DONE) {
		http_redirect(c, 303, page_done_url(c, home_of(c, &d), "document_deleted"));
		return 0;
	}
	return refused(c, res, &d, NULL, v);
}

/*
 * A board member's download: the same checks as their page of the occurrence (pages/records.c), on every request,
 * so a revoked token loses its documents at once: the token live and its feed showing the series, the occurrence
 * one of the series', and the document the occurrence's own or its memorandum's. Anything else is the same 404.
 */
int documents_board_download(http_ctx *c)
{
	app *ap = app_of(c);
	int opened = board_open(c); /* the token, its scope and its language, as on every board page */
	if (opened)
		return opened;
	c->error_key = "board.not_found";
	series s;
	occurrence o;
	const char *rid;
	long budget = CAL_REQUEST_BUDGET;
	int rc = occurrence_load(c, &s, &rid, &o, &budget);
	if (rc)
		return rc;
	document d;
	int found = store_document_get(&ap->db, c->a, http_param_int(c, "doc"), &d);
	if (found < 0)
		return page_store_error(c, &ap->db);
	bool ours = found && !d.deleted &&
	            ((d.owner.series_id == s.id && d.owner.recurrence_id && strcmp(d.owner.recurrence_id, rid) == 0) ||
	             (d.owner.memorandum_id && d.owner.memorandum_id == s.memorandum_id));
	document_file f;
	if (!ours || (found = store_document_file(&ap->db, c->a, d.id, 0, &f)) == 0) {
		c->error_key = "board.not_found";
		return 404;
	}
	if (found < 0)
		return page_store_error(c, &ap->db);
	c->error_key = NULL;
	return send_file(c, &f);
}
