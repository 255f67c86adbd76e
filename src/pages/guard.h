/* guard.h - the checks every route of memocal-web passes before its handler: session, role, CSRF. */
#ifndef MEMOCAL_GUARD_H
#define MEMOCAL_GUARD_H

#include "http/http.h"
#include "model/user.h"

/* A route's flags: the least role it needs (ROLE_NONE: anyone). Every POST
 * is CSRF-checked whatever the role. */
#define NEED(role) ((unsigned)(role))
/* A route outside sessions altogether (the health check): no cookie read or set. */
#define NO_SESSION 4u

#define SESSION_COOKIE "memocal_session"
#define CSRF_COOKIE "memocal_csrf"
/* a browser that logged in to an account before: the login brake lets it through (pages/auth.c) */
#define DEVICE_COOKIE "memocal_device"

int guard_web(http_ctx *c);

/* The longest way back a redirect carries (after a login, a language switch): a Location header past nginx's
 * buffer for the answer's headers (4 KB by default, fastcgi_buffer_size) is a 502 instead of the page; escaped for
 * the login's ?next=, 1000 bytes are at most 3000. */
#define GUARD_NEXT_MAX 1000

/* Where to go after logging in: a local path of at most GUARD_NEXT_MAX bytes, else "/". */
const char *guard_local_path(const char *p);

#endif
