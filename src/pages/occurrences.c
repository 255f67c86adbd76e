/* occurrences.c - one occurrence of a series: its page, cancel and restore, change it, change it and all following. */
#include "pages/occurrences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/exceptions.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "http/fields.h"
#include "pages/app.h"
#include "pages/conflicts.h"
#include "pages/ended.h"
#include "pages/forms.h"
#include "pages/occurrence_index.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/overrides.h"
#include "store/records.h"
#include "store/series.h"
#include "util/log.h"
#include "view/present.h"

/* The occurrences one lookup may meet around an instant (a rule every minute, each lasting a day, gives 1440). */
#define AROUND_MAX 2000

/* The two forms share their first four fields, so reading the times is one function. */
enum { F_START_DATE, F_START_TIME, F_END_DATE, F_END_TIME };
enum { E_TITLE_EN = 4, E_TITLE_AZ, E_LOCATION, E_VERSION, E__MAX };
enum { S_LOCATION = 4, S_VERSION, S__MAX };

static const field_def edit_fields[E__MAX] = {
	[F_START_DATE] = {"start_date", FIELD_DATE, true, 0, 0, NULL},
	[F_START_TIME] = {"start_time", FIELD_TIME, false, 0, 0, NULL},
	[F_END_DATE] = {"end_date", FIELD_DATE, false, 0, 0, NULL},
	[F_END_TIME] = {"end_time", FIELD_TIME, false, 0, 0, NULL},
	[E_TITLE_EN] = {"title_en", FIELD_TEXT, true, 300, 0, NULL},
	[E_TITLE_AZ] = {"title_az", FIELD_TEXT, true, 300, 0, NULL},
	[E_LOCATION] = {"location", FIELD_TEXT, false, 500, 0, NULL},
	[E_VERSION] = {"version", FIELD_INT, true, 0, 0, NULL},
};

static const field_def split_fields[S__MAX] = {
	[F_START_DATE] = {"start_date", FIELD_DATE, true, 0, 0, NULL},
	[F_START_TIME] = {"start_time", FIELD_TIME, false, 0, 0, NULL},
	[F_END_DATE] = {"end_date", FIELD_DATE, false, 0, 0, NULL},
	[F_END_TIME] = {"end_time", FIELD_TIME, false, 0, 0, NULL},
	[S_LOCATION] = {"location", FIELD_TEXT, false, 500, 0, NULL},
	[S_VERSION] = {"version", FIELD_INT, true, 0, 0, NULL},
};

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

static const char *local_text(arena *a, cal_local t)
{
	char s[20];
	cal_format_local(t, s);
	return arena_strdup(a, s);
}

/* "YYYY-MM-DD HH:MM:SS" as the address writes it: YYYYMMDDTHHMMSS */
static const char *rid_of(arena *a, const char *r)
{
	return arena_printf(a, "%.4s%.2s%.2sT%.2s%.2s%.2s", r, r + 5, r + 8, r + 11, r + 14, r + 17);
}

/* What the audit log calls an occurrence: "occurrence 2025-03-06 10:00" (the date alone for all-day series). */
static const char *label_of(arena *a, const series *s, const char *rid, const char *what)
{
	return arena_printf(a, "occurrence %.*s%s%s", s->all_day ? 10 : 16, rid, what ? " " : "", what ? what : "");
}

/* The recurrence id in the address, as "YYYY-MM-DD HH:MM:SS"; NULL when it is not a real date and time. */
static const char *rid_param(http_ctx *c)
{
	const char *r = http_param_str(c, "rid");
	if (!r || strlen(r) != 15 || r[8] != 'T' || strspn(r, "0123456789") != 8 || strspn(r + 9, "0123456789") != 6)
		return NULL;
	const char *t = arena_printf(c->a, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", r, r + 4, r + 6, r + 9, r + 11, r + 13);
	cal_local l;
	return cal_parse_local(t, &l) == 0 ? t : NULL;
}

static const series_override *override_of(const series *s, const char *rid)
{
	for (size_t i = 0; i < s->noverrides; i++)
		if (strcmp(s->overrides[i].recurrence_id, rid) == 0)
			return &s->overrides[i];
	return NULL;
}

/*
 * The occurrence of s whose recurrence id is rid, found by expanding the series around the one instant where it
 * must be: its original start, or where its override moved it. Without with_override, the occurrence as the
 * series alone places it. 1 found (cancelled ones too), 0 none, -1 error.
 */
static int find_occurrence(arena *a, const series *s, const char *rid, bool with_override, occurrence *out,
                           long *budget)
{
	series *copy = arena_alloc(a, sizeof *copy); /* the occurrence points at it */
	*copy = *s;
	if (!with_override)
		copy->noverrides = 0;
	const series_override *ov = with_override ? override_of(s, rid) : NULL;
	cal_local at;
	if (cal_parse_local(ov && ov->start_local ? ov->start_local : rid, &at) != 0)
		return -1;
	long long t = cal_local_to_utc(at, s->tzid);
	if (t == CAL_TIME_INVALID)
		return -1;
	occurrence *occ;
	size_t n;
	bool cut;
	if (schedule_expand(a, copy, 1, t, t + 1, AROUND_MAX, AROUND_MAX, &occ, &n, &cut, budget) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(occ[i].recurrence_id, rid) == 0) {
			*out = occ[i];
			return 1;
		}
	return 0;
}

/* The series and the occurrence the address names, or the HTTP status that says why not. */
static int load(http_ctx *c, series *s, const char **rid, occurrence *o, long *budget)
{
	app *ap = app_of(c);
	int found = store_series_get(&ap->db, c->a, http_param_int(c, "id"), s);
	if (found <= 0) {
		if (found < 0)
			return page_store_error(c, &ap->db);
		c->error_key = "error.series_not_found";
		return 404;
	}
	*rid = rid_param(c);
	found = *rid ? find_occurrence(c->a, s, *rid, true, o, budget) : 0;
	if (found < 0)
		return 500;
	if (!found) {
		c->error_key = "error.occurrence_not_found";
		return 404;
	}
	return 0;
}

int occurrence_load(http_ctx *c, series *s, const char **rid, occurrence *o, long *budget)
{
	return load(c, s, rid, o, budget);
}

/* A form's fields as scope.<key>.f.* (ids prefixed with the form's name: the page holds two forms with the
 * same field names), its input as scope.<key>.form. */
static void put_form(http_ctx *c, view_value *sc, const char *key, const field_def *defs, const field_value *v,
                     size_t n)
{
	view_value *m = view_put_map(sc, key);
	view_value *f = page_put_fields(c, m, "occurrence", defs, v, n);
	for (size_t i = 0; i < n; i++) {
		view_value *field = view_get(f, defs[i].name);
		if (field)
			view_put_str(field, "id", arena_printf(c->a, "%s-%s", key, defs[i].name));
	}
}

/* The start and end fields' text for an occurrence (end_date empty when it ends the day it starts). */
static void times_raw(arena *a, const series *s, cal_local st, cal_local en, const char **raw)
{
	if (s->all_day)
		en = cal_local_add_days(en, -1); /* the form shows the last day, not the exclusive end */
	raw[F_START_DATE] = arena_printf(a, "%04d-%02d-%02d", st.year, st.month, st.day);
	raw[F_START_TIME] = s->all_day ? NULL : st.second ? arena_printf(a, "%02d:%02d:%02d", st.hour, st.minute, st.second)
	                                                 : arena_printf(a, "%02d:%02d", st.hour, st.minute);
	bool one_day = st.year == en.year && st.month == en.month && st.day == en.day;
	raw[F_END_DATE] = one_day ? NULL : arena_printf(a, "%04d-%02d-%02d", en.year, en.month, en.day);
	raw[F_END_TIME] = s->all_day ? NULL : en.second ? arena_printf(a, "%02d:%02d:%02d", en.hour, en.minute, en.second)
	                                               : arena_printf(a, "%02d:%02d", en.hour, en.minute);
}

/*
 * The occurrence page. which ("edit" or "split") names the form whose input (v) goes back to the user after a
 * refusal; the other form shows the occurrence as it is.
 */
static int page_with(http_ctx *c, long *budget, const series *s, const occurrence *o, int status, const char *message_key,
                     const char *which, const field_value *v, view_value *conflicts);

static int page(http_ctx *c, long *budget, const series *s, const occurrence *o, int status, const char *message_key,
                const char *which, const field_value *v)
{
	return page_with(c, budget, s, o, status, message_key, which, v, NULL);
}

/* conflicts: attendees busy at the time the edit form asks for (pages/conflicts.c), or NULL */
static int page_with(http_ctx *c, long *budget, const series *s, const occurrence *o, int status, const char *message_key,
                     const char *which, const field_value *v, view_value *conflicts)
{
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, NULL);
	view_put_series(sc, s, lang);
	view_value *m = view_put_map(sc, "occurrence");
	view_put_occurrence(m, o, lang);
	view_put_str(sc, "title", view_get(m, "title")->u.s);
	view_put_text(m, "series_title", s->title, lang);
	view_put_bool(m, "own_cancelled", o->cancelled);
	view_put_bool(m, "series_cancelled", strcmp(s->status, "cancelled") == 0);
	view_put_str(m, "series_status", s->status);
	view_put_str(m, "original_date", arena_strndup(c->a, o->recurrence_id, 10));
	view_put_str(m, "original_time", s->all_day ? NULL : arena_strndup(c->a, o->recurrence_id + 11, 5));
	view_put_bool(m, "retitled", o->override && o->override->title.en);
	view_put_str(m, "month", arena_printf(c->a, "%04d-%02d", o->start.year, o->start.month));
	view_put_str(m, "day", arena_printf(c->a, "%04d-%02d-%02d", o->start.year, o->start.month, o->start.day));
	/* "this and all following" needs a rule and something before this occurrence */
	bool split_back = which && strcmp(which, "split") == 0; /* a refused split shows its form and why */
	view_put_bool(sc, "can_split", split_back || (s->rrule && *s->rrule && strcmp(o->recurrence_id, s->start_local) > 0));
	if (message_key) {
		view_put_str(sc, "message", page_msg(c, message_key, 0));
		view_put_bool(sc, "has_errors", status >= 400);
	} else {
		page_put_done(c, sc);
	}

	/* each form shows the occurrence as it is unless it is the one sent back */
	const char *place = o->override && o->override->location ? o->override->location : s->location;
	const char *version = arena_printf(c->a, "%d", s->version);
	if (!which || strcmp(which, "edit") != 0) {
		const char *raw[E__MAX] = {0};
		times_raw(c->a, s, o->start, o->end, raw);
		bitext title = o->override && o->override->title.en ? o->override->title : s->title;
		raw[E_TITLE_EN] = title.en;
		raw[E_TITLE_AZ] = title.az;
		raw[E_LOCATION] = place;
		raw[E_VERSION] = version;
		field_value fv[E__MAX];
		page_fill_fields(edit_fields, E__MAX, raw, fv);
		put_form(c, sc, "edit", edit_fields, fv, E__MAX);
	} else {
		put_form(c, sc, "edit", edit_fields, v, E__MAX);
	}
	if (!which || strcmp(which, "split") != 0) {
		/* the following occurrences as the series places them: this one's original slot */
		occurrence nat;
		const char *raw[S__MAX] = {0};
		if (find_occurrence(c->a, s, o->recurrence_id, false, &nat, budget) == 1)
			times_raw(c->a, s, nat.start, nat.end, raw);
		else
			times_raw(c->a, s, o->start, o->end, raw);
		raw[S_LOCATION] = s->location;
		raw[S_VERSION] = version;
		field_value fv[S__MAX];
		page_fill_fields(split_fields, S__MAX, raw, fv);
		put_form(c, sc, "split", split_fields, fv, S__MAX);
	} else {
		put_form(c, sc, "split", split_fields, v, S__MAX);
	}
	if (conflicts)
		view_put(sc, "conflicts", conflicts);
	int rc = page_render(c, "series/occurrence", sc);
	if (rc == 0)
		c->status = status;
	return rc;
}

int occurrence_show(http_ctx *c)
{
	series s;
	const char *rid;
	occurrence o;
	long budget_left = CAL_REQUEST_BUDGET, *budget = &budget_left;
	int rc = load(c, &s, &rid, &o, budget);
	return rc ? rc : page(c, budget, &s, &o, 200, NULL, NULL, NULL);
}

/* The answer to a change the store refused or could not make; the input goes back to the user. */
static int refused(http_ctx *c, long *budget, const series *s, const occurrence *o, enum change_result res, const char *which,
                   const field_value *v)
{
	app *ap = app_of(c);
	switch (res) {
	case CHANGE_GONE:
		c->error_key = "error.series_not_found";
		return 404;
	case CHANGE_STALE:
		return page(c, budget, s, o, 409, "form.stale", which, v);
	case CHANGE_DONE:
	case CHANGE_ERROR:
		break;
	}
	if (ap->db.status == STORE_CONFLICT)
		return page(c, budget, s, o, 409, "occurrence.conflict", which, v);
	const char *msg;
	int status = page_save_failed(c, &ap->db, NULL, &msg);
	return page(c, budget, s, o, status, msg, which, v);
}

/* Back to the occurrence's page, which says what happened (done: a page_put_done key). */
static void back_to(http_ctx *c, const series *s, const char *rid, const char *done)
{
	http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/series/%lld/occurrences/%s", s->id, rid_of(c->a, rid)),
	                                    done));
}

/* Whether sr would have a meeting past the end of its terminated memorandum (pages/ended.c): 1, 0, or -1 when the
 * memorandum could not be read. */
static int past_end(http_ctx *c, const series *sr)
{
	memorandum m;
	int found = store_memorandum_get(&app_of(c)->db, c->a, sr->memorandum_id, &m);
	if (found < 0)
		return -1;
	return found && ended_beyond(c, sr, m.terminated_on) != ENDED_NONE;
}

static int set_cancelled(http_ctx *c, bool cancelled)
{
	app *ap = app_of(c);
	series s;
	const char *rid;
	occurrence o;
	int version;
	long budget_left = CAL_REQUEST_BUDGET, *budget = &budget_left;
	int rc = load(c, &s, &rid, &o, budget);
	if (rc == 0)
		rc = page_form_version(c, &version);
	if (rc)
		return rc;
	if (o.cancelled == cancelled) { /* already so: nothing to change (a second click, a second tab) */
		back_to(c, &s, rid, cancelled ? "cancelled" : "restored");
		return 0;
	}
	if (!cancelled) {
		/* not back past a terminated memorandum's end: the termination called it off */
		series one = s;
		one.start_local = local_text(c->a, o.start);
		one.end_local = local_text(c->a, o.end);
		one.rrule = NULL;
		one.nrdates = one.nexdates = one.noverrides = 0;
		int past = past_end(c, &one);
		if (past < 0)
			return page_store_error(c, &ap->db);
		if (past)
			return page(c, budget, &s, &o, 422, "occurrence.restore_after_end", NULL, NULL);
	}
	actor who = app_actor(c);
	enum change_result res = store_override_cancel(&ap->db, c->a, &who, s.id, version, rid, cancelled,
	                                               label_of(c->a, &s, rid, cancelled ? "cancelled" : "restored"));
	if (res == CHANGE_DONE) {
		occurrence_index_series(&ap->db, &s.id, 1);
		back_to(c, &s, rid, cancelled ? "cancelled" : "restored");
		return 0;
	}
	if (res == CHANGE_ERROR && ap->db.status != STORE_CONFLICT && ap->db.status != STORE_INVALID)
		return page_store_error(c, &ap->db);
	return refused(c, budget, &s, &o, res, NULL, NULL);
}

/* GET .../cancel: which occurrence goes, and from how many subscribers' calendars, before it does. */
int occurrence_cancel_confirm(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	const char *rid;
	occurrence o;
	long budget_left = CAL_REQUEST_BUDGET, *budget = &budget_left;
	int rc = load(c, &s, &rid, &o, budget);
	if (rc)
		return rc;
	long long subscribers = store_series_subscribers(&ap->db, c->a, s.id);
	long long mails = subscribers < 0 ? -1 : store_series_mail_reach(&ap->db, c->a, s.id);
	if (subscribers < 0 || mails < 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, "occurrence.cancel_title");
	view_put_series(sc, &s, lang);
	view_value *m = view_put_map(sc, "occurrence");
	view_put_occurrence(m, &o, lang);
	view_put_str(sc, "what", "occurrence");
	view_put_str(sc, "action", arena_printf(c->a, "/series/%lld/occurrences/%s/cancel", s.id, rid_of(c->a, rid)));
	view_put_str(sc, "back", arena_printf(c->a, "/series/%lld/occurrences/%s", s.id, rid_of(c->a, rid)));
	view_put_int(sc, "subscribers", subscribers);
	view_put_int(sc, "mails", mails);
	return page_render(c, "series/confirm", sc);
}

int occurrence_cancel(http_ctx *c)
{
	return set_cancelled(c, true);
}

int occurrence_restore(http_ctx *c)
{
	return set_cancelled(c, false);
}

/* "HH:MM[:SS]" of a checked time field into t. */
static void clock_into(const char *v, cal_local *t)
{
	t->hour = atoi(v);
	t->minute = atoi(v + 3);
	t->second = strlen(v) > 5 ? atoi(v + 6) : 0;
}

/*
 * The start and end the form gives, as "YYYY-MM-DD HH:MM:SS" (for an all-day series the first day and the day
 * after the last), or errors on the fields: times are required for a timed series, the end must come after the
 * start. An empty end date is the start's. shown_start, shown_end: what the form showed; a start changed with
 * the end left as shown keeps the length (*end_moved).
 */
static void read_times(http_ctx *c, const series *s, field_value *v, cal_local shown_start, cal_local shown_end,
                       const char **start, const char **end, bool *end_moved)
{
	*start = *end = NULL;
	*end_moved = false;
	const char *sd = v[F_START_DATE].value, *ed = v[F_END_DATE].value ? v[F_END_DATE].value : sd;
	if (!s->all_day) {
		static const int times[] = {F_START_TIME, F_END_TIME};
		for (size_t i = 0; i < 2; i++)
			if (!v[times[i]].value && !v[times[i]].error)
				v[times[i]].error = "invalid.required";
	}
	if (!sd || v[F_END_DATE].error || v[F_START_TIME].error || v[F_END_TIME].error)
		return;
	cal_local st, en;
	if (cal_parse_local(sd, &st) != 0 || cal_parse_local(ed, &en) != 0)
		return;
	if (s->all_day) {
		en = cal_local_add_days(en, 1);
	} else {
		clock_into(v[F_START_TIME].value, &st);
		clock_into(v[F_END_TIME].value, &en);
	}
	if (cal_local_cmp(en, shown_end) == 0 && cal_local_cmp(st, shown_start) != 0) {
		if (s->all_day)
			en = cal_wall_local(cal_local_wall(st) + cal_local_wall(shown_end) - cal_local_wall(shown_start));
		else
			en = cal_utc_to_local(cal_local_to_utc(st, s->tzid) + cal_local_to_utc(shown_end, s->tzid) -
			                          cal_local_to_utc(shown_start, s->tzid),
			                      s->tzid);
		*end_moved = true;
	}
	if (cal_local_cmp(en, st) <= 0) {
		(s->all_day ? &v[F_END_DATE] : &v[F_END_TIME])->error = "series.end_after_start";
		return;
	}
	*start = local_text(c->a, st);
	*end = local_text(c->a, en);
}

static int count_invalid(const field_value *v, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += v[i].error != NULL;
	return bad;
}

static bool same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

int occurrence_edit(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	const char *rid;
	occurrence o;
	long budget_left = CAL_REQUEST_BUDGET, *budget = &budget_left;
	int rc = load(c, &s, &rid, &o, budget);
	if (rc)
		return rc;
	field_value v[E__MAX];
	fields_check(c->a, &c->body, edit_fields, E__MAX, v);
	const char *start, *end;
	bool end_moved;
	read_times(c, &s, v, o.start, o.end, &start, &end, &end_moved);
	if (count_invalid(v, E__MAX) || !start)
		return page(c, budget, &s, &o, 422, "form.invalid", "edit", v);

	/* what the series itself says stays NULL in the override: a later change of the series reaches it */
	occurrence nat;
	if (find_occurrence(c->a, &s, rid, false, &nat, budget) != 1)
		return 500;
	series_override ov = {.recurrence_id = rid};
	if (strcmp(start, local_text(c->a, nat.start)) != 0 || strcmp(end, local_text(c->a, nat.end)) != 0) {
		ov.start_local = start;
		ov.end_local = end;
	}
	if (strcmp(v[E_TITLE_EN].value, s.title.en) != 0 || strcmp(v[E_TITLE_AZ].value, s.title.az) != 0)
		ov.title = (bitext){v[E_TITLE_EN].value, v[E_TITLE_AZ].value};
	if (!same_text(v[E_LOCATION].value, s.location))
		ov.location = v[E_LOCATION].value ? v[E_LOCATION].value : ""; /* "": this one has no place */
	{
		/* not past a terminated memorandum's end, its own slot included (one the termination kept because it was
		 * moved into the term goes back there no more): its meetings stopped there */
		series one = s;
		one.start_local = start;
		one.end_local = end;
		one.rrule = NULL;
		one.nrdates = one.nexdates = one.noverrides = 0;
		int past = past_end(c, &one);
		if (past < 0)
			return page_store_error(c, &ap->db);
		if (past) {
			v[F_START_DATE].error = "series.after_end";
			return page(c, budget, &s, &o, 422, "form.invalid", "edit", v);
		}
	}
	const char *action = form_get(&c->body, "action");
	if (ov.start_local && !(action && strcmp(action, "confirm") == 0)) {
		/* a moved occurrence may now overlap its attendees' other meetings: say so before saving */
		series one = s;
		one.start_local = start;
		one.end_local = end;
		one.rrule = NULL;
		one.nrdates = one.nexdates = one.noverrides = 0;
		bool failed;
		view_value *busy = page_conflicts(c, &one, &failed, budget);
		if (failed) {
			const char *msg;
			int status = page_save_failed(c, &ap->db, NULL, &msg);
			return page(c, budget, &s, &o, status, msg, "edit", v);
		}
		if (busy)
			return page_with(c, budget, &s, &o, 200, "series.conflicts_found", "edit", v, busy);
	}
	actor who = app_actor(c);
	enum change_result res = store_override_save(&ap->db, c->a, &who, s.id, (int)v[E_VERSION].num, &ov,
	                                             label_of(c->a, &s, rid, "changed"));
	if (res == CHANGE_DONE) {
		occurrence_index_series(&ap->db, &s.id, 1);
		back_to(c, &s, rid, end_moved ? "changed_end" : "changed");
		return 0;
	}
	return refused(c, budget, &s, &o, res, "edit", v);
}

/* Why a split was refused, on the field that can change it. */
static void split_refusal(field_value *v, enum cal_split_refusal r)
{
	switch (r) {
	case CAL_SPLIT_NO_RULE:
		v[F_START_DATE].error = "occurrence.split_no_rule";
		break;
	case CAL_SPLIT_FIRST:
		v[F_START_DATE].error = "occurrence.split_first";
		break;
	case CAL_SPLIT_NOT_RULE:
		v[F_START_DATE].error = "occurrence.split_not_rule";
		break;
	case CAL_SPLIT_DAY_FIXED:
		v[F_START_DATE].error = "occurrence.split_day_fixed";
		break;
	case CAL_SPLIT_TIME_FIXED:
		v[F_START_TIME].error = "occurrence.split_time_fixed";
		break;
	case CAL_SPLIT_OVERLAPS:
		v[F_START_DATE].error = "occurrence.split_overlaps";
		break;
	case CAL_SPLIT_ERROR:
	case CAL_SPLIT_OK:
		v[F_START_DATE].error = "occurrence.split_failed";
		break;
	}
}

/* The dates of list before the split (before) or at and after it, renamed through the plan (NULL: kept). */
static const char **dates_part(arena *a, const char *const *list, size_t n, const char *rid, bool before,
                               const cal_split *plan, size_t *count)
{
	const char **out = arena_alloc(a, (n ? n : 1) * sizeof *out);
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		if ((strcmp(list[i], rid) < 0) != before)
			continue;
		cal_local t;
		if (plan && cal_parse_local(list[i], &t) == 0)
			out[(*count)++] = local_text(a, cal_split_map(plan, t));
		else
			out[(*count)++] = list[i];
	}
	return out;
}

/* Whether a series (the old one after the split, or the new one) is one src/cal can place. */
static bool placeable(arena *a, const series *s)
{
	cal_series cs;
	char err[200];
	if (schedule_to_cal(a, s, &cs) != 0 || cal_series_check(&cs, err, sizeof err) != 0) {
		log_info("msg=\"split refused\" series=%lld cause=\"%s\"", s->id, err);
		return false;
	}
	return true;
}

/*
 * "This and all following": the series ends before this occurrence, a new one (new UID, the same texts and
 * attendees) starts here at the time and place the form gives and goes on as the rule did. The RDATEs, EXDATEs
 * and overrides from here on move to the new series, renamed to its starts (cal_split_plan).
 */
int occurrence_split(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	const char *rid;
	occurrence o;
	long budget_left = CAL_REQUEST_BUDGET, *budget = &budget_left;
	int rc = load(c, &s, &rid, &o, budget);
	if (rc)
		return rc;
	field_value v[S__MAX];
	fields_check(c->a, &c->body, split_fields, S__MAX, v);
	/* the form showed the occurrence as the series places it */
	occurrence nat;
	if (find_occurrence(c->a, &s, rid, false, &nat, budget) != 1)
		nat = o;
	const char *start, *end;
	bool end_moved;
	read_times(c, &s, v, nat.start, nat.end, &start, &end, &end_moved);
	if (count_invalid(v, S__MAX) || !start)
		return page(c, budget, &s, &o, 422, "form.invalid", "split", v);

	cal_series cs;
	cal_local rl, ns;
	if (schedule_to_cal(c->a, &s, &cs) != 0 || cal_parse_local(rid, &rl) != 0 || cal_parse_local(start, &ns) != 0)
		return 500;
	/* the renaming table must reach the last EXDATE or override that moves */
	const char *last = rid;
	for (size_t i = 0; i < s.nexdates; i++)
		last = strcmp(s.exdates[i], last) > 0 ? s.exdates[i] : last;
	for (size_t i = 0; i < s.noverrides; i++)
		last = strcmp(s.overrides[i].recurrence_id, last) > 0 ? s.overrides[i].recurrence_id : last;
	long long *rec_ids; /* meeting records go with their occurrences */
	const char **rec_keys;
	size_t nrec;
	if (store_record_keys(&app_of(c)->db, c->a, s.id, &rec_ids, &rec_keys, &nrec) != 0)
		return page_store_error(c, &app_of(c)->db);
	for (size_t i = 0; i < nrec; i++)
		last = strcmp(rec_keys[i], last) > 0 ? rec_keys[i] : last;
	cal_local until;
	cal_parse_local(last, &until);
	cal_split plan;
	char err[200] = "";
	enum cal_split_refusal r = cal_split_plan(c->a, &cs, rl, ns, until, &plan, err, sizeof err);
	if (r != CAL_SPLIT_OK) {
		if (r == CAL_SPLIT_ERROR)
			log_info("msg=\"split refused\" series=%lld rid=\"%s\" cause=\"%s\"", s.id, rid, err);
		split_refusal(v, r);
		return page(c, budget, &s, &o, 422, "form.invalid", "split", v);
	}

	series_split sp = {.old_id = s.id, .version = (int)v[S_VERSION].num, .old_rrule = plan.old_rule};
	sp.old_rdates = dates_part(c->a, s.rdates, s.nrdates, rid, true, NULL, &sp.nold_rdates);
	sp.old_exdates = dates_part(c->a, s.exdates, s.nexdates, rid, true, NULL, &sp.nold_exdates);
	series *in = arena_alloc(c->a, sizeof *in);
	*in = s;
	in->id = 0;
	in->uid = NULL;
	in->start_local = start;
	in->end_local = end;
	in->location = v[S_LOCATION].value;
	in->rrule = plan.new_rule;
	in->rdates = dates_part(c->a, s.rdates, s.nrdates, rid, false, NULL, &in->nrdates);
	in->exdates = dates_part(c->a, s.exdates, s.nexdates, rid, false, &plan, &in->nexdates);
	in->noverrides = 0;
	sp.new_series = in;
	override_move *moves = arena_alloc(c->a, (s.noverrides ? s.noverrides : 1) * sizeof *moves);
	for (size_t i = 0; i < s.noverrides; i++) {
		const series_override *ov = &s.overrides[i];
		if (strcmp(ov->recurrence_id, rid) < 0)
			continue;
		override_move *m = &moves[sp.nmoves++];
		m->id = ov->id;
		cal_local t;
		if (cal_parse_local(ov->recurrence_id, &t) != 0)
			return 500;
		m->recurrence_id = local_text(c->a, cal_split_map(&plan, t));
		if (strcmp(ov->recurrence_id, rid) == 0) {
			/* this occurrence becomes the new series' start, with the form's time and place; a new title or
			 * a cancellation of it stays */
			m->clear = true;
			m->drop = !ov->cancelled && !ov->title.en;
		}
	}
	sp.moves = moves;
	override_move *rmoves = arena_alloc(c->a, (nrec ? nrec : 1) * sizeof *rmoves);
	for (size_t i = 0; i < nrec; i++) {
		cal_local t;
		if (strcmp(rec_keys[i], rid) < 0)
			continue;
		if (cal_parse_local(rec_keys[i], &t) != 0)
			return 500;
		rmoves[sp.nrecord_moves++] = (override_move){rec_ids[i], local_text(c->a, cal_split_map(&plan, t)), false, false};
	}
	sp.record_moves = rmoves;
	series old = s;
	old.rrule = plan.old_rule;
	old.rdates = sp.old_rdates;
	old.nrdates = sp.nold_rdates;
	old.exdates = sp.old_exdates;
	old.nexdates = sp.nold_exdates;
	old.noverrides = 0;
	if (!placeable(c->a, &old) || !placeable(c->a, in)) {
		v[F_START_DATE].error = "occurrence.split_failed";
		return page(c, budget, &s, &o, 422, "form.invalid", "split", v);
	}
	int past = past_end(c, in);
	if (past < 0)
		return page_store_error(c, &ap->db);
	if (past) {
		v[F_START_DATE].error = "series.after_end";
		return page(c, budget, &s, &o, 422, "form.invalid", "split", v);
	}
	sp.old_label = label_of(c->a, &s, rid, "and all following: moved to a new series");
	sp.new_label = arena_printf(c->a, "%s (%s of series %lld and all following)", s.title.en,
	                            label_of(c->a, &s, rid, NULL), s.id);
	actor who = app_actor(c);
	enum change_result res = store_series_split(&ap->db, c->a, &who, &sp);
	if (res == CHANGE_DONE) {
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/series/%lld", in->id),
		                                    end_moved ? "split_end" : "split"));
		return 0;
	}
	return refused(c, budget, &s, &o, res, "split", v);
}

/* GET /series/{id}/overrides/{oid}/delete: the exception that goes, before it does. */
int override_delete_confirm(http_ctx *c)
{
	app *ap = app_of(c);
	series s;
	int found = store_series_get(&ap->db, c->a, http_param_int(c, "id"), &s);
	if (found <= 0) {
		if (found < 0)
			return page_store_error(c, &ap->db);
		c->error_key = "error.series_not_found";
		return 404;
	}
	long long oid = http_param_int(c, "oid");
	const series_override *ov = NULL;
	for (size_t i = 0; i < s.noverrides; i++)
		if (s.overrides[i].id == oid)
			ov = &s.overrides[i];
	if (!ov) {
		c->error_key = "error.override_not_found";
		return 404;
	}
	long long subscribers = store_series_subscribers(&ap->db, c->a, s.id);
	long long mails = subscribers < 0 ? -1 : store_series_mail_reach(&ap->db, c->a, s.id);
	if (subscribers < 0 || mails < 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, "series.orphan_delete");
	view_put_series(sc, &s, lang);
	view_value *m = view_put_map(sc, "exception");
	view_put_str(m, "recurrence_date", arena_strndup(c->a, ov->recurrence_id, 10));
	view_put_str(m, "recurrence_time", s.all_day ? NULL : arena_strndup(c->a, ov->recurrence_id + 11, 5));
	view_put_bool(m, "cancelled", ov->cancelled);
	view_put_bool(m, "moved", ov->start_local != NULL);
	view_put_bool(m, "retitled", ov->title.en != NULL);
	view_put_str(sc, "what", "exception");
	view_put_str(sc, "action", arena_printf(c->a, "/series/%lld/overrides/%lld/delete", s.id, oid));
	view_put_str(sc, "back", arena_printf(c->a, "/series/%lld", s.id));
	view_put_int(sc, "subscribers", subscribers);
	view_put_int(sc, "mails", mails);
	return page_render(c, "series/confirm", sc);
}

int override_delete(http_ctx *c)
{
	app *ap = app_of(c);
	int version;
	int rc = page_form_version(c, &version);
	if (rc)
		return rc;
	series s;
	int found = store_series_get(&ap->db, c->a, http_param_int(c, "id"), &s);
	if (found <= 0) {
		if (found < 0)
			return page_store_error(c, &ap->db);
		c->error_key = "error.series_not_found";
		return 404;
	}
	long long oid = http_param_int(c, "oid");
	const series_override *ov = NULL;
	for (size_t i = 0; i < s.noverrides; i++)
		if (s.overrides[i].id == oid)
			ov = &s.overrides[i];
	if (!ov) {
		c->error_key = "error.override_not_found";
		return 404;
	}
	actor who = app_actor(c);
	switch (store_override_delete(&ap->db, c->a, &who, s.id, version, oid,
	                              label_of(c->a, &s, ov->recurrence_id, "exception deleted"))) {
	case CHANGE_DONE:
		occurrence_index_series(&ap->db, &s.id, 1);
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/series/%lld", s.id), "exception_deleted"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.override_not_found";
		return 404;
	case CHANGE_STALE:
		c->error_key = "form.stale_delete";
		return 409;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}

void occurrences_put_exceptions(http_ctx *c, view_value *scope, const series *s, long *budget)
{
	const char *lang = lang_code(c->lang);
	view_value *matched = view_put_list(scope, "exceptions");
	view_value *orphans = view_put_list(scope, "orphans");
	long long norphans = 0;
	cal_series cs;
	bool readable = schedule_to_cal(c->a, s, &cs) == 0;
	for (size_t i = 0; i < s->noverrides; i++) {
		const series_override *o = &s->overrides[i];
		cal_local rid;
		char err[200];
		/* an override whose standing cannot be told is listed as matching: nothing is offered for deletion
		 * on a guess */
		int is = readable && cal_parse_local(o->recurrence_id, &rid) == 0 ? cal_is_occurrence(&cs, rid, budget, err, sizeof err)
		                                                                   : -1;
		if (is < 0)
			log_error("msg=\"override not checked\" series=%lld override=%lld", s->id, o->id);
		view_value *m = view_push_map(is == 0 ? orphans : matched);
		norphans += is == 0;
		view_put_int(m, "id", o->id);
		view_put_int(m, "series_id", s->id);
		view_put_str(m, "rid", rid_of(c->a, o->recurrence_id));
		view_put_str(m, "recurrence_date", arena_strndup(c->a, o->recurrence_id, 10));
		view_put_str(m, "recurrence_time", s->all_day ? NULL : arena_strndup(c->a, o->recurrence_id + 11, 5));
		view_put_bool(m, "cancelled", o->cancelled);
		view_put_bool(m, "moved", o->start_local != NULL);
		if (o->start_local) {
			view_put_str(m, "start_date", arena_strndup(c->a, o->start_local, 10));
			view_put_str(m, "start_time", s->all_day ? NULL : arena_strndup(c->a, o->start_local + 11, 5));
			view_put_str(m, "end_date", arena_strndup(c->a, o->end_local, 10));
			view_put_str(m, "end_time", s->all_day ? NULL : arena_strndup(c->a, o->end_local + 11, 5));
		}
		view_put_bool(m, "retitled", o->title.en != NULL);
		if (o->title.en)
			view_put_str(m, "new_title", text_in(&o->title, lang));
		view_put_bool(m, "replaced", o->location != NULL);
		view_put_str(m, "place", o->location);
		view_put_bool(m, "as_planned", !o->cancelled && !o->start_local && !o->title.en && !o->location);
	}
	view_put_int(scope, "norphans", norphans);
}
