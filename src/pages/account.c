/* account.c - GET/POST /account: a person's own settings, the language memocal speaks to them and the
 * zone every page shows them times in. Any logged-in role may change their own, nobody else's. */
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
};
enum { A_LANG, A_ZONE, A__MAX };

const char *viewer_zone(http_ctx *c)
{
	const char *z = visit_of(c)->user.time_zone;
	return z && cal_zone_known(z) ? z : DEFAULT_TZID;
}

static int form_page(http_ctx *c, int status, const field_value *v, const char *message_key)
{
	view_value *s = page_scope(c, "account.title");
	page_put_done(c, s);
	page_put_fields(c, s, "account", fields, v, A__MAX);
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
	const staff_user *u = &visit_of(c)->user;
	const char *raw[A__MAX] = {u->lang ? u->lang : "browser", u->time_zone};
	field_value v[A__MAX];
	page_fill_fields(fields, A__MAX, raw, v);
	return form_page(c, 200, v, NULL);
}

int account_save(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[A__MAX];
	int bad = fields_check(c->a, &c->body, fields, A__MAX, v);
	if (v[A_ZONE].value && !cal_zone_known(v[A_ZONE].value)) {
		v[A_ZONE].error = "account.zone_unknown";
		bad++;
	}
	if (bad)
		return form_page(c, 422, v, "form.invalid");
	const char *lang = strcmp(v[A_LANG].value, "browser") == 0 ? NULL : v[A_LANG].value;
	actor who = app_actor(c);
	switch (store_user_set_settings(&ap->db, c->a, &who, visit_of(c)->user.id, lang, v[A_ZONE].value)) {
	case CHANGE_DONE:
		if (lang) {
			/* this browser speaks it at once, as the language switch does */
			int l = lang_parse(lang);
			c->lang = (enum lang)l;
			buf set = BUF_INIT;
			cookie_format(&set, "lang", lang, 365L * 24 * 3600, c->https);
			http_header(c, "Set-Cookie", buf_cstr(&set));
			buf_free(&set);
		}
		http_redirect(c, 303, page_done_url(c, "/account", "settings_saved"));
		return 0;
	case CHANGE_GONE: /* the account went while its session lived: the guard sends them to log in */
		http_redirect(c, 303, "/login");
		return 0;
	case CHANGE_STALE:
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, "/account", &msg);
	return form_page(c, status, v, msg);
}
