/* occurrence_view.c - an occurrence as the agenda, the month grid and the series page show it. */
#include "pages/occurrence_view.h"

#include <string.h>

#include "view/present.h"

static void put_local(view_value *m, const char *key, cal_local t, bool all_day)
{
	arena *a = m->a;
	view_put_str(m, arena_printf(a, "%s_date", key), arena_printf(a, "%04d-%02d-%02d", t.year, t.month, t.day));
	view_put_str(m, arena_printf(a, "%s_time", key), all_day ? NULL : arena_printf(a, "%02d:%02d", t.hour, t.minute));
}

void view_put_occurrence(view_value *m, const occurrence *o, const char *lang)
{
	arena *a = m->a;
	const series *s = o->series;
	view_put_int(m, "series_id", s->id);
	view_put_int(m, "memorandum_id", s->memorandum_id);
	view_put_text(m, "memorandum_title", s->memorandum_title, lang);
	bitext title = o->override && o->override->title.en ? o->override->title : s->title;
	view_put_text(m, "title", title, lang);
	view_put_str(m, "kind", s->kind);
	view_put_str(m, "status", o->cancelled ? "cancelled" : s->status);
	view_put_bool(m, "cancelled", o->cancelled || strcmp(s->status, "cancelled") == 0);
	view_put_bool(m, "moved", o->override && o->override->start_local);
	view_put_bool(m, "all_day", s->all_day);
	put_local(m, "start", o->start, s->all_day);
	cal_local end = o->end;
	if (s->all_day) /* show the last day, not the exclusive end */
		end = cal_local_add_days(end, -1);
	put_local(m, "end", end, s->all_day);
	view_put_str(m, "tzid", s->tzid);
	view_put_str(m, "location", o->override && o->override->location ? o->override->location : s->location);
	view_put_str(m, "recurrence_id", o->recurrence_id);
	/* the occurrence's own address: /series/{id}/occurrences/YYYYMMDDTHHMMSS */
	const char *r = o->recurrence_id;
	view_put_str(m, "rid", arena_printf(a, "%.4s%.2s%.2sT%.2s%.2s%.2s", r, r + 5, r + 8, r + 11, r + 14, r + 17));
	view_put_int(m, "start_utc", o->start_utc);
}
