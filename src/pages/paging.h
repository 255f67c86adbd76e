/* paging.h - ?page=N and the previous/next links of a list. */
#ifndef MEMOCAL_PAGING_H
#define MEMOCAL_PAGING_H

#include "http/http.h"
#include "view/value.h"

#define PAGE_SIZE 25

/* ?page=N, 1-based; anything else is page 1 (a bad page number is not worth an error). */
long page_number(http_ctx *c);

/* Puts page, total, prev_page, next_page and search_action (the list's path, for its search box and links). */
void page_put_paging(view_value *scope, const char *action, long page, long long total);

/* ?q=…: NULL when empty; 400 (with the field named) when longer than 200 letters. */
int page_search(http_ctx *c, const char **q);

#endif
