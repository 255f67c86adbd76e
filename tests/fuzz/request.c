/* request.c - libFuzzer harness body: whole FastCGI requests, several in a row, through a program's worker. */
#include "fuzz.h"
#include "request.h"

#include "cal/time.h"
#include "http/server.h"
#include "util/log.h"
#include "util/secret.h"

#ifndef MEMOCAL_FUZZ_TEMPLATES
#define MEMOCAL_FUZZ_TEMPLATES "templates"
#endif

#define MAX_REQUESTS 8
#define MAX_PARAMS 64

static program prog;
static config cfg;
static app ap;
static http_app happ;
static http_worker worker;
static buf reference; /* the answer to the probe, from a worker that has served nothing before */

/* The request's body as libfcgi's input stream gives it, and the answer as its output stream takes it. */
typedef struct exchange {
	const char *body;
	size_t len, at;
	buf out;
} exchange;

static int read_body(void *ctx, char *dst, int n)
{
	exchange *x = ctx;
	size_t k = x->len - x->at < (size_t)n ? x->len - x->at : (size_t)n;
	memcpy(dst, x->body + x->at, k);
	x->at += k;
	return (int)k;
}

static void write_answer(void *ctx, const char *src, size_t n)
{
	buf_append(&((exchange *)ctx)->out, src, n);
}

/*
 * What libfcgi would hand over: every param a string of its own (malloc'd to its size, so reading past
 * one is a report), the request's first, then defaults for what it left out, then CONTENT_LENGTH
 * counted from the body unless the request gave one (a wrong one is a test of its own).
 */
static char **params_of(const char *s, size_t n, size_t body_len)
{
	static const char *const defaults[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/", "REMOTE_ADDR=127.0.0.1",
	                                       "SERVER_PROTOCOL=HTTP/1.1", NULL};
	char **env = calloc(MAX_PARAMS + 8, sizeof *env);
	size_t k = 0;
	bool has_length = false;
	fuzz_lines in = {s, n};
	const char *l;
	size_t ln;
	while (k < MAX_PARAMS && fuzz_line(&in, &l, &ln)) {
		if (!memchr(l, '=', ln) || memchr(l, '\0', ln))
			continue; /* libfcgi's params are "NAME=value" C strings */
		env[k++] = fuzz_strndup(l, ln);
		has_length |= ln >= 15 && memcmp(l, "CONTENT_LENGTH=", 15) == 0;
	}
	for (const char *const *d = defaults; *d; d++)
		env[k++] = fuzz_strndup(*d, strlen(*d));
	if (!has_length && body_len) {
		char cl[40];
		snprintf(cl, sizeof cl, "CONTENT_LENGTH=%zu", body_len);
		env[k++] = fuzz_strndup(cl, strlen(cl));
	}
	env[k] = NULL;
	return env;
}

/* The answer as nginx would read it: a status line, header lines, a blank line, then exactly Content-Length
 * bytes of body, which is UTF-8 (HTML, plain text or iCalendar alike). Returns the status. */
static int check_answer(const buf *out, bool head)
{
	const char *s = out->data ? out->data : "";
	size_t n = out->len;
	FUZZ_CHECK(n > 12 && memcmp(s, "Status: ", 8) == 0, "no status line");
	int status = atoi(s + 8);
	FUZZ_CHECK(status >= 200 && status <= 599, "status %d", status);
	const char *end = memmem(s, n, "\r\n\r\n", 4);
	FUZZ_CHECK(end != NULL, "no end of headers");
	for (const char *p = s; p < end + 2;) {
		const char *eol = memmem(p, (size_t)(end + 2 - p), "\r\n", 2);
		FUZZ_CHECK(eol && memchr(p, ':', (size_t)(eol - p)) && !memchr(p, '\n', (size_t)(eol - p)) &&
		                   !memchr(p, '\r', (size_t)(eol - p)),
		           "a broken header line");
		p = eol + 2;
	}
	const char *body = end + 4;
	size_t blen = n - (size_t)(body - s);
	const char *cl = memmem(s, (size_t)(end - s), "\r\nContent-Length: ", 18);
	if (cl && !head)
		FUZZ_CHECK((size_t)strtoull(cl + 18, NULL, 10) == blen, "Content-Length %s for %zu bytes", cl + 18, blen);
	FUZZ_CHECK(utf8_valid(body, blen), "a body of %zu bytes that is not UTF-8 (status %d)", blen, status);
	/* nothing answers 500 without a database: that is 503, and anything else is an error of its own */
	FUZZ_CHECK(status != 500, "500 Internal Server Error:\n%.*s", (int)(n < 2000 ? n : 2000), s);
	return status;
}

static void serve(const char *params, size_t plen, const char *body, size_t blen, buf *answer)
{
	char **env = params_of(params, plen, blen);
	/* the body in a buffer of its own size, as libfcgi's stream would give it */
	char *copy = malloc(blen ? blen : 1);
	memcpy(copy, body, blen);
	exchange x = {copy, blen, 0, BUF_INIT};
	http_io io = {env, read_body, write_answer, &x};
	http_serve_request(&worker, &happ, &io);
	bool head = false;
	for (char **e = env; *e; e++)
		if (strncmp(*e, "REQUEST_METHOD=", 15) == 0) {
			head = strcmp(*e + 15, "HEAD") == 0;
			break;
		}
	check_answer(&x.out, head);
	if (answer) {
		buf_reset(answer);
		buf_append(answer, x.out.data, x.out.len);
	}
	buf_free(&x.out);
	free(copy);
	for (char **e = env; *e; e++)
		free(*e);
	free(env);
}

/* A visitor's request for a page that does not exist: answered before the guard, so it must never show
 * anything of the requests before it. */
static const char probe[] = "REQUEST_URI=/no-such-page/fuzz\nREQUEST_METHOD=GET";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* never a real database: the store answers "unavailable" and pages 503 */
	setenv("MEMOCAL_WEB_DSN", "host=/nonexistent/memocal-fuzz dbname=memocal connect_timeout=1", 1);
	setenv("MEMOCAL_FEED_DSN", "host=/nonexistent/memocal-fuzz dbname=memocal connect_timeout=1", 1);
	setenv("MEMOCAL_FEED_CACHE_DIR", "/nonexistent/memocal-fuzz-cache", 1);
	/* tests/run's small limits, so that the fuzzer reaches them */
	setenv("MEMOCAL_MAX_BODY", "4096", 1);
	setenv("MEMOCAL_MAX_FIELDS", "50", 1);
	setenv("MEMOCAL_MAX_FIELD_LEN", "1024", 1);
	setenv("MEMOCAL_TEMPLATE_DIR", MEMOCAL_FUZZ_TEMPLATES, 0);
	char err[512];
	if (config_load(&cfg, "/dev/null", err, sizeof err) != 0) {
		fprintf(stderr, "request harness: %s\n", err);
		exit(1);
	}
	log_threshold = LOG_LEVEL__MAX; /* one line per request, and the store's complaints: noise here */
	cal_init();
	if (secret_init() != 0)
		exit(1);
	prog = fuzz_program();
	if (serve_worker_open(&prog, &cfg, "fuzz", NULL, &ap, &happ) != 0) {
		fprintf(stderr, "request harness: templates do not load from %s (set MEMOCAL_TEMPLATE_DIR)\n",
		        cfg.template_dir);
		exit(1);
	}
	http_worker_init(&worker);
	serve(probe, sizeof probe - 1, "", 0, &reference);
	return 0;
}

/*
 * The input is up to 8 requests separated by lines "%%". Each is its params, "NAME=value" a line
 * (REQUEST_METHOD, REQUEST_URI, HTTP_COOKIE, CONTENT_TYPE, HTTP_ACCEPT_LANGUAGE, ...), an empty line,
 * then its body. One worker serves them in a row and then the probe, whose answer must be the same
 * bytes as when the worker was new: the arena reset between requests is where a leak would show.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t n = size;
	for (int i = 0; i < MAX_REQUESTS && n > 0; i++) {
		const char *sep = memmem(s, n, "\n%%\n", 4);
		size_t rlen = sep ? (size_t)(sep - s) : n;
		const char *blank = memmem(s, rlen, "\n\n", 2);
		size_t plen = blank ? (size_t)(blank - s) : rlen;
		const char *body = blank ? blank + 2 : s + rlen;
		serve(s, plen, body, (size_t)(s + rlen - body), NULL);
		if (!sep)
			break;
		s = sep + 4;
		n -= rlen + 4;
	}
	buf after = BUF_INIT;
	serve(probe, sizeof probe - 1, "", 0, &after);
	FUZZ_CHECK(after.len == reference.len && memcmp(after.data, reference.data, after.len) == 0,
	           "the probe's answer changed after these requests:\n%.*s", (int)(after.len < 3000 ? after.len : 3000),
	           after.data);
	buf_free(&after);
	return 0;
}
