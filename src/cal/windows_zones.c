/* windows_zones.c - Windows time zone names (Outlook's TZID) to IANA zones, by CLDR's table. */
#include "cal/windows_zones.h"

#include <stddef.h>
#include <strings.h>

static const struct {
	const char *windows, *iana;
} zones[] = {
#include "cal/windows_zones.inc"
};

const char *cal_windows_zone(const char *name)
{
	/* 139 names, looked up once per TZID of an uploaded file: a walk is enough */
	for (size_t i = 0; name && i < sizeof zones / sizeof zones[0]; i++)
		if (strcasecmp(zones[i].windows, name) == 0)
			return zones[i].iana;
	return NULL;
}

const char *cal_windows_zone_iana(size_t i)
{
	return i < sizeof zones / sizeof zones[0] ? zones[i].iana : NULL;
}
