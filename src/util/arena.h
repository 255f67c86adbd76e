/* arena.h - per-request bump allocator: everything for one request is freed at once. */

/*
 * The ownership rule: who owns what, and for how long, in memocal's programs.
 *
 * The request arena (http_worker.a, reset by http_serve_request() after every response) owns everything
 * of one request: the decoded path, query and form fields (http/form.c), multipart parts and files,
 * cookies, route params, the visit (pages/app.h: who is asking, the CSRF token, the session hash, the
 * one-time form key), every row a handler reads from the store, the view values a page renders and
 * the strings they are built from, the request's error key and field. It dies with the request.
 *
 * The worker (one process, many requests) owns: the arena's blocks themselves (kept for reuse) and the
 * response buffers http_worker.headers and .body (emptied after every response); the app struct
 * (pages/app.h): the config pointer, the compiled templates and catalogues (views), the store
 * connection with its prepared statements and listen epoch; memocal-feed's remembered token lookups
 * and its render names and in-memory renders (pages/feed.c, feedcache/): copies, in fixed fields
 * checked for length or in heap memory of their own, never pointers into an arena.
 *
 * The master (the prefork parent) owns what every worker inherits at fork and none frees: the config,
 * the listening socket, the run's instance name and the store_health page of shared memory (store/db.c).
 *
 * The rule: nothing that lives longer than a request (worker or master) may point into the request
 * arena. A value a worker keeps across requests is copied out of it (into memory the worker owns, or
 * refused when it does not fit: never cut). Per-request state hangs off http_ctx.local, which starts
 * NULL for every request, so an error page answered before the guard ran (400, 404, 405, 413) sees a
 * visitor, never an earlier request's user. tests/integration/t23_back_to_back.sh checks it for every
 * route: two requests back to back on one worker, under ASan in tests/run's sanitizer pass.
 */
#ifndef MEMOCAL_ARENA_H
#define MEMOCAL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_block arena_block;

/*
 * An arena hands out memory that lives until arena_reset() or arena_free().
 * Blocks grow geometrically; a request that asks for more than a block gets
 * a block of its own. Allocation failure aborts: a worker that cannot get
 * memory cannot answer anyway, and the parent restarts it.
 */
typedef struct arena {
	arena_block *head;
	arena_block *spare; /* blocks a reset kept for the next request (at most ARENA_SPARE bytes) */
	size_t block_size;
	size_t total; /* bytes handed out since the last reset, for limits and logs */
} arena;

void arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t size);           /* zeroed, aligned for any type */
char *arena_strdup(arena *a, const char *s);
/* The first n bytes of s, or fewer when s ends (its NUL) before: like strndup(3). */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Exactly n bytes of s (which may hold NULs), plus a NUL after them. */
char *arena_memdup(arena *a, const void *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void arena_reset(arena *a); /* keeps the first block for reuse */
void arena_free(arena *a);

#endif
