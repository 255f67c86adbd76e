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
 * Serves FastCGI requests on listen_fd until *stop becomes true or accept
 * fails. The caller has installed a SIGTERM handler that sets *stop (see
 * prefork.c); SIGTERM is held blocked while a request is in flight so that a
 * drain never cuts one short.
 */
int http_serve(int listen_fd, const http_app *app, volatile sig_atomic_t *stop);

/* The parts of http_serve that tests drive without FastCGI. */
void http_finish_error(http_ctx *c, const http_app *app, int status, const char *key);

#endif
