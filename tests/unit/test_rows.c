/* test_rows.c - unit tests for the repeated rows of a form (pages/rows.c): reading, checking, "more rows", putting. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdbool.h>
#include <string.h>

#include "http/form.h"
#include "pages/app.h"
#include "pages/pick.h"
#include "pages/rows.h"
#include "util/arena.h"

static arena A;
static app AP;
static http_ctx C;

static const char *const roles[] = {"chair", "required", NULL};
enum { PERSON, NAME_EN, NAME_AZ, ROLE, NCOLS };
static const rows_col cols[NCOLS] = {
	[PERSON] = {{"person", FIELD_ID, false, 0, 0, NULL}, .from = ROWS_PEOPLE, .key = true},
	[NAME_EN] = {{"name_en", FIELD_TEXT, true, 10, 0, NULL}},
	[NAME_AZ] = {{"name_az", FIELD_TEXT, false, 10, 0, NULL}},
	[ROLE] = {{"role", FIELD_CHOICE, false, 0, 0, roles}, .fallback = "required", .choice_msg = "role"},
};
static const rows_part part = {
	.prefix = "who", .msg = "t.who", .cols = cols, .ncols = NCOLS, .max_rows = 4, .key = "whos",
	.legend = "t.whos", .twice = "t.twice",
};
static const person people[] = {{.id = 7, .full_name = {"Seven", "Yeddi"}}, {.id = 9, .full_name = {"Nine", "Doqquz"}}};
static const rows_lists lists = {.people = people, .npeople = 2};

static void setup(void)
{
	arena_init(&A, 1 << 16);
	memset(&AP, 0, sizeof AP); /* no views: page_msg answers with the key */
	memset(&C, 0, sizeof C);
	C.a = &A;
	C.app = &AP;
}

static void teardown(void)
{
	arena_free(&A);
}

/* The form as POSTed: "a=1&b=2". */
static void post(const char *body)
{
	form_limits lim = {1000, 1 << 16};
	const char *bad = NULL;
	ck_assert_int_eq(form_parse(&A, body, strlen(body), &lim, &C.body, &bad), FORM_OK);
}

static const char *error_at(const rows_data *d, size_t row, size_t col)
{
	return rows_cell(d, &part, row, col)->error;
}

START_TEST(empty_rows_dropped_partial_rows_checked)
{
	/* row 0 full, row 1 empty (spaces and the fallback role only), row 2 partly filled */
	post("who_rows=3&who_0_person=7&who_0_name_en=Ann&who_0_role=chair&who_1_name_en=%20%20&who_1_role=required"
	     "&who_2_name_az=Yarim");
	rows_data d;
	rows_read(&C, &part, &lists, &d);
	ck_assert_uint_eq(d.sent, 3);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_str_eq(rows_cell(&d, &part, 0, ROLE)->value, "chair");
	ck_assert_ptr_null(error_at(&d, 0, NAME_EN));
	ck_assert_str_eq(error_at(&d, 1, NAME_EN), "invalid.required"); /* the partly filled row, now row 1 */
	ck_assert_str_eq(rows_cell(&d, &part, 1, ROLE)->value, "required"); /* nothing chosen: the fallback */
	ck_assert_int_eq(d.invalid, 1);
	const char **v = rows_values(&C, &part, &d);
	ck_assert_str_eq(v[0 * NCOLS + NAME_EN], "Ann");
	ck_assert_ptr_null(v[1 * NCOLS + PERSON]);
}
END_TEST

START_TEST(list_checked_and_key_once)
{
	post("who_rows=3&who_0_person=7&who_0_name_en=A&who_1_person=8&who_1_name_en=B&who_2_person=7&who_2_name_en=C");
	rows_data d;
	rows_read(&C, &part, &lists, &d);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_ptr_null(error_at(&d, 0, PERSON));
	ck_assert_str_eq(error_at(&d, 1, PERSON), "invalid.choice"); /* 8 is nobody */
	ck_assert_str_eq(error_at(&d, 2, PERSON), "t.twice");        /* 7 again */
	ck_assert_int_eq(d.invalid, 2);
	/* lists that could not be read check nothing */
	rows_lists unknown = {.unknown = true};
	rows_read(&C, &part, &unknown, &d);
	ck_assert_ptr_null(error_at(&d, 1, PERSON));
}
END_TEST

START_TEST(count_limits_and_lost_count)
{
	/* the count is capped at max_rows; garbage counts as none, but filled cells beyond it are still read */
	post("who_rows=9999&who_0_name_en=A&who_5_name_en=F");
	rows_data d;
	rows_read(&C, &part, &lists, &d);
	ck_assert_uint_eq(d.sent, 4);
	ck_assert_uint_eq(d.n, 1);
	memset(&C.body, 0, sizeof C.body);
	post("who_rows=x1&who_2_name_en=C");
	rows_read(&C, &part, &lists, &d);
	ck_assert_uint_eq(d.sent, 3);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(rows_cell(&d, &part, 0, NAME_EN)->value, "C");
}
END_TEST

START_TEST(more_rows_adds_to_what_was_shown)
{
	post("who_rows=3&who_0_name_en=A&who_1_name_en=%C3%A7ox%20uzun%20ad%20burada&action=more_whos");
	ck_assert_int_eq(rows_more(&C, &part, 1), 0);
	rows_data d;
	rows_read(&C, &part, &lists, &d);
	ck_assert_int_eq(d.invalid, 1); /* too long */
	rows_reshow(&C, &part, &d, 2);
	ck_assert_uint_eq(d.n, 4); /* 3 shown + 2, capped at 4 */
	ck_assert_int_eq(d.invalid, 0);
	ck_assert_ptr_null(error_at(&d, 1, NAME_EN));
	ck_assert_str_eq(rows_cell(&d, &part, 1, NAME_EN)->raw, "çox uzun ad burada"); /* kept as typed */
	ck_assert_str_eq(rows_cell(&d, &part, 3, NAME_EN)->raw, "");
	memset(&C.body, 0, sizeof C.body);
	post("action=more_others");
	ck_assert_int_eq(rows_more(&C, &part, 1), -1);
}
END_TEST

START_TEST(fixed_rows_kept_and_errors_marked)
{
	static const rows_part fixed = {.prefix = "who", .msg = "t.who", .cols = cols, .ncols = NCOLS, .max_rows = 4,
	                                .key = "whos", .fixed = true};
	const char *raw[2 * NCOLS] = {NULL};
	raw[0 * NCOLS + PERSON] = "9";
	rows_data d;
	rows_fill(&C, &fixed, &lists, raw, 2, &d);
	ck_assert_uint_eq(d.n, 2); /* empty rows of a fixed part stay */
	rows_error(&d, &fixed, 1, NAME_AZ, "t.other");
	rows_error(&d, &fixed, 1, NAME_AZ, "t.later"); /* the first error stays */
	ck_assert_str_eq(error_at(&d, 1, NAME_AZ), "t.other");
	rows_part_error(&d, "t.part");
	ck_assert_str_eq(d.error, "t.part");
	ck_assert_int_eq(d.invalid, 2 + 2); /* name_en required in both rows, one marked cell, the part */
}
END_TEST

START_TEST(put_names_labels_options_and_order)
{
	post("who_rows=1&who_0_person=42&who_0_name_en=A&who_0_name_az=B");
	rows_data d;
	rows_read(&C, &part, &(rows_lists){.unknown = true}, &d);
	rows_grow(&C, &part, &d, 1);
	C.lang = LANG_AZ;
	view_value *scope = view_map_new(&A);
	view_value *list = rows_put(&C, scope, &part, &lists, &d);
	view_value *p = view_get(scope, "whos");
	ck_assert_str_eq(view_get(p, "count_name")->u.s, "who_rows");
	ck_assert_int_eq(view_get(p, "count")->u.i, 2);
	ck_assert_str_eq(view_get(p, "more")->u.s, "more_whos");
	ck_assert_str_eq(view_get(p, "legend")->u.s, "t.whos");
	view_value *row = list->head->v;
	view_value *person_cell = view_get(row, "person");
	ck_assert_str_eq(view_get(person_cell, "name")->u.s, "who_0_person");
	ck_assert_str_eq(view_get(person_cell, "label")->u.s, "t.who.person");
	/* "—", the two people in Azerbaijani, and 42 (not in the list) kept as chosen */
	view_value *opts = view_get(person_cell, "options");
	const char *labels[4] = {0};
	size_t n = 0;
	for (view_item *it = opts->head; it && n < 4; it = it->next)
		labels[n++] = view_get(it->v, "label")->u.s;
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(labels[1], "Yeddi");
	ck_assert_str_eq(labels[3], "rows.number");
	/* an Azerbaijani page: name_az before name_en; the az cell says its language */
	view_value *cells = view_get(row, "cells");
	view_item *c1 = cells->head->next;
	ck_assert_str_eq(view_get(c1->v, "name")->u.s, "who_0_name_az");
	ck_assert_str_eq(view_get(c1->v, "in_lang")->u.s, "az");
	ck_assert_str_eq(view_get(c1->next->v, "name")->u.s, "who_0_name_en");
	/* the role's select has no empty choice, and shows its fallback on an empty row */
	view_value *role = view_get(list->head->next->v, "role");
	ck_assert_str_eq(view_get(view_get(role, "options")->head->v, "value")->u.s, "chair");
	ck_assert(view_get(view_get(role, "options")->head->next->v, "selected")->u.b);
}
END_TEST

/* What a typed person cell reads as an id: "Name (#id)" as the form shows a chosen person, "#id", digits alone
 * (an offered choice); anything else is a name to look up (0). */
START_TEST(person_ids_read_from_typed_text)
{
	ck_assert_int_eq(pick_id_of("Rashad Guliyev (#1234)"), 1234);
	ck_assert_int_eq(pick_id_of("  Leyla Əliyeva (#7)  "), 7);
	ck_assert_int_eq(pick_id_of("#42"), 42);
	ck_assert_int_eq(pick_id_of("Someone #42"), 42);
	ck_assert_int_eq(pick_id_of("318"), 318);
	ck_assert_int_eq(pick_id_of(" 318 "), 318);
	ck_assert_int_eq(pick_id_of("Rashad Guliyev"), 0);
	ck_assert_int_eq(pick_id_of("Crowd 12"), 0);     /* a number in a name is not an id */
	ck_assert_int_eq(pick_id_of("Crowd (12)"), 0);   /* brackets without # */
	ck_assert_int_eq(pick_id_of("Name #12)"), 0);    /* a closing bracket never opened */
	ck_assert_int_eq(pick_id_of("(#)"), 0);
	ck_assert_int_eq(pick_id_of(""), 0);
	ck_assert_int_eq(pick_id_of("   "), 0);
	ck_assert_int_eq(pick_id_of("#1234567890123456789"), 0); /* longer than any id */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rows");
	TCase *tc = tcase_create("rows");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_rows_dropped_partial_rows_checked);
	tcase_add_test(tc, list_checked_and_key_once);
	tcase_add_test(tc, count_limits_and_lost_count);
	tcase_add_test(tc, more_rows_adds_to_what_was_shown);
	tcase_add_test(tc, fixed_rows_kept_and_errors_marked);
	tcase_add_test(tc, put_names_labels_options_and_order);
	tcase_add_test(tc, person_ids_read_from_typed_text);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
