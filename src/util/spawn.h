/* spawn.h - running a filter program: bytes in on its standard input, its standard output back, within a deadline. */
#ifndef MEMOCAL_SPAWN_H
#define MEMOCAL_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * Runs argv (found on PATH; the program gets a clean environment, not the caller's) with in on its standard input and appends its standard output to out. 0 when it
 * exited 0 within timeout_ms having written at most max_out bytes; else -1 with a message in err (what it
 * said on its standard error, or why it was stopped: it is killed when the deadline passes or it writes
 * too much). The caller's process must leave SIGCHLD at its default (the prefork workers do): this waits
 * for the program itself.
 */
int spawn_filter(const char *const argv[], const void *in, size_t inlen, buf *out, size_t max_out, int timeout_ms,
                 char *err, size_t errlen);

/*
 * spawn_filter, one at a time on this machine: the run holds an exclusive lock (flock) on the folder lock_dir
 * (one every worker of every process can open, such as the templates' own). When another run holds it, this
 * one does not wait: SPAWN_BUSY, and nothing is run. A program that takes seconds (WeasyPrint) asked for by
 * many requests at once would otherwise hold every worker, and no page would be served meanwhile. When the
 * folder cannot be opened, it runs unlocked.
 */
#define SPAWN_BUSY (-3)
int spawn_filter_one(const char *lock_dir, const char *const argv[], const void *in, size_t inlen, buf *out,
                     size_t max_out, int timeout_ms, char *err, size_t errlen);

#endif
