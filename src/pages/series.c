/* series.c - the meeting and joint event pages: create, show, edit, delete. */
#include "pages/series.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cal/expand.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "pages/app.h"
#include "pages/conflicts.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/occurrences.h"
#include "pages/render.h"
#include "pages/series_form.h"
#include "store/memoranda.h"
#include "store/series.h"
#include "view/present.h"

#define PREVIEW_COUNT 10
/* coming occurrences a series' page lists */
#define UPCOMING 12

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

/* One cell of an attendee row for partials/input.html. */
static view_value *cell(http_ctx *c, view_value *row, size_t n, const char *col, const char *type, const char *value,
                        const char *error, size_t max)
{
	view_value *m = view_put_map(row, col);
	const char *name = arena_printf(c->a, "attendee_%zu_%s", n, col);
	view_put_str(m, "name", name);
	view_put_str(m, "id", name);
	view_put_str(m, "type", type);
	view_put_str(m, "value", value);
	view_put_bool(m, "required", false);
	view_put_bool(m, "checked", false);
	view_put_int(m, "max", (long long)max);
	view_put_str(m, "label", page_msg(c, arena_printf(c->a, "series.attendee.%s", col), 0));
	view_put_str(m, "hint", NULL);
	view_put_str(m, "error", error ? page_msg(c, error, 0) : NULL);
	view_put_list(m, "options");
	return m;
}

static void choice_options(http_ctx *c, view_value *field, const char *prefix, const char *const *values,
                           const char *selected)
{
	for (const char *const *v = values; *v; v++)
		page_add_option(field, *v, page_msg(c, arena_printf(c->a, "%s.%s", prefix, *v), 0),
		                selected && strcmp(selected, *v) == 0);
}

/* Local time as the page shows it: the date (through | date) and HH:MM. */
static void put_local(view_value *m, const char *key, cal_local t, bool all_day)
{
	arena *a = m->a;
	view_put_str(m, arena_printf(a, "%s_date", key), arena_printf(a, "%04d-%02d-%02d", t.year, t.month, t.day));
	view_put_str(m, arena_printf(a, "%s_time", key), all_day ? NULL : arena_printf(a, "%02d:%02d", t.hour, t.minute));
}

struct form_extra {
	const cal_local *preview;
	size_t npreview;
	bool preview_truncated;
	view_value *conflicts; /* built by the caller, or NULL */
};

static int form_page(http_ctx *c, int status, long long memorandum_id, long long id, series_form *f,
                     const person *people, size_t npeople, const struct form_extra *x, const char *message_key)
{
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, id ? "series.edit" : "series.new");
	view_value *fv = page_put_fields(c, s, "series", series_fields, f->f, SF__MAX);
	(void)fv;
	view_put_int(s, "id", id);
	view_put_int(s, "memorandum_id", memorandum_id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/series/%lld/edit", id)
	                             : arena_printf(c->a, "/memoranda/%lld/series/new", memorandum_id));
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (f->invalid)
		view_put_bool(s, "has_errors", true);
	if (f->rule_err)
		view_put_str(s, "rule_error", f->rule_err);
	if (f->rule)
		view_put_str(s, "rule", f->rule);

	static const char *const roles[] = {"chair", "required", "optional", NULL};
	static const char *const partstats[] = {"needs-action", "accepted", "declined", "tentative", NULL};
	view_value *rows = view_put_list(s, "attendees");
	for (size_t i = 0; i < f->nrows; i++) {
		attendee_row *r = &f->rows[i];
		view_value *row = view_push_map(rows);
		view_value *p = cell(c, row, i, "person", "select", r->v[0], r->err[0], 0);
		page_add_option(p, "", "—", !*r->v[0]);
		for (size_t k = 0; k < npeople; k++) {
			const char *pid = arena_printf(c->a, "%lld", people[k].id);
			page_add_option(p, pid, text_in(&people[k].full_name, lang), strcmp(pid, r->v[0]) == 0);
		}
		cell(c, row, i, "group_en", "text", r->v[1], r->err[1], 300);
		cell(c, row, i, "group_az", "text", r->v[2], r->err[2], 300);
		choice_options(c, cell(c, row, i, "role", "select", r->v[3], r->err[3], 0), "series.role", roles,
		               *r->v[3] ? r->v[3] : "required");
		choice_options(c, cell(c, row, i, "partstat", "select", r->v[4], r->err[4], 0), "series.partstat",
		               partstats, *r->v[4] ? r->v[4] : "needs-action");
	}
	view_put_int(s, "attendee_rows", (long long)f->nrows);

	if (x && x->npreview) {
		view_value *pv = view_put_list(s, "preview");
		for (size_t i = 0; i < x->npreview; i++)
			put_local(view_push_map(pv), "start", x->preview[i], f->f[SF_ALL_DAY].on);
		view_put_bool(s, "preview_truncated", x->preview_truncated);
	}
	if (x && x->conflicts)
		view_put(s, "conflicts", x->conflicts);
	int rc = page_render(c, "series/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static int load_people(http_ctx *c, person **people, size_t *n)
{
	return store_person_choices(&app_of(c)->db, c->a, people, n);
}

/* The series the URL names: 0, or the status to answer (404 with a message, 503). */
static int load_series(http_ctx *c, long long id, series *s)
{
	app *ap = app_of(c);
	int found = store_series_get(&ap->db, c->a, id, s);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.series_not_found";
		return 404;
	}
	return 0;
}

/* The memorandum a new series goes into must exist: 0, or the status to answer. */
static int memorandum_exists(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	memorandum m;
	int found = store_memorandum_get(&ap->db, c->a, id, &m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	return 0;
}

int series_new(http_ctx *c)
{
	app *ap = app_of(c);
	long long mid = http_param_int(c, "id");
	int rc = memorandum_exists(c, mid);
	if (rc)
		return rc;
	person *people;
	size_t np;
	if (load_people(c, &people, &np) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series_form_from(c, NULL, &f);
	return form_page(c, 200, mid, 0, &f, people, np, NULL, NULL);
}

int series_edit(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	person *people;
	size_t np;
	if (load_people(c, &people, &np) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series_form_from(c, &s, &f);
	return form_page(c, 200, s.memorandum_id, s.id, &f, people, np, NULL, NULL);
}

static int save(http_ctx *c, long long memorandum_id, long long id)
{
	app *ap = app_of(c);
	person *people;
	size_t np;
	if (load_people(c, &people, &np) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series in;
	series_form_read(c, people, np, &f, &in);
	const char *action = form_get(&c->body, "action");
	action = action ? action : "save";
	if (strcmp(action, "more_attendees") == 0) {
		series_form_grow(c, &f);
		return form_page(c, 200, memorandum_id, id, &f, people, np, NULL, NULL);
	}
	if (f.invalid) {
		series_form_grow(c, &f);
		return form_page(c, 422, memorandum_id, id, &f, people, np, NULL, "form.invalid");
	}
	in.id = id;
	in.memorandum_id = memorandum_id;
	{
		/* what the form allows can still describe nothing libical can place from this start */
		cal_series cs;
		char err[200] = "unreadable times";
		if (schedule_to_cal(c->a, &in, &cs) != 0 || cal_series_check(&cs, err, sizeof err) != 0) {
			f.rule_err = arena_strdup(c->a, err);
			bool custom = f.f[SF_REPEAT].value && strcmp(f.f[SF_REPEAT].value, "custom") == 0;
			f.f[custom ? SF_RRULE : SF_REPEAT].error = "series.rule_invalid";
			f.invalid++;
			series_form_grow(c, &f);
			return form_page(c, 422, memorandum_id, id, &f, people, np, NULL, "form.invalid");
		}
	}
	if (strcmp(action, "preview") == 0) {
		cal_series cs;
		cal_local next[PREVIEW_COUNT];
		struct form_extra x = {next, 0, false, NULL};
		char err[200];
		if (schedule_to_cal(c->a, &in, &cs) == 0) {
			int got = cal_preview(&cs, PREVIEW_COUNT, next, &x.preview_truncated, err, sizeof err);
			x.npreview = got > 0 ? (size_t)got : 0;
		}
		series_form_grow(c, &f);
		return form_page(c, 200, memorandum_id, id, &f, people, np, &x, "series.preview_note");
	}
	if (strcmp(action, "confirm") != 0) {
		bool failed;
		view_value *conflicts = page_conflicts(c, &in, &failed);
		if (failed)
			return form_page(c, 503, memorandum_id, id, &f, people, np, NULL, "form.unavailable");
		if (conflicts) {
			struct form_extra x = {NULL, 0, false, conflicts};
			series_form_grow(c, &f);
			return form_page(c, 200, memorandum_id, id, &f, people, np, &x, "series.conflicts_found");
		}
	}
	actor who = app_actor(c);
	switch (store_series_save(&ap->db, c->a, &who, &in)) {
	case CHANGE_DONE:
		http_redirect(c, 303, arena_printf(c->a, "/series/%lld", in.id));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.series_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, memorandum_id, id, &f, people, np, NULL, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	bool down = ap->db.status == STORE_UNAVAILABLE || ap->db.status == STORE_TIMEOUT;
	return form_page(c, down ? 503 : ap->db.status == STORE_INVALID ? 422 : 500, memorandum_id, id, &f, people, np,
	                 NULL, down ? "form.unavailable" : "form.failed");
}

int series_create(http_ctx *c)
{
	long long mid = http_param_int(c, "id");
	int rc = memorandum_exists(c, mid);
	if (rc)
		return rc;
	return save(c, mid, 0);
}

int series_update(http_ctx *c)
{
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	return save(c, s.memorandum_id, s.id);
}

int series_show(http_ctx *c)
{
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, NULL);
	view_put_series(sc, &s, lang);
	view_put_str(sc, "title", text_in(&s.title, lang));
	/* the exceptions, and those a change of the rule or the dates left without an occurrence */
	occurrences_put_exceptions(c, sc, &s);
	/* The coming occurrences and the recent ones, from two expansions of the series: in one window
	 * from 90 days back, a rule with many occurrences (hourly, several a day) filled the cap with
	 * past ones and the page said "none to come". */
	long long now = (long long)time(NULL);
	occurrence *occ;
	size_t n;
	bool cut_next = false, cut_past = false;
	if (schedule_expand(c->a, &s, 1, now, now + 400 * 86400LL, UPCOMING + 1, UPCOMING + 1, &occ, &n, &cut_next) == 0) {
		view_value *next = view_put_list(sc, "upcoming");
		for (size_t i = 0; i < n && i < UPCOMING; i++)
			view_put_occurrence(view_push_map(next), &occ[i], lang);
		/* one more than shown was asked for: a cut short of it is the step budget's, not ours */
		cut_next = cut_next && n <= UPCOMING;
		/* the budget ran out before today: "none to come" would be false */
		view_put_bool(sc, "upcoming_unknown", cut_next && n == 0);
	}
	if (schedule_expand(c->a, &s, 1, now - 90 * 86400LL, now, 200, 200, &occ, &n, &cut_past) == 0) {
		view_value *past = view_put_list(sc, "recent");
		for (size_t i = 0; i < n; i++)
			if (occ[i].end_utc <= now) /* one going on now is among the coming ones */
				view_put_occurrence(view_push_map(past), &occ[i], lang);
	}
	view_put_bool(sc, "occurrences_truncated", cut_next || cut_past);
	return page_render(c, "series/show", sc);
}

int series_delete(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	int version;
	int bad = page_form_version(c, &version);
	if (bad)
		return bad;
	series s;
	int rc = load_series(c, id, &s);
	if (rc)
		return rc;
	actor who = app_actor(c);
	switch (store_series_delete(&ap->db, c->a, &who, id, version)) {
	case CHANGE_DONE:
		http_redirect(c, 303, arena_printf(c->a, "/memoranda/%lld", s.memorandum_id));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.series_not_found";
		return 404;
	case CHANGE_STALE:
		c->error_key = "form.stale_delete";
		return 409;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}
