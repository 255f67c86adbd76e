/* week.h - the weekly digest's moment and window: an ISO weekday and hour in a zone, its ISO week. */
#ifndef MEMOCAL_WEEK_H
#define MEMOCAL_WEEK_H

#include <stdbool.h>

#include "cal/time.h"

typedef struct cal_week_window {
	char week[12];          /* ISO 8601 week of the moment's date, "2026-W49" */
	long long from_utc;     /* the moment: weekday at hour:00 in the zone, this ISO week */
	long long to_utc;       /* the midnight (in the zone) seven days after the moment's date */
	cal_local from, to;     /* the same in the zone */
} cal_week_window;

/*
 * Whether now falls within a day of this ISO week's moment (ISO weekday 1 Monday .. 7 Sunday, hour 0..23, in
 * tzid): true with *w when it does. A day, not an instant: a mailer that was down at the hour (or looks once a
 * minute) still finds it due a little later; the caller's key makes it once a week however often it asks.
 */
bool cal_week_due(long long now, int weekday, int hour, const char *tzid, cal_week_window *w);

/* ISO weekday (1 Monday .. 7 Sunday) of a date, and its ISO week "YYYY-Www". */
int cal_iso_weekday(cal_local t);
void cal_iso_week(cal_local t, char out[12]);

#endif
