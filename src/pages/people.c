/* people.c - the people pages: list, detail, create, edit, delete; positions as rows of the form. */
#include "pages/people.h"

#include <stdlib.h>
#include <string.h>

#include "http/fields.h"
#include "pages/actions.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "pages/rows.h"
#include "store/groups.h"
#include "store/organisations.h"
#include "store/people.h"
#include "view/present.h"

static const char *const langs[] = {"en", "az", NULL};
/* which mail they get (migration 017); left empty: every change */
static const char *const email_prefs[] = {"every", "digest", "none", NULL};

static const field_def fields[] = {
	{"full_name_en", FIELD_TEXT, true, 300, 0, NULL},
	{"full_name_az", FIELD_TEXT, true, 300, 0, NULL},
	{"honorific_en", FIELD_TEXT, false, 60, 0, NULL},
	{"honorific_az", FIELD_TEXT, false, 60, 0, NULL},
	{"email", FIELD_EMAIL, false, 254, 0, NULL},
	{"preferred_lang", FIELD_CHOICE, true, 0, 0, langs},
	{"version", FIELD_INT, false, 0, 0, NULL},
	{"email_pref", FIELD_CHOICE, false, 0, 0, email_prefs},
};
enum { F_FULL_NAME_EN, F_FULL_NAME_AZ, F_HONORIFIC_EN, F_HONORIFIC_AZ, F_EMAIL, F_LANG, F_VERSION, F_EMAIL_PREF, F__MAX };

/*
 * Positions are rows of the form (pages/rows.h): position_<N>_org, position_<N>_title_en and
 * position_<N>_title_az, counted by the hidden field "rows". The form shows every position plus
 * EMPTY_ROWS empty rows; the button action=more sends it back with EMPTY_ROWS more, up to MAX_ROWS.
 * A row left wholly empty is no position; a partly filled one needs all three cells. Nothing else
 * caps a person's positions, so the form never saves more than MAX_ROWS of them.
 */
#define MAX_ROWS 20
#define EMPTY_ROWS 2

enum { C_ORG, C_TITLE_EN, C_TITLE_AZ, C__MAX };
static const rows_col position_cols[C__MAX] = {
	[C_ORG] = {.def = {"org", FIELD_ID, true, 0, 0, NULL}, .from = ROWS_ORGS, .key = true},
	/* the same title twice at one organisation is one position (position_person_org_title_key) */
	[C_TITLE_EN] = {.def = {"title_en", FIELD_TEXT, true, 300, 0, NULL}, .key = true},
	[C_TITLE_AZ] = {.def = {"title_az", FIELD_TEXT, true, 300, 0, NULL}},
};
static const rows_part part = {
	.prefix = "position", .msg = "person.position", .cols = position_cols, .ncols = C__MAX, .max_rows = MAX_ROWS,
	.key = "positions", .legend = "person.positions", .hint = "person.positions.hint", .heading = "person.position_n",
	.twice = "invalid.position_duplicate", .count = "rows", .more = "more", .more_apart = true,
};

/* Everything a form page shows, whether it came from the store or from the user. */
typedef struct form_state {
	field_value vals[F__MAX];
	rows_data rows;
	rows_lists lists;   /* unknown when the database could not list them */
} form_state;

/*
 * The list pages by keyset on (full_name_en, id), never by OFFSET, and counts nothing: its cost does not
 * grow with the number of people (issue 18). The links carry the key person's id and English name
 * (pages/paging.h), so a key deleted or renamed since still places the page. An old ?page=N link is the
 * first page. The number of people shows only when the whole list fits on its first page.
 */
int people_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *q;
	int rc = page_search(c, &q);
	if (rc)
		return rc;
	page_key k;
	if ((rc = page_keyset(c, 300, &k)) != 0) /* 300: a full_name_en's longest (migration 002) */
		return rc;
	person_key key = {.id = k.id, .name = k.name, .before = k.before};
	person_summary *list;
	size_t n;
	bool more;
	if (store_people_list(&ap->db, c->a, q, PAGE_SIZE, &key, &list, &n, &more) != 0)
		return page_store_error(c, &ap->db);
	/* a previous page that reaches the start and is not full: the first page, as /people shows it */
	if (key.before && !more && n < PAGE_SIZE) {
		key = (person_key){0};
		if (store_people_list(&ap->db, c->a, q, PAGE_SIZE, &key, &list, &n, &more) != 0)
			return page_store_error(c, &ap->db);
	}
	view_value *s = page_scope(c, "people.title");
	page_put_done(c, s);
	view_put_people(s, list, n, lang_code(c->lang));
	view_put_str(s, "q", q ? q : "");
	if (n) {
		/* rows before the page: it has a key, and either followed it or found more before it */
		bool prev = key.id && (!key.before || more), next = key.before ? true : more;
		const person *first = &list[0].person, *last = &list[n - 1].person;
		page_put_keyset(s, "/people", prev, first->id, first->full_name.en, next, last->id, last->full_name.en,
		                false);
	} else {
		/* past the end (or a key that no longer places the page): back from the key, or to the first page */
		page_put_keyset(s, "/people", key.id > 0, key.id, key.name, false, 0, NULL, key.id > 0);
	}
	if (!key.id && !more) { /* the whole list is on this page: its number costs nothing */
		view_put_bool(s, "whole", true);
		view_put_int(s, "total", (long long)n);
	}
	return page_render(c, "people/list", s);
}

/* The detail page; status and message_key for a refused delete. */
static int show(http_ctx *c, long long id, int status, const char *message_key)
{
	app *ap = app_of(c);
	person p;
	int found = store_person_get(&ap->db, c->a, id, &p);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.person_not_found";
		return 404;
	}
	person_position *positions;
	person_membership *memberships;
	size_t np, nm;
	if (store_person_positions(&ap->db, c->a, id, &positions, &np) != 0 ||
	    store_person_memoranda(&ap->db, c->a, id, &memberships, &nm) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, NULL);
	page_put_done(c, s);
	const char *lang = lang_code(c->lang);
	view_put_person(s, &p, lang);
	view_value *pv = view_get(s, "person");
	view_put_positions(pv, positions, np, lang);
	view_put_memberships(pv, memberships, nm, lang);
	person_group *groups;
	size_t ng;
	if (store_person_groups(&ap->db, c->a, id, &groups, &ng) != 0)
		return page_store_error(c, &ap->db);
	view_value *gl = view_put_list(pv, "groups");
	for (size_t i = 0; i < ng; i++) {
		view_value *g = view_push_map(gl);
		view_put_int(g, "id", groups[i].id);
		bool az = strcmp(lang, "az") == 0;
		view_put_str(g, "name", (az && groups[i].name.az) || !groups[i].name.en ? groups[i].name.az : groups[i].name.en);
	}
	/* their open action items from meeting records, overdue first (pages/actions.c lists them all) */
	action_entry *acts;
	size_t na;
	if (store_actions_list(&ap->db, c->a, 0, 0, id, "open", 50, &acts, &na) != 0)
		return page_store_error(c, &ap->db);
	actions_put(c, view_put_list(pv, "actions"), acts, na);
	view_put_str(s, "title", strcmp(lang, "az") == 0 ? p.full_name.az : p.full_name.en);
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "people/show", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int people_show(http_ctx *c)
{
	return show(c, http_param_int(c, "id"), 200, NULL);
}

/* The organisations a row may name; without them (database down) the form still shows what was chosen. */
static void load_orgs(http_ctx *c, form_state *st)
{
	st->lists = (rows_lists){0};
	if (pick_load(c, &st->lists, PICK_ORGS) != 0)
		st->lists = (rows_lists){.unknown = true};
}

static int form_page(http_ctx *c, int status, long long id, const form_state *st, const char *message_key)
{
	view_value *s = page_scope(c, id ? "people.edit" : "people.new");
	page_put_fields(c, s, "person", fields, st->vals, F__MAX);
	rows_put(c, s, &part, &st->lists, &st->rows);
	view_put_int(s, "id", id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/people/%lld/edit", id) : "/people/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "people/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int people_new(http_ctx *c)
{
	form_state st = {0};
	const char *raw[F__MAX] = {[F_LANG] = "az", [F_EMAIL_PREF] = "every"};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	load_orgs(c, &st);
	if (st.lists.unknown)
		return page_store_error(c, &app_of(c)->db);
	return form_page(c, 200, 0, &st, NULL);
}

int people_edit(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	person p;
	int found = store_person_get(&ap->db, c->a, id, &p);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.person_not_found";
		return 404;
	}
	person_position *stored;
	size_t np;
	form_state st = {0};
	if (store_person_positions(&ap->db, c->a, id, &stored, &np) != 0)
		return page_store_error(c, &ap->db);
	load_orgs(c, &st);
	if (st.lists.unknown)
		return page_store_error(c, &ap->db);
	const char *raw[F__MAX] = {p.full_name.en, p.full_name.az, p.honorific.en,    p.honorific.az,
	                           p.email,        p.preferred_lang, arena_printf(c->a, "%d", p.version), p.email_pref};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	const char **cells = arena_alloc(c->a, (np + 1) * C__MAX * sizeof *cells);
	for (size_t i = 0; i < np; i++) {
		cells[i * C__MAX + C_ORG] = arena_printf(c->a, "%lld", stored[i].organisation_id);
		cells[i * C__MAX + C_TITLE_EN] = stored[i].title.en;
		cells[i * C__MAX + C_TITLE_AZ] = stored[i].title.az;
	}
	rows_fill(c, &part, NULL, cells, np, &st.rows); /* at most MAX_ROWS: the form never saves more */
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	return form_page(c, 200, id, &st, NULL);
}

/* Create (id 0) or update: validate everything, store nothing unless all is valid. */
static int save(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	form_state st = {0};
	load_orgs(c, &st);
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
	bad += st.rows.invalid;
	size_t np = st.rows.n; /* the filled rows; a refused form comes back with room for more */
	rows_grow(c, &part, &st.rows, EMPTY_ROWS);
	if (st.lists.unknown) { /* the organisations could not be checked: the database is down */
		int status = page_save_failed(c, &ap->db, NULL, &msg);
		return form_page(c, status, id, &st, msg);
	}
	if (bad > 0)
		return form_page(c, 422, id, &st, "form.invalid");

	field_value *v = st.vals;
	person p = {
		.id = id,
		.full_name = {v[F_FULL_NAME_EN].value, v[F_FULL_NAME_AZ].value},
		.honorific = {v[F_HONORIFIC_EN].value, v[F_HONORIFIC_AZ].value},
		.email = v[F_EMAIL].value,
		.preferred_lang = v[F_LANG].value,
		.email_pref = v[F_EMAIL_PREF].value && *v[F_EMAIL_PREF].value ? v[F_EMAIL_PREF].value : NULL,
		.version = (int)v[F_VERSION].num,
	};
	person_position *list = arena_alloc(c->a, (np ? np : 1) * sizeof *list);
	for (size_t i = 0; i < np; i++) {
		field_value *cell = rows_cell(&st.rows, &part, i, 0);
		list[i] = (person_position){.organisation_id = cell[C_ORG].num,
		                            .title = {cell[C_TITLE_EN].value, cell[C_TITLE_AZ].value}};
	}
	actor who = app_actor(c);
	person_refusal why;
	switch (store_person_save(&ap->db, c->a, &who, &p, list, np, &why)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/people/%lld", p.id), !id ? "person_created" : ap->db.unchanged ? "unchanged" : "person_saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.person_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, id, &st, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	if (ap->db.status == STORE_CONFLICT && why.email) {
		v[F_EMAIL].error = "invalid.email_taken";
		return form_page(c, 422, id, &st, "form.invalid");
	}
	if (ap->db.status == STORE_CONFLICT && why.position >= 0 && (size_t)why.position < np) {
		/* checked above, so someone changed the organisations meanwhile */
		bool twice = strcmp(ap->db.sqlstate, "23505") == 0;
		rows_error(&st.rows, &part, (size_t)why.position, twice ? C_TITLE_EN : C_ORG,
		           twice ? "invalid.position_duplicate" : "invalid.choice");
		return form_page(c, 422, id, &st, "form.invalid");
	}
	/* whatever went wrong, the user's input goes back to them */
	int status = page_save_failed(c, &ap->db, id ? arena_printf(c->a, "/people/%lld", id) : "/people", &msg);
	return form_page(c, status, id, &st, msg);
}

int people_create(http_ctx *c)
{
	return save(c, 0);
}

int people_update(http_ctx *c)
{
	return save(c, http_param_int(c, "id"));
}

/*
 * A person who is a member or the signatory of a memorandum is not deleted.
 * The schema would let it happen (memberships cascade, a party's signatory
 * becomes NULL), but that would quietly rewrite a signed memorandum: who
 * signed it and who sits on its board are facts of the record, and the
 * memorandum's own history would not show the loss. So the editor removes
 * the person from the memorandum first, where that change is seen and
 * logged, and the page says so.
 */
int people_delete(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	int version;
	int bad = page_form_version(c, &version);
	if (bad)
		return bad;
	actor who = app_actor(c);
	person_refusal why;
	switch (store_person_delete(&ap->db, c->a, &who, id, version, &why)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, "/people", "person_deleted"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.person_not_found";
		return 404;
	case CHANGE_STALE:
		return show(c, id, 409, "form.stale_delete");
	case CHANGE_ERROR:
		break;
	}
	if (why.referenced)
		return show(c, id, 409, "people.in_use");
	return page_store_error(c, &ap->db);
}
