/* auth.h - logging in and out. */
#ifndef MEMOCAL_AUTH_H
#define MEMOCAL_AUTH_H

#include "http/http.h"

int auth_login_form(http_ctx *c);
int auth_login(http_ctx *c);
int auth_logout(http_ctx *c);

#endif
