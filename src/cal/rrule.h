/* rrule.h - RRULE text: validation, and a bounded walk over the starts one rule generates (local wall time). */
#ifndef MEMOCAL_CAL_RRULE_H
#define MEMOCAL_CAL_RRULE_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/time.h"

/*
 * Validates an RRULE value (without the "RRULE:" prefix) for storing: every part known and given once, FREQ
 * present, UNTIL and COUNT not both, each value in its RFC 5545 range, the parts allowed with that FREQ, and
 * a few combinations that can never produce a day (BYMONTHDAY=30;BYMONTH=2, BYDAY=6MO monthly, BYSETPOS
 * beyond the candidates) refused. Then libical parses it and builds an iterator from a sample start.
 * 0, or -1 with a short English message in err naming what is wrong.
 * Stricter than RFC 5545 where libical 3.0 would get it wrong or could be made to scan for seconds:
 * BYSECOND=60, INTERVAL above 32767, BYSETPOS outside MONTHLY/YEARLY or with several time-of-day values,
 * and the YEARLY combinations libical does not implement are refused.
 */
int cal_rrule_check(const char *rrule, char *err, size_t errlen);

/* Steps one expansion may spend (an iterator step, or a stretch of time scanned for a match; see rrule.c).
 * About 2-3 microseconds each with libical 3.0.16 on this hardware: the worst case stays near 0.1 s. */
#define CAL_WALK_BUDGET 50000L

/*
 * A walk yields, in increasing order and without repeats, the members of DTSTART + RRULE (not RDATE/EXDATE)
 * that lie in a range of local wall times. DTSTART is always the first member and counts towards COUNT
 * (RFC 5545 3.3.10), even when the rule itself would not produce it. A NULL or empty rule: DTSTART alone.
 * UNTIL in UTC is compared as an instant (through the zone), a DATE UNTIL includes that whole local day, a
 * floating UNTIL compares wall clocks. Nothing beyond the year 2582 (libical's horizon) is produced.
 *
 * budget is shared by the walks of one request and decremented as they work; when it is spent,
 * cal_walk_next returns -1 and the walk is over. The walk keeps pointers to zone and budget.
 */
typedef struct cal_walk cal_walk;

/* NULL with a message in err for an invalid rule, or one that cannot repeat in an all-day series
 * (FREQ below DAILY, BYHOUR/BYMINUTE/BYSECOND), or when libical finds no first occurrence. Caller frees. */
cal_walk *cal_walk_new(const char *rrule, cal_local dtstart, bool all_day, const cal_zone *zone, long *budget,
                       char *err, size_t errlen);
/* (Re)starts the walk over [lo, hi], both inclusive. A new walk covers everything from DTSTART. */
void cal_walk_range(cal_walk *w, cal_local lo, cal_local hi);
/* 1 and the next start in *out; 0 at the end of the range or of the rule; -1 when the budget ran out;
 * -2 when libical reported an error (message in err). */
int cal_walk_next(cal_walk *w, cal_local *out, char *err, size_t errlen);
void cal_walk_free(cal_walk *w);

#endif
