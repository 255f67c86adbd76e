/* guard.c - the checks every route of memocal-web passes before its handler: session, role, CSRF. */
#include "pages/guard.h"

#include <string.h>

#include "pages/app.h"
#include "http/router.h"
#include "store/users.h"
#include "util/secret.h"

const char *guard_local_path(const char *p)
{
	/* "/x" only: never "//host" or "/\host", which browsers read as another host */
	return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' && !strpbrk(p, "\r\n") ? p : "/";
}

/* Looks up the session cookie; -1 when the database cannot say. */
static int load_session(http_ctx *c, app *ap)
{
	const char *sid = cookie_get(&c->cookies, SESSION_COOKIE);
	if (!sid || strlen(sid) < 40 || strlen(sid) > 64)
		return 0;
	const char *hash = secret_hash_hex(c->a, sid);
	const char *csrf;
	int found = store_session_load(&ap->db, c->a, hash, &ap->user, &csrf);
	if (found <= 0)
		return found;
	ap->csrf = csrf;
	ap->session_hash = hash;
	int l = lang_parse(ap->user.lang);
	if (l >= 0)
		c->lang = (enum lang)l; /* the user's own setting wins over cookie and browser */
	return 1;
}

int guard_web(http_ctx *c)
{
	app *ap = app_of(c);
	memset(&ap->user, 0, sizeof ap->user);
	ap->csrf = NULL;
	ap->session_hash = NULL;
	enum role need = (enum role)(c->route->flags & 3u);
	if (c->route->flags & NO_SESSION)
		return 0;

	if (need != ROLE_NONE || c->method == HTTP_POST || cookie_get(&c->cookies, SESSION_COOKIE)) {
		/* a page anyone may see (the health check, the login form) still answers
		 * when the database cannot say who is asking: as to a visitor */
		if (load_session(c, ap) < 0 && (need != ROLE_NONE || c->method == HTTP_POST)) {
			c->error_key = "error.database_unavailable";
			return 503;
		}
	}
	if (!ap->user.id) {
		/* visitors get a token of their own (double-submit cookie) so the login form is CSRF-safe too */
		ap->csrf = cookie_get(&c->cookies, CSRF_COOKIE);
		if (!ap->csrf || strlen(ap->csrf) != 43) {
			ap->csrf = secret_token(c->a, 32);
			buf set = BUF_INIT;
			cookie_format(&set, CSRF_COOKIE, ap->csrf, -1, c->https);
			http_header(c, "Set-Cookie", buf_cstr(&set));
			buf_free(&set);
		}
	}
	if (need != ROLE_NONE && !ap->user.id) {
		if (c->method == HTTP_GET || c->method == HTTP_HEAD) {
			const char *qs = c->query_string && *c->query_string ? c->query_string : NULL;
			const char *back = qs ? arena_printf(c->a, "%s?%s", c->path, qs) : c->path;
			buf loc = BUF_INIT;
			buf_puts(&loc, "/login?next=");
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
	if (ap->user.role < need) {
		c->error_key = "error.forbidden";
		return 403;
	}
	if (c->method == HTTP_POST) {
		const char *sent = form_get(&c->body, "csrf");
		if (!sent || !ap->csrf || !secret_equal(sent, ap->csrf)) {
			c->error_key = "error.csrf";
			return 403;
		}
	}
	return 0;
}
