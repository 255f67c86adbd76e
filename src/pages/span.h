/* span.h - narrowing the stored span of series whose rule ends by COUNT (migration 018). */
#ifndef MEMOCAL_PAGES_SPAN_H
#define MEMOCAL_PAGES_SPAN_H

#include <stddef.h>

#include "model/series.h"
#include "store/db.h"
#include "util/arena.h"

/*
 * Only an expansion knows when a COUNT rule ends, so the database keeps such a series unbounded
 * until memocal tells it: after a save, and for rows stored otherwise (`memocal migrate`, a COPY).
 * Best effort: a series left unbounded is still shown right, only expanded for every window.
 */
void span_narrow(store *s, arena *a, const series *list, size_t n);

/* Every series still waiting for it, in batches; the number narrowed, or -1 on a database error. */
long span_narrow_pending(store *s, arena *a);

#endif
