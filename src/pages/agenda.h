/* agenda.h - the agenda (upcoming occurrences) and the month grid. */
#ifndef MEMOCAL_AGENDA_H
#define MEMOCAL_AGENDA_H

#include "http/http.h"

int agenda_show(http_ctx *c);   /* GET /agenda */
int calendar_show(http_ctx *c); /* GET /calendar?month=YYYY-MM */
int calendar_week(http_ctx *c); /* GET /calendar/week?date=YYYY-MM-DD: a week with a time axis */
int calendar_new(http_ctx *c);  /* GET /calendar/new?date=YYYY-MM-DD: which memorandum a new meeting is under */

#endif
