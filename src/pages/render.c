/* render.c - handing a scope to a page template, and the error page. */
#include "pages/render.h"

#include <stdio.h>
#include <string.h>

#include "model/user.h"
#include "pages/app.h"
#include "pages/resend.h"
#include "util/secret.h"

const char *app_form_key(http_ctx *c)
{
	const char *k = form_get(&c->body, "once");
	if (!k || strlen(k) != 43)
		return NULL;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return NULL;
	return k;
}

const char *page_once(http_ctx *c)
{
	visit *v = visit_of(c);
	if (!v->once) {
		/* a form sent back (refused, or the database down) keeps its key: sending it again stays safe */
		v->once = app_form_key(c);
		if (!v->once)
			v->once = secret_token(c->a, 32);
	}
	return v->once;
}

const char *page_check_url(http_ctx *c)
{
	const visit *v = visit_of(c);
	if (v->check_url)
		return v->check_url;
	/* the page of what a POST changes: its path without the action at its end */
	static const char *const actions[] = {"/delete", "/revoke", "/cancel", "/restore", "/edit", "/split", "/new",
	                                      "/import"};
	const char *p = c->path ? c->path : "/";
	size_t n = strlen(p);
	bool split = false;
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		size_t k = strlen(actions[i]);
		if (n > k && strcmp(p + n - k, actions[i]) == 0) {
			n -= k;
			split = strcmp(actions[i], "/split") == 0;
			break;
		}
	}
	const char *base = arena_strndup(c->a, p, n);
	const char *part;
	/* /memoranda/1/series (a new series) has no page of its own; nor has one feed address, nor one
	 * exception (/series/1/overrides/2); a split shows on its series' page (the occurrence it
	 * started at is no longer the old series') */
	if (n > 7 && strcmp(base + n - 7, "/series") == 0)
		base = arena_strndup(c->a, base, n - 7);
	else if (strncmp(base, "/feeds/", 7) == 0)
		base = "/feeds";
	else if ((part = strstr(base, "/overrides/")) || (split && (part = strstr(base, "/occurrences/"))))
		base = arena_strndup(c->a, base, (size_t)(part - base));
	return http_local_path(base) ? base : "/";
}

/* nav.SECTION for the layout's navigation link of this page's section (its path's first segment):
 * "page" on the section's own list, "true" below it (aria-current's two values that fit). */
static void put_nav(http_ctx *c, view_value *s)
{
	static const char *const sections[] = {"agenda", "calendar", "actions", "memoranda", "organisations",
	                                       "people", "feeds",    "users",   "audit",     "series",   "account"};
	const char *p = c->path ? c->path : "/";
	if (*p == '/')
		p++;
	size_t n = strcspn(p, "/");
	view_value *nav = view_put_map(s, "nav");
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strlen(sections[i]) == n && strncmp(p, sections[i], n) == 0) {
			/* a meeting belongs to its memorandum */
			const char *key = strcmp(sections[i], "series") == 0 ? "memoranda" : sections[i];
			view_put_str(nav, key, p[n] ? "true" : "page");
		}
}

view_value *page_scope(http_ctx *c, const char *title_key)
{
	view_value *s = view_map_new(c->a);
	const char *lang = lang_code(c->lang);
	view_put_str(s, "lang", lang);
	view_put_str(s, "other_lang", lang_code(c->lang == LANG_EN ? LANG_AZ : LANG_EN));
	view_put_str(s, "path", c->path ? c->path : "/");
	view_put_str(s, "style_href", app_of(c)->style_href[0] ? app_of(c)->style_href : "/static/style.css");
	/* the language switch comes back to this very page, query included */
	const char *qs = c->query_string && *c->query_string ? c->query_string : NULL;
	view_put_str(s, "back", qs ? arena_printf(c->a, "%s?%s", c->path, qs) : c->path);
	app *ap = app_of(c);
	if (title_key && ap->views)
		view_put_str(s, "title", view_msg(ap->views, lang, title_key));
	put_nav(c, s);
	const visit *v = visit_of(c);
	view_put_str(s, "csrf", v->csrf);
	view_put_str(s, "check", v->check_url); /* a link beside the message when a save's outcome is unknown */
	if (v->user.id) {
		view_value *u = view_put_map(s, "user");
		view_put_int(u, "id", v->user.id);
		view_put_str(u, "login", v->user.login);
		view_put_str(u, "name", v->user.display_name ? v->user.display_name : v->user.login);
		view_put_str(u, "role", role_name(v->user.role));
		view_put_bool(s, "can_edit", v->user.role >= ROLE_EDITOR);
		view_put_bool(s, "is_admin", v->user.role >= ROLE_ADMIN);
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
	/* staff data: in no cache at all, not even the browser's disk (a shared computer in a university office keeps
	 * nothing of it after logout); every page is a GET after a redirect, so going back asks again */
	http_header(c, "Cache-Control", "private, no-store");
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
	switch (s->status) {
	case STORE_UNAVAILABLE:
	case STORE_TIMEOUT:
		c->error_key = "error.database_unavailable";
		return 503;
	case STORE_BUSY:
		c->error_key = "error.busy";
		return 503;
	case STORE_UNKNOWN:
		c->error_key = "error.save_unknown";
		visit_of(c)->check_url = page_check_url(c);
		return 503;
	default:
		c->error_key = "error.internal";
		return 500;
	}
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
	/* a form that could not be served for want of the database comes back with what was typed */
	if (c->status == 503 && c->method == HTTP_POST && page_resend(c, key) == 0)
		return;
	view_value *s = page_scope(c, NULL);
	const char *lang = lang_code(c->lang);
	view_put_int(s, "status", c->status);
	/* the status in the reader's language where the catalogue has it ("http.409"), else HTTP's own phrase */
	const char *reason_key = arena_printf(c->a, "http.%d", c->status);
	const char *reason = view_msg(ap->views, lang, reason_key);
	if (reason == reason_key)
		reason = http_reason(c->status);
	view_put_str(s, "reason", reason);
	view_put_str(s, "message", view_msg(ap->views, lang, key));
	view_put_str(s, "field", c->error_field);
	view_put_str(s, "check", visit_of(c)->check_url);
	view_put_str(s, "title", arena_printf(c->a, "%d %s", c->status, reason));
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
