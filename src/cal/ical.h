/* ical.h - building a subscription feed (an RFC 5545 calendar) from stored series, with libical. */
#ifndef MEMOCAL_ICAL_H
#define MEMOCAL_ICAL_H

#include <stddef.h>

#include "model/series.h"

/* A memorandum's own dates, shown as all-day events in its feed. */
typedef struct feed_dates {
	long long memorandum_id;
	const char *title;       /* in the feed's language */
	const char *signed_on;   /* YYYY-MM-DD */
	const char *valid_until; /* YYYY-MM-DD or NULL */
	const char *updated_at;  /* "YYYY-MM-DD HH:MM:SS[.ffffff]+00": DTSTAMP/LAST-MODIFIED */
	const char *notice;      /* YYYY-MM-DD, the last day to give notice (issue 16), or NULL */
	const char *terminated_on; /* YYYY-MM-DD or NULL; when set, no "expires" is written */
	const char *summary[4];  /* the events' SUMMARY in the feed's language: signed, expires, notice, terminated */
} feed_dates;

/* Another dated thing shown as an all-day event: an action item's due date in the "staff" feed (issue 16). */
typedef struct feed_due {
	const char *uid;
	const char *day;        /* YYYY-MM-DD */
	const char *updated_at; /* as feed_dates.updated_at */
	const char *summary;    /* in the feed's language */
	const char *path;       /* its page under base_url */
} feed_due;

typedef struct feed_doc {
	const char *lang;        /* "en" or "az": which text of every bilingual field */
	const char *name;        /* X-WR-CALNAME */
	const char *description; /* X-WR-CALDESC */
	const char *base_url;    /* for URL properties pointing back at memocal */
	/* "BASE/board/SECRET": each meeting's URL and RFC 9253 LINK go to its board member's page under it
	 * (pages/feed.c puts a mark in place of the secret, and each subscriber's own in its copy); NULL: none,
	 * the URL is the online link or the staff page as before */
	const char *board_base;
	const char *link_label;  /* "Online meeting": what the online link is called in a description */
	long refresh_minutes;
	const series *series;    /* with overrides and attendees; the caller chose which belong */
	size_t nseries;
	const feed_dates *dates;
	size_t ndates;
	const feed_due *dues;
	size_t ndues;
} feed_doc;

/*
 * The calendar as bytes: CRLF lines folded at 75 octets (never inside a
 * UTF-8 character: libical folds on character boundaries), one VTIMEZONE per
 * zone used, taken from the system's tzdata, a VEVENT per series and one per
 * moved or retitled occurrence (same UID, RECURRENCE-ID). A cancelled single
 * occurrence is an EXDATE on its series: every client drops it (README).
 * Returns malloc'd memory the caller frees, or NULL with a message.
 */
char *cal_feed_build(const feed_doc *d, size_t *len, char *err, size_t errlen);

#endif
