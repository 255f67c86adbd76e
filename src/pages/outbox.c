/* outbox.c - the mail outbox page: what was sent to whom, what was refused, and sending a failed message again. */
#include "pages/outbox.h"

#include <string.h>

#include "http/fields.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/render.h"
#include "store/outbox.h"
#include "util/date.h"
#include "view/present.h"

/* ?memorandum=…&person=…, both optional; the resend form sends them back so the page comes back filtered. */
static const field_def filters[] = {
	{"memorandum", FIELD_ID, false, 0, 0, NULL},
	{"person", FIELD_ID, false, 0, 0, NULL},
};
enum { Q_MEMORANDUM, Q_PERSON, Q__MAX };

/* The filters from the query (GET) or the form (POST): -1 with a 400 prepared when one is not an id. */
static int read_filters(http_ctx *c, bool from_body, field_value q[Q__MAX])
{
	for (int i = 0; i < Q__MAX; i++) {
		const char *raw = from_body ? form_get(&c->body, filters[i].name) : http_query(c, filters[i].name);
		field_check(c->a, &filters[i], raw, &q[i]);
		if (q[i].error) {
			c->error_key = "outbox.bad_filter";
			c->error_field = filters[i].name;
			return -1;
		}
	}
	return 0;
}

static const char *filter_query(http_ctx *c, const field_value q[Q__MAX])
{
	return arena_printf(c->a, "memorandum=%s&person=%s", q[Q_MEMORANDUM].value ? q[Q_MEMORANDUM].value : "",
	                    q[Q_PERSON].value ? q[Q_PERSON].value : "");
}

int outbox_list(http_ctx *c)
{
	app *ap = app_of(c);
	field_value q[Q__MAX];
	if (read_filters(c, false, q) != 0)
		return 400;
	long page = page_number(c);
	outbox_entry *list;
	size_t n;
	long long total;
	if (store_outbox_list(&ap->db, c->a, q[Q_MEMORANDUM].value ? q[Q_MEMORANDUM].num : 0,
	                      q[Q_PERSON].value ? q[Q_PERSON].num : 0, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n,
	                      &total) != 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "outbox.title");
	view_put_str(s, "tz", viewer_zone(c)); /* the zone the times are in, said on the page */
	view_value *items = view_put_list(s, "messages");
	for (size_t i = 0; i < n; i++) {
		const outbox_entry *e = &list[i];
		view_value *m = view_push_map(items);
		view_put_int(m, "id", e->id);
		view_put_moment(m, "created", e->created_at, viewer_zone(c));
		view_put_moment(m, "sent", e->sent_at, viewer_zone(c));
		view_put_str(m, "recipient", e->recipient);
		view_put_int(m, "person_id", e->person_id);
		view_put_text(m, "person_name", e->person_name, lang);
		view_put_str(m, "method", e->method);
		view_put_str(m, "recurrence_id", e->recurrence_id);
		view_put_int(m, "series_id", e->series_id);
		view_put_bool(m, "series_exists", e->series_exists);
		view_put_text(m, "series_title", e->series_title, lang);
		view_put_str(m, "state", e->state);
		view_put_int(m, "attempts", e->attempts);
		view_put_str(m, "last_error", e->last_error);
		view_put_str(m, "lang", e->lang);
		view_put_str(m, "staff_login", e->staff_login); /* a STAFF message: no person, no series */
		view_put_bool(m, "can_resend", strcmp(e->state, "failed") == 0 || strcmp(e->state, "given_up") == 0);
	}
	view_put_str(s, "filter_memorandum", q[Q_MEMORANDUM].value ? q[Q_MEMORANDUM].value : "");
	view_put_str(s, "filter_person", q[Q_PERSON].value ? q[Q_PERSON].value : "");
	view_put_bool(s, "filtered", q[Q_MEMORANDUM].value || q[Q_PERSON].value);
	page_put_paging(s, "/outbox", page, total);
	view_put_int(s, "total", total);
	return page_render(c, "outbox/list", s);
}

int outbox_resend(http_ctx *c)
{
	app *ap = app_of(c);
	field_value q[Q__MAX];
	if (read_filters(c, true, q) != 0)
		return 400;
	actor who = app_actor(c);
	switch (store_outbox_resend(&ap->db, c->a, &who, http_param_int(c, "id"))) {
	case CHANGE_DONE:
	case CHANGE_STALE: /* queued or sent already (a second click): the same outcome */
		http_redirect(c, 303, arena_printf(c->a, "/outbox?%s", filter_query(c, q)));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.not_found";
		return 404;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}
