/* occurrence_index.h - writing the occurrence index (migration 030): expanding series over the horizon and
 * storing what they give, so that the agenda, the month grid and the home page read their first occurrences
 * by an index. */
#ifndef MEMOCAL_PAGES_OCCURRENCE_INDEX_H
#define MEMOCAL_PAGES_OCCURRENCE_INDEX_H

#include <stddef.h>

#include "store/db.h"
#include "util/arena.h"

/* The horizon for the time now: from the first of the month three months back to the first of the month 14
 * months ahead (UTC), so that it moves once a month and any agenda or month grid of the coming year lies inside. */
void occurrence_index_horizon(long long now, long long *lo, long long *hi);

/* Rolls the horizon to now's if it moved; 1 rolled (every series waits again), 0 not, -1 error. */
int occurrence_index_roll(store *s, arena *a, long long now);

/*
 * Writes series waiting for it, in batches, at most max (0: all); the number written, or -1 on a database
 * error. Best effort, like span_narrow: a series left waiting is still shown right, only expanded for every
 * window that meets its span.
 */
long occurrence_index_pending(store *s, long max);

/* The same for the series of ids only, after they were saved (errors are the store's to log). */
void occurrence_index_series(store *s, const long long *ids, size_t n);

#endif
