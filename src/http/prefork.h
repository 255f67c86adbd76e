/* prefork.h - the parent process: one listening socket, N workers, restarts, drain and reload. */
#ifndef MEMOCAL_PREFORK_H
#define MEMOCAL_PREFORK_H

#include <signal.h>

typedef struct prefork_opts {
	const char *name;   /* program name for logs */
	const char *listen; /* "HOST:PORT", "[V6]:PORT", "unix:/path"; NULL or "" = inherit */
	int workers;
	/* Runs in each worker after fork; its return ends the worker. *stop
	 * becomes true on SIGTERM/SIGINT. */
	int (*worker)(int listen_fd, volatile sig_atomic_t *stop, void *ctx);
	/* Runs in the parent on SIGHUP before the workers are replaced (reload
	 * config, check templates); may change *workers, how many the new
	 * generation has. Non-zero keeps the old workers. May be NULL. */
	int (*reload)(void *ctx, int *workers);
	void *ctx;
	int drain_seconds; /* how long a stop waits for workers before SIGKILL */
} prefork_opts;

/* Opens (or inherits) the socket and runs until SIGTERM/SIGINT. Returns the
 * process exit status. On SIGTERM the workers stop taking new connections, serve
 * those already queued and in flight, then end (drain_seconds at most; a unix
 * socket's file is removed at once). A worker dies with its parent: killed, the
 * parent leaves no worker holding its address. */
int prefork_run(prefork_opts *o);

/* Opens a listening socket for spec, or inherits one (systemd LISTEN_FDS, or
 * fd 0 as spawn-fcgi passes it) when spec is NULL or empty. -1 with a logged
 * reason on failure; never exits. */
int prefork_listen(const char *spec);

#endif
