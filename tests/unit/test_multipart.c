/* test_multipart.c - unit tests for multipart/form-data parsing: boundaries, parts, limits, bad bodies. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "http/multipart.h"
#include "util/arena.h"

static arena A;

static void setup(void)
{
	arena_init(&A, 1024);
}

static void teardown(void)
{
	arena_free(&A);
}

#define CT "multipart/form-data; boundary=XyZ"
#define CD "Content-Disposition: form-data; "
#define CSRF "--XyZ\r\n" CD "name=\"csrf\"\r\n\r\ntok\r\n"
#define FILE_PART(name, data) "--XyZ\r\n" CD "name=\"file\"; filename=\"" name "\"\r\nContent-Type: text/calendar\r\n\r\n" data "\r\n"
#define END "--XyZ--\r\n"

/* ---- whole bodies: good ones with what they hold, bad ones with the error ---- */

static const struct body_case {
	const char *what;
	const char *ct;
	const char *body;
	size_t len; /* 0: strlen(body) */
	enum multipart_error err;
	size_t nfields;      /* on success: text fields */
	const char *csrf;    /* form_get(fields, "csrf") */
	const char *file;    /* the file part's data, or NULL when there is none */
	size_t file_len;
	const char *filename;
} body_cases[] = {
	{"a text field and a file", CT, CSRF FILE_PART("a.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR") END, 0, MULTIPART_OK,
	 1, "tok", "BEGIN:VCALENDAR\r\nEND:VCALENDAR", 0, "a.ics"},
	{"quoted boundary with a space and a colon", "multipart/form-data; boundary=\"a b:c\"",
	 "--a b:c\r\n" CD "name=\"csrf\"\r\n\r\nt2\r\n--a b:c--", 0, MULTIPART_OK, 1, "t2", NULL, 0, NULL},
	{"boundary parameter in upper case, type in mixed case", "Multipart/Form-Data; charset=utf-8; BOUNDARY=XyZ",
	 CSRF END, 0, MULTIPART_OK, 1, "tok", NULL, 0, NULL},
	{"preamble and epilogue are ignored", CT, "This is the preamble.\r\n" CSRF END "epilogue --XyZ\r\n", 0,
	 MULTIPART_OK, 1, "tok", NULL, 0, NULL},
	{"transport padding after a delimiter", CT, "--XyZ  \t\r\n" CD "name=\"csrf\"\r\n\r\ntok\r\n--XyZ--", 0,
	 MULTIPART_OK, 1, "tok", NULL, 0, NULL},
	{"a boundary inside the data without CRLF before it is data", CT, CSRF FILE_PART("b.ics", "x --XyZ y--XyZ--") END,
	 0, MULTIPART_OK, 1, "tok", "x --XyZ y--XyZ--", 0, "b.ics"},
	{"CRLF --boundary followed by more characters is data", CT, CSRF FILE_PART("c.ics", "a\r\n--XyZW\r\nb") END, 0,
	 MULTIPART_OK, 1, "tok", "a\r\n--XyZW\r\nb", 0, "c.ics"},
	{"bare LF lines inside a file stay as they are", CT, CSRF FILE_PART("d.ics", "A\nB\n") END, 0, MULTIPART_OK, 1,
	 "tok", "A\nB\n", 0, "d.ics"},
	{"a file may hold NUL bytes and invalid UTF-8", CT, CSRF FILE_PART("e.bin", "\x01\x00\xff") END,
	 sizeof(CSRF FILE_PART("e.bin", "\x01\x00\xff") END) - 1, MULTIPART_OK, 1, "tok", "\x01\x00\xff", 3, "e.bin"},
	{"an empty file input", CT, CSRF "--XyZ\r\n" CD "name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n" END,
	 0, MULTIPART_OK, 1, "tok", "", 0, ""},
	{"a Windows path as filename keeps only its last segment", CT,
	 CSRF FILE_PART("C:\\Users\\irada\\board.ics", "X") END, 0, MULTIPART_OK, 1, "tok", "X", 0, "board.ics"},
	{"header names in lower case, Azerbaijani text", CT,
	 "--XyZ\r\ncontent-disposition: form-data; name=csrf\r\n\r\nXəzər Universiteti\r\n" END, 0, MULTIPART_OK, 1,
	 "Xəzər Universiteti", NULL, 0, NULL},
	{"an empty text field", CT, "--XyZ\r\n" CD "name=\"csrf\"\r\n\r\n\r\n" END, 0, MULTIPART_OK, 1, "", NULL, 0, NULL},
	{"the closing delimiter without a final CRLF", CT, CSRF "--XyZ--", 0, MULTIPART_OK, 1, "tok", NULL, 0, NULL},

	{"no boundary parameter", "multipart/form-data", CSRF END, 0, MULTIPART_NO_BOUNDARY, 0, NULL, NULL, 0, NULL},
	{"an empty boundary", "multipart/form-data; boundary=", CSRF END, 0, MULTIPART_NO_BOUNDARY, 0, NULL, NULL, 0, NULL},
	{"a boundary of 71 characters", "multipart/form-data; boundary="
	 "12345678901234567890123456789012345678901234567890123456789012345678901", CSRF END, 0, MULTIPART_NO_BOUNDARY, 0,
	 NULL, NULL, 0, NULL},
	{"a boundary with a character outside bchars", "multipart/form-data; boundary=\"a<b\"", CSRF END, 0,
	 MULTIPART_NO_BOUNDARY, 0, NULL, NULL, 0, NULL},
	{"an unterminated quoted boundary", "multipart/form-data; boundary=\"XyZ", CSRF END, 0, MULTIPART_NO_BOUNDARY, 0,
	 NULL, NULL, 0, NULL},
	{"not multipart at all", "application/x-www-form-urlencoded", "csrf=x", 0, MULTIPART_NO_BOUNDARY, 0, NULL, NULL,
	 0, NULL},
	{"no opening boundary", CT, "csrf=tok", 0, MULTIPART_MALFORMED, 0, NULL, NULL, 0, NULL},
	{"an empty body", CT, "", 0, MULTIPART_MALFORMED, 0, NULL, NULL, 0, NULL},
	{"only the closing delimiter", CT, END, 0, MULTIPART_MALFORMED, 0, NULL, NULL, 0, NULL},
	{"the final boundary is missing", CT, CSRF FILE_PART("a.ics", "BEGIN:VCALENDAR"), 0, MULTIPART_MALFORMED, 0, NULL,
	 NULL, 0, NULL},
	{"the body stops inside a part", CT, CSRF "--XyZ\r\n" CD "name=\"file\"; filename=\"a.ics\"\r\n\r\nBEGIN", 0,
	 MULTIPART_MALFORMED, 0, NULL, NULL, 0, NULL},
	{"a part whose headers never end", CT, "--XyZ\r\n" CD "name=\"csrf\"\r\ntok\r\n" END, 0, MULTIPART_MALFORMED, 0,
	 NULL, NULL, 0, NULL},
	{"a boundary with only LF after it", CT, "--XyZ\n" CD "name=\"csrf\"\n\ntok\n--XyZ--\n", 0, MULTIPART_MALFORMED,
	 0, NULL, NULL, 0, NULL},
	{"a header without a colon", CT, "--XyZ\r\nContent-Disposition form-data; name=\"csrf\"\r\n\r\ntok\r\n" END, 0,
	 MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"a folded header line", CT, "--XyZ\r\n" CD "\r\n name=\"csrf\"\r\n\r\ntok\r\n" END, 0, MULTIPART_BAD_HEADER, 0,
	 NULL, NULL, 0, NULL},
	{"a part without headers", CT, "--XyZ\r\n\r\ntok\r\n" END, 0, MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"a part without Content-Disposition", CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\ntok\r\n" END, 0,
	 MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"Content-Disposition that is not form-data", CT, "--XyZ\r\nContent-Disposition: attachment; name=\"csrf\"\r\n\r\nx\r\n" END,
	 0, MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"Content-Disposition without a name", CT, "--XyZ\r\n" CD "filename=\"a.ics\"\r\n\r\nx\r\n" END, 0,
	 MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"two Content-Disposition headers", CT, "--XyZ\r\n" CD "name=\"a\"\r\n" CD "name=\"b\"\r\n\r\nx\r\n" END, 0,
	 MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
	{"an unterminated quoted name", CT, "--XyZ\r\n" CD "name=\"csrf\r\n\r\nx\r\n" END, 0, MULTIPART_BAD_HEADER, 0, NULL,
	 NULL, 0, NULL},
	{"two files", CT, CSRF FILE_PART("a.ics", "A") FILE_PART("b.ics", "B") END, 0, MULTIPART_TOO_MANY_FILES, 0, NULL,
	 NULL, 0, NULL},
	{"a text part over max_field_len (100)", CT,
	 "--XyZ\r\n" CD "name=\"csrf\"\r\n\r\n"
	 "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901\r\n" END,
	 0, MULTIPART_TOO_LONG, 0, NULL, NULL, 0, NULL},
	{"a name over max_field_len (100)", CT,
	 "--XyZ\r\n" CD "name=\"12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901\""
	 "\r\n\r\nx\r\n" END, 0, MULTIPART_TOO_LONG, 0, NULL, NULL, 0, NULL},
	{"more text parts than max_fields (3)", CT, CSRF CSRF CSRF CSRF END, 0, MULTIPART_TOO_MANY, 0, NULL, NULL, 0, NULL},
	{"a text field that is not UTF-8", CT, "--XyZ\r\n" CD "name=\"csrf\"\r\n\r\n\xc3\x28\r\n" END, 0, MULTIPART_BAD_UTF8,
	 0, NULL, NULL, 0, NULL},
	{"a text field with a NUL byte", CT, "--XyZ\r\n" CD "name=\"csrf\"\r\n\r\na\0b\r\n" END,
	 sizeof("--XyZ\r\n" CD "name=\"csrf\"\r\n\r\na\0b\r\n" END) - 1, MULTIPART_NUL, 0, NULL, NULL, 0, NULL},
	{"a NUL byte in a part's headers", CT, "--XyZ\r\n" CD "name=\"cs\0rf\"\r\n\r\nx\r\n" END,
	 sizeof("--XyZ\r\n" CD "name=\"cs\0rf\"\r\n\r\nx\r\n" END) - 1, MULTIPART_BAD_HEADER, 0, NULL, NULL, 0, NULL},
};

START_TEST(multipart_body_table)
{
	const struct body_case *t = &body_cases[_i];
	multipart_limits lim = {3, 100, 1};
	multipart m;
	form f;
	const char *bad;
	size_t len = t->len ? t->len : strlen(t->body);
	enum multipart_error e = multipart_parse(&A, t->ct, t->body, len, &lim, &m, &f, &bad);
	ck_assert_msg(e == t->err, "%s: got %d (%s), wanted %d", t->what, e, multipart_error_text(e), t->err);
	if (e != MULTIPART_OK) {
		ck_assert_msg(m.count == 0 && f.count == 0, "%s: nothing of a refused body may reach a handler", t->what);
		return;
	}
	ck_assert_msg(f.count == t->nfields, "%s: %zu fields", t->what, f.count);
	const char *csrf = form_get(&f, "csrf");
	ck_assert_msg(csrf && strcmp(csrf, t->csrf) == 0, "%s: csrf '%s'", t->what, csrf ? csrf : "(none)");
	const multipart_part *file = multipart_file(&m, "file");
	if (!t->file) {
		ck_assert_msg(file == NULL, "%s: unexpected file", t->what);
		return;
	}
	ck_assert_msg(file != NULL, "%s: no file part", t->what);
	size_t want = t->file_len ? t->file_len : strlen(t->file);
	ck_assert_msg(file->len == want && memcmp(file->data, t->file, want) == 0, "%s: file data of %zu bytes", t->what,
	              file->len);
	ck_assert_msg(file->data[file->len] == '\0', "%s: the data is NUL-terminated", t->what);
	ck_assert_msg(strcmp(file->filename, t->filename) == 0, "%s: filename '%s'", t->what, file->filename);
}
END_TEST

START_TEST(multipart_parts_in_order)
{
	static const char body[] = CSRF "--XyZ\r\n" CD "name=\"note\"\r\n\r\nsecond\r\n" FILE_PART("x.ics", "DATA") END;
	multipart_limits lim = {5, 100, 1};
	multipart m;
	form f;
	const char *bad;
	ck_assert_int_eq(multipart_parse(&A, CT, body, sizeof body - 1, &lim, &m, &f, &bad), MULTIPART_OK);
	ck_assert_uint_eq(m.count, 3);
	ck_assert_str_eq(m.parts[0].name, "csrf");
	ck_assert_ptr_null(m.parts[0].filename);
	ck_assert_ptr_null(m.parts[0].content_type);
	ck_assert_str_eq(m.parts[1].name, "note");
	ck_assert_str_eq(m.parts[2].name, "file");
	ck_assert_str_eq(m.parts[2].content_type, "text/calendar");
	ck_assert_uint_eq(f.count, 2);
	ck_assert_str_eq(form_get(&f, "note"), "second");
	ck_assert_ptr_null(multipart_file(&m, "note")); /* a text field is not a file */
	ck_assert_ptr_null(multipart_file(&m, "other"));
}
END_TEST

START_TEST(multipart_bad_field_named)
{
	multipart_limits lim = {5, 4, 1};
	multipart m;
	form f;
	const char *bad;
	static const char body[] = "--XyZ\r\n" CD "name=\"title\"\r\n\r\ntoo long\r\n" END;
	ck_assert_int_eq(multipart_parse(&A, CT, body, sizeof body - 1, &lim, &m, &f, &bad), MULTIPART_TOO_LONG);
	ck_assert_str_eq(bad, "title");
}
END_TEST

static const struct boundary_case {
	const char *ct;
	const char *want; /* NULL: refused */
} boundary_cases[] = {
	{"multipart/form-data; boundary=abc", "abc"},
	{"multipart/form-data;boundary=abc", "abc"},
	{"multipart/form-data; boundary=\"abc\"", "abc"},
	{"multipart/form-data; boundary = abc ; charset=utf-8", "abc"},
	{"multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	 "----WebKitFormBoundary7MA4YWxkTrZu0gW"},
	{"multipart/form-data; boundary=\"with space\"", "with space"},
	{"multipart/form-data; boundary=\"ends with space \"", NULL},
	{"multipart/form-data; boundary=a\"b", NULL},
	{"multipart/form-data; nothing=here", NULL},
	{"multipart/mixed; boundary=abc", NULL},
	{"multipart/form-datax; boundary=abc", NULL},
	{NULL, NULL},
};

START_TEST(multipart_boundary_table)
{
	const struct boundary_case *t = &boundary_cases[_i];
	const char *got = multipart_boundary(&A, t->ct);
	if (!t->want)
		ck_assert_msg(got == NULL, "'%s' gave '%s'", t->ct ? t->ct : "(null)", got);
	else
		ck_assert_msg(got && strcmp(got, t->want) == 0, "'%s' gave '%s'", t->ct, got ? got : "(null)");
}
END_TEST

START_TEST(multipart_type_and_errors)
{
	ck_assert(multipart_is_form_data("multipart/form-data"));
	ck_assert(multipart_is_form_data("MULTIPART/FORM-DATA; boundary=x"));
	ck_assert(!multipart_is_form_data("multipart/form-database"));
	ck_assert(!multipart_is_form_data("application/x-www-form-urlencoded"));
	ck_assert(!multipart_is_form_data(NULL));
	for (int e = MULTIPART_NO_BOUNDARY; e < MULTIPART_ERROR__MAX; e++) {
		ck_assert_msg(strncmp(multipart_error_key((enum multipart_error)e), "error.", 6) == 0, "key of %d", e);
		int st = multipart_error_status((enum multipart_error)e);
		ck_assert_msg(st == 400 || st == 413, "status of %d", e);
		ck_assert(*multipart_error_text((enum multipart_error)e));
	}
	ck_assert_int_eq(multipart_error_status(MULTIPART_TOO_MANY_FILES), 413);
	ck_assert_int_eq(multipart_error_status(MULTIPART_BAD_HEADER), 400);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *t = tcase_create("multipart");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_loop_test(t, multipart_body_table, 0, (int)(sizeof body_cases / sizeof *body_cases));
	tcase_add_test(t, multipart_parts_in_order);
	tcase_add_test(t, multipart_bad_field_named);
	tcase_add_loop_test(t, multipart_boundary_table, 0, (int)(sizeof boundary_cases / sizeof *boundary_cases));
	tcase_add_test(t, multipart_type_and_errors);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
