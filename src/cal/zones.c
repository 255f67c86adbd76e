/* zones.c - time zones to offer a person who typed one memocal does not know. */
#include "cal/zones.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cal/time.h"

/* tzdata's list of canonical zones, one line each: country codes, coordinates, zone name, comment */
#define ZONE_TAB "/usr/share/zoneinfo/zone1970.tab"

static const char *const usual[] = {"Asia/Baku",     "Europe/Istanbul", "Europe/Berlin", "Europe/London",
                                    "Europe/Moscow", "Asia/Dubai",      "America/New_York", "UTC"};

/* lower case, "_" as " ": how a person writes a city */
static void fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		out[n++] = *s == '_' ? ' ' : (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

static bool have(const char **out, size_t n, const char *zone)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i], zone) == 0)
			return true;
	return false;
}

size_t cal_zone_suggest(arena *a, const char *typed, const char **out, size_t max)
{
	size_t n = 0;
	char want[72];
	const char *city = typed ? strrchr(typed, '/') : NULL;
	fold(city ? city + 1 : typed ? typed : "", want, sizeof want);
	FILE *f = strlen(want) >= 3 ? fopen(ZONE_TAB, "r") : NULL;
	char line[512];
	while (f && n < max && fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		/* the third tab-separated field */
		char *zone = strchr(line, '\t');
		zone = zone ? strchr(zone + 1, '\t') : NULL;
		if (!zone)
			continue;
		zone++;
		zone[strcspn(zone, "\t\r\n")] = '\0';
		char name[72];
		fold(zone, name, sizeof name);
		if (strstr(name, want) && cal_zone_known(zone) && !have(out, n, zone))
			out[n++] = arena_strdup(a, zone);
	}
	if (f)
		fclose(f);
	for (size_t i = 0; i < sizeof usual / sizeof usual[0] && n < max; i++)
		if (!have(out, n, usual[i]) && cal_zone_known(usual[i]))
			out[n++] = usual[i];
	return n;
}
