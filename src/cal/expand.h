/* expand.h - a meeting series (start, RRULE, RDATE, EXDATE, overrides) expanded into a window of time. */
#ifndef MEMOCAL_CAL_EXPAND_H
#define MEMOCAL_CAL_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/rrule.h" /* cal_rrule_check, CAL_WALK_BUDGET */
#include "cal/time.h"

/* One occurrence changed: cancelled, or moved (and/or retitled: the caller's row, found through id). */
typedef struct cal_override {
	cal_local recurrence_id; /* the original local start it replaces */
	bool cancelled;
	bool moved;
	cal_local start, end;    /* new local start/end in the series zone, when moved (dates for all-day) */
	long long id;            /* caller's row id, carried through */
} cal_override;

/* Every time is local wall clock in tzid. The arrays are the caller's, read only during the call. */
typedef struct cal_series {
	const char *tzid;
	bool all_day;            /* start/end are dates (time parts 0); end exclusive */
	cal_local start, end;    /* first occurrence; end exclusive; end - start is every occurrence's length */
	const char *rrule;       /* NULL or "" for a single event; without the "RRULE:" prefix */
	const cal_local *rdates;
	size_t nrdates;
	const cal_local *exdates;
	size_t nexdates;
	const cal_override *overrides;
	size_t noverrides;
} cal_series;

typedef struct cal_occurrence {
	long long start_utc, end_utc; /* for all-day: local midnights in the series zone converted to UTC */
	cal_local start, end;         /* local, series zone, as a clock shows them (after an override moved it) */
	cal_local recurrence_id;      /* the original start as the rule/RDATE gives it (RECURRENCE-ID) */
	const cal_override *override; /* points into s->overrides; NULL when none applies */
	bool cancelled;               /* cancelled by an override (EXDATEs are simply absent) */
} cal_occurrence;

/*
 * Every occurrence that overlaps [from_utc, to_utc), in start order (then recurrence id), at most max.
 * Overlap: starts before to_utc and ends after from_utc; a zero-length one when it starts in the window.
 *
 * The set is DTSTART (always the first, RFC 5545), the RRULE's starts, the RDATEs, minus the EXDATEs,
 * matched by local recurrence id. An override applies to the occurrence whose recurrence id it names (the
 * first override given for an id wins; one naming no occurrence, or an EXDATE, is ignored). Cancelled
 * occurrences are returned with cancelled = true; moved ones appear where they were moved to, whether or not
 * their original slot is in the window.
 *
 * Timed occurrences last as long as start..end of the series in real seconds (RFC 5545's "exact duration"
 * of DTSTART/DTEND); all-day ones as many calendar days. A recurrence id in a DST gap (02:30 on a
 * spring-forward day) starts at the instant RFC 5545 gives it, one gap later (03:30), and .start shows 03:30
 * while .recurrence_id keeps 02:30; in the repeated hour the first (daylight-saving) instant is taken.
 *
 * *truncated is set when more occurrences exist than were returned, or when the work budget ran out first
 * (e.g. FREQ=HOURLY with COUNT, far from its start). budget: the steps the caller's request has left, shared
 * by all its expansions and charged with what this one spends (at most CAL_WALK_BUDGET, rrule.h); NULL:
 * CAL_WALK_BUDGET for this call alone.
 * Returns the count, or -1 with a message in err for an invalid series (zone, times, rule).
 */
int cal_expand(const cal_series *s, long long from_utc, long long to_utc, size_t max, cal_occurrence *out,
               bool *truncated, long *budget, char *err, size_t errlen);

/* The first n occurrence starts (local, as a clock shows them) of the series from its beginning: DTSTART,
 * RRULE and RDATE minus EXDATE, overrides not applied; for the form's preview. *truncated as above.
 * Returns the count or -1 with a message. */
int cal_preview(const cal_series *s, size_t n, cal_local *out, bool *truncated, long *budget, char *err,
                size_t errlen);

/* Everything cal_expand would refuse, checked once (for storing a series): 0, or -1 with a message.
 * It also refuses a rule that gives nothing after its first occurrence from this start. */
int cal_series_check(const cal_series *s, char *err, size_t errlen);

#endif
