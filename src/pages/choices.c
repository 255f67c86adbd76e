/* choices.c - see choices.h. */
#include "pages/choices.h"

#include <stdlib.h>
#include <string.h>

static int by_label(const void *x, const void *y)
{
	const choice *a = x, *b = y;
	int c = strcmp(a->label ? a->label : "", b->label ? b->label : "");
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_id(const void *x, const void *y)
{
	const choice *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

size_t choices_unique(choice *l, size_t n)
{
	if (n == 0)
		return 0;
	qsort(l, n, sizeof *l, by_id);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || l[k - 1].id != l[i].id)
			l[k++] = l[i];
	return k;
}

bool choices_has(const choice *l, size_t n, long long id)
{
	return n && bsearch(&(choice){id, NULL}, l, n, sizeof *l, by_id) != NULL;
}

void choices_put(view_value *s, const char *name, choice *l, size_t n, long long selected)
{
	if (n)
		qsort(l, n, sizeof *l, by_label);
	view_value *list = view_put_list(s, name);
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(list);
		view_put_int(m, "id", l[i].id);
		view_put_str(m, "label", l[i].label);
		view_put_bool(m, "selected", l[i].id == selected);
	}
}
