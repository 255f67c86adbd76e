/* choices.c - see choices.h. */
#include "pages/choices.h"

#include <stdlib.h>
#include <string.h>

#include "pages/app.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/people.h"
#include "util/collate.h"

/* by label in the reader's alphabet (lang), then id */
static int by_label(const void *x, const void *y, void *lang)
{
	const choice *a = x, *b = y;
	int c = collate(a->label, b->label, lang);
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

void choices_put(view_value *s, const char *name, choice *l, size_t n, long long selected, const char *lang)
{
	if (n)
		qsort_r(l, n, sizeof *l, by_label, (void *)lang);
	view_value *list = view_put_list(s, name);
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(list);
		view_put_int(m, "id", l[i].id);
		view_put_str(m, "label", l[i].label);
		view_put_bool(m, "selected", l[i].id == selected);
	}
}

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

int choices_put_filter(http_ctx *c, view_value *s, choice *memos, size_t nm, choice *people, size_t np,
                       long long memo, long long org, long long who)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	nm = choices_unique(memos, nm);
	np = choices_unique(people, np);
	long long *mids = arena_alloc(c->a, (nm ? nm : 1) * sizeof *mids);
	for (size_t i = 0; i < nm; i++)
		mids[i] = memos[i].id;
	size_t nmids = nm;
	if (memo && !choices_has(memos, nm, memo)) {
		memorandum m;
		int found = store_memorandum_get(&ap->db, c->a, memo, &m);
		if (found < 0)
			return -1;
		if (found)
			memos[nm++] = (choice){m.id, text_in(&m.title, lang)};
	}
	if (who && !choices_has(people, np, who)) {
		person p;
		int found = store_person_get(&ap->db, c->a, who, &p);
		if (found < 0)
			return -1;
		if (found)
			people[np++] = (choice){p.id, text_in(&p.full_name, lang)};
	}
	organisation *orgs;
	size_t no;
	if (store_org_options_of(&ap->db, c->a, mids, nmids, org, &orgs, &no) != 0)
		return -1;
	choice *oc = arena_alloc(c->a, (no ? no : 1) * sizeof *oc);
	for (size_t i = 0; i < no; i++)
		oc[i] = (choice){orgs[i].id, text_in(&orgs[i].name, lang)};
	choices_put(s, "memoranda", memos, nm, memo, lang);
	choices_put(s, "organisations", oc, no, org, lang);
	choices_put(s, "people", people, np, who, lang);
	return 0;
}
