/* person.h - someone who signs, coordinates or attends. */
#ifndef MEMOCAL_PERSON_H
#define MEMOCAL_PERSON_H

#include "model/text.h"

typedef struct person {
	long long id;
	bitext full_name;
	bitext honorific; /* "Assoc. Prof." / "Dos." */
	const char *email;
	const char *preferred_lang;
	const char *email_pref; /* every, digest, none: which mail they get (migration 017) */
	int version;
} person;

/* A position a person holds at an organisation (Rector / Rektor of Khazar
 * University). Kept with its person: saving a person replaces all of them. */
typedef struct person_position {
	long long organisation_id;
	bitext organisation;       /* the organisation's name, for showing (not stored with the position) */
	bitext organisation_short; /* its short name, either may be NULL */
	bitext title;
} person_position;

/* A person as a list shows them: their positions as one text per language. */
typedef struct person_summary {
	person person;
	bitext positions; /* "Rector, Khazar; …"; NULL when they hold none */
} person_summary;

/* A memorandum a person is a member of, with the role they hold in it. */
typedef struct person_membership {
	long long memorandum_id;
	bitext title;
	const char *signed_on; /* YYYY-MM-DD */
	const char *status;
	const char *role; /* signatory, coordinator, board_member, contact, participant */
	bitext role_title;
} person_membership;

#endif
