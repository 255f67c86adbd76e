/* series_form.h - the meeting/event form: fields, the recurrence builder, attendee rows. */
#ifndef MEMOCAL_SERIES_FORM_H
#define MEMOCAL_SERIES_FORM_H

#include "cal/import.h"
#include "http/fields.h"
#include "http/http.h"
#include "model/person.h"
#include "model/series.h"
#include "pages/rows.h"

/* As many as an .ics import may bring (its form must come back whole). */
#define SERIES_MAX_ATTENDEES CAL_IMPORT_MAX_ATTENDEES

enum {
	SF_KIND, SF_TITLE_EN, SF_TITLE_AZ, SF_DESC_EN, SF_DESC_AZ, SF_LOCATION, SF_LOCATION_URL, SF_TZID, SF_ALL_DAY,
	SF_START_DATE, SF_START_TIME, SF_END_DATE, SF_END_TIME, SF_STATUS,
	SF_REPEAT, SF_INTERVAL, SF_DAY_MO, SF_DAY_TU, SF_DAY_WE, SF_DAY_TH, SF_DAY_FR, SF_DAY_SA, SF_DAY_SU,
	SF_MONTHLY, SF_ENDS, SF_UNTIL, SF_COUNT, SF_RRULE, SF_RDATES, SF_EXDATES, SF_VERSION, SF_QUORUM, SF__MAX
};
extern const field_def series_fields[SF__MAX];

enum { ATTENDEE_PERSON, ATTENDEE_GROUP_EN, ATTENDEE_GROUP_AZ, ATTENDEE_ROLE, ATTENDEE_PARTSTAT, ATTENDEE__COLS };
extern const rows_part series_attendees; /* its attendee rows (pages/rows.h) */

typedef struct series_form {
	field_value f[SF__MAX];
	rows_data rows; /* the attendees */
	const char *rule;       /* the RRULE to store (the stored text when the meaning is the same); NULL: none */
	const char *rule_err;   /* why it is not valid, in English from the parser */
	const char *rule_words; /* the rule in words, in the reader's language */
	bool end_moved;         /* the start changed and the end followed it, keeping the length */
	const char *start_first; /* the start is not a day the rule gives: the first it gives from there */
	int invalid;
} series_form;

/*
 * Reads and validates a POSTed form; when valid, fills out (times, rule, dates, attendees). stored: the series
 * as it is (NULL for a new one): a rule that means the same keeps its stored text, and a start changed without
 * the end keeps the length. The rule is checked against the configured limits (occurrences a day, a year).
 */
void series_form_read(http_ctx *c, const rows_lists *people, const series *stored, series_form *f, series *out);

/* The form for a stored series (or defaults for a new one when s is NULL): the plain-words builder only when it
 * says the stored rule exactly, otherwise the rule in the custom field; either way its description in words; two empty attendee rows. */
void series_form_from(http_ctx *c, const series *s, series_form *f);

#endif
