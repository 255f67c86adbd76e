/* exceptions.c - one occurrence of a series: whether a recurrence id names one, and splitting a series there. */
#include "cal/exceptions.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"

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
	long long w = cal_local_wall((cal_local){t.year, t.month, t.day, 0, 0, 0});
	return (w - ((w % 86400) + 86400) % 86400) / 86400;
}

/* 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday) */
static int weekday_of(cal_local t)
{
	return (int)(((day_number(t) % 7) + 7 + 3) % 7);
}

static int days_in_month(int year, int month)
{
	int d = 31;
	while (d > 28 && !cal_local_valid((cal_local){year, month, d, 0, 0, 0}))
		d--;
	return d;
}

static const char *const weekday_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

/* ---- a rule as its NAME=VALUE parts (validated elsewhere: cal_rrule_check) ---- */

#define MAX_PARTS 16

struct parts {
	const char *name[MAX_PARTS];
	const char *value[MAX_PARTS];
	int n;
};

static int parts_read(arena *a, const char *rule, struct parts *p)
{
	memset(p, 0, sizeof *p);
	char *copy = arena_strdup(a, rule), *save = NULL;
	for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(item, '=');
		if (!eq || p->n == MAX_PARTS)
			return -1;
		*eq = '\0';
		p->name[p->n] = item;
		p->value[p->n++] = eq + 1;
	}
	return p->n ? 0 : -1;
}

static const char *parts_get(const struct parts *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (strcasecmp(p->name[i], name) == 0)
			return p->value[i];
	return NULL;
}

/* Replaces the part's value, appends the part, or (value NULL) removes it. */
static void parts_set(struct parts *p, const char *name, const char *value)
{
	for (int i = 0; i < p->n; i++) {
		if (strcasecmp(p->name[i], name) != 0)
			continue;
		if (value) {
			p->value[i] = value;
		} else {
			memmove(&p->name[i], &p->name[i + 1], (size_t)(p->n - i - 1) * sizeof p->name[0]);
			memmove(&p->value[i], &p->value[i + 1], (size_t)(p->n - i - 1) * sizeof p->value[0]);
			p->n--;
		}
		return;
	}
	if (value && p->n < MAX_PARTS) {
		p->name[p->n] = name;
		p->value[p->n++] = value;
	}
}

static const char *parts_text(arena *a, const struct parts *p)
{
	buf b = BUF_INIT;
	for (int i = 0; i < p->n; i++)
		buf_printf(&b, "%s%s=%s", i ? ";" : "", p->name[i], p->value[i]);
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- walking a rule ---- */

/*
 * The starts of rule from dtstart within [lo, hi], counted; the first max of them are kept in out (NULL: none),
 * and the walk stops after limit of them (0: no limit). *cut tells that the work budget ended it early.
 * The count, or -1 with a message.
 */
static long walk(const char *rule, cal_local dtstart, bool all_day, const cal_zone *z, cal_local lo, cal_local hi,
                 cal_local *out, size_t max, long limit, bool *cut, char *err, size_t errlen)
{
	long budget = CAL_WALK_BUDGET, n = 0;
	*cut = false;
	cal_walk *w = cal_walk_new(rule, dtstart, all_day, z, &budget, err, errlen);
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

int cal_is_occurrence(const cal_series *s, cal_local rid, char *err, size_t errlen)
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
	long n = walk(s->rrule, s->start, s->all_day, z, rid, rid, NULL, 0, 1, &cut, err, errlen);
	if (n < 0)
		return -1;
	if (cut && n == 0)
		return fail(err, errlen, "the rule takes too long to tell whether this is one of its occurrences");
	return n == 1;
}

/* ---- splitting ---- */

static const char *utc_text(arena *a, long long utc)
{
	cal_local t = cal_utc_to_local(utc, "UTC");
	return arena_printf(a, "%04d%02d%02dT%02d%02d%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static const char *date_text(arena *a, cal_local t)
{
	return arena_printf(a, "%04d%02d%02d", t.year, t.month, t.day);
}

/* The last second of t's day in the zone, as a UTC UNTIL: what the form writes for "last date". */
static const char *end_of_day(arena *a, cal_local t, const char *tzid)
{
	return utc_text(a, cal_local_to_utc((cal_local){t.year, t.month, t.day, 23, 59, 59}, tzid));
}

/* An UNTIL that includes the start last and nothing after it (for rules with at most one start a day,
 * the whole of its day, so the form's "last date" shows that day and saves the same UNTIL back). */
static const char *until_through(arena *a, const cal_series *s, cal_local last, bool one_a_day)
{
	if (s->all_day)
		return date_text(a, last);
	if (one_a_day)
		return end_of_day(a, last, s->tzid);
	return utc_text(a, cal_local_to_utc(last, s->tzid));
}

/* An UNTIL value (YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ) as a wall clock; *kind gets its length. */
static int until_read(const char *v, cal_local *t, size_t *kind)
{
	size_t n = strlen(v);
	if (n != 8 && n != 15 && n != 16)
		return -1;
	int f[6] = {0};
	static const int at[6] = {0, 4, 6, 9, 11, 13}, len[6] = {4, 2, 2, 2, 2, 2};
	for (int i = 0; i < (n == 8 ? 3 : 6); i++)
		for (int k = 0; k < len[i]; k++) {
			char ch = v[at[i] + k];
			if (ch < '0' || ch > '9')
				return -1;
			f[i] = f[i] * 10 + (ch - '0');
		}
	*t = (cal_local){f[0], f[1], f[2], f[3], f[4], f[5]};
	*kind = n;
	return cal_local_valid(*t) ? 0 : -1;
}

/* When the starts cannot be counted to the end: the old UNTIL moved by as much as the split moves rid. */
static const char *until_shifted(arena *a, const cal_series *s, const char *until, cal_local rid, cal_local ns,
                                 bool one_a_day)
{
	cal_local u;
	size_t kind;
	if (until_read(until, &u, &kind) != 0)
		return until;
	long long days = day_number(ns) - day_number(rid);
	long long wall = cal_local_wall(ns) - cal_local_wall(rid);
	if (kind == 8)
		return date_text(a, cal_local_add_days(u, (int)days));
	if (kind == 15) {
		cal_local t = cal_wall_local(cal_local_wall(u) + wall);
		return arena_printf(a, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
	}
	cal_local local = cal_utc_to_local(cal_local_wall(u), s->tzid); /* UTC fields: their wall is unix time */
	if (one_a_day)
		return end_of_day(a, cal_local_add_days(local, (int)days), s->tzid);
	return utc_text(a, cal_local_to_utc(cal_wall_local(cal_local_wall(local) + wall), s->tzid));
}

/*
 * A date that moves: the rule's named days follow it where that is one value (a weekly rule on one weekday, a
 * monthly one on one day of the month or one numbered weekday); a rule without named days follows DTSTART.
 */
static enum cal_split_refusal follow_days(arena *a, struct parts *p, cal_local ns)
{
	static const char *const fixed[] = {"BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", NULL};
	const char *freq = parts_get(p, "FREQ");
	const char *byday = parts_get(p, "BYDAY"), *bymonthday = parts_get(p, "BYMONTHDAY");
	for (const char *const *f = fixed; *f; f++)
		if (parts_get(p, *f))
			return CAL_SPLIT_DAY_FIXED;
	if (!byday && !bymonthday)
		return CAL_SPLIT_OK;
	if ((byday && bymonthday) || (byday && strchr(byday, ',')) || (bymonthday && strchr(bymonthday, ',')) || !freq)
		return CAL_SPLIT_DAY_FIXED;
	if (strcasecmp(freq, "WEEKLY") == 0 && byday && strlen(byday) == 2) {
		parts_set(p, "BYDAY", weekday_codes[weekday_of(ns)]);
		return CAL_SPLIT_OK;
	}
	if (strcasecmp(freq, "MONTHLY") == 0 && bymonthday && bymonthday[0] != '-') {
		parts_set(p, "BYMONTHDAY", arena_printf(a, "%d", ns.day));
		return CAL_SPLIT_OK;
	}
	if (strcasecmp(freq, "MONTHLY") == 0 && byday && strlen(byday) > 2) {
		/* "the last Friday" stays the last when the new date is one; otherwise the new date's number */
		int ord = atoi(byday);
		int nord = ord < 0 && ns.day + 7 > days_in_month(ns.year, ns.month) ? -1 : (ns.day - 1) / 7 + 1;
		parts_set(p, "BYDAY", arena_printf(a, "%d%s", nord, weekday_codes[weekday_of(ns)]));
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
	struct parts p;
	if (parts_read(a, s->rrule, &p) != 0) {
		fail(err, errlen, "the rule cannot be read");
		return CAL_SPLIT_ERROR;
	}
	bool cut;
	long n = walk(s->rrule, s->start, s->all_day, z, rid, rid, NULL, 0, 1, &cut, err, errlen);
	if (n < 0)
		return CAL_SPLIT_ERROR;
	if (n == 0 && cut) {
		fail(err, errlen, "the rule takes too long to reach this occurrence");
		return CAL_SPLIT_ERROR;
	}
	if (n == 0)
		return CAL_SPLIT_NOT_RULE;

	const char *freq = parts_get(&p, "FREQ");
	bool sub_daily = freq && (strcasecmp(freq, "SECONDLY") == 0 || strcasecmp(freq, "MINUTELY") == 0 ||
	                          strcasecmp(freq, "HOURLY") == 0);
	bool time_parts = parts_get(&p, "BYHOUR") || parts_get(&p, "BYMINUTE") || parts_get(&p, "BYSECOND");
	bool one_a_day = !sub_daily && !time_parts; /* every start at DTSTART's time of day */
	bool time_moves = rid.hour != ns.hour || rid.minute != ns.minute || rid.second != ns.second;
	if (time_moves && time_parts)
		return CAL_SPLIT_TIME_FIXED;
	struct parts np = p, op = p;
	if (!same_day(rid, ns)) {
		enum cal_split_refusal r = follow_days(a, &np, ns);
		if (r != CAL_SPLIT_OK)
			return r;
	}
	const char *count = parts_get(&p, "COUNT"), *until = parts_get(&p, "UNTIL");
	parts_set(&op, "COUNT", NULL);
	parts_set(&op, "UNTIL", NULL);
	parts_set(&np, "COUNT", NULL);
	parts_set(&np, "UNTIL", NULL);
	const char *open_rule = parts_text(a, &np); /* the new rule, without an end */

	if (count) {
		/* COUNT counts from DTSTART: the old series keeps those before rid, the new one the rest */
		long long total = strtoll(count, NULL, 10);
		long k = walk(s->rrule, s->start, s->all_day, z, s->start, cal_wall_local(cal_local_wall(rid) - 1), NULL, 0,
		              0, &cut, err, errlen);
		if (k < 0)
			return CAL_SPLIT_ERROR;
		if (cut || k < 1 || k >= total) {
			fail(err, errlen, "the occurrences before this one cannot be counted");
			return CAL_SPLIT_ERROR;
		}
		parts_set(&op, "COUNT", arena_printf(a, "%ld", k));
		parts_set(&np, "COUNT", arena_printf(a, "%lld", total - k));
	} else {
		/* ends just before rid: for one start a day at most, with the day before it */
		parts_set(&op, "UNTIL", s->all_day || one_a_day ? until_through(a, s, cal_local_add_days(rid, -1), one_a_day)
		                                                 : utc_text(a, cal_local_to_utc(rid, s->tzid) - 1));
		if (until) {
			/* as many starts as the old series had left from rid: counted, then found in the new rule */
			const char *nu = NULL;
			long m = walk(s->rrule, s->start, s->all_day, z, rid, far_end, NULL, 0, 0, &cut, err, errlen);
			if (m < 0)
				return CAL_SPLIT_ERROR;
			if (!cut && m > 0 && m <= MAP_MAX) {
				cal_local *starts = arena_alloc(a, (size_t)m * sizeof *starts);
				long got = walk(open_rule, ns, s->all_day, z, ns, far_end, starts, (size_t)m, m, &cut, err, errlen);
				if (got < 0)
					return CAL_SPLIT_ERROR;
				if (!cut && got == m)
					nu = until_through(a, s, starts[m - 1], one_a_day);
			}
			parts_set(&np, "UNTIL", nu ? nu : until_shifted(a, s, until, rid, ns, one_a_day));
		}
	}
	out->old_rule = parts_text(a, &op);
	out->new_rule = parts_text(a, &np);

	/* the renaming table: the old rule's starts from rid to map_until, and the new rule's as many */
	if (cal_local_cmp(map_until, rid) < 0)
		map_until = rid;
	out->from = arena_alloc(a, MAP_MAX * sizeof *out->from);
	long nf = walk(s->rrule, s->start, s->all_day, z, rid, map_until, out->from, MAP_MAX, MAP_MAX + 1, &cut, err,
	               errlen);
	if (nf < 0)
		return CAL_SPLIT_ERROR;
	if (cut || nf > MAP_MAX) {
		fail(err, errlen, "too many occurrences lie between this one and the last exception that moves with it");
		return CAL_SPLIT_ERROR;
	}
	out->to = arena_alloc(a, (size_t)(nf ? nf : 1) * sizeof *out->to);
	long nt = walk(out->new_rule, ns, s->all_day, z, ns, far_end, out->to, (size_t)nf, nf, &cut, err, errlen);
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
