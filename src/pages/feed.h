/* feed.h - GET /feeds/{token}.ics: a subscription feed, served from a cache kept per scope version. */
#ifndef MEMOCAL_FEED_H
#define MEMOCAL_FEED_H

#include "http/http.h"

/* The channel memocal-feed's workers LISTEN on (db/migrations/007_feed_notify.sql). */
#define FEED_CHANNEL "memocal_feed"

int feed_show(http_ctx *c);

/* At start, before any worker: removes the rendered feeds in dir (a new build may render them
 * differently; each is built again on its first fetch) and keeps each scope's "last" record, so
 * that Last-Modified and the ETag move only if the bytes turn out to differ. */
void feed_cache_forget(const char *dir);

#endif
