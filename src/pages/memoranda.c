/* memoranda.c - the memoranda pages: list and detail. */
#include "pages/memoranda.h"

#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "util/utf8.h"
#include "view/present.h"

#define PAGE_SIZE 25

/* ?page=N, 1-based; anything else is page 1 (a bad page number is not worth an error) */
static long page_number(http_ctx *c)
{
	const char *p = http_query(c, "page");
	if (!p || !*p || strlen(p) > 6 || strspn(p, "0123456789") != strlen(p))
		return 1;
	long n = strtol(p, NULL, 10);
	return n >= 1 ? n : 1;
}

int memoranda_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *q = http_query(c, "q");
	if (q && utf8_length(q, strlen(q)) > 200) {
		c->error_key = "error.search_too_long";
		c->error_field = "q";
		return 400;
	}
	const char *search = q && *q ? q : NULL;
	long page = page_number(c);
	memorandum_summary *list;
	size_t n;
	long long total;
	if (store_memoranda_list(&ap->db, c->a, search, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "memoranda.title");
	const char *lang = lang_code(c->lang);
	view_put_memoranda(s, list, n, lang);
	view_put_str(s, "q", q ? q : "");
	view_put_int(s, "total", total);
	view_put_int(s, "page", page);
	if (page > 1)
		view_put_int(s, "prev_page", page - 1);
	if (page * PAGE_SIZE < total)
		view_put_int(s, "next_page", page + 1);
	return page_render(c, "memoranda/list", s);
}

int memoranda_show(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), &m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (found == 0) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	view_value *s = page_scope(c, NULL);
	const char *lang = lang_code(c->lang);
	view_put_memorandum(s, &m, lang);
	view_put_str(s, "title", strcmp(lang, "az") == 0 ? m.title.az : m.title.en);
	return page_render(c, "memoranda/show", s);
}
