/* actions.c - the Actions page: action items of meeting records across memoranda, open and overdue first. */
#include "pages/actions.h"

#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/records.h"
#include "view/present.h"

#define ACTIONS_MAX 500

static const char *const shows[] = {"open", "overdue", "all", NULL};
enum { AF_MEMO, AF_ORG, AF_PERSON, AF_SHOW, AF__MAX };
static const field_def filter_fields[AF__MAX] = {
	[AF_MEMO] = {"memorandum", FIELD_ID, false, 0, 0, NULL},
	[AF_ORG] = {"organisation", FIELD_ID, false, 0, 0, NULL},
	[AF_PERSON] = {"person", FIELD_ID, false, 0, 0, NULL},
	[AF_SHOW] = {"show", FIELD_CHOICE, false, 0, 0, shows},
};

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

static void option(view_value *list, long long id, const char *label, long long selected)
{
	view_value *m = view_push_map(list);
	view_put_int(m, "id", id);
	view_put_str(m, "label", label);
	view_put_bool(m, "selected", id == selected);
}

void actions_put(http_ctx *c, view_value *l, const action_entry *e, size_t n)
{
	const char *lang = lang_code(c->lang);
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(l);
		const char *r = e[i].recurrence_id;
		view_put_str(m, "record", arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record",
		                                       e[i].series_id, r, r + 5, r + 8, r + 11, r + 14, r + 17));
		view_put_str(m, "date", arena_strndup(c->a, r, 10));
		view_put_int(m, "memorandum_id", e[i].memorandum_id);
		view_put_str(m, "memorandum", text_in(&e[i].memorandum_title, lang));
		view_put_str(m, "series", text_in(&e[i].series_title, lang));
		view_put_str(m, "what", text_in(&e[i].what, lang));
		view_put_int(m, "owner_id", e[i].owner_id);
		view_put_str(m, "owner", text_in(&e[i].owner, lang));
		view_put_str(m, "due", e[i].due_on);
		view_put_str(m, "status", e[i].status);
		view_put_str(m, "status_label", page_msg(c, arena_printf(c->a, "record.action.status.%s", e[i].status), 0));
		view_put_bool(m, "overdue", e[i].overdue);
		view_put_str(m, "decision", e[i].decision);
	}
}

int actions_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	field_value v[AF__MAX];
	fields_check(c->a, &c->query, filter_fields, AF__MAX, v);
	for (int i = 0; i < AF__MAX; i++)
		if (v[i].error) {
			c->error_key = "error.bad_filter";
			c->error_field = filter_fields[i].name;
			return 400;
		}
	long long memo = v[AF_MEMO].value ? v[AF_MEMO].num : 0, org = v[AF_ORG].value ? v[AF_ORG].num : 0,
	          who = v[AF_PERSON].value ? v[AF_PERSON].num : 0;
	const char *show = v[AF_SHOW].value ? v[AF_SHOW].value : "open";

	action_entry *e;
	size_t n;
	memorandum_summary *memos;
	organisation *orgs;
	person *people;
	size_t nm, no, np;
	long long total;
	if (store_actions_list(&ap->db, c->a, memo, org, who, show, ACTIONS_MAX, &e, &n) != 0 ||
	    store_memoranda_list(&ap->db, c->a, NULL, NULL, 1000, 0, &memos, &nm, &total) != 0 ||
	    store_org_options(&ap->db, c->a, &orgs, &no) != 0 || store_person_choices(&ap->db, c->a, &people, &np) != 0)
		return page_store_error(c, &ap->db);

	view_value *s = page_scope(c, "actions.title");
	view_value *l = view_put_list(s, "memoranda");
	for (size_t i = 0; i < nm; i++)
		option(l, memos[i].id, text_in(&memos[i].title, lang), memo);
	l = view_put_list(s, "organisations");
	for (size_t i = 0; i < no; i++)
		option(l, orgs[i].id, text_in(&orgs[i].name, lang), org);
	l = view_put_list(s, "people");
	for (size_t i = 0; i < np; i++)
		option(l, people[i].id, text_in(&people[i].full_name, lang), who);
	view_put_str(s, "show", show);
	view_put_bool(s, "cut", n == ACTIONS_MAX);

	actions_put(c, view_put_list(s, "actions"), e, n);
	return page_render(c, "actions/list", s);
}
