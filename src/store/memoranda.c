/* memoranda.c - reading memoranda with their parties, members, projects and areas. */
#include "store/memoranda.h"

#include <string.h>

#include "store/audit.h"
#include "store/rows.h"

int store_memoranda_list(store *s, arena *a, const char *q, const char *state, long limit, long offset,
                         memorandum_summary **out, size_t *n, long long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	const char *notice = param_int(a, s->notice_months), *dormant = param_int(a, s->dormant_months);
	const char *lim = param_int(a, limit), *off = param_int(a, offset);
	/* a search: one pair of statements, the state a parameter; without: a pair for each kind of state (stmt.c) */
	enum stmt count_id, list_id;
	const char *count_params[4], *list_params[6];
	int nc, nl;
	if (q) {
		count_id = STMT_MEMORANDA_COUNT_SEARCH, list_id = STMT_MEMORANDA_LIST_SEARCH;
		count_params[0] = q, count_params[1] = notice, count_params[2] = state, count_params[3] = dormant, nc = 4;
		list_params[0] = q, list_params[1] = lim, list_params[2] = off;
		list_params[3] = notice, list_params[4] = state, list_params[5] = dormant, nl = 6;
	} else {
		list_params[0] = lim, list_params[1] = off, list_params[2] = notice, nl = 3;
		count_params[0] = notice, nc = 1;
		if (!state) {
			count_id = STMT_MEMORANDA_COUNT, list_id = STMT_MEMORANDA_LIST, nc = 0;
		} else if (strcmp(state, "undecided") == 0) {
			count_id = STMT_MEMORANDA_COUNT_UNDECIDED, list_id = STMT_MEMORANDA_LIST_UNDECIDED;
		} else {
			bool dormant_list = strcmp(state, "dormant") == 0;
			count_id = dormant_list ? STMT_MEMORANDA_COUNT_DORMANT : STMT_MEMORANDA_COUNT_LIFE;
			list_id = dormant_list ? STMT_MEMORANDA_LIST_DORMANT : STMT_MEMORANDA_LIST_LIFE;
			count_params[1] = list_params[3] = dormant_list ? dormant : state;
			nc = 2, nl = 4;
		}
	}
	PGresult *r = store_exec(s, count_id, nc, count_params);
	if (!r)
		return -1;
	*total = row_int(r, 0, 0);
	PQclear(r);
	r = store_exec(s, list_id, nl, list_params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	memorandum_summary *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].id = row_int(r, i, 0);
		list[i].title = row_bitext(a, r, i, 1);
		list[i].signed_on = row_str(a, r, i, 3);
		list[i].valid_until = row_str(a, r, i, 4);
		list[i].status = row_str(a, r, i, 5);
		list[i].parties = row_bitext(a, r, i, 6);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

/* Runs one of the per-memorandum child queries; NULL on error. */
static PGresult *children(store *s, arena *a, enum stmt id, long long mid, size_t *rows)
{
	const char *params[] = {param_int(a, mid)};
	PGresult *r = store_exec(s, id, 1, params);
	*rows = r ? (size_t)PQntuples(r) : 0;
	return r;
}

int store_memorandum_get(store *s, arena *a, long long id, memorandum *m)
{
	memset(m, 0, sizeof *m);
	const char *params[] = {param_int(a, id), param_int(a, s->notice_months)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_GET, 2, params);
	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	m->id = row_int(r, 0, 0);
	m->title = row_bitext(a, r, 0, 1);
	m->summary = row_bitext(a, r, 0, 3);
	m->signed_on = row_str(a, r, 0, 5);
	m->valid_from = row_str(a, r, 0, 6);
	m->valid_until = row_str(a, r, 0, 7);
	m->status = row_str(a, r, 0, 8);
	m->source_url = row_str(a, r, 0, 9);
	m->version = (int)row_int(r, 0, 10);
	m->updated_at = row_str(a, r, 0, 11);
	m->life = row_str(a, r, 0, 12);
	m->renewed_by = row_int(r, 0, 13);
	m->renews = row_int(r, 0, 14);
	m->terminated_on = row_str(a, r, 0, 15);
	m->termination_reason = row_bitext(a, r, 0, 16);
	m->renewed_on = row_str(a, r, 0, 18);
	m->successor_title = row_bitext(a, r, 0, 19);
	PQclear(r);

	size_t n;
	if (!(r = children(s, a, STMT_MEMORANDUM_PARTIES, id, &n)))
		return -1;
	m->parties = arena_alloc(a, (n ? n : 1) * sizeof *m->parties);
	m->nparties = n;
	for (int i = 0; i < (int)n; i++) {
		memorandum_party *p = &m->parties[i];
		p->org.id = row_int(r, i, 0);
		p->org.slug = row_str(a, r, i, 1);
		p->org.kind = row_str(a, r, i, 2);
		p->org.name = row_bitext(a, r, i, 3);
		p->org.short_name = row_bitext(a, r, i, 5);
		p->signatory.id = row_int(r, i, 7);
		p->signatory.full_name = row_bitext(a, r, i, 8);
		p->signatory.honorific = row_bitext(a, r, i, 10);
		p->signatory_position = row_bitext(a, r, i, 12);
	}
	PQclear(r);

	if (!(r = children(s, a, STMT_MEMORANDUM_MEMBERS, id, &n)))
		return -1;
	m->members = arena_alloc(a, (n ? n : 1) * sizeof *m->members);
	m->nmembers = n;
	for (int i = 0; i < (int)n; i++) {
		memorandum_member *mm = &m->members[i];
		mm->person.id = row_int(r, i, 0);
		mm->person.full_name = row_bitext(a, r, i, 1);
		mm->person.honorific = row_bitext(a, r, i, 3);
		mm->role = row_str(a, r, i, 5);
		mm->role_title = row_bitext(a, r, i, 6);
		mm->org.id = row_int(r, i, 8);
		mm->org.name = row_bitext(a, r, i, 9);
		mm->org.short_name = row_bitext(a, r, i, 11);
	}
	PQclear(r);

	if (!(r = children(s, a, STMT_MEMORANDUM_PROJECTS, id, &n)))
		return -1;
	m->projects = arena_alloc(a, (n ? n : 1) * sizeof *m->projects);
	m->nprojects = n;
	for (int i = 0; i < (int)n; i++) {
		m->projects[i].id = row_int(r, i, 0);
		m->projects[i].code = row_str(a, r, i, 1);
		m->projects[i].name = row_bitext(a, r, i, 2);
	}
	PQclear(r);

	if (!(r = children(s, a, STMT_MEMORANDUM_AREAS, id, &n)))
		return -1;
	m->areas = arena_alloc(a, (n ? n : 1) * sizeof *m->areas);
	m->nareas = n;
	for (int i = 0; i < (int)n; i++) {
		m->areas[i].id = row_int(r, i, 0);
		m->areas[i].text = row_bitext(a, r, i, 1);
		m->areas[i].frequency = row_str(a, r, i, 3);
	}
	PQclear(r);

	if (!(r = children(s, a, STMT_MEMORANDUM_AMENDMENTS, id, &n)))
		return -1;
	m->amendments = arena_alloc(a, (n ? n : 1) * sizeof *m->amendments);
	m->namendments = n;
	for (int i = 0; i < (int)n; i++) {
		m->amendments[i].id = row_int(r, i, 0);
		m->amendments[i].amended_on = row_str(a, r, i, 1);
		m->amendments[i].title = row_bitext(a, r, i, 2);
		m->amendments[i].summary = row_bitext(a, r, i, 4);
	}
	PQclear(r);
	return 1;
}

static int exec_ok(store *s, enum stmt id, int n, const char *const *params)
{
	PGresult *r = store_exec(s, id, n, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	memorandum_input *in = ctx;
	const memorandum *m = &in->m;
	enum change_result res;
	if (m->id == 0) {
		const char *p[] = {m->title.en, m->title.az, m->summary.en, m->summary.az, m->signed_on, m->valid_from,
		                   m->valid_until, m->status, m->source_url};
		res = store_write(s, STMT_MEMORANDUM_INSERT, 9, p, id);
	} else {
		const char *p[] = {param_int(a, m->id), m->title.en, m->title.az, m->summary.en, m->summary.az, m->signed_on,
		                   m->valid_from, m->valid_until, m->status, m->source_url, param_int(a, m->version)};
		res = store_write(s, STMT_MEMORANDUM_UPDATE, 11, p, NULL);
	}
	if (res != CHANGE_DONE)
		return res;
	const char *mid = param_int(a, *id);
	const char *clear[] = {mid};
	if (exec_ok(s, STMT_MEMORANDUM_CLEAR_PARTS, 1, clear) || exec_ok(s, STMT_MEMORANDUM_CLEAR_PARTIES, 1, clear))
		return CHANGE_ERROR;
	for (size_t i = 0; i < in->nparties; i++) {
		const char *p[] = {mid, param_int(a, in->parties[i].org),
		                   in->parties[i].signatory ? param_int(a, in->parties[i].signatory) : NULL,
		                   param_int(a, (long long)i)};
		if (exec_ok(s, STMT_MEMORANDUM_PARTY_INSERT, 4, p))
			return CHANGE_ERROR;
	}
	for (size_t i = 0; i < in->nmembers; i++) {
		const char *p[] = {mid, param_int(a, in->members[i].person),
		                   in->members[i].org ? param_int(a, in->members[i].org) : NULL, in->members[i].role,
		                   in->members[i].title.en, in->members[i].title.az, param_int(a, (long long)i)};
		if (exec_ok(s, STMT_MEMORANDUM_MEMBER_INSERT, 7, p))
			return CHANGE_ERROR;
	}
	for (size_t i = 0; i < in->nprojects; i++) {
		const char *p[] = {mid, param_int(a, in->projects[i])};
		if (exec_ok(s, STMT_MEMORANDUM_PROJECT_INSERT, 2, p))
			return CHANGE_ERROR;
	}
	if (in->new_project.code) {
		long long pid;
		const char *np[] = {in->new_project.code, in->new_project.name.en, in->new_project.name.az};
		if (store_write(s, STMT_PROJECT_INSERT, 3, np, &pid) != CHANGE_DONE)
			return CHANGE_ERROR;
		const char *link[] = {mid, param_int(a, pid)};
		if (exec_ok(s, STMT_MEMORANDUM_PROJECT_INSERT, 2, link))
			return CHANGE_ERROR;
	}
	/* areas by position: the i-th keeps its id (and its commitment), the ones past the end go */
	if (exec_ok(s, STMT_MEMORANDUM_AREA_RENUMBER, 1, clear))
		return CHANGE_ERROR;
	for (size_t i = 0; i < in->nareas; i++) {
		const char *p[] = {mid, param_int(a, (long long)i), in->areas[i].en, in->areas[i].az};
		if (exec_ok(s, STMT_MEMORANDUM_AREA_INSERT, 4, p))
			return CHANGE_ERROR;
	}
	const char *trim[] = {mid, param_int(a, (long long)in->nareas)};
	if (exec_ok(s, STMT_MEMORANDUM_AREA_TRIM, 2, trim))
		return CHANGE_ERROR;
	return CHANGE_DONE;
}

enum change_result store_memorandum_save(store *s, arena *a, const actor *who, memorandum_input *in)
{
	change c = {who, in->m.id ? "update" : "create", "memorandum", STMT_MEMORANDUM_SNAPSHOT, in->m.id,
	            in->m.title.en, apply_save, in, in->m.id ? &in->m.version : NULL, false};
	enum change_result res = store_change_unless_same(s, a, &c, STMT_MEMORANDUM_STATE);
	if (res == CHANGE_DONE)
		in->m.id = c.id;
	return res;
}

enum change_result store_memorandum_delete(store *s, arena *a, const actor *who, long long id, int version)
{
	const char *label = NULL;
	const char *p[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_GET, 1, p);
	if (r) {
		if (PQntuples(r))
			label = row_str(a, r, 0, 1);
		PQclear(r);
	}
	return store_delete(s, a, who, "memorandum", STMT_MEMORANDUM_SNAPSHOT, STMT_MEMORANDUM_DELETE, id, version, label);
}

int store_person_choices(store *s, arena *a, long limit, person **out, size_t *n)
{
	const char *params[] = {param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_PERSON_CHOICES, 1, params);
	if (!r)
		return -1;
	*out = rows_people(a, r, n);
	PQclear(r);
	return 0;
}

int store_person_find(store *s, arena *a, const char *name, long limit, person **out, size_t *n, size_t *exact)
{
	const char *params[] = {name, param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_PERSON_FIND, 2, params);
	if (!r)
		return -1;
	*out = rows_people(a, r, n);
	*exact = 0;
	for (int i = 0; i < PQntuples(r); i++)
		*exact += PQgetvalue(r, i, 3)[0] == 't';
	PQclear(r);
	return 0;
}

int store_person_names(store *s, arena *a, const long long *ids, size_t nids, person **out, size_t *n)
{
	const char *params[] = {param_ids(a, ids, nids)};
	PGresult *r = store_exec(s, STMT_PERSON_NAMES, 1, params);
	if (!r)
		return -1;
	*out = rows_people(a, r, n);
	PQclear(r);
	return 0;
}

int store_memorandum_choices(store *s, arena *a, long limit, memorandum_summary **out, size_t *n)
{
	const char *params[] = {param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_CHOICES, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	memorandum_summary *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		memset(&list[i], 0, sizeof list[i]);
		list[i].id = row_int(r, i, 0);
		list[i].title = row_bitext(a, r, i, 1);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_project_choices(store *s, arena *a, project **out, size_t *n)
{
	PGresult *r = store_exec(s, STMT_PROJECT_CHOICES, 0, NULL);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	project *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].id = row_int(r, i, 0);
		list[i].code = row_str(a, r, i, 1);
		list[i].name = row_bitext(a, r, i, 2);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}
