/* multipart.c - multipart/form-data bodies (RFC 7578) split into text fields and files, with hard limits. */
#include "http/multipart.h"

#include <string.h>
#include <strings.h>

#include "util/utf8.h"

#define MAX_BOUNDARY 70        /* RFC 2046 */
#define MAX_HEADER_BLOCK 8192  /* the headers of one part */
#define MAX_FILENAME 255

static const struct {
	const char *key;
	int status;
	const char *text;
} errors[MULTIPART_ERROR__MAX] = {
	{"", 0, ""},                                                                    /* MULTIPART_OK */
	{"error.multipart_boundary", 400, "multipart body without a usable boundary"}, /* MULTIPART_NO_BOUNDARY */
	{"error.multipart_malformed", 400, "malformed multipart body"},                 /* MULTIPART_MALFORMED */
	{"error.multipart_header", 400, "malformed header in a multipart body"},        /* MULTIPART_BAD_HEADER */
	{"error.bad_utf8", 400, "text is not valid UTF-8"},                             /* MULTIPART_BAD_UTF8 */
	{"error.nul_byte", 400, "text contains a NUL byte"},                            /* MULTIPART_NUL */
	{"error.too_many_fields", 413, "too many form fields"},                         /* MULTIPART_TOO_MANY */
	{"error.field_too_long", 413, "a form field is too long"},                      /* MULTIPART_TOO_LONG */
	{"error.too_many_files", 413, "too many files in one form"},                    /* MULTIPART_TOO_MANY_FILES */
};

const char *multipart_error_key(enum multipart_error e)
{
	return e < MULTIPART_ERROR__MAX ? errors[e].key : "error.bad_request";
}

int multipart_error_status(enum multipart_error e)
{
	return e > MULTIPART_OK && e < MULTIPART_ERROR__MAX ? errors[e].status : 400;
}

const char *multipart_error_text(enum multipart_error e)
{
	return e < MULTIPART_ERROR__MAX ? errors[e].text : "bad request";
}

bool multipart_is_form_data(const char *ct)
{
	static const char type[] = "multipart/form-data";
	size_t n = sizeof type - 1;
	return ct && strncasecmp(ct, type, n) == 0 &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 2046 bchars: what a boundary may hold (a space, but not at the end). */
static bool bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || strchr("'()+_,-./:=? ", c);
}

/*
 * Reads one parameter value at *p (a token, or a quoted string) into an
 * arena string; *p moves past it. NULL for an unterminated quoted string.
 * A backslash is an ordinary character: browsers write a quote in a name as
 * %22 (HTML's form encoding), and old ones sent Windows paths as filenames.
 */
static const char *param_value(arena *a, const char **p, const char *end)
{
	const char *s = *p;
	if (s < end && *s == '"') {
		const char *close = memchr(s + 1, '"', (size_t)(end - s - 1));
		if (!close)
			return NULL;
		*p = close + 1;
		return arena_strndup(a, s + 1, (size_t)(close - s - 1));
	}
	const char *v = s;
	while (s < end && *s != ';' && !is_space(*s))
		s++;
	*p = s;
	return arena_strndup(a, v, (size_t)(s - v));
}

/*
 * Walks the "; name=value" parameters of a header value from p to end and
 * returns the value of the first parameter called want (case-insensitive),
 * or NULL. *bad is set when the parameters are not well formed.
 */
static const char *header_param(arena *a, const char *p, const char *end, const char *want, bool *bad)
{
	const char *found = NULL;
	*bad = false;
	while (p < end) {
		while (p < end && (is_space(*p) || *p == ';'))
			p++;
		if (p >= end)
			break;
		const char *name = p;
		while (p < end && *p != '=' && *p != ';' && !is_space(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p != '=') {
			/* a bare word ("form-data") carries no value: skip it */
			continue;
		}
		p++;
		while (p < end && is_space(*p))
			p++;
		const char *v = param_value(a, &p, end);
		if (!v) {
			*bad = true;
			return NULL;
		}
		if (!found && nlen == strlen(want) && strncasecmp(name, want, nlen) == 0)
			found = v;
	}
	return found;
}

const char *multipart_boundary(arena *a, const char *ct)
{
	if (!multipart_is_form_data(ct))
		return NULL;
	const char *semi = strchr(ct, ';');
	if (!semi)
		return NULL;
	bool bad;
	const char *b = header_param(a, semi, ct + strlen(ct), "boundary", &bad);
	if (!b || bad)
		return NULL;
	size_t n = strlen(b);
	if (n < 1 || n > MAX_BOUNDARY || b[n - 1] == ' ')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return NULL;
	return b;
}

/*
 * The next delimiter at or after from: CRLF "--" boundary followed by "--"
 * (the last one) or by optional white space and CRLF. Returns its offset
 * (of the CR) or -1; *next is where the next part begins, *last tells the
 * closing one. Without at_start the delimiter must begin with CRLF; with it,
 * one at offset 0 without the CRLF counts too (the body's first line).
 */
static long find_delimiter(const char *body, size_t n, size_t from, const char *delim, size_t dlen, bool at_start,
                           size_t *next, bool *last)
{
	if (at_start && from == 0 && n >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		/* "--boundary" on the very first line */
		size_t p = dlen - 2;
		if (n - p >= 2 && body[p] == '-' && body[p + 1] == '-') {
			*last = true;
			*next = p + 2;
			return 0;
		}
		while (p < n && is_space(body[p]))
			p++;
		if (n - p >= 2 && body[p] == '\r' && body[p + 1] == '\n') {
			*last = false;
			*next = p + 2;
			return 0;
		}
	}
	while (from < n) {
		const char *hit = memmem(body + from, n - from, delim, dlen);
		if (!hit)
			return -1;
		size_t at = (size_t)(hit - body);
		size_t p = at + dlen;
		if (n - p >= 2 && body[p] == '-' && body[p + 1] == '-') {
			*last = true;
			*next = p + 2;
			return (long)at;
		}
		while (p < n && is_space(body[p]))
			p++;
		if (n - p >= 2 && body[p] == '\r' && body[p + 1] == '\n') {
			*last = false;
			*next = p + 2;
			return (long)at;
		}
		from = at + 1; /* "--boundaryX": data that merely starts like a delimiter */
	}
	return -1;
}

/* A name or text value: NUL-free, UTF-8, at most max bytes. */
static enum multipart_error check_text(const char *s, size_t n, size_t max)
{
	if (n > max)
		return MULTIPART_TOO_LONG;
	if (memchr(s, '\0', n))
		return MULTIPART_NUL;
	if (!utf8_valid(s, n))
		return MULTIPART_BAD_UTF8;
	return MULTIPART_OK;
}

/*
 * The header block of one part (lines ending in CRLF, without the blank
 * line). Fills name, filename and content type.
 */
static enum multipart_error read_headers(arena *a, const char *h, size_t n, const multipart_limits *lim,
                                         multipart_part *part, const char **bad)
{
	bool disposition = false;
	if (memchr(h, '\0', n))
		return MULTIPART_BAD_HEADER;
	size_t i = 0;
	while (i < n) {
		const char *eol = memmem(h + i, n - i, "\r\n", 2);
		size_t end = eol ? (size_t)(eol - h) : n;
		const char *line = h + i;
		size_t len = end - i;
		i = eol ? end + 2 : n;
		const char *colon = memchr(line, ':', len);
		if (!colon || colon == line || is_space(line[0]))
			return MULTIPART_BAD_HEADER; /* no name, or obsolete folding */
		size_t nlen = (size_t)(colon - line);
		const char *v = colon + 1, *vend = line + len;
		while (v < vend && is_space(*v))
			v++;
		while (vend > v && is_space(vend[-1]))
			vend--;
		if (nlen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
			if (disposition)
				return MULTIPART_BAD_HEADER;
			disposition = true;
			if ((size_t)(vend - v) < 9 || strncasecmp(v, "form-data", 9) != 0 ||
			    (v + 9 < vend && v[9] != ';' && !is_space(v[9])))
				return MULTIPART_BAD_HEADER;
			bool badp;
			const char *name = header_param(a, v + 9, vend, "name", &badp);
			if (badp || !name || !*name)
				return MULTIPART_BAD_HEADER;
			const char *file = header_param(a, v + 9, vend, "filename", &badp);
			enum multipart_error e = check_text(name, strlen(name), lim->max_field_len);
			if (e != MULTIPART_OK) {
				*bad = arena_strndup(a, name, 64);
				return e;
			}
			part->name = name;
			if (file) {
				/* only the last path segment: some browsers send C:\Users\...\x.ics */
				const char *base = file;
				for (const char *s = file; *s; s++)
					if (*s == '/' || *s == '\\')
						base = s + 1;
				e = check_text(base, strlen(base), MAX_FILENAME);
				if (e != MULTIPART_OK) {
					*bad = name;
					return e;
				}
				part->filename = base;
			}
		} else if (nlen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
			part->content_type = arena_strndup(a, v, (size_t)(vend - v));
		}
		/* other headers (Content-Transfer-Encoding is deprecated by RFC 7578) are ignored */
	}
	return disposition ? MULTIPART_OK : MULTIPART_BAD_HEADER;
}

enum multipart_error multipart_parse(arena *a, const char *content_type, const char *body, size_t n,
                                     const multipart_limits *lim, multipart *m, form *fields, const char **bad)
{
	m->parts = NULL;
	m->count = 0;
	fields->fields = NULL;
	fields->count = 0;
	*bad = NULL;
	const char *boundary = multipart_boundary(a, content_type);
	if (!boundary)
		return MULTIPART_NO_BOUNDARY;
	const char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dlen = strlen(delim);

	size_t next;
	bool last;
	long at = find_delimiter(body, n, 0, delim, dlen, true, &next, &last);
	if (at < 0 || last)
		return MULTIPART_MALFORMED; /* no opening delimiter, or a body of no parts */

	/* the part count is bounded by the limits: one array of that size, checked as parts come */
	size_t cap = lim->max_fields + lim->max_files;
	multipart_part *parts = arena_alloc(a, (cap ? cap : 1) * sizeof *parts);
	form_field *ff = arena_alloc(a, (lim->max_fields ? lim->max_fields : 1) * sizeof *ff);
	size_t count = 0, nfields = 0, nfiles = 0;
	while (!last) {
		size_t start = next;
		at = find_delimiter(body, n, start, delim, dlen, false, &next, &last);
		if (at < 0)
			return MULTIPART_MALFORMED; /* the closing delimiter is missing */
		const char *p = body + start;
		size_t plen = (size_t)at - start;
		size_t hlen, dstart;
		if (plen >= 2 && p[0] == '\r' && p[1] == '\n') {
			hlen = 0; /* no headers at all: refused below for want of Content-Disposition */
			dstart = 2;
		} else {
			const char *blank = memmem(p, plen, "\r\n\r\n", 4);
			if (!blank)
				return MULTIPART_MALFORMED;
			hlen = (size_t)(blank - p);
			dstart = hlen + 4;
		}
		if (hlen > MAX_HEADER_BLOCK)
			return MULTIPART_BAD_HEADER;
		multipart_part part = {0};
		enum multipart_error e = read_headers(a, p, hlen, lim, &part, bad);
		if (e != MULTIPART_OK)
			return e;
		size_t dlen_part = plen - dstart;
		if (part.filename) {
			if (++nfiles > lim->max_files) {
				*bad = part.name;
				return MULTIPART_TOO_MANY_FILES;
			}
		} else {
			if (nfields + 1 > lim->max_fields)
				return MULTIPART_TOO_MANY;
			e = check_text(p + dstart, dlen_part, lim->max_field_len);
			if (e != MULTIPART_OK) {
				*bad = part.name;
				return e;
			}
		}
		char *data = arena_alloc(a, dlen_part + 1);
		memcpy(data, p + dstart, dlen_part);
		data[dlen_part] = '\0';
		part.data = data;
		part.len = dlen_part;
		if (!part.filename) {
			ff[nfields].name = part.name;
			ff[nfields].value = data;
			ff[nfields].value_len = dlen_part;
			nfields++;
		}
		parts[count++] = part;
	}
	m->parts = parts;
	m->count = count;
	fields->fields = ff;
	fields->count = nfields;
	return MULTIPART_OK;
}

const multipart_part *multipart_file(const multipart *m, const char *name)
{
	for (size_t i = 0; i < m->count; i++)
		if (m->parts[i].filename && strcmp(m->parts[i].name, name) == 0)
			return &m->parts[i];
	return NULL;
}
