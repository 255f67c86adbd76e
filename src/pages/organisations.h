/* organisations.h - the organisation pages: list, detail, create, edit, delete. */
#ifndef MEMOCAL_PAGES_ORGANISATIONS_H
#define MEMOCAL_PAGES_ORGANISATIONS_H

#include "http/http.h"

int organisations_list(http_ctx *c);
int organisations_show(http_ctx *c);
int organisations_new(http_ctx *c);
int organisations_create(http_ctx *c);
int organisations_edit(http_ctx *c);
int organisations_update(http_ctx *c);
int organisations_delete(http_ctx *c);

#endif
