/* value.c - the data tree a handler builds and hands to a template. */
#include "view/value.h"

#include <string.h>

static view_value *new_value(arena *a, enum view_kind kind)
{
	view_value *v = arena_alloc(a, sizeof *v);
	v->kind = kind;
	v->a = a;
	return v;
}

view_value *view_map_new(arena *a)
{
	return new_value(a, VIEW_MAP);
}

view_value *view_list_new(arena *a)
{
	return new_value(a, VIEW_LIST);
}

view_value *view_str(arena *a, const char *s)
{
	view_value *v = new_value(a, VIEW_STR);
	v->u.s = s;
	return v;
}

view_value *view_int(arena *a, long long i)
{
	view_value *v = new_value(a, VIEW_INT);
	v->u.i = i;
	return v;
}

view_value *view_bool(arena *a, bool b)
{
	view_value *v = new_value(a, VIEW_BOOL);
	v->u.b = b;
	return v;
}

static void append(view_value *c, const char *key, view_value *v)
{
	view_item *it = arena_alloc(c->a, sizeof *it);
	it->key = key;
	it->v = v;
	if (c->tail)
		c->tail->next = it;
	else
		c->head = it;
	c->tail = it;
	c->count++;
}

view_value *view_getn(const view_value *map, const char *key, size_t n)
{
	if (!map || map->kind != VIEW_MAP)
		return NULL;
	/* the first letter before the call: a page's maps have dozens of keys, and renders look each one up */
	for (view_item *it = map->head; it; it = it->next)
		if ((n == 0 || it->key[0] == key[0]) && strncmp(it->key, key, n) == 0 && it->key[n] == '\0')
			return it->v;
	return NULL;
}

view_value *view_get(const view_value *map, const char *key)
{
	return key ? view_getn(map, key, strlen(key)) : NULL;
}

void view_put(view_value *map, const char *key, view_value *v)
{
	/* Silently ignoring misuse keeps a handler bug from crashing a worker;
	 * the variable then renders empty, which a test will notice. */
	if (!map || map->kind != VIEW_MAP || !key)
		return;
	for (view_item *it = map->head; it; it = it->next) {
		if (it->key[0] == key[0] && strcmp(it->key, key) == 0) {
			it->v = v;
			return;
		}
	}
	append(map, key, v);
}

void view_put_str(view_value *map, const char *key, const char *s)
{
	if (map)
		view_put(map, key, view_str(map->a, s));
}

void view_put_int(view_value *map, const char *key, long long i)
{
	if (map)
		view_put(map, key, view_int(map->a, i));
}

void view_put_bool(view_value *map, const char *key, bool b)
{
	if (map)
		view_put(map, key, view_bool(map->a, b));
}

view_value *view_put_map(view_value *map, const char *key)
{
	if (!map)
		return NULL;
	view_value *child = view_map_new(map->a);
	view_put(map, key, child);
	return child;
}

view_value *view_put_list(view_value *map, const char *key)
{
	if (!map)
		return NULL;
	view_value *child = view_list_new(map->a);
	view_put(map, key, child);
	return child;
}

void view_push(view_value *list, view_value *v)
{
	if (list && list->kind == VIEW_LIST)
		append(list, NULL, v);
}

view_value *view_push_map(view_value *list)
{
	if (!list)
		return NULL;
	view_value *child = view_map_new(list->a);
	view_push(list, child);
	return child;
}
