/* db.c - one libpq connection per worker: named statements, reconnect, transactions. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

void store_init(store *s, const char *dsn, const char *app_name, long statement_timeout_ms)
{
	memset(s, 0, sizeof *s);
	s->dsn = strdup(dsn ? dsn : "");
	s->app_name = app_name;
	s->statement_timeout_ms = statement_timeout_ms;
}

void store_close(store *s)
{
	if (s->conn)
		PQfinish(s->conn);
	s->conn = NULL;
	free(s->dsn);
	s->dsn = NULL;
}

/* Notices are logged quietly. One that arrives between statements is most
 * likely the server saying why it is about to close the connection ("terminating
 * connection due to administrator command": libpq hands an error received while
 * idle to the notice processor, and sees the end of the connection only at the
 * next read). A listener must not trust what it remembers past that point. */
static void quiet_notice(void *arg, const char *message)
{
	store *s = arg;
	s->listen_epoch++;
	log_debug("msg=\"postgres notice\" notice=\"%.200s\"", message);
}

/* One line of libpq's message, without its trailing newline, for a log value. */
static const char *one_line(const char *msg, char *out, size_t n)
{
	snprintf(out, n, "%s", msg ? msg : "");
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '"')
			*p = *p == '"' ? '\'' : ' ';
	return out;
}

static int after_connect(store *s)
{
	PQsetNoticeProcessor(s->conn, quiet_notice, s);
	memset(s->prepared, 0, sizeof s->prepared);
	s->in_tx = false;
	char timeout[32];
	snprintf(timeout, sizeof timeout, "%ld", s->statement_timeout_ms);
	const char *params[] = {timeout};
	/* times come back as UTC text whatever the server's zone: pages and feeds parse them */
	PGresult *r = PQexecParams(s->conn,
	                           "SELECT set_config('statement_timeout', $1, false), set_config('TimeZone', 'UTC', false)",
	                           1, NULL, params, NULL, NULL, 0);
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	PQclear(r);
	if (!ok)
		return -1;
	s->listening = false;
	s->listen_epoch++; /* whatever was sent to the old connection is lost */
	if (s->listen_channel) {
		char sql[96];
		snprintf(sql, sizeof sql, "LISTEN %s", s->listen_channel);
		r = PQexec(s->conn, sql);
		s->listening = PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!s->listening) {
			char line[256];
			log_warn("msg=\"cannot listen; every request asks the database\" channel=%s cause=\"%s\"",
			         s->listen_channel, one_line(PQresultErrorMessage(r), line, sizeof line));
		}
		PQclear(r);
	}
	return 0;
}

int store_ensure(store *s)
{
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
		return 0;
	char line[256];
	if (s->conn) {
		PQreset(s->conn);
	} else {
		/* defaults first so that the DSN, expanded in place of dbname, overrides them */
		const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
		const char *vals[] = {"5", s->app_name ? s->app_name : "memocal", s->dsn, NULL};
		s->conn = PQconnectdbParams(keys, vals, 1);
	}
	if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
		log_error("msg=\"database unavailable\" cause=\"%s\"",
		          one_line(s->conn ? PQerrorMessage(s->conn) : "out of memory", line, sizeof line));
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	if (after_connect(s) != 0) {
		log_error("msg=\"cannot set up database session\" cause=\"%s\"", one_line(PQerrorMessage(s->conn), line, sizeof line));
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	log_debug("msg=\"database connected\" app=%s", s->app_name ? s->app_name : "memocal");
	return 0;
}

static enum store_status classify(const char *state)
{
	if (!state)
		return STORE_ERROR;
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return STORE_UNAVAILABLE;
	if (strcmp(state, "57014") == 0)
		return STORE_TIMEOUT;
	if (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0 || strcmp(state, "40001") == 0)
		return STORE_CONFLICT;
	if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
		return STORE_INVALID;
	if (strcmp(state, "42501") == 0)
		return STORE_DENIED;
	return STORE_ERROR;
}

static bool connection_lost(store *s)
{
	return !s->conn || PQstatus(s->conn) != CONNECTION_OK;
}

static int prepare(store *s, enum stmt id)
{
	if (s->prepared[id])
		return 0;
	PGresult *r = PQprepare(s->conn, stmt_name(id), stmt_sql(id), 0, NULL);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok) {
		char line[256];
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		s->status = connection_lost(s) ? STORE_UNAVAILABLE : classify(state);
		log_error("msg=\"prepare failed\" stmt=%s sqlstate=%s cause=\"%s\"", stmt_name(id), state ? state : "-",
		          one_line(PQerrorMessage(s->conn), line, sizeof line));
	}
	PQclear(r);
	if (ok)
		s->prepared[id] = true;
	return ok ? 0 : -1;
}

static PGresult *exec_once(store *s, enum stmt id, int nparams, const char *const *params)
{
	if (store_ensure(s) != 0 || prepare(s, id) != 0)
		return NULL;
	PGresult *r = PQexecPrepared(s->conn, stmt_name(id), nparams, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		s->status = STORE_OK;
		return r;
	}
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char *constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
	memset(s->sqlstate, 0, sizeof s->sqlstate);
	if (state)
		snprintf(s->sqlstate, sizeof s->sqlstate, "%s", state);
	snprintf(s->constraint, sizeof s->constraint, "%s", constraint ? constraint : "");
	s->status = connection_lost(s) ? STORE_UNAVAILABLE : classify(state);
	char line[256];
	/* constraint violations are expected answers (validated again by the
	 * database), not faults: log them quietly */
	if (s->status == STORE_CONFLICT || s->status == STORE_INVALID)
		log_debug("msg=\"statement refused\" stmt=%s sqlstate=%s", stmt_name(id), s->sqlstate);
	else if (s->status != STORE_UNAVAILABLE)
		log_error("msg=\"statement failed\" stmt=%s sqlstate=%s cause=\"%s\"", stmt_name(id), state ? state : "-",
		          one_line(PQresultErrorMessage(r), line, sizeof line));
	PQclear(r);
	return NULL;
}

PGresult *store_exec(store *s, enum stmt id, int nparams, const char *const *params)
{
	bool was_connected = s->conn && PQstatus(s->conn) == CONNECTION_OK;
	PGresult *r = exec_once(s, id, nparams, params);
	if (r || s->status != STORE_UNAVAILABLE)
		return r;
	if (was_connected && !s->in_tx && stmt_read_only(id)) {
		log_warn("msg=\"connection lost; retrying on a new one\" stmt=%s", stmt_name(id));
		r = exec_once(s, id, nparams, params);
		if (r)
			return r;
	}
	if (s->in_tx)
		s->in_tx = false; /* the transaction died with the connection */
	log_error("msg=\"database unavailable\" stmt=%s", stmt_name(id));
	return NULL;
}

int store_exec_script(store *s, const char *sql, const char *what)
{
	if (store_ensure(s) != 0)
		return -1;
	PGresult *r = PQexec(s->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (!ok) {
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		s->status = connection_lost(s) ? STORE_UNAVAILABLE : classify(state);
		char line[512];
		log_error("msg=\"sql failed\" what=\"%s\" sqlstate=%s cause=\"%s\"", what, state ? state : "-",
		          one_line(PQresultErrorMessage(r), line, sizeof line));
	} else {
		s->status = STORE_OK;
	}
	PQclear(r);
	return ok ? 0 : -1;
}

int store_begin(store *s)
{
	if (store_exec_script(s, "BEGIN", "begin") != 0)
		return -1;
	s->in_tx = true;
	return 0;
}

int store_commit(store *s)
{
	int rc = store_exec_script(s, "COMMIT", "commit");
	s->in_tx = false;
	return rc;
}

void store_rollback(store *s)
{
	/* a rollback follows a failure: keep its status (a conflict stays a conflict) unless the rollback fails too */
	enum store_status why = s->status;
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK && store_exec_script(s, "ROLLBACK", "rollback") == 0)
		s->status = why;
	s->in_tx = false;
}

void store_listen(store *s, const char *channel)
{
	s->listen_channel = channel;
}

long long store_listen_epoch(store *s)
{
	if (!s->listening || !s->conn || PQstatus(s->conn) != CONNECTION_OK || s->in_tx)
		return 0;
	/* a failed read (the server went away) leaves CONNECTION_BAD: the next
	 * statement reconnects, and LISTENs again, under a new epoch */
	if (!PQconsumeInput(s->conn) || PQstatus(s->conn) != CONNECTION_OK)
		return 0;
	PGnotify *n;
	while ((n = PQnotifies(s->conn)) != NULL) {
		s->listen_epoch++;
		PQfreemem(n);
	}
	return s->listen_epoch;
}

int store_ping(store *s)
{
	PGresult *r = store_exec(s, STMT_PING, 0, NULL);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}
