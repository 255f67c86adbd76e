/* rule.h - inside src/cal only: a parsed RRULE (libical's icalrecurrencetype and what memocal's checks learnt). */
#ifndef MEMOCAL_CAL_RULE_H
#define MEMOCAL_CAL_RULE_H

#include <stdbool.h>

#include <libical/ical.h>

#include "cal/recur.h"
#include "cal/time.h"

enum rule_part {
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

enum until_kind { UNTIL_NONE, UNTIL_UTC, UNTIL_DATE, UNTIL_FLOATING };

/* The most values one BY part may list (libical's arrays hold one more; a full array makes its parser write
 * past the end). */
#define RULE_MAX_VALUES 366

/*
 * A rule as validated. r is libical's reading of the text (COUNT and UNTIL included): what cal_rule_format
 * writes back and cal_rule_same compares. The rest is the same rule in the shape the expansion and the
 * descriptions use: every list in the order written, weekdays 0 = Monday ... 6 = Sunday.
 */
struct cal_rule {
	struct icalrecurrencetype r;
	enum cal_freq freq;
	int interval;
	long long count; /* 0: none */
	enum until_kind until_kind;
	cal_local until; /* as written; UTC fields for UNTIL_UTC */
	int wkst;        /* 0 = Monday */
	bool has[P__MAX];
	int n[P__MAX];
	int vals[P__MAX][RULE_MAX_VALUES]; /* BYSECOND..BYSETPOS values; for BYDAY the ordinal (0: every) */
	int byday_wd[100];                 /* BYDAY weekdays, beside vals[P_BYDAY] */
	unsigned months;                   /* bit m: BYMONTH lists m */
	bool monthday[63];                 /* [d + 31]: BYMONTHDAY lists d */
	bool yearday[733];                 /* [d + 366]: BYYEARDAY lists d */
	int byday_plain;                   /* BYDAY entries without an ordinal */
	int byday_max_ord;                 /* largest |ordinal| */
};

/* Parses and validates text into *p (no allocation). 0, or -1 with *why filled. */
int rule_read(const char *text, struct cal_rule *p, cal_rule_problem *why);

#endif
