/* audit.c - changes inside one transaction with before/after snapshots and an audit row. */
#include "store/audit.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "util/buf.h"

static const char *snapshot(store *s, arena *a, enum stmt id, long long rid, bool *ok)
{
	const char *params[] = {param_int(a, rid)};
	PGresult *r = store_exec(s, id, 1, params);
	if (!r) {
		*ok = false;
		return NULL;
	}
	const char *v = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	*ok = true;
	return v;
}

enum change_result store_write(store *s, enum stmt id, int n, const char *const *params, long long *returned_id)
{
	PGresult *r = store_exec(s, id, n, params);
	if (!r)
		return CHANGE_ERROR;
	enum change_result res = PQntuples(r) > 0 ? CHANGE_DONE : CHANGE_STALE;
	if (res == CHANGE_DONE && returned_id && PQnfields(r) > 0)
		*returned_id = row_int(r, 0, 0);
	PQclear(r);
	return res;
}

enum change_result store_audit_row(store *s, arena *a, const actor *who, const char *action, const char *entity,
                                   long long id, const char *label, const char *before, const char *after)
{
	const char *p[] = {who && who->user_id ? param_int(a, who->user_id) : NULL, who ? who->login : NULL, action, entity,
	                   param_int(a, id), label, before, after};
	PGresult *r = store_exec(s, STMT_AUDIT_INSERT, 8, p);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	return CHANGE_DONE;
}

/*
 * What the form key of who (actor.form_key) made, when a send of it committed: 1 and *id when that
 * send was who's and made an entity, 0 when the key is unused (or its send has not committed), -1
 * on error. A key another user sent, or sent to make another kind of record, is refused
 * (STORE_INVALID, -1): only a hand-made request can do that.
 */
static int key_record(store *s, arena *a, const actor *who, const char *entity, long long *id)
{
	const char *get[] = {who->form_key};
	PGresult *r = store_exec(s, STMT_FORM_KEY_GET, 1, get);
	if (!r)
		return -1;
	if (PQntuples(r) == 0 || PQgetisnull(r, 0, 1)) {
		PQclear(r);
		return 0;
	}
	bool mine = strcmp(row_str(a, r, 0, 0), entity) == 0 &&
	            (who->user_id ? !PQgetisnull(r, 0, 2) && row_int(r, 0, 2) == who->user_id : PQgetisnull(r, 0, 2));
	if (mine)
		*id = row_int(r, 0, 1);
	PQclear(r);
	if (!mine) {
		s->status = STORE_INVALID;
		return -1;
	}
	return 1;
}

int store_form_key_made(store *s, arena *a, const actor *who, const char *entity, long long *id)
{
	*id = 0;
	return who && who->form_key ? key_record(s, a, who, entity, id) : 0;
}

/*
 * Claims the form's one-time key for this create (inside its transaction): 1 when claimed, 0 when
 * the form was sent before and that send committed (c->id is then its record), -1 on error (a key
 * that is not this user's for this kind of record, as key_record says).
 */
static int claim_key(store *s, arena *a, change *c)
{
	PGresult *r = store_exec(s, STMT_FORM_KEY_EXPIRE, 0, NULL);
	if (!r)
		return -1;
	PQclear(r);
	const char *key = c->who->form_key;
	const char *uid = c->who->user_id ? param_int(a, c->who->user_id) : NULL;
	const char *claim[] = {key, c->entity, uid};
	if (!(r = store_exec(s, STMT_FORM_KEY_CLAIM, 3, claim)))
		return -1;
	bool claimed = PQntuples(r) == 1;
	PQclear(r);
	if (claimed)
		return 1;
	/* the claim found a committed row: its record is set (same transaction as the claim) */
	int made = key_record(s, a, c->who, c->entity, &c->id);
	if (made == 0) {
		s->status = STORE_INVALID;
		return -1;
	}
	return made > 0 ? 0 : -1;
}

/* The "version" a snapshot (jsonb text, to_jsonb of the row) names; 0 when it names none. */
static int version_in(const char *snap)
{
	const char *v = snap ? strstr(snap, "\"version\": ") : NULL;
	return v ? atoi(v + 11) : 0;
}

static enum change_result run_change(store *s, arena *a, change *c, bool undo_same, enum stmt state, bool *unchanged);

/*
 * An update refused as stale (the form's version is no longer the record's) that would change nothing if it
 * were applied to the record as it is now: the form says what is already stored. That is the same form sent
 * twice (a double click, a resubmit after Back) or the same change made by two people, not a conflict: the
 * answer is the first save's. It is found by applying the form at the current version in a transaction that
 * is always rolled back. CHANGE_DONE (the same), CHANGE_STALE (a real conflict) or CHANGE_ERROR.
 */
static enum change_result same_as_stored(store *s, arena *a, change *c, bool undo_same, enum stmt state, int current)
{
	int mine = *c->version;
	*c->version = current;
	c->probe = true;
	bool same = false;
	enum change_result res = run_change(s, a, c, undo_same, state, &same);
	c->probe = false;
	*c->version = mine;
	if (res == CHANGE_ERROR)
		return CHANGE_ERROR;
	return res == CHANGE_DONE && same ? CHANGE_DONE : CHANGE_STALE;
}

static enum change_result run_change(store *s, arena *a, change *c, bool undo_same, enum stmt state, bool *unchanged)
{
	s->replayed = false;
	s->unchanged = false;
	if (store_begin(s) != 0)
		return CHANGE_ERROR;
	bool ok = true;
	const char *before = NULL, *after = NULL;
	bool creating = strcmp(c->action, "create") == 0;
	bool keyed = creating && c->who && c->who->form_key;
	if (keyed) {
		int claimed = claim_key(s, a, c);
		if (claimed < 0)
			goto fail;
		if (claimed == 0) {
			/* the same form again: the record its first send made is the answer */
			store_rollback(s);
			s->status = STORE_OK;
			s->replayed = true;
			return CHANGE_DONE;
		}
	}
	if (!creating) {
		before = snapshot(s, a, c->snapshot, c->id, &ok);
		if (!ok)
			goto fail;
		if (!before) {
			store_rollback(s);
			return CHANGE_GONE;
		}
	}
	bool updating = strcmp(c->action, "update") == 0, stated = updating && undo_same && state != STMT_PING;
	const char *state_before = NULL;
	if (stated && (!(state_before = snapshot(s, a, state, c->id, &ok)) || !ok))
		goto fail;
	enum change_result res = c->apply(s, a, c->ctx, &c->id);
	if (res == CHANGE_STALE && updating && c->version && !c->probe) {
		store_rollback(s);
		int current = version_in(before);
		if (current <= 0 || current == *c->version)
			return CHANGE_STALE;
		res = same_as_stored(s, a, c, undo_same, state, current);
		if (res == CHANGE_DONE) {
			s->replayed = true; /* the answer is the save that made it so */
			s->unchanged = false;
		}
		return res;
	}
	if (res != CHANGE_DONE) {
		store_rollback(s);
		return res;
	}
	if (stated) {
		const char *state_after = snapshot(s, a, state, c->id, &ok);
		if (!ok || !state_after)
			goto fail;
		if (c->probe) {
			store_rollback(s);
			if (unchanged)
				*unchanged = strcmp(state_before, state_after) == 0;
			return CHANGE_DONE;
		}
		if (strcmp(state_before, state_after) == 0) {
			store_rollback(s); /* the version and the feeds' versions stay as they were */
			s->unchanged = true;
			if (unchanged)
				*unchanged = true;
			return CHANGE_DONE;
		}
	}
	if (strcmp(c->action, "delete") != 0) {
		after = snapshot(s, a, c->snapshot, c->id, &ok);
		if (!ok)
			goto fail;
	}
	if (keyed) {
		const char *set[] = {c->who->form_key, param_int(a, c->id)};
		PGresult *k = store_exec(s, STMT_FORM_KEY_SET, 2, set);
		if (!k)
			goto fail;
		PQclear(k);
	}
	const char *params[] = {
		c->who && c->who->user_id ? param_int(a, c->who->user_id) : NULL,
		c->who ? c->who->login : NULL,
		c->action,
		c->entity,
		param_int(a, c->id),
		c->label,
		before,
		after,
	};
	PGresult *r = store_exec(s, STMT_AUDIT_INSERT, 8, params);
	if (!r)
		goto fail;
	/* the audit row is left out when the snapshots agree: then nothing changed */
	bool nothing = updating && strcmp(PQcmdTuples(r), "0") == 0;
	PQclear(r);
	if (c->probe) {
		store_rollback(s);
		if (unchanged)
			*unchanged = nothing;
		return CHANGE_DONE;
	}
	if (nothing && (unchanged || (undo_same && !stated))) {
		store_rollback(s); /* the version and the feeds' versions stay as they were */
		s->unchanged = true;
		if (unchanged)
			*unchanged = true;
		return CHANGE_DONE;
	}
	if (store_commit(s) != 0)
		return CHANGE_ERROR;
	return CHANGE_DONE;
fail:
	store_rollback(s);
	return CHANGE_ERROR;
}

enum change_result store_change(store *s, arena *a, change *c)
{
	return run_change(s, a, c, false, STMT_PING, NULL);
}

enum change_result store_change_if_changed(store *s, arena *a, change *c, bool *unchanged)
{
	*unchanged = false;
	return run_change(s, a, c, false, STMT_PING, unchanged);
}

enum change_result store_change_unless_same(store *s, arena *a, change *c, enum stmt state)
{
	return run_change(s, a, c, true, state, NULL);
}

/* Fills each entry's changed fields with one statement for the whole page: the
 * entries' ids go as one array parameter, the rows come back grouped by entry. */
static int audit_changes(store *s, arena *a, audit_entry *e, size_t n)
{
	buf ids = BUF_INIT;
	buf_putc(&ids, '{');
	for (size_t i = 0; i < n; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "", e[i].id);
	buf_putc(&ids, '}');
	const char *params[] = {arena_strdup(a, buf_cstr(&ids))};
	buf_free(&ids);
	PGresult *r = store_exec(s, STMT_AUDIT_CHANGES, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	audit_change *ch = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *ch);
	size_t j = 0;
	for (int i = 0; i < rows; i++) {
		long long id = row_int(r, i, 0);
		while (j < n && e[j].id != id)
			j++; /* rows come in the entries' order */
		if (j == n)
			break;
		if (!e[j].changed)
			e[j].changed = &ch[i];
		e[j].nchanged++;
		ch[i].field = row_str(a, r, i, 1);
		ch[i].before = row_str(a, r, i, 2);
		ch[i].after = row_str(a, r, i, 3);
	}
	PQclear(r);
	return 0;
}

struct delete_ctx {
	enum stmt del;
	long long id;
	int version;
};

static enum change_result apply_delete(store *s, arena *a, void *ctx, long long *id)
{
	struct delete_ctx *d = ctx;
	(void)id;
	const char *params[] = {param_int(a, d->id), param_int(a, d->version)};
	return store_write(s, d->del, 2, params, NULL);
}

enum change_result store_delete(store *s, arena *a, const actor *who, const char *entity, enum stmt snapshot,
                                enum stmt del, long long id, int version, const char *label)
{
	struct delete_ctx d = {del, id, version};
	change c = {who, "delete", entity, snapshot, id, label, apply_delete, &d, NULL, false};
	return store_change(s, a, &c);
}

int store_audit_list(store *s, arena *a, const char *entity, long long entity_id, long limit, long long before_id,
                     long long after_id, audit_entry **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	const char *eid = entity_id > 0 ? param_int(a, entity_id) : NULL;
	long long key = after_id > 0 ? after_id : before_id;
	const char *params[] = {entity, eid, param_int(a, limit + 1), key > 0 ? param_int(a, key) : NULL};
	enum stmt id = after_id > 0 ? STMT_AUDIT_NEWER : before_id > 0 ? STMT_AUDIT_OLDER : STMT_AUDIT_LIST;
	int np = key > 0 ? 4 : 3;
	const char *const *p = params;
	/* a first page of one entity's log, as a memorandum's shows it, or of the whole log: a statement of its own */
	if (id == STMT_AUDIT_LIST && entity && eid)
		id = STMT_AUDIT_OF_ENTITY;
	else if (id == STMT_AUDIT_LIST && !entity && !eid)
		id = STMT_AUDIT_ALL, np = 1, p = params + 2;
	PGresult *r = store_exec(s, id, np, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows > limit) {
		*more = true;
		rows = (int)limit;
	}
	audit_entry *e = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *e);
	for (int k = 0; k < rows; k++) {
		int i = after_id > 0 ? rows - 1 - k : k; /* NEWER comes oldest first: the page is newest first */
		e[k].id = row_int(r, i, 0);
		e[k].at = row_str(a, r, i, 1);
		e[k].user_login = row_str(a, r, i, 2);
		e[k].action = row_str(a, r, i, 3);
		e[k].entity = row_str(a, r, i, 4);
		e[k].entity_id = row_int(r, i, 5);
		e[k].label = row_str(a, r, i, 6);
		e[k].changes = row_str(a, r, i, 7);
	}
	PQclear(r);
	*out = e;
	*n = (size_t)rows;
	return rows ? audit_changes(s, a, e, (size_t)rows) : 0;
}
