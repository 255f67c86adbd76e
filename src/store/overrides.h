/* overrides.h - one occurrence of a series changed, cancelled or restored, and a series split in two. */
#ifndef MEMOCAL_STORE_OVERRIDES_H
#define MEMOCAL_STORE_OVERRIDES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/series.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/*
 * Every change here is one audited transaction (entity "series", the label names the occurrence) that first
 * checks the series' version (the one the editor's page showed: CHANGE_STALE when someone saved since) and
 * raises the series' SEQUENCE, so attendees' calendars notice; the override's own SEQUENCE rises with it.
 * CHANGE_GONE: no such series (or override).
 */

/* The override of o->recurrence_id becomes o's start/end, title and location (NULL: as the series says);
 * whether it is cancelled stays as it was. */
enum change_result store_override_save(store *s, arena *a, const actor *who, long long series_id, int version,
                                       const series_override *o, const char *label);

/* Cancels (or restores) the occurrence recurrence_id, keeping any other change it has. */
enum change_result store_override_cancel(store *s, arena *a, const actor *who, long long series_id, int version,
                                         const char *recurrence_id, bool cancelled, const char *label);

/* Deletes one override of the series (one that no longer names an occurrence, say). */
enum change_result store_override_delete(store *s, arena *a, const actor *who, long long series_id, int version,
                                         long long override_id, const char *label);

/* What an override of the old series becomes when it moves to the new one. */
typedef struct override_move {
	long long id;
	const char *recurrence_id; /* in the new series */
	bool clear;                /* drop its times and place: the new series' start says them (the split occurrence) */
	bool drop;                 /* delete it instead: nothing of it is left */
} override_move;

/* "This and all following": the old series gets its shorter rule and the dates before the split, a new series
 * (new UID, attendees copied from the old) takes the rest, the overrides move as listed. Two audit rows, one
 * transaction. On CHANGE_DONE, new_series->id is set. */
typedef struct series_split {
	long long old_id;
	int version;
	const char *old_rrule;
	const char **old_rdates;
	size_t nold_rdates;
	const char **old_exdates;
	size_t nold_exdates;
	series *new_series;
	const override_move *moves;
	size_t nmoves;
	/* the meeting records (migration 016) of the occurrences that move: id and recurrence id in the new series */
	const override_move *record_moves;
	size_t nrecord_moves;
	const char *old_label, *new_label;
} series_split;

enum change_result store_series_split(store *s, arena *a, const actor *who, series_split *sp);

#endif
