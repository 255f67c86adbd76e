/* health.c - /healthz: the program runs and its database answers. */
#include "pages/health.h"

#include "pages/app.h"

int health_show(http_ctx *c)
{
	app *ap = app_of(c);
	http_content_type(c, "text/plain; charset=utf-8");
	http_header(c, "Cache-Control", "no-store");
	if (store_ping(&ap->db) != 0) {
		c->status = 503;
		buf_puts(c->body_out, "database unavailable\n");
		return 0;
	}
	buf_puts(c->body_out, "ok\n");
	return 0;
}
