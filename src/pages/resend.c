/* resend.c - a POST the database could not serve comes back as a form holding everything it sent. */
#include "pages/resend.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "pages/render.h"

/* The catalogue prefix of the labels of the forms under a path (pages put a field's label at
 * "<prefix>.<name>", a row's cell at "<prefix>.<part>.<col>" or "<prefix>.<part>_<col>"). */
static const char *label_prefix(const char *path)
{
	static const struct {
		const char *path, *prefix;
	} by_path[] = {
		{"/login", "login"},   {"/organisations", "org"}, {"/people", "person"}, {"/users", "user"},
		{"/feeds", "feeds"},   {"/memoranda", "memo"},    {"/series", "series"},
	};
	if (strstr(path, "/occurrences/"))
		return "occurrence";
	if (strstr(path, "/series/"))
		return "series"; /* also /memoranda/{id}/series/new */
	for (size_t i = 0; i < sizeof by_path / sizeof by_path[0]; i++)
		if (strncmp(path, by_path[i].path, strlen(by_path[i].path)) == 0)
			return by_path[i].prefix;
	return NULL;
}

/* The message for key, or NULL when the catalogue has none. */
static const char *msg_or_null(http_ctx *c, const char *key)
{
	app *ap = app_of(c);
	const char *m = view_msg(ap->views, lang_code(c->lang), key);
	return strcmp(m, key) == 0 ? NULL : m;
}

/* "party_0_org" → part "party", row 0, column "org"; false for other names. */
static bool row_cell(arena *a, const char *name, const char **part, long *row, const char **col)
{
	const char *u = strchr(name, '_');
	while (u) {
		const char *d = u + 1;
		if (isdigit((unsigned char)*d)) {
			const char *e = d;
			while (isdigit((unsigned char)*e))
				e++;
			if (*e == '_' && e[1] && e - d < 6) {
				*part = arena_strndup(a, name, (size_t)(u - name));
				*row = strtol(d, NULL, 10);
				*col = e + 1;
				return true;
			}
		}
		u = strchr(u + 1, '_');
	}
	return false;
}

static const char *label_of(http_ctx *c, const char *prefix, const char *name)
{
	const char *m = prefix ? msg_or_null(c, arena_printf(c->a, "%s.%s", prefix, name)) : NULL;
	if (m)
		return m;
	const char *part, *col;
	long row;
	if (prefix && row_cell(c->a, name, &part, &row, &col)) {
		m = msg_or_null(c, arena_printf(c->a, "%s.%s.%s", prefix, part, col));
		if (!m)
			m = msg_or_null(c, arena_printf(c->a, "%s.%s_%s", prefix, part, col));
		if (m)
			return arena_printf(c->a, "%s (%ld)", m, row + 1);
	}
	return name;
}

/* Fields that carry state rather than what a person typed: sent again unseen. */
static bool bookkeeping(const char *name)
{
	static const char *const names[] = {"version", "once", "action", "back", "next", "rows", NULL};
	for (const char *const *n = names; *n; n++)
		if (strcmp(name, *n) == 0)
			return true;
	size_t len = strlen(name);
	return len > 5 && strcmp(name + len - 5, "_rows") == 0;
}

static void put_field(http_ctx *c, view_value *list, const char *prefix, const char *name, const char *value,
                      const char *filename)
{
	view_value *f = view_push_map(list);
	view_put_str(f, "name", name);
	view_put_str(f, "id", arena_printf(c->a, "resend-%s", name));
	view_put_str(f, "label", label_of(c, prefix, name));
	const char *type;
	if (filename) {
		type = "file";
		view_put_str(f, "filename", *filename ? filename : NULL);
		value = "";
	} else if (strstr(name, "password")) {
		type = "password"; /* never sent back into a page */
		value = "";
	} else if (bookkeeping(name)) {
		type = "hidden";
	} else if (strchr(value, '\n') || strlen(value) > 120) {
		type = "textarea";
	} else {
		type = "text";
	}
	view_put_str(f, "type", type);
	view_put_str(f, "value", value);
}

int page_resend(http_ctx *c, const char *message_key)
{
	app *ap = app_of(c);
	bool is_multipart = c->upload.count > 0;
	if (!ap->views || (c->body.count == 0 && !is_multipart) || !c->path)
		return -1;
	visit *v = visit_of(c);
	const char *sent_csrf = form_get(&c->body, "csrf");
	if (!v->csrf)
		v->csrf = sent_csrf; /* the database could not say the session's: the one the form carried */
	view_value *s = page_scope(c, "resend.title");
	view_put_str(s, "message", view_msg(ap->views, lang_code(c->lang), message_key));
	view_put_bool(s, "has_errors", true);
	const char *qs = c->query_string && *c->query_string ? c->query_string : NULL;
	view_put_str(s, "action", qs ? arena_printf(c->a, "%s?%s", c->path, qs) : c->path);
	view_put_bool(s, "multipart", is_multipart);
	const char *prefix = label_prefix(c->path);
	view_value *list = view_put_list(s, "fields");
	bool files = false;
	if (is_multipart) {
		for (size_t i = 0; i < c->upload.count; i++) {
			const multipart_part *p = &c->upload.parts[i];
			if (strcmp(p->name, "csrf") == 0)
				continue;
			files |= p->filename != NULL;
			put_field(c, list, prefix, p->name, p->filename ? "" : p->data, p->filename);
		}
	} else {
		for (size_t i = 0; i < c->body.count; i++) {
			const form_field *f = &c->body.fields[i];
			if (strcmp(f->name, "csrf") != 0)
				put_field(c, list, prefix, f->name, f->value, NULL);
		}
	}
	view_put_bool(s, "files", files);
	buf_reset(c->body_out);
	return page_render(c, "resend", s) == 0 ? 0 : -1;
}
