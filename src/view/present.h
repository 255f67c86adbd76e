/* present.h - turning domain structs into the value trees templates read. */
#ifndef MEMOCAL_PRESENT_H
#define MEMOCAL_PRESENT_H

#include <stddef.h>

#include "model/memorandum.h"
#include "view/value.h"

/*
 * Puts a bilingual text as key (the reader's language, else the other),
 * key_alt (the other language's text, when present and different) and
 * key_alt_lang (its code), so a page shows the reader's text with the other
 * one beside it.
 */
void view_put_text(view_value *map, const char *key, bitext t, const char *lang);

void view_put_organisation(view_value *scope, const organisation *o, const char *lang);
void view_put_organisations(view_value *scope, const organisation *list, size_t n, const char *lang);

void view_put_memoranda(view_value *scope, const memorandum_summary *list, size_t n, const char *lang);
void view_put_memorandum(view_value *scope, const memorandum *m, const char *lang);

#endif
