/* language.c - the language switch on every page: remember the choice, go back. */
#include "pages/language.h"

#include <string.h>

#include "pages/app.h"
#include "pages/guard.h"
#include "pages/render.h"
#include "store/users.h"

int language_switch(http_ctx *c)
{
	app *ap = app_of(c);
	int l = lang_parse(form_get(&c->body, "lang"));
	if (l < 0) {
		c->error_key = "error.bad_language";
		c->error_field = "lang";
		return 400;
	}
	/* a logged-in user's choice is their setting, on every device; a visitor's lives in a cookie */
	if (visit_of(c)->user.id && store_user_set_lang(&ap->db, c->a, visit_of(c)->user.id, lang_code((enum lang)l)) != 0)
		return page_store_error(c, &ap->db);
	buf set = BUF_INIT;
	cookie_format(&set, "lang", lang_code((enum lang)l), 365L * 24 * 3600, c->https);
	http_header(c, "Set-Cookie", buf_cstr(&set));
	buf_free(&set);
	c->lang = (enum lang)l;
	http_redirect(c, 303, guard_local_path(form_get(&c->body, "back")));
	return 0;
}
