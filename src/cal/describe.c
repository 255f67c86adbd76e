/* describe.c - a recurrence rule in plain words, in English and Azerbaijani. */
#include "cal/recur.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/rule.h"
#include "util/buf.h"
#include "util/date.h"

/*
 * The words live here rather than in the message catalogues because a description is built from pieces whose
 * form depends on the number beside them: English ordinals (1st, 2nd, 3rd, 11th, 21st) and Azerbaijani ones,
 * whose suffix follows the vowel harmony of the number's last word (1-ci, 3-cü, 6-cı, 9-cu, 40-cı, 100-cü).
 * Every part of every rule memocal accepts is said, so two different rules never read the same: the
 * description of a rule the plain-words builder cannot show is what the custom field is read by.
 */

static const char *const weekday_en[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
static const char *const weekday_az[7] = {"bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə",
                                          "şənbə", "bazar"};
static const char *const month_en[13] = {"", "January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
static const char *const month_az[13] = {"", "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust",
                                         "sentyabr", "oktyabr", "noyabr", "dekabr"};
static const char *const first_en[6] = {"", "first", "second", "third", "fourth", "fifth"};
static const char *const first_az[6] = {"", "birinci", "ikinci", "üçüncü", "dördüncü", "beşinci"};

typedef struct words {
	arena *a;
	bool az;
	const struct cal_rule *p;
	cal_local start;
} words;

/* ---- numbers ---- */

/* The vowel an Azerbaijani suffix takes after the number n (> 0): that of its last spoken word. */
static const char *az_vowel(long long n)
{
	static const char *const units[10] = {"", "i", "i", "ü", "ü", "i", "ı", "i", "i", "u"};
	static const char *const tens[10] = {"", "u", "i", "u", "ı", "i", "ı", "i", "i", "ı"};
	if (n % 10)
		return units[n % 10];
	if (n / 10 % 10)
		return tens[n / 10 % 10];
	if (n == 0)
		return "ı"; /* sıfır */
	return n % 1000 ? "ü" : "i"; /* yüz, min */
}

/* "1st", "22nd", "113th" / "1-ci", "3-cü", "40-cı". */
static const char *ordinal(const words *w, long long n)
{
	if (w->az)
		return arena_printf(w->a, "%lld-c%s", n, az_vowel(n));
	const char *sfx = "th";
	if (n % 100 < 11 || n % 100 > 13)
		sfx = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	return arena_printf(w->a, "%lld%s", n, sfx);
}

/* A position counted from the start or (negative) from the end: "first", "20th", "last", "second-to-last" /
 * "birinci", "20-ci", "sonuncu", "sondan ikinci". Words up to the fifth. */
static const char *position(const words *w, int n)
{
	int k = n < 0 ? -n : n;
	const char *base = k <= 5 ? (w->az ? first_az[k] : first_en[k]) : ordinal(w, k);
	if (n > 0)
		return base;
	if (k == 1)
		return w->az ? "sonuncu" : "last";
	return arena_printf(w->a, w->az ? "sondan %s" : "%s-to-last", base);
}

/* ---- lists ---- */

/* Joins items: "a, b and c" / "a, b və c" (conj "or" / "və ya" when or). */
static const char *join(const words *w, const char *const *items, int n, bool or)
{
	buf b = BUF_INIT;
	const char *conj = w->az ? (or ? " və ya " : " və ") : (or ? " or " : " and ");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, i == n - 1 ? conj : ", ");
		buf_puts(&b, items[i]);
	}
	const char *s = arena_strdup(w->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The part's values, sorted, without repeats; positive ones before negative ones (1, 15, -1). */
static int values(const words *w, enum rule_part k, int *out)
{
	int n = 0;
	for (int i = 0; i < w->p->n[k]; i++)
		out[n++] = w->p->vals[k][i];
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || out[m - 1] != out[i])
			out[m++] = out[i];
	int neg = 0;
	while (neg < m && out[neg] < 0)
		neg++;
	int tmp[RULE_MAX_VALUES];
	memcpy(tmp, out + neg, (size_t)(m - neg) * sizeof *tmp);
	for (int i = neg - 1; i >= 0; i--)
		tmp[m - neg + (neg - 1 - i)] = out[i];
	memcpy(out, tmp, (size_t)m * sizeof *out);
	return m;
}

/* "the 2nd and 15th" / "2-ci və 15-ci", with positions from the end where negative. */
static const char *positions(const words *w, const int *v, int n, bool words_up_to_five)
{
	const char **items = arena_alloc(w->a, (size_t)(n ? n : 1) * sizeof *items);
	for (int i = 0; i < n; i++)
		items[i] = words_up_to_five || v[i] < 0 ? position(w, v[i]) : ordinal(w, v[i]);
	return join(w, items, n, false);
}

static const char *weekday_name(const words *w, int wd)
{
	return w->az ? weekday_az[wd] : weekday_en[wd];
}

static const char *month_list(const words *w)
{
	int v[12], n = values(w, P_BYMONTH, v);
	const char *items[12];
	for (int i = 0; i < n; i++)
		items[i] = w->az ? month_az[v[i]] : month_en[v[i]];
	return join(w, items, n, false);
}

/* "31 January 2027" / "31 yanvar 2027" */
static const char *date_words(const words *w, cal_local t)
{
	return arena_printf(w->a, "%d %s %d", t.day, w->az ? month_az[t.month] : month_en[t.month], t.year);
}

static const char *clock_text(const words *w, int h, int m, int s)
{
	return s ? arena_printf(w->a, "%d:%02d:%02d", h, m, s) : arena_printf(w->a, "%d:%02d", h, m);
}

/* ---- the clauses ---- */

static void add(buf *b, const char *s)
{
	if (s && *s) {
		if (b->len)
			buf_puts(b, ", ");
		buf_puts(b, s);
	}
}

static const char *frequency(const words *w)
{
	static const char *const en1[] = {"Every second", "Every minute", "Hourly", "Daily", "Weekly", "Monthly",
	                                  "Yearly"};
	static const char *const en_unit[] = {"seconds", "minutes", "hours", "days", "weeks", "months", "years"};
	static const char *const az1[] = {"Hər saniyə", "Hər dəqiqə", "Hər saat", "Hər gün", "Hər həftə", "Hər ay",
	                                  "Hər il"};
	static const char *const az_unit[] = {"saniyədən", "dəqiqədən", "saatdan", "gündən", "həftədən", "aydan",
	                                      "ildən"};
	int f = w->p->freq, i = w->p->interval;
	if (i == 1)
		return w->az ? az1[f] : en1[f];
	return w->az ? arena_printf(w->a, "Hər %d %s bir", i, az_unit[f]) : arena_printf(w->a, "Every %d %s", i, en_unit[f]);
}

/* BYDAY: "on Monday and Thursday", "on the first Tuesday and every Friday" / "bazar ertəsi və cümə axşamı
 * günləri", "ayın birinci çərşənbə axşamı və hər cümə". of: the period numbered weekdays count in. */
static const char *weekdays(const words *w, int wd_default, bool or)
{
	const struct cal_rule *p = w->p;
	int n = p->n[P_BYDAY];
	const char **items = arena_alloc(w->a, (size_t)(n + 1) * sizeof *items);
	int k = 0;
	bool numbered = p->byday_max_ord > 0;
	if (n == 0)
		items[k++] = weekday_name(w, wd_default);
	/* plain ones first, in week order, then the numbered ones as written */
	for (int wd = 0; wd < 7; wd++)
		for (int i = 0; i < n; i++)
			if (p->vals[P_BYDAY][i] == 0 && p->byday_wd[i] == wd) {
				items[k++] = numbered ? arena_printf(w->a, w->az ? "hər %s" : "every %s", weekday_name(w, wd))
				                      : weekday_name(w, wd);
				break;
			}
	for (int i = 0; i < n; i++)
		if (p->vals[P_BYDAY][i] != 0) {
			bool dup = false;
			for (int j = 0; j < i; j++)
				dup |= p->vals[P_BYDAY][j] == p->vals[P_BYDAY][i] && p->byday_wd[j] == p->byday_wd[i];
			if (!dup)
				items[k++] = arena_printf(w->a, w->az ? "%s %s" : "the %s %s", position(w, p->vals[P_BYDAY][i]),
				                          weekday_name(w, p->byday_wd[i]));
		}
	const char *list = join(w, items, k, or);
	if (!numbered)
		return w->az ? arena_printf(w->a, "%s %s", list, k > 1 && !or ? "günləri" : "günü")
		             : arena_printf(w->a, "on %s", list);
	const char *of = "";
	if (p->freq == CAL_FREQ_YEARLY && !p->has[P_BYMONTH])
		of = w->az ? "ilin " : " of the year";
	else
		of = w->az ? "ayın " : "";
	return w->az ? arena_printf(w->a, "%s%s günü", of, list) : arena_printf(w->a, "on %s%s", list, of);
}

/* BYMONTHDAY: "on the 2nd and 15th" / "ayın 2-ci və 15-ci günü". */
static const char *month_days(const words *w, bool every_month)
{
	int v[31], n = values(w, P_BYMONTHDAY, v);
	const char *list = positions(w, v, n, false);
	if (w->az)
		return arena_printf(w->a, "%s %s günü", every_month ? "hər ayın" : "ayın", list);
	bool from_end = v[n - 1] < 0; /* negatives come last */
	return arena_printf(w->a, "on the %s%s%s", list, from_end ? (n > 1 ? " days" : " day") : "",
	                    every_month ? " of every month" : "");
}

static const char *year_days(const words *w)
{
	int v[366], n = values(w, P_BYYEARDAY, v);
	const char *list = positions(w, v, n, false);
	return w->az ? arena_printf(w->a, "ilin %s günü", list)
	             : arena_printf(w->a, "on the %s day%s of the year", list, n > 1 ? "s" : "");
}

static const char *week_numbers(const words *w)
{
	int v[53], n = values(w, P_BYWEEKNO, v);
	const char *list = positions(w, v, n, false);
	return w->az ? arena_printf(w->a, "ilin %s %s", list, n > 1 ? "həftələrində" : "həftəsində")
	             : arena_printf(w->a, "in the %s week%s of the year", list, n > 1 ? "s" : "");
}

static const char *months(const words *w)
{
	return w->az ? arena_printf(w->a, "%s %s", month_list(w), w->p->n[P_BYMONTH] > 1 ? "aylarında" : "ayında")
	             : arena_printf(w->a, "in %s", month_list(w));
}

/* The days of the rule: BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYDAY (and DTSTART's day where a YEARLY, MONTHLY or
 * WEEKLY rule names none). */
static void days(const words *w, buf *b)
{
	const struct cal_rule *p = w->p;
	cal_local s = w->start;
	int wd = date_weekday(s.year, s.month, s.day);
	bool any_day = p->has[P_BYDAY] || p->has[P_BYMONTHDAY] || p->has[P_BYYEARDAY] || p->has[P_BYWEEKNO];
	if (!any_day) {
		if (p->freq == CAL_FREQ_WEEKLY) {
			add(b, weekdays(w, wd, false));
		} else if (p->freq == CAL_FREQ_MONTHLY || (p->freq == CAL_FREQ_YEARLY && p->has[P_BYMONTH])) {
			int d[1] = {s.day};
			add(b, w->az ? arena_printf(w->a, "ayın %s günü", positions(w, d, 1, false))
			             : arena_printf(w->a, "on the %s", ordinal(w, s.day)));
		} else if (p->freq == CAL_FREQ_YEARLY) {
			add(b, w->az ? arena_printf(w->a, "%d %s tarixində", s.day, month_az[s.month])
			             : arena_printf(w->a, "on %d %s", s.day, month_en[s.month]));
		}
		if (p->has[P_BYMONTH])
			add(b, months(w));
		return;
	}
	const char *main = NULL;
	bool weekday_said = false;
	if (p->has[P_BYMONTHDAY])
		main = month_days(w, p->freq == CAL_FREQ_YEARLY && !p->has[P_BYMONTH]);
	else if (p->has[P_BYYEARDAY])
		main = year_days(w);
	if (!main && p->has[P_BYDAY]) {
		main = weekdays(w, wd, false);
		weekday_said = true;
	}
	add(b, main);
	if (p->has[P_BYWEEKNO])
		add(b, week_numbers(w));
	if (p->has[P_BYDAY] && !weekday_said) {
		/* the days above that are also these weekdays */
		const char *wds = weekdays(w, wd, true);
		if (w->az)
			add(b, arena_printf(w->a, "əgər o gün %s olarsa", wds));
		else
			add(b, arena_printf(w->a, "if that day is %s%s", p->byday_max_ord ? "" : "a ",
			                    strncmp(wds, "on ", 3) == 0 ? wds + 3 : wds));
	}
	if (p->has[P_BYMONTH])
		add(b, months(w));
}

/* Hours of a sub-daily rule: "only in the hours 9:00–16:59" / "yalnız saat 9:00–16:59 arasında". */
static const char *hours_limit(const words *w)
{
	int v[24], n = values(w, P_BYHOUR, v);
	bool range = v[n - 1] - v[0] == n - 1;
	if (range && n > 1)
		return w->az ? arena_printf(w->a, "yalnız saat %d:00–%d:59 arasında", v[0], v[n - 1])
		             : arena_printf(w->a, "only in the hours %d:00–%d:59", v[0], v[n - 1]);
	const char **items = arena_alloc(w->a, (size_t)n * sizeof *items);
	for (int i = 0; i < n; i++)
		items[i] = arena_printf(w->a, "%d:00–%d:59", v[i], v[i]);
	return w->az ? arena_printf(w->a, "yalnız %s saatlarında", join(w, items, n, false))
	             : arena_printf(w->a, "only in the hours %s", join(w, items, n, false));
}

/* Minutes past the hour: "at :00 and :30 past the hour" / "saatın :00 və :30 dəqiqələrində". */
static const char *minutes_of_hour(const words *w, bool only)
{
	int v[60], n = values(w, P_BYMINUTE, v);
	const char **items = arena_alloc(w->a, (size_t)n * sizeof *items);
	for (int i = 0; i < n; i++)
		items[i] = arena_printf(w->a, ":%02d", v[i]);
	const char *list = join(w, items, n, false);
	if (w->az)
		return arena_printf(w->a, "%ssaatın %s %s", only ? "yalnız " : "", list, n > 1 ? "dəqiqələrində" : "dəqiqəsində");
	return arena_printf(w->a, "%sat %s past the hour", only ? "only " : "", list);
}

static const char *seconds_of_minute(const words *w)
{
	int v[60], n = values(w, P_BYSECOND, v);
	const char **items = arena_alloc(w->a, (size_t)n * sizeof *items);
	for (int i = 0; i < n; i++)
		items[i] = w->az ? ordinal(w, v[i]) : arena_printf(w->a, "%d", v[i]);
	const char *list = join(w, items, n, false);
	return w->az ? arena_printf(w->a, "dəqiqənin %s %s", list, n > 1 ? "saniyələrində" : "saniyəsində")
	             : arena_printf(w->a, "at second %s of the minute", list);
}

/* Times of day of a DAILY or longer rule with BYHOUR, BYMINUTE or BYSECOND: "at 9:00 and 14:30". */
static const char *times_of_day(const words *w)
{
	const struct cal_rule *p = w->p;
	int h[24], m[60], s[60];
	int nh = values(w, P_BYHOUR, h), nm = values(w, P_BYMINUTE, m), ns = values(w, P_BYSECOND, s);
	if (!nh)
		h[nh++] = w->start.hour;
	if (!nm)
		m[nm++] = w->start.minute;
	if (!ns)
		s[ns++] = w->start.second;
	if (nh * nm * ns <= 8) {
		const char *items[8];
		int k = 0;
		for (int i = 0; i < nh; i++)
			for (int j = 0; j < nm; j++)
				for (int l = 0; l < ns; l++)
					items[k++] = clock_text(w, h[i], m[j], s[l]);
		return arena_printf(w->a, w->az ? "saat %s" : "at %s", join(w, items, k, false));
	}
	buf b = BUF_INIT;
	const char **hs = arena_alloc(w->a, (size_t)nh * sizeof *hs);
	for (int i = 0; i < nh; i++)
		hs[i] = arena_printf(w->a, "%d", h[i]);
	buf_printf(&b, w->az ? "saat %s" : "in the hours %s", join(w, hs, nh, false));
	const char *out = arena_printf(w->a, "%s, %s", buf_cstr(&b), minutes_of_hour(w, false));
	buf_free(&b);
	if (ns > 1 || p->has[P_BYSECOND])
		out = arena_printf(w->a, "%s, %s", out, seconds_of_minute(w));
	return out;
}

static const char *setpos(const words *w)
{
	int v[366], n = values(w, P_BYSETPOS, v);
	bool monthly = w->p->freq == CAL_FREQ_MONTHLY;
	if (w->az) {
		const char **items = arena_alloc(w->a, (size_t)n * sizeof *items);
		for (int i = 0; i < n; i++) {
			const char *o = position(w, v[i]);
			/* the possessive: birincisi, üçüncüsü, sonuncusu, 20-cisi */
			size_t len = strlen(o);
			const char *vowel = len >= 2 && strcmp(o + len - 2, "ü") == 0 ? "ü"
			                    : len >= 2 && strcmp(o + len - 2, "ı") == 0 ? "ı"
			                    : o[len - 1] == 'u' ? "u" : "i";
			items[i] = arena_printf(w->a, "%ss%s", o, vowel);
		}
		return arena_printf(w->a, "hər %s bunlardan yalnız %s", monthly ? "ayda" : "ildə", join(w, items, n, false));
	}
	return arena_printf(w->a, "only the %s of these in each %s", positions(w, v, n, true), monthly ? "month" : "year");
}

static const char *ending(const words *w, bool all_day, const char *tzid)
{
	const struct cal_rule *p = w->p;
	if (p->count)
		return w->az ? arena_printf(w->a, "%lld dəfə", p->count)
		             : p->count == 1 ? "once" : arena_printf(w->a, "%lld times", p->count);
	if (p->until_kind == UNTIL_NONE)
		return NULL;
	cal_local u = p->until;
	const char *zone = NULL;
	if (p->until_kind == UNTIL_UTC) {
		u = cal_utc_to_local(cal_local_wall(p->until), tzid);
		zone = tzid;
	}
	const char *when = date_words(w, u);
	bool whole_day = p->until_kind == UNTIL_DATE || (u.hour == 23 && u.minute == 59 && u.second == 59) ||
	                 (all_day && u.hour == 0 && u.minute == 0 && u.second == 0);
	if (!whole_day)
		when = zone ? arena_printf(w->a, "%s, %s (%s)", when, clock_text(w, u.hour, u.minute, u.second), zone)
		            : arena_printf(w->a, "%s, %s", when, clock_text(w, u.hour, u.minute, u.second));
	return w->az ? arena_printf(w->a, "%s tarixinədək", when) : arena_printf(w->a, "until %s", when);
}

const char *cal_rule_describe(arena *a, const cal_rule *r, cal_local start, bool all_day, const char *tzid,
                              const char *lang)
{
	words w = {a, lang && strcmp(lang, "az") == 0, r, start};
	const struct cal_rule *p = r;
	buf b = BUF_INIT;
	days(&w, &b);
	/* the frequency and the first clause read as one: "Monthly on the first Tuesday" / "Hər ayın birinci ..." */
	const char *freq = frequency(&w), *rest = buf_cstr(&b);
	const char *head;
	if (!*rest)
		head = freq;
	else if (w.az && p->interval == 1 && (strncmp(rest, "ayın ", 6) == 0 || strncmp(rest, "ilin ", 5) == 0) &&
	         (p->freq == CAL_FREQ_MONTHLY || p->freq == CAL_FREQ_YEARLY))
		head = arena_printf(a, "Hər %s", rest);
	else
		head = arena_printf(a, "%s %s", freq, rest);
	buf_reset(&b);
	buf_puts(&b, head);
	if (p->freq < CAL_FREQ_DAILY) {
		if (p->has[P_BYHOUR])
			add(&b, hours_limit(&w));
		if (p->has[P_BYMINUTE])
			add(&b, minutes_of_hour(&w, p->freq == CAL_FREQ_MINUTELY));
		if (p->has[P_BYSECOND])
			add(&b, seconds_of_minute(&w));
	} else if (p->has[P_BYHOUR] || p->has[P_BYMINUTE] || p->has[P_BYSECOND]) {
		add(&b, times_of_day(&w));
	}
	if (p->has[P_BYSETPOS])
		add(&b, setpos(&w));
	add(&b, ending(&w, all_day, tzid));
	if (p->wkst != 0)
		add(&b, w.az ? arena_printf(a, "həftə %s günü başlayır", weekday_az[p->wkst])
		             : arena_printf(a, "weeks start on %s", weekday_en[p->wkst]));
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}
