/* http.c - helpers on the request/response context. */
#include "http/http.h"

#include <string.h>

const char *http_getenv(const http_ctx *c, const char *name)
{
	if (!c->env)
		return NULL;
	size_t n = strlen(name);
	for (char **p = c->env; *p; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

const char *http_param_str(const http_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return c->params[i].value;
	return NULL;
}

long long http_param_int(const http_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return c->params[i].num;
	return -1;
}

const char *http_query(const http_ctx *c, const char *name)
{
	return form_get(&c->query, name);
}

int http_header(http_ctx *c, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
		return -1;
	buf_printf(c->headers, "%s: %s\r\n", name, value);
	return 0;
}

void http_content_type(http_ctx *c, const char *type)
{
	http_header(c, "Content-Type", type);
}

void http_redirect(http_ctx *c, int status, const char *location)
{
	c->status = status;
	if (http_header(c, "Location", location) != 0)
		http_header(c, "Location", "/");
}

static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{200, "OK"},
	{201, "Created"},
	{204, "No Content"},
	{301, "Moved Permanently"},
	{302, "Found"},
	{303, "See Other"},
	{304, "Not Modified"},
	{307, "Temporary Redirect"},
	{308, "Permanent Redirect"},
	{400, "Bad Request"},
	{401, "Unauthorized"},
	{403, "Forbidden"},
	{404, "Not Found"},
	{405, "Method Not Allowed"},
	{408, "Request Timeout"},
	{409, "Conflict"},
	{411, "Length Required"},
	{413, "Content Too Large"},
	{414, "URI Too Long"},
	{415, "Unsupported Media Type"},
	{422, "Unprocessable Content"},
	{429, "Too Many Requests"},
	{500, "Internal Server Error"},
	{501, "Not Implemented"},
	{503, "Service Unavailable"},
};

const char *http_reason(int status)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

static const char *const method_names[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

enum http_method http_method_parse(const char *name)
{
	for (unsigned i = 0; name && i < sizeof method_names / sizeof method_names[0]; i++)
		if (strcmp(name, method_names[i]) == 0)
			return (enum http_method)(1u << i);
	return HTTP_OTHER;
}

const char *http_methods_text(arena *a, unsigned methods)
{
	buf b = BUF_INIT;
	for (unsigned i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
		if (methods & (1u << i)) {
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, method_names[i]);
		}
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

bool http_local_path(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/')
		return false;
	for (const unsigned char *s = (const unsigned char *)p; *s; s++)
		if (*s <= ' ' || *s == 0x7f || *s == '\\')
			return false;
	/* U+0080-U+009F (C1 controls), U+00A0 and the other Unicode spaces are not stripped by
	 * browsers, and UTF-8 cannot spell "/" or "\\" with non-ASCII bytes: nothing more to refuse */
	return true;
}
