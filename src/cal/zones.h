/* zones.h - time zones to offer a person who typed one memocal does not know. */
#ifndef MEMOCAL_CAL_ZONES_H
#define MEMOCAL_CAL_ZONES_H

#include <stddef.h>

#include "util/arena.h"

/* Up to max IANA zones for a mistyped one: those of the system's zone1970.tab whose name contains what
 * was typed (its part after the last "/", case and "_" against " " ignored, at least three letters),
 * then the zones memocal's users most often mean (Asia/Baku first). Fills out, returns how many. */
size_t cal_zone_suggest(arena *a, const char *typed, const char **out, size_t max);

#endif
