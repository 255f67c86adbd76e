/* compose.h - one attendee's invitation or cancellation: texts from the templates, the iTIP calendar, MIME. */
#ifndef MEMOCAL_COMPOSE_H
#define MEMOCAL_COMPOSE_H

#include <stddef.h>

#include "model/series.h"
#include "util/buf.h"
#include "view/template.h"

typedef struct compose_doc {
	const series *series;       /* as cal_itip_build wants it */
	const char *method;         /* REQUEST, CANCEL */
	const char *recurrence_id;  /* a CANCEL of one occurrence or a REMINDER's, else NULL */
	const char *when;           /* a REMINDER: the occurrence's start as it will be; a CANCEL of a moved occurrence:
	                             * where it had been moved; else NULL */
	const char *lang;
	const char *recipient, *recipient_name;
	const char *from, *from_name; /* the configured sender: From and ORGANIZER */
	const char *message_key;    /* the outbox row's: Message-ID <key@sender's domain> */
	const char *base_url;
	long long now;              /* the Date header */
} compose_doc;

/* Appends the whole RFC 5322 message to out: 0, or -1 with a message in err (the message cannot be
 * built: a permanent failure, not worth a retry). */
int mail_compose(view_set *views, const compose_doc *d, buf *out, char *err, size_t errlen);

#endif
