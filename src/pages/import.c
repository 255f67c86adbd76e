/* import.c - importing an .ics file into a memorandum: the upload form and its result. */
#include "pages/import.h"

#include <string.h>

#include "cal/import.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "store/import.h"
#include "store/memoranda.h"
#include "view/present.h"

/* What went wrong with a file, for the form: the message (naming the line) and the technical detail. */
typedef struct problem {
	const char *key;
	int line;
	const char *detail;
	long long other_id; /* a UID that lives in another memorandum: that one */
	bitext other_title;
} problem;

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

static int form_page(http_ctx *c, int status, const memorandum *m, const char *filename, const problem *p,
                     const char *message_key)
{
	view_value *s = scope_for(c, m);
	if (filename)
		view_put_str(s, "filename", filename);
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (p) {
		view_value *pv = view_put_map(s, "problem");
		view_put_str(pv, "message", page_msg(c, p->key, p->line));
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
		view_put_int(v, "overrides", (long long)sr->noverrides);
		view_put_int(v, "attendees", (long long)sr->nattendees);
		view_put_int(v, "matched", (long long)rep->matched[i]);
		counts[rep->outcomes[i]]++;
	}
	view_put_int(s, "created", (long long)counts[IMPORT_CREATED]);
	view_put_int(s, "updated", (long long)counts[IMPORT_UPDATED]);
	view_put_int(s, "unchanged", (long long)counts[IMPORT_UNCHANGED]);
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
	if (!file || (!*file->filename && file->len == 0))
		return form_page(c, 422, &m, NULL, NULL, "import.choose_file");
	const char *filename = *file->filename ? file->filename : "upload.ics";
	cal_import imp;
	cal_import_problem why;
	if (cal_import_parse(c->a, file->data, file->len, &imp, &why) != 0) {
		problem p = {cal_import_error_key(why.code), why.line, why.detail, 0, {NULL, NULL}};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	actor who = app_actor(c);
	import_report rep;
	switch (store_import(&ap->db, c->a, &who, m.id, imp.list, imp.n, &rep)) {
	case IMPORT_DONE:
		return result_page(c, &m, filename, &imp, &rep);
	case IMPORT_ELSEWHERE: {
		problem p = {"import.error.uid_elsewhere", imp.lines[rep.failed], imp.list[rep.failed].uid,
		             rep.other_memorandum_id, rep.other_memorandum_title};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	case IMPORT_REFUSED: {
		problem p = {"import.error.refused", imp.lines[rep.failed], imp.list[rep.failed].uid, 0, {NULL, NULL}};
		return form_page(c, 422, &m, filename, &p, NULL);
	}
	case IMPORT_ERROR:
		break;
	}
	bool down = ap->db.status == STORE_UNAVAILABLE || ap->db.status == STORE_TIMEOUT;
	return form_page(c, down ? 503 : 500, &m, filename, NULL, down ? "import.unavailable" : "import.failed");
}
