/* serve.h - what memocal-web and memocal-feed share: arguments, config, workers. */
#ifndef MEMOCAL_SERVE_H
#define MEMOCAL_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/router.h"
#include "http/server.h"
#include "pages/app.h"
#include "util/config.h"

typedef struct program {
	const char *name;          /* memocal-web, memocal-feed */
	bool feed;                 /* picks feed_dsn/feed_listen/feed_workers over the web ones */
	bool html;                 /* renders pages (HTML error pages too) */
	bool messages;             /* loads the templates' message catalogues */
	const http_route *routes;
	size_t nroutes;
} program;

/* The two programs, as their mains and the fuzzing harnesses run them. */
program memocal_web(void);
program memocal_feed(void);

int serve_main(int argc, char **argv, const program *p);

/*
 * What a worker of p sets up after fork, and what serving a request needs: its app (templates, the
 * database handle, which connects lazily and answers "unavailable" without a database) and the
 * http_app that wires routes, limits, the guard and the error pages. -1 (logged) when the templates
 * do not load. instance names this run's feed renders; health (NULL: none) is what the workers share about
 * the database (store/db.h). The fuzzing harnesses (tests/fuzz/request.c) build their worker with it too.
 */
int serve_worker_open(const program *p, const config *cfg, const char *instance, store_health *health, app *ap,
                      http_app *h);
void serve_worker_close(const program *p, app *ap);

#endif
