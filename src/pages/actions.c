/* actions.c - the Actions page: action items of meeting records across memoranda, open and overdue first. */
#include "pages/actions.h"

#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/choices.h"
#include "pages/forms.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/people.h"
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

/*
 * The filter's choices (pages/choices.h): the memoranda and owners of the actions listed, the parties of those
 * memoranda, and whatever is chosen now; never every memorandum, organisation and person stored.
 */
static int put_filter(http_ctx *c, view_value *s, const action_entry *e, size_t n, long long memo, long long org,
                      long long who)
{
	const char *lang = lang_code(c->lang);
	choice *memos = arena_alloc(c->a, (n + 1) * sizeof *memos), *people = arena_alloc(c->a, (n + 1) * sizeof *people);
	for (size_t i = 0; i < n; i++) {
		memos[i] = (choice){e[i].memorandum_id, text_in(&e[i].memorandum_title, lang)};
		people[i] = (choice){e[i].owner_id, text_in(&e[i].owner, lang)};
	}
	return choices_put_filter(c, s, memos, n, people, n, memo, org, who);
}

int actions_list(http_ctx *c)
{
	app *ap = app_of(c);
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
	if (store_actions_list(&ap->db, c->a, memo, org, who, show, ACTIONS_MAX, &e, &n) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "actions.title");
	if (put_filter(c, s, e, n, memo, org, who) != 0)
		return page_store_error(c, &ap->db);
	view_put_str(s, "show", show);
	view_put_bool(s, "cut", n == ACTIONS_MAX);

	actions_put(c, view_put_list(s, "actions"), e, n);
	return page_render(c, "actions/list", s);
}
