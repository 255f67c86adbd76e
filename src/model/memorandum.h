/* memorandum.h - a memorandum of cooperation with its parties, members, projects and areas. */
#ifndef MEMOCAL_MEMORANDUM_H
#define MEMOCAL_MEMORANDUM_H

#include <stddef.h>

#include "model/organisation.h"
#include "model/person.h"

typedef struct memorandum_party {
	organisation org;
	person signatory;          /* id 0 when the party has none recorded */
	bitext signatory_position; /* the signatory's position at this party */
} memorandum_party;

typedef struct memorandum_member {
	person person;
	const char *role; /* signatory, coordinator, board_member, contact, participant */
	bitext role_title;
	organisation org; /* id 0 when not tied to a party */
} memorandum_member;

typedef struct project {
	long long id;
	const char *code;
	bitext name;
} project;

typedef struct memorandum_area {
	long long id;
	bitext text;
} memorandum_area;

/* A memorandum as a list shows it: the parties as one text per language. */
typedef struct memorandum_summary {
	long long id;
	bitext title;
	const char *signed_on;   /* YYYY-MM-DD */
	const char *valid_until; /* NULL: open-ended */
	const char *status;
	bitext parties;
} memorandum_summary;

typedef struct memorandum {
	long long id;
	bitext title;
	bitext summary;
	const char *signed_on;
	const char *valid_from;
	const char *valid_until;
	const char *status; /* draft, active, expired, terminated */
	const char *source_url;
	int version;
	const char *updated_at;

	memorandum_party *parties;
	size_t nparties;
	memorandum_member *members;
	size_t nmembers;
	project *projects;
	size_t nprojects;
	memorandum_area *areas;
	size_t nareas;
} memorandum;

#endif
