/* span.c - narrowing the stored span of series whose rule ends by COUNT (migration 018). */
#include "pages/span.h"

#include <stdbool.h>

#include "cal/schedule.h"
#include "store/series.h"

/* How many series one batch of span_narrow_pending reads (each may expand up to SCHEDULE_COUNT_END_MAX). */
#define PENDING_BATCH 200

/* 1 narrowed, 0 nothing to do, -1 database error */
static int narrow_one(store *s, arena *a, const series *sr)
{
	char end[32];
	if (sr->id <= 0 || schedule_count_end(a, sr, end) != 1)
		return 0;
	return store_series_count_end_set(s, a, sr, end) == 0 ? 1 : -1;
}

void span_narrow(store *s, arena *a, const series *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (narrow_one(s, a, &list[i]) < 0)
			return;
}

long span_narrow_pending(store *s, arena *a)
{
	long done = 0;
	long long after = 0;
	for (;;) {
		series *list;
		size_t n;
		if (store_series_count_pending(s, a, after, PENDING_BATCH, &list, &n) != 0)
			return -1;
		if (n == 0)
			return done;
		for (size_t i = 0; i < n; i++) {
			int r = narrow_one(s, a, &list[i]);
			if (r < 0)
				return -1;
			done += r;
		}
		after = list[n - 1].id;
		arena_reset(a);
	}
}
