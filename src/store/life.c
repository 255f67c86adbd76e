/* life.c - a memorandum's life: its decisions (terminate, renew), amendments, commitments, and the home page's lists. */
#include "store/life.h"

#include <string.h>

#include "store/rows.h"

static int exec_ok(store *s, enum stmt id, int n, const char *const *params)
{
	PGresult *r = store_exec(s, id, n, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

/* A change of the memorandum's own row: the statement's parameters, ready. */
struct row_change {
	enum stmt stmt;
	int n;
	const char *const *params;
};

static enum change_result apply_row(store *s, arena *a, void *ctx, long long *id)
{
	(void)a;
	(void)id;
	struct row_change *rc = ctx;
	return store_write(s, rc->stmt, rc->n, rc->params, NULL);
}

struct terminate {
	const actor *who;
	struct row_change row;
	const series_end *ends;
	size_t nends;
};

static const char *series_snapshot(store *s, arena *a, const char *sid, bool *ok)
{
	const char *p[] = {sid};
	PGresult *r = store_exec(s, STMT_SERIES_EXCEPTIONS_SNAPSHOT, 1, p);
	*ok = r != NULL;
	if (!r)
		return NULL;
	const char *v = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	return v;
}

/* One series ended by the termination, with its own audit row: what it was and what it is. */
static enum change_result end_series(store *s, arena *a, const actor *who, const series_end *e)
{
	const char *sid = param_int(a, e->id);
	bool ok;
	const char *before = series_snapshot(s, a, sid, &ok);
	if (!ok)
		return CHANGE_ERROR;
	if (!before)
		return CHANGE_STALE; /* deleted meanwhile */
	enum change_result res;
	if (e->cancel) {
		const char *p[] = {sid, param_int(a, e->version)};
		res = store_write(s, STMT_SERIES_END_CANCEL, 2, p, NULL);
	} else {
		const char *p[] = {sid, e->rrule, param_array(a, e->rdates, e->nrdates),
		                   param_array(a, e->exdates, e->nexdates), param_int(a, e->version)};
		res = store_write(s, STMT_SERIES_SPLIT_OLD, 5, p, NULL);
	}
	if (res != CHANGE_DONE)
		return res == CHANGE_GONE ? CHANGE_STALE : res;
	for (size_t i = 0; i < e->ndrop; i++) {
		const char *p[] = {param_int(a, e->drop_ids[i]), sid};
		if ((res = store_write(s, STMT_OVERRIDE_DELETE, 2, p, NULL)) != CHANGE_DONE)
			return res == CHANGE_GONE ? CHANGE_STALE : res;
	}
	for (size_t i = 0; i < e->ncancel; i++) {
		const char *p[] = {sid, e->cancel_rids[i], "true"};
		if ((res = store_write(s, STMT_OVERRIDE_SET_CANCELLED, 3, p, NULL)) != CHANGE_DONE)
			return res == CHANGE_GONE ? CHANGE_STALE : res;
	}
	const char *after = series_snapshot(s, a, sid, &ok);
	if (!ok)
		return CHANGE_ERROR;
	return store_audit_row(s, a, who, "update", "series", e->id, e->label, before, after);
}

static enum change_result apply_terminate(store *s, arena *a, void *ctx, long long *id)
{
	struct terminate *t = ctx;
	enum change_result res = apply_row(s, a, &t->row, id);
	for (size_t i = 0; res == CHANGE_DONE && i < t->nends; i++)
		res = end_series(s, a, t->who, &t->ends[i]);
	return res;
}

enum change_result store_memorandum_terminate(store *s, arena *a, const actor *who, long long id, int version,
                                              const char *on, bitext reason, const series_end *ends, size_t nends)
{
	const char *p[] = {param_int(a, id), on, reason.en, reason.az, param_int(a, version)};
	struct terminate t = {who, {STMT_MEMORANDUM_TERMINATE, 5, p}, ends, nends};
	change c = {who, "update", "memorandum", STMT_MEMORANDUM_SNAPSHOT, id, NULL, apply_terminate, &t, NULL, false};
	return store_change(s, a, &c);
}

struct amend {
	const actor *who;
	long long id;
	int version;
	const memorandum_amendment *am;
	const document_file *doc;
};

static enum change_result apply_amend(store *s, arena *a, void *ctx, long long *id)
{
	(void)id;
	struct amend *x = ctx;
	const char *mid = param_int(a, x->id);
	const char *touch[] = {mid, param_int(a, x->version)};
	enum change_result res = store_write(s, STMT_MEMORANDUM_TOUCH, 2, touch, NULL);
	if (res != CHANGE_DONE)
		return res;
	const char *p[] = {mid, x->am->amended_on, x->am->title.en, x->am->title.az, x->am->summary.en, x->am->summary.az};
	long long amendment = 0;
	if (store_write(s, STMT_MEMORANDUM_AMENDMENT_INSERT, 6, p, &amendment) != CHANGE_DONE)
		return CHANGE_ERROR;
	if (!x->doc)
		return CHANGE_DONE;
	document_owner o = {x->id, amendment, 0, NULL};
	long long doc_id;
	enum change_result dres = store_document_insert(s, a, x->who, &o, x->am->title, x->doc, &doc_id);
	return dres == CHANGE_DONE ? CHANGE_DONE : CHANGE_ERROR;
}

enum change_result store_memorandum_amend(store *s, arena *a, const actor *who, long long id, int version,
                                          const memorandum_amendment *am, const document_file *doc)
{
	struct amend x = {who, id, version, am, doc};
	change c = {who, "update", "memorandum", STMT_MEMORANDUM_SNAPSHOT, id, am->title.en, apply_amend, &x, NULL, false};
	return store_change(s, a, &c);
}

struct renew {
	const actor *who;
	long long id;
	int version;
	const renewal *r;
};

static const char *snapshot_of(store *s, arena *a, long long id, bool *ok)
{
	const char *p[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_SNAPSHOT, 1, p);
	*ok = r != NULL;
	if (!r)
		return NULL;
	const char *v = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	return v;
}

/* The successor, its copied parts, and the original's link to it with an audit row of its own (store_change
 * writes the successor's): one transaction. */
static enum change_result apply_renew(store *s, arena *a, void *ctx, long long *id)
{
	struct renew *x = ctx;
	const char *old = param_int(a, x->id);
	const char *ins[] = {old, x->r->signed_on, x->r->valid_from, x->r->valid_until, x->r->status};
	enum change_result res = store_write(s, STMT_MEMORANDUM_RENEW_INSERT, 5, ins, id);
	if (res != CHANGE_DONE)
		return res == CHANGE_STALE ? CHANGE_GONE : res;
	const char *pair[] = {old, param_int(a, *id)};
	if (exec_ok(s, STMT_MEMORANDUM_COPY_PARTIES, 2, pair) || exec_ok(s, STMT_MEMORANDUM_COPY_MEMBERS, 2, pair) ||
	    exec_ok(s, STMT_MEMORANDUM_COPY_PROJECTS, 2, pair) || exec_ok(s, STMT_MEMORANDUM_COPY_AREAS, 2, pair))
		return CHANGE_ERROR;
	bool ok;
	const char *before = snapshot_of(s, a, x->id, &ok);
	if (!ok)
		return CHANGE_ERROR;
	const char *link[] = {old, param_int(a, *id), param_int(a, x->version)};
	if ((res = store_write(s, STMT_MEMORANDUM_RENEWED, 3, link, NULL)) != CHANGE_DONE)
		return res;
	const char *after = snapshot_of(s, a, x->id, &ok);
	if (!ok)
		return CHANGE_ERROR;
	const char *audit[] = {x->who && x->who->user_id ? param_int(a, x->who->user_id) : NULL,
	                       x->who ? x->who->login : NULL, "update", "memorandum", old, NULL, before, after};
	return exec_ok(s, STMT_AUDIT_INSERT, 8, audit) ? CHANGE_ERROR : CHANGE_DONE;
}

enum change_result store_memorandum_renew(store *s, arena *a, const actor *who, long long id, int version,
                                          const renewal *r, long long *successor)
{
	struct renew x = {who, id, version, r};
	change c = {who, "create", "memorandum", STMT_MEMORANDUM_SNAPSHOT, 0, NULL, apply_renew, &x, NULL, false};
	enum change_result res = store_change(s, a, &c);
	if (res == CHANGE_DONE)
		*successor = c.id;
	return res;
}

struct commit {
	long long id, area_id;
	int version;
	const char *frequency;
	const long long *series;
	size_t nseries;
};

static enum change_result apply_commitment(store *s, arena *a, void *ctx, long long *id)
{
	(void)id;
	struct commit *x = ctx;
	const char *mid = param_int(a, x->id), *aid = param_int(a, x->area_id);
	const char *touch[] = {mid, param_int(a, x->version)};
	enum change_result res = store_write(s, STMT_MEMORANDUM_TOUCH, 2, touch, NULL);
	if (res != CHANGE_DONE)
		return res;
	const char *set[] = {mid, aid, x->frequency};
	if ((res = store_write(s, STMT_AREA_FREQUENCY_SET, 3, set, NULL)) != CHANGE_DONE)
		return res == CHANGE_STALE ? CHANGE_GONE : res; /* no such area of this memorandum */
	const char *clear[] = {aid};
	if (exec_ok(s, STMT_AREA_SERIES_CLEAR, 1, clear))
		return CHANGE_ERROR;
	for (size_t i = 0; x->frequency && i < x->nseries; i++) {
		const char *add[] = {aid, param_int(a, x->series[i])};
		if ((res = store_write(s, STMT_AREA_SERIES_ADD, 2, add, NULL)) != CHANGE_DONE)
			return res == CHANGE_STALE ? CHANGE_GONE : res; /* a series gone meanwhile */
	}
	return CHANGE_DONE;
}

enum change_result store_commitment_set(store *s, arena *a, const actor *who, long long id, int version,
                                        long long area_id, const char *frequency, const long long *series_ids,
                                        size_t nseries)
{
	struct commit x = {id, area_id, version, frequency, series_ids, nseries};
	change c = {who, "update", "memorandum", STMT_MEMORANDUM_SNAPSHOT, id, NULL, apply_commitment, &x, NULL, false};
	return store_change(s, a, &c);
}

int store_commitments(store *s, arena *a, long long id, commitment **out, size_t *n)
{
	const char *p[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_COMMITMENTS, 1, p);
	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	int rows = PQntuples(r);
	commitment *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].area_id = row_int(r, i, 0);
		list[i].frequency = row_str(a, r, i, 1);
		list[i].periods = (long)row_int(r, i, 2);
		list[i].met = (long)row_int(r, i, 3);
		list[i].last_held = row_str(a, r, i, 4);
		list[i].series = row_str(a, r, i, 5);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_memorandum_activity(store *s, arena *a, long long id, const char **last_held, bool *dormant)
{
	const char *p[] = {param_int(a, id), param_int(a, s->notice_months), param_int(a, s->dormant_months)};
	PGresult *r = store_exec(s, STMT_MEMORANDUM_LAST_HELD, 3, p);
	*last_held = NULL;
	*dormant = false;
	if (!r)
		return -1;
	if (PQntuples(r)) {
		*last_held = row_str(a, r, 0, 0);
		*dormant = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
	}
	PQclear(r);
	return 0;
}

static int life_items(store *s, arena *a, enum stmt id, int np, const char *const *p, bool with_life, life_item **out,
                      size_t *n)
{
	PGresult *r = store_exec(s, id, np, p);
	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	int rows = PQntuples(r);
	life_item *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].id = row_int(r, i, 0);
		list[i].title = row_bitext(a, r, i, 1);
		list[i].date = row_str(a, r, i, 3);
		list[i].life = with_life ? row_str(a, r, i, 4) : NULL;
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_home_undecided(store *s, arena *a, long limit, life_item **out, size_t *n)
{
	const char *p[] = {param_int(a, s->notice_months), param_int(a, limit)};
	return life_items(s, a, STMT_HOME_UNDECIDED, 2, p, true, out, n);
}

int store_home_dormant(store *s, arena *a, long limit, life_item **out, size_t *n)
{
	const char *p[] = {param_int(a, s->notice_months), param_int(a, s->dormant_months), param_int(a, limit)};
	return life_items(s, a, STMT_HOME_DORMANT, 3, p, false, out, n);
}

int store_home_minutes_waiting(store *s, arena *a, long limit, waiting_record **out, size_t *n)
{
	const char *p[] = {param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_HOME_MINUTES_WAITING, 1, p);
	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	int rows = PQntuples(r);
	waiting_record *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].series_id = row_int(r, i, 0);
		list[i].recurrence_id = row_str(a, r, i, 1);
		list[i].memorandum_id = row_int(r, i, 2);
		list[i].memorandum_title = row_bitext(a, r, i, 3);
		list[i].series_title = row_bitext(a, r, i, 5);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_feed_staff(store *s, arena *a, long limit, staff_memorandum **memos, size_t *nm, staff_action **acts,
                     size_t *na)
{
	*memos = NULL;
	*acts = NULL;
	*nm = *na = 0;
	const char *p[] = {param_int(a, s->notice_months), param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_FEED_STAFF_MEMORANDA, 2, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	staff_memorandum *m = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *m);
	for (int i = 0; i < rows; i++) {
		m[i].id = row_int(r, i, 0);
		m[i].title = row_bitext(a, r, i, 1);
		m[i].valid_until = row_str(a, r, i, 3);
		m[i].notice = row_str(a, r, i, 4);
		m[i].updated_at = row_str(a, r, i, 5);
	}
	PQclear(r);
	*memos = m;
	*nm = (size_t)rows;
	const char *q[] = {param_int(a, limit)};
	if (!(r = store_exec(s, STMT_FEED_STAFF_ACTIONS, 1, q)))
		return -1;
	rows = PQntuples(r);
	staff_action *x = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *x);
	for (int i = 0; i < rows; i++) {
		x[i].id = row_int(r, i, 0);
		x[i].what = row_bitext(a, r, i, 1);
		x[i].due_on = row_str(a, r, i, 3);
		x[i].updated_at = row_str(a, r, i, 4);
		x[i].series_id = row_int(r, i, 5);
		x[i].recurrence_id = row_str(a, r, i, 6);
	}
	PQclear(r);
	*acts = x;
	*na = (size_t)rows;
	return 0;
}
