/* rrule.c - RRULE validation, and a bounded walk over libical's recurrence iterator in chunks. */
#include "cal/rrule.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

/*
 * How the walk stays bounded. libical's iterator stops only at UNTIL, COUNT or the year 2582, and one
 * icalrecur_iterator_next() call scans instant by instant until one passes every BYxxx limit: for
 * FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30 that is 12 s inside a single call (measured, libical 3.0.16). So the
 * walk never hands libical the real UNTIL or COUNT: it iterates chunks of wall-clock time, giving each
 * chunk's iterator the chunk's end as UNTIL, so no call can scan past it; COUNT and the real UNTIL are
 * applied here. A chunk spans CHUNK_STEPS scan units and costs its unit count from the budget up front, plus
 * one step per result. A unit is what libical may have to reject candidate by candidate: the FREQ's step
 * times INTERVAL up to DAILY, a day for WEEKLY or MONTHLY limited by BYMONTH, else a week; YEARLY expands a
 * year at a time (about 15 us), counted as 30 days.
 *
 * Continuing at a chunk boundary, or jumping to a window far from DTSTART, uses icalrecur_iterator_set_start
 * where libical 3.0.16 gets it right (checked against full iteration: DAILY, WEEKLY, MONTHLY, YEARLY without
 * BYWEEKNO). It is wrong for SECONDLY/MINUTELY/HOURLY (ignores INTERVAL's phase), so those restart from a
 * new DTSTART on an in-phase period boundary, with the BYSECOND/BYMINUTE values libical would take from
 * DTSTART written into the rule. YEARLY with BYWEEKNO cannot jump: it walks from DTSTART in one piece.
 * set_start refuses rules with COUNT, and COUNT needs every member from DTSTART anyway: such walks start at
 * DTSTART and count.
 *
 * Iteration is in floating time (no zone on DTSTART): with a zone, libical 3.0.16 moves a start that falls
 * in a DST gap (02:00 -> 03:00) and keeps the moved hour for the following occurrences. Starts are wall
 * clock; the caller converts them with the series zone.
 */

#define CHUNK_STEPS 4096
#define MAX_RULE_LEN 1024

enum part {
	P_FREQ,
	P_UNTIL,
	P_COUNT,
	P_INTERVAL,
	P_BYSECOND,
	P_BYMINUTE,
	P_BYHOUR,
	P_BYDAY,
	P_BYMONTHDAY,
	P_BYYEARDAY,
	P_BYWEEKNO,
	P_BYMONTH,
	P_BYSETPOS,
	P_WKST,
	P__MAX
};

/* Numeric lists: values lo..hi, or -hi..-lo as well when sign; at most maxn values (libical's arrays hold
 * one more than that; a full array makes its parser write past the end). For BYDAY, lo..hi is the ordinal. */
static const struct part_def {
	const char *name;
	int lo, hi;
	bool sign;
	int maxn;
} part_defs[P__MAX] = {
	[P_FREQ] = {"FREQ", 0, 0, false, 0},
	[P_UNTIL] = {"UNTIL", 0, 0, false, 0},
	[P_COUNT] = {"COUNT", 0, 0, false, 0},
	[P_INTERVAL] = {"INTERVAL", 0, 0, false, 0},
	[P_BYSECOND] = {"BYSECOND", 0, 59, false, 60},
	[P_BYMINUTE] = {"BYMINUTE", 0, 59, false, 60},
	[P_BYHOUR] = {"BYHOUR", 0, 23, false, 24},
	[P_BYDAY] = {"BYDAY", 1, 53, true, 100},
	[P_BYMONTHDAY] = {"BYMONTHDAY", 1, 31, true, 31},
	[P_BYYEARDAY] = {"BYYEARDAY", 1, 366, true, 366},
	[P_BYWEEKNO] = {"BYWEEKNO", 1, 53, true, 53},
	[P_BYMONTH] = {"BYMONTH", 1, 12, false, 12},
	[P_BYSETPOS] = {"BYSETPOS", 1, 366, true, 366},
	[P_WKST] = {"WKST", 0, 0, false, 0},
};

static const char *const freq_names[] = {
	[ICAL_SECONDLY_RECURRENCE] = "SECONDLY", [ICAL_MINUTELY_RECURRENCE] = "MINUTELY",
	[ICAL_HOURLY_RECURRENCE] = "HOURLY",     [ICAL_DAILY_RECURRENCE] = "DAILY",
	[ICAL_WEEKLY_RECURRENCE] = "WEEKLY",     [ICAL_MONTHLY_RECURRENCE] = "MONTHLY",
	[ICAL_YEARLY_RECURRENCE] = "YEARLY",
};

static const char *const weekdays[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

enum until_kind { UNTIL_NONE, UNTIL_UTC, UNTIL_DATE, UNTIL_FLOATING };

/* A rule as validated here, and the libical struct to iterate (without COUNT and UNTIL). */
struct rule {
	struct icalrecurrencetype r;
	icalrecurrencetype_frequency freq;
	int interval;
	long long count; /* 0: none */
	enum until_kind until_kind;
	cal_local until; /* as written; UTC fields for UNTIL_UTC */
	bool has[P__MAX];
	int n[P__MAX];
	unsigned months;     /* bit m: BYMONTH lists m */
	bool monthday[63];   /* [d + 31]: BYMONTHDAY lists d */
	bool yearday[733];   /* [d + 366]: BYYEARDAY lists d */
	int byday_ord[100];  /* BYDAY entries: ordinal (0: every) */
	int setpos[366];
	int byday_plain;     /* BYDAY entries without an ordinal */
	int byday_max_ord;   /* largest |ordinal| */
};

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

/* A whole number of 1..maxd digits, optionally signed; *v gets it. */
static bool parse_int(const char *s, bool sign_ok, int maxd, int *v)
{
	int neg = 0, n = 0, val = 0;
	if (sign_ok && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > maxd)
			return false;
		val = val * 10 + (*s - '0');
	}
	if (n == 0 || *s)
		return false;
	*v = neg ? -val : val;
	return true;
}

static int weekday_index(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (strcasecmp(s, weekdays[i]) == 0)
			return i;
	return -1;
}

static int parse_until(const char *v, struct rule *p)
{
	size_t n = strlen(v);
	cal_local t = {0, 0, 0, 0, 0, 0};
	int y, mo, d, h = 0, mi = 0, s = 0;
	char ys[5], ms[3], ds[3], hs[3], mis[3], ss[3];
	if (n != 8 && n != 15 && n != 16)
		return -1;
	if (n >= 15 && (v[8] != 'T' || (n == 16 && v[15] != 'Z')))
		return -1;
	memcpy(ys, v, 4), ys[4] = 0;
	memcpy(ms, v + 4, 2), ms[2] = 0;
	memcpy(ds, v + 6, 2), ds[2] = 0;
	if (!parse_int(ys, false, 4, &y) || !parse_int(ms, false, 2, &mo) || !parse_int(ds, false, 2, &d))
		return -1;
	if (n >= 15) {
		memcpy(hs, v + 9, 2), hs[2] = 0;
		memcpy(mis, v + 11, 2), mis[2] = 0;
		memcpy(ss, v + 13, 2), ss[2] = 0;
		if (!parse_int(hs, false, 2, &h) || !parse_int(mis, false, 2, &mi) || !parse_int(ss, false, 2, &s))
			return -1;
	}
	t.year = y, t.month = mo, t.day = d, t.hour = h, t.minute = mi, t.second = s;
	if (!cal_local_valid(t))
		return -1;
	p->until = t;
	p->until_kind = n == 8 ? UNTIL_DATE : n == 16 ? UNTIL_UTC : UNTIL_FLOATING;
	return 0;
}

static int parse_list(enum part k, char *v, struct rule *p, char *err, size_t errlen)
{
	const struct part_def *def = &part_defs[k];
	char *save = NULL;
	if (*v == '\0' || v[strlen(v) - 1] == ',')
		return fail(err, errlen, "%s has an empty value", def->name);
	for (char *item = strtok_r(v, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (p->n[k] >= def->maxn)
			return fail(err, errlen, "%s lists more than %d values", def->name, def->maxn);
		int val = 0;
		if (k == P_BYDAY) {
			size_t len = strlen(item);
			int wd = len >= 2 ? weekday_index(item + len - 2) : -1;
			char num[8];
			if (wd < 0 || len - 2 >= sizeof num)
				return fail(err, errlen, "BYDAY value '%.20s' is not a weekday (MO..SU, or numbered like 2TU, -1FR)",
				            item);
			memcpy(num, item, len - 2);
			num[len - 2] = '\0';
			if (num[0] && (!parse_int(num, true, 2, &val) || val == 0 || abs(val) > def->hi))
				return fail(err, errlen, "BYDAY value '%.20s': the number must be 1 to 53 or -53 to -1", item);
			p->byday_ord[p->n[k]] = val;
			if (val == 0)
				p->byday_plain++;
			else if (abs(val) > p->byday_max_ord)
				p->byday_max_ord = abs(val);
		} else {
			bool ok = parse_int(item, def->sign, 3, &val);
			if (ok && def->sign)
				ok = val != 0 && abs(val) >= def->lo && abs(val) <= def->hi;
			else if (ok)
				ok = val >= def->lo && val <= def->hi;
			if (!ok) {
				if (def->sign)
					return fail(err, errlen, "%s value '%.20s' is out of range (%d to %d or -%d to -%d)",
					            def->name, item, def->lo, def->hi, def->hi, def->lo);
				return fail(err, errlen, "%s value '%.20s' is out of range (%d to %d)", def->name, item, def->lo,
				            def->hi);
			}
			if (k == P_BYMONTH)
				p->months |= 1u << val;
			else if (k == P_BYMONTHDAY)
				p->monthday[val + 31] = true;
			else if (k == P_BYYEARDAY)
				p->yearday[val + 366] = true;
			else if (k == P_BYSETPOS)
				p->setpos[p->n[k]] = val;
		}
		p->n[k]++;
	}
	return 0;
}

static int days_in(int month, bool leap)
{
	static const int dim[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month == 2 && leap ? 29 : dim[month];
}

/* Whether some day of a common or a leap year passes BYMONTH, BYMONTHDAY and BYYEARDAY together. */
static bool some_day_fits(const struct rule *p)
{
	for (int leap = 0; leap <= 1; leap++) {
		int diy = 365 + leap, doy = 0;
		for (int m = 1; m <= 12; m++) {
			int dim = days_in(m, leap);
			for (int d = 1; d <= dim; d++) {
				doy++;
				if (p->has[P_BYMONTH] && !(p->months & (1u << m)))
					continue;
				if (p->has[P_BYMONTHDAY] && !p->monthday[d + 31] && !p->monthday[d - dim - 1 + 31])
					continue;
				if (p->has[P_BYYEARDAY] && !p->yearday[doy + 366] && !p->yearday[doy - diy - 1 + 366])
					continue;
				return true;
			}
		}
	}
	return false;
}

/* Whether a numbered BYDAY (within a month) can land on a BYMONTHDAY, in a month BYMONTH allows. */
static bool byday_meets_monthday(const struct rule *p)
{
	for (int i = 0; i < p->n[P_BYDAY]; i++) {
		int n = p->byday_ord[i];
		if (n == 0)
			return true; /* every weekday falls on every day number sooner or later */
		for (int m = 1; m <= 12; m++) {
			if (p->has[P_BYMONTH] && !(p->months & (1u << m)))
				continue;
			for (int leap = 0; leap <= 1; leap++) {
				int len = days_in(m, leap);
				int a = n > 0 ? 7 * (n - 1) + 1 : len + 7 * n + 1;
				int b = n > 0 ? 7 * n : len + 7 * (n + 1);
				for (int d = a < 1 ? 1 : a; d <= b && d <= len; d++)
					if (p->monthday[d + 31] || p->monthday[d - len - 1 + 31])
						return true;
			}
		}
	}
	return false;
}

/* The most days one MONTHLY or YEARLY period can offer BYSETPOS (libical counts days, not instants). */
static int setpos_bound(const struct rule *p)
{
	int bydays = p->has[P_BYDAY] ? 0 : 1;
	int plain_per = p->freq == ICAL_MONTHLY_RECURRENCE || p->has[P_BYMONTH] ? 5 : 53;
	for (int i = 0; i < p->n[P_BYDAY]; i++)
		bydays += p->byday_ord[i] ? 1 : plain_per;
	int months = p->has[P_BYMONTH] ? p->n[P_BYMONTH] : 1;
	if (p->freq == ICAL_MONTHLY_RECURRENCE) {
		int b = p->has[P_BYMONTHDAY] ? p->n[P_BYMONTHDAY] : p->has[P_BYDAY] ? bydays : 1;
		return b > 31 ? 31 : b;
	}
	int b;
	if (p->has[P_BYYEARDAY])
		b = p->n[P_BYYEARDAY];
	else if (p->has[P_BYWEEKNO])
		b = p->n[P_BYWEEKNO] * (p->has[P_BYDAY] ? p->n[P_BYDAY] : 1);
	else if (p->has[P_BYMONTHDAY])
		b = p->n[P_BYMONTHDAY] * (p->has[P_BYMONTH] ? months : 12);
	else if (p->has[P_BYDAY])
		b = bydays * months;
	else
		b = months;
	return b > 366 ? 366 : b;
}

static int check_combinations(const struct rule *p, char *err, size_t errlen)
{
	const char *fq = freq_names[p->freq];
	bool monthly = p->freq == ICAL_MONTHLY_RECURRENCE, yearly = p->freq == ICAL_YEARLY_RECURRENCE;

	if (p->has[P_COUNT] && p->has[P_UNTIL])
		return fail(err, errlen, "UNTIL and COUNT cannot both be given");
	if (p->has[P_BYWEEKNO] && !yearly)
		return fail(err, errlen, "BYWEEKNO is only allowed with FREQ=YEARLY");
	if (p->has[P_BYYEARDAY] &&
	    (p->freq == ICAL_DAILY_RECURRENCE || p->freq == ICAL_WEEKLY_RECURRENCE || monthly))
		return fail(err, errlen, "BYYEARDAY is not allowed with FREQ=%s", fq);
	if (p->has[P_BYMONTHDAY] && p->freq == ICAL_WEEKLY_RECURRENCE)
		return fail(err, errlen, "BYMONTHDAY is not allowed with FREQ=WEEKLY");
	if (p->byday_max_ord) {
		if (!monthly && !yearly)
			return fail(err, errlen, "numbered BYDAY values (like 2TU) need FREQ=MONTHLY or YEARLY");
		if (p->has[P_BYWEEKNO])
			return fail(err, errlen, "numbered BYDAY values (like 2TU) cannot be combined with BYWEEKNO");
		if ((monthly || p->has[P_BYMONTH]) && p->byday_max_ord > 5)
			return fail(err, errlen, "BYDAY numbered %d never happens: a month has at most 5 of each weekday",
			            p->byday_max_ord);
	}
	/* libical 3.0 does not implement these (its expansion sets ICAL_UNIMPLEMENTED_ERROR). */
	if (yearly && p->has[P_BYYEARDAY] && (p->has[P_BYWEEKNO] || p->has[P_BYMONTH] || p->has[P_BYMONTHDAY]))
		return fail(err, errlen, "FREQ=YEARLY with BYYEARDAY cannot also use BYMONTH, BYMONTHDAY or BYWEEKNO");
	if (yearly && p->has[P_BYWEEKNO] && (p->has[P_BYMONTHDAY] || (p->has[P_BYMONTH] && !p->has[P_BYDAY])))
		return fail(err, errlen, "FREQ=YEARLY with BYWEEKNO cannot also use BYMONTHDAY, or BYMONTH without BYDAY");

	if ((p->has[P_BYMONTH] + p->has[P_BYMONTHDAY] + p->has[P_BYYEARDAY]) >= 2 && !some_day_fits(p))
		return fail(err, errlen, "%s never fall on the same day",
		            !p->has[P_BYYEARDAY]   ? "BYMONTHDAY and BYMONTH"
		            : !p->has[P_BYMONTHDAY] ? "BYYEARDAY and BYMONTH"
		            : !p->has[P_BYMONTH]    ? "BYMONTHDAY and BYYEARDAY"
		                                    : "BYMONTHDAY, BYYEARDAY and BYMONTH");
	if (p->byday_max_ord && p->has[P_BYMONTHDAY] && (monthly || p->has[P_BYMONTH]) && !byday_meets_monthday(p))
		return fail(err, errlen, "the numbered BYDAY values never fall on a BYMONTHDAY");

	if (p->has[P_BYSETPOS]) {
		if (!monthly && !yearly)
			return fail(err, errlen, "BYSETPOS is only supported with FREQ=MONTHLY or YEARLY");
		bool other = false;
		for (int k = P_BYSECOND; k <= P_BYMONTH; k++)
			other |= p->has[k];
		if (!other)
			return fail(err, errlen, "BYSETPOS needs another BY part (such as BYDAY) to choose from");
		if (p->n[P_BYHOUR] > 1 || p->n[P_BYMINUTE] > 1 || p->n[P_BYSECOND] > 1)
			return fail(err, errlen, "BYSETPOS cannot be combined with several BYHOUR, BYMINUTE or BYSECOND values");
		int bound = setpos_bound(p);
		for (int i = 0; i < p->n[P_BYSETPOS]; i++)
			if (abs(p->setpos[i]) > bound)
				return fail(err, errlen, "BYSETPOS=%d never matches: a %s has at most %d candidate day%s",
				            p->setpos[i], monthly ? "month" : "year", bound, bound == 1 ? "" : "s");
	}
	return 0;
}

/* Parses and validates; on success p->r is libical's reading of the text with COUNT and UNTIL removed. */
static int rule_parse(const char *text, struct rule *p, char *err, size_t errlen)
{
	char buf[MAX_RULE_LEN + 1];
	memset(p, 0, sizeof *p);
	if (!text || !*text)
		return fail(err, errlen, "the rule is empty");
	size_t len = strlen(text);
	if (len > MAX_RULE_LEN)
		return fail(err, errlen, "the rule is longer than %d characters", MAX_RULE_LEN);
	if (strncasecmp(text, "RRULE:", 6) == 0)
		return fail(err, errlen, "write the rule without the RRULE: prefix");
	memcpy(buf, text, len + 1);
	if (buf[len - 1] == ';') /* a trailing ';', as some clients write */
		buf[--len] = '\0';

	p->interval = 1;
	char *rest = buf;
	while (rest) {
		char *item = rest, *semi = strchr(rest, ';');
		rest = semi ? semi + 1 : NULL;
		if (semi)
			*semi = '\0';
		char *eq = strchr(item, '=');
		if (!*item)
			return fail(err, errlen, "the rule has an empty part (two ';' in a row)");
		if (!eq)
			return fail(err, errlen, "'%.20s' is not NAME=VALUE", item);
		*eq = '\0';
		char *val = eq + 1;
		int k = 0;
		while (k < P__MAX && strcasecmp(item, part_defs[k].name) != 0)
			k++;
		if (k == P__MAX)
			return fail(err, errlen, "unknown rule part '%.20s'", item);
		if (p->has[k])
			return fail(err, errlen, "%s is given twice", part_defs[k].name);
		p->has[k] = true;
		int v = 0;
		switch ((enum part)k) {
		case P_FREQ: {
			int f = ICAL_SECONDLY_RECURRENCE;
			while (f <= ICAL_YEARLY_RECURRENCE && strcasecmp(val, freq_names[f]) != 0)
				f++;
			if (f > ICAL_YEARLY_RECURRENCE)
				return fail(err, errlen, "FREQ must be SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY");
			p->freq = (icalrecurrencetype_frequency)f;
			break;
		}
		case P_UNTIL:
			if (parse_until(val, p) < 0)
				return fail(err, errlen, "UNTIL must be a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)");
			break;
		case P_COUNT: {
			/* libical keeps COUNT in an int: up to 10 digits, compared as long long. */
			size_t n = strlen(val);
			long long c = n >= 1 && n <= 10 && strspn(val, "0123456789") == n ? strtoll(val, NULL, 10) : 0;
			if (c < 1 || c > INT_MAX)
				return fail(err, errlen, "COUNT must be a whole number from 1 to %d", INT_MAX);
			p->count = c;
			break;
		}
		case P_INTERVAL:
			if (!parse_int(val, false, 5, &v) || v < 1 || v > SHRT_MAX)
				return fail(err, errlen, "INTERVAL must be a whole number from 1 to %d", SHRT_MAX);
			p->interval = v;
			break;
		case P_WKST:
			if (weekday_index(val) < 0)
				return fail(err, errlen, "WKST must be a weekday (MO, TU, WE, TH, FR, SA or SU)");
			break;
		default:
			if (parse_list((enum part)k, val, p, err, errlen) < 0)
				return -1;
			break;
		}
	}
	if (!p->has[P_FREQ])
		return fail(err, errlen, "FREQ is missing");
	if (check_combinations(p, err, errlen) < 0)
		return -1;

	icalerror_clear_errno();
	p->r = icalrecurrencetype_from_string(text);
	bool bad = icalerrno != ICAL_NO_ERROR || p->r.freq != p->freq;
	icalerror_clear_errno();
	if (p->r.rscale) { /* never set without RSCALE, which is refused above; free defensively */
		free(p->r.rscale);
		p->r.rscale = NULL;
	}
	if (bad)
		return fail(err, errlen, "the calendar library could not read the rule");
	p->r.count = 0;
	p->r.until = icaltime_null_time();
	return 0;
}

static struct icaltimetype floating(long long wall)
{
	cal_local l = cal_wall_local(wall);
	struct icaltimetype t = icaltime_null_time();
	t.year = l.year;
	t.month = l.month;
	t.day = l.day;
	t.hour = l.hour;
	t.minute = l.minute;
	t.second = l.second;
	return t;
}

static long long wall_of(struct icaltimetype t)
{
	cal_local l = {t.year, t.month, t.day, t.hour, t.minute, t.second};
	return cal_local_wall(l);
}

/* Whether libical builds an iterator for the rule from dtstart (it gives up when no period matches before
 * the year 20000; for a monthly rule that search alone takes about 1.6 s, which is why the checks above
 * refuse the usual impossible rules first). */
static bool iterator_builds(const struct rule *p, long long dtstart)
{
	icalerror_clear_errno();
	icalrecur_iterator *it = icalrecur_iterator_new(p->r, floating(dtstart));
	bool ok = it != NULL && icalerrno == ICAL_NO_ERROR;
	if (it)
		icalrecur_iterator_free(it);
	icalerror_clear_errno();
	return ok;
}

int cal_rrule_check(const char *rrule, char *err, size_t errlen)
{
	struct rule *p = malloc(sizeof *p);
	if (!p)
		return fail(err, errlen, "out of memory");
	int rc = rule_parse(rrule, p, err, errlen);
	/* A sample start (Monday 2024-01-01 09:00); cal_walk_new repeats this with the series' own start. */
	cal_local sample = {2024, 1, 1, 9, 0, 0};
	if (rc == 0 && !iterator_builds(p, cal_local_wall(sample)))
		rc = fail(err, errlen, "the rule never produces an occurrence");
	free(p);
	return rc;
}

/* ---- the walk ---- */

enum jump { JUMP_SET_START, JUMP_REANCHOR, JUMP_NONE };

struct cal_walk {
	struct rule rule;
	bool has_rule;
	cal_local dtstart;
	long long dtstart_w;
	long long unit;   /* wall seconds one budget step scans */
	long long period; /* REANCHOR: length of the FREQ's period (1, 60 or 3600 s) */
	enum jump jump;
	long long until_w; /* no member after this wall time (a bound; the exact test is until_ok) */
	long long until_utc;
	const cal_zone *zone;
	long *budget;

	long long lo, hi, end; /* current range, and where walking stops */
	long long pos;         /* the next chunk starts here */
	long long chunk_end;
	icalrecur_iterator *it;
	long long anchor;      /* REANCHOR: the substitute DTSTART of this chunk, or LLONG_MIN */
	long long emitted;     /* members so far, DTSTART included (for COUNT) */
	long long last;        /* the last member, for skipping repeats */
	bool dtstart_done, done;
};

/* Last wall second libical produces (it stops after the year 2582). */
static long long cap_wall(void)
{
	cal_local t = {2582, 12, 31, 23, 59, 59};
	return cal_local_wall(t);
}

static bool in_list(const short *a, int size, int v)
{
	for (int i = 0; i < size && a[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (a[i] == v)
			return true;
	return false;
}

static void set_single(short *a, int v)
{
	a[0] = (short)v;
	a[1] = ICAL_RECURRENCE_ARRAY_MAX;
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
	if (w->has_rule) {
		struct rule *p = &w->rule;
		if (rule_parse(rrule, p, err, errlen) < 0)
			goto fail;
		if (all_day && (p->freq < ICAL_DAILY_RECURRENCE || p->has[P_BYHOUR] || p->has[P_BYMINUTE] ||
		                p->has[P_BYSECOND])) {
			fail(err, errlen, "an all-day series repeats by whole days: FREQ=%s and BYHOUR, BYMINUTE, BYSECOND "
			     "do not fit", freq_names[p->freq]);
			goto fail;
		}
		switch (p->freq) {
		case ICAL_SECONDLY_RECURRENCE:
			w->period = 1;
			break;
		case ICAL_MINUTELY_RECURRENCE:
			w->period = 60;
			break;
		case ICAL_HOURLY_RECURRENCE:
			w->period = 3600;
			break;
		default:
			w->period = 0;
			break;
		}
		if (w->period) {
			/* Write down the defaults libical takes from DTSTART, so that a substitute DTSTART on a period
			 * boundary generates the same instants. */
			w->jump = JUMP_REANCHOR;
			w->unit = w->period * p->interval;
			if (p->freq != ICAL_SECONDLY_RECURRENCE && !p->has[P_BYSECOND])
				set_single(p->r.by_second, dtstart.second);
			if (p->freq == ICAL_HOURLY_RECURRENCE && !p->has[P_BYMINUTE])
				set_single(p->r.by_minute, dtstart.minute);
		} else {
			w->jump = p->freq == ICAL_YEARLY_RECURRENCE && p->has[P_BYWEEKNO] ? JUMP_NONE : JUMP_SET_START;
			/* What libical may reject one by one: days for DAILY (BYDAY, BYMONTH, BYMONTHDAY limit them)
			 * and for WEEKLY/MONTHLY limited by BYMONTH; otherwise whole weeks, or years for YEARLY. */
			if (p->freq == ICAL_DAILY_RECURRENCE)
				w->unit = 86400LL * p->interval;
			else if (p->freq == ICAL_YEARLY_RECURRENCE)
				w->unit = 30 * 86400LL;
			else
				w->unit = p->has[P_BYMONTH] ? 86400 : 7 * 86400LL;
		}
		w->until_w = cap_wall();
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
		if (!iterator_builds(p, w->dtstart_w)) {
			fail(err, errlen, "the rule never produces an occurrence from this start");
			goto fail;
		}
	}
	cal_walk_range(w, dtstart, cal_wall_local(cap_wall()));
	return w;
fail:
	free(w);
	return NULL;
}

static void close_chunk(cal_walk *w)
{
	if (w->it)
		icalrecur_iterator_free(w->it);
	w->it = NULL;
}

void cal_walk_range(cal_walk *w, cal_local lo, cal_local hi)
{
	close_chunk(w);
	w->lo = cal_local_wall(lo);
	w->hi = cal_local_wall(hi);
	w->end = w->hi;
	if (w->has_rule && w->until_w < w->end)
		w->end = w->until_w;
	if (cap_wall() < w->end)
		w->end = cap_wall();
	/* Jump straight to lo when nothing before it matters. */
	bool from_start = !w->has_rule || w->rule.count || w->jump == JUMP_NONE || w->lo <= w->dtstart_w;
	w->pos = from_start ? w->dtstart_w : w->lo;
	w->anchor = LLONG_MIN;
	w->emitted = 0;
	w->last = LLONG_MIN;
	w->dtstart_done = false;
	w->done = false;
}

/* Whether the BYxxx values a period boundary would need include it (a substitute DTSTART that is not a real
 * instant must not be returned; libical returns DTSTART without checking the expanding parts). */
static bool anchor_is_member(const cal_walk *w, long long a)
{
	cal_local t = cal_wall_local(a);
	const struct icalrecurrencetype *r = &w->rule.r;
	if (w->rule.freq == ICAL_HOURLY_RECURRENCE && !in_list(r->by_minute, ICAL_BY_MINUTE_SIZE, t.minute))
		return false;
	if (w->rule.freq <= ICAL_HOURLY_RECURRENCE && w->rule.freq != ICAL_SECONDLY_RECURRENCE &&
	    !in_list(r->by_second, ICAL_BY_SECOND_SIZE, t.second))
		return false;
	return true;
}

/* 0 with w->it ready; 1 when the rule has nothing from w->pos on; -1 budget spent; -2 libical error. */
static int open_chunk(cal_walk *w, char *err, size_t errlen)
{
	long long cs = w->pos, ce = w->end, steps = 1;
	if (w->jump != JUMP_NONE) {
		long long span = (long long)CHUNK_STEPS * w->unit;
		if (cs + span - 1 < ce)
			ce = cs + span - 1;
		steps = (ce - cs) / w->unit + 1;
		if (steps > *w->budget && *w->budget > 1) { /* spend what is left on a shorter chunk */
			steps = *w->budget - 1;
			ce = cs + steps * w->unit - 1;
		}
	}
	if (steps >= *w->budget)
		return -1;
	*w->budget -= steps;

	struct icalrecurrencetype r = w->rule.r;
	r.until = floating(ce);
	long long start = w->dtstart_w;
	w->anchor = LLONG_MIN;
	if (w->jump == JUMP_REANCHOR && cs > w->dtstart_w) {
		long long a = w->dtstart_w + (cs - w->dtstart_w) / w->unit * w->unit; /* in phase with INTERVAL */
		a -= ((a % w->period) + w->period) % w->period;                        /* its period's first second */
		if (a > w->dtstart_w)
			start = w->anchor = a;
	}
	icalerror_clear_errno();
	w->it = icalrecur_iterator_new(r, floating(start));
	if (w->it && w->jump == JUMP_SET_START && cs > w->dtstart_w && !icalrecur_iterator_set_start(w->it, floating(cs))) {
		/* libical found no period at or after cs before its horizon (the year 2582): the rule is over. */
		close_chunk(w);
		icalerror_clear_errno();
		return 1;
	}
	if (!w->it || icalerrno != ICAL_NO_ERROR) {
		close_chunk(w);
		icalerror_clear_errno();
		fail(err, errlen, "the calendar library could not iterate the rule");
		return -2;
	}
	w->chunk_end = ce;
	return 0;
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
		if (!w->it) {
			if (w->pos > w->end) {
				w->done = true;
				return 0;
			}
			int rc = open_chunk(w, err, errlen);
			if (rc != 0) {
				w->done = true;
				return rc < 0 ? rc : 0;
			}
		}
		if (*w->budget <= 0) {
			w->done = true;
			close_chunk(w);
			return -1;
		}
		(*w->budget)--;
		icalerror_clear_errno();
		struct icaltimetype t = icalrecur_iterator_next(w->it);
		if (icalerrno != ICAL_NO_ERROR) {
			icalerror_clear_errno();
			w->done = true;
			close_chunk(w);
			fail(err, errlen, "the calendar library could not iterate the rule");
			return -2;
		}
		if (icaltime_is_null_time(t)) {
			close_chunk(w);
			w->pos = w->chunk_end + 1;
			continue;
		}
		long long x = wall_of(t);
		if (x <= w->last || x < w->pos) /* repeats (libical 3.0.16 can return DTSTART twice) */
			continue;
		if (x == w->anchor && !anchor_is_member(w, x))
			continue;
		if (x > w->end || !until_ok(w, x)) {
			w->done = true;
			close_chunk(w);
			return 0;
		}
		w->last = x;
		w->emitted++;
		if (w->rule.count && w->emitted >= w->rule.count) {
			w->done = true;
			close_chunk(w);
			if (x < w->lo)
				return 0;
		}
		if (x < w->lo)
			continue;
		*out = cal_wall_local(x);
		return 1;
	}
}

void cal_walk_free(cal_walk *w)
{
	if (!w)
		return;
	close_chunk(w);
	free(w);
}
