/* feedcache.h - rendered feeds: files every worker and process may share, and memory when the disk fails. */
#ifndef MEMOCAL_FEEDCACHE_H
#define MEMOCAL_FEEDCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * A feed is named by its scope ("memorandum-1-az") and a name saying which render it is
 * ("v12-d20250301-0123456789abcdef": its version, its day and whatever else decides its bytes);
 * both are [a-z0-9-] only. A render is written to DIR/SCOPE/NAME.ics under a unique temporary
 * name and renamed into place, with its mtime set to its Last-Modified first (nginx's ETag,
 * "mtime-size", is then the same as ours), and described in NAME.meta; DIR/SCOPE/last keeps the
 * scope's last Last-Modified and hash, so Last-Modified moves only when the bytes change, and
 * only forwards. Files are removed only when no worker of any process can still hand them to
 * nginx: older than a grace period and not among the newest renders of their scope.
 *
 * When the disk refuses a render (read-only, full, permissions) the bytes are kept in memory,
 * to be answered through FastCGI, and a warning is logged at most once a minute per worker.
 *
 * The state is the worker's own (one per process, not shared): call feedcache_init after fork.
 */

typedef struct feedcache_entry {
	long long lm;     /* Last-Modified (unix seconds), also the file's mtime */
	long long size;
	char hash[33];    /* of the bytes */
	const char *file; /* relative to the cache directory ("SCOPE/NAME.ics"); NULL when held in memory */
	const char *bytes; /* the bytes when the disk refused them; NULL when on disk */
} feedcache_entry;

/* Builds a feed's bytes: malloc'd, *len set; NULL when it cannot (logged by the builder). */
typedef char *(*feedcache_build_fn)(void *ctx, size_t *len);

/* Per worker: where the renders live. */
void feedcache_init(const char *dir);
void feedcache_free(void);

/*
 * The render scope/name: remembered (its file checked to still exist), or described on disk
 * by another worker, or built now. changed_at is what the database says the version's time is:
 * the Last-Modified of a scope's first render. NULL when build fails or a name is malformed. The
 * entry stays valid until the next call into this module.
 */
const feedcache_entry *feedcache_get(const char *scope, const char *name, long long changed_at,
                                     feedcache_build_fn build, void *ctx);

/*
 * As feedcache_get, for a feed that subscribers share: one worker of any process builds a scope's render
 * at a time (a lock per scope), so a change does not set every worker rendering the same feed at once.
 * A request that finds another worker rendering gets the scope's previous render meanwhile (*answered_previous
 * set: the caller tells its client to ask again soon), or waits for the new one when there is none.
 * answered_previous NULL: always wait.
 */
const feedcache_entry *feedcache_get_shared(const char *scope, const char *name, long long changed_at,
                                            feedcache_build_fn build, void *ctx, bool *answered_previous);

/*
 * A copy of a render made for one subscriber (pages/feed.c: their own secret in its board links): kept in
 * this worker's memory only, never on disk, since it holds a secret the database keeps only hashed; answered
 * through FastCGI. Named like a render (its own scope), with lm as its Last-Modified. NULL when build fails.
 */
const feedcache_entry *feedcache_get_private(const char *scope, const char *name, long long lm,
                                             feedcache_build_fn build, void *ctx);

/* A render already made (remembered, or on disk), without building one: NULL when there is none. */
const feedcache_entry *feedcache_peek(const char *scope, const char *name);

/* Appends an entry's bytes (from memory, or from its file) to out; 0, or -1 when the file is gone. */
int feedcache_read(const feedcache_entry *e, buf *out);

/* At program start, before the workers: removes the renders of every scope that no worker can
 * still hand out (older than the grace period); a scope's "last" record stays. */
void feedcache_sweep(const char *dir);

/* Whether s is a usable scope or name: 1 to 96 of [a-z0-9-]. */
bool feedcache_valid_name(const char *s);

#endif
