/* test_http.c - unit tests for form decoding, cookies, language negotiation, the router and http helpers. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cookie.h"
#include "http/form.h"
#include "http/http.h"
#include "http/lang.h"
#include "http/router.h"
#include "util/arena.h"
#include "util/buf.h"

static arena A;

static void setup(void)
{
	arena_init(&A, 1024);
}

static void teardown(void)
{
	arena_free(&A);
}

/* ---- form_decode ---- */

static const struct decode_case {
	const char *in;
	bool plus;
	size_t max;
	enum form_error err;
	const char *want; /* on FORM_OK */
} decode_cases[] = {
	{"abc", true, 100, FORM_OK, "abc"},
	{"", true, 100, FORM_OK, ""},
	{"a+b", true, 100, FORM_OK, "a b"},
	{"a+b", false, 100, FORM_OK, "a+b"},
	{"%2B", true, 100, FORM_OK, "+"},
	{"%2b%2F", true, 100, FORM_OK, "+/"},
	{"%41%62c", true, 100, FORM_OK, "Abc"},
	{"%20x%20", false, 100, FORM_OK, " x "},
	{"100%25", true, 100, FORM_OK, "100%"},
	{"%C9%99", true, 100, FORM_OK, "ə"},
	{"X%C9%99z%C9%99r+Universiteti", true, 100, FORM_OK, "Xəzər Universiteti"},
	{"Xəzər", true, 100, FORM_OK, "Xəzər"},
	{"%c4%b0", true, 100, FORM_OK, "İ"},
	{"%F0%9F%98%80", true, 100, FORM_OK, "\xF0\x9F\x98\x80"},
	{"%00", true, 100, FORM_NUL, NULL},
	{"a%00b", true, 100, FORM_NUL, NULL},
	{"%", true, 100, FORM_BAD_ESCAPE, NULL},
	{"abc%", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%4", true, 100, FORM_BAD_ESCAPE, NULL},
	{"a%4", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%zz", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%4g", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%g4", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%%41", true, 100, FORM_BAD_ESCAPE, NULL},
	{"% 41", true, 100, FORM_BAD_ESCAPE, NULL},
	{"%C3%28", true, 100, FORM_BAD_UTF8, NULL},
	{"%C0%AF", true, 100, FORM_BAD_UTF8, NULL},
	{"%ED%A0%80", true, 100, FORM_BAD_UTF8, NULL},
	{"%F4%90%80%80", true, 100, FORM_BAD_UTF8, NULL},
	{"%C9", true, 100, FORM_BAD_UTF8, NULL},
	{"%80", true, 100, FORM_BAD_UTF8, NULL},
	{"raw\xff", true, 100, FORM_BAD_UTF8, NULL},
	/* the limit is on decoded bytes: len == max passes, max + 1 fails */
	{"abcd", true, 4, FORM_OK, "abcd"},
	{"abcde", true, 4, FORM_TOO_LONG, NULL},
	{"%41%42%43%44", true, 4, FORM_OK, "ABCD"},
	{"%41%42%43%44%45", true, 4, FORM_TOO_LONG, NULL},
	{"%C9%99%C9%99", true, 4, FORM_OK, "əə"},
	{"%C9%99%C9%99a", true, 4, FORM_TOO_LONG, NULL},
	{"+++", true, 3, FORM_OK, "   "},
	{"++++", true, 3, FORM_TOO_LONG, NULL},
	{"", true, 0, FORM_OK, ""},
	{"a", true, 0, FORM_TOO_LONG, NULL},
};

START_TEST(form_decode_table)
{
	const struct decode_case *c = &decode_cases[_i];
	char *out = (char *)"untouched";
	size_t len = 12345;
	enum form_error e = form_decode(&A, c->in, strlen(c->in), c->plus, c->max, &out, &len);
	ck_assert_msg(e == c->err, "row %d \"%s\": error %d, want %d", _i, c->in, (int)e, (int)c->err);
	if (c->err == FORM_OK) {
		ck_assert_msg(out && strcmp(out, c->want) == 0, "row %d \"%s\": decoded \"%s\", want \"%s\"", _i, c->in,
		              out ? out : "(null)", c->want);
		ck_assert_msg(len == strlen(c->want), "row %d \"%s\": len %zu", _i, c->in, len);
	} else {
		ck_assert_msg(out == NULL && len == 0, "row %d \"%s\": output not cleared on error", _i, c->in);
	}
}
END_TEST

START_TEST(form_decode_respects_n)
{
	char *out;
	size_t len;
	/* only the first n bytes count: the "%" after them is never seen */
	ck_assert_int_eq(form_decode(&A, "ab%", 2, true, 10, &out, &len), FORM_OK);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(len, 2);
	/* an escape cut by n is incomplete */
	ck_assert_int_eq(form_decode(&A, "%41", 2, true, 10, &out, &len), FORM_BAD_ESCAPE);
	/* a raw NUL inside n is refused like %00 */
	ck_assert_int_eq(form_decode(&A, "a\0b", 3, true, 10, &out, &len), FORM_NUL);
}
END_TEST

/* ---- form_parse ---- */

/* "[name=value]" for each field, for comparison. */
static const char *show_form(const form *f)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < f->count; i++) {
		buf_printf(&b, "[%s=%s]", f->fields[i].name, f->fields[i].value);
		ck_assert_msg(f->fields[i].value_len == strlen(f->fields[i].value), "field %zu: value_len %zu for \"%s\"",
		              i, f->fields[i].value_len, f->fields[i].value);
	}
	const char *s = arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const struct parse_case {
	const char *in;
	size_t max_fields, max_len;
	enum form_error err;
	const char *want;      /* show_form() on FORM_OK */
	const char *bad_field; /* on error; NULL: none */
} parse_cases[] = {
	{"a=1&b=2", 10, 100, FORM_OK, "[a=1][b=2]", NULL},
	{"", 10, 100, FORM_OK, "", NULL},
	{"a=1&&b=2&", 10, 100, FORM_OK, "[a=1][b=2]", NULL},
	{"&&&", 10, 100, FORM_OK, "", NULL},
	{"flag&x=1", 10, 100, FORM_OK, "[flag=][x=1]", NULL},
	{"e=", 10, 100, FORM_OK, "[e=]", NULL},
	{"=v", 10, 100, FORM_OK, "[=v]", NULL},
	{"a=b=c", 10, 100, FORM_OK, "[a=b=c]", NULL},
	{"x=1&x=2", 10, 100, FORM_OK, "[x=1][x=2]", NULL},
	{"a%20b=c+d", 10, 100, FORM_OK, "[a b=c d]", NULL},
	{"q=X%C9%99z%C9%99r+Universiteti", 10, 100, FORM_OK, "[q=Xəzər Universiteti]", NULL},
	{"k=%26%3D", 10, 100, FORM_OK, "[k=&=]", NULL},
	/* max_fields: empty pairs do not count */
	{"a&b&c", 3, 100, FORM_OK, "[a=][b=][c=]", NULL},
	{"a&&b&&c&", 3, 100, FORM_OK, "[a=][b=][c=]", NULL},
	{"a&b&c&d", 3, 100, FORM_TOO_MANY, NULL, NULL},
	{"a=1", 0, 100, FORM_TOO_MANY, NULL, NULL},
	{"", 0, 100, FORM_OK, "", NULL},
	/* max_field_len, on names and values, exactly at the boundary */
	{"title=abcdefgh", 10, 8, FORM_OK, "[title=abcdefgh]", NULL},
	{"a=1&title=abcdefghi", 10, 8, FORM_TOO_LONG, NULL, "title"},
	{"abcdefgh=1", 10, 8, FORM_OK, "[abcdefgh=1]", NULL},
	{"abcdefghi=1", 10, 8, FORM_TOO_LONG, NULL, "abcdefghi"},
	{"v=%C9%99%C9%99%C9%99%C9%99", 10, 8, FORM_OK, "[v=əəəə]", NULL},
	{"v=%C9%99%C9%99%C9%99%C9%99a", 10, 8, FORM_TOO_LONG, NULL, "v"},
	/* bad values name their (decoded) field; bad names give the raw name */
	{"ok=1&b=%zz", 10, 100, FORM_BAD_ESCAPE, NULL, "b"},
	{"ok=1&b%20c=%", 10, 100, FORM_BAD_ESCAPE, NULL, "b c"},
	{"%zz=1", 10, 100, FORM_BAD_ESCAPE, NULL, "%zz"},
	{"n=%00", 10, 100, FORM_NUL, NULL, "n"},
	{"a%00=1", 10, 100, FORM_NUL, NULL, "a%00"},
	{"n=%C3%28", 10, 100, FORM_BAD_UTF8, NULL, "n"},
	{"n=%ED%A0%80", 10, 100, FORM_BAD_UTF8, NULL, "n"},
	{"%C0%AF", 10, 100, FORM_BAD_UTF8, NULL, "%C0%AF"},
};

START_TEST(form_parse_table)
{
	const struct parse_case *c = &parse_cases[_i];
	form_limits lim = {c->max_fields, c->max_len};
	form_field junk = {"junk", "junk", 4};
	form f = {&junk, 1};
	const char *bad = "untouched";
	enum form_error e = form_parse(&A, c->in, strlen(c->in), &lim, &f, &bad);
	ck_assert_msg(e == c->err, "row %d \"%s\": error %d, want %d", _i, c->in, (int)e, (int)c->err);
	if (c->err == FORM_OK) {
		const char *got = show_form(&f);
		ck_assert_msg(strcmp(got, c->want) == 0, "row %d \"%s\": parsed %s, want %s", _i, c->in, got, c->want);
		ck_assert_msg(bad == NULL, "row %d: bad_field set on success", _i);
	} else {
		/* nothing of an invalid request reaches a handler */
		ck_assert_msg(f.count == 0 && f.fields == NULL, "row %d \"%s\": form not emptied on error", _i, c->in);
		if (c->bad_field)
			ck_assert_msg(bad && strcmp(bad, c->bad_field) == 0, "row %d \"%s\": bad_field \"%s\", want \"%s\"",
			              _i, c->in, bad ? bad : "(null)", c->bad_field);
		else
			ck_assert_msg(bad == NULL, "row %d \"%s\": bad_field \"%s\", want none", _i, c->in, bad);
	}
}
END_TEST

START_TEST(form_parse_long_bad_name)
{
	/* the raw name of a bad field is cut to 64 bytes for the message */
	char in[128];
	memset(in, 'n', 80);
	strcpy(in + 80, "%zz=1");
	form_limits lim = {10, 1000};
	form f;
	const char *bad = NULL;
	ck_assert_int_eq(form_parse(&A, in, strlen(in), &lim, &f, &bad), FORM_BAD_ESCAPE);
	ck_assert_ptr_nonnull(bad);
	ck_assert_uint_eq(strlen(bad), 64);
	ck_assert(strspn(bad, "n") == 64);
}
END_TEST

START_TEST(form_get_first)
{
	static const char in[] = "x=1&y=&x=2&flag&z=%C9%99";
	form_limits lim = {10, 100};
	form f;
	const char *bad;
	ck_assert_int_eq(form_parse(&A, in, strlen(in), &lim, &f, &bad), FORM_OK);
	static const struct {
		const char *name, *want;
	} cases[] = {
		{"x", "1"}, {"y", ""}, {"flag", ""}, {"z", "ə"}, {"X", NULL}, {"w", NULL}, {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = form_get(&f, cases[i].name);
		if (cases[i].want)
			ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "form_get(%s) = %s, want %s", cases[i].name,
			              got ? got : "(null)", cases[i].want);
		else
			ck_assert_msg(got == NULL, "form_get(%s) = %s, want NULL", cases[i].name, got);
	}
	form empty = {NULL, 0};
	ck_assert_ptr_null(form_get(&empty, "x"));
}
END_TEST

START_TEST(form_error_names)
{
	static const struct {
		enum form_error e;
		const char *key;
	} cases[] = {
		{FORM_BAD_ESCAPE, "error.bad_escape"},   {FORM_BAD_UTF8, "error.bad_utf8"},
		{FORM_NUL, "error.nul_byte"},            {FORM_TOO_MANY, "error.too_many_fields"},
		{FORM_TOO_LONG, "error.field_too_long"}, {FORM_ERROR__MAX, "error.bad_request"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_str_eq(form_error_key(cases[i].e), cases[i].key);
		ck_assert_msg(strlen(form_error_text(cases[i].e)) > 0, "no text for %d", (int)cases[i].e);
	}
}
END_TEST

/* ---- cookies ---- */

static const char *show_jar(const cookie_jar *j)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < j->count; i++)
		buf_printf(&b, "[%s=%s]", j->items[i].name, j->items[i].value);
	const char *s = arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const struct cookie_case {
	const char *header;
	size_t max;
	const char *want;
} cookie_cases[] = {
	{"a=1; b=2", 32, "[a=1][b=2]"},
	{"a=1;b=2", 32, "[a=1][b=2]"},
	{"  a=1 ;  b=2  ", 32, "[a=1][b=2]"},
	{"\ta=1;\tb=2\t", 32, "[a=1][b=2]"},
	{"sid=abc123; lang=az", 32, "[sid=abc123][lang=az]"},
	{"sid=\"abc\"", 32, "[sid=abc]"},
	{"sid=\"\"; x=1", 32, "[sid=][x=1]"},
	{"sid=\"abc; lang=az", 32, "[lang=az]"},
	{"tok=abc==; b=2", 32, "[tok=abc==][b=2]"},
	{"a=", 32, "[a=]"},
	{"", 32, ""},
	{";;; ;", 32, ""},
	/* bad pairs are skipped, the rest kept */
	{"a=1; b=x y; c=3", 32, "[a=1][c=3]"},
	{"a=1; b=\x01; c=3", 32, "[a=1][c=3]"},
	{"a=1; b=\x7f; c=3", 32, "[a=1][c=3]"},
	{"a=1; b=\xC9\x99; c=3", 32, "[a=1][c=3]"},
	{"a=1; \xC9\x99=2; c=3", 32, "[a=1][c=3]"},
	{"a=1; =x; c=3", 32, "[a=1][c=3]"},
	{"a=1; junk; c=3", 32, "[a=1][c=3]"},
	{"a=1; b\"=2; c=3", 32, "[a=1][c=3]"},
	{"a=1; b,c=2; d=4", 32, "[a=1][d=4]"},
	{"a=1; b=x,y; d=4", 32, "[a=1][d=4]"},
	{"a=1; b=x\\y; d=4", 32, "[a=1][d=4]"},
	{"a=1; b=\"x\"y\"; d=4", 32, "[a=1][d=4]"},
	/* the limit counts cookies kept */
	{"a=1; b=2; c=3", 2, "[a=1][b=2]"},
	{"bad=\x01; a=1; b=2; c=3", 2, "[a=1][b=2]"},
	{"a=1; b=2", 2, "[a=1][b=2]"},
	{"a=1", 0, ""},
};

START_TEST(cookie_parse_table)
{
	const struct cookie_case *c = &cookie_cases[_i];
	cookie_jar j;
	cookie_parse(&A, c->header, c->max, &j);
	const char *got = show_jar(&j);
	ck_assert_msg(strcmp(got, c->want) == 0, "row %d \"%s\" max %zu: got %s, want %s", _i, c->header, c->max, got,
	              c->want);
}
END_TEST

START_TEST(cookie_null_and_get)
{
	cookie_jar j = {(cookie *)&j, 99};
	cookie_parse(&A, NULL, 32, &j);
	ck_assert_uint_eq(j.count, 0);
	ck_assert_ptr_null(j.items);
	ck_assert_ptr_null(cookie_get(&j, "sid"));

	cookie_parse(&A, "lang=en; sid=\"s1\"; lang=az", 32, &j);
	ck_assert_str_eq(cookie_get(&j, "lang"), "en"); /* the first wins */
	ck_assert_str_eq(cookie_get(&j, "sid"), "s1");
	ck_assert_ptr_null(cookie_get(&j, "Lang"));
	ck_assert_ptr_null(cookie_get(&j, "missing"));
}
END_TEST

START_TEST(cookie_format_table)
{
	static const struct {
		const char *name, *value;
		long max_age;
		bool secure;
		const char *want;
	} cases[] = {
		{"sid", "abc", -1, false, "sid=abc; Path=/; HttpOnly; SameSite=Lax"},
		{"sid", "abc", -1, true, "sid=abc; Path=/; HttpOnly; SameSite=Lax; Secure"},
		{"sid", "", 0, false, "sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"},
		{"lang", "az", 31536000, true, "lang=az; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=31536000"},
		{"x", "1", 3600, false, "x=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		buf_puts(&b, "Set-Cookie: ");
		cookie_format(&b, cases[i].name, cases[i].value, cases[i].max_age, cases[i].secure);
		ck_assert_msg(strncmp(buf_cstr(&b), "Set-Cookie: ", 12) == 0, "row %zu: prefix lost", i);
		ck_assert_msg(strcmp(buf_cstr(&b) + 12, cases[i].want) == 0, "row %zu: got \"%s\", want \"%s\"", i,
		              buf_cstr(&b) + 12, cases[i].want);
		buf_free(&b);
	}
}
END_TEST

/* ---- languages ---- */

static const struct lang_case {
	const char *header;
	enum lang fallback, want;
} lang_cases[] = {
	{"az", LANG_EN, LANG_AZ},
	{"en", LANG_AZ, LANG_EN},
	{"az-Latn-AZ,en;q=0.5", LANG_EN, LANG_AZ},
	{"en;q=0.3, az;q=0.8", LANG_EN, LANG_AZ},
	{"ru, az;q=0.1", LANG_EN, LANG_AZ},
	{"ru, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=0", LANG_EN, LANG_EN},
	{"en;q=0", LANG_AZ, LANG_AZ},
	{"az;q=0, en;q=0.001", LANG_AZ, LANG_EN},
	{"az;q=0.000, en;q=0.1", LANG_AZ, LANG_EN},
	{"fr", LANG_EN, LANG_EN},
	{"fr", LANG_AZ, LANG_AZ},
	{NULL, LANG_EN, LANG_EN},
	{NULL, LANG_AZ, LANG_AZ},
	{"", LANG_AZ, LANG_AZ},
	{" , ,", LANG_AZ, LANG_AZ},
	{"AZ", LANG_EN, LANG_AZ},
	{"Az-latn", LANG_EN, LANG_AZ},
	{"en-GB", LANG_AZ, LANG_EN},
	{"EN-us", LANG_AZ, LANG_EN},
	{"*", LANG_EN, LANG_EN},
	{"*", LANG_AZ, LANG_AZ},
	{"azb", LANG_EN, LANG_EN},
	{"aze", LANG_EN, LANG_EN},
	{"enm", LANG_AZ, LANG_AZ},
	{"a", LANG_AZ, LANG_AZ},
	{"de-DE, en;q=0.8, az;q=0.9", LANG_EN, LANG_AZ},
	{"az-AZ;q=0.4, en-US;q=0.6", LANG_AZ, LANG_EN},
	{"en;q=0.9, az;q=0.95", LANG_EN, LANG_AZ},
	{"en;q=0.999, az;q=1", LANG_EN, LANG_AZ},
	{" az ; q=0.5 ,en;q=0.4", LANG_EN, LANG_AZ},
	{"en;Q=0.1, az;q=0.2", LANG_EN, LANG_AZ},
	{"en;q=0.2,,, az;q=0.3", LANG_EN, LANG_AZ},
	{"az;q=0.5;x=y, en;q=0.4", LANG_EN, LANG_AZ},
	/* ties keep the header's order */
	{"az;q=1.0, en;q=1", LANG_EN, LANG_AZ},
	{"en;q=1, az;q=1.0", LANG_AZ, LANG_EN},
	{"en;q=0.5, az;q=0.500", LANG_AZ, LANG_EN},
	{"az, en", LANG_EN, LANG_AZ},
	{"en, az", LANG_AZ, LANG_EN},
	/* malformed q values count as 0 */
	{"az;q=abc, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=2, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=-1, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=.5, en;q=0.1", LANG_AZ, LANG_EN},
	{"az;q=x0.9, en;q=0.1", LANG_AZ, LANG_EN},
	/* regression: decimals after a leading "1" once counted, so "1.5" (outside
	 * 0(.ddd)?/1(.000)?) read as q=1 instead of malformed (0) */
	{"en;q=0.9, az;q=1.5", LANG_EN, LANG_EN},
};

START_TEST(lang_negotiate_table)
{
	const struct lang_case *c = &lang_cases[_i];
	enum lang got = lang_negotiate(c->header, c->fallback);
	ck_assert_msg(got == c->want, "row %d \"%s\" (fallback %s): got %s, want %s", _i,
	              c->header ? c->header : "(null)", lang_code(c->fallback), lang_code(got), lang_code(c->want));
}
END_TEST

START_TEST(lang_codes)
{
	ck_assert_str_eq(lang_code(LANG_EN), "en");
	ck_assert_str_eq(lang_code(LANG_AZ), "az");
	ck_assert_str_eq(lang_code(LANG__MAX), "en");
	ck_assert_str_eq(lang_code((enum lang)42), "en");

	static const struct {
		const char *in;
		int want;
	} cases[] = {
		{"en", LANG_EN}, {"az", LANG_AZ}, {"AZ", -1}, {"En", -1}, {"az-AZ", -1},
		{"", -1},        {"a", -1},       {"ru", -1}, {NULL, -1}, {"az ", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_msg(lang_parse(cases[i].in) == cases[i].want, "lang_parse(%s) = %d, want %d",
		              cases[i].in ? cases[i].in : "(null)", lang_parse(cases[i].in), cases[i].want);
}
END_TEST

/* ---- router ---- */

static int h_home(http_ctx *c) { return c ? 0 : 1; }
static int h_list(http_ctx *c) { return c ? 0 : 2; }
static int h_create(http_ctx *c) { return c ? 0 : 3; }
static int h_show(http_ctx *c) { return c ? 0 : 4; }
static int h_edit(http_ctx *c) { return c ? 0 : 5; }
static int h_feed(http_ctx *c) { return c ? 0 : 6; }

static const http_route routes[] = {
	{HTTP_GET, "/", h_home, 0},                                   /* 0 */
	{HTTP_GET, "/memoranda", h_list, 0},                          /* 1 */
	{HTTP_POST, "/memoranda", h_create, 0},                       /* 2 */
	{HTTP_GET, "/memoranda/{id:int}", h_show, 0},                 /* 3 */
	{HTTP_GET | HTTP_POST, "/memoranda/{id:int}/edit", h_edit, 0}, /* 4 */
	{HTTP_GET, "/feeds/{token:word}.ics", h_feed, 0},             /* 5 */
	{HTTP_GET, "/units/{unit:word}/memoranda/{id:int}", h_show, 0}, /* 6 */
	{HTTP_POST, "/lang/{code:word}", h_home, 0},                  /* 7 */
	{HTTP_GET, "/page-{n:int}.html", h_list, 0},                  /* 8 */
};
#define NROUTES (sizeof routes / sizeof *routes)

#define GH (HTTP_GET | HTTP_HEAD)
#define NO_INT (-2) /* a capture whose number is not checked (word captures) */

struct want_param {
	const char *name, *value;
	long long num;
};

static const struct route_case {
	enum http_method method;
	const char *path;
	enum route_result result;
	int route;        /* index on ROUTE_FOUND */
	unsigned allowed; /* on ROUTE_METHOD_NOT_ALLOWED */
	struct want_param p[2];
} route_cases[] = {
	{HTTP_GET, "/", ROUTE_FOUND, 0, 0, {{NULL, NULL, 0}}},
	{HTTP_HEAD, "/", ROUTE_FOUND, 0, 0, {{NULL, NULL, 0}}},
	{HTTP_DELETE, "/", ROUTE_METHOD_NOT_ALLOWED, -1, GH, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda", ROUTE_FOUND, 1, 0, {{NULL, NULL, 0}}},
	{HTTP_HEAD, "/memoranda", ROUTE_FOUND, 1, 0, {{NULL, NULL, 0}}},
	{HTTP_POST, "/memoranda", ROUTE_FOUND, 2, 0, {{NULL, NULL, 0}}},
	{HTTP_PUT, "/memoranda", ROUTE_METHOD_NOT_ALLOWED, -1, GH | HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_OPTIONS, "/memoranda", ROUTE_METHOD_NOT_ALLOWED, -1, GH | HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_OTHER, "/memoranda", ROUTE_METHOD_NOT_ALLOWED, -1, GH | HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/42", ROUTE_FOUND, 3, 0, {{"id", "42", 42}}},
	{HTTP_HEAD, "/memoranda/7", ROUTE_FOUND, 3, 0, {{"id", "7", 7}}},
	{HTTP_POST, "/memoranda/42", ROUTE_METHOD_NOT_ALLOWED, -1, GH, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/42/edit", ROUTE_FOUND, 4, 0, {{"id", "42", 42}}},
	{HTTP_POST, "/memoranda/1/edit", ROUTE_FOUND, 4, 0, {{"id", "1", 1}}},
	{HTTP_DELETE, "/memoranda/1/edit", ROUTE_METHOD_NOT_ALLOWED, -1, GH | HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/999999999999999999", ROUTE_FOUND, 3, 0,
	 {{"id", "999999999999999999", 999999999999999999LL}}},
	{HTTP_GET, "/feeds/abc-DEF_123.ics", ROUTE_FOUND, 5, 0, {{"token", "abc-DEF_123", NO_INT}}},
	{HTTP_HEAD, "/feeds/x.ics", ROUTE_FOUND, 5, 0, {{"token", "x", NO_INT}}},
	{HTTP_POST, "/feeds/x.ics", ROUTE_METHOD_NOT_ALLOWED, -1, GH, {{NULL, NULL, 0}}},
	{HTTP_GET, "/units/law-1/memoranda/12", ROUTE_FOUND, 6, 0, {{"unit", "law-1", NO_INT}, {"id", "12", 12}}},
	{HTTP_POST, "/lang/az", ROUTE_FOUND, 7, 0, {{"code", "az", NO_INT}}},
	{HTTP_GET, "/lang/az", ROUTE_METHOD_NOT_ALLOWED, -1, HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_HEAD, "/lang/az", ROUTE_METHOD_NOT_ALLOWED, -1, HTTP_POST, {{NULL, NULL, 0}}},
	{HTTP_GET, "/page-3.html", ROUTE_FOUND, 8, 0, {{"n", "3", 3}}},
	/* not found */
	{HTTP_GET, "/nowhere", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_POST, "/nowhere", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "memoranda", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "//", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/42/", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/42/edit/", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda//edit", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/42/delete", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/Memoranda", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memorandax", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memo", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/01", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/0", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/-1", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/+1", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/1a", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/abc", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/1.0", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/9223372036854775807", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/9223372036854775808", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/memoranda/123456789012345678901234567890", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/.ics", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/abc.ical", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/abc.ICS", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/abc", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/ics", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/a.b.ics", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/a b.ics", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/X\xC9\x99.ics", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds/abc.ics/", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/feeds", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/units/law/memoranda/0", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/page-.html", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/page3.html", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
	{HTTP_GET, "/page-3.htm", ROUTE_NOT_FOUND, -1, 0, {{NULL, NULL, 0}}},
};

/* A context built by hand, as a test may: no FastCGI request behind it. */
static http_ctx make_ctx(enum http_method method, const char *path, buf *headers)
{
	http_ctx c;
	memset(&c, 0, sizeof c);
	c.env = NULL;
	c.a = &A;
	c.method = method;
	c.path = path;
	c.headers = headers;
	return c;
}

START_TEST(router_match_table)
{
	const struct route_case *rc = &route_cases[_i];
	http_ctx c = make_ctx(rc->method, rc->path, NULL);
	c.nparams = 3; /* stale values must not survive */
	unsigned allowed = 12345;
	enum route_result r = router_match(routes, NROUTES, &c, &allowed);
	ck_assert_msg(r == rc->result, "row %d %s: result %d, want %d", _i, rc->path, (int)r, (int)rc->result);
	if (r == ROUTE_FOUND) {
		ck_assert_msg(c.route == &routes[rc->route], "row %d %s: route %d, want %d", _i, rc->path,
		              (int)(c.route - routes), rc->route);
		size_t want_n = 0;
		for (size_t k = 0; k < 2; k++) {
			const struct want_param *p = &rc->p[k];
			if (!p->name)
				continue;
			want_n++;
			const char *s = http_param_str(&c, p->name);
			ck_assert_msg(s && strcmp(s, p->value) == 0, "row %d %s: param %s = %s, want %s", _i, rc->path,
			              p->name, s ? s : "(null)", p->value);
			if (p->num != NO_INT)
				ck_assert_msg(http_param_int(&c, p->name) == p->num, "row %d %s: param %s = %lld, want %lld", _i,
				              rc->path, p->name, http_param_int(&c, p->name), p->num);
		}
		ck_assert_msg(c.nparams == want_n, "row %d %s: %zu params, want %zu", _i, rc->path, c.nparams, want_n);
	} else {
		ck_assert_msg(c.nparams == 0, "row %d %s: %zu params left", _i, rc->path, c.nparams);
		unsigned want = r == ROUTE_METHOD_NOT_ALLOWED ? rc->allowed : 0;
		ck_assert_msg(allowed == want, "row %d %s: allowed %#x, want %#x", _i, rc->path, allowed, want);
	}
	ck_assert_ptr_null(http_param_str(&c, "nope"));
	ck_assert_int_eq(http_param_int(&c, "nope"), -1);
}
END_TEST

START_TEST(router_first_row_wins)
{
	/* a literal route listed before a capture shadows it; order is the table's */
	static const http_route t[] = {
		{HTTP_GET, "/memoranda/{id:int}", h_show, 0},
		{HTTP_GET, "/memoranda/1", h_list, 0},
		{HTTP_GET, "/memoranda/new", h_create, 0},
		{HTTP_GET, "/memoranda/{slug:word}", h_edit, 0},
	};
	static const struct {
		const char *path;
		int route;
	} cases[] = {
		{"/memoranda/1", 0}, {"/memoranda/new", 2}, {"/memoranda/old", 3}, {"/memoranda/2", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		http_ctx c = make_ctx(HTTP_GET, cases[i].path, NULL);
		unsigned allowed;
		ck_assert_int_eq(router_match(t, sizeof t / sizeof *t, &c, &allowed), ROUTE_FOUND);
		ck_assert_msg(c.route == &t[cases[i].route], "%s: route %d, want %d", cases[i].path, (int)(c.route - t),
		              cases[i].route);
	}
	http_ctx c = make_ctx(HTTP_GET, "/", NULL);
	unsigned allowed = 1;
	ck_assert_int_eq(router_match(t, 0, &c, &allowed), ROUTE_NOT_FOUND);
	ck_assert_uint_eq(allowed, 0);
}
END_TEST

static const struct check_case {
	unsigned methods;
	const char *pattern;
	http_handler handler;
} bad_rows[] = {
	{HTTP_GET, "memoranda", h_home},
	{HTTP_GET, "", h_home},
	{HTTP_GET, NULL, h_home},
	{HTTP_GET, "/m/{id:num}", h_home},
	{HTTP_GET, "/m/{id:Int}", h_home},
	{HTTP_GET, "/m/{id:}", h_home},
	{HTTP_GET, "/m/{id:int", h_home},
	{HTTP_GET, "/m/{id:int/edit}", h_home},
	{HTTP_GET, "/m/{id}", h_home},
	{HTTP_GET, "/m/{:int}", h_home},
	{HTTP_GET, "/m/{a:int}{b:int}", h_home},
	{HTTP_GET, "/m/{a:int}-{b:word}", h_home},
	{HTTP_GET, "/m/{id:int}", NULL},
	{0, "/m", h_home},
	/* regression: more captures than HTTP_MAX_PARAMS (4) once passed the check, and
	 * match_segment then refused the fifth capture, so the route silently 404ed for ever */
	{HTTP_GET, "/{a:int}/{b:int}/{c:int}/{d:int}/{e:int}", h_home},
};

START_TEST(router_check_bad_rows)
{
	const struct check_case *b = &bad_rows[_i];
	http_route t[] = {
		{HTTP_GET, "/", h_home, 0},
		{HTTP_GET, "/feeds/{token:word}.ics", h_feed, 0},
		{b->methods, b->pattern, b->handler, 0},
		{HTTP_GET, "/memoranda", h_list, 0},
	};
	int got = router_check(t, sizeof t / sizeof *t);
	ck_assert_msg(got == 2, "row %d \"%s\": router_check = %d, want 2", _i, b->pattern ? b->pattern : "(null)", got);
	/* the first bad row is the one reported */
	t[3] = t[2];
	t[1].pattern = "nope";
	got = router_check(t, sizeof t / sizeof *t);
	ck_assert_msg(got == 1, "row %d: router_check = %d, want 1", _i, got);
}
END_TEST

START_TEST(router_check_good)
{
	ck_assert_int_eq(router_check(routes, NROUTES), -1);
	ck_assert_int_eq(router_check(routes, 0), -1);
	static const http_route t[] = {
		{HTTP_GET, "/a/b/c", h_home, 0},
		{HTTP_GET | HTTP_POST | HTTP_DELETE, "/x/{a:int}/{b:word}/{c:int}/{d:word}", h_home, 0},
		{HTTP_GET, "/v{n:int}", h_home, 0},
		{HTTP_GET, "/{n:int}.json", h_home, 0},
	};
	ck_assert_int_eq(router_check(t, sizeof t / sizeof *t), -1);

	/* four captures is the limit that still matches */
	http_ctx c = make_ctx(HTTP_DELETE, "/x/1/b/3/d", NULL);
	unsigned allowed;
	ck_assert_int_eq(router_match(t, sizeof t / sizeof *t, &c, &allowed), ROUTE_FOUND);
	ck_assert_uint_eq(c.nparams, 4);
	ck_assert_int_eq(http_param_int(&c, "c"), 3);
	ck_assert_str_eq(http_param_str(&c, "d"), "d");
}
END_TEST

START_TEST(router_too_many_captures_match)
{
	/* a route router_check accepts must be able to match (see router_check_bad_rows) */
	static const http_route t[] = {
		{HTTP_GET, "/{a:int}/{b:int}/{c:int}/{d:int}/{e:int}", h_home, 0},
	};
	http_ctx c = make_ctx(HTTP_GET, "/1/2/3/4/5", NULL);
	unsigned allowed;
	enum route_result r = router_match(t, 1, &c, &allowed);
	ck_assert_msg(r == ROUTE_FOUND || router_check(t, 1) == 0,
	              "a route router_check accepts can never match (result %d)", (int)r);
}
END_TEST

/* ---- http helpers ---- */

START_TEST(http_reason_table)
{
	static const struct {
		int status;
		const char *want;
	} cases[] = {
		{200, "OK"},
		{303, "See Other"},
		{304, "Not Modified"},
		{400, "Bad Request"},
		{403, "Forbidden"},
		{404, "Not Found"},
		{405, "Method Not Allowed"},
		{413, "Content Too Large"},
		{414, "URI Too Long"},
		{500, "Internal Server Error"},
		{503, "Service Unavailable"},
		{418, "Unknown"},
		{0, "Unknown"},
		{-1, "Unknown"},
		{999, "Unknown"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_msg(strcmp(http_reason(cases[i].status), cases[i].want) == 0, "http_reason(%d) = %s, want %s",
		              cases[i].status, http_reason(cases[i].status), cases[i].want);
}
END_TEST

START_TEST(http_method_parse_table)
{
	static const struct {
		const char *in;
		enum http_method want;
	} cases[] = {
		{"GET", HTTP_GET},       {"HEAD", HTTP_HEAD},       {"POST", HTTP_POST},   {"PUT", HTTP_PUT},
		{"DELETE", HTTP_DELETE}, {"PATCH", HTTP_PATCH},     {"OPTIONS", HTTP_OPTIONS},
		{"get", HTTP_OTHER},     {"Post", HTTP_OTHER},      {"TRACE", HTTP_OTHER}, {"", HTTP_OTHER},
		{"GETX", HTTP_OTHER},    {"GE", HTTP_OTHER},        {NULL, HTTP_OTHER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_msg(http_method_parse(cases[i].in) == cases[i].want, "http_method_parse(%s) = %#x, want %#x",
		              cases[i].in ? cases[i].in : "(null)", (unsigned)http_method_parse(cases[i].in),
		              (unsigned)cases[i].want);
}
END_TEST

START_TEST(http_methods_text_table)
{
	static const struct {
		unsigned methods;
		const char *want;
	} cases[] = {
		{0, ""},
		{HTTP_GET, "GET"},
		{HTTP_GET | HTTP_HEAD, "GET, HEAD"},
		{HTTP_POST | HTTP_GET, "GET, POST"},
		{HTTP_GET | HTTP_HEAD | HTTP_POST, "GET, HEAD, POST"},
		{HTTP_OPTIONS | HTTP_DELETE, "DELETE, OPTIONS"},
		{HTTP_OTHER, ""},
		{HTTP_GET | HTTP_OTHER, "GET"},
		{HTTP_GET | HTTP_HEAD | HTTP_POST | HTTP_PUT | HTTP_DELETE | HTTP_PATCH | HTTP_OPTIONS,
		 "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = http_methods_text(&A, cases[i].methods);
		ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "http_methods_text(%#x) = \"%s\", want \"%s\"",
		              cases[i].methods, got ? got : "(null)", cases[i].want);
	}
}
END_TEST

START_TEST(http_header_table)
{
	static const struct {
		const char *name, *value;
		int rc;
		const char *want; /* appended on success */
	} cases[] = {
		{"X-A", "1", 0, "X-A: 1\r\n"},
		{"Cache-Control", "no-store", 0, "Cache-Control: no-store\r\n"},
		{"X-Empty", "", 0, "X-Empty: \r\n"},
		{"X-Utf8", "Xəzər", 0, "X-Utf8: Xəzər\r\n"},
		{"X-Colon", "a: b", 0, "X-Colon: a: b\r\n"},
		{"Location", "/a\r\nSet-Cookie: sid=evil", -1, NULL},
		{"X", "a\nb", -1, NULL},
		{"X", "a\rb", -1, NULL},
		{"X", "trailing\n", -1, NULL},
		{"X\r\nY", "v", -1, NULL},
		{"X\n", "v", -1, NULL},
		{"X:Y", "v", -1, NULL},
	};
	buf h = BUF_INIT;
	http_ctx c = make_ctx(HTTP_GET, "/", &h);
	buf want = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rc = http_header(&c, cases[i].name, cases[i].value);
		ck_assert_msg(rc == cases[i].rc, "row %zu: http_header(%s) = %d, want %d", i, cases[i].name, rc, cases[i].rc);
		if (cases[i].want)
			buf_puts(&want, cases[i].want);
		ck_assert_msg(strcmp(buf_cstr(&h), buf_cstr(&want)) == 0, "row %zu: headers \"%s\", want \"%s\"", i,
		              buf_cstr(&h), buf_cstr(&want));
	}
	buf_free(&want);
	buf_free(&h);
}
END_TEST

START_TEST(http_redirect_and_type)
{
	buf h = BUF_INIT;
	http_ctx c = make_ctx(HTTP_POST, "/memoranda", &h);
	http_redirect(&c, 303, "/memoranda/12");
	ck_assert_int_eq(c.status, 303);
	ck_assert_str_eq(buf_cstr(&h), "Location: /memoranda/12\r\n");

	buf_reset(&h);
	http_redirect(&c, 302, "/x\r\nSet-Cookie: sid=evil");
	ck_assert_int_eq(c.status, 302);
	ck_assert_str_eq(buf_cstr(&h), "Location: /\r\n");

	buf_reset(&h);
	http_content_type(&c, "text/html; charset=utf-8");
	ck_assert_str_eq(buf_cstr(&h), "Content-Type: text/html; charset=utf-8\r\n");

	ck_assert_ptr_null(http_getenv(&c, "HTTP_USER_AGENT"));
	buf_free(&h);
}
END_TEST

START_TEST(http_query_lookup)
{
	http_ctx c = make_ctx(HTTP_GET, "/memoranda", NULL);
	static const char qs[] = "q=X%C9%99z%C9%99r&page=2&q=second";
	form_limits lim = {10, 100};
	const char *bad;
	ck_assert_int_eq(form_parse(&A, qs, strlen(qs), &lim, &c.query, &bad), FORM_OK);
	ck_assert_str_eq(http_query(&c, "q"), "Xəzər");
	ck_assert_str_eq(http_query(&c, "page"), "2");
	ck_assert_ptr_null(http_query(&c, "sort"));
}
END_TEST

static Suite *http_suite(void)
{
	Suite *s = suite_create("http");

	TCase *f = tcase_create("form");
	tcase_add_checked_fixture(f, setup, teardown);
	tcase_add_loop_test(f, form_decode_table, 0, (int)(sizeof decode_cases / sizeof *decode_cases));
	tcase_add_test(f, form_decode_respects_n);
	tcase_add_loop_test(f, form_parse_table, 0, (int)(sizeof parse_cases / sizeof *parse_cases));
	tcase_add_test(f, form_parse_long_bad_name);
	tcase_add_test(f, form_get_first);
	tcase_add_test(f, form_error_names);
	suite_add_tcase(s, f);

	TCase *ck = tcase_create("cookie");
	tcase_add_checked_fixture(ck, setup, teardown);
	tcase_add_loop_test(ck, cookie_parse_table, 0, (int)(sizeof cookie_cases / sizeof *cookie_cases));
	tcase_add_test(ck, cookie_null_and_get);
	tcase_add_test(ck, cookie_format_table);
	suite_add_tcase(s, ck);

	TCase *l = tcase_create("lang");
	tcase_add_loop_test(l, lang_negotiate_table, 0, (int)(sizeof lang_cases / sizeof *lang_cases));
	tcase_add_test(l, lang_codes);
	suite_add_tcase(s, l);

	TCase *r = tcase_create("router");
	tcase_add_checked_fixture(r, setup, teardown);
	tcase_add_loop_test(r, router_match_table, 0, (int)(sizeof route_cases / sizeof *route_cases));
	tcase_add_test(r, router_first_row_wins);
	tcase_add_loop_test(r, router_check_bad_rows, 0, (int)(sizeof bad_rows / sizeof *bad_rows));
	tcase_add_test(r, router_check_good);
	tcase_add_test(r, router_too_many_captures_match);
	suite_add_tcase(s, r);

	TCase *h = tcase_create("helpers");
	tcase_add_checked_fixture(h, setup, teardown);
	tcase_add_test(h, http_reason_table);
	tcase_add_test(h, http_method_parse_table);
	tcase_add_test(h, http_methods_text_table);
	tcase_add_test(h, http_header_table);
	tcase_add_test(h, http_redirect_and_type);
	tcase_add_test(h, http_query_lookup);
	suite_add_tcase(s, h);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(http_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
