/* people_pick.c - a person in a form's rows, typed when there are too many people to list (people_pick.h). */
#include "pages/people_pick.h"

#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "store/memoranda.h"

/* A typed name longer than this is no one's (it is not sent to the database). */
#define TYPED_NAME_MAX 200

int people_pick_load(http_ctx *c, rows_lists *l)
{
	person *people;
	size_t n;
	if (store_person_choices(&app_of(c)->db, c->a, PEOPLE_PICK_LISTED + 1, &people, &n) != 0)
		return -1;
	if (n <= PEOPLE_PICK_LISTED) {
		l->people = people;
		l->npeople = n;
		l->pick = NULL;
		return 0;
	}
	l->people = NULL;
	l->npeople = 0;
	l->pick = arena_alloc(c->a, sizeof *l->pick);
	*l->pick = (people_pick){0};
	return 0;
}

const person *people_pick_known(const people_pick *pick, long long id)
{
	for (size_t i = 0; pick && i < pick->n; i++)
		if (pick->known[i].id == id)
			return &pick->known[i];
	return NULL;
}

void people_pick_know(http_ctx *c, people_pick *pick, const person *people, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (people_pick_known(pick, people[i].id))
			continue;
		if (pick->n == pick->cap) {
			size_t cap = pick->cap ? pick->cap * 2 : 16;
			person *known = arena_alloc(c->a, cap * sizeof *known);
			if (pick->n)
				memcpy(known, pick->known, pick->n * sizeof *known);
			pick->known = known;
			pick->cap = cap;
		}
		pick->known[pick->n++] = people[i];
	}
}

long long people_pick_id_of(const char *typed)
{
	size_t len = strlen(typed);
	while (len && strchr(" \t\r\n", typed[len - 1]))
		len--;
	size_t start = 0;
	while (start < len && strchr(" \t\r\n", typed[start]))
		start++;
	if (start == len)
		return 0;
	const char *s = typed + start;
	size_t n = len - start;
	if (s[n - 1] == ')') /* "Name (#12)" */
		n--;
	size_t digits = 0;
	while (digits < n && s[n - 1 - digits] >= '0' && s[n - 1 - digits] <= '9')
		digits++;
	if (!digits || digits > 18)
		return 0;
	const char *num = s + n - digits;
	bool alone = digits == n && s[len - start - 1] != ')';
	bool hashed = n > digits && num[-1] == '#' &&
	              (s[len - start - 1] != ')' || (n > digits + 1 && num[-2] == '('));
	if (!alone && !hashed)
		return 0;
	return strtoll(num, NULL, 10);
}

/* The typed name with its blanks made single spaces, as the search folds it. */
static const char *tidy(arena *a, const char *typed)
{
	char *out = arena_alloc(a, strlen(typed) + 1), *o = out;
	for (const char *s = typed; *s; s++) {
		bool blank = strchr(" \t\r\n", *s) != NULL;
		if (blank && (o == out || o[-1] == ' '))
			continue;
		*o++ = blank ? ' ' : *s;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* One typed cell looked up: chosen when one person matches (or one whose whole name it is), else refused naming how
 * many match, with the first PEOPLE_PICK_OFFERED of them offered. */
static void look_up(http_ctx *c, people_pick *pick, const rows_part *p, rows_data *d, size_t at)
{
	field_value *cell = &d->cells[at];
	const char *name = tidy(c->a, cell->raw);
	person *found = NULL;
	size_t n = 0, exact = 0;
	if (strlen(name) <= TYPED_NAME_MAX &&
	    store_person_find(&app_of(c)->db, c->a, name, PEOPLE_PICK_OFFERED + 1, &found, &n, &exact) != 0)
		return; /* the database could not say: the cell keeps ROWS_PERSON_TYPED, and what was typed */
	people_pick_know(c, pick, found, n > PEOPLE_PICK_OFFERED ? PEOPLE_PICK_OFFERED : n);
	/* one match, or one person whose whole name this is (the statement puts them first) */
	if (n == 1 || exact == 1) {
		cell->value = arena_printf(c->a, "%lld", found[0].id);
		cell->num = found[0].id;
		cell->error = NULL;
		d->invalid--;
		return;
	}
	if (n == 0) {
		cell->error = "rows.person_none";
		return;
	}
	cell->error = n > PEOPLE_PICK_OFFERED ? "rows.person_many" : "rows.person_several";
	cell->arg = n > PEOPLE_PICK_OFFERED ? PEOPLE_PICK_OFFERED : (long long)n;
	if (!d->offers) {
		d->offers = arena_alloc(c->a, (d->n ? d->n : 1) * p->ncols * sizeof *d->offers);
		memset(d->offers, 0, (d->n ? d->n : 1) * p->ncols * sizeof *d->offers);
	}
	d->offers[at] = (rows_offer){found, n > PEOPLE_PICK_OFFERED ? PEOPLE_PICK_OFFERED : n};
}

/* The ids of p's person cells that name someone it does not know yet. */
static long long *unknown_ids(http_ctx *c, const people_pick *pick, const rows_part *p, const rows_data *d, size_t *n)
{
	long long *ids = arena_alloc(c->a, (d->n ? d->n : 1) * p->ncols * sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < p->ncols; k++) {
			const field_value *cell = &d->cells[i * p->ncols + k];
			if (p->cols[k].from == ROWS_PEOPLE && cell->value && !cell->error && cell->num > 0 &&
			    !people_pick_known(pick, cell->num))
				ids[(*n)++] = cell->num;
		}
	return ids;
}

void people_pick_names(http_ctx *c, people_pick *pick, const rows_part *p, const rows_data *d)
{
	size_t n, found;
	long long *ids = unknown_ids(c, pick, p, d, &n);
	person *people;
	if (n && store_person_names(&app_of(c)->db, c->a, ids, n, &people, &found) == 0)
		people_pick_know(c, pick, people, found);
}

void people_pick_resolve(http_ctx *c, people_pick *pick, const rows_part *p, rows_data *d)
{
	for (size_t at = 0; at < d->n * p->ncols; at++)
		if (d->cells[at].error && strcmp(d->cells[at].error, ROWS_PERSON_TYPED) == 0)
			look_up(c, pick, p, d, at);
	/* an id sent (a choice among the offered, or "Name (#id)") must be someone: read with the names to show */
	size_t n, found;
	long long *ids = unknown_ids(c, pick, p, d, &n);
	person *people;
	if (!n)
		return;
	if (store_person_names(&app_of(c)->db, c->a, ids, n, &people, &found) != 0)
		return; /* unknown, as when the list could not be read: the ids stay chosen */
	people_pick_know(c, pick, people, found);
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < p->ncols; k++) {
			field_value *cell = &d->cells[i * p->ncols + k];
			if (p->cols[k].from == ROWS_PEOPLE && !p->cols[k].hidden && cell->value && !cell->error &&
			    !people_pick_known(pick, cell->num))
				rows_error(d, p, i, k, "invalid.choice");
		}
}
