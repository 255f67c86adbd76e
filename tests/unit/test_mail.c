/* test_mail.c - unit tests for the mail builders: RFC 2047 headers, the MIME message, iTIP calendars. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cal/itip.h"
#include "cal/time.h"
#include "cal/week.h"
#include "mail/mime.h"
#include "util/buf.h"
#include "util/utf8.h"

#define AZ_TITLE "Şuranın iclası — Xəzər Universiteti və MİRAS (ə, ğ, ı, ö, ş, ç, ü, İ, Ə) uzun başlıq"

/* Decodes the encoded-words of a header value (as mail_encode_header_text wrote them) into out. */
static void decode_words(const char *s, buf *out)
{
	const char *p = s;
	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		const char *end = strstr(p, "?=");
		ck_assert_ptr_nonnull(end);
		unsigned char bin[256];
		size_t n = 0;
		ck_assert_int_eq(sodium_base642bin(bin, sizeof bin, p, (size_t)(end - p), NULL, &n, NULL,
		                                   sodium_base64_VARIANT_ORIGINAL), 0);
		/* each word holds whole characters (RFC 2047 5: a character is never split) */
		char word[257];
		memcpy(word, bin, n);
		word[n] = '\0';
		ck_assert_msg(utf8_valid(word, n), "a word splits a character");
		buf_append(out, bin, n);
		p = end + 2;
	}
}

static size_t longest_line(const char *s)
{
	size_t longest = 0;
	for (const char *line = s; *line;) {
		const char *nl = strstr(line, "\r\n");
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (n > longest)
			longest = n;
		line = nl ? nl + 2 : line + n;
	}
	return longest;
}

START_TEST(header_ascii_kept)
{
	buf b = BUF_INIT;
	mail_encode_header_text(&b, "Invitation: Board meeting", 9);
	ck_assert_str_eq(buf_cstr(&b), "Invitation: Board meeting");
	buf_free(&b);
}
END_TEST

/* Text that a reader would decode as an encoded word goes out encoded, and decodes to itself. */
START_TEST(header_encoded_word_lookalike_encoded)
{
	static const char lookalike[] = "=?utf-8?q?Boss_=3Cceo=40evil=2Eexample=3E?=";
	buf b = BUF_INIT, d = BUF_INIT;
	mail_encode_header_text(&b, lookalike, 9);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "=?UTF-8?B?"));
	decode_words(buf_cstr(&b), &d);
	ck_assert_str_eq(buf_cstr(&d), lookalike);
	buf_free(&b);
	buf_free(&d);
}
END_TEST

START_TEST(header_utf8_encoded_and_folded)
{
	buf b = BUF_INIT, d = BUF_INIT;
	mail_encode_header_text(&b, AZ_TITLE, 9);
	ck_assert_ptr_null(strchr(buf_cstr(&b), (int)(unsigned char)"ə"[0])); /* no raw 8-bit byte */
	/* "Subject: " and the first word, then each folded line, within 76 characters */
	const char *s = buf_cstr(&b), *nl = strstr(s, "\r\n");
	ck_assert_ptr_nonnull(nl); /* long enough to fold */
	ck_assert_uint_le((size_t)(nl - s) + 9, 76);
	ck_assert_uint_le(longest_line(nl + 2), 76);
	decode_words(buf_cstr(&b), &d);
	ck_assert_str_eq(buf_cstr(&d), AZ_TITLE);
	buf_free(&b);
	buf_free(&d);
}
END_TEST

static mail_message sample(void)
{
	mail_message m = {"calendar@memocal.test", "Xəzər və MİRAS", "aynur@example.test", "Aynur Məmmədova",
	                  "Dəvət: " AZ_TITLE, "<k1@memocal.test>", 1767225600, "text ə\n", "<p>html ə</p>",
	                  "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 31, "REQUEST"};
	return m;
}

START_TEST(message_shape)
{
	mail_message m = sample();
	buf b = BUF_INIT;
	ck_assert_int_eq(mail_message_build(&m, &b), 0);
	const char *s = buf_cstr(&b);
	ck_assert_uint_le(longest_line(s), 78);
	for (const char *p = s; *p; p++) /* 7-bit only: base64 bodies, encoded-words in headers */
		ck_assert_msg((unsigned char)*p < 0x80, "8-bit byte at %ld", (long)(p - s));
	ck_assert_ptr_nonnull(strstr(s, "Content-Type: multipart/mixed; boundary="));
	ck_assert_ptr_nonnull(strstr(s, "Content-Type: multipart/alternative; boundary="));
	ck_assert_ptr_nonnull(strstr(s, "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "Message-ID: <k1@memocal.test>\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "\r\n <aynur@example.test>\r\n"));
	buf_free(&b);
}
END_TEST

/* An address or method that could end a header line is refused: no header injection. */
START_TEST(message_refuses_injection)
{
	static const char *const bad[] = {"a@b\r\nBcc: x@y", "a b@c", "<a@b>", "", "a@b\n", "ä@b"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		mail_message m = sample();
		buf b = BUF_INIT;
		m.to = bad[i];
		ck_assert_int_eq(mail_message_build(&m, &b), -1);
		m = sample();
		m.from = bad[i];
		ck_assert_int_eq(mail_message_build(&m, &b), -1);
		m = sample();
		m.method = bad[i];
		ck_assert_int_eq(mail_message_build(&m, &b), -1);
		buf_free(&b);
	}
}
END_TEST

/* A name is one name: specials in an ASCII one are quoted, so "A <x@evil>, B" adds no second recipient. */
START_TEST(display_name_quoted)
{
	mail_message m = sample();
	m.to_name = "QD Target <qd.attacker@evil.example>, \"Real\" \\ x";
	buf b = BUF_INIT;
	ck_assert_int_eq(mail_message_build(&m, &b), 0);
	const char *s = buf_cstr(&b);
	ck_assert_msg(strstr(s, "To: \"QD Target <qd.attacker@evil.example>, \\\"Real\\\" \\\\ x\"\r\n <"),
	              "To header: %.200s", strstr(s, "To:"));
	buf_free(&b);
}
END_TEST

static series weekly(attendee *who, size_t n)
{
	series s = {0};
	s.id = 7;
	s.uid = "u7@memocal";
	s.title.en = "Board meeting";
	s.title.az = AZ_TITLE;
	s.tzid = "Asia/Baku";
	s.start_local = "2026-03-02 10:00:00";
	s.end_local = "2026-03-02 11:30:00";
	s.rrule = "FREQ=WEEKLY;COUNT=4";
	s.status = "confirmed";
	s.kind = "meeting";
	s.sequence = 3;
	s.created_at = s.updated_at = "2026-01-01 00:00:00+00";
	s.attendees = who;
	s.nattendees = n;
	return s;
}

static char *unfolded(char *ics)
{
	/* RFC 5545 unfolding: CRLF and one space go */
	char *w = ics;
	for (char *r = ics; *r;) {
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ')
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return ics;
}

START_TEST(itip_request)
{
	attendee who[] = {{1, 11, {"Aynur", "Aynur"}, "Aynur@Example.test", "chair", "needs-action", 0},
	                  {2, 12, {"Tom", "Tom"}, "tom@example.test", "required", "accepted", 0}};
	series s = weekly(who, 2);
	itip_doc d = {"REQUEST", &s, NULL, "az", "https://m.test", "Onlayn", "calendar@memocal.test", "Xəzər",
	              "aynur@example.test", "Aynur"};
	size_t len = 0;
	char err[200] = "";
	char *ics = cal_itip_build(&d, &len, err, sizeof err);
	ck_assert_msg(ics != NULL, "%s", err);
	unfolded(ics);
	ck_assert_ptr_nonnull(strstr(ics, "METHOD:REQUEST\r\n"));
	ck_assert_ptr_null(strstr(ics, "METHOD:PUBLISH"));
	ck_assert_ptr_null(strstr(ics, "X-WR-CALNAME"));
	ck_assert_ptr_nonnull(strstr(ics, "UID:u7@memocal\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "SEQUENCE:3\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "ORGANIZER;CN=Xəzər:mailto:calendar@memocal.test\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "SUMMARY:" "Şuranın iclası"));
	/* the recipient's own line (matched without regard to case) asks for a reply; Tom's does not */
	char *mine = strstr(ics, "mailto:Aynur@Example.test");
	ck_assert_ptr_nonnull(mine);
	char *line = mine;
	while (line > ics && !(line[-1] == '\n'))
		line--;
	ck_assert_ptr_nonnull(strstr(line, "RSVP=TRUE"));
	ck_assert(strstr(line, "RSVP=TRUE") < mine);
	char *toms = strstr(ics, "mailto:tom@example.test");
	ck_assert_ptr_nonnull(toms);
	while (toms > ics && toms[-1] != '\n')
		toms--;
	ck_assert(strstr(toms, "RSVP") == NULL || strstr(toms, "RSVP") > strstr(toms, "\r\n"));
	free(ics);
}
END_TEST

START_TEST(itip_cancel_one)
{
	series s = weekly(NULL, 0);
	itip_doc d = {"CANCEL", &s, "2026-03-09 10:00:00", "en", "https://m.test", "Online", "calendar@memocal.test",
	              NULL, "tom@example.test", "Tom Baker"};
	size_t len = 0;
	char err[200] = "";
	char *ics = cal_itip_build(&d, &len, err, sizeof err);
	ck_assert_msg(ics != NULL, "%s", err);
	unfolded(ics);
	ck_assert_ptr_nonnull(strstr(ics, "METHOD:CANCEL\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "RECURRENCE-ID;TZID=Asia/Baku:20260309T100000\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "DTSTART;TZID=Asia/Baku:20260309T100000\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "STATUS:CANCELLED\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "SEQUENCE:3\r\n"));
	ck_assert_ptr_null(strstr(strstr(ics, "BEGIN:VEVENT"), "RRULE")); /* a VTIMEZONE may have rules */
	/* the recipient is named even when the series no longer lists them */
	ck_assert_ptr_nonnull(strstr(ics, "ATTENDEE;CN=Tom Baker;CUTYPE=INDIVIDUAL:mailto:tom@example.test\r\n"));
	ck_assert_ptr_null(strstr(ics, "RSVP"));
	free(ics);
}
END_TEST

START_TEST(itip_cancel_zero_sequence_written)
{
	series s = weekly(NULL, 0);
	s.sequence = 0;
	itip_doc d = {"CANCEL", &s, NULL, "en", "https://m.test", "Online", "c@m.test", NULL, "t@e.test", NULL};
	size_t len = 0;
	char err[200] = "";
	char *ics = cal_itip_build(&d, &len, err, sizeof err);
	ck_assert_msg(ics != NULL, "%s", err);
	/* RFC 5546 3.2.5 wants SEQUENCE in a CANCEL even at 0 (the feed leaves a 0 out) */
	ck_assert_ptr_nonnull(strstr(ics, "SEQUENCE:0\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
	free(ics);
}
END_TEST

/* The weekly digest's ISO weeks (years with 52 and 53 weeks, a week in two years) and its due window. */
START_TEST(digest_week)
{
	static const struct { cal_local d; int wd; const char *week; } cases[] = {
		{{2026, 1, 1, 0, 0, 0}, 4, "2026-W01"},  /* a Thursday: week 1 is its own */
		{{2024, 12, 30, 0, 0, 0}, 1, "2025-W01"}, /* a Monday of the next year's week 1 */
		{{2027, 1, 1, 0, 0, 0}, 5, "2026-W53"},  /* 2026 has 53 weeks */
		{{2021, 1, 3, 0, 0, 0}, 7, "2020-W53"},
		{{2026, 12, 6, 0, 0, 0}, 7, "2026-W49"},
		{{1969, 12, 31, 0, 0, 0}, 3, "1970-W01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char w[12];
		cal_iso_week(cases[i].d, w);
		ck_assert_int_eq(cal_iso_weekday(cases[i].d), cases[i].wd);
		ck_assert_str_eq(w, cases[i].week);
	}
	/* Monday 2026-12-07 07:00 in Baku (UTC+4) is 03:00Z */
	cal_local mon = {2026, 12, 7, 3, 0, 0};
	long long at = cal_local_to_utc(mon, "UTC");
	cal_week_window win;
	ck_assert(!cal_week_due(at - 1, 1, 7, "Asia/Baku", &win));
	ck_assert(cal_week_due(at, 1, 7, "Asia/Baku", &win));
	ck_assert_int_eq(win.from_utc, at);
	ck_assert_int_eq(win.to_utc, at + 7 * 86400 - 7 * 3600); /* Monday 14 December 00:00 in Baku */
	ck_assert_str_eq(win.week, "2026-W50");
	ck_assert(cal_week_due(at + 86399, 1, 7, "Asia/Baku", &win));
	ck_assert(!cal_week_due(at + 86400, 1, 7, "Asia/Baku", &win));
	ck_assert(!cal_week_due(at, 0, 7, "Asia/Baku", &win)); /* 0: no digests */
	ck_assert(!cal_week_due(at, 2, 7, "Asia/Baku", &win)); /* Tuesday's has not come */
	/* a week with a change of clocks still ends at the wall clock's midnight */
	cal_local sun = {2026, 3, 22, 9, 0, 0};
	ck_assert(cal_week_due(cal_local_to_utc(sun, "Europe/Berlin"), 7, 9, "Europe/Berlin", &win));
	ck_assert_int_eq(win.to_utc - win.from_utc, 7 * 86400 - 9 * 3600);
}
END_TEST

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	cal_init();
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("mail");
	tcase_add_test(tc, header_ascii_kept);
	tcase_add_test(tc, header_utf8_encoded_and_folded);
	tcase_add_test(tc, header_encoded_word_lookalike_encoded);
	tcase_add_test(tc, message_shape);
	tcase_add_test(tc, message_refuses_injection);
	tcase_add_test(tc, display_name_quoted);
	tcase_add_test(tc, itip_request);
	tcase_add_test(tc, itip_cancel_one);
	tcase_add_test(tc, itip_cancel_zero_sequence_written);
	tcase_add_test(tc, digest_week);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
