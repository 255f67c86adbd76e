/* serve.h - what memocal-web and memocal-feed share: arguments, config, workers. */
#ifndef MEMOCAL_SERVE_H
#define MEMOCAL_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/router.h"

typedef struct program {
	const char *name;          /* memocal-web, memocal-feed */
	bool feed;                 /* picks feed_dsn/feed_listen/feed_workers over the web ones */
	bool html;                 /* renders pages (HTML error pages too) */
	bool messages;             /* loads the templates' message catalogues */
	const http_route *routes;
	size_t nroutes;
} program;

int serve_main(int argc, char **argv, const program *p);

#endif
