/* router.h - matching a method and path against the one routing table of a program. */
#ifndef MEMOCAL_ROUTER_H
#define MEMOCAL_ROUTER_H

#include "http/http.h"

/* A handler fills c->status and c->body_out and returns 0, or returns an HTTP
 * error status (404, 503, …) for the program's error page to be shown. */
typedef int (*http_handler)(http_ctx *c);

/*
 * One row of a routing table. Patterns are literal segments and captures:
 * "{name:int}" matches a positive decimal number of at most 18 digits,
 * "{name:word}" one or more of [A-Za-z0-9_-]. A capture may be followed by a
 * literal suffix inside the same segment ("{token:word}.ics"). GET routes
 * also answer HEAD.
 */
typedef struct http_route {
	unsigned methods;
	const char *pattern;
	http_handler handler;
	unsigned flags; /* checked by the program's before-hook: authentication, role, CSRF */
} http_route;

/* A flag of the router's own (the program's flags stay below it): the route takes a multipart body up to
 * limits.max_upload rather than max_body (a document's upload). */
#define ROUTE_UPLOAD (1u << 24)

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_METHOD_NOT_ALLOWED };

/* On ROUTE_FOUND sets c->route and c->params; on ROUTE_METHOD_NOT_ALLOWED sets
 * *allowed to the methods the path does accept. */
enum route_result router_match(const http_route *table, size_t n, http_ctx *c, unsigned *allowed);

/* Checks a table once at start-up: every pattern well-formed. Returns the
 * index of the first bad row, or -1 when all are good. */
int router_check(const http_route *table, size_t n);

#endif
