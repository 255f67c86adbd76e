/* present.h - turning domain structs into the value trees templates read. */
#ifndef MEMOCAL_PRESENT_H
#define MEMOCAL_PRESENT_H

#include <stddef.h>

#include "model/memorandum.h"
#include "model/series.h"
#include "model/user.h"
#include "view/value.h"

/*
 * Puts a bilingual text as key (the reader's language, else the other),
 * key_alt (the other language's text, when present and different) and
 * key_alt_lang (its code), so a page shows the reader's text with the other
 * one beside it.
 */
void view_put_text(view_value *map, const char *key, bitext t, const char *lang);

void view_put_organisation(view_value *scope, const organisation *o, const char *lang);
void view_put_organisations(view_value *scope, const organisation *list, size_t n, const char *lang);

/* The series as scope.series: texts, times, rule, attendees, overrides. */
void view_put_series(view_value *scope, const series *s, const char *lang);

void view_put_memoranda(view_value *scope, const memorandum_summary *list, size_t n, const char *lang);
void view_put_memorandum(view_value *scope, const memorandum *m, const char *lang);

/* scope.person: the names and honorific in both languages, the e-mail with a mailto link, the
 * preferred language and the version. */
void view_put_person(view_value *scope, const person *p, const char *lang);
/* scope.people: one map per person with their positions as one text. */
void view_put_people(view_value *scope, const person_summary *list, size_t n, const char *lang);
/* map.positions: the organisation (id, name, short name) and the title of each. */
void view_put_positions(view_value *map, const person_position *list, size_t n, const char *lang);
/* map.memberships: each memorandum (id, title, date, status) with the person's role in it. */
void view_put_memberships(view_value *map, const person_membership *list, size_t n, const char *lang);

/* Staff accounts and the audit log (the admin pages). */

/* map.key = "YYYY-MM-DD HH:MM" (UTC, for the date filter), key_time = "HH:MM", key_iso =
 * "YYYY-MM-DDTHH:MMZ" for <time datetime>; nothing when at is NULL. */
/* map.key, key_time (HH:MM) and key_iso (the UTC instant, for <time datetime>) from at, a UTC
 * "YYYY-MM-DD HH:MM" as the store writes it; key and key_time in the zone tzid. */
void view_put_moment(view_value *map, const char *key, const char *at, const char *tzid);
/* scope.users: id, login, name, role, disabled, last_login (view_put_moment in tzid), is_self. */
void view_put_staff_users(view_value *scope, const staff_user *list, size_t n, long long self_id, const char *tzid);

#endif
