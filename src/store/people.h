/* people.h - reading and changing people with their positions. */
#ifndef MEMOCAL_STORE_PEOPLE_H
#define MEMOCAL_STORE_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/person.h"
#include "store/audit.h"
#include "store/db.h"

/* Where a page of people goes on from: the person with id (in the list's order, full_name_en then id),
 * known by name, their full_name_en when the link was made (NULL: their name now, looked up by id). */
typedef struct person_key {
	long long id;     /* 0: no key, the first page */
	const char *name;
	bool before;      /* the page ends just before the key; otherwise it starts just after it */
} person_key;

/* A page of at most limit people by English name, by keyset (never OFFSET, never counted): the first
 * page when key is NULL or has no id. q (NULL for all) matches names, honorifics, e-mail and position
 * titles in either language. *more: more people lie beyond the page's far end (after its last row, or
 * for a key's before-page, before its first). The page is in the list's order either way. */
int store_people_list(store *s, arena *a, const char *q, long limit, const person_key *key, person_summary **out,
                      size_t *n, bool *more);
/* 1 found, 0 not, -1 error. */
int store_person_get(store *s, arena *a, long long id, person *p);
/* The person's positions in their order, with the organisations' names. */
int store_person_positions(store *s, arena *a, long long id, person_position **out, size_t *n);
/* The memoranda the person is a member of, newest first, with their role in each. */
int store_person_memoranda(store *s, arena *a, long long id, person_membership **out, size_t *n);

/* Why a save or delete ended in CHANGE_ERROR, beyond s->status. */
typedef struct person_refusal {
	int position;    /* the index of the position a constraint refused, or -1 */
	bool email;      /* the e-mail is another person's */
	bool referenced; /* delete: still a memorandum's member or signatory */
} person_refusal;

/*
 * Audited, all or nothing: the person and the whole list of positions (which
 * replaces the stored one) in one transaction. p->id 0 creates (and sets
 * p->id); otherwise updates if p->version is still current. A refusal by the
 * database comes back as CHANGE_ERROR with s->status STORE_CONFLICT or
 * STORE_INVALID and *why saying which value caused it.
 */
enum change_result store_person_save(store *s, arena *a, const actor *who, person *p, const person_position *positions,
                                     size_t npositions, person_refusal *why);
/* Audited. Refused (CHANGE_ERROR, STORE_CONFLICT, why->referenced) while the
 * person is a member or signatory of a memorandum. */
enum change_result store_person_delete(store *s, arena *a, const actor *who, long long id, int version,
                                       person_refusal *why);

#endif
