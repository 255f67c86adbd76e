/* outbox.h - the mail outbox page: what was sent to whom, what was refused, and sending a failed message again. */
#ifndef MEMOCAL_PAGES_OUTBOX_H
#define MEMOCAL_PAGES_OUTBOX_H

#include "http/http.h"

int outbox_list(http_ctx *c);
int outbox_resend(http_ctx *c);

#endif
