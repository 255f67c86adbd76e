/* exceptions.c - one occurrence of a series: whether a recurrence id names one, and splitting a series there. */
#include "cal/exceptions.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/rule.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/utf8.h"

/* The most starts one split renames (EXDATEs and overrides up to the last of them): years of a weekly rule. */
#define MAP_MAX 5000
/* Where every walk may stop looking: libical produces nothing after the year 2582. */
static const cal_local far_end = {2582, 12, 31, 23, 59, 59};

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
		utf8_scrub(err); /* a value quoted with "%.20s", or the message cut short, may end inside a letter */
	}
	return -1;
}

static bool has_time(cal_local t)
{
	return t.hour || t.minute || t.second;
}

static bool same_day(cal_local a, cal_local b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

static long long day_number(cal_local t)
{
	return date_days_from_civil(t.year, t.month, t.day);
}

/* ---- a rule's parts changed in libical's struct, then written by libical ---- */

/* libical's BYDAY encoding (see recur.c): wd 0 = Monday. */
static short encode_day(int wd, int pos)
{
	int ical = wd == 6 ? ICAL_SUNDAY_WEEKDAY : ICAL_MONDAY_WEEKDAY + wd;
	int v = (pos < 0 ? -pos : pos) * 8 + ical;
	return (short)(pos < 0 ? -v : v);
}

static void no_end(struct icalrecurrencetype *r)
{
	r->count = 0;
	r->until = icaltime_null_time();
}

static void set_count(struct icalrecurrencetype *r, long long n)
{
	no_end(r);
	r->count = (int)n;
}

/* UNTIL as a DATE, a floating date-time or (utc) a UTC date-time with the fields of t. */
static void set_until(struct icalrecurrencetype *r, cal_local t, bool date, bool utc)
{
	no_end(r);
	struct icaltimetype u = icaltime_null_time();
	u.year = t.year, u.month = t.month, u.day = t.day;
	if (date) {
		u.is_date = 1;
	} else {
		u.hour = t.hour, u.minute = t.minute, u.second = t.second;
		if (utc)
			u.zone = icaltimezone_get_utc_timezone();
	}
	r->until = u;
}

static const char *rule_text(arena *a, const struct icalrecurrencetype *r)
{
	struct icalrecurrencetype copy = *r;
	char *s = icalrecurrencetype_as_string_r(&copy);
	const char *out = arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

/* ---- walking a rule ---- */

/*
 * The starts of rule from dtstart within [lo, hi], counted; the first max of them are kept in out (NULL: none),
 * and the walk stops after limit of them (0: no limit). *cut tells that the work budget ended it early.
 * The count, or -1 with a message.
 */
static long walk(const char *rule, cal_local dtstart, bool all_day, const cal_zone *z, cal_local lo, cal_local hi,
                 cal_local *out, size_t max, long limit, bool *cut, long *shared, char *err, size_t errlen)
{
	long own = CAL_WALK_BUDGET, n = 0;
	long *budget = shared ? shared : &own;
	*cut = false;
	cal_walk *w = cal_walk_new(rule, dtstart, all_day, z, budget, err, errlen);
	if (!w)
		return -1;
	cal_walk_range(w, lo, hi);
	while (limit == 0 || n < limit) {
		cal_local t;
		int r = cal_walk_next(w, &t, err, errlen);
		if (r == -2) {
			n = -1;
			break;
		}
		if (r == -1)
			*cut = true;
		if (r != 1)
			break;
		if (out && (size_t)n < max)
			out[n] = t;
		n++;
	}
	cal_walk_free(w);
	return n;
}

int cal_is_occurrence(const cal_series *s, cal_local rid, long *budget, char *err, size_t errlen)
{
	const cal_zone *z = s->tzid ? cal_zone_find(s->tzid) : NULL;
	if (!z)
		return fail(err, errlen, "unknown time zone '%.64s'", s->tzid ? s->tzid : "");
	if (!cal_local_valid(rid) || (s->all_day && has_time(rid)))
		return 0;
	for (size_t i = 0; i < s->nexdates; i++)
		if (cal_local_cmp(s->exdates[i], rid) == 0)
			return 0;
	if (cal_local_cmp(s->start, rid) == 0)
		return 1;
	for (size_t i = 0; i < s->nrdates; i++)
		if (cal_local_cmp(s->rdates[i], rid) == 0)
			return 1;
	if (!s->rrule || !*s->rrule || cal_local_cmp(rid, s->start) < 0)
		return 0;
	bool cut;
	long n = walk(s->rrule, s->start, s->all_day, z, rid, rid, NULL, 0, 1, &cut, budget, err, errlen);
	if (n < 0)
		return -1;
	if (cut && n == 0)
		return fail(err, errlen, "the rule takes too long to tell whether this is one of its occurrences");
	return n == 1;
}

/* ---- splitting ---- */

static cal_local utc_fields(long long utc)
{
	return cal_wall_local(utc); /* the wall clock of UTC is unix time */
}

/* An UNTIL that includes the start last and nothing after it (for rules with at most one start a day, the
 * whole of its day, so the form's "last date" shows that day and saves the same UNTIL back). */
static void until_through(struct icalrecurrencetype *r, const cal_series *s, cal_local last, bool one_a_day)
{
	if (s->all_day)
		set_until(r, last, true, false);
	else if (one_a_day)
		set_until(r, utc_fields(cal_local_to_utc((cal_local){last.year, last.month, last.day, 23, 59, 59}, s->tzid)),
		          false, true);
	else
		set_until(r, utc_fields(cal_local_to_utc(last, s->tzid)), false, true);
}

/* When the starts cannot be counted to the end: the old UNTIL moved by as much as the split moves rid. */
static void until_shifted(struct icalrecurrencetype *r, const struct cal_rule *p, const cal_series *s, cal_local rid,
                          cal_local ns, bool one_a_day)
{
	cal_local u = p->until;
	long long days = day_number(ns) - day_number(rid);
	long long wall = cal_local_wall(ns) - cal_local_wall(rid);
	if (p->until_kind == UNTIL_DATE) {
		set_until(r, cal_local_add_days(u, (int)days), true, false);
		return;
	}
	if (p->until_kind == UNTIL_FLOATING) {
		set_until(r, cal_wall_local(cal_local_wall(u) + wall), false, false);
		return;
	}
	cal_local local = cal_utc_to_local(cal_local_wall(u), s->tzid);
	if (one_a_day)
		until_through(r, s, cal_local_add_days(local, (int)days), true);
	else
		set_until(r, utc_fields(cal_local_to_utc(cal_wall_local(cal_local_wall(local) + wall), s->tzid)), false,
		          true);
}

/*
 * A date that moves: the rule's named days follow it where that is one value (a weekly rule on one weekday, a
 * monthly one on one day of the month or one numbered weekday); a rule without named days follows DTSTART.
 */
static enum cal_split_refusal follow_days(const struct cal_rule *p, struct icalrecurrencetype *r, cal_local ns)
{
	if (p->has[P_BYYEARDAY] || p->has[P_BYWEEKNO] || p->has[P_BYMONTH] || p->has[P_BYSETPOS])
		return CAL_SPLIT_DAY_FIXED;
	bool byday = p->has[P_BYDAY], bymonthday = p->has[P_BYMONTHDAY];
	if (!byday && !bymonthday)
		return CAL_SPLIT_OK;
	if ((byday && bymonthday) || p->n[P_BYDAY] > 1 || p->n[P_BYMONTHDAY] > 1)
		return CAL_SPLIT_DAY_FIXED;
	int wd = date_weekday(ns.year, ns.month, ns.day);
	if (p->freq == CAL_FREQ_WEEKLY && byday && p->vals[P_BYDAY][0] == 0) {
		r->by_day[0] = encode_day(wd, 0);
		r->by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
		return CAL_SPLIT_OK;
	}
	if (p->freq == CAL_FREQ_MONTHLY && bymonthday && p->vals[P_BYMONTHDAY][0] > 0) {
		r->by_month_day[0] = (short)ns.day;
		r->by_month_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
		return CAL_SPLIT_OK;
	}
	if (p->freq == CAL_FREQ_MONTHLY && byday && p->vals[P_BYDAY][0] != 0) {
		/* "the last Friday" stays the last when the new date is one; otherwise the new date's number */
		int ord = p->vals[P_BYDAY][0];
		int nord = ord < 0 && ns.day + 7 > date_days_in_month(ns.year, ns.month) ? -1 : (ns.day - 1) / 7 + 1;
		r->by_day[0] = encode_day(wd, nord);
		r->by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
		return CAL_SPLIT_OK;
	}
	return CAL_SPLIT_DAY_FIXED;
}

enum cal_split_refusal cal_split_plan(arena *a, const cal_series *s, cal_local rid, cal_local ns,
                                      cal_local map_until, cal_split *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (!s->rrule || !*s->rrule)
		return CAL_SPLIT_NO_RULE;
	const cal_zone *z = s->tzid ? cal_zone_find(s->tzid) : NULL;
	if (!z) {
		fail(err, errlen, "unknown time zone '%.64s'", s->tzid ? s->tzid : "");
		return CAL_SPLIT_ERROR;
	}
	if (!cal_local_valid(rid) || !cal_local_valid(ns) || (s->all_day && has_time(ns))) {
		fail(err, errlen, "the occurrence or the new start is not a valid %s", s->all_day ? "date" : "date and time");
		return CAL_SPLIT_ERROR;
	}
	int c = cal_local_cmp(rid, s->start);
	if (c == 0)
		return CAL_SPLIT_FIRST;
	if (c < 0)
		return CAL_SPLIT_NOT_RULE;
	struct cal_rule *p = arena_alloc(a, sizeof *p);
	cal_rule_problem why;
	if (rule_read(s->rrule, p, &why) != 0) {
		fail(err, errlen, "the rule cannot be read: %s", why.detail);
		return CAL_SPLIT_ERROR;
	}
	bool cut;
	long n = walk(s->rrule, s->start, s->all_day, z, rid, rid, NULL, 0, 1, &cut, NULL, err, errlen);
	if (n < 0)
		return CAL_SPLIT_ERROR;
	if (n == 0 && cut) {
		fail(err, errlen, "the rule takes too long to reach this occurrence");
		return CAL_SPLIT_ERROR;
	}
	if (n == 0)
		return CAL_SPLIT_NOT_RULE;
	/* the new series begins after every meeting the old one keeps: moved earlier, past the one before rid, the
	 * two would overlap (a meeting twice on one day, a cancelled one back, one where there was none) */
	if (cal_local_cmp(ns, rid) < 0) {
		cal_local before_rid = cal_wall_local(cal_local_wall(rid) - 1);
		long k = walk(s->rrule, s->start, s->all_day, z, ns, before_rid, NULL, 0, 1, &cut, NULL, err, errlen);
		if (k < 0)
			return CAL_SPLIT_ERROR;
		if (k > 0 || cal_local_cmp(ns, s->start) <= 0)
			return CAL_SPLIT_OVERLAPS;
		if (cut) {
			fail(err, errlen, "the rule takes too long to reach the new start");
			return CAL_SPLIT_ERROR;
		}
		for (size_t i = 0; i < s->nrdates; i++)
			if (cal_local_cmp(s->rdates[i], ns) >= 0 && cal_local_cmp(s->rdates[i], rid) < 0)
				return CAL_SPLIT_OVERLAPS;
	}

	bool sub_daily = p->freq < CAL_FREQ_DAILY;
	bool time_parts = p->has[P_BYHOUR] || p->has[P_BYMINUTE] || p->has[P_BYSECOND];
	bool one_a_day = !sub_daily && !time_parts; /* every start at DTSTART's time of day */
	bool time_moves = rid.hour != ns.hour || rid.minute != ns.minute || rid.second != ns.second;
	if (time_moves && time_parts)
		return CAL_SPLIT_TIME_FIXED;
	struct icalrecurrencetype nr = p->r, orr = p->r;
	if (!same_day(rid, ns)) {
		enum cal_split_refusal r = follow_days(p, &nr, ns);
		if (r != CAL_SPLIT_OK)
			return r;
	}
	no_end(&orr);
	no_end(&nr);
	const char *open_rule = rule_text(a, &nr); /* the new rule, without an end */

	if (p->count) {
		/* COUNT counts from DTSTART: the old series keeps those before rid, the new one the rest */
		long k = walk(s->rrule, s->start, s->all_day, z, s->start, cal_wall_local(cal_local_wall(rid) - 1), NULL, 0,
		              0, &cut, NULL, err, errlen);
		if (k < 0)
			return CAL_SPLIT_ERROR;
		if (cut || k < 1 || k >= p->count) {
			fail(err, errlen, "the occurrences before this one cannot be counted");
			return CAL_SPLIT_ERROR;
		}
		set_count(&orr, k);
		set_count(&nr, p->count - k);
	} else {
		/* ends just before rid: for one start a day at most, with the day before it */
		if (s->all_day || one_a_day)
			until_through(&orr, s, cal_local_add_days(rid, -1), one_a_day);
		else
			set_until(&orr, utc_fields(cal_local_to_utc(rid, s->tzid) - 1), false, true);
		if (p->until_kind != UNTIL_NONE) {
			/* as many starts as the old series had left from rid: counted, then found in the new rule */
			bool done = false;
			long m = walk(s->rrule, s->start, s->all_day, z, rid, far_end, NULL, 0, 0, &cut, NULL, err, errlen);
			if (m < 0)
				return CAL_SPLIT_ERROR;
			if (!cut && m > 0 && m <= MAP_MAX) {
				cal_local *starts = arena_alloc(a, (size_t)m * sizeof *starts);
				long got = walk(open_rule, ns, s->all_day, z, ns, far_end, starts, (size_t)m, m, &cut, NULL, err,
				                errlen);
				if (got < 0)
					return CAL_SPLIT_ERROR;
				if (!cut && got == m) {
					until_through(&nr, s, starts[m - 1], one_a_day);
					done = true;
				}
			}
			if (!done)
				until_shifted(&nr, p, s, rid, ns, one_a_day);
		}
	}
	out->old_rule = rule_text(a, &orr);
	out->new_rule = rule_text(a, &nr);

	/* the renaming table: the old rule's starts from rid to map_until, and the new rule's as many */
	if (cal_local_cmp(map_until, rid) < 0)
		map_until = rid;
	out->from = arena_alloc(a, MAP_MAX * sizeof *out->from);
	long nf = walk(s->rrule, s->start, s->all_day, z, rid, map_until, out->from, MAP_MAX, MAP_MAX + 1, &cut, NULL,
	               err, errlen);
	if (nf < 0)
		return CAL_SPLIT_ERROR;
	if (cut || nf > MAP_MAX) {
		fail(err, errlen, "too many occurrences lie between this one and the last exception that moves with it");
		return CAL_SPLIT_ERROR;
	}
	out->to = arena_alloc(a, (size_t)(nf ? nf : 1) * sizeof *out->to);
	long nt = walk(out->new_rule, ns, s->all_day, z, ns, far_end, out->to, (size_t)nf, nf, &cut, NULL, err, errlen);
	if (nt < 0)
		return CAL_SPLIT_ERROR;
	if (cut) {
		fail(err, errlen, "the new rule takes too long to reach the last exception that moves with it");
		return CAL_SPLIT_ERROR;
	}
	out->n = (size_t)(nt < nf ? nt : nf);
	return CAL_SPLIT_OK;
}

cal_local cal_split_map(const cal_split *p, cal_local old)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cal_local_cmp(p->from[mid], old);
		if (c == 0)
			return p->to[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return old;
}

/* ---- a series changed as a whole: its exceptions follow ---- */

static bool listed(const cal_local *v, size_t n, cal_local t)
{
	for (size_t i = 0; i < n; i++)
		if (cal_local_cmp(v[i], t) == 0)
			return true;
	return false;
}

int cal_follow_plan(arena *a, const cal_series *old, const cal_series *now, long *budget, cal_follow_item **out,
                    size_t *n, char *err, size_t errlen)
{
	*n = 0;
	*out = arena_alloc(a, (old->noverrides + now->nexdates + 1) * sizeof **out);
	/* occurrences of each series without its EXDATEs: an EXDATE names one, and so may an override */
	cal_series was = *old, is = *now;
	was.nexdates = is.nexdates = 0;
	long long shift = cal_local_wall(now->start) - cal_local_wall(old->start);
	for (size_t k = 0; k < old->noverrides + now->nexdates; k++) {
		bool ov = k < old->noverrides;
		cal_local rid = ov ? old->overrides[k].recurrence_id : now->exdates[k - old->noverrides];
		if (!ov && !listed(old->exdates, old->nexdates, rid))
			continue; /* a date typed now: taken as it is */
		int r = cal_is_occurrence(&was, rid, budget, err, errlen);
		if (r < 0)
			return -1;
		if (r == 0)
			continue; /* it named no occurrence before either: it stays as it was */
		cal_follow_item *it = &(*out)[(*n)++];
		it->from = rid;
		it->is_override = ov;
		it->index = ov ? k : k - old->noverrides;
		bool rdate = listed(old->rdates, old->nrdates, rid) && listed(now->rdates, now->nrdates, rid);
		it->to = rdate ? rid : cal_wall_local(cal_local_wall(rid) + shift);
		r = cal_local_valid(it->to) ? cal_is_occurrence(&is, it->to, budget, err, errlen) : 0;
		if (r < 0)
			return -1;
		it->follows = r == 1;
	}
	return 0;
}

enum cal_end cal_end_before(arena *a, const cal_series *s, cal_local cut, const char **rule, char *err, size_t errlen)
{
	*rule = NULL;
	if (cal_local_cmp(s->start, cut) >= 0)
		return CAL_END_ALL;
	if (!s->rrule || !*s->rrule)
		return CAL_END_NONE;
	const cal_zone *z = s->tzid ? cal_zone_find(s->tzid) : NULL;
	if (!z) {
		fail(err, errlen, "unknown time zone '%.64s'", s->tzid ? s->tzid : "");
		return CAL_END_ERROR;
	}
	cal_local first;
	bool cut_short;
	long n = walk(s->rrule, s->start, s->all_day, z, cut, far_end, &first, 1, 1, &cut_short, NULL, err, errlen);
	if (n < 0)
		return CAL_END_ERROR;
	if (n == 0) {
		if (!cut_short)
			return CAL_END_NONE;
		fail(err, errlen, "the rule takes too long to reach the end");
		return CAL_END_ERROR;
	}
	/* the old half of a split at the first start from cut on, with nothing moved */
	cal_split plan;
	switch (cal_split_plan(a, s, first, first, first, &plan, err, errlen)) {
	case CAL_SPLIT_OK:
		break;
	case CAL_SPLIT_FIRST:
		return CAL_END_ALL;
	case CAL_SPLIT_ERROR:
		return CAL_END_ERROR;
	default:
		fail(err, errlen, "the rule cannot be ended before %04d-%02d-%02d", cut.year, cut.month, cut.day);
		return CAL_END_ERROR;
	}
	*rule = plan.old_rule;
	/* at a midnight (the day after a last day), an UNTIL says that day itself, not the day before the next start;
	 * a cut within a day (now) keeps the split's UNTIL, which names a day, not a second; a COUNT stays the
	 * split's count */
	struct cal_rule *p = arena_alloc(a, sizeof *p);
	cal_rule_problem why;
	if (!has_time(cut) && rule_read(s->rrule, p, &why) == 0 && !p->count) {
		struct icalrecurrencetype r = p->r;
		if (s->all_day)
			set_until(&r, cal_local_add_days(cut, -1), true, false);
		else
			set_until(&r, utc_fields(cal_local_to_utc(cut, s->tzid) - 1), false, true);
		*rule = rule_text(a, &r);
	}
	return CAL_END_RULE;
}
