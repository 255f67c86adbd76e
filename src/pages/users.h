/* users.h - the staff account pages (admins only): list, create, edit with role, disabling and a new password. */
#ifndef MEMOCAL_PAGES_USERS_H
#define MEMOCAL_PAGES_USERS_H

#include "http/http.h"

int users_list(http_ctx *c);
int users_new(http_ctx *c);
int users_create(http_ctx *c);
int users_edit(http_ctx *c);
int users_update(http_ctx *c);

#endif
