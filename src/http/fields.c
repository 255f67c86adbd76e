/* fields.c - declared form fields with validators: what a handler may read from a form. */
#include "http/fields.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trims ASCII white space into a new arena string. */
static char *trimmed(arena *a, const char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* CRLF and lone CR become LF (browsers send CRLF from a textarea). */
static void unify_newlines(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

static bool has_control(const char *s, bool lines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (lines && (*p == '\n' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
	}
	return false;
}

static bool valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return d <= max;
}

static bool valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254 || (size_t)(at - s) > 64)
		return false;
	const char *dom = at + 1;
	const char *dot = strrchr(dom, '.');
	if (!dot || dot == dom || !dot[1] || dom[0] == '.' || strstr(dom, ".."))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';' || *p == '\\')
			return false;
	return true;
}

static bool all_of(const char *s, const char *set_first, const char *set)
{
	if (!*s || !strchr(set_first, *s))
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!strchr(set, *p))
			return false;
	return true;
}

static const char lower_digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";

static bool parse_number(const char *s, long long *out)
{
	if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

static void fail(field_value *out, const char *key, long long arg)
{
	out->error = key;
	out->arg = arg;
	out->value = NULL;
}

void field_check(arena *a, const field_def *def, const char *sent, field_value *out)
{
	memset(out, 0, sizeof *out);
	out->raw = sent ? sent : "";
	if (def->type == FIELD_CHECKBOX) {
		out->on = sent != NULL && *sent;
		out->value = out->on ? "1" : NULL;
		return;
	}
	char *v;
	if (def->type == FIELD_PASSWORD) {
		v = arena_strdup(a, out->raw); /* a password is exactly what was typed */
	} else {
		v = trimmed(a, out->raw);
		if (def->type == FIELD_TEXTAREA)
			unify_newlines(v);
	}
	if (!*v) {
		if (def->required)
			fail(out, "invalid.required", 0);
		return;
	}
	size_t letters = utf8_length(v, strlen(v));
	if (def->max && def->type != FIELD_INT && letters > def->max) {
		fail(out, "invalid.too_long", (long long)def->max);
		return;
	}
	if (def->min && letters < def->min) {
		fail(out, "invalid.too_short", (long long)def->min);
		return;
	}
	if (has_control(v, def->type == FIELD_TEXTAREA)) {
		fail(out, "invalid.control", 0);
		return;
	}
	switch (def->type) {
	case FIELD_TEXT:
	case FIELD_TEXTAREA:
	case FIELD_PASSWORD:
	case FIELD_CHECKBOX:
	case FIELD_TYPE__MAX:
		break;
	case FIELD_EMAIL:
		for (char *p = v; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!valid_email(v)) {
			fail(out, "invalid.email", 0);
			return;
		}
		break;
	case FIELD_DATE:
		if (!valid_date(v)) {
			fail(out, "invalid.date", 0);
			return;
		}
		break;
	case FIELD_ID:
		if (!parse_number(v, &out->num) || out->num < 1) {
			fail(out, "invalid.choice", 0);
			return;
		}
		break;
	case FIELD_INT:
		if (!parse_number(v, &out->num)) {
			fail(out, "invalid.number", 0);
			return;
		}
		if (def->max && out->num > (long long)def->max) {
			fail(out, "invalid.too_large", (long long)def->max);
			return;
		}
		break;
	case FIELD_CHOICE: {
		bool found = false;
		for (const char *const *c = def->choices; c && *c && !found; c++)
			found = strcmp(*c, v) == 0;
		if (!found) {
			fail(out, "invalid.choice", 0);
			return;
		}
		break;
	}
	case FIELD_SLUG:
		if (!all_of(v, lower_digits, "abcdefghijklmnopqrstuvwxyz0123456789-")) {
			fail(out, "invalid.slug", 0);
			return;
		}
		break;
	case FIELD_URL:
		if ((strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0) || strpbrk(v, " \t\"<>") ||
		    strlen(v) < 10) {
			fail(out, "invalid.url", 0);
			return;
		}
		break;
	case FIELD_TIME: {
		bool ok = strlen(v) == 5 && v[2] == ':' && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) &&
		          isdigit((unsigned char)v[3]) && isdigit((unsigned char)v[4]);
		if (!ok || atoi(v) > 23 || atoi(v + 3) > 59) {
			fail(out, "invalid.time", 0);
			return;
		}
		break;
	}
	case FIELD_LOGIN:
		for (char *p = v; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!all_of(v, lower_digits, "abcdefghijklmnopqrstuvwxyz0123456789._-")) {
			fail(out, "invalid.login", 0);
			return;
		}
		break;
	}
	out->value = v;
}

int fields_check(arena *a, const form *f, const field_def *defs, size_t n, field_value *out)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		field_check(a, &defs[i], form_get(f, defs[i].name), &out[i]);
		bad += out[i].error != NULL;
	}
	return bad;
}

int field_index(const field_def *defs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(defs[i].name, name) == 0)
			return (int)i;
	return -1;
}
