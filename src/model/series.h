/* series.h - a meeting or joint event, its exceptions and who attends. */
#ifndef MEMOCAL_SERIES_H
#define MEMOCAL_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/text.h"

typedef struct attendee {
	long long id;
	long long person_id; /* 0 for a group */
	bitext name;         /* the person's full name, or the group's name */
	const char *email;   /* the person's, when known */
	const char *role;    /* chair, required, optional */
	const char *partstat; /* needs-action, accepted, declined, tentative */
	long long group_id;   /* a group's (migration 026): its members hear of the meeting; 0 when unknown */
} attendee;

typedef struct series_override {
	long long id;
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS", local in the series zone */
	bool cancelled;
	const char *start_local, *end_local; /* NULL unless moved */
	bitext title;                        /* NULL unless retitled */
	const char *location;                /* NULL unless moved elsewhere */
	int sequence;
	const char *updated_at;
} series_override;

typedef struct series {
	long long id;
	long long memorandum_id;
	bitext memorandum_title;
	const char *kind; /* meeting, event */
	const char *uid;
	bitext title;
	bitext description;
	const char *location;
	const char *location_url;
	const char *tzid;
	bool all_day;
	const char *start_local, *end_local; /* "YYYY-MM-DD HH:MM:SS" in tzid; end exclusive */
	const char *rrule;                   /* NULL: a single occurrence */
	const char **rdates;
	size_t nrdates;
	const char **exdates;
	size_t nexdates;
	const char *status; /* confirmed, tentative, cancelled */
	int sequence;
	int version;
	const char *created_at, *updated_at, *cancelled_at;
	int quorum; /* how many expected attendees a meeting's record needs (0: none set; migration 016) */

	attendee *attendees;
	size_t nattendees;
	series_override *overrides;
	size_t noverrides;
} series;

#endif
