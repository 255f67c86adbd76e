/* time.c - local wall times, zone lookup and local<->UTC conversion on libical's zone data. */
#include "cal/time.h"

#include <string.h>

#include <libical/ical.h>

#include "util/date.h"

/* ---- plain dates: day numbers from util/date, no zone involved ---- */

static long long floor_div(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool cal_local_valid(cal_local t)
{
	return t.year >= 1 && t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
	       t.day <= date_days_in_month(t.year, t.month) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
	       t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

int cal_local_cmp(cal_local a, cal_local b)
{
	const int av[6] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
	const int bv[6] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
	for (int i = 0; i < 6; i++)
		if (av[i] != bv[i])
			return av[i] < bv[i] ? -1 : 1;
	return 0;
}

long long cal_local_wall(cal_local t)
{
	return date_days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

cal_local cal_wall_local(long long wall)
{
	cal_local t;
	long long days = floor_div(wall, 86400), secs = wall - days * 86400;
	date_civil_from_days(days, &t.year, &t.month, &t.day);
	t.hour = (int)(secs / 3600);
	t.minute = (int)(secs / 60 % 60);
	t.second = (int)(secs % 60);
	return t;
}

cal_local cal_local_add_days(cal_local t, int days)
{
	cal_local r = t;
	date_civil_from_days(date_days_from_civil(t.year, t.month, t.day) + days, &r.year, &r.month, &r.day);
	return r;
}

/* ---- text ---- */

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int cal_parse_local(const char *s, cal_local *out)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	if (n != 10 && n != 16 && n != 19)
		return -1;
	cal_local t = {0, 0, 0, 0, 0, 0};
	if (s[4] != '-' || s[7] != '-')
		return -1;
	t.year = digits(s, 4);
	t.month = digits(s + 5, 2);
	t.day = digits(s + 8, 2);
	if (n >= 16) {
		if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':')
			return -1;
		t.hour = digits(s + 11, 2);
		t.minute = digits(s + 14, 2);
	}
	if (n == 19) {
		if (s[16] != ':')
			return -1;
		t.second = digits(s + 17, 2);
	}
	if (!cal_local_valid(t))
		return -1;
	*out = t;
	return 0;
}

static void put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void cal_format_local(cal_local t, char out[20])
{
	/* Fields outside their ranges would not fit: clamp rather than overflow (valid input never is). */
	int v[6] = {t.year, t.month, t.day, t.hour, t.minute, t.second};
	const int hi[6] = {9999, 99, 99, 99, 99, 99};
	for (int i = 0; i < 6; i++)
		v[i] = v[i] < 0 ? 0 : v[i] > hi[i] ? hi[i] : v[i];
	memcpy(out, "0000-00-00 00:00:00", 20);
	put_digits(out, v[0], 4);
	put_digits(out + 5, v[1], 2);
	put_digits(out + 8, v[2], 2);
	put_digits(out + 11, v[3], 2);
	put_digits(out + 14, v[4], 2);
	put_digits(out + 17, v[5], 2);
}

/* ---- zones ---- */

void cal_init(void)
{
	icalerror_set_errors_are_fatal(0);
	/* Asked for plain "Asia/Baku" TZIDs; note that libical 3.0.16 treats "" as "use the default
	 * /freeassociation.sourceforge.net/ prefix", so whoever writes VTIMEZONEs must set TZID by hand. */
	icaltimezone_set_tzid_prefix("");
	icalerror_clear_errno();
}

void cal_shutdown(void)
{
	icaltimezone_free_builtin_timezones();
}

/* A tzid we are willing to hand to libical, which builds a path under /usr/share/zoneinfo from it. */
static bool tzid_shape_ok(const char *tzid)
{
	size_t n = strlen(tzid);
	if (n == 0 || n > 64 || tzid[0] == '/' || tzid[n - 1] == '/' || strstr(tzid, "..") || strstr(tzid, "//"))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = tzid[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
		      c == '_' || c == '+' || c == '-'))
			return false;
	}
	/* tzdata's other trees and files beside the zones (the leap-second "right/" zones, "posix/" copies,
	 * the rules template): a calendar app knows none of them */
	static const char *const not_zones[] = {"right/", "posix/", "SystemV/"};
	for (size_t i = 0; i < sizeof not_zones / sizeof *not_zones; i++)
		if (strncmp(tzid, not_zones[i], strlen(not_zones[i])) == 0)
			return false;
	return strcmp(tzid, "posixrules") != 0 && strcmp(tzid, "localtime") != 0 && strcmp(tzid, "Factory") != 0;
}

/* The zones looked up last: libical finds a built-in zone by comparing its name with each of some 400 in turn,
 * and a page converts every occurrence it shows (the agenda: thousands of lookups of the same few zones). Its
 * zones live as long as the process, so their addresses can be kept. Per process; workers are single-threaded. */
#define ZONE_CACHE 16
static struct {
	char name[64];
	const cal_zone *zone;
} zone_cache[ZONE_CACHE];
static unsigned zone_cache_next;

const cal_zone *cal_zone_find(const char *tzid)
{
	if (!tzid || !tzid_shape_ok(tzid))
		return NULL;
	for (unsigned i = 0; i < ZONE_CACHE && zone_cache[i].zone; i++)
		if (strcmp(zone_cache[i].name, tzid) == 0)
			return zone_cache[i].zone;
	icaltimezone *z;
	if (strcmp(tzid, "UTC") == 0)
		z = icaltimezone_get_utc_timezone();
	else
		z = icaltimezone_get_builtin_timezone(tzid);
	icalerror_clear_errno(); /* an unknown name leaves ICAL_FILE_ERROR behind */
	if (z && strlen(tzid) < sizeof zone_cache[0].name) {
		unsigned slot = zone_cache_next++ % ZONE_CACHE;
		strcpy(zone_cache[slot].name, tzid);
		zone_cache[slot].zone = (const cal_zone *)z;
	}
	return (const cal_zone *)z;
}

bool cal_zone_known(const char *tzid)
{
	return cal_zone_find(tzid) != NULL;
}

/* The zone's UTC offset (seconds east) at the instant utc. */
static int offset_at(const cal_zone *z, long long utc)
{
	icaltimezone *zone = (icaltimezone *)z;
	if (zone == icaltimezone_get_utc_timezone())
		return 0;
	cal_local u = cal_wall_local(utc);
	struct icaltimetype tt = icaltime_null_time();
	tt.year = u.year;
	tt.month = u.month;
	tt.day = u.day;
	tt.hour = u.hour;
	tt.minute = u.minute;
	tt.second = u.second;
	int is_daylight = 0;
	int off = icaltimezone_get_utc_offset_of_utc_time(zone, &tt, &is_daylight);
	icalerror_clear_errno();
	return off;
}

/*
 * Try the offsets in force a day before and a day after (no zone changes its offset twice within two
 * days): a candidate instant is right when the wall clock it shows is t. Two right candidates: the repeated
 * hour, take the earlier. None: the skipped hour, use the offset from before the gap.
 */
long long cal_zone_to_utc(const cal_zone *z, cal_local t)
{
	if (!z || !cal_local_valid(t))
		return CAL_TIME_INVALID;
	long long w = cal_local_wall(t);
	int before = offset_at(z, w - 86400), after = offset_at(z, w + 86400);
	long long u1 = w - before, u2 = w - after;
	if (before == after)
		return u1;
	bool ok1 = u1 + offset_at(z, u1) == w, ok2 = u2 + offset_at(z, u2) == w;
	if (ok1 && ok2)
		return u1 < u2 ? u1 : u2;
	if (ok2)
		return u2;
	return u1; /* ok1, or the gap: the offset before it */
}

cal_local cal_zone_to_local(const cal_zone *z, long long utc)
{
	if (!z) {
		cal_local none = {0, 0, 0, 0, 0, 0};
		return none;
	}
	return cal_wall_local(utc + offset_at(z, utc));
}

long long cal_local_to_utc(cal_local t, const char *tzid)
{
	return cal_zone_to_utc(cal_zone_find(tzid), t);
}

cal_local cal_utc_to_local(long long utc, const char *tzid)
{
	return cal_zone_to_local(cal_zone_find(tzid), utc);
}
