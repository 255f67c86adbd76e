/* rows.c - repeated rows of a form (parties, members, areas, attendees, positions, agenda items, attendance,
 * actions, …): one helper that names its columns. */
#include "pages/rows.h"

#include <stdlib.h>
#include <string.h>

#include "pages/forms.h"
#include "pages/pick.h"

static const char *cell_name(http_ctx *c, const rows_part *p, size_t row, size_t col)
{
	return arena_printf(c->a, "%s_%zu_%s", p->prefix, row, p->cols[col].def.name);
}

static const char *count_name(http_ctx *c, const rows_part *p)
{
	return p->count ? p->count : arena_printf(c->a, "%s_rows", p->prefix);
}

/* The rows the form had: its count, but never fewer than the rows it filled in (a count lost on the way). */
static size_t rows_sent(http_ctx *c, const rows_part *p)
{
	const char *v = form_get(&c->body, count_name(c, p));
	size_t n = 0;
	if (v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) <= 4)
		n = (size_t)strtol(v, NULL, 10);
	if (n > p->max_rows)
		n = p->max_rows;
	size_t len = strlen(p->prefix);
	for (size_t i = 0; i < c->body.count; i++) { /* a cell past the count: "<prefix>_<row>_<column>" */
		const char *name = c->body.fields[i].name;
		if (strncmp(name, p->prefix, len) != 0 || name[len] != '_')
			continue;
		const char *at = name + len + 1;
		size_t digits = strspn(at, "0123456789");
		size_t row = digits && digits <= 4 && at[digits] == '_' ? (size_t)strtol(at, NULL, 10) : p->max_rows;
		if (row < p->max_rows && row >= n)
			n = row + 1;
	}
	return n;
}

static void alloc_rows(http_ctx *c, const rows_part *p, rows_data *d, size_t n)
{
	memset(d, 0, sizeof *d);
	d->cells = arena_alloc(c->a, (n ? n : 1) * p->ncols * sizeof *d->cells);
}

field_value *rows_cell(const rows_data *d, const rows_part *p, size_t row, size_t col)
{
	return &d->cells[row * p->ncols + col];
}

static bool listed(const rows_lists *l, enum rows_from from, long long id)
{
	for (size_t i = 0; from == ROWS_PEOPLE && i < l->npeople; i++)
		if (l->people[i].id == id)
			return true;
	for (size_t i = 0; from == ROWS_ORGS && i < l->norgs; i++)
		if (l->orgs[i].id == id)
			return true;
	return false;
}

static bool same_cell(const field_def *def, const field_value *a, const field_value *b)
{
	if (def->type == FIELD_ID || def->type == FIELD_INT)
		return a->num == b->num;
	return strcmp(a->value, b->value) == 0;
}

/* Whether rows i and j have the same key (every key cell given in both). */
static bool same_key(const rows_data *d, const rows_part *p, size_t i, size_t j)
{
	bool any = false;
	for (size_t k = 0; k < p->ncols; k++) {
		if (!p->cols[k].key)
			continue;
		const field_value *a = rows_cell(d, p, i, k), *b = rows_cell(d, p, j, k);
		if (!a->value || !b->value || !same_cell(&p->cols[k].def, a, b))
			return false;
		any = true;
	}
	return any;
}

/* Checks one row's cells (sent[k] NULL: empty); keeps the row unless every cell is empty. */
static void take_row(http_ctx *c, const rows_part *p, const rows_lists *l, rows_data *d, const char *const *sent)
{
	size_t row = d->n, last_key = p->ncols;
	field_value *cell = rows_cell(d, p, row, 0);
	bool any = false;
	for (size_t k = 0; k < p->ncols; k++) {
		const rows_col *col = &p->cols[k];
		const char *s = sent[k];
		if ((!s || !*s) && col->fallback)
			s = col->fallback;
		long long id = -1;
		if (pick_typed(l, col) && s && (id = pick_id_of(s)) > 0)
			s = arena_printf(c->a, "%lld", id); /* "Name (#id)", as the form showed a chosen person */
		field_check(c->a, &col->def, s, &cell[k]);
		if (pick_typed(l, col) && s && id == 0 && s[strspn(s, " \t\r\n")]) {
			cell[k] = (field_value){.raw = s, .error = ROWS_TYPED_NAME}; /* a name: pick looks it up */
		}
		/* content: what someone typed or chose (a space is nothing, something wrong is something) */
		if (!col->hidden && !col->fallback)
			any |= cell[k].value != NULL || (cell[k].error && strcmp(cell[k].error, "invalid.required") != 0);
		if (col->key)
			last_key = k;
	}
	if (!any && !p->fixed)
		return;
	d->n++;
	for (size_t k = 0; k < p->ncols; k++) {
		const rows_col *col = &p->cols[k];
		if (col->from != ROWS_TYPED && cell[k].value && !cell[k].error && l && !l->unknown &&
		    !pick_typed(l, col) && !listed(l, col->from, cell[k].num))
			cell[k].error = "invalid.choice";
		d->invalid += cell[k].error != NULL;
	}
	for (size_t j = 0; p->twice && last_key < p->ncols && j < row; j++)
		if (same_key(d, p, row, j))
			rows_error(d, p, row, last_key, p->twice);
}

/* Typed cells looked up (pick.h); two rows that now name the same one are refused as any two with one key are. */
static void resolve_people(http_ctx *c, const rows_part *p, const rows_lists *l, rows_data *d)
{
	if (!l || !l->pick)
		return;
	pick_resolve(c, l->pick, p, d);
	size_t last_key = p->ncols;
	for (size_t k = 0; k < p->ncols; k++)
		if (p->cols[k].key)
			last_key = k;
	for (size_t i = 0; p->twice && last_key < p->ncols && i < d->n; i++)
		for (size_t j = 0; j < i; j++)
			if (same_key(d, p, i, j)) {
				rows_error(d, p, i, last_key, p->twice);
				break;
			}
}

void rows_read(http_ctx *c, const rows_part *p, const rows_lists *l, rows_data *d)
{
	size_t n = rows_sent(c, p);
	alloc_rows(c, p, d, n);
	d->sent = n;
	d->place = arena_alloc(c->a, (n ? n : 1) * sizeof *d->place);
	const char **sent = arena_alloc(c->a, p->ncols * sizeof *sent);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < p->ncols; k++)
			sent[k] = form_get(&c->body, cell_name(c, p, i, k));
		size_t kept = d->n;
		take_row(c, p, l, d, sent);
		d->place[i] = d->n > kept ? (long)kept : -1;
	}
	resolve_people(c, p, l, d);
}

long rows_renumber(http_ctx *c, const rows_data *d, field_value *ref)
{
	if (!ref->value || ref->error)
		return -1;
	long long n = ref->num;
	if (!d->place) /* stored rows: numbered as they are */
		return n >= 1 && (size_t)n <= d->n ? (long)n : -1;
	if (n < 1 || (size_t)n > d->sent)
		return -1;
	long at = d->place[n - 1];
	if (at < 0)
		return 0;
	ref->num = at + 1;
	ref->value = ref->raw = arena_printf(c->a, "%ld", at + 1);
	return at + 1;
}

void rows_fill(http_ctx *c, const rows_part *p, const rows_lists *l, const char *const *raw, size_t n, rows_data *d)
{
	if (n > p->max_rows)
		n = p->max_rows;
	alloc_rows(c, p, d, n);
	for (size_t i = 0; i < n; i++)
		take_row(c, p, l, d, raw + i * p->ncols);
	resolve_people(c, p, l, d);
}

void rows_grow(http_ctx *c, const rows_part *p, rows_data *d, size_t more)
{
	size_t n = d->n + more > p->max_rows ? p->max_rows : d->n + more;
	if (n <= d->n)
		return;
	field_value *cells = arena_alloc(c->a, n * p->ncols * sizeof *cells);
	if (d->n)
		memcpy(cells, d->cells, d->n * p->ncols * sizeof *cells);
	for (size_t i = d->n * p->ncols; i < n * p->ncols; i++)
		cells[i] = (field_value){.raw = ""};
	d->cells = cells;
	if (d->offers) {
		rows_offer *offers = arena_alloc(c->a, n * p->ncols * sizeof *offers);
		memcpy(offers, d->offers, d->n * p->ncols * sizeof *offers);
		memset(offers + d->n * p->ncols, 0, (n - d->n) * p->ncols * sizeof *offers);
		d->offers = offers;
	}
	d->n = n;
}

void rows_error(rows_data *d, const rows_part *p, size_t row, size_t col, const char *key)
{
	field_value *cell = rows_cell(d, p, row, col);
	if (!cell->error) {
		cell->error = key;
		d->invalid++;
	}
}

void rows_part_error(rows_data *d, const char *key)
{
	if (!d->error) {
		d->error = key;
		d->invalid++;
	}
}

const char **rows_values(http_ctx *c, const rows_part *p, const rows_data *d)
{
	const char **v = arena_alloc(c->a, (d->n ? d->n : 1) * p->ncols * sizeof *v);
	for (size_t i = 0; i < d->n * p->ncols; i++)
		v[i] = d->cells[i].value;
	return v;
}

static const char *more_action(http_ctx *c, const rows_part *p)
{
	return p->more ? p->more : arena_printf(c->a, "more_%s", p->key);
}

int rows_more(http_ctx *c, const rows_part *parts, size_t n)
{
	const char *action = form_get(&c->body, "action");
	for (size_t i = 0; action && i < n; i++)
		if (!parts[i].fixed && strcmp(action, more_action(c, &parts[i])) == 0)
			return (int)i;
	return -1;
}

void rows_reshow(http_ctx *c, const rows_part *p, rows_data *d, size_t more)
{
	for (size_t i = 0; i < d->n * p->ncols; i++)
		d->cells[i].error = NULL;
	d->invalid = 0;
	d->error = NULL;
	if (!p->fixed)
		rows_grow(c, p, d, (d->sent > d->n ? d->sent - d->n : 0) + more);
}

static const char *input_type(const rows_col *col)
{
	if (col->hidden)
		return col->kept ? "kept" : "hidden";
	switch (col->def.type) {
	case FIELD_TEXTAREA: return "textarea";
	case FIELD_DATE: return "date";
	case FIELD_ID:
	case FIELD_CHOICE: return "select";
	case FIELD_INT: return "number";
	case FIELD_TIME: return "time";
	default: return "text";
	}
}

/* "title_en" and "title_az" (or "en" and "az"): a pair whose Azerbaijani half comes first on an Azerbaijani page. */
static bool pair(const char *en, const char *az)
{
	size_t n = strlen(en);
	return n >= 2 && strlen(az) == n && strcmp(en + n - 2, "en") == 0 && strcmp(az + n - 2, "az") == 0 &&
	       strncmp(en, az, n - 2) == 0;
}

static const char *msg_or_null(http_ctx *c, const char *key)
{
	return key ? page_msg(c, key, 0) : NULL;
}

/* A list's options for an ID cell; a choice the list cannot show (the database is down, or no such row) is kept,
 * so sending the form again sends it again. */
static void list_options(http_ctx *c, view_value *m, enum rows_from from, const rows_lists *l, const char *chosen)
{
	bool az = c->lang == LANG_AZ, found = !*chosen;
	size_t n = !l ? 0 : from == ROWS_PEOPLE ? l->npeople : l->norgs;
	for (size_t i = 0; i < n; i++) {
		long long id = from == ROWS_PEOPLE ? l->people[i].id : l->orgs[i].id;
		const bitext *name = from == ROWS_PEOPLE ? &l->people[i].full_name : &l->orgs[i].name;
		const char *value = arena_printf(c->a, "%lld", id);
		bool selected = strcmp(value, chosen) == 0;
		found |= selected;
		page_add_option(m, value, az && name->az ? name->az : name->en, selected);
	}
	if (!found && strspn(chosen, "0123456789") == strlen(chosen) && strlen(chosen) <= 18)
		page_add_option(m, chosen, page_msg(c, "rows.number", strtoll(chosen, NULL, 10)), true);
}

static const char *name_in(http_ctx *c, const bitext *name)
{
	return c->lang == LANG_AZ && name->az ? name->az : name->en;
}

/* A typed cell (pick.h): a text field holding "Name (#id)" for one chosen, or what was typed; a select of the ones a
 * typed name matched when it matched several. */
static void typed_cell(http_ctx *c, view_value *m, const rows_col *col, const rows_lists *l, const rows_data *d,
                       size_t at, const field_value *v)
{
	const rows_offer *o = d->offers ? &d->offers[at] : NULL;
	if (o && o->n) {
		view_put_str(m, "type", "select");
		page_add_option(m, "", "—", true);
		for (size_t i = 0; i < o->n; i++)
			page_add_option(m, arena_printf(c->a, "%lld", o->items[i].id),
			                arena_printf(c->a, "%s (#%lld)", name_in(c, &o->items[i].name), o->items[i].id), false);
		return;
	}
	view_put_str(m, "type", "text");
	view_put_str(m, "hint", page_msg(c, col->from == ROWS_PEOPLE ? "rows.person_hint" : "rows.org_hint", 0));
	const rows_named *who = v->value && !v->error ? pick_known(l->pick, col->from, v->num) : NULL;
	if (who)
		view_put_str(m, "value", arena_printf(c->a, "%s (#%lld)", name_in(c, &who->name), who->id));
	else if (v->value && !v->error)
		view_put_str(m, "value", arena_printf(c->a, "#%lld", v->num));
}

static view_value *put_cell(http_ctx *c, view_value *scope, view_value *row, const rows_part *p, const rows_lists *l,
                            const rows_data *d, size_t i, size_t k)
{
	const field_value *v = rows_cell(d, p, i, k);
	const rows_col *col = &p->cols[k];
	const char *name = cell_name(c, p, i, k), *raw = v->raw ? v->raw : "";
	size_t len = strlen(col->def.name);
	view_value *m = view_map_new(c->a);
	view_put(row, col->def.name, m); /* by name too, for a template that lays the row out itself */
	/* every key is set, so a lookup never falls through to an outer scope */
	view_put_str(m, "name", name);
	view_put_str(m, "id", name);
	view_put_str(m, "type", input_type(col));
	view_put_str(m, "value", raw);
	view_put_str(m, "shown", raw);
	view_put_bool(m, "required", false);
	view_put_bool(m, "checked", false);
	view_put_int(m, "max", col->def.type == FIELD_INT ? 0 : (long long)col->def.max);
	view_put_str(m, "label", page_msg(c, arena_printf(c->a, "%s.%s", p->msg, col->def.name), 0));
	view_put_str(m, "hint", NULL);
	view_put_str(m, "error", v->error ? page_msg(c, v->error, v->arg) : NULL);
	view_put_str(m, "in_lang", len >= 2 && strcmp(col->def.name + len - 2, "az") == 0 ? "az" : NULL);
	view_put_list(m, "options");
	if (pick_typed(l, col)) {
		typed_cell(c, m, col, l, d, i * p->ncols + k, v);
	} else if (col->def.type == FIELD_ID && !col->hidden) {
		page_add_option(m, "", "—", !*raw);
		if (col->from != ROWS_TYPED)
			list_options(c, m, col->from, l, raw);
	}
	if (col->def.type == FIELD_CHOICE && !col->hidden) {
		const char *chosen = *raw ? raw : col->fallback ? col->fallback : "";
		if (!col->fallback)
			page_add_option(m, "", "—", !*chosen);
		for (const char *const *ch = col->def.choices; ch && *ch; ch++) {
			const char *key = col->choice_msg ? arena_printf(c->a, "%s.%s", col->choice_msg, *ch)
			                                  : arena_printf(c->a, "%s.%s.%s", p->msg, col->def.name, *ch);
			page_add_option(m, *ch, page_msg(c, key, 0), strcmp(chosen, *ch) == 0);
		}
	}
	if (v->error) { /* the notice at the top lists every refused cell with a link to it (partials/notice) */
		view_value *list = view_get(scope, "invalid_fields");
		view_value *e = view_push_map(list && list->kind == VIEW_LIST ? list : view_put_list(scope, "invalid_fields"));
		view_put_str(e, "id", name);
		view_put(e, "label", view_get(m, "label"));
		view_put(e, "error", view_get(m, "error"));
	}
	return m;
}

view_value *rows_put(http_ctx *c, view_value *scope, const rows_part *p, const rows_lists *l, const rows_data *d)
{
	if (l && l->pick)
		pick_names(c, l->pick, p, d);
	view_value *part = view_put_map(scope, p->key);
	view_put_str(part, "anchor", p->key);
	view_put_str(part, "legend", msg_or_null(c, p->legend));
	view_put_str(part, "hint", msg_or_null(c, p->hint));
	view_put_str(part, "error", d->error ? page_msg(c, d->error, 0) : NULL);
	view_put_str(part, "empty", msg_or_null(c, p->empty));
	view_put_str(part, "count_name", count_name(c, p));
	view_put_int(part, "count", (long long)d->n);
	const char *more = p->fixed || d->n >= p->max_rows ? NULL : more_action(c, p);
	view_put_str(part, "more", more);
	view_put_str(part, "button", p->more_apart ? NULL : more);
	size_t *order = arena_alloc(c->a, p->ncols * sizeof *order);
	for (size_t k = 0; k < p->ncols; k++)
		order[k] = k;
	for (size_t k = 0; c->lang == LANG_AZ && k + 1 < p->ncols; k++)
		if (pair(p->cols[k].def.name, p->cols[k + 1].def.name)) {
			order[k] = k + 1;
			order[k + 1] = k;
			k++;
		}
	view_value *list = view_put_list(part, "rows");
	for (size_t i = 0; i < d->n; i++) {
		view_value *row = view_push_map(list);
		view_put_int(row, "row", (long long)i + 1);
		view_put_str(row, "heading", p->heading ? page_msg(c, p->heading, (long long)i + 1) : NULL);
		view_value *cells = view_put_list(row, "cells");
		for (size_t k = 0; k < p->ncols; k++)
			view_push(cells, put_cell(c, scope, row, p, l, d, i, order[k]));
	}
	return list;
}
