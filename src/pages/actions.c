/* actions.c - the Actions page: action items of meeting records across memoranda, open and overdue first. */
#include "pages/actions.h"

#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/choices.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/people.h"
#include "store/records.h"
#include "view/present.h"

#define ACTIONS_PAGE 50 /* actions on one page of the list */

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
		view_put_int(m, "id", e[i].id);
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

/*
 * The list pages by keyset, never by OFFSET and with no count: ?after=ID starts it just after that action in
 * the list's order (the store reads the action's sort key by its id), so an unfiltered page costs the same
 * however many actions are open (issue 18). One row more than the page is read to know whether a next page
 * exists. A key gone since, or past the end, is an empty page that leads back to the first.
 */
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
	          who = v[AF_PERSON].value ? v[AF_PERSON].num : 0, after;
	const char *show = v[AF_SHOW].value ? v[AF_SHOW].value : "open";
	int rc = page_after(c, &after);
	if (rc)
		return rc;

	action_entry *e;
	size_t n;
	if (store_actions_after(&ap->db, c->a, memo, org, who, show, after, ACTIONS_PAGE + 1, &e, &n) != 0)
		return page_store_error(c, &ap->db);
	bool more = n > ACTIONS_PAGE;
	if (more)
		n = ACTIONS_PAGE;
	view_value *s = page_scope(c, "actions.title");
	if (put_filter(c, s, e, n, memo, org, who) != 0)
		return page_store_error(c, &ap->db);
	view_put_str(s, "show", show);
	/* the filter as chosen, for the page links (0 is not put: the link leaves it out) */
	if (memo)
		view_put_int(s, "filter_memorandum", memo);
	if (org)
		view_put_int(s, "filter_organisation", org);
	if (who)
		view_put_int(s, "filter_person", who);
	if (more)
		view_put_int(s, "next_id", e[n - 1].id);
	view_put_bool(s, "keyed", after > 0); /* a page after the first: a link back to it */
	view_put_bool(s, "paged", after > 0 || more);
	view_put_bool(s, "past_end", after > 0 && n == 0);

	actions_put(c, view_put_list(s, "actions"), e, n);
	return page_render(c, "actions/list", s);
}
