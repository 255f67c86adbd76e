/* forms.c - putting a form's values and its errors in front of a template. */
#include "pages/forms.h"

#include <string.h>

#include "pages/app.h"
#include "pages/render.h"

const char *page_msg(http_ctx *c, const char *key, long long n)
{
	app *ap = app_of(c);
	/* a count's plural form when the catalogue has one (key.one, key.other), else the message itself */
	const char *msg = ap->views ? view_msg_n(ap->views, lang_code(c->lang), key, n) : key;
	const char *at = strstr(msg, "{n}");
	if (!at)
		return msg;
	return arena_printf(c->a, "%.*s%lld%s", (int)(at - msg), msg, n, at + 3);
}

static view_value *child_map(view_value *scope, const char *key)
{
	view_value *m = view_get(scope, key);
	return m && m->kind == VIEW_MAP ? m : view_put_map(scope, key);
}

void page_put_error(http_ctx *c, view_value *scope, const char *field, const char *key, long long n)
{
	view_put_str(child_map(scope, "errors"), field, page_msg(c, key, n));
	view_put_bool(scope, "has_errors", true);
}

view_value *page_put_form(http_ctx *c, view_value *scope, const field_def *defs, const field_value *vals, size_t n)
{
	view_value *values = child_map(scope, "form");
	for (size_t i = 0; i < n; i++) {
		if (defs[i].type == FIELD_PASSWORD)
			continue; /* never echo a password back into a page */
		if (defs[i].type == FIELD_CHECKBOX)
			view_put_bool(values, defs[i].name, vals[i].on);
		else
			view_put_str(values, defs[i].name, vals[i].raw);
		if (vals[i].error)
			page_put_error(c, scope, defs[i].name, vals[i].error, vals[i].arg);
	}
	return values;
}

static const char *const type_names[FIELD_TYPE__MAX] = {
	"text",     /* FIELD_TEXT */
	"textarea", /* FIELD_TEXTAREA */
	"email",    /* FIELD_EMAIL */
	"date",     /* FIELD_DATE */
	"select",   /* FIELD_ID: the caller adds the options */
	"number",   /* FIELD_INT */
	"select",   /* FIELD_CHOICE */
	"text",     /* FIELD_SLUG */
	"url",      /* FIELD_URL */
	"text",     /* FIELD_LOGIN */
	"password", /* FIELD_PASSWORD */
	"checkbox", /* FIELD_CHECKBOX */
	"time",     /* FIELD_TIME */
};

void page_add_option(view_value *field, const char *value, const char *label, bool selected)
{
	view_value *opts = view_get(field, "options");
	if (!opts || opts->kind != VIEW_LIST)
		opts = view_put_list(field, "options");
	view_value *o = view_push_map(opts);
	view_put_str(o, "value", value);
	view_put_str(o, "label", label);
	view_put_bool(o, "selected", selected);
}

view_value *page_put_fields(http_ctx *c, view_value *scope, const char *prefix, const field_def *defs,
                            const field_value *vals, size_t n)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	page_put_form(c, scope, defs, vals, n);
	view_put_str(scope, "once", page_once(c)); /* the form's one-time key (pages/render.h) */
	view_value *f = child_map(scope, "f");
	for (size_t i = 0; i < n; i++) {
		const field_def *d = &defs[i];
		view_value *m = view_put_map(f, d->name);
		view_put_str(m, "name", d->name);
		view_put_str(m, "id", d->name);
		view_put_str(m, "type", type_names[d->type]);
		/* every key is set, empty or not, so a lookup never falls through to an outer scope */
		view_put_bool(m, "checked", d->type == FIELD_CHECKBOX && vals[i].on);
		view_put_str(m, "value", d->type == FIELD_PASSWORD ? "" : vals[i].raw);
		view_put_bool(m, "required", d->required);
		view_put_int(m, "max", d->type != FIELD_INT ? (long long)d->max : 0);
		view_put_str(m, "hint", NULL);
		view_put_str(m, "error", NULL);
		view_put_list(m, "options");
		const char *key = arena_printf(c->a, "%s.%s", prefix, d->name);
		view_put_str(m, "label", ap->views ? view_msg(ap->views, lang, key) : key);
		const char *hint_key = arena_printf(c->a, "%s.hint", key);
		const char *hint = ap->views ? view_msg(ap->views, lang, hint_key) : hint_key;
		if (hint != hint_key && strcmp(hint, hint_key) != 0)
			view_put_str(m, "hint", hint);
		if (vals[i].error) {
			view_put_str(m, "error", page_msg(c, vals[i].error, vals[i].arg));
			/* the notice at the top lists every refused field with a link to it (partials/notice) */
			view_value *list = view_get(scope, "invalid_fields");
			view_value *e = view_push_map(list && list->kind == VIEW_LIST ? list : view_put_list(scope, "invalid_fields"));
			view_put_str(e, "id", d->name);
			view_put(e, "label", view_get(m, "label"));
			view_put(e, "error", view_get(m, "error"));
		}
		if (d->type == FIELD_CHOICE) {
			if (!d->required)
				page_add_option(m, "", "—", !vals[i].raw || !*vals[i].raw);
			for (const char *const *ch = d->choices; ch && *ch; ch++) {
				const char *ok = arena_printf(c->a, "%s.%s", key, *ch);
				page_add_option(m, *ch, ap->views ? view_msg(ap->views, lang, ok) : *ch,
				                vals[i].raw && strcmp(vals[i].raw, *ch) == 0);
			}
		}
	}
	return f;
}

void page_fill_fields(const field_def *defs, size_t n, const char *const *raw, field_value *vals)
{
	for (size_t i = 0; i < n; i++) {
		memset(&vals[i], 0, sizeof vals[i]);
		vals[i].raw = raw && raw[i] ? raw[i] : "";
		vals[i].value = raw ? raw[i] : NULL;
		vals[i].on = defs[i].type == FIELD_CHECKBOX && raw && raw[i] && raw[i][0] == 't';
	}
}

int page_form_version(http_ctx *c, int *version)
{
	static const field_def version_field = {"version", FIELD_INT, true, 0, 0, NULL};
	field_value v;
	field_check(c->a, &version_field, form_get(&c->body, "version"), &v);
	if (v.error) {
		c->error_key = "error.bad_request";
		c->error_field = "version";
		return 400;
	}
	*version = (int)v.num;
	return 0;
}

/* What a change just did, named in the address it redirected to (?done=KEY), for the next page to say. */
static const char *const done_keys[] = {"created", "saved", "saved_end", "saved_followed", "saved_end_followed",
                                        "unchanged", "deleted", "cancelled", "restored", "changed", "changed_end",
                                        "split", "split_end", "exception_deleted",
                                        /* the other records' pages */
                                        "org_created", "org_saved", "org_deleted", "person_created", "person_saved",
                                        "person_deleted", "memo_created", "memo_saved", "memo_deleted", "user_created",
                                        "user_saved", "feed_revoked", "settings_saved",
                                        /* the activity report's recommendation (pages/reports.c) */
                                        "report_saved", "report_issued",
                                        /* a memorandum's life (pages/life.c) */
                                        "memo_terminated", "memo_terminated_meetings", "memo_renewed", "memo_amended",
                                        "memo_commitment",
                                        /* documents (pages/documents.c) */
                                        "document_added", "document_version", "document_deleted",
                                        /* groups of people (pages/groups.c) */
                                        "group_created", "group_saved", NULL};

void page_put_done(http_ctx *c, view_value *scope)
{
	const char *done = http_query(c, "done");
	for (const char *const *k = done_keys; done && *k; k++)
		if (strcmp(*k, done) == 0) {
			view_put_str(scope, "message", page_msg(c, arena_printf(c->a, "done.%s", *k), 0));
			return;
		}
}

const char *page_done_url(http_ctx *c, const char *path, const char *key)
{
	return arena_printf(c->a, "%s%sdone=%s", path, strchr(path, '?') ? "&" : "?", key);
}

int page_save_failed(http_ctx *c, const store *s, const char *check_url, const char **message_key)
{
	int status;
	switch (s->status) {
	case STORE_UNAVAILABLE:
	case STORE_TIMEOUT:
		*message_key = "form.unavailable";
		status = 503;
		break;
	case STORE_BUSY:
		*message_key = "form.busy";
		status = 503;
		break;
	case STORE_UNKNOWN:
		/* the COMMIT went out and its answer was lost: it may have happened */
		*message_key = "form.unknown";
		visit_of(c)->check_url = check_url ? check_url : page_check_url(c);
		status = 503;
		break;
	case STORE_INVALID:
		*message_key = "form.failed";
		status = 422;
		break;
	default:
		*message_key = "form.failed";
		status = 500;
		break;
	}
	if (status == 503)
		http_header(c, "Retry-After", "5");
	return status;
}
