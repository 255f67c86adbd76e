/* occurrence_view.h - an occurrence as the agenda, the month grid and the series page show it. */
#ifndef MEMOCAL_OCCURRENCE_VIEW_H
#define MEMOCAL_OCCURRENCE_VIEW_H

#include "cal/schedule.h"
#include "view/value.h"

/* Puts series id/title/kind/status, start/end date and time (local to the series), the zone, the
 * recurrence id (for the occurrence's own page), moved/cancelled flags and the location. */
void view_put_occurrence(view_value *m, const occurrence *o, const char *lang);

#endif
