/* migrate.h - applying numbered SQL migrations and seed files from db/. */
#ifndef MEMOCAL_MIGRATE_H
#define MEMOCAL_MIGRATE_H

#include "store/db.h"

/*
 * Applies every dir/NNN_name.sql not yet recorded in schema_migration, in
 * order, each in its own transaction together with its record, so a failed
 * file leaves nothing behind and a re-run is a no-op. Prints one line per
 * applied file to stdout. Returns the number applied, or -1.
 */
int store_migrate(store *s, const char *dir);

/* Runs every .sql file in dir in name order, each in its own transaction. Seed
 * files are written to be idempotent. Returns the number run, or -1. */
int store_seed(store *s, const char *dir);

/* Prints the applied migrations (version, name, when). */
int store_migration_status(store *s);

#endif
