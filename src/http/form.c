/* form.c - percent-decoding and application/x-www-form-urlencoded parsing with hard limits. */
#include "http/form.h"

#include <string.h>

#include "util/utf8.h"

static const struct {
	const char *key;
	const char *text;
} errors[FORM_ERROR__MAX] = {
	{"", ""},                                                        /* FORM_OK */
	{"error.bad_escape", "malformed percent-encoding"},              /* FORM_BAD_ESCAPE */
	{"error.bad_utf8", "text is not valid UTF-8"},                   /* FORM_BAD_UTF8 */
	{"error.nul_byte", "text contains a NUL byte"},                  /* FORM_NUL */
	{"error.too_many_fields", "too many form fields"},               /* FORM_TOO_MANY */
	{"error.field_too_long", "a form field is too long"},            /* FORM_TOO_LONG */
};

const char *form_error_key(enum form_error e)
{
	return e < FORM_ERROR__MAX ? errors[e].key : "error.bad_request";
}

const char *form_error_text(enum form_error e)
{
	return e < FORM_ERROR__MAX ? errors[e].text : "bad request";
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum form_error form_decode(arena *a, const char *s, size_t n, bool plus_is_space, size_t max_len,
                            char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	/* decoded length never exceeds encoded length: one allocation suffices */
	char *d = arena_alloc(a, n + 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3)
				return FORM_BAD_ESCAPE;
			int hi = hexval((unsigned char)s[i + 1]);
			int lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ESCAPE;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return FORM_NUL;
		if (len >= max_len)
			return FORM_TOO_LONG;
		d[len++] = (char)c;
	}
	d[len] = '\0';
	if (!utf8_valid(d, len))
		return FORM_BAD_UTF8;
	*out = d;
	*out_len = len;
	return FORM_OK;
}

enum form_error form_parse(arena *a, const char *s, size_t n, const form_limits *lim, form *f,
                           const char **bad_field)
{
	f->fields = NULL;
	f->count = 0;
	*bad_field = NULL;
	/* count pairs first so the array is allocated once and the limit is checked before any work */
	size_t pairs = 0;
	for (size_t i = 0; i < n;) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > i)
			pairs++;
		i = end + 1;
	}
	if (pairs > lim->max_fields)
		return FORM_TOO_MANY;
	form_field *fields = arena_alloc(a, (pairs ? pairs : 1) * sizeof *fields);
	size_t count = 0;
	for (size_t i = 0; i < n;) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > i) {
			const char *pair = s + i;
			size_t plen = end - i;
			const char *eq = memchr(pair, '=', plen);
			size_t nlen = eq ? (size_t)(eq - pair) : plen;
			char *name, *value;
			size_t name_len, value_len;
			enum form_error e = form_decode(a, pair, nlen, true, lim->max_field_len, &name, &name_len);
			if (e != FORM_OK) {
				*bad_field = arena_strndup(a, pair, nlen > 64 ? 64 : nlen);
				return e;
			}
			if (eq)
				e = form_decode(a, eq + 1, plen - nlen - 1, true, lim->max_field_len, &value, &value_len);
			else {
				value = arena_strdup(a, "");
				value_len = 0;
			}
			if (e != FORM_OK) {
				*bad_field = name;
				return e;
			}
			fields[count].name = name;
			fields[count].value = value;
			fields[count].value_len = value_len;
			count++;
		}
		i = end + 1;
	}
	f->fields = fields;
	f->count = count;
	return FORM_OK;
}

const char *form_get(const form *f, const char *name)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}
