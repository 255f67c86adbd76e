/* series.h - reading and changing meetings and joint events, their exceptions and attendees. */
#ifndef MEMOCAL_STORE_SERIES_H
#define MEMOCAL_STORE_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/person.h"
#include "model/series.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/* What to list: 0 means "any". */
typedef struct series_filter {
	long long memorandum_id;
	long long organisation_id; /* series of memoranda the organisation is a party to */
	long long person_id;       /* series the person attends, or of memoranda they are a member of */
} series_filter;

/* Series with their overrides and attendees, by start. The window readers below (store_series_window,
 * store_series_window_first, store_series_grid) read no attendees. */
int store_series_list(store *s, arena *a, const series_filter *f, series **out, size_t *n);
/* Those that can have an occurrence in [from_utc, to_utc): found by their span (migration 018), not by
 * expanding every series; a superset, so expanding them gives what expanding all of them would. */
int store_series_window(store *s, arena *a, const series_filter *f, long long from_utc, long long to_utc,
                        series **out, size_t *n);
/* The same with no filter, for a page that shows at most `first` occurrences of the window (by start; `live`:
 * counting only those not cancelled): the series of its first first + 1 occurrences by the occurrence index,
 * and those the index does not hold (migration 030). Expanding them gives the window's first `first`
 * occurrences exactly as expanding every series would, and more than `first` when there are more. When the
 * index holds more than `first`, *to_utc is brought in to just after the start of the next one: expanding up to
 * there is enough. after_series: a later page of the same list, which starts after the occurrence of that series
 * at from_utc, the last one the page before showed (0: the first page; pages/agenda.c's key). With a filter f (or
 * NULL), the filter's own series the same way (live is then not read: filtered pages show cancelled ones). */
int store_series_window_first(store *s, arena *a, const series_filter *f, long long from_utc, long long after_series,
                              long long *to_utc, long first, bool live,
                              series **out, size_t *n);
/* The series of the ids (those that still exist), by id, with their parts. */
/* The month grid's series, with no filter (STMT_SERIES_GRID): [from_utc, to_utc) its window, first_day
 * ("YYYY-MM-DD") its first day, midnights the viewer's midnights of its days and the one after (nmidnights of
 * them), per_day the occurrences a day shows plus one. Expanding them gives, for every day, its first per_day
 * occurrences as expanding every series would, and every occurrence that takes up more than one day. */
int store_series_grid(store *s, arena *a, long long from_utc, long long to_utc, const char *first_day,
                      const long long *midnights, size_t nmidnights, long per_day, series **out, size_t *n);
int store_series_by_ids(store *s, arena *a, const long long *ids, size_t nids, series **out, size_t *n);
/* Series with a COUNT rule whose last occurrence is not known yet, by id after after_id, at most limit. */
int store_series_count_pending(store *s, arena *a, long long after_id, long limit, series **out, size_t *n);
/* Records the end of a COUNT rule's last occurrence ("YYYY-MM-DD HH:MM:SS", local; NULL: unbounded), which
 * narrows the series' span, if the series still has sr's rule and times. */
int store_series_count_end_set(store *s, arena *a, const series *sr, const char *count_end);
/* 1 found, 0 not, -1 error; with overrides and attendees. */
int store_series_get(store *s, arena *a, long long id, series *out);
/* The people who attend any of the series (by themselves, not as a group's member), each once, by id: their
 * ids and names. */
int store_series_people(store *s, arena *a, const long long *ids, size_t nids, person **out, size_t *n);
/* Series other than except_id that any of the people attend (for conflict warnings). */
int store_series_of_people(store *s, arena *a, const long long *people, size_t n, long long except_id, series **out,
                           size_t *count);

/* An override (or a meeting record, migration 016) that follows a change of its series: the same row under a
 * new recurrence id. */
typedef struct override_rekey {
	long long id;
	const char *recurrence_id;
	bool record; /* the id is a meeting_record's */
} override_rekey;

/* Audited, in one transaction; attendees replaced as a whole, the listed overrides re-keyed. in->id 0 creates
 * (a new UID unless in->uid is set). SEQUENCE rises when anything an attendee sees changes. A save that
 * changes nothing is undone, so the version and the feeds stay as they were: *unchanged (may be NULL) says
 * so. CHANGE_STALE: the version is no longer current. */
enum change_result store_series_save(store *s, arena *a, const actor *who, series *in, const override_rekey *rekeys,
                                     size_t nrekeys, bool *unchanged);
/* How many live feed addresses show the series (what a delete or a cancellation reaches); -1 on error. */
/* How many people a change of series id is mailed to (attendees and members of attending groups who want every
 * change and have an address); -1 on error. */
long long store_series_mail_reach(store *s, arena *a, long long id);
long long store_series_subscribers(store *s, arena *a, long long id);
enum change_result store_series_delete(store *s, arena *a, const actor *who, long long id, int version);

#endif
