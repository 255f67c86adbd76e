/* schedule.h - the occurrences of stored series: model structs in, sorted occurrences out. */
#ifndef MEMOCAL_SCHEDULE_H
#define MEMOCAL_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/expand.h"
#include "model/series.h"
#include "util/arena.h"

typedef struct occurrence {
	const series *series;
	long long start_utc, end_utc;
	cal_local start, end;            /* wall clock in the series' zone, after any override */
	const char *recurrence_id;       /* "YYYY-MM-DD HH:MM:SS", the original start */
	const series_override *override; /* NULL when none applies */
	bool cancelled;
} occurrence;

/* The series as src/cal wants it (arena memory). -1 when a stored time does not parse. */
int schedule_to_cal(arena *a, const series *s, cal_series *out);

/*
 * The expansion steps one request or one feed build may spend, whatever the stored rules: a step costs
 * 20-100 ns (rrule.c), so about 0.2 s of expansion at most. Each handler starts with one such budget and
 * passes it to every expansion it makes; what is left when it runs out is cut, and the page says so.
 */
#define CAL_REQUEST_BUDGET 2000000L

/*
 * Every occurrence of every series that overlaps [from_utc, to_utc), sorted
 * by start, at most max_each per series and max_total in all; *truncated
 * tells when a cap or the budget cut the list (the page says so). The budget
 * is shared fairly: each series may take its share of what is left, and the
 * series the share cut short get what the others left over. A series whose
 * rule no longer expands (stored before a check existed) is skipped and logged.
 */
int schedule_expand(arena *a, const series *list, size_t nseries, long long from_utc, long long to_utc,
                    size_t max_each, size_t max_total, occurrence **out, size_t *n, bool *truncated, long *budget);

/*
 * For a series whose rule ends by COUNT: the local end ("YYYY-MM-DD HH:MM:SS", in out, 32 bytes) of the rule's last
 * occurrence, RDATEs and overrides aside (the store's span adds those itself). 1 found; 0 when the rule has
 * no COUNT, or more than SCHEDULE_COUNT_END_MAX occurrences, or the walk's budget ends first (the series
 * then stays unbounded, which only costs it being expanded for every window); -1 when it does not expand.
 */
#define SCHEDULE_COUNT_END_MAX 5000
int schedule_count_end(arena *a, const series *s, char out[32]);

#endif
