/* people_pick.h - choosing a person in a form's rows (attendees, signatories, members, presenters, action owners,
 * a group's people) when there are too many people to list.
 *
 * Up to PEOPLE_PICK_LISTED people, a person cell is a <select> of every one of them. Past that (a university's
 * 20,000 people made a memorandum's form 14 MB), it is a text field: someone types a name, or part of one, and the
 * save looks it up. One person found is chosen; several are offered as the cell's choices, with the error "N people
 * match"; none is an error naming the cell. A chosen person is shown as "Name (#id)", which reads back as that id,
 * so saving an unchanged form changes nothing. It needs no JavaScript. */
#ifndef MEMOCAL_PAGES_PEOPLE_PICK_H
#define MEMOCAL_PAGES_PEOPLE_PICK_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"
#include "model/person.h"
#include "pages/rows.h"

/* The most people a form lists as choices; one more, and its person cells are typed. */
#define PEOPLE_PICK_LISTED 300
/* The most people a typed name is offered among (the error asks for more of the name past that). */
#define PEOPLE_PICK_OFFERED 20

/* The names a form has read so far (the people its cells name, and those a typed name matched). */
typedef struct people_pick {
	person *known;
	size_t n, cap;
} people_pick;

/* Sets l's people: every person when there are at most PEOPLE_PICK_LISTED; else none, and l->pick (typed cells).
 * -1 on a database error. */
int people_pick_load(http_ctx *c, rows_lists *l);

/* Adds people whose names the page has read already (a record's page reads the people it names). */
void people_pick_know(http_ctx *c, people_pick *pick, const person *people, size_t n);

/* For rows.c, with a pick: looks up the names typed into p's person cells and the ids sent, choosing, offering or
 * refusing each (rows_read, rows_fill) ... */
void people_pick_resolve(http_ctx *c, people_pick *pick, const rows_part *p, rows_data *d);
/* ... and reads the names of the people p's cells name that it does not know yet (rows_put). */
void people_pick_names(http_ctx *c, people_pick *pick, const rows_part *p, const rows_data *d);
/* A person it knows, or NULL. */
const person *people_pick_known(const people_pick *pick, long long id);

/* "Name (#id)" and "#id" as the id they end with; digits alone as themselves: the id, or 0 for a name to look up. */
long long people_pick_id_of(const char *typed);

#endif
