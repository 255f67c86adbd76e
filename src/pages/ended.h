/* ended.h - what a terminated memorandum's end means for its meetings: where they stop, and whether a series
 * would go past it (the termination itself in pages/life.c; the forms that could undo it in pages/series.c and
 * pages/occurrences.c). */
#ifndef MEMOCAL_PAGES_ENDED_H
#define MEMOCAL_PAGES_ENDED_H

#include "cal/time.h"
#include "http/http.h"
#include "model/series.h"

/* Where a series' meetings stop for a memorandum whose last day in force is last ("YYYY-MM-DD"): the next day's
 * midnight in Baku (the memorandum's days are Baku's), or now when that has passed (what already began stays as it
 * was; an all-day series: its date after the last day, or after today). Wall time in the series' zone. */
cal_local ended_cut(const series *sr, cal_local last, long long now);

/* Whether sr (as a form would save it) has a meeting starting at or after its memorandum's end, terminated_on
 * ("YYYY-MM-DD", NULL: not terminated, never), and what brings it there: ENDED_NONE, or its very first
 * meeting (ENDED_START), the rule (ENDED_RULE), an extra date or an occurrence moved there (ENDED_DATES). A
 * cancelled series has none. */
enum ended_where { ENDED_NONE, ENDED_START, ENDED_RULE, ENDED_DATES };
enum ended_where ended_beyond(http_ctx *c, const series *sr, const char *terminated_on);

#endif
