/* feeds.h - the subscribers page and feed tokens in the staff UI. */
#ifndef MEMOCAL_PAGES_FEEDS_H
#define MEMOCAL_PAGES_FEEDS_H

#include "http/http.h"

int feeds_list(http_ctx *c);   /* GET /feeds: who receives what */
int feeds_new(http_ctx *c);    /* GET /feeds/new */
int feeds_create(http_ctx *c); /* POST /feeds/new: the secret is shown once */
int feeds_revoke(http_ctx *c); /* POST /feeds/{id}/revoke */

/* "memorandum:1" → kind and id; 0, or -1 when it is not a scope. Shared with the CLI. */
int feeds_parse_scope(const char *text, const char **kind, long long *id);

#endif
