/* outbox.h - the mail outbox (migration 017): memocal-mailer takes and finishes messages, staff list and resend them. */
#ifndef MEMOCAL_STORE_OUTBOX_H
#define MEMOCAL_STORE_OUTBOX_H

#include <stdbool.h>

#include "model/text.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"
#include "util/arena.h"

/* One message a mailer has taken (state 'sending'). A CANCEL carries the series as it was. */
typedef struct outbox_message {
	long long id;
	const char *message_key;
	long long series_id;        /* 0 for a DIGEST */
	long long person_id;        /* 0 when the person is gone (or for a STAFF message) */
	long long staff_user_id;    /* a STAFF message's account; 0 when it is gone (or for the others) */
	const char *recipient;
	const char *recipient_name; /* in lang (a staff account's display name or login); NULL when gone */
	const char *lang;
	const char *method;         /* REQUEST, CANCEL, REMINDER, DIGEST, STAFF */
	const char *recurrence_id;  /* a CANCEL of one occurrence, else NULL */
	/* a CANCEL's snapshot; a DIGEST's window (UTC) in start_local and end_local */
	const char *uid;
	int sequence;
	const char *title_en, *title_az, *tzid, *start_local, *end_local, *rrule;
	bool all_day;
	const char *queued_at;         /* when the change that made it was committed ("…+00") */
	const char *series_created_at; /* NULL when the series is gone */
} outbox_message;

/* Puts back messages whose lease of lease_s seconds ran out (their mailer stopped mid-send). -1 on error. */
int store_outbox_reclaim(store *s, arena *a, long lease_s);
/* Takes one due message (FOR UPDATE SKIP LOCKED, committed as 'sending'): 1 with *m, 0 none due, -1 error. */
int store_outbox_claim(store *s, arena *a, outbox_message *m);
int store_outbox_sent(store *s, arena *a, long long id);
/* A temporary refusal: back to the queue after a backoff, or given up; *given_up says which. */
int store_outbox_retry(store *s, arena *a, long long id, const char *why, long backoff_s, long give_up_s,
                       bool *given_up);
int store_outbox_failed(store *s, arena *a, long long id, const char *why);
/* Queues the reminders of one occurrence (rid its original start, start its start as it will be, both
 * "YYYY-MM-DD HH:MM:SS" local): how many were new (0 when they were queued before), -1 on error. */
int store_outbox_remind(store *s, arena *a, long long series_id, const char *rid, const char *start);
/* Weekly digests (migration 021). The people who want one and have none for the ISO week ("2026-W49")
 * yet, at most 10,000 (arena memory). -1 on error. */
int store_outbox_digest_due(store *s, arena *a, const char *week, long long **people, size_t *n);
/* An open action item a person owns, for their digest: from a circulated or approved record. */
typedef struct open_action {
	bitext what;
	const char *due_on;     /* "YYYY-MM-DD", NULL: no date */
	long long series_id;
	bitext series_title;
	const char *meeting_on; /* "YYYY-MM-DD": the meeting (its original day) whose record holds it */
} open_action;
/* The person's open actions by due date, at most max (*more: there were others). Arena memory. */
int store_outbox_digest_actions(store *s, arena *a, long long person_id, size_t max, open_action **out, size_t *n,
                                bool *more);
/* Queues one person's digest of the week, its window from and to ("YYYY-MM-DD HH:MM:SS" UTC): 1 new, 0
 * queued before (by this mailer or another), -1 on error. */
int store_outbox_digest(store *s, arena *a, long long person_id, const char *week, const char *from, const char *to);
/* The staff digest (migration 028). Queues this ISO week's STAFF message for every account that wants one,
 * when there is anything to say as of today ("YYYY-MM-DD"): how many were new, -1 on error. */
int store_outbox_staff_queue(store *s, arena *a, const char *week, long notice_months, const char *today);
/* Whether the account still wants its digest (an address, the box ticked, not disabled): 1, 0, -1 on error. */
int store_outbox_staff_wanted(store *s, arena *a, long long staff_user_id);
/* A memorandum in its notice period with no decision taken. */
typedef struct notice_memorandum {
	long long id;
	bitext title;
	const char *valid_until; /* "YYYY-MM-DD" */
	long days_left;          /* to valid_until, from today */
	bool new_this_week;      /* its notice period began within the last 7 days */
} notice_memorandum;
/* An open action item due before today. */
typedef struct overdue_action {
	bitext what;
	const char *due_on;        /* "YYYY-MM-DD" */
	bitext owner;
	bitext series_title;
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS": the meeting whose record holds it */
	long long series_id;
} overdue_action;
/* At most max of each (arena memory), and how many there are in all (*total >= *n). -1 on error. */
int store_outbox_staff_memoranda(store *s, arena *a, long notice_months, const char *today, size_t max,
                                 notice_memorandum **out, size_t *n, long long *total);
int store_outbox_staff_actions(store *s, arena *a, const char *today, size_t max, overdue_action **out, size_t *n,
                               long long *total);
/* Seconds until something is due (a message, or a lease that ends); *none when nothing waits. -1 error. */
int store_outbox_wait(store *s, arena *a, long lease_s, double *seconds, bool *none);

/* ---- the staff's outbox page (src/pages/outbox.c) ---- */

typedef struct outbox_entry {
	long long id;
	const char *created_at;    /* "YYYY-MM-DD HH:MM" UTC */
	const char *recipient;
	long long person_id;       /* 0 when the person is gone */
	bitext person_name;
	const char *method;        /* REQUEST, CANCEL, REMINDER, DIGEST, STAFF */
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM" local, a cancelled occurrence; else NULL */
	long long series_id;
	bitext series_title;
	bool series_exists;
	const char *state;         /* queued, sending, sent, failed, given_up */
	int attempts;
	const char *last_error;    /* the server's answer, or why it could not be sent */
	const char *sent_at;
	const char *lang;
	const char *staff_login;   /* a STAFF message's account; NULL for the others, or when it is gone */
} outbox_entry;

/* Newest first; 0 for either filter means any. */
int store_outbox_list(store *s, arena *a, long long memorandum_id, long long person_id, long limit, long offset,
                      outbox_entry **out, size_t *n, long long *total);
/* Puts a failed or given-up message back in the queue (audited); CHANGE_STALE when it is in another state. */
enum change_result store_outbox_resend(store *s, arena *a, const actor *who, long long id);

/* How each attendee hears of changes: by mail, by a feed of their own, both or neither. */
typedef struct outbox_reach {
	long long person_id;
	bitext name;
	bool mail; /* an address, and every change */
	bool feed; /* a live person-scope feed token */
} outbox_reach;

/* Every person who attends a meeting, by name, at most limit. */
int store_outbox_reach(store *s, arena *a, long limit, outbox_reach **out, size_t *n);

#endif
