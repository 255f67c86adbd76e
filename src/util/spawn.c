/* spawn.c - running a filter program: bytes in on its standard input, its standard output back, within a deadline. */
#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The program's whole environment: none of the worker's own (MEMOCAL_*_DSN may hold passwords), a PATH to find it
 * and a UTF-8 locale; no writable home, so nothing of it is left behind (fontconfig then works without a cache). */
static char *const clean_env[] = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/nonexistent", "LANG=C.UTF-8", NULL};

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* The child's ends go to 0, 1, 2; ours are close-on-exec and non-blocking. */
static int pipes(int in[2], int out[2], int errp[2])
{
	in[0] = in[1] = out[0] = out[1] = errp[0] = errp[1] = -1;
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0)
		return -1;
	if (fcntl(in[1], F_SETFL, O_NONBLOCK) != 0 || fcntl(out[0], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(errp[0], F_SETFL, O_NONBLOCK) != 0)
		return -1;
	return 0;
}

int spawn_filter(const char *const argv[], const void *in, size_t inlen, buf *out, size_t max_out, int timeout_ms,
                 char *err, size_t errlen)
{
	int pin[2], pout[2], perr[2];
	err[0] = '\0';
	if (pipes(pin, pout, perr) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		close_pair(pin), close_pair(pout), close_pair(perr);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
	posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
	posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
	posix_spawnattr_init(&at);
	/* the worker blocks TERM and ignores PIPE and HUP: the program starts with none of that */
	sigset_t none, dfl;
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGHUP);
	sigaddset(&dfl, SIGTERM);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, &at, (char *const *)argv, clean_env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(pin[0]), close(pout[1]), close(perr[1]);
	pin[0] = pout[1] = perr[1] = -1;
	if (rc != 0) {
		snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(rc));
		close_pair(pin), close_pair(pout), close_pair(perr);
		return -1;
	}

	long long deadline = now_ms() + timeout_ms;
	size_t sent = 0, nerr = 0;
	int result = 0;
	bool out_open = true, err_open = true;
	if (inlen == 0) {
		close(pin[1]);
		pin[1] = -1;
	}
	while (out_open || err_open) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			snprintf(err, errlen, "%s took longer than %d ms", argv[0], timeout_ms);
			result = -1;
			break;
		}
		struct pollfd pf[3] = {{pin[1], POLLOUT, 0}, {out_open ? pout[0] : -1, POLLIN, 0},
		                       {err_open ? perr[0] : -1, POLLIN, 0}};
		if (poll(pf, 3, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "poll: %s", strerror(errno));
			result = -1;
			break;
		}
		if (pin[1] >= 0 && pf[0].revents) {
			ssize_t w = write(pin[1], (const char *)in + sent, inlen - sent);
			if (w > 0)
				sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == inlen) {
				close(pin[1]); /* the end of its input (or it stopped reading) */
				pin[1] = -1;
			}
		}
		if (out_open && pf[1].revents) {
			char chunk[16384];
			ssize_t r = read(pout[0], chunk, sizeof chunk);
			if (r > 0) {
				if (out->len + (size_t)r > max_out) {
					snprintf(err, errlen, "%s wrote more than %zu bytes", argv[0], max_out);
					result = -1;
					break;
				}
				buf_append(out, chunk, (size_t)r);
			} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
				out_open = false;
			}
		}
		if (err_open && pf[2].revents) {
			char chunk[1024];
			ssize_t r = read(perr[0], chunk, sizeof chunk);
			if (r > 0) {
				/* the first line of what it said, for the log */
				for (ssize_t i = 0; i < r && nerr + 1 < errlen; i++)
					if (chunk[i] != '\n' || nerr)
						err[nerr++] = chunk[i] == '\n' || chunk[i] == '"' ? ' ' : chunk[i];
				err[nerr < errlen ? nerr : errlen - 1] = '\0';
			} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
				err_open = false;
			}
		}
	}
	close_pair(pin), close_pair(pout), close_pair(perr);
	if (result != 0)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (result == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		if (!err[0])
			snprintf(err, errlen, "%s ended with status %d", argv[0],
			         WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		result = -1;
	}
	if (result == 0)
		err[0] = '\0';
	return result;
}

int spawn_filter_one(const char *lock_dir, const char *const argv[], const void *in, size_t inlen, buf *out,
                     size_t max_out, int timeout_ms, char *err, size_t errlen)
{
	int fd = lock_dir ? open(lock_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		bool busy = errno == EWOULDBLOCK;
		close(fd);
		if (busy) {
			snprintf(err, errlen, "another run holds the slot");
			return SPAWN_BUSY;
		}
		fd = -1;
	}
	int rc = spawn_filter(argv, in, inlen, out, max_out, timeout_ms, err, errlen);
	if (fd >= 0)
		close(fd); /* the lock goes with the descriptor */
	return rc;
}
