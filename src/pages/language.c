/* language.c - the language switch on every page: remember the choice, go back. */
#include "pages/language.h"

#include <string.h>

#include "pages/app.h"

/* Only a path on this site: "/x", never "//host" or "/\host", which browsers read as another host. */
static bool local_path(const char *p)
{
	return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' && !strpbrk(p, "\r\n");
}

int language_switch(http_ctx *c)
{
	int l = lang_parse(http_query(c, "lang"));
	if (l < 0) {
		c->error_key = "error.bad_language";
		c->error_field = "lang";
		return 400;
	}
	buf set = BUF_INIT;
	/* a year: the choice outlives any session */
	cookie_format(&set, "lang", lang_code((enum lang)l), 365L * 24 * 3600, c->https);
	http_header(c, "Set-Cookie", buf_cstr(&set));
	buf_free(&set);
	const char *back = http_query(c, "back");
	http_redirect(c, 303, local_path(back) ? back : "/memoranda");
	c->lang = (enum lang)l;
	return 0;
}
