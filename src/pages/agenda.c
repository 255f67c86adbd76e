/* agenda.c - the agenda (upcoming occurrences) and the month grid, both across all memoranda. */
#include "pages/agenda.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "cal/time.h"
#include "cal/zones.h"
#include "http/fields.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/choices.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/people.h"
#include "store/series.h"
#include "util/buf.h"
#include "util/date.h"

#define AGENDA_MAX 100      /* occurrences on one agenda page; a link goes on after its last */
#define CALENDAR_MAX 1000   /* of one series in a month grid; in all, in a week */
#define CELL_MAX 4          /* lines (besides multi-day bars) in a day of the month grid; a day with more shows
                             * one fewer and a link to its agenda */
#define GRID_EXPAND_MAX 20000 /* occurrences a month grid expands at most */
#define GRID_SPARE 129600   /* around the grid, a day and a half: the index is read only when its horizon covers
                             * that too, where a series the grid shows by its own date (all day) keeps its rows */
#define ZONE_CHOICES 12     /* zones offered for a mistyped one */
#define PALETTE 8           /* colours memoranda take in the month grid (style.css: .m0 ... .m7) */
#define SPAN_LANES 4        /* multi-day bars in one week row of the month grid; more are listed per day */

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

/* A zone memocal does not know is not an error page: the page is shown in the default zone, with the
 * typed text kept in its field, a message beside it and zones to pick from (put_filter); the status
 * stays 400. */
struct zone_typo {
	const char *typed; /* NULL: the zone was fine */
};

static int read_filter(http_ctx *c, series_filter *f, const char **tz, struct zone_typo *typo)
{
	typo->typed = NULL;
	field_value v[FF__MAX];
	fields_check(c->a, &c->query, filter_fields, FF__MAX, v);
	for (int i = 0; i < FF__MAX; i++)
		if (v[i].error) {
			c->error_key = "error.bad_filter";
			c->error_field = filter_fields[i].name;
			return 400;
		}
	*tz = v[FF_TZ].value ? v[FF_TZ].value : viewer_zone(c);
	if (!cal_zone_known(*tz)) {
		typo->typed = *tz;
		*tz = viewer_zone(c);
	}
	f->memorandum_id = v[FF_MEMO].value ? v[FF_MEMO].num : 0;
	f->organisation_id = v[FF_ORG].value ? v[FF_ORG].num : 0;
	f->person_id = v[FF_PERSON].value ? v[FF_PERSON].num : 0;
	return 0;
}

/* The filter form's choices, with the current ones selected, and the query string that keeps them. */
/* "?…&tz=ZONE" for a link: zone names hold only [A-Za-z0-9/_+-], of which "+" must be escaped. */
static const char *zone_query(http_ctx *c, const char *zone)
{
	buf b = BUF_INIT;
	for (const char *p = zone; *p; p++)
		if (*p == '+')
			buf_puts(&b, "%2B");
		else
			buf_putc(&b, *p);
	const char *out = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* The query string of a page's filters and zone ("memorandum=1&organisation=&person=&tz=Asia/Baku"), for the links
 * that keep them. */
static const char *filter_query(http_ctx *c, const series_filter *f, const char *tz)
{
	return arena_printf(c->a, "memorandum=%s&organisation=%s&person=%s&tz=%s",
	                    f->memorandum_id ? arena_printf(c->a, "%lld", f->memorandum_id) : "",
	                    f->organisation_id ? arena_printf(c->a, "%lld", f->organisation_id) : "",
	                    f->person_id ? arena_printf(c->a, "%lld", f->person_id) : "", zone_query(c, tz));
}

/* The occurrences a grid or week shows (shown[k]), in order: its legend and its filter's choices come from them. */
static occurrence *shown_only(http_ctx *c, const occurrence *occ, size_t nocc, const bool *shown, size_t *n)
{
	occurrence *seen = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *seen);
	*n = 0;
	for (size_t k = 0; k < nocc; k++)
		if (shown[k])
			seen[(*n)++] = occ[k];
	return seen;
}

/* One choice of the filter form; a list of them is sorted by label. */
/*
 * The filter form's choices, with the current ones selected, and the query string that keeps them. The
 * choices are what the page shows (the memoranda of its occurrences, their parties, the people who attend
 * them) and the current filter: a list of every memorandum, organisation and person ever stored would grow
 * with the history (20,000 people are a megabyte of options), and "all" is always there to widen the page.
 */
static int put_filter(http_ctx *c, view_value *s, const series_filter *f, const char *tz, const struct zone_typo *typo,
                      const occurrence *occ, size_t nocc)
{
	const char *lang = lang_code(c->lang);
	size_t nm = 0, nids = 0;
	choice *memos = arena_alloc(c->a, (nocc + 1) * sizeof *memos);
	/* the series shown (a repeat now and then), whose people the person filter offers */
	long long *series_ids = arena_alloc(c->a, (nocc + 1) * sizeof *series_ids);
	for (size_t i = 0; i < nocc; i++) {
		const series *sr = occ[i].series;
		memos[nm++] = (choice){sr->memorandum_id, text_in(&sr->memorandum_title, lang)};
		if (nids == 0 || series_ids[nids - 1] != sr->id)
			series_ids[nids++] = sr->id;
	}
	person *attending;
	size_t np;
	if (store_series_people(&app_of(c)->db, c->a, series_ids, nids, &attending, &np) != 0)
		return -1;
	choice *people = arena_alloc(c->a, (np + 1) * sizeof *people);
	for (size_t i = 0; i < np; i++)
		people[i] = (choice){attending[i].id, text_in(&attending[i].full_name, lang)};
	if (choices_put_filter(c, s, memos, nm, people, np, f->memorandum_id, f->organisation_id, f->person_id) != 0)
		return -1;
	view_put_str(s, "tz", tz);
	view_put_str(s, "tz_field", typo->typed ? typo->typed : tz);
	/* the query of this page's filters without the zone, for the zones offered to pick from */
	const char *ids = arena_printf(c->a, "memorandum=%s&organisation=%s&person=%s",
	                               f->memorandum_id ? arena_printf(c->a, "%lld", f->memorandum_id) : "",
	                               f->organisation_id ? arena_printf(c->a, "%lld", f->organisation_id) : "",
	                               f->person_id ? arena_printf(c->a, "%lld", f->person_id) : "");
	const view_value *fa = view_get(s, "filter_action");
	const char *action = fa && fa->kind == VIEW_STR ? fa->u.s : "/agenda";
	const char *zones[ZONE_CHOICES];
	size_t nz = cal_zone_suggest(c->a, typo->typed, zones, ZONE_CHOICES);
	view_value *zl = view_put_list(s, "zone_choices");
	for (size_t i = 0; i < nz; i++) {
		view_value *m = view_push_map(zl);
		view_put_str(m, "zone", zones[i]);
		view_put_str(m, "href", arena_printf(c->a, "%s?%s&tz=%s", action, ids, zone_query(c, zones[i])));
	}
	view_put_bool(s, "tz_error", typo->typed != NULL);
	view_put_str(s, "filter_query", filter_query(c, f, tz));
	return 0;
}

/* The series a page of at most max occurrences of [from_utc, *to_utc) must expand, by the occurrence index: the
 * series of the window's first max occurrences, whatever the number of series live in it (migration 030), and
 * *to_utc brought in to just after the start of the first one past max, when there is one (nothing after it is
 * shown); filtered, the same among the filter's own series. */
static int window_series(http_ctx *c, const series_filter *f, long long from_utc, long long after_series,
                         long long *to_utc, long max, series **list, size_t *n)
{
	app *ap = app_of(c);
	return store_series_window_first(&ap->db, c->a, f, from_utc, after_series, to_utc, max, false, list, n);
}

/*
 * A later page of the agenda, ?at=T&after=S: it goes on after the occurrence of series S that starts at T (Unix
 * seconds), the last one the page before showed, in the order the agenda lists them (start, then series). A key,
 * not a page number, so an occurrence added or cancelled meanwhile neither repeats a line nor hides one.
 */
typedef struct agenda_key {
	long long at;
	long long series_id; /* 0: the first page */
} agenda_key;

static bool read_instant(const char *s, long long *out)
{
	const char *p = s + (*s == '-');
	if (!*p || strlen(p) > 12 || strspn(p, "0123456789") != strlen(p))
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

/* 400 naming the field for a key that is not two numbers, or only half of one. */
static int read_key(http_ctx *c, agenda_key *k)
{
	static const field_def after_field = {"after", FIELD_ID, false, 0, 0, NULL};
	const char *at = http_query(c, "at");
	field_value after;
	field_check(c->a, &after_field, http_query(c, "after"), &after);
	*k = (agenda_key){0, 0};
	bool has_at = at && *at;
	if (after.error || (has_at && !after.value)) {
		c->error_key = "pages.bad_key";
		c->error_field = "after";
		return 400;
	}
	if ((has_at && !read_instant(at, &k->at)) || (after.value && !has_at)) {
		c->error_key = "pages.bad_key";
		c->error_field = "at";
		return 400;
	}
	k->series_id = after.value ? after.num : 0;
	return 0;
}

static bool after_key(const occurrence *o, const agenda_key *k)
{
	return o->start_utc > k->at || (o->start_utc == k->at && o->series->id > k->series_id);
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

/* The weekday's full name of a "YYYY-MM-DD" date, from the catalogue. */
static const char *weekday_of(http_ctx *c, const char *date)
{
	int wd = date_weekday(atoi(date), atoi(date + 5), atoi(date + 8));
	return page_msg(c, arena_printf(c->a, "weekday.full.%d", wd + 1), 0);
}

static const char *const ranges[] = {"days", "week", "month", NULL};
enum { RANGE_DAYS, RANGE_WEEK, RANGE_MONTH };

/* ?from=YYYY-MM-DD&range=week|month|days&days=N: the days shown, in the viewer's zone. A week starts
 * on the Monday of from's week, a month on its 1st; days (60 unless told) start on from itself. The
 * default from is today. Previous and next move by the same range. */
int agenda_show(http_ctx *c)
{
	app *ap = app_of(c);
	series_filter f;
	const char *tz;
	struct zone_typo typo;
	int rc = read_filter(c, &f, &tz, &typo);
	if (rc)
		return rc;
	agenda_key key;
	if ((rc = read_key(c, &key)) != 0)
		return rc;
	static const field_def range_fields[] = {
		{"days", FIELD_INT, false, 366, 0, NULL},
		{"from", FIELD_DATE, false, 0, 0, NULL},
		{"range", FIELD_CHOICE, false, 0, 0, ranges},
	};
	field_value rv[3];
	fields_check(c->a, &c->query, range_fields, 3, rv);
	for (int k = 0; k < 3; k++)
		if (rv[k].error || (k == 0 && rv[k].value && rv[k].num < 1)) {
			c->error_key = k == 1 ? "invalid.date" : "error.bad_filter";
			c->error_field = range_fields[k].name;
			return 400;
		}
	int range = RANGE_DAYS;
	for (int k = 0; rv[2].value && ranges[k]; k++)
		if (strcmp(ranges[k], rv[2].value) == 0)
			range = k;
	cal_local today = cal_utc_to_local((long long)time(NULL), tz);
	cal_local start = {today.year, today.month, today.day, 0, 0, 0};
	if (rv[1].value)
		start = (cal_local){atoi(rv[1].value), atoi(rv[1].value + 5), atoi(rv[1].value + 8), 0, 0, 0};
	long span = rv[0].value ? (long)rv[0].num : 60;
	cal_local prev, next;
	if (range == RANGE_WEEK) {
		start = cal_local_add_days(start, -date_weekday(start.year, start.month, start.day));
		span = 7;
		prev = cal_local_add_days(start, -7);
		next = cal_local_add_days(start, 7);
	} else if (range == RANGE_MONTH) {
		start.day = 1;
		span = date_days_in_month(start.year, start.month);
		prev = start.month == 1 ? (cal_local){start.year - 1, 12, 1, 0, 0, 0}
		                        : (cal_local){start.year, start.month - 1, 1, 0, 0, 0};
		next = cal_local_add_days(start, (int)span);
	} else {
		prev = cal_local_add_days(start, -(int)span);
		next = cal_local_add_days(start, (int)span);
	}
	cal_local end = cal_local_add_days(start, (int)span);
	long budget = CAL_REQUEST_BUDGET;
	long long from_utc = cal_local_to_utc(start, tz), to_utc = cal_local_to_utc(end, tz);
	/* a later page expands from its key on: what is under way there was on the page before */
	bool later = key.series_id != 0, keyed = later && key.at >= from_utc;
	long long win_from = keyed ? key.at : from_utc;
	series *list = NULL;
	size_t n = 0;
	long long expand_to = to_utc;
	if (win_from < to_utc &&
	    window_series(c, &f, win_from, keyed ? key.series_id : 0, &expand_to, AGENDA_MAX, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	occurrence *occ;
	size_t nocc;
	bool cut;
	/* no total cap yet: the key's filter comes first; a few more each for the lines it drops */
	if (schedule_expand(c->a, list, n, win_from, expand_to, AGENDA_MAX + 8, (size_t)-1, &occ, &nocc, &cut, &budget) != 0)
		return 500;
	if (later) {
		size_t kept = 0;
		for (size_t k = 0; k < nocc; k++)
			if (after_key(&occ[k], &key))
				occ[kept++] = occ[k];
		nocc = kept;
	}
	if (nocc > AGENDA_MAX) {
		nocc = AGENDA_MAX;
		cut = true;
	}
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "agenda.title");
	view_put_str(s, "filter_action", "/agenda");
	if (put_filter(c, s, &f, tz, &typo, occ, nocc) != 0)
		return page_store_error(c, &ap->db);
	const char *first_day = date_text(c->a, start), *last_day = date_text(c->a, cal_local_add_days(end, -1));
	view_put_int(s, "days", span);
	view_put_str(s, "from", first_day);
	view_put_str(s, "from_month", arena_strndup(c->a, first_day, 7));
	view_put_str(s, "until", last_day);
	view_put_str(s, "range", ranges[range]);
	view_put_bool(s, arena_printf(c->a, "range_%s", ranges[range]), true);
	view_put_str(s, "prev_from", date_text(c->a, prev));
	view_put_str(s, "next_from", date_text(c->a, next));
	view_put_str(s, "today", date_text(c->a, today));
	view_put_bool(s, "agenda", true);
	/* more follow in this period: the next page goes on after this one's last line */
	if (cut && nocc) {
		view_put_bool(s, "more", true);
		view_put_str(s, "next_at", arena_printf(c->a, "%lld", occ[nocc - 1].start_utc));
		view_put_int(s, "next_after", occ[nocc - 1].series->id);
	}
	/* the expansion's budget ran out (rules that walk a long way to reach the period): a series may be missing
	 * from this page and the next, whatever their links say */
	view_put_bool(s, "truncated", budget <= 0);
	view_put_bool(s, "later_page", later);
	view_put_bool(s, "past_end", later && nocc == 0);
	view_put_bool(s, "pages_nav", later || (cut && nocc));
	/* Day by day: an occurrence is listed on each day it takes up in the viewer's zone. Its first entry
	 * (the day it starts, or this range's first day) carries its data-series; the later days say it
	 * continues. */
	const char **firsts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *firsts);
	const char **lasts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *lasts);
	view_value **items = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *items);
	for (size_t k = 0; k < nocc; k++) {
		viewer_days(c->a, &occ[k], tz, &firsts[k], &lasts[k]);
		items[k] = view_map_new(c->a);
		view_put_occurrence(items[k], &occ[k], lang);
		put_viewer_time(items[k], &occ[k], tz);
	}
	view_value *groups = view_put_list(s, "days_list");
	for (long d = 0; d < span; d++) {
		const char *date = date_text(c->a, cal_local_add_days(start, (int)d));
		view_value *day_items = NULL;
		for (size_t k = 0; k < nocc; k++) {
			if (strcmp(date, firsts[k]) < 0 || strcmp(date, lasts[k]) > 0)
				continue;
			if (!day_items) {
				view_value *g = view_push_map(groups);
				view_put_str(g, "date", date);
				view_put_str(g, "weekday", weekday_of(c, date));
				view_put_bool(g, "today", strcmp(date, view_get(s, "today")->u.s) == 0);
				day_items = view_put_list(g, "items");
			}
			bool starts = strcmp(date, firsts[k]) == 0 || (d == 0 && strcmp(firsts[k], date) < 0);
			if (starts) {
				view_push(day_items, items[k]);
			} else {
				view_value *m = view_push_map(day_items);
				view_put(m, "occurrence", items[k]);
				view_put_bool(m, "continued", true);
				view_put_bool(m, "ends_here", strcmp(date, lasts[k]) == 0);
			}
		}
	}
	rc = page_render(c, "agenda/list", s);
	if (rc == 0 && typo.typed)
		c->status = 400;
	return rc;
}

/* ---- the month grid ---- */

/* Where a day's "+" leads: the new-meeting form on that day when one memorandum is shown, else the
 * question which memorandum (calendar_new). */
static const char *new_meeting_href(http_ctx *c, const series_filter *f, const char *date)
{
	if (f->memorandum_id)
		return arena_printf(c->a, "/memoranda/%lld/series/new?date=%s", f->memorandum_id, date);
	return arena_printf(c->a, "/calendar/new?date=%s", date);
}

/* The same at an hour of the week's axis: the form starts then, in the zone the week is drawn in. */
static const char *new_meeting_at(http_ctx *c, const series_filter *f, const char *date, int hour, const char *tz)
{
	return arena_printf(c->a, "%s&time=%02d:00&tzid=%s", new_meeting_href(c, f, date), hour, zone_query(c, tz));
}

/* A "YYYY-MM-DD" date's place in the grid: days from its first cell (negative before it). */
static long grid_day(const char *date, long long first_cell)
{
	return (long)(date_days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8)) - first_cell);
}

int calendar_show(http_ctx *c)
{
	app *ap = app_of(c);
	series_filter f;
	const char *tz;
	struct zone_typo typo;
	int rc = read_filter(c, &f, &tz, &typo);
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
	cal_local month_first = {year, month, 1, 0, 0, 0};
	long long from_utc = cal_local_to_utc(month_first, tz) - (long long)lead * 86400;
	long long to_utc = from_utc + (long long)cells * 86400 + 86400;
	long long first_cell = date_days_from_civil(year, month, 1) - lead;

	/* the viewer's midnights of the grid's days, and the one after the last */
	long long *midnights = arena_alloc(c->a, (size_t)(cells + 1) * sizeof *midnights);
	for (int i = 0; i <= cells; i++)
		midnights[i] = cal_local_to_utc(cal_local_add_days(month_first, i - lead), tz);
	series *list;
	size_t n;
	int got = f.memorandum_id || f.organisation_id || f.person_id
	              ? store_series_window(&ap->db, c->a, &f, from_utc - 86400, to_utc, &list, &n)
	              : store_series_grid(&ap->db, c->a, from_utc - 86400 - GRID_SPARE, to_utc + GRID_SPARE,
	                                  date_text(c->a, cal_local_add_days(month_first, -lead)), midnights,
	                                  (size_t)cells + 1, CELL_MAX + 1, &list, &n);
	if (got != 0)
		return page_store_error(c, &ap->db);
	occurrence *occ;
	size_t nocc;
	bool cut;
	if (schedule_expand(c->a, list, n, from_utc - 86400, to_utc, CALENDAR_MAX, GRID_EXPAND_MAX, &occ, &nocc, &cut,
	                    &budget) != 0)
		return 500;

	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "calendar.title");
	view_put_str(s, "filter_action", "/calendar");
	view_put_str(s, "month", arena_printf(c->a, "%04d-%02d", year, month));
	view_put_str(s, "month_date", arena_printf(c->a, "%04d-%02d-01", year, month));
	view_put_str(s, "month_name", page_msg(c, arena_printf(c->a, "month.title.%d", month), 0));
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
	/* the week view opens on today's week when this is today's month, else on the month's first week */
	const char *month_first_text = arena_printf(c->a, "%04d-%02d-01", year, month);
	view_put_str(s, "week_date", strncmp(today, month_first_text, 7) == 0 ? today : month_first_text);
	/* each occurrence's first and last day in the viewer's zone, once, as places in the grid (clamped to it) */
	long *fi = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *fi);
	long *la = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *la);
	for (size_t k = 0; k < nocc; k++) {
		const char *first, *last;
		viewer_days(c->a, &occ[k], tz, &first, &last);
		fi[k] = grid_day(first, first_cell);
		la[k] = grid_day(last, first_cell);
	}
	/* each day's occurrences, in the order expanding gives (start, then series): a bucket per cell */
	size_t *day_start = arena_alloc(c->a, (size_t)(cells + 1) * sizeof *day_start);
	memset(day_start, 0, (size_t)(cells + 1) * sizeof *day_start);
	size_t total = 0;
	for (size_t k = 0; k < nocc; k++)
		for (long d = fi[k] < 0 ? 0 : fi[k]; d <= la[k] && d < cells; d++) {
			day_start[d + 1]++;
			total++;
		}
	for (int d = 0; d < cells; d++)
		day_start[d + 1] += day_start[d];
	size_t *day_occ = arena_alloc(c->a, (total ? total : 1) * sizeof *day_occ);
	size_t *fill = arena_alloc(c->a, (size_t)(cells + 1) * sizeof *fill);
	memcpy(fill, day_start, (size_t)(cells + 1) * sizeof *fill);
	for (size_t k = 0; k < nocc; k++)
		for (long d = fi[k] < 0 ? 0 : fi[k]; d <= la[k] && d < cells; d++)
			day_occ[fill[d]++] = k;
	/* what the page shows, for the legend and the filter's choices: each occurrence once */
	bool *shown = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *shown);
	memset(shown, 0, (nocc ? nocc : 1) * sizeof *shown);
	const char *filter_ids = filter_query(c, &f, tz);
	/* A multi-day occurrence is one bar across its days in a week row: it keeps one lane (its height
	 * from the top of the cell) on every day of the row, and the lanes above it that are free on a day
	 * are kept as gaps, so its pieces line up. lane[k]: occ[k]'s lane in the current row, -1: listed
	 * on its days like a single day (not multi-day, or every lane taken). */
	int *lane = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *lane);
	view_value *weeks = view_put_list(s, "weeks");
	view_value *week = NULL;
	for (int i = 0; i < cells; i++) {
		if (i % 7 == 0) {
			week = view_put_list(view_push_map(weeks), "days");
			long lane_last[SPAN_LANES]; /* the last day (in this row) each lane is taken to */
			for (int l = 0; l < SPAN_LANES; l++)
				lane_last[l] = -1;
			for (size_t k = 0; k < nocc; k++) {
				lane[k] = -1;
				if (fi[k] == la[k] || fi[k] > i + 6 || la[k] < i)
					continue;
				long from = fi[k] < i ? i : fi[k];
				for (int l = 0; l < SPAN_LANES; l++)
					if (lane_last[l] < from) {
						lane[k] = l;
						lane_last[l] = la[k];
						break;
					}
			}
		}
		cal_local d = cal_local_add_days(month_first, i - lead);
		const char *date = arena_printf(c->a, "%04d-%02d-%02d", d.year, d.month, d.day);
		view_value *cell = view_push_map(week);
		view_put_str(cell, "date", date);
		view_put_int(cell, "day", d.day);
		view_put_str(cell, "weekday", weekday_of(c, date));
		view_put_bool(cell, "outside", d.month != month);
		view_put_bool(cell, "today", strcmp(date, today) == 0);
		/* a day opens the new-meeting form on it: straight away when the grid shows one memorandum,
		 * else after choosing one */
		view_put_str(cell, "new_href", new_meeting_href(c, &f, date));
		view_value *items = view_put_list(cell, "items");
		const size_t *here = day_occ + day_start[i];
		size_t nhere = day_start[i + 1] - day_start[i];
		/* the bars first, lane by lane, a gap for a free lane below which another is taken */
		long slot[SPAN_LANES];
		int lanes = 0;
		for (int l = 0; l < SPAN_LANES; l++) {
			slot[l] = -1;
			for (size_t j = 0; j < nhere && slot[l] < 0; j++)
				if (lane[here[j]] == l)
					slot[l] = (long)here[j];
			if (slot[l] >= 0)
				lanes = l + 1;
		}
		for (int l = 0; l < lanes; l++) {
			if (slot[l] < 0) {
				view_put_bool(view_push_map(items), "gap", true);
				continue;
			}
			const occurrence *o = &occ[slot[l]];
			bool starts = fi[slot[l]] == i;
			view_value *m = view_push_map(items);
			shown[slot[l]] = true;
			view_put_occurrence(m, o, lang);
			put_viewer_time(m, o, tz);
			if (!starts)
				view_put_str(m, "time", NULL);
			view_put_int(m, "colour", o->series->memorandum_id % PALETTE);
			view_put_bool(m, "span", true);
			view_put_bool(m, "span_start", starts);
			view_put_bool(m, "span_end", la[slot[l]] == i);
			/* the title shows where the bar starts and where a row begins; elsewhere it is there for
			 * screen readers and the phone's day list */
			view_put_bool(m, "cont", !starts && i % 7 != 0);
		}
		/* then the rest, every day each takes up, as the agenda and the series page say (15 - 16 April is two
		 * cells): at most CELL_MAX; a day with more shows one fewer and links to its agenda */
		size_t singles = 0;
		for (size_t j = 0; j < nhere; j++)
			singles += lane[here[j]] < 0;
		size_t room = singles > CELL_MAX ? CELL_MAX - 1 : singles;
		for (size_t j = 0; j < nhere && room; j++) {
			size_t k = here[j];
			const occurrence *o = &occ[k];
			if (lane[k] >= 0)
				continue;
			room--;
			shown[k] = true;
			view_value *m = view_push_map(items);
			view_put_occurrence(m, o, lang);
			put_viewer_time(m, o, tz);
			if (fi[k] != i) /* a later day of a timed one: its start time is not this day's */
				view_put_str(m, "time", NULL);
			view_put_int(m, "colour", o->series->memorandum_id % PALETTE);
		}
		if (singles > CELL_MAX)
			view_put_str(cell, "more_href", arena_printf(c->a, "/agenda?from=%s&days=1&%s", date, filter_ids));
		view_put_bool(cell, "empty", items->count == 0 && singles == 0); /* a gap is never alone: a bar is below it */
	}
	/* the legend: each memorandum the grid shows, in its colour; and the filter's choices, from the same */
	size_t nseen;
	occurrence *seen = shown_only(c, occ, nocc, shown, &nseen);
	if (put_filter(c, s, &f, tz, &typo, seen, nseen) != 0)
		return page_store_error(c, &ap->db);
	view_value *legend = view_put_list(s, "legend");
	long long *memos = arena_alloc(c->a, (nseen ? nseen : 1) * sizeof *memos);
	size_t nmemos = 0;
	for (size_t k = 0; k < nseen; k++) {
		long long id = seen[k].series->memorandum_id;
		size_t j = 0;
		while (j < nmemos && memos[j] != id)
			j++;
		if (j < nmemos)
			continue;
		memos[nmemos++] = id;
		view_value *m = view_push_map(legend);
		view_put_int(m, "id", id);
		view_put_str(m, "title", text_in(&seen[k].series->memorandum_title, lang));
		view_put_int(m, "colour", id % PALETTE);
	}
	rc = page_render(c, "agenda/calendar", s);
	if (rc == 0 && typo.typed)
		c->status = 400;
	return rc;
}

/* GET /calendar/new?date=YYYY-MM-DD: a day chosen in a grid that shows every memorandum: which one the
 * meeting is under, each a link to its new-meeting form on that day. */
int calendar_new(http_ctx *c)
{
	app *ap = app_of(c);
	static const field_def date_field = {"date", FIELD_DATE, true, 0, 0, NULL};
	field_value d;
	field_check(c->a, &date_field, http_query(c, "date"), &d);
	if (d.error) {
		c->error_key = "invalid.date";
		c->error_field = "date";
		return 400;
	}
	memorandum_summary *memos;
	size_t nm;
	long long total;
	if (store_memoranda_list(&ap->db, c->a, NULL, NULL, 1000, 0, &memos, &nm, &total) != 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "calendar.choose");
	view_put_str(s, "date", d.value);
	/* from the week's hour links: carried on to the form (it checks them again) */
	static const field_def time_field = {"time", FIELD_TIME, false, 0, 0, NULL};
	field_value t;
	field_check(c->a, &time_field, http_query(c, "time"), &t);
	const char *tzid = http_query(c, "tzid");
	if (t.value && !t.error) {
		view_put_str(s, "time", t.value);
		view_put_str(s, "time_query", arena_printf(c->a, "&time=%s&tzid=%s", t.value,
		                                           zone_query(c, tzid && cal_zone_known(tzid) ? tzid : viewer_zone(c))));
	}
	view_put_str(s, "weekday", weekday_of(c, d.value));
	view_put_str(s, "month", arena_strndup(c->a, d.value, 7));
	view_value *l = view_put_list(s, "memoranda");
	for (size_t i = 0; i < nm; i++) {
		view_value *m = view_push_map(l);
		view_put_int(m, "id", memos[i].id);
		view_put_str(m, "title", text_in(&memos[i].title, lang));
		view_put_int(m, "colour", memos[i].id % PALETTE);
	}
	return page_render(c, "agenda/choose", s);
}

/* ---- the week with a time axis ---- */

/* The axis runs from 07:00 to 21:00 in quarters of an hour: a meeting outside it is drawn at its edge,
 * with its own times in its text. The grid's columns and rows are classes (style.css: .c1-.c8,
 * .r1-.r58, .s1-.s56), never inline styles, which the Content-Security-Policy refuses. */
#define WEEK_FIRST_MIN (7 * 60)
#define WEEK_LAST_MIN (21 * 60)
#define WEEK_SLOT 15
#define WEEK_SLOTS ((WEEK_LAST_MIN - WEEK_FIRST_MIN) / WEEK_SLOT)
#define WEEK_LANES 3 /* side by side in one day; more overlap the third */
#define WEEK_DAY_MAX 12 /* items a day of the week shows, the first by start; a fuller day links to its agenda */

/* GET /calendar/week?date=YYYY-MM-DD: the week (Monday to Sunday) holding that day, today's by default. */
int calendar_week(http_ctx *c)
{
	app *ap = app_of(c);
	series_filter f;
	const char *tz;
	struct zone_typo typo;
	int rc = read_filter(c, &f, &tz, &typo);
	if (rc)
		return rc;
	static const field_def date_field = {"date", FIELD_DATE, false, 0, 0, NULL};
	field_value d;
	field_check(c->a, &date_field, http_query(c, "date"), &d);
	if (d.error) {
		c->error_key = "invalid.date";
		c->error_field = "date";
		return 400;
	}
	cal_local now = cal_utc_to_local((long long)time(NULL), tz);
	cal_local day = {now.year, now.month, now.day, 0, 0, 0};
	if (d.value)
		day = (cal_local){atoi(d.value), atoi(d.value + 5), atoi(d.value + 8), 0, 0, 0};
	cal_local monday = cal_local_add_days(day, -date_weekday(day.year, day.month, day.day));
	long long from_utc = cal_local_to_utc(monday, tz), to_utc = cal_local_to_utc(cal_local_add_days(monday, 7), tz);
	/* as the month grid: each day's first starts by the index, whatever the number of series live that week
	 * (a week of the large installation has a thousand occurrences); filtered, the filter's own series */
	long long midnights[8];
	for (int i = 0; i < 8; i++)
		midnights[i] = cal_local_to_utc(cal_local_add_days(monday, i), tz);
	series *list;
	size_t n;
	int got = f.memorandum_id || f.organisation_id || f.person_id
	              ? store_series_window(&ap->db, c->a, &f, from_utc - 86400, to_utc, &list, &n)
	              : store_series_grid(&ap->db, c->a, from_utc - 86400 - GRID_SPARE, to_utc + GRID_SPARE,
	                                  date_text(c->a, monday), midnights, 8, WEEK_DAY_MAX + 1, &list, &n);
	if (got != 0)
		return page_store_error(c, &ap->db);
	long budget = CAL_REQUEST_BUDGET;
	occurrence *occ;
	size_t nocc;
	bool cut;
	if (schedule_expand(c->a, list, n, from_utc - 86400, to_utc, CALENDAR_MAX, GRID_EXPAND_MAX, &occ, &nocc, &cut,
	                    &budget) != 0)
		return 500;
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "week.title");
	view_put_str(s, "filter_action", "/calendar/week");
	const char *ids = filter_query(c, &f, tz);
	bool *shown = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *shown);
	memset(shown, 0, (nocc ? nocc : 1) * sizeof *shown);
	const char *today = date_text(c->a, now);
	view_put_str(s, "monday", date_text(c->a, monday));
	view_put_str(s, "sunday", date_text(c->a, cal_local_add_days(monday, 6)));
	view_put_str(s, "prev_week", date_text(c->a, cal_local_add_days(monday, -7)));
	view_put_str(s, "next_week", date_text(c->a, cal_local_add_days(monday, 7)));
	view_put_str(s, "month", arena_printf(c->a, "%04d-%02d", day.year, day.month));
	view_put_bool(s, "truncated", cut);
	view_value *hours = view_put_list(s, "hours");
	for (int m = WEEK_FIRST_MIN; m < WEEK_LAST_MIN; m += 60) {
		view_value *h = view_push_map(hours);
		view_put_str(h, "label", arena_printf(c->a, "%02d:00", m / 60));
		view_put_int(h, "row", 3 + (m - WEEK_FIRST_MIN) / WEEK_SLOT);
	}
	const char **firsts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *firsts);
	const char **lasts = arena_alloc(c->a, (nocc ? nocc : 1) * sizeof *lasts);
	for (size_t k = 0; k < nocc; k++)
		viewer_days(c->a, &occ[k], tz, &firsts[k], &lasts[k]);
	view_value *days = view_put_list(s, "days");
	for (int i = 0; i < 7; i++) {
		cal_local dl = cal_local_add_days(monday, i);
		const char *date = date_text(c->a, dl);
		view_value *dm = view_push_map(days);
		view_put_str(dm, "date", date);
		view_put_int(dm, "day", dl.day);
		view_put_str(dm, "weekday", weekday_of(c, date));
		view_put_int(dm, "col", i + 2);
		view_put_bool(dm, "today", strcmp(date, today) == 0);
		view_put_str(dm, "new_href", new_meeting_href(c, &f, date));
		/* a link per hour of the axis, under the meetings: a free slot clicked (or tabbed to) opens
		 * the form at that day and hour */
		view_value *slots = view_put_list(dm, "slots");
		for (int m = WEEK_FIRST_MIN; m < WEEK_LAST_MIN; m += 60) {
			view_value *sl = view_push_map(slots);
			view_put_str(sl, "time", arena_printf(c->a, "%02d:00", m / 60));
			view_put_int(sl, "row", 3 + (m - WEEK_FIRST_MIN) / WEEK_SLOT);
			view_put_str(sl, "href", new_meeting_at(c, &f, date, m / 60, tz));
		}
		view_value *items = view_put_list(dm, "items");
		int lane_end[WEEK_LANES] = {0};
		long long day_start = cal_local_to_utc(dl, tz);
		long long day_end = cal_local_to_utc(cal_local_add_days(dl, 1), tz);
		size_t here = 0; /* the day's occurrences: the first WEEK_DAY_MAX shown, in start order */
		for (size_t k = 0; k < nocc; k++) {
			const occurrence *o = &occ[k];
			if (strcmp(date, firsts[k]) < 0 || strcmp(date, lasts[k]) > 0)
				continue;
			if (++here > WEEK_DAY_MAX)
				continue;
			shown[k] = true;
			view_value *m = view_push_map(items);
			view_put_occurrence(m, o, lang);
			put_viewer_time(m, o, tz);
			view_put_int(m, "col", i + 2);
			view_put_int(m, "colour", o->series->memorandum_id % PALETTE);
			if (o->series->all_day) {
				view_put_int(m, "row", 2);
				view_put_int(m, "span", 1);
				view_put_int(m, "lane", 0);
				continue;
			}
			/* this day's part of it, in minutes from 00:00 there, then on the axis */
			long long a0 = o->start_utc > day_start ? o->start_utc : day_start;
			long long a1 = o->end_utc < day_end ? o->end_utc : day_end;
			cal_local ls = cal_utc_to_local(a0, tz), le = cal_utc_to_local(a1, tz);
			int m0 = ls.hour * 60 + ls.minute, m1 = a1 >= day_end ? 24 * 60 : le.hour * 60 + le.minute;
			int s0 = (m0 < WEEK_FIRST_MIN ? 0 : m0 - WEEK_FIRST_MIN) / WEEK_SLOT;
			int clipped = m1 > WEEK_LAST_MIN ? WEEK_LAST_MIN : m1;
			int s1 = (clipped - WEEK_FIRST_MIN + WEEK_SLOT - 1) / WEEK_SLOT;
			if (s0 >= WEEK_SLOTS)
				s0 = WEEK_SLOTS - 1;
			if (s1 <= s0)
				s1 = s0 + 1;
			int lane = 0;
			while (lane < WEEK_LANES - 1 && lane_end[lane] > s0)
				lane++;
			lane_end[lane] = s1;
			view_put_int(m, "row", 3 + s0);
			view_put_int(m, "span", s1 - s0);
			view_put_int(m, "lane", lane);
			view_put_str(m, "span_label",
			             arena_printf(c->a, "%02d:%02d–%02d:%02d", m0 / 60, m0 % 60, m1 / 60 % 24, m1 % 60));
		}
		/* no count: of a full day only the series of its first starts were read (STMT_SERIES_GRID) */
		if (here > WEEK_DAY_MAX)
			view_put_str(dm, "more_href", arena_printf(c->a, "/agenda?from=%s&days=1&%s", date, ids));
	}
	/* the filter's choices: the memoranda and people of what the week shows */
	size_t nseen;
	occurrence *seen = shown_only(c, occ, nocc, shown, &nseen);
	if (put_filter(c, s, &f, tz, &typo, seen, nseen) != 0)
		return page_store_error(c, &ap->db);
	rc = page_render(c, "agenda/week", s);
	if (rc == 0 && typo.typed)
		c->status = 400;
	return rc;
}
