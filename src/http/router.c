/* router.c - matching a method and path against the one routing table of a program. */
#include "http/router.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool is_word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* Matches one pattern segment [ps, pe) against one path segment [s, e). */
static bool match_segment(http_ctx *c, const char *ps, const char *pe, const char *s, const char *e, size_t *np)
{
	const char *open = memchr(ps, '{', (size_t)(pe - ps));
	if (!open)
		return (size_t)(pe - ps) == (size_t)(e - s) && memcmp(ps, s, (size_t)(pe - ps)) == 0;
	/* literal prefix */
	size_t pre = (size_t)(open - ps);
	if ((size_t)(e - s) < pre || memcmp(ps, s, pre) != 0)
		return false;
	const char *close = memchr(open, '}', (size_t)(pe - open));
	const char *colon = memchr(open, ':', (size_t)(close - open));
	const char *suffix = close + 1;
	size_t suf = (size_t)(pe - suffix);
	if ((size_t)(e - s) < pre + suf || memcmp(e - suf, suffix, suf) != 0)
		return false;
	const char *vs = s + pre, *ve = e - suf;
	if (ve == vs)
		return false;
	bool is_int = (size_t)(close - colon - 1) == 3 && memcmp(colon + 1, "int", 3) == 0;
	for (const char *p = vs; p < ve; p++)
		if (is_int ? !(*p >= '0' && *p <= '9') : !is_word_char(*p))
			return false;
	long long num = 0;
	if (is_int) {
		if (*vs == '0' || ve - vs > 18)
			return false; /* no leading zeros: one URL per record; ids stop at 18 digits, which always fit int64 */
		num = strtoll(vs, NULL, 10);
	}
	if (*np >= HTTP_MAX_PARAMS)
		return false;
	c->params[*np].name = arena_strndup(c->a, open + 1, (size_t)(colon - open - 1));
	c->params[*np].value = arena_strndup(c->a, vs, (size_t)(ve - vs));
	c->params[*np].num = num;
	(*np)++;
	return true;
}

static bool match_path(http_ctx *c, const char *pattern, const char *path, size_t *np)
{
	*np = 0;
	const char *p = pattern, *s = path;
	for (;;) {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		const char *pe = strchr(p, '/'), *se = strchr(s, '/');
		if (!pe)
			pe = p + strlen(p);
		if (!se)
			se = s + strlen(s);
		if (!match_segment(c, p, pe, s, se, np))
			return false;
		p = pe;
		s = se;
		if (!*p && !*s)
			return true;
		if (!*p || !*s)
			return false;
	}
}

enum route_result router_match(const http_route *table, size_t n, http_ctx *c, unsigned *allowed)
{
	*allowed = 0;
	for (size_t i = 0; i < n; i++) {
		size_t np;
		if (!match_path(c, table[i].pattern, c->path, &np))
			continue;
		unsigned m = table[i].methods;
		if (m & HTTP_GET)
			m |= HTTP_HEAD;
		if (m & c->method) {
			c->route = &table[i];
			c->nparams = np;
			return ROUTE_FOUND;
		}
		*allowed |= m;
	}
	c->nparams = 0;
	return *allowed ? ROUTE_METHOD_NOT_ALLOWED : ROUTE_NOT_FOUND;
}

int router_check(const http_route *table, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = table[i].pattern;
		if (!p || p[0] != '/' || !table[i].handler || !table[i].methods)
			return (int)i;
		size_t captures = 0;
		for (const char *q = p; *q; q++)
			captures += *q == '{';
		if (captures > HTTP_MAX_PARAMS)
			return (int)i; /* could never match: the matcher keeps at most HTTP_MAX_PARAMS */
		for (const char *seg = p; seg && *seg; seg = strchr(seg + 1, '/')) {
			const char *end = strchr(seg + 1, '/');
			if (!end)
				end = seg + strlen(seg);
			const char *open = memchr(seg, '{', (size_t)(end - seg));
			if (!open)
				continue;
			const char *close = memchr(open, '}', (size_t)(end - open));
			const char *colon = close ? memchr(open, ':', (size_t)(close - open)) : NULL;
			if (!close || !colon || colon == open + 1 || memchr(close + 1, '{', (size_t)(end - close - 1)))
				return (int)i;
			size_t tl = (size_t)(close - colon - 1);
			if (!((tl == 3 && memcmp(colon + 1, "int", 3) == 0) || (tl == 4 && memcmp(colon + 1, "word", 4) == 0)))
				return (int)i;
		}
	}
	return -1;
}
