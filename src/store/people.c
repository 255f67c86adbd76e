/* people.c - reading and changing people with their positions. */
#include "store/people.h"

#include <string.h>

#include "store/rows.h"

static void read_person(arena *a, const PGresult *r, int i, person *p)
{
	p->id = row_int(r, i, 0);
	p->full_name = row_bitext(a, r, i, 1);
	p->honorific = row_bitext(a, r, i, 3);
	p->email = row_str(a, r, i, 5);
	p->preferred_lang = row_str(a, r, i, 6);
	p->version = (int)row_int(r, i, 7);
	p->email_pref = row_str(a, r, i, 8);
}

int store_people_list(store *s, arena *a, const char *q, long limit, const person_key *key, person_summary **out,
                      size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	bool keyed = key && key->id > 0, back = keyed && key->before;
	enum stmt which = !keyed ? (q ? STMT_PEOPLE_LIST_SEARCH : STMT_PEOPLE_LIST)
	                  : back ? (q ? STMT_PEOPLE_BEFORE_SEARCH : STMT_PEOPLE_BEFORE)
	                         : (q ? STMT_PEOPLE_AFTER_SEARCH : STMT_PEOPLE_AFTER);
	const char *params[] = {q, param_int(a, limit + 1), keyed ? key->name : NULL,
	                        keyed ? param_int(a, key->id) : NULL};
	PGresult *r = store_exec(s, which, keyed ? 4 : 2, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows > limit) {
		*more = true;
		rows = (int)limit;
	}
	person_summary *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int k = 0; k < rows; k++) {
		int i = back ? rows - 1 - k : k; /* BEFORE comes nearest first: the page is in the list's order */
		read_person(a, r, i, &list[k].person);
		list[k].positions = row_bitext(a, r, i, 9);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_person_get(store *s, arena *a, long long id, person *p)
{
	memset(p, 0, sizeof *p);
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_PERSON_GET, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found)
		read_person(a, r, 0, p);
	PQclear(r);
	return found;
}

int store_person_positions(store *s, arena *a, long long id, person_position **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_PERSON_POSITIONS, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	person_position *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].organisation_id = row_int(r, i, 0);
		list[i].organisation = row_bitext(a, r, i, 1);
		list[i].organisation_short = row_bitext(a, r, i, 3);
		list[i].title = row_bitext(a, r, i, 5);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_person_memoranda(store *s, arena *a, long long id, person_membership **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, id), param_int(a, s->notice_months)};
	PGresult *r = store_exec(s, STMT_PERSON_MEMORANDA, 2, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	person_membership *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].memorandum_id = row_int(r, i, 0);
		list[i].title = row_bitext(a, r, i, 1);
		list[i].signed_on = row_str(a, r, i, 3);
		list[i].status = row_str(a, r, i, 4);
		list[i].role = row_str(a, r, i, 5);
		list[i].role_title = row_bitext(a, r, i, 6);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

/* What apply_save and apply_delete work on, and where they say why they failed. */
struct person_ctx {
	person *p;
	const person_position *positions;
	size_t npositions;
	int version; /* delete */
	person_refusal *why;
};

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	struct person_ctx *x = ctx;
	const person *p = x->p;
	enum change_result res;
	if (p->id == 0) {
		const char *params[] = {p->full_name.en, p->full_name.az, p->honorific.en, p->honorific.az,
		                        p->email,        p->preferred_lang, p->email_pref};
		res = store_write(s, STMT_PERSON_INSERT, 7, params, id);
	} else {
		const char *params[] = {param_int(a, p->id), p->full_name.en, p->full_name.az, p->honorific.en,
		                        p->honorific.az,     p->email,        p->preferred_lang, param_int(a, p->version),
		                        p->email_pref};
		res = store_write(s, STMT_PERSON_UPDATE, 9, params, NULL);
	}
	if (res == CHANGE_ERROR)
		/* the only unique key a person row has besides its generated id */
		x->why->email = s->status == STORE_CONFLICT;
	if (res != CHANGE_DONE)
		return res;
	/* the person row is locked by now, so nobody else replaces the positions in between */
	const char *pid = param_int(a, *id);
	if (p->id != 0) {
		const char *params[] = {pid};
		PGresult *r = store_exec(s, STMT_PERSON_POSITIONS_DELETE, 1, params);
		if (!r)
			return CHANGE_ERROR;
		PQclear(r);
	}
	for (size_t i = 0; i < x->npositions; i++) {
		const person_position *pos = &x->positions[i];
		const char *params[] = {pid, param_int(a, pos->organisation_id), pos->title.en, pos->title.az,
		                        param_int(a, (long long)i)};
		PGresult *r = store_exec(s, STMT_POSITION_INSERT, 5, params);
		if (!r) {
			/* a duplicate (organisation, English title), or an organisation deleted meanwhile */
			x->why->position = (int)i;
			return CHANGE_ERROR;
		}
		PQclear(r);
	}
	return CHANGE_DONE;
}

enum change_result store_person_save(store *s, arena *a, const actor *who, person *p, const person_position *positions,
                                     size_t npositions, person_refusal *why)
{
	memset(why, 0, sizeof *why);
	why->position = -1;
	struct person_ctx x = {p, positions, npositions, 0, why};
	change c = {who, p->id ? "update" : "create", "person", STMT_PERSON_SNAPSHOT, p->id, p->full_name.en,
	            apply_save, &x, p->id ? &p->version : NULL, false};
	enum change_result res = store_change_unless_same(s, a, &c, STMT_PING) /* the row, its positions in order */;
	if (res == CHANGE_DONE)
		p->id = c.id;
	return res;
}

/*
 * The lock comes first: once this transaction holds the person row, nobody
 * can make them a member or signatory (that takes a KEY SHARE lock on the
 * row), so the count that follows stays true until the DELETE.
 */
static enum change_result apply_delete(store *s, arena *a, void *ctx, long long *id)
{
	struct person_ctx *x = ctx;
	const char *params[] = {param_int(a, *id), param_int(a, x->version)};
	enum change_result res = store_write(s, STMT_PERSON_LOCK, 2, params, NULL);
	if (res != CHANGE_DONE)
		return res;
	PGresult *r = store_exec(s, STMT_PERSON_REFERENCES, 1, params);
	if (!r)
		return CHANGE_ERROR;
	long long refs = row_int(r, 0, 0);
	PQclear(r);
	if (refs > 0) {
		x->why->referenced = true;
		s->status = STORE_CONFLICT; /* no statement failed: the refusal is ours */
		return CHANGE_ERROR;
	}
	return store_write(s, STMT_PERSON_DELETE, 2, params, NULL);
}

enum change_result store_person_delete(store *s, arena *a, const actor *who, long long id, int version,
                                       person_refusal *why)
{
	memset(why, 0, sizeof *why);
	why->position = -1;
	person p;
	const char *label = store_person_get(s, a, id, &p) > 0 ? p.full_name.en : NULL;
	struct person_ctx x = {NULL, NULL, 0, version, why};
	change c = {who, "delete", "person", STMT_PERSON_SNAPSHOT, id, label, apply_delete, &x, NULL, false};
	return store_change(s, a, &c);
}
