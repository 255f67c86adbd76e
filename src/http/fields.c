/* fields.c - declared form fields with validators: what a handler may read from a form. */
#include "http/fields.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/utf8.h"

/* ---- what every type shares: trimming, length, control characters ---- */

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

static void lower_ascii(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/* s is one character of first, then only characters of rest. */
static bool all_of(const char *s, const char *first, const char *rest)
{
	if (!*s || !strchr(first, *s))
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!strchr(rest, *p))
			return false;
	return true;
}

static bool parse_number(const char *s, long long *out)
{
	if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

/* ---- one validator per type ----
 *
 * Each gets the value as field_check has prepared it: trimmed (a password: as typed), not empty, UTF-8,
 * within the definition's length bounds and free of control characters (a textarea may hold newlines
 * and tabs). It may normalise the value in place (lower case) and sets out->num for numbers, out->arg
 * for a number its message names. NULL when the value is valid, else the catalogue key of the message.
 */
typedef const char *field_validator(const field_def *def, char *v, field_value *out);

static const char *valid_any(const field_def *def, char *v, field_value *out)
{
	return NULL; /* text, several lines of text, a password: the shared checks are all there is */
}

static const char *valid_email(const field_def *def, char *v, field_value *out)
{
	lower_ascii(v);
	const char *at = strchr(v, '@');
	if (!at || at == v || strchr(at + 1, '@') || strlen(v) > 254 || (size_t)(at - v) > 64)
		return "invalid.email";
	const char *dom = at + 1;
	const char *dot = strrchr(dom, '.');
	if (!dot || dot == dom || !dot[1] || dom[0] == '.' || strstr(dom, ".."))
		return "invalid.email";
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';' || *p == '\\')
			return "invalid.email";
	return NULL;
}

/* YYYY-MM-DD, a real day between 1900 and 2200 */
static const char *valid_date(const field_def *def, char *v, field_value *out)
{
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return "invalid.date";
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
			return "invalid.date";
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	return y >= DATE_FORM_MIN_YEAR && y <= DATE_FORM_MAX_YEAR && date_valid(y, m, d) ? NULL : "invalid.date";
}

/* a record's id: a positive whole number (the form offers them as a choice) */
static const char *valid_id(const field_def *def, char *v, field_value *out)
{
	return parse_number(v, &out->num) && out->num >= 1 ? NULL : "invalid.choice";
}

/* a whole number from 0 to max (def->max 0: no bound but 18 digits) */
static const char *valid_int(const field_def *def, char *v, field_value *out)
{
	if (!parse_number(v, &out->num)) {
		/* a whole number below zero is a number too small, not something else than a number */
		if (v[0] == '-' && parse_number(v + 1, &out->num)) {
			out->num = 0;
			out->arg = (long long)def->min;
			return "invalid.too_small_number";
		}
		return "invalid.number";
	}
	if (def->max && out->num > (long long)def->max) {
		out->arg = (long long)def->max;
		return "invalid.too_large";
	}
	return NULL;
}

static const char *valid_choice(const field_def *def, char *v, field_value *out)
{
	for (const char *const *c = def->choices; c && *c; c++)
		if (strcmp(*c, v) == 0)
			return NULL;
	return "invalid.choice";
}

static const char lower_digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";

static const char *valid_slug(const field_def *def, char *v, field_value *out)
{
	return all_of(v, lower_digits, "abcdefghijklmnopqrstuvwxyz0123456789-") ? NULL : "invalid.slug";
}

/* http(s) with a host of its own: no backslash (browsers read https://evil\@good/ as evil's), no user part
 * before the host (https://good@evil/ goes to evil), nothing an attribute or a space would end. */
static const char *valid_url(const field_def *def, char *v, field_value *out)
{
	bool scheme = strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0;
	bool ok = scheme && !strpbrk(v, " \t\"<>\\") && strlen(v) >= 10;
	if (ok) {
		const char *host = v + (v[4] == 's' ? 8 : 7);
		size_t n = strcspn(host, "/?#");
		ok = n > 0 && !memchr(host, '@', n);
	}
	return ok ? NULL : "invalid.url";
}

static const char *valid_login(const field_def *def, char *v, field_value *out)
{
	lower_ascii(v);
	return all_of(v, lower_digits, "abcdefghijklmnopqrstuvwxyz0123456789._-") ? NULL : "invalid.login";
}

/* HH:MM, 00:00 to 23:59 */
static const char *valid_time(const field_def *def, char *v, field_value *out)
{
	/* HH:MM, or HH:MM:SS as a browser sends a time with seconds (an imported meeting may have them) */
	size_t n = strlen(v);
	bool ok = (n == 5 || n == 8) && v[2] == ':' && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) &&
	          isdigit((unsigned char)v[3]) && isdigit((unsigned char)v[4]);
	if (ok && n == 8)
		ok = v[5] == ':' && isdigit((unsigned char)v[6]) && isdigit((unsigned char)v[7]) && atoi(v + 6) <= 59;
	return ok && atoi(v) <= 23 && atoi(v + 3) <= 59 ? NULL : "invalid.time";
}

/* What each type does before its validator, and the validator; indexed by enum field_type. */
static const struct field_kind {
	field_validator *valid;
	bool as_typed;     /* not trimmed: a password is exactly what was typed */
	bool lines;        /* newlines and tabs allowed, CRLF made LF */
	bool max_is_value; /* def->max bounds the number, not the length (the validator checks it) */
	bool presence;     /* a checkbox: sent and not empty is on; nothing else is looked at */
} kinds[FIELD_TYPE__MAX] = {
	{valid_any, false, false, false, false},    /* FIELD_TEXT */
	{valid_any, false, true, false, false},     /* FIELD_TEXTAREA */
	{valid_email, false, false, false, false},  /* FIELD_EMAIL */
	{valid_date, false, false, false, false},   /* FIELD_DATE */
	{valid_id, false, false, false, false},     /* FIELD_ID */
	{valid_int, false, false, true, false},     /* FIELD_INT */
	{valid_choice, false, false, false, false}, /* FIELD_CHOICE */
	{valid_slug, false, false, false, false},   /* FIELD_SLUG */
	{valid_url, false, false, false, false},    /* FIELD_URL */
	{valid_login, false, false, false, false},  /* FIELD_LOGIN */
	{valid_any, true, false, false, false},     /* FIELD_PASSWORD */
	{NULL, false, false, false, true},          /* FIELD_CHECKBOX */
	{valid_time, false, false, false, false},   /* FIELD_TIME */
};

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
	if ((unsigned)def->type >= FIELD_TYPE__MAX) {
		fail(out, "invalid.choice", 0); /* a field table with a type that does not exist: refuse, never pass */
		return;
	}
	const struct field_kind *k = &kinds[def->type];
	if (k->presence) {
		out->on = sent != NULL && *sent;
		out->value = out->on ? "1" : NULL;
		return;
	}
	char *v = k->as_typed ? arena_strdup(a, out->raw) : trimmed(a, out->raw);
	if (k->lines)
		unify_newlines(v);
	if (!*v) {
		if (def->required)
			fail(out, "invalid.required", 0);
		return;
	}
	/* forms arrive as UTF-8 (server.c refuses other bytes); the command line may not */
	if (!utf8_valid(v, strlen(v))) {
		fail(out, "invalid.utf8", 0);
		return;
	}
	size_t letters = utf8_length(v, strlen(v));
	if (def->max && !k->max_is_value && letters > def->max) {
		fail(out, "invalid.too_long", (long long)def->max);
		return;
	}
	if (def->min && letters < def->min) {
		fail(out, "invalid.too_short", (long long)def->min);
		return;
	}
	if (has_control(v, k->lines)) {
		fail(out, "invalid.control", 0);
		return;
	}
	const char *why = k->valid(def, v, out);
	if (why) {
		fail(out, why, out->arg);
		return;
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
