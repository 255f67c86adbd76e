/* db.h - one libpq connection per worker: named statements, reconnect, transactions. */
#ifndef MEMOCAL_DB_H
#define MEMOCAL_DB_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "store/stmt.h"

/* How the last call went; the page layer turns it into an HTTP status. */
enum store_status {
	STORE_OK,
	STORE_UNAVAILABLE, /* no connection (503) */
	STORE_CONFLICT,    /* unique or foreign-key violation, or a stale version (409) */
	STORE_INVALID,     /* a CHECK or NOT NULL constraint refused the values (422) */
	STORE_TIMEOUT,     /* statement_timeout (503) */
	STORE_DENIED,      /* the role may not do that (500: a deployment error) */
	STORE_ERROR,       /* anything else (500) */
};

typedef struct store {
	PGconn *conn;
	char *dsn;
	const char *app_name;
	long statement_timeout_ms;
	bool in_tx;
	bool prepared[STMT__MAX]; /* prepared on first use; forgotten on reconnect */
	const char *listen_channel; /* LISTENed on after every connect (store_listen) */
	bool listening;             /* this connection's LISTEN succeeded */
	long long listen_epoch;     /* see store_listen_epoch() */
	enum store_status status;
	char sqlstate[6];
	char constraint[64]; /* the constraint a refused statement named, or "" */
} store;

/* Remembers the DSN; connects lazily on first use (after fork, in the worker). */
void store_init(store *s, const char *dsn, const char *app_name, long statement_timeout_ms);
void store_close(store *s);

/* Connects, or resets a broken connection. 0 when usable. */
int store_ensure(store *s);

/*
 * Runs a named statement with text parameters (NULL = SQL NULL). Returns a
 * result with PGRES_TUPLES_OK or PGRES_COMMAND_OK that the caller PQclear()s,
 * or NULL with s->status set and the cause logged once here. A read-only
 * statement that finds the connection gone outside a transaction is retried
 * once on a fresh connection: a PostgreSQL restart costs at most the request
 * in flight, and usually not even that.
 */
PGresult *store_exec(store *s, enum stmt id, int nparams, const char *const *params);

/* Runs SQL text that is not one of the named statements: migration files and
 * transaction control only, never text built from values. */
int store_exec_script(store *s, const char *sql, const char *what);

int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);

/*
 * Asks that every connection LISTEN on the channel (a literal identifier,
 * never data); call it before the first statement. A replica refuses LISTEN; that is logged once per
 * connection and is not an error: store_listen_epoch() then answers 0.
 */
void store_listen(store *s, const char *channel);

/*
 * Takes in what the server has sent without waiting (one non-blocking read)
 * and answers a number that stays the same exactly as long as nothing can have
 * changed for a listener: it moves on with every notification, every notice
 * (the server says why it is closing the connection in one) and every new
 * connection (notifications sent while there was none are lost). 0 when
 * the connection does not listen, or is broken: then nothing remembered may
 * be trusted. Something learnt from a query may be remembered under the epoch
 * read before that query, never after: a notification taken in while the
 * query ran must make it stale.
 */
long long store_listen_epoch(store *s);

/* SELECT 1: the database answers. */
int store_ping(store *s);

#endif
