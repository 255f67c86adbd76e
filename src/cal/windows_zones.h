/* windows_zones.h - a Windows time zone name, as Outlook and Exchange write TZID, as an IANA zone. */
#ifndef MEMOCAL_CAL_WINDOWS_ZONES_H
#define MEMOCAL_CAL_WINDOWS_ZONES_H

/* The IANA zone CLDR maps a Windows zone name to ("W. Europe Standard Time": "Europe/Berlin"), any case; NULL
 * for a name it does not know. */
const char *cal_windows_zone(const char *name);

#endif
