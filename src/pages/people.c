/* people.c - the people pages: list, detail, create, edit, delete; positions as rows of the form. */
#include "pages/people.h"

#include <stdlib.h>
#include <string.h>

#include "http/fields.h"
#include "pages/actions.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/render.h"
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
 * Positions are rows of the form, position_<N>_org, position_<N>_title_en and
 * position_<N>_title_az for N from 0 to rows-1 (the hidden field "rows"). The
 * form shows every position plus EMPTY_ROWS empty rows; the button
 * action=more sends it back with EMPTY_ROWS more, up to MAX_ROWS. A row left
 * wholly empty is no position; a partly filled one needs all three cells.
 * Nothing else caps a person's positions, so the form never saves more than
 * MAX_ROWS of them.
 */
#define MAX_ROWS 20
#define EMPTY_ROWS 2

/* The cells of one row; the names are the N-less part of the form field's name. */
static const field_def cell_defs[] = {
	{"org", FIELD_ID, true, 0, 0, NULL},
	{"title_en", FIELD_TEXT, true, 300, 0, NULL},
	{"title_az", FIELD_TEXT, true, 300, 0, NULL},
};
enum { C_ORG, C_TITLE_EN, C_TITLE_AZ, C__MAX };

typedef struct row {
	field_value cell[C__MAX];
	bool empty;
} row;

/* Everything a form page shows, whether it came from the store or from the user. */
typedef struct form_state {
	field_value vals[F__MAX];
	row *rows;
	size_t nrows;
	organisation *orgs; /* the choices for a row's organisation */
	size_t norgs;
	bool have_orgs;     /* false when the database could not list them */
} form_state;

static const char *cell_name(http_ctx *c, size_t i, int cell)
{
	return arena_printf(c->a, "position_%zu_%s", i, cell_defs[cell].name);
}

int people_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *q;
	int rc = page_search(c, &q);
	if (rc)
		return rc;
	long page = page_number(c);
	person_summary *list;
	size_t n;
	long long total;
	if (store_people_list(&ap->db, c->a, q, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "people.title");
	page_put_done(c, s);
	view_put_people(s, list, n, lang_code(c->lang));
	view_put_str(s, "q", q ? q : "");
	page_put_paging(s, "/people", page, total);
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
	st->have_orgs = store_org_options(&app_of(c)->db, c->a, &st->orgs, &st->norgs) == 0;
	if (!st->have_orgs)
		st->norgs = 0;
}

static bool org_exists(const form_state *st, long long id)
{
	for (size_t i = 0; i < st->norgs; i++)
		if (st->orgs[i].id == id)
			return true;
	return false;
}

static view_value *put_cell(http_ctx *c, view_value *r, size_t i, int cell, const field_value *v)
{
	const char *name = cell_name(c, i, cell);
	view_value *m = view_put_map(r, cell_defs[cell].name);
	/* every key is set, so a lookup never falls through to an outer scope */
	view_put_str(m, "name", name);
	view_put_str(m, "id", name);
	view_put_str(m, "value", v->raw);
	view_put_int(m, "max", (long long)cell_defs[cell].max);
	view_put_str(m, "error", v->error ? page_msg(c, v->error, v->arg) : NULL);
	view_put_list(m, "options");
	return m;
}

static void put_rows(http_ctx *c, view_value *s, const form_state *st)
{
	bool az = c->lang == LANG_AZ;
	view_value *list = view_put_list(s, "positions");
	for (size_t i = 0; i < st->nrows; i++) {
		const row *r = &st->rows[i];
		view_value *rv = view_push_map(list);
		view_put_int(rv, "n", (long long)i + 1);
		view_value *org = put_cell(c, rv, i, C_ORG, &r->cell[C_ORG]);
		const char *chosen = r->cell[C_ORG].raw ? r->cell[C_ORG].raw : "";
		bool found = !*chosen;
		page_add_option(org, "", "—", !*chosen);
		for (size_t k = 0; k < st->norgs; k++) {
			const char *value = arena_printf(c->a, "%lld", st->orgs[k].id);
			bool selected = strcmp(value, chosen) == 0;
			found |= selected;
			page_add_option(org, value, az ? st->orgs[k].name.az : st->orgs[k].name.en, selected);
		}
		/* a choice the list cannot show (the database is down, or no such organisation):
		 * kept, so sending the form again sends it again */
		if (!found && strspn(chosen, "0123456789") == strlen(chosen) && strlen(chosen) <= 18)
			page_add_option(org, chosen, page_msg(c, "person.org_number", strtoll(chosen, NULL, 10)), true);
		put_cell(c, rv, i, C_TITLE_EN, &r->cell[C_TITLE_EN]);
		put_cell(c, rv, i, C_TITLE_AZ, &r->cell[C_TITLE_AZ]);
		for (int k = 0; k < C__MAX; k++) /* scope.errors too, as for the single fields */
			if (r->cell[k].error)
				page_put_error(c, s, cell_name(c, i, k), r->cell[k].error, r->cell[k].arg);
	}
	view_put_int(s, "rows", (long long)st->nrows);
	view_put_bool(s, "more_rows", st->nrows < MAX_ROWS);
}

static int form_page(http_ctx *c, int status, long long id, const form_state *st, const char *message_key)
{
	view_value *s = page_scope(c, id ? "people.edit" : "people.new");
	page_put_fields(c, s, "person", fields, st->vals, F__MAX);
	put_rows(c, s, st);
	view_put_int(s, "id", id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/people/%lld/edit", id) : "/people/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "people/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static void empty_rows(form_state *st, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		memset(&st->rows[i], 0, sizeof st->rows[i]);
		page_fill_fields(cell_defs, C__MAX, NULL, st->rows[i].cell);
		st->rows[i].empty = true;
	}
}

int people_new(http_ctx *c)
{
	form_state st = {.nrows = EMPTY_ROWS};
	const char *raw[F__MAX] = {[F_LANG] = "az", [F_EMAIL_PREF] = "every"};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	st.rows = arena_alloc(c->a, MAX_ROWS * sizeof *st.rows);
	empty_rows(&st, 0, st.nrows);
	load_orgs(c, &st);
	if (!st.have_orgs)
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
	person_position *positions;
	size_t np;
	form_state st = {0};
	if (store_person_positions(&ap->db, c->a, id, &positions, &np) != 0)
		return page_store_error(c, &ap->db);
	load_orgs(c, &st);
	if (!st.have_orgs)
		return page_store_error(c, &ap->db);
	const char *raw[F__MAX] = {p.full_name.en, p.full_name.az, p.honorific.en,    p.honorific.az,
	                           p.email,        p.preferred_lang, arena_printf(c->a, "%d", p.version), p.email_pref};
	page_fill_fields(fields, F__MAX, raw, st.vals);
	if (np > MAX_ROWS)
		np = MAX_ROWS; /* cannot happen through the form (see MAX_ROWS) */
	st.nrows = np + EMPTY_ROWS <= MAX_ROWS ? np + EMPTY_ROWS : MAX_ROWS;
	st.rows = arena_alloc(c->a, MAX_ROWS * sizeof *st.rows);
	for (size_t i = 0; i < np; i++) {
		const char *cells[C__MAX] = {arena_printf(c->a, "%lld", positions[i].organisation_id),
		                             positions[i].title.en, positions[i].title.az};
		memset(&st.rows[i], 0, sizeof st.rows[i]);
		page_fill_fields(cell_defs, C__MAX, cells, st.rows[i].cell);
		st.rows[i].cell[C_ORG].num = positions[i].organisation_id;
	}
	empty_rows(&st, np, st.nrows);
	return form_page(c, 200, id, &st, NULL);
}

/* How many rows the form sent: its "rows" field, but never fewer than the rows it filled in. */
static size_t rows_sent(http_ctx *c)
{
	static const field_def rows_field = {"rows", FIELD_INT, false, MAX_ROWS, 0, NULL};
	field_value v;
	field_check(c->a, &rows_field, form_get(&c->body, "rows"), &v);
	size_t n = v.error ? 0 : (size_t)v.num;
	for (size_t i = n; i < MAX_ROWS; i++)
		for (int k = 0; k < C__MAX; k++)
			if (form_get(&c->body, cell_name(c, i, k)))
				n = i + 1;
	return n;
}

/* Reads and checks the rows as sent; the number of invalid cells. */
static int check_rows(http_ctx *c, form_state *st)
{
	int bad = 0;
	for (size_t i = 0; i < st->nrows; i++) {
		row *r = &st->rows[i];
		r->empty = true;
		for (int k = 0; k < C__MAX; k++) {
			field_check(c->a, &cell_defs[k], form_get(&c->body, cell_name(c, i, k)), &r->cell[k]);
			if (!(r->cell[k].error && strcmp(r->cell[k].error, "invalid.required") == 0))
				r->empty = false;
		}
		if (r->empty) {
			/* an untouched row is no position: no message for it */
			for (int k = 0; k < C__MAX; k++)
				r->cell[k].error = NULL;
			continue;
		}
		if (!r->cell[C_ORG].error && st->have_orgs && !org_exists(st, r->cell[C_ORG].num)) {
			r->cell[C_ORG].error = "invalid.choice";
			r->cell[C_ORG].value = NULL;
		}
		/* the same title twice at one organisation is one position (position_person_org_title_key) */
		for (size_t j = 0; j < i && !r->cell[C_TITLE_EN].error; j++) {
			const row *o = &st->rows[j];
			if (!o->empty && o->cell[C_ORG].value && r->cell[C_ORG].value && o->cell[C_TITLE_EN].value &&
			    o->cell[C_ORG].num == r->cell[C_ORG].num &&
			    strcmp(o->cell[C_TITLE_EN].value, r->cell[C_TITLE_EN].value) == 0)
				r->cell[C_TITLE_EN].error = "invalid.position_duplicate";
		}
		for (int k = 0; k < C__MAX; k++)
			bad += r->cell[k].error != NULL;
	}
	return bad;
}

/* The complete rows, in their order, as positions to store. */
static person_position *positions_of(http_ctx *c, const form_state *st, size_t *n, size_t *index)
{
	person_position *out = arena_alloc(c->a, (st->nrows ? st->nrows : 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < st->nrows; i++) {
		if (st->rows[i].empty)
			continue;
		memset(&out[*n], 0, sizeof out[*n]);
		out[*n].organisation_id = st->rows[i].cell[C_ORG].num;
		out[*n].title.en = st->rows[i].cell[C_TITLE_EN].value;
		out[*n].title.az = st->rows[i].cell[C_TITLE_AZ].value;
		index[(*n)++] = i;
	}
	return out;
}

/* Sends the form back as typed, with more empty rows: nothing is checked or stored. */
static int more_rows(http_ctx *c, long long id, form_state *st)
{
	const char *raw[F__MAX];
	for (int i = 0; i < F__MAX; i++)
		raw[i] = form_get(&c->body, fields[i].name);
	page_fill_fields(fields, F__MAX, raw, st->vals);
	for (size_t i = 0; i < st->nrows; i++) {
		const char *cells[C__MAX];
		for (int k = 0; k < C__MAX; k++)
			cells[k] = form_get(&c->body, cell_name(c, i, k));
		page_fill_fields(cell_defs, C__MAX, cells, st->rows[i].cell);
	}
	size_t more = st->nrows + EMPTY_ROWS <= MAX_ROWS ? st->nrows + EMPTY_ROWS : MAX_ROWS;
	empty_rows(st, st->nrows, more);
	st->nrows = more;
	if (!st->have_orgs) {
		const char *msg;
		int status = page_save_failed(c, &app_of(c)->db, NULL, &msg);
		return form_page(c, status, id, st, msg);
	}
	return form_page(c, 200, id, st, NULL);
}

/* Create (id 0) or update: validate everything, store nothing unless all is valid. */
static int save(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	form_state st = {0};
	st.rows = arena_alloc(c->a, MAX_ROWS * sizeof *st.rows);
	st.nrows = rows_sent(c);
	load_orgs(c, &st);
	const char *action = form_get(&c->body, "action");
	if (action && strcmp(action, "more") == 0)
		return more_rows(c, id, &st);

	int bad = fields_check(c->a, &c->body, fields, F__MAX, st.vals);
	bad += check_rows(c, &st);
	if (!st.have_orgs) { /* the organisations could not be checked: the database is down */
		const char *msg;
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
	size_t index[MAX_ROWS], np;
	person_position *positions = positions_of(c, &st, &np, index);
	actor who = app_actor(c);
	person_refusal why;
	switch (store_person_save(&ap->db, c->a, &who, &p, positions, np, &why)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/people/%lld", p.id), id ? "person_saved" : "person_created"));
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
	if (ap->db.status == STORE_CONFLICT && why.position >= 0) {
		/* checked above, so someone changed the organisations meanwhile */
		row *r = &st.rows[index[why.position]];
		if (strcmp(ap->db.sqlstate, "23505") == 0)
			r->cell[C_TITLE_EN].error = "invalid.position_duplicate";
		else
			r->cell[C_ORG].error = "invalid.choice";
		return form_page(c, 422, id, &st, "form.invalid");
	}
	/* whatever went wrong, the user's input goes back to them */
	const char *msg;
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
