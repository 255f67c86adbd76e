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
	const char *frequency; /* a commitment: monthly, quarterly, yearly; NULL: none */
} memorandum_area;

/* A dated change to a memorandum's text (migration 022). */
typedef struct memorandum_amendment {
	long long id;
	const char *amended_on; /* YYYY-MM-DD */
	bitext title;
	bitext summary;
} memorandum_amendment;

/* A memorandum as a list shows it: the parties as one text per language. */
typedef struct memorandum_summary {
	long long id;
	bitext title;
	const char *signed_on;   /* YYYY-MM-DD */
	const char *valid_until; /* NULL: open-ended */
	const char *status; /* its life today (memorandum.life) */
	bitext parties;
} memorandum_summary;

typedef struct memorandum {
	long long id;
	bitext title;
	bitext summary;
	const char *signed_on;
	const char *valid_from;
	const char *valid_until;
	const char *status; /* the decision stored: draft or signed */
	const char *source_url;
	int version;
	const char *updated_at;
	/* its life today, computed from the dates and decisions (memorandum_life(), migration 022): draft,
	 * signed (not in force yet), active, expiring, expired, renewed, terminated */
	const char *life;
	long long renewed_by; /* the successor; 0: none */
	long long renews;     /* the predecessor; 0: none */
	const char *renewed_on;  /* the successor's signing (or first) day; NULL: not renewed or undated */
	bitext successor_title;
	const char *terminated_on; /* NULL: not terminated */
	bitext termination_reason;
	memorandum_amendment *amendments;
	size_t namendments;

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
