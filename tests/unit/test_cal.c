/* test_cal.c - unit tests for src/cal: local times and zones, RRULE validation, series expansion. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* timegm: an independent UTC clock for the expected instants */
#endif

#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/expand.h"
#include "cal/rrule.h"
#include "cal/splice.h"
#include "cal/time.h"
#include "util/utf8.h"

#define MAXOCC 64

/* "YYYY-MM-DD[ HH:MM[:SS]]" read as UTC, through sscanf and timegm rather than the code under test. */
static long long utc(const char *s)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
	int n = sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se);
	ck_assert_msg(n == 3 || n >= 5, "bad test time '%s'", s);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return (long long)timegm(&tm);
}

static cal_local L(const char *s)
{
	cal_local t;
	ck_assert_msg(cal_parse_local(s, &t) == 0, "test time '%s' does not parse", s);
	return t;
}

static const char *fmt(cal_local t, char buf[20])
{
	cal_format_local(t, buf);
	return buf;
}

static cal_series series(const char *tz, const char *start, const char *end, const char *rrule)
{
	cal_series s;
	memset(&s, 0, sizeof s);
	s.tzid = tz;
	s.start = L(start);
	s.end = L(end);
	s.rrule = rrule;
	return s;
}

static int expand(const cal_series *s, const char *from, const char *to, size_t max, cal_occurrence *out,
                  bool *truncated)
{
	char err[256] = "";
	int n = cal_expand(s, utc(from), utc(to), max, out, truncated, NULL, err, sizeof err);
	ck_assert_msg(n >= 0, "cal_expand failed: %s", err);
	return n;
}

static void unchecked_setup(void)
{
	cal_init();
}

static void unchecked_teardown(void)
{
	cal_shutdown();
}

/* ---- the rule table: expected dates worked out by hand from what each rule means ---- */

static const struct rule_case {
	const char *name, *tz, *start, *end, *rrule;
	const char *from, *to;     /* the window, UTC */
	const char *want[13];      /* local starts as a clock in the zone shows them */
	const char *want_utc[13];  /* the same instants in UTC, where the row is about them */
} rule_cases[] = {
	{"daily", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=5", "2025-01-01", "2026-01-01",
	 {"2025-03-10 10:00:00", "2025-03-11 10:00:00", "2025-03-12 10:00:00", "2025-03-13 10:00:00", "2025-03-14 10:00:00"},
	 {"2025-03-10 06:00", "2025-03-11 06:00", "2025-03-12 06:00", "2025-03-13 06:00", "2025-03-14 06:00"}},
	/* 2025-01-01 is a Wednesday, so Mondays fall on 6, 13 ... Jan, 3 Feb, 3 and 10 March. */
	{"weekly MO,WE from a Monday", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00",
	 "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6", "2025-01-01", "2026-01-01",
	 {"2025-03-10 10:00:00", "2025-03-12 10:00:00", "2025-03-17 10:00:00", "2025-03-19 10:00:00",
	  "2025-03-24 10:00:00", "2025-03-26 10:00:00"},
	 {NULL}},
	{"every other Tuesday", "Asia/Baku", "2025-03-11 10:00", "2025-03-11 11:00",
	 "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4", "2025-01-01", "2026-01-01",
	 {"2025-03-11 10:00:00", "2025-03-25 10:00:00", "2025-04-08 10:00:00", "2025-04-22 10:00:00"},
	 {NULL}},
	/* Fridays of 2025: 31 Jan, 28 Feb, 28 Mar (31st a Monday), 25 Apr (30th a Wednesday), 30 May (31st a
	 * Saturday), 27 Jun (30th a Monday). */
	{"last Friday of the month", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
	 "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", "2025-01-01", "2026-01-01",
	 {"2025-01-31 10:00:00", "2025-02-28 10:00:00", "2025-03-28 10:00:00", "2025-04-25 10:00:00",
	  "2025-05-30 10:00:00", "2025-06-27 10:00:00"},
	 {NULL}},
	{"the 31st skips short months", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
	 "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7", "2025-01-01", "2026-01-01",
	 {"2025-01-31 10:00:00", "2025-03-31 10:00:00", "2025-05-31 10:00:00", "2025-07-31 10:00:00",
	  "2025-08-31 10:00:00", "2025-10-31 10:00:00", "2025-12-31 10:00:00"},
	 {NULL}},
	{"29 February every leap year", "Asia/Baku", "2024-02-29 10:00", "2024-02-29 11:00",
	 "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3", "2024-01-01", "2033-01-01",
	 {"2024-02-29 10:00:00", "2028-02-29 10:00:00", "2032-02-29 10:00:00"},
	 {NULL}},
	/* Tuesdays: 7 and 14 Jan; 1 Feb is a Saturday: 4, 11 Feb; 1 Mar a Saturday: 4, 11 Mar; 1 Apr a Tuesday. */
	{"second Tuesday of the month", "Asia/Baku", "2025-01-14 10:00", "2025-01-14 11:00",
	 "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", "2025-01-01", "2026-01-01",
	 {"2025-01-14 10:00:00", "2025-02-11 10:00:00", "2025-03-11 10:00:00", "2025-04-08 10:00:00"},
	 {NULL}},
	/* 1 Jan 2024 is a Monday: the 20th is 19 weeks on, day 134 = 13 May. 2025 starts on a Wednesday, first
	 * Monday 6 Jan, the 20th is day 139 = 19 May. 2026 starts on a Thursday, 5 Jan, day 138 = 18 May. */
	{"20th Monday of the year", "Asia/Baku", "2024-05-13 10:00", "2024-05-13 11:00",
	 "FREQ=YEARLY;BYDAY=20MO;COUNT=3", "2024-01-01", "2027-01-01",
	 {"2024-05-13 10:00:00", "2025-05-19 10:00:00", "2026-05-18 10:00:00"},
	 {NULL}},
	{"last weekday of the month (BYSETPOS)", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
	 "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-01-31 10:00:00", "2025-02-28 10:00:00", "2025-03-31 10:00:00"},
	 {NULL}},
	/* 10:00 in Baku (+04) is 06:00Z: UNTIL=...T060000Z includes 10 March exactly, a second less does not. */
	{"UNTIL in UTC, series in Baku", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
	 "FREQ=WEEKLY;UNTIL=20250310T060000Z", "2025-01-01", "2026-01-01",
	 {"2025-02-24 10:00:00", "2025-03-03 10:00:00", "2025-03-10 10:00:00"},
	 {"2025-02-24 06:00", "2025-03-03 06:00", "2025-03-10 06:00"}},
	{"UNTIL one second before", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
	 "FREQ=WEEKLY;UNTIL=20250310T055959Z", "2025-01-01", "2026-01-01",
	 {"2025-02-24 10:00:00", "2025-03-03 10:00:00"},
	 {NULL}},
	{"UNTIL as a date includes that day", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
	 "FREQ=WEEKLY;UNTIL=20250310", "2025-01-01", "2026-01-01",
	 {"2025-02-24 10:00:00", "2025-03-03 10:00:00", "2025-03-10 10:00:00"},
	 {NULL}},
	/* Europe/Berlin: +01 until 30 March 2025 (01:00Z), then +02 until 26 October (01:00Z). */
	{"Berlin Sundays across spring-forward", "Europe/Berlin", "2025-03-23 10:00", "2025-03-23 11:00",
	 "FREQ=WEEKLY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-03-23 10:00:00", "2025-03-30 10:00:00", "2025-04-06 10:00:00"},
	 {"2025-03-23 09:00", "2025-03-30 08:00", "2025-04-06 08:00"}},
	{"Berlin Sundays across fall-back", "Europe/Berlin", "2025-10-19 10:00", "2025-10-19 11:00",
	 "FREQ=WEEKLY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-10-19 10:00:00", "2025-10-26 10:00:00", "2025-11-02 10:00:00"},
	 {"2025-10-19 08:00", "2025-10-26 09:00", "2025-11-02 09:00"}},
	/* America/New_York: EST (-05) until 9 March 2025, EDT (-04) until 2 November. */
	{"New York daily across 9 March", "America/New_York", "2025-03-08 09:00", "2025-03-08 10:00",
	 "FREQ=DAILY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-03-08 09:00:00", "2025-03-09 09:00:00", "2025-03-10 09:00:00"},
	 {"2025-03-08 14:00", "2025-03-09 13:00", "2025-03-10 13:00"}},
	{"New York daily across 2 November", "America/New_York", "2025-11-01 09:00", "2025-11-01 10:00",
	 "FREQ=DAILY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-11-01 09:00:00", "2025-11-02 09:00:00", "2025-11-03 09:00:00"},
	 {"2025-11-01 13:00", "2025-11-02 14:00", "2025-11-03 14:00"}},
	/* 02:30 does not exist on 30 March in Berlin: read with the offset before the gap (+01), it is 01:30Z,
	 * which the clock shows as 03:30. The next day 02:30 is CEST again: 00:30Z. */
	{"Berlin 02:30 daily across the gap", "Europe/Berlin", "2025-03-29 02:30", "2025-03-29 03:00",
	 "FREQ=DAILY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-03-29 02:30:00", "2025-03-30 03:30:00", "2025-03-31 02:30:00"},
	 {"2025-03-29 01:30", "2025-03-30 01:30", "2025-03-31 00:30"}},
	/* 02:30 happens twice on 26 October: the first time, still CEST, 00:30Z. */
	{"Berlin 02:30 daily across the repeated hour", "Europe/Berlin", "2025-10-25 02:30", "2025-10-25 03:00",
	 "FREQ=DAILY;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-10-25 02:30:00", "2025-10-26 02:30:00", "2025-10-27 02:30:00"},
	 {"2025-10-25 00:30", "2025-10-26 00:30", "2025-10-27 01:30"}},
	{"Asia/Baku stays +04 all year", "Asia/Baku", "2025-01-15 10:00", "2025-01-15 11:00",
	 "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12", "2025-01-01", "2026-01-01",
	 {"2025-01-15 10:00:00", "2025-02-15 10:00:00", "2025-03-15 10:00:00", "2025-04-15 10:00:00",
	  "2025-05-15 10:00:00", "2025-06-15 10:00:00", "2025-07-15 10:00:00", "2025-08-15 10:00:00",
	  "2025-09-15 10:00:00", "2025-10-15 10:00:00", "2025-11-15 10:00:00", "2025-12-15 10:00:00"},
	 {"2025-01-15 06:00", "2025-02-15 06:00", "2025-03-15 06:00", "2025-04-15 06:00", "2025-05-15 06:00",
	  "2025-06-15 06:00", "2025-07-15 06:00", "2025-08-15 06:00", "2025-09-15 06:00", "2025-10-15 06:00",
	  "2025-11-15 06:00", "2025-12-15 06:00"}},
	/* DTSTART (a Tuesday) is not a Monday: it is still the first occurrence and counts towards COUNT. */
	{"DTSTART off the rule counts", "Asia/Baku", "2025-03-11 10:00", "2025-03-11 11:00",
	 "FREQ=WEEKLY;BYDAY=MO;COUNT=3", "2025-01-01", "2026-01-01",
	 {"2025-03-11 10:00:00", "2025-03-17 10:00:00", "2025-03-24 10:00:00"},
	 {NULL}},
	/* libical 3.0.16 returns this DTSTART twice; 09:00 on the first Monday is before DTSTART. */
	{"hourly on Mondays, no repeated DTSTART", "Asia/Baku", "2024-01-01 10:00", "2024-01-01 10:30",
	 "FREQ=HOURLY;BYDAY=MO;BYHOUR=9,10;COUNT=4", "2023-12-01", "2024-02-01",
	 {"2024-01-01 10:00:00", "2024-01-08 09:00:00", "2024-01-08 10:00:00", "2024-01-15 09:00:00"},
	 {NULL}},
	{"single event", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", NULL, "2025-01-01", "2026-01-01",
	 {"2025-03-10 10:00:00"},
	 {"2025-03-10 06:00"}},
	{"endless daily, window in the middle", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY",
	 "2025-03-20", "2025-03-23",
	 {"2025-03-20 10:00:00", "2025-03-21 10:00:00", "2025-03-22 10:00:00"},
	 {"2025-03-20 06:00", "2025-03-21 06:00", "2025-03-22 06:00"}},
	{"COUNT ended before the window", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=WEEKLY;COUNT=3",
	 "2026-01-01", "2027-01-01",
	 {NULL},
	 {NULL}},
	/* every 400 years from 2000: the next one, 2400, is before the window; 2800 is past libical's 2582 */
	{"nothing more before the year 2582", "Asia/Baku", "2000-01-01 10:00", "2000-01-01 11:00",
	 "FREQ=YEARLY;INTERVAL=400", "2500-01-01", "2580-01-01",
	 {NULL},
	 {NULL}},
	{"every 400 years", "Asia/Baku", "2000-01-01 10:00", "2000-01-01 11:00", "FREQ=YEARLY;INTERVAL=400",
	 "2300-01-01", "2580-01-01",
	 {"2400-01-01 10:00:00"},
	 {"2400-01-01 06:00"}},
};

START_TEST(rule_table)
{
	const struct rule_case *c = &rule_cases[_i];
	cal_series s = series(c->tz, c->start, c->end, c->rrule);
	cal_occurrence occ[MAXOCC];
	bool trunc = true;
	int n = expand(&s, c->from, c->to, MAXOCC, occ, &trunc);
	int want = 0;
	while (want < 13 && c->want[want])
		want++;
	char got[20];
	for (int i = 0; i < n && i < want; i++) {
		ck_assert_msg(strcmp(fmt(occ[i].start, got), c->want[i]) == 0, "%s: occurrence %d starts %s, want %s",
		              c->name, i, got, c->want[i]);
		if (c->want_utc[0])
			ck_assert_msg(occ[i].start_utc == utc(c->want_utc[i]), "%s: occurrence %d at %lld, want %s (%lld)",
			              c->name, i, occ[i].start_utc, c->want_utc[i], utc(c->want_utc[i]));
		ck_assert_msg(!occ[i].override && !occ[i].cancelled, "%s: occurrence %d has an override", c->name, i);
		if (i > 0)
			ck_assert_msg(occ[i].start_utc > occ[i - 1].start_utc, "%s: not in order at %d", c->name, i);
	}
	ck_assert_msg(n == want, "%s: %d occurrences, want %d", c->name, n, want);
	ck_assert_msg(!trunc, "%s: truncated", c->name);
}
END_TEST

/* The gap row again: the recurrence id keeps the rule's 02:30, and the length stays one real half hour. */
START_TEST(dst_gap_recurrence_id)
{
	cal_series s = series("Europe/Berlin", "2025-03-29 02:30", "2025-03-29 03:00", "FREQ=DAILY;COUNT=3");
	cal_occurrence occ[4];
	bool trunc;
	char a[20], b[20];
	ck_assert_int_eq(expand(&s, "2025-03-30", "2025-03-31", 4, occ, &trunc), 1);
	ck_assert_str_eq(fmt(occ[0].recurrence_id, a), "2025-03-30 02:30:00");
	ck_assert_str_eq(fmt(occ[0].start, b), "2025-03-30 03:30:00");
	ck_assert_str_eq(fmt(occ[0].end, a), "2025-03-30 04:00:00");
	ck_assert(occ[0].end_utc - occ[0].start_utc == 1800);
}
END_TEST

/* Half-hourly across a spring-forward night: 02:00 and 02:30 do not exist on the wall and are read as
 * 03:00 and 03:30 (RFC 5545), so the wall order 02:30, 03:00 is not the order in time. The expansion
 * lists every one, by instant (the fuzzer found them out of order). */
START_TEST(dst_gap_keeps_time_order)
{
	cal_series s = series("America/New_York", "2026-03-08 01:00", "2026-03-08 01:10",
	                      "FREQ=MINUTELY;INTERVAL=30;COUNT=8");
	cal_occurrence occ[10];
	bool trunc;
	char a[20];
	int n = expand(&s, "2026-03-08", "2026-03-10", 10, occ, &trunc);
	ck_assert_int_eq(n, 8);
	for (int i = 1; i < n; i++)
		ck_assert_msg(occ[i - 1].start_utc <= occ[i].start_utc, "occurrence %d (%s) starts before the one before it", i,
		              fmt(occ[i].recurrence_id, a));
	/* 02:30's occurrence (at 03:30 new time) comes after 03:00's */
	ck_assert_str_eq(fmt(occ[3].recurrence_id, a), "2026-03-08 03:00:00");
	ck_assert_str_eq(fmt(occ[4].recurrence_id, a), "2026-03-08 02:30:00");
	/* and a window that ends between them still has the 03:00 one */
	n = expand(&s, "2026-03-08", "2026-03-08 07:15", 10, occ, &trunc);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(fmt(occ[3].recurrence_id, a), "2026-03-08 03:00:00");
}
END_TEST

/* ---- times and zones ---- */

static const struct parse_case {
	const char *s;
	bool ok;
	cal_local want;
} parse_cases[] = {
	{"2025-03-10 10:00", true, {2025, 3, 10, 10, 0, 0}},
	{"2025-03-10 10:00:05", true, {2025, 3, 10, 10, 0, 5}},
	{"2025-03-10T10:00", true, {2025, 3, 10, 10, 0, 0}},
	{"2025-03-10T23:59:59", true, {2025, 3, 10, 23, 59, 59}},
	{"2025-03-10", true, {2025, 3, 10, 0, 0, 0}},
	{"2024-02-29", true, {2024, 2, 29, 0, 0, 0}},
	{"2000-02-29 12:00", true, {2000, 2, 29, 12, 0, 0}},
	{"0001-01-01", true, {1, 1, 1, 0, 0, 0}},
	{"9999-12-31 23:59:59", true, {9999, 12, 31, 23, 59, 59}},
	{"", false, {0}},
	{"2025-3-10", false, {0}},
	{"2025-03-1", false, {0}},
	{"2025-03-10 10", false, {0}},
	{"2025-03-10 10:0", false, {0}},
	{"2025-03-10 10:00:00.5", false, {0}},
	{"2025-03-10 10:00:00Z", false, {0}},
	{"2025-02-29", false, {0}},
	{"1900-02-29", false, {0}},
	{"2025-04-31", false, {0}},
	{"2025-13-01", false, {0}},
	{"2025-00-10", false, {0}},
	{"2025-03-00", false, {0}},
	{"2025-03-32", false, {0}},
	{"2025-03-10 24:00", false, {0}},
	{"2025-03-10 10:60", false, {0}},
	{"2025-03-10 10:00:60", false, {0}},
	{" 2025-03-10", false, {0}},
	{"2025-03-10 ", false, {0}},
	{"2025-03-10\n", false, {0}},
	{"2025/03/10", false, {0}},
	{"2025-03-10X10:00", false, {0}},
	{"2025-03-10 10-00", false, {0}},
	{"abcd-ef-gh", false, {0}},
	{"0000-01-01", false, {0}},
	{"+025-03-10", false, {0}},
	{"2025-03-10 1a:00", false, {0}},
	{"2025-03-10  10:00", false, {0}},
};

START_TEST(parse_table)
{
	const struct parse_case *c = &parse_cases[_i];
	cal_local t = {-1, -1, -1, -1, -1, -1};
	int rc = cal_parse_local(c->s, &t);
	ck_assert_msg((rc == 0) == c->ok, "'%s': cal_parse_local returned %d", c->s, rc);
	if (c->ok)
		ck_assert_msg(cal_local_cmp(t, c->want) == 0, "'%s': fields differ", c->s);
	else
		ck_assert_msg(t.year == -1, "'%s': output touched on failure", c->s);
}
END_TEST

START_TEST(parse_null_and_format)
{
	cal_local t;
	char buf[20];
	ck_assert_int_eq(cal_parse_local(NULL, &t), -1);
	cal_local u = {2025, 3, 10, 9, 5, 7};
	ck_assert_str_eq(fmt(u, buf), "2025-03-10 09:05:07");
	cal_local v = {1, 1, 1, 0, 0, 0};
	ck_assert_str_eq(fmt(v, buf), "0001-01-01 00:00:00");
	ck_assert_int_eq(cal_parse_local(fmt(u, buf), &t), 0);
	ck_assert_int_eq(cal_local_cmp(t, u), 0);
}
END_TEST

static const struct zone_case {
	const char *tzid;
	bool known;
} zone_cases[] = {
	{"Asia/Baku", true},
	{"Europe/Berlin", true},
	{"America/New_York", true},
	{"America/Argentina/Buenos_Aires", true},
	{"UTC", true},
	{"Nope/Zone", false},
	{"", false},
	{"asia/baku", false},
	{"Asia/Baku ", false},
	{"../../etc/passwd", false},
	{"Asia/../Asia/Baku", false},
	{"/usr/share/zoneinfo/Asia/Baku", false},
	{"Asia/Baku/", false},
	{"Asia//Baku", false},
	{"zone.tab", false},
	{"Asia/Baku;rm", false},
	{"right/UTC", false},
	{"posix/Asia/Baku", false},
	{"posixrules", false},
	{"localtime", false},
	{"Etc/GMT-4", true},
};

START_TEST(zone_table)
{
	const struct zone_case *c = &zone_cases[_i];
	ck_assert_msg(cal_zone_known(c->tzid) == c->known, "'%s' should be %s", c->tzid,
	              c->known ? "known" : "unknown");
}
END_TEST

/* Local -> UTC with the gap and the repeated hour, and back. */
static const struct conv_case {
	const char *tz, *local, *utc;
	const char *back; /* the local time the instant shows (differs in the gap) */
} conv_cases[] = {
	{"Asia/Baku", "2025-03-10 10:00:00", "2025-03-10 06:00", "2025-03-10 10:00:00"},
	{"Asia/Baku", "2025-07-10 10:00:00", "2025-07-10 06:00", "2025-07-10 10:00:00"},
	{"UTC", "2025-03-10 10:00:00", "2025-03-10 10:00", "2025-03-10 10:00:00"},
	{"Europe/Berlin", "2025-01-15 12:00:00", "2025-01-15 11:00", "2025-01-15 12:00:00"},
	{"Europe/Berlin", "2025-07-15 12:00:00", "2025-07-15 10:00", "2025-07-15 12:00:00"},
	{"Europe/Berlin", "2025-03-30 01:59:59", "2025-03-30 00:59:59", "2025-03-30 01:59:59"},
	{"Europe/Berlin", "2025-03-30 02:00:00", "2025-03-30 01:00", "2025-03-30 03:00:00"}, /* gap */
	{"Europe/Berlin", "2025-03-30 02:30:00", "2025-03-30 01:30", "2025-03-30 03:30:00"}, /* gap */
	{"Europe/Berlin", "2025-03-30 03:00:00", "2025-03-30 01:00", "2025-03-30 03:00:00"},
	{"Europe/Berlin", "2025-10-26 01:59:59", "2025-10-25 23:59:59", "2025-10-26 01:59:59"},
	{"Europe/Berlin", "2025-10-26 02:00:00", "2025-10-26 00:00", "2025-10-26 02:00:00"}, /* first of two */
	{"Europe/Berlin", "2025-10-26 02:30:00", "2025-10-26 00:30", "2025-10-26 02:30:00"}, /* first of two */
	{"Europe/Berlin", "2025-10-26 03:00:00", "2025-10-26 02:00", "2025-10-26 03:00:00"},
	{"America/New_York", "2025-03-09 02:30:00", "2025-03-09 07:30", "2025-03-09 03:30:00"}, /* gap */
	{"America/New_York", "2025-11-02 01:30:00", "2025-11-02 05:30", "2025-11-02 01:30:00"}, /* first of two */
	{"America/New_York", "2025-11-02 02:30:00", "2025-11-02 07:30", "2025-11-02 02:30:00"},
	{"Europe/Berlin", "2060-07-01 12:00:00", "2060-07-01 10:00", "2060-07-01 12:00:00"}, /* past tzdata's table */
};

START_TEST(conversion_table)
{
	const struct conv_case *c = &conv_cases[_i];
	char buf[20];
	long long u = cal_local_to_utc(L(c->local), c->tz);
	ck_assert_msg(u == utc(c->utc), "%s %s: %lld, want %s (%lld)", c->tz, c->local, u, c->utc, utc(c->utc));
	ck_assert_str_eq(fmt(cal_utc_to_local(u, c->tz), buf), c->back);
}
END_TEST

START_TEST(conversion_unknown_zone)
{
	ck_assert(cal_local_to_utc(L("2025-03-10 10:00"), "Nope/Zone") == CAL_TIME_INVALID);
	cal_local bad = {2025, 2, 30, 0, 0, 0};
	ck_assert(cal_local_to_utc(bad, "UTC") == CAL_TIME_INVALID);
	ck_assert(!cal_local_valid(cal_utc_to_local(0, "Nope/Zone")));
}
END_TEST

/* ---- rule validation ---- */

static const char *const good_rules[] = {
	"FREQ=DAILY",
	"FREQ=DAILY;COUNT=5",
	"FREQ=DAILY;COUNT=5;",
	"freq=weekly;byday=mo,we",
	"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU",
	"FREQ=MONTHLY;BYDAY=-1FR",
	"FREQ=MONTHLY;BYDAY=+2TU",
	"FREQ=MONTHLY;BYMONTHDAY=31",
	"FREQ=MONTHLY;BYMONTHDAY=-1",
	"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
	"FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
	"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
	"FREQ=YEARLY;BYDAY=20MO",
	"FREQ=YEARLY;BYDAY=-53SU",
	"FREQ=YEARLY;BYMONTH=1,7;BYDAY=1SU",
	"FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
	"FREQ=YEARLY;BYYEARDAY=1,100,-1",
	"FREQ=DAILY;UNTIL=20250310T060000Z",
	"FREQ=DAILY;UNTIL=20250310",
	"FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30",
	"FREQ=HOURLY;INTERVAL=5",
	"FREQ=MINUTELY",
	"FREQ=DAILY;COUNT=2147483647",
	"FREQ=DAILY;INTERVAL=32767",
};

START_TEST(rrule_good_table)
{
	char err[256] = "";
	ck_assert_msg(cal_rrule_check(good_rules[_i], err, sizeof err) == 0, "'%s' refused: %s", good_rules[_i], err);
}
END_TEST

static const struct bad_rule {
	const char *rule, *msg; /* msg: a part of the message that names what is wrong */
} bad_rules[] = {
	{"BYDAY=MO;COUNT=3", "FREQ is missing"},
	{"FREQ=DAILY;BYDAY=XX", "BYDAY value 'XX'"},
	{"FREQ=DAILY;COUNT=3;UNTIL=20250101T000000Z", "UNTIL and COUNT"},
	{"FREQ=DAILY;UNTIL=20250101T000000Z;COUNT=3", "UNTIL and COUNT"},
	{"FREQ=WEEKLY;BYMONTHDAY=40", "BYMONTHDAY value '40'"},
	{"garbage", "NAME=VALUE"},
	{"", "empty"},
	{NULL, "empty"},
	{"RRULE:FREQ=DAILY", "RRULE: prefix"},
	{"FREQ=FORTNIGHTLY", "FREQ must be"},
	{"FREQ=DAILY;FOO=1", "unknown rule part 'FOO'"},
	{"FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"},
	{"FREQ=DAILY;;COUNT=2", "empty part"},
	{"FREQ=DAILY;COUNT=0", "COUNT"},
	{"FREQ=DAILY;COUNT=-1", "COUNT"},
	{"FREQ=DAILY;COUNT=3x", "COUNT"},
	{"FREQ=DAILY;COUNT=99999999999", "COUNT"},
	{"FREQ=DAILY;INTERVAL=0", "INTERVAL"},
	{"FREQ=DAILY;INTERVAL=65537", "INTERVAL"},
	{"FREQ=DAILY;UNTIL=2025", "UNTIL must be"},
	{"FREQ=DAILY;UNTIL=20250230", "UNTIL must be"},
	{"FREQ=DAILY;UNTIL=20250310T250000Z", "UNTIL must be"},
	{"FREQ=WEEKLY;BYMONTHDAY=5", "BYMONTHDAY is not allowed with FREQ=WEEKLY"},
	{"FREQ=DAILY;BYWEEKNO=1", "BYWEEKNO"},
	{"FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY is not allowed with FREQ=MONTHLY"},
	{"FREQ=WEEKLY;BYDAY=2MO", "numbered BYDAY"},
	{"FREQ=MONTHLY;BYDAY=6MO", "at most 5"},
	{"FREQ=YEARLY;BYDAY=54MO", "BYDAY value '54MO'"},
	{"FREQ=MONTHLY;BYDAY=0MO", "BYDAY value '0MO'"},
	{"FREQ=DAILY;BYHOUR=24", "BYHOUR value '24'"},
	{"FREQ=DAILY;BYMINUTE=-5", "BYMINUTE value '-5'"},
	{"FREQ=MINUTELY;BYSECOND=60", "BYSECOND value '60'"},
	{"FREQ=SECONDLY", "FREQ=SECONDLY is not allowed"},
	{"FREQ=secondly;COUNT=2", "FREQ=SECONDLY is not allowed"},
	{"FREQ=DAILY;BYMONTH=13", "BYMONTH value '13'"},
	{"FREQ=DAILY;BYMONTH=1,", "BYMONTH has an empty value"},
	{"FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY value '367'"},
	{"FREQ=DAILY;WKST=XX", "WKST"},
	{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never fall on the same day"},
	{"FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31", "never fall on the same day"},
	{"FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8", "never fall on a BYMONTHDAY"},
	{"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "BYSETPOS=6 never matches"},
	{"FREQ=DAILY;BYHOUR=9;BYSETPOS=1", "BYSETPOS is only supported"},
	{"FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part"},
	{"FREQ=MONTHLY;BYDAY=MO;BYHOUR=9,17;BYSETPOS=1", "BYSETPOS cannot be combined"},
	{"FREQ=YEARLY;BYYEARDAY=1;BYMONTH=1", "BYYEARDAY cannot also use"},
	{"FREQ=DAILY;RSCALE=GREGORIAN", "unknown rule part 'RSCALE'"},
	/* the message quotes 20 bytes of the value: cut inside a letter, it must still be UTF-8 (tests/fuzz) */
	{"FREQ=DAILY;COUNT\xEF\xBB\xBFIN:Vl s\xC4\xB1na\xC4\x9F\xC4\xB1", "is not NAME=VALUE"},
	{"FREQ=DAILY;BYDAY=XXXXXXXXXXXXXXXXXXX\xC9\x99", "BYDAY value 'XXXXXXXXXXXXXXXXXXX?'"},
	{"FREQ=DAILY;X\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99\xC9\x99=1", "unknown rule part"},
};

START_TEST(rrule_bad_table)
{
	const struct bad_rule *c = &bad_rules[_i];
	char err[256] = "";
	ck_assert_msg(cal_rrule_check(c->rule, err, sizeof err) == -1, "'%s' accepted", c->rule ? c->rule : "(null)");
	ck_assert_msg(strstr(err, c->msg) != NULL, "'%s': message '%s' does not mention '%s'",
	              c->rule ? c->rule : "(null)", err, c->msg);
	ck_assert_msg(utf8_valid(err, strlen(err)), "'%s': the message is not UTF-8", c->rule ? c->rule : "(null)");
}
END_TEST

START_TEST(rrule_too_long)
{
	char rule[1200], err[128] = "";
	strcpy(rule, "FREQ=DAILY;BYHOUR=1");
	while (strlen(rule) < 1100)
		strcat(rule, ",1");
	ck_assert_int_eq(cal_rrule_check(rule, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than"));
	ck_assert_int_eq(cal_rrule_check("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,0",
	                                 err, sizeof err),
	                 -1);
	ck_assert_ptr_nonnull(strstr(err, "more than 24"));
}
END_TEST

/* ---- series: EXDATE, RDATE, overrides, windows, all-day ---- */

START_TEST(exdate_removes_one)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=5");
	cal_local ex[] = {L("2025-03-12 10:00"), L("2025-03-12 11:00") /* not an occurrence: no effect */};
	s.exdates = ex;
	s.nexdates = 2;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	const char *want[] = {"2025-03-10 10:00:00", "2025-03-11 10:00:00", "2025-03-13 10:00:00", "2025-03-14 10:00:00"};
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 4);
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(fmt(occ[i].start, buf), want[i]);
}
END_TEST

START_TEST(exdate_can_remove_dtstart)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=3");
	cal_local ex[] = {L("2025-03-10 10:00")};
	s.exdates = ex;
	s.nexdates = 1;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	/* COUNT still counts the excluded DTSTART: 10 (excluded), 11, 12. */
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 2);
	ck_assert_str_eq(fmt(occ[0].start, buf), "2025-03-11 10:00:00");
	ck_assert_str_eq(fmt(occ[1].start, buf), "2025-03-12 10:00:00");
}
END_TEST

START_TEST(rdate_adds_one_in_order)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=WEEKLY;COUNT=3");
	cal_local rd[] = {L("2025-03-20 15:00"), L("2025-03-17 10:00") /* already an occurrence: once only */};
	s.rdates = rd;
	s.nrdates = 2;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	const char *want[] = {"2025-03-10 10:00:00", "2025-03-17 10:00:00", "2025-03-20 15:00:00", "2025-03-24 10:00:00"};
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 4);
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(fmt(occ[i].start, buf), want[i]);
	ck_assert(occ[2].end_utc - occ[2].start_utc == 3600);
	ck_assert_str_eq(fmt(occ[2].recurrence_id, buf), "2025-03-20 15:00:00");
}
END_TEST

static const cal_override moved_override = {
	.recurrence_id = {2025, 3, 12, 10, 0, 0},
	.moved = true,
	.start = {2025, 3, 12, 16, 0, 0},
	.end = {2025, 3, 12, 17, 30, 0},
	.id = 42,
};

START_TEST(override_moves_one)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=5");
	s.overrides = &moved_override;
	s.noverrides = 1;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	const char *want[] = {"2025-03-10 10:00:00", "2025-03-11 10:00:00", "2025-03-12 16:00:00", "2025-03-13 10:00:00",
	                      "2025-03-14 10:00:00"};
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 5);
	for (int i = 0; i < 5; i++) {
		ck_assert_str_eq(fmt(occ[i].start, buf), want[i]);
		ck_assert(occ[i].override == (i == 2 ? &moved_override : NULL));
	}
	ck_assert_str_eq(fmt(occ[2].recurrence_id, buf), "2025-03-12 10:00:00");
	ck_assert_str_eq(fmt(occ[2].end, buf), "2025-03-12 17:30:00");
	ck_assert(occ[2].start_utc == utc("2025-03-12 12:00"));
	ck_assert(occ[2].override->id == 42);
	ck_assert(!occ[2].cancelled);
}
END_TEST

START_TEST(override_moved_into_and_out_of_window)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY");
	cal_override ov = {.recurrence_id = {2025, 3, 12, 10, 0, 0}, .moved = true,
	                   .start = {2025, 3, 20, 12, 0, 0}, .end = {2025, 3, 20, 13, 0, 0}, .id = 7};
	s.overrides = &ov;
	s.noverrides = 1;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	/* 20 March, 11:00-14:00 Baku: the moved one (12:00) but not the regular 10:00. */
	ck_assert_int_eq(expand(&s, "2025-03-20 07:00", "2025-03-20 10:00", 8, occ, &trunc), 1);
	ck_assert_str_eq(fmt(occ[0].start, buf), "2025-03-20 12:00:00");
	ck_assert_str_eq(fmt(occ[0].recurrence_id, buf), "2025-03-12 10:00:00");
	/* The whole of 20 March: both, in start order. */
	ck_assert_int_eq(expand(&s, "2025-03-19 20:00", "2025-03-20 20:00", 8, occ, &trunc), 2);
	ck_assert_str_eq(fmt(occ[0].start, buf), "2025-03-20 10:00:00");
	ck_assert_str_eq(fmt(occ[1].start, buf), "2025-03-20 12:00:00");
	/* 12 March: its only occurrence moved away. */
	ck_assert_int_eq(expand(&s, "2025-03-11 20:00", "2025-03-12 20:00", 8, occ, &trunc), 0);
	ck_assert(!trunc);
}
END_TEST

START_TEST(override_of_no_occurrence_is_ignored)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=3");
	cal_override ov[] = {
		{.recurrence_id = {2025, 3, 11, 11, 0, 0}, .moved = true, .start = {2025, 3, 11, 15, 0, 0},
		 .end = {2025, 3, 11, 16, 0, 0}},                               /* 11:00 is no occurrence */
		{.recurrence_id = {2025, 3, 20, 10, 0, 0}, .cancelled = true}, /* after COUNT ran out */
	};
	s.overrides = ov;
	s.noverrides = 2;
	cal_occurrence occ[8];
	bool trunc;
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 3);
	for (int i = 0; i < 3; i++)
		ck_assert_ptr_null(occ[i].override);
}
END_TEST

START_TEST(cancelled_override_is_returned)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=WEEKLY;COUNT=3");
	cal_override ov = {.recurrence_id = {2025, 3, 17, 10, 0, 0}, .cancelled = true, .id = 9};
	s.overrides = &ov;
	s.noverrides = 1;
	cal_occurrence occ[8];
	bool trunc;
	char buf[20];
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 3);
	ck_assert(!occ[0].cancelled && !occ[2].cancelled);
	ck_assert(occ[1].cancelled);
	ck_assert_ptr_eq(occ[1].override, &ov);
	ck_assert_str_eq(fmt(occ[1].start, buf), "2025-03-17 10:00:00");
}
END_TEST

START_TEST(first_override_for_an_id_wins)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=2");
	cal_override ov[] = {
		{.recurrence_id = {2025, 3, 11, 10, 0, 0}, .cancelled = true, .id = 1},
		{.recurrence_id = {2025, 3, 11, 10, 0, 0}, .moved = true, .start = {2025, 3, 11, 18, 0, 0},
		 .end = {2025, 3, 11, 19, 0, 0}, .id = 2},
	};
	s.overrides = ov;
	s.noverrides = 2;
	cal_occurrence occ[8];
	bool trunc;
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 2);
	ck_assert(occ[1].cancelled);
	ck_assert(occ[1].override->id == 1);
}
END_TEST

/* One occurrence 10:00-11:00 Baku = 06:00-07:00Z against windows around it. */
static const struct window_case {
	const char *from, *to;
	int n;
} window_cases[] = {
	{"2025-03-10 06:30", "2025-03-10 08:00", 1},    /* starts before, ends inside */
	{"2025-03-10 07:00", "2025-03-10 08:00", 0},    /* ends exactly at from */
	{"2025-03-10 06:59:59", "2025-03-10 08:00", 1}, /* one second left */
	{"2025-03-10 05:00", "2025-03-10 06:00", 0},    /* starts exactly at to */
	{"2025-03-10 05:00", "2025-03-10 06:00:01", 1},
	{"2025-03-10 06:10", "2025-03-10 06:20", 1},    /* window inside the occurrence */
	{"2025-03-10 06:00", "2025-03-10 06:00", 0},    /* empty window */
	{"2025-03-10 08:00", "2025-03-10 05:00", 0},    /* reversed window */
};

START_TEST(window_table)
{
	const struct window_case *c = &window_cases[_i];
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", NULL);
	cal_occurrence occ[2];
	bool trunc;
	ck_assert_msg(expand(&s, c->from, c->to, 2, occ, &trunc) == c->n, "window %s .. %s", c->from, c->to);
}
END_TEST

START_TEST(zero_length_occurrence)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 10:00", NULL);
	cal_occurrence occ[2];
	bool trunc;
	ck_assert_int_eq(expand(&s, "2025-03-10 06:00", "2025-03-10 07:00", 2, occ, &trunc), 1);
	ck_assert_int_eq(expand(&s, "2025-03-10 05:00", "2025-03-10 06:00", 2, occ, &trunc), 0);
}
END_TEST

START_TEST(all_day_single_and_multi_day)
{
	char buf[20];
	cal_occurrence occ[8];
	bool trunc;
	cal_series s = series("Asia/Baku", "2025-03-10", "2025-03-11", NULL);
	s.all_day = true;
	/* 10 March in Baku is 2025-03-09 20:00Z .. 2025-03-10 20:00Z. */
	ck_assert_int_eq(expand(&s, "2025-03-09 00:00", "2025-03-12 00:00", 8, occ, &trunc), 1);
	ck_assert(occ[0].start_utc == utc("2025-03-09 20:00"));
	ck_assert(occ[0].end_utc == utc("2025-03-10 20:00"));
	ck_assert_str_eq(fmt(occ[0].start, buf), "2025-03-10 00:00:00");
	ck_assert_str_eq(fmt(occ[0].end, buf), "2025-03-11 00:00:00");
	ck_assert_int_eq(expand(&s, "2025-03-10 20:00", "2025-03-12 00:00", 8, occ, &trunc), 0); /* end exclusive */
	ck_assert_int_eq(expand(&s, "2025-03-10 19:59", "2025-03-12 00:00", 8, occ, &trunc), 1);

	/* 10, 11 and 12 March: over on 13 March at 00:00 Baku. */
	s.end = L("2025-03-13");
	ck_assert_int_eq(expand(&s, "2025-03-12 08:00", "2025-03-12 09:00", 8, occ, &trunc), 1);
	ck_assert(occ[0].end_utc == utc("2025-03-12 20:00"));
	ck_assert_int_eq(expand(&s, "2025-03-12 20:00", "2025-03-14 00:00", 8, occ, &trunc), 0);

	/* Weekly, three days each. */
	s.rrule = "FREQ=WEEKLY;COUNT=3";
	const char *starts[] = {"2025-03-10 00:00:00", "2025-03-17 00:00:00", "2025-03-24 00:00:00"};
	const char *ends[] = {"2025-03-13 00:00:00", "2025-03-20 00:00:00", "2025-03-27 00:00:00"};
	ck_assert_int_eq(expand(&s, "2025-01-01", "2026-01-01", 8, occ, &trunc), 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(fmt(occ[i].start, buf), starts[i]);
		ck_assert_str_eq(fmt(occ[i].end, buf), ends[i]);
	}
}
END_TEST

START_TEST(all_day_on_a_dst_day)
{
	/* 30 March 2025 in Berlin starts at 00:00 CET (23:00Z the day before) and lasts 23 hours. */
	cal_series s = series("Europe/Berlin", "2025-03-30", "2025-03-31", NULL);
	s.all_day = true;
	cal_occurrence occ[2];
	bool trunc;
	ck_assert_int_eq(expand(&s, "2025-03-01", "2025-04-01", 2, occ, &trunc), 1);
	ck_assert(occ[0].start_utc == utc("2025-03-29 23:00"));
	ck_assert(occ[0].end_utc == utc("2025-03-30 22:00"));
}
END_TEST

/* ---- bounds ---- */

START_TEST(minutely_far_from_start)
{
	cal_series s = series("Asia/Baku", "2020-01-01 00:00", "2020-01-01 00:00", "FREQ=MINUTELY");
	static cal_occurrence occ[500];
	bool trunc = false;
	char buf[20];
	int n = expand(&s, "2030-01-01", "2030-01-02", 500, occ, &trunc);
	ck_assert_int_eq(n, 500);
	ck_assert(trunc);
	ck_assert_str_eq(fmt(occ[0].start, buf), "2030-01-01 04:00:00");
	ck_assert_str_eq(fmt(occ[499].start, buf), "2030-01-01 12:19:00");

	/* With COUNT the walk must count from 2020: the budget runs out first. */
	s.rrule = "FREQ=MINUTELY;COUNT=100000000";
	trunc = false;
	n = expand(&s, "2030-01-01", "2030-01-02", 500, occ, &trunc);
	ck_assert(n >= 0 && n <= 500);
	ck_assert(trunc);
}
END_TEST

START_TEST(huge_count_is_capped_by_max)
{
	cal_series s = series("Asia/Baku", "2020-01-01 10:00", "2020-01-01 11:00", "FREQ=DAILY;COUNT=100000000");
	static cal_occurrence occ[500];
	bool trunc = false;
	char buf[20];
	ck_assert_int_eq(expand(&s, "2020-01-01", "2030-01-01", 500, occ, &trunc), 500);
	ck_assert(trunc);
	ck_assert_str_eq(fmt(occ[499].start, buf), "2021-05-14 10:00:00"); /* 1 Jan 2020 + 499 days */

	/* max = 0: nothing returned, but the caller learns that there was more. */
	trunc = false;
	ck_assert_int_eq(expand(&s, "2020-01-01", "2030-01-01", 0, NULL, &trunc), 0);
	ck_assert(trunc);
}
END_TEST

START_TEST(rare_matches_stay_bounded)
{
	/* libical scans hour by hour here; the walk gives up within its budget instead of scanning to 2582. */
	cal_series s = series("Asia/Baku", "2020-01-01 00:00", "2020-01-01 01:00", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29");
	static cal_occurrence occ[100];
	bool trunc = false;
	int n = expand(&s, "2021-01-01", "2530-01-01", 100, occ, &trunc);
	ck_assert(n >= 0 && n <= 100);
	ck_assert(trunc);
}
END_TEST

/* ---- errors ---- */

static const struct bad_series {
	const char *name, *tz, *start, *end, *rrule;
	bool all_day;
	const char *msg;
	bool expands; /* only storing it is refused: an expansion gives its first occurrence */
} bad_series_cases[] = {
	{"unknown zone", "Nope/Zone", "2025-03-10 10:00", "2025-03-10 11:00", NULL, false, "unknown time zone", false},
	{"no zone", "", "2025-03-10 10:00", "2025-03-10 11:00", NULL, false, "no time zone", false},
	{"end before start", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 09:00", NULL, false, "before the start", false},
	{"invalid rule", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;BYDAY=XX", false, "BYDAY", false},
	{"all-day with a time", "Asia/Baku", "2025-03-10 10:00", "2025-03-11 00:00", NULL, true, "dates", false},
	{"all-day ends where it starts", "Asia/Baku", "2025-03-10", "2025-03-10", NULL, true, "after the start", false},
	{"all-day hourly", "Asia/Baku", "2025-03-10", "2025-03-11", "FREQ=HOURLY", true, "all-day", false},
	/* every 12 months from February: only Februaries, which never have a 30th */
	{"no occurrence from this start", "Asia/Baku", "2025-02-10 10:00", "2025-02-10 11:00",
	 "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30", false, "never produces", true},
	/* every second hour from 10:00 never reaches 09:00 */
	{"an hour the interval never reaches", "Asia/Baku", "2025-02-10 10:00", "2025-02-10 11:00",
	 "FREQ=HOURLY;INTERVAL=2;BYHOUR=9", false, "never produces", true},
};

START_TEST(bad_series_table)
{
	const struct bad_series *c = &bad_series_cases[_i];
	cal_series s = series(c->tz, c->start, c->end, c->rrule);
	s.all_day = c->all_day;
	char err[256] = "";
	cal_occurrence occ[2];
	bool trunc = true;
	int n = cal_expand(&s, 0, utc("2030-01-01"), 2, occ, &trunc, NULL, err, sizeof err);
	if (c->expands) {
		ck_assert_msg(n == 1 && !trunc, "%s: %d occurrences, wanted the first alone", c->name, n);
	} else {
		ck_assert_msg(n == -1, "%s: expanded", c->name);
		ck_assert_msg(strstr(err, c->msg) != NULL, "%s: message '%s' does not mention '%s'", c->name, err, c->msg);
		ck_assert(!trunc);
	}
	err[0] = '\0';
	ck_assert_int_eq(cal_series_check(&s, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, c->msg));
}
END_TEST

START_TEST(bad_lists)
{
	cal_series s = series("Asia/Baku", "2025-03-10", "2025-03-11", "FREQ=DAILY");
	s.all_day = true;
	cal_local rd[] = {L("2025-03-12 10:00")};
	s.rdates = rd;
	s.nrdates = 1;
	char err[256];
	ck_assert_int_eq(cal_series_check(&s, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "RDATE"));
	s.nrdates = 0;
	cal_override ov = {.recurrence_id = {2025, 2, 30, 0, 0, 0}, .id = 5};
	s.overrides = &ov;
	s.noverrides = 1;
	ck_assert_int_eq(cal_series_check(&s, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "override 5"));
	s.noverrides = 0;
	ck_assert_int_eq(cal_series_check(&s, err, sizeof err), 0);
}
END_TEST

/* ---- preview ---- */

START_TEST(preview_first_starts)
{
	cal_series s = series("Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=WEEKLY;BYDAY=MO,WE");
	cal_local out[5];
	bool trunc = false;
	char err[128], buf[20];
	ck_assert_int_eq(cal_preview(&s, 3, out, &trunc, NULL, err, sizeof err), 3);
	ck_assert(trunc);
	ck_assert_str_eq(fmt(out[0], buf), "2025-03-10 10:00:00");
	ck_assert_str_eq(fmt(out[1], buf), "2025-03-12 10:00:00");
	ck_assert_str_eq(fmt(out[2], buf), "2025-03-17 10:00:00");

	s.rrule = "FREQ=WEEKLY;COUNT=2";
	ck_assert_int_eq(cal_preview(&s, 5, out, &trunc, NULL, err, sizeof err), 2);
	ck_assert(!trunc);

	/* The clock's time in the gap. */
	cal_series g = series("Europe/Berlin", "2025-03-29 02:30", "2025-03-29 03:00", "FREQ=DAILY");
	ck_assert_int_eq(cal_preview(&g, 3, out, &trunc, NULL, err, sizeof err), 3);
	ck_assert_str_eq(fmt(out[1], buf), "2025-03-30 03:30:00");

	s.rrule = "FREQ=DAILY;COUNT=3;UNTIL=20250101";
	ck_assert_int_eq(cal_preview(&s, 3, out, &trunc, NULL, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "UNTIL and COUNT"));
}
END_TEST

/*
 * Consistency, not dates: a window late in a series must hold exactly the occurrences that expanding from
 * the start gives for that stretch. The late window jumps (set_start, or a new in-phase start for the
 * sub-daily rules) where the long one walks from DTSTART, so this checks the jumping against the walking.
 */
static const struct jump_case {
	const char *start, *rrule, *until; /* until: end of the long window (UTC) */
} jump_cases[] = {
	{"2025-01-31 23:59:59", "FREQ=MINUTELY;INTERVAL=13;BYSECOND=0,59", "2025-02-01 09:00"},
	{"2025-01-31 23:59:59", "FREQ=MINUTELY;INTERVAL=7", "2025-02-03"},
	{"2024-02-29 09:30:00", "FREQ=HOURLY;INTERVAL=5", "2024-05-01"},
	{"2024-01-01 10:15:00", "FREQ=HOURLY;INTERVAL=7;BYMINUTE=0,30", "2024-03-01"},
	{"2024-01-01 10:00:00", "FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10", "2024-03-01"},
	{"2024-01-01 10:00:00", "FREQ=HOURLY;BYDAY=MO;BYHOUR=9,10", "2026-01-01"},
	{"2024-01-01 10:00:00", "FREQ=MINUTELY;INTERVAL=45;BYSECOND=0,20", "2024-01-10"},
	{"2024-01-01 10:00:00", "FREQ=DAILY;INTERVAL=3", "2030-01-01"},
	{"2024-01-01 10:00:00", "FREQ=DAILY;BYHOUR=9,17", "2025-01-01"},
	{"2024-01-01 10:00:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH,SA", "2030-01-01"},
	{"2025-03-07 02:00:00", "FREQ=WEEKLY;INTERVAL=5;BYDAY=SU", "2040-01-01"},
	{"2025-03-07 02:00:00", "FREQ=MONTHLY;BYDAY=-1FR", "2060-01-01"},
	{"2024-01-01 10:00:00", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,15", "2060-01-01"},
	{"2024-01-01 10:00:00", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2090-01-01"},
	{"2024-01-01 10:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "2300-01-01"},
	{"2024-01-01 10:00:00", "FREQ=YEARLY;INTERVAL=3;BYMONTH=3,6;BYDAY=1SU", "2300-01-01"},
	{"2024-02-29 10:00:00", "FREQ=YEARLY", "2300-01-01"},
};

START_TEST(jump_matches_walk)
{
	const struct jump_case *c = &jump_cases[_i];
	enum { N = 2000 };
	static cal_occurrence all[N], part[N];
	cal_series s = series("Europe/Berlin", c->start, c->start, c->rrule); /* zero length: start in window */
	bool trunc = true;
	long long from = cal_local_to_utc(s.start, "Europe/Berlin");
	char err[256] = "";
	int n = cal_expand(&s, from, utc(c->until), N, all, &trunc, NULL, err, sizeof err);
	ck_assert_msg(n > 20 && !trunc, "%s: %d from the start (%s)", c->rrule, n, err);
	for (int k = 1; k <= 7; k++) {
		int i = n * k / 8, j = i + n / 10 + 1;
		long long a = all[i].start_utc - k % 2; /* on an occurrence, or a second before it */
		long long b = j < n ? all[j].start_utc : utc(c->until);
		int m = cal_expand(&s, a, b, N, part, &trunc, NULL, err, sizeof err);
		int first = i;
		while (first > 0 && all[first - 1].start_utc >= a)
			first--;
		int last = first;
		while (last < n && all[last].start_utc < b)
			last++;
		ck_assert_msg(m == last - first, "%s: window %d has %d, the walk %d", c->rrule, k, m, last - first);
		for (int x = 0; x < m; x++)
			ck_assert_msg(cal_local_cmp(part[x].recurrence_id, all[first + x].recurrence_id) == 0,
			              "%s: window %d differs at %d", c->rrule, k, x);
	}
}
END_TEST


/* ---- splice: a subscriber's secret into a feed's board links, also across a folded line ---- */
START_TEST(splice_across_folds)
{
	char ics[] = "URL:https://x/board/ABCDEFGHIJ/series/1\r\n"
	             "LINK;LINKREL=alternate:https://x/board/ABCDE\r\n FGHIJ/series/1\r\n"
	             "SUMMARY:ABCDEFGHIJ typed into a title\r\n"
	             "DESCRIPTION:a long text\r\n URL:ABCDEFGHIJ folded into a description\r\n";
	size_t len = strlen(ics);
	ck_assert_uint_eq(cal_splice(ics, len, "ABCDEFGHIJ", "0123456789", 10), 2);
	ck_assert_str_eq(ics, "URL:https://x/board/0123456789/series/1\r\n"
	                      "LINK;LINKREL=alternate:https://x/board/01234\r\n 56789/series/1\r\n"
	                      "SUMMARY:ABCDEFGHIJ typed into a title\r\n"
	                      "DESCRIPTION:a long text\r\n URL:ABCDEFGHIJ folded into a description\r\n");
	ck_assert_uint_eq(strlen(ics), len); /* the same length: every fold where it was */
	/* a mark cut by the end is not one; nothing to put is nothing done */
	char edge[] = "URL:ABCDEFGHIJ ABCDE";
	ck_assert_uint_eq(cal_splice(edge, strlen(edge), "ABCDEFGHIJ", "0123456789", 10), 1);
	ck_assert_str_eq(edge, "URL:0123456789 ABCDE");
	ck_assert_uint_eq(cal_splice(edge, strlen(edge), "", "", 0), 0);
}
END_TEST

static Suite *cal_suite(void)
{
	Suite *s = suite_create("cal");
	TCase *tc;

	tc = tcase_create("time");
	tcase_add_unchecked_fixture(tc, unchecked_setup, unchecked_teardown);
	tcase_add_loop_test(tc, parse_table, 0, sizeof parse_cases / sizeof parse_cases[0]);
	tcase_add_test(tc, parse_null_and_format);
	tcase_add_test(tc, splice_across_folds);
	tcase_add_loop_test(tc, zone_table, 0, sizeof zone_cases / sizeof zone_cases[0]);
	tcase_add_loop_test(tc, conversion_table, 0, sizeof conv_cases / sizeof conv_cases[0]);
	tcase_add_test(tc, conversion_unknown_zone);
	suite_add_tcase(s, tc);

	tc = tcase_create("rrule");
	tcase_add_unchecked_fixture(tc, unchecked_setup, unchecked_teardown);
	tcase_add_loop_test(tc, rrule_good_table, 0, sizeof good_rules / sizeof good_rules[0]);
	tcase_add_loop_test(tc, rrule_bad_table, 0, sizeof bad_rules / sizeof bad_rules[0]);
	tcase_add_test(tc, rrule_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("expand");
	tcase_add_unchecked_fixture(tc, unchecked_setup, unchecked_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, rule_table, 0, sizeof rule_cases / sizeof rule_cases[0]);
	tcase_add_test(tc, dst_gap_recurrence_id);
	tcase_add_test(tc, exdate_removes_one);
	tcase_add_test(tc, exdate_can_remove_dtstart);
	tcase_add_test(tc, rdate_adds_one_in_order);
	tcase_add_test(tc, override_moves_one);
	tcase_add_test(tc, override_moved_into_and_out_of_window);
	tcase_add_test(tc, override_of_no_occurrence_is_ignored);
	tcase_add_test(tc, cancelled_override_is_returned);
	tcase_add_test(tc, first_override_for_an_id_wins);
	tcase_add_loop_test(tc, window_table, 0, sizeof window_cases / sizeof window_cases[0]);
	tcase_add_test(tc, zero_length_occurrence);
	tcase_add_test(tc, all_day_single_and_multi_day);
	tcase_add_test(tc, all_day_on_a_dst_day);
	tcase_add_test(tc, minutely_far_from_start);
	tcase_add_test(tc, huge_count_is_capped_by_max);
	tcase_add_test(tc, rare_matches_stay_bounded);
	tcase_add_loop_test(tc, bad_series_table, 0, sizeof bad_series_cases / sizeof bad_series_cases[0]);
	tcase_add_test(tc, bad_lists);
	tcase_add_test(tc, preview_first_starts);
	tcase_add_test(tc, dst_gap_keeps_time_order);
	tcase_add_loop_test(tc, jump_matches_walk, 0, sizeof jump_cases / sizeof jump_cases[0]);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cal_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
