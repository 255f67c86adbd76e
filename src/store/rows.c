/* rows.c - copying PGresult cells into arena memory. */
#include "store/rows.h"

#include <stdlib.h>

const char *row_str(arena *a, const PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return NULL;
	return arena_strndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

long long row_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

bitext row_bitext(arena *a, const PGresult *r, int row, int col)
{
	bitext t = {row_str(a, r, row, col), row_str(a, r, row, col + 1)};
	return t;
}

const char *param_int(arena *a, long long n)
{
	return arena_printf(a, "%lld", n);
}
