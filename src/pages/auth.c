/* auth.c - logging in and out: argon2id passwords, fresh session ids, a brake on guessing that locks no one out. */
#include "pages/auth.h"

#include <stdio.h>
#include <string.h>

#include "http/fields.h"
#include "http/lang.h"
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
	if (visit_of(c)->user.id) {
		http_redirect(c, 303, guard_local_path(http_query(c, "next")));
		return 0;
	}
	return show(c, 200, NULL, NULL, 0);
}

/* The database cannot check a login: the form again, with the login typed, saying so. */
static int unavailable(http_ctx *c, const field_value *v)
{
	page_store_error(c, &app_of(c)->db); /* the status and a log line's key */
	http_header(c, "Retry-After", "5");
	return show(c, 503, v, app_of(c)->db.status == STORE_ERROR || app_of(c)->db.status == STORE_DENIED ? "form.failed"
	                                                                                                  : "login.unavailable",
	            0);
}

static void set_cookie(http_ctx *c, const char *name, const char *value, long max_age)
{
	buf set = BUF_INIT;
	cookie_format(&set, name, value, max_age, c->https);
	http_header(c, "Set-Cookie", buf_cstr(&set));
	buf_free(&set);
}

static void set_session_cookie(http_ctx *c, const char *value, long max_age)
{
	set_cookie(c, SESSION_COOKIE, value, max_age);
}

/* How long a browser stays trusted for an account after it logged in (the device cookie's life). */
#define DEVICE_LIFETIME (365L * 24 * 3600)

/*
 * The brake on guessing (migration 014 has the numbers): failures count per account (the login name
 * typed, from any address) and per (address, account) pair; past its limit a try waits, refused unchecked
 * with 429, so an attacker gets a bounded number of guesses per account however many addresses he has.
 * No brake counts per address alone: a campus behind one NAT address is many people. A browser that
 * logged in to the account before (its device cookie) is never braked for it, so keeping an account
 * braked does not keep its owner out; that browser has a limit of its own.
 */
int auth_login(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[F__MAX];
	if (fields_check(c->a, &c->body, login_fields, F__MAX, v) > 0)
		return show(c, 422, v, NULL, 0);
	const char *login = v[F_LOGIN].value, *addr = c->remote_addr ? c->remote_addr : "-";
	const char *account_key = arena_printf(c->a, "account:%s", login);
	const char *pair_key = arena_printf(c->a, "pair:%s %s", addr, login);
	const char *device = cookie_get(&c->cookies, DEVICE_COOKIE);
	const char *device_hash = device && *device ? secret_hash_hex(c->a, device) : NULL;
	bool trusted = false;
	int wait = store_login_wait(&ap->db, c->a, account_key, pair_key, device_hash, login, &trusted);
	if (wait < 0)
		return unavailable(c, v);
	if (wait > 0) {
		/* refused before the password is even looked at: a guess here is not a guess */
		log_info("msg=\"login braked\" login=\"%.64s\" addr=%s wait=%d", login, addr, wait);
		http_header(c, "Retry-After", arena_printf(c->a, "%d", wait));
		return show(c, 429, v, "login.wait", wait);
	}
	staff_user u;
	int found = store_user_by_login(&ap->db, c->a, login, &u);
	if (found < 0)
		return unavailable(c, v);
	bool ok = secret_password_verify(found && !u.disabled ? u.password_hash : NULL, v[F_PASSWORD].raw);
	if (!ok) {
		store_login_failed(&ap->db, account_key);
		store_login_failed(&ap->db, pair_key);
		if (device_hash)
			store_login_failed(&ap->db, arena_printf(c->a, "device:%s", device_hash));
		log_info("msg=\"login failed\" login=\"%.64s\" addr=%s trusted=%d", login, addr, trusted);
		return show(c, 422, v, "login.failed", 0);
	}
	store_login_clear(&ap->db, account_key);
	store_login_clear(&ap->db, pair_key);
	if (device_hash)
		store_login_clear(&ap->db, arena_printf(c->a, "device:%s", device_hash));
	/* a new session id at every login: one planted before (session fixation) is worth nothing */
	if (visit_of(c)->session_hash)
		store_session_delete(&ap->db, visit_of(c)->session_hash);
	const char *sid = secret_token(c->a, 32);
	const char *csrf = secret_token(c->a, 32);
	if (store_session_create(&ap->db, c->a, secret_hash_hex(c->a, sid), u.id, csrf, ap->cfg->session_lifetime,
	                         c->remote_addr, http_getenv(c, "HTTP_USER_AGENT")) != 0)
		return page_store_error(c, &ap->db);
	set_session_cookie(c, sid, ap->cfg->session_lifetime);
	/* the account's language in the cookie as well: what is answered before the session is read (a request too
	 * large or malformed, pages/render.c's error page) then speaks it too, as the language form's cookie does */
	if (u.lang && lang_parse(u.lang) >= 0)
		set_cookie(c, "lang", u.lang, 365L * 24 * 3600);
	/* this browser is trusted for this account from now on (a new secret each time: the old one goes) */
	const char *new_device = secret_token(c->a, 32);
	if (store_device_create(&ap->db, c->a, secret_hash_hex(c->a, new_device), u.id, DEVICE_LIFETIME, device_hash) ==
	    0)
		set_cookie(c, DEVICE_COOKIE, new_device, DEVICE_LIFETIME);
	log_info("msg=\"login\" login=\"%s\" addr=%s trusted=%d", u.login, addr, trusted);
	http_redirect(c, 303, guard_local_path(v[F_NEXT].value));
	return 0;
}

int auth_logout(http_ctx *c)
{
	app *ap = app_of(c);
	if (visit_of(c)->session_hash && store_session_delete(&ap->db, visit_of(c)->session_hash) != 0)
		return page_store_error(c, &ap->db);
	set_session_cookie(c, "", 0);
	http_redirect(c, 303, "/login");
	return 0;
}
