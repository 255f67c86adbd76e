/* organisations.c - the organisation pages: list, detail, create, edit, delete. */
#include "pages/organisations.h"

#include <string.h>

#include "http/fields.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/render.h"
#include "store/organisations.h"
#include "view/present.h"

static const char *const kinds[] = {"university", "ngo", "company", "government", "other", NULL};

static const field_def fields[] = {
	{"name_en", FIELD_TEXT, true, 300, 0, NULL},
	{"name_az", FIELD_TEXT, true, 300, 0, NULL},
	{"short_name_en", FIELD_TEXT, false, 60, 0, NULL},
	{"short_name_az", FIELD_TEXT, false, 60, 0, NULL},
	{"slug", FIELD_SLUG, true, 63, 0, NULL},
	{"kind", FIELD_CHOICE, true, 0, 0, kinds},
	{"website", FIELD_URL, false, 2048, 0, NULL},
	{"version", FIELD_INT, false, 0, 0, NULL},
};
enum { F_NAME_EN, F_NAME_AZ, F_SHORT_EN, F_SHORT_AZ, F_SLUG, F_KIND, F_WEBSITE, F_VERSION, F__MAX };

int organisations_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *q;
	int rc = page_search(c, &q);
	if (rc)
		return rc;
	long page = page_number(c);
	organisation *list;
	size_t n;
	long long total;
	if (store_orgs_list(&ap->db, c->a, q, c->lang == LANG_AZ, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "orgs.title");
	page_put_done(c, s);
	view_put_organisations(s, list, n, lang_code(c->lang));
	view_put_str(s, "q", q ? q : "");
	page_put_paging(s, "/organisations", page, total);
	return page_render(c, "organisations/list", s);
}

/* The detail page; status and message_key for a refused delete. */
static int show(http_ctx *c, long long id, int status, const char *message_key)
{
	app *ap = app_of(c);
	organisation o;
	int found = store_org_get(&ap->db, c->a, id, &o);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.organisation_not_found";
		return 404;
	}
	memorandum_summary *ms;
	org_person *people;
	size_t nm, np;
	if (store_org_related(&ap->db, c->a, id, &ms, &nm, &people, &np) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, NULL);
	page_put_done(c, s);
	const char *lang = lang_code(c->lang);
	view_put_organisation(s, &o, lang);
	view_put_str(s, "title", strcmp(lang, "az") == 0 ? o.name.az : o.name.en);
	view_put_memoranda(s, ms, nm, lang);
	view_value *pl = view_put_list(s, "people");
	for (size_t i = 0; i < np; i++) {
		view_value *p = view_push_map(pl);
		view_put_int(p, "id", people[i].person_id);
		view_put_text(p, "name", people[i].name, lang);
		view_put_text(p, "title", people[i].title, lang);
	}
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "organisations/show", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int organisations_show(http_ctx *c)
{
	return show(c, http_param_int(c, "id"), 200, NULL);
}

static int form_page(http_ctx *c, int status, long long id, const field_value *vals, const char *message_key)
{
	view_value *s = page_scope(c, id ? "orgs.edit" : "orgs.new");
	page_put_fields(c, s, "org", fields, vals, F__MAX);
	view_put_int(s, "id", id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/organisations/%lld/edit", id) : "/organisations/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "organisations/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int organisations_new(http_ctx *c)
{
	field_value vals[F__MAX];
	const char *raw[F__MAX] = {[F_KIND] = "university"};
	page_fill_fields(fields, F__MAX, raw, vals);
	return form_page(c, 200, 0, vals, NULL);
}

int organisations_edit(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	organisation o;
	int found = store_org_get(&ap->db, c->a, id, &o);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.organisation_not_found";
		return 404;
	}
	const char *raw[F__MAX] = {o.name.en, o.name.az, o.short_name.en, o.short_name.az,
	                           o.slug,    o.kind,    o.website,       arena_printf(c->a, "%d", o.version)};
	field_value vals[F__MAX];
	page_fill_fields(fields, F__MAX, raw, vals);
	return form_page(c, 200, id, vals, NULL);
}

/* Create (id 0) or update: validate everything, store nothing unless all is valid. */
static int save(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	field_value v[F__MAX];
	if (fields_check(c->a, &c->body, fields, F__MAX, v) > 0)
		return form_page(c, 422, id, v, "form.invalid");
	organisation o = {
		.id = id,
		.slug = v[F_SLUG].value,
		.kind = v[F_KIND].value,
		.name = {v[F_NAME_EN].value, v[F_NAME_AZ].value},
		.short_name = {v[F_SHORT_EN].value, v[F_SHORT_AZ].value},
		.website = v[F_WEBSITE].value,
		.version = (int)v[F_VERSION].num,
	};
	actor who = app_actor(c);
	switch (store_org_save(&ap->db, c->a, &who, &o)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/organisations/%lld", o.id), !id ? "org_created" : ap->db.unchanged ? "unchanged" : "org_saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.organisation_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, id, v, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	if (ap->db.status == STORE_CONFLICT) {
		v[F_SLUG].error = "invalid.slug_taken";
		return form_page(c, 422, id, v, "form.invalid");
	}
	/* whatever went wrong, the user's input goes back to them */
	const char *msg;
	int status = page_save_failed(c, &ap->db, id ? arena_printf(c->a, "/organisations/%lld", id) : "/organisations",
	                              &msg);
	return form_page(c, status, id, v, msg);
}

int organisations_create(http_ctx *c)
{
	return save(c, 0);
}

int organisations_update(http_ctx *c)
{
	return save(c, http_param_int(c, "id"));
}

int organisations_delete(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	int version;
	int bad = page_form_version(c, &version);
	if (bad)
		return bad;
	actor who = app_actor(c);
	switch (store_org_delete(&ap->db, c->a, &who, id, version)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, "/organisations", "org_deleted"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.organisation_not_found";
		return 404;
	case CHANGE_STALE:
		return show(c, id, 409, "form.stale_delete");
	case CHANGE_ERROR:
		break;
	}
	if (ap->db.status == STORE_CONFLICT)
		return show(c, id, 409, "orgs.in_use");
	return page_store_error(c, &ap->db);
}
