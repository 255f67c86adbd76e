/* paging.c - ?page=N or a keyset (?after=/?before=), and the previous/next links of a list. */
#include "pages/paging.h"

#include <stdlib.h>
#include <string.h>

#include "http/fields.h"
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

int page_keyset(http_ctx *c, size_t max_name, page_key *k)
{
	const field_def defs[] = {
		{"after", FIELD_ID, false, 0, 0, NULL},
		{"before", FIELD_ID, false, 0, 0, NULL},
		{"name", FIELD_TEXT, false, max_name, 0, NULL},
	};
	enum { K_AFTER, K_BEFORE, K_NAME, K__MAX };
	field_value v[K__MAX];
	*k = (page_key){0};
	for (int i = 0; i < K__MAX; i++) {
		field_check(c->a, &defs[i], http_query(c, defs[i].name), &v[i]);
		if (v[i].error) {
			c->error_key = "pages.bad_key";
			c->error_field = defs[i].name;
			return 400;
		}
	}
	if (v[K_BEFORE].value) {
		k->id = v[K_BEFORE].num;
		k->before = true;
	} else if (v[K_AFTER].value) {
		k->id = v[K_AFTER].num;
	}
	k->name = k->id ? v[K_NAME].value : NULL;
	return 0;
}

int page_after(http_ctx *c, long long *id)
{
	const field_def def = {"after", FIELD_ID, false, 0, 0, NULL};
	field_value v;
	field_check(c->a, &def, http_query(c, def.name), &v);
	if (v.error) {
		c->error_key = "pages.bad_key"; /* as page_keyset says it: one message for every list's bad key */
		c->error_field = def.name;
		return 400;
	}
	*id = v.value ? v.num : 0;
	return 0;
}

void page_put_keyset(view_value *scope, const char *action, bool prev, long long first_id, const char *first_name,
                     bool next, long long last_id, const char *last_name, bool past_end)
{
	view_put_str(scope, "search_action", action);
	if (prev) {
		view_put_int(scope, "prev_id", first_id);
		view_put_str(scope, "prev_name", first_name);
	}
	if (next) {
		view_put_int(scope, "next_id", last_id);
		view_put_str(scope, "next_name", last_name);
	}
	view_put_bool(scope, "past_end", past_end);
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
