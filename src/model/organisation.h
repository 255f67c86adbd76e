/* organisation.h - a university, NGO or other body that signs memoranda. */
#ifndef MEMOCAL_ORGANISATION_H
#define MEMOCAL_ORGANISATION_H

#include "model/text.h"

typedef struct organisation {
	long long id;
	const char *slug;
	const char *kind; /* university, ngo, company, government, other */
	bitext name;
	bitext short_name;
	const char *website;
	int version;
} organisation;

#endif
