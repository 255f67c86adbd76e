/* activity.c - a memorandum's activity over a period, in numbers: what the activity report shows and exports. */
#include "pages/activity.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/time.h"
#include "pages/app.h"
#include "pages/render.h"
#include "store/series.h"

/* Bounds: a report is about a few years of a handful of series; a weekly meeting over ten years is 520. */
#define ACTIVITY_MAX_EACH 3000
#define ACTIVITY_MAX_TOTAL 10000

const char *const activity_measures[AM__MAX] = {
	[AM_MEETINGS_PROMISED] = "meetings_promised",
	[AM_MEETINGS_HELD] = "meetings_held",
	[AM_MEETINGS_MISSED] = "meetings_missed",
	[AM_MEETINGS_COMING] = "meetings_coming",
	[AM_MEETINGS_CANCELLED] = "meetings_cancelled",
	[AM_MEETINGS_MOVED] = "meetings_moved",
	[AM_EVENTS_PROMISED] = "events_promised",
	[AM_EVENTS_HELD] = "events_held",
	[AM_EVENT_PARTICIPANTS] = "event_participants",
	[AM_STUDENT_MEETINGS] = "student_meetings",
	[AM_STUDENT_HELD] = "student_meetings_held",
	[AM_STUDENT_ATTENDANCE] = "student_meeting_attendance",
	[AM_DECISIONS] = "decisions",
	[AM_ACTIONS_OPENED] = "actions_opened",
	[AM_ACTIONS_DONE] = "actions_done",
	[AM_ACTIONS_DROPPED] = "actions_dropped",
	[AM_ACTIONS_OPEN] = "actions_open",
};

void activity_default_period(arena *a, const char **from, const char **to)
{
	cal_local today = cal_utc_to_local((long long)time(NULL), ACTIVITY_ZONE);
	/* the year that ended on the last 31 August strictly before today */
	int end_year = today.month >= 9 ? today.year : today.year - 1;
	*from = arena_printf(a, "%04d-09-01", end_year - 1);
	*to = arena_printf(a, "%04d-08-31", end_year);
}

static int record_cmp(const void *pa, const void *pb)
{
	const report_record *x = pa, *y = pb;
	if (x->series_id != y->series_id)
		return x->series_id < y->series_id ? -1 : 1;
	return strcmp(x->recurrence_id, y->recurrence_id);
}

static const report_record *record_of(const report_record *recs, size_t n, long long series_id, const char *rid)
{
	report_record key = {.series_id = series_id, .recurrence_id = rid};
	return bsearch(&key, recs, n, sizeof *recs, record_cmp);
}

static bool has_group(const series *s)
{
	for (size_t i = 0; i < s->nattendees; i++)
		if (s->attendees[i].person_id == 0)
			return true;
	return false;
}

static cal_local day_of(const char *date)
{
	return (cal_local){atoi(date), atoi(date + 5), atoi(date + 8), 0, 0, 0};
}

int activity_compute(http_ctx *c, const memorandum *m, const char *from, const char *to, long *budget, activity *a)
{
	app *ap = app_of(c);
	memset(a, 0, sizeof *a);
	a->m = m;
	a->from = from;
	a->to = to;
	long long from_utc = cal_local_to_utc(day_of(from), ACTIVITY_ZONE);
	long long to_utc = cal_local_to_utc(cal_local_add_days(day_of(to), 1), ACTIVITY_ZONE);
	series_filter f = {m->id, 0, 0};
	if (store_series_list(&ap->db, c->a, &f, &a->series, &a->nseries) != 0)
		return page_store_error(c, &ap->db);
	if (schedule_expand(c->a, a->series, a->nseries, from_utc, to_utc, ACTIVITY_MAX_EACH, ACTIVITY_MAX_TOTAL, &a->all,
	                    &a->nall, &a->truncated, budget) != 0)
		return 500;
	report_record *recs;
	size_t nrecs;
	report_decision *decs;
	size_t ndecs;
	if (store_report_records(&ap->db, c->a, m->id, &recs, &nrecs) != 0 ||
	    store_report_decisions(&ap->db, c->a, m->id, &decs, &ndecs) != 0)
		return page_store_error(c, &ap->db);
	qsort(recs, nrecs, sizeof *recs, record_cmp);

	long long now = (long long)time(NULL);
	a->occ = arena_alloc(c->a, (a->nall ? a->nall : 1) * sizeof *a->occ);
	/* the records of the period's occurrences, to find their decisions */
	const report_record **counted = arena_alloc(c->a, (a->nall ? a->nall : 1) * sizeof *counted);
	size_t ncounted = 0;
	for (size_t i = 0; i < a->nall; i++) {
		const occurrence *o = &a->all[i];
		if (o->start_utc < from_utc) /* began before the period: it belongs to the one before */
			continue;
		activity_occ *x = &a->occ[a->nocc++];
		memset(x, 0, sizeof *x);
		x->o = o;
		x->date = arena_printf(c->a, "%04d-%02d-%02d", o->start.year, o->start.month, o->start.day);
		x->event = strcmp(o->series->kind, "event") == 0;
		x->students = !x->event && has_group(o->series);
		x->promised = !o->cancelled && strcmp(o->series->status, "cancelled") != 0;
		x->moved = o->override && o->override->start_local;
		x->rec = record_of(recs, nrecs, o->series->id, o->recurrence_id);
		x->held = x->promised && x->rec && x->rec->attendance > 0;
		/* missed once it is over without being held: one under way (today's all-day meeting) is still to come */
		x->missed = x->promised && !x->held && (o->end_utc > o->start_utc ? o->end_utc : o->start_utc + 1) <= now;
		if (x->held)
			x->came = x->rec->came + x->rec->guests;
		if (x->rec)
			counted[ncounted++] = x->rec;
		long *n = a->n;
		if (!x->event) {
			n[AM_MEETINGS_PROMISED] += x->promised;
			n[AM_MEETINGS_HELD] += x->held;
			n[AM_MEETINGS_MISSED] += x->missed;
			n[AM_MEETINGS_COMING] += x->promised && !x->held && !x->missed;
			n[AM_MEETINGS_CANCELLED] += !x->promised;
			n[AM_MEETINGS_MOVED] += x->promised && x->moved;
		} else {
			n[AM_EVENTS_PROMISED] += x->promised;
			n[AM_EVENTS_HELD] += x->held;
			n[AM_EVENT_PARTICIPANTS] += x->came;
		}
		if (x->students) {
			n[AM_STUDENT_MEETINGS] += x->promised;
			n[AM_STUDENT_HELD] += x->held;
			n[AM_STUDENT_ATTENDANCE] += x->came;
		}
		/* what a meeting of the period decided and set going counts, whether or not attendance was marked */
		if (x->rec) {
			n[AM_ACTIONS_OPENED] += x->rec->actions;
			n[AM_ACTIONS_DONE] += x->rec->done;
			n[AM_ACTIONS_DROPPED] += x->rec->dropped;
			n[AM_ACTIONS_OPEN] += x->rec->actions - x->rec->done - x->rec->dropped;
		}
	}
	a->decisions = arena_alloc(c->a, (ndecs ? ndecs : 1) * sizeof *a->decisions);
	for (size_t i = 0; i < ndecs; i++)
		for (size_t k = 0; k < ncounted; k++)
			if (counted[k]->series_id == decs[i].series_id &&
			    strcmp(counted[k]->recurrence_id, decs[i].recurrence_id) == 0) {
				a->decisions[a->ndecisions++] = &decs[i];
				break;
			}
	a->n[AM_DECISIONS] = (long)a->ndecisions;
	return 0;
}
