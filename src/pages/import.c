/* import.c - importing an .ics file into a memorandum: the upload form and its result. */
#include "pages/import.h"

#include <string.h>

#include "cal/import.h"
#include "cal/recur.h"
#include "pages/app.h"
#include "pages/ended.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "pages/occurrence_index.h"
#include "pages/span.h"
#include "store/import.h"
#include "store/memoranda.h"
#include "util/secret.h"
#include "view/present.h"

/* What went wrong with a file, for the form: the message (naming the line) and the technical detail. */
typedef struct problem {
	const char *key;
	int line;
	const char *detail;
	long long other_id; /* a UID that lives in another memorandum: that one */
	bitext other_title;
	const char *uid;    /* the event a rule problem is about ({uid} in the message) */
	long long max;      /* the limit it goes beyond ({max}) */
} problem;

/* msg with every "{name}" replaced by value. */
static const char *fill(arena *a, const char *msg, const char *name, const char *value)
{
	const char *at;
	while (value && (at = strstr(msg, name)) != NULL)
		msg = arena_printf(a, "%.*s%s%s", (int)(at - msg), msg, value, at + strlen(name));
	return msg;
}

static int load(http_ctx *c, memorandum *m)
{
	app *ap = app_of(c);
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	return 0;
}

static view_value *scope_for(http_ctx *c, const memorandum *m)
{
	view_value *s = page_scope(c, "import.title");
	view_value *mv = view_put_map(s, "memorandum");
	view_put_int(mv, "id", m->id);
	view_put_text(mv, "title", m->title, lang_code(c->lang));
	return s;
}

/* The upload form; kept names a file kept from an earlier try (store_import_keep), sent again
 * when no other file is chosen. */
static int form_page_kept(http_ctx *c, int status, const memorandum *m, const char *filename, const problem *p,
                          const char *message_key, const char *kept)
{
	view_value *s = scope_for(c, m);
	if (filename)
		view_put_str(s, "filename", filename);
	if (kept) {
		view_put_str(s, "kept", kept);
		view_put_str(s, "kept_note", page_msg(c, "import.kept", 0));
	}
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (p) {
		view_value *pv = view_put_map(s, "problem");
		const char *msg = page_msg(c, p->key, p->line);
		msg = fill(c->a, msg, "{uid}", p->uid);
		msg = fill(c->a, msg, "{max}", arena_printf(c->a, "%lld", p->max));
		view_put_str(pv, "message", msg);
		view_put_int(pv, "line", p->line);
		view_put_str(pv, "detail", p->detail);
		if (p->other_id) {
			view_put_int(pv, "other_id", p->other_id);
			view_put_text(pv, "other_title", p->other_title, lang_code(c->lang));
		}
		view_put_bool(s, "has_errors", true);
	}
	int rc = page_render(c, "import/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static int form_page(http_ctx *c, int status, const memorandum *m, const char *filename, const problem *p,
                     const char *message_key)
{
	return form_page_kept(c, status, m, filename, p, message_key, NULL);
}

int import_form(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	return rc ? rc : form_page(c, 200, &m, NULL, NULL, NULL);
}

static const char *const outcome_names[] = {"created", "updated", "unchanged"};

static int result_page(http_ctx *c, const memorandum *m, const char *filename, const cal_import *imp,
                       const import_report *rep)
{
	const char *lang = lang_code(c->lang);
	view_value *s = scope_for(c, m);
	view_put_str(s, "filename", filename);
	view_value *list = view_put_list(s, "series");
	size_t counts[3] = {0, 0, 0};
	for (size_t i = 0; i < imp->n; i++) {
		const series *sr = &imp->list[i];
		view_value *v = view_push_map(list);
		view_put_int(v, "id", rep->ids[i]);
		view_put_text(v, "title", sr->title, lang);
		view_put_str(v, "uid", sr->uid);
		view_put_str(v, "outcome", outcome_names[rep->outcomes[i]]);
		view_put_str(v, "start_date", arena_strndup(c->a, sr->start_local, 10));
		view_put_str(v, "start_time", sr->all_day ? NULL : arena_strndup(c->a, sr->start_local + 11, 5));
		view_put_str(v, "tzid", sr->tzid);
		view_put_str(v, "rrule", sr->rrule);
		cal_local start;
		const cal_rule *rule = sr->rrule ? cal_rule_parse(c->a, sr->rrule, NULL) : NULL;
		if (rule && cal_parse_local(sr->start_local, &start) == 0)
			view_put_str(v, "rule_words", cal_rule_describe(c->a, rule, start, sr->all_day, sr->tzid, lang));
		view_put_int(v, "overrides", (long long)sr->noverrides);
		view_put_int(v, "attendees", (long long)sr->nattendees);
		view_put_int(v, "matched", (long long)rep->matched[i]);
		counts[rep->outcomes[i]]++;
	}
	view_put_int(s, "created", (long long)counts[IMPORT_CREATED]);
	view_put_int(s, "updated", (long long)counts[IMPORT_UPDATED]);
	view_put_int(s, "unchanged", (long long)counts[IMPORT_UNCHANGED]);
	view_put_int(s, "skipped", (long long)imp->skipped);
	return page_render(c, "import/result", s);
}

int import_upload(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	const multipart_part *file = multipart_file(&c->upload, "file");
	const char *kept = form_get(&c->body, "kept");
	if (kept && strlen(kept) != 43)
		kept = NULL; /* only ever a key store_import_keep was given */
	const char *filename, *data;
	size_t len;
	long long uid = visit_of(c)->user.id;
	if (file && (*file->filename || file->len > 0)) {
		/* a file chosen now wins over one kept from an earlier try */
		filename = *file->filename ? file->filename : "upload.ics";
		data = file->data;
		len = file->len;
		kept = NULL;
	} else if (kept) {
		int found = store_import_kept(&ap->db, c->a, kept, m.id, uid, &filename, &data, &len);
		if (found < 0)
			return page_store_error(c, &ap->db);
		if (!found)
			return form_page(c, 422, &m, NULL, NULL, "import.choose_file");
	} else {
		return form_page(c, 422, &m, NULL, NULL, "import.choose_file");
	}
	cal_import imp;
	cal_import_problem why;
	cal_import_limits limits = {ap->cfg->max_occurrences_per_day, ap->cfg->max_occurrences_per_year};
	if (cal_import_parse(c->a, data, len, &limits, &imp, &why) != 0) {
		problem p = {cal_import_error_key(why.code), why.line, why.detail, 0, {NULL, NULL}, why.uid, why.max};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	/* a terminated memorandum's meetings stopped with it (pages/life.c): a file does not bring one back past its end */
	for (size_t i = 0; m.terminated_on && i < imp.n; i++)
		if (ended_beyond(c, &imp.list[i], m.terminated_on) != ENDED_NONE) {
			problem p = {"import.error.after_end", imp.lines[i], NULL, 0, {NULL, NULL}, imp.list[i].uid, 0};
			return form_page(c, 422, &m, filename, &p, NULL);
		}
	actor who = app_actor(c);
	import_report rep;
	switch (store_import(&ap->db, c->a, &who, m.id, imp.list, imp.n, imp.keep, &rep)) {
	case IMPORT_DONE:
		span_narrow(&ap->db, c->a, imp.list, imp.n);
		{
			long long *ids = arena_alloc(c->a, (imp.n ? imp.n : 1) * sizeof *ids);
			for (size_t i = 0; i < imp.n; i++)
				ids[i] = imp.list[i].id;
			occurrence_index_series(&ap->db, ids, imp.n);
		}
		if (kept)
			store_import_kept_drop(&ap->db, kept);
		return result_page(c, &m, filename, &imp, &rep);
	case IMPORT_ELSEWHERE: {
		problem p = {"import.error.uid_elsewhere", imp.lines[rep.failed], imp.list[rep.failed].uid,
		             rep.other_memorandum_id, rep.other_memorandum_title, NULL, 0};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	case IMPORT_REFUSED: {
		problem p = {"import.error.refused", imp.lines[rep.failed], imp.list[rep.failed].uid, 0, {NULL, NULL}, NULL, 0};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	case IMPORT_ERROR:
		break;
	}
	if (ap->db.status == STORE_BUSY || ap->db.status == STORE_TIMEOUT) {
		/* another import or change holds these meetings: say so at once, and keep the file so
		 * that pressing Import again retries it (the database answers: only the meetings wait) */
		const char *key = kept ? kept : secret_token(c->a, 32);
		if (kept || store_import_keep(&ap->db, c->a, key, m.id, uid, filename, data, len) == 0) {
			http_header(c, "Retry-After", "5");
			return form_page_kept(c, 503, &m, filename, NULL, "import.busy", key);
		}
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, arena_printf(c->a, "/memoranda/%lld", m.id), &msg);
	if (strcmp(msg, "form.unavailable") == 0)
		msg = "import.unavailable";
	else if (strcmp(msg, "form.failed") == 0)
		msg = "import.failed";
	return form_page(c, status, &m, filename, NULL, msg);
}
