/* routes.c - every URL memocal answers, and the handler that answers it. */
#include "pages/routes.h"

#include "pages/health.h"
#include "pages/home.h"
#include "pages/language.h"
#include "pages/memoranda.h"

/* memocal-web: the staff pages (nginx sends everything but /feeds/ here) */
const http_route web_routes[] = {
	{HTTP_GET, "/", home_show, 0},
	{HTTP_GET, "/healthz", health_show, 0},
	{HTTP_GET, "/language", language_switch, 0},
	{HTTP_GET, "/memoranda", memoranda_list, 0},
	{HTTP_GET, "/memoranda/{id:int}", memoranda_show, 0},
};
const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];

/* memocal-feed: read-only, GET and HEAD only. nginx sends only /feeds/ here, so
 * monitoring reaches its health check as /feeds/healthz (never a token: those end in .ics). */
const http_route feed_routes[] = {
	{HTTP_GET, "/healthz", health_show, 0},
	{HTTP_GET, "/feeds/healthz", health_show, 0},
};
const size_t feed_nroutes = sizeof feed_routes / sizeof feed_routes[0];
