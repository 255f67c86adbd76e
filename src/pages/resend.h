/* resend.h - a POST the database could not serve comes back as a form holding everything it sent. */
#ifndef MEMOCAL_RESEND_H
#define MEMOCAL_RESEND_H

#include "http/http.h"

/*
 * Renders the answer to a POST that failed for want of the database (c->status 503) as a form
 * that posts the same fields to the same address, each with its label and the value typed,
 * under the message message_key: what the user typed is never lost, whichever form it came
 * from and wherever the request failed (the guard's session lookup, a page's own loads). Files
 * cannot be put back in a browser's file field: the form asks for them again. Passwords are
 * never echoed. 0, or -1 when the request sent no fields (the plain error page then).
 */
int page_resend(http_ctx *c, const char *message_key);

#endif
