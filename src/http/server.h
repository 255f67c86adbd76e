/* server.h - a worker's request loop: read, limit, route, handle, answer, log. */
#ifndef MEMOCAL_SERVER_H
#define MEMOCAL_SERVER_H

#include <signal.h>

#include "http/router.h"

/* What a program plugs into the loop. */
typedef struct http_app {
	const http_route *routes;
	size_t nroutes;
	http_limits limits;
	unsigned read_timeout; /* seconds a worker waits for a request's params and body (0: for ever) */
	/* Runs after routing, before the handler: the place for checks every
	 * route shares (database connected, session, role, CSRF). Returns 0 to
	 * go on, an HTTP error status to answer with, or -1 when it has filled
	 * the response itself (c->status, headers). May be NULL. */
	int (*before)(http_ctx *c);
	/* Fills the body of an error answer (c->status is set, c->error_key may
	 * name the catalogue message). May be NULL: plain text then. */
	void (*render_error)(http_ctx *c);
	void *app;
} http_app;

/*
 * Where one request comes from and where its answer goes: libfcgi's request in a worker, memory in the
 * fuzzing harnesses (tests/fuzz/). Everything behind it is the same code.
 */
#define HTTP_IO_TOO_SLOW (-2)

typedef struct http_io {
	char **params; /* the FastCGI params, "NAME=value" strings, NULL-terminated; read during the request only */
	/* Reads up to n bytes of the body into dst: the count read (fewer only at its end), -1, or
	 * HTTP_IO_TOO_SLOW when the worker's read deadline passed first (answered 408). */
	int (*read)(void *ctx, char *dst, int n);
	/* Writes n bytes of the answer (status line, headers, body). */
	void (*write)(void *ctx, const char *src, size_t n);
	void *ctx;
} http_io;

/* What a worker keeps from one request to the next: the request arena and the response buffers. */
typedef struct http_worker {
	arena a;
	buf headers, body;
} http_worker;

void http_worker_init(http_worker *w);
void http_worker_free(http_worker *w);

/*
 * Serves one request whole: reads its params and body through io, checks the target and the body
 * (limits, escapes, UTF-8), routes, runs the app's before hook and the handler or renders the error,
 * writes the answer through io and logs one line. At the end the arena is emptied and the buffers
 * are reset: nothing of this request is left for the next one. http_serve calls it for every request
 * it accepts, tests/fuzz/request.c for requests made up in memory.
 */
void http_serve_request(http_worker *w, const http_app *app, const http_io *io);

/*
 * Serves FastCGI requests on listen_fd until *stop becomes true or accept
 * fails. The caller has installed a SIGTERM handler that sets *stop (see
 * prefork.c) and made listen_fd non-blocking; SIGTERM is let in only while
 * waiting for a connection, so a drain never cuts a request short, and once
 * *stop is set the connections already queued are still served. A client that
 * sends its params or body slower than read_timeout allows is cut off (SIGALRM).
 */
int http_serve(int listen_fd, const http_app *app, volatile sig_atomic_t *stop);

/* The parts of http_serve that tests drive without FastCGI. */
void http_finish_error(http_ctx *c, const http_app *app, int status, const char *key);

#endif
