/* auth.c - logging in and out: argon2id passwords, fresh session ids, a brake on guessing. */
#include "pages/auth.h"

#include <stdio.h>
#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/guard.h"
#include "pages/render.h"
#include "store/users.h"
#include "util/log.h"
#include "util/secret.h"

static const field_def login_fields[] = {
	{"login", FIELD_LOGIN, true, 64, 0, NULL},
	{"password", FIELD_PASSWORD, true, 1024, 0, NULL},
	{"next", FIELD_TEXT, false, 2000, 0, NULL},
};
enum { F_LOGIN, F_PASSWORD, F_NEXT, F__MAX };

static int show(http_ctx *c, int status, const field_value *vals, const char *message_key, long long n)
{
	view_value *s = page_scope(c, "login.title");
	if (vals)
		page_put_form(c, s, login_fields, vals, F__MAX);
	else
		view_put_str(view_put_map(s, "form"), "next", http_query(c, "next"));
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, n));
	int rc = page_render(c, "auth/login", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int auth_login_form(http_ctx *c)
{
	if (app_of(c)->user.id) {
		http_redirect(c, 303, guard_local_path(http_query(c, "next")));
		return 0;
	}
	return show(c, 200, NULL, NULL, 0);
}

static void set_session_cookie(http_ctx *c, const char *value, long max_age)
{
	buf set = BUF_INIT;
	cookie_format(&set, SESSION_COOKIE, value, max_age, c->https);
	http_header(c, "Set-Cookie", buf_cstr(&set));
	buf_free(&set);
}

int auth_login(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[F__MAX];
	if (fields_check(c->a, &c->body, login_fields, F__MAX, v) > 0)
		return show(c, 422, v, NULL, 0);
	const char *login_key = arena_printf(c->a, "login:%s", v[F_LOGIN].value);
	const char *addr_key = arena_printf(c->a, "addr:%s", c->remote_addr ? c->remote_addr : "-");
	int wait = store_login_wait(&ap->db, c->a, login_key, addr_key);
	if (wait < 0)
		return page_store_error(c, &ap->db);
	if (wait > 0) {
		/* refused before the password is even looked at: guessing gains nothing */
		http_header(c, "Retry-After", arena_printf(c->a, "%d", wait));
		return show(c, 429, v, "login.wait", wait);
	}
	staff_user u;
	int found = store_user_by_login(&ap->db, c->a, v[F_LOGIN].value, &u);
	if (found < 0)
		return page_store_error(c, &ap->db);
	bool ok = secret_password_verify(found && !u.disabled ? u.password_hash : NULL, v[F_PASSWORD].raw);
	if (!ok) {
		store_login_failed(&ap->db, login_key);
		store_login_failed(&ap->db, addr_key);
		log_info("msg=\"login failed\" login=\"%.64s\" addr=%s", v[F_LOGIN].value, c->remote_addr ? c->remote_addr : "-");
		return show(c, 422, v, "login.failed", 0);
	}
	store_login_clear(&ap->db, login_key);
	/* a new session id at every login: one planted before (session fixation) is worth nothing */
	if (ap->session_hash)
		store_session_delete(&ap->db, ap->session_hash);
	const char *sid = secret_token(c->a, 32);
	const char *csrf = secret_token(c->a, 32);
	if (store_session_create(&ap->db, c->a, secret_hash_hex(c->a, sid), u.id, csrf, ap->cfg->session_lifetime,
	                         c->remote_addr, http_getenv(c, "HTTP_USER_AGENT")) != 0)
		return page_store_error(c, &ap->db);
	set_session_cookie(c, sid, ap->cfg->session_lifetime);
	log_info("msg=\"login\" login=\"%s\" addr=%s", u.login, c->remote_addr ? c->remote_addr : "-");
	http_redirect(c, 303, guard_local_path(v[F_NEXT].value));
	return 0;
}

int auth_logout(http_ctx *c)
{
	app *ap = app_of(c);
	if (ap->session_hash && store_session_delete(&ap->db, ap->session_hash) != 0)
		return page_store_error(c, &ap->db);
	set_session_cookie(c, "", 0);
	http_redirect(c, 303, "/login");
	return 0;
}
