/* paging.c - ?page=N and the previous/next links of a list. */
#include "pages/paging.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

long page_number(http_ctx *c)
{
	const char *p = http_query(c, "page");
	if (!p || !*p || strlen(p) > 6 || strspn(p, "0123456789") != strlen(p))
		return 1;
	long n = strtol(p, NULL, 10);
	return n >= 1 ? n : 1;
}

void page_put_paging(view_value *scope, const char *action, long page, long long total)
{
	view_put_str(scope, "search_action", action);
	view_put_int(scope, "total", total);
	view_put_int(scope, "page", page);
	if (page > 1)
		view_put_int(scope, "prev_page", page - 1);
	if ((long long)page * PAGE_SIZE < total)
		view_put_int(scope, "next_page", page + 1);
}

int page_search(http_ctx *c, const char **q)
{
	const char *s = http_query(c, "q");
	*q = s && *s ? s : NULL;
	if (s && utf8_length(s, strlen(s)) > 200) {
		c->error_key = "error.search_too_long";
		c->error_field = "q";
		return 400;
	}
	return 0;
}
