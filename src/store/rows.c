/* rows.c - copying PGresult cells into arena memory. */
#include "store/rows.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

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

const char **row_text_array(arena *a, const PGresult *r, int row, int col, size_t *n)
{
	*n = 0;
	if (PQgetisnull(r, row, col))
		return NULL;
	const char *s = PQgetvalue(r, row, col);
	size_t len = strlen(s);
	if (len < 2 || s[0] != '{')
		return NULL;
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == ',';
	const char **out = arena_alloc(a, cap * sizeof *out);
	const char *p = s + 1;
	while (*p && *p != '}') {
		const char *start;
		size_t vlen;
		if (*p == '"') {
			start = ++p;
			while (*p && *p != '"')
				p += (*p == '\\' && p[1]) ? 2 : 1;
			vlen = (size_t)(p - start);
			if (*p == '"')
				p++;
		} else {
			start = p;
			while (*p && *p != ',' && *p != '}')
				p++;
			vlen = (size_t)(p - start);
		}
		out[(*n)++] = arena_strndup(a, start, vlen);
		if (*p == ',')
			p++;
	}
	return out;
}

const char *param_text_array(arena *a, const char *const *values, size_t n)
{
	buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		if (!values[i]) {
			buf_puts(&b, "NULL");
			continue;
		}
		buf_putc(&b, '"');
		for (const char *p = values[i]; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

const char *param_array(arena *a, const char *const *values, size_t n)
{
	buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_putc(&b, '"');
		buf_puts(&b, values[i]);
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

const char *param_ids(arena *a, const long long *ids, size_t n)
{
	const char **v = arena_alloc(a, (n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = param_int(a, ids[i]);
	return param_array(a, v, n);
}

person *rows_people(arena *a, const PGresult *r, size_t *n)
{
	int rows = PQntuples(r);
	person *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	memset(list, 0, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].id = row_int(r, i, 0);
		list[i].full_name = row_bitext(a, r, i, 1);
	}
	*n = (size_t)rows;
	return list;
}
