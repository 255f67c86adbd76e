/* import.h - the series of one .ics file stored by UID: created or updated, all in one audited transaction. */
#ifndef MEMOCAL_STORE_IMPORT_H
#define MEMOCAL_STORE_IMPORT_H

#include <stddef.h>

#include "model/series.h"
#include "model/user.h"
#include "store/db.h"
#include "util/arena.h"

enum import_result {
	IMPORT_ERROR = -1, /* s->status says why; nothing was stored */
	IMPORT_DONE = 0,
	IMPORT_ELSEWHERE,  /* a UID of the file belongs to a series of another memorandum: report.failed names it */
	IMPORT_REFUSED,    /* the database refused one series (a CHECK, a unique key): report.failed names it */
};

/* What became of each series of the file. */
enum import_outcome {
	IMPORT_CREATED,
	IMPORT_UPDATED,
	IMPORT_UNCHANGED, /* updated with what it already was: no audit row */
};

typedef struct import_report {
	long long *ids;                /* per series of the file, in its order */
	enum import_outcome *outcomes;
	size_t *matched;               /* attendees found among the people by e-mail */
	size_t failed;                 /* IMPORT_ELSEWHERE, IMPORT_REFUSED: the index of the series at fault */
	long long other_memorandum_id; /* IMPORT_ELSEWHERE: where that UID lives */
	bitext other_memorandum_title;
} import_report;

/*
 * Stores list[0..n) (as cal_import_parse made them) in memorandum_id, in one
 * transaction with one audit row per changed series: a UID that exists in
 * this memorandum updates that series (its kind stays; SEQUENCE rises when
 * times, rule, place or status change), a new UID creates one (a meeting).
 * Attendees with an e-mail become the person with that address (compared
 * in lower case), the others groups; each series' attendees and overrides
 * are replaced by the file's (an unchanged override keeps its SEQUENCE).
 * Anything short of IMPORT_DONE stores nothing. Sets list[i].id.
 */
enum import_result store_import(store *s, arena *a, const actor *who, long long memorandum_id, series *list, size_t n,
                                const unsigned char *keep, import_report *out);

/* An uploaded file kept for a retry (migration 013), by key (43 characters of base64url). */
int store_import_keep(store *s, arena *a, const char *key, long long memorandum_id, long long user_id,
                      const char *filename, const char *data, size_t len);
/* 1 found (its name and bytes in the arena), 0 none for this memorandum and user, -1 error. */
int store_import_kept(store *s, arena *a, const char *key, long long memorandum_id, long long user_id,
                      const char **filename, const char **data, size_t *len);
void store_import_kept_drop(store *s, const char *key);

#endif
