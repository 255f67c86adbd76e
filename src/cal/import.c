/* import.c - an .ics file read into series (rule, RDATE, EXDATE, overrides, attendees), or the line at fault. */
#include "cal/import.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "cal/expand.h"
#include "cal/recur.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "cal/windows_zones.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/utf8.h"

#define MAX_DEPTH 16
#define MAX_TITLE 300
#define MAX_DESCRIPTION 10000
#define MAX_LOCATION 500
#define MAX_URL 2048
#define MAX_NAME 300
#define MAX_EMAIL 254
#define MAX_RRULE 1000
#define MAX_DETAIL 200
/* The last year a time of a series may fall in. libical's recurrence stops after 2582, and it writes a
 * year after 3000 as "00000000T000000": a feed with such a DTSTART, DTEND or RDATE would be unreadable
 * (found by tests/fuzz/ics). */
#define LAST_YEAR 2582

static const char *const keys[CAL_IMPORT_ERROR__MAX] = {
	"",                                   /* CAL_IMPORT_OK */
	"import.error.empty",                 /* CAL_IMPORT_EMPTY */
	"import.error.bad_utf8",              /* CAL_IMPORT_BAD_UTF8 */
	"import.error.control",               /* CAL_IMPORT_CONTROL */
	"import.error.line_too_long",         /* CAL_IMPORT_LINE_TOO_LONG */
	"import.error.no_colon",              /* CAL_IMPORT_NO_COLON */
	"import.error.bad_name",              /* CAL_IMPORT_BAD_NAME */
	"import.error.not_calendar",          /* CAL_IMPORT_NOT_CALENDAR */
	"import.error.end_mismatch",          /* CAL_IMPORT_END_MISMATCH */
	"import.error.unclosed",              /* CAL_IMPORT_UNCLOSED */
	"import.error.no_events",             /* CAL_IMPORT_NO_EVENTS */
	"import.error.too_many",              /* CAL_IMPORT_TOO_MANY */
	"import.error.bad_value",             /* CAL_IMPORT_BAD_VALUE */
	"import.error.duplicate_property",    /* CAL_IMPORT_DUPLICATE_PROPERTY */
	"import.error.no_uid",                /* CAL_IMPORT_NO_UID */
	"import.error.bad_uid",               /* CAL_IMPORT_BAD_UID */
	"import.error.duplicate_uid",         /* CAL_IMPORT_DUPLICATE_UID */
	"import.error.no_dtstart",            /* CAL_IMPORT_NO_DTSTART */
	"import.error.bad_time",              /* CAL_IMPORT_BAD_TIME */
	"import.error.unknown_zone",          /* CAL_IMPORT_UNKNOWN_ZONE */
	"import.error.no_end",                /* CAL_IMPORT_NO_END */
	"import.error.bad_end",               /* CAL_IMPORT_BAD_END */
	"import.error.bad_rrule",             /* CAL_IMPORT_BAD_RRULE */
	"import.error.unsupported",           /* CAL_IMPORT_UNSUPPORTED */
	"import.error.no_summary",            /* CAL_IMPORT_NO_SUMMARY */
	"import.error.too_long",              /* CAL_IMPORT_TOO_LONG */
	"import.error.bad_status",            /* CAL_IMPORT_BAD_STATUS */
	"import.error.bad_attendee",          /* CAL_IMPORT_BAD_ATTENDEE */
	"import.error.orphan_override",       /* CAL_IMPORT_ORPHAN_OVERRIDE */
	"import.error.duplicate_override",    /* CAL_IMPORT_DUPLICATE_OVERRIDE */
	"import.error.secondly",              /* CAL_IMPORT_SECONDLY */
	"import.error.per_day",               /* CAL_IMPORT_PER_DAY */
	"import.error.per_year",              /* CAL_IMPORT_PER_YEAR */
};

const char *cal_import_error_key(enum cal_import_error e)
{
	return e > CAL_IMPORT_OK && e < CAL_IMPORT_ERROR__MAX ? keys[e] : "import.error.bad_value";
}

/* One unfolded content line. */
typedef struct cline {
	int no;            /* the physical line it starts on */
	const char *text;  /* NUL-terminated, unfolded */
	size_t len;
	size_t nlen;       /* the name is text[0..nlen) */
	const char *value; /* after the first colon outside quotes */
} cline;

/* A date or date-time as the file gives it, checked: a real calendar time, a known zone. */
typedef struct when {
	cal_local t;
	bool date;
	bool utc;
	const char *tzid; /* NULL: floating (or UTC, or a date) */
	int line;
} when;

/* SUMMARY or DESCRIPTION in up to three forms: LANGUAGE=en, LANGUAGE=az, and without (or another) language. */
typedef struct texts {
	const char *en, *az, *plain;
} texts;

/* A top-level VEVENT while it is read. */
typedef struct event {
	int begin;
	const char *uid;
	int uid_line;
	when start, end, rid;
	bool has_start, has_end, has_rid;
	struct icaldurationtype dur;
	bool has_dur;
	int dur_line;
	const char *rrule;
	int rrule_line;
	when *rdates, *exdates;
	size_t nrdates, nexdates, caprdates, capexdates;
	texts summary, description;
	const char *location;
	const char *url;
	const char *conference; /* a CONFERENCE link to join: the online meeting before a URL */
	const char *status; /* confirmed, tentative, cancelled */
	bool seen_status;
	attendee *att;
	size_t natt, capatt;
} event;

typedef struct reader {
	arena *a;
	cal_import_problem *why;
	cal_import_limits limits;
	struct {
		const char *name; /* upper case */
		int line;
	} stack[MAX_DEPTH];
	int depth;
	bool any_calendar;
	event *ev;  /* the top-level VEVENT being read, or NULL */
	event *events;
	size_t nevents, capevents;
	const char *text; /* the whole file, for its VTIMEZONEs (file_zone) */
	size_t len;
	struct {
		const char *tzid, *iana; /* iana NULL: the file's zone matched none */
	} zones[8];
	size_t nzones;
} reader;

static int fail(reader *r, enum cal_import_error code, int line, const char *detail)
{
	r->why->code = code;
	r->why->line = line;
	r->why->detail = detail;
	return -1;
}

/* A description as the form's text area keeps it: line ends as LF, no other control character (a space
 * instead), no white space at either end. */
static const char *as_textarea(arena *a, const char *s)
{
	char *t = arena_strdup(a, s ? s : ""), *w = t;
	for (const char *p = t; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '\r') {
			*w++ = '\n';
			if (p[1] == '\n')
				p++;
		} else if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
			*w++ = ' ';
		} else {
			*w++ = (char)ch;
		}
	}
	*w = '\0';
	char *b = t;
	while (*b == ' ' || *b == '\t' || *b == '\n')
		b++;
	size_t n = strlen(b);
	while (n && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n'))
		b[--n] = '\0';
	return b;
}

/* At most MAX_DETAIL bytes of s for a message, cut on a character boundary. */
static const char *detail(reader *r, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (n <= MAX_DETAIL) {
		char *d = arena_strdup(r->a, s);
		utf8_scrub(d); /* libical's messages quote values with byte counts too */
		return d;
	}
	while (n > MAX_DETAIL || ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	char *d = arena_printf(r->a, "%.*s…", (int)n, s);
	utf8_scrub(d);
	return d;
}

/* Grows an arena array of size-byte items to hold at least n (doubling; the old copy stays in the arena). */
static void *grow(arena *a, void *items, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return items;
	size_t nc = *cap ? *cap * 2 : 8;
	while (nc < n)
		nc *= 2;
	void *p = arena_alloc(a, nc * size);
	if (*cap)
		memcpy(p, items, *cap * size);
	*cap = nc;
	return p;
}

static bool name_is(const cline *l, const char *name)
{
	return strlen(name) == l->nlen && strncasecmp(l->text, name, l->nlen) == 0;
}

/* Titles and places on one line: control characters (line breaks) become spaces, ends trimmed. */
static const char *one_line(arena *a, const char *s)
{
	char *t = arena_strdup(a, s ? s : "");
	for (char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	char *b = t;
	while (*b == ' ')
		b++;
	size_t n = strlen(b);
	while (n && b[n - 1] == ' ')
		b[--n] = '\0';
	return b;
}

/* ---- libical, one content line at a time ---- */

/*
 * The line through libical's parser on its own: a VCALENDAR holding the
 * line's properties (several when libical splits a list of values, as for
 * EXDATE:a,b), or NULL with libical's complaint (an X-LIC-ERROR) in *err.
 * Caller frees. Parsing line by line is what makes the line number of a
 * problem exact; the whole file's structure is checked by the reader.
 */
static icalcomponent *ical_line(reader *r, const cline *l, const char **err)
{
	buf b = BUF_INIT;
	buf_puts(&b, "BEGIN:VCALENDAR\r\n");
	buf_append(&b, l->text, l->len);
	buf_puts(&b, "\r\nEND:VCALENDAR\r\n");
	icalcomponent *c = icalparser_parse_string(buf_cstr(&b));
	buf_free(&b);
	icalerror_clear_errno();
	*err = NULL;
	if (!c) {
		*err = "libical could not parse the line";
		return NULL;
	}
	icalproperty *x = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	if (x || !icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY)) {
		*err = detail(r, x ? icalproperty_get_xlicerror(x) : "libical found no property in the line");
		icalcomponent_free(c);
		return NULL;
	}
	return c;
}

/* Whether the raw parameters of the line hold name=value (both case-insensitive). */
static bool has_param(const cline *l, const char *name, const char *value)
{
	const char *p = l->text + l->nlen, *end = l->value - 1;
	size_t nn = strlen(name), vn = strlen(value);
	while (p < end) {
		if (*p == ';' && (size_t)(end - p) > nn + 1 + vn && strncasecmp(p + 1, name, nn) == 0 && p[1 + nn] == '=' &&
		    strncasecmp(p + 2 + nn, value, vn) == 0 && (p + 2 + nn + vn == end || p[2 + nn + vn] == ';'))
			return true;
		p++;
	}
	return false;
}

/* The UTC offsets of zone at noon UTC on the 1st and 15th of each month of 2020-2030: a zone's rules, as far as a
 * meeting of these years needs them. */
#define ZONE_SAMPLES (11 * 12 * 2)
static void zone_offsets(icaltimezone *zone, int *out)
{
	size_t k = 0;
	for (int y = 2020; y <= 2030; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 15; d += 14) {
				struct icaltimetype t = icaltime_null_time();
				t.year = y;
				t.month = m;
				t.day = d;
				t.hour = 12;
				int is_dst = 0;
				out[k++] = icaltimezone_get_utc_offset_of_utc_time(zone, &t, &is_dst);
			}
	icalerror_clear_errno();
}

/* Whether zones a and b have the same offset at every hour of 2026 and 2027: the hour of a change of offset
 * too (Havana and New York change on the same days, at different hours). */
static bool same_hours(icaltimezone *a, icaltimezone *b)
{
	for (long long h = 0; h < 2 * 366 * 24; h++) {
		struct icaltimetype t = icaltime_from_timet_with_zone((time_t)(1767225600LL + h * 3600), 0, NULL);
		int da = 0, db = 0;
		if (icaltimezone_get_utc_offset_of_utc_time(a, &t, &da) != icaltimezone_get_utc_offset_of_utc_time(b, &t, &db))
			return false;
	}
	icalerror_clear_errno();
	return true;
}

/* Whether a VTIMEZONE is shaped as zones are: a few STANDARD/DAYLIGHT parts, each repeating at most yearly.
 * libical expands a part's rule from its DTSTART to the year asked for: a FREQ=SECONDLY one from 1601 would
 * take it hours (an upload's denial of service), and no zone changes its offset more than a few times a year. */
static bool zone_shape_ok(icalcomponent *c)
{
	int parts = 0;
	for (icalcomponent *p = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); p;
	     p = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(p);
		if ((k != ICAL_XSTANDARD_COMPONENT && k != ICAL_XDAYLIGHT_COMPONENT) || ++parts > 64)
			return false;
		int rules = 0, dates = 0;
		for (icalproperty *q = icalcomponent_get_first_property(p, ICAL_ANY_PROPERTY); q;
		     q = icalcomponent_get_next_property(p, ICAL_ANY_PROPERTY)) {
			icalproperty_kind pk = icalproperty_isa(q);
			if (pk == ICAL_RRULE_PROPERTY) {
				struct icalrecurrencetype rt = icalproperty_get_rrule(q);
				/* a zone's rule names months and days (BYMONTH, BYDAY, BYMONTHDAY), never times or weeks */
				if (++rules > 1 || rt.freq != ICAL_YEARLY_RECURRENCE || rt.interval < 1 ||
				    rt.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX || rt.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
				    rt.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || rt.by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
				    rt.by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX || rt.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX)
					return false;
			} else if (pk == ICAL_RDATE_PROPERTY && ++dates > 400) {
				return false;
			}
		}
	}
	return parts > 0;
}

/*
 * A zone the file defines itself (Outlook's "Customized Time Zone", an Exchange server's own names): the
 * VTIMEZONE of that TZID, read by libical, as the zone of CLDR's Windows table whose offsets are the same
 * through 2020-2030, so its meetings keep their instants. NULL when the file has no such VTIMEZONE or no known
 * zone has its rules. Remembered for the file.
 */
static const char *file_zone(reader *r, const char *tzid)
{
	for (size_t i = 0; i < r->nzones; i++)
		if (strcmp(r->zones[i].tzid, tzid) == 0)
			return r->zones[i].iana;
	if (r->nzones == sizeof r->zones / sizeof r->zones[0])
		return NULL;
	const char *found = NULL;
	const char *end = r->text + r->len;
	for (const char *b = r->text; !found && b && b < end;) {
		const char *begin = memmem(b, (size_t)(end - b), "BEGIN:VTIMEZONE", 15);
		const char *stop = begin ? memmem(begin, (size_t)(end - begin), "END:VTIMEZONE", 13) : NULL;
		if (!begin || !stop)
			break;
		b = stop + 13;
		if (stop - begin > 32768) /* a zone's definition is a few lines; anything larger is not read */
			continue;
		char *block = arena_strndup(r->a, begin, (size_t)(b - begin));
		icalcomponent *c = icalparser_parse_string(block);
		icalerror_clear_errno();
		if (!c)
			continue;
		icalproperty *id = icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT
		                       ? icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY)
		                       : NULL;
		if (!id || !icalproperty_get_tzid(id) || strcmp(icalproperty_get_tzid(id), tzid) != 0 || !zone_shape_ok(c)) {
			icalcomponent_free(c);
			continue;
		}
		icaltimezone *own = icaltimezone_new();
		if (!own || !icaltimezone_set_component(own, c)) {
			icalcomponent_free(c);
			if (own)
				icaltimezone_free(own, 1);
			break;
		}
		int want[ZONE_SAMPLES], got[ZONE_SAMPLES];
		zone_offsets(own, want);
		/* twice a month through eleven years first, then every hour of two for those alike so far */
		for (size_t i = 0; !found && cal_windows_zone_iana(i); i++) {
			const char *name = cal_windows_zone_iana(i);
			icaltimezone *z = cal_zone_known(name) ? icaltimezone_get_builtin_timezone(name) : NULL;
			if (!z)
				continue;
			zone_offsets(z, got);
			if (memcmp(want, got, sizeof want) == 0 && same_hours(own, z))
				found = name;
		}
		icaltimezone_free(own, 1); /* and the component with it */
	}
	r->zones[r->nzones].tzid = arena_strdup(r->a, tzid);
	r->zones[r->nzones++].iana = found;
	return found;
}

/* A TZID as an IANA name: a Windows name (Outlook's) as CLDR maps it; "/freeassociation.sourceforge.net/Asia/Baku"
 * and "/mozilla.org/20050126_1/Asia/Baku" (what libical and old Thunderbirds write) lose their prefix; else the
 * zone the file defines under that name, when a known one has the same rules (file_zone). NULL when no known zone
 * is left. */
static const char *zone_name(reader *r, const char *tzid)
{
	if (cal_zone_known(tzid))
		return tzid;
	/* Outlook and Exchange: "W. Europe Standard Time", by CLDR's table */
	const char *windows = cal_windows_zone(tzid);
	if (windows && cal_zone_known(windows))
		return windows;
	for (const char *p = tzid[0] == '/' ? tzid + 1 : NULL; p && *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		if (cal_zone_known(p))
			return p;
	return file_zone(r, tzid);
}

/* A time property's value, checked: calendar-valid, VALUE= agreeing, the zone known. */
static int read_when(reader *r, const cline *l, icalproperty *p, struct icaltimetype t, when *w)
{
	memset(w, 0, sizeof *w);
	w->line = l->no;
	if (icaltime_is_null_time(t))
		return fail(r, CAL_IMPORT_BAD_TIME, l->no, detail(r, l->value));
	if (has_param(l, "VALUE", "PERIOD"))
		return fail(r, CAL_IMPORT_UNSUPPORTED, l->no, "periods (VALUE=PERIOD)");
	bool want_date = has_param(l, "VALUE", "DATE");
	if (want_date != (bool)t.is_date)
		return fail(r, CAL_IMPORT_BAD_TIME, l->no,
		            detail(r, want_date ? "VALUE=DATE with a time of day" : "a date without VALUE=DATE"));
	w->date = t.is_date;
	w->t = (cal_local){t.year, t.month, t.day, w->date ? 0 : t.hour, w->date ? 0 : t.minute, w->date ? 0 : t.second};
	if (!cal_local_valid(w->t))
		return fail(r, CAL_IMPORT_BAD_TIME, l->no, detail(r, l->value));
	if (w->t.year > LAST_YEAR)
		return fail(r, CAL_IMPORT_BAD_TIME, l->no, "a year after 2582, where calendars stop");
	w->utc = !w->date && icaltime_is_utc(t);
	icalparameter *z = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (z && !w->date && !w->utc) {
		const char *raw = icalparameter_get_tzid(z);
		const char *name = raw ? zone_name(r, raw) : NULL;
		if (!name)
			return fail(r, CAL_IMPORT_UNKNOWN_ZONE, l->no, detail(r, raw ? raw : ""));
		w->tzid = arena_strdup(r->a, name);
	}
	return 0;
}

static void put_text(reader *r, texts *tx, icalproperty *p, const char *s, bool one)
{
	const char *v = one ? one_line(r->a, s) : as_textarea(r->a, s);
	if (!*v)
		return;
	icalparameter *lp = icalproperty_get_first_parameter(p, ICAL_LANGUAGE_PARAMETER);
	const char *lang = lp ? icalparameter_get_language(lp) : NULL;
	const char **slot = &tx->plain;
	if (lang && strncasecmp(lang, "az", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
		slot = &tx->az;
	else if (lang && strncasecmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
		slot = &tx->en;
	if (!*slot)
		*slot = v; /* the first of each language wins */
}

/*
 * A text value as libical decoded it: UTF-8, at most max characters. The line was UTF-8, but libical's
 * unescaping drops the byte after a backslash it does not know ("\\ə" keeps half of the "ə"), which
 * would put bytes that are not UTF-8 into a title (found by tests/fuzz/ics).
 */
static int check_text(reader *r, const cline *l, const char *s, size_t max, const char *what)
{
	if (s && !utf8_valid(s, strlen(s)))
		return fail(r, CAL_IMPORT_BAD_VALUE, l->no,
		            arena_printf(r->a, "%s: a backslash before a character other than \\\\, ;, , or n", what));
	if (s && utf8_length(s, strlen(s)) > max)
		return fail(r, CAL_IMPORT_TOO_LONG, l->no, arena_printf(r->a, "%s: at most %zu characters", what, max));
	return 0;
}

static int read_attendee(reader *r, event *ev, const cline *l, icalproperty *p)
{
	if (ev->natt >= CAL_IMPORT_MAX_ATTENDEES)
		return fail(r, CAL_IMPORT_TOO_MANY, l->no,
		            arena_printf(r->a, "at most %d attendees per event", CAL_IMPORT_MAX_ATTENDEES));
	const char *value = icalproperty_get_attendee(p);
	const char *address = NULL;
	if (value && strncasecmp(value, "mailto:", 7) == 0) {
		const char *s = value + 7;
		size_t n = strlen(s);
		const char *at = strchr(s, '@');
		/* a plain address only: it is matched against people's e-mail and never sent anywhere */
		if (n && n <= MAX_EMAIL && at && at > s && at[1] && !strchr(at + 1, '@') && !strpbrk(s, " \t\"\\<>,;")) {
			char *lower = arena_strdup(r->a, s);
			for (char *c = lower; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			address = lower;
		}
	}
	icalparameter *cp = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	const char *cn = cp ? one_line(r->a, icalparameter_get_cn(cp)) : NULL;
	if (cn && !*cn)
		cn = NULL;
	bool group = false;
	icalparameter *up = icalproperty_get_first_parameter(p, ICAL_CUTYPE_PARAMETER);
	if (up) {
		icalparameter_cutype k = icalparameter_get_cutype(up);
		group = k == ICAL_CUTYPE_GROUP || k == ICAL_CUTYPE_ROOM || k == ICAL_CUTYPE_RESOURCE;
	}
	const char *name = cn ? cn : address;
	if (!name)
		return fail(r, CAL_IMPORT_BAD_ATTENDEE, l->no, detail(r, value));
	if (check_text(r, l, name, MAX_NAME, "CN") != 0)
		return -1;
	const char *role = "required";
	icalparameter *rp = icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER);
	if (rp) {
		icalparameter_role k = icalparameter_get_role(rp);
		role = k == ICAL_ROLE_CHAIR ? "chair"
		       : k == ICAL_ROLE_OPTPARTICIPANT || k == ICAL_ROLE_NONPARTICIPANT ? "optional"
		                                                                           : "required";
	}
	const char *partstat = "needs-action";
	icalparameter *pp = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
	if (pp) {
		icalparameter_partstat k = icalparameter_get_partstat(pp);
		partstat = k == ICAL_PARTSTAT_ACCEPTED ? "accepted"
		           : k == ICAL_PARTSTAT_DECLINED ? "declined"
		           : k == ICAL_PARTSTAT_TENTATIVE ? "tentative"
		                                          : "needs-action";
	}
	const char *email = group ? NULL : address;
	for (size_t i = 0; i < ev->natt; i++) {
		/* the same person twice: the first line counts */
		if (email && ev->att[i].email && strcmp(ev->att[i].email, email) == 0)
			return 0;
		if (!email && !ev->att[i].email && strcmp(ev->att[i].name.en, name) == 0)
			return 0;
	}
	ev->att = grow(r->a, ev->att, &ev->capatt, ev->natt + 1, sizeof *ev->att);
	attendee *at = &ev->att[ev->natt++];
	memset(at, 0, sizeof *at);
	at->name.en = name;
	at->name.az = name;
	at->email = email;
	at->role = role;
	at->partstat = partstat;
	return 0;
}

static int add_dates(reader *r, const cline *l, icalcomponent *c, bool rdate, event *ev)
{
	/* libical 3.0.16 keeps at most 500 values of one line and drops the rest without a word: count them
	 * first, and refuse what cannot be kept whole */
	size_t sent = 1, kept = 0;
	for (const char *v = l->value; *v; v++)
		sent += *v == ',';
	size_t had = rdate ? ev->nrdates : ev->nexdates;
	if (had + sent > CAL_IMPORT_MAX_DATES)
		return fail(r, CAL_IMPORT_TOO_MANY, l->no,
		            arena_printf(r->a, "%zu %s values where an event may have at most %d", had + sent,
		                         rdate ? "RDATE" : "EXDATE", CAL_IMPORT_MAX_DATES));
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
		kept++;
	if (kept != sent)
		return fail(r, CAL_IMPORT_BAD_VALUE, l->no,
		            arena_printf(r->a, "the calendar library read %zu of the %zu values", kept, sent));
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		struct icaltimetype t;
		if (rdate) {
			struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
			if (!icalperiodtype_is_null_period(dp.period))
				return fail(r, CAL_IMPORT_UNSUPPORTED, l->no, "periods (VALUE=PERIOD)");
			t = dp.time;
		} else {
			t = icalproperty_get_exdate(p);
		}
		size_t *n = rdate ? &ev->nrdates : &ev->nexdates;
		if (*n >= CAL_IMPORT_MAX_DATES)
			return fail(r, CAL_IMPORT_TOO_MANY, l->no,
			            arena_printf(r->a, "at most %d %s values per event", CAL_IMPORT_MAX_DATES,
			                         rdate ? "RDATE" : "EXDATE"));
		when w;
		if (read_when(r, l, p, t, &w) != 0)
			return -1;
		if (rdate) {
			ev->rdates = grow(r->a, ev->rdates, &ev->caprdates, ev->nrdates + 1, sizeof *ev->rdates);
			ev->rdates[ev->nrdates++] = w;
		} else {
			ev->exdates = grow(r->a, ev->exdates, &ev->capexdates, ev->nexdates + 1, sizeof *ev->exdates);
			ev->exdates[ev->nexdates++] = w;
		}
	}
	return 0;
}

/* Properties an event may have once (RFC 5545 3.6.1); a second is an error rather than a guess. */
static int once(reader *r, const cline *l, bool *seen)
{
	if (*seen)
		return fail(r, CAL_IMPORT_DUPLICATE_PROPERTY, l->no, detail(r, arena_strndup(r->a, l->text, l->nlen)));
	*seen = true;
	return 0;
}

/*
 * Whether u can be a meeting's online link: what the form's web address field takes (http/fields.c), and not a
 * calendar's own page or feed. A file exported from memocal gives each event URL:…/board/TOKEN/series/N, a
 * reader's secret address (README, "Feed addresses"): taken as the meeting's link, it would go out in every
 * other feed and invitation of that meeting. Other calendars' private addresses look the same.
 */
static bool online_link(const char *u)
{
	bool web = u && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0) && strlen(u) <= MAX_URL &&
	           strlen(u) >= 10;
	for (const char *s = u; web && *s; s++)
		web = (unsigned char)*s > 0x20 && *s != 0x7f && !strchr("\"<>", *s);
	return web && !strstr(u, "/board/") && !strstr(u, "/feeds/") && !strstr(u, ".ics");
}

/* One content line of a top-level VEVENT: read, checked and kept; lines memocal does not use are skipped. */
static int take_property(reader *r, event *ev, const cline *l)
{
	static const char *const used[] = {"UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE",
	                                   "EXDATE", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CONFERENCE", "STATUS",
	                                   "ATTENDEE", NULL};
	bool wanted = false;
	for (const char *const *u = used; *u && !wanted; u++)
		wanted = name_is(l, *u);
	if (!wanted)
		return 0;
	if (name_is(l, "CONFERENCE")) {
		/* RFC 7986's link to join (memocal's feeds write the online meeting so): before any URL */
		if (online_link(l->value) && !ev->conference)
			ev->conference = arena_strdup(r->a, l->value);
		return 0;
	}
	if (name_is(l, "RRULE")) {
		/* memocal's own check: stricter than libical and with a message that names the part */
		bool seen = ev->rrule != NULL;
		if (once(r, l, &seen) != 0)
			return -1;
		if (strlen(l->value) > MAX_RRULE)
			return fail(r, CAL_IMPORT_BAD_RRULE, l->no, "longer than 1000 characters");
		/* what is wrong with the text is said here; how often it repeats when the event ends, with its UID */
		cal_rule_problem rp;
		if (!cal_rule_parse(r->a, l->value, &rp) && strcmp(rp.key, "rule.invalid") == 0)
			return fail(r, CAL_IMPORT_BAD_RRULE, l->no, detail(r, rp.detail));
		ev->rrule = arena_strdup(r->a, l->value);
		ev->rrule_line = l->no;
		return 0;
	}
	const char *err;
	icalcomponent *c = ical_line(r, l, &err);
	if (!c)
		return fail(r, CAL_IMPORT_BAD_VALUE, l->no, err);
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	int rc = 0;
	if (name_is(l, "UID")) {
		bool seen = ev->uid != NULL;
		if ((rc = once(r, l, &seen)) == 0) {
			const char *uid = icalproperty_get_uid(p);
			size_t n = uid && utf8_valid(uid, strlen(uid)) ? utf8_length(uid, strlen(uid)) : 0;
			bool ctl = false;
			for (const char *s = uid; s && *s; s++)
				ctl |= (unsigned char)*s < 0x20 || *s == 0x7f;
			if ((rc = check_text(r, l, uid, SIZE_MAX, "UID")) == 0) {
				if (n < 3 || n > 255 || ctl)
					rc = fail(r, CAL_IMPORT_BAD_UID, l->no, detail(r, uid ? uid : ""));
				else {
					ev->uid = arena_strdup(r->a, uid);
					ev->uid_line = l->no;
				}
			}
		}
	} else if (name_is(l, "DTSTART")) {
		if ((rc = once(r, l, &ev->has_start)) == 0)
			rc = read_when(r, l, p, icalproperty_get_dtstart(p), &ev->start);
	} else if (name_is(l, "DTEND")) {
		if ((rc = once(r, l, &ev->has_end)) == 0)
			rc = read_when(r, l, p, icalproperty_get_dtend(p), &ev->end);
	} else if (name_is(l, "RECURRENCE-ID")) {
		if ((rc = once(r, l, &ev->has_rid)) == 0) {
			if (icalproperty_get_first_parameter(p, ICAL_RANGE_PARAMETER))
				rc = fail(r, CAL_IMPORT_UNSUPPORTED, l->no, "RANGE=THISANDFUTURE (change each occurrence instead)");
			else
				rc = read_when(r, l, p, icalproperty_get_recurrenceid(p), &ev->rid);
		}
	} else if (name_is(l, "DURATION")) {
		if ((rc = once(r, l, &ev->has_dur)) == 0) {
			ev->dur = icalproperty_get_duration(p);
			ev->dur_line = l->no;
			if (ev->dur.is_neg || icaldurationtype_is_bad_duration(ev->dur))
				rc = fail(r, CAL_IMPORT_BAD_END, l->no, "a negative or unreadable DURATION");
		}
	} else if (name_is(l, "RDATE") || name_is(l, "EXDATE")) {
		rc = add_dates(r, l, c, name_is(l, "RDATE"), ev);
	} else if (name_is(l, "SUMMARY")) {
		const char *s = icalproperty_get_summary(p);
		if ((rc = check_text(r, l, s, MAX_TITLE, "SUMMARY")) == 0)
			put_text(r, &ev->summary, p, s, true);
	} else if (name_is(l, "DESCRIPTION")) {
		const char *s = icalproperty_get_description(p);
		if ((rc = check_text(r, l, s, MAX_DESCRIPTION, "DESCRIPTION")) == 0)
			put_text(r, &ev->description, p, s, false);
	} else if (name_is(l, "LOCATION")) {
		const char *s = one_line(r->a, icalproperty_get_location(p));
		if ((rc = check_text(r, l, s, MAX_LOCATION, "LOCATION")) == 0 && !ev->location && *s)
			ev->location = s; /* several (one per language): the first */
	} else if (name_is(l, "URL")) {
		const char *u = icalproperty_get_url(p);
		if (online_link(u) && !ev->url)
			ev->url = arena_strdup(r->a, u); /* other schemes (a conference's tel:, cid:) are not a place */
	} else if (name_is(l, "STATUS")) {
		if ((rc = once(r, l, &ev->seen_status)) == 0) {
			const char *v = l->value;
			if (strcasecmp(v, "CONFIRMED") == 0)
				ev->status = "confirmed";
			else if (strcasecmp(v, "TENTATIVE") == 0)
				ev->status = "tentative";
			else if (strcasecmp(v, "CANCELLED") == 0)
				ev->status = "cancelled";
			else
				rc = fail(r, CAL_IMPORT_BAD_STATUS, l->no, detail(r, v));
		}
	} else if (name_is(l, "ATTENDEE")) {
		rc = read_attendee(r, ev, l, p);
	}
	icalcomponent_free(c);
	return rc;
}

/* ---- the file's structure, one content line at a time ---- */

static int end_event(reader *r, event *ev)
{
	if (!ev->uid)
		return fail(r, CAL_IMPORT_NO_UID, ev->begin, NULL);
	if (!ev->has_rid) {
		/* a change of one occurrence may leave out what it does not change; a series may not */
		if (!ev->has_start)
			return fail(r, CAL_IMPORT_NO_DTSTART, ev->begin, NULL);
		if (!ev->summary.en && !ev->summary.az && !ev->summary.plain)
			return fail(r, CAL_IMPORT_NO_SUMMARY, ev->begin, NULL);
		for (size_t i = 0; i < r->nevents; i++) {
			const event *o = &r->events[i];
			if (o != ev && !o->has_rid && o->uid && strcmp(o->uid, ev->uid) == 0)
				return fail(r, CAL_IMPORT_DUPLICATE_UID, ev->begin,
				            detail(r, arena_printf(r->a, "%s (also at line %d)", ev->uid, o->begin)));
		}
	}
	if (ev->has_end && ev->has_dur)
		return fail(r, CAL_IMPORT_BAD_END, ev->dur_line, "DTEND and DURATION cannot both be given");
	if (ev->rrule) {
		cal_rule_problem rp;
		const cal_rule *rule = cal_rule_parse(r->a, ev->rrule, &rp);
		if (rule && cal_rule_limits(rule, r->limits.per_day, r->limits.per_year, &rp) == 0)
			return 0;
		r->why->uid = ev->uid;
		r->why->max = rp.max;
		enum cal_import_error code = strcmp(rp.key, "rule.secondly") == 0  ? CAL_IMPORT_SECONDLY
		                             : strcmp(rp.key, "rule.per_day") == 0  ? CAL_IMPORT_PER_DAY
		                             : strcmp(rp.key, "rule.per_year") == 0 ? CAL_IMPORT_PER_YEAR
		                                                                    : CAL_IMPORT_BAD_RRULE;
		return fail(r, code, ev->rrule_line, detail(r, rp.detail));
	}
	return 0;
}

static int component(reader *r, const cline *l, bool begin)
{
	const char *v = l->value;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	char *name = arena_strndup(r->a, v, n);
	for (char *p = name; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	if (begin) {
		if (r->depth == 0 && strcmp(name, "VCALENDAR") != 0)
			return fail(r, CAL_IMPORT_NOT_CALENDAR, l->no, detail(r, l->text));
		if (r->depth >= MAX_DEPTH)
			return fail(r, CAL_IMPORT_TOO_MANY, l->no, "components nested too deep");
		if (r->depth == 1 && strcmp(name, "VEVENT") == 0) {
			if (r->nevents >= CAL_IMPORT_MAX_EVENTS)
				return fail(r, CAL_IMPORT_TOO_MANY, l->no,
				            arena_printf(r->a, "at most %d events in one file", CAL_IMPORT_MAX_EVENTS));
			r->events = grow(r->a, r->events, &r->capevents, r->nevents + 1, sizeof *r->events);
			r->ev = &r->events[r->nevents++];
			memset(r->ev, 0, sizeof *r->ev);
			r->ev->begin = l->no;
		}
		r->any_calendar = true;
		r->stack[r->depth].name = name;
		r->stack[r->depth].line = l->no;
		r->depth++;
		return 0;
	}
	if (r->depth == 0)
		return fail(r, CAL_IMPORT_END_MISMATCH, l->no, detail(r, arena_printf(r->a, "END:%s, but nothing is open", name)));
	const char *open = r->stack[r->depth - 1].name;
	if (strcmp(open, name) != 0)
		return fail(r, CAL_IMPORT_END_MISMATCH, l->no,
		            detail(r, arena_printf(r->a, "END:%s, but BEGIN:%s of line %d is still open", name, open,
		                                   r->stack[r->depth - 1].line)));
	r->depth--;
	if (r->depth == 1 && r->ev && strcmp(name, "VEVENT") == 0) {
		event *ev = r->ev;
		r->ev = NULL;
		return end_event(r, ev);
	}
	return 0;
}

/* One whole content line: its shape, then BEGIN/END, or a property of the event being read. */
static int content_line(reader *r, cline *l)
{
	if (!utf8_valid(l->text, l->len))
		return fail(r, CAL_IMPORT_BAD_UTF8, l->no, NULL);
	size_t k = 0;
	while (k < l->len && ((l->text[k] >= 'A' && l->text[k] <= 'Z') || (l->text[k] >= 'a' && l->text[k] <= 'z') ||
	                      (l->text[k] >= '0' && l->text[k] <= '9') || l->text[k] == '-'))
		k++;
	const char *colon = NULL;
	bool quoted = false;
	for (size_t j = k; j < l->len && !colon; j++) {
		if (l->text[j] == '"')
			quoted = !quoted;
		else if (!quoted && l->text[j] == ':')
			colon = l->text + j;
	}
	if (!colon)
		return fail(r, CAL_IMPORT_NO_COLON, l->no, detail(r, l->text));
	if (k == 0 || (l->text[k] != ':' && l->text[k] != ';'))
		return fail(r, CAL_IMPORT_BAD_NAME, l->no, detail(r, l->text));
	l->nlen = k;
	l->value = colon + 1;
	bool begin = name_is(l, "BEGIN");
	if (begin || name_is(l, "END"))
		return component(r, l, begin);
	if (r->depth == 0)
		return fail(r, CAL_IMPORT_NOT_CALENDAR, l->no, detail(r, l->text));
	if (r->ev && r->depth == 2)
		return take_property(r, r->ev, l);
	return 0; /* calendar properties, VTIMEZONE, VALARM, VTODO ...: not memocal's */
}

/*
 * Splits text into physical lines (LF or CRLF), checks each for control
 * characters, and joins folded lines (a line starting with a space or tab
 * continues the previous one, without that character) into content lines,
 * each handed to content_line as soon as it is complete.
 */
static int read_lines(reader *r, const char *text, size_t len)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a byte order mark is not content */
		len -= 3;
	}
	buf cur = BUF_INIT;
	int cur_no = 0, no = 0, rc = 0;
	size_t i = 0;
	while (i < len && rc == 0) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *p = text + i;
		size_t plen = end - i;
		no++;
		i = nl ? end + 1 : len;
		if (plen && p[plen - 1] == '\r')
			plen--;
		const char *ctl = NULL;
		for (size_t k = 0; k < plen && !ctl; k++) {
			unsigned char ch = (unsigned char)p[k];
			if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
				ctl = ch == 0      ? "NUL"
				      : ch == '\r' ? "a carriage return (CR) inside a line"
				                   : arena_printf(r->a, "byte 0x%02X", ch);
		}
		bool folded = plen && (p[0] == ' ' || p[0] == '\t');
		if (!folded && cur_no) {
			/* the previous content line is complete: its problems come first */
			cline l = {cur_no, arena_strndup(r->a, cur.data, cur.len), cur.len, 0, NULL};
			cur_no = 0;
			if ((rc = content_line(r, &l)) != 0)
				break;
		}
		if (ctl) {
			rc = fail(r, CAL_IMPORT_CONTROL, no, ctl);
			break;
		}
		if (plen == 0)
			continue; /* blank lines: not allowed by RFC 5545, but harmless and common at the end */
		if (folded) {
			if (!cur_no) {
				rc = fail(r, CAL_IMPORT_BAD_NAME, no, "a folded line that continues nothing");
				break;
			}
			buf_append(&cur, p + 1, plen - 1);
		} else {
			buf_reset(&cur);
			buf_append(&cur, p, plen);
			cur_no = no;
		}
		if (cur.len > CAL_IMPORT_MAX_LINE)
			rc = fail(r, CAL_IMPORT_LINE_TOO_LONG, cur_no, arena_printf(r->a, "at most %d bytes", CAL_IMPORT_MAX_LINE));
	}
	if (rc == 0 && cur_no) {
		cline l = {cur_no, arena_strndup(r->a, cur.data, cur.len), cur.len, 0, NULL};
		rc = content_line(r, &l);
	}
	buf_free(&cur);
	if (rc != 0)
		return rc;
	if (r->depth > 0)
		return fail(r, CAL_IMPORT_UNCLOSED, r->stack[r->depth - 1].line,
		            detail(r, arena_printf(r->a, "BEGIN:%s without END:%s", r->stack[r->depth - 1].name,
		                                   r->stack[r->depth - 1].name)));
	if (!r->any_calendar)
		return fail(r, CAL_IMPORT_EMPTY, 0, NULL);
	if (r->nevents == 0)
		return fail(r, CAL_IMPORT_NO_EVENTS, 0, NULL);
	return 0;
}

/* ---- events into series ---- */

/*
 * w as a local time in the series zone: instants are converted, floating
 * times taken as they are, a date in a timed series means that day at the
 * series' start time. -1 for a date-time in an all-day series.
 */
static int in_zone(const when *w, const char *zone, bool all_day, cal_local start, cal_local *out)
{
	if (w->date) {
		cal_local t = w->t;
		if (!all_day) {
			t.hour = start.hour;
			t.minute = start.minute;
			t.second = start.second;
		}
		*out = t;
		return 0;
	}
	if (all_day)
		return -1;
	const char *from = w->utc ? "UTC" : w->tzid ? w->tzid : zone;
	if (strcmp(from, zone) == 0) {
		*out = w->t;
		return 0;
	}
	long long u = cal_local_to_utc(w->t, from);
	if (u == CAL_TIME_INVALID)
		return -1;
	*out = cal_utc_to_local(u, zone);
	return cal_local_valid(*out) ? 0 : -1;
}

static const char *local_text(arena *a, cal_local t)
{
	char s[20];
	cal_format_local(t, s);
	return arena_strdup(a, s);
}

/* The end of an occurrence that starts at start (series zone): DTEND, DURATION, or the default length. */
static int end_of(reader *r, const event *ev, const char *zone, bool all_day, cal_local start, const cal_local *dflt,
                  cal_local *out)
{
	if (ev->has_end) {
		if (ev->end.date != all_day)
			return fail(r, CAL_IMPORT_BAD_END, ev->end.line,
			            all_day ? "DTSTART is a date, DTEND a date and time" : "DTSTART is a date and time, DTEND a date");
		if (in_zone(&ev->end, zone, all_day, start, out) != 0)
			return fail(r, CAL_IMPORT_BAD_TIME, ev->end.line, NULL);
	} else if (ev->has_dur) {
		const struct icaldurationtype *d = &ev->dur;
		int days = (int)(d->weeks * 7 + d->days);
		long long secs = (long long)d->hours * 3600 + (long long)d->minutes * 60 + d->seconds;
		if (all_day && secs)
			return fail(r, CAL_IMPORT_BAD_END, ev->dur_line, "an all-day event lasts whole days");
		cal_local e = cal_local_add_days(start, days); /* days are calendar days, hours exact (RFC 5545 3.3.6) */
		if (secs) {
			long long u = cal_local_to_utc(e, zone);
			if (u == CAL_TIME_INVALID)
				return fail(r, CAL_IMPORT_BAD_END, ev->dur_line, NULL);
			e = cal_utc_to_local(u + secs, zone);
		}
		*out = e;
	} else if (dflt) {
		*out = *dflt;
	} else if (all_day) {
		*out = cal_local_add_days(start, 1); /* RFC 5545: a date without an end lasts that day */
	} else {
		return fail(r, CAL_IMPORT_NO_END, ev->start.line, NULL);
	}
	if (!cal_local_valid(*out) || out->year > LAST_YEAR + 1)
		return fail(r, CAL_IMPORT_BAD_END, ev->has_end ? ev->end.line : ev->dur_line, NULL);
	if (cal_local_cmp(*out, start) <= 0)
		return fail(r, CAL_IMPORT_BAD_END, ev->has_end ? ev->end.line : ev->has_dur ? ev->dur_line : ev->start.line,
		            "the end is not after the start");
	return 0;
}

/* The titles the file gives: one language fills both when only one is there. */
static bitext both(const texts *t)
{
	bitext b = {t->en, t->az};
	if (!b.en)
		b.en = t->plain ? t->plain : t->az;
	if (!b.az)
		b.az = t->plain ? t->plain : t->en;
	return b;
}

/* Which language's stored text an update keeps: the one a text given in the other language only leaves out. */
static unsigned char keep_of(const texts *t, unsigned char en, unsigned char az)
{
	if (t->plain || (t->en && t->az) || (!t->en && !t->az))
		return 0;
	return t->en ? az : en;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static int make_series(reader *r, const event *ev, series *s)
{
	memset(s, 0, sizeof *s);
	s->uid = ev->uid;
	s->title = both(&ev->summary);
	s->description = both(&ev->description);
	s->location = ev->location;
	s->location_url = ev->conference ? ev->conference : ev->url;
	s->status = ev->status ? ev->status : "confirmed";
	s->all_day = ev->start.date;
	s->tzid = ev->start.utc ? "UTC" : ev->start.tzid ? ev->start.tzid : CAL_DEFAULT_TZID;
	cal_local start = ev->start.t, end;
	if (end_of(r, ev, s->tzid, s->all_day, start, NULL, &end) != 0)
		return -1;
	/* the years the meeting form's date fields take */
	if (start.year < DATE_FORM_MIN_YEAR || start.year > DATE_FORM_MAX_YEAR)
		return fail(r, CAL_IMPORT_BAD_TIME, ev->start.line, "memocal keeps meetings from 1900 to 2200");
	if (end.year < DATE_FORM_MIN_YEAR || end.year > DATE_FORM_MAX_YEAR)
		return fail(r, CAL_IMPORT_BAD_TIME, ev->has_end ? ev->end.line : ev->start.line,
		            "memocal keeps meetings from 1900 to 2200");
	s->start_local = local_text(r->a, start);
	s->end_local = local_text(r->a, end);
	s->rrule = ev->rrule;
	s->rdates = arena_alloc(r->a, (ev->nrdates ? ev->nrdates : 1) * sizeof *s->rdates);
	for (size_t i = 0; i < ev->nrdates; i++) {
		cal_local t;
		if (in_zone(&ev->rdates[i], s->tzid, s->all_day, start, &t) != 0)
			return fail(r, CAL_IMPORT_BAD_TIME, ev->rdates[i].line, "a date and time in an all-day event");
		s->rdates[s->nrdates++] = local_text(r->a, t);
	}
	s->exdates = arena_alloc(r->a, (ev->nexdates ? ev->nexdates : 1) * sizeof *s->exdates);
	for (size_t i = 0; i < ev->nexdates; i++) {
		cal_local t;
		if (in_zone(&ev->exdates[i], s->tzid, s->all_day, start, &t) != 0)
			return fail(r, CAL_IMPORT_BAD_TIME, ev->exdates[i].line, "a date and time in an all-day event");
		s->exdates[s->nexdates++] = local_text(r->a, t);
	}
	s->attendees = ev->att;
	s->nattendees = ev->natt;
	return 0;
}

/* A RECURRENCE-ID event as a change of one occurrence of s (its master, already made). */
static int make_override(reader *r, const event *ev, series *s, size_t cap)
{
	cal_local start, end, rid;
	cal_parse_local(s->start_local, &start);
	cal_parse_local(s->end_local, &end);
	if (in_zone(&ev->rid, s->tzid, s->all_day, start, &rid) != 0)
		return fail(r, CAL_IMPORT_BAD_TIME, ev->rid.line, "a date and time for an all-day event");
	const char *rid_text = local_text(r->a, rid);
	for (size_t i = 0; i < s->noverrides; i++)
		if (strcmp(s->overrides[i].recurrence_id, rid_text) == 0)
			return fail(r, CAL_IMPORT_DUPLICATE_OVERRIDE, ev->begin, detail(r, rid_text));
	if (s->noverrides >= cap)
		return fail(r, CAL_IMPORT_TOO_MANY, ev->begin, "too many changed occurrences");
	series_override *o = &s->overrides[s->noverrides];
	memset(o, 0, sizeof *o);
	o->recurrence_id = rid_text;
	o->cancelled = ev->status && strcmp(ev->status, "cancelled") == 0;
	if (ev->has_start) {
		if (ev->start.date != s->all_day)
			return fail(r, CAL_IMPORT_BAD_TIME, ev->start.line,
			            s->all_day ? "the event is all-day: a date is expected" : "the event has times: a date and time is expected");
		cal_local ns, ne;
		if (in_zone(&ev->start, s->tzid, s->all_day, start, &ns) != 0)
			return fail(r, CAL_IMPORT_BAD_TIME, ev->start.line, NULL);
		/* without an end of its own it lasts as long as the series' occurrences */
		cal_local dflt;
		if (s->all_day)
			dflt = cal_local_add_days(ns, (int)((cal_local_wall(end) - cal_local_wall(start)) / 86400));
		else
			dflt = cal_utc_to_local(cal_local_to_utc(ns, s->tzid) + (cal_local_to_utc(end, s->tzid) -
			                                                            cal_local_to_utc(start, s->tzid)),
			                        s->tzid);
		if (end_of(r, ev, s->tzid, s->all_day, ns, &dflt, &ne) != 0)
			return -1;
		/* moved when it starts elsewhere or lasts otherwise than the occurrence it replaces */
		long long len_new = s->all_day ? cal_local_wall(ne) - cal_local_wall(ns)
		                               : cal_local_to_utc(ne, s->tzid) - cal_local_to_utc(ns, s->tzid);
		long long len_old = s->all_day ? cal_local_wall(end) - cal_local_wall(start)
		                               : cal_local_to_utc(end, s->tzid) - cal_local_to_utc(start, s->tzid);
		if (cal_local_cmp(ns, rid) != 0 || len_new != len_old) {
			o->start_local = local_text(r->a, ns);
			o->end_local = local_text(r->a, ne);
		}
	}
	if (ev->summary.en || ev->summary.az || ev->summary.plain) {
		bitext t = both(&ev->summary);
		if (!same(t.en, s->title.en) || !same(t.az, s->title.az))
			o->title = t;
	}
	if (ev->location && !same(ev->location, s->location))
		o->location = ev->location;
	s->noverrides++;
	return 0;
}

/* digits, then "-" and a word of lowercase letters, then end */
static bool number_then_word(const char *s, const char *end)
{
	const char *p = s;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == s || p >= end || *p != '-' || ++p == end)
		return false;
	while (p < end && *p >= 'a' && *p <= 'z')
		p++;
	return p == end;
}

bool cal_import_generated_uid(const char *uid)
{
	static const char host[] = "@memocal";
	size_t n = uid ? strlen(uid) : 0;
	if (n <= sizeof host - 1 || strcmp(uid + n - (sizeof host - 1), host) != 0)
		return false;
	const char *end = uid + n - (sizeof host - 1);
	if (strncmp(uid, "memorandum-", 11) == 0)
		return number_then_word(uid + 11, end);
	if (strncmp(uid, "action-", 7) == 0)
		return number_then_word(uid + 7, end) && strncmp(end - 4, "-due", 4) == 0;
	return false;
}

int cal_import_parse(arena *a, const char *text, size_t len, const cal_import_limits *limits, cal_import *out,
                     cal_import_problem *why)
{
	memset(out, 0, sizeof *out);
	memset(why, 0, sizeof *why);
	reader r;
	memset(&r, 0, sizeof r);
	r.a = a;
	r.why = why;
	r.text = text;
	r.len = len;
	if (limits)
		r.limits = *limits;
	if (read_lines(&r, text, len) != 0)
		return -1;

	/* memocal's own deadline events go, with any change of one of their occurrences */
	size_t kept = 0;
	for (size_t i = 0; i < r.nevents; i++) {
		if (cal_import_generated_uid(r.events[i].uid)) {
			out->skipped += !r.events[i].has_rid;
			continue;
		}
		r.events[kept++] = r.events[i];
	}
	r.nevents = kept;
	size_t nmasters = 0;
	for (size_t i = 0; i < r.nevents; i++)
		nmasters += !r.events[i].has_rid;
	series *list = arena_alloc(a, (nmasters ? nmasters : 1) * sizeof *list);
	int *lines = arena_alloc(a, (nmasters ? nmasters : 1) * sizeof *lines);
	unsigned char *keep = arena_alloc(a, (nmasters ? nmasters : 1) * sizeof *keep);
	const event **master = arena_alloc(a, (nmasters ? nmasters : 1) * sizeof *master);
	size_t n = 0;
	for (size_t i = 0; i < r.nevents; i++) {
		const event *ev = &r.events[i];
		if (ev->has_rid)
			continue;
		if (make_series(&r, ev, &list[n]) != 0)
			return -1;
		lines[n] = ev->begin;
		keep[n] = keep_of(&ev->summary, CAL_KEEP_TITLE_EN, CAL_KEEP_TITLE_AZ) |
		          keep_of(&ev->description, CAL_KEEP_DESC_EN, CAL_KEEP_DESC_AZ);
		master[n] = ev;
		n++;
	}
	/* overrides: each series gets room for every override of the file (their number is bounded) */
	size_t noverrides = r.nevents - nmasters;
	for (size_t k = 0; k < n; k++)
		list[k].overrides = arena_alloc(a, (noverrides ? noverrides : 1) * sizeof(series_override));
	for (size_t i = 0; i < r.nevents; i++) {
		const event *ev = &r.events[i];
		if (!ev->has_rid)
			continue;
		size_t k = 0;
		while (k < n && strcmp(list[k].uid, ev->uid) != 0)
			k++;
		if (k == n)
			return fail(&r, CAL_IMPORT_ORPHAN_OVERRIDE, ev->begin, detail(&r, ev->uid));
		if (make_override(&r, ev, &list[k], noverrides) != 0)
			return -1;
	}
	/* what the expansion will be asked later, asked once now, with the line of the rule */
	for (size_t k = 0; k < n; k++) {
		cal_series cs;
		char err[200] = "unreadable times";
		if (schedule_to_cal(a, &list[k], &cs) != 0 || cal_series_check(&cs, err, sizeof err) != 0)
			return fail(&r, CAL_IMPORT_BAD_RRULE, master[k]->rrule ? master[k]->rrule_line : master[k]->start.line,
			            detail(&r, err));
	}
	out->list = list;
	out->lines = lines;
	out->keep = keep;
	out->n = n;
	return 0;
}
