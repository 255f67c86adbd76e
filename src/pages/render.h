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

/* The HTTP status for a store failure (503 unavailable, busy or unknown outcome, 500 otherwise),
 * with the error page's message; an unknown outcome links to page_check_url(). */
int page_store_error(http_ctx *c, const store *s);

/* This page's one-time form key: the one the request sent back, else a new one. Create forms
 * carry it ({{ once }}, a hidden field "once"); the store makes one record per key. */
const char *page_once(http_ctx *c);

/* Where the outcome of this POST would show: the visit's check_url, else the request's path
 * without its action ("/memoranda/3/delete" → "/memoranda/3"). */
const char *page_check_url(http_ctx *c);

/* http_app.render_error for the HTML program and for the feed program. */
void page_render_error(http_ctx *c);
void page_render_error_text(http_ctx *c);

#endif
