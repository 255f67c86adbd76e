/* test_staff_digest.c - unit tests for the staff digest's message: placeholders, both languages, escaping, MIME. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/staff_digest.h"
#include "util/buf.h"

static view_set *views;

static void load(void)
{
	char dir[4096], err[512];
	const char *srcdir = getenv("srcdir");
	snprintf(dir, sizeof dir, "%s/templates", srcdir ? srcdir : ".");
	views = view_load(dir, err, sizeof err);
	ck_assert_msg(views != NULL, "view_load: %s", err);
}

static void unload(void)
{
	view_free(views);
	views = NULL;
}

/* {name} filled wherever it stands, other braces left alone */
START_TEST(fill_count)
{
	static const struct {
		const char *msg, *name;
		long long n;
		const char *want;
	} cases[] = {
		{"{days} days left", "days", 12, "12 days left"},
		{"left: {days}", "days", 0, "left: 0"},
		{"{days}/{days}", "days", -3, "-3/-3"},
		{"no placeholder", "days", 5, "no placeholder"},
		{"{other} stays", "days", 5, "{other} stays"},
		{"{day} is not {days}", "days", 1, "{day} is not 1"},
		{"", "days", 1, ""},
		{"… və daha {actions_more} tapşırıq", "actions_more", 51, "… və daha 51 tapşırıq"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf b = BUF_INIT;
		mail_fill_count(&b, cases[i].msg, cases[i].name, cases[i].n);
		ck_assert_msg(strcmp(buf_cstr(&b), cases[i].want) == 0, "case %zu: \"%s\"", i, buf_cstr(&b));
		buf_free(&b);
	}
}
END_TEST

static const staff_memo_item memos[] = {
	{"Xəzər <və> MİRAS əməkdaşlığı", "2027-01-10", 1, true, 7},
	{"Second memorandum", "2027-02-01", 23, false, 9},
};
static const staff_action_item acts[] = {
	{"Planı <layihə> göndərmək", "2026-11-30", "Aynur Məmmədova", "Şuranın iclası", "2026-11-02",
	 "/series/3/occurrences/20261102T100000/record"},
};

static staff_digest_doc doc(const char *lang, long long memos_total, long long acts_total)
{
	staff_digest_doc d = {memos, 2, memos_total, acts, 1, acts_total, "2026-12-07", lang, "ali@example.test",
	                      "Əli Həsənov", "calendar@memocal.test", "memocal", "k-staff", "https://memocal.test",
	                      1767225600};
	return d;
}

START_TEST(text_az)
{
	staff_digest_doc d = doc("az", 5, 1);
	buf b = BUF_INIT;
	mail_staff_digest_text(views, &d, &b);
	const char *s = buf_cstr(&b);
	static const char *const want[] = {
		"Əməkdaşları gözləyən işlər, bu tarixə: 2026-12-07\n",
		"* Xəzər <və> MİRAS əməkdaşlığı  [bu həftə yeni]\n  bitir: 2027-01-10, 1 gün qalıb\n  https://memocal.test/memoranda/7\n",
		"* Second memorandum\n  bitir: 2027-02-01, 23 gün qalıb\n",
		"… və daha 3 memorandum; hamısı ana səhifədə göstərilir.",
		"Vaxtı keçmiş tapşırıqlar:",
		"* Planı <layihə> göndərmək  [son tarix 2026-11-30]\n  məsul şəxs: Aynur Məmmədova\n  görüşdən: Şuranın iclası, 2026-11-02\n"
		"  https://memocal.test/series/3/occurrences/20261102T100000/record\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(s, want[i]) != NULL, "lacks [%s] in:\n%s", want[i], s);
	ck_assert_msg(strstr(s, "tapşırıq;") == NULL, "all the actions listed: no \"more\" line");
	ck_assert_msg(strstr(s, "Second memorandum  [") == NULL, "an old notice period is not new");
	buf_free(&b);
}
END_TEST

/* English counts with one and other; an empty list says so */
START_TEST(text_en_plural_and_empty)
{
	staff_digest_doc d = doc("en", 3, 0);
	d.nactions = 0;
	buf b = BUF_INIT;
	mail_staff_digest_text(views, &d, &b);
	const char *s = buf_cstr(&b);
	ck_assert_ptr_nonnull(strstr(s, "ends 2027-01-10, 1 day left\n"));
	ck_assert_ptr_nonnull(strstr(s, "ends 2027-02-01, 23 days left\n"));
	ck_assert_ptr_nonnull(strstr(s, "… and 1 more memorandum; "));
	ck_assert_ptr_nonnull(strstr(s, "No action item is overdue."));
	buf_free(&b);
}
END_TEST

START_TEST(html_escaped)
{
	staff_digest_doc d = doc("az", 2, 60);
	buf b = BUF_INIT;
	ck_assert_int_eq(mail_staff_digest_html(views, &d, "Əməkdaşlar üçün xülasə: 2026-12-07", &b), 0);
	const char *s = buf_cstr(&b);
	ck_assert_ptr_nonnull(strstr(s, "Xəzər &lt;və&gt; MİRAS əməkdaşlığı"));
	ck_assert_ptr_nonnull(strstr(s, "Planı &lt;layihə&gt; göndərmək"));
	ck_assert_ptr_null(strstr(s, "<layihə>"));
	ck_assert_ptr_nonnull(strstr(s, "href=\"https://memocal.test/memoranda/7\""));
	ck_assert_ptr_nonnull(strstr(s, "href=\"https://memocal.test/series/3/occurrences/20261102T100000/record\""));
	ck_assert_ptr_nonnull(strstr(s, "… və daha 59 vaxtı keçmiş tapşırıq"));
	ck_assert_ptr_nonnull(strstr(s, "1 gün qalıb"));
	buf_free(&b);
}
END_TEST

/* the whole message: 7-bit, text and HTML, no calendar, the subject encoded */
START_TEST(message)
{
	staff_digest_doc d = doc("az", 2, 1);
	buf b = BUF_INIT;
	char err[256] = "";
	ck_assert_int_eq(mail_compose_staff_digest(views, &d, &b, err, sizeof err), 0);
	const char *s = buf_cstr(&b);
	for (const char *p = s; *p; p++)
		ck_assert_msg((unsigned char)*p < 0x80, "8-bit byte at %ld", (long)(p - s));
	ck_assert_ptr_nonnull(strstr(s, "Subject: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(s, "Content-Type: text/plain; charset=UTF-8"));
	ck_assert_ptr_nonnull(strstr(s, "Content-Type: text/html; charset=UTF-8"));
	ck_assert_ptr_null(strstr(s, "text/calendar"));
	ck_assert_ptr_nonnull(strstr(s, "Message-ID: <k-staff@memocal.test>\r\n"));
	buf_free(&b);
	d.recipient = "a@b\r\nBcc: x@y"; /* never a header injection */
	ck_assert_int_ne(mail_compose_staff_digest(views, &d, &b, err, sizeof err), 0);
	buf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("staff_digest");
	TCase *tc = tcase_create("staff_digest");
	tcase_add_checked_fixture(tc, load, unload);
	tcase_add_test(tc, fill_count);
	tcase_add_test(tc, text_az);
	tcase_add_test(tc, text_en_plural_and_empty);
	tcase_add_test(tc, html_escaped);
	tcase_add_test(tc, message);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
