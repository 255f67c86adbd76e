/* digest.h - one person's weekly digest of their coming meetings: texts from the templates, MIME, no calendar. */
#ifndef MEMOCAL_DIGEST_H
#define MEMOCAL_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "view/template.h"

/* One occurrence as the digest lists it: as it will be (an exception applied), in its series' zone. */
typedef struct digest_item {
	char date[11], time[6];     /* "YYYY-MM-DD", "HH:MM" ("" all day) */
	const char *tzid;
	const char *title;          /* in the recipient's language, else the other */
	const char *location;       /* may be NULL */
	long long series_id;
	bool cancelled;             /* listed, marked cancelled */
	bool moved;                 /* an exception gave it another time */
	char was_date[11], was_time[6]; /* a moved one's original start */
} digest_item;

/* One open action item the reader owns, from a circulated or approved meeting record. */
typedef struct digest_action {
	const char *what;           /* in the recipient's language, else the other */
	const char *due_on;         /* "YYYY-MM-DD"; NULL: no date */
	bool overdue;               /* due before the digest's first day */
	const char *meeting;        /* the title of the meeting whose record holds it */
	const char *meeting_on;     /* "YYYY-MM-DD" */
	long long series_id;
} digest_action;

typedef struct digest_doc {
	const digest_item *items;   /* by start */
	size_t nitems;              /* meetings and actions: at least one of them, nothing to say is no message */
	const digest_action *actions; /* by due date, undated last */
	size_t nactions;
	bool actions_cut;           /* more open actions than listed */
	bool cut;                   /* more than could be listed */
	const char *week_from, *week_to; /* "YYYY-MM-DD", the window's first and last day (mail_digest_zone) */
	const char *lang;
	const char *recipient, *recipient_name;
	const char *from, *from_name;
	const char *message_key;    /* Message-ID <key@sender's domain> */
	const char *base_url;
	long long now;
} digest_doc;

/* digest_doc's initialiser is positional in main/digests.c: the action fields come right after nitems. */
/* Appends the whole RFC 5322 message (text/plain and text/html, no calendar part) to out: 0, or -1 with
 * a message in err (a permanent failure). */
int mail_compose_digest(view_set *views, const digest_doc *d, buf *out, char *err, size_t errlen);

#endif
