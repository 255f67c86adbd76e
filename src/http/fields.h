/* fields.h - declared form fields with validators: what a handler may read from a form. */
#ifndef MEMOCAL_FIELDS_H
#define MEMOCAL_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "http/form.h"
#include "util/arena.h"

enum field_type {
	FIELD_TEXT,     /* one line: trimmed, no control characters */
	FIELD_TEXTAREA, /* several lines: CRLF becomes LF, tabs and newlines allowed */
	FIELD_EMAIL,
	FIELD_DATE,     /* YYYY-MM-DD, a real day between DATE_FORM_MIN_YEAR and _MAX_YEAR (1900, 2200) */
	FIELD_ID,       /* a positive whole number naming a record */
	FIELD_INT,      /* a whole number from 0 to max */
	FIELD_CHOICE,   /* one of choices */
	FIELD_SLUG,     /* [a-z0-9][a-z0-9-]* */
	FIELD_URL,      /* http:// or https:// */
	FIELD_LOGIN,    /* [a-z0-9][a-z0-9._-]+, lower-cased */
	FIELD_PASSWORD, /* kept as sent (no trimming), at least min letters */
	FIELD_CHECKBOX, /* present = true */
	FIELD_TIME,     /* HH:MM or HH:MM:SS, 00:00 to 23:59:59 (a wall-clock time) */
	FIELD_TYPE__MAX
};

typedef struct field_def {
	const char *name;
	enum field_type type;
	bool required;
	size_t max;                 /* letters (text types) or the largest value (FIELD_INT) */
	size_t min;                 /* letters (FIELD_PASSWORD, FIELD_LOGIN); FIELD_INT: the smallest value a negative
	                             * number is told of (the page checks the others) */
	const char *const *choices; /* FIELD_CHOICE: NULL-terminated */
} field_def;

typedef struct field_value {
	const char *raw;   /* as sent, for putting back into the form ("" when absent) */
	const char *value; /* normalised; NULL when empty or invalid */
	long long num;     /* FIELD_ID, FIELD_INT */
	bool on;           /* FIELD_CHECKBOX */
	const char *error; /* catalogue key ("invalid.required", …); NULL when valid */
	long long arg;     /* the number an error message names ({n}) */
} field_value;

/* Validates one value (NULL when the field was not sent) against def. */
void field_check(arena *a, const field_def *def, const char *sent, field_value *out);

/* Validates every def against the form; out[i] belongs to defs[i]. Returns how many are invalid. */
int fields_check(arena *a, const form *f, const field_def *defs, size_t n, field_value *out);

/* The index of a field by name in defs, or -1. */
int field_index(const field_def *defs, size_t n, const char *name);

#endif
