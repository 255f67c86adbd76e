/* windows_zones.h - a Windows time zone name, as Outlook and Exchange write TZID, as an IANA zone. */
#ifndef MEMOCAL_CAL_WINDOWS_ZONES_H
#define MEMOCAL_CAL_WINDOWS_ZONES_H

#include <stddef.h>

/* The IANA zone CLDR maps a Windows zone name to ("W. Europe Standard Time": "Europe/Berlin"), any case; NULL
 * for a name it does not know. */
const char *cal_windows_zone(const char *name);

/* The IANA zones of the table one by one (i from 0; with repeats): NULL past the last. The zones a calendar
 * exported from Windows is likely to mean, in CLDR's choice of name for each. */
const char *cal_windows_zone_iana(size_t i);

#endif
