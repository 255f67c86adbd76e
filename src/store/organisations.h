/* organisations.h - reading and changing organisations. */
#ifndef MEMOCAL_STORE_ORGANISATIONS_H
#define MEMOCAL_STORE_ORGANISATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/memorandum.h"
#include "model/organisation.h"
#include "store/audit.h"
#include "store/db.h"

/* A person's position at an organisation, as the organisation's page lists it. */
typedef struct org_person {
	long long person_id;
	bitext name;
	bitext title;
} org_person;

/* A page of the list (q: a search, NULL: all), by name: name_az in the Azerbaijani alphabet when az, else name_en;
 * *total gets the number of matches. */
int store_orgs_list(store *s, arena *a, const char *q, bool az, long limit, long offset, organisation **out,
                    size_t *n, long long *total);
/* The first limit organisations by name (id, names), for a choice in a form. */
int store_org_options(store *s, arena *a, long limit, organisation **out, size_t *n);
/* The organisations of ids (id and names), by name. */
int store_org_names(store *s, arena *a, const long long *ids, size_t nids, organisation **out, size_t *n);
/* The organisations a name typed into a form names (as the list's search), at most limit: those whose name or short
 * name it is first (*exact of them), then by name. */
int store_org_find(store *s, arena *a, const char *name, long limit, organisation **out, size_t *n, size_t *exact);
/* The same for the parties of the given memoranda, and organisation `also` (0: none). */
int store_org_options_of(store *s, arena *a, const long long *memoranda, size_t nm, long long also,
                         organisation **out, size_t *n);
/* 1 found, 0 not, -1 error. */
int store_org_get(store *s, arena *a, long long id, organisation *o);
int store_org_related(store *s, arena *a, long long id, memorandum_summary **memoranda, size_t *nm,
                      org_person **people, size_t *np);

/* Audited. o->id 0 creates (and sets o->id); otherwise updates if o->version is still current.
 * A taken slug comes back as CHANGE_ERROR with s->status STORE_CONFLICT. */
enum change_result store_org_save(store *s, arena *a, const actor *who, organisation *o);
/* Audited. STORE_CONFLICT when memoranda or positions still refer to it. */
enum change_result store_org_delete(store *s, arena *a, const actor *who, long long id, int version);

#endif
