/* overrides.c - one occurrence of a series changed, cancelled or restored, and a series split in two. */
#include "store/overrides.h"

#include <string.h>

#include "store/rows.h"
#include "util/secret.h"

/*
 * A cancelled occurrence is an override row with cancelled = true, not an EXDATE: the row keeps who cancelled
 * which occurrence and its SEQUENCE, so a feed can tell calendars that this one occurrence is off (an EXDATE
 * would make it vanish as if it had never been planned), a restore is the same row set back, and the rule's
 * own EXDATE list stays what the editor typed into the series form.
 */

/* The series' version check, and its SEQUENCE up by one: every change below starts with it. */
static enum change_result touch(store *s, arena *a, long long series_id, int version)
{
	const char *p[] = {param_int(a, series_id), param_int(a, version)};
	return store_write(s, STMT_SERIES_TOUCH, 2, p, NULL);
}

struct save_ctx {
	long long series_id;
	int version;
	const series_override *o;
};

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	struct save_ctx *x = ctx;
	(void)id;
	enum change_result res = touch(s, a, x->series_id, x->version);
	if (res != CHANGE_DONE)
		return res;
	const series_override *o = x->o;
	const char *p[] = {param_int(a, x->series_id), o->recurrence_id, o->start_local, o->end_local, o->title.en,
	                   o->title.az, o->location};
	return store_write(s, STMT_OVERRIDE_UPSERT, 7, p, NULL);
}

enum change_result store_override_save(store *s, arena *a, const actor *who, long long series_id, int version,
                                       const series_override *o, const char *label)
{
	struct save_ctx x = {series_id, version, o};
	change c = {who, "update", "series", STMT_SERIES_EXCEPTIONS_SNAPSHOT, series_id, label, apply_save, &x, NULL, false};
	return store_change(s, a, &c);
}

struct cancel_ctx {
	long long series_id;
	int version;
	const char *recurrence_id;
	bool cancelled;
};

static enum change_result apply_cancel(store *s, arena *a, void *ctx, long long *id)
{
	struct cancel_ctx *x = ctx;
	(void)id;
	enum change_result res = touch(s, a, x->series_id, x->version);
	if (res != CHANGE_DONE)
		return res;
	const char *p[] = {param_int(a, x->series_id), x->recurrence_id, x->cancelled ? "true" : "false"};
	return store_write(s, STMT_OVERRIDE_SET_CANCELLED, 3, p, NULL);
}

enum change_result store_override_cancel(store *s, arena *a, const actor *who, long long series_id, int version,
                                         const char *recurrence_id, bool cancelled, const char *label)
{
	struct cancel_ctx x = {series_id, version, recurrence_id, cancelled};
	change c = {who, "update", "series", STMT_SERIES_EXCEPTIONS_SNAPSHOT, series_id, label, apply_cancel, &x, NULL, false};
	return store_change(s, a, &c);
}

struct delete_ctx {
	long long series_id;
	int version;
	long long override_id;
};

static enum change_result apply_delete(store *s, arena *a, void *ctx, long long *id)
{
	struct delete_ctx *x = ctx;
	(void)id;
	enum change_result res = touch(s, a, x->series_id, x->version);
	if (res != CHANGE_DONE)
		return res;
	const char *p[] = {param_int(a, x->override_id), param_int(a, x->series_id)};
	res = store_write(s, STMT_OVERRIDE_DELETE, 2, p, NULL);
	return res == CHANGE_STALE ? CHANGE_GONE : res; /* no such override of this series */
}

enum change_result store_override_delete(store *s, arena *a, const actor *who, long long series_id, int version,
                                         long long override_id, const char *label)
{
	struct delete_ctx x = {series_id, version, override_id};
	change c = {who, "update", "series", STMT_SERIES_EXCEPTIONS_SNAPSHOT, series_id, label, apply_delete, &x, NULL, false};
	return store_change(s, a, &c);
}

/* ---- splitting ---- */

struct split_ctx {
	const actor *who;
	series_split *sp;
};

/* The new series' own audit row ("create"), inside the transaction store_change holds for the old one. */
static enum change_result audit_created(store *s, arena *a, const actor *who, long long id, const char *label)
{
	const char *sp[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_SERIES_EXCEPTIONS_SNAPSHOT, 1, sp);
	if (!r)
		return CHANGE_ERROR;
	const char *after = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	return store_audit_row(s, a, who, "create", "series", id, label, NULL, after);
}

static enum change_result apply_split(store *s, arena *a, void *ctx, long long *id)
{
	struct split_ctx *x = ctx;
	series_split *sp = x->sp;
	series *in = sp->new_series;
	(void)id;
	const char *old[] = {param_int(a, sp->old_id), sp->old_rrule, param_array(a, sp->old_rdates, sp->nold_rdates),
	                     param_array(a, sp->old_exdates, sp->nold_exdates), param_int(a, sp->version)};
	enum change_result res = store_write(s, STMT_SERIES_SPLIT_OLD, 5, old, NULL);
	if (res != CHANGE_DONE)
		return res;
	long long new_id = 0;
	const char *p[] = {param_int(a, in->memorandum_id), in->kind, in->uid, in->title.en, in->title.az,
	                   in->description.en, in->description.az, in->location, in->location_url, in->tzid,
	                   in->all_day ? "true" : "false", in->start_local, in->end_local, in->rrule,
	                   param_array(a, in->rdates, in->nrdates), param_array(a, in->exdates, in->nexdates), in->status};
	res = store_write(s, STMT_SERIES_INSERT, 17, p, &new_id);
	if (res != CHANGE_DONE)
		return res == CHANGE_STALE ? CHANGE_ERROR : res;
	in->id = new_id;
	const char *both[] = {param_int(a, sp->old_id), param_int(a, new_id)};
	PGresult *r = store_exec(s, STMT_SERIES_SPLIT_ATTENDEES, 2, both);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	for (size_t i = 0; i < sp->nmoves; i++) {
		const override_move *m = &sp->moves[i];
		if (m->drop) {
			const char *d[] = {param_int(a, m->id), param_int(a, sp->old_id)};
			res = store_write(s, STMT_OVERRIDE_DELETE, 2, d, NULL);
		} else {
			const char *mv[] = {param_int(a, m->id), param_int(a, new_id), m->recurrence_id, m->clear ? "true" : "false"};
			res = store_write(s, STMT_OVERRIDE_MOVE, 4, mv, NULL);
		}
		if (res != CHANGE_DONE) /* an override that went away meanwhile: the version check should have caught it */
			return res == CHANGE_STALE ? CHANGE_STALE : res;
	}
	for (size_t i = 0; i < sp->nrecord_moves; i++) {
		const char *mv[] = {param_int(a, sp->record_moves[i].id), param_int(a, new_id), sp->record_moves[i].recurrence_id};
		if ((res = store_write(s, STMT_RECORD_MOVE, 3, mv, NULL)) != CHANGE_DONE)
			return res;
	}
	return audit_created(s, a, x->who, new_id, sp->new_label);
}

enum change_result store_series_split(store *s, arena *a, const actor *who, series_split *sp)
{
	if (!sp->new_series->uid) /* 128 random bits, as for any new series */
		sp->new_series->uid = arena_printf(a, "%s@memocal", secret_token(a, 16));
	struct split_ctx x = {who, sp};
	change c = {who, "update", "series", STMT_SERIES_EXCEPTIONS_SNAPSHOT, sp->old_id, sp->old_label, apply_split, &x, NULL, false};
	return store_change(s, a, &c);
}
