/* rrule.c - the starts one rule generates, in a bounded walk: memocal's own RFC 5545 expansion. */
#include "cal/rrule.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/rule.h"
#include "util/date.h"

#include "util/utf8.h"

/*
 * Why memocal expands rules itself. libical 3.0.16's iterator, which memocal used first, gets a good share of
 * valid rules wrong (found by comparing it with python-dateutil over thousands of generated rules): a MINUTELY
 * or HOURLY iterator started outside BYHOUR keeps the wrong minute (FREQ=MINUTELY;INTERVAL=20;BYHOUR=9..16
 * from 08:50 gives 09:50, not 09:10), FREQ=DAILY ignores a negative BYMONTHDAY, FREQ=YEARLY;BYMONTHDAY=20
 * keeps to DTSTART's month, BYWEEKNO without BYDAY gives one day of the week instead of seven, and one
 * iterator call can scan for seconds on a rule that rarely matches. libical still reads and writes every rule
 * (recur.c); the expansion is here, bounded by a step budget.
 *
 * The algorithm is python-dateutil's (rrule._iter), which follows RFC 5545 closely: the rule is walked period
 * by period (a year, month, week, day, hour or minute, INTERVAL apart); the days of a period are filtered by
 * BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY, each day gets the times BYHOUR x BYMINUTE x BYSECOND give
 * (DTSTART's where a part is missing), and BYSETPOS picks among the period's candidates. Where dateutil 2.8.2
 * is wrong memocal follows RFC 5545: BYDAY mixing numbered and plain weekdays (2WE,FR) is the union of the two,
 * where dateutil takes the days that are both.
 *
 * Times are floating wall clock: the caller converts them with the series zone (a rule repeats in wall-clock
 * time, across DST changes). A step of the budget is one period looked at (a year counts a step per 8 days it
 * filters) or one start produced; a step costs well under a microsecond.
 */

#define HORIZON_YEAR 2582
#define MAXDAYS 380 /* a year and the week that runs into the next */
#define PRODUCES_BUDGET 200000L

static long long floor_div(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static long long floor_mod(long long a, long long b)
{
	return a - floor_div(a, b) * b;
}

static int weekday_of_day(long long dayno)
{
	return (int)floor_mod(dayno + 3, 7); /* 1970-01-01 was a Thursday */
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static int cmp_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return (a > b) - (a < b);
}

/* The generator: dateutil's iteration state and its BY sets after DTSTART's defaults. */
struct gen {
	const struct cal_rule *p;
	enum cal_freq freq;
	int interval, wkst;
	long long dtstart_w;
	bool bymonth[13], has_month;
	bool bymd[32], bynmd[32], has_md; /* bynmd[k]: -k listed */
	bool byweekday[7], has_wd;
	int nwd[100][2], nnwd; /* numbered BYDAY: weekday, ordinal */
	bool byyd[367], bynyd[367], has_yd;
	bool has_wno;
	bool byhour[24], has_hour;
	bool byminute[60], has_minute;
	int hours[24], nhours, mins[60], nmins, secs[60], nsecs;
	int *timeset, ntimeset; /* DAILY and longer: seconds of the day, sorted */
	int subset[3600], nsubset; /* HOURLY, MINUTELY: the current period's seconds of the day */
	int setpos[366], nsetpos;

	/* the year the day indices count from */
	int year, yearlen, nextyearlen, yearweekday;
	long long yearordinal;
	int mrange[13];
	unsigned char wnomask[MAXDAYS], nwdmask[MAXDAYS];
	int nwd_year, nwd_month;

	/* where the iteration is */
	long long dayno;  /* DAILY, WEEKLY, HOURLY, MINUTELY: the period's (first) day */
	long long month;  /* YEARLY, MONTHLY: year * 12 + month - 1 */
	int hour, minute, second;
	bool filtered, over, empty, started;

	/* the current period's output */
	int days[MAXDAYS], ndays, di, ti;
	const int *times;
	int ntimes;
	long long pos[366];
	int npos, ipos;
	bool use_pos;
};

/* ---- the sets ---- */

/* dateutil's __construct_byset: the values an INTERVAL-stepped hour or minute can reach from DTSTART's. */
static int reachable(const struct cal_rule *p, enum rule_part k, int start, int base, bool *set)
{
	int n = 0;
	int g = p->interval, b = base;
	while (b) {
		int t = g % b;
		g = b;
		b = t;
	}
	for (int i = 0; i < p->n[k]; i++) {
		int v = p->vals[k][i];
		if (g == 1 || floor_mod(v - start, g) == 0) {
			n += !set[v];
			set[v] = true;
		}
	}
	return n;
}

static int list_of(const bool *set, int size, int *out)
{
	int n = 0;
	for (int i = 0; i < size; i++)
		if (set[i])
			out[n++] = i;
	return n;
}

static int gen_setup(struct gen *g, const struct cal_rule *p, cal_local dt, char *err, size_t errlen)
{
	memset(g, 0, sizeof *g);
	g->p = p;
	g->freq = p->freq;
	g->interval = p->interval;
	g->wkst = p->wkst;
	g->dtstart_w = cal_local_wall(dt);
	g->nwd_year = g->year = INT_MIN;
	for (int i = 0; i < p->n[P_BYMONTH]; i++)
		g->bymonth[p->vals[P_BYMONTH][i]] = true;
	g->has_month = p->has[P_BYMONTH];
	for (int i = 0; i < p->n[P_BYMONTHDAY]; i++) {
		int v = p->vals[P_BYMONTHDAY][i];
		if (v > 0)
			g->bymd[v] = true;
		else
			g->bynmd[-v] = true;
	}
	g->has_md = p->has[P_BYMONTHDAY];
	for (int i = 0; i < p->n[P_BYDAY]; i++) {
		int n = p->vals[P_BYDAY][i], wd = p->byday_wd[i];
		if (n == 0 || (g->freq != CAL_FREQ_MONTHLY && g->freq != CAL_FREQ_YEARLY)) {
			/* a number only means something in a MONTHLY or YEARLY rule */
			g->byweekday[wd] = g->has_wd = true;
			continue;
		}
		g->nwd[g->nnwd][0] = wd;
		g->nwd[g->nnwd][1] = n;
		g->nnwd++;
	}
	for (int i = 0; i < p->n[P_BYYEARDAY]; i++) {
		int v = p->vals[P_BYYEARDAY][i];
		if (v > 0)
			g->byyd[v] = true;
		else
			g->bynyd[-v] = true;
	}
	g->has_yd = p->has[P_BYYEARDAY];
	g->has_wno = p->has[P_BYWEEKNO];
	/* what DTSTART gives when the rule names no day */
	if (!p->has[P_BYWEEKNO] && !p->has[P_BYYEARDAY] && !p->has[P_BYMONTHDAY] && !p->has[P_BYDAY]) {
		if (g->freq == CAL_FREQ_YEARLY) {
			if (!g->has_month)
				g->bymonth[dt.month] = g->has_month = true;
			g->bymd[dt.day] = g->has_md = true;
		} else if (g->freq == CAL_FREQ_MONTHLY) {
			g->bymd[dt.day] = g->has_md = true;
		} else if (g->freq == CAL_FREQ_WEEKLY) {
			g->byweekday[date_weekday(dt.year, dt.month, dt.day)] = g->has_wd = true;
		}
	}
	/* hours, minutes, seconds */
	if (!p->has[P_BYHOUR]) {
		if (g->freq >= CAL_FREQ_DAILY)
			g->byhour[dt.hour] = g->has_hour = true;
	} else if (g->freq == CAL_FREQ_HOURLY) {
		if (!reachable(p, P_BYHOUR, dt.hour, 24, g->byhour))
			goto empty;
		g->has_hour = true;
	} else {
		for (int i = 0; i < p->n[P_BYHOUR]; i++)
			g->byhour[p->vals[P_BYHOUR][i]] = true;
		g->has_hour = true;
	}
	if (!p->has[P_BYMINUTE]) {
		if (g->freq >= CAL_FREQ_HOURLY)
			g->byminute[dt.minute] = g->has_minute = true;
	} else if (g->freq == CAL_FREQ_MINUTELY) {
		if (!reachable(p, P_BYMINUTE, dt.minute, 60, g->byminute))
			goto empty;
		g->has_minute = true;
	} else {
		for (int i = 0; i < p->n[P_BYMINUTE]; i++)
			g->byminute[p->vals[P_BYMINUTE][i]] = true;
		g->has_minute = true;
	}
	bool bysecond[60] = {false};
	if (!p->has[P_BYSECOND])
		bysecond[dt.second] = true;
	for (int i = 0; i < p->n[P_BYSECOND]; i++)
		bysecond[p->vals[P_BYSECOND][i]] = true;
	g->nhours = list_of(g->byhour, 24, g->hours);
	g->nmins = list_of(g->byminute, 60, g->mins);
	g->nsecs = list_of(bysecond, 60, g->secs);
	if (g->freq >= CAL_FREQ_DAILY) {
		g->timeset = malloc((size_t)(g->nhours * g->nmins * g->nsecs) * sizeof *g->timeset);
		if (!g->timeset) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		for (int h = 0; h < g->nhours; h++)
			for (int m = 0; m < g->nmins; m++)
				for (int s = 0; s < g->nsecs; s++)
					g->timeset[g->ntimeset++] = g->hours[h] * 3600 + g->mins[m] * 60 + g->secs[s];
		qsort(g->timeset, (size_t)g->ntimeset, sizeof *g->timeset, cmp_int);
	}
	for (int i = 0; i < p->n[P_BYSETPOS]; i++)
		g->setpos[g->nsetpos++] = p->vals[P_BYSETPOS][i];
	return 0;
empty:
	/* dateutil's "Invalid rrule byxxx generates an empty set": no step of INTERVAL reaches a listed value */
	g->empty = true;
	return 0;
}

/* ---- a year's day indices (dateutil's _iterinfo.rebuild) ---- */

static int wday_at(const struct gen *g, int i)
{
	return (int)floor_mod(g->yearweekday + i, 7);
}

static void build_weekno(struct gen *g)
{
	const struct cal_rule *p = g->p;
	memset(g->wnomask, 0, sizeof g->wnomask);
	int wkst = g->wkst;
	int no1wkst, firstwkst, wyearlen;
	no1wkst = firstwkst = (int)floor_mod(7 - g->yearweekday + wkst, 7);
	if (no1wkst >= 4) {
		no1wkst = 0;
		wyearlen = g->yearlen + (int)floor_mod(g->yearweekday - wkst, 7);
	} else {
		wyearlen = g->yearlen - no1wkst;
	}
	int numweeks = wyearlen / 7 + (wyearlen % 7) / 4;
	bool has1 = false, hasm1 = false;
	for (int k = 0; k < p->n[P_BYWEEKNO]; k++) {
		int n = p->vals[P_BYWEEKNO][k];
		has1 |= n == 1;
		hasm1 |= n == -1;
		if (n < 0)
			n += numweeks + 1;
		if (!(n > 0 && n <= numweeks))
			continue;
		int i;
		if (n > 1) {
			i = no1wkst + (n - 1) * 7;
			if (no1wkst != firstwkst)
				i -= 7 - firstwkst;
		} else {
			i = no1wkst;
		}
		for (int j = 0; j < 7 && i >= 0 && i < MAXDAYS; j++) {
			g->wnomask[i] = 1;
			i++;
			if (wday_at(g, i) == wkst)
				break;
		}
	}
	if (has1) { /* week 1 of the next year, where it starts in this one */
		int i = no1wkst + numweeks * 7;
		if (no1wkst != firstwkst)
			i -= 7 - firstwkst;
		if (i < g->yearlen)
			for (int j = 0; j < 7 && i >= 0 && i < MAXDAYS; j++) {
				g->wnomask[i] = 1;
				i++;
				if (wday_at(g, i) == wkst)
					break;
			}
	}
	if (no1wkst) { /* the days of last year's last week at the start of this one */
		int lnumweeks;
		if (!hasm1) {
			int lyearweekday = date_weekday(g->year - 1, 1, 1);
			int lno1wkst = (int)floor_mod(7 - lyearweekday + wkst, 7);
			int lyearlen = 365 + date_leap_year(g->year - 1);
			if (lno1wkst >= 4)
				lnumweeks = 52 + (int)floor_mod(lyearlen + floor_mod(lyearweekday - wkst, 7), 7) / 4;
			else
				lnumweeks = 52 + (int)floor_mod(g->yearlen - no1wkst, 7) / 4;
		} else {
			lnumweeks = -1;
		}
		bool listed = false;
		for (int k = 0; k < p->n[P_BYWEEKNO]; k++)
			listed |= p->vals[P_BYWEEKNO][k] == lnumweeks;
		if (listed)
			for (int i = 0; i < no1wkst; i++)
				g->wnomask[i] = 1;
	}
}

static void build_year(struct gen *g, int year)
{
	if (g->year == year)
		return;
	g->year = year;
	g->yearlen = 365 + date_leap_year(year);
	g->nextyearlen = 365 + date_leap_year(year + 1);
	g->yearordinal = date_days_from_civil(year, 1, 1);
	g->yearweekday = weekday_of_day(g->yearordinal);
	g->mrange[0] = 0;
	for (int m = 1; m <= 12; m++)
		g->mrange[m] = g->mrange[m - 1] + date_days_in_month(year, m);
	if (g->has_wno)
		build_weekno(g);
}

/* Numbered weekdays within each month (MONTHLY, or YEARLY with BYMONTH) or the year. */
static void build_nwd(struct gen *g, int month)
{
	if (!g->nnwd || (g->nwd_year == g->year && (g->freq != CAL_FREQ_MONTHLY || g->nwd_month == month)))
		return;
	g->nwd_year = g->year;
	g->nwd_month = month;
	memset(g->nwdmask, 0, sizeof g->nwdmask);
	int ranges[12][2], nr = 0;
	if (g->freq == CAL_FREQ_YEARLY) {
		if (g->p->has[P_BYMONTH]) {
			for (int m = 1; m <= 12; m++)
				if (g->bymonth[m]) {
					ranges[nr][0] = g->mrange[m - 1];
					ranges[nr++][1] = g->mrange[m];
				}
		} else {
			ranges[nr][0] = 0;
			ranges[nr++][1] = g->yearlen;
		}
	} else {
		ranges[nr][0] = g->mrange[month - 1];
		ranges[nr++][1] = g->mrange[month];
	}
	for (int r = 0; r < nr; r++) {
		int first = ranges[r][0], last = ranges[r][1] - 1;
		for (int k = 0; k < g->nnwd; k++) {
			int wday = g->nwd[k][0], n = g->nwd[k][1], i;
			if (n < 0) {
				i = last + (n + 1) * 7;
				i -= (int)floor_mod(wday_at(g, i) - wday, 7);
			} else {
				i = first + (n - 1) * 7;
				i += (int)floor_mod(7 - wday_at(g, i) + wday, 7);
			}
			if (i >= first && i <= last)
				g->nwdmask[i] = 1;
		}
	}
}

static bool day_passes(const struct gen *g, int i)
{
	long long dn = g->yearordinal + i;
	int y = 0, m = 0, d = 0;
	/* the date only for the rules that ask for it: a weekly rule tests every day of its weeks */
	if (g->has_month || g->has_md)
		date_civil_from_days(dn, &y, &m, &d);
	if (g->has_month && !g->bymonth[m])
		return false;
	if (g->has_wno && !g->wnomask[i])
		return false;
	if (g->has_wd || g->nnwd) {
		bool plain = g->has_wd && g->byweekday[weekday_of_day(dn)];
		bool numbered = g->nnwd && i < g->yearlen && g->nwdmask[i];
		if (!plain && !numbered)
			return false;
	}
	if (g->has_md && !g->bymd[d] && !g->bynmd[date_days_in_month(y, m) - d + 1])
		return false;
	if (g->has_yd) {
		if (i < g->yearlen) {
			if (!g->byyd[i + 1] && !g->bynyd[g->yearlen - i])
				return false;
		} else {
			int j = i - g->yearlen;
			if (!g->byyd[j + 1] && !g->bynyd[g->nextyearlen - j])
				return false;
		}
	}
	return true;
}

/* ---- the iteration ---- */

static void sub_times(struct gen *g)
{
	g->nsubset = 0;
	bool off = (g->has_hour && !g->byhour[g->hour]) ||
	           (g->freq == CAL_FREQ_MINUTELY && g->has_minute && !g->byminute[g->minute]);
	if (off)
		return;
	if (g->freq == CAL_FREQ_HOURLY) {
		for (int m = 0; m < g->nmins; m++)
			for (int s = 0; s < g->nsecs; s++)
				g->subset[g->nsubset++] = g->hour * 3600 + g->mins[m] * 60 + g->secs[s];
	} else {
		for (int s = 0; s < g->nsecs; s++)
			g->subset[g->nsubset++] = g->hour * 3600 + g->minute * 60 + g->secs[s];
	}
}

/* Starts the iteration at the period holding from (or DTSTART's period when from is before it). */
static void gen_start(struct gen *g, cal_local dt, long long from_w)
{
	g->over = g->empty;
	g->started = false;
	g->ndays = g->di = g->ti = g->npos = g->ipos = 0;
	g->ntimes = 0;
	g->use_pos = false;
	g->filtered = false;
	long long i = g->interval;
	long long d0 = date_days_from_civil(dt.year, dt.month, dt.day);
	cal_local f = cal_wall_local(from_w);
	bool jump = from_w > g->dtstart_w;
	long long fday = jump ? date_days_from_civil(f.year, f.month, f.day) : d0;
	g->hour = dt.hour;
	g->minute = dt.minute;
	g->second = dt.second;
	switch (g->freq) {
	case CAL_FREQ_YEARLY:
		g->month = (long long)dt.year * 12 + dt.month - 1;
		if (jump)
			g->month = ((long long)dt.year + floor_div(f.year - dt.year, i) * i) * 12 + dt.month - 1;
		break;
	case CAL_FREQ_MONTHLY: {
		long long m0 = (long long)dt.year * 12 + dt.month - 1, fm = (long long)f.year * 12 + f.month - 1;
		g->month = jump ? m0 + floor_div(fm - m0, i) * i : m0;
		break;
	}
	case CAL_FREQ_WEEKLY: {
		long long ws0 = d0 - floor_mod(weekday_of_day(d0) - g->wkst, 7);
		long long k = floor_div(fday - ws0, 7 * i);
		g->dayno = k > 0 ? ws0 + 7 * i * k : d0;
		break;
	}
	case CAL_FREQ_DAILY:
		g->dayno = d0 + floor_div(fday - d0, i) * i;
		break;
	case CAL_FREQ_HOURLY: {
		long long h0 = d0 * 24 + dt.hour, fh = fday * 24 + (jump ? f.hour : dt.hour);
		long long h = h0 + floor_div(fh - h0, i) * i;
		g->dayno = floor_div(h, 24);
		g->hour = (int)floor_mod(h, 24);
		sub_times(g);
		break;
	}
	case CAL_FREQ_MINUTELY:
	case CAL_FREQ_SECONDLY: {
		long long m0 = (d0 * 24 + dt.hour) * 60 + dt.minute;
		long long fmn = (fday * 24 + (jump ? f.hour : dt.hour)) * 60 + (jump ? f.minute : dt.minute);
		long long m = m0 + floor_div(fmn - m0, i) * i;
		g->dayno = floor_div(m, 1440);
		g->hour = (int)floor_mod(m, 1440) / 60;
		g->minute = (int)floor_mod(m, 60);
		sub_times(g);
		break;
	}
	}
}

/* dateutil's __mod_distance: steps value by INTERVAL until it is in set (of base values); the number of
 * base wraps it took, or -1 when no step ever gets there. */
static long long mod_distance(const struct gen *g, int *value, const bool *set, int base)
{
	long long acc = 0, v = *value;
	for (int k = 0; k < base; k++) {
		v += g->interval;
		acc += floor_div(v, base);
		v = floor_mod(v, base);
		if (set[v]) {
			*value = (int)v;
			return acc;
		}
	}
	return -1;
}

static int gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Moves to the next period; false when the rule can go no further. Costs *steps. */
static bool advance(struct gen *g, long *steps)
{
	switch (g->freq) {
	case CAL_FREQ_YEARLY:
		g->month += 12LL * g->interval;
		break;
	case CAL_FREQ_MONTHLY:
		g->month += g->interval;
		break;
	case CAL_FREQ_WEEKLY:
		g->dayno = g->dayno - floor_mod(weekday_of_day(g->dayno) - g->wkst, 7) + 7LL * g->interval;
		break;
	case CAL_FREQ_DAILY:
		g->dayno += g->interval;
		break;
	case CAL_FREQ_HOURLY: {
		if (g->filtered) /* one step before the next day */
			g->hour += ((23 - g->hour) / g->interval) * g->interval;
		long long ndays;
		if (g->p->has[P_BYHOUR]) {
			ndays = mod_distance(g, &g->hour, g->byhour, 24);
			if (ndays < 0)
				return false;
		} else {
			long long h = (long long)g->hour + g->interval;
			ndays = floor_div(h, 24);
			g->hour = (int)floor_mod(h, 24);
		}
		g->dayno += ndays;
		sub_times(g);
		break;
	}
	case CAL_FREQ_MINUTELY:
	case CAL_FREQ_SECONDLY: {
		long long minute = g->minute;
		if (g->filtered)
			minute += ((1439 - (g->hour * 60 + g->minute)) / g->interval) * g->interval;
		bool valid = false;
		int rep = 1440 / gcd(g->interval, 1440);
		long long hour = g->hour;
		for (int j = 0; j < rep; j++) {
			long long nhours;
			if (g->p->has[P_BYMINUTE]) {
				/* minute may be past 59 after the jump above: bring it back first */
				hour += floor_div(minute, 60);
				int mv = (int)floor_mod(minute, 60);
				nhours = mod_distance(g, &mv, g->byminute, 60);
				if (nhours < 0)
					return false;
				minute = mv;
			} else {
				long long mm = minute + g->interval;
				nhours = floor_div(mm, 60);
				minute = floor_mod(mm, 60);
			}
			hour += nhours;
			g->dayno += floor_div(hour, 24);
			hour = floor_mod(hour, 24);
			if ((j & 63) == 63)
				(*steps)++;
			if (!g->p->has[P_BYHOUR] || g->byhour[hour]) {
				valid = true;
				break;
			}
		}
		if (!valid)
			return false;
		g->hour = (int)hour;
		g->minute = (int)minute;
		sub_times(g);
		break;
	}
	}
	return true;
}

/* The next period: its days filtered, the times they get, BYSETPOS applied. Its output stays in days, times
 * and pos until the next call. 0, 1 when the rule is over (the horizon, or stop_w passed), -1 when the budget
 * ran out. */
static int gen_period(struct gen *g, long long stop_w, long *budget)
{
	long steps = 1;
	g->ndays = g->npos = g->di = g->ti = g->ipos = 0;
	g->ntimes = 0;
	if (g->over)
		return 1;
	if (g->started && !advance(g, &steps)) {
		g->over = true;
		return 1;
	}
	g->started = true;
	int first = 0, last = 0; /* day indices [first, last) of the year built */
	int year;
	long long dayno;
	if (g->freq == CAL_FREQ_YEARLY || g->freq == CAL_FREQ_MONTHLY) {
		year = (int)floor_div(g->month, 12);
		int month = (int)floor_mod(g->month, 12) + 1;
		if (year > HORIZON_YEAR) {
			g->over = true;
			return 1;
		}
		build_year(g, year);
		build_nwd(g, month);
		if (g->freq == CAL_FREQ_YEARLY) {
			first = 0;
			last = g->yearlen;
		} else {
			first = g->mrange[month - 1];
			last = g->mrange[month];
		}
		dayno = g->yearordinal + first;
	} else {
		int m, d;
		date_civil_from_days(g->dayno, &year, &m, &d);
		if (year > HORIZON_YEAR) {
			g->over = true;
			return 1;
		}
		build_year(g, year);
		dayno = g->dayno;
		first = (int)(g->dayno - g->yearordinal);
		last = first + 1;
		if (g->freq == CAL_FREQ_WEEKLY) {
			int i = first;
			for (int j = 0; j < 7; j++) {
				i++;
				if (wday_at(g, i) == g->wkst)
					break;
			}
			last = i;
		}
	}
	if (dayno * 86400 > stop_w) {
		g->over = true;
		return 1;
	}
	steps += (last - first) / 8;
	if (*budget < steps) {
		*budget = 0;
		return -1;
	}
	*budget -= steps;
	g->filtered = false;
	for (int i = first; i < last; i++) {
		if (day_passes(g, i))
			g->days[g->ndays++] = i;
		else
			g->filtered = true;
	}
	g->times = g->freq >= CAL_FREQ_DAILY ? g->timeset : g->subset;
	g->ntimes = g->freq >= CAL_FREQ_DAILY ? g->ntimeset : g->nsubset;
	g->use_pos = g->nsetpos && g->ntimes;
	if (g->use_pos) {
		long long T = g->ntimes;
		for (int k = 0; k < g->nsetpos; k++) {
			long long pos = g->setpos[k], daypos, timepos;
			if (pos < 0) {
				daypos = floor_div(pos, T);
				timepos = floor_mod(pos, T);
			} else {
				daypos = (pos - 1) / T;
				timepos = (pos - 1) % T;
			}
			long long idx = daypos < 0 ? g->ndays + daypos : daypos;
			if (idx < 0 || idx >= g->ndays)
				continue;
			long long w = (g->yearordinal + g->days[idx]) * 86400 + g->times[timepos];
			bool dup = false;
			for (int j = 0; j < g->npos && !dup; j++)
				dup = g->pos[j] == w;
			if (!dup)
				g->pos[g->npos++] = w;
		}
		qsort(g->pos, (size_t)g->npos, sizeof *g->pos, cmp_ll);
	}
	return 0;
}

/* The next candidate of the rule (wall seconds), at or after DTSTART: 1, 0 when over, -1 budget spent. */
static int gen_next(struct gen *g, long long stop_w, long *budget, long long *out)
{
	for (;;) {
		if (g->use_pos) {
			while (g->ipos < g->npos) {
				long long w = g->pos[g->ipos++];
				if (w >= g->dtstart_w) {
					*out = w;
					return 1;
				}
			}
		} else {
			while (g->di < g->ndays && g->ntimes) {
				long long w = (g->yearordinal + g->days[g->di]) * 86400 + g->times[g->ti];
				if (++g->ti == g->ntimes) {
					g->ti = 0;
					g->di++;
				}
				if (w >= g->dtstart_w) {
					*out = w;
					return 1;
				}
			}
		}
		int r = gen_period(g, stop_w, budget);
		if (r != 0)
			return r > 0 ? 0 : -1;
	}
}

static void gen_free(struct gen *g)
{
	if (g)
		free(g->timeset);
	free(g);
}

/* ---- the walk ---- */

struct cal_walk {
	struct cal_rule rule;
	bool has_rule;
	struct gen *g;
	cal_local dtstart;
	long long dtstart_w;
	long long until_w; /* no member after this wall time (a bound; the exact test is until_ok) */
	long long until_utc;
	const cal_zone *zone;
	long *budget;

	long long lo, hi, end; /* current range, and where walking stops */
	long long emitted;     /* members so far, DTSTART included (for COUNT) */
	long long last;        /* the last member, for skipping repeats */
	bool dtstart_done, done;
};

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

/* The last wall second produced. */
static long long cap_wall(void)
{
	cal_local t = {HORIZON_YEAR, 12, 31, 23, 59, 59};
	return cal_local_wall(t);
}

cal_walk *cal_walk_new(const char *rrule, cal_local dtstart, bool all_day, const cal_zone *zone, long *budget,
                       char *err, size_t errlen)
{
	if (!cal_local_valid(dtstart)) {
		fail(err, errlen, "the start is not a valid date and time");
		return NULL;
	}
	cal_walk *w = calloc(1, sizeof *w);
	if (!w) {
		fail(err, errlen, "out of memory");
		return NULL;
	}
	w->dtstart = dtstart;
	w->dtstart_w = cal_local_wall(dtstart);
	w->zone = zone;
	w->budget = budget;
	w->has_rule = rrule && *rrule;
	w->until_w = cap_wall();
	if (w->has_rule) {
		struct cal_rule *p = &w->rule;
		cal_rule_problem why;
		if (rule_read(rrule, p, &why) < 0) {
			fail(err, errlen, "%s", why.detail);
			goto fail;
		}
		if (all_day && (p->freq < CAL_FREQ_DAILY || p->has[P_BYHOUR] || p->has[P_BYMINUTE] || p->has[P_BYSECOND])) {
			fail(err, errlen, "an all-day series repeats by whole days: FREQ below DAILY and BYHOUR, BYMINUTE, "
			     "BYSECOND do not fit");
			goto fail;
		}
		if (p->until_kind == UNTIL_UTC) {
			long long u = cal_local_wall(p->until); /* UTC fields: the wall clock of UTC is unix time */
			w->until_utc = u;
			/* the wall clock in the zone at that instant, plus a day for the zone's oddities */
			long long bound = cal_local_wall(cal_zone_to_local(zone, u)) + 86400;
			if (bound < w->until_w)
				w->until_w = bound;
		} else if (p->until_kind == UNTIL_DATE || p->until_kind == UNTIL_FLOATING) {
			long long bound = cal_local_wall(p->until) + (p->until_kind == UNTIL_DATE ? 86399 : 0);
			if (bound < w->until_w)
				w->until_w = bound;
		}
		w->g = calloc(1, sizeof *w->g);
		if (!w->g) {
			fail(err, errlen, "out of memory");
			goto fail;
		}
		if (gen_setup(w->g, p, dtstart, err, errlen) < 0)
			goto fail;
	}
	cal_walk_range(w, dtstart, cal_wall_local(cap_wall()));
	return w;
fail:
	cal_walk_free(w);
	return NULL;
}

void cal_walk_range(cal_walk *w, cal_local lo, cal_local hi)
{
	w->lo = cal_local_wall(lo);
	w->hi = cal_local_wall(hi);
	w->end = w->hi;
	if (w->has_rule && w->until_w < w->end)
		w->end = w->until_w;
	if (cap_wall() < w->end)
		w->end = cap_wall();
	/* start at lo when nothing before it matters (COUNT counts from DTSTART) */
	if (w->has_rule) {
		bool from_start = w->rule.count || w->lo <= w->dtstart_w;
		gen_start(w->g, w->dtstart, from_start ? w->dtstart_w : w->lo);
	}
	w->emitted = 0;
	w->last = LLONG_MIN;
	w->dtstart_done = false;
	w->done = false;
}

static bool until_ok(const cal_walk *w, long long x)
{
	switch (w->rule.until_kind) {
	case UNTIL_UTC:
		return cal_zone_to_utc(w->zone, cal_wall_local(x)) <= w->until_utc;
	case UNTIL_DATE:
	case UNTIL_FLOATING:
		return x <= w->until_w;
	case UNTIL_NONE:
		break;
	}
	return true;
}

int cal_walk_next(cal_walk *w, cal_local *out, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	if (w->done)
		return 0;
	if (!w->dtstart_done) {
		w->dtstart_done = true;
		w->emitted = 1;
		w->last = w->dtstart_w;
		if (w->dtstart_w > w->hi) {
			w->done = true;
			return 0;
		}
		if (w->dtstart_w >= w->lo) {
			*out = w->dtstart;
			return 1;
		}
	}
	if (!w->has_rule || (w->rule.count && w->emitted >= w->rule.count)) {
		w->done = true;
		return 0;
	}
	for (;;) {
		if (*w->budget <= 0) {
			w->done = true;
			return -1;
		}
		long long x;
		int r = gen_next(w->g, w->end, w->budget, &x);
		if (r <= 0) {
			w->done = true;
			return r;
		}
		(*w->budget)--;
		if (x <= w->last) /* DTSTART, when the rule gives it too */
			continue;
		if (x > w->end || !until_ok(w, x)) {
			w->done = true;
			return 0;
		}
		w->last = x;
		w->emitted++;
		if (w->rule.count && w->emitted >= w->rule.count) {
			w->done = true;
			if (x < w->lo)
				return 0;
		}
		if (x < w->lo)
			continue;
		*out = cal_wall_local(x);
		return 1;
	}
}

int cal_walk_produces(cal_walk *w)
{
	if (!w->has_rule)
		return 0;
	long budget = PRODUCES_BUDGET;
	gen_start(w->g, w->dtstart, w->dtstart_w);
	long long x;
	int r;
	while ((r = gen_next(w->g, cap_wall(), &budget, &x)) == 1)
		if (x > w->dtstart_w)
			break;
	cal_walk_range(w, w->dtstart, cal_wall_local(cap_wall()));
	return r;
}

int cal_walk_rule_first(cal_walk *w, cal_local *first)
{
	if (!w->has_rule)
		return 0;
	long budget = PRODUCES_BUDGET;
	gen_start(w->g, w->dtstart, w->dtstart_w);
	long long x;
	int r = gen_next(w->g, cap_wall(), &budget, &x);
	cal_walk_range(w, w->dtstart, cal_wall_local(cap_wall()));
	if (r == 1)
		*first = cal_wall_local(x);
	return r;
}

void cal_walk_free(cal_walk *w)
{
	if (!w)
		return;
	gen_free(w->g);
	free(w);
}
