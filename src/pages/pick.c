/* pick.c - a person or an organisation in a form's rows, typed when there are too many to list (pick.h). */
#include "pages/pick.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/sizes.h"
#include "util/collate.h"

/* A typed name longer than this is nobody's (it is not sent to the database). */
#define TYPED_NAME_MAX 200

static pick_kind *kind_of(pick *p, enum rows_from from)
{
	return from == ROWS_PEOPLE ? &p->people : from == ROWS_ORGS ? &p->orgs : NULL;
}

static pick *pick_of(http_ctx *c, rows_lists *l)
{
	if (!l->pick) {
		l->pick = arena_alloc(c->a, sizeof *l->pick);
		*l->pick = (pick){0};
	}
	return l->pick;
}

/* the options of a form's person and organisation cells in the reader's alphabet (as they read the names) */
static int person_by_name(const void *x, const void *y, void *az)
{
	const person *a = x, *b = y;
	int c = *(bool *)az ? collate(a->full_name.az ? a->full_name.az : a->full_name.en,
	                              b->full_name.az ? b->full_name.az : b->full_name.en, "az")
	                    : collate(a->full_name.en, b->full_name.en, "en");
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int org_by_name(const void *x, const void *y, void *az)
{
	const organisation *a = x, *b = y;
	int c = *(bool *)az ? collate(a->name.az ? a->name.az : a->name.en, b->name.az ? b->name.az : b->name.en, "az")
	                    : collate(a->name.en, b->name.en, "en");
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int pick_load(http_ctx *c, rows_lists *l, int kinds)
{
	bool az = c->lang == LANG_AZ;
	store *db = &app_of(c)->db;
	/* first how many there are, so that a kind past PICK_LISTED is not read only to be left out */
	store_sizes many;
	if (store_sizes_up_to(db, c->a, PICK_LISTED + 1, &many) != 0)
		return -1;
	if ((kinds & PICK_PEOPLE) && many.people > PICK_LISTED) {
		pick_of(c, l)->people.typed = true;
	} else if (kinds & PICK_PEOPLE) {
		person *people;
		size_t n;
		if (store_person_choices(db, c->a, PICK_LISTED + 1, &people, &n) != 0)
			return -1;
		l->people = n <= PICK_LISTED ? people : NULL;
		l->npeople = n <= PICK_LISTED ? n : 0;
		if (l->npeople)
			qsort_r(people, l->npeople, sizeof *people, person_by_name, &az);
		if (n > PICK_LISTED)
			pick_of(c, l)->people.typed = true;
	}
	if ((kinds & PICK_ORGS) && many.organisations > PICK_LISTED) {
		pick_of(c, l)->orgs.typed = true;
	} else if (kinds & PICK_ORGS) {
		organisation *orgs;
		size_t n;
		if (store_org_options(db, c->a, PICK_LISTED + 1, &orgs, &n) != 0)
			return -1;
		l->orgs = n <= PICK_LISTED ? orgs : NULL;
		l->norgs = n <= PICK_LISTED ? n : 0;
		if (l->norgs)
			qsort_r(orgs, l->norgs, sizeof *orgs, org_by_name, &az);
		if (n > PICK_LISTED)
			pick_of(c, l)->orgs.typed = true;
	}
	return 0;
}

bool pick_typed(const rows_lists *l, const rows_col *col)
{
	if (!l || !l->pick || col->hidden)
		return false;
	return (col->from == ROWS_PEOPLE && l->pick->people.typed) || (col->from == ROWS_ORGS && l->pick->orgs.typed);
}

const rows_named *pick_known(const pick *p, enum rows_from from, long long id)
{
	const pick_kind *k = !p ? NULL : from == ROWS_PEOPLE ? &p->people : from == ROWS_ORGS ? &p->orgs : NULL;
	for (size_t i = 0; k && i < k->n; i++)
		if (k->known[i].id == id)
			return &k->known[i];
	return NULL;
}

static void know(http_ctx *c, pick *p, enum rows_from from, long long id, bitext name)
{
	pick_kind *k = kind_of(p, from);
	if (!k || pick_known(p, from, id))
		return;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		rows_named *known = arena_alloc(c->a, cap * sizeof *known);
		if (k->n)
			memcpy(known, k->known, k->n * sizeof *known);
		k->known = known;
		k->cap = cap;
	}
	k->known[k->n++] = (rows_named){id, name};
}

void pick_know_people(http_ctx *c, pick *p, const person *people, size_t n)
{
	for (size_t i = 0; i < n; i++)
		know(c, p, ROWS_PEOPLE, people[i].id, people[i].full_name);
}

long long pick_id_of(const char *typed)
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
	bool bracket = s[n - 1] == ')'; /* "Name (#12)" */
	if (bracket)
		n--;
	size_t digits = 0;
	while (digits < n && s[n - 1 - digits] >= '0' && s[n - 1 - digits] <= '9')
		digits++;
	if (!digits || digits > 18)
		return 0;
	const char *num = s + n - digits;
	bool alone = digits == n && !bracket;
	bool hashed = n > digits && num[-1] == '#' && (!bracket || (n > digits + 1 && num[-2] == '('));
	return alone || hashed ? strtoll(num, NULL, 10) : 0;
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

/* The ones a typed name names, at most limit, as rows_named: those whose whole name it is (*exact) first. */
static int find(http_ctx *c, enum rows_from from, const char *name, long limit, rows_named **out, size_t *n,
                size_t *exact)
{
	store *db = &app_of(c)->db;
	if (from == ROWS_PEOPLE) {
		person *people;
		if (store_person_find(db, c->a, name, limit, &people, n, exact) != 0)
			return -1;
		*out = arena_alloc(c->a, (*n ? *n : 1) * sizeof **out);
		for (size_t i = 0; i < *n; i++)
			(*out)[i] = (rows_named){people[i].id, people[i].full_name};
		return 0;
	}
	organisation *orgs;
	if (store_org_find(db, c->a, name, limit, &orgs, n, exact) != 0)
		return -1;
	*out = arena_alloc(c->a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (rows_named){orgs[i].id, orgs[i].name};
	return 0;
}

/* One typed cell looked up: chosen when one matches (or one whose whole name it is), else refused naming how many
 * match, with the first PICK_OFFERED of them offered. */
static void look_up(http_ctx *c, pick *p, const rows_part *part, rows_data *d, size_t at)
{
	enum rows_from from = part->cols[at % part->ncols].from;
	bool people = from == ROWS_PEOPLE;
	field_value *cell = &d->cells[at];
	const char *name = tidy(c->a, cell->raw);
	rows_named *found = NULL;
	size_t n = 0, exact = 0;
	if (strlen(name) <= TYPED_NAME_MAX && find(c, from, name, PICK_OFFERED + 1, &found, &n, &exact) != 0)
		return; /* the database could not say: the cell keeps ROWS_TYPED_NAME, and what was typed */
	size_t offered = n > PICK_OFFERED ? PICK_OFFERED : n;
	for (size_t i = 0; i < offered; i++)
		know(c, p, from, found[i].id, found[i].name);
	if (n == 1 || exact == 1) {
		cell->value = arena_printf(c->a, "%lld", found[0].id);
		cell->num = found[0].id;
		cell->error = NULL;
		d->invalid--;
		return;
	}
	if (n == 0) {
		cell->error = people ? "rows.person_none" : "rows.org_none";
		return;
	}
	cell->error = n > PICK_OFFERED ? (people ? "rows.person_many" : "rows.org_many")
	                               : (people ? "rows.person_several" : "rows.org_several");
	cell->arg = (long long)offered;
	if (!d->offers) {
		size_t cells = (d->n ? d->n : 1) * part->ncols;
		d->offers = arena_alloc(c->a, cells * sizeof *d->offers);
		memset(d->offers, 0, cells * sizeof *d->offers);
	}
	d->offers[at] = (rows_offer){found, offered};
}

/* The ids of part's cells of kind `from` that it does not know yet. */
static long long *unknown_ids(http_ctx *c, const pick *p, enum rows_from from, const rows_part *part,
                              const rows_data *d, size_t *n)
{
	long long *ids = arena_alloc(c->a, (d->n ? d->n : 1) * part->ncols * sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < part->ncols; k++) {
			const field_value *cell = &d->cells[i * part->ncols + k];
			if (part->cols[k].from == from && cell->value && !cell->error && cell->num > 0 &&
			    !pick_known(p, from, cell->num))
				ids[(*n)++] = cell->num;
		}
	return ids;
}

/* Reads the names of the ones part's cells of that kind name; -1 on a database error. */
static int read_names(http_ctx *c, pick *p, enum rows_from from, const rows_part *part, const rows_data *d)
{
	size_t n, found;
	long long *ids = unknown_ids(c, p, from, part, d, &n);
	if (!n)
		return 0;
	store *db = &app_of(c)->db;
	if (from == ROWS_PEOPLE) {
		person *people;
		if (store_person_names(db, c->a, ids, n, &people, &found) != 0)
			return -1;
		pick_know_people(c, p, people, found);
		return 0;
	}
	organisation *orgs;
	if (store_org_names(db, c->a, ids, n, &orgs, &found) != 0)
		return -1;
	for (size_t i = 0; i < found; i++)
		know(c, p, ROWS_ORGS, orgs[i].id, orgs[i].name);
	return 0;
}

void pick_names(http_ctx *c, pick *p, const rows_part *part, const rows_data *d)
{
	if (p->people.typed)
		read_names(c, p, ROWS_PEOPLE, part, d); /* a name not read shows as its number (rows.c) */
	if (p->orgs.typed)
		read_names(c, p, ROWS_ORGS, part, d);
}

void pick_resolve(http_ctx *c, pick *p, const rows_part *part, rows_data *d)
{
	for (size_t at = 0; at < d->n * part->ncols; at++)
		if (d->cells[at].error && strcmp(d->cells[at].error, ROWS_TYPED_NAME) == 0)
			look_up(c, p, part, d, at);
	/* an id sent (a choice among the offered, or "Name (#id)") must be someone's: read with the names to show */
	for (enum rows_from from = ROWS_PEOPLE; from <= ROWS_ORGS; from++) {
		pick_kind *k = kind_of(p, from);
		if (!k->typed || read_names(c, p, from, part, d) != 0)
			continue; /* the database could not say, as when a list could not be read: the ids stay chosen */
		for (size_t i = 0; i < d->n; i++)
			for (size_t j = 0; j < part->ncols; j++) {
				field_value *cell = &d->cells[i * part->ncols + j];
				if (part->cols[j].from == from && !part->cols[j].hidden && cell->value && !cell->error &&
				    !pick_known(p, from, cell->num))
					rows_error(d, part, i, j, "invalid.choice");
			}
	}
}
