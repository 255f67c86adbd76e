/* rows.c - repeated rows of a form (agenda items, attendance, actions, …): one helper that names its columns. */
#include "pages/rows.h"

#include <stdlib.h>
#include <string.h>

#include "pages/forms.h"

static const char *cell_name(http_ctx *c, const rows_part *p, size_t row, size_t col)
{
	return arena_printf(c->a, "%s_%zu_%s", p->prefix, row, p->cols[col].def.name);
}

static size_t rows_sent(http_ctx *c, const rows_part *p)
{
	const char *v = form_get(&c->body, arena_printf(c->a, "%s_rows", p->prefix));
	if (!v || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 4)
		return 0;
	size_t n = (size_t)strtol(v, NULL, 10);
	return n > p->max_rows ? p->max_rows : n;
}

static void alloc_rows(http_ctx *c, const rows_part *p, rows_data *d, size_t n)
{
	d->cells = arena_alloc(c->a, (n ? n : 1) * p->ncols * sizeof *d->cells);
	d->n = 0;
	d->invalid = 0;
	d->sent = 0;
}

/* Checks one row's cells (sent[k] NULL: empty); keeps the row unless every cell is empty. */
static void take_row(http_ctx *c, const rows_part *p, rows_data *d, const char *const *sent)
{
	field_value *cell = &d->cells[d->n * p->ncols];
	bool any = false;
	for (size_t k = 0; k < p->ncols; k++)
		any |= sent[k] && *sent[k] && !p->cols[k].hidden;
	if (!any && !p->fixed)
		return;
	for (size_t k = 0; k < p->ncols; k++) {
		field_check(c->a, &p->cols[k].def, sent[k], &cell[k]);
		d->invalid += cell[k].error != NULL;
	}
	d->n++;
}

void rows_read(http_ctx *c, const rows_part *p, rows_data *d)
{
	size_t n = rows_sent(c, p);
	alloc_rows(c, p, d, n);
	d->sent = n;
	const char **sent = arena_alloc(c->a, p->ncols * sizeof *sent);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < p->ncols; k++)
			sent[k] = form_get(&c->body, cell_name(c, p, i, k));
		take_row(c, p, d, sent);
	}
}

void rows_fill(http_ctx *c, const rows_part *p, const char *const *raw, size_t n, rows_data *d)
{
	if (n > p->max_rows)
		n = p->max_rows;
	alloc_rows(c, p, d, n);
	for (size_t i = 0; i < n; i++)
		take_row(c, p, d, raw + i * p->ncols);
}

void rows_grow(http_ctx *c, const rows_part *p, rows_data *d, size_t more)
{
	size_t n = d->n + more > p->max_rows ? p->max_rows : d->n + more;
	if (n <= d->n)
		return;
	field_value *cells = arena_alloc(c->a, n * p->ncols * sizeof *cells);
	memcpy(cells, d->cells, d->n * p->ncols * sizeof *cells);
	for (size_t i = d->n * p->ncols; i < n * p->ncols; i++)
		cells[i] = (field_value){.raw = ""};
	d->cells = cells;
	d->n = n;
}

void rows_error(rows_data *d, const rows_part *p, size_t row, size_t col, const char *key)
{
	field_value *cell = &d->cells[row * p->ncols + col];
	if (!cell->error) {
		cell->error = key;
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

static const char *input_type(const rows_col *col)
{
	if (col->hidden)
		return "hidden";
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

view_value *rows_put(http_ctx *c, view_value *scope, const char *key, const rows_part *p, const rows_data *d)
{
	view_put_int(scope, arena_printf(c->a, "%s_rows", p->prefix), (long long)d->n);
	view_value *list = view_put_list(scope, key);
	for (size_t i = 0; i < d->n; i++) {
		view_value *row = view_push_map(list);
		view_put_int(row, "row", (long long)i + 1);
		view_value *cells = view_put_list(row, "cells");
		for (size_t k = 0; k < p->ncols; k++) {
			const rows_col *col = &p->cols[k];
			const field_value *v = &d->cells[i * p->ncols + k];
			view_value *m = view_push_map(cells);
			view_put(row, col->def.name, m); /* by name too, for a template that lays the row out itself */
			const char *name = cell_name(c, p, i, k);
			view_put_str(m, "name", name);
			view_put_str(m, "id", name);
			view_put_str(m, "type", input_type(col));
			view_put_str(m, "value", v->raw ? v->raw : "");
			view_put_str(m, "shown", v->raw ? v->raw : "");
			view_put_bool(m, "required", false);
			view_put_bool(m, "checked", false);
			view_put_int(m, "max", col->def.type == FIELD_INT ? 0 : (long long)col->def.max);
			view_put_str(m, "label", page_msg(c, arena_printf(c->a, "%s.%s", p->msg, col->def.name), 0));
			view_put_str(m, "hint", NULL);
			view_put_str(m, "error", v->error ? page_msg(c, v->error, v->arg) : NULL);
			view_put_list(m, "options");
			if (col->def.type == FIELD_ID && !col->hidden)
				page_add_option(m, "", "—", !v->raw || !*v->raw);
			if (col->def.type == FIELD_CHOICE && !col->hidden) {
				page_add_option(m, "", "—", !v->raw || !*v->raw);
				for (const char *const *ch = col->def.choices; ch && *ch; ch++)
					page_add_option(m, *ch, page_msg(c, arena_printf(c->a, "%s.%s.%s", p->msg, col->def.name, *ch), 0),
					                v->raw && strcmp(v->raw, *ch) == 0);
			}
		}
	}
	return list;
}
