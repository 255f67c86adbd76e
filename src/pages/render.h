/* render.h - handing a scope to a page template, and the error page. */
#ifndef MEMOCAL_RENDER_H
#define MEMOCAL_RENDER_H

#include "http/http.h"
#include "store/db.h"
#include "view/value.h"

/* A new root scope with what the layout needs: language, the switch, the path. */
view_value *page_scope(http_ctx *c, const char *title_key);

/* Renders template name inside the layout as text/html; 0, or 500 when the template is missing. */
int page_render(http_ctx *c, const char *name, view_value *scope);

/* The HTTP status for a store failure (503 unavailable, 500 otherwise). */
int page_store_error(http_ctx *c, const store *s);

/* http_app.render_error for the HTML program and for the feed program. */
void page_render_error(http_ctx *c);
void page_render_error_text(http_ctx *c);

#endif
