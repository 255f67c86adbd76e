/* audit.h - changes inside one transaction with before/after snapshots and an audit row. */
#ifndef MEMOCAL_AUDIT_H
#define MEMOCAL_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/user.h"
#include "store/db.h"
#include "util/arena.h"

/* What a change did; the page layer turns each into an answer. */
enum change_result {
	CHANGE_ERROR = -1,   /* s->status says why */
	CHANGE_GONE = 0,     /* no such record */
	CHANGE_DONE = 1,
	CHANGE_STALE = 2,    /* the version the user edited is no longer current */
};

/* One audited change: `apply` runs the statements; it sets *id on create. */
typedef struct change {
	const actor *who;
	const char *action;      /* create, update, delete */
	const char *entity;      /* organisation, person, memorandum, staff_user, … */
	enum stmt snapshot;      /* one row, one column: the record (with its parts) as jsonb text */
	long long id;            /* 0 on create until apply sets it */
	const char *label;       /* what the log shows for the record */
	enum change_result (*apply)(store *s, arena *a, void *ctx, long long *id);
	void *ctx;
	/* an update: the version apply checks (read by apply, in ctx). When apply finds it stale, the form is
	 * applied again at the record's current version in a transaction rolled back; when that would change
	 * nothing, the form says what is stored (sent twice, or the same change by two people) and the answer is
	 * CHANGE_DONE with store.replayed set, not a conflict. NULL: every stale version is CHANGE_STALE. */
	int *version;
	bool probe; /* set inside store_change only */
} change;

/*
 * BEGIN; snapshot before (update, delete); apply; snapshot after (create,
 * update); audit row; COMMIT. Anything short of CHANGE_DONE rolls the whole
 * transaction back: no partial write, no audit row for what did not happen.
 * A create whose actor carries a form key (actor.form_key) claims it first: when
 * that form was sent before and committed, nothing is written, c->id is the
 * record it made, s->replayed is set and the answer is CHANGE_DONE.
 */
enum change_result store_change(store *s, arena *a, change *c);
/* Whether who's form key (actor.form_key) was sent before and made a record of entity: 1 with *id
 * when so, 0 when not (no key, or not used yet), -1 on error. For a page that checks things before
 * it saves (a meeting's busy attendees), so that the same form sent again finds its record first. */
int store_form_key_made(store *s, arena *a, const actor *who, const char *entity, long long *id);
/* The same, but an update that changes nothing the snapshot shows is rolled back rather than committed, so
 * the record's version and its feeds' versions stay as they were; *unchanged tells (CHANGE_DONE either way). */
enum change_result store_change_if_changed(store *s, arena *a, change *c, bool *unchanged);
/* A form's save: an update that leaves the record as it was is rolled back, so that its version and its feeds'
 * versions stay as they were, and store.unchanged says so (a form saved unchanged changes nothing). "As it was":
 * the snapshot, when it shows every column the update writes (state STMT_PING); else state, a statement like the
 * snapshot that does (without the ids of rows made again, versions and times). */
enum change_result store_change_unless_same(store *s, arena *a, change *c, enum stmt state);

/* Runs one write statement in apply: CHANGE_DONE when it returned a row,
 * CHANGE_STALE when it returned none (the WHERE … AND version = $n missed). */
enum change_result store_write(store *s, enum stmt id, int n, const char *const *params, long long *returned_id);
/* One audit row written inside a transaction another change holds (a split's new series, a termination's ended
 * ones): before/after the snapshots (NULL for none). */
enum change_result store_audit_row(store *s, arena *a, const actor *who, const char *action, const char *entity,
                                   long long id, const char *label, const char *before, const char *after);

/* One changed field of an entry, as text cut to 200 letters (with "…"); NULL for none/null. */
typedef struct audit_change {
	const char *field;
	const char *before; /* update: the old value; delete: the value; create: NULL */
	const char *after;  /* update: the new value; create: the value; delete: NULL */
} audit_change;

/* Deletes one record by "DELETE … WHERE id = $1 AND version = $2 RETURNING id" (del), audited with the
 * entity's snapshot statement: CHANGE_GONE, CHANGE_STALE or CHANGE_DONE as store_change says. */
enum change_result store_delete(store *s, arena *a, const actor *who, const char *entity, enum stmt snapshot,
                                enum stmt del, long long id, int version, const char *label);

typedef struct audit_entry {
	long long id;
	const char *at; /* "YYYY-MM-DD HH:MM" in UTC */
	const char *user_login;
	const char *action;
	const char *entity;
	long long entity_id;
	const char *label;
	const char *changes; /* jsonb text */
	audit_change *changed; /* the same, one field a row, by field name; bookkeeping columns left out */
	size_t nchanged;
} audit_entry;

/* A page of the log, newest first, each entry with its changed fields; entity NULL and entity_id 0 for all.
 * Paged by keyset, never OFFSET (its cost would grow with the log): before_id > 0, the entries older than that
 * entry; after_id > 0, the limit entries just newer than it; neither, the newest. *more: there are further
 * entries past the page in the direction it was read (older, or for after_id newer). */
int store_audit_list(store *s, arena *a, const char *entity, long long entity_id, long limit, long long before_id,
                     long long after_id, audit_entry **out, size_t *n, bool *more);

#endif
