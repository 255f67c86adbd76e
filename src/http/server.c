/* server.c - a worker's request loop: read, limit, route, handle, answer, log. */
#include "http/server.h"

#include <errno.h>
#include <fcgiapp.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <sys/time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"
#include "util/utf8.h"

static long long elapsed_us(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long long)(t1.tv_sec - t0->tv_sec) * 1000000 + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

void http_finish_error(http_ctx *c, const http_app *app, int status, const char *key)
{
	c->status = status;
	c->error_key = key;
	buf_reset(c->headers);
	buf_reset(c->body_out);
	if (app->render_error) {
		app->render_error(c);
	} else {
		http_content_type(c, "text/plain; charset=utf-8");
		buf_printf(c->body_out, "%d %s\n", status, http_reason(status));
	}
}

/* Splits REQUEST_URI into a decoded path and the raw query; NULL path on bad input. */
static int read_target(http_ctx *c, const http_app *app)
{
	const char *uri = http_getenv(c, "REQUEST_URI");
	if (!uri || uri[0] != '/')
		uri = http_getenv(c, "DOCUMENT_URI");
	if (!uri || uri[0] != '/')
		return 400;
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	char *path;
	size_t len;
	enum form_error e = form_decode(c->a, uri, plen, false, 8192, &path, &len);
	if (e != FORM_OK) {
		c->error_key = form_error_key(e);
		return e == FORM_TOO_LONG ? 414 : 400;
	}
	c->path = path;
	c->query_string = q ? q + 1 : "";
	size_t qlen = strlen(c->query_string);
	if (qlen > app->limits.max_query) {
		c->error_key = "error.query_too_long";
		return 414;
	}
	form_limits lim = {app->limits.max_fields, app->limits.max_field_len};
	const char *bad;
	e = form_parse(c->a, c->query_string, qlen, &lim, &c->query, &bad);
	if (e != FORM_OK) {
		c->error_key = form_error_key(e);
		c->error_field = bad;
		return (e == FORM_TOO_MANY || e == FORM_TOO_LONG) ? 414 : 400;
	}
	return 0;
}

static bool is_form_type(const char *ct)
{
	static const char form_type[] = "application/x-www-form-urlencoded";
	size_t n = sizeof form_type - 1;
	return ct && strncasecmp(ct, form_type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* SIGALRM only interrupts a read that waits too long (no SA_RESTART); nothing else to do. */
static void on_read_deadline(int sig)
{
	(void)sig;
}

/* Arms (seconds > 0) or stops a SIGALRM every `seconds`: a blocked read of params or body, or
 * libfcgi's wait for the client to close, is interrupted and fails, whatever the client does. */
static void read_deadline(unsigned seconds)
{
	struct itimerval t = {{(time_t)seconds, 0}, {(time_t)seconds, 0}};
	setitimer(ITIMER_REAL, &t, NULL);
}

/* Whether a body of n bytes over max_body may still be read: a multipart upload within max_upload to a route
 * flagged ROUTE_UPLOAD (matched here on the path alone; dispatch matches it again after reading). */
static bool upload_allowed(http_ctx *c, const http_app *app, unsigned long long n)
{
	if (n > app->limits.max_upload || !multipart_is_form_data(c->content_type))
		return false;
	unsigned allowed;
	bool ok = router_match(app->routes, app->nroutes, c, &allowed) == ROUTE_FOUND && (c->route->flags & ROUTE_UPLOAD);
	c->route = NULL;
	c->nparams = 0;
	return ok;
}

/* Reads at most max_body bytes of body (max_upload for an upload); more is 413 without reading the rest. */
static int read_body(http_ctx *c, const http_app *app, const http_io *io)
{
	const char *cl = http_getenv(c, "CONTENT_LENGTH");
	c->content_type = http_getenv(c, "CONTENT_TYPE");
	if (!cl || !*cl) {
		if (c->method == HTTP_POST || c->method == HTTP_PUT || c->method == HTTP_PATCH)
			cl = "0"; /* nginx always sends CONTENT_LENGTH for a body; none means empty */
		else
			return 0;
	}
	char *end;
	errno = 0;
	unsigned long long n = strtoull(cl, &end, 10);
	if (errno || *end || end == cl)
		return 400;
	if (n > app->limits.max_body && !upload_allowed(c, app, n)) {
		c->error_key = multipart_is_form_data(c->content_type) ? "error.upload_too_large" : "error.body_too_large";
		return 413;
	}
	char *body = arena_alloc(c->a, (size_t)n + 1);
	int got = n ? io->read(io->ctx, body, (int)n) : 0;
	if (got == HTTP_IO_TOO_SLOW) {
		c->error_key = "error.too_slow";
		return 408; /* read_deadline: the client sends too slowly */
	}
	if (got < 0 || (unsigned long long)got != n)
		return 400; /* client went away mid-body */
	body[n] = '\0';
	c->body_raw = body;
	c->body_len = (size_t)n;
	if (is_form_type(c->content_type)) {
		form_limits lim = {app->limits.max_fields, app->limits.max_field_len};
		const char *bad;
		enum form_error e = form_parse(c->a, body, (size_t)n, &lim, &c->body, &bad);
		if (e != FORM_OK) {
			c->error_key = form_error_key(e);
			c->error_field = bad;
			return (e == FORM_TOO_MANY || e == FORM_TOO_LONG) ? 413 : 400;
		}
	} else if (multipart_is_form_data(c->content_type)) {
		/* text parts get the same limits as an urlencoded form; at most one file, bounded by max_body (or max_upload) */
		multipart_limits lim = {app->limits.max_fields, app->limits.max_field_len, 1};
		const char *bad;
		enum multipart_error e = multipart_parse(c->a, c->content_type, body, (size_t)n, &lim, &c->upload, &c->body,
		                                         &bad);
		if (e != MULTIPART_OK) {
			c->error_key = multipart_error_key(e);
			c->error_field = bad;
			return multipart_error_status(e);
		}
	}
	return 0;
}

static void read_request(http_ctx *c)
{
	c->method_name = http_getenv(c, "REQUEST_METHOD");
	if (!c->method_name)
		c->method_name = "GET";
	c->method = http_method_parse(c->method_name);
	c->remote_addr = http_getenv(c, "REMOTE_ADDR");
	const char *https = http_getenv(c, "HTTPS");
	c->https = https && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);
	cookie_parse(c->a, http_getenv(c, "HTTP_COOKIE"), 32, &c->cookies);
	int l = lang_parse(cookie_get(&c->cookies, "lang"));
	c->lang = l >= 0 ? (enum lang)l : lang_negotiate(http_getenv(c, "HTTP_ACCEPT_LANGUAGE"), LANG_EN);
}

static int dispatch(http_ctx *c, const http_app *app, const http_io *io)
{
	int rc = read_target(c, app);
	if (!rc)
		rc = read_body(c, app, io);
	read_deadline(0); /* the request is in: what follows takes the time it takes */
	if (rc)
		return rc;
	unsigned allowed;
	switch (router_match(app->routes, app->nroutes, c, &allowed)) {
	case ROUTE_NOT_FOUND:
		return 404;
	case ROUTE_METHOD_NOT_ALLOWED:
		http_header(c, "Allow", http_methods_text(c->a, allowed));
		return 405;
	case ROUTE_FOUND:
		break;
	}
	if (app->before && (rc = app->before(c)) != 0)
		return rc < 0 ? 0 : rc; /* < 0: the hook answered (a redirect to log in) */
	c->status = 200;
	return c->route->handler(c);
}

static void respond(http_ctx *c, const http_io *io)
{
	char head[128];
	int n = snprintf(head, sizeof head, "Status: %d %s\r\n", c->status, http_reason(c->status));
	io->write(io->ctx, head, (size_t)n);
	io->write(io->ctx, c->headers->data ? c->headers->data : "", c->headers->len);
	if (c->status != 304 && c->status != 204) {
		n = snprintf(head, sizeof head, "Content-Length: %zu\r\n", c->body_out->len);
		io->write(io->ctx, head, (size_t)n);
	}
	io->write(io->ctx, "\r\n", 2);
	if (c->method != HTTP_HEAD && c->status != 304 && c->body_out->len)
		io->write(io->ctx, c->body_out->data, c->body_out->len);
}

/*
 * The path as the request log may keep it. A board member's page is reached with their feed's secret
 * (/board/SECRET/...), a feed at /feeds/SECRET.ics: the log must not keep what the database keeps only
 * hashed, so that segment is written "(secret)", whichever handler answered (a 404 or 405 too).
 */
static const char *loggable_path(http_ctx *c)
{
	const char *p = c->path ? c->path : http_getenv(c, "REQUEST_URI");
	static const char board[] = "/board/", feeds[] = "/feeds/";
	if (p && strncmp(p, board, sizeof board - 1) == 0) {
		const char *rest = strchr(p + sizeof board - 1, '/');
		return arena_printf(c->a, "%s(secret)%s", board, rest ? rest : "");
	}
	/* a feed's address, whatever the method (calendar apps send OPTIONS and PROPFIND too) or the case of its
	 * extension: every segment after /feeds/ but the staff pages' own (new, a number) and healthz is taken for
	 * a secret */
	if (p && strncmp(p, feeds, sizeof feeds - 1) == 0) {
		const char *seg = p + sizeof feeds - 1;
		size_t len = strcspn(seg, "/?");
		bool staff = (len == 3 && strncmp(seg, "new", 3) == 0) || (len == 7 && strncmp(seg, "healthz", 7) == 0) ||
		             (len > 0 && strspn(seg, "0123456789") == len);
		if (len && !staff) {
			const char *dot = memchr(seg, '.', len);
			return arena_printf(c->a, "%s(secret)%.*s%s", feeds, dot ? (int)(seg + len - dot) : 0, dot ? dot : "",
			                    seg + len);
		}
	}
	return p;
}

static void log_request(http_ctx *c)
{
	if (log_threshold > LOG_INFO)
		return;
	buf line = BUF_INIT;
	log_quote(&line, loggable_path(c), 256);
	if (c->error_key && c->status >= 400) {
		buf_puts(&line, " error=");
		log_quote(&line, c->error_key, 64);
	}
	log_write(LOG_INFO, "msg=request method=%s path=%s status=%d bytes=%zu us=%lld", c->method_name, buf_cstr(&line),
	          c->status, c->method == HTTP_HEAD ? 0 : c->body_out->len, elapsed_us(&c->started));
	buf_free(&line);
}

void http_worker_init(http_worker *w)
{
	arena_init(&w->a, 32768);
	w->headers = (buf)BUF_INIT;
	w->body = (buf)BUF_INIT;
}

void http_worker_free(http_worker *w)
{
	arena_free(&w->a);
	buf_free(&w->headers);
	buf_free(&w->body);
}

void http_serve_request(http_worker *w, const http_app *app, const http_io *io)
{
	http_ctx c;
	memset(&c, 0, sizeof c);
	clock_gettime(CLOCK_MONOTONIC, &c.started);
	c.env = io->params;
	c.a = &w->a;
	c.app = app->app;
	c.headers = &w->headers;
	c.body_out = &w->body;
	read_request(&c);
	int rc = dispatch(&c, app, io);
	if (rc != 0) {
		/* keep an Allow header set for 405; everything else starts afresh */
		buf allow = BUF_INIT;
		if (rc == 405)
			buf_append(&allow, w->headers.data, w->headers.len);
		http_finish_error(&c, app, rc, c.error_key);
		if (rc == 405)
			buf_append(&w->headers, allow.data, allow.len);
		buf_free(&allow);
	}
	respond(&c, io);
	log_request(&c); /* before the caller finishes the request: method_name points into its params */
	/* nothing of this request may be seen by the next: its arena and both buffers are emptied */
	bool big = w->a.total > (8u << 20) || w->body.cap > (4u << 20);
	arena_reset(&w->a);
	buf_reset(&w->headers);
	buf_reset(&w->body);
	/* a one-off huge response must not pin memory in the worker for ever */
	if (w->body.cap > (4u << 20))
		buf_free(&w->body);
#ifdef __GLIBC__
	/* nor a large request's freed memory: glibc keeps what a request freed in its heap, among what is still
	 * used, so a memocal-feed worker that had rendered the 5000-event feed stayed at 29 MB of RSS after it;
	 * given back, 16 MB (of which 5 MB is the subscriber's copy it keeps). Only after a request that used more
	 * than 8 MB: a trim walks the heap, which a small request (a 304) should not pay for, and the memory it gives
	 * back is faulted in again by the next request that needs it (at 1 MB, every agenda page of 500 occurrences
	 * paid for that: a fifth of its time in page faults). */
	if (big)
		malloc_trim(0);
#endif
}

/*
 * Returns 0 when a request was accepted (its params read; the read deadline still runs for its
 * body), -1 when the worker should stop. The drain signal is let in only inside ppoll(2), which
 * unblocks it atomically: one that came while a request was served is delivered there at once.
 * Accepting happens with it blocked; the listening socket is non-blocking, so a worker that loses
 * the race for a connection gets EAGAIN and waits again. After the signal, what is already queued
 * is still taken (a drain loses no request that reached the socket), then the worker stops.
 */
static int accept_one(FCGX_Request *req, int listen_fd, volatile sig_atomic_t *stop, unsigned read_timeout)
{
	sigset_t waiting;
	sigprocmask(SIG_BLOCK, NULL, &waiting);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGINT);
	for (;;) {
		struct pollfd p = {listen_fd, POLLIN, 0};
		if (*stop) {
			if (poll(&p, 1, 0) != 1 || !(p.revents & POLLIN))
				return -1;
		} else {
			int rc = ppoll(&p, 1, NULL, &waiting);
			if (rc < 0 && errno == EINTR)
				continue;
			if (rc != 1 || (p.revents & POLLNVAL))
				return -1;
		}
		read_deadline(read_timeout);
		int rc = FCGX_Accept_r(req);
		if (rc == 0)
			return 0;
		read_deadline(0);
		/* taken by another worker, or a client too slow with its params: wait for the next */
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
			continue;
		return -1;
	}
}

/* libfcgi's streams behind http_io */
static int fcgi_read(void *ctx, char *dst, int n)
{
	FCGX_Stream *in = ((FCGX_Request *)ctx)->in;
	int got = FCGX_GetStr(dst, n, in);
	return got < n && FCGX_GetError(in) == EINTR ? HTTP_IO_TOO_SLOW : got;
}

static void fcgi_write(void *ctx, const char *src, size_t n)
{
	FCGX_Stream *out = ((FCGX_Request *)ctx)->out;
	while (n > 0) {
		/* libfcgi counts in int */
		int chunk = n > (1u << 30) ? (1 << 30) : (int)n;
		if (FCGX_PutStr(src, chunk, out) != chunk)
			return; /* the client went away; FCGX_Finish_r cleans up */
		src += chunk;
		n -= (size_t)chunk;
	}
}

int http_serve(int listen_fd, const http_app *app, volatile sig_atomic_t *stop)
{
	if (FCGX_Init() != 0) {
		log_error("msg=\"FCGX_Init failed\"");
		return -1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_read_deadline; /* no SA_RESTART: a slow read must fail */
	sigaction(SIGALRM, &sa, NULL);
	FCGX_Request req;
	if (FCGX_InitRequest(&req, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("msg=\"FCGX_InitRequest failed\"");
		return -1;
	}
	http_worker w;
	http_worker_init(&w);
	while (accept_one(&req, listen_fd, stop, app->read_timeout) == 0) {
		http_io io = {req.envp, fcgi_read, fcgi_write, &req};
		http_serve_request(&w, app, &io);
		read_deadline(app->read_timeout); /* libfcgi waits for the client to close: not for ever */
		FCGX_Finish_r(&req);
		read_deadline(0);
	}
	FCGX_Free(&req, 1);
	http_worker_free(&w);
	return 0;
}
