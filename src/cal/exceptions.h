/* exceptions.h - one occurrence of a series: whether a recurrence id names one, and splitting a series there. */
#ifndef MEMOCAL_CAL_EXCEPTIONS_H
#define MEMOCAL_CAL_EXCEPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/expand.h"
#include "util/arena.h"

/*
 * Whether rid is an occurrence of s: DTSTART, a start of the RRULE or an RDATE, and not an EXDATE (the overrides
 * are not looked at: this is how an override is known to still name an occurrence after the rule changed).
 * 1, 0, or -1 with a message in err (an invalid series, or the work budget ran out). budget: the request's,
 * charged with the work (NULL: CAL_WALK_BUDGET of its own).
 */
int cal_is_occurrence(const cal_series *s, cal_local rid, long *budget, char *err, size_t errlen);

/* Why a series cannot be split at an occurrence. */
enum cal_split_refusal {
	CAL_SPLIT_OK = 0,
	CAL_SPLIT_NO_RULE,    /* the series does not repeat: change the occurrence, or the series */
	CAL_SPLIT_FIRST,      /* rid is the first occurrence: edit the whole series instead */
	CAL_SPLIT_NOT_RULE,   /* rid is an extra date (RDATE), not a start of the rule */
	CAL_SPLIT_DAY_FIXED,  /* the date moves, and the rule names its days in a way that cannot follow */
	CAL_SPLIT_TIME_FIXED, /* the time moves, and the rule names its hours, minutes or seconds */
	CAL_SPLIT_OVERLAPS,   /* the new start is at or before a start the old series keeps (one before rid) */
	CAL_SPLIT_ERROR,      /* an invalid series, or too much work: err says which */
};

/*
 * "This and all following": the old series keeps the rule's starts before rid, a new one starts at new_start and
 * goes on as the old rule would have from rid.
 *  - old_rule: COUNT becomes the number of the rule's starts (DTSTART included) before rid; otherwise UNTIL ends
 *    just before rid (the end of the day before for rules that give at most one start a day, so that the
 *    form's "last date" reads and saves it back unchanged).
 *  - new_rule: COUNT gets the rest; an UNTIL moves with the starts (the new series ends after as many starts as
 *    the old one had left); when the date moves, a weekly rule on one weekday, or a monthly one on one day of
 *    the month or one numbered weekday, follows it (BYDAY=TH becomes BYDAY=FR); other rules that name their
 *    days refuse a new date.
 *  - from/to: the old rule's starts from rid up to map_until, and what each becomes in the new series, pair by
 *    pair (from[0] is rid, to[0] is new_start): the EXDATEs and overrides that move along are renamed through it.
 * Arena memory. CAL_SPLIT_OK, or why not (with a message in err for CAL_SPLIT_ERROR).
 */
typedef struct cal_split {
	const char *old_rule;
	const char *new_rule;
	cal_local *from, *to;
	size_t n;
} cal_split;

enum cal_split_refusal cal_split_plan(arena *a, const cal_series *s, cal_local rid, cal_local new_start,
                                      cal_local map_until, cal_split *out, char *err, size_t errlen);

/* The new recurrence id of old (at or after the split): its partner in the table, or old itself when it is not
 * a start of the rule (an RDATE, or an override that names no occurrence, which stays as it was). */
cal_local cal_split_map(const cal_split *p, cal_local old);

/*
 * What becomes of the exceptions when a series changes as a whole (its start, zone or rule), old -> now. Each
 * override of old, and each EXDATE of now that old had too, which named an occurrence of old, follows the
 * change as calendar apps do: its recurrence id moves by as much as DTSTART moved (wall clock; an RDATE both
 * have stays put). follows tells whether now has an occurrence there; one that has none is affected, and the
 * user is asked before saving. Exceptions that named no occurrence before are left out (they stay as they
 * are). Arena memory; 0, or -1 with a message (the budget ran out).
 */
typedef struct cal_follow_item {
	cal_local from, to;
	bool follows;
	bool is_override; /* else an EXDATE */
	size_t index;     /* into old->overrides, or now->exdates */
} cal_follow_item;

int cal_follow_plan(arena *a, const cal_series *old, const cal_series *now, long *budget, cal_follow_item **out,
                    size_t *n, char *err, size_t errlen);

/*
 * Where a series stops when what it belongs to ends at cut (a wall time in the series' zone; all-day: a date at
 * 00:00), so that nothing of it starts at or after cut:
 *  - CAL_END_NONE: the rule gives no start at or after cut (its RDATEs are the caller's);
 *  - CAL_END_ALL: the series' first start is at or after cut: all of it goes;
 *  - CAL_END_RULE: *rule keeps the rule's starts before cut and no other (COUNT or UNTIL, as a split would
 *    end the old series, cal_split_plan; a cut at midnight gives the UNTIL of the day before it);
 *  - CAL_END_ERROR: err says why (an invalid series, or the rule takes too long to reach cut).
 */
enum cal_end { CAL_END_NONE, CAL_END_ALL, CAL_END_RULE, CAL_END_ERROR };
enum cal_end cal_end_before(arena *a, const cal_series *s, cal_local cut, const char **rule, char *err, size_t errlen);

#endif
