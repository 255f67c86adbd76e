/* app.h - what every handler of a program can reach: configuration, database, templates, and who asks. */
#ifndef MEMOCAL_APP_H
#define MEMOCAL_APP_H

#include "http/http.h"
#include "model/user.h"
#include "store/db.h"
#include "util/config.h"
#include "view/template.h"

/* What lives as long as the worker: nothing here may point into a request's arena. */
typedef struct app {
	const config *cfg;
	store db;
	view_set *views;      /* NULL in memocal-feed, which renders no HTML */
	const char *instance; /* this run of the program: random, made by the parent at start (names feed renders) */
	char style_href[40];  /* the stylesheet's address, named by its content (static_url.c) */
} app;

/*
 * Who makes the request in flight, set by the guard before any handler runs. It lives in the
 * request's arena and hangs off the request (http_ctx.local), so it dies with the request: an
 * error page answered before the guard ran (404, 413, ...) sees a visitor, never the previous
 * request's user or CSRF token.
 */
typedef struct visit {
	staff_user user;          /* id 0: nobody is logged in */
	const char *csrf;         /* the token every form must carry back */
	const char *session_hash; /* of the session cookie, when logged in */
	/* a POST arrived while the database could not say whose session it is: the handler runs with
	 * the store refusing every call, so that it gives the form back with what was typed (guard.c) */
	bool offline;
	const char *check_url;    /* where a save whose outcome is unknown would show (pages/forms.c) */
	const char *once;         /* this page's one-time form key (page_once) */
} visit;

static inline app *app_of(http_ctx *c)
{
	return (app *)c->app;
}

/* This request's visit, a visitor's (all zero) until the guard has looked at the session. */
static inline visit *visit_of(http_ctx *c)
{
	if (!c->local)
		c->local = arena_alloc(c->a, sizeof(visit));
	return (visit *)c->local;
}

/* A one-time form key as sent back by a form: 256 bits in base64url (secret_token), else NULL. */
const char *app_form_key(http_ctx *c);

/* The audit log's name for whoever makes this request, with the one-time key of its form. */
static inline actor app_actor(http_ctx *c)
{
	actor a = {visit_of(c)->user.id, visit_of(c)->user.login, app_form_key(c)};
	return a;
}

#endif
