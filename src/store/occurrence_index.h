/* occurrence_index.h - the stored occurrences of series (migration 030): their horizon, the series waiting to be
 * written, and writing one series' occurrences. src/pages/occurrence_index.c does the expanding. */
#ifndef MEMOCAL_STORE_OCCURRENCE_INDEX_H
#define MEMOCAL_STORE_OCCURRENCE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"
#include "util/arena.h"

/* Moves the horizon to [lo, hi) (Unix seconds) if that is later than the stored one, which makes every series
 * wait to be written again. 1 moved, 0 not, -1 error. */
int store_occ_roll(store *s, arena *a, long long lo, long long hi);
/* The stored horizon: 1, 0 when there is none yet, -1 error. */
int store_occ_horizon(store *s, long long *lo, long long *hi);

/* A series waiting to be written. */
typedef struct occ_pending {
	long long series_id;
	long long gen;   /* its generation when read: the write is kept only if it is still this */
	bool inside;     /* can have an occurrence in the horizon (else it is written as having none, unread) */
} occ_pending;

/* Those after after_id (and among ids, unless NULL), by id, at most limit. */
int store_occ_pending(store *s, arena *a, const long long *ids, size_t nids, long long after_id, long limit,
                      occ_pending **out, size_t *n);
/* The series of the list (inside or not) as having no occurrence in the horizon. */
int store_occ_mark_empty(store *s, arena *a, const occ_pending *list, size_t n);
/* One series' occurrences for the horizon [lo, hi): starts, ends (Unix seconds), cancelled and, for an all-day
 * series, days (each one's own date, in days since 1970; NULL for a timed series), n of them; or, with
 * too_many, that it has more than the writer keeps. Nothing when its generation moved or the horizon rolled.
 * 0, or -1 on error. */
int store_occ_write(store *s, arena *a, const occ_pending *p, long long lo, long long hi, bool too_many,
                    const long long *starts, const long long *ends, const bool *cancelled, const long long *days,
                    size_t n);

#endif
