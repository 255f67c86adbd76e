/* occurrences.h - one occurrence of a series: its page, cancel and restore, change it, change it and all following. */
#ifndef MEMOCAL_PAGES_OCCURRENCES_H
#define MEMOCAL_PAGES_OCCURRENCES_H

#include "cal/schedule.h"
#include "http/http.h"
#include "model/series.h"
#include "view/value.h"

int occurrence_show(http_ctx *c);    /* GET  /series/{id}/occurrences/{rid} */
int occurrence_cancel_confirm(http_ctx *c); /* GET /series/{id}/occurrences/{rid}/cancel */
int occurrence_cancel(http_ctx *c);  /* POST /series/{id}/occurrences/{rid}/cancel */
int occurrence_restore(http_ctx *c); /* POST /series/{id}/occurrences/{rid}/restore */
int occurrence_edit(http_ctx *c);    /* POST /series/{id}/occurrences/{rid}/edit */
int occurrence_split(http_ctx *c);   /* POST /series/{id}/occurrences/{rid}/split */
int override_delete_confirm(http_ctx *c); /* GET /series/{id}/overrides/{oid}/delete */
int override_delete(http_ctx *c);    /* POST /series/{id}/overrides/{oid}/delete */

/* The series and the occurrence /series/{id}/occurrences/{rid}/… names (*rid "YYYY-MM-DD HH:MM:SS"): 0, or the
 * HTTP status that says why not (404 with c->error_key, 500, a store error). For the meeting record's pages. */
int occurrence_load(http_ctx *c, series *s, const char **rid, occurrence *o, long *budget);

/* For the series page: scope.exceptions (the overrides that still name an occurrence), scope.orphans (those
 * that no longer do, since the rule or the dates changed) and scope.norphans. */
void occurrences_put_exceptions(http_ctx *c, view_value *scope, const series *s, long *budget);

#endif
