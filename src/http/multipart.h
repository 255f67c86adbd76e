/* multipart.h - multipart/form-data bodies (RFC 7578) split into text fields and files, with hard limits. */
#ifndef MEMOCAL_MULTIPART_H
#define MEMOCAL_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "http/form.h"
#include "util/arena.h"

/* One part of the body. Everything lives in the request's arena. */
typedef struct multipart_part {
	const char *name;         /* the form field's name: valid UTF-8, NUL-free */
	const char *filename;     /* NULL for a text field; "" when a file input was left empty */
	const char *content_type; /* the part's Content-Type, NULL when it sent none */
	const char *data;         /* the bytes as sent (a NUL is added after them, not counted in len) */
	size_t len;
} multipart_part;

typedef struct multipart {
	multipart_part *parts; /* in body order, text fields and files together */
	size_t count;
} multipart;

typedef struct multipart_limits {
	size_t max_fields;    /* text parts */
	size_t max_field_len; /* bytes of one text part's name or value (a file's bytes are bounded by the body) */
	size_t max_files;     /* parts with a filename */
} multipart_limits;

/* Why parsing stopped; each maps to one HTTP status and one catalogue message. */
enum multipart_error {
	MULTIPART_OK,
	MULTIPART_NO_BOUNDARY,  /* Content-Type without a usable boundary parameter */
	MULTIPART_MALFORMED,    /* no opening boundary, no closing one, a part without a header block */
	MULTIPART_BAD_HEADER,   /* a header line without a colon, or no usable Content-Disposition */
	MULTIPART_BAD_UTF8,     /* a text field (or a name) is not UTF-8 */
	MULTIPART_NUL,          /* a text field (or a name) holds a NUL byte */
	MULTIPART_TOO_MANY,     /* more text fields than max_fields */
	MULTIPART_TOO_LONG,     /* a text field or a name longer than max_field_len */
	MULTIPART_TOO_MANY_FILES,
	MULTIPART_ERROR__MAX
};

/* True for "multipart/form-data" with any parameters, in any case. */
bool multipart_is_form_data(const char *content_type);

/*
 * The boundary parameter of a Content-Type (quoted or not) as a new arena
 * string, or NULL when it is missing or not 1..70 characters of RFC 2046's
 * bchars.
 */
const char *multipart_boundary(arena *a, const char *content_type);

/*
 * Parses body[0..n) with the boundary from content_type. Delimiters are
 * CRLF "--" boundary (the first may open the body without the CRLF); text
 * before the first and after the last is ignored, as RFC 2046 says. A
 * "--boundary" inside a part that is not followed by "--" or by white space
 * and CRLF is data, not a delimiter. Text parts (no filename) also go into
 * fields, so form_get works on a multipart body as on an urlencoded one.
 * On error *bad names the field at fault when there is one (else NULL), and
 * m and fields are left empty: nothing of an invalid body reaches a handler.
 */
enum multipart_error multipart_parse(arena *a, const char *content_type, const char *body, size_t n,
                                     const multipart_limits *lim, multipart *m, form *fields, const char **bad);

/* The first part named name that carries a filename (a file input), or NULL. */
const multipart_part *multipart_file(const multipart *m, const char *name);

/* Catalogue key, HTTP status (400 or 413) and English text (for the log) of an error. */
const char *multipart_error_key(enum multipart_error e);
int multipart_error_status(enum multipart_error e);
const char *multipart_error_text(enum multipart_error e);

#endif
