/* staff_digest.h - a staff account's weekly digest: memoranda in their notice period, overdue actions. */
#ifndef MEMOCAL_STAFF_DIGEST_H
#define MEMOCAL_STAFF_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "view/template.h"

#define STAFF_DIGEST_MAX 50 /* items listed of each kind; the rest are counted ("and 3 more") */

/* A memorandum in its notice period with no decision taken. */
typedef struct staff_memo_item {
	const char *title;       /* in the reader's language, else the other */
	const char *valid_until; /* "YYYY-MM-DD" */
	long days_left;
	bool is_new;             /* its notice period began within the last 7 days */
	long long id;            /* its page: /memoranda/ID */
} staff_memo_item;

/* An open action item due before today. */
typedef struct staff_action_item {
	const char *what;        /* in the reader's language, else the other */
	const char *due_on;      /* "YYYY-MM-DD" */
	const char *owner;
	const char *meeting;     /* the title of the meeting whose record holds it */
	const char *meeting_on;  /* "YYYY-MM-DD" */
	const char *page;        /* the record's path, "/series/3/occurrences/20260304T100000/record" */
} staff_action_item;

typedef struct staff_digest_doc {
	const staff_memo_item *memoranda;
	size_t nmemoranda;
	long long memoranda_total;  /* in all (>= nmemoranda): the rest are said to exist */
	const staff_action_item *actions;
	size_t nactions;
	long long actions_total;
	const char *today;          /* "YYYY-MM-DD": the day both lists are counted from */
	const char *lang;
	const char *recipient, *recipient_name;
	const char *from, *from_name;
	const char *message_key;    /* Message-ID <key@sender's domain> */
	const char *base_url;
	long long now;
} staff_digest_doc;

/* Appends msg to out with every "{name}" in it replaced by value (the catalogue's placeholders in C, as
 * templates fill them from their scope). */
void mail_fill_count(buf *out, const char *msg, const char *name, long long value);

/* The text/plain part: the same lines as templates/mail/staff_digest.html, from the same catalogue. */
void mail_staff_digest_text(view_set *views, const staff_digest_doc *d, buf *out);
/* The text/html part, every value escaped by the template renderer: -1 when the template is missing. */
int mail_staff_digest_html(view_set *views, const staff_digest_doc *d, const char *subject, buf *out);

/* Appends the whole RFC 5322 message (text/plain and text/html, no calendar) to out: 0, or -1 with a
 * message in err (a permanent failure). */
int mail_compose_staff_digest(view_set *views, const staff_digest_doc *d, buf *out, char *err, size_t errlen);

#endif
