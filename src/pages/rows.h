/* rows.h - repeated rows of a form (parties, members, areas, attendees, positions, agenda items, attendance,
 * actions, …): one helper that names its columns. */
#ifndef MEMOCAL_PAGES_ROWS_H
#define MEMOCAL_PAGES_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "http/fields.h"
#include "http/http.h"
#include "model/organisation.h"
#include "model/person.h"
#include "view/value.h"

/*
 * A repeated part of a form is a table of columns, each a declared field. Its cells travel as
 * "<prefix>_<row>_<column>" with "<prefix>_rows" saying how many rows the form had, so the form
 * needs no JavaScript: "more rows" is a submit button ("more_<key>") that brings the form back,
 * at the part (formaction "#<key>"), with two empty rows more (rows_more, rows_reshow). A row whose
 * cells are all empty is dropped as it is read; a row partly filled is checked cell by cell.
 */

/* Where an ID column's choices come from: the database's lists (rows_lists), checked against them. */
enum rows_from { ROWS_TYPED, ROWS_PEOPLE, ROWS_ORGS };

typedef struct rows_col {
	field_def def;
	bool hidden;            /* sent back as it came (a stored number, a fixed person): shown as text, not typed */
	enum rows_from from;    /* an ID chosen from a list: one not in it is "invalid.choice" */
	const char *fallback;   /* a choice's value when none is sent (its select has no empty choice); not content */
	const char *choice_msg; /* catalogue prefix of a choice column's labels, "<choice_msg>.<choice>"; NULL:
	                           "<msg>.<column>.<choice>" */
	bool key;               /* a column of the row's key: two rows with the same key are refused (part.twice) */
	bool kept;              /* hidden and not shown either: the stored row a row is (its id), carried through the form */
} rows_col;

typedef struct rows_part {
	const char *prefix;  /* item, attendance, party, … */
	const char *msg;     /* catalogue prefix of the column labels: "<msg>.<column>" */
	const rows_col *cols;
	size_t ncols;
	size_t max_rows;
	bool fixed;          /* the page gives the rows (one per expected attendee): empty ones are kept, no button */
	const char *key;     /* scope.<key> for the templates, the fieldset's id, "more_<key>" its button */
	const char *legend;  /* catalogue keys of the fieldset's legend and hint (NULL: none) */
	const char *hint;
	const char *heading; /* each row's heading, "{n}" its number (else the number follows); NULL: none */
	const char *empty;   /* said when there is no row (NULL: nothing) */
	const char *twice;   /* the error at the last key column of a row whose key an earlier row has */
	const char *count;   /* the name of the field that counts the rows; NULL: "<prefix>_rows" */
	const char *more;    /* the more-rows button's action; NULL: "more_<key>" */
	bool more_apart;     /* the template draws the button itself (after the form's Save, so Enter saves) */
} rows_part;

struct pick; /* pages/pick.h */

/* The lists from the database an ID column chooses from; unknown: they could not be read (nothing is checked
 * against them, and a chosen id stays chosen). With pick, people or organisations are too many to list: their
 * cells are typed, and pages/pick.c looks them up. */
typedef struct rows_lists {
	const person *people;
	size_t npeople;
	const organisation *orgs;
	size_t norgs;
	bool unknown;
	struct pick *pick;
} rows_lists;

/* A person or an organisation by its names. */
typedef struct rows_named {
	long long id;
	bitext name;
} rows_named;

/* The ones a typed name matched, offered as the cell's choices. */
typedef struct rows_offer {
	const rows_named *items;
	size_t n;
} rows_offer;

/* What a part holds, valid or not, so it can always be shown again: n rows of ncols cells. */
typedef struct rows_data {
	field_value *cells; /* row by row */
	size_t n;
	int invalid;        /* cells with an error (and the part's own error) */
	size_t sent;        /* rows the form had (rows_read), empty ones included: "more rows" adds to what was shown */
	const char *error;  /* a rule over the whole part ("two parties at least"): rows_part_error */
	rows_offer *offers; /* NULL, or one per cell: pick's choices for a name that matched several */
	long *place;        /* rows_read: for each row the form sent, its place among those kept (-1: empty, dropped) */
} rows_data;

/* The error of a typed cell until pick looks it up (not shown unless the look-up failed). */
#define ROWS_TYPED_NAME "rows.unsearched"

/* Reads and checks the part's rows from the POSTed form (at most max_rows); lists may be NULL. */
void rows_read(http_ctx *c, const rows_part *p, const rows_lists *l, rows_data *d);

/* Another part's cell that names a row of d by its number, as the form numbered the rows it sent (a record's
 * action "implements decision 2"): the number of that row among the rows kept, 1-based, written back into the
 * cell (so a save and a form shown again agree); 0 when that row was sent empty (dropped: removed from the form),
 * -1 when the form had no such row. Rows from rows_fill keep their numbers. */
long rows_renumber(http_ctx *c, const rows_data *d, field_value *ref);

/* Rows from stored text (raw: n * ncols cells, NULL for empty), each checked like typed input. */
void rows_fill(http_ctx *c, const rows_part *p, const rows_lists *l, const char *const *raw, size_t n, rows_data *d);

/* Adds `more` empty rows, up to max_rows. */
void rows_grow(http_ctx *c, const rows_part *p, rows_data *d, size_t more);

/* Marks one cell wrong (a rule across cells: a person not expected, an item that does not exist). */
void rows_error(rows_data *d, const rows_part *p, size_t row, size_t col, const char *key);

/* Marks the whole part wrong (a rule over its rows). */
void rows_part_error(rows_data *d, const char *key);

/* The cell of row i, column k. */
field_value *rows_cell(const rows_data *d, const rows_part *p, size_t row, size_t col);

/* The cells of valid rows as text (NULL for empty), for the store: n * ncols. */
const char **rows_values(http_ctx *c, const rows_part *p, const rows_data *d);

/* Which of the n parts' "more rows" buttons sent the form: its index, or -1. */
int rows_more(http_ctx *c, const rows_part *parts, size_t n);

/* The "more rows" answer: the rows as the form showed them (empty ones too) and `more` empty ones, no error
 * shown (nothing was saved, nothing is refused yet). */
void rows_reshow(http_ctx *c, const rows_part *p, rows_data *d, size_t more);

/*
 * Puts scope.<key> = {anchor, legend, hint, error, heading, empty, count_name, count, more, rows: [row…]} for
 * templates/partials/rows.html, each row {row, heading, cells: [cell…], <column>: cell…}, each cell what
 * partials/input.html draws (name, id, type, value, label, error, options, lang). An ID column from a list has
 * its options, a choice column its options labelled from the catalogue; in Azerbaijani a column "…az" comes
 * before its "…en". Every refused cell is listed in the notice at the top (scope.invalid_fields). Returns the
 * rows, so the caller can add to them.
 */
view_value *rows_put(http_ctx *c, view_value *scope, const rows_part *p, const rows_lists *l, const rows_data *d);

#endif
