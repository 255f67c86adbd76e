/* test_exceptions.c - unit tests for src/cal/exceptions.c: whether a recurrence id is an occurrence, and splitting. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cal/exceptions.h"
#include "cal/recur.h"
#include "cal/time.h"
#include "util/arena.h"

static cal_local L(const char *s)
{
	cal_local t;
	ck_assert_msg(cal_parse_local(s, &t) == 0, "test time '%s' does not parse", s);
	return t;
}

static void unchecked_setup(void)
{
	cal_init();
}

static void unchecked_teardown(void)
{
	cal_shutdown();
}

/* ---- splitting: the two rules, or why not ---- */

static const struct split_case {
	const char *name;
	bool all_day;
	const char *start, *end, *rrule;
	const char *rid, *new_start;
	enum cal_split_refusal want;
	const char *old_rule, *new_rule;
} split_cases[] = {
	{"COUNT is shared: three before, five from the split on", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-27 10:00", "2025-03-27 14:00", CAL_SPLIT_OK,
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=3", "FREQ=WEEKLY;BYDAY=TH;COUNT=5"},
	{"the form's UNTIL: the old ends the day before, the new on the old last day", false, "2025-03-06 10:00",
	 "2025-03-06 11:00", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250424T195959Z", "2025-03-27 10:00", "2025-03-27 14:00",
	 CAL_SPLIT_OK, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250326T195959Z", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250424T195959Z"},
	{"a weekly rule on one day follows the new date", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-27 10:00", "2025-03-28 10:00", CAL_SPLIT_OK,
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=3", "FREQ=WEEKLY;BYDAY=FR;COUNT=5"},
	{"UNTIL moves with the starts when the date moves", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250424T195959Z", "2025-03-27 10:00", "2025-03-28 09:00", CAL_SPLIT_OK,
	 "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250326T195959Z", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20250425T195959Z"},
	{"a monthly rule on one day of the month follows it", false, "2025-01-10 10:00", "2025-01-10 11:00",
	 "FREQ=MONTHLY;BYMONTHDAY=10;COUNT=6", "2025-03-10 10:00", "2025-03-12 10:00", CAL_SPLIT_OK,
	 "FREQ=MONTHLY;BYMONTHDAY=10;COUNT=2", "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=4"},
	{"the second Tuesday becomes the second Wednesday", false, "2025-01-14 10:00", "2025-01-14 11:00",
	 "FREQ=MONTHLY;BYDAY=2TU", "2025-03-11 10:00", "2025-03-12 10:00", CAL_SPLIT_OK,
	 "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250310T195959Z", "FREQ=MONTHLY;BYDAY=2WE"},
	{"the last Friday becomes the last Thursday", false, "2025-01-31 10:00", "2025-01-31 11:00",
	 "FREQ=MONTHLY;BYDAY=-1FR;COUNT=10", "2025-03-28 10:00", "2025-03-27 10:00", CAL_SPLIT_OK,
	 "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", "FREQ=MONTHLY;BYDAY=-1TH;COUNT=8"},
	{"a rule without an end: the old one gets an UNTIL, the new one none", false, "2025-03-01 10:00",
	 "2025-03-01 11:00", "FREQ=DAILY", "2025-03-10 10:00", "2025-03-10 10:00", CAL_SPLIT_OK,
	 "FREQ=DAILY;UNTIL=20250309T195959Z", "FREQ=DAILY"},
	{"several starts a day: the old one ends a second before the split", false, "2025-03-01 00:00",
	 "2025-03-01 01:00", "FREQ=HOURLY;INTERVAL=6", "2025-03-02 12:00", "2025-03-02 12:00", CAL_SPLIT_OK,
	 "FREQ=HOURLY;INTERVAL=6;UNTIL=20250302T075959Z", "FREQ=HOURLY;INTERVAL=6"},
	{"all-day: UNTIL is a date", true, "2025-05-09", "2025-05-10", "FREQ=YEARLY;UNTIL=20300509", "2027-05-09",
	 "2027-05-09", CAL_SPLIT_OK, "FREQ=YEARLY;UNTIL=20270508", "FREQ=YEARLY;UNTIL=20300509"},
	{"the first occurrence is the series itself", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-06 10:00", "2025-03-06 14:00", CAL_SPLIT_FIRST, NULL, NULL},
	{"a time the rule does not give", false, "2025-03-06 10:00", "2025-03-06 11:00", "FREQ=WEEKLY;BYDAY=TH;COUNT=8",
	 "2025-03-07 10:00", "2025-03-07 14:00", CAL_SPLIT_NOT_RULE, NULL, NULL},
	{"after the rule's end", false, "2025-03-06 10:00", "2025-03-06 11:00", "FREQ=WEEKLY;BYDAY=TH;COUNT=3",
	 "2025-03-27 10:00", "2025-03-27 14:00", CAL_SPLIT_NOT_RULE, NULL, NULL},
	{"no rule", false, "2025-03-06 10:00", "2025-03-06 11:00", NULL, "2025-03-13 10:00", "2025-03-13 10:00",
	 CAL_SPLIT_NO_RULE, NULL, NULL},
	{"the rule names its hours: the time cannot move", false, "2025-03-01 09:00", "2025-03-01 10:00",
	 "FREQ=DAILY;BYHOUR=9,15", "2025-03-02 09:00", "2025-03-02 10:00", CAL_SPLIT_TIME_FIXED, NULL, NULL},
	{"two weekdays cannot follow one new date", false, "2025-03-03 10:00", "2025-03-03 11:00",
	 "FREQ=WEEKLY;BYDAY=MO,TH", "2025-03-10 10:00", "2025-03-11 10:00", CAL_SPLIT_DAY_FIXED, NULL, NULL},
	{"BYMONTH pins the date", false, "2025-03-03 10:00", "2025-03-03 11:00", "FREQ=YEARLY;BYMONTH=3",
	 "2026-03-03 10:00", "2026-03-04 10:00", CAL_SPLIT_DAY_FIXED, NULL, NULL},
	{"moved back onto the meeting before: the two series would overlap", false, "2025-03-06 10:00",
	 "2025-03-06 11:00", "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-27 10:00", "2025-03-20 10:00", CAL_SPLIT_OVERLAPS,
	 NULL, NULL},
	{"moved back before the series' first meeting", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-27 10:00", "2025-03-01 10:00", CAL_SPLIT_OVERLAPS, NULL, NULL},
	{"moved back, but after the meeting before: fine", false, "2025-03-06 10:00", "2025-03-06 11:00",
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=8", "2025-03-27 10:00", "2025-03-21 10:00", CAL_SPLIT_OK,
	 "FREQ=WEEKLY;BYDAY=TH;COUNT=3", "FREQ=WEEKLY;BYDAY=FR;COUNT=5"},
	{"all-day, a year back onto the one before", true, "2025-05-09", "2025-05-10", "FREQ=YEARLY;UNTIL=20300509",
	 "2027-05-09", "2026-05-09", CAL_SPLIT_OVERLAPS, NULL, NULL},
	{"the same rule with the date kept splits fine", false, "2025-03-03 10:00", "2025-03-03 11:00",
	 "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10", "2025-03-10 10:00", "2025-03-10 16:00", CAL_SPLIT_OK,
	 "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=2", "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8"},
};

START_TEST(split_table)
{
	const struct split_case *k = &split_cases[_i];
	arena a;
	arena_init(&a, 4096);
	cal_series s = {"Asia/Baku", k->all_day, L(k->start), L(k->end), k->rrule, NULL, 0, NULL, 0, NULL, 0};
	cal_split p;
	char err[200] = "";
	enum cal_split_refusal r = cal_split_plan(&a, &s, L(k->rid), L(k->new_start), L(k->rid), &p, err, sizeof err);
	ck_assert_msg(r == k->want, "%s: refusal %d, want %d (%s)", k->name, r, k->want, err);
	if (r == CAL_SPLIT_OK) {
		/* the rules as libical writes them, compared by meaning (the order of the parts is libical's) */
		const cal_rule *got_old = cal_rule_parse(&a, p.old_rule, NULL), *got_new = cal_rule_parse(&a, p.new_rule, NULL);
		ck_assert_msg(got_old && cal_rule_same(got_old, cal_rule_parse(&a, k->old_rule, NULL)), "%s: old rule %s, want %s",
		              k->name, p.old_rule, k->old_rule);
		ck_assert_msg(got_new && cal_rule_same(got_new, cal_rule_parse(&a, k->new_rule, NULL)), "%s: new rule %s, want %s",
		              k->name, p.new_rule, k->new_rule);
		ck_assert_msg(p.n == 1 && cal_local_cmp(p.to[0], L(k->new_start)) == 0, "%s: the split itself maps", k->name);
	}
	arena_free(&a);
}
END_TEST

/* The two halves together hold as many occurrences as the whole did, at the new time from the split on. */
START_TEST(split_keeps_the_count)
{
	arena a;
	arena_init(&a, 4096);
	cal_series s = {"Europe/Berlin", false, L("2025-03-06 10:00"), L("2025-03-06 11:00"),
	                "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250501T215959Z", NULL, 0, NULL, 0, NULL, 0};
	cal_split p;
	char err[200] = "";
	ck_assert_int_eq(cal_split_plan(&a, &s, L("2025-03-27 10:00"), L("2025-03-28 08:30"), L("2025-03-27 10:00"), &p,
	                                err, sizeof err), CAL_SPLIT_OK);
	cal_occurrence occ[32];
	bool cut;
	long long from = cal_local_to_utc(L("2025-01-01"), "UTC"), to = cal_local_to_utc(L("2026-01-01"), "UTC");
	int whole = cal_expand(&s, from, to, 32, occ, &cut, NULL, err, sizeof err);
	cal_series old = s, neu = s;
	old.rrule = p.old_rule;
	neu.rrule = p.new_rule;
	neu.start = L("2025-03-28 08:30");
	neu.end = L("2025-03-28 09:30");
	int before = cal_expand(&old, from, to, 32, occ, &cut, NULL, err, sizeof err);
	ck_assert_int_eq(before, 3);
	int after = cal_expand(&neu, from, to, 32, occ, &cut, NULL, err, sizeof err);
	ck_assert_int_eq(whole, 9);
	ck_assert_int_eq(before + after, whole);
	char last[20];
	cal_format_local(occ[after - 1].start, last);
	ck_assert_str_eq(last, "2025-05-02 08:30:00"); /* across the DST change, still 08:30 */
	arena_free(&a);
}
END_TEST

/* EXDATEs and overrides from the split on are renamed pair by pair; what is not a start of the rule stays. */
START_TEST(split_map_renames_by_position)
{
	arena a;
	arena_init(&a, 4096);
	cal_series s = {"Asia/Baku", false, L("2025-01-14 10:00"), L("2025-01-14 11:00"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
	                NULL, 0, NULL, 0, NULL, 0};
	cal_split p;
	char err[200] = "";
	ck_assert_int_eq(cal_split_plan(&a, &s, L("2025-03-11 10:00"), L("2025-03-12 15:00"), L("2025-07-08 10:00"), &p,
	                                err, sizeof err), CAL_SPLIT_OK);
	ck_assert_uint_eq(p.n, 5);
	char got[20];
	cal_format_local(cal_split_map(&p, L("2025-07-08 10:00")), got); /* the second Tuesday of July */
	ck_assert_str_eq(got, "2025-07-09 15:00:00");                     /* the second Wednesday */
	cal_format_local(cal_split_map(&p, L("2025-07-09 10:00")), got);
	ck_assert_str_eq(got, "2025-07-09 10:00:00");
	arena_free(&a);
}
END_TEST

START_TEST(is_occurrence)
{
	cal_local ex[] = {L("2025-03-13 10:00")}, rd[] = {L("2025-03-15 09:00")};
	cal_series s = {"Asia/Baku", false, L("2025-03-06 10:00"), L("2025-03-06 11:00"), "FREQ=WEEKLY;BYDAY=TH;COUNT=8",
	                rd, 1, ex, 1, NULL, 0};
	char err[200];
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-06 10:00"), NULL, err, sizeof err), 1); /* DTSTART */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-20 10:00"), NULL, err, sizeof err), 1); /* the rule */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-15 09:00"), NULL, err, sizeof err), 1); /* an RDATE */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-13 10:00"), NULL, err, sizeof err), 0); /* an EXDATE */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-20 11:00"), NULL, err, sizeof err), 0); /* another time */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-04-24 10:00"), NULL, err, sizeof err), 1); /* the eighth */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-05-01 10:00"), NULL, err, sizeof err), 0); /* a ninth */
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-02-27 10:00"), NULL, err, sizeof err), 0); /* before the start */
	s.tzid = "Nowhere/Atlantis";
	ck_assert_int_eq(cal_is_occurrence(&s, L("2025-03-20 10:00"), NULL, err, sizeof err), -1);
}
END_TEST

/* ---- a series ended with what it belongs to (a memorandum's termination) ---- */

static const struct end_case {
	const char *name;
	const char *tzid;
	bool all_day;
	const char *start, *rrule, *cut;
	enum cal_end want;
	const char *rule; /* CAL_END_RULE's */
} end_cases[] = {
	{"weekly, never ending: UNTIL is the last second before the cut, in UTC", "Asia/Baku", false,
	 "2027-01-04 10:00", "FREQ=WEEKLY;BYDAY=MO", "2027-04-01 00:00", CAL_END_RULE,
	 "FREQ=WEEKLY;UNTIL=20270331T195959Z;BYDAY=MO"},
	{"a later UNTIL is brought in", "Europe/Berlin", false, "2027-01-05 18:30",
	 "FREQ=DAILY;UNTIL=20281231T225959Z", "2027-04-01 00:00", CAL_END_RULE, "FREQ=DAILY;UNTIL=20270331T215959Z"},
	{"a COUNT keeps the starts before the cut", "Europe/Berlin", false, "2027-01-05 18:30",
	 "FREQ=WEEKLY;BYDAY=TU;COUNT=30", "2027-04-01 00:00", CAL_END_RULE, "FREQ=WEEKLY;BYDAY=TU;COUNT=13"},
	{"all-day: UNTIL is the date before the cut", "Asia/Baku", true, "2027-01-08 00:00", "FREQ=WEEKLY;BYDAY=FR",
	 "2027-04-01 00:00", CAL_END_RULE, "FREQ=WEEKLY;UNTIL=20270331;BYDAY=FR"},
	{"a cut in the day (now): what started before it stays, UNTIL through that day", "Asia/Baku", false, "2027-01-04 10:00",
	 "FREQ=DAILY", "2027-02-01 10:00:01", CAL_END_RULE, "FREQ=DAILY;UNTIL=20270201T195959Z"},
	{"a series that starts at the cut goes whole", "Asia/Baku", false, "2027-04-01 00:00", "FREQ=WEEKLY",
	 "2027-04-01 00:00", CAL_END_ALL, NULL},
	{"… and one that starts after it, repeating or not", "Asia/Baku", false, "2027-05-10 15:00", NULL,
	 "2027-04-01 00:00", CAL_END_ALL, NULL},
	{"a single meeting before the cut: nothing to do", "Asia/Baku", false, "2027-03-10 15:00", NULL,
	 "2027-04-01 00:00", CAL_END_NONE, NULL},
	{"a rule over before the cut: nothing to do", "Asia/Baku", false, "2027-01-06 12:00",
	 "FREQ=WEEKLY;COUNT=3", "2027-04-01 00:00", CAL_END_NONE, NULL},
	{"an unknown zone is an error", "Nowhere/Atlantis", false, "2027-01-06 12:00", "FREQ=WEEKLY",
	 "2027-04-01 00:00", CAL_END_ERROR, NULL},
};

START_TEST(end_table)
{
	const struct end_case *k = &end_cases[_i];
	arena a;
	arena_init(&a, 4096);
	cal_series s = {k->tzid, k->all_day, L(k->start), L(k->start), k->rrule, NULL, 0, NULL, 0, NULL, 0};
	const char *rule = NULL;
	char err[200] = "";
	enum cal_end r = cal_end_before(&a, &s, L(k->cut), &rule, err, sizeof err);
	ck_assert_msg(r == k->want, "%s: %d, want %d (%s)", k->name, r, k->want, err);
	if (r == CAL_END_RULE) {
		const cal_rule *got = cal_rule_parse(&a, rule, NULL);
		ck_assert_msg(got && cal_rule_same(got, cal_rule_parse(&a, k->rule, NULL)), "%s: rule %s, want %s", k->name,
		              rule, k->rule);
	}
	arena_free(&a);
}
END_TEST

static Suite *exceptions_suite(void)
{
	Suite *s = suite_create("exceptions");
	TCase *tc = tcase_create("split");
	tcase_add_unchecked_fixture(tc, unchecked_setup, unchecked_teardown);
	tcase_add_loop_test(tc, split_table, 0, sizeof split_cases / sizeof split_cases[0]);
	tcase_add_test(tc, split_keeps_the_count);
	tcase_add_test(tc, split_map_renames_by_position);
	tcase_add_test(tc, is_occurrence);
	tcase_add_loop_test(tc, end_table, 0, sizeof end_cases / sizeof end_cases[0]);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(exceptions_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
