/* pick.h - choosing a person or an organisation in a form's rows (attendees, signatories, members, presenters,
 * action owners, a group's people; parties, members' and positions' organisations) when there are too many to list.
 *
 * Up to PICK_LISTED of a kind, its cells are a <select> of every one. Past that (a university's 20,000 people made a
 * memorandum's form 14 MB), they are text fields: someone types a name, or part of one, and the save looks it up
 * as the lists' searches do (folded: case and Azerbaijani letters). One found is chosen, and so is the one whose
 * whole name it is; several are offered as the cell's choices with the error "N match"; none is an error naming
 * the cell; nothing is saved until every cell names someone. A chosen one is shown as "Name (#id)", which reads
 * back as that id, so saving an unchanged form changes nothing. It needs no JavaScript. */
#ifndef MEMOCAL_PAGES_PICK_H
#define MEMOCAL_PAGES_PICK_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"
#include "model/person.h"
#include "pages/rows.h"

/* The most of a kind a form lists as choices; one more, and its cells are typed. */
#define PICK_LISTED 300
/* The most a typed name is offered among (past that, the error asks for more of the name). */
#define PICK_OFFERED 20

/* What the form has read of one kind: whether its cells are typed, and the names it knows (those its cells name,
 * and those a typed name matched). */
typedef struct pick_kind {
	bool typed;
	rows_named *known;
	size_t n, cap;
} pick_kind;

typedef struct pick {
	pick_kind people, orgs;
} pick;

enum { PICK_PEOPLE = 1, PICK_ORGS = 2 };

/* Sets the kinds (PICK_PEOPLE | PICK_ORGS) of l: every one while there are at most PICK_LISTED, else none and
 * l->pick says they are typed. -1 on a database error. */
int pick_load(http_ctx *c, rows_lists *l, int kinds);

/* Adds people whose names the page has read already (a record's page reads the people it names). */
void pick_know_people(http_ctx *c, pick *p, const person *people, size_t n);

/* For rows.c, with a pick: whether a column's cells are typed ... */
bool pick_typed(const rows_lists *l, const rows_col *col);
/* ... looks up the names typed into part's typed cells and the ids sent, choosing, offering or refusing each
 * (rows_read, rows_fill) ... */
void pick_resolve(http_ctx *c, pick *p, const rows_part *part, rows_data *d);
/* ... reads the names it does not know yet of the ones part's cells name (rows_put) ... */
void pick_names(http_ctx *c, pick *p, const rows_part *part, const rows_data *d);
/* ... and one it knows, or NULL. */
const rows_named *pick_known(const pick *p, enum rows_from from, long long id);

/* "Name (#id)" and "#id" as the id they end with; digits alone as themselves: the id, or 0 for a name to look up. */
long long pick_id_of(const char *typed);

#endif
