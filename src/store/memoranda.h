/* memoranda.h - reading memoranda with their parties, members, projects and areas. */
#ifndef MEMOCAL_STORE_MEMORANDA_H
#define MEMOCAL_STORE_MEMORANDA_H

#include "model/memorandum.h"
#include "store/db.h"
#include "util/arena.h"

/* A page of memoranda, newest signature first; q (NULL for all) matches a
 * title in either language. *total gets the number of matches. */
int store_memoranda_list(store *s, arena *a, const char *q, long limit, long offset, memorandum_summary **out,
                         size_t *n, long long *total);

/* One memorandum with everything it holds. 1 when found, 0 when not, -1 on error. */
int store_memorandum_get(store *s, arena *a, long long id, memorandum *m);

#endif
