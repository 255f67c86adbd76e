/* migrate.c - applying numbered SQL migrations and seed files from db/. */
#include "store/migrate.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/log.h"

/* The runner's own table, created before anything else; the only DDL outside db/. */
static const char create_tracking[] =
	"CREATE TABLE IF NOT EXISTS schema_migration ("
	" version integer PRIMARY KEY,"
	" name text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now())";

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int sql_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".sql") == 0;
}

static int read_file(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_error("msg=\"cannot open\" file=\"%s\" cause=\"%s\"", path, strerror(errno));
		return -1;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(out, chunk, n);
	int err = ferror(f);
	fclose(f);
	return err ? -1 : 0;
}

/* Runs one file's text inside BEGIN … COMMIT, with an optional named statement before and after. */
static int run_in_tx(store *s, const char *path, const char *name, long version)
{
	buf sql = BUF_INIT;
	if (read_file(path, &sql) != 0)
		return -1;
	int rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if (version >= 0) {
		PGresult *r = store_exec(s, STMT_MIGRATION_LOCK, 0, NULL);
		if (!r)
			goto rollback;
		PQclear(r);
		/* another migrator may have applied it while we waited for the lock */
		char v[32];
		snprintf(v, sizeof v, "%ld", version);
		r = store_exec(s, STMT_MIGRATION_APPLIED, 0, NULL);
		if (!r)
			goto rollback;
		for (int i = 0; i < PQntuples(r); i++)
			if (strcmp(PQgetvalue(r, i, 0), v) == 0) {
				/* the same number under another name: this database ran a migration this checkout
				 * does not have (another branch, an older build). Skipping would leave this one
				 * never applied; refuse and say which. */
				bool same = strcmp(PQgetvalue(r, i, 1), name) == 0;
				if (!same)
					log_error("msg=\"migration %ld was applied from another file; refusing to go on\" applied=\"%s\""
					          " file=\"%s\"",
					          version, PQgetvalue(r, i, 1), path);
				PQclear(r);
				store_rollback(s);
				rc = same ? 0 : -1;
				goto out;
			}
		PQclear(r);
	}
	if (store_exec_script(s, buf_cstr(&sql), name) != 0)
		goto rollback;
	if (version >= 0) {
		char v[32];
		snprintf(v, sizeof v, "%ld", version);
		const char *params[] = {v, name};
		PGresult *r = store_exec(s, STMT_MIGRATION_RECORD, 2, params);
		if (!r)
			goto rollback;
		PQclear(r);
	}
	if (store_commit(s) != 0)
		goto out;
	rc = 1;
	goto out;
rollback:
	store_rollback(s);
out:
	buf_free(&sql);
	return rc;
}

int store_migrate(store *s, const char *dir)
{
	if (store_exec_script(s, create_tracking, "schema_migration") != 0)
		return -1;
	struct dirent **names;
	int n = scandir(dir, &names, sql_file, by_name);
	if (n < 0) {
		log_error("msg=\"cannot read migrations\" dir=\"%s\" cause=\"%s\"", dir, strerror(errno));
		return -1;
	}
	int applied = 0, rc = 0;
	long last = 0;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *end;
		long version = strtol(name, &end, 10);
		if (end == name || *end != '_' || version <= 0) {
			log_error("msg=\"migration file name must be NNN_name.sql\" file=\"%s/%s\"", dir, name);
			rc = -1;
			break;
		}
		if (version == last) {
			log_error("msg=\"two migrations share a number\" version=%ld file=\"%s/%s\"", version, dir, name);
			rc = -1;
			break;
		}
		last = version;
		buf path = BUF_INIT; /* as long as the folder's name makes it: never cut */
		buf_printf(&path, "%s/%s", dir, name);
		int r = run_in_tx(s, buf_cstr(&path), name, version);
		if (r < 0)
			log_error("msg=\"migration failed; nothing of it was applied\" file=\"%s\"", buf_cstr(&path));
		buf_free(&path);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0) {
			printf("applied %s\n", name);
			applied++;
		}
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc < 0 ? -1 : applied;
}

int store_seed(store *s, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, sql_file, by_name);
	if (n < 0) {
		log_error("msg=\"cannot read seed files\" dir=\"%s\" cause=\"%s\"", dir, strerror(errno));
		return -1;
	}
	int run = 0;
	for (int i = 0; i < n && run >= 0; i++) {
		buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, names[i]->d_name);
		if (run_in_tx(s, buf_cstr(&path), names[i]->d_name, -1) < 0) {
			log_error("msg=\"seed failed; nothing of it was applied\" file=\"%s\"", buf_cstr(&path));
			run = -1;
		} else {
			printf("seeded %s\n", names[i]->d_name);
			run++;
		}
		buf_free(&path);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return run;
}

int store_migration_status(store *s)
{
	PGresult *r = store_exec(s, STMT_MIGRATION_APPLIED, 0, NULL);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++)
		printf("%s\t%s\t%s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2));
	PQclear(r);
	return 0;
}
