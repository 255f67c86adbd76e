/* audit.c - the audit log page (admins only): who changed what, when, from what to what. */
#include "pages/audit.h"

#include <stdbool.h>
#include <string.h>

#include "http/fields.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/render.h"
#include "store/audit.h"
#include "util/date.h"
#include "view/present.h"

/* The kinds of record the log knows (audit_log.entity), and where each one's page is. */
static const char *const entities[] = {"organisation", "person", "memorandum", "series", "staff_user", "feed_token", "mail_message",
                                       "document", "group", "meeting_record", "activity_report", NULL};
static const struct {
	const char *entity, *before, *after; /* the link is before + id + after */
} pages[] = {
	{"organisation", "/organisations/", ""},
	{"person", "/people/", ""},
	{"memorandum", "/memoranda/", ""},
	{"staff_user", "/users/", "/edit"},
	{"document", "/documents/", ""},
	{"group", "/groups/", ""},
};

/* ?entity=…&id=…, both optional; ?before=N (older than entry N) or ?after=N (newer than it): the page. */
static const field_def filters[] = {
	{"entity", FIELD_CHOICE, false, 0, 0, entities},
	{"id", FIELD_ID, false, 0, 0, NULL},
	{"before", FIELD_ID, false, 0, 0, NULL},
	{"after", FIELD_ID, false, 0, 0, NULL},
};
enum { Q_ENTITY, Q_ID, Q_BEFORE, Q_AFTER, Q__MAX };

/* The record's page, or NULL when it has none or is gone. */
static const char *record_link(arena *a, const audit_entry *e)
{
	if (strcmp(e->action, "delete") == 0)
		return NULL;
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (strcmp(e->entity, pages[i].entity) == 0)
			return arena_printf(a, "%s%lld%s", pages[i].before, e->entity_id, pages[i].after);
	return NULL;
}

static void put_entries(http_ctx *c, view_value *s, const audit_entry *list, size_t n)
{
	view_value *items = view_put_list(s, "entries");
	for (size_t i = 0; i < n; i++) {
		const audit_entry *e = &list[i];
		view_value *m = view_push_map(items);
		view_put_int(m, "id", e->id);
		view_put_moment(m, "at", e->at, viewer_zone(c));
		view_put_str(m, "who", e->user_login);
		view_put_str(m, "action", e->action);
		view_put_str(m, "action_label", page_msg(c, arena_printf(c->a, "audit.action.%s", e->action), 0));
		view_put_str(m, "entity", e->entity);
		view_put_str(m, "entity_label", page_msg(c, arena_printf(c->a, "audit.entity.%s", e->entity), 0));
		view_put_int(m, "entity_id", e->entity_id);
		view_put_str(m, "link", record_link(c->a, e));
		view_put_str(m, "label", e->label);
		view_value *changes = view_put_list(m, "changes");
		for (size_t j = 0; j < e->nchanged; j++) {
			view_value *ch = view_push_map(changes);
			view_put_str(ch, "field", e->changed[j].field);
			view_put_str(ch, "before", e->changed[j].before);
			view_put_str(ch, "after", e->changed[j].after);
		}
	}
}

int audit_list(http_ctx *c)
{
	app *ap = app_of(c);
	field_value q[Q__MAX];
	for (int i = 0; i < Q__MAX; i++) {
		field_check(c->a, &filters[i], http_query(c, filters[i].name), &q[i]);
		if (q[i].error) {
			c->error_key = i == Q_ENTITY ? "audit.bad_entity" : i == Q_ID ? "audit.bad_id" : "error.bad_filter";
			c->error_field = filters[i].name;
			return 400;
		}
	}
	long long before = q[Q_BEFORE].value ? q[Q_BEFORE].num : 0, after = q[Q_AFTER].value ? q[Q_AFTER].num : 0;
	if (before && after)
		after = 0;
	audit_entry *list;
	size_t n;
	bool more;
	if (store_audit_list(&ap->db, c->a, q[Q_ENTITY].value, q[Q_ID].value ? q[Q_ID].num : 0, PAGE_SIZE, before,
	                     after, &list, &n, &more) != 0)
		return page_store_error(c, &ap->db);

	view_value *s = page_scope(c, "audit.title");
	view_put_str(s, "tz", viewer_zone(c)); /* the zone the times are in, said on the page */
	put_entries(c, s, list, n);
	/* the links name the page's last (older) and first (newer) entry; from the newest page there is no newer one */
	bool older = after ? true : more, newer = after ? more : before > 0;
	if (n && older)
		view_put_int(s, "older", list[n - 1].id);
	if (n && newer)
		view_put_int(s, "newer", list[0].id);
	if (!n && (before || after)) /* past either end: back to the newest */
		view_put_bool(s, "past_end", true);
	view_put_str(s, "entity", q[Q_ENTITY].value ? q[Q_ENTITY].value : "");
	view_put_str(s, "filter_id", q[Q_ID].value ? q[Q_ID].value : "");
	view_put_bool(s, "filtered", q[Q_ENTITY].value || q[Q_ID].value);
	view_value *opts = view_put_list(s, "entity_options");
	for (const char *const *e = entities; *e; e++) {
		view_value *o = view_push_map(opts);
		view_put_str(o, "value", *e);
		view_put_str(o, "label", page_msg(c, arena_printf(c->a, "audit.entity.%s", *e), 0));
		view_put_bool(o, "selected", q[Q_ENTITY].value && strcmp(q[Q_ENTITY].value, *e) == 0);
	}
	return page_render(c, "audit/list", s);
}
