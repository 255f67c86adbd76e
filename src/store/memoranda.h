/* memoranda.h - reading memoranda with their parties, members, projects and areas. */
#ifndef MEMOCAL_STORE_MEMORANDA_H
#define MEMOCAL_STORE_MEMORANDA_H

#include "model/memorandum.h"
#include "store/audit.h"
#include "store/db.h"
#include "util/arena.h"

/* A page of memoranda, newest signature first; q (NULL for all) matches a
 * title in either language; state (NULL for all) is a life state (draft, signed, active, expiring,
 * expired, renewed, terminated) or "undecided" (expiring or expired, neither renewed nor
 * terminated) or "dormant" (as the home page's lists). *total gets the number of matches. */
int store_memoranda_list(store *s, arena *a, const char *q, const char *state, long limit, long offset,
                         memorandum_summary **out, size_t *n, long long *total);

/* One memorandum with everything it holds. 1 when found, 0 when not, -1 on error. */
int store_memorandum_get(store *s, arena *a, long long id, memorandum *m);

/* What a memorandum form holds, ready to store: the record and its parts by id. */
typedef struct memorandum_input {
	memorandum m; /* id 0 creates; version for updates; text fields; no parts */
	struct { long long org, signatory; } *parties;
	size_t nparties;
	struct { long long person, org; const char *role; bitext title; } *members;
	size_t nmembers;
	long long *projects;
	size_t nprojects;
	project new_project; /* code NULL: none; else created and linked in the same transaction */
	bitext *areas;
	size_t nareas;
} memorandum_input;

/* Audited; all or nothing. Sets in->m.id on create. */
enum change_result store_memorandum_save(store *s, arena *a, const actor *who, memorandum_input *in);
enum change_result store_memorandum_delete(store *s, arena *a, const actor *who, long long id, int version);

/* For choices in a form: the first limit people by name (id, names), and every project (id, code in code, names). */
int store_person_choices(store *s, arena *a, long limit, person **out, size_t *n);
/* The people a name typed into a form names (folded, anywhere in their names, email or positions), at most limit:
 * those whose whole name it is first (*exact of them), then by name. */
int store_person_find(store *s, arena *a, const char *name, long limit, person **out, size_t *n, size_t *exact);
/* The same for the people of ids only (nids of them, repeats allowed): for a page that names a few. */
int store_person_names(store *s, arena *a, const long long *ids, size_t nids, person **out, size_t *n);
int store_project_choices(store *s, arena *a, project **out, size_t *n);
/* The newest limit memoranda (id and titles only), for a choice in a form. */
int store_memorandum_choices(store *s, arena *a, long limit, memorandum_summary **out, size_t *n);

#endif
