/* mime.h - an RFC 5322 message with MIME parts (RFC 2045-2047) for an iMIP invitation (RFC 6047). */
#ifndef MEMOCAL_MIME_H
#define MEMOCAL_MIME_H

#include <stddef.h>

#include "util/buf.h"

typedef struct mail_message {
	const char *from;          /* address */
	const char *from_name;     /* display name, any UTF-8, may be NULL */
	const char *to;
	const char *to_name;
	const char *subject;       /* any UTF-8 */
	const char *message_id;    /* "<key@domain>" */
	long long date;            /* seconds since the epoch: the Date header */
	const char *text;          /* text/plain, UTF-8 */
	const char *html;          /* text/html, UTF-8, already escaped by the templates */
	const char *ics;           /* text/calendar bytes; NULL: none (a reminder) */
	size_t ics_len;
	const char *method;        /* REQUEST, CANCEL: text/calendar's method= */
} mail_message;

/*
 * Appends the message to out, CRLF line ends: multipart/mixed of multipart/alternative (text/plain,
 * text/html, text/calendar; method=…, as RFC 6047 and the big calendar systems send it) and the same
 * calendar as an invite.ics attachment. Every part is base64 (no line-length or 8-bit questions for
 * any mail server); headers with non-ASCII text are RFC 2047 encoded-words. Returns 0, or -1 when an
 * address holds a CR, LF or another byte no header may (a header injection refused).
 */
int mail_message_build(const mail_message *m, buf *out);

/* A header value as RFC 2047 B encoded-words (UTF-8) when it is not plain printable ASCII, folded so no
 * line passes 76 characters; appended to out. For the tests too. */
void mail_encode_header_text(buf *out, const char *text, size_t used);

#endif
