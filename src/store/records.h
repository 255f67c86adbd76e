/* records.h - a meeting's record: agenda, attendance, minutes, decisions and actions of one occurrence. */
#ifndef MEMOCAL_STORE_RECORDS_H
#define MEMOCAL_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/text.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/*
 * A record's parts travel as rows of text cells, column by column in the orders below: the form
 * shows them as they are, and the store writes them as they are (NULL: empty). The page checks
 * every cell against its column's field (pages/records.c) before a save; the tables' CHECKs
 * (migration 016) refuse what slips through.
 */
enum record_part { RP_ITEM, RP_ATTENDANCE, RP_GUEST, RP_DECISION, RP_ACTION, RP__MAX };
/* agenda items: presenter is a person id, planned a number of minutes */
enum { ITEM_TITLE_EN, ITEM_TITLE_AZ, ITEM_NOTES_EN, ITEM_NOTES_AZ, ITEM_PRESENTER, ITEM_PLANNED, ITEM_MINUTES_EN,
       ITEM_MINUTES_AZ, ITEM__COLS };
/* attendance: a person id and present, remote, late, absent or excused */
enum { ATT_PERSON, ATT_STATUS, ATT__COLS };
enum { GUEST_NAME, GUEST__COLS };
/* decisions: number "2026/7" (NULL for a new one: the save gives it the next), the agenda item's place (1, 2, …) */
enum { DEC_NUMBER, DEC_ITEM, DEC_TEXT_EN, DEC_TEXT_AZ, DEC__COLS };
/* actions: owner a person id, due YYYY-MM-DD, open/done/dropped, the decision's place in this record (1, 2, …) */
/* ACT_ID: the stored action a row is (sent back as it came), so that a save keeps it, and with it the id its
 * deadline has in the feeds and its place on the Actions page; a row without one is a new action */
enum { ACT_WHAT_EN, ACT_WHAT_AZ, ACT_OWNER, ACT_DUE, ACT_STATUS, ACT_DECISION, ACT_ID, ACT__COLS };

extern const size_t record_cols[RP__MAX];

typedef struct record_rows {
	const char **cells; /* n * record_cols[part], row by row */
	size_t n;
} record_rows;

typedef struct record_correction {
	const char *at; /* "YYYY-MM-DD HH:MM" UTC */
	const char *login;
	const char *reason;
} record_correction;

typedef struct meeting_record {
	long long id; /* 0: nothing recorded yet */
	long long series_id;
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS", the occurrence's original local start */
	const char *state;         /* draft, circulated, approved */
	const char *approved_by;
	int version; /* 0 with id 0 */
	int quorum;  /* the series': how many expected attendees must be there (0: none set) */
	record_rows parts[RP__MAX];
	record_correction *corrections;
	size_t ncorrections;
} meeting_record;

/* The record of one occurrence: 1 found, 0 none (out->id 0, parts empty), -1 error. */
int store_record_get(store *s, arena *a, long long series_id, const char *recurrence_id, meeting_record *out);

/*
 * Saves r's parts as a whole (one audited transaction, entity "meeting_record"). r->id 0 creates the
 * record (claiming the actor's form key: the same form sent twice makes it once; CHANGE_STALE when
 * another form made it meanwhile); else r->version must be current (CHANGE_STALE) and the record not
 * approved, unless correction (the reason, kept in record_correction) is given. memorandum_id numbers
 * the decisions. r->id is set on a create.
 */
enum change_result store_record_save(store *s, arena *a, const actor *who, long long memorandum_id, meeting_record *r,
                                     const char *correction, const char *label);

/* Moves a record to state (circulated, draft, approved with approved_by), from version. */
enum change_result store_record_set_state(store *s, arena *a, const actor *who, long long record_id, int version,
                                          const char *state, const char *approved_by, const char *label);

/* One open action of an earlier occurrence of a series ("review of open actions"). */
typedef struct open_action {
	const char *recurrence_id;
	const char *what_en, *what_az;
	const char *owner_en, *owner_az;
	const char *due_on; /* NULL: no date */
	bool overdue;
} open_action;

/* The open actions of the series' records before recurrence_id, oldest due first (at most 200). */
int store_record_open_actions(store *s, arena *a, long long series_id, const char *recurrence_id, open_action **out,
                              size_t *n);

/* One place in a meeting record where the memoranda search found its words. */
typedef struct record_hit {
	long long series_id;
	const char *recurrence_id;
	bitext series_title, memorandum_title;
	const char *what; /* item, decision, action */
	const char *text; /* both languages, cut to 300 letters */
} record_hit;

/* The memoranda search in meeting records (case and diacritics ignored), at most limit places. */
int store_records_search(store *s, arena *a, const char *q, long limit, record_hit **out, size_t *n);

/* The records of a series, by key: ids[i] and keys[i] ("YYYY-MM-DD HH:MM:SS"); 0, or -1 on error. */
int store_record_keys(store *s, arena *a, long long series_id, long long **ids, const char ***keys, size_t *n);

/* Whether the feed token whose secret hashes to secret_hash is live and its feed shows series_id: 1 with the
 * token's language in *lang, 0 not (unknown, revoked or out of its scope: one answer for all), -1 error. */
int store_board_token(store *s, arena *a, const char *secret_hash, long long series_id, const char **lang);

/* One action item as the Actions page lists it. */
typedef struct action_entry {
	long long id;
	long long series_id;
	const char *recurrence_id;
	long long memorandum_id;
	bitext memorandum_title, series_title, what, owner;
	long long owner_id;
	const char *due_on; /* NULL: no date */
	const char *status; /* open, done, dropped */
	bool overdue;
	const char *decision; /* "2026/7" or NULL */
} action_entry;

/* Actions across memoranda (0 for any memorandum, organisation, owner); which: open, overdue or all; at most limit.
 * In the Actions page's order: open ones first, by due date (undated last), the meeting's date, the item's place. */
int store_actions_list(store *s, arena *a, long long memorandum_id, long long organisation_id, long long owner_id,
                       const char *which, long limit, action_entry **out, size_t *n);
/* The same list's rows strictly after the action after_id in that order (0: from the start), at most limit: a
 * keyset page. An after_id no longer stored, or past the list's end, gives none. Unfiltered open or overdue pages
 * cost the same however many actions are open. */
int store_actions_after(store *s, arena *a, long long memorandum_id, long long organisation_id, long long owner_id,
                        const char *which, long long after_id, long limit, action_entry **out, size_t *n);

/* The meeting records of a series: each one's recurrence id and state. */
typedef struct record_mark {
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS" */
	const char *state;
} record_mark;
int store_record_states(store *s, arena *a, long long series_id, record_mark **out, size_t *n);

#endif
