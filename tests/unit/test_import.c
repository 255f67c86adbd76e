/* test_import.c - unit tests for reading .ics files into series: the mapping, and the line of each problem. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/ical.h"
#include "cal/import.h"
#include "cal/time.h"
#include "cal/windows_zones.h"
#include "util/arena.h"

/* the configuration's defaults */
static const cal_import_limits test_limits = {48, 8784};

static arena A;

static void setup(void)
{
	cal_init();
	arena_init(&A, 4096);
}

static void teardown(void)
{
	arena_free(&A);
	cal_shutdown();
}

/* Lines 1-3 of every test file; events start on line 4. */
#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//memocal//test//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"
#define L(x) x "\r\n"

static const series *parse_ok(const char *text, cal_import *out)
{
	cal_import_problem why;
	int rc = cal_import_parse(&A, text, strlen(text), &test_limits, out, &why);
	ck_assert_msg(rc == 0, "refused: %s at line %d (%s)", cal_import_error_key(why.code), why.line,
	              why.detail ? why.detail : "");
	ck_assert_uint_ge(out->n, 1);
	return &out->list[0];
}

static const char GOOD[] = HEAD
	L("BEGIN:VEVENT")                                                 /* 4 */
	L("UID:board-weekly@test")
	L("DTSTAMP:20300101T000000Z")
	L("DTSTART;TZID=Asia/Baku:20310106T100000")
	L("DTEND;TZID=Asia/Baku:20310106T113000")
	L("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8")
	L("EXDATE;TZID=Asia/Baku:20310120T100000")
	L("EXDATE:20310210T060000Z,20310217T060000Z")                   /* UTC 06:00 = 10:00 in Baku */
	L("RDATE;TZID=Europe/Berlin:20310122T120000")                  /* 12:00 CET = 15:00 in Baku */
	L("SUMMARY;LANGUAGE=en:Weekly board meeting")
	L("SUMMARY;LANGUAGE=az:Həftəlik idarə heyəti iclası")
	L("DESCRIPTION:Agenda: projects\\, students\\nand PICASP")
	L("LOCATION:Khazar University\\, room 104")
	L("URL:https://example.org/board")
	L("STATUS:TENTATIVE")
	L("ATTENDEE;CN=Irada Khalilova;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:Irada.Khalilova@Example.org")
	L("ATTENDEE;CN=\"Guest: Someone\";ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE:MAILTO:guest@example.org")
	L("ATTENDEE;CUTYPE=GROUP;CN=Students of the PICASP project:mailto:picasp-stud")
	L(" ents@example.org")
	L("ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=DECLINED:mailto:plain@example.org")
	L("ATTENDEE;CN=Irada again:mailto:irada.khalilova@example.org") /* the same address: once */
	L("BEGIN:VALARM")
	L("ACTION:DISPLAY")
	L("DESCRIPTION:Reminder")
	L("TRIGGER:-PT15M")
	L("END:VALARM")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:board-weekly@test")
	L("RECURRENCE-ID;TZID=Asia/Baku:20310127T100000")
	L("DTSTART;TZID=Asia/Baku:20310128T150000")
	L("DTEND;TZID=Asia/Baku:20310128T163000")
	L("SUMMARY:Board meeting (moved)")
	L("LOCATION:MIRAS office")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:board-weekly@test")
	L("RECURRENCE-ID:20310203T060000Z")
	L("STATUS:CANCELLED")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:board-weekly@test")
	L("RECURRENCE-ID;TZID=Asia/Baku:20310224T100000")
	L("DTSTART;TZID=Asia/Baku:20310224T100000")
	L("DTEND;TZID=Asia/Baku:20310224T113000")
	L("SUMMARY;LANGUAGE=en:Weekly board meeting")
	L("SUMMARY;LANGUAGE=az:Həftəlik idarə heyəti iclası")
	L("LOCATION:Khazar University\\, room 104")
	L("END:VEVENT")
	L("BEGIN:VEVENT")                                                 /* 53 */
	L("UID:festival@test")
	L("DTSTART;VALUE=DATE:20310310")
	L("DTEND;VALUE=DATE:20310313")
	L("SUMMARY;LANGUAGE=az:Miras festivalı")
	L("URL:tel:+994123456789")
	L("END:VEVENT")
	TAIL;

/* A memocal feed imported again: its deadline events are not meetings, a reader's secret address is no meeting
 * link (the CONFERENCE is), and the language it leaves out is kept by an update. */
static const char MEMOCAL_EXPORT[] = HEAD
	L("BEGIN:VEVENT")
	L("UID:Zk3x9@memocal")
	L("DTSTART;TZID=Asia/Baku:20310106T100000")
	L("DTEND;TZID=Asia/Baku:20310106T110000")
	L("SUMMARY;LANGUAGE=en:Board meeting")
	L("URL:https://cal.example.org/board/6l-twU0GzIl6ttyR8YTVYeSjAE4HSG5d7404_30Rw4A/series/12")
	L("CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Online meeting:https://meet.example.org/abc-def")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:memorandum-6-notice@memocal")
	L("DTSTART;VALUE=DATE:20281030")
	L("SUMMARY;LANGUAGE=en:Last day to give notice")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:action-17-due@memocal")
	L("DTSTART;VALUE=DATE:20270115")
	L("SUMMARY:Send the plan")
	L("END:VEVENT")
	L("BEGIN:VEVENT")
	L("UID:other@example.org")
	L("DTSTART;TZID=Asia/Baku:20310107T100000")
	L("DTEND;TZID=Asia/Baku:20310107T110000")
	L("SUMMARY:Other")
	L("URL:https://cal.example.org/feeds/6l-twU0GzIl6ttyR8YTVYeSjAE4HSG5d7404_30Rw4A.ics")
	L("END:VEVENT")
	TAIL;

/* Outlook's "Customized Time Zone": the file defines the zone itself (here US Eastern's rules); read as the known
 * zone with the same offsets, so the meeting keeps its instant. One that matches no known zone is refused. */
#define CUSTOM_ZONE(tzid, std, dst) \
	L("BEGIN:VTIMEZONE") L("TZID:" tzid) L("BEGIN:STANDARD") L("DTSTART:16010101T020000") \
	L("TZOFFSETFROM:" dst) L("TZOFFSETTO:" std) L("RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11") L("END:STANDARD") \
	L("BEGIN:DAYLIGHT") L("DTSTART:16010101T020000") L("TZOFFSETFROM:" std) L("TZOFFSETTO:" dst) \
	L("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3") L("END:DAYLIGHT") L("END:VTIMEZONE")
static const char CUSTOM[] = HEAD CUSTOM_ZONE("Customized Time Zone", "-0500", "-0400")
	L("BEGIN:VEVENT")
	L("UID:custom@example.org")
	L("DTSTART;TZID=\"Customized Time Zone\":20270310T090000")
	L("DTEND;TZID=\"Customized Time Zone\":20270310T100000")
	L("SUMMARY:Board call")
	L("END:VEVENT")
	TAIL;
static const char CUSTOM_ODD[] = HEAD CUSTOM_ZONE("Odd Zone", "-0517", "-0417")
	L("BEGIN:VEVENT")
	L("UID:odd@example.org")
	L("DTSTART;TZID=Odd Zone:20270310T090000")
	L("DTEND;TZID=Odd Zone:20270310T100000")
	L("SUMMARY:Board call")
	L("END:VEVENT")
	TAIL;

START_TEST(import_custom_zone)
{
	cal_import imp;
	const series *s = parse_ok(CUSTOM, &imp);
	ck_assert_uint_eq(imp.n, 1);
	ck_assert_str_eq(s->tzid, "America/New_York");
	ck_assert_str_eq(s->start_local, "2027-03-10 09:00:00");
	cal_import_problem why;
	ck_assert_int_eq(cal_import_parse(&A, CUSTOM_ODD, strlen(CUSTOM_ODD), &test_limits, &imp, &why), -1);
	ck_assert_str_eq(cal_import_error_key(why.code), "import.error.unknown_zone");
}
END_TEST

START_TEST(import_memocal_export)
{
	cal_import imp;
	const series *s = parse_ok(MEMOCAL_EXPORT, &imp);
	ck_assert_uint_eq(imp.n, 2);
	ck_assert_uint_eq(imp.skipped, 2);
	ck_assert_str_eq(s[0].uid, "Zk3x9@memocal");
	ck_assert_str_eq(s[0].location_url, "https://meet.example.org/abc-def");
	ck_assert_uint_eq(imp.keep[0], CAL_KEEP_TITLE_AZ);
	ck_assert_str_eq(s[1].uid, "other@example.org");
	ck_assert_ptr_null(s[1].location_url);
	ck_assert_uint_eq(imp.keep[1], 0); /* a text without a language is both */
	ck_assert(cal_import_generated_uid("memorandum-12-expires@memocal"));
	ck_assert(!cal_import_generated_uid("memorandum-12@memocal"));
	ck_assert(!cal_import_generated_uid("action-7-due@memocal.example"));
	ck_assert(!cal_import_generated_uid("action-x-due@memocal"));
}
END_TEST

START_TEST(import_maps_the_master)
{
	cal_import imp;
	const series *s = parse_ok(GOOD, &imp);
	ck_assert_uint_eq(imp.n, 2); /* overrides are not series of their own */
	ck_assert_int_eq(imp.lines[0], 4);
	ck_assert_int_eq(imp.lines[1], 53);
	ck_assert_str_eq(s->uid, "board-weekly@test");
	ck_assert_str_eq(s->title.en, "Weekly board meeting");
	ck_assert_str_eq(s->title.az, "Həftəlik idarə heyəti iclası");
	ck_assert_str_eq(s->description.en, "Agenda: projects, students\nand PICASP");
	ck_assert_str_eq(s->description.az, s->description.en);
	ck_assert_str_eq(s->location, "Khazar University, room 104");
	ck_assert_str_eq(s->location_url, "https://example.org/board");
	ck_assert_str_eq(s->tzid, "Asia/Baku");
	ck_assert(!s->all_day);
	ck_assert_str_eq(s->start_local, "2031-01-06 10:00:00");
	ck_assert_str_eq(s->end_local, "2031-01-06 11:30:00");
	ck_assert_str_eq(s->rrule, "FREQ=WEEKLY;BYDAY=MO;COUNT=8");
	ck_assert_str_eq(s->status, "tentative");
	ck_assert_uint_eq(s->nexdates, 3);
	ck_assert_str_eq(s->exdates[0], "2031-01-20 10:00:00");
	ck_assert_str_eq(s->exdates[1], "2031-02-10 10:00:00");
	ck_assert_str_eq(s->exdates[2], "2031-02-17 10:00:00");
	ck_assert_uint_eq(s->nrdates, 1);
	ck_assert_str_eq(s->rdates[0], "2031-01-22 15:00:00");
	ck_assert_ptr_null(s->kind); /* the store decides */
	ck_assert_int_eq(s->id, 0);
}
END_TEST

START_TEST(import_maps_attendees)
{
	cal_import imp;
	const series *s = parse_ok(GOOD, &imp);
	ck_assert_uint_eq(s->nattendees, 4);
	const attendee *a = s->attendees;
	ck_assert_str_eq(a[0].name.en, "Irada Khalilova");
	ck_assert_str_eq(a[0].name.az, "Irada Khalilova");
	ck_assert_str_eq(a[0].email, "irada.khalilova@example.org"); /* lower case, for matching */
	ck_assert_str_eq(a[0].role, "chair");
	ck_assert_str_eq(a[0].partstat, "accepted");
	ck_assert_int_eq(a[0].person_id, 0);
	ck_assert_str_eq(a[1].name.en, "Guest: Someone");
	ck_assert_str_eq(a[1].email, "guest@example.org");
	ck_assert_str_eq(a[1].role, "optional");
	ck_assert_str_eq(a[1].partstat, "tentative");
	ck_assert_str_eq(a[2].name.en, "Students of the PICASP project"); /* CUTYPE=GROUP: a group, never a person */
	ck_assert_ptr_null(a[2].email);
	ck_assert_str_eq(a[2].role, "required");
	ck_assert_str_eq(a[2].partstat, "needs-action");
	ck_assert_str_eq(a[3].name.en, "plain@example.org"); /* no CN: the address names them */
	ck_assert_str_eq(a[3].email, "plain@example.org");
	ck_assert_str_eq(a[3].role, "optional");
	ck_assert_str_eq(a[3].partstat, "declined");
}
END_TEST

START_TEST(import_maps_overrides)
{
	cal_import imp;
	const series *s = parse_ok(GOOD, &imp);
	ck_assert_uint_eq(s->noverrides, 3);
	const series_override *o = s->overrides;
	ck_assert_str_eq(o[0].recurrence_id, "2031-01-27 10:00:00");
	ck_assert(!o[0].cancelled);
	ck_assert_str_eq(o[0].start_local, "2031-01-28 15:00:00");
	ck_assert_str_eq(o[0].end_local, "2031-01-28 16:30:00");
	ck_assert_str_eq(o[0].title.en, "Board meeting (moved)");
	ck_assert_str_eq(o[0].title.az, "Board meeting (moved)");
	ck_assert_str_eq(o[0].location, "MIRAS office");
	/* RECURRENCE-ID in UTC names the 10:00 Baku occurrence; STATUS:CANCELLED alone cancels it */
	ck_assert_str_eq(o[1].recurrence_id, "2031-02-03 10:00:00");
	ck_assert(o[1].cancelled);
	ck_assert_ptr_null(o[1].start_local);
	ck_assert_ptr_null(o[1].title.en);
	ck_assert_ptr_null(o[1].location);
	/* the same time, title and place as the series: nothing is changed */
	ck_assert_str_eq(o[2].recurrence_id, "2031-02-24 10:00:00");
	ck_assert(!o[2].cancelled);
	ck_assert_ptr_null(o[2].start_local);
	ck_assert_ptr_null(o[2].end_local);
	ck_assert_ptr_null(o[2].title.en);
	ck_assert_ptr_null(o[2].location);
}
END_TEST

START_TEST(import_maps_all_day)
{
	cal_import imp;
	parse_ok(GOOD, &imp);
	const series *s = &imp.list[1];
	ck_assert(s->all_day);
	ck_assert_str_eq(s->tzid, CAL_DEFAULT_TZID);
	ck_assert_str_eq(s->start_local, "2031-03-10 00:00:00");
	ck_assert_str_eq(s->end_local, "2031-03-13 00:00:00"); /* exclusive: three days */
	ck_assert_str_eq(s->title.en, "Miras festivalı");      /* one language only: both get it */
	ck_assert_str_eq(s->title.az, "Miras festivalı");
	ck_assert_ptr_null(s->location_url);                   /* tel: is not a place */
	ck_assert_ptr_null(s->rrule);
	ck_assert_str_eq(s->status, "confirmed");
	ck_assert_uint_eq(s->nattendees, 0);
}
END_TEST

/* LF line ends, a byte order mark, folding in odd places, lower-case names: the same result. */
START_TEST(import_lf_bom_and_folding)
{
	static const char text[] = "\xEF\xBB\xBF"
		"BEGIN:VCALENDAR\nVERSION:2.0\nbegin:vevent\nuid:lf@te\n st\n"
		"DTSTART;TZID=/freeassociation.sourceforge.net/Asia/Baku:20310106T1\n\t00000\n"
		"DURATION:PT1H30M\nSUMMARY:Folded in the middle of ə: Xə\n zər\nend:vevent\nEND:VCALENDAR\n";
	cal_import imp;
	const series *s = parse_ok(text, &imp);
	ck_assert_str_eq(s->uid, "lf@test");
	ck_assert_str_eq(s->tzid, "Asia/Baku");
	ck_assert_str_eq(s->start_local, "2031-01-06 10:00:00");
	ck_assert_str_eq(s->end_local, "2031-01-06 11:30:00");
	ck_assert_str_eq(s->title.en, "Folded in the middle of ə: Xəzər");
}
END_TEST

/* Outlook and Exchange write Windows zone names; CLDR's table gives the IANA zone (any case). */
START_TEST(import_windows_zones)
{
	static const char text[] = HEAD
		L("BEGIN:VEVENT") L("UID:berlin@test") L("DTSTART;TZID=W. Europe Standard Time:20310106T100000")
		L("DTEND;TZID=W. Europe Standard Time:20310106T110000") L("SUMMARY:Berlin") L("END:VEVENT")
		L("BEGIN:VEVENT") L("UID:baku@test") L("DTSTART;TZID=azerbaijan standard time:20310106T100000")
		L("DTEND;TZID=azerbaijan standard time:20310106T110000") L("SUMMARY:Baku") L("END:VEVENT")
		TAIL;
	cal_import imp;
	const series *s = parse_ok(text, &imp);
	ck_assert_uint_eq(imp.n, 2);
	ck_assert_str_eq(s[0].tzid, "Europe/Berlin");
	ck_assert_str_eq(s[0].start_local, "2031-01-06 10:00:00");
	ck_assert_str_eq(s[1].tzid, "Asia/Baku");
	ck_assert_str_eq(cal_windows_zone("Pacific Standard Time"), "America/Los_Angeles");
	ck_assert_ptr_null(cal_windows_zone("Mars Standard Time"));
	ck_assert_ptr_null(cal_windows_zone(NULL));
}
END_TEST

START_TEST(import_zones)
{
	static const char text[] = HEAD
		L("BEGIN:VEVENT") L("UID:utc@test") L("DTSTART:20310106T080000Z") L("DURATION:P1DT2H")
		L("EXDATE;TZID=Asia/Baku:20310108T120000") L("SUMMARY:UTC") L("RRULE:FREQ=DAILY;COUNT=3") L("END:VEVENT")
		L("BEGIN:VEVENT") L("UID:floating@test") L("DTSTART:20310106T080000") L("DTEND:20310106T090000")
		L("SUMMARY;LANGUAGE=en-GB:Floating") L("SUMMARY:Üzən") L("END:VEVENT")
		L("BEGIN:VEVENT") L("UID:date@test") L("DTSTART;VALUE=DATE:20310106") L("SUMMARY;LANGUAGE=az:Bir gün")
		L("DESCRIPTION;LANGUAGE=az:Təsvir") L("DESCRIPTION;LANGUAGE=en:Description") L("END:VEVENT")
		L("BEGIN:VEVENT") L("UID:berlin@test") L("DTSTART;TZID=Europe/Berlin:20310330T023000")
		L("DTEND;TZID=Europe/Berlin:20310330T040000") L("EXDATE;VALUE=DATE:20310406")
		L("RRULE:FREQ=WEEKLY") L("SUMMARY:Berlin") L("END:VEVENT")
		TAIL;
	cal_import imp;
	parse_ok(text, &imp);
	ck_assert_uint_eq(imp.n, 4);
	const series *u = &imp.list[0], *f = &imp.list[1], *d = &imp.list[2], *b = &imp.list[3];
	ck_assert_str_eq(u->tzid, "UTC"); /* a time in UTC stays in UTC */
	ck_assert_str_eq(u->start_local, "2031-01-06 08:00:00");
	ck_assert_str_eq(u->end_local, "2031-01-07 10:00:00");
	ck_assert_str_eq(u->exdates[0], "2031-01-08 08:00:00"); /* 12:00 in Baku is 08:00 UTC */
	ck_assert_str_eq(f->tzid, "Asia/Baku");                 /* floating: memocal's default zone */
	ck_assert_str_eq(f->start_local, "2031-01-06 08:00:00");
	ck_assert_str_eq(f->title.en, "Floating");
	ck_assert_str_eq(f->title.az, "Üzən");
	ck_assert(d->all_day);
	ck_assert_str_eq(d->end_local, "2031-01-07 00:00:00"); /* a date without an end: that day */
	ck_assert_str_eq(d->title.en, "Bir gün");
	ck_assert_str_eq(d->description.en, "Description");
	ck_assert_str_eq(d->description.az, "Təsvir");
	ck_assert_str_eq(b->tzid, "Europe/Berlin");
	ck_assert_str_eq(b->start_local, "2031-03-30 02:30:00"); /* wall clock as written, even in the DST gap */
	ck_assert_str_eq(b->exdates[0], "2031-04-06 02:30:00");   /* a date in a timed series: that day at its time */
}
END_TEST

/* Each bad file: the error and the line an editor finds it on. */
static const struct bad_case {
	const char *what;
	const char *text;
	enum cal_import_error code;
	int line;
} bad_cases[] = {
	{"a line without a colon", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("this line has no colon")
	 L("END:VEVENT") TAIL, CAL_IMPORT_NO_COLON, 6},
	{"a line without a colon after folded lines", HEAD L("BEGIN:VEVENT") L("UID:x@") L(" test") L("DESCRIPTION:a")
	 L(" b") L(" c") L("no colon") L("END:VEVENT") TAIL, CAL_IMPORT_NO_COLON, 10},
	{"a bad DTSTART value (month 13)", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("SUMMARY:x")
	 L("DTSTART:20311301T100000") L("DTEND:20311301T110000") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_TIME, 7},
	{"a bad DTSTART value (dashes)", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:2031-01-06")
	 L("END:VEVENT") TAIL, CAL_IMPORT_BAD_TIME, 6},
	{"a DTSTART libical cannot read", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:tomorrow")
	 L("END:VEVENT") TAIL, CAL_IMPORT_BAD_VALUE, 6},
	{"VALUE=DATE with a time", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART;VALUE=DATE:20310106T100000")
	 L("END:VEVENT") TAIL, CAL_IMPORT_BAD_TIME, 6},
	{"an invalid RRULE", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND:20310106T110000Z") L("RRULE:FREQ=WEEKLY;BYDAY=XX") L("SUMMARY:x") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_RRULE, 8},
	{"an RRULE with an unknown FREQ", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("RRULE:FREQ=SOMETIMES")
	 L("END:VEVENT") TAIL, CAL_IMPORT_BAD_RRULE, 6},
	{"a rule that can never fall on its start's day", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("DTSTART;VALUE=DATE:20310106") L("RRULE:FREQ=HOURLY") L("SUMMARY:x") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_RRULE, 7},
	{"a VEVENT without DTSTART", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("SUMMARY:x") L("END:VEVENT") TAIL,
	 CAL_IMPORT_NO_DTSTART, 4},
	{"END:VTODO closing a VEVENT", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("END:VTODO") TAIL,
	 CAL_IMPORT_END_MISMATCH, 6},
	{"END:VCALENDAR with a VEVENT open", HEAD L("BEGIN:VEVENT") L("UID:x@test") TAIL, CAL_IMPORT_END_MISMATCH, 6},
	{"a file that stops inside an event", HEAD L("BEGIN:VEVENT") L("UID:x@test"), CAL_IMPORT_UNCLOSED, 4},
	{"END without BEGIN", HEAD TAIL L("END:VCALENDAR"), CAL_IMPORT_END_MISMATCH, 5},
	{"an event without UID", HEAD L("BEGIN:VEVENT") L("DTSTART:20310106T100000Z") L("SUMMARY:x") L("END:VEVENT")
	 TAIL, CAL_IMPORT_NO_UID, 4},
	{"the second event without UID", HEAD L("BEGIN:VEVENT") L("UID:a@test") L("DTSTART;VALUE=DATE:20310106")
	 L("SUMMARY:a") L("END:VEVENT") L("BEGIN:VEVENT") L("SUMMARY:b") L("END:VEVENT") TAIL, CAL_IMPORT_NO_UID, 9},
	{"a UID of two characters", HEAD L("BEGIN:VEVENT") L("UID:ab") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_UID, 5},
	{"two events with one UID", HEAD L("BEGIN:VEVENT") L("UID:a@test") L("DTSTART;VALUE=DATE:20310106")
	 L("SUMMARY:a") L("END:VEVENT") L("BEGIN:VEVENT") L("UID:a@test") L("DTSTART;VALUE=DATE:20310107")
	 L("SUMMARY:b") L("END:VEVENT") TAIL, CAL_IMPORT_DUPLICATE_UID, 9},
	{"an event without SUMMARY", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART;VALUE=DATE:20310106")
	 L("END:VEVENT") TAIL, CAL_IMPORT_NO_SUMMARY, 4},
	{"an unknown TZID", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("DTSTART;TZID=Mars Standard Time:20310106T100000") L("END:VEVENT") TAIL, CAL_IMPORT_UNKNOWN_ZONE, 6},
	{"a timed event without an end", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_NO_END, 6},
	{"an end before the start", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND:20310106T090000Z") L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_END, 7},
	{"a date DTEND for a timed DTSTART", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND;VALUE=DATE:20310107") L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_END, 7},
	{"DTEND and DURATION", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND:20310106T110000Z") L("DURATION:PT1H") L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_END, 8},
	{"hours in an all-day event", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART;VALUE=DATE:20310106")
	 L("DURATION:PT1H") L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_END, 7},
	{"two DTSTARTs", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTSTART:20310107T100000Z") L("END:VEVENT") TAIL, CAL_IMPORT_DUPLICATE_PROPERTY, 7},
	{"an unknown STATUS", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("STATUS:NEEDS-ACTION") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_STATUS, 6},
	{"RDATE as a period", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("RDATE;VALUE=PERIOD:20310106T100000Z/PT1H") L("END:VEVENT") TAIL, CAL_IMPORT_UNSUPPORTED, 6},
	{"RANGE=THISANDFUTURE", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("RECURRENCE-ID;RANGE=THISANDFUTURE:20310106T100000Z") L("END:VEVENT") TAIL, CAL_IMPORT_UNSUPPORTED, 6},
	{"an attendee with neither name nor address", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("ATTENDEE:urn:uuid:1234") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_ATTENDEE, 6},
	/* libical writes a year after 3000 as 00000000T000000: such a time would break the feed (tests/fuzz/ics) */
	{"an RDATE after the year 2582", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND:20310106T110000Z") L("RDATE;TZID=Europe/Berlin:40480820T120000") L("SUMMARY:x") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_TIME, 8},
	{"a DTSTART after the year 2582", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART;VALUE=DATE:25830101")
	 L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_TIME, 6},
	{"a DURATION that ends after the year 2583", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:25820101T100000Z")
	 L("DURATION:P500W") L("SUMMARY:x") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_END, 7},
	/* libical drops the byte after an unknown escape, which would leave half a letter (tests/fuzz/ics) */
	{"a backslash before a letter that is not ASCII", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("SUMMARY:Universiteti: \\\xc9\x99z\xc9\x99r") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_VALUE, 6},
	{"a backslash before a letter that is not ASCII, in a UID", HEAD L("BEGIN:VEVENT") L("UID:x\\\xc9\x99@test")
	 L("END:VEVENT") TAIL, CAL_IMPORT_BAD_VALUE, 5},
	{"a parameter libical cannot read", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("DTSTART;TZID:20310106T100000") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_VALUE, 6},
	{"an override of an event not in the file", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("RECURRENCE-ID:20310106T100000Z") L("STATUS:CANCELLED") L("END:VEVENT") TAIL, CAL_IMPORT_ORPHAN_OVERRIDE, 4},
	{"two overrides of one occurrence", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART:20310106T100000Z")
	 L("DTEND:20310106T110000Z") L("RRULE:FREQ=DAILY;COUNT=3") L("SUMMARY:x") L("END:VEVENT") L("BEGIN:VEVENT")
	 L("UID:x@test") L("RECURRENCE-ID:20310107T100000Z") L("STATUS:CANCELLED") L("END:VEVENT") L("BEGIN:VEVENT")
	 L("UID:x@test") L("RECURRENCE-ID:20310107T100000Z") L("STATUS:CANCELLED") L("END:VEVENT") TAIL,
	 CAL_IMPORT_DUPLICATE_OVERRIDE, 16},
	{"a title over 300 characters", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("SUMMARY:0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	   "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	   "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X")
	 L("END:VEVENT") TAIL, CAL_IMPORT_TOO_LONG, 6},
	{"text that is not UTF-8", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("SUMMARY:X\xe9zer") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_UTF8, 6},
	{"a control character", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("SUMMARY:a\x01" "b") L("END:VEVENT") TAIL,
	 CAL_IMPORT_CONTROL, 6},
	{"a lone CR inside a line", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("SUMMARY:a\rb") L("END:VEVENT") TAIL,
	 CAL_IMPORT_CONTROL, 6},
	{"a property name with a space", HEAD L("BEGIN:VEVENT") L("UID:x@test") L("X FOO:bar") L("END:VEVENT") TAIL,
	 CAL_IMPORT_BAD_NAME, 6},
	{"a folded line at the very start", L(" BEGIN:VCALENDAR") TAIL, CAL_IMPORT_BAD_NAME, 1},
	{"text before BEGIN:VCALENDAR", L("Hello") L("BEGIN:VCALENDAR") TAIL, CAL_IMPORT_NO_COLON, 1},
	{"a property before BEGIN:VCALENDAR", L("VERSION:2.0") HEAD TAIL, CAL_IMPORT_NOT_CALENDAR, 1},
	{"a VEVENT without VCALENDAR", L("BEGIN:VEVENT") L("UID:x@test") L("END:VEVENT"), CAL_IMPORT_NOT_CALENDAR, 1},
	{"an empty file", "", CAL_IMPORT_EMPTY, 0},
	{"only blank lines", "\r\n\n\r\n", CAL_IMPORT_EMPTY, 0},
	{"a calendar without events", HEAD L("BEGIN:VTODO") L("UID:x@test") L("END:VTODO") TAIL, CAL_IMPORT_NO_EVENTS, 0},
	{"the first problem wins: a bad value before a bad structure", HEAD L("BEGIN:VEVENT") L("UID:x@test")
	 L("DTSTART:20311301T100000Z") L("no colon") L("END:VEVENT") TAIL, CAL_IMPORT_BAD_TIME, 6},
};

START_TEST(import_bad_table)
{
	const struct bad_case *t = &bad_cases[_i];
	cal_import imp;
	cal_import_problem why;
	int rc = cal_import_parse(&A, t->text, strlen(t->text), &test_limits, &imp, &why);
	ck_assert_msg(rc == -1, "%s: accepted", t->what);
	ck_assert_msg(why.code == t->code && why.line == t->line, "%s: %s at line %d (%s), wanted %s at line %d", t->what,
	              cal_import_error_key(why.code), why.line, why.detail ? why.detail : "",
	              cal_import_error_key(t->code), t->line);
}
END_TEST

START_TEST(import_problem_details)
{
	cal_import imp;
	cal_import_problem why;
	static const char rrule[] = HEAD L("BEGIN:VEVENT") L("UID:x@test") L("RRULE:FREQ=WEEKLY;BYDAY=XX") L("END:VEVENT")
		TAIL;
	ck_assert_int_eq(cal_import_parse(&A, rrule, sizeof rrule - 1, &test_limits, &imp, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.detail, "XX"));
	static const char zone[] = HEAD L("BEGIN:VEVENT") L("UID:x@test") L("DTSTART;TZID=Mars/Olympus:20310106T100000")
		L("END:VEVENT") TAIL;
	ck_assert_int_eq(cal_import_parse(&A, zone, sizeof zone - 1, &test_limits, &imp, &why), -1);
	ck_assert_str_eq(why.detail, "Mars/Olympus");
	static const char nested[] = HEAD L("BEGIN:VEVENT") L("UID:x@test") L("END:VTODO") TAIL;
	ck_assert_int_eq(cal_import_parse(&A, nested, sizeof nested - 1, &test_limits, &imp, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.detail, "BEGIN:VEVENT of line 4"));
	static const char nul[] = HEAD L("BEGIN:VEVENT") L("UID:x\0@test") L("END:VEVENT") TAIL;
	ck_assert_int_eq(cal_import_parse(&A, nul, sizeof nul - 1, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_CONTROL);
	ck_assert_int_eq(why.line, 5);
}
END_TEST

START_TEST(import_limits)
{
	/* one event more than allowed */
	size_t cap = 200 * (CAL_IMPORT_MAX_EVENTS + 2);
	char *text = malloc(cap);
	size_t n = (size_t)snprintf(text, cap, HEAD);
	for (int i = 0; i <= CAL_IMPORT_MAX_EVENTS; i++)
		n += (size_t)snprintf(text + n, cap - n, "BEGIN:VEVENT\r\nUID:e%d@test\r\nDTSTART;VALUE=DATE:20310106\r\n"
		                                         "SUMMARY:e\r\nEND:VEVENT\r\n", i);
	n += (size_t)snprintf(text + n, cap - n, TAIL);
	cal_import imp;
	cal_import_problem why;
	ck_assert_int_eq(cal_import_parse(&A, text, n, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_TOO_MANY);
	ck_assert_int_eq(why.line, 4 + 5 * CAL_IMPORT_MAX_EVENTS);
	free(text);
}
END_TEST

/* libical keeps 500 values of one EXDATE line and drops the rest: such a line is refused, never cut short */
START_TEST(import_long_date_line_refused)
{
	size_t cap = 40000;
	char *text = malloc(cap);
	size_t n = (size_t)snprintf(text, cap, HEAD "BEGIN:VEVENT\r\nUID:minutes@test\r\n"
	                            "DTSTART;TZID=Asia/Baku:20310106T100000\r\nDTEND;TZID=Asia/Baku:20310106T100100\r\n"
	                            "RRULE:FREQ=DAILY\r\nSUMMARY:m\r\nEXDATE;TZID=Asia/Baku:");
	for (int i = 0; i < 1440; i++)
		n += (size_t)snprintf(text + n, cap - n, "%s2031%02d%02dT100000", i ? "," : "", 1 + i / 28 % 12, 1 + i % 28);
	n += (size_t)snprintf(text + n, cap - n, "\r\nEND:VEVENT\r\n" TAIL);
	cal_import imp;
	cal_import_problem why;
	ck_assert_int_eq(cal_import_parse(&A, text, n, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_TOO_MANY);
	ck_assert_int_eq(why.line, 10);
	ck_assert_ptr_nonnull(strstr(why.detail, "1440 EXDATE values"));
	free(text);
}
END_TEST

/* What a meeting may be: FREQ=SECONDLY and floods refused with the event's UID; what the form keeps is stored */
START_TEST(import_rules_and_form_values)
{
	static const char secondly[] = HEAD L("BEGIN:VEVENT") L("UID:sec@test") L("DTSTART:20310106T100000Z")
		L("DTEND:20310106T100001Z") L("RRULE:FREQ=SECONDLY;COUNT=5") L("SUMMARY:s") L("END:VEVENT") TAIL;
	cal_import imp;
	cal_import_problem why;
	ck_assert_int_eq(cal_import_parse(&A, secondly, sizeof secondly - 1, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_SECONDLY);
	ck_assert_int_eq(why.line, 8);
	ck_assert_str_eq(why.uid, "sec@test");
	static const char flood[] = HEAD L("BEGIN:VEVENT") L("UID:flood@test") L("DTSTART:20310106T100000Z")
		L("DTEND:20310106T100001Z") L("RRULE:FREQ=MINUTELY;INTERVAL=20") L("SUMMARY:s") L("END:VEVENT") TAIL;
	ck_assert_int_eq(cal_import_parse(&A, flood, sizeof flood - 1, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_PER_DAY);
	ck_assert_int_eq(why.max, 48);
	ck_assert_str_eq(why.uid, "flood@test");
	/* a description as the form's text area keeps it; a web address the form refuses is left out; years */
	static const char texts[] = HEAD L("BEGIN:VEVENT") L("UID:texts@test") L("DTSTART:20310106T100000Z")
		L("DTEND:20310106T110000Z") L("SUMMARY:  Spaced  ") L("DESCRIPTION:\\n  First\\r\\nsecond\\rthird \\n")
		L("URL:http://a\"b.example.org") L("END:VEVENT") TAIL;
	const series *s = parse_ok(texts, &imp);
	ck_assert_str_eq(s->title.en, "Spaced");
	ck_assert_str_eq(s->description.en, "First\nsecond\nthird");
	ck_assert_ptr_null(s->location_url);
	static const char old[] = HEAD L("BEGIN:VEVENT") L("UID:old@test") L("DTSTART:18990106T100000Z")
		L("DTEND:18990106T110000Z") L("SUMMARY:old") L("END:VEVENT") TAIL;
	ck_assert_int_eq(cal_import_parse(&A, old, sizeof old - 1, &test_limits, &imp, &why), -1);
	ck_assert_int_eq(why.code, CAL_IMPORT_BAD_TIME);
}
END_TEST

START_TEST(import_error_keys)
{
	for (int e = CAL_IMPORT_OK + 1; e < CAL_IMPORT_ERROR__MAX; e++)
		ck_assert_msg(strncmp(cal_import_error_key((enum cal_import_error)e), "import.error.", 13) == 0, "key of %d",
		              e);
	ck_assert_str_eq(cal_import_error_key(CAL_IMPORT_NO_COLON), "import.error.no_colon");
}
END_TEST


/* A title whose line libical folds right between its CR and LF (73 characters after "SUMMARY:", and 147)
 * still gives a feed whose every line ends in CRLF, with no CR inside a line, that reads back in. */
START_TEST(feed_fold_at_line_end)
{
	static const size_t lengths[] = {72, 73, 74, 146, 147, 148};
	for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
		char title[200];
		memset(title, 'a', lengths[k]);
		title[lengths[k]] = '\0';
		char *text = arena_printf(&A, HEAD L("BEGIN:VEVENT") L("UID:fold@test") L("DTSTAMP:20300101T000000Z")
		                              L("DTSTART;TZID=Asia/Baku:20310106T100000")
		                              L("DTEND;TZID=Asia/Baku:20310106T113000") L("SUMMARY:%s") L("DESCRIPTION:%s")
		                                      L("END:VEVENT") TAIL,
		                          title, title);
		cal_import imp;
		series *s = (series *)parse_ok(text, &imp);
		s->id = 1;
		s->memorandum_id = 1;
		s->memorandum_title = (bitext){"Memorandum", "Memorandum"};
		s->kind = "meeting";
		s->version = 1;
		s->created_at = s->updated_at = "2024-05-01 12:00:00+00";
		feed_doc d = {.lang = "en", .name = "Fold", .description = "Fold", .base_url = "https://memocal.example.org",
		              .link_label = "Online meeting", .refresh_minutes = 60, .series = s, .nseries = 1};
		size_t len;
		char err[256];
		char *feed = cal_feed_build(&d, &len, err, sizeof err);
		ck_assert_msg(feed != NULL, "%s", err);
		ck_assert_uint_eq(len, strlen(feed));
		for (size_t i = 0; i < len; i++) {
			if (feed[i] == '\r')
				ck_assert_msg(i + 1 < len && feed[i + 1] == '\n', "title of %zu: a CR inside a line at %zu", lengths[k], i);
			if (feed[i] == '\n')
				ck_assert_msg(i > 0 && feed[i - 1] == '\r', "title of %zu: a bare LF at %zu", lengths[k], i);
		}
		cal_import again;
		cal_import_problem why;
		ck_assert_msg(cal_import_parse(&A, feed, len, &test_limits, &again, &why) == 0,
		              "title of %zu: the feed does not read back: %s at line %d", lengths[k],
		              cal_import_error_key(why.code), why.line);
		ck_assert_str_eq(again.list[0].title.en, title);
		free(feed);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("import");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, import_maps_the_master);
	tcase_add_test(t, import_memocal_export);
	tcase_add_test(t, import_custom_zone);
	tcase_add_test(t, import_maps_attendees);
	tcase_add_test(t, import_maps_overrides);
	tcase_add_test(t, import_maps_all_day);
	tcase_add_test(t, import_lf_bom_and_folding);
	tcase_add_test(t, import_windows_zones);
	tcase_add_test(t, import_zones);
	tcase_add_loop_test(t, import_bad_table, 0, (int)(sizeof bad_cases / sizeof *bad_cases));
	tcase_add_test(t, import_problem_details);
	tcase_add_test(t, import_limits);
	tcase_add_test(t, import_error_keys);
	tcase_add_test(t, import_long_date_line_refused);
	tcase_add_test(t, import_rules_and_form_values);
	tcase_add_test(t, feed_fold_at_line_end);
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
