/* sizes.c - how many memoranda, organisations and people there are, up to a bound. */
#include "store/sizes.h"

#include "store/rows.h"

int store_sizes_up_to(store *s, arena *a, long long cap, store_sizes *out)
{
	const char *p[] = {param_int(a, cap)};
	PGresult *r = store_exec(s, STMT_KIND_SIZES, 1, p);
	if (!r)
		return -1;
	*out = (store_sizes){row_int(r, 0, 0), row_int(r, 0, 1), row_int(r, 0, 2)};
	PQclear(r);
	return 0;
}
