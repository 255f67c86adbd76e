/* choices.h - a filter's choices (memoranda, organisations, people) taken from what a page shows, not from
 * every record ever stored: such a list would grow with the history (20,000 people are a megabyte of
 * options), and "all" is always there to widen the page. */
#ifndef MEMOCAL_PAGES_CHOICES_H
#define MEMOCAL_PAGES_CHOICES_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"
#include "view/value.h"

typedef struct choice {
	long long id;
	const char *label;
} choice;

/* Sorts by id and drops repeats (a page's memoranda and people recur across it): n log n. Returns the count. */
size_t choices_unique(choice *l, size_t n);
/* Whether id is among l (sorted by choices_unique). */
bool choices_has(const choice *l, size_t n, long long id);
/* Puts them, by label, as the list name in s ("id", "label", "selected" each). Sorts l. */
void choices_put(view_value *s, const char *name, choice *l, size_t n, long long selected, const char *lang);

/*
 * A filter's three lists in s ("memoranda", "organisations", "people"): memos and people from what the page
 * shows (each array with room for one more), the parties of those memoranda, and the ones chosen now (memo,
 * org, who; 0 for none) even when the page shows none of theirs. -1 on a database error.
 */
int choices_put_filter(http_ctx *c, view_value *s, choice *memos, size_t nm, choice *people, size_t np,
                       long long memo, long long org, long long who);

#endif
