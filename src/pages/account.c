/* account.c - GET/POST /account: a person's own settings, the language memocal speaks to them, the zone
 * every page shows them times in, and their address for the weekly staff digest (migration 028). Any
 * logged-in role may change their own, nobody else's. */
#include "pages/account.h"

#include <string.h>

#include "cal/time.h"
#include "cal/zones.h"
#include "http/cookie.h"
#include "http/fields.h"
#include "pages/app.h"
#include "pages/feeds.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/date.h"

#define ZONE_CHOICES 12 /* zones offered beside the field */

/* "browser": no setting, the language the browser asks for (staff_user.lang NULL) */
static const char *const langs[] = {"browser", "en", "az", NULL};

static const field_def fields[] = {
	{"lang", FIELD_CHOICE, true, 0, 0, langs},
	{"time_zone", FIELD_TEXT, false, 64, 0, NULL},
	{"email", FIELD_EMAIL, false, 254, 0, NULL}, /* migration 028's check: 254 at most */
	{"digest", FIELD_CHECKBOX, false, 0, 0, NULL},
};
enum { A_LANG, A_ZONE, A_EMAIL, A_DIGEST, A__MAX };

const char *viewer_zone(http_ctx *c)
{
	const char *z = visit_of(c)->user.time_zone;
	return z && cal_zone_known(z) ? z : DEFAULT_TZID;
}

/* version: the account's version the form was opened at (sent back as it came on a refusal, so a stale
 * form stays stale until it is opened again, as every form's) */
static int form_page(http_ctx *c, int status, const field_value *v, int version, const char *message_key)
{
	view_value *s = page_scope(c, "account.title");
	page_put_done(c, s);
	page_put_fields(c, s, "account", fields, v, A__MAX);
	view_put_int(s, "version", version);
	/* the zones to pick from: near what was typed when it was not a zone, else the common ones */
	const char *typed = v[A_ZONE].error ? v[A_ZONE].raw : NULL;
	const char *zones[ZONE_CHOICES];
	size_t nz = cal_zone_suggest(c->a, typed, zones, ZONE_CHOICES);
	view_value *zl = view_put_list(s, "zone_choices");
	for (size_t i = 0; i < nz; i++)
		view_put_str(view_push_map(zl), "zone", zones[i]);
	view_put_str(s, "default_zone", DEFAULT_TZID);
	view_put_str(s, "zone_now", viewer_zone(c));
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	/* their own addresses of the staff feed, offered in the language they read */
	view_put_bool(s, "lang_az", strcmp(lang_code(c->lang), "az") == 0);
	if (feeds_put_own(c, s) != 0)
		return page_store_error(c, &app_of(c)->db);
	int rc = page_render(c, "users/account", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int account_show(http_ctx *c)
{
	/* the whole account as stored now: the session carries only what every page needs (no version, no
	 * address), and the form must carry the version it was opened at */
	staff_user account;
	const staff_user *u = &account;
	switch (store_user_get(&app_of(c)->db, c->a, visit_of(c)->user.id, &account)) {
	case 1:
		break;
	case 0: /* the account went while its session lived: the guard sends them to log in */
		http_redirect(c, 303, "/login");
		return 0;
	default:
		return page_store_error(c, &app_of(c)->db);
	}
	const char *raw[A__MAX] = {u->lang ? u->lang : "browser", u->time_zone, u->email, u->digest ? "true" : NULL};
	field_value v[A__MAX];
	page_fill_fields(fields, A__MAX, raw, v);
	return form_page(c, 200, v, u->version, NULL);
}

int account_save(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[A__MAX];
	int version;
	int rc = page_form_version(c, &version);
	if (rc)
		return rc;
	int bad = fields_check(c->a, &c->body, fields, A__MAX, v);
	if (v[A_ZONE].value && !cal_zone_known(v[A_ZONE].value)) {
		v[A_ZONE].error = "account.zone_unknown";
		bad++;
	}
	/* a digest with nowhere to go: said at the address, the box left as it was ticked */
	if (v[A_DIGEST].on && !v[A_EMAIL].value && !v[A_EMAIL].error) {
		v[A_EMAIL].error = "account.digest_needs_email";
		bad++;
	}
	if (bad)
		return form_page(c, 422, v, version, "form.invalid");
	const char *lang = strcmp(v[A_LANG].value, "browser") == 0 ? NULL : v[A_LANG].value;
	actor who = app_actor(c);
	switch (store_user_set_settings(&ap->db, c->a, &who, visit_of(c)->user.id, lang, v[A_ZONE].value,
	                                v[A_EMAIL].value, v[A_DIGEST].on, version)) {
	case CHANGE_DONE:
		if (lang) {
			/* this browser speaks it at once, as the language switch does */
			c->lang = (enum lang)lang_parse(lang);
		}
		{
			/* the browser's own language: no cookie left to speak another (the login set the account's) */
			buf set = BUF_INIT;
			cookie_format(&set, "lang", lang ? lang : "", lang ? 365L * 24 * 3600 : 0, c->https);
			http_header(c, "Set-Cookie", buf_cstr(&set));
			buf_free(&set);
		}
		http_redirect(c, 303, page_done_url(c, "/account", ap->db.unchanged ? "unchanged" : "settings_saved"));
		return 0;
	case CHANGE_GONE: /* the account went while its session lived: the guard sends them to log in */
		http_redirect(c, 303, "/login");
		return 0;
	case CHANGE_STALE: /* changed since the form was opened: nothing saved, what was typed kept */
		return form_page(c, 409, v, version, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, "/account", &msg);
	return form_page(c, status, v, version, msg);
}
