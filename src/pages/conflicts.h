/* conflicts.h - attendees already busy at an overlapping time, for a warning before saving. */
#ifndef MEMOCAL_CONFLICTS_H
#define MEMOCAL_CONFLICTS_H

#include <stdbool.h>

#include "http/http.h"
#include "model/series.h"
#include "view/value.h"

/*
 * Attendees of in (a series about to be saved, or one moved occurrence as a
 * series of its own) who already have an occurrence at an overlapping time in
 * the coming year, in any memorandum, other series than in->id. A list for
 * the page (person, title, series_id, start_date, start_time, tzid), NULL when
 * there is none, or NULL with *failed set when the database did not answer.
 */
view_value *page_conflicts(http_ctx *c, const series *in, bool *failed, long *budget);

#endif
