/* recur.c - the recurrence rule type: reading and checking RRULE text, libical's formatting and comparison,
 * the limits of what a meeting may be, and the form's plain-words builder. */
#include "cal/recur.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/rule.h"
#include "util/date.h"
#include "util/utf8.h"

/*
 * Why stricter than RFC 5545: the rules memocal stores go out in feeds, and Thunderbird and Evolution expand
 * them with libical 3.0. The combinations libical does not implement (its expansion sets
 * ICAL_UNIMPLEMENTED_ERROR), BYSETPOS outside MONTHLY and YEARLY, and the rules that can never produce a day
 * are refused here rather than shown one way in memocal and another in a subscriber's calendar. memocal's own
 * expansion (rrule.c) follows RFC 5545 for everything accepted.
 */

/* Numeric lists: values lo..hi, or -hi..-lo as well when sign; at most maxn values. For BYDAY, lo..hi is the
 * ordinal. */
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

static const char *const freq_names[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
static const char *const weekdays[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static int fail(cal_rule_problem *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(cal_rule_problem *why, const char *fmt, ...)
{
	if (why) {
		why->key = "rule.invalid";
		why->n = why->max = 0;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why->detail, sizeof why->detail, fmt, ap);
		va_end(ap);
		utf8_scrub(why->detail); /* a value quoted with "%.20s", or the message cut short, may end inside a letter */
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

static int parse_until(const char *v, struct cal_rule *p)
{
	size_t n = strlen(v);
	int f[6] = {0};
	static const int at[6] = {0, 4, 6, 9, 11, 13}, len[6] = {4, 2, 2, 2, 2, 2};
	if (n != 8 && n != 15 && n != 16)
		return -1;
	if (n >= 15 && (v[8] != 'T' || (n == 16 && v[15] != 'Z')))
		return -1;
	for (int i = 0; i < (n == 8 ? 3 : 6); i++)
		for (int k = 0; k < len[i]; k++) {
			char ch = v[at[i] + k];
			if (ch < '0' || ch > '9')
				return -1;
			f[i] = f[i] * 10 + (ch - '0');
		}
	cal_local t = {f[0], f[1], f[2], f[3], f[4], f[5]};
	if (!cal_local_valid(t))
		return -1;
	p->until = t;
	p->until_kind = n == 8 ? UNTIL_DATE : n == 16 ? UNTIL_UTC : UNTIL_FLOATING;
	return 0;
}

static int parse_list(enum rule_part k, char *v, struct cal_rule *p, cal_rule_problem *why)
{
	const struct part_def *def = &part_defs[k];
	char *save = NULL;
	if (*v == '\0' || v[strlen(v) - 1] == ',' || v[0] == ',' || strstr(v, ",,"))
		return fail(why, "%s has an empty value", def->name);
	for (char *item = strtok_r(v, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (p->n[k] >= def->maxn)
			return fail(why, "%s lists more than %d values", def->name, def->maxn);
		int val = 0;
		if (k == P_BYDAY) {
			size_t len = strlen(item);
			int wd = len >= 2 ? weekday_index(item + len - 2) : -1;
			char num[8];
			if (wd < 0 || len - 2 >= sizeof num)
				return fail(why, "BYDAY value '%.20s' is not a weekday (MO..SU, or numbered like 2TU, -1FR)", item);
			memcpy(num, item, len - 2);
			num[len - 2] = '\0';
			if (num[0] && (!parse_int(num, true, 2, &val) || val == 0 || abs(val) > def->hi))
				return fail(why, "BYDAY value '%.20s': the number must be 1 to 53 or -53 to -1", item);
			p->byday_wd[p->n[k]] = wd;
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
					return fail(why, "%s value '%.20s' is out of range (%d to %d or -%d to -%d)", def->name, item,
					            def->lo, def->hi, def->hi, def->lo);
				return fail(why, "%s value '%.20s' is out of range (%d to %d)", def->name, item, def->lo, def->hi);
			}
			if (k == P_BYMONTH)
				p->months |= 1u << val;
			else if (k == P_BYMONTHDAY)
				p->monthday[val + 31] = true;
			else if (k == P_BYYEARDAY)
				p->yearday[val + 366] = true;
		}
		p->vals[k][p->n[k]++] = val;
	}
	return 0;
}

/* Whether some day of a common or a leap year passes BYMONTH, BYMONTHDAY and BYYEARDAY together. */
static bool some_day_fits(const struct cal_rule *p)
{
	for (int leap = 0; leap <= 1; leap++) {
		int diy = 365 + leap, doy = 0;
		for (int m = 1; m <= 12; m++) {
			int dim = date_days_in_month(leap ? 2000 : 2001, m);
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
static bool byday_meets_monthday(const struct cal_rule *p)
{
	for (int i = 0; i < p->n[P_BYDAY]; i++) {
		int n = p->vals[P_BYDAY][i];
		if (n == 0)
			return true; /* every weekday falls on every day number sooner or later */
		for (int m = 1; m <= 12; m++) {
			if (p->has[P_BYMONTH] && !(p->months & (1u << m)))
				continue;
			for (int leap = 0; leap <= 1; leap++) {
				int len = date_days_in_month(leap ? 2000 : 2001, m);
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

/* How many different values a BY part lists. */
static int distinct(const struct cal_rule *p, enum rule_part k)
{
	int n = 0;
	for (int i = 0; i < p->n[k]; i++) {
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = p->vals[k][j] == p->vals[k][i] && (k != P_BYDAY || p->byday_wd[j] == p->byday_wd[i]);
		n += !seen;
	}
	return n;
}

/* The most days one MONTHLY or YEARLY period can offer BYSETPOS (candidates are days: several time-of-day
 * values with BYSETPOS are refused). */
static int setpos_bound(const struct cal_rule *p)
{
	int bydays = p->has[P_BYDAY] ? 0 : 1;
	int plain_per = p->freq == CAL_FREQ_MONTHLY || p->has[P_BYMONTH] ? 5 : 53;
	for (int i = 0; i < p->n[P_BYDAY]; i++)
		bydays += p->vals[P_BYDAY][i] ? 1 : plain_per;
	int months = p->has[P_BYMONTH] ? p->n[P_BYMONTH] : 1;
	if (p->freq == CAL_FREQ_MONTHLY) {
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

static int check_combinations(const struct cal_rule *p, cal_rule_problem *why)
{
	const char *fq = freq_names[p->freq];
	bool monthly = p->freq == CAL_FREQ_MONTHLY, yearly = p->freq == CAL_FREQ_YEARLY;

	if (p->has[P_COUNT] && p->has[P_UNTIL])
		return fail(why, "UNTIL and COUNT cannot both be given");
	if (p->has[P_BYWEEKNO] && !yearly)
		return fail(why, "BYWEEKNO is only allowed with FREQ=YEARLY");
	if (p->has[P_BYYEARDAY] && (p->freq == CAL_FREQ_DAILY || p->freq == CAL_FREQ_WEEKLY || monthly))
		return fail(why, "BYYEARDAY is not allowed with FREQ=%s", fq);
	if (p->has[P_BYMONTHDAY] && p->freq == CAL_FREQ_WEEKLY)
		return fail(why, "BYMONTHDAY is not allowed with FREQ=WEEKLY");
	if (p->byday_max_ord) {
		if (!monthly && !yearly)
			return fail(why, "numbered BYDAY values (like 2TU) need FREQ=MONTHLY or YEARLY");
		if (p->has[P_BYWEEKNO])
			return fail(why, "numbered BYDAY values (like 2TU) cannot be combined with BYWEEKNO");
		if ((monthly || p->has[P_BYMONTH]) && p->byday_max_ord > 5)
			return fail(why, "BYDAY numbered %d never happens: a month has at most 5 of each weekday",
			            p->byday_max_ord);
	}
	/* libical 3.0 does not implement these (its expansion sets ICAL_UNIMPLEMENTED_ERROR). */
	if (yearly && p->has[P_BYYEARDAY] && (p->has[P_BYWEEKNO] || p->has[P_BYMONTH] || p->has[P_BYMONTHDAY]))
		return fail(why, "FREQ=YEARLY with BYYEARDAY cannot also use BYMONTH, BYMONTHDAY or BYWEEKNO");
	if (yearly && p->has[P_BYWEEKNO] && (p->has[P_BYMONTHDAY] || (p->has[P_BYMONTH] && !p->has[P_BYDAY])))
		return fail(why, "FREQ=YEARLY with BYWEEKNO cannot also use BYMONTHDAY, or BYMONTH without BYDAY");

	if ((p->has[P_BYMONTH] + p->has[P_BYMONTHDAY] + p->has[P_BYYEARDAY]) >= 2 && !some_day_fits(p))
		return fail(why, "%s never fall on the same day",
		            !p->has[P_BYYEARDAY]   ? "BYMONTHDAY and BYMONTH"
		            : !p->has[P_BYMONTHDAY] ? "BYYEARDAY and BYMONTH"
		            : !p->has[P_BYMONTH]    ? "BYMONTHDAY and BYYEARDAY"
		                                    : "BYMONTHDAY, BYYEARDAY and BYMONTH");
	if (p->byday_max_ord && p->has[P_BYMONTHDAY] && (monthly || p->has[P_BYMONTH]) && !byday_meets_monthday(p))
		return fail(why, "the numbered BYDAY values never fall on a BYMONTHDAY");
	if (p->has[P_BYSETPOS]) {
		if (!monthly && !yearly)
			return fail(why, "BYSETPOS is only supported with FREQ=MONTHLY or YEARLY");
		bool other = false;
		for (int k = P_BYSECOND; k <= P_BYMONTH; k++)
			other |= p->has[k];
		if (!other)
			return fail(why, "BYSETPOS needs another BY part (such as BYDAY) to choose from");
		if (p->n[P_BYHOUR] > 1 || p->n[P_BYMINUTE] > 1 || p->n[P_BYSECOND] > 1)
			return fail(why, "BYSETPOS cannot be combined with several BYHOUR, BYMINUTE or BYSECOND values");
		int bound = setpos_bound(p);
		for (int i = 0; i < p->n[P_BYSETPOS]; i++)
			if (abs(p->vals[P_BYSETPOS][i]) > bound)
				return fail(why, "BYSETPOS=%d never matches: a %s has at most %d candidate day%s",
				            p->vals[P_BYSETPOS][i], monthly ? "month" : "year", bound, bound == 1 ? "" : "s");
	}
	return 0;
}

int rule_read(const char *text, struct cal_rule *p, cal_rule_problem *why)
{
	char buf[CAL_RULE_MAX_LEN + 1];
	memset(p, 0, sizeof *p);
	if (why)
		memset(why, 0, sizeof *why);
	if (!text || !*text)
		return fail(why, "the rule is empty");
	size_t len = strlen(text);
	if (len > CAL_RULE_MAX_LEN)
		return fail(why, "the rule is longer than %d characters", CAL_RULE_MAX_LEN);
	if (strncasecmp(text, "RRULE:", 6) == 0)
		return fail(why, "write the rule without the RRULE: prefix");
	memcpy(buf, text, len + 1);
	if (buf[len - 1] == ';') /* a trailing ';', as some clients write */
		buf[--len] = '\0';
	char libical_text[CAL_RULE_MAX_LEN + 1];
	memcpy(libical_text, buf, len + 1);

	p->interval = 1;
	char *rest = buf;
	while (rest) {
		char *item = rest, *semi = strchr(rest, ';');
		rest = semi ? semi + 1 : NULL;
		if (semi)
			*semi = '\0';
		char *eq = strchr(item, '=');
		if (!*item)
			return fail(why, "the rule has an empty part (two ';' in a row)");
		if (!eq)
			return fail(why, "'%.20s' is not NAME=VALUE", item);
		*eq = '\0';
		char *val = eq + 1;
		int k = 0;
		while (k < P__MAX && strcasecmp(item, part_defs[k].name) != 0)
			k++;
		if (k == P__MAX)
			return fail(why, "unknown rule part '%.20s'", item);
		if (p->has[k])
			return fail(why, "%s is given twice", part_defs[k].name);
		p->has[k] = true;
		int v = 0;
		switch ((enum rule_part)k) {
		case P_FREQ: {
			int f = CAL_FREQ_SECONDLY;
			while (f <= CAL_FREQ_YEARLY && strcasecmp(val, freq_names[f]) != 0)
				f++;
			if (f > CAL_FREQ_YEARLY)
				return fail(why, "FREQ must be MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY");
			p->freq = (enum cal_freq)f;
			break;
		}
		case P_UNTIL:
			if (parse_until(val, p) < 0)
				return fail(why, "UNTIL must be a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)");
			break;
		case P_COUNT: {
			/* libical keeps COUNT in an int: up to 10 digits, compared as long long. */
			size_t n = strlen(val);
			long long c = n >= 1 && n <= 10 && strspn(val, "0123456789") == n ? strtoll(val, NULL, 10) : 0;
			if (c < 1 || c > INT_MAX)
				return fail(why, "COUNT must be a whole number from 1 to %d", INT_MAX);
			p->count = c;
			break;
		}
		case P_INTERVAL:
			if (!parse_int(val, false, 5, &v) || v < 1 || v > SHRT_MAX)
				return fail(why, "INTERVAL must be a whole number from 1 to %d", SHRT_MAX);
			p->interval = v;
			break;
		case P_WKST:
			if ((p->wkst = weekday_index(val)) < 0)
				return fail(why, "WKST must be a weekday (MO, TU, WE, TH, FR, SA or SU)");
			break;
		default:
			if (parse_list((enum rule_part)k, val, p, why) < 0)
				return -1;
			break;
		}
	}
	if (!p->has[P_FREQ])
		return fail(why, "FREQ is missing");
	if (p->freq == CAL_FREQ_SECONDLY) {
		fail(why, "FREQ=SECONDLY is not allowed: a meeting does not repeat every second");
		if (why)
			why->key = "rule.secondly";
		return -1;
	}
	if (check_combinations(p, why) < 0)
		return -1;

	icalerror_clear_errno();
	p->r = icalrecurrencetype_from_string(libical_text);
	bool bad = icalerrno != ICAL_NO_ERROR || (int)p->r.freq != (int)ICAL_SECONDLY_RECURRENCE + (int)p->freq;
	icalerror_clear_errno();
	if (p->r.rscale) { /* never set without RSCALE, which is refused above; free defensively */
		free(p->r.rscale);
		p->r.rscale = NULL;
	}
	if (bad)
		return fail(why, "the calendar library could not read the rule");
	return 0;
}

cal_rule *cal_rule_parse(arena *a, const char *text, cal_rule_problem *why)
{
	cal_rule *r = arena_alloc(a, sizeof *r);
	return rule_read(text, r, why) == 0 ? r : NULL;
}

cal_rule *cal_rule_parse_typed(arena *a, const char *text, cal_rule_problem *why)
{
	if (text && strncasecmp(text, "RRULE:", 6) == 0)
		text += 6;
	return cal_rule_parse(a, text, why);
}

int cal_rrule_check(const char *text, char *err, size_t errlen)
{
	struct cal_rule *p = malloc(sizeof *p);
	cal_rule_problem why;
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = rule_read(text, p, &why);
	if (rc != 0 && err && errlen)
		snprintf(err, errlen, "%s", why.detail);
	free(p);
	return rc;
}

const char *cal_rule_format(arena *a, const cal_rule *r)
{
	struct icalrecurrencetype copy = r->r;
	char *s = icalrecurrencetype_as_string_r(&copy);
	const char *out = arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

enum cal_freq cal_rule_freq(const cal_rule *r)
{
	return r->freq;
}

/* ---- sameness ---- */

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The part's values as a sorted set (BYDAY: ordinal * 8 + weekday). */
static int value_set(const struct cal_rule *p, enum rule_part k, int *out)
{
	int n = 0;
	for (int i = 0; i < p->n[k]; i++)
		out[n++] = k == P_BYDAY ? p->vals[k][i] * 8 + p->byday_wd[i] : p->vals[k][i];
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

bool cal_rule_same(const cal_rule *x, const cal_rule *y)
{
	if (x->freq != y->freq || x->interval != y->interval || x->count != y->count || x->until_kind != y->until_kind ||
	    x->wkst != y->wkst)
		return false;
	if (x->until_kind != UNTIL_NONE && cal_local_cmp(x->until, y->until) != 0)
		return false;
	int a[RULE_MAX_VALUES], b[RULE_MAX_VALUES];
	for (int k = P_BYSECOND; k <= P_BYSETPOS; k++) {
		int na = value_set(x, (enum rule_part)k, a), nb = value_set(y, (enum rule_part)k, b);
		if (na != nb || memcmp(a, b, (size_t)na * sizeof *a) != 0)
			return false;
	}
	return true;
}

/* ---- limits ---- */

static long long ceil_div(long long a, long long b)
{
	return (a + b - 1) / b;
}

static long long min_ll(long long a, long long b)
{
	return a < b ? a : b;
}

/* Days in the months BYMONTH lists (all twelve when it lists none), in a leap year. */
static long long days_in_months(const struct cal_rule *p)
{
	long long n = 0;
	for (int m = 1; m <= 12; m++)
		if (!p->has[P_BYMONTH] || (p->months & (1u << m)))
			n += date_days_in_month(2000, m);
	return n;
}

static int months_listed(const struct cal_rule *p)
{
	return p->has[P_BYMONTH] ? distinct(p, P_BYMONTH) : 12;
}

/* The most days of one year that BYMONTH, BYMONTHDAY, BYYEARDAY and plain BYDAY weekdays let through (the
 * limits every FREQ below MONTHLY shares). */
static long long day_filters(const struct cal_rule *p, long long days)
{
	days = min_ll(days, days_in_months(p));
	if (p->has[P_BYMONTHDAY])
		days = min_ll(days, (long long)distinct(p, P_BYMONTHDAY) * months_listed(p));
	if (p->has[P_BYYEARDAY])
		days = min_ll(days, distinct(p, P_BYYEARDAY));
	if (p->has[P_BYDAY])
		days = min_ll(days, (long long)distinct(p, P_BYDAY) * 53);
	return days;
}

void cal_rule_bounds(const cal_rule *p, long long *per_day, long long *per_year)
{
	long long i = p->interval;
	long long secs = p->has[P_BYSECOND] ? distinct(p, P_BYSECOND) : 1;
	long long mins = p->has[P_BYMINUTE] ? distinct(p, P_BYMINUTE) : 1;
	long long hours = p->has[P_BYHOUR] ? distinct(p, P_BYHOUR) : 1;
	long long day, year_days;
	switch (p->freq) {
	case CAL_FREQ_SECONDLY:
		day = ceil_div(86400, i);
		year_days = day_filters(p, ceil_div(366 * 86400LL, i));
		break;
	case CAL_FREQ_MINUTELY: {
		long long per_hour = i >= 60 ? 1 : ceil_div(60, i);
		if (p->has[P_BYMINUTE])
			per_hour = min_ll(per_hour, mins);
		day = min_ll(ceil_div(1440, i), (p->has[P_BYHOUR] ? hours : 24) * per_hour) * secs;
		year_days = day_filters(p, min_ll(366, ceil_div(366 * 1440LL, i)));
		break;
	}
	case CAL_FREQ_HOURLY: {
		long long h = ceil_div(24, i);
		if (p->has[P_BYHOUR])
			h = min_ll(h, hours);
		day = h * mins * secs;
		year_days = day_filters(p, min_ll(366, ceil_div(366 * 24LL, i)));
		break;
	}
	case CAL_FREQ_DAILY:
		day = hours * mins * secs;
		year_days = day_filters(p, ceil_div(366, i));
		break;
	case CAL_FREQ_WEEKLY: {
		day = hours * mins * secs;
		long long weekdays_n = p->has[P_BYDAY] ? distinct(p, P_BYDAY) : 1;
		year_days = day_filters(p, ceil_div(53, i) * weekdays_n);
		break;
	}
	case CAL_FREQ_MONTHLY: {
		day = hours * mins * secs;
		long long months = min_ll(ceil_div(12, i), months_listed(p));
		long long per_month = 31;
		if (p->has[P_BYMONTHDAY])
			per_month = min_ll(per_month, distinct(p, P_BYMONTHDAY));
		if (p->has[P_BYDAY])
			per_month = min_ll(per_month, (long long)p->byday_plain * 5 + (p->n[P_BYDAY] - p->byday_plain));
		if (!p->has[P_BYMONTHDAY] && !p->has[P_BYDAY])
			per_month = 1;
		year_days = months * per_month;
		break;
	}
	case CAL_FREQ_YEARLY:
	default: {
		day = hours * mins * secs;
		long long d = days_in_months(p);
		int months = months_listed(p);
		if (p->has[P_BYYEARDAY])
			d = min_ll(d, distinct(p, P_BYYEARDAY));
		if (p->has[P_BYWEEKNO])
			d = min_ll(d, 7LL * distinct(p, P_BYWEEKNO));
		if (p->has[P_BYMONTHDAY])
			d = min_ll(d, (long long)distinct(p, P_BYMONTHDAY) * months);
		if (p->has[P_BYDAY]) {
			long long per_plain = p->has[P_BYMONTH] ? 5LL * months : 53;
			long long numbered = (long long)(p->n[P_BYDAY] - p->byday_plain) * (p->has[P_BYMONTH] ? months : 1);
			d = min_ll(d, p->byday_plain * per_plain + numbered);
		}
		if (!p->has[P_BYYEARDAY] && !p->has[P_BYWEEKNO] && !p->has[P_BYMONTHDAY] && !p->has[P_BYDAY])
			d = p->has[P_BYMONTH] ? months : 1;
		year_days = d;
		break;
	}
	}
	if (p->has[P_BYSETPOS]) {
		long long sp = distinct(p, P_BYSETPOS);
		day = min_ll(day, sp);
		year_days = min_ll(year_days, sp * (p->freq == CAL_FREQ_MONTHLY ? 12 : 1));
	}
	year_days = min_ll(year_days, 366);
	long long year = day * year_days;
	if (p->count) {
		day = min_ll(day, p->count);
		year = min_ll(year, p->count);
	}
	*per_day = day;
	*per_year = year;
}

int cal_rule_limits(const cal_rule *r, long per_day, long per_year, cal_rule_problem *why)
{
	long long d, y;
	cal_rule_bounds(r, &d, &y);
	const char *key = NULL;
	long long n = 0, max = 0;
	if (per_day > 0 && d > per_day)
		key = "rule.per_day", n = d, max = per_day;
	else if (per_year > 0 && y > per_year)
		key = "rule.per_year", n = y, max = per_year;
	if (!key)
		return 0;
	if (why) {
		why->key = key;
		why->n = n;
		why->max = max;
		snprintf(why->detail, sizeof why->detail, "the rule can give %lld occurrences in one %s, more than %lld",
		         n, strcmp(key, "rule.per_day") == 0 ? "day" : "year", max);
	}
	return -1;
}

/* ---- the builder ---- */

/* libical's BYDAY encoding (icalrecurrencetype_day_position reads it back): the weekday (Sunday 1 ... Saturday 7)
 * plus 8 times the ordinal, signed like the ordinal. wd: 0 = Monday. */
static short encode_day(int wd, int pos)
{
	int ical = wd == 6 ? ICAL_SUNDAY_WEEKDAY : ICAL_MONDAY_WEEKDAY + wd;
	int v = (pos < 0 ? -pos : pos) * 8 + ical;
	return (short)(pos < 0 ? -v : v);
}

cal_rule *cal_builder_rule(arena *a, const cal_builder *b, cal_local start, bool all_day, const char *tzid)
{
	if (b->interval < 1 || b->interval > CAL_BUILDER_MAX_INTERVAL || !cal_local_valid(start))
		return NULL;
	struct icalrecurrencetype r;
	icalrecurrencetype_clear(&r);
	static const icalrecurrencetype_frequency freqs[] = {ICAL_DAILY_RECURRENCE, ICAL_WEEKLY_RECURRENCE,
	                                                      ICAL_MONTHLY_RECURRENCE, ICAL_YEARLY_RECURRENCE};
	if ((int)b->repeat < 0 || b->repeat > CAL_REPEAT_YEARLY)
		return NULL;
	r.freq = freqs[b->repeat];
	r.interval = (short)b->interval;
	int wd = date_weekday(start.year, start.month, start.day);
	if (b->repeat == CAL_REPEAT_WEEKLY) {
		int n = 0;
		for (int d = 0; d < 7; d++)
			if (b->days[d])
				r.by_day[n++] = encode_day(d, 0);
		if (!n) /* no day ticked: the start's own weekday */
			r.by_day[n++] = encode_day(wd, 0);
		r.by_day[n] = ICAL_RECURRENCE_ARRAY_MAX;
	} else if (b->repeat == CAL_REPEAT_MONTHLY) {
		if (b->monthly == CAL_MONTHLY_NTH || b->monthly == CAL_MONTHLY_LAST) {
			int pos = b->monthly == CAL_MONTHLY_LAST ? -1 : (start.day - 1) / 7 + 1;
			r.by_day[0] = encode_day(wd, pos);
			r.by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
		} else {
			r.by_month_day[0] = (short)start.day;
			r.by_month_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
		}
	}
	if (b->ends == CAL_ENDS_COUNT) {
		if (b->count < 1 || b->count > CAL_BUILDER_MAX_COUNT)
			return NULL;
		r.count = (int)b->count;
	} else if (b->ends == CAL_ENDS_UNTIL) {
		cal_local u = b->until;
		if (!cal_local_valid(u))
			return NULL;
		struct icaltimetype t = icaltime_null_time();
		if (all_day) {
			t.year = u.year, t.month = u.month, t.day = u.day;
			t.is_date = 1;
		} else {
			long long utc = cal_local_to_utc((cal_local){u.year, u.month, u.day, 23, 59, 59}, tzid);
			if (utc == CAL_TIME_INVALID)
				return NULL;
			cal_local z = cal_wall_local(utc); /* UTC fields: the wall clock of UTC is unix time */
			t.year = z.year, t.month = z.month, t.day = z.day, t.hour = z.hour, t.minute = z.minute,
			t.second = z.second;
			t.zone = icaltimezone_get_utc_timezone();
		}
		r.until = t;
	}
	char *text = icalrecurrencetype_as_string_r(&r);
	cal_rule *out = text ? cal_rule_parse(a, text, NULL) : NULL;
	free(text);
	return out;
}

bool cal_builder_of(arena *a, const cal_rule *r, cal_local start, bool all_day, const char *tzid, cal_builder *b)
{
	memset(b, 0, sizeof *b);
	if (r->freq < CAL_FREQ_DAILY || r->interval > CAL_BUILDER_MAX_INTERVAL)
		return false;
	static const enum rule_part never[] = {P_BYSECOND, P_BYMINUTE, P_BYHOUR, P_BYYEARDAY, P_BYWEEKNO, P_BYMONTH,
	                                       P_BYSETPOS};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (r->has[never[i]])
			return false;
	b->repeat = (enum cal_repeat)(r->freq - CAL_FREQ_DAILY);
	b->interval = r->interval;
	if (r->freq == CAL_FREQ_WEEKLY) {
		for (int i = 0; i < r->n[P_BYDAY]; i++)
			b->days[r->byday_wd[i]] = true;
	} else if (r->freq == CAL_FREQ_MONTHLY && r->n[P_BYDAY] == 1) {
		b->monthly = r->vals[P_BYDAY][0] == -1 ? CAL_MONTHLY_LAST : CAL_MONTHLY_NTH;
	}
	if (r->count) {
		if (r->count > CAL_BUILDER_MAX_COUNT)
			return false;
		b->ends = CAL_ENDS_COUNT;
		b->count = (long)r->count;
	} else if (r->until_kind != UNTIL_NONE) {
		cal_local d = r->until;
		if (r->until_kind == UNTIL_UTC)
			d = cal_utc_to_local(cal_local_wall(r->until), tzid);
		else if (!all_day || r->until_kind != UNTIL_DATE)
			return false;
		d.hour = d.minute = d.second = 0;
		/* what the form's date field takes, and not before the first occurrence */
		if (d.year < DATE_FORM_MIN_YEAR || d.year > DATE_FORM_MAX_YEAR ||
		    cal_local_cmp(d, (cal_local){start.year, start.month, start.day, 0, 0, 0}) < 0)
			return false;
		b->ends = CAL_ENDS_UNTIL;
		b->until = d;
	}
	const cal_rule *again = cal_builder_rule(a, b, start, all_day, tzid);
	return again && cal_rule_same(again, r);
}

/* Whether a typed rule's UNTIL comes before the first meeting (start, local in tzid): then the rule gives
 * nothing but DTSTART, which readers treat differently (some show it, some nothing). */
bool cal_rule_ends_before(const cal_rule *r, cal_local start, bool all_day, const char *tzid)
{
	switch (r->until_kind) {
	case UNTIL_NONE:
		return false;
	case UNTIL_DATE:
		return cal_local_cmp(r->until, (cal_local){start.year, start.month, start.day, 0, 0, 0}) < 0;
	case UNTIL_FLOATING:
		return cal_local_cmp(r->until, start) < 0;
	case UNTIL_UTC:
		return all_day ? cal_local_cmp(r->until, (cal_local){start.year, start.month, start.day, 0, 0, 0}) < 0
		               : cal_local_wall(r->until) < cal_local_to_utc(start, tzid);
	}
	return false;
}
