/* series.h - the meeting and joint event pages: create, show, edit, delete. */
#ifndef MEMOCAL_PAGES_SERIES_H
#define MEMOCAL_PAGES_SERIES_H

#include "http/http.h"

int series_new(http_ctx *c);    /* GET  /memoranda/{id}/series/new */
int series_create(http_ctx *c); /* POST /memoranda/{id}/series/new */
int series_show(http_ctx *c);
int series_edit(http_ctx *c);
int series_update(http_ctx *c);
int series_delete_confirm(http_ctx *c); /* GET: what a delete takes away */
int series_delete(http_ctx *c);

#endif
