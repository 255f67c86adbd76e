/* import.h - an .ics file read into series (rule, RDATE, EXDATE, overrides, attendees), or the line at fault. */
#ifndef MEMOCAL_CAL_IMPORT_H
#define MEMOCAL_CAL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/series.h"
#include "util/arena.h"

/* What may be in one file; beyond it the import is refused (CAL_IMPORT_TOO_MANY). */
#define CAL_IMPORT_MAX_EVENTS 500    /* VEVENTs, overrides included */
#define CAL_IMPORT_MAX_ATTENDEES 200 /* per event */
#define CAL_IMPORT_MAX_DATES 500     /* RDATEs, and EXDATEs, per event */
#define CAL_IMPORT_MAX_LINE 65536    /* bytes of one unfolded content line */

/* Why a file was refused; each has the catalogue message "import.error.<name>" with {n} the line. */
enum cal_import_error {
	CAL_IMPORT_OK,
	CAL_IMPORT_EMPTY,              /* no BEGIN:VCALENDAR at all (line 0) */
	CAL_IMPORT_BAD_UTF8,
	CAL_IMPORT_CONTROL,            /* NUL, a lone CR or another control character */
	CAL_IMPORT_LINE_TOO_LONG,
	CAL_IMPORT_NO_COLON,           /* a content line without "name:value" */
	CAL_IMPORT_BAD_NAME,           /* a property name outside [A-Za-z0-9-] */
	CAL_IMPORT_NOT_CALENDAR,       /* content outside BEGIN:VCALENDAR ... END:VCALENDAR */
	CAL_IMPORT_END_MISMATCH,       /* END:X where another component is open, or nothing is */
	CAL_IMPORT_UNCLOSED,           /* a BEGIN without its END (the BEGIN's line) */
	CAL_IMPORT_NO_EVENTS,          /* a calendar without VEVENT (line 0) */
	CAL_IMPORT_TOO_MANY,           /* one of the limits above; detail says which */
	CAL_IMPORT_BAD_VALUE,          /* libical cannot read the line; detail is its message */
	CAL_IMPORT_DUPLICATE_PROPERTY, /* UID, DTSTART, DTEND, DURATION, RRULE, ... given twice in one event */
	CAL_IMPORT_NO_UID,             /* the BEGIN:VEVENT line */
	CAL_IMPORT_BAD_UID,
	CAL_IMPORT_DUPLICATE_UID,      /* two events (not overrides) with one UID */
	CAL_IMPORT_NO_DTSTART,         /* the BEGIN:VEVENT line */
	CAL_IMPORT_BAD_TIME,           /* not a calendar date or time, or VALUE=DATE on a date-time */
	CAL_IMPORT_UNKNOWN_ZONE,       /* a TZID that is not an IANA zone of the system */
	CAL_IMPORT_NO_END,             /* a timed event with neither DTEND nor DURATION */
	CAL_IMPORT_BAD_END,            /* not after the start, another value type, or DTEND with DURATION */
	CAL_IMPORT_BAD_RRULE,          /* detail: cal_rrule_check's or cal_series_check's message */
	CAL_IMPORT_UNSUPPORTED,        /* RDATE;VALUE=PERIOD, RECURRENCE-ID;RANGE=THISANDFUTURE */
	CAL_IMPORT_NO_SUMMARY,         /* the BEGIN:VEVENT line */
	CAL_IMPORT_TOO_LONG,           /* a title, description, location, name or address over its limit */
	CAL_IMPORT_BAD_STATUS,
	CAL_IMPORT_BAD_ATTENDEE,       /* neither CN nor an address */
	CAL_IMPORT_ORPHAN_OVERRIDE,    /* RECURRENCE-ID whose UID has no event in the file */
	CAL_IMPORT_DUPLICATE_OVERRIDE, /* two overrides of one occurrence */
	CAL_IMPORT_SECONDLY,           /* FREQ=SECONDLY (uid: the event's) */
	CAL_IMPORT_PER_DAY,            /* more occurrences a day than the limit (max: the limit) */
	CAL_IMPORT_PER_YEAR,           /* more occurrences a year than the limit */
	CAL_IMPORT_ERROR__MAX
};

typedef struct cal_import_problem {
	enum cal_import_error code;
	int line;           /* 1-based line of the file as an editor numbers it (folded lines count); 0: the file */
	const char *detail; /* arena text in English (the offending value, libical's message), or NULL */
	const char *uid;    /* the event's UID, for the problems of a rule ("{uid}" in the message) */
	long long max;      /* the limit a rule goes beyond ("{max}") */
} cal_import_problem;

/* How often an imported meeting may happen (the configuration's limits; 0: none). */
typedef struct cal_import_limits {
	long per_day, per_year;
} cal_import_limits;

/*
 * The series of one file. Each has uid, titles (the same text in both
 * languages when the file gives only one), description, location,
 * location_url (http and https URLs only), tzid, all_day, start/end, rrule,
 * rdates, exdates (local times in the series zone), status, overrides and
 * attendees; id, memorandum_id, kind and version are 0 or NULL for the
 * caller. An attendee with an e-mail address (lower case) is to be matched
 * to a person; one without (CUTYPE=GROUP, ROOM, RESOURCE, or no mailto:)
 * is a group named name.en (= name.az).
 *
 * What is stored is what the meeting form holds, so that opening an imported meeting's form and saving it
 * changes nothing: texts as the form trims them (a description's line ends as LF), web addresses the form
 * accepts (others are left out, as a conference's tel: is), start and end within the form's years; a rule
 * FREQ=SECONDLY, or with more occurrences a day or a year than limits allow, is refused naming the event's UID.
 */
typedef struct cal_import {
	series *list;
	int *lines; /* the BEGIN:VEVENT line of each series, for messages about it */
	size_t n;
	/* events a memocal feed writes from other things than meetings (a memorandum's notice and last days, an
	 * action item's due date: cal_import_generated_uid), left out: re-imported, they would become meetings */
	size_t skipped;
	/* per series: the stored texts an update keeps, because the file gives the other language only
	 * (CAL_KEEP_*: a memocal feed in English names no Azerbaijani title, and would otherwise write the
	 * English one over it) */
	unsigned char *keep;
} cal_import;
enum { CAL_KEEP_TITLE_EN = 1, CAL_KEEP_TITLE_AZ = 2, CAL_KEEP_DESC_EN = 4, CAL_KEEP_DESC_AZ = 8 };

/* Whether uid is one memocal gives an event it makes from a memorandum's dates or an action item
 * ("memorandum-12-notice@memocal", "action-7-due@memocal"), not a meeting's. */
bool cal_import_generated_uid(const char *uid);

/*
 * Reads text[0..len) (CRLF or LF line ends, folded or not, an optional
 * UTF-8 byte order mark). 0 and *out filled; or -1 and *why naming the
 * first problem and its line: structure and values line by line first (each
 * used content line goes through libical's parser on its own, so its line
 * is known), then each event's meaning. Everything lives in the arena.
 * cal_init must have been called.
 */
int cal_import_parse(arena *a, const char *text, size_t len, const cal_import_limits *limits, cal_import *out,
                     cal_import_problem *why);

/* "import.error.no_colon" and so on. */
const char *cal_import_error_key(enum cal_import_error e);

#endif
