/* reports.h - what the activity report reads (meeting records in numbers) and the recommendation it stores. */
#ifndef MEMOCAL_STORE_REPORTS_H
#define MEMOCAL_STORE_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "store/db.h"

/* One meeting record of a memorandum's series, in the numbers the report counts. */
typedef struct report_record {
	long long series_id;
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS", the occurrence's original start */
	const char *state;
	long attendance; /* rows of attendance recorded (0: nobody marked, so not held) */
	long came;       /* of them present, remote or late */
	long guests;
	long actions, done, dropped;
} report_record;

typedef struct report_decision {
	long long series_id;
	const char *recurrence_id;
	const char *number; /* "2026/7" */
	const char *text_en, *text_az;
} report_decision;

int store_report_records(store *s, arena *a, long long memorandum_id, report_record **out, size_t *n);
int store_report_decisions(store *s, arena *a, long long memorandum_id, report_decision **out, size_t *n);
/* The memoranda an organisation is a party to (at most 200), by signature. */
int store_report_org_memoranda(store *s, arena *a, long long org_id, long long **out, size_t *n);

/* The renewal recommendation: a draft per memorandum and period, issued ones kept as they were. */
typedef struct report_advice {
	long long id; /* 0: no draft stored yet */
	const char *advice; /* undecided, renew, amend, end */
	const char *text_en, *text_az;
	int version;
	const char *period_from, *period_to;
	const char *issued_at, *issued_by; /* issued ones: "YYYY-MM-DD HH:MM" UTC, a login */
} report_advice;

/* The draft for the period: 1 found, 0 none (out says undecided), -1 error. */
int store_report_draft(store *s, arena *a, long long memorandum_id, const char *from, const char *to,
                       report_advice *out);
/* Every issued report of the memorandum, newest first. */
int store_report_issued(store *s, arena *a, long long memorandum_id, report_advice **out, size_t *n);
/* Saves the draft (in->id 0 creates it), audited; CHANGE_STALE on an old version or when it was issued meanwhile. */
enum change_result store_report_draft_save(store *s, arena *a, const actor *who, long long memorandum_id,
                                           report_advice *in);
/* Issues the draft of this version with the numbers as CSV; audited. */
enum change_result store_report_issue(store *s, arena *a, const actor *who, long long id, int version,
                                      const char *numbers_csv);
/* An issued report's stored CSV (and its period): 1 found, 0 not, -1 error. */
int store_report_issued_csv(store *s, arena *a, long long id, long long memorandum_id, const char **csv,
                            const char **from, const char **to);

#endif
