/* routes.h - the routing tables of memocal-web and memocal-feed. */
#ifndef MEMOCAL_ROUTES_H
#define MEMOCAL_ROUTES_H

#include "http/router.h"

extern const http_route web_routes[];
extern const size_t web_nroutes;
extern const http_route feed_routes[];
extern const size_t feed_nroutes;

#endif
