/* people.h - the people pages: list, detail, create, edit, delete. */
#ifndef MEMOCAL_PAGES_PEOPLE_H
#define MEMOCAL_PAGES_PEOPLE_H

#include "http/http.h"

int people_list(http_ctx *c);
int people_show(http_ctx *c);
int people_new(http_ctx *c);
int people_create(http_ctx *c);
int people_edit(http_ctx *c);
int people_update(http_ctx *c);
int people_delete(http_ctx *c);

#endif
