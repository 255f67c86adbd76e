/* forms.h - putting a form's values and its errors in front of a template. */
#ifndef MEMOCAL_FORMS_H
#define MEMOCAL_FORMS_H

#include "http/fields.h"
#include "http/http.h"
#include "store/db.h"
#include "view/value.h"

/* The catalogue message for key in the reader's language, with {n} replaced by n. */
const char *page_msg(http_ctx *c, const char *key, long long n);

/*
 * Puts scope.form.<name> = what the user typed and scope.errors.<name> =
 * the message for each invalid field, so a refused form comes back exactly
 * as it was sent. Returns the "form" map for callers that add more.
 */
view_value *page_put_form(http_ctx *c, view_value *scope, const field_def *defs, const field_value *vals, size_t n);

/*
 * Puts scope.f.<name> = {name, value, error, label, hint, required, max,
 * type, options} for each field, for templates/partials/input.html: the
 * label is the catalogue message "<prefix>.<name>", a hint
 * "<prefix>.<name>.hint" when the catalogue has one, and a choice field's
 * options are labelled "<prefix>.<name>.<choice>". Also does page_put_form.
 * Returns the "f" map so callers can add options to ID fields.
 */
view_value *page_put_fields(http_ctx *c, view_value *scope, const char *prefix, const field_def *defs,
                            const field_value *vals, size_t n);

/* Adds an option to the select field f.<name>. */
void page_add_option(view_value *field, const char *value, const char *label, bool selected);

/* Fills vals from stored values (for an edit form before anything was sent):
 * raw[i] is the record's text for defs[i] (NULL for none). */
void page_fill_fields(const field_def *defs, size_t n, const char *const *raw, field_value *vals);

/* The hidden "version" a form was made from; 0, or 400 (only a hand-made request lacks it). */
int page_form_version(http_ctx *c, int *version);

/* Adds one error message to scope.errors (creating it), e.g. for a rule across fields. */
void page_put_error(http_ctx *c, view_value *scope, const char *field, const char *key, long long n);

/* After a save, cancel, move or delete the handler redirects to page_done_url(path, key); the next page calls
 * page_put_done, which puts the catalogue message "done.<key>" in scope.message (partials/notice.html) when
 * the address names one of the known keys (forms.c). */
void page_put_done(http_ctx *c, view_value *scope);
const char *page_done_url(http_ctx *c, const char *path, const char *key);

/*
 * After a save the store did not make: the status to answer with (503 with Retry-After while the
 * database is down, busy or its answer was lost; 422; 500) and *message_key for the top of the
 * form. When the outcome is unknown the message says the save may have happened, and the page
 * links to check_url (NULL: page_check_url()), where it would show.
 */
int page_save_failed(http_ctx *c, const store *s, const char *check_url, const char **message_key);

#endif
