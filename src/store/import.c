/* import.c - the series of one .ics file stored by UID: created or updated, all in one audited transaction. */
#include "store/import.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cal/import.h"
#include "store/rows.h"

/* The series with its attendees and overrides as jsonb text (the audit log's before and after). */
static int snapshot(store *s, arena *a, long long id, const char **out)
{
	const char *p[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_SERIES_EXCEPTIONS_SNAPSHOT, 1, p);
	if (!r)
		return -1;
	*out = PQntuples(r) ? row_str(a, r, 0, 0) : NULL;
	PQclear(r);
	return 0;
}

/* Runs a statement whose rows do not matter; 0 or -1. */
static int run(store *s, enum stmt id, int n, const char *const *params)
{
	PGresult *r = store_exec(s, id, n, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

/* person ids by lower-case e-mail, for every attendee of the file, with one statement */
typedef struct people {
	const char **email;
	long long *id;
	size_t n;
} people;

static int find_people(store *s, arena *a, const series *list, size_t n, people *out)
{
	memset(out, 0, sizeof *out);
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += list[i].nattendees;
	const char **emails = arena_alloc(a, (total ? total : 1) * sizeof *emails);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < list[i].nattendees; j++)
			if (list[i].attendees[j].email)
				emails[k++] = list[i].attendees[j].email; /* no '"' or '\': cal/import.c refuses them */
	if (!k)
		return 0;
	const char *p[] = {param_array(a, emails, k)};
	PGresult *r = store_exec(s, STMT_IMPORT_PEOPLE_BY_EMAIL, 1, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	out->email = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *out->email);
	out->id = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *out->id);
	for (int i = 0; i < rows; i++) {
		out->email[i] = row_str(a, r, i, 0);
		out->id[i] = row_int(r, i, 1);
	}
	out->n = (size_t)rows;
	PQclear(r);
	return 0;
}

static long long person_of(const people *p, const char *email)
{
	for (size_t i = 0; email && i < p->n; i++)
		if (strcmp(p->email[i], email) == 0)
			return p->id[i];
	return 0;
}

/* The series row itself: insert, or update the one with this UID. */
static int write_series(store *s, arena *a, series *in)
{
	const char *rdates = param_array(a, in->rdates, in->nrdates);
	const char *exdates = param_array(a, in->exdates, in->nexdates);
	PGresult *r;
	if (in->id == 0) {
		const char *p[] = {param_int(a, in->memorandum_id), in->kind, in->uid, in->title.en, in->title.az,
		                   in->description.en, in->description.az, in->location, in->location_url, in->tzid,
		                   in->all_day ? "true" : "false", in->start_local, in->end_local, in->rrule, rdates,
		                   exdates, in->status};
		r = store_exec(s, STMT_SERIES_INSERT, 17, p);
	} else {
		const char *p[] = {param_int(a, in->id), in->kind, in->title.en, in->title.az, in->description.en,
		                   in->description.az, in->location, in->location_url, in->tzid,
		                   in->all_day ? "true" : "false", in->start_local, in->end_local, in->rrule, rdates,
		                   exdates, in->status, param_int(a, in->version)};
		r = store_exec(s, STMT_SERIES_UPDATE, 17, p);
	}
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		in->id = row_int(r, 0, 0);
	PQclear(r);
	return rows ? 0 : -1; /* the row is locked since the lookup: no row means something is badly wrong */
}

/* Attendees and overrides: the file's replace the series' own. *matched counts attendees found as people. */
static int write_parts(store *s, arena *a, const series *in, const people *ppl, size_t *matched)
{
	const char *sid = param_int(a, in->id);
	const char *clear[] = {sid};
	if (run(s, STMT_SERIES_ATTENDEES_CLEAR, 1, clear) != 0)
		return -1;
	*matched = 0;
	/* all of a series' attendees in one statement: an import of thousands costs hundreds of round trips */
	size_t n = in->nattendees ? in->nattendees : 1, k = 0;
	const char **pids = arena_alloc(a, n * sizeof *pids), **gen = arena_alloc(a, n * sizeof *gen),
	           **gaz = arena_alloc(a, n * sizeof *gaz), **roles = arena_alloc(a, n * sizeof *roles),
	           **stats = arena_alloc(a, n * sizeof *stats), **sorts = arena_alloc(a, n * sizeof *sorts);
	for (size_t i = 0; i < in->nattendees; i++) {
		const attendee *at = &in->attendees[i];
		long long pid = person_of(ppl, at->email);
		bool dup = false; /* two addresses of one person cannot happen (e-mail is unique); guard anyway */
		for (size_t j = 0; pid && j < i; j++)
			dup |= person_of(ppl, in->attendees[j].email) == pid;
		if (dup)
			continue;
		*matched += pid != 0;
		pids[k] = pid ? param_int(a, pid) : NULL;
		gen[k] = pid ? NULL : at->name.en;
		gaz[k] = pid ? NULL : at->name.az;
		roles[k] = at->role;
		stats[k] = at->partstat;
		sorts[k] = param_int(a, (long long)i);
		k++;
	}
	if (k) {
		const char *p[] = {sid,
		                   param_text_array(a, pids, k),
		                   param_text_array(a, gen, k),
		                   param_text_array(a, gaz, k),
		                   param_text_array(a, roles, k),
		                   param_text_array(a, stats, k),
		                   param_text_array(a, sorts, k)};
		if (run(s, STMT_IMPORT_ATTENDEES_INSERT, 7, p) != 0)
			return -1;
	}
	const char **rids = arena_alloc(a, (in->noverrides ? in->noverrides : 1) * sizeof *rids);
	for (size_t i = 0; i < in->noverrides; i++)
		rids[i] = in->overrides[i].recurrence_id;
	const char *prune[] = {sid, param_array(a, rids, in->noverrides)};
	if (run(s, STMT_IMPORT_OVERRIDES_PRUNE, 2, prune) != 0)
		return -1;
	for (size_t i = 0; i < in->noverrides; i++) {
		const series_override *o = &in->overrides[i];
		const char *p[] = {sid, o->recurrence_id, o->cancelled ? "true" : "false", o->start_local, o->end_local,
		                   o->title.en, o->title.az, o->location};
		if (run(s, STMT_IMPORT_OVERRIDE_UPSERT, 8, p) != 0)
			return -1;
	}
	return 0;
}

/* The audit row of one series; *changed tells whether there was anything to log. */
static int audit(store *s, arena *a, const actor *who, const series *in, bool creating, const char *before,
                 bool *changed)
{
	const char *after;
	if (snapshot(s, a, in->id, &after) != 0)
		return -1;
	const char *p[] = {who && who->user_id ? param_int(a, who->user_id) : NULL,
	                   who ? who->login : NULL,
	                   creating ? "create" : "update",
	                   "series",
	                   param_int(a, in->id),
	                   in->title.en,
	                   before,
	                   after};
	PGresult *r = store_exec(s, STMT_AUDIT_INSERT, 8, p);
	if (!r)
		return -1;
	*changed = strcmp(PQcmdTuples(r), "0") != 0; /* an update that changed nothing inserts no row */
	PQclear(r);
	return 0;
}

enum import_result store_import(store *s, arena *a, const actor *who, long long memorandum_id, series *list, size_t n,
                                const unsigned char *keep, import_report *out)
{
	memset(out, 0, sizeof *out);
	out->ids = arena_alloc(a, (n ? n : 1) * sizeof *out->ids);
	out->outcomes = arena_alloc(a, (n ? n : 1) * sizeof *out->outcomes);
	out->matched = arena_alloc(a, (n ? n : 1) * sizeof *out->matched);
	if (store_begin(s) != 0)
		return IMPORT_ERROR;
	people ppl;
	if (find_people(s, a, list, n, &ppl) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		series *in = &list[i];
		out->failed = i;
		in->memorandum_id = memorandum_id;
		in->id = 0;
		const char *uid[] = {in->uid};
		PGresult *r = store_exec(s, STMT_IMPORT_SERIES_BY_UID, 1, uid);
		if (!r)
			goto fail;
		if (PQntuples(r)) {
			long long mid = row_int(r, 0, 1);
			if (mid != memorandum_id) {
				out->other_memorandum_id = mid;
				out->other_memorandum_title = row_bitext(a, r, 0, 2);
				PQclear(r);
				store_rollback(s);
				return IMPORT_ELSEWHERE;
			}
			in->id = row_int(r, 0, 0);
			in->kind = row_str(a, r, 0, 4); /* iCalendar has no kind: an update keeps the series' own */
			in->version = (int)row_int(r, 0, 5);
			/* the language the file leaves out keeps what is stored (CAL_KEEP_*) */
			unsigned char k = keep ? keep[i] : 0;
			if (k & CAL_KEEP_TITLE_EN)
				in->title.en = row_str(a, r, 0, 6);
			if (k & CAL_KEEP_TITLE_AZ)
				in->title.az = row_str(a, r, 0, 7);
			if (k & CAL_KEEP_DESC_EN)
				in->description.en = row_str(a, r, 0, 8);
			if (k & CAL_KEEP_DESC_AZ)
				in->description.az = row_str(a, r, 0, 9);
		} else if (!in->kind) {
			in->kind = "meeting";
		}
		PQclear(r);
		bool creating = in->id == 0;
		const char *before = NULL;
		bool changed;
		/* an update is written, then undone if the audit finds nothing changed: the series keeps its
		 * version, and its feeds theirs (the triggers' bumps go with the savepoint) */
		if ((!creating && (snapshot(s, a, in->id, &before) != 0 ||
		                   store_exec_script(s, "SAVEPOINT import_series", "savepoint") != 0)) ||
		    write_series(s, a, in) != 0 || write_parts(s, a, in, &ppl, &out->matched[i]) != 0 ||
		    audit(s, a, who, in, creating, before, &changed) != 0)
			goto fail;
		if (!creating && !changed &&
		    store_exec_script(s, "ROLLBACK TO SAVEPOINT import_series", "savepoint") != 0)
			goto fail;
		if (!creating && store_exec_script(s, "RELEASE SAVEPOINT import_series", "savepoint") != 0)
			goto fail;
		out->ids[i] = in->id;
		out->outcomes[i] = creating ? IMPORT_CREATED : changed ? IMPORT_UPDATED : IMPORT_UNCHANGED;
	}
	if (store_commit(s) != 0)
		return IMPORT_ERROR;
	return IMPORT_DONE;
fail:
	store_rollback(s);
	return s->status == STORE_INVALID || s->status == STORE_CONFLICT ? IMPORT_REFUSED : IMPORT_ERROR;
}

int store_import_keep(store *s, arena *a, const char *key, long long memorandum_id, long long user_id,
                      const char *filename, const char *data, size_t len)
{
	char *hex = arena_alloc(a, len * 2 + 1);
	sodium_bin2hex(hex, len * 2 + 1, (const unsigned char *)data, len);
	const char *p[] = {key, param_int(a, memorandum_id), user_id ? param_int(a, user_id) : NULL, filename, hex};
	PGresult *r = store_exec(s, STMT_IMPORT_UPLOAD_KEEP, 5, p);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_import_kept(store *s, arena *a, const char *key, long long memorandum_id, long long user_id,
                      const char **filename, const char **data, size_t *len)
{
	const char *p[] = {key, param_int(a, memorandum_id), user_id ? param_int(a, user_id) : NULL};
	PGresult *r = store_exec(s, STMT_IMPORT_UPLOAD_GET, 3, p);
	if (!r)
		return -1;
	int found = PQntuples(r) == 1;
	if (found) {
		*filename = row_str(a, r, 0, 0);
		const char *hex = PQgetvalue(r, 0, 1);
		size_t hexlen = (size_t)PQgetlength(r, 0, 1);
		char *bytes = arena_alloc(a, hexlen / 2 + 1);
		size_t n = 0;
		if (sodium_hex2bin((unsigned char *)bytes, hexlen / 2 + 1, hex, hexlen, NULL, &n, NULL) != 0)
			found = 0;
		bytes[n] = '\0';
		*data = bytes;
		*len = n;
	}
	PQclear(r);
	return found;
}

void store_import_kept_drop(store *s, const char *key)
{
	const char *p[] = {key};
	PGresult *r = store_exec(s, STMT_IMPORT_UPLOAD_DROP, 1, p);
	if (r)
		PQclear(r);
}
