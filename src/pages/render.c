/* render.c - handing a scope to a page template, and the error page. */
#include "pages/render.h"

#include <stdio.h>
#include <string.h>

#include "model/user.h"
#include "pages/app.h"

view_value *page_scope(http_ctx *c, const char *title_key)
{
	view_value *s = view_map_new(c->a);
	const char *lang = lang_code(c->lang);
	view_put_str(s, "lang", lang);
	view_put_str(s, "other_lang", lang_code(c->lang == LANG_EN ? LANG_AZ : LANG_EN));
	view_put_str(s, "path", c->path ? c->path : "/");
	/* the language switch comes back to this very page, query included */
	const char *qs = c->query_string && *c->query_string ? c->query_string : NULL;
	view_put_str(s, "back", qs ? arena_printf(c->a, "%s?%s", c->path, qs) : c->path);
	app *ap = app_of(c);
	if (title_key && ap->views)
		view_put_str(s, "title", view_msg(ap->views, lang, title_key));
	view_put_str(s, "csrf", ap->csrf);
	if (ap->user.id) {
		view_value *u = view_put_map(s, "user");
		view_put_int(u, "id", ap->user.id);
		view_put_str(u, "login", ap->user.login);
		view_put_str(u, "name", ap->user.display_name ? ap->user.display_name : ap->user.login);
		view_put_str(u, "role", role_name(ap->user.role));
		view_put_bool(s, "can_edit", ap->user.role >= ROLE_EDITOR);
		view_put_bool(s, "is_admin", ap->user.role >= ROLE_ADMIN);
	}
	return s;
}

/* Every HTML answer: no sniffing, no framing, no inline script, forms only to us. */
static void html_headers(http_ctx *c)
{
	http_content_type(c, "text/html; charset=utf-8");
	http_header(c, "X-Content-Type-Options", "nosniff");
	http_header(c, "Referrer-Policy", "same-origin");
	http_header(c, "Content-Security-Policy",
	            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
	/* staff data: never in a shared cache, but the browser may keep it for the back button */
	http_header(c, "Cache-Control", "private, no-cache");
}

int page_render(http_ctx *c, const char *name, view_value *scope)
{
	app *ap = app_of(c);
	if (!ap->views || view_render_page(ap->views, name, scope, lang_code(c->lang), c->body_out) != 0)
		return 500;
	html_headers(c);
	return 0;
}

int page_store_error(http_ctx *c, const store *s)
{
	c->error_key = s->status == STORE_UNAVAILABLE || s->status == STORE_TIMEOUT ? "error.database_unavailable"
	                                                                            : "error.internal";
	return s->status == STORE_UNAVAILABLE || s->status == STORE_TIMEOUT ? 503 : 500;
}

static const char *default_key(int status)
{
	switch (status) {
	case 400: return "error.bad_request";
	case 403: return "error.forbidden";
	case 409: return "error.conflict";
	case 429: return "error.too_many";
	case 404: return "error.not_found";
	case 405: return "error.method_not_allowed";
	case 413: return "error.body_too_large";
	case 414: return "error.query_too_long";
	case 503: return "error.database_unavailable";
	default: return "error.internal";
	}
}

void page_render_error(http_ctx *c)
{
	app *ap = app_of(c);
	const char *key = c->error_key ? c->error_key : default_key(c->status);
	if (c->status == 503)
		http_header(c, "Retry-After", "5");
	if (!ap->views) {
		page_render_error_text(c);
		return;
	}
	view_value *s = page_scope(c, NULL);
	const char *lang = lang_code(c->lang);
	view_put_int(s, "status", c->status);
	view_put_str(s, "reason", http_reason(c->status));
	view_put_str(s, "message", view_msg(ap->views, lang, key));
	view_put_str(s, "field", c->error_field);
	view_put_str(s, "title", arena_printf(c->a, "%d %s", c->status, http_reason(c->status)));
	if (view_render_page(ap->views, "error", s, lang, c->body_out) == 0) {
		html_headers(c);
		return;
	}
	buf_reset(c->body_out);
	page_render_error_text(c);
}

void page_render_error_text(http_ctx *c)
{
	http_content_type(c, "text/plain; charset=utf-8");
	buf_printf(c->body_out, "%d %s\n", c->status, http_reason(c->status));
}
