/* memoranda.h - the memoranda pages: list and detail. */
#ifndef MEMOCAL_PAGES_MEMORANDA_H
#define MEMOCAL_PAGES_MEMORANDA_H

#include "http/http.h"

int memoranda_list(http_ctx *c);
int memoranda_show(http_ctx *c);
int memoranda_new(http_ctx *c);
int memoranda_create(http_ctx *c);
int memoranda_edit(http_ctx *c);
int memoranda_update(http_ctx *c);
int memoranda_delete(http_ctx *c);

#endif
