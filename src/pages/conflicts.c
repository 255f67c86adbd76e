/* conflicts.c - attendees already busy at an overlapping time, for a warning before saving. */
#include "pages/conflicts.h"

#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "pages/app.h"
#include "store/series.h"

#define CONFLICT_HORIZON_DAYS 366

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

static void put_local(view_value *m, const char *key, cal_local t, bool all_day)
{
	arena *a = m->a;
	view_put_str(m, arena_printf(a, "%s_date", key), arena_printf(a, "%04d-%02d-%02d", t.year, t.month, t.day));
	view_put_str(m, arena_printf(a, "%s_time", key), all_day ? NULL : arena_printf(a, "%02d:%02d", t.hour, t.minute));
}

/*
 * Attendees of the new version who already have something at an overlapping
 * time in the coming year, in any memorandum. Returns the list for the page
 * (NULL when there is none), or sets *failed.
 */
view_value *page_conflicts(http_ctx *c, const series *in, bool *failed, long *budget)
{
	app *ap = app_of(c);
	*failed = false;
	long long *people = arena_alloc(c->a, (in->nattendees + 1) * sizeof *people);
	size_t n = 0;
	for (size_t i = 0; i < in->nattendees; i++)
		if (in->attendees[i].person_id)
			people[n++] = in->attendees[i].person_id;
	if (!n)
		return NULL;
	series *others;
	size_t nothers;
	if (store_series_of_people(&ap->db, c->a, people, n, in->id, &others, &nothers) != 0) {
		*failed = true;
		return NULL;
	}
	if (!nothers)
		return NULL;
	long long now = (long long)time(NULL);
	long long until = now + CONFLICT_HORIZON_DAYS * 86400LL;
	occurrence *mine, *theirs;
	size_t nm, nt;
	bool cut;
	if (schedule_expand(c->a, in, 1, now, until, 500, 500, &mine, &nm, &cut, budget) != 0 ||
	    schedule_expand(c->a, others, nothers, now, until, 500, 5000, &theirs, &nt, &cut, budget) != 0) {
		*failed = true;
		return NULL;
	}
	const char *lang = lang_code(c->lang);
	view_value *list = NULL;
	size_t shown = 0;
	/* each (person, their meeting) once: a two-day event overlapping two of the new meetings is one conflict */
	struct seen {
		long long person, series, start;
	} seen[20];
	for (size_t i = 0; i < nm && shown < 20; i++) {
		if (mine[i].cancelled)
			continue;
		for (size_t j = 0; j < nt && shown < 20; j++) {
			const occurrence *o = &theirs[j];
			if (o->cancelled || o->start_utc >= mine[i].end_utc || mine[i].start_utc >= o->end_utc)
				continue;
			for (size_t p = 0; p < o->series->nattendees && shown < 20; p++) {
				const attendee *at = &o->series->attendees[p];
				bool shared = false;
				for (size_t k = 0; k < n; k++)
					shared |= at->person_id && at->person_id == people[k];
				if (!shared)
					continue;
				bool again = false;
				for (size_t k = 0; k < shown; k++)
					again |= seen[k].person == at->person_id && seen[k].series == o->series->id &&
					         seen[k].start == o->start_utc;
				if (again)
					continue;
				seen[shown] = (struct seen){at->person_id, o->series->id, o->start_utc};
				if (!list)
					list = view_list_new(c->a);
				view_value *m = view_push_map(list);
				view_put_str(m, "person", text_in(&at->name, lang));
				view_put_str(m, "title", text_in(&o->series->title, lang));
				view_put_int(m, "series_id", o->series->id);
				put_local(m, "start", o->start, o->series->all_day);
				view_put_str(m, "tzid", o->series->tzid);
				shown++;
			}
		}
	}
	return list;
}

