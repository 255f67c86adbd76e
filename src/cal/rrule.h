/* rrule.h - a bounded walk over the starts one rule generates (local wall time), by memocal's own expansion. */
#ifndef MEMOCAL_CAL_RRULE_H
#define MEMOCAL_CAL_RRULE_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/recur.h" /* cal_rrule_check */
#include "cal/time.h"

/* Steps one expansion of one series may spend at most (a period of the rule looked at, or a start produced;
 * see rrule.c). The work of a whole request or feed build is bounded by the budget the caller shares between
 * its expansions (schedule.h); this caps what one series may take of it. */
#define CAL_WALK_BUDGET 200000L

/*
 * A walk yields, in increasing order and without repeats, the members of DTSTART + RRULE (not RDATE/EXDATE)
 * that lie in a range of local wall times. DTSTART is always the first member and counts towards COUNT
 * (RFC 5545 3.3.10), even when the rule itself would not produce it. A NULL or empty rule: DTSTART alone.
 * UNTIL in UTC is compared as an instant (through the zone), a DATE UNTIL includes that whole local day, a
 * floating UNTIL compares wall clocks. Nothing beyond the year 2582 is produced (libical's horizon, which
 * clients built on it share).
 *
 * budget is shared by the walks of one request and decremented as they work; when it is spent,
 * cal_walk_next returns -1 and the walk is over. The walk keeps pointers to zone and budget.
 */
typedef struct cal_walk cal_walk;

/* NULL with a message in err for an invalid rule, or one that cannot repeat in an all-day series
 * (FREQ below DAILY, BYHOUR/BYMINUTE/BYSECOND). Caller frees. */
cal_walk *cal_walk_new(const char *rrule, cal_local dtstart, bool all_day, const cal_zone *zone, long *budget,
                       char *err, size_t errlen);
/* (Re)starts the walk over [lo, hi], both inclusive. A new walk covers everything from DTSTART. */
void cal_walk_range(cal_walk *w, cal_local lo, cal_local hi);
/* 1 and the next start in *out; 0 at the end of the range or of the rule; -1 when the budget ran out;
 * -2 when the rule cannot be expanded (message in err). */
int cal_walk_next(cal_walk *w, cal_local *out, char *err, size_t errlen);
void cal_walk_free(cal_walk *w);

/* Whether the rule (its COUNT and UNTIL aside) gives any start after DTSTART before the horizon: 1 yes, 0 never,
 * -1 the budget ran out before it could tell. A rule that gives nothing but its first date is refused when a
 * series is stored. */
int cal_walk_produces(cal_walk *w);

/* The first start the rule itself gives at or after DTSTART (its COUNT and UNTIL aside), in *first: 1, 0 none
 * before the horizon (or no rule), -1 the budget ran out. When it is not DTSTART, DTSTART does not fit the
 * rule, and RFC 5545 leaves such a series undefined: readers disagree on which meetings it has (some add
 * DTSTART, some do not; with COUNT they count differently). A series is not stored so. */
int cal_walk_rule_first(cal_walk *w, cal_local *first);

#endif
