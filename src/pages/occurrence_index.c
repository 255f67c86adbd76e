/* occurrence_index.c - writing the occurrence index (migration 030). */
#include "pages/occurrence_index.h"

#include <stdbool.h>
#include <time.h>

#include "cal/schedule.h"
#include "store/occurrence_index.h"
#include "store/series.h"
#include "util/date.h"
#include "util/log.h"

#define PENDING_BATCH 200  /* series one batch reads */
/* The horizon in whole months: the agenda's and month grid's usual windows (this month, the coming year, the
 * last few months) lie inside; further ones are expanded as before. Every month more is a month of rows for
 * every live series (a weekly one: 4 or 5). */
#define HORIZON_BACK 3
#define HORIZON_AHEAD 14
#define OCC_MAX 5000       /* occurrences of one series in the horizon the index keeps (a daily rule has about
                            * 1,100); a series with more is expanded by the pages, as before */

void occurrence_index_horizon(long long now, long long *lo, long long *hi)
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	struct tm from = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon - HORIZON_BACK, .tm_mday = 1};
	struct tm to = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon + HORIZON_AHEAD, .tm_mday = 1};
	*lo = (long long)timegm(&from);
	*hi = (long long)timegm(&to);
}

int occurrence_index_roll(store *s, arena *a, long long now)
{
	long long lo, hi;
	occurrence_index_horizon(now, &lo, &hi);
	return store_occ_roll(s, a, lo, hi);
}

/* Expands one series over [lo, hi) and stores what it gives. -1 database error. */
static int write_one(store *s, arena *a, const occ_pending *p, const series *sr, long long lo, long long hi)
{
	occurrence *occ;
	size_t n;
	bool cut;
	long budget = CAL_REQUEST_BUDGET;
	if (schedule_expand(a, sr, 1, lo, hi, OCC_MAX, OCC_MAX, &occ, &n, &cut, &budget) != 0)
		return -1;
	if (cut)
		log_info("msg=\"series has too many occurrences to index\" series=%lld", sr->id);
	long long *starts = arena_alloc(a, (n ? n : 1) * sizeof *starts);
	long long *ends = arena_alloc(a, (n ? n : 1) * sizeof *ends);
	bool *cancelled = arena_alloc(a, (n ? n : 1) * sizeof *cancelled);
	/* an all-day occurrence's own date: the month grid places it by that, not by its instants (migration 032) */
	long long *days = sr->all_day ? arena_alloc(a, (n ? n : 1) * sizeof *days) : NULL;
	for (size_t i = 0; i < n; i++) {
		starts[i] = occ[i].start_utc;
		ends[i] = occ[i].end_utc;
		cancelled[i] = occ[i].cancelled;
		if (days)
			days[i] = date_days_from_civil(occ[i].start.year, occ[i].start.month, occ[i].start.day);
	}
	return store_occ_write(s, a, p, lo, hi, cut, starts, ends, cancelled, days, n);
}

/* One batch of at most want series after *after; how many were handled (0: none left), -1 error. */
static long batch(store *s, arena *a, const long long *only, size_t nonly, long long lo, long long hi, long long *after,
                  long want)
{
	occ_pending *pend;
	size_t n;
	if (store_occ_pending(s, a, only, nonly, *after, want, &pend, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*after = pend[n - 1].series_id;
	/* those that cannot occur in the horizon in one statement; the others read (after their generation was)
	 * and expanded */
	occ_pending *empty = arena_alloc(a, n * sizeof *empty), *inside = arena_alloc(a, n * sizeof *inside);
	long long *ids = arena_alloc(a, n * sizeof *ids);
	size_t ne = 0, ni = 0;
	for (size_t i = 0; i < n; i++) {
		if (pend[i].inside) {
			ids[ni] = pend[i].series_id;
			inside[ni++] = pend[i];
		} else {
			empty[ne++] = pend[i];
		}
	}
	if (store_occ_mark_empty(s, a, empty, ne) != 0)
		return -1;
	series *list = NULL;
	size_t nl = 0;
	if (ni && store_series_by_ids(s, a, ids, ni, &list, &nl) != 0)
		return -1;
	for (size_t i = 0, k = 0; i < nl; i++) { /* both by id; a series deleted meanwhile is not in list */
		while (k < ni && inside[k].series_id < list[i].id)
			k++;
		if (k < ni && inside[k].series_id == list[i].id && write_one(s, a, &inside[k], &list[i], lo, hi) != 0)
			return -1;
	}
	return (long)n;
}

static long fill(store *s, const long long *only, size_t nonly, long max)
{
	long long lo, hi;
	int h = store_occ_horizon(s, &lo, &hi);
	if (h <= 0)
		return h; /* no horizon yet: nothing can be written */
	arena a; /* its own: a batch's series are dropped before the next */
	arena_init(&a, 1 << 16);
	long done = 0, got;
	long long after = 0;
	do {
		long want = max > 0 && max - done < PENDING_BATCH ? max - done : PENDING_BATCH;
		got = want > 0 ? batch(s, &a, only, nonly, lo, hi, &after, want) : 0;
		done += got > 0 ? got : 0;
		arena_reset(&a);
	} while (got > 0);
	arena_free(&a);
	return got < 0 ? -1 : done;
}

long occurrence_index_pending(store *s, long max)
{
	return fill(s, NULL, 0, max);
}

void occurrence_index_series(store *s, const long long *ids, size_t n)
{
	if (n > 0)
		fill(s, ids, n, 0);
}
