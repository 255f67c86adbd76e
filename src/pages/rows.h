/* rows.h - repeated rows of a form (agenda items, attendance, actions, …): one helper that names its columns. */
#ifndef MEMOCAL_PAGES_ROWS_H
#define MEMOCAL_PAGES_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "http/fields.h"
#include "http/http.h"
#include "view/value.h"

/*
 * A repeated part of a form is a table of columns, each a declared field. Its cells travel as
 * "<prefix>_<row>_<column>" with "<prefix>_rows" saying how many rows the form had, so the form
 * needs no JavaScript: "more rows" is a submit button that brings the form back with two empty
 * rows more (rows_grow). A row whose cells are all empty is dropped as it is read.
 */
typedef struct rows_col {
	field_def def;
	bool hidden; /* sent back as it came (a stored number, a fixed person): shown as text, not typed */
} rows_col;

typedef struct rows_part {
	const char *prefix;    /* item, attendance, guest, … */
	const char *msg;       /* catalogue prefix of the column labels: "<msg>.<column>" (choices "<msg>.<column>.<choice>") */
	const rows_col *cols;
	size_t ncols;
	size_t max_rows;
	bool fixed;            /* the page gives the rows (one per expected attendee): empty ones are kept */
} rows_part;

/* What a part holds, valid or not, so it can always be shown again: n rows of ncols cells. */
typedef struct rows_data {
	field_value *cells; /* row by row */
	size_t n;
	int invalid;        /* cells with an error */
	size_t sent;        /* rows the form had (rows_read), empty ones included: "more rows" adds to what was shown */
} rows_data;

/* Reads and checks the part's rows from the POSTed form (at most max_rows). */
void rows_read(http_ctx *c, const rows_part *p, rows_data *d);

/* Rows from stored text (raw: n * ncols cells, NULL for empty), each checked like typed input. */
void rows_fill(http_ctx *c, const rows_part *p, const char *const *raw, size_t n, rows_data *d);

/* Adds `more` empty rows, up to max_rows. */
void rows_grow(http_ctx *c, const rows_part *p, rows_data *d, size_t more);

/* Marks one cell wrong (a rule across cells: a person not expected, an item that does not exist). */
void rows_error(rows_data *d, const rows_part *p, size_t row, size_t col, const char *key);

/* The cells of valid rows as text (NULL for empty), for the store: n * ncols. */
const char **rows_values(http_ctx *c, const rows_part *p, const rows_data *d);

/*
 * Puts scope.<prefix>_rows (the count) and scope.<key> = [ {cells: [cell…], <column>: cell…} … ] where
 * each cell is what partials/input.html draws (name, id, type, value, label, error, options; a choice
 * column has its options, labelled from the catalogue; an ID column gets "—" and the caller adds
 * the rest with page_add_option). Returns the list, so the caller can add to the rows.
 */
view_value *rows_put(http_ctx *c, view_value *scope, const char *key, const rows_part *p, const rows_data *d);

#endif
