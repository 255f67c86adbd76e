/* memorandum_form.h - the memorandum form: its fields, its rows of parts, and reading it back. */
#ifndef MEMOCAL_MEMORANDUM_FORM_H
#define MEMOCAL_MEMORANDUM_FORM_H

#include "http/fields.h"
#include "http/http.h"
#include "pages/rows.h"
#include "store/memoranda.h"

enum {
	MF_TITLE_EN, MF_TITLE_AZ, MF_SUMMARY_EN, MF_SUMMARY_AZ, MF_SIGNED_ON, MF_VALID_FROM, MF_VALID_UNTIL,
	MF_STATUS, MF_SOURCE_URL, MF_NEW_PROJECT_CODE, MF_NEW_PROJECT_EN, MF_NEW_PROJECT_AZ, MF_VERSION, MF__MAX
};
extern const field_def memo_fields[MF__MAX];

enum memo_part { PART_PARTY, PART_MEMBER, PART_AREA, PART__MAX };
enum { PARTY_ORG, PARTY_SIGNATORY, PARTY__COLS };
enum { MEMBER_PERSON, MEMBER_ROLE, MEMBER_ORG, MEMBER_TITLE_EN, MEMBER_TITLE_AZ, MEMBER__COLS };
enum { AREA_EN, AREA_AZ, AREA__COLS };
extern const rows_part memo_parts[PART__MAX]; /* its repeated parts (pages/rows.h) */

/* Everything the form holds, valid or not, so it can always be shown again. */
typedef struct memo_form {
	field_value f[MF__MAX];
	rows_data rows[PART__MAX];
	long long *projects; /* ticked project ids */
	size_t nprojects;
	int invalid;
} memo_form;

/* Reads and validates the POSTed form into f, and, when it is valid, into in; l: the people and organisations. */
void memo_form_read(http_ctx *c, const rows_lists *l, const project *projects, size_t nprojects, memo_form *f,
                    memorandum_input *in);

/* The form of a stored memorandum (or an empty one when m is NULL), with two empty rows in each part. */
void memo_form_from(http_ctx *c, const memorandum *m, memo_form *f);

#endif
