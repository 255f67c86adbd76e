/* memoranda.c - the memoranda pages: list and detail. */
#include "pages/memoranda.h"

#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "pages/paging.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "view/present.h"

int memoranda_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *search;
	int rc = page_search(c, &search);
	if (rc)
		return rc;
	long page = page_number(c);
	memorandum_summary *list;
	size_t n;
	long long total;
	if (store_memoranda_list(&ap->db, c->a, search, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "memoranda.title");
	const char *lang = lang_code(c->lang);
	view_put_memoranda(s, list, n, lang);
	view_put_str(s, "q", search ? search : "");
	page_put_paging(s, "/memoranda", page, total);
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
