/* form.h - percent-decoding and application/x-www-form-urlencoded parsing with hard limits. */
#ifndef MEMOCAL_FORM_H
#define MEMOCAL_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef struct form_field {
	const char *name;  /* decoded, valid UTF-8, NUL-free */
	const char *value; /* decoded, valid UTF-8, NUL-free */
	size_t value_len;
} form_field;

typedef struct form {
	form_field *fields;
	size_t count;
} form;

typedef struct form_limits {
	size_t max_fields;
	size_t max_field_len; /* decoded bytes of one name or value */
} form_limits;

/* Why parsing stopped; each maps to one HTTP status and one catalogue message. */
enum form_error {
	FORM_OK,
	FORM_BAD_ESCAPE,     /* "%" not followed by two hex digits */
	FORM_BAD_UTF8,       /* decoded bytes are not UTF-8 */
	FORM_NUL,            /* decoded %00 */
	FORM_TOO_MANY,       /* more than max_fields */
	FORM_TOO_LONG,       /* a name or value longer than max_field_len */
	FORM_ERROR__MAX
};

/*
 * Decodes s[0..n) ("+" as space when plus_is_space) into a new
 * NUL-terminated arena string and validates it. *out_len gets its length.
 */
enum form_error form_decode(arena *a, const char *s, size_t n, bool plus_is_space, size_t max_len,
                            char **out, size_t *out_len);

/*
 * Parses "a=1&b=2" into f (arena memory). Empty pairs ("a=1&&b") are
 * skipped; a pair without "=" has an empty value. On error *bad_field names
 * the (possibly partial) field that failed, for the message, and f is left
 * empty: nothing of an invalid request reaches a handler.
 */
enum form_error form_parse(arena *a, const char *s, size_t n, const form_limits *lim, form *f,
                           const char **bad_field);

/* First value of name, or NULL. */
const char *form_get(const form *f, const char *name);

/* Catalogue key and English text of an error (for the log). */
const char *form_error_key(enum form_error e);
const char *form_error_text(enum form_error e);

#endif
