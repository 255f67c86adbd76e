/* time.h - wall-clock local times, IANA zones and their conversion to UTC (libical stays inside src/cal). */
#ifndef MEMOCAL_CAL_TIME_H
#define MEMOCAL_CAL_TIME_H

#include <stdbool.h>

#include "util/date.h"

/* A wall-clock time in some zone, proleptic Gregorian, no zone attached. Valid: year 1..9999, the usual
 * month/day ranges, hour 0..23, minute and second 0..59 (no leap seconds). A date is a cal_local at 00:00:00. */
typedef struct cal_local {
	int year, month, day, hour, minute, second;
} cal_local;

/* Returned by cal_local_to_utc for an invalid time or an unknown zone. */
#define CAL_TIME_INVALID (-9223372036854775807LL - 1)

/* The zone a series gets when the user picks none. */
#define CAL_DEFAULT_TZID DEFAULT_TZID

/* Call once at start-up, before any other cal_ function: makes libical errors non-fatal (they are checked
 * through icalerrno instead). Idempotent. */
void cal_init(void);
/* Releases libical's cache of loaded zones (for leak checkers at exit); cal_ calls afterwards reload them. */
void cal_shutdown(void);

/* "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS", the same with 'T' instead of the space, or "YYYY-MM-DD" (00:00).
 * Exactly those shapes, nothing around them, and a real calendar date. 0, or -1 (and *out untouched). */
int cal_parse_local(const char *s, cal_local *out);
/* "YYYY-MM-DD HH:MM:SS", the shape of PostgreSQL's timestamp text; NUL-terminated. */
void cal_format_local(cal_local t, char out[20]);
bool cal_local_valid(cal_local t);
/* <0, 0, >0 like strcmp, field by field. */
int cal_local_cmp(cal_local a, cal_local b);
/* The date (time parts kept) that many days later or earlier. */
cal_local cal_local_add_days(cal_local t, int days);
/* Seconds since 1970-01-01 00:00:00 of the same naive wall clock (no zone: days are always 86400 s), and back.
 * Differences of two of these are wall-clock differences, which is what recurrence rules step in. */
long long cal_local_wall(cal_local t);
cal_local cal_wall_local(long long wall);

/* Whether tzid names a zone of the system's tzdata (libical reads /usr/share/zoneinfo on Debian), or "UTC".
 * Names are case-sensitive ("Asia/Baku"); anything with "..", a leading '/', or characters outside
 * [A-Za-z0-9/_+-] is refused without touching the file system. */
bool cal_zone_known(const char *tzid);

/*
 * Local wall time in tzid to unix seconds, as RFC 5545 section 3.3.5 reads a DATE-TIME with a TZID:
 *  - a time that does not exist (the gap when clocks go forward) is read with the UTC offset from before the
 *    gap, which moves it forward by the gap's length: 2025-03-30 02:30 Europe/Berlin is 01:30Z (= 03:30 CEST);
 *  - a time that happens twice (clocks go back) is the first of the two, the daylight-saving instant:
 *    2025-10-26 02:30 Europe/Berlin is 00:30Z (02:30 CEST), not 01:30Z.
 * (libical's own icaltime_as_timet_with_zone does the opposite in both cases; this does not use it.)
 * CAL_TIME_INVALID for an invalid time or an unknown zone.
 */
long long cal_local_to_utc(cal_local t, const char *tzid);
/* Unix seconds to the wall clock in tzid; all zero fields (invalid) for an unknown zone. */
cal_local cal_utc_to_local(long long utc, const char *tzid);

/* The same conversions with a zone looked up once (what the expansion uses per occurrence). A cal_zone is
 * owned by libical's zone cache: do not free it; it stays valid until cal_shutdown. */
typedef struct cal_zone cal_zone;
const cal_zone *cal_zone_find(const char *tzid); /* NULL when not cal_zone_known */
long long cal_zone_to_utc(const cal_zone *z, cal_local t);
cal_local cal_zone_to_local(const cal_zone *z, long long utc);

#endif
