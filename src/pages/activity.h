/* activity.h - a memorandum's activity over a period, in numbers: what the activity report shows and exports. */
#ifndef MEMOCAL_ACTIVITY_H
#define MEMOCAL_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "cal/schedule.h"
#include "http/http.h"
#include "model/memorandum.h"
#include "store/reports.h"

/* The zone the period's days are counted in: the parties' own (both in Baku); the page says so. */
#define ACTIVITY_ZONE "Asia/Baku"

/* One occurrence of the memorandum's series that starts in the period. */
typedef struct activity_occ {
	const occurrence *o;
	const report_record *rec; /* its meeting record, or NULL */
	const char *date;         /* "YYYY-MM-DD", local to its series, where it starts (after a move) */
	bool event;               /* a joint event (series kind "event"), else a meeting */
	bool students;            /* a group attends (the students of a project: CUTYPE=GROUP) */
	bool promised;            /* scheduled and not cancelled (nor its whole series) */
	bool held;                /* promised, with a record whose attendance is recorded */
	bool missed;              /* promised, already begun, not held */
	bool moved;
	long came;                /* held: present, remote or late, plus guests */
} activity_occ;

/* What the report counts. Each number's name is its CSV measure (activity_measures). */
enum activity_measure {
	AM_MEETINGS_PROMISED,   /* AM_MEETINGS_PROMISED */
	AM_MEETINGS_HELD,       /* AM_MEETINGS_HELD */
	AM_MEETINGS_MISSED,     /* AM_MEETINGS_MISSED */
	AM_MEETINGS_COMING,     /* AM_MEETINGS_COMING */
	AM_MEETINGS_CANCELLED,  /* AM_MEETINGS_CANCELLED */
	AM_MEETINGS_MOVED,      /* AM_MEETINGS_MOVED */
	AM_EVENTS_PROMISED,     /* AM_EVENTS_PROMISED */
	AM_EVENTS_HELD,         /* AM_EVENTS_HELD */
	AM_EVENT_PARTICIPANTS,  /* AM_EVENT_PARTICIPANTS */
	AM_STUDENT_MEETINGS,    /* AM_STUDENT_MEETINGS */
	AM_STUDENT_HELD,        /* AM_STUDENT_HELD */
	AM_STUDENT_ATTENDANCE,  /* AM_STUDENT_ATTENDANCE */
	AM_DECISIONS,           /* AM_DECISIONS */
	AM_ACTIONS_OPENED,      /* AM_ACTIONS_OPENED */
	AM_ACTIONS_DONE,        /* AM_ACTIONS_DONE */
	AM_ACTIONS_DROPPED,     /* AM_ACTIONS_DROPPED */
	AM_ACTIONS_OPEN,        /* AM_ACTIONS_OPEN */
	AM__MAX
};
/* "meetings_promised", …: the CSV's measure names and the catalogue's keys ("report.m.<name>") */
extern const char *const activity_measures[AM__MAX];

typedef struct activity {
	const memorandum *m;
	const char *from, *to; /* the period, days in ACTIVITY_ZONE, both included */
	series *series;
	size_t nseries;
	occurrence *all;
	size_t nall;
	activity_occ *occ; /* the period's occurrences, by start; cancelled ones included (promised false) */
	size_t nocc;
	const report_decision **decisions; /* taken at meetings in the period */
	size_t ndecisions;
	long n[AM__MAX];
	bool truncated; /* the expansion's bound cut the list: the page says so */
} activity;

/* Computes a's numbers for memorandum m over [from, to] (dates). budget is shared by the request's
 * expansions. 0, or the HTTP status of a store failure (the page's error set). */
int activity_compute(http_ctx *c, const memorandum *m, const char *from, const char *to, long *budget, activity *a);

/* The last academic year before today: 1 September to 31 August, ended before today (ACTIVITY_ZONE). */
void activity_default_period(arena *a, const char **from, const char **to);

#endif
