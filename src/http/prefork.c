/* prefork.c - the parent process: one listening socket, N workers, restarts, drain and reload. */
#include "http/prefork.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "util/log.h"

#define MAX_WORKERS 256

static int listen_unix(const char *path)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		log_error("msg=\"unix socket path too long\" path=\"%s\"", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path); /* a stale socket from a previous run */
	/* nginx runs as another user: let the socket's directory decide who may connect */
	mode_t old = umask(0);
	int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (rc != 0 || listen(fd, SOMAXCONN) != 0) {
		log_error("msg=\"cannot listen\" listen=\"unix:%s\" cause=\"%s\"", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int listen_tcp(const char *spec)
{
	const char *colon = strrchr(spec, ':');
	if (!colon || colon == spec || !colon[1]) {
		log_error("msg=\"listen address must be HOST:PORT, [V6]:PORT or unix:/path\" listen=\"%s\"", spec);
		return -1;
	}
	/* a copy as long as the host part, whatever its length: getaddrinfo says whether it is one */
	char *host = strndup(spec, (size_t)(colon - spec));
	if (!host) {
		log_error("msg=\"out of memory\" listen=\"%s\"", spec);
		return -1;
	}
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	int gai = getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &res);
	free(host);
	if (gai != 0) {
		log_error("msg=\"cannot resolve listen address\" listen=\"%s\" cause=\"%s\"", spec, gai_strerror(gai));
		return -1;
	}
	int fd = -1, err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, SOMAXCONN) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		log_error("msg=\"cannot listen\" listen=\"%s\" cause=\"%s\"", spec, strerror(err));
	return fd;
}

static bool is_listening_socket(int fd)
{
	int val;
	socklen_t len = sizeof val;
	return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &val, &len) == 0 && val;
}

int prefork_listen(const char *spec)
{
	if (spec && *spec)
		return strncmp(spec, "unix:", 5) == 0 ? listen_unix(spec + 5) : listen_tcp(spec);
	/* systemd socket activation: LISTEN_PID is us, the first socket is fd 3 */
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	if (pid && fds && strtol(pid, NULL, 10) == (long)getpid() && strtol(fds, NULL, 10) >= 1) {
		unsetenv("LISTEN_PID");
		unsetenv("LISTEN_FDS");
		unsetenv("LISTEN_FDNAMES");
		if (is_listening_socket(3)) {
			fcntl(3, F_SETFD, FD_CLOEXEC);
			return 3;
		}
	}
	/* spawn-fcgi and the FastCGI convention: the socket is stdin */
	if (is_listening_socket(0))
		return 0;
	log_error("msg=\"no listen address given and no socket inherited (LISTEN_FDS or fd 0)\"");
	return -1;
}

/* ---- the parent ---- */

struct slot {
	pid_t pid;
	unsigned generation;
	struct timespec started;
};

static struct slot slots[MAX_WORKERS * 2]; /* room for an old and a new generation during reload */
static int listen_fd = -1;
static int devnull_fd = -1; /* a worker's stand-in for the listening socket once its parent is gone */
static volatile sig_atomic_t worker_stop;

/* TERM/INT: stop taking new connections; what is queued and in flight is still served
 * (http/server.c lets these signals in only while it waits for a connection). */
static void worker_on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

/* The parent died (PR_SET_PDEATHSIG): nobody will replace or stop this worker, and a new parent
 * must be able to bind the address at once. The listening socket is let go this instant (its
 * descriptor now names /dev/null, so no later open can take its number), the request in flight
 * is finished, and the worker ends. */
static void worker_on_orphan(int sig)
{
	(void)sig;
	worker_stop = 1;
	if (devnull_fd >= 0)
		dup2(devnull_fd, listen_fd);
}

static pid_t spawn(prefork_opts *o, unsigned generation)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		log_error("msg=\"fork failed\" cause=\"%s\"", strerror(errno));
		return -1;
	}
	if (pid > 0)
		return pid;
	/* child: default dispositions, then our own drain handler */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = worker_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = worker_on_orphan;
	sa.sa_flags = SA_RESTART; /* it may come at any time: let reads and writes go on */
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_SETMASK, &set, NULL); /* TERM/INT stay blocked outside the wait for a connection */
	devnull_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	/* die with the parent: a killed parent must not leave workers holding its address */
	if (prctl(PR_SET_PDEATHSIG, SIGUSR2) != 0 || getppid() != parent)
		_exit(1);
	(void)generation;
	int rc = o->worker(listen_fd, &worker_stop, o->ctx);
	_exit(rc == 0 ? 0 : 1);
}

static int count_alive(void)
{
	int n = 0;
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		n += slots[i].pid > 0;
	return n;
}

static struct slot *free_slot(void)
{
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (slots[i].pid <= 0)
			return &slots[i];
	return NULL;
}

static void start_worker(prefork_opts *o, unsigned generation)
{
	struct slot *s = free_slot();
	if (!s)
		return;
	pid_t pid = spawn(o, generation);
	if (pid > 0) {
		s->pid = pid;
		s->generation = generation;
		clock_gettime(CLOCK_MONOTONIC, &s->started);
	}
}

static void signal_generation(unsigned generation, int sig, bool older)
{
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (slots[i].pid > 0 && (older ? slots[i].generation < generation : true))
			kill(slots[i].pid, sig);
}

int prefork_run(prefork_opts *o)
{
	if (o->workers < 1 || o->workers > MAX_WORKERS) {
		log_error("msg=\"workers must be between 1 and %d\" workers=%d", MAX_WORKERS, o->workers);
		return 2;
	}
	/* the spec may point into a config that a reload frees: keep our own copy */
	char *spec = strdup(o->listen ? o->listen : "");
	if (!spec)
		return 1;
	listen_fd = prefork_listen(spec);
	if (listen_fd < 0) {
		free(spec);
		return 1;
	}
	/* Non-blocking: the workers wait for a connection in poll(2) and then accept; the one that
	 * loses the race gets EAGAIN and waits again, instead of blocking in accept(2) where no
	 * signal may reach it (http/server.c). Accepted connections do not inherit the flag. */
	int fl = fcntl(listen_fd, F_GETFL);
	if (fl < 0 || fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) != 0) {
		log_error("msg=\"cannot make the listening socket non-blocking\" cause=\"%s\"", strerror(errno));
		free(spec);
		return 1;
	}

	/* The parent handles its signals synchronously; set before any fork so
	 * nothing is lost between fork and the wait loop. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned generation = 1;
	for (int i = 0; i < o->workers; i++)
		start_worker(o, generation);
	log_info("msg=started program=%s workers=%d listen=\"%s\"", o->name, o->workers, *spec ? spec : "inherited");

	bool stopping = false;
	struct timespec deadline = {0, 0};
	unsigned fast_deaths = 0;
	for (;;) {
		struct timespec tick = {1, 0};
		siginfo_t info;
		int sig = sigtimedwait(&set, &info, &tick);
		if (sig == SIGTERM || sig == SIGINT) {
			if (!stopping) {
				log_info("msg=\"draining\" program=%s", o->name);
				stopping = true;
				/* no new connection to a unix socket from now on; those queued are still served */
				if (strncmp(spec, "unix:", 5) == 0)
					unlink(spec + 5);
				clock_gettime(CLOCK_MONOTONIC, &deadline);
				deadline.tv_sec += o->drain_seconds > 0 ? o->drain_seconds : 30;
				signal_generation(generation, SIGTERM, false);
			}
		} else if (sig == SIGHUP && !stopping) {
			int workers = o->workers;
			if (o->reload && o->reload(o->ctx, &workers) != 0) {
				log_error("msg=\"reload refused; old workers keep serving\" program=%s", o->name);
			} else {
				if (workers < 1 || workers > MAX_WORKERS)
					workers = o->workers;
				/* new workers first, then drain the old: the socket never lacks an acceptor */
				generation++;
				o->workers = workers;
				for (int i = 0; i < o->workers; i++)
					start_worker(o, generation);
				signal_generation(generation, SIGTERM, true);
				log_info("msg=reloaded program=%s generation=%u workers=%d", o->name, generation, o->workers);
			}
		}
		/* reap whatever died, whichever signal woke us */
		pid_t pid;
		int status;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
				if (slots[i].pid != pid)
					continue;
				slots[i].pid = 0;
				bool current = slots[i].generation == generation;
				if (stopping || !current)
					break;
				if (WIFSIGNALED(status))
					log_error("msg=\"worker killed; restarting\" program=%s worker=%ld signal=%d", o->name, (long)pid,
					          WTERMSIG(status));
				else
					log_error("msg=\"worker exited; restarting\" program=%s worker=%ld status=%d", o->name, (long)pid,
					          WEXITSTATUS(status));
				struct timespec now;
				clock_gettime(CLOCK_MONOTONIC, &now);
				/* a worker that dies at once (database down, bad templates) is
				 * restarted at most a few times a second, not in a tight loop */
				if (now.tv_sec - slots[i].started.tv_sec < 1) {
					if (++fast_deaths > 5) {
						struct timespec pause = {0, 200 * 1000 * 1000};
						nanosleep(&pause, NULL);
					}
				} else {
					fast_deaths = 0;
				}
				start_worker(o, generation);
				break;
			}
		}
		if (stopping) {
			if (count_alive() == 0)
				break;
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec >= deadline.tv_sec) {
				log_error("msg=\"drain timed out; killing workers\" program=%s", o->name);
				signal_generation(generation, SIGKILL, false);
				deadline.tv_sec = now.tv_sec + 5;
			}
		}
	}
	if (strncmp(spec, "unix:", 5) == 0)
		unlink(spec + 5);
	close(listen_fd);
	free(spec);
	log_info("msg=stopped program=%s", o->name);
	return 0;
}
