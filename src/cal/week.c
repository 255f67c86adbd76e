/* week.c - the weekly digest's moment and window: an ISO weekday and hour in a zone, its ISO week. */
#include "cal/week.h"

#include <stdio.h>

static long long days_of(cal_local t)
{
	cal_local d = {t.year, t.month, t.day, 0, 0, 0};
	long long w = cal_local_wall(d);
	return w >= 0 ? w / 86400 : -((-w + 86399) / 86400);
}

int cal_iso_weekday(cal_local t)
{
	long long r = (days_of(t) + 3) % 7; /* 1970-01-01 was a Thursday */
	return (int)(r < 0 ? r + 7 : r) + 1;
}

void cal_iso_week(cal_local t, char out[12])
{
	/* the week belongs to the year of its Thursday */
	long long thursday = days_of(t) - (cal_iso_weekday(t) - 1) + 3;
	cal_local th = cal_wall_local(thursday * 86400);
	cal_local jan1 = {th.year, 1, 1, 0, 0, 0};
	int week = (int)((thursday - days_of(jan1)) / 7) + 1;
	snprintf(out, 12, "%04d-W%02d", th.year % 10000, week % 100);
}

bool cal_week_due(long long now, int weekday, int hour, const char *tzid, cal_week_window *w)
{
	if (weekday < 1 || weekday > 7 || hour < 0 || hour > 23)
		return false;
	cal_local here = cal_utc_to_local(now, tzid);
	if (!cal_local_valid(here))
		return false;
	cal_local at = cal_local_add_days(here, weekday - cal_iso_weekday(here));
	at.hour = hour;
	at.minute = at.second = 0;
	long long from = cal_local_to_utc(at, tzid);
	if (from == CAL_TIME_INVALID || now < from || now >= from + 86400)
		return false;
	/* seven whole days as the reader counts them: from the moment to the midnight that ends the seventh */
	cal_local to = cal_local_add_days(at, 7);
	to.hour = 0;
	long long until = cal_local_to_utc(to, tzid);
	if (until == CAL_TIME_INVALID)
		return false;
	w->from_utc = from;
	w->to_utc = until;
	w->from = at;
	w->to = to;
	cal_iso_week(at, w->week);
	return true;
}
