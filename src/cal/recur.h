/* recur.h - the recurrence rule (RRULE) type: parsing and validation, formatting and comparison through
 * libical's icalrecurrencetype, the limits of what a meeting may be, the form's plain-words builder, and the
 * rule described in words in English and Azerbaijani. Pages never read or write rule text themselves. */
#ifndef MEMOCAL_CAL_RECUR_H
#define MEMOCAL_CAL_RECUR_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/time.h"
#include "util/arena.h"

enum cal_freq {
	CAL_FREQ_SECONDLY, /* parsed, and always refused: no meeting repeats every second */
	CAL_FREQ_MINUTELY,
	CAL_FREQ_HOURLY,
	CAL_FREQ_DAILY,
	CAL_FREQ_WEEKLY,
	CAL_FREQ_MONTHLY,
	CAL_FREQ_YEARLY,
};

typedef struct cal_rule cal_rule;

/*
 * Why a rule was refused. key is a catalogue message: "rule.invalid" (detail says what, in English, from the
 * parser: the part and the value), "rule.secondly", "rule.per_day", "rule.per_year" ({n}: the most the rule
 * can give, {max}: the limit), "rule.never" (no occurrence after the first from this start).
 */
typedef struct cal_rule_problem {
	const char *key;
	long long n, max;
	char detail[200];
} cal_rule_problem;

/* The longest rule text accepted. */
#define CAL_RULE_MAX_LEN 1000

/*
 * Reads and validates an RRULE value (without "RRULE:"): every part known and given once, FREQ present (and not
 * SECONDLY), UNTIL and COUNT not both, each value in its RFC 5545 range, the parts allowed with that FREQ, and
 * the combinations that can never produce a day refused. Stricter than RFC 5545 where clients built on libical
 * 3.0 would expand it wrongly (see recur.c). Arena memory; NULL with *why.
 */
cal_rule *cal_rule_parse(arena *a, const char *text, cal_rule_problem *why);
/* What a person typed into a form: the same, but an "RRULE:" prefix (as copied from a calendar file) is taken
 * off first. */
cal_rule *cal_rule_parse_typed(arena *a, const char *text, cal_rule_problem *why);
/* Whether r's UNTIL comes before the first meeting (start, local in tzid): the rule then gives nothing but
 * DTSTART, which readers treat differently (some show it, some nothing). */
bool cal_rule_ends_before(const cal_rule *r, cal_local start, bool all_day, const char *tzid);
/* The same check without keeping the rule: 0, or -1 with an English message in err (tests, import details). */
int cal_rrule_check(const char *text, char *err, size_t errlen);

/* The rule as libical writes it (icalrecurrencetype_as_string_r): the form memocal stores a new rule in. */
const char *cal_rule_format(arena *a, const cal_rule *r);
/* Whether two rules mean the same for every start: the same FREQ, INTERVAL, COUNT or UNTIL (of the same kind),
 * the same values in every BY part (in any order), the same WKST. */
bool cal_rule_same(const cal_rule *x, const cal_rule *y);
enum cal_freq cal_rule_freq(const cal_rule *r);

/*
 * The most occurrences the rule can put in one calendar day and in one calendar year, whatever its start
 * (upper bounds worked out from its parts, COUNT included). cal_rule_limits checks them against the
 * configured limits (0: no limit): 0, or -1 with *why ("rule.per_day" or "rule.per_year").
 */
void cal_rule_bounds(const cal_rule *r, long long *per_day, long long *per_year);
int cal_rule_limits(const cal_rule *r, long per_day, long per_year, cal_rule_problem *why);

/* ---- the form's plain-words builder ---- */

enum cal_repeat { CAL_REPEAT_DAILY, CAL_REPEAT_WEEKLY, CAL_REPEAT_MONTHLY, CAL_REPEAT_YEARLY };
enum cal_monthly { CAL_MONTHLY_DAY, CAL_MONTHLY_NTH, CAL_MONTHLY_LAST };
enum cal_ends { CAL_ENDS_NEVER, CAL_ENDS_UNTIL, CAL_ENDS_COUNT };

/* What the builder's fields can hold (the form's field table uses the same numbers). */
#define CAL_BUILDER_MAX_INTERVAL 99
#define CAL_BUILDER_MAX_COUNT 1000

typedef struct cal_builder {
	enum cal_repeat repeat;
	int interval;            /* 1..CAL_BUILDER_MAX_INTERVAL */
	bool days[7];            /* weekly, Monday first; none ticked: the start's weekday */
	enum cal_monthly monthly; /* the start's day of the month, its weekday's number in the month, or the last */
	enum cal_ends ends;
	cal_local until;         /* CAL_ENDS_UNTIL: the last date that may hold an occurrence */
	long count;              /* CAL_ENDS_COUNT: 1..CAL_BUILDER_MAX_COUNT */
} cal_builder;

/* The rule the builder says for a series starting at start in tzid: UNTIL is that date for an all-day series,
 * otherwise the end of that local day as UTC (RFC 5545 3.3.10 with a zoned DTSTART). Arena memory; NULL for
 * fields out of range. */
cal_rule *cal_builder_rule(arena *a, const cal_builder *b, cal_local start, bool all_day, const char *tzid);
/* Whether the builder represents r exactly for this start: true and *b filled when cal_builder_rule(*b) is
 * cal_rule_same as r, so a form that shows the builder saves the same rule back; false: only the custom
 * field can hold r. */
bool cal_builder_of(arena *a, const cal_rule *r, cal_local start, bool all_day, const char *tzid, cal_builder *b);

/* ---- in words ---- */

/*
 * The rule in plain words in lang ("en" or "az"; anything else is English), with what it takes from the
 * series' start (a weekly rule without BYDAY repeats on the start's weekday): "Monthly on the first Tuesday,
 * 12 times" / "Hər ayın birinci çərşənbə axşamı günü, 12 dəfə". A UTC UNTIL is shown in tzid. Arena memory.
 */
const char *cal_rule_describe(arena *a, const cal_rule *r, cal_local start, bool all_day, const char *tzid,
                              const char *lang);

#endif
