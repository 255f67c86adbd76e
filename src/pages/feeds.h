/* feeds.h - the subscribers page and feed tokens in the staff UI. */
#ifndef MEMOCAL_PAGES_FEEDS_H
#define MEMOCAL_PAGES_FEEDS_H

#include "http/http.h"
#include "view/value.h"

int feeds_list(http_ctx *c);   /* GET /feeds: who receives what */
int feeds_new(http_ctx *c);    /* GET /feeds/new */
int feeds_create(http_ctx *c); /* POST /feeds/new: makes an address, 303 to its subscribe page */
/* GET /feeds/{id}/subscribe: how to subscribe, with the address, its QR code and copy button the one
 * time this browser holds the key to its sealed secret (right after feeds_create); without the
 * secret ever after. */
int feeds_subscribe(http_ctx *c);
int feeds_revoke(http_ctx *c); /* POST /feeds/{id}/revoke */

/* A staff member's own addresses of the staff feed: POST /account/feeds/new, GET /account/feeds/{id}/subscribe,
 * POST /account/feeds/{id}/revoke (only their own: 404 for anyone else's). */
int feeds_own_create(http_ctx *c);
int feeds_own_subscribe(http_ctx *c);
int feeds_own_revoke(http_ctx *c);
/* Puts the list of them in s ("own_feeds", "own_feed_room") for the account page; -1 on a database error. */
int feeds_put_own(http_ctx *c, view_value *s);

/* "memorandum:1" → kind and id; 0, or -1 when it is not a scope. Shared with the CLI. */
int feeds_parse_scope(const char *text, const char **kind, long long *id);

#endif
