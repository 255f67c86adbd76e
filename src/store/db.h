/* db.h - one libpq connection per worker: named statements, reconnect, transactions, bounded waits. */
#ifndef MEMOCAL_DB_H
#define MEMOCAL_DB_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "store/stmt.h"

/* How the last call went; the page layer turns it into an HTTP status. */
enum store_status {
	STORE_OK,
	STORE_UNAVAILABLE, /* no connection, or no answer within the bound (503) */
	STORE_CONFLICT,    /* unique or foreign-key violation, or a stale version (409) */
	STORE_INVALID,     /* a CHECK or NOT NULL constraint refused the values (422) */
	STORE_TIMEOUT,     /* statement_timeout (503) */
	STORE_DENIED,      /* the role may not do that (500: a deployment error) */
	STORE_ERROR,       /* anything else (500) */
	STORE_UNKNOWN,     /* a COMMIT (or a write outside a transaction) was sent and its answer lost:
	                    * the change may or may not have been made (503) */
	STORE_BUSY,        /* lock_timeout or a deadlock: another change holds what this one needs (503) */
};

/*
 * What every worker of one program knows about the server together, in memory the master
 * shares with them (store_health_shared): when one worker has waited the whole bound for an
 * answer, the others fail at once instead of each waiting the bound too, until one of them
 * (only one) tries again a second later.
 */
typedef struct store_health store_health;

/* Shared memory for a store_health, made before the workers are forked; NULL if mmap fails
 * (then each worker learns of a stall on its own). Lives as long as the process. */
store_health *store_health_shared(void);

typedef struct store_options {
	const char *dsn;
	const char *app_name;
	long statement_timeout_ms; /* set on every session; 0: the role's or server's */
	long lock_timeout_ms;      /* likewise */
	long wait_ms;              /* the longest any call waits on the server (connect, send, answer);
	                            * 0: no bound (the command line's migrations) */
	store_health *health;      /* NULL: none shared */
	long notice_months;        /* a memorandum's notice period and dormancy (config), for memorandum_life() */
	long dormant_months;
} store_options;

typedef struct store {
	PGconn *conn;
	char *dsn;
	const char *app_name;
	long statement_timeout_ms;
	long lock_timeout_ms;
	long wait_ms;
	store_health *health;
	long notice_months;  /* from store_options: the statements that compute a memorandum's life take them */
	long dormant_months;
	bool probing;             /* this worker holds the one try after a stall's pause (db.c: pausing) */
	bool in_tx;
	bool refused;             /* store_refuse(): this request may not touch the database */
	bool prepared[STMT__MAX]; /* prepared on first use; forgotten on reconnect */
	int plan_mode;            /* the session's plan_cache_mode: 0 auto, 1 force_generic_plan, -1 not known (a
	                           * rolled back transaction takes back a set_config made in it) */
	bool plan_mode_in_tx;     /* plan_mode was set inside the open transaction */
	const char *listen_channel; /* LISTENed on after every connect (store_listen) */
	bool listening;             /* this connection's LISTEN succeeded */
	long long listen_epoch;     /* see store_listen_epoch() */
	long long token_epoch;      /* see store_token_epoch() */
	enum store_status status;
	bool replayed;       /* the last store_change() was a form sent again: it answered the first one's record */
	bool unchanged;      /* the last store_change() changed nothing and was rolled back (change.undo_same) */
	char sqlstate[6];
	char constraint[64]; /* the constraint a refused statement named, or "" */
} store;

/* Remembers the options; connects lazily on first use (after fork, in the worker). */
void store_init(store *s, const store_options *o);
void store_close(store *s);

/* At the start of every request: forgets store_refuse(). */
void store_request_begin(store *s);

/* For the rest of this request every call fails at once with STORE_UNAVAILABLE, without a
 * word to the server (the guard found the database down: nothing may be half done). */
void store_refuse(store *s);

/* Whether the server was found stalled and has not answered since (or this request is refused):
 * a lookup that a page can do without (who is asking, on the login form) is better skipped. */
bool store_known_down(store *s);

/* Connects, or reconnects a broken connection. 0 when usable. */
int store_ensure(store *s);

/*
 * Runs a named statement with text parameters (NULL = SQL NULL). Returns a
 * result with PGRES_TUPLES_OK or PGRES_COMMAND_OK that the caller PQclear()s,
 * or NULL with s->status set and the cause logged once here. A read-only
 * statement that finds the connection gone outside a transaction is retried
 * once on a fresh connection: a PostgreSQL restart costs at most the request
 * in flight, and usually not even that. No call waits longer than wait_ms for
 * the server: past it the connection is dropped (a stalled server cannot even
 * take a cancel request) and the call fails with STORE_UNAVAILABLE.
 */
PGresult *store_exec(store *s, enum stmt id, int nparams, const char *const *params);

/*
 * store_exec with some parameters as bytes: formats[i] 1 means params[i] is lengths[i] bytes sent as they are
 * (a bytea), 0 text as above (lengths NULL or formats NULL: all text). binary_result: every column of the
 * answer comes back in binary (a bytea as its bytes, PQgetlength long); only for statements whose columns
 * are all bytea or read that way. A document's file goes in and out this way, without hex doubling it.
 */
PGresult *store_exec_binary(store *s, enum stmt id, int nparams, const char *const *params, const int *lengths,
                            const int *formats, bool binary_result);
/* Runs SQL text that is not one of the named statements: migration files and
 * transaction control only, never text built from values. */
int store_exec_script(store *s, const char *sql, const char *what);

int store_begin(store *s);
/* -1 with STORE_UNKNOWN when the COMMIT was sent and its answer lost. */
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

/*
 * A count of the notifications that may concern tokens: every one whose payload is not
 * "version" (db/migrations/010: a new feed version says "version"; a revoked or changed token
 * says "token"). Unlike the listen epoch it does not move when a connection is lost or made:
 * what was true of a token before an outage stays true until such a notification says
 * otherwise (memocal-feed's stale answers, src/pages/feed.c).
 */
long long store_token_epoch(const store *s);

/* SELECT 1: the database answers. */
int store_ping(store *s);

#endif
