/* ical_build.h - the feed's calendar as a libical component, for other builders inside src/cal (iTIP). */
#ifndef MEMOCAL_ICAL_BUILD_H
#define MEMOCAL_ICAL_BUILD_H

#include <stddef.h>

#include <libical/ical.h>

#include "cal/ical.h"

/* What cal_feed_build() writes, before it is written: the caller owns and frees the component.
 * NULL with a message on error. */
icalcomponent *cal_feed_calendar(const feed_doc *d, char *err, size_t errlen);

/* The component as bytes, folded and mended as a feed is (malloc'd, caller frees); NULL with a message. */
char *cal_ical_bytes(icalcomponent *cal, size_t *len, char *err, size_t errlen);

#endif
