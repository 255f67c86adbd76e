/* users.c - the staff account pages (admins only): list, create, edit with role, disabling and a new password. */
#include "pages/users.h"

#include <limits.h>
#include <string.h>

#include "http/fields.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "store/users.h"
#include "util/date.h"
#include "util/secret.h"
#include "view/present.h"

static const char *const roles[] = {"admin", "editor", "viewer", NULL};

/* A new account: the login is chosen once and never changes. */
static const field_def new_fields[] = {
	{"login", FIELD_LOGIN, true, 64, 2, NULL},
	{"display_name", FIELD_TEXT, false, 200, 0, NULL},
	{"role", FIELD_CHOICE, true, 0, 0, roles},
	{"password", FIELD_PASSWORD, true, 1024, 10, NULL},
	{"password_confirm", FIELD_PASSWORD, true, 1024, 0, NULL},
};
enum { N_LOGIN, N_NAME, N_ROLE, N_PASSWORD, N_CONFIRM, N__MAX };

/* An existing account: both passwords empty keep the current one. */
static const field_def edit_fields[] = {
	{"display_name", FIELD_TEXT, false, 200, 0, NULL},
	{"role", FIELD_CHOICE, true, 0, 0, roles},
	{"disabled", FIELD_CHECKBOX, false, 0, 0, NULL},
	{"version", FIELD_INT, false, INT_MAX, 0, NULL},
	{"password", FIELD_PASSWORD, false, 1024, 10, NULL},
	{"password_confirm", FIELD_PASSWORD, false, 1024, 0, NULL},
};
enum { E_NAME, E_ROLE, E_DISABLED, E_VERSION, E_PASSWORD, E_CONFIRM, E__MAX };

int users_list(http_ctx *c)
{
	app *ap = app_of(c);
	staff_user *list;
	size_t n;
	if (store_user_list(&ap->db, c->a, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "users.title");
	page_put_done(c, s);
	view_put_staff_users(s, list, n, visit_of(c)->user.id, viewer_zone(c));
	view_put_str(s, "tz", viewer_zone(c));
	view_put_int(s, "total", (long long)n);
	return page_render(c, "users/list", s);
}

/* The new (id 0) or edit form; login names the account being edited (NULL when unknown). */
static int form_page(http_ctx *c, int status, long long id, const char *login, const field_value *vals,
                     const char *message_key)
{
	view_value *s = page_scope(c, id ? "users.edit" : "users.new");
	view_value *f = id ? page_put_fields(c, s, "user", edit_fields, vals, E__MAX)
	                   : page_put_fields(c, s, "user", new_fields, vals, N__MAX);
	if (id)
		view_put_str(view_get(f, "password"), "hint", page_msg(c, "user.new_password.hint", 0));
	view_put_int(s, "id", id);
	view_put_str(s, "login", login);
	view_put_str(s, "action", id ? arena_printf(c->a, "/users/%lld/edit", id) : "/users/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "users/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

/* The answer to a failed write: the form again, with the user's input and why. */
static int store_failed(http_ctx *c, long long id, const char *login, const field_value *vals)
{
	const char *msg;
	int status = page_save_failed(c, &app_of(c)->db, "/users", &msg);
	return form_page(c, status, id, login, vals, msg);
}

/* The confirmation must repeat the password exactly; the mismatch is shown at the confirmation.
 * False when they differ (two empty fields agree). */
static bool passwords_agree(field_value *pw, field_value *again)
{
	if (pw->error || again->error || strcmp(pw->raw, again->raw) == 0)
		return true;
	again->error = "user.password_mismatch";
	again->value = NULL;
	return false;
}

int users_new(http_ctx *c)
{
	field_value vals[N__MAX];
	const char *raw[N__MAX] = {[N_ROLE] = "viewer"};
	page_fill_fields(new_fields, N__MAX, raw, vals);
	return form_page(c, 200, 0, NULL, vals, NULL);
}

int users_create(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[N__MAX];
	int bad = fields_check(c->a, &c->body, new_fields, N__MAX, v);
	if (!passwords_agree(&v[N_PASSWORD], &v[N_CONFIRM]))
		bad++;
	if (bad)
		return form_page(c, 422, 0, NULL, v, "form.invalid");
	char *hash = secret_password_hash(c->a, v[N_PASSWORD].raw);
	if (!hash)
		return form_page(c, 500, 0, NULL, v, "form.failed");
	actor who = app_actor(c);
	long long id = 0;
	switch (store_user_create(&ap->db, c->a, &who, v[N_LOGIN].value, hash, role_parse(v[N_ROLE].value),
	                          v[N_NAME].value, &id)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, "/users", "user_created"));
		return 0;
	case CHANGE_STALE: /* the login is taken */
		v[N_LOGIN].error = "user.login_taken";
		return form_page(c, 422, 0, NULL, v, "form.invalid");
	case CHANGE_GONE:
	case CHANGE_ERROR:
		break;
	}
	return store_failed(c, 0, NULL, v);
}

int users_edit(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	staff_user u;
	int found = store_user_get(&ap->db, c->a, id, &u);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.user_not_found";
		return 404;
	}
	const char *raw[E__MAX] = {u.display_name, role_name(u.role), u.disabled ? "t" : NULL,
	                           arena_printf(c->a, "%d", u.version), NULL, NULL};
	field_value vals[E__MAX];
	page_fill_fields(edit_fields, E__MAX, raw, vals);
	return form_page(c, 200, id, u.login, vals, NULL);
}

int users_update(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	field_value v[E__MAX];
	int bad = fields_check(c->a, &c->body, edit_fields, E__MAX, v);
	if (!passwords_agree(&v[E_PASSWORD], &v[E_CONFIRM]))
		bad++;
	staff_user old;
	int found = store_user_get(&ap->db, c->a, id, &old);
	if (found < 0)
		return store_failed(c, id, NULL, v);
	if (!found) {
		c->error_key = "error.user_not_found";
		return 404;
	}
	staff_user u = old;
	u.role = v[E_ROLE].value ? role_parse(v[E_ROLE].value) : old.role;
	u.display_name = v[E_NAME].value;
	u.disabled = v[E_DISABLED].on;
	u.version = (int)v[E_VERSION].num;
	/* someone must be left who can manage accounts: the last active admin stays one */
	if (old.role == ROLE_ADMIN && !old.disabled && (u.role != ROLE_ADMIN || u.disabled)) {
		long long others = store_user_other_admins(&ap->db, c->a, id);
		if (others < 0)
			return store_failed(c, id, old.login, v);
		if (others == 0) {
			field_value *at = u.role != ROLE_ADMIN ? &v[E_ROLE] : &v[E_DISABLED];
			at->error = "user.last_admin";
			bad++;
		}
	}
	if (bad)
		return form_page(c, 422, id, old.login, v, "form.invalid");
	const char *hash = NULL;
	if (v[E_PASSWORD].value) {
		hash = secret_password_hash(c->a, v[E_PASSWORD].raw);
		if (!hash)
			return form_page(c, 500, id, old.login, v, "form.failed");
	}
	actor who = app_actor(c);
	switch (store_user_update(&ap->db, c->a, &who, &u, hash)) {
	case CHANGE_DONE:
		/* an admin who just ended their own session or rights goes where the guard sends them */
		http_redirect(c, 303, id == visit_of(c)->user.id && (hash || u.disabled || u.role != ROLE_ADMIN)
		                          ? "/"
		                          : page_done_url(c, "/users", ap->db.unchanged ? "unchanged" : "user_saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.user_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, id, old.login, v, "form.stale");
	case CHANGE_ERROR:
		/* the check above cannot see another admin being demoted at the same moment; the
		 * database can (migration 008), and its refusal reads like the check's */
		if (strcmp(ap->db.constraint, "staff_user_last_admin") == 0) {
			(u.role != ROLE_ADMIN ? &v[E_ROLE] : &v[E_DISABLED])->error = "user.last_admin";
			return form_page(c, 422, id, old.login, v, "form.invalid");
		}
		break;
	}
	return store_failed(c, id, old.login, v);
}
