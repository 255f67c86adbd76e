/* agenda.c - the agenda (upcoming occurrences) and the month grid, both across all memoranda. */
#include "pages/agenda.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "cal/time.h"
#include "http/fields.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/people.h"
#include "store/series.h"
#include "util/date.h"

#define AGENDA_MAX 500      /* occurrences on one agenda page */
#define CALENDAR_MAX 1000   /* in one month grid */

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

/* ?memorandum=&organisation=&person=&tz=: ids, each optional; the zone the viewer reads times in. */
static const field_def filter_fields[] = {
	{"memorandum", FIELD_ID, false, 0, 0, NULL},
	{"organisation", FIELD_ID, false, 0, 0, NULL},
	{"person", FIELD_ID, false, 0, 0, NULL},
	{"tz", FIELD_TEXT, false, 64, 0, NULL},
};
enum { FF_MEMO, FF_ORG, FF_PERSON, FF_TZ, FF__MAX };

static int read_filter(http_ctx *c, series_filter *f, const char **tz)
{
	field_value v[FF__MAX];
	fields_check(c->a, &c->query, filter_fields, FF__MAX, v);
	for (int i = 0; i < FF__MAX; i++)
		if (v[i].error) {
			c->error_key = "error.bad_filter";
			c->error_field = filter_fields[i].name;
			return 400;
		}
	*tz = v[FF_TZ].value ? v[FF_TZ].value : DEFAULT_TZID;
	if (!cal_zone_known(*tz)) {
		c->error_key = "series.zone_unknown";
		c->error_field = "tz";
		return 400;
	}
	f->memorandum_id = v[FF_MEMO].value ? v[FF_MEMO].num : 0;
	f->organisation_id = v[FF_ORG].value ? v[FF_ORG].num : 0;
	f->person_id = v[FF_PERSON].value ? v[FF_PERSON].num : 0;
	return 0;
}

/* One choice of the filter form; a list of them is sorted by label. */
typedef struct choice {
	long long id;
	const char *label;
} choice;

static int by_label(const void *x, const void *y)
{
	const choice *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_choice_id(const void *x, const void *y)
{
	const choice *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

/* Sorts by id and drops repeats (an occurrence's memorandum and people recur across the page): n log n. */
static size_t unique(choice *l, size_t n)
{
	qsort(l, n, sizeof *l, by_choice_id);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || l[k - 1].id != l[i].id)
			l[k++] = l[i];
	return k;
}

static void put_choices(view_value *s, const char *name, choice *l, size_t n, long long selected)
{
	qsort(l, n, sizeof *l, by_label);
	view_value *list = view_put_list(s, name);
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(list);
		view_put_int(m, "id", l[i].id);
		view_put_str(m, "label", l[i].label);
		view_put_bool(m, "selected", l[i].id == selected);
	}
}

/*
 * The filter form's choices, with the current ones selected, and the query string that keeps them. The
 * choices are what the page shows (the memoranda of its occurrences, their parties, the people who attend
 * them) and the current filter: a list of every memorandum, organisation and person ever stored would grow
 * with the history (20,000 people are a megabyte of options), and "all" is always there to widen the page.
 */
static int put_filter(http_ctx *c, view_value *s, const series_filter *f, const char *tz, const occurrence *occ,
                      size_t nocc)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	size_t nm = 0, np = 0, nattend = 0;
	for (size_t i = 0; i < nocc; i++)
		nattend += occ[i].series->nattendees;
	choice *memos = arena_alloc(c->a, (nocc + 1) * sizeof *memos);
	choice *people = arena_alloc(c->a, (nattend + 1) * sizeof *people);
	for (size_t i = 0; i < nocc; i++) {
		const series *sr = occ[i].series;
		memos[nm++] = (choice){sr->memorandum_id, text_in(&sr->memorandum_title, lang)};
		for (size_t k = 0; k < sr->nattendees; k++) {
			const attendee *at = &sr->attendees[k];
			if (at->person_id)
				people[np++] = (choice){at->person_id, text_in(&at->name, lang)};
		}
	}
	nm = unique(memos, nm);
	np = unique(people, np);
	long long *mids = arena_alloc(c->a, (nm ? nm : 1) * sizeof *mids);
	for (size_t i = 0; i < nm; i++)
		mids[i] = memos[i].id;
	size_t nmids = nm;
	if (f->memorandum_id && !bsearch(&(choice){f->memorandum_id, NULL}, memos, nm, sizeof *memos, by_choice_id)) {
		memorandum m;
		int found = store_memorandum_get(&ap->db, c->a, f->memorandum_id, &m);
		if (found < 0)
			return -1;
		if (found)
			memos[nm++] = (choice){m.id, text_in(&m.title, lang)};
	}
	if (f->person_id && !bsearch(&(choice){f->person_id, NULL}, people, np, sizeof *people, by_choice_id)) {
		person p;
		int found = store_person_get(&ap->db, c->a, f->person_id, &p);
		if (found < 0)
			return -1;
		if (found)
			people[np++] = (choice){p.id, text_in(&p.full_name, lang)};
	}
	organisation *orgs;
	size_t no;
	if (store_org_options_of(&ap->db, c->a, mids, nmids, f->organisation_id, &orgs, &no) != 0)
		return -1;
	choice *oc = arena_alloc(c->a, (no ? no : 1) * sizeof *oc);
	for (size_t i = 0; i < no; i++)
		oc[i] = (choice){orgs[i].id, text_in(&orgs[i].name, lang)};
	put_choices(s, "memoranda", memos, nm, f->memorandum_id);
	put_choices(s, "organisations", oc, no, f->organisation_id);
	put_choices(s, "people", people, np, f->person_id);
	view_put_str(s, "tz", tz);
	view_put_str(s, "filter_query",
	             arena_printf(c->a, "memorandum=%s&organisation=%s&person=%s&tz=%s",
	                          f->memorandum_id ? arena_printf(c->a, "%lld", f->memorandum_id) : "",
	                          f->organisation_id ? arena_printf(c->a, "%lld", f->organisation_id) : "",
	                          f->person_id ? arena_printf(c->a, "%lld", f->person_id) : "", tz));
	return 0;
}

static const char *date_text(arena *a, cal_local t)
{
	return arena_printf(a, "%04d-%02d-%02d", t.year, t.month, t.day);
}

/* The first and the last day (inclusive) an occurrence takes up in the viewer's zone: all-day ones by their own
 * dates, timed ones from the start to the last second before the end (a meeting until 00:00 does not reach the
 * next day). */
static void viewer_days(arena *a, const occurrence *o, const char *tz, const char **first, const char **last)
{
	if (o->series->all_day) {
		*first = date_text(a, o->start);
		*last = date_text(a, cal_local_add_days(o->end, -1));
	} else {
		*first = date_text(a, cal_utc_to_local(o->start_utc, tz));
		*last = date_text(a, cal_utc_to_local(o->end_utc > o->start_utc ? o->end_utc - 1 : o->start_utc, tz));
	}
	if (strcmp(*last, *first) < 0)
		*last = *first;
}

/* The viewer's local date and time of an occurrence (all-day ones keep their own dates); end_day: the date of
 * a timed occurrence's end in the viewer's zone, shown when it is not the start's. */
static void put_viewer_time(view_value *m, const occurrence *o, const char *tz)
{
	arena *a = m->a;
	if (o->series->all_day) {
		view_put_str(m, "day", date_text(a, o->start));
		view_put_str(m, "time", NULL);
		return;
	}
	cal_local s = cal_utc_to_local(o->start_utc, tz), e = cal_utc_to_local(o->end_utc, tz);
	view_put_str(m, "day", date_text(a, s));
	view_put_str(m, "time", arena_printf(a, "%02d:%02d", s.hour, s.minute));
	view_put_str(m, "end_day", date_text(a, e));
	view_put_str(m, "end_time", arena_printf(a, "%02d:%02d", e.hour, e.minute));
}

int agenda_show(http_ctx *c)
{
	app *ap = app_of(c);
	series_filter f;
	const char *tz;
	int rc = read_filter(c, &f, &tz);
	if (rc)
		return rc;
	static const field_def days_field = {"days", FIELD_INT, false, 366, 0, NULL};
	field_value days;
	field_check(c->a, &days_field, http_query(c, "days"), &days);
	if (days.error) {
		c->error_key = "error.bad_filter";
		c->error_field = "days";
		return 400;
	}
	long span = days.value && days.num > 0 ? (long)days.num : 60;
	/* ?from=YYYY-MM-DD: the first day, in the viewer's zone (default: now) */
	static const field_def from_field = {"from", FIELD_DATE, false, 0, 0, NULL};
	field_value from;
	field_check(c->a, &from_field, http_query(c, "from"), &from);
	if (from.error) {
		c->error_key = "invalid.date";
		c->error_field = "from";
		return 400;
	}
	long budget = CAL_REQUEST_BUDGET;
	long long now = (long long)time(NULL);
	if (from.value) {
		cal_local f0 = {atoi(from.value), atoi(from.value + 5), atoi(from.value + 8), 0, 0, 0};
		now = cal_local_to_utc(f0, tz);
	}
	series *list;
	size_t n;
	if (store_series_window(&ap->db, c->a, &f, now, now + span * 86400LL, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	occurrence *occ;
	size_t nocc;
	bool cut;
	if (schedule_expand(c->a, list, n, now, now + span * 86400LL, AGENDA_MAX, AGENDA_MAX, &occ, &nocc, &cut, &budget) != 0)
		return 500;
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "agenda.title");
	if (put_filter(c, s, &f, tz, occ, nocc) != 0)
		return page_store_error(c, &ap->db);
	view_put_int(s, "days", span);
	view_put_str(s, "from", from.value);
	view_put_str(s, "filter_action", "/agenda");
	view_put_bool(s, "truncated", cut);
	/* grouped by the viewer's day */
	view_value *groups = view_put_list(s, "days_list");
	view_value *items = NULL;
	const char *last_day = NULL;
	for (size_t i = 0; i < nocc; i++) {
		view_value *m = view_map_new(c->a);
		view_put_occurrence(m, &occ[i], lang);
		put_viewer_time(m, &occ[i], tz);
		const char *day = view_get(m, "day")->u.s;
		if (!last_day || strcmp(day, last_day) != 0) {
			view_value *g = view_push_map(groups);
			view_put_str(g, "date", day);
			items = view_put_list(g, "items");
			last_day = day;
		}
		view_push(items, m);
	}
	return page_render(c, "agenda/list", s);
}

/* ---- the month grid ---- */

int calendar_show(http_ctx *c)
{
	app *ap = app_of(c);
	series_filter f;
	const char *tz;
	int rc = read_filter(c, &f, &tz);
	if (rc)
		return rc;
	int year, month;
	const char *ms = http_query(c, "month");
	if (ms && *ms) {
		if (strlen(ms) != 7 || ms[4] != '-' || strspn(ms, "0123456789-") != 7 ||
		    (year = atoi(ms)) < 1900 || year > 2200 || (month = atoi(ms + 5)) < 1 || month > 12) {
			c->error_key = "error.bad_month";
			c->error_field = "month";
			return 400;
		}
	} else {
		cal_local now = cal_utc_to_local((long long)time(NULL), tz);
		year = now.year;
		month = now.month;
	}
	/* the grid: Monday-first weeks covering the month */
	int lead = date_weekday(year, month, 1); /* days of the previous month shown before the 1st */
	int ndays = date_days_in_month(year, month);
	int cells = ((lead + ndays + 6) / 7) * 7;
	long budget = CAL_REQUEST_BUDGET;
	cal_local from_l = {year, month, 1, 0, 0, 0};
	long long from_utc = cal_local_to_utc(from_l, tz) - (long long)lead * 86400;
	long long to_utc = from_utc + (long long)cells * 86400 + 86400;

	series *list;
	size_t n;
	if (store_series_window(&ap->db, c->a, &f, from_utc - 86400, to_utc, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	occurrence *occ;
	size_t nocc;
	bool cut;
	if (schedule_expand(c->a, list, n, from_utc - 86400, to_utc, CALENDAR_MAX, CALENDAR_MAX, &occ, &nocc, &cut, &budget) != 0)
		return 500;

	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "calendar.title");
	if (put_filter(c, s, &f, tz, occ, nocc) != 0)
		return page_store_error(c, &ap->db);
	view_put_str(s, "filter_action", "/calendar");
	view_put_str(s, "month", arena_printf(c->a, "%04d-%02d", year, month));
	view_put_str(s, "month_date", arena_printf(c->a, "%04d-%02d-01", year, month));
	view_put_str(s, "month_name", page_msg(c, arena_printf(c->a, "month.%d", month), 0));
	view_put_int(s, "year", year);
	int py = month == 1 ? year - 1 : year, pm = month == 1 ? 12 : month - 1;
	int ny = month == 12 ? year + 1 : year, nm = month == 12 ? 1 : month + 1;
	view_put_str(s, "prev_month", arena_printf(c->a, "%04d-%02d", py, pm));
	view_put_str(s, "next_month", arena_printf(c->a, "%04d-%02d", ny, nm));
	view_put_bool(s, "truncated", cut);
	const char *today = NULL;
	{
		cal_local t = cal_utc_to_local((long long)time(NULL), tz);
		today = arena_printf(c->a, "%04d-%02d-%02d", t.year, t.month, t.day);
	}
	/* each occurrence's first and last day in the viewer's zone, once (not once per cell) */
	const char **firsts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *firsts);
	const char **lasts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *lasts);
	for (size_t k = 0; k < nocc; k++)
		viewer_days(c->a, &occ[k], tz, &firsts[k], &lasts[k]);
	view_value *weeks = view_put_list(s, "weeks");
	view_value *week = NULL;
	for (int i = 0; i < cells; i++) {
		if (i % 7 == 0)
			week = view_put_list(view_push_map(weeks), "days");
		cal_local d = cal_local_add_days((cal_local){year, month, 1, 0, 0, 0}, i - lead);
		const char *date = arena_printf(c->a, "%04d-%02d-%02d", d.year, d.month, d.day);
		view_value *cell = view_push_map(week);
		view_put_str(cell, "date", date);
		view_put_int(cell, "day", d.day);
		view_put_bool(cell, "outside", d.month != month);
		view_put_bool(cell, "today", strcmp(date, today) == 0);
		view_value *items = view_put_list(cell, "items");
		for (size_t k = 0; k < nocc; k++) {
			const occurrence *o = &occ[k];
			const char *first = firsts[k], *last = lasts[k];
			/* every day it takes up, as the agenda and the series page say: 15 - 16 April is two cells */
			if (strcmp(date, first) < 0 || strcmp(date, last) > 0)
				continue;
			view_value *m = view_push_map(items);
			view_put_occurrence(m, o, lang);
			put_viewer_time(m, o, tz);
			if (strcmp(date, first) != 0) /* a later day of a timed one: its start time is not this day's */
				view_put_str(m, "time", NULL);
		}
	}
	return page_render(c, "agenda/calendar", s);
}
