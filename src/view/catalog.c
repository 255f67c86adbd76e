/* catalog.c - message catalogues: one "key = value" file per language. */
#include "view/catalog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

__attribute__((format(printf, 5, 6)))
static int fail(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return -1;
	/* line 0: about the whole file */
	int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", path, line) : snprintf(err, errlen, "%s: ", path);
	if (n >= 0 && (size_t)n < errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	if (errlen)
		utf8_scrub(err); /* a line of the file quoted, or the message cut to fit, may end inside a letter */
	return -1;
}

static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static int cmp_entry(const void *x, const void *y)
{
	return strcmp(((const view_msg_entry *)x)->key, ((const view_msg_entry *)y)->key);
}

/* Splits one value in place: trims, and turns the two characters \n into a newline. */
static char *unescape(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	char *w = s;
	for (char *r = s; r < end; r++) {
		if (r[0] == '\\' && r + 1 < end && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

int view_catalog_parse(view_catalog *c, arena *a, const char *path, char *data, size_t len,
                       char *err, size_t errlen)
{
	if (memchr(data, '\0', len))
		return fail(err, errlen, path, 0, "contains a NUL byte");

	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	c->v = arena_alloc(a, lines * sizeof *c->v);
	c->n = 0;

	int lineno = 0;
	for (char *p = data, *next; p < data + len; p = next) {
		char *eol = memchr(p, '\n', (size_t)(data + len - p));
		if (!eol)
			eol = data + len;
		next = eol + 1;
		*eol = '\0';
		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '\r' || *p == '#')
			continue;
		char *key = p;
		while (key_char(*p))
			p++;
		char *key_end = p;
		while (*p == ' ' || *p == '\t')
			p++;
		if (key_end == key || *p != '=')
			return fail(err, errlen, path, lineno, "expected \"key = value\" with key in [a-z0-9._-]");
		*key_end = '\0';
		char *text = unescape(p + 1, eol);
		if (!utf8_valid(text, strlen(text)))
			return fail(err, errlen, path, lineno, "value is not valid UTF-8");
		c->v[c->n++] = (view_msg_entry){key, text, lineno};
	}

	qsort(c->v, c->n, sizeof *c->v, cmp_entry);
	for (size_t i = 1; i < c->n; i++) {
		if (strcmp(c->v[i - 1].key, c->v[i].key) == 0) {
			/* qsort is not stable, so name the later line, whichever sorted first */
			view_msg_entry *x = &c->v[i - 1], *y = &c->v[i];
			int dup = x->line > y->line ? x->line : y->line;
			int orig = x->line > y->line ? y->line : x->line;
			return fail(err, errlen, path, dup, "duplicate key \"%s\" (first at line %d)", x->key, orig);
		}
	}
	return 0;
}

const char *view_catalog_get(const view_catalog *c, const char *key)
{
	if (!c || !c->n || !key)
		return NULL;
	view_msg_entry probe = {key, NULL, 0};
	view_msg_entry *e = bsearch(&probe, c->v, c->n, sizeof *c->v, cmp_entry);
	return e ? e->text : NULL;
}
