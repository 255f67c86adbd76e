/* series.c - reading and changing meetings and joint events, their exceptions and attendees. */
#include "store/series.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "util/secret.h"

static void read_series(arena *a, const PGresult *r, int i, series *s)
{
	memset(s, 0, sizeof *s);
	s->id = row_int(r, i, 0);
	s->memorandum_id = row_int(r, i, 1);
	s->memorandum_title = row_bitext(a, r, i, 2);
	s->kind = row_str(a, r, i, 4);
	s->uid = row_str(a, r, i, 5);
	s->title = row_bitext(a, r, i, 6);
	s->description = row_bitext(a, r, i, 8);
	s->location = row_str(a, r, i, 10);
	s->location_url = row_str(a, r, i, 11);
	s->tzid = row_str(a, r, i, 12);
	s->all_day = PQgetvalue(r, i, 13)[0] == 't';
	s->start_local = row_str(a, r, i, 14);
	s->end_local = row_str(a, r, i, 15);
	s->rrule = row_str(a, r, i, 16);
	s->rdates = row_text_array(a, r, i, 17, &s->nrdates);
	s->exdates = row_text_array(a, r, i, 18, &s->nexdates);
	s->status = row_str(a, r, i, 19);
	s->sequence = (int)row_int(r, i, 20);
	s->version = (int)row_int(r, i, 21);
	s->created_at = row_str(a, r, i, 22);
	s->updated_at = row_str(a, r, i, 23);
	s->cancelled_at = row_str(a, r, i, 24);
	s->quorum = (int)row_int(r, i, 25);
}

static const char *ids_param(arena *a, const series *list, size_t n)
{
	const char **ids = arena_alloc(a, (n ? n : 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = param_int(a, list[i].id);
	return param_array(a, ids, n);
}

/* The series of a list by id, for the rows of its parts: sorted once, then a binary search each (a linear
 * search per row was rows x series). */
static int by_id(const void *x, const void *y)
{
	const series *a = *(series *const *)x, *b = *(series *const *)y;
	return (a->id > b->id) - (a->id < b->id);
}

static series **index_by_id(arena *a, series *list, size_t n)
{
	series **idx = arena_alloc(a, (n ? n : 1) * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = &list[i];
	qsort(idx, n, sizeof *idx, by_id);
	return idx;
}

static series *find(series **idx, size_t n, long long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (idx[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && idx[lo]->id == id ? idx[lo] : NULL;
}

/* The part of time a list of series is read for: its overrides are those an expansion of [from_utc, to_utc)
 * can use; ALL_TIME, every one. */
struct span {
	long long from_utc, to_utc;
};
static const struct span ALL_TIME = {0, 0};

static bool all_time(struct span w)
{
	return w.from_utc == 0 && w.to_utc == 0;
}

/* The series' own start or end times, an array parameter (for STMT_SERIES_OVERRIDES_WINDOW's lengths). */
static const char *times_param(arena *a, const series *list, size_t n, bool end)
{
	const char **v = arena_alloc(a, (n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = end ? list[i].end_local : list[i].start_local;
	return param_array(a, v, n);
}

/* Overrides and attendees of every series in the list: two queries, whatever the count; each series gets
 * an array of its own rows' size (counted first), so the memory is the rows', not rows x series. Read for a
 * window, a series keeps only the overrides near it (a ten-year weekly meeting's hundreds are not read for
 * a fortnight's agenda), and no attendees: the agenda, the grid, the week and the home page show none, and
 * reading them was the largest statement of those pages (2 ms of the home page's 10 on the large installation). */
static int load_parts(store *s, arena *a, series *list, size_t n, struct span w)
{
	if (n == 0)
		return 0;
	series **idx = index_by_id(a, list, n);
	const char *params[] = {ids_param(a, list, n)};
	PGresult *r;
	if (all_time(w)) {
		r = store_exec(s, STMT_SERIES_OVERRIDES, 1, params);
	} else {
		const char *wp[] = {params[0], times_param(a, list, n, false), times_param(a, list, n, true),
		                    param_int(a, w.from_utc), param_int(a, w.to_utc)};
		r = store_exec(s, STMT_SERIES_OVERRIDES_WINDOW, 5, wp);
	}
	if (!r)
		return -1;
	int rows = PQntuples(r);
	for (int i = 0; i < rows; i++) {
		series *sr = find(idx, n, row_int(r, i, 1));
		if (sr)
			sr->noverrides++;
	}
	for (size_t k = 0; k < n; k++) {
		list[k].overrides = arena_alloc(a, (list[k].noverrides ? list[k].noverrides : 1) * sizeof(series_override));
		list[k].noverrides = 0;
	}
	for (int i = 0; i < rows; i++) {
		series *sr = find(idx, n, row_int(r, i, 1));
		if (!sr)
			continue;
		series_override *o = &sr->overrides[sr->noverrides++];
		o->id = row_int(r, i, 0);
		o->recurrence_id = row_str(a, r, i, 2);
		o->cancelled = PQgetvalue(r, i, 3)[0] == 't';
		o->start_local = row_str(a, r, i, 4);
		o->end_local = row_str(a, r, i, 5);
		o->title = row_bitext(a, r, i, 6);
		o->location = row_str(a, r, i, 8);
		o->sequence = (int)row_int(r, i, 9);
		o->updated_at = row_str(a, r, i, 10);
	}
	PQclear(r);
	if (!all_time(w))
		return 0; /* a window's pages show no attendees: their filter's people come from store_series_people() */
	r = store_exec(s, STMT_SERIES_ATTENDEES, 1, params);
	if (!r)
		return -1;
	rows = PQntuples(r);
	for (int i = 0; i < rows; i++) {
		series *sr = find(idx, n, row_int(r, i, 1));
		if (sr)
			sr->nattendees++;
	}
	for (size_t k = 0; k < n; k++) {
		list[k].attendees = arena_alloc(a, (list[k].nattendees ? list[k].nattendees : 1) * sizeof(attendee));
		list[k].nattendees = 0;
	}
	for (int i = 0; i < rows; i++) {
		series *sr = find(idx, n, row_int(r, i, 1));
		if (!sr)
			continue;
		attendee *at = &sr->attendees[sr->nattendees++];
		at->id = row_int(r, i, 0);
		at->person_id = row_int(r, i, 2);
		at->name = row_bitext(a, r, i, 3);
		at->email = row_str(a, r, i, 5);
		at->role = row_str(a, r, i, 6);
		at->partstat = row_str(a, r, i, 7);
		at->group_id = row_int(r, i, 8);
	}
	PQclear(r);
	return 0;
}

/* The series a statement gives, with their parts. cut, unless NULL: column 26 of the first row (0 when NULL or no
 * row), the window statements' cut (stmt.c, WINDOW_CUT_COLUMN). */
static int read_list_cut(store *s, arena *a, enum stmt id, int np, const char *const *params, struct span w,
                         series **out, size_t *n, long long *cut)
{
	*out = NULL;
	*n = 0;
	PGresult *r = store_exec(s, id, np, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	series *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++)
		read_series(a, r, i, &list[i]);
	if (cut)
		*cut = rows > 0 && !PQgetisnull(r, 0, 26) ? row_int(r, 0, 26) : 0;
	PQclear(r);
	if (load_parts(s, a, list, (size_t)rows, w) != 0)
		return -1;
	*out = list;
	*n = (size_t)rows;
	return 0;
}

static int read_list(store *s, arena *a, enum stmt id, int np, const char *const *params, series **out, size_t *n)
{
	return read_list_cut(s, a, id, np, params, ALL_TIME, out, n, NULL);
}

static int read_window(store *s, arena *a, enum stmt id, int np, const char *const *params, struct span w,
                       series **out, size_t *n)
{
	return read_list_cut(s, a, id, np, params, w, out, n, NULL);
}

int store_series_window(store *s, arena *a, const series_filter *f, long long from_utc, long long to_utc,
                        series **out, size_t *n)
{
	struct span w = {from_utc, to_utc};
	if (f->memorandum_id || f->organisation_id || f->person_id) {
		/* the filter's own series (a memorandum's few, not every series live in the window) */
		const char *params[] = {param_int(a, from_utc), param_int(a, to_utc), NULL, NULL,
		                        f->memorandum_id ? param_int(a, f->memorandum_id) : NULL,
		                        f->organisation_id ? param_int(a, f->organisation_id) : NULL,
		                        f->person_id ? param_int(a, f->person_id) : NULL};
		return read_window(s, a, STMT_SERIES_FILTER_WINDOW, 7, params, w, out, n);
	}
	const char *params[] = {NULL, NULL, NULL, param_int(a, from_utc), param_int(a, to_utc)};
	return read_window(s, a, STMT_SERIES_WINDOW, 5, params, w, out, n);
}

int store_series_window_first(store *s, arena *a, const series_filter *f, long long from_utc, long long after_series,
                              long long *to_utc, long first, bool live, series **out, size_t *n)
{
	long long cut = 0;
	int rc;
	struct span w = {from_utc, *to_utc};
	if (f && (f->memorandum_id || f->organisation_id || f->person_id)) {
		/* the filter's own series, each one's first rows of the window by the index */
		const char *params[] = {param_int(a, from_utc), param_int(a, *to_utc), param_int(a, first + 1),
		                        param_int(a, after_series),
		                        f->memorandum_id ? param_int(a, f->memorandum_id) : NULL,
		                        f->organisation_id ? param_int(a, f->organisation_id) : NULL,
		                        f->person_id ? param_int(a, f->person_id) : NULL};
		rc = read_list_cut(s, a, STMT_SERIES_FILTER_FIRST, 7, params, w, out, n, &cut);
	} else {
		const char *params[] = {param_int(a, from_utc), param_int(a, *to_utc), param_int(a, first + 1),
		                        live ? "t" : "f", param_int(a, after_series)};
		rc = read_list_cut(s, a, STMT_SERIES_WINDOW_FIRST, 5, params, w, out, n, &cut);
	}
	if (rc == 0 && cut && cut + 1 < *to_utc)
		*to_utc = cut + 1; /* nothing that starts later is among the first `first` */
	return rc;
}

int store_series_grid(store *s, arena *a, long long from_utc, long long to_utc, const char *first_day,
                      const long long *midnights, size_t nmidnights, long per_day, series **out, size_t *n)
{
	const char *params[] = {param_int(a, from_utc), param_int(a, to_utc), param_ids(a, midnights, nmidnights),
	                        param_int(a, per_day), first_day};
	return read_window(s, a, STMT_SERIES_GRID, 5, params, (struct span){from_utc, to_utc}, out, n);
}

int store_series_by_ids(store *s, arena *a, const long long *ids, size_t nids, series **out, size_t *n)
{
	const char *params[] = {param_ids(a, ids, nids)};
	return read_list(s, a, STMT_SERIES_BY_IDS, 1, params, out, n);
}

int store_series_count_pending(store *s, arena *a, long long after_id, long limit, series **out, size_t *n)
{
	const char *params[] = {param_int(a, after_id), param_int(a, limit)};
	return read_list(s, a, STMT_SERIES_COUNT_PENDING, 2, params, out, n);
}

int store_series_count_end_set(store *s, arena *a, const series *sr, const char *count_end)
{
	const char *params[] = {param_int(a, sr->id), count_end, sr->rrule, sr->start_local, sr->end_local};
	PGresult *r = store_exec(s, STMT_SERIES_COUNT_END_SET, 5, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_series_list(store *s, arena *a, const series_filter *f, series **out, size_t *n)
{
	const char *params[] = {f->memorandum_id ? param_int(a, f->memorandum_id) : NULL,
	                        f->organisation_id ? param_int(a, f->organisation_id) : NULL,
	                        f->person_id ? param_int(a, f->person_id) : NULL};
	if (f->memorandum_id && !f->organisation_id && !f->person_id) /* a memorandum's own (stmt.c) */
		return read_list(s, a, STMT_SERIES_OF_MEMORANDUM, 1, params, out, n);
	return read_list(s, a, STMT_SERIES_LIST, 3, params, out, n);
}

int store_series_get(store *s, arena *a, long long id, series *out)
{
	const char *params[] = {param_int(a, id)};
	series *list;
	size_t n;
	if (read_list(s, a, STMT_SERIES_GET, 1, params, &list, &n) != 0)
		return -1;
	if (n)
		*out = list[0];
	return n > 0;
}

int store_series_of_people(store *s, arena *a, const long long *people, size_t n, long long except_id, series **out,
                           size_t *count)
{
	const char **ids = arena_alloc(a, (n ? n : 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = param_int(a, people[i]);
	const char *params[] = {param_array(a, ids, n), param_int(a, except_id)};
	return read_list(s, a, STMT_SERIES_OF_PEOPLE, 2, params, out, count);
}

struct save_ctx {
	series *in;
	const override_rekey *rekeys;
	size_t nrekeys;
};

/* The overrides (records: true, the meeting records) that follow the series to their new recurrence ids: all out of
 * each other's way first (the key is unique, and a shift can give one another's old key), then each to its place. */
static enum change_result rekey_kind(store *s, arena *a, long long id, const override_rekey *rk, size_t n, bool records)
{
	const char **ids = arena_alloc(a, (n ? n : 1) * sizeof *ids);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (rk[i].record == records)
			ids[m++] = param_int(a, rk[i].id);
	if (!m)
		return CHANGE_DONE;
	const char *park[] = {param_int(a, id), param_array(a, ids, m)};
	PGresult *r = store_exec(s, records ? STMT_RECORDS_PARK : STMT_OVERRIDES_PARK, 2, park);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	for (size_t i = 0; i < n; i++) {
		if (rk[i].record != records)
			continue;
		const char *p[] = {param_int(a, rk[i].id), park[0], rk[i].recurrence_id};
		enum change_result res = store_write(s, records ? STMT_RECORD_REKEY : STMT_OVERRIDE_REKEY, 3, p, NULL);
		if (res != CHANGE_DONE) /* gone meanwhile: the version check should have caught it */
			return res == CHANGE_GONE ? CHANGE_STALE : res;
	}
	return CHANGE_DONE;
}

static enum change_result rekey(store *s, arena *a, long long id, const override_rekey *rk, size_t n)
{
	enum change_result res = rekey_kind(s, a, id, rk, n, false);
	return res == CHANGE_DONE ? rekey_kind(s, a, id, rk, n, true) : res;
}

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	struct save_ctx *x = ctx;
	series *in = x->in;
	const char *rdates = param_array(a, in->rdates, in->nrdates);
	const char *exdates = param_array(a, in->exdates, in->nexdates);
	enum change_result res;
	if (in->id == 0) {
		const char *p[] = {param_int(a, in->memorandum_id), in->kind, in->uid, in->title.en, in->title.az,
		                   in->description.en, in->description.az, in->location, in->location_url, in->tzid,
		                   in->all_day ? "true" : "false", in->start_local, in->end_local, in->rrule, rdates,
		                   exdates, in->status};
		res = store_write(s, STMT_SERIES_INSERT, 17, p, id);
	} else {
		const char *p[] = {param_int(a, in->id), in->kind, in->title.en, in->title.az, in->description.en,
		                   in->description.az, in->location, in->location_url, in->tzid,
		                   in->all_day ? "true" : "false", in->start_local, in->end_local, in->rrule, rdates,
		                   exdates, in->status, param_int(a, in->version)};
		res = store_write(s, STMT_SERIES_UPDATE, 17, p, NULL);
	}
	if (res != CHANGE_DONE)
		return res;
	const char *sid = param_int(a, *id);
	/* the quorum its meetings' records check (migration 016): set here, apart from the statements an import shares */
	const char *q[] = {sid, in->quorum > 0 ? param_int(a, in->quorum) : NULL};
	if ((res = store_write(s, STMT_SERIES_SET_QUORUM, 2, q, NULL)) != CHANGE_DONE)
		return res;
	const char *clear[] = {sid};
	PGresult *r = store_exec(s, STMT_SERIES_ATTENDEES_CLEAR, 1, clear);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	for (size_t i = 0; i < in->nattendees; i++) {
		const attendee *at = &in->attendees[i];
		const char *p[] = {sid, at->person_id ? param_int(a, at->person_id) : NULL, at->person_id ? NULL : at->name.en,
		                   at->person_id ? NULL : at->name.az, at->role, at->partstat, param_int(a, (long long)i)};
		r = store_exec(s, STMT_SERIES_ATTENDEE_INSERT, 7, p);
		if (!r)
			return CHANGE_ERROR;
		PQclear(r);
	}
	return rekey(s, a, *id, x->rekeys, x->nrekeys);
}

enum change_result store_series_save(store *s, arena *a, const actor *who, series *in, const override_rekey *rekeys,
                                     size_t nrekeys, bool *unchanged)
{
	if (in->id == 0 && !in->uid) /* 128 random bits: unique without asking anyone */
		in->uid = arena_printf(a, "%s@memocal", secret_token(a, 16));
	struct save_ctx x = {in, rekeys, nrekeys};
	/* the snapshot with the overrides: a re-keyed one shows in the audit log */
	change c = {who, in->id ? "update" : "create", "series", STMT_SERIES_EXCEPTIONS_SNAPSHOT, in->id, in->title.en,
	            apply_save, &x, in->id ? &in->version : NULL, false};
	bool same = false;
	enum change_result res = store_change_if_changed(s, a, &c, &same);
	if (res == CHANGE_DONE)
		in->id = c.id;
	if (unchanged)
		*unchanged = same;
	return res;
}

/* The count statement id answers for one series; -1 on error. */
static long long count_of(store *s, arena *a, enum stmt id, long long series_id)
{
	const char *p[] = {param_int(a, series_id)};
	PGresult *r = store_exec(s, id, 1, p);
	if (!r)
		return -1;
	long long n = PQntuples(r) ? row_int(r, 0, 0) : 0;
	PQclear(r);
	return n;
}

long long store_series_mail_reach(store *s, arena *a, long long id)
{
	return count_of(s, a, STMT_SERIES_MAIL_REACH, id);
}

long long store_series_subscribers(store *s, arena *a, long long id)
{
	return count_of(s, a, STMT_SERIES_SUBSCRIBERS, id);
}

enum change_result store_series_delete(store *s, arena *a, const actor *who, long long id, int version)
{
	series cur;
	const char *label = store_series_get(s, a, id, &cur) > 0 ? cur.title.en : NULL;
	return store_delete(s, a, who, "series", STMT_SERIES_SNAPSHOT, STMT_SERIES_DELETE, id, version, label);
}

int store_series_people(store *s, arena *a, const long long *ids, size_t nids, person **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_ids(a, ids, nids)};
	PGresult *r = store_exec(s, STMT_SERIES_PEOPLE, 1, params);
	if (!r)
		return -1;
	*out = rows_people(a, r, n);
	PQclear(r);
	return 0;
}
