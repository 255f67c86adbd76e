/* http.h - the request/response context every handler works with. */
#ifndef MEMOCAL_HTTP_H
#define MEMOCAL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "http/cookie.h"
#include "http/form.h"
#include "http/lang.h"
#include "http/multipart.h"
#include "util/arena.h"
#include "util/buf.h"

/* Methods as bits so a route can allow several. */
enum http_method {
	HTTP_GET = 1u << 0,
	HTTP_HEAD = 1u << 1,
	HTTP_POST = 1u << 2,
	HTTP_PUT = 1u << 3,
	HTTP_DELETE = 1u << 4,
	HTTP_PATCH = 1u << 5,
	HTTP_OPTIONS = 1u << 6,
	HTTP_OTHER = 1u << 7,
};

#define HTTP_MAX_PARAMS 4

/* A value captured from the path by a route pattern such as /memoranda/{id:int}. */
typedef struct http_param {
	const char *name;
	const char *value;
	long long num; /* for :int captures */
} http_param;

typedef struct http_limits {
	size_t max_body;
	size_t max_fields;
	size_t max_field_len;
	size_t max_query; /* bytes of the raw query string */
	size_t max_upload; /* a multipart body to a route flagged ROUTE_UPLOAD may be this large (0: max_body) */
} http_limits;

struct http_route;

/*
 * One request in flight. Everything it points to lives in the arena `a`
 * and dies at the end of the request; nothing from libfcgi's parameters is
 * kept past it. The response buffers belong to the worker and are reused.
 */
typedef struct http_ctx {
	char **env;                /* the FastCGI params, "NAME=value", NULL-terminated (NULL in a test's context) */
	arena *a;
	void *app;                 /* the program's own state (store, views, config) */

	/* request */
	enum http_method method;
	const char *method_name;
	const char *path;          /* percent-decoded, valid UTF-8 */
	const char *query_string;  /* raw */
	form query;
	form body;                 /* the form fields: urlencoded, or the text parts of multipart/form-data */
	multipart upload;          /* every part of a multipart/form-data body, files included */
	const char *body_raw;
	size_t body_len;
	const char *content_type;
	cookie_jar cookies;
	const char *remote_addr;
	bool https;
	enum lang lang;
	/* the program's own per-request state (memocal-web: who is asking, pages/app.h), in the
	 * arena; NULL at the start of every request, so nothing of an earlier one can be read */
	void *local;

	/* routing */
	const struct http_route *route;
	http_param params[HTTP_MAX_PARAMS];
	size_t nparams;

	/* response */
	int status;
	buf *headers;              /* "Name: value\r\n" lines */
	buf *body_out;
	const char *error_key;     /* catalogue key for the error page */
	const char *error_field;   /* the field an error is about, if any */
	struct timespec started;
} http_ctx;

/* A request header by its CGI name ("HTTP_USER_AGENT") or a FastCGI param; NULL if absent. Like libfcgi's
 * FCGX_GetParam: the first "NAME=" in c->env. */
const char *http_getenv(const http_ctx *c, const char *name);

const char *http_param_str(const http_ctx *c, const char *name);
long long http_param_int(const http_ctx *c, const char *name); /* -1 if absent */

/* First value of a query-string field, or NULL. */
const char *http_query(const http_ctx *c, const char *name);

/* Adds a response header. A value with CR or LF is refused (-1): that would be header injection. */
int http_header(http_ctx *c, const char *name, const char *value);
void http_content_type(http_ctx *c, const char *type);
/*
 * Whether p (already decoded) is a path on this site that is safe as a redirect target: one "/"
 * and then anything but "/" or "\\", and no white space, control character or backslash
 * anywhere. Browsers drop tabs and newlines inside a URL and read "\\" as "/", so "/<TAB>/evil"
 * and "/\\evil" would both send the user to another host ("//evil").
 */
bool http_local_path(const char *p);

/* 303 See Other (after a POST) or another 3xx to a local path. */
void http_redirect(http_ctx *c, int status, const char *location);

const char *http_reason(int status);
enum http_method http_method_parse(const char *name);
/* "GET, HEAD" for an Allow header. */
const char *http_methods_text(arena *a, unsigned methods);

#endif
