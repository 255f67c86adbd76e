/*
 * groups.c - the groups pages: list, detail, create, edit. A group is what a meeting's group attendee
 * names ("The Board"); its members are who hear of that meeting by mail and in their own feeds
 * (migration 026). Members are rows of the form (pages/rows.h), one person each.
 */
#include "pages/groups.h"

#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "pages/rows.h"
#include "store/groups.h"
#include "store/memoranda.h"
#include "store/people.h"

static const field_def fields[] = {
	/* both, as a meeting form's group attendee has them (a group an .ics import named may have one) */
	{"name_en", FIELD_TEXT, true, 300, 0, NULL},
	{"name_az", FIELD_TEXT, true, 300, 0, NULL},
	{"version", FIELD_INT, false, 0, 0, NULL},
};
enum { F_NAME_EN, F_NAME_AZ, F_VERSION, F__MAX };

#define MAX_MEMBERS 200
#define EMPTY_ROWS 2

enum { C_PERSON, C__MAX };
static const rows_col member_cols[C__MAX] = {
	[C_PERSON] = {.def = {"person", FIELD_ID, true, 0, 0, NULL}, .from = ROWS_PEOPLE, .key = true},
};
static const rows_part part = {
	.prefix = "member", .msg = "group.member", .cols = member_cols, .ncols = C__MAX, .max_rows = MAX_MEMBERS,
	.key = "members", .legend = "group.members", .hint = "group.members_hint", .twice = "group.member_twice",
	.more = "more", .more_apart = true,
};

typedef struct form_state {
	field_value vals[F__MAX];
	rows_data rows;
	rows_lists lists;
} form_state;

static const char *name_in(const bitext *t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t->az : t->en, *other = strcmp(lang, "az") == 0 ? t->en : t->az;
	return mine ? mine : other;
}

int groups_list(http_ctx *c)
{
	app *ap = app_of(c);
	long page = page_number(c);
	person_group *list;
	size_t n;
	long long total;
	if (store_groups_list(&ap->db, c->a, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "groups.title");
	page_put_done(c, s);
	view_value *rows = view_put_list(s, "groups");
	for (size_t i = 0; i < n; i++) {
		view_value *g = view_push_map(rows);
		view_put_int(g, "id", list[i].id);
		view_put_str(g, "name", name_in(&list[i].name, lang));
		const char *alt = name_in(&list[i].name, strcmp(lang, "az") == 0 ? "en" : "az");
		if (strcmp(alt, name_in(&list[i].name, lang)) != 0)
			view_put_str(g, "name_alt", alt);
		view_put_int(g, "members", list[i].members);
		view_put_int(g, "meetings", list[i].meetings);
	}
	view_put_int(s, "total", total);
	page_put_paging(s, "/groups", page, total);
	return page_render(c, "groups/list", s);
}

int groups_show(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	person_group g;
	int found = store_group_get(&ap->db, c->a, id, &g);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.group_not_found";
		return 404;
	}
	group_member *members;
	group_meeting *meetings;
	size_t nm, ns;
	if (store_group_members(&ap->db, c->a, id, &members, &nm) != 0 ||
	    store_group_meetings(&ap->db, c->a, id, &meetings, &ns) != 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, NULL);
	page_put_done(c, s);
	view_value *gv = view_put_map(s, "group");
	view_put_int(gv, "id", g.id);
	view_put_str(gv, "name", name_in(&g.name, lang));
	view_put_str(gv, "name_en", g.name.en);
	view_put_str(gv, "name_az", g.name.az);
	view_value *ml = view_put_list(gv, "members");
	for (size_t i = 0; i < nm; i++) {
		view_value *m = view_push_map(ml);
		view_put_int(m, "id", members[i].person_id);
		view_put_str(m, "name", name_in(&members[i].name, lang));
		view_put_bool(m, "mailed", members[i].mailed);
	}
	view_value *sl = view_put_list(gv, "meetings");
	for (size_t i = 0; i < ns; i++) {
		view_value *m = view_push_map(sl);
		view_put_int(m, "id", meetings[i].series_id);
		view_put_str(m, "title", name_in(&meetings[i].title, lang));
		view_put_str(m, "status", meetings[i].status);
		view_put_str(m, "date", arena_strndup(c->a, meetings[i].start, 10));
		view_put_bool(m, "repeats", meetings[i].repeats);
	}
	view_put_str(s, "title", name_in(&g.name, lang));
	return page_render(c, "groups/show", s);
}

/* The people a member row may name; without them (database down) the form still shows what was chosen. */
static void load_people(http_ctx *c, form_state *st)
{
	st->lists = (rows_lists){0};
	if (pick_load(c, &st->lists, PICK_PEOPLE) != 0)
		st->lists = (rows_lists){.unknown = true};
}

static int form_page(http_ctx *c, int status, long long id, const form_state *st, const char *message_key)
{
	view_value *s = page_scope(c, id ? "groups.edit" : "groups.new");
	page_put_fields(c, s, "group", fields, st->vals, F__MAX);
	rows_put(c, s, &part, &st->lists, &st->rows);
	view_put_int(s, "id", id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/groups/%lld/edit", id) : "/groups/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "groups/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int groups_new(http_ctx *c)
{
	form_state st = {0};
	const char *raw[F__MAX] = {0};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	load_people(c, &st);
	if (st.lists.unknown)
		return page_store_error(c, &app_of(c)->db);
	return form_page(c, 200, 0, &st, NULL);
}

int groups_edit(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	person_group g;
	int found = store_group_get(&ap->db, c->a, id, &g);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.group_not_found";
		return 404;
	}
	group_member *members;
	size_t nm;
	if (store_group_members(&ap->db, c->a, id, &members, &nm) != 0)
		return page_store_error(c, &ap->db);
	form_state st = {0};
	load_people(c, &st);
	if (st.lists.unknown)
		return page_store_error(c, &ap->db);
	const char *raw[F__MAX] = {g.name.en, g.name.az, arena_printf(c->a, "%d", g.version)};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	const char **cells = arena_alloc(c->a, (nm + 1) * C__MAX * sizeof *cells);
	for (size_t i = 0; i < nm; i++)
		cells[i * C__MAX + C_PERSON] = arena_printf(c->a, "%lld", members[i].person_id);
	rows_fill(c, &part, NULL, cells, nm, &st.rows);
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	return form_page(c, 200, id, &st, NULL);
}

/* Create (id 0) or update: validate everything, store nothing unless all is valid. */
static int save(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	form_state st = {0};
	load_people(c, &st);
	int bad = fields_check(c->a, &c->body, fields, F__MAX, st.vals);
	rows_read(c, &part, &st.lists, &st.rows);
	const char *msg = NULL;
	if (rows_more(c, &part, 1) == 0) { /* the form as typed with more empty rows: nothing checked or stored */
		for (int i = 0; i < F__MAX; i++)
			st.vals[i].error = NULL;
		rows_reshow(c, &part, &st.rows, EMPTY_ROWS);
		int status = st.lists.unknown ? page_save_failed(c, &ap->db, NULL, &msg) : 200;
		return form_page(c, status, id, &st, msg);
	}
	field_value *v = st.vals;
	bad += st.rows.invalid;
	size_t nm = st.rows.n;
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	if (st.lists.unknown) {
		int status = page_save_failed(c, &ap->db, NULL, &msg);
		return form_page(c, status, id, &st, msg);
	}
	if (bad > 0)
		return form_page(c, 422, id, &st, "form.invalid");

	person_group g = {.id = id, .name = {v[F_NAME_EN].value, v[F_NAME_AZ].value}, .version = (int)v[F_VERSION].num};
	long long *members = arena_alloc(c->a, (nm ? nm : 1) * sizeof *members);
	for (size_t i = 0; i < nm; i++)
		members[i] = rows_cell(&st.rows, &part, i, 0)[C_PERSON].num;
	actor who = app_actor(c);
	group_refusal why;
	switch (store_group_save(&ap->db, c->a, &who, &g, members, nm, &why)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/groups/%lld", g.id), !id ? "group_created" : ap->db.unchanged ? "unchanged" : "group_saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.group_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, id, &st, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	if (ap->db.status == STORE_CONFLICT && (why.name_en || why.name_az)) {
		v[why.name_az ? F_NAME_AZ : F_NAME_EN].error = "group.name_taken";
		return form_page(c, 422, id, &st, "form.invalid");
	}
	if (ap->db.status == STORE_CONFLICT && why.member >= 0 && (size_t)why.member < nm) {
		rows_error(&st.rows, &part, (size_t)why.member, C_PERSON, "invalid.choice");
		return form_page(c, 422, id, &st, "form.invalid");
	}
	int status = page_save_failed(c, &ap->db, id ? arena_printf(c->a, "/groups/%lld", id) : "/groups", &msg);
	return form_page(c, status, id, &st, msg);
}

int groups_create(http_ctx *c)
{
	return save(c, 0);
}

int groups_update(http_ctx *c)
{
	return save(c, http_param_int(c, "id"));
}
