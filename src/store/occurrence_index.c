/* occurrence_index.c - the stored occurrences of series (migration 030). */
#include "store/occurrence_index.h"

#include <string.h>

#include "store/rows.h"
#include "util/buf.h"

/* {v1,v2,...} of n numbers, or of booleans when flags is set */
static const char *numbers(arena *a, const long long *v, const bool *flags, size_t n)
{
	buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		if (flags)
			buf_putc(&b, flags[i] ? 't' : 'f');
		else
			buf_printf(&b, "%lld", v[i]);
	}
	buf_putc(&b, '}');
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* An array literal of n NULLs (the dates of a timed series' occurrences). */
static const char *nulls(arena *a, size_t n)
{
	buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, i ? ",NULL" : "NULL");
	buf_putc(&b, '}');
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

int store_occ_roll(store *s, arena *a, long long lo, long long hi)
{
	const char *params[] = {param_int(a, lo), param_int(a, hi)};
	PGresult *r = store_exec(s, STMT_OCC_ROLL, 2, params);
	if (!r)
		return -1;
	int rolled = row_int(r, 0, 0) > 0;
	PQclear(r);
	return rolled;
}

int store_occ_horizon(store *s, long long *lo, long long *hi)
{
	PGresult *r = store_exec(s, STMT_OCC_HORIZON, 0, NULL);
	if (!r)
		return -1;
	int found = PQntuples(r) == 1;
	if (found) {
		*lo = row_int(r, 0, 0);
		*hi = row_int(r, 0, 1);
	}
	PQclear(r);
	return found;
}

int store_occ_pending(store *s, arena *a, const long long *ids, size_t nids, long long after_id, long limit,
                      occ_pending **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, after_id), param_int(a, limit), ids ? numbers(a, ids, NULL, nids) : NULL};
	PGresult *r = store_exec(s, STMT_OCC_PENDING, 3, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	occ_pending *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].series_id = row_int(r, i, 0);
		list[i].gen = row_int(r, i, 1);
		list[i].inside = PQgetvalue(r, i, 2)[0] == 't';
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_occ_mark_empty(store *s, arena *a, const occ_pending *list, size_t n)
{
	if (n == 0)
		return 0;
	long long *ids = arena_alloc(a, n * sizeof *ids), *gens = arena_alloc(a, n * sizeof *gens);
	for (size_t i = 0; i < n; i++) {
		ids[i] = list[i].series_id;
		gens[i] = list[i].gen;
	}
	const char *params[] = {numbers(a, ids, NULL, n), numbers(a, gens, NULL, n)};
	PGresult *r = store_exec(s, STMT_OCC_MARK_EMPTY, 2, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_occ_write(store *s, arena *a, const occ_pending *p, long long lo, long long hi, bool too_many,
                    const long long *starts, const long long *ends, const bool *cancelled, const long long *days,
                    size_t n)
{
	if (too_many)
		n = 0;
	const char *params[] = {param_int(a, p->series_id), param_int(a, p->gen), too_many ? "2" : "1",
	                        param_int(a, lo), param_int(a, hi), numbers(a, starts, NULL, n),
	                        numbers(a, ends, NULL, n), numbers(a, NULL, cancelled, n),
	                        days ? numbers(a, days, NULL, n) : nulls(a, n)};
	PGresult *r = store_exec(s, STMT_OCC_WRITE, 9, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}
