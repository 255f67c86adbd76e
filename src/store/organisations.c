/* organisations.c - reading and changing organisations. */
#include "store/organisations.h"

#include <string.h>

#include "store/rows.h"

static void read_org(arena *a, const PGresult *r, int i, organisation *o)
{
	o->id = row_int(r, i, 0);
	o->slug = row_str(a, r, i, 1);
	o->kind = row_str(a, r, i, 2);
	o->name = row_bitext(a, r, i, 3);
	o->short_name = row_bitext(a, r, i, 5);
	o->website = row_str(a, r, i, 7);
	o->version = (int)row_int(r, i, 8);
}

static int read_orgs(store *s, arena *a, enum stmt id, int np, const char *const *params, organisation **out,
                     size_t *n)
{
	PGresult *r = store_exec(s, id, np, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	organisation *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		if (id == STMT_ORG_OPTIONS || id == STMT_ORG_OPTIONS_OF || id == STMT_ORG_NAMES || id == STMT_ORG_FIND) {
			list[i].id = row_int(r, i, 0);
			list[i].name = row_bitext(a, r, i, 1);
		} else {
			read_org(a, r, i, &list[i]);
		}
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_orgs_list(store *s, arena *a, const char *q, bool az, long limit, long offset, organisation **out,
                    size_t *n, long long *total)
{
	const char *cp[] = {q};
	PGresult *r = store_exec(s, q ? STMT_ORGS_COUNT_SEARCH : STMT_ORGS_COUNT, 1, cp);
	if (!r)
		return -1;
	*total = row_int(r, 0, 0);
	PQclear(r);
	const char *params[] = {q, param_int(a, limit), param_int(a, offset)};
	enum stmt list = az ? (q ? STMT_ORGS_LIST_SEARCH_AZ : STMT_ORGS_LIST_AZ) : (q ? STMT_ORGS_LIST_SEARCH : STMT_ORGS_LIST);
	return read_orgs(s, a, list, 3, params, out, n);
}

int store_org_options(store *s, arena *a, long limit, organisation **out, size_t *n)
{
	const char *params[] = {param_int(a, limit)};
	return read_orgs(s, a, STMT_ORG_OPTIONS, 1, params, out, n);
}

int store_org_names(store *s, arena *a, const long long *ids, size_t nids, organisation **out, size_t *n)
{
	const char *params[] = {param_ids(a, ids, nids)};
	return read_orgs(s, a, STMT_ORG_NAMES, 1, params, out, n);
}

int store_org_find(store *s, arena *a, const char *name, long limit, organisation **out, size_t *n, size_t *exact)
{
	const char *params[] = {name, param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_ORG_FIND, 2, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	organisation *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	*exact = 0;
	for (int i = 0; i < rows; i++) {
		memset(&list[i], 0, sizeof list[i]);
		list[i].id = row_int(r, i, 0);
		list[i].name = row_bitext(a, r, i, 1);
		*exact += PQgetvalue(r, i, 3)[0] == 't';
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_org_options_of(store *s, arena *a, const long long *memoranda, size_t nm, long long also,
                         organisation **out, size_t *n)
{
	const char **ids = arena_alloc(a, (nm ? nm : 1) * sizeof *ids);
	for (size_t i = 0; i < nm; i++)
		ids[i] = param_int(a, memoranda[i]);
	const char *params[] = {param_array(a, ids, nm), param_int(a, also)};
	return read_orgs(s, a, STMT_ORG_OPTIONS_OF, 2, params, out, n);
}

int store_org_get(store *s, arena *a, long long id, organisation *o)
{
	memset(o, 0, sizeof *o);
	const char *params[] = {param_int(a, id)};
	organisation *list;
	size_t n;
	if (read_orgs(s, a, STMT_ORG_GET, 1, params, &list, &n) != 0)
		return -1;
	if (n)
		*o = list[0];
	return n > 0;
}

int store_org_related(store *s, arena *a, long long id, memorandum_summary **memoranda, size_t *nm,
                      org_person **people, size_t *np)
{
	const char *params[] = {param_int(a, id), param_int(a, s->notice_months)};
	PGresult *r = store_exec(s, STMT_ORG_MEMORANDA, 2, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	*memoranda = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof **memoranda);
	for (int i = 0; i < rows; i++) {
		memorandum_summary *m = &(*memoranda)[i];
		m->id = row_int(r, i, 0);
		m->title = row_bitext(a, r, i, 1);
		m->signed_on = row_str(a, r, i, 3);
		m->valid_until = row_str(a, r, i, 4);
		m->status = row_str(a, r, i, 5);
	}
	*nm = (size_t)rows;
	PQclear(r);
	r = store_exec(s, STMT_ORG_PEOPLE, 1, params);
	if (!r)
		return -1;
	rows = PQntuples(r);
	*people = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof **people);
	for (int i = 0; i < rows; i++) {
		(*people)[i].person_id = row_int(r, i, 0);
		(*people)[i].name = row_bitext(a, r, i, 1);
		(*people)[i].title = row_bitext(a, r, i, 3);
	}
	*np = (size_t)rows;
	PQclear(r);
	return 0;
}

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	organisation *o = ctx;
	if (o->id == 0) {
		const char *params[] = {o->slug, o->kind, o->name.en, o->name.az, o->short_name.en, o->short_name.az,
		                        o->website};
		return store_write(s, STMT_ORG_INSERT, 7, params, id);
	}
	const char *params[] = {param_int(a, o->id), o->slug, o->kind, o->name.en, o->name.az, o->short_name.en,
	                        o->short_name.az, o->website, param_int(a, o->version)};
	return store_write(s, STMT_ORG_UPDATE, 9, params, NULL);
}

enum change_result store_org_save(store *s, arena *a, const actor *who, organisation *o)
{
	change c = {who, o->id ? "update" : "create", "organisation", STMT_ORG_SNAPSHOT, o->id, o->name.en,
	            apply_save, o, NULL, false};
	enum change_result res = store_change_unless_same(s, a, &c, STMT_PING) /* the snapshot is the whole row */;
	if (res == CHANGE_DONE)
		o->id = c.id;
	return res;
}

enum change_result store_org_delete(store *s, arena *a, const actor *who, long long id, int version)
{
	organisation o;
	const char *label = store_org_get(s, a, id, &o) > 0 ? o.name.en : NULL;
	return store_delete(s, a, who, "organisation", STMT_ORG_SNAPSHOT, STMT_ORG_DELETE, id, version, label);
}
