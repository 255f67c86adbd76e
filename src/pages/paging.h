/* paging.h - ?page=N or a keyset (?after=/?before=), and the previous/next links of a list. */
#ifndef MEMOCAL_PAGING_H
#define MEMOCAL_PAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"
#include "view/value.h"

#define PAGE_SIZE 25

/* ?page=N, 1-based; anything else is page 1 (a bad page number is not worth an error). */
long page_number(http_ctx *c);

/* Puts page, total, prev_page, next_page and search_action (the list's path, for its search box and links). */
void page_put_paging(view_value *scope, const char *action, long page, long long total);

/*
 * A keyset page's key, for a list ordered by a text and then by id: ?after=ID (the page starts just after
 * that row) or ?before=ID (it ends just before it), with name=, the row's text as the link was made, so a
 * row deleted or renamed since still places the page (without it the store looks the text up by id).
 * Both after and before: before wins. A page= of an older link is not read: that is the first page.
 */
typedef struct page_key {
	long long id;     /* 0: no key, the first page */
	bool before;
	const char *name; /* NULL when not sent */
} page_key;

/* Reads the key; 400 (with the field named) for an after or before that is not a positive whole number,
 * or a name longer than max_name letters or holding control characters. */
int page_keyset(http_ctx *c, size_t max_name, page_key *k);

/* ?after=ID alone, for a list that goes forward only and whose store reads the key row's sort key by its id:
 * *id 0 when not sent; 400 (with the field named) for anything but a positive whole number. */
int page_after(http_ctx *c, long long *id);

/* Puts the links of a keyset page (the keyset partial): prev_id and prev_name, the page's first row, when
 * rows come before it; next_id and next_name, its last row, when rows follow; past_end when a key's page
 * is empty (the link goes back to the first page); and search_action, the list's path. */
void page_put_keyset(view_value *scope, const char *action, bool prev, long long first_id, const char *first_name,
                     bool next, long long last_id, const char *last_name, bool past_end);

/* ?q=…: NULL when empty; 400 (with the field named) when longer than 200 letters. */
int page_search(http_ctx *c, const char **q);

#endif
