/* value.h - the data tree a handler builds and hands to a template. */
#ifndef MEMOCAL_VIEW_VALUE_H
#define MEMOCAL_VIEW_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

enum view_kind { VIEW_STR, VIEW_INT, VIEW_BOOL, VIEW_MAP, VIEW_LIST };

typedef struct view_value view_value;

/* One map entry or list element; lists leave key NULL. */
typedef struct view_item {
	const char *key;
	view_value *v;
	struct view_item *next;
} view_item;

/*
 * Visible so the renderer can walk it without accessor calls, but build it
 * only through the functions below. Everything lives in the caller's arena:
 * a tree is built for one response and dies with the request.
 */
struct view_value {
	enum view_kind kind;
	union {
		const char *s; /* referenced, never copied; NULL reads as "" */
		long long i;
		bool b;
	} u;
	arena *a;              /* containers: where puts allocate */
	view_item *head, *tail;
	size_t count;
};

view_value *view_map_new(arena *a);
view_value *view_list_new(arena *a);
view_value *view_str(arena *a, const char *s);
view_value *view_int(arena *a, long long v);
view_value *view_bool(arena *a, bool v);

/* Keys are referenced, not copied. A later put with the same key replaces. */
void view_put(view_value *map, const char *key, view_value *v);
void view_put_str(view_value *map, const char *key, const char *s);
void view_put_int(view_value *map, const char *key, long long v);
void view_put_bool(view_value *map, const char *key, bool v);
view_value *view_put_map(view_value *map, const char *key);
view_value *view_put_list(view_value *map, const char *key);
void view_push(view_value *list, view_value *v);
view_value *view_push_map(view_value *list);

/* Map lookup; NULL when map is not a map or has no such key. The n form
 * takes a key that is not NUL-terminated (a segment of "a.b.c"). */
view_value *view_get(const view_value *map, const char *key);
view_value *view_getn(const view_value *map, const char *key, size_t n);

#endif
