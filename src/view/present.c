/* present.c - turning domain structs into the value trees templates read. */
#include "view/present.h"

#include <string.h>

#include "cal/time.h"
#include "util/date.h"
#include "view/escape.h"

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

/* "mailto:" and the address with everything but plain address characters
 * percent-encoded, so a "?" or "&" in it cannot add headers to the mail. */
static const char *mailto(arena *a, const char *email)
{
	if (!email || !*email)
		return NULL;
	size_t n = strlen(email);
	char *out = arena_alloc(a, 8 + 3 * n), *w = out;
	memcpy(w, "mailto:", 7);
	w += 7;
	for (const unsigned char *p = (const unsigned char *)email; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("@.-_+", *p)) {
			*w++ = (char)*p;
		} else {
			static const char hex[] = "0123456789ABCDEF";
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	*w = '\0';
	return out;
}

static void put_person_full(view_value *v, const person *p, const char *lang)
{
	put_person(v, p, lang);
	view_put_str(v, "honorific_en", p->honorific.en);
	view_put_str(v, "honorific_az", p->honorific.az);
	view_put_str(v, "email", p->email);
	view_put_str(v, "mailto", mailto(v->a, p->email));
	view_put_str(v, "preferred_lang", p->preferred_lang);
	view_put_str(v, "email_pref", p->email_pref);
	view_put_int(v, "version", p->version);
}

void view_put_person(view_value *scope, const person *p, const char *lang)
{
	put_person_full(view_put_map(scope, "person"), p, lang);
}

void view_put_people(view_value *scope, const person_summary *list, size_t n, const char *lang)
{
	view_value *items = view_put_list(scope, "people");
	for (size_t i = 0; i < n; i++) {
		view_value *v = view_push_map(items);
		put_person_full(v, &list[i].person, lang);
		view_put_text(v, "positions", list[i].positions, lang);
	}
}

void view_put_positions(view_value *map, const person_position *list, size_t n, const char *lang)
{
	view_value *items = view_put_list(map, "positions");
	for (size_t i = 0; i < n; i++) {
		view_value *v = view_push_map(items);
		view_put_int(v, "org_id", list[i].organisation_id);
		view_put_text(v, "org_name", list[i].organisation, lang);
		view_put_text(v, "org_short_name", list[i].organisation_short, lang);
		put_both(v, "title", list[i].title, lang);
	}
}

void view_put_memberships(view_value *map, const person_membership *list, size_t n, const char *lang)
{
	view_value *items = view_put_list(map, "memberships");
	for (size_t i = 0; i < n; i++) {
		view_value *v = view_push_map(items);
		view_put_int(v, "id", list[i].memorandum_id);
		view_put_text(v, "title", list[i].title, lang);
		view_put_str(v, "signed_on", list[i].signed_on);
		view_put_str(v, "status", list[i].status);
		view_put_str(v, "role", list[i].role);
		view_put_text(v, "role_title", list[i].role_title, lang);
	}
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
	view_put_str(v, "terminated_on", m->terminated_on);
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

void view_put_moment(view_value *map, const char *key, const char *at, const char *tzid)
{
	/* "YYYY-MM-DD HH:MM" in UTC exactly, as the store formats it; anything else is shown as it is */
	if (!at)
		return;
	view_put_str(map, key, at);
	cal_local utc;
	if (strlen(at) != 16 || at[10] != ' ' || cal_parse_local(at, &utc) != 0)
		return;
	/* the words in the reader's zone, like every other time in the app; the machine-readable
	 * datetime stays the UTC instant (Z), which names the same moment */
	long long instant = cal_local_to_utc(utc, "UTC");
	char local[20];
	cal_format_local(cal_utc_to_local(instant, tzid), local);
	view_put_str(map, key, arena_strndup(map->a, local, 16));
	view_put_str(map, arena_printf(map->a, "%s_time", key), arena_strndup(map->a, local + 11, 5));
	view_put_str(map, arena_printf(map->a, "%s_iso", key), arena_printf(map->a, "%.10sT%sZ", at, at + 11));
}

void view_put_staff_users(view_value *scope, const staff_user *list, size_t n, long long self_id, const char *tzid)
{
	view_value *items = view_put_list(scope, "users");
	for (size_t i = 0; i < n; i++) {
		view_value *u = view_push_map(items);
		view_put_int(u, "id", list[i].id);
		view_put_str(u, "login", list[i].login);
		view_put_str(u, "name", list[i].display_name);
		view_put_str(u, "role", role_name(list[i].role));
		view_put_bool(u, "disabled", list[i].disabled);
		view_put_bool(u, "is_self", list[i].id == self_id);
		view_put_str(u, "last_login", NULL); /* set, so it never falls through to an outer scope */
		view_put_moment(u, "last_login", list[i].last_login_at, tzid);
	}
}

/* The day before an all-day series' exclusive end ("YYYY-MM-DD 00:00:00"): the last day it covers, as every
 * page shows it. */
static const char *last_day(arena *a, const char *end)
{
	int y = 0, m = 0, d = 0;
	if (strlen(end) < 10 || view_parse_date(end, &y, &m, &d) != 0)
		return arena_strndup(a, end, 10);
	int ny, nm, nd;
	date_civil_from_days(date_days_from_civil(y, m, d) - 1, &ny, &nm, &nd);
	return arena_printf(a, "%04d-%02d-%02d", ny, nm, nd);
}

void view_put_series(view_value *scope, const series *s, const char *lang)
{
	view_value *v = view_put_map(scope, "series");
	arena *a = v->a;
	view_put_int(v, "id", s->id);
	view_put_int(v, "memorandum_id", s->memorandum_id);
	view_put_text(v, "memorandum_title", s->memorandum_title, lang);
	view_put_str(v, "kind", s->kind);
	view_put_str(v, "uid", s->uid);
	put_both(v, "title", s->title, lang);
	put_both(v, "description", s->description, lang);
	view_put_str(v, "location", s->location);
	view_put_str(v, "location_url", s->location_url);
	view_put_str(v, "tzid", s->tzid);
	view_put_bool(v, "all_day", s->all_day);
	view_put_str(v, "start_date", arena_strndup(a, s->start_local, 10));
	view_put_str(v, "start_time", s->all_day ? NULL : arena_strndup(a, s->start_local + 11, 5));
	view_put_str(v, "end_date", s->all_day ? last_day(a, s->end_local) : arena_strndup(a, s->end_local, 10));
	view_put_str(v, "end_time", s->all_day ? NULL : arena_strndup(a, s->end_local + 11, 5));
	view_put_str(v, "rrule", s->rrule);
	view_put_str(v, "status", s->status);
	view_put_int(v, "sequence", s->sequence);
	view_put_int(v, "version", s->version);
	view_value *rd = view_put_list(v, "rdates");
	for (size_t i = 0; i < s->nrdates; i++)
		view_push(rd, view_str(a, arena_strndup(a, s->rdates[i], s->all_day ? 10 : 16)));
	view_value *ex = view_put_list(v, "exdates");
	for (size_t i = 0; i < s->nexdates; i++)
		view_push(ex, view_str(a, arena_strndup(a, s->exdates[i], s->all_day ? 10 : 16)));
	view_value *at = view_put_list(v, "attendees");
	for (size_t i = 0; i < s->nattendees; i++) {
		view_value *m = view_push_map(at);
		view_put_int(m, "person_id", s->attendees[i].person_id);
		view_put_bool(m, "group", s->attendees[i].person_id == 0);
		view_put_int(m, "group_id", s->attendees[i].group_id);
		put_both(m, "name", s->attendees[i].name, lang);
		view_put_str(m, "role", s->attendees[i].role);
		view_put_str(m, "partstat", s->attendees[i].partstat);
	}
	view_value *ov = view_put_list(v, "overrides");
	for (size_t i = 0; i < s->noverrides; i++) {
		const series_override *o = &s->overrides[i];
		view_value *m = view_push_map(ov);
		view_put_int(m, "id", o->id);
		view_put_str(m, "recurrence_id", o->recurrence_id);
		view_put_str(m, "recurrence_date", arena_strndup(a, o->recurrence_id, 10));
		view_put_str(m, "recurrence_time", s->all_day ? NULL : arena_strndup(a, o->recurrence_id + 11, 5));
		view_put_bool(m, "cancelled", o->cancelled);
		view_put_str(m, "start_date", o->start_local ? arena_strndup(a, o->start_local, 10) : NULL);
		view_put_str(m, "start_time", o->start_local && !s->all_day ? arena_strndup(a, o->start_local + 11, 5) : NULL);
		view_put_text(m, "title", o->title, lang);
		view_put_str(m, "location", o->location);
	}
}
