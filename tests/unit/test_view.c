/* test_view.c - unit tests for the template renderer, escapers and catalogues. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"
#include "view/csv.h"
#include "view/escape.h"
#include "view/qr.h"
#include "view/template.h"
#include "view/value.h"

#define AZ_TEXT "Xəzər Universiteti ilə ş ç ğ ı ö ü İ Ə"

static view_set *set;
static arena A;
static buf out = BUF_INIT;

static void setup(void)
{
	char dir[4096], err[512];
	const char *srcdir = getenv("srcdir");
	snprintf(dir, sizeof dir, "%s/tests/unit/fixtures/templates", srcdir ? srcdir : ".");
	set = view_load(dir, err, sizeof err);
	ck_assert_msg(set != NULL, "view_load: %s", err);
	arena_init(&A, 4096);
}

static void teardown(void)
{
	view_free(set);
	arena_free(&A);
	buf_free(&out);
}

/* Renders into the shared buffer and returns its text. */
static const char *render(const char *name, view_value *scope, const char *lang)
{
	buf_reset(&out);
	ck_assert_int_eq(view_render(set, name, scope, lang, &out), 0);
	return buf_cstr(&out);
}

/* One string variable s through template name. */
static const char *render_s(const char *name, const char *s, const char *lang)
{
	view_value *m = view_map_new(&A);
	view_put_str(m, "s", s);
	return render(name, m, lang);
}

struct str_case {
	const char *in, *want;
};

START_TEST(escape_html_table)
{
	static const struct str_case cases[] = {
		{"plain", "plain"},
		{"", ""},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
		{"it's", "it&#39;s"},
		{"&amp;", "&amp;amp;"},
		{"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"},
		{AZ_TEXT, AZ_TEXT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		view_escape_html(&b, cases[i].in, strlen(cases[i].in));
		ck_assert_str_eq(buf_cstr(&b), cases[i].want);
		buf_free(&b);

		char want[256];
		snprintf(want, sizeof want, "<input value=\"%s\">%s", cases[i].want, cases[i].want);
		ck_assert_str_eq(render_s("f/html", cases[i].in, "en"), want);
		ck_assert_str_eq(render_s("f/raw", cases[i].in, "en"), cases[i].in);
	}
}
END_TEST

START_TEST(scalar_printing)
{
	view_value *m = view_map_new(&A);
	struct {
		view_value *v;
		const char *want;
	} cases[] = {
		{view_int(&A, 42), "42"},
		{view_int(&A, -9000000000LL), "-9000000000"},
		{view_bool(&A, true), "true"},
		{view_bool(&A, false), ""},
		{view_str(&A, NULL), ""},
		{view_map_new(&A), ""},
		{view_list_new(&A), ""},
		{NULL, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		view_put(m, "s", cases[i].v);
		ck_assert_str_eq(render("f/raw", m, "en"), cases[i].want);
	}
	/* a scope that is not there at all is just empty */
	ck_assert_str_eq(render("f/html", NULL, "en"), "<input value=\"\">");
}
END_TEST

START_TEST(url_filter_table)
{
	static const struct str_case cases[] = {
		{"abcXYZ019-._~", "abcXYZ019-._~"},
		{"a b&c=d/e?f#g", "a%20b%26c%3Dd%2Fe%3Ff%23g"},
		{"\"><'", "%22%3E%3C%27"},
		{"ə", "%C9%99"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char want[256];
		snprintf(want, sizeof want, "/search?q=%s", cases[i].want);
		ck_assert_str_eq(render_s("f/url", cases[i].in, "en"), want);
	}
}
END_TEST

START_TEST(href_filter_table)
{
	static const struct str_case cases[] = {
		{"javascript:alert(1)", "#"},
		{"JaVaScRiPt:alert(1)", "#"},
		{" javascript:alert(1)", "#"},
		{"\tjavascript:alert(1)", "#"},
		{"vbscript:msgbox", "#"},
		{"data:text/html,<script>alert(1)</script>", "#"},
		{"//evil.example", "#"},
		{"/\\evil.example", "#"},
		{"/\t/evil.example", "#"},
		{" /memoranda/1", "#"},
		{"http:evil", "#"},
		{"", "#"},
		{"/memoranda/1", "/memoranda/1"},
		{"/", "/"},
		{"?page=2&sort=date", "?page=2&amp;sort=date"},
		{"#top", "#top"},
		{"https://x", "https://x"},
		{"HTTPS://X.example/a?b=1", "HTTPS://X.example/a?b=1"},
		{"http://x/\"onmouseover=alert(1)", "http://x/&quot;onmouseover=alert(1)"},
		{"mailto:a@b", "mailto:a@b"},
		{"MailTo:a@b", "MailTo:a@b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char want[256];
		snprintf(want, sizeof want, "<a href=\"%s\">", cases[i].want);
		ck_assert_msg(strcmp(render_s("f/href", cases[i].in, "en"), want) == 0,
		              "href(%s) = %s, want %s", cases[i].in, buf_cstr(&out), want);
	}
}
END_TEST

START_TEST(date_filter_table)
{
	static const struct {
		const char *in, *lang, *want;
	} cases[] = {
		{"2024-05-01", "en", "1 May 2024"},
		{"2024-05-01", "az", "1 may 2024"},
		{"2024-12-31T23:59:59Z", "en", "31 December 2024"},
		{"2024-01-09 10:00", "az", "9 yanvar 2024"},
		{"2024-02-29", "en", "29 February 2024"},
		{"2024-08-15", "fr", "15 August 2024"}, /* unknown language: en */
		{"2024-08-15", NULL, "15 August 2024"},
		{"2023-02-29", "en", "2023-02-29"},
		{"2024-04-31", "en", "2024-04-31"},
		{"2024-13-01", "en", "2024-13-01"},
		{"2024-00-10", "en", "2024-00-10"},
		{"2024-5-1", "en", "2024-5-1"},
		{"2024-05-011", "en", "2024-05-011"},
		{"0000-01-01", "en", "0000-01-01"},
		{"2024-05", "en", "2024-05"},
		{"<b>2024-05-01", "en", "&lt;b&gt;2024-05-01"},
		{"", "en", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_msg(strcmp(render_s("f/date", cases[i].in, cases[i].lang), cases[i].want) == 0,
		              "date(%s, %s) = %s", cases[i].in, cases[i].lang, buf_cstr(&out));
}
END_TEST

START_TEST(if_unless_equality)
{
	static const struct {
		const char *x, *y, *want;
	} cases[] = {
		{"a", NULL, "yes||eq|||"},
		{"b", "b", "yes||ne|NE|same|"},
		{"3", "4", "yes||ne|NE||three"},
		{"", "", "no|U|ne|NE|same|"},
		{NULL, NULL, "no|U|ne|NE|same|"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		view_value *m = view_map_new(&A);
		if (cases[i].x)
			view_put_str(m, "x", cases[i].x);
		if (cases[i].y)
			view_put_str(m, "y", cases[i].y);
		ck_assert_str_eq(render("if", m, "en"), cases[i].want);
	}
	/* ints compare as their decimal text, against literals and strings */
	view_value *m = view_map_new(&A);
	view_put_int(m, "x", 3);
	view_put_str(m, "y", "3");
	ck_assert_str_eq(render("if", m, "en"), "yes||ne|NE|same|three");
}
END_TEST

START_TEST(truthiness_table)
{
	view_value *full = view_list_new(&A);
	view_push(full, view_int(&A, 0));
	struct {
		view_value *v;
		const char *want;
	} cases[] = {
		{view_str(&A, "x"), "T"},   {view_str(&A, ""), "Fu"},   {view_str(&A, NULL), "Fu"},
		{view_int(&A, -1), "T"},    {view_int(&A, 0), "Fu"},    {view_bool(&A, true), "T"},
		{view_bool(&A, false), "Fu"}, {view_list_new(&A), "Fu"}, {full, "T"},
		{view_map_new(&A), "T"},    {NULL, "Fu"},
	};
	view_value *m = view_map_new(&A);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		view_put(m, "v", cases[i].v);
		ck_assert_str_eq(render("truthy", m, "en"), cases[i].want);
	}
}
END_TEST

START_TEST(each_loop)
{
	view_value *m = view_map_new(&A);
	view_value *items = view_put_list(m, "items");
	const char *names[] = {"a", "<b>", "c"};
	for (int i = 0; i < 3; i++)
		view_put_str(view_push_map(items), "name", names[i]);
	ck_assert_str_eq(render("each", m, "en"), "0/1:a[first];1/2:&lt;b&gt;;2/3:c[last];");

	view_value *one = view_map_new(&A);
	view_put_str(view_push_map(view_put_list(one, "items")), "name", "solo");
	ck_assert_str_eq(render("each", one, "en"), "0/1:solo[first][last];");

	view_value *empty = view_map_new(&A);
	view_put_list(empty, "items");
	ck_assert_str_eq(render("each", empty, "en"), "empty");
	ck_assert_str_eq(render("each", view_map_new(&A), "en"), "empty");
	view_value *notlist = view_map_new(&A);
	view_put_str(notlist, "items", "abc");
	ck_assert_str_eq(render("each", notlist, "en"), "empty");

	view_value *tags = view_list_new(&A);
	view_push(tags, view_str(&A, "x"));
	view_push(tags, view_str(&A, "a&b"));
	view_push(tags, view_int(&A, 7));
	view_value *t = view_map_new(&A);
	view_put(t, "tags", tags);
	ck_assert_str_eq(render("each_dot", t, "en"), "<x><a&amp;b><7>");
}
END_TEST

START_TEST(nested_each_outer_lookup)
{
	view_value *m = view_map_new(&A);
	view_put_str(m, "title", "Units");
	view_value *units = view_put_list(m, "units");
	view_value *u1 = view_push_map(units);
	view_put_str(u1, "name", "Law");
	view_put_str(u1, "code", "L");
	view_put_str(view_put_map(u1, "head"), "name", "Aliyev");
	view_value *mem = view_put_list(u1, "members");
	view_put_str(view_push_map(mem), "name", "Ann");
	view_value *bob = view_push_map(mem);
	view_put_str(bob, "name", "Bob");
	view_put_str(bob, "code", "B"); /* the inner item shadows the outer one */
	view_value *u2 = view_push_map(units);
	view_put_str(u2, "name", "IT");
	view_put_str(u2, "code", "I");
	ck_assert_str_eq(render("nested", m, "en"),
	                 "Units:\nLaw(Aliyev)=Ann@L#0,Bob@B#1;\nIT()=none;\n");
}
END_TEST

START_TEST(partials)
{
	view_value *m = view_map_new(&A);
	view_value *links = view_put_list(m, "links");
	view_value *l1 = view_push_map(links);
	view_put_str(l1, "url", "/memoranda");
	view_put_str(l1, "label", "Memoranda");
	view_value *l2 = view_push_map(links);
	view_put_str(l2, "url", "javascript:alert(1)");
	view_put_str(l2, "label", "<x>");
	view_value *people = view_put_list(m, "people");
	view_put_str(view_push_map(people), "name", "Ann");
	view_put_str(view_push_map(people), "name", "Bob");
	ck_assert_str_eq(render("page", m, "en"),
	                 "<nav><a href=\"/memoranda\">Memoranda</a><a href=\"#\">&lt;x&gt;</a></nav>"
	                 "[Ann][Bob.]");

	/* self-inclusion stops at the depth limit: the top level plus 16 levels */
	ck_assert_str_eq(render("partials/loop", m, "en"), "xxxxxxxxxxxxxxxxx");
}
END_TEST

START_TEST(translations)
{
	view_value *m = view_map_new(&A);
	view_put_str(m, "name", "<Ali>");
	view_put_int(m, "count", 3);
	view_put_str(view_put_map(m, "unit"), "name", "Hüquq");
	ck_assert_str_eq(render("t", m, "en"),
	                 "Hello, &lt;Ali&gt;!|English only|missing.key|3 memoranda in Hüquq|"
	                 "a {not closed} {}|Terms &amp; &lt;conditions&gt;");
	ck_assert_str_eq(render("t", m, "az"),
	                 "Salam, &lt;Ali&gt;!|English only|missing.key|Hüquq: 3 memorandum|"
	                 "a {not closed} {}|Şərtlər və qaydalar");
	ck_assert_str_eq(render("t", m, "de"),
	                 "Hello, &lt;Ali&gt;!|English only|missing.key|3 memoranda in Hüquq|"
	                 "a {not closed} {}|Terms &amp; &lt;conditions&gt;");

	static const struct {
		const char *lang, *key, *want;
	} cases[] = {
		{"az", "greeting", "Salam, {name}!"},
		{"az", "only.en", "English only"},
		{"xx", "month.5", "May"},
		{NULL, "month.5", "May"},
		{"az", "month.5", "may"},
		{"en", "multi", "line one\nline two"},
		{"az", "no.such", "no.such"},
		{"en", NULL, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_str_eq(view_msg(set, cases[i].lang, cases[i].key), cases[i].want);
}
END_TEST

/* {{t key count}}: one plural mechanism. English has one and other; Azerbaijani only other (a noun after
 * a numeral stays singular); a language without the forms falls back to English's by English's rule; a
 * key without forms is used as it is; a missing count is 0 (the last column: the other form, its {n}
 * filled from the scope). */
START_TEST(plurals)
{
	static const struct {
		const char *lang;
		long long n;
		const char *want;
	} cases[] = {
		{"en", 1, "1 item|one 1|1 things|1 items"},
		{"en", 0, "0 items|many 0|0 things|0 items"},
		{"en", 2, "2 items|many 2|2 things|2 items"},
		{"en", 21, "21 items|many 21|21 things|21 items"},
		{"az", 1, "1 əşya|one 1|1 things|1 əşya"},
		{"az", 5, "5 əşya|many 5|5 things|5 əşya"},
		{"de", 1, "1 item|one 1|1 things|1 items"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		view_value *m = view_map_new(&A);
		view_put_int(m, "n", cases[i].n);
		ck_assert_str_eq(render("plural", m, cases[i].lang), cases[i].want);
	}
	ck_assert_str_eq(view_plural("en", 1), "one");
	ck_assert_str_eq(view_plural("en", -1), "other");
	ck_assert_str_eq(view_plural("az", 1), "other");
	ck_assert_str_eq(view_msg_n(set, "az", "item.count", 1), "{n} əşya");
	ck_assert_str_eq(view_msg_n(set, "en", "item.count", 1), "{n} item");
	ck_assert_str_eq(view_msg_n(set, "en", "greeting", 1), "Hello, {name}!");
	ck_assert_str_eq(view_msg_n(set, "en", "no.such", 2), "no.such");
}
END_TEST

START_TEST(layout_page)
{
	view_value *m = view_map_new(&A);
	view_put_str(m, "title", "T & C");
	view_put_str(m, "name", "Ann");
	view_put_str(m, "content", "<script>caller's content is shadowed</script>");
	buf_reset(&out);
	buf_puts(&out, "pre:");
	ck_assert_int_eq(view_render_page(set, "page_body", m, "az", &out), 0);
	ck_assert_str_eq(buf_cstr(&out), "pre:<html><head><title>T &amp; C</title></head>"
	                                 "<body><p>Salam, Ann!</p></body></html>");
	/* the caller's tree is left as it was */
	ck_assert_str_eq(view_get(m, "content")->u.s, "<script>caller's content is shadowed</script>");

	ck_assert_int_eq(view_render_page(set, "no/such", m, "en", &out), -1);
	ck_assert_int_eq(view_render(set, "no/such", m, "en", &out), -1);
	ck_assert(view_has(set, "partials/nav"));
	ck_assert(view_has(set, "layout"));
	ck_assert(!view_has(set, "partials"));
	ck_assert(!view_has(set, "layout.html"));
}
END_TEST

START_TEST(value_tree)
{
	view_value *m = view_map_new(&A);
	view_put_str(m, "k", "one");
	view_put_int(m, "n", 1);
	view_put_str(m, "k", "two"); /* replaces */
	ck_assert_uint_eq(m->count, 2);
	ck_assert_str_eq(view_get(m, "k")->u.s, "two");
	ck_assert_ptr_null(view_get(m, "missing"));
	ck_assert_ptr_null(view_get(view_list_new(&A), "k"));
	view_value *l = view_list_new(&A);
	for (int i = 0; i < 1000; i++)
		view_push(l, view_int(&A, i));
	ck_assert_uint_eq(l->count, 1000);
	ck_assert_int_eq(l->tail->v->u.i, 999);
}
END_TEST

/* ---- load errors: each case is written to a fresh directory ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

struct err_case {
	const char *file; /* relative to the template dir */
	const char *text;
	int line;
	const char *what;
};

static void check_load_error(const struct err_case *c)
{
	char dir[] = "/tmp/test_view_XXXXXX", path[256], sub[256], err[512], want[300];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/messages", dir);
	mkdir(sub, 0700);
	snprintf(path, sizeof path, "%s/%s", dir, c->file);
	write_file(path, c->text);
	view_set *s = view_load(dir, err, sizeof err);
	ck_assert_msg(s == NULL, "loaded %s: %s", c->file, c->text);
	snprintf(want, sizeof want, "%s:%d: ", path, c->line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0 && strstr(err, c->what),
	              "for %s: got \"%s\", want \"%s...%s...\"", c->text, err, want, c->what);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

START_TEST(load_errors_table)
{
	static const struct err_case cases[] = {
		{"bad.html", "a\n{{ x\n", 2, "unclosed tag"},
		{"bad.html", "{{!\ncomment\n}}\n{{ x }\n", 4, "unclosed tag"},
		{"bad.html", "{{#if x}}\n\n{{/each}}", 3, "{{/each}} does not close {{#if}} from line 1"},
		{"bad.html", "{{#each x}}{{#if y}}\n{{/each}}{{/if}}", 2, "does not close {{#if}}"},
		{"bad.html", "\n{{#foo x}}{{/foo}}", 2, "unknown block {{#foo}}"},
		{"bad.html", "{{t a.key n extra}}", 1, "unexpected \"extra\" in tag"},
		{"bad.html", "{{t a.key !}}", 1, "after {{t key"},
		{"bad.html", "x\n{{ y | upper }}", 2, "unknown filter \"upper\""},
		{"bad.html", "\n\n{{#if x == \"abc}}yes{{/if}}", 3, "unterminated string literal"},
		{"bad.html", "ok\n{{#each xs}}\nx\n", 2, "{{#each}} is never closed"},
		{"bad.html", "a\n{{/if}}", 2, "without a matching opening block"},
		{"bad.html", "{{#else}}", 1, "outside any block"},
		{"bad.html", "{{#if x}}{{#else}}\n{{#else}}{{/if}}", 2, "second {{#else}}"},
		{"bad.html", "\n{{ }}", 2, "empty tag"},
		{"bad.html", "{{ a b }}", 1, "unexpected \"b\""},
		{"bad.html", "{{#if x y}}{{/if}}", 1, "unexpected \"y\""},
		{"bad.html", "{{ a..b }}", 1, "expected a name"},
		{"bad.html", "{{#if}}{{/if}}", 1, "expected a name"},
		{"bad.html", "{{else}}", 1, "{{#else}}"},
		{"bad.html", "{{t Bad.Key}}", 1, "expected a message key"},
		{"bad.html", "{{>}}", 1, "expected a template name"},
		{"bad.html", "\n\n\n{{> partials/none }}", 4, "unknown partial \"partials/none\""},
		{"bad.html", "ok\nbad \xff\n", 2, "not valid UTF-8"},
		{"messages/en.txt", "a = b\n\nA = c\n", 3, "expected \"key = value\""},
		{"messages/en.txt", "a = b\nnovalue\n", 2, "expected \"key = value\""},
		{"messages/en.txt", "a.b = x\n# c\n\na.b = y\n", 4, "duplicate key \"a.b\" (first at line 1)"},
		{"messages/en.txt", "ok = fine\nbad = \xc3\x28\n", 2, "not valid UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_load_error(&cases[i]);
}
END_TEST

START_TEST(load_misc)
{
	char err[16];
	/* a missing directory fails with a message, truncated but terminated */
	ck_assert_ptr_null(view_load("/nonexistent/templates", err, sizeof err));
	ck_assert_uint_eq(strlen(err), sizeof err - 1);

	/* no layout, no messages directory: loads, but a page cannot render */
	char dir[] = "/tmp/test_view_XXXXXX", path[256], big[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/only.html", dir);
	write_file(path, "{{t some.key}}");
	view_set *s = view_load(dir, big, sizeof big);
	ck_assert_msg(s != NULL, "%s", big);
	buf b = BUF_INIT;
	ck_assert_int_eq(view_render_page(s, "only", NULL, "en", &b), -1);
	ck_assert_int_eq(view_render(s, "only", NULL, "az", &b), 0);
	ck_assert_str_eq(buf_cstr(&b), "some.key");
	buf_free(&b);
	view_free(s);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The QR code of a feed address as SVG path data: the finder pattern's top row begins the path at the
 * quiet zone (4), the size is the symbol's width (17 + 4 per version) plus both quiet zones, only
 * path commands and digits appear, and text too long for any QR code is refused. */
START_TEST(qr_path_shape)
{
	arena a;
	arena_init(&a, 0);
	int size;
	const char *p = view_qr_path(&a, "webcal://calendar.example.org/feeds/Vq3y0T9y2m1b_yJd8mKQx7c9dZp0sR4tU6wE1aB2cD3.ics", &size);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq((size - 8 - 17) % 4, 0);
	ck_assert_int_ge(size, 21 + 8);
	ck_assert_int_eq(strncmp(p, "M4 4h7v1h-7z", 12), 0);
	ck_assert_uint_eq(strspn(p, "0123456789 Mhvz-"), strlen(p));
	/* a short text: version 1 (21 modules) */
	ck_assert_ptr_nonnull(view_qr_path(&a, "webcal://x", &size));
	ck_assert_int_eq(size, 29);
	char big[4000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_ptr_null(view_qr_path(&a, big, &size));
	ck_assert_int_eq(size, 0);
	arena_free(&a);
}
END_TEST

/* RFC 4180 fields: quoted only when they must be, quotes doubled, UTF-8 kept, formulas defused. */
START_TEST(csv_field_table)
{
	static const struct { const char *in, *out; } cases[] = {
		{"plain", "plain"},
		{"", ""},
		{NULL, ""},
		{"Xəzər Universiteti", "Xəzər Universiteti"},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"two\nlines", "\"two\nlines\""},
		{"cr\rhere", "\"cr\rhere\""},
		{"=HYPERLINK(1)", "\"'=HYPERLINK(1)\""},
		{"+1", "\"'+1\""},
		{"-x", "\"'-x\""},
		{"@sum", "\"'@sum\""},
		{"2025-09-01", "2025-09-01"},
		/* a semicolon-separator spreadsheet would split here, and the rest would start with = */
		{"Memo;=HYPERLINK(A2);", "\"Memo;=HYPERLINK(A2);\""},
		{"tab\t=1", "\"tab\t=1\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf b = BUF_INIT;
		csv_field(&b, cases[i].in, true);
		ck_assert_str_eq(buf_cstr(&b), cases[i].out);
		buf_free(&b);
	}
	buf b = BUF_INIT;
	csv_field(&b, "a", true);
	csv_int(&b, 42, false);
	csv_field(&b, "b,c", false);
	csv_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "a,42,\"b,c\"\r\n");
	buf_free(&b);
}
END_TEST

static Suite *view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *esc = tcase_create("escaping");
	tcase_add_checked_fixture(esc, setup, teardown);
	tcase_add_test(esc, escape_html_table);
	tcase_add_test(esc, scalar_printing);
	tcase_add_test(esc, url_filter_table);
	tcase_add_test(esc, href_filter_table);
	tcase_add_test(esc, date_filter_table);
	tcase_add_test(esc, csv_field_table);
	suite_add_tcase(s, esc);

	TCase *blk = tcase_create("blocks");
	tcase_add_checked_fixture(blk, setup, teardown);
	tcase_add_test(blk, if_unless_equality);
	tcase_add_test(blk, truthiness_table);
	tcase_add_test(blk, each_loop);
	tcase_add_test(blk, nested_each_outer_lookup);
	tcase_add_test(blk, partials);
	tcase_add_test(blk, translations);
	tcase_add_test(blk, plurals);
	tcase_add_test(blk, layout_page);
	tcase_add_test(blk, value_tree);
	suite_add_tcase(s, blk);

	TCase *qr = tcase_create("qr");
	tcase_add_test(qr, qr_path_shape);
	suite_add_tcase(s, qr);

	TCase *load = tcase_create("loading");
	tcase_add_test(load, load_errors_table);
	tcase_add_test(load, load_misc);
	suite_add_tcase(s, load);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(view_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
