/* test_fields.c - unit tests for the form field validators: a table per field type (valid, boundary, invalid, hostile). */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/fields.h"
#include "util/arena.h"

static arena A;

static void setup(void)
{
	arena_init(&A, 4096);
}

static void teardown(void)
{
	arena_free(&A);
}

/* One value sent to one field: the error key it gets (NULL: valid), and when valid the normalised
 * value; num for numbers, arg for the number a message names. */
typedef struct row {
	const char *what;
	const char *sent; /* NULL: the field was not sent */
	const char *error;
	const char *value;
	long long num;
	long long arg;
} row;

static void check_row(const field_def *def, const row *r, int i)
{
	field_value v;
	field_check(&A, def, r->sent, &v);
	const char *name = r->what;
	ck_assert_msg(v.raw && strcmp(v.raw, r->sent ? r->sent : "") == 0, "%s row %d (%s): raw not kept", def->name, i,
	              name);
	if (r->error) {
		ck_assert_msg(v.error && strcmp(v.error, r->error) == 0, "%s row %d (%s): error %s, want %s", def->name, i,
		              name, v.error ? v.error : "none", r->error);
		ck_assert_msg(v.value == NULL, "%s row %d (%s): a value despite the error", def->name, i, name);
		ck_assert_msg(v.arg == r->arg, "%s row %d (%s): arg %lld, want %lld", def->name, i, name, v.arg, r->arg);
		return;
	}
	ck_assert_msg(v.error == NULL, "%s row %d (%s): error %s", def->name, i, name, v.error);
	if (r->value)
		ck_assert_msg(v.value && strcmp(v.value, r->value) == 0, "%s row %d (%s): value \"%s\", want \"%s\"",
		              def->name, i, name, v.value ? v.value : "(null)", r->value);
	else
		ck_assert_msg(v.value == NULL, "%s row %d (%s): value \"%s\", want none", def->name, i, name, v.value);
	ck_assert_msg(v.num == r->num, "%s row %d (%s): num %lld, want %lld", def->name, i, name, v.num, r->num);
}

/* Rows every text-like type shares: absent, empty, spaces only (required), and hostile bytes. */
#define HOSTILE_ROWS                                                                                     \
	{"not sent", NULL, "invalid.required", NULL, 0, 0},                                              \
	{"empty", "", "invalid.required", NULL, 0, 0},                                                    \
	{"spaces only", " \t\r\n ", "invalid.required", NULL, 0, 0},                                      \
	{"a lone continuation byte", "a\x80" "b", "invalid.utf8", NULL, 0, 0},                            \
	{"0xFF", "\xff", "invalid.utf8", NULL, 0, 0},                                                     \
	{"an overlong slash", "\xc0\xaf", "invalid.utf8", NULL, 0, 0},                                    \
	{"a UTF-16 surrogate", "\xed\xa0\x80", "invalid.utf8", NULL, 0, 0},                               \
	{"a truncated sequence", "\xc3(", "invalid.utf8", NULL, 0, 0},                                    \
	{"above U+10FFFF", "\xf4\x90\x80\x80", "invalid.utf8", NULL, 0, 0},                               \
	{"an escape character", "\x1b[m", "invalid.control", NULL, 0, 0},                                \
	{"DEL", "a\x7f" "b", "invalid.control", NULL, 0, 0}

#define TABLE_TEST(name, def, rows)                                  \
	START_TEST(name)                                             \
	{                                                            \
		check_row(&def, &rows[_i], _i);                      \
	}                                                            \
	END_TEST

/* ---- FIELD_TEXT ---- */
static const field_def text_def = {"title", FIELD_TEXT, true, 5, 0, NULL};
static const field_def text_optional = {"note", FIELD_TEXT, false, 0, 0, NULL};
static const row text_rows[] = {
	HOSTILE_ROWS,
	{"plain", "abc", NULL, "abc", 0, 0},
	{"trimmed both sides", "  abc \t", NULL, "abc", 0, 0},
	{"inner spaces kept", "a  b", NULL, "a  b", 0, 0},
	{"five letters: the bound", "abcde", NULL, "abcde", 0, 0},
	{"six letters", "abcdef", "invalid.too_long", NULL, 0, 5},
	{"five Azerbaijani letters are ten bytes, and fit", "\xc9\x99\xc4\x9f\xc4\xb1\xc3\xb6\xc5\x9f", NULL,
	 "\xc9\x99\xc4\x9f\xc4\xb1\xc3\xb6\xc5\x9f", 0, 0},
	{"six Azerbaijani letters", "\xc9\x99\xc4\x9f\xc4\xb1\xc3\xb6\xc5\x9f\xc3\xa7", "invalid.too_long", NULL, 0, 5},
	{"a newline inside one line", "a\nb", "invalid.control", NULL, 0, 0},
	{"a tab inside one line", "a\tb", "invalid.control", NULL, 0, 0},
	{"a NUL ends the C string", "ab\0cd", NULL, "ab", 0, 0},
	{"HTML is text like any other", "<b>", NULL, "<b>", 0, 0},
};
static const row text_optional_rows[] = {
	{"not sent, optional", NULL, NULL, NULL, 0, 0},
	{"empty, optional", "", NULL, NULL, 0, 0},
	{"spaces, optional", "   ", NULL, NULL, 0, 0},
	{"no maximum", "Xəzər Universiteti və MİRAS İctimai Birliyi", NULL, "Xəzər Universiteti və MİRAS İctimai Birliyi",
	 0, 0},
};
TABLE_TEST(text_table, text_def, text_rows)
TABLE_TEST(text_optional_table, text_optional, text_optional_rows)

/* ---- FIELD_TEXTAREA ---- */
static const field_def textarea_def = {"description", FIELD_TEXTAREA, true, 6, 0, NULL};
static const row textarea_rows[] = {
	HOSTILE_ROWS,
	{"lines", "a\nb", NULL, "a\nb", 0, 0},
	{"CRLF becomes LF", "a\r\nb", NULL, "a\nb", 0, 0},
	{"a lone CR becomes LF", "a\rb", NULL, "a\nb", 0, 0},
	{"tabs allowed", "a\tb", NULL, "a\tb", 0, 0},
	{"trimmed, then newlines unified", "\r\n a\r\nb \r\n", NULL, "a\nb", 0, 0},
	{"six characters after CRLF became LF", "ab\r\ncde", NULL, "ab\ncde", 0, 0},
	{"seven", "ab\ncdef", "invalid.too_long", NULL, 0, 6},
	{"a form feed", "a\fb", "invalid.control", NULL, 0, 0},
	{"Azerbaijani", "Şəki\nGəncə", "invalid.too_long", NULL, 0, 6},
	{"Azerbaijani, short", "Şəki", NULL, "Şəki", 0, 0},
};
TABLE_TEST(textarea_table, textarea_def, textarea_rows)

/* ---- FIELD_EMAIL ---- */
static const field_def email_def = {"email", FIELD_EMAIL, true, 254, 0, NULL};
static const row email_rows[] = {
	HOSTILE_ROWS,
	{"plain", "irada@khazar.org", NULL, "irada@khazar.org", 0, 0},
	{"lower-cased", " Irada.Khalilova@Khazar.ORG ", NULL, "irada.khalilova@khazar.org", 0, 0},
	{"only ASCII is lower-cased", "ƏLİ@Example.AZ", NULL, "Əlİ@example.az", 0, 0},
	{"letters outside ASCII are kept", "xəzər@example.az", NULL, "xəzər@example.az", 0, 0},
	{"no @", "irada.khazar.org", "invalid.email", NULL, 0, 0},
	{"two @", "a@b@c.org", "invalid.email", NULL, 0, 0},
	{"nothing before @", "@khazar.org", "invalid.email", NULL, 0, 0},
	{"no dot in the domain", "a@localhost", "invalid.email", NULL, 0, 0},
	{"a dot first in the domain", "a@.org", "invalid.email", NULL, 0, 0},
	{"two dots", "a@b..org", "invalid.email", NULL, 0, 0},
	{"ends with a dot", "a@b.", "invalid.email", NULL, 0, 0},
	{"a space inside", "a b@c.org", "invalid.email", NULL, 0, 0},
	{"angle brackets", "<a@b.org>", "invalid.email", NULL, 0, 0},
	{"a quote", "a\"@b.org", "invalid.email", NULL, 0, 0},
	{"a comma (two addresses)", "a@b.org,c@d.org", "invalid.email", NULL, 0, 0},
	{"a semicolon", "a@b.org;c", "invalid.email", NULL, 0, 0},
	{"a backslash", "a\\b@c.org", "invalid.email", NULL, 0, 0},
	{"a local part of 64", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.org", NULL,
	 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.org", 0, 0},
	{"a local part of 65", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.org", "invalid.email", NULL, 0,
	 0},
};
TABLE_TEST(email_table, email_def, email_rows)

/* ---- FIELD_DATE ---- */
static const field_def date_def = {"signed_on", FIELD_DATE, true, 0, 0, NULL};
static const row date_rows[] = {
	HOSTILE_ROWS,
	{"the memorandum's day", "2024-05-01", NULL, "2024-05-01", 0, 0},
	{"trimmed", " 2024-05-01 ", NULL, "2024-05-01", 0, 0},
	{"first year", "1900-01-01", NULL, "1900-01-01", 0, 0},
	{"last year", "2200-12-31", NULL, "2200-12-31", 0, 0},
	{"before 1900", "1899-12-31", "invalid.date", NULL, 0, 0},
	{"after 2200", "2201-01-01", "invalid.date", NULL, 0, 0},
	{"29 February of a leap year", "2024-02-29", NULL, "2024-02-29", 0, 0},
	{"29 February otherwise", "2023-02-29", "invalid.date", NULL, 0, 0},
	{"2000 is a leap year", "2000-02-29", NULL, "2000-02-29", 0, 0},
	{"2100 is not", "2100-02-29", "invalid.date", NULL, 0, 0},
	{"31 April", "2024-04-31", "invalid.date", NULL, 0, 0},
	{"month 13", "2024-13-01", "invalid.date", NULL, 0, 0},
	{"month 0", "2024-00-10", "invalid.date", NULL, 0, 0},
	{"day 0", "2024-05-00", "invalid.date", NULL, 0, 0},
	{"day and month swapped", "01-05-2024", "invalid.date", NULL, 0, 0},
	{"a time too", "2024-05-01 10:00", "invalid.date", NULL, 0, 0},
	{"slashes", "2024/05/01", "invalid.date", NULL, 0, 0},
	{"signs", "+024-05-01", "invalid.date", NULL, 0, 0},
	{"Arabic-Indic digits", "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4-05-01", "invalid.date", NULL, 0, 0},
};
TABLE_TEST(date_table, date_def, date_rows)

/* ---- FIELD_ID ---- */
static const field_def id_def = {"memorandum_id", FIELD_ID, true, 0, 0, NULL};
static const row id_rows[] = {
	HOSTILE_ROWS,
	{"one", "1", NULL, "1", 1, 0},
	{"trimmed", " 42 ", NULL, "42", 42, 0},
	{"leading zeros", "007", NULL, "007", 7, 0},
	{"18 digits", "999999999999999999", NULL, "999999999999999999", 999999999999999999LL, 0},
	{"19 digits", "1000000000000000000", "invalid.choice", NULL, 0, 0},
	{"zero", "0", "invalid.choice", NULL, 0, 0},
	{"negative", "-1", "invalid.choice", NULL, 0, 0},
	{"a sign", "+1", "invalid.choice", NULL, 0, 0},
	{"hexadecimal", "0x1", "invalid.choice", NULL, 0, 0},
	{"a word", "one", "invalid.choice", NULL, 0, 0},
	{"a fraction", "1.5", "invalid.choice", NULL, 0, 0},
};
TABLE_TEST(id_table, id_def, id_rows)

/* ---- FIELD_INT ---- */
static const field_def int_def = {"count", FIELD_INT, true, 1000, 0, NULL};
static const field_def int_unbounded = {"n", FIELD_INT, false, 0, 0, NULL};
static const row int_rows[] = {
	HOSTILE_ROWS,
	{"zero", "0", NULL, "0", 0, 0},
	{"the largest", "1000", NULL, "1000", 1000, 0},
	{"one more", "1001", "invalid.too_large", NULL, 1001, 1000},
	{"max bounds the value, not the length", "0000000001", NULL, "0000000001", 1, 0},
	{"negative: too small, not a non-number", "-5", "invalid.too_small_number", NULL, 0, 0},
	{"a minus alone", "-", "invalid.number", NULL, 0, 0},
	{"two minuses", "--5", "invalid.number", NULL, 0, 0},
	{"a negative fraction", "-2.5", "invalid.number", NULL, 0, 0},
	{"a fraction", "2.5", "invalid.number", NULL, 0, 0},
	{"exponent", "1e3", "invalid.number", NULL, 0, 0},
	{"19 digits", "1234567890123456789", "invalid.number", NULL, 0, 0},
	{"a word", "ten", "invalid.number", NULL, 0, 0},
};
static const row int_unbounded_rows[] = {
	{"not sent", NULL, NULL, NULL, 0, 0},
	{"18 digits", "999999999999999999", NULL, "999999999999999999", 999999999999999999LL, 0},
};
TABLE_TEST(int_table, int_def, int_rows)
TABLE_TEST(int_unbounded_table, int_unbounded, int_unbounded_rows)

/* ---- FIELD_CHOICE ---- */
static const char *const statuses[] = {"draft", "active", "expired", "terminated", NULL};
static const field_def choice_def = {"status", FIELD_CHOICE, true, 0, 0, statuses};
static const field_def choice_none = {"none", FIELD_CHOICE, true, 0, 0, NULL};
static const row choice_rows[] = {
	HOSTILE_ROWS,
	{"the first", "draft", NULL, "draft", 0, 0},
	{"the last", "terminated", NULL, "terminated", 0, 0},
	{"trimmed", " active ", NULL, "active", 0, 0},
	{"case matters", "Active", "invalid.choice", NULL, 0, 0},
	{"a prefix", "act", "invalid.choice", NULL, 0, 0},
	{"longer", "activex", "invalid.choice", NULL, 0, 0},
	{"Azerbaijani for active", "aktiv", "invalid.choice", NULL, 0, 0},
};
static const row choice_none_rows[] = {
	{"no choices at all", "draft", "invalid.choice", NULL, 0, 0},
};
TABLE_TEST(choice_table, choice_def, choice_rows)
TABLE_TEST(choice_none_table, choice_none, choice_none_rows)

/* ---- FIELD_SLUG ---- */
static const field_def slug_def = {"slug", FIELD_SLUG, true, 8, 0, NULL};
static const row slug_rows[] = {
	HOSTILE_ROWS,
	{"letters", "khazar", NULL, "khazar", 0, 0},
	{"digits and hyphens", "ku-2024", NULL, "ku-2024", 0, 0},
	{"a digit first", "1miras", NULL, "1miras", 0, 0},
	{"eight: the bound", "abcdefgh", NULL, "abcdefgh", 0, 0},
	{"nine", "abcdefghi", "invalid.too_long", NULL, 0, 8},
	{"a hyphen first", "-miras", "invalid.slug", NULL, 0, 0},
	{"capitals are not lower-cased", "Miras", "invalid.slug", NULL, 0, 0},
	{"an underscore", "a_b", "invalid.slug", NULL, 0, 0},
	{"a space", "a b", "invalid.slug", NULL, 0, 0},
	{"an Azerbaijani letter", "x\xc9\x99z\xc9\x99r", "invalid.slug", NULL, 0, 0},
	{"a dot", "a.b", "invalid.slug", NULL, 0, 0},
};
TABLE_TEST(slug_table, slug_def, slug_rows)

/* ---- FIELD_URL ---- */
static const field_def url_def = {"location_url", FIELD_URL, true, 40, 0, NULL};
static const row url_rows[] = {
	HOSTILE_ROWS,
	{"https", "https://khazar.org", NULL, "https://khazar.org", 0, 0},
	{"http", "http://miras.az/", NULL, "http://miras.az/", 0, 0},
	{"ten characters: the shortest", "http://a.b", NULL, "http://a.b", 0, 0},
	{"nine", "http://ab", "invalid.url", NULL, 0, 0},
	{"javascript", "javascript:alert(1)", "invalid.url", NULL, 0, 0},
	{"no scheme", "khazar.org/path", "invalid.url", NULL, 0, 0},
	{"another scheme", "ftp://khazar.org", "invalid.url", NULL, 0, 0},
	{"scheme in capitals", "HTTPS://khazar.org", "invalid.url", NULL, 0, 0},
	{"protocol-relative", "//khazar.org/x", "invalid.url", NULL, 0, 0},
	{"a space inside", "https://a.org/a b", "invalid.url", NULL, 0, 0},
	{"a quote", "https://a.org/\"onclick", "invalid.url", NULL, 0, 0},
	{"angle brackets", "https://a.org/<x>", "invalid.url", NULL, 0, 0},
	{"a backslash (read as a slash)", "https://evil.example\\@good.example/", "invalid.url", NULL, 0, 0},
	{"a user part before the host", "https://good.example@evil.example/", "invalid.url", NULL, 0, 0},
	{"no host", "https:///khazar.org", "invalid.url", NULL, 0, 0},
	{"Azerbaijani in the path", "https://a.az/X\xc9\x99z\xc9\x99r", NULL, "https://a.az/X\xc9\x99z\xc9\x99r", 0, 0},
	{"41 characters", "https://example.org/aaaaaaaaaaaaaaaaaaaaa", "invalid.too_long", NULL, 0, 40},
};
TABLE_TEST(url_table, url_def, url_rows)

/* ---- FIELD_LOGIN ---- */
static const field_def login_def = {"login", FIELD_LOGIN, true, 8, 2, NULL};
static const row login_rows[] = {
	HOSTILE_ROWS,
	{"plain", "irada", NULL, "irada", 0, 0},
	{"lower-cased", " Irada.K ", NULL, "irada.k", 0, 0},
	{"dots, hyphens, underscores", "a.b-c_d", NULL, "a.b-c_d", 0, 0},
	{"two: the shortest", "ab", NULL, "ab", 0, 0},
	{"one", "a", "invalid.too_short", NULL, 0, 2},
	{"eight: the longest", "abcdefgh", NULL, "abcdefgh", 0, 0},
	{"nine", "abcdefghi", "invalid.too_long", NULL, 0, 8},
	{"a dot first", ".irada", "invalid.login", NULL, 0, 0},
	{"an @", "a@b", "invalid.login", NULL, 0, 0},
	{"dotted capital I stays and is refused", "\xc4\xb0rada", "invalid.login", NULL, 0, 0},
	{"a schwa", "\xc9\x99li", "invalid.login", NULL, 0, 0},
};
TABLE_TEST(login_table, login_def, login_rows)

/* ---- FIELD_PASSWORD ---- */
static const field_def password_def = {"password", FIELD_PASSWORD, true, 12, 4, NULL};
static const row password_rows[] = {
	{"not sent", NULL, "invalid.required", NULL, 0, 0},
	{"empty", "", "invalid.required", NULL, 0, 0},
	{"spaces are a password too", "    ", NULL, "    ", 0, 0},
	{"kept as typed, spaces and case", " Pa ss ", NULL, " Pa ss ", 0, 0},
	{"four letters: the shortest", "abcd", NULL, "abcd", 0, 0},
	{"three", "abc", "invalid.too_short", NULL, 0, 4},
	{"four Azerbaijani letters are eight bytes, and are enough", "\xc9\x99\xc9\x99\xc9\x99\xc9\x99", NULL,
	 "\xc9\x99\xc9\x99\xc9\x99\xc9\x99", 0, 0},
	{"twelve: the longest", "abcdefghijkl", NULL, "abcdefghijkl", 0, 0},
	{"thirteen", "abcdefghijklm", "invalid.too_long", NULL, 0, 12},
	{"a tab", "abc\tdef", "invalid.control", NULL, 0, 0},
	{"a newline", "abc\ndef", "invalid.control", NULL, 0, 0},
	{"0xFF", "abc\xff", "invalid.utf8", NULL, 0, 0},
	{"a surrogate", "abc\xed\xa0\x80", "invalid.utf8", NULL, 0, 0},
};
TABLE_TEST(password_table, password_def, password_rows)

/* ---- FIELD_CHECKBOX: sent and not empty is on; nothing else is looked at ---- */
static const field_def checkbox_def = {"all_day", FIELD_CHECKBOX, false, 0, 0, NULL};
static const row checkbox_rows[] = {
	{"not sent: off", NULL, NULL, NULL, 0, 0},
	{"empty: off", "", NULL, NULL, 0, 0},
	{"on", "on", NULL, "1", 0, 0},
	{"any value: on", "1", NULL, "1", 0, 0},
	{"spaces: on", " ", NULL, "1", 0, 0},
	{"bytes that are not UTF-8: on (never stored)", "\xff", NULL, "1", 0, 0},
};
TABLE_TEST(checkbox_table, checkbox_def, checkbox_rows)

/* ---- FIELD_TIME ---- */
static const field_def time_def = {"start_time", FIELD_TIME, true, 0, 0, NULL};
static const row time_rows[] = {
	HOSTILE_ROWS,
	{"ten o'clock", "10:00", NULL, "10:00", 0, 0},
	{"midnight", "00:00", NULL, "00:00", 0, 0},
	{"the last minute", "23:59", NULL, "23:59", 0, 0},
	{"trimmed", " 09:30 ", NULL, "09:30", 0, 0},
	{"24:00", "24:00", "invalid.time", NULL, 0, 0},
	{"minute 60", "10:60", "invalid.time", NULL, 0, 0},
	{"one digit for the hour", "9:30", "invalid.time", NULL, 0, 0},
	{"seconds, as a browser sends an imported time", "10:00:30", NULL, "10:00:30", 0, 0},
	{"second 60", "10:00:60", "invalid.time", NULL, 0, 0},
	{"seconds without their colon", "10:00-30", "invalid.time", NULL, 0, 0},
	{"one digit for the seconds", "10:00:3", "invalid.time", NULL, 0, 0},
	{"a dot", "10.00", "invalid.time", NULL, 0, 0},
	{"am/pm", "10:00am", "invalid.time", NULL, 0, 0},
	{"signs", "-1:30", "invalid.time", NULL, 0, 0},
};
TABLE_TEST(time_table, time_def, time_rows)

/* ---- huge values: every type refuses or keeps them in one pass, without truncating ---- */
static const struct huge_case {
	const field_def *def;
	char fill;
	const char *error;
	long long arg;
} huge_cases[] = {
	{&text_def, 'a', "invalid.too_long", 5},      {&text_optional, 'a', NULL, 0},
	{&textarea_def, 'a', "invalid.too_long", 6},  {&email_def, 'a', "invalid.too_long", 254},
	{&date_def, '1', "invalid.date", 0},          {&id_def, '9', "invalid.choice", 0},
	{&int_def, '9', "invalid.number", 0},         {&choice_def, 'a', "invalid.choice", 0},
	{&slug_def, 'a', "invalid.too_long", 8},      {&url_def, 'a', "invalid.too_long", 40},
	{&login_def, 'a', "invalid.too_long", 8},     {&password_def, 'a', "invalid.too_long", 12},
	{&checkbox_def, 'a', NULL, 0},                {&time_def, '1', "invalid.time", 0},
};

START_TEST(huge_table)
{
	const struct huge_case *c = &huge_cases[_i];
	size_t n = 1u << 20;
	char *s = malloc(n + 1);
	memset(s, c->fill, n);
	s[n] = '\0';
	field_value v;
	field_check(&A, c->def, s, &v);
	if (c->error) {
		ck_assert_msg(v.error && strcmp(v.error, c->error) == 0, "%s: error %s, want %s", c->def->name,
		              v.error ? v.error : "none", c->error);
		ck_assert_int_eq(v.arg, c->arg);
	} else {
		ck_assert_msg(v.error == NULL, "%s: error %s", c->def->name, v.error);
		ck_assert(c->def->type == FIELD_CHECKBOX || strlen(v.value) == n); /* kept whole, never cut */
	}
	free(s);
}
END_TEST

/* A field table whose type is not one of the enum's: refused, never passed through. */
START_TEST(unknown_type_refused)
{
	field_def def = {"x", FIELD_TYPE__MAX, false, 0, 0, NULL};
	field_value v;
	field_check(&A, &def, "anything", &v);
	ck_assert_str_eq(v.error, "invalid.choice");
	ck_assert_ptr_null(v.value);
}
END_TEST

/* fields_check: every def against a form, the count of invalid ones, values in defs' order. */
START_TEST(fields_check_form)
{
	static const field_def defs[] = {
		{"title", FIELD_TEXT, true, 300, 0, NULL},
		{"count", FIELD_INT, true, 10, 0, NULL},
		{"all_day", FIELD_CHECKBOX, false, 0, 0, NULL},
		{"email", FIELD_EMAIL, false, 254, 0, NULL},
	};
	form_field ff[] = {{"count", "11", 2}, {"title", " Xəzər ", 8}, {"email", "", 0}, {"title", "second", 6}};
	form f = {ff, 4};
	field_value out[4];
	ck_assert_int_eq(fields_check(&A, &f, defs, 4, out), 1);
	ck_assert_str_eq(out[0].value, "Xəzər"); /* the first of two values */
	ck_assert_str_eq(out[1].error, "invalid.too_large");
	ck_assert_int_eq(out[1].arg, 10);
	ck_assert(!out[2].on);
	ck_assert_ptr_null(out[3].error);
	ck_assert_int_eq(field_index(defs, 4, "all_day"), 2);
	ck_assert_int_eq(field_index(defs, 4, "nope"), -1);
}
END_TEST

#define ADD(tc, test, rows) tcase_add_loop_test(tc, test, 0, (int)(sizeof rows / sizeof *rows))

static Suite *fields_suite(void)
{
	Suite *s = suite_create("fields");
	TCase *t = tcase_create("validators");
	tcase_add_checked_fixture(t, setup, teardown);
	ADD(t, text_table, text_rows);
	ADD(t, text_optional_table, text_optional_rows);
	ADD(t, textarea_table, textarea_rows);
	ADD(t, email_table, email_rows);
	ADD(t, date_table, date_rows);
	ADD(t, id_table, id_rows);
	ADD(t, int_table, int_rows);
	ADD(t, int_unbounded_table, int_unbounded_rows);
	ADD(t, choice_table, choice_rows);
	ADD(t, choice_none_table, choice_none_rows);
	ADD(t, slug_table, slug_rows);
	ADD(t, url_table, url_rows);
	ADD(t, login_table, login_rows);
	ADD(t, password_table, password_rows);
	ADD(t, checkbox_table, checkbox_rows);
	ADD(t, time_table, time_rows);
	ADD(t, huge_table, huge_cases);
	tcase_add_test(t, unknown_type_refused);
	tcase_add_test(t, fields_check_form);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(fields_suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
