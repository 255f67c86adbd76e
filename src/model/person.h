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
	int version;
} person;

#endif
