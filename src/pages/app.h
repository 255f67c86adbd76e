/* app.h - what every handler of a program can reach: configuration, database, templates. */
#ifndef MEMOCAL_APP_H
#define MEMOCAL_APP_H

#include "http/http.h"
#include "store/db.h"
#include "util/config.h"
#include "view/template.h"

typedef struct app {
	const config *cfg;
	store db;
	view_set *views; /* NULL in memocal-feed, which renders no HTML */
} app;

static inline app *app_of(http_ctx *c)
{
	return (app *)c->app;
}

#endif
