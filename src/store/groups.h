/* groups.h - reading and changing groups of people (migration 026): a group attendee's members. */
#ifndef MEMOCAL_STORE_GROUPS_H
#define MEMOCAL_STORE_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/text.h"
#include "store/audit.h"
#include "store/db.h"

typedef struct person_group {
	long long id;
	bitext name; /* either may be NULL, not both */
	int version;
	long long members;
	long long meetings; /* the series it attends */
} person_group;

typedef struct group_member {
	long long person_id;
	bitext name;
	bool mailed; /* an address and every change: invitations reach them (mail_recipients) */
} group_member;

typedef struct group_meeting {
	long long series_id;
	bitext title;
	const char *status;
	const char *start; /* "YYYY-MM-DD HH:MM:SS", local */
	bool repeats;
} group_meeting;

/* A page of groups by name; *total gets how many there are. */
int store_groups_list(store *s, arena *a, long limit, long offset, person_group **out, size_t *n, long long *total);
/* 1 found, 0 not, -1 error. */
int store_group_get(store *s, arena *a, long long id, person_group *g);
int store_group_members(store *s, arena *a, long long id, group_member **out, size_t *n);
int store_group_meetings(store *s, arena *a, long long id, group_meeting **out, size_t *n);
/* The groups a person is in (id and name only). */
int store_person_groups(store *s, arena *a, long long person_id, person_group **out, size_t *n);
/* The series a person attends, as themselves or through a group. */
int store_person_attends(store *s, arena *a, long long person_id, long long **out, size_t *n);

/* Why a save ended in CHANGE_ERROR, beyond s->status. */
typedef struct group_refusal {
	bool name_en, name_az; /* another group has that name */
	int member;            /* the index of a member the database refused (deleted meanwhile), or -1 */
} group_refusal;

/*
 * Audited, all or nothing: the group's names and its whole list of members. g->id 0 creates (and sets
 * g->id); otherwise updates if g->version is still current, and gives the meetings' attendee rows the new
 * name. Members kept stay as they were, so only those added or taken out hear of its meetings.
 */
enum change_result store_group_save(store *s, arena *a, const actor *who, person_group *g, const long long *members,
                                    size_t nmembers, group_refusal *why);

#endif
