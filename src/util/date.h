/* date.h - plain calendar arithmetic (proleptic Gregorian, no zone): the one place for leap years, days in a
 * month, weekdays and day numbers; and the zone a series gets when none is chosen. */
#ifndef MEMOCAL_UTIL_DATE_H
#define MEMOCAL_UTIL_DATE_H

#include <stdbool.h>

/* The IANA zone of a series, agenda or month grid when the user names none (the founding memorandum's). */
#define DEFAULT_TZID "Asia/Baku"

/* The years a date field of a form accepts (and so the years an imported series may start or end in). */
#define DATE_FORM_MIN_YEAR 1900
#define DATE_FORM_MAX_YEAR 2200

bool date_leap_year(int year);
/* 28..31; 0 for a month outside 1..12. */
int date_days_in_month(int year, int month);
/* Days since 1970-01-01 (negative before), H. Hinnant's days_from_civil; and back. */
long long date_days_from_civil(long long year, int month, int day);
void date_civil_from_days(long long days, int *year, int *month, int *day);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(int year, int month, int day);
/* 1..366 */
int date_day_of_year(int year, int month, int day);
/* A real date: year 1..9999, month 1..12, day within the month. */
bool date_valid(int year, int month, int day);

#endif
