/* db.c - one libpq connection per worker: named statements, reconnect, transactions, bounded waits.
 *
 * Every exchange with the server is asynchronous (PQsend*, PQconnectPoll) and waits with poll(2)
 * against a deadline of wait_ms, so a server that stops answering (its processes stopped, a
 * storage stall, a network partition: no RST, no FIN) costs a request at most the bound. libpq's
 * own connect_timeout, TCP keepalives and tcp_user_timeout are set too, for the waits that are
 * not ours (the kernel's, and libpq's on a unix socket they do not apply to). PQcancel is never
 * used on a stall: it opens a new connection to the same stalled server and blocks.
 */
#include "store/db.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "util/log.h"
#include "util/utf8.h"

/* After a stall, how long every worker fails at once before one of them tries again. */
#define STALL_PAUSE_MS 1000

struct store_health {
	_Atomic long long down_until_ms; /* CLOCK_MONOTONIC (system-wide); 0: no stall known */
};

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

store_health *store_health_shared(void)
{
	void *p = mmap(NULL, sizeof(store_health), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	store_health *h = p;
	atomic_init(&h->down_until_ms, 0);
	return h;
}

void store_init(store *s, const store_options *o)
{
	memset(s, 0, sizeof *s);
	s->dsn = strdup(o->dsn ? o->dsn : "");
	s->app_name = o->app_name;
	s->statement_timeout_ms = o->statement_timeout_ms;
	s->lock_timeout_ms = o->lock_timeout_ms;
	s->wait_ms = o->wait_ms;
	s->health = o->health;
	s->notice_months = o->notice_months;
	s->dormant_months = o->dormant_months;
}

void store_close(store *s)
{
	if (s->conn)
		PQfinish(s->conn);
	s->conn = NULL;
	free(s->dsn);
	s->dsn = NULL;
}

void store_request_begin(store *s)
{
	s->refused = false;
}

void store_refuse(store *s)
{
	s->refused = true;
}

/* ---- the shared knowledge of a stall ---- */

static bool pausing(store *s, bool claim)
{
	if (!s->health)
		return false;
	long long until = atomic_load(&s->health->down_until_ms);
	if (until == 0) {
		s->probing = false; /* another worker heard the server answer */
		return false;
	}
	if (s->probing)
		return false; /* this worker is the one trying again: it may reconnect, and retry on a new connection */
	long long now = now_ms();
	if (now < until)
		return true;
	if (!claim)
		return false;
	/* the pause is over: one worker tries again, the others keep failing at once while it does */
	if (!atomic_compare_exchange_strong(&s->health->down_until_ms, &until, now + s->wait_ms + STALL_PAUSE_MS))
		return true;
	/* Until the server answers it or stalls again. Its connection may have died meanwhile (the server was
	 * restarted after the stall): losing that connection must not keep every worker failing for the whole
	 * claim, so this worker still retries on a new one (store_exec) */
	s->probing = true;
	return false;
}

bool store_known_down(store *s)
{
	return s->refused || (s->health && atomic_load(&s->health->down_until_ms) != 0 && !s->probing);
}

static void stalled(store *s)
{
	s->probing = false;
	if (s->health)
		atomic_store(&s->health->down_until_ms, now_ms() + STALL_PAUSE_MS);
}

static void answered(store *s)
{
	s->probing = false;
	if (s->health && atomic_load(&s->health->down_until_ms) != 0)
		atomic_store(&s->health->down_until_ms, 0);
}

/* ---- waiting ---- */

static long long deadline_of(const store *s)
{
	return s->wait_ms > 0 ? now_ms() + s->wait_ms : 0;
}

/* Until fd is ready for events: 1, 0 when the deadline (0: none) passed first, -1 on error. */
static int wait_fd(int fd, short events, long long deadline, short *revents)
{
	for (;;) {
		int timeout = -1;
		if (deadline) {
			long long left = deadline - now_ms();
			if (left <= 0)
				return 0;
			timeout = left > INT_MAX ? INT_MAX : (int)left;
		}
		struct pollfd p = {fd, events, 0};
		int rc = poll(&p, 1, timeout);
		if (rc > 0) {
			if (revents)
				*revents = p.revents;
			return 1;
		}
		if (rc == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* One line of libpq's message, without its trailing newline, for a log value: a diagnostic, cut to out's
 * size (the log line is bounded anyway), but never in the middle of a letter (it may quote a value typed). */
static const char *one_line(const char *msg, char *out, size_t n)
{
	snprintf(out, n, "%s", msg ? msg : "");
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '"')
			*p = *p == '"' ? '\'' : ' ';
	utf8_scrub(out);
	return out;
}

/* The connection is useless (lost, or the server stalled): drop it, and say why once. */
static void drop(store *s, bool stall, const char *what)
{
	char line[256];
	if (stall)
		log_error("msg=\"database did not answer in time; connection dropped\" during=%s wait_ms=%ld", what, s->wait_ms);
	else
		log_debug("msg=\"database connection lost\" during=%s cause=\"%s\"", what,
		          one_line(s->conn ? PQerrorMessage(s->conn) : "", line, sizeof line));
	if (s->conn)
		PQfinish(s->conn); /* non-blocking: it cannot hang on a stalled server */
	s->conn = NULL;
	s->in_tx = false;
	s->status = STORE_UNAVAILABLE;
	if (stall)
		stalled(s);
}

static bool failed_result(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY;
}

/*
 * Waits for the answer to what was sent (flushing it first): the first result, and reads the
 * rest up to the end (a script's last error wins). NULL when the connection was lost or the
 * deadline passed (the connection is then dropped: nothing more can be read from it).
 */
static PGresult *await(store *s, long long deadline, const char *what)
{
	PGconn *c = s->conn;
	for (;;) {
		int f = PQflush(c);
		if (f == 0)
			break;
		short rev = 0;
		int w = f < 0 ? -1 : wait_fd(PQsocket(c), POLLOUT | POLLIN, deadline, &rev);
		if (w <= 0) {
			drop(s, w == 0, what);
			return NULL;
		}
		if ((rev & POLLIN) && !PQconsumeInput(c)) {
			drop(s, false, what);
			return NULL;
		}
	}
	PGresult *kept = NULL;
	for (;;) {
		while (PQisBusy(c)) {
			int w = wait_fd(PQsocket(c), POLLIN, deadline, NULL);
			if (w <= 0 || !PQconsumeInput(c)) {
				PQclear(kept);
				drop(s, w == 0, what);
				return NULL;
			}
		}
		PGresult *r = PQgetResult(c);
		if (!r)
			break;
		if (!kept)
			kept = r;
		else if (failed_result(kept))
			PQclear(r); /* the first error says why; what follows it was skipped */
		else {
			PQclear(kept);
			kept = r;
		}
	}
	if (!kept || (failed_result(kept) && PQstatus(c) != CONNECTION_OK)) {
		/* no answer, or the connection's end reported as one: the connection ended under us (a
		 * result that did come is kept even so: the next call reconnects) */
		PQclear(kept);
		drop(s, false, what);
		return NULL;
	}
	answered(s);
	return kept;
}

/* ---- connecting ---- */

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

static int session_setup(store *s, long long deadline)
{
	char stmt_timeout[32], lock_timeout[32];
	snprintf(stmt_timeout, sizeof stmt_timeout, "%ld", s->statement_timeout_ms);
	snprintf(lock_timeout, sizeof lock_timeout, "%ld", s->lock_timeout_ms);
	const char *params[] = {stmt_timeout, lock_timeout};
	/* times come back as UTC text whatever the server's zone: pages and feeds parse them; a
	 * timeout of 0 leaves the role's own (db/migrations/010) */
	if (!PQsendQueryParams(s->conn,
	                       "SELECT CASE WHEN $1 <> '0' THEN set_config('statement_timeout', $1, false) END,"
	                       " CASE WHEN $2 <> '0' THEN set_config('lock_timeout', $2, false) END,"
	                       " set_config('TimeZone', 'UTC', false), set_config('plan_cache_mode', 'auto', false)",
	                       2, NULL, params, NULL, NULL, 0))
		return -1;
	PGresult *r = await(s, deadline, "session set-up");
	if (!r)
		return -1;
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	PQclear(r);
	if (!ok)
		return -1;
	s->plan_mode = 0;
	s->plan_mode_in_tx = false;
	s->listening = false;
	s->listen_epoch++; /* whatever was sent to the old connection is lost */
	if (s->listen_channel) {
		char sql[96];
		int n = snprintf(sql, sizeof sql, "LISTEN %s", s->listen_channel);
		if (n < 0 || (size_t)n >= sizeof sql) /* a channel is an identifier: 63 bytes at most */
			return -1;
		if (!PQsendQuery(s->conn, sql) || !(r = await(s, deadline, "listen")))
			return -1;
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

/* Opens a new connection without ever waiting past the deadline. */
static int connect_bounded(store *s, long long deadline)
{
	char connect_timeout[24], idle[24], user_timeout[24];
	/* libpq's own bounds, for what our poll does not cover; its connect_timeout has whole seconds, 2 at least */
	long secs = s->wait_ms > 0 ? (s->wait_ms + 999) / 1000 : 0;
	snprintf(connect_timeout, sizeof connect_timeout, "%ld", secs ? (secs < 2 ? 2 : secs) : 0);
	snprintf(idle, sizeof idle, "%ld", secs ? secs : 60);
	snprintf(user_timeout, sizeof user_timeout, "%ld", s->wait_ms > 0 ? s->wait_ms : 0);
	/* defaults first so that the DSN, expanded in place of dbname, overrides them */
	const char *keys[] = {"connect_timeout",    "keepalives",       "keepalives_idle", "keepalives_interval",
	                      "keepalives_count",   "tcp_user_timeout", "application_name", "dbname",
	                      NULL};
	const char *vals[] = {connect_timeout, "1",  idle, "1", "3", user_timeout, s->app_name ? s->app_name : "memocal",
	                      s->dsn,          NULL};
	s->conn = PQconnectStartParams(keys, vals, 1);
	if (!s->conn)
		return -1;
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	while (PQstatus(s->conn) != CONNECTION_BAD) {
		if (st == PGRES_POLLING_OK)
			break;
		if (st == PGRES_POLLING_FAILED)
			return -1;
		int w = wait_fd(PQsocket(s->conn), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline, NULL);
		if (w == 0) {
			log_error("msg=\"database did not answer in time; connection dropped\" during=connect wait_ms=%ld",
			          s->wait_ms);
			stalled(s);
			return -2;
		}
		if (w < 0)
			return -1;
		st = PQconnectPoll(s->conn);
	}
	if (PQstatus(s->conn) != CONNECTION_OK)
		return -1;
	return PQsetnonblocking(s->conn, 1) == 0 ? 0 : -1;
}

int store_ensure(store *s)
{
	if (s->refused) {
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	if (pausing(s, true)) {
		/* a worker waited the whole bound a moment ago: fail at once, even on a connection that
		 * looks fine (it goes to the same stalled server) */
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
		return 0;
	char line[256];
	if (s->conn) {
		PQfinish(s->conn);
		s->conn = NULL;
	}
	memset(s->prepared, 0, sizeof s->prepared);
	s->in_tx = false;
	long long deadline = deadline_of(s);
	int rc = connect_bounded(s, deadline);
	if (rc != 0) {
		if (rc == -1)
			log_error("msg=\"database unavailable\" cause=\"%s\"",
			          one_line(s->conn ? PQerrorMessage(s->conn) : "out of memory", line, sizeof line));
		if (s->conn)
			PQfinish(s->conn);
		s->conn = NULL;
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	PQsetNoticeProcessor(s->conn, quiet_notice, s);
	if (session_setup(s, deadline) != 0) {
		if (s->conn) {
			log_error("msg=\"cannot set up database session\" cause=\"%s\"",
			          one_line(PQerrorMessage(s->conn), line, sizeof line));
			PQfinish(s->conn);
			s->conn = NULL;
		}
		s->status = STORE_UNAVAILABLE;
		return -1;
	}
	answered(s);
	log_debug("msg=\"database connected\" app=%s", s->app_name ? s->app_name : "memocal");
	return 0;
}

/* ---- statements ---- */

static enum store_status classify(const char *state)
{
	if (!state)
		return STORE_ERROR;
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return STORE_UNAVAILABLE;
	if (strcmp(state, "57014") == 0)
		return STORE_TIMEOUT;
	if (strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0)
		return STORE_BUSY;
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

/* An error the server answered with: remembered for the caller, logged unless expected. */
static void refused(store *s, PGresult *r, const char *what)
{
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
		log_debug("msg=\"statement refused\" stmt=%s sqlstate=%s", what, s->sqlstate);
	else if (s->status == STORE_BUSY || s->status == STORE_TIMEOUT)
		log_warn("msg=\"statement gave up waiting\" stmt=%s sqlstate=%s cause=\"%s\"", what, s->sqlstate,
		         one_line(PQresultErrorMessage(r), line, sizeof line));
	else if (s->status != STORE_UNAVAILABLE)
		log_error("msg=\"statement failed\" stmt=%s sqlstate=%s cause=\"%s\"", what, state ? state : "-",
		          one_line(PQresultErrorMessage(r), line, sizeof line));
}

static int prepare(store *s, enum stmt id, long long deadline)
{
	if (s->prepared[id])
		return 0;
	if (!PQsendPrepare(s->conn, stmt_name(id), stmt_sql(id), 0, NULL)) {
		drop(s, false, stmt_name(id));
		return -1;
	}
	PGresult *r = await(s, deadline, stmt_name(id));
	if (!r)
		return -1;
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		refused(s, r, stmt_name(id));
	PQclear(r);
	if (ok)
		s->prepared[id] = true;
	return ok ? 0 : -1;
}

/* The session's plan_cache_mode as statement id wants it (stmt_plan): set only when it differs from the last
 * statement's, one round trip; a statement that runs in either mode leaves it as it is. */
static int plan_mode(store *s, enum stmt id, long long deadline)
{
	enum stmt_plan plan = stmt_plan(id);
	if (plan == PLAN_EITHER)
		return 0;
	int want = plan == PLAN_GENERIC ? 1 : 0;
	if (s->plan_mode == want)
		return 0;
	const char *params[] = {want ? "force_generic_plan" : "auto"};
	if (!PQsendQueryParams(s->conn, "SELECT set_config('plan_cache_mode', $1, false)", 1, NULL, params, NULL, NULL, 0)) {
		drop(s, false, "plan mode");
		return -1;
	}
	PGresult *r = await(s, deadline, "plan mode");
	if (!r)
		return -1;
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		refused(s, r, "plan mode");
	PQclear(r);
	s->plan_mode = ok ? want : -1;
	s->plan_mode_in_tx |= s->in_tx;
	return ok ? 0 : -1;
}

/* NULL with *sent true: the statement reached libpq and its answer was lost. */
static PGresult *exec_once(store *s, enum stmt id, int nparams, const char *const *params, const int *lengths,
                           const int *formats, int result_format, bool *sent)
{
	*sent = false;
	if (store_ensure(s) != 0)
		return NULL;
	long long deadline = deadline_of(s);
	if (prepare(s, id, deadline) != 0 || plan_mode(s, id, deadline) != 0)
		return NULL;
	if (!PQsendQueryPrepared(s->conn, stmt_name(id), nparams, params, lengths, formats, result_format)) {
		drop(s, false, stmt_name(id));
		return NULL;
	}
	*sent = true;
	PGresult *r = await(s, deadline, stmt_name(id));
	if (!r)
		return NULL;
	ExecStatusType st = PQresultStatus(r);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		s->status = STORE_OK;
		return r;
	}
	*sent = false; /* the server answered: whatever it refused was not done */
	refused(s, r, stmt_name(id));
	PQclear(r);
	return NULL;
}

static PGresult *exec_with(store *s, enum stmt id, int nparams, const char *const *params, const int *lengths,
                           const int *formats, int result_format)
{
	bool was_connected = s->conn && PQstatus(s->conn) == CONNECTION_OK;
	bool in_tx = s->in_tx;
	bool sent;
	PGresult *r = exec_once(s, id, nparams, params, lengths, formats, result_format, &sent);
	if (r || s->status != STORE_UNAVAILABLE)
		return r;
	/* a stall is not retried: the pause that follows it makes a second try fail at once anyway */
	if (was_connected && !in_tx && stmt_read_only(id) && !store_known_down(s)) {
		log_warn("msg=\"connection lost; retrying on a new one\" stmt=%s", stmt_name(id));
		r = exec_once(s, id, nparams, params, lengths, formats, result_format, &sent);
		if (r)
			return r;
	}
	s->in_tx = false; /* a transaction dies with its connection */
	if (sent && !in_tx && !stmt_read_only(id))
		s->status = STORE_UNKNOWN; /* a write on its own commits itself: it may have */
	log_error("msg=\"database unavailable\" stmt=%s", stmt_name(id));
	return NULL;
}

PGresult *store_exec(store *s, enum stmt id, int nparams, const char *const *params)
{
	return exec_with(s, id, nparams, params, NULL, NULL, 0);
}

PGresult *store_exec_binary(store *s, enum stmt id, int nparams, const char *const *params, const int *lengths,
                            const int *formats, bool binary_result)
{
	return exec_with(s, id, nparams, params, lengths, formats, binary_result ? 1 : 0);
}

/* A script: 0, or -1 with s->status set; *sent as for exec_once. */
static int script(store *s, const char *sql, const char *what, bool *sent)
{
	*sent = false;
	if (store_ensure(s) != 0)
		return -1;
	if (!PQsendQuery(s->conn, sql)) {
		drop(s, false, what);
		return -1;
	}
	*sent = true;
	PGresult *r = await(s, deadline_of(s), what);
	if (!r)
		return -1;
	ExecStatusType st = PQresultStatus(r);
	int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
	if (!ok) {
		*sent = false;
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

int store_exec_script(store *s, const char *sql, const char *what)
{
	bool sent;
	return script(s, sql, what, &sent);
}

int store_begin(store *s)
{
	if (store_exec_script(s, "BEGIN", "begin") != 0)
		return -1;
	s->in_tx = true;
	return 0;
}

/* The transaction is over. A set_config made in it is undone if it was rolled back, and a COMMIT of a failed
 * one rolls back too: the session's plan mode is then not known until set again. */
static void end_tx(store *s)
{
	s->in_tx = false;
	if (s->plan_mode_in_tx)
		s->plan_mode = -1;
	s->plan_mode_in_tx = false;
}

int store_commit(store *s)
{
	bool sent;
	int rc = script(s, "COMMIT", "commit", &sent);
	end_tx(s);
	if (rc != 0 && sent) {
		/* the server may have committed before the answer was lost: say so, never "nothing saved" */
		s->status = STORE_UNKNOWN;
		log_error("msg=\"commit sent, its answer lost: the change may have been saved\"");
	}
	return rc;
}

void store_rollback(store *s)
{
	/* a rollback follows a failure: keep its status (a conflict stays a conflict) unless the rollback fails too */
	enum store_status why = s->status;
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK && store_exec_script(s, "ROLLBACK", "rollback") == 0)
		s->status = why;
	end_tx(s);
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
		if (!n->extra || strcmp(n->extra, "version") != 0)
			s->token_epoch++;
		PQfreemem(n);
	}
	return s->listen_epoch;
}

long long store_token_epoch(const store *s)
{
	return s->token_epoch;
}

int store_ping(store *s)
{
	PGresult *r = store_exec(s, STMT_PING, 0, NULL);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}
