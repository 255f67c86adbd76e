/* memorandum_form.h - the memorandum form: its fields, its rows of parts, and reading it back. */
#ifndef MEMOCAL_MEMORANDUM_FORM_H
#define MEMOCAL_MEMORANDUM_FORM_H

#include "http/fields.h"
#include "http/http.h"
#include "store/memoranda.h"

#define MEMO_MAX_ROWS 20

enum {
	MF_TITLE_EN, MF_TITLE_AZ, MF_SUMMARY_EN, MF_SUMMARY_AZ, MF_SIGNED_ON, MF_VALID_FROM, MF_VALID_UNTIL,
	MF_STATUS, MF_SOURCE_URL, MF_NEW_PROJECT_CODE, MF_NEW_PROJECT_EN, MF_NEW_PROJECT_AZ, MF_VERSION, MF__MAX
};
extern const field_def memo_fields[MF__MAX];

/* One row of a repeated part, as typed: values by column, an error per column. */
typedef struct memo_row {
	const char *v[5];
	const char *err[5];
} memo_row;

enum memo_part { PART_PARTY, PART_MEMBER, PART_AREA, PART__MAX };

/* Everything the form holds, valid or not, so it can always be shown again. */
typedef struct memo_form {
	field_value f[MF__MAX];
	memo_row *rows[PART__MAX];
	size_t nrows[PART__MAX];
	long long *projects; /* ticked project ids */
	size_t nprojects;
	const char *group_error[PART__MAX]; /* a rule over the whole part ("two parties at least") */
	int invalid;
} memo_form;

/* Reads and validates the POSTed form into f, and, when it is valid, into in. */
void memo_form_read(http_ctx *c, const organisation *orgs, size_t norgs, const person *people, size_t npeople,
                    const project *projects, size_t nprojects, memo_form *f, memorandum_input *in);

/* The form of a stored memorandum (or an empty one when m is NULL), with extra empty rows. */
void memo_form_from(http_ctx *c, const memorandum *m, memo_form *f);

/* Adds two empty rows to a part (the "more rows" buttons), up to MEMO_MAX_ROWS. */
void memo_form_grow(http_ctx *c, memo_form *f, enum memo_part part);

#endif
