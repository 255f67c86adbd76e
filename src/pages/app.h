/* app.h - what every handler of a program can reach: configuration, database, templates, the user. */
#ifndef MEMOCAL_APP_H
#define MEMOCAL_APP_H

#include "http/http.h"
#include "model/user.h"
#include "store/db.h"
#include "util/config.h"
#include "view/template.h"

typedef struct app {
	const config *cfg;
	store db;
	view_set *views; /* NULL in memocal-feed, which renders no HTML */

	/* the request in flight, set by the guard before any handler runs */
	staff_user user;          /* id 0: nobody is logged in */
	const char *csrf;         /* the token every form must carry back */
	const char *session_hash; /* of the session cookie, when logged in */
} app;

static inline app *app_of(http_ctx *c)
{
	return (app *)c->app;
}

/* The audit log's name for whoever makes this request. */
static inline actor app_actor(http_ctx *c)
{
	actor a = {app_of(c)->user.id, app_of(c)->user.login};
	return a;
}

#endif
