/* feed.h - GET /feeds/{token}.ics: a subscription feed, served from a cache kept per scope version. */
#ifndef MEMOCAL_FEED_H
#define MEMOCAL_FEED_H

#include "http/http.h"

/* The channel memocal-feed's workers LISTEN on (db/migrations/007_feed_notify.sql). */
#define FEED_CHANNEL "memocal_feed"

int feed_show(http_ctx *c);

#endif
