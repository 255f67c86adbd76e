/* guard.c - the checks every route of memocal-web passes before its handler: session, role, CSRF. */
#include "pages/guard.h"

#include <string.h>

#include "pages/app.h"
#include "pages/auth.h"
#include "http/router.h"
#include "store/users.h"
#include "util/secret.h"

const char *guard_local_path(const char *p)
{
	return http_local_path(p) && strlen(p) <= GUARD_NEXT_MAX ? p : "/";
}

/* Looks up the session cookie; -1 when the database cannot say. */
static int load_session(http_ctx *c, app *ap, visit *v)
{
	const char *sid = cookie_get(&c->cookies, SESSION_COOKIE);
	if (!sid || strlen(sid) < 40 || strlen(sid) > 64)
		return 0;
	const char *hash = secret_hash_hex(c->a, sid);
	const char *csrf;
	staff_user user;
	int found = store_session_load(&ap->db, c->a, hash, &user, &csrf);
	if (found <= 0)
		return found;
	v->user = user;
	v->csrf = csrf;
	v->session_hash = hash;
	int l = lang_parse(v->user.lang);
	if (l >= 0)
		c->lang = (enum lang)l; /* the user's own setting wins over cookie and browser */
	return 1;
}

/*
 * A POST whose session the database cannot look up. Nothing can be saved, but what was typed
 * must not be lost: the handler runs with the store refusing every call at once, so it fails
 * the way it fails when the database goes away under it, and gives its form back (503) with the
 * typed values and "nothing was saved"; a handler that cannot build its form without the
 * database ends in page_store_error, whose error page gives back every field it sent
 * (pages/resend.c). Neither role nor CSRF token can be checked, and neither matters: no store
 * call can succeed, and the page holds only what the request itself sent.
 */
static int offline(http_ctx *c, app *ap, visit *v)
{
	store_refuse(&ap->db);
	v->offline = true;
	const char *sent = form_get(&c->body, "csrf");
	v->csrf = sent && strlen(sent) == 43 ? sent : NULL; /* sending the form again must still pass the check */
	/* logging out cannot end the session without the database: say so rather than pretend */
	if (c->route->handler == auth_logout) {
		c->error_key = "error.logout_unavailable";
		return 503;
	}
	return 0;
}

int guard_web(http_ctx *c)
{
	app *ap = app_of(c);
	visit *v = visit_of(c);
	enum role need = (enum role)(c->route->flags & 3u);
	if (c->route->flags & NO_SESSION)
		return 0;

	bool optional = need == ROLE_NONE && c->method != HTTP_POST;
	if (optional && store_known_down(&ap->db)) {
		/* the login form while the database is stalled: answer as to a visitor, and leave it to
		 * a request that needs the database to find out whether it is back */
	} else if (need != ROLE_NONE || c->method == HTTP_POST || cookie_get(&c->cookies, SESSION_COOKIE)) {
		/* a page anyone may see (the health check, the login form) still answers
		 * when the database cannot say who is asking: as to a visitor */
		if (load_session(c, ap, v) < 0) {
			if (c->method == HTTP_POST)
				return offline(c, ap, v);
			if (need != ROLE_NONE) {
				c->error_key = "error.database_unavailable";
				return 503;
			}
		}
	}
	if (!v->user.id) {
		/* visitors get a token of their own (double-submit cookie) so the login form is CSRF-safe too */
		v->csrf = cookie_get(&c->cookies, CSRF_COOKIE);
		if (!v->csrf || strlen(v->csrf) != 43) {
			v->csrf = secret_token(c->a, 32);
			buf set = BUF_INIT;
			cookie_format(&set, CSRF_COOKIE, v->csrf, -1, c->https);
			http_header(c, "Set-Cookie", buf_cstr(&set));
			buf_free(&set);
		}
	}
	if (need != ROLE_NONE && !v->user.id) {
		if (c->method == HTTP_GET || c->method == HTTP_HEAD) {
			const char *qs = c->query_string && *c->query_string ? c->query_string : NULL;
			const char *back = qs ? arena_printf(c->a, "%s?%s", c->path, qs) : c->path;
			/* a way back that would make the answer's header larger than nginx takes (a 502) is left out:
			 * no page of memocal has an address this long */
			if (strlen(back) > GUARD_NEXT_MAX)
				back = "";
			buf loc = BUF_INIT;
			buf_puts(&loc, *back ? "/login?next=" : "/login");
			for (const unsigned char *p = (const unsigned char *)back; *p; p++) {
				if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
				    strchr("-._~/", *p))
					buf_putc(&loc, (char)*p);
				else
					buf_printf(&loc, "%%%02X", *p);
			}
			http_redirect(c, 303, arena_strdup(c->a, buf_cstr(&loc)));
			buf_free(&loc);
			return -1;
		}
		c->error_key = "error.session_expired";
		return 403;
	}
	if (v->user.role < need) {
		c->error_key = "error.forbidden";
		return 403;
	}
	if (c->method == HTTP_POST) {
		const char *sent = form_get(&c->body, "csrf");
		if (!sent || !v->csrf || !secret_equal(sent, v->csrf)) {
			c->error_key = "error.csrf";
			return 403;
		}
	}
	return 0;
}
