/* test_recur.c - unit tests for the recurrence rule type (src/cal/recur.c, describe.c): libical's formatting,
 * sameness, the limits, the plain-words builder and what it can say exactly, the rule in words in both languages,
 * and the sub-daily expansion whatever the window. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/expand.h"
#include "cal/recur.h"
#include "cal/time.h"

static arena A;

static void setup(void)
{
	cal_init();
	arena_init(&A, 4096);
}

static void teardown(void)
{
	arena_free(&A);
	cal_shutdown();
}

static cal_local L(const char *s)
{
	cal_local t;
	ck_assert_msg(cal_parse_local(s, &t) == 0, "test time '%s' does not parse", s);
	return t;
}

static const cal_rule *R(const char *text)
{
	cal_rule_problem why;
	const cal_rule *r = cal_rule_parse(&A, text, &why);
	ck_assert_msg(r != NULL, "'%s' refused: %s", text, why.detail);
	return r;
}

/* ---- libical writes it, and two spellings of one rule are the same rule ---- */

START_TEST(format_and_same)
{
	ck_assert_str_eq(cal_rule_format(&A, R("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5")), "FREQ=WEEKLY;COUNT=5;BYDAY=MO,WE");
	ck_assert(cal_rule_same(R("FREQ=WEEKLY;BYDAY=WE,MO;COUNT=5;WKST=MO"), R("freq=weekly;count=5;byday=MO,WE")));
	ck_assert(cal_rule_same(R("FREQ=DAILY;INTERVAL=1"), R("FREQ=DAILY;")));
	ck_assert(!cal_rule_same(R("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU"), R("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU")));
	ck_assert(!cal_rule_same(R("FREQ=WEEKLY;UNTIL=20270131"), R("FREQ=WEEKLY;UNTIL=20270131T000000Z")));
	ck_assert(!cal_rule_same(R("FREQ=MONTHLY;BYMONTHDAY=2,15"), R("FREQ=MONTHLY;BYMONTHDAY=2")));
	/* whatever libical writes reads back as the same rule */
	static const char *const rules[] = {"FREQ=YEARLY;BYDAY=20MO,-53SU;COUNT=3", "FREQ=MONTHLY;BYDAY=1SU,-1SU",
	                                    "FREQ=YEARLY;BYWEEKNO=-1,20;BYDAY=MO;WKST=SU", "FREQ=MONTHLY;BYMONTHDAY=1,-1",
	                                    "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16;UNTIL=20270131T225959Z",
	                                    "FREQ=YEARLY;BYMONTH=1;BYDAY=MO,TU;BYSETPOS=-1,1;UNTIL=20300101T120000"};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		ck_assert_msg(cal_rule_same(R(cal_rule_format(&A, R(rules[i]))), R(rules[i])), "%s", rules[i]);
}
END_TEST

/* ---- the limits ---- */

static const struct bound_case {
	const char *rule;
	long long day, year;
} bound_cases[] = {
	{"FREQ=DAILY", 1, 366},
	{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16", 8, 2120},
	{"FREQ=HOURLY", 24, 8784},
	{"FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", 24, 8784},
	{"FREQ=MINUTELY;INTERVAL=30", 48, 17568},
	{"FREQ=MINUTELY;COUNT=100000", 1440, 100000},
	{"FREQ=MINUTELY;COUNT=30", 30, 30},
	{"FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", 24, 24},
	{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 1, 12},
	{"FREQ=YEARLY;BYMONTH=1;BYDAY=SU;BYHOUR=8,9;BYMINUTE=30", 2, 10},
};

START_TEST(bounds_table)
{
	const struct bound_case *c = &bound_cases[_i];
	long long d, y;
	cal_rule_bounds(R(c->rule), &d, &y);
	ck_assert_msg(d == c->day && y == c->year, "%s: %lld a day, %lld a year; want %lld, %lld", c->rule, d, y, c->day,
	              c->year);
}
END_TEST

START_TEST(limits_and_secondly)
{
	cal_rule_problem why;
	ck_assert_ptr_null(cal_rule_parse(&A, "FREQ=SECONDLY", &why));
	ck_assert_str_eq(why.key, "rule.secondly");
	ck_assert_int_eq(cal_rule_limits(R("FREQ=MINUTELY;INTERVAL=30"), 48, 8784, &why), -1);
	ck_assert_str_eq(why.key, "rule.per_year");
	ck_assert_int_eq(why.max, 8784);
	ck_assert_int_eq(cal_rule_limits(R("FREQ=MINUTELY;INTERVAL=20"), 48, 8784, &why), -1);
	ck_assert_str_eq(why.key, "rule.per_day");
	ck_assert_int_eq(cal_rule_limits(R("FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16"), 48, 8784, &why), 0);
}
END_TEST

/* ---- the builder: only what it says exactly (the examples of rules it used to rewrite) ---- */

static const struct builder_case {
	const char *rule, *start, *tz;
	bool all_day, exact;
} builder_cases[] = {
	{"FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", "2025-03-10 10:00", "Asia/Baku", false, true},
	{"FREQ=MONTHLY;BYDAY=1SU", "2025-03-02 10:00", "Asia/Baku", false, true},
	{"FREQ=MONTHLY;BYDAY=1SU,-1SU", "2025-03-02 10:00", "Asia/Baku", false, false},
	{"FREQ=MONTHLY;BYMONTHDAY=2", "2025-03-02 10:00", "Asia/Baku", false, true},
	{"FREQ=MONTHLY;BYMONTHDAY=2,15", "2025-03-02 10:00", "Asia/Baku", false, false},
	{"FREQ=MONTHLY;BYMONTHDAY=-3", "2025-03-29 10:00", "Asia/Baku", false, false},
	{"FREQ=MONTHLY;BYMONTHDAY=1,-1", "2025-03-01 10:00", "Asia/Baku", false, false},
	{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", "2025-03-11 10:00", "Asia/Baku", false, false},
	{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU", "2025-03-11 10:00", "Asia/Baku", false, true},
	/* the end of 31 January in Baku is 19:59:59Z; 22:59:59Z is 02:59 on 1 February there */
	{"FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T225959Z", "2025-03-10 10:00", "Asia/Baku", false, false},
	{"FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T195959Z", "2025-03-10 10:00", "Asia/Baku", false, true},
	{"FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131", "2025-03-10 10:00", "Asia/Baku", false, false},
	{"FREQ=YEARLY;UNTIL=20270509", "2025-05-09", "Asia/Baku", true, true},
	{"FREQ=DAILY;COUNT=1001", "2025-05-09 10:00", "Asia/Baku", false, false},
	{"FREQ=DAILY;INTERVAL=100", "2025-05-09 10:00", "Asia/Baku", false, false},
	{"FREQ=DAILY;BYHOUR=9,17", "2025-05-09 09:00", "Asia/Baku", false, false},
};

START_TEST(builder_table)
{
	const struct builder_case *c = &builder_cases[_i];
	const cal_rule *r = R(c->rule);
	cal_builder b;
	bool exact = cal_builder_of(&A, r, L(c->start), c->all_day, c->tz, &b);
	ck_assert_msg(exact == c->exact, "%s from %s: builder %s", c->rule, c->start, exact ? "exact" : "not exact");
	if (exact) {
		const cal_rule *again = cal_builder_rule(&A, &b, L(c->start), c->all_day, c->tz);
		ck_assert_msg(again && cal_rule_same(again, r), "%s: the builder says %s", c->rule,
		              again ? cal_rule_format(&A, again) : "nothing");
	}
}
END_TEST

/* ---- in words, both languages ---- */

static const struct words_case {
	const char *rule, *start, *en, *az;
} words_cases[] = {
	{"FREQ=MONTHLY;BYDAY=1TU;COUNT=12", "2025-01-07 10:00", "Monthly on the first Tuesday, 12 times",
	 "Hər ayın birinci çərşənbə axşamı günü, 12 dəfə"},
	{"FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", "2025-03-10 10:00", "Weekly on Monday and Thursday, 5 times",
	 "Hər həftə bazar ertəsi və cümə axşamı günləri, 5 dəfə"},
	{"FREQ=MONTHLY;BYDAY=-1FR", "2025-01-31 10:00", "Monthly on the last Friday", "Hər ayın sonuncu cümə günü"},
	{"FREQ=MONTHLY;BYMONTHDAY=2,15", "2025-03-02 10:00", "Monthly on the 2nd and 15th", "Hər ayın 2-ci və 15-ci günü"},
	{"FREQ=MONTHLY;BYMONTHDAY=-3", "2025-03-29 10:00", "Monthly on the third-to-last day",
	 "Hər ayın sondan üçüncü günü"},
	{"FREQ=YEARLY;BYDAY=20MO;COUNT=3", "2024-05-13 10:00", "Yearly on the 20th Monday of the year, 3 times",
	 "Hər ilin 20-ci bazar ertəsi günü, 3 dəfə"},
	{"FREQ=YEARLY;BYYEARDAY=3,40,100", "2025-01-03 10:00", "Yearly on the 3rd, 40th and 100th days of the year",
	 "Hər ilin 3-cü, 40-cı və 100-cü günü"},
	{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", "2025-03-11 10:00",
	 "Every 2 weeks on Tuesday and Sunday, weeks start on Sunday",
	 "Hər 2 həftədən bir çərşənbə axşamı və bazar günləri, həftə bazar günü başlayır"},
	{"FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T225959Z", "2025-03-10 10:00",
	 "Weekly on Monday, until 1 February 2027, 2:59:59 (Asia/Baku)",
	 "Hər həftə bazar ertəsi günü, 1 fevral 2027, 2:59:59 (Asia/Baku) tarixinədək"},
	{"FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", "2026-12-01 09:00",
	 "Every 20 minutes, only in the hours 9:00–16:59", "Hər 20 dəqiqədən bir, yalnız saat 9:00–16:59 arasında"},
	{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2025-01-31 10:00",
	 "Monthly on Monday, Tuesday, Wednesday, Thursday and Friday, only the last of these in each month",
	 "Hər ay bazar ertəsi, çərşənbə axşamı, çərşənbə, cümə axşamı və cümə günləri, hər ayda bunlardan yalnız sonuncusu"},
};

START_TEST(words_table)
{
	const struct words_case *c = &words_cases[_i];
	const cal_rule *r = R(c->rule);
	ck_assert_str_eq(cal_rule_describe(&A, r, L(c->start), false, "Asia/Baku", "en"), c->en);
	ck_assert_str_eq(cal_rule_describe(&A, r, L(c->start), false, "Asia/Baku", "az"), c->az);
}
END_TEST

/* Two different rules never read the same (what the custom field is read by). */
START_TEST(words_tell_rules_apart)
{
	static const char *const rules[] = {"FREQ=MONTHLY;BYDAY=1SU", "FREQ=MONTHLY;BYDAY=1SU,-1SU",
	                                    "FREQ=MONTHLY;BYMONTHDAY=2", "FREQ=MONTHLY;BYMONTHDAY=2,15",
	                                    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU",
	                                    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T225959Z",
	                                    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T195959Z"};
	size_t n = sizeof rules / sizeof *rules;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			for (int l = 0; l < 2; l++) {
				const char *lang = l ? "az" : "en";
				ck_assert_str_ne(cal_rule_describe(&A, R(rules[i]), L("2025-03-02 10:00"), false, "Asia/Baku", lang),
				                 cal_rule_describe(&A, R(rules[j]), L("2025-03-02 10:00"), false, "Asia/Baku", lang));
			}
}
END_TEST

/* ---- sub-daily rules whatever the window: the New York series read from Auckland ---- */

START_TEST(subdaily_window_from_auckland)
{
	cal_series s;
	memset(&s, 0, sizeof s);
	s.tzid = "America/New_York";
	s.start = L("2026-11-30 09:00");
	s.end = L("2026-11-30 09:10");
	s.rrule = "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16";
	/* /agenda?tz=Pacific/Auckland&from=2026-12-05&days=1: midnight in Auckland (UTC+13) is 06:00 on the 4th in
	 * New York; the window holds that day's 09:00 .. 16:40 in New York, 24 starts, from 09:00 */
	long long from = cal_local_to_utc(L("2026-12-05 00:00"), "Pacific/Auckland");
	cal_occurrence occ[64];
	bool cut;
	char err[200];
	int n = cal_expand(&s, from, from + 86400, 64, occ, &cut, NULL, err, sizeof err);
	ck_assert_int_eq(n, 24);
	char a[20], b[20];
	cal_format_local(occ[0].start, a);
	cal_format_local(occ[1].start, b);
	ck_assert_str_eq(a, "2026-12-04 09:00:00");
	ck_assert_str_eq(b, "2026-12-04 09:20:00");
	/* a window starting at every minute of the first hour: the first occurrence that overlaps it (each lasts ten
	 * minutes), then every 20 minutes */
	for (int m = 0; m < 60; m++) {
		long long lo = cal_local_to_utc(L("2026-12-04 09:00"), "America/New_York") + m * 60;
		n = cal_expand(&s, lo, lo + 3 * 3600, 64, occ, &cut, NULL, err, sizeof err);
		cal_format_local(occ[0].start, a);
		const char *want = m < 10 ? "2026-12-04 09:00:00" : m < 30 ? "2026-12-04 09:20:00"
		                   : m < 50 ? "2026-12-04 09:40:00" : "2026-12-04 10:00:00";
		ck_assert_msg(n > 1 && strcmp(a, want) == 0, "window from 09:%02d: first %s, want %s", m, a, want);
		ck_assert_int_eq(occ[1].start_utc - occ[0].start_utc, 1200);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("recur");
	TCase *t = tcase_create("recur");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, format_and_same);
	tcase_add_loop_test(t, bounds_table, 0, (int)(sizeof bound_cases / sizeof *bound_cases));
	tcase_add_test(t, limits_and_secondly);
	tcase_add_loop_test(t, builder_table, 0, (int)(sizeof builder_cases / sizeof *builder_cases));
	tcase_add_loop_test(t, words_table, 0, (int)(sizeof words_cases / sizeof *words_cases));
	tcase_add_test(t, words_tell_rules_apart);
	tcase_add_test(t, subdaily_window_from_auckland);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
