/* groups.h - the groups pages: list, detail, create, edit (a group attendee's members). */
#ifndef MEMOCAL_PAGES_GROUPS_H
#define MEMOCAL_PAGES_GROUPS_H

#include "http/http.h"

int groups_list(http_ctx *c);
int groups_show(http_ctx *c);
int groups_new(http_ctx *c);
int groups_create(http_ctx *c);
int groups_edit(http_ctx *c);
int groups_update(http_ctx *c);

#endif
