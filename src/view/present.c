/* present.c - turning domain structs into the value trees templates read. */
#include "view/present.h"

#include <string.h>

void view_put_text(view_value *map, const char *key, bitext t, const char *lang)
{
	bool az = strcmp(lang, "az") == 0;
	const char *mine = az ? t.az : t.en, *other = az ? t.en : t.az;
	arena *a = map->a;
	view_put_str(map, key, mine && *mine ? mine : other);
	if (mine && *mine && other && *other && strcmp(mine, other) != 0) {
		view_put_str(map, arena_printf(a, "%s_alt", key), other);
		view_put_str(map, arena_printf(a, "%s_alt_lang", key), az ? "en" : "az");
	}
}

/* Both languages by name as well, for pages that show the two side by side. */
static void put_both(view_value *map, const char *key, bitext t, const char *lang)
{
	arena *a = map->a;
	view_put_text(map, key, t, lang);
	view_put_str(map, arena_printf(a, "%s_en", key), t.en);
	view_put_str(map, arena_printf(a, "%s_az", key), t.az);
}

static void put_person(view_value *map, const person *p, const char *lang)
{
	view_put_int(map, "id", p->id);
	put_both(map, "name", p->full_name, lang);
	view_put_text(map, "honorific", p->honorific, lang);
}

static void put_org(view_value *v, const organisation *o, const char *lang)
{
	view_put_int(v, "id", o->id);
	view_put_str(v, "slug", o->slug);
	view_put_str(v, "kind", o->kind);
	put_both(v, "name", o->name, lang);
	put_both(v, "short_name", o->short_name, lang);
	view_put_str(v, "website", o->website);
	view_put_int(v, "version", o->version);
}

void view_put_organisation(view_value *scope, const organisation *o, const char *lang)
{
	put_org(view_put_map(scope, "organisation"), o, lang);
}

void view_put_organisations(view_value *scope, const organisation *list, size_t n, const char *lang)
{
	view_value *items = view_put_list(scope, "organisations");
	for (size_t i = 0; i < n; i++)
		put_org(view_push_map(items), &list[i], lang);
}

void view_put_memoranda(view_value *scope, const memorandum_summary *list, size_t n, const char *lang)
{
	view_value *items = view_put_list(scope, "memoranda");
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(items);
		view_put_int(m, "id", list[i].id);
		view_put_text(m, "title", list[i].title, lang);
		view_put_text(m, "parties", list[i].parties, lang);
		view_put_str(m, "signed_on", list[i].signed_on);
		view_put_str(m, "valid_until", list[i].valid_until);
		view_put_str(m, "status", list[i].status);
	}
}

void view_put_memorandum(view_value *scope, const memorandum *m, const char *lang)
{
	view_value *v = view_put_map(scope, "memorandum");
	view_put_int(v, "id", m->id);
	put_both(v, "title", m->title, lang);
	put_both(v, "summary", m->summary, lang);
	view_put_str(v, "signed_on", m->signed_on);
	view_put_str(v, "valid_from", m->valid_from);
	view_put_str(v, "valid_until", m->valid_until);
	view_put_str(v, "status", m->status);
	view_put_str(v, "source_url", m->source_url);
	view_put_int(v, "version", m->version);

	view_value *parties = view_put_list(v, "parties");
	for (size_t i = 0; i < m->nparties; i++) {
		const memorandum_party *p = &m->parties[i];
		view_value *pv = view_push_map(parties);
		view_put_int(pv, "id", p->org.id);
		view_put_str(pv, "slug", p->org.slug);
		view_put_str(pv, "kind", p->org.kind);
		put_both(pv, "name", p->org.name, lang);
		view_put_text(pv, "short_name", p->org.short_name, lang);
		if (p->signatory.id) {
			view_value *sv = view_put_map(pv, "signatory");
			put_person(sv, &p->signatory, lang);
			put_both(sv, "position", p->signatory_position, lang);
		}
	}

	view_value *members = view_put_list(v, "members");
	for (size_t i = 0; i < m->nmembers; i++) {
		const memorandum_member *mm = &m->members[i];
		view_value *mv = view_push_map(members);
		put_person(mv, &mm->person, lang);
		view_put_str(mv, "role", mm->role);
		put_both(mv, "role_title", mm->role_title, lang);
		if (mm->org.id) {
			view_put_int(mv, "org_id", mm->org.id);
			view_put_text(mv, "org_name", mm->org.name, lang);
			view_put_text(mv, "org_short_name", mm->org.short_name, lang);
		}
	}

	view_value *projects = view_put_list(v, "projects");
	for (size_t i = 0; i < m->nprojects; i++) {
		view_value *pv = view_push_map(projects);
		view_put_int(pv, "id", m->projects[i].id);
		view_put_str(pv, "code", m->projects[i].code);
		view_put_text(pv, "name", m->projects[i].name, lang);
	}

	view_value *areas = view_put_list(v, "areas");
	for (size_t i = 0; i < m->nareas; i++) {
		view_value *av = view_push_map(areas);
		put_both(av, "text", m->areas[i].text, lang);
	}
}
