/* itip.h - RFC 5546 iTIP messages (REQUEST, CANCEL) for one series and one attendee, with libical. */
#ifndef MEMOCAL_ITIP_H
#define MEMOCAL_ITIP_H

#include <stddef.h>

#include "model/series.h"

typedef struct itip_doc {
	const char *method;         /* "REQUEST" or "CANCEL" */
	const series *series;       /* REQUEST: with overrides and attendees; CANCEL: at least uid, sequence, times */
	const char *recurrence_id;  /* CANCEL of one occurrence: its local start "YYYY-MM-DD HH:MM:SS"; else NULL */
	const char *lang;           /* "en" or "az" */
	const char *base_url;
	const char *link_label;     /* "Online meeting" in lang */
	const char *organizer;      /* the configured sender address (mail_from), replies go there */
	const char *organizer_name; /* its CN, may be NULL */
	const char *recipient;      /* the attendee's address */
	const char *recipient_name; /* may be NULL */
} itip_doc;

/*
 * The calendar the message carries, as bytes (malloc'd, caller frees), or NULL with a message. Built
 * from the very VEVENTs the feed has (cal_feed_calendar), so UID, times, rule and exceptions are the
 * feed's, then made a message: METHOD, ORGANIZER the configured address, the recipient's ATTENDEE with
 * RSVP=TRUE on a REQUEST, SEQUENCE always written (RFC 5546 requires it on a CANCEL). A CANCEL of the
 * whole series is its master VEVENT with STATUS:CANCELLED; of one occurrence, a VEVENT with that
 * RECURRENCE-ID and no rule.
 */
char *cal_itip_build(const itip_doc *m, size_t *len, char *err, size_t errlen);

#endif
