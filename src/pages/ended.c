/* ended.c - what a terminated memorandum's end means for its meetings. */
#include "pages/ended.h"

#include <string.h>
#include <time.h>

#include "cal/exceptions.h"
#include "cal/schedule.h"
#include "util/date.h"

cal_local ended_cut(const series *sr, cal_local last, long long now)
{
	/* the memorandum's days are Baku's (DEFAULT_TZID, as its life counts them): its end is one instant for every
	 * series, whatever its zone; an all-day series' dates are the calendar's own */
	cal_local day_after = cal_local_add_days((cal_local){last.year, last.month, last.day, 0, 0, 0}, 1);
	if (sr->all_day) {
		cal_local today = cal_utc_to_local(now, DEFAULT_TZID);
		cal_local tomorrow = cal_local_add_days((cal_local){today.year, today.month, today.day, 0, 0, 0}, 1);
		return cal_local_cmp(day_after, tomorrow) > 0 ? day_after : tomorrow;
	}
	long long end_utc = cal_local_to_utc(day_after, DEFAULT_TZID);
	return cal_utc_to_local(end_utc > now ? end_utc : now, sr->tzid);
}

enum ended_where ended_beyond(http_ctx *c, const series *sr, const char *terminated_on)
{
	cal_local last;
	if (!terminated_on || strcmp(sr->status ? sr->status : "", "cancelled") == 0 ||
	    cal_parse_local(terminated_on, &last) != 0)
		return ENDED_NONE;
	cal_series cs;
	if (schedule_to_cal(c->a, sr, &cs) != 0)
		return ENDED_NONE; /* the form's own checks refuse what does not parse */
	cal_local cut = ended_cut(sr, last, (long long)time(NULL));
	const char *rule;
	char err[200];
	switch (cal_end_before(c->a, &cs, cut, &rule, err, sizeof err)) {
	case CAL_END_ALL:
		return ENDED_START;
	case CAL_END_RULE:
		return ENDED_RULE;
	case CAL_END_NONE:
	case CAL_END_ERROR: /* a rule too costly to walk that far: the form's budget speaks of it, not this */
		break;
	}
	/* an RDATE past the end (unless an override moves it back in), an occurrence moved past it */
	for (size_t k = 0; k < cs.nrdates; k++) {
		if (cal_local_cmp(cs.rdates[k], cut) < 0)
			continue;
		bool moved_in = false;
		for (size_t j = 0; j < cs.noverrides; j++)
			moved_in = moved_in || (cal_local_cmp(cs.overrides[j].recurrence_id, cs.rdates[k]) == 0 &&
			                        (cs.overrides[j].cancelled ||
			                         (cs.overrides[j].moved && cal_local_cmp(cs.overrides[j].start, cut) < 0)));
		if (!moved_in)
			return ENDED_DATES;
	}
	for (size_t j = 0; j < cs.noverrides; j++)
		if (!cs.overrides[j].cancelled && cs.overrides[j].moved && cal_local_cmp(cs.overrides[j].start, cut) >= 0 &&
		    cal_local_cmp(cs.overrides[j].recurrence_id, cut) < 0)
			return ENDED_DATES;
	return ENDED_NONE;
}
