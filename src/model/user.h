/* user.h - a staff account and the session it logs in with. */
#ifndef MEMOCAL_USER_H
#define MEMOCAL_USER_H

#include <stdbool.h>

/* Roles in increasing power; each includes what the ones below may do. */
enum role { ROLE_NONE, ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN, ROLE__MAX };

typedef struct staff_user {
	long long id;
	const char *login;
	const char *password_hash;
	enum role role;
	const char *lang; /* NULL: follow the browser */
	const char *display_name;
	bool disabled;
	int version;
	const char *created_at;    /* "YYYY-MM-DD HH:MM" in UTC */
	const char *last_login_at; /* the same; NULL: never logged in */
	const char *time_zone;     /* the IANA zone pages show times in; NULL: DEFAULT_TZID */
	const char *email;         /* NULL: none (migration 028) */
	bool digest;               /* the weekly staff digest, to email (which it needs) */
} staff_user;

/* Who did something, for the audit log: a staff user or the command line. */
typedef struct actor {
	long long user_id; /* 0 for the CLI */
	const char *login;
	/* the one-time key of the form the change came from (NULL: none): a create sent twice with
	 * the same key makes its record once, and the second answer names that record */
	const char *form_key;
} actor;

const char *role_name(enum role r);
enum role role_parse(const char *name); /* ROLE_NONE when unknown */

#endif
