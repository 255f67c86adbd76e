/* life.h - a memorandum's life: its decisions (terminate, renew), amendments, commitments, and the home page's lists. */
#ifndef MEMOCAL_STORE_LIFE_H
#define MEMOCAL_STORE_LIFE_H

#include <stdbool.h>

#include "model/memorandum.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/documents.h"
#include "util/arena.h"

/* What a termination does to one of the memorandum's series (pages/life.c plans it): nothing of it may start
 * after the memorandum's end. */
typedef struct series_end {
	long long id;
	int version;        /* as the plan read it: a change meanwhile makes the termination stale */
	bool cancel;        /* all of it starts after the end: cancelled */
	const char *rrule;  /* else what it keeps: its rule (ended), RDATEs and EXDATEs */
	const char **rdates;
	size_t nrdates;
	const char **exdates;
	size_t nexdates;
	const char **cancel_rids; /* occurrences moved past the end: cancelled */
	size_t ncancel;
	const long long *drop_ids; /* exceptions of occurrences the ended rule no longer has: deleted */
	size_t ndrop;
	const char *label;        /* its audit row's */
	bitext title;             /* what the confirmation lists (the store does not read it) */
	int records;              /* meeting records of its meetings called off (shown, not read by the store) */
} series_end;

/* Terminated on `on` for `reason`, once, with the series ends in the same transaction: audited as an update of
 * the memorandum and of each series. CHANGE_STALE when the memorandum's or a series' version moved, or it was
 * terminated meanwhile. */
enum change_result store_memorandum_terminate(store *s, arena *a, const actor *who, long long id, int version,
                                              const char *on, bitext reason, const series_end *ends, size_t nends);

/* Adds a dated amendment (audited as an update of the memorandum, whose snapshot lists its amendments), with its
 * document when doc is not NULL (in the same transaction; the document has its own audit row). */
enum change_result store_memorandum_amend(store *s, arena *a, const actor *who, long long id, int version,
                                          const memorandum_amendment *am, const document_file *doc);

/* What renewing takes: the successor's dates and status (draft or signed). */
typedef struct renewal {
	const char *signed_on, *valid_from, *valid_until, *status;
} renewal;

/* Makes the successor of id (its texts, parties, members, projects and areas copied) and links the two, in
 * one transaction with two audit rows (the successor's create, the original's update). *successor gets the
 * new id. CHANGE_STALE when id's version moved, or it was renewed or terminated meanwhile. */
enum change_result store_memorandum_renew(store *s, arena *a, const actor *who, long long id, int version,
                                          const renewal *r, long long *successor);

/* Ties area_id of memorandum id to a frequency (NULL: no commitment) and to the series in series_ids (all of
 * memorandum id: the page checks). Audited as an update of the memorandum. */
enum change_result store_commitment_set(store *s, arena *a, const actor *who, long long id, int version,
                                        long long area_id, const char *frequency, const long long *series_ids,
                                        size_t nseries);

/* One commitment and whether it is kept: of `periods` whole periods counted back from today (or the end),
 * `met` had a meeting held of one of its series. periods 0: too early to tell. */
typedef struct commitment {
	long long area_id;
	const char *frequency;
	long periods, met;
	const char *last_held; /* YYYY-MM-DD or NULL */
	const char *series;    /* '{id,…}' */
} commitment;
int store_commitments(store *s, arena *a, long long id, commitment **out, size_t *n);

/* The last meeting held of the memorandum (NULL: none) and whether it is dormant (dormant_months). */
int store_memorandum_activity(store *s, arena *a, long long id, const char **last_held, bool *dormant);

/* The home page's lists, each at most limit rows. */
typedef struct life_item {
	long long id;          /* the memorandum */
	bitext title;
	const char *date;      /* undecided: valid_until; dormant: the last meeting held (NULL: none) */
	const char *life;      /* undecided: expiring or expired */
} life_item;
int store_home_undecided(store *s, arena *a, long limit, life_item **out, size_t *n);
int store_home_dormant(store *s, arena *a, long limit, life_item **out, size_t *n);

typedef struct waiting_record {
	long long series_id;
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS" */
	long long memorandum_id;
	bitext memorandum_title;
	bitext series_title;
} waiting_record;
int store_home_minutes_waiting(store *s, arena *a, long limit, waiting_record **out, size_t *n);

/* The "staff" feed's deadlines: memoranda (signed, with an end, undecided) and open action items with a due
 * date, each at most limit. */
typedef struct staff_memorandum {
	long long id;
	bitext title;
	const char *valid_until, *notice, *updated_at;
} staff_memorandum;
typedef struct staff_action {
	long long id;
	bitext what;
	const char *due_on, *updated_at;
	long long series_id;
	const char *recurrence_id;
} staff_action;
int store_feed_staff(store *s, arena *a, long limit, staff_memorandum **memos, size_t *nm, staff_action **acts,
                     size_t *na);

#endif
