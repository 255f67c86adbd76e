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
	STMT__MAX
};

const char *stmt_name(enum stmt id);
const char *stmt_sql(enum stmt id);
/* True for a statement that changes nothing, which may be retried after a
 * lost connection without risk of doing something twice. */
bool stmt_read_only(enum stmt id);

#endif
