/* series.c - the meeting and joint event pages: create, show, edit, delete. */
#include "pages/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/exceptions.h"
#include "cal/expand.h"
#include "cal/recur.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "pages/app.h"
#include "pages/conflicts.h"
#include "pages/ended.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/occurrences.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "pages/occurrence_index.h"
#include "pages/span.h"
#include "pages/series_form.h"
#include "store/memoranda.h"
#include "store/records.h"
#include "store/series.h"
#include "util/date.h"
#include "view/present.h"

/* occurrences the form's preview lists: a year of weekly meetings, more than any plain count a person types */
#define PREVIEW_COUNT 60
/* coming occurrences a series' page lists */
#define UPCOMING 12

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
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
	view_value *affected;  /* exceptions the change leaves without an occurrence, or NULL */
};

static int form_page(http_ctx *c, int status, long long memorandum_id, long long id, series_form *f,
                     const rows_lists *people, const struct form_extra *x, const char *message_key)
{
	view_value *s = page_scope(c, id ? "series.edit" : "series.new");
	page_put_fields(c, s, "series", series_fields, f->f, SF__MAX);
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
	view_put_str(s, "rule_words", f->rule_words);
	view_put_str(s, "start_first", f->start_first);
	view_put_bool(s, "end_moved", f->end_moved);

	rows_put(c, s, &series_attendees, people, &f->rows);

	if (x && x->npreview) {
		view_value *pv = view_put_list(s, "preview");
		for (size_t i = 0; i < x->npreview; i++) {
			view_value *m = view_push_map(pv);
			put_local(m, "start", x->preview[i], f->f[SF_ALL_DAY].on);
			int wd = date_weekday(x->preview[i].year, x->preview[i].month, x->preview[i].day);
			view_put_str(m, "weekday", page_msg(c, arena_printf(c->a, "weekday.%d", wd + 1), 0));
		}
		view_put_bool(s, "preview_truncated", x->preview_truncated);
		view_put_int(s, "preview_limit", PREVIEW_COUNT);
	}
	if (x && x->conflicts)
		view_put(s, "conflicts", x->conflicts);
	if (x && x->affected)
		view_put(s, "affected", x->affected);
	view_put_bool(s, "confirming", x && (x->conflicts || x->affected));
	int rc = page_render(c, "series/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static int load_people(http_ctx *c, rows_lists *people)
{
	*people = (rows_lists){0};
	return pick_load(c, people, PICK_PEOPLE);
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
	rows_lists people;
	if (load_people(c, &people) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series_form_from(c, NULL, &f);
	/* ?date=YYYY-MM-DD: a day chosen in the month grid; the form starts on it (anything else is ignored) */
	static const field_def date_field = {"date", FIELD_DATE, false, 0, 0, NULL};
	field_value d;
	field_check(c->a, &date_field, http_query(c, "date"), &d);
	if (d.value && !d.error) {
		f.f[SF_START_DATE].raw = d.value;
		f.f[SF_START_DATE].value = d.value;
	}
	/* ?time=HH:MM[&tzid=Zone]: an hour chosen in the week view; the meeting starts then and lasts an hour */
	static const field_def time_field = {"time", FIELD_TIME, false, 0, 0, NULL};
	field_value t;
	field_check(c->a, &time_field, http_query(c, "time"), &t);
	if (t.value && !t.error) {
		int hh = atoi(t.value), mm = atoi(t.value + 3);
		const char *end = hh < 23 ? arena_printf(c->a, "%02d:%02d", hh + 1, mm) : "23:59";
		f.f[SF_START_TIME].raw = f.f[SF_START_TIME].value = t.value;
		f.f[SF_END_TIME].raw = f.f[SF_END_TIME].value = end;
		const char *tzid = http_query(c, "tzid");
		if (tzid && cal_zone_known(tzid))
			f.f[SF_TZID].raw = f.f[SF_TZID].value = tzid;
	}
	return form_page(c, 200, mid, 0, &f, &people, NULL, NULL);
}

int series_edit(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	rows_lists people;
	if (load_people(c, &people) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series_form_from(c, &s, &f);
	return form_page(c, 200, s.memorandum_id, s.id, &f, &people, NULL, NULL);
}

static bool same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

static bool same_list(const char *const *x, size_t nx, const char *const *y, size_t ny)
{
	if (nx != ny)
		return false;
	for (size_t i = 0; i < nx; i++)
		if (strcmp(x[i], y[i]) != 0)
			return false;
	return true;
}

/* Whether the occurrences themselves change: when, how often, in which zone. */
static bool schedule_changed(const series *old, const series *in)
{
	return !same_text(old->tzid, in->tzid) || old->all_day != in->all_day ||
	       !same_text(old->start_local, in->start_local) || !same_text(old->end_local, in->end_local) ||
	       !same_text(old->rrule, in->rrule) || !same_list(old->rdates, old->nrdates, in->rdates, in->nrdates) ||
	       !same_list(old->exdates, old->nexdates, in->exdates, in->nexdates);
}

static bool people_changed(const series *old, const series *in)
{
	if (old->nattendees != in->nattendees)
		return true;
	for (size_t i = 0; i < in->nattendees; i++)
		if (old->attendees[i].person_id != in->attendees[i].person_id)
			return true;
	return false;
}

static const char *local_text(arena *a, cal_local t)
{
	char s[20];
	cal_format_local(t, s);
	return arena_strdup(a, s);
}

/*
 * The exceptions of stored (moved, retitled and cancelled occurrences, skipped dates) when the series changes
 * to in: those that follow get their new recurrence ids (in->exdates is rewritten; *rekeys lists the
 * overrides), those that cannot follow are listed in *affected for the user to confirm. 0, or -1 when it
 * could not be worked out (the budget).
 */
static int follow(http_ctx *c, const series *stored, series *in, long *budget, override_rekey **rekeys,
                  size_t *nrekeys, view_value **affected)
{
	*rekeys = NULL;
	*nrekeys = 0;
	*affected = NULL;
	/* meeting records (migration 016) follow like overrides: each is planned with the override of its occurrence,
	 * or as an override that changes nothing when its occurrence has none */
	long long *rec_ids;
	const char **rec_keys;
	size_t nrec;
	if (store_record_keys(&app_of(c)->db, c->a, stored->id, &rec_ids, &rec_keys, &nrec) != 0)
		return -1;
	series with = *stored;
	series_override *ovs = arena_alloc(c->a, (stored->noverrides + nrec + 1) * sizeof *ovs);
	if (stored->noverrides)
		memcpy(ovs, stored->overrides, stored->noverrides * sizeof *ovs);
	size_t *rec_plan = arena_alloc(c->a, (nrec ? nrec : 1) * sizeof *rec_plan);
	with.overrides = ovs;
	for (size_t r = 0; r < nrec; r++) {
		size_t k = 0;
		while (k < stored->noverrides && strcmp(stored->overrides[k].recurrence_id, rec_keys[r]) != 0)
			k++;
		if (k == stored->noverrides) {
			k = with.noverrides++;
			ovs[k] = (series_override){.recurrence_id = rec_keys[r]};
		}
		rec_plan[r] = k;
	}
	cal_series old, now;
	if (schedule_to_cal(c->a, &with, &old) != 0 || schedule_to_cal(c->a, in, &now) != 0)
		return -1;
	cal_follow_item *items;
	size_t n;
	char err[200];
	if (cal_follow_plan(c->a, &old, &now, budget, &items, &n, err, sizeof err) != 0)
		return -1;
	*rekeys = arena_alloc(c->a, (n + nrec + 1) * sizeof **rekeys);
	const char **exdates = arena_alloc(c->a, (in->nexdates ? in->nexdates : 1) * sizeof *exdates);
	if (in->nexdates)
		memcpy(exdates, in->exdates, in->nexdates * sizeof *exdates);
	const char *lang = lang_code(c->lang);
	for (size_t i = 0; i < n; i++) {
		const cal_follow_item *it = &items[i];
		bool follows = it->follows;
		const char *to = local_text(c->a, it->to);
		if (follows && it->is_override && cal_local_cmp(it->from, it->to) != 0) {
			/* another override already there, not moving: it cannot take the place */
			for (size_t k = 0; k < with.noverrides && follows; k++) {
				bool moving = false;
				for (size_t j = 0; j < n; j++)
					moving |= items[j].is_override && items[j].index == k && items[j].follows;
				if (!moving && strcmp(with.overrides[k].recurrence_id, to) == 0)
					follows = false;
			}
		}
		if (follows) {
			if (cal_local_cmp(it->from, it->to) == 0)
				continue;
			if (it->is_override && it->index < stored->noverrides)
				(*rekeys)[(*nrekeys)++] = (override_rekey){stored->overrides[it->index].id, to, false};
			else if (!it->is_override)
				exdates[it->index] = to;
			for (size_t r = 0; it->is_override && r < nrec; r++)
				if (rec_plan[r] == it->index)
					(*rekeys)[(*nrekeys)++] = (override_rekey){rec_ids[r], to, true};
			continue;
		}
		if (!*affected)
			*affected = view_list_new(c->a);
		view_value *m = view_push_map(*affected);
		put_local(m, "date", it->from, stored->all_day);
		for (size_t r = 0; it->is_override && r < nrec; r++)
			if (rec_plan[r] == it->index)
				view_put_bool(m, "record", true); /* its meeting record stays where it is, out of reach */
		if (it->is_override) {
			const series_override *o = &with.overrides[it->index];
			view_put_bool(m, "cancelled", o->cancelled);
			view_put_bool(m, "moved", o->start_local != NULL);
			view_put_bool(m, "retitled", o->title.en != NULL);
			if (o->title.en)
				view_put_str(m, "new_title", text_in(&o->title, lang));
		} else {
			view_put_bool(m, "skipped", true);
		}
	}
	in->exdates = exdates;
	return 0;
}

/* The ?done= key of a save: what the next page says happened. */
static const char *done_key(bool created, bool unchanged, bool end_moved, bool followed)
{
	if (created)
		return "created";
	if (unchanged)
		return "unchanged";
	if (end_moved && followed)
		return "saved_end_followed";
	return end_moved ? "saved_end" : followed ? "saved_followed" : "saved";
}

static int save(http_ctx *c, long long memorandum_id, const series *stored)
{
	app *ap = app_of(c);
	long budget = CAL_REQUEST_BUDGET;
	long long id = stored ? stored->id : 0;
	rows_lists people;
	if (load_people(c, &people) != 0)
		return page_store_error(c, &ap->db);
	series_form f;
	series in;
	series_form_read(c, &people, stored, &f, &in);
	const char *action = form_get(&c->body, "action");
	action = action ? action : "save";
	if (rows_more(c, &series_attendees, 1) == 0) { /* room to type, nothing saved, no errors shown yet */
		rows_reshow(c, &series_attendees, &f.rows, 2);
		for (int k = 0; k < SF__MAX; k++)
			f.f[k].error = NULL;
		f.invalid = 0;
		return form_page(c, 200, memorandum_id, id, &f, &people, NULL, NULL);
	}
	if (f.invalid) {
		rows_grow(c, &series_attendees, &f.rows, 2);
		return form_page(c, 422, memorandum_id, id, &f, &people, NULL, "form.invalid");
	}
	in.id = id;
	in.memorandum_id = memorandum_id;
	{
		/* what the form allows can still describe nothing after the first occurrence from this start */
		cal_series cs;
		char err[200] = "unreadable times";
		if (schedule_to_cal(c->a, &in, &cs) != 0 || cal_series_check(&cs, err, sizeof err) != 0) {
			f.rule_err = arena_strdup(c->a, err);
			bool custom = f.f[SF_REPEAT].value && strcmp(f.f[SF_REPEAT].value, "custom") == 0;
			f.f[custom ? SF_RRULE : SF_REPEAT].error = "series.rule_invalid";
			f.invalid++;
			rows_grow(c, &series_attendees, &f.rows, 2);
			return form_page(c, 422, memorandum_id, id, &f, &people, NULL, "form.invalid");
		}
	}
	{
		/* a terminated memorandum's meetings stop with it (pages/life.c): no save brings one back past its end */
		memorandum m;
		int found = store_memorandum_get(&ap->db, c->a, memorandum_id, &m);
		if (found < 0)
			return page_store_error(c, &ap->db);
		series chk = in; /* with the stored exceptions: one moving an extra date back into the term keeps it there */
		if (stored && !chk.noverrides) {
			chk.overrides = stored->overrides;
			chk.noverrides = stored->noverrides;
		}
		enum ended_where where = found ? ended_beyond(c, &chk, m.terminated_on) : ENDED_NONE;
		if (where != ENDED_NONE) {
			const char *ends = f.f[SF_ENDS].value ? f.f[SF_ENDS].value : "";
			bool custom = f.f[SF_REPEAT].value && strcmp(f.f[SF_REPEAT].value, "custom") == 0;
			int field = where == ENDED_START ? SF_START_DATE
			            : where == ENDED_DATES ? SF_RDATES
			            : custom ? SF_RRULE
			            : strcmp(ends, "until") == 0 ? SF_UNTIL
			            : strcmp(ends, "count") == 0 ? SF_COUNT
			                                         : SF_ENDS;
			f.f[field].error = "series.after_end";
			f.invalid++;
			rows_grow(c, &series_attendees, &f.rows, 2);
			return form_page(c, 422, memorandum_id, id, &f, &people, NULL, "form.invalid");
		}
	}
	if (strcmp(action, "preview") == 0) {
		cal_series cs;
		cal_local next[PREVIEW_COUNT];
		struct form_extra x = {next, 0, false, NULL, NULL};
		char err[200];
		if (schedule_to_cal(c->a, &in, &cs) == 0) {
			int got = cal_preview(&cs, PREVIEW_COUNT, next, &x.preview_truncated, &budget, err, sizeof err);
			x.npreview = got > 0 ? (size_t)got : 0;
		}
		rows_grow(c, &series_attendees, &f.rows, 2);
		return form_page(c, 200, memorandum_id, id, &f, &people, &x, "series.preview_note");
	}
	if (!stored) {
		/* this form sent before (a double click, a retry after "the save may have happened"): the
		 * series its first send made is the answer, as store_change would give it, before the
		 * check below finds that very series' attendees busy at the same time */
		actor who = app_actor(c);
		long long made;
		if (store_form_key_made(&ap->db, c->a, &who, "series", &made) > 0) {
			http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/series/%lld", made),
			                                    done_key(true, false, f.end_moved, false)));
			return 0;
		}
	}
	/* a change of when it happens takes its exceptions along, or says which it cannot */
	override_rekey *rekeys = NULL;
	size_t nrekeys = 0;
	view_value *affected = NULL;
	if (stored && schedule_changed(stored, &in) && follow(c, stored, &in, &budget, &rekeys, &nrekeys, &affected) != 0) {
		rows_grow(c, &series_attendees, &f.rows, 2);
		return form_page(c, 503, memorandum_id, id, &f, &people, NULL, "series.follow_failed");
	}
	if (strcmp(action, "confirm") != 0) {
		bool failed = false;
		view_value *conflicts = NULL;
		if (!stored || schedule_changed(stored, &in) || people_changed(stored, &in))
			conflicts = page_conflicts(c, &in, &failed, &budget);
		if (failed) {
			const char *msg;
			int status = page_save_failed(c, &ap->db, NULL, &msg);
			return form_page(c, status, memorandum_id, id, &f, &people, NULL, msg);
		}
		if (conflicts || affected) {
			struct form_extra x = {NULL, 0, false, conflicts, affected};
			rows_grow(c, &series_attendees, &f.rows, 2);
			return form_page(c, 200, memorandum_id, id, &f, &people, &x,
			                 affected ? "series.affected_found" : "series.conflicts_found");
		}
	}
	actor who = app_actor(c);
	bool unchanged = false;
	switch (store_series_save(&ap->db, c->a, &who, &in, rekeys, nrekeys, &unchanged)) {
	case CHANGE_DONE:
		span_narrow(&ap->db, c->a, &in, 1);
		occurrence_index_series(&ap->db, &in.id, 1);
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/series/%lld", in.id),
		                                    done_key(!stored, unchanged, f.end_moved, nrekeys > 0)));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.series_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, memorandum_id, id, &f, &people, NULL, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db,
	                              id ? arena_printf(c->a, "/series/%lld", id) : arena_printf(c->a, "/memoranda/%lld", memorandum_id),
	                              &msg);
	return form_page(c, status, memorandum_id, id, &f, &people, NULL, msg);
}

int series_create(http_ctx *c)
{
	long long mid = http_param_int(c, "id");
	int rc = memorandum_exists(c, mid);
	if (rc)
		return rc;
	return save(c, mid, NULL);
}

int series_update(http_ctx *c)
{
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	return save(c, s.memorandum_id, &s);
}

/* The rule in words beside the rule itself (scope.series.rule_words), for every page that shows one. */
static void put_rule_words(http_ctx *c, view_value *scope, const series *s)
{
	cal_local start;
	const cal_rule *r = s->rrule ? cal_rule_parse(c->a, s->rrule, NULL) : NULL;
	view_value *v = view_get(scope, "series");
	if (r && v && cal_parse_local(s->start_local, &start) == 0)
		view_put_str(v, "rule_words", cal_rule_describe(c->a, r, start, s->all_day, s->tzid, lang_code(c->lang)));
}

int series_show(http_ctx *c)
{
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	long budget = CAL_REQUEST_BUDGET;
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, NULL);
	view_put_series(sc, &s, lang);
	put_rule_words(c, sc, &s);
	view_put_str(sc, "title", text_in(&s.title, lang));
	page_put_done(c, sc);
	/* the exceptions, and those a change of the rule or the dates left without an occurrence */
	occurrences_put_exceptions(c, sc, &s, &budget);
	/* The coming occurrences and the recent ones, from two expansions of the series: in one window
	 * from 90 days back, a rule with many occurrences (hourly, several a day) filled the cap with
	 * past ones and the page said "none to come". */
	long long now = (long long)time(NULL);
	occurrence *occ;
	size_t n;
	bool cut_next = false, cut_past = false;
	if (schedule_expand(c->a, &s, 1, now, now + 400 * 86400LL, UPCOMING + 1, UPCOMING + 1, &occ, &n, &cut_next,
	                    &budget) == 0) {
		view_value *next = view_put_list(sc, "upcoming");
		for (size_t i = 0; i < n && i < UPCOMING; i++)
			view_put_occurrence(view_push_map(next), &occ[i], lang);
		/* one more than shown was asked for: a cut short of it is the step budget's, not ours */
		cut_next = cut_next && n <= UPCOMING;
		/* the budget ran out before today: "none to come" would be false */
		view_put_bool(sc, "upcoming_unknown", cut_next && n == 0);
	}
	if (schedule_expand(c->a, &s, 1, now - 90 * 86400LL, now, 200, 200, &occ, &n, &cut_past, &budget) == 0) {
		view_value *past = view_put_list(sc, "recent");
		for (size_t i = 0; i < n; i++)
			if (occ[i].end_utc <= now) /* one going on now is among the coming ones */
				view_put_occurrence(view_push_map(past), &occ[i], lang);
	}
	view_put_bool(sc, "occurrences_truncated", cut_next || cut_past);
	return page_render(c, "series/show", sc);
}

/* GET /series/{id}/delete: what a delete takes away, and from how many subscribers' calendars. */
int series_delete_confirm(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	int rc = load_series(c, http_param_int(c, "id"), &s);
	if (rc)
		return rc;
	long long subscribers = store_series_subscribers(&ap->db, c->a, s.id);
	if (subscribers < 0)
		return page_store_error(c, &ap->db);
	long budget = CAL_REQUEST_BUDGET;
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, "series.delete_title");
	view_put_series(sc, &s, lang);
	put_rule_words(c, sc, &s);
	long long now = (long long)time(NULL);
	occurrence *occ;
	size_t n;
	bool cut = false;
	if (schedule_expand(c->a, &s, 1, now, now + 366 * 86400LL, 1000, 1000, &occ, &n, &cut, &budget) == 0) {
		size_t live = 0;
		for (size_t i = 0; i < n; i++)
			live += !occ[i].cancelled;
		view_put_int(sc, "coming", (long long)live);
		view_put_bool(sc, "coming_more", cut);
		if (n)
			view_put_occurrence(view_put_map(sc, "next"), &occ[0], lang);
	}
	view_put_int(sc, "exceptions", (long long)s.noverrides);
	view_put_int(sc, "subscribers", subscribers);
	return page_render(c, "series/delete", sc);
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
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/memoranda/%lld", s.memorandum_id), "deleted"));
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
