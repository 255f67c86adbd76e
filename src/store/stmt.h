/* stmt.h - every SQL statement memocal runs, by name. */
#ifndef MEMOCAL_STMT_H
#define MEMOCAL_STMT_H

#include <stdbool.h>

/* One entry per statement; the SQL is in the parallel table in stmt.c. */
enum stmt {
	STMT_PING,
	/* schema_migration (memocal migrate) */
	STMT_MIGRATION_LOCK,
	STMT_MIGRATION_APPLIED,
	STMT_MIGRATION_RECORD,
	/* memorandum and its parts */
	STMT_MEMORANDA_LIST,
	STMT_MEMORANDA_COUNT,
	STMT_MEMORANDUM_GET,
	STMT_MEMORANDUM_PARTIES,
	STMT_MEMORANDUM_MEMBERS,
	STMT_MEMORANDUM_PROJECTS,
	STMT_MEMORANDUM_AREAS,
	/* staff_user */
	STMT_USER_BY_LOGIN,
	STMT_USER_GET,
	STMT_USER_LIST,
	STMT_USER_INSERT,
	STMT_USER_UPDATE,
	STMT_USER_SET_PASSWORD,
	STMT_USER_SET_LANG,
	STMT_USER_LOGGED_IN,
	STMT_USER_SNAPSHOT,
	STMT_USER_ACTIVE_ADMINS,
	/* staff_session */
	STMT_SESSION_INSERT,
	STMT_SESSION_LOAD,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_SWEEP,
	/* login_failure */
	STMT_LOGIN_WAIT,
	STMT_LOGIN_FAILED,
	STMT_LOGIN_CLEAR,
	/* audit_log */
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST,
	STMT_AUDIT_COUNT,
	/* organisation */
	STMT_ORGS_LIST,
	STMT_ORGS_COUNT,
	STMT_ORG_GET,
	STMT_ORG_INSERT,
	STMT_ORG_UPDATE,
	STMT_ORG_DELETE,
	STMT_ORG_SNAPSHOT,
	STMT_ORG_OPTIONS,
	STMT_ORG_MEMORANDA,
	STMT_ORG_PEOPLE,
	STMT__MAX
};

const char *stmt_name(enum stmt id);
const char *stmt_sql(enum stmt id);
/* True for a statement that changes nothing, which may be retried after a
 * lost connection without risk of doing something twice. */
bool stmt_read_only(enum stmt id);

#endif
