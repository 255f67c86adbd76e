/* sizes.h - how many memoranda, organisations and people there are, up to a bound: whether a form lists them. */
#ifndef MEMOCAL_STORE_SIZES_H
#define MEMOCAL_STORE_SIZES_H

#include "store/db.h"
#include "util/arena.h"

typedef struct store_sizes {
	long long memoranda, organisations, people; /* each at most the bound asked for */
} store_sizes;

/* One statement that counts each kind's rows up to cap (an index-only look at no more than cap entries each), so
 * that a form reads a list only when it will show it. 0, or -1 on a store error. */
int store_sizes_up_to(store *s, arena *a, long long cap, store_sizes *out);

#endif
