/* user.c - role names. */
#include "model/user.h"

#include <string.h>

static const char *const names[ROLE__MAX] = {
	"none",   /* ROLE_NONE */
	"viewer", /* ROLE_VIEWER */
	"editor", /* ROLE_EDITOR */
	"admin",  /* ROLE_ADMIN */
};

const char *role_name(enum role r)
{
	return r < ROLE__MAX ? names[r] : names[ROLE_NONE];
}

enum role role_parse(const char *name)
{
	for (int i = ROLE_VIEWER; name && i < ROLE__MAX; i++)
		if (strcmp(name, names[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}
