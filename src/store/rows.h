/* rows.h - copying PGresult cells into arena memory. */
#ifndef MEMOCAL_ROWS_H
#define MEMOCAL_ROWS_H

#include <libpq-fe.h>

#include "model/person.h"
#include "model/text.h"
#include "util/arena.h"

/* The cell as an arena string, or NULL for SQL NULL. */
const char *row_str(arena *a, const PGresult *r, int row, int col);
/* The cell as a number; 0 for NULL. */
long long row_int(const PGresult *r, int row, int col);
/* Two adjacent cells (col, col+1) as English and Azerbaijani. */
bitext row_bitext(arena *a, const PGresult *r, int row, int col);

/* A PostgreSQL array of plain values ({a,"b c"}) as arena strings; *n gets the count. */
const char **row_text_array(arena *a, const PGresult *r, int row, int col, size_t *n);

/* The array literal {"v1","v2"} for a text or timestamp[] parameter; values must hold no '"' or '\'. */
const char *param_array(arena *a, const char *const *values, size_t n);
/* The same for any text: every element quoted and escaped ('"' and '\\'), NULL elements as NULL. */
const char *param_text_array(arena *a, const char *const *values, size_t n);

/* The array literal {1,2,3} of n numbers (ids, times), for a bigint[] parameter. */
const char *param_ids(arena *a, const long long *ids, size_t n);

/* Every row of r as a person: the id in column 0, the names in columns 1 and 2 (English, Azerbaijani); the rest
 * of each person zero. */
person *rows_people(arena *a, const PGresult *r, size_t *n);

/* Decimal text of n in the arena, for a statement parameter. */
const char *param_int(arena *a, long long n);

#endif
