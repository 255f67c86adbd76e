/* records.c - a meeting's record: agenda, attendance, minutes, decisions and actions of one occurrence. */
#include "store/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "util/buf.h"

const size_t record_cols[RP__MAX] = {
	[RP_ITEM] = ITEM__COLS,         /* RP_ITEM */
	[RP_ATTENDANCE] = ATT__COLS,    /* RP_ATTENDANCE */
	[RP_GUEST] = GUEST__COLS,       /* RP_GUEST */
	[RP_DECISION] = DEC__COLS,      /* RP_DECISION */
	[RP_ACTION] = ACT__COLS,        /* RP_ACTION */
};

static const enum stmt part_stmt[RP__MAX] = {
	[RP_ITEM] = STMT_RECORD_ITEMS,
	[RP_ATTENDANCE] = STMT_RECORD_ATTENDANCE,
	[RP_GUEST] = STMT_RECORD_GUESTS,
	[RP_DECISION] = STMT_RECORD_DECISIONS,
	[RP_ACTION] = STMT_RECORD_ACTIONS,
};

static int load_part(store *s, arena *a, const char *rid_param, enum record_part p, record_rows *out)
{
	const char *params[] = {rid_param};
	PGresult *r = store_exec(s, part_stmt[p], 1, params);
	if (!r)
		return -1;
	size_t cols = record_cols[p], n = (size_t)PQntuples(r);
	out->n = n;
	out->cells = arena_alloc(a, (n ? n : 1) * cols * sizeof *out->cells);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < cols; k++)
			out->cells[i * cols + k] = row_str(a, r, (int)i, (int)k);
	PQclear(r);
	return 0;
}

int store_record_get(store *s, arena *a, long long series_id, const char *recurrence_id, meeting_record *out)
{
	memset(out, 0, sizeof *out);
	out->series_id = series_id;
	out->recurrence_id = recurrence_id;
	out->state = "draft";
	const char *params[] = {param_int(a, series_id), recurrence_id};
	PGresult *r = store_exec(s, STMT_RECORD_QUORUM, 1, params);
	if (!r)
		return -1;
	out->quorum = PQntuples(r) ? (int)row_int(r, 0, 0) : 0;
	PQclear(r);
	if (!(r = store_exec(s, STMT_RECORD_GET, 2, params)))
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		for (int p = 0; p < RP__MAX; p++)
			out->parts[p].cells = arena_alloc(a, sizeof *out->parts[p].cells);
		return 0;
	}
	out->id = row_int(r, 0, 0);
	out->state = row_str(a, r, 0, 1);
	out->approved_by = row_str(a, r, 0, 2);
	out->version = (int)row_int(r, 0, 3);
	PQclear(r);
	const char *id = param_int(a, out->id);
	for (int p = 0; p < RP__MAX; p++)
		if (load_part(s, a, id, (enum record_part)p, &out->parts[p]) != 0)
			return -1;
	const char *cp[] = {id};
	if (!(r = store_exec(s, STMT_RECORD_CORRECTIONS, 1, cp)))
		return -1;
	out->ncorrections = (size_t)PQntuples(r);
	out->corrections = arena_alloc(a, (out->ncorrections ? out->ncorrections : 1) * sizeof *out->corrections);
	for (size_t i = 0; i < out->ncorrections; i++) {
		out->corrections[i].at = row_str(a, r, (int)i, 0);
		out->corrections[i].login = row_str(a, r, (int)i, 1);
		out->corrections[i].reason = row_str(a, r, (int)i, 2);
	}
	PQclear(r);
	return 1;
}

struct save_ctx {
	const actor *who;
	long long memorandum_id;
	meeting_record *r;
	const char *correction;
};

static const char *cell(const meeting_record *r, enum record_part p, size_t row, size_t col)
{
	return r->parts[p].cells[row * record_cols[p] + col];
}

/* One INSERT … RETURNING per row: CHANGE_DONE, or the store's error (a row the tables refuse is STORE_INVALID). */
static enum change_result insert(store *s, enum stmt id, int n, const char *const *params, long long *returned)
{
	enum change_result res = store_write(s, id, n, params, returned);
	if (res == CHANGE_STALE) { /* an INSERT … RETURNING always returns its row */
		s->status = STORE_ERROR;
		return CHANGE_ERROR;
	}
	return res;
}

static bool number_was(const char *number, const char *const *old, size_t nold)
{
	for (size_t i = 0; number && i < nold; i++)
		if (old[i] && strcmp(old[i], number) == 0)
			return true;
	return false;
}

/*
 * The decisions: those whose number this record had keep it (they are written first, so a new one
 * cannot take it); the others take the next free number of the memorandum in the occurrence's year.
 * ids[i] gets the id of decision row i, for the actions that implement it.
 */
static enum change_result write_decisions(store *s, arena *a, struct save_ctx *x, const char *rid, long long *ids)
{
	const meeting_record *r = x->r;
	const char *mid = param_int(a, x->memorandum_id);
	const char *lock[] = {mid};
	PGresult *res = store_exec(s, STMT_RECORD_DECISION_LOCK, 1, lock);
	if (!res)
		return CHANGE_ERROR;
	PQclear(res);
	const char *drop[] = {rid};
	if (!(res = store_exec(s, STMT_RECORD_DECISIONS_DROP, 1, drop)))
		return CHANGE_ERROR;
	size_t nold = (size_t)PQntuples(res);
	const char **old = arena_alloc(a, (nold ? nold : 1) * sizeof *old);
	for (size_t i = 0; i < nold; i++)
		old[i] = row_str(a, res, (int)i, 0);
	PQclear(res);
	const char *year = arena_printf(a, "%.4s", r->recurrence_id);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->parts[RP_DECISION].n; i++) {
			const char *number = cell(r, RP_DECISION, i, DEC_NUMBER);
			bool kept = number_was(number, old, nold);
			if (kept != (pass == 0))
				continue;
			const char *y = year, *n = NULL;
			if (kept) {
				const char *slash = strchr(number, '/');
				y = arena_printf(a, "%.*s", (int)(slash - number), number);
				n = slash + 1;
			} else {
				const char *np[] = {mid, year};
				if (!(res = store_exec(s, STMT_RECORD_DECISION_NEXT, 2, np)))
					return CHANGE_ERROR;
				n = row_str(a, res, 0, 0);
				PQclear(res);
			}
			const char *p[] = {rid, mid, y, n, param_int(a, (long long)i + 1), cell(r, RP_DECISION, i, DEC_ITEM),
			                   cell(r, RP_DECISION, i, DEC_TEXT_EN), cell(r, RP_DECISION, i, DEC_TEXT_AZ)};
			enum change_result done = insert(s, STMT_RECORD_DECISION_INSERT, 8, p, &ids[i]);
			if (done != CHANGE_DONE)
				return done;
		}
	return CHANGE_DONE;
}

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	struct save_ctx *x = ctx;
	meeting_record *r = x->r;
	enum change_result res;
	if (*id == 0) {
		const char *p[] = {param_int(a, r->series_id), r->recurrence_id};
		if ((res = store_write(s, STMT_RECORD_INSERT, 2, p, id)) != CHANGE_DONE)
			return res; /* STALE: another form made this occurrence's record meanwhile */
	} else {
		const char *p[] = {param_int(a, *id), param_int(a, r->version), x->correction ? "true" : "false"};
		if ((res = store_write(s, STMT_RECORD_TOUCH, 3, p, NULL)) != CHANGE_DONE)
			return res;
	}
	const char *rid = param_int(a, *id);
	if (x->correction) {
		const char *p[] = {rid, x->who && x->who->user_id ? param_int(a, x->who->user_id) : NULL, x->correction};
		if ((res = insert(s, STMT_RECORD_CORRECTION_INSERT, 3, p, NULL)) != CHANGE_DONE)
			return res;
	}
	/* the stored actions the form's rows are, each once: kept, with their ids */
	size_t na = r->parts[RP_ACTION].n;
	long long *keep = arena_alloc(a, (na ? na : 1) * sizeof *keep);
	buf kept = BUF_INIT;
	buf_putc(&kept, '{');
	for (size_t i = 0; i < na; i++) {
		const char *idt = cell(r, RP_ACTION, i, ACT_ID);
		char *end;
		long long k = idt && *idt ? strtoll(idt, &end, 10) : 0;
		if (k <= 0 || *end)
			continue;
		bool twice = false;
		for (size_t j = 0; j < i && !twice; j++)
			twice = keep[j] == k;
		if (twice)
			continue;
		keep[i] = k;
		buf_printf(&kept, "%s%lld", kept.len > 1 ? "," : "", k);
	}
	buf_putc(&kept, '}');
	const char *clear[] = {rid, arena_strdup(a, buf_cstr(&kept))};
	buf_free(&kept);
	PGresult *pr = store_exec(s, STMT_RECORD_CLEAR_PARTS, 2, clear);
	if (!pr)
		return CHANGE_ERROR;
	PQclear(pr);
	for (size_t i = 0; i < r->parts[RP_ITEM].n; i++) {
		const char *p[10] = {rid, param_int(a, (long long)i + 1)};
		for (size_t k = 0; k < ITEM__COLS; k++)
			p[2 + k] = cell(r, RP_ITEM, i, k);
		if ((res = insert(s, STMT_RECORD_ITEM_INSERT, 10, p, NULL)) != CHANGE_DONE)
			return res;
	}
	for (size_t i = 0; i < r->parts[RP_ATTENDANCE].n; i++) {
		const char *p[] = {rid, cell(r, RP_ATTENDANCE, i, ATT_PERSON), cell(r, RP_ATTENDANCE, i, ATT_STATUS)};
		if ((res = insert(s, STMT_RECORD_ATTENDANCE_INSERT, 3, p, NULL)) != CHANGE_DONE)
			return res;
	}
	for (size_t i = 0; i < r->parts[RP_GUEST].n; i++) {
		const char *p[] = {rid, param_int(a, (long long)i + 1), cell(r, RP_GUEST, i, GUEST_NAME)};
		if ((res = insert(s, STMT_RECORD_GUEST_INSERT, 3, p, NULL)) != CHANGE_DONE)
			return res;
	}
	size_t nd = r->parts[RP_DECISION].n;
	long long *ids = arena_alloc(a, (nd ? nd : 1) * sizeof *ids);
	if ((res = write_decisions(s, a, x, rid, ids)) != CHANGE_DONE)
		return res;
	for (size_t i = 0; i < r->parts[RP_ACTION].n; i++) {
		const char *dec = cell(r, RP_ACTION, i, ACT_DECISION);
		long d = dec ? strtol(dec, NULL, 10) : 0;
		const char *p[] = {rid,
		                   param_int(a, (long long)i + 1),
		                   cell(r, RP_ACTION, i, ACT_WHAT_EN),
		                   cell(r, RP_ACTION, i, ACT_WHAT_AZ),
		                   cell(r, RP_ACTION, i, ACT_OWNER),
		                   cell(r, RP_ACTION, i, ACT_DUE),
		                   cell(r, RP_ACTION, i, ACT_STATUS),
		                   d >= 1 && (size_t)d <= nd ? param_int(a, ids[d - 1]) : NULL,
		                   keep[i] ? param_int(a, keep[i]) : NULL};
		/* a kept action is updated in place; an id not of this record's actions (none: a new row) is a new one */
		res = keep[i] ? store_write(s, STMT_RECORD_ACTION_UPDATE, 9, p, NULL) : CHANGE_STALE;
		if (res == CHANGE_STALE)
			res = insert(s, STMT_RECORD_ACTION_INSERT, 8, p, NULL);
		if (res != CHANGE_DONE)
			return res;
	}
	return CHANGE_DONE;
}

enum change_result store_record_save(store *s, arena *a, const actor *who, long long memorandum_id, meeting_record *r,
                                     const char *correction, const char *label)
{
	struct save_ctx x = {who, memorandum_id, r, correction};
	/* a correction is an update whose label says so (the audit log's actions are create, update, delete) */
	change c = {who, r->id ? "update" : "create", "meeting_record", STMT_RECORD_SNAPSHOT, r->id, label, apply_save, &x,
	            r->id ? &r->version : NULL, false};
	enum change_result res = store_change_unless_same(s, a, &c, STMT_RECORD_STATE);
	if (res == CHANGE_DONE)
		r->id = c.id;
	return res;
}

struct state_ctx {
	int version;
	const char *state, *approved_by;
};

static enum change_result apply_state(store *s, arena *a, void *ctx, long long *id)
{
	struct state_ctx *x = ctx;
	const char *p[] = {param_int(a, *id), param_int(a, x->version), x->state, x->approved_by};
	return store_write(s, STMT_RECORD_SET_STATE, 4, p, NULL);
}

enum change_result store_record_set_state(store *s, arena *a, const actor *who, long long record_id, int version,
                                          const char *state, const char *approved_by, const char *label)
{
	struct state_ctx x = {version, state, approved_by};
	change c = {who, "update", "meeting_record", STMT_RECORD_SNAPSHOT, record_id, label, apply_state, &x, NULL, false};
	return store_change(s, a, &c);
}

int store_record_open_actions(store *s, arena *a, long long series_id, const char *recurrence_id, open_action **out,
                              size_t *n)
{
	const char *params[] = {param_int(a, series_id), recurrence_id};
	PGresult *r = store_exec(s, STMT_RECORD_OPEN_ACTIONS, 2, params);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		open_action *o = &(*out)[i];
		o->recurrence_id = row_str(a, r, (int)i, 0);
		o->what_en = row_str(a, r, (int)i, 1);
		o->what_az = row_str(a, r, (int)i, 2);
		o->owner_en = row_str(a, r, (int)i, 3);
		o->owner_az = row_str(a, r, (int)i, 4);
		o->due_on = row_str(a, r, (int)i, 5);
		const char *od = row_str(a, r, (int)i, 6);
		o->overdue = od && od[0] == 't';
	}
	PQclear(r);
	return 0;
}

int store_actions_list(store *s, arena *a, long long memorandum_id, long long organisation_id, long long owner_id,
                       const char *which, long limit, action_entry **out, size_t *n)
{
	return store_actions_after(s, a, memorandum_id, organisation_id, owner_id, which, 0, limit, out, n);
}

int store_actions_after(store *s, arena *a, long long memorandum_id, long long organisation_id, long long owner_id,
                        const char *which, long long after_id, long limit, action_entry **out, size_t *n)
{
	const char *params[] = {memorandum_id ? param_int(a, memorandum_id) : NULL,
	                        organisation_id ? param_int(a, organisation_id) : NULL,
	                        owner_id ? param_int(a, owner_id) : NULL, which, param_int(a, limit),
	                        after_id ? param_int(a, after_id) : NULL};
	/* unfiltered open or overdue ones (the home page, the Actions page): bounded by an index, from the key on */
	bool unfiltered = !memorandum_id && !organisation_id && !owner_id && limit > 0;
	bool all = strcmp(which, "all") == 0;
	PGresult *r = NULL;
	if (unfiltered) {
		/* every action lists the open ones first, in the same order: a page of them is the same page of all
		 * (a closed key, or fewer than a page of open ones left, and the whole list is sorted below) */
		const char *first_params[] = {all ? "open" : which, params[4], params[5]};
		r = after_id ? store_exec(s, STMT_ACTIONS_FIRST_AFTER, 3, first_params)
		             : store_exec(s, STMT_ACTIONS_FIRST, 2, first_params);
		if (!r)
			return -1;
		if (all && PQntuples(r) < limit) {
			PQclear(r);
			r = NULL;
		}
	}
	if (!r && !(r = store_exec(s, STMT_ACTIONS_LIST, 6, params)))
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		action_entry *e = &(*out)[i];
		int row = (int)i;
		e->series_id = row_int(r, row, 0);
		e->recurrence_id = row_str(a, r, row, 1);
		e->memorandum_id = row_int(r, row, 2);
		e->memorandum_title = row_bitext(a, r, row, 3);
		e->series_title = row_bitext(a, r, row, 5);
		e->what = row_bitext(a, r, row, 7);
		e->owner_id = row_int(r, row, 9);
		e->owner = row_bitext(a, r, row, 10);
		e->due_on = row_str(a, r, row, 12);
		e->status = row_str(a, r, row, 13);
		const char *od = row_str(a, r, row, 14);
		e->overdue = od && od[0] == 't';
		e->decision = row_str(a, r, row, 15);
		e->id = row_int(r, row, 16);
	}
	PQclear(r);
	return 0;
}

int store_board_token(store *s, arena *a, const char *secret_hash, long long series_id, const char **lang)
{
	const char *params[] = {secret_hash, param_int(a, series_id)};
	PGresult *r = store_exec(s, STMT_BOARD_TOKEN, 2, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	*lang = found ? row_str(a, r, 0, 1) : NULL;
	PQclear(r);
	return found;
}

int store_record_keys(store *s, arena *a, long long series_id, long long **ids, const char ***keys, size_t *n)
{
	const char *params[] = {param_int(a, series_id)};
	PGresult *r = store_exec(s, STMT_RECORD_KEYS, 1, params);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*ids = arena_alloc(a, (*n ? *n : 1) * sizeof **ids);
	*keys = arena_alloc(a, (*n ? *n : 1) * sizeof **keys);
	for (size_t i = 0; i < *n; i++) {
		(*ids)[i] = row_int(r, (int)i, 0);
		(*keys)[i] = row_str(a, r, (int)i, 1);
	}
	PQclear(r);
	return 0;
}

/* A records search looks at most RARE_CAP matches of each table first; a word with more is common, and the newest
 * RECENT_WALK records are looked into for it before every match is sorted (stmt.c, STMT_RECORDS_SEARCH_*). */
#define RARE_CAP 300
#define RECENT_WALK 1000

int store_records_search(store *s, arena *a, const char *q, long limit, record_hit **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {q, param_int(a, limit), param_int(a, RARE_CAP)};
	PGresult *r = store_exec(s, STMT_RECORDS_SEARCH_RARE, 3, params);
	if (!r)
		return -1;
	if (PQntuples(r) > 0 && PQgetvalue(r, 0, 8)[0] == 't') { /* common: not every match was read */
		PQclear(r);
		params[2] = param_int(a, RECENT_WALK);
		r = store_exec(s, STMT_RECORDS_SEARCH_RECENT, 3, params);
		if (!r)
			return -1;
		if (PQntuples(r) < limit) { /* fewer than a page among the newest records: sort them all */
			PQclear(r);
			r = store_exec(s, STMT_RECORDS_SEARCH, 2, params);
			if (!r)
				return -1;
		}
	}
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		record_hit *h = &(*out)[i];
		h->series_id = row_int(r, (int)i, 0);
		h->recurrence_id = row_str(a, r, (int)i, 1);
		h->series_title = row_bitext(a, r, (int)i, 2);
		h->memorandum_title = row_bitext(a, r, (int)i, 4);
		h->what = row_str(a, r, (int)i, 6);
		h->text = row_str(a, r, (int)i, 7);
	}
	PQclear(r);
	return 0;
}

int store_record_states(store *s, arena *a, long long series_id, record_mark **out, size_t *n)
{
	const char *params[] = {param_int(a, series_id)};
	PGresult *r = store_exec(s, STMT_RECORD_STATES, 1, params);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].recurrence_id = row_str(a, r, (int)i, 0);
		(*out)[i].state = row_str(a, r, (int)i, 1);
	}
	PQclear(r);
	return 0;
}
