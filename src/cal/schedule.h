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
 * Every occurrence of every series that overlaps [from_utc, to_utc), sorted
 * by start, at most max_each per series and max_total in all; *truncated
 * tells when a cap cut the list (the page says so). A series whose rule no
 * longer expands (it cannot happen through the forms) is skipped and logged.
 */
int schedule_expand(arena *a, const series *list, size_t nseries, long long from_utc, long long to_utc,
                    size_t max_each, size_t max_total, occurrence **out, size_t *n, bool *truncated);

#endif
