/* cookie.c - parsing the Cookie request header and formatting Set-Cookie. */
#include "http/cookie.h"

#include <string.h>

static bool token_ok(const char *s, size_t n, bool value)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\')
			return false;
		if (!value && c == '=')
			return false;
	}
	return true;
}

void cookie_parse(arena *a, const char *h, size_t max, cookie_jar *jar)
{
	jar->items = NULL;
	jar->count = 0;
	if (!h || !max)
		return;
	size_t cap = 1;
	for (const char *p = h; *p; p++)
		cap += *p == ';';
	if (cap > max)
		cap = max;
	jar->items = arena_alloc(a, cap * sizeof *jar->items);
	const char *p = h;
	while (*p && jar->count < cap) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (eq && eq > p) {
			size_t nlen = (size_t)(eq - p);
			const char *v = eq + 1;
			size_t vlen = len - nlen - 1;
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (token_ok(p, nlen, false) && token_ok(v, vlen, true)) {
				jar->items[jar->count].name = arena_strndup(a, p, nlen);
				jar->items[jar->count].value = arena_strndup(a, v, vlen);
				jar->count++;
			}
		}
		p += len;
	}
}

const char *cookie_get(const cookie_jar *jar, const char *name)
{
	for (size_t i = 0; i < jar->count; i++)
		if (strcmp(jar->items[i].name, name) == 0)
			return jar->items[i].value;
	return NULL;
}

void cookie_format(buf *out, const char *name, const char *value, long max_age, bool secure)
{
	buf_printf(out, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);
	if (secure)
		buf_puts(out, "; Secure");
	if (max_age >= 0)
		buf_printf(out, "; Max-Age=%ld", max_age);
}
