/* home.c - the staff home page: what needs someone next, each item linked to where it is handled (issue 16, item 3). */
#include "pages/home.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "store/life.h"
#include "store/records.h"
#include "store/series.h"
#include "view/present.h"

#define NEXT_DAYS 14   /* how far ahead "next meetings" looks */
#define NEXT_MAX 10    /* and how many it lists */
#define LIST_MAX 20    /* each other list; the page links to the full one where there is one */

/* "/series/ID/occurrences/YYYYMMDDTHHMMSS" from a recurrence id "YYYY-MM-DD HH:MM:SS" */
static const char *occurrence_path(http_ctx *c, long long series_id, const char *r)
{
	return arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s", series_id, r, r + 5, r + 8, r + 11,
	                    r + 14, r + 17);
}

static int put_next(http_ctx *c, view_value *s)
{
	app *ap = app_of(c);
	long long now = (long long)time(NULL);
	series *list; /* by the occurrence index: the series of the first NEXT_MAX that are not cancelled */
	size_t n;
	long long until = now + NEXT_DAYS * 86400LL; /* brought in to what the first NEXT_MAX can reach */
	if (store_series_window_first(&ap->db, c->a, NULL, now, 0, &until, NEXT_MAX, true, &list, &n) != 0)
		return -1;
	occurrence *occ;
	size_t nocc;
	bool cut;
	long budget = CAL_REQUEST_BUDGET;
	if (schedule_expand(c->a, list, n, now, until, NEXT_MAX * 4, 400, &occ, &nocc, &cut, &budget) != 0)
		return -1;
	view_value *l = view_put_list(s, "next");
	size_t shown = 0;
	/* in the reader's zone, as the agenda shows them (an all-day meeting keeps its own days) */
	const char *tz = viewer_zone(c);
	for (size_t i = 0; i < nocc && shown < NEXT_MAX; i++) {
		if (occ[i].cancelled || occ[i].end_utc <= now || (occ[i].series->status && strcmp(occ[i].series->status, "cancelled") == 0))
			continue;
		view_value *m = view_push_map(l);
		view_put_occurrence(m, &occ[i], lang_code(c->lang));
		if (!occ[i].series->all_day) {
			cal_local st = cal_utc_to_local(occ[i].start_utc, tz), en = cal_utc_to_local(occ[i].end_utc, tz);
			view_put_str(m, "start_date", arena_printf(c->a, "%04d-%02d-%02d", st.year, st.month, st.day));
			view_put_str(m, "start_time", arena_printf(c->a, "%02d:%02d", st.hour, st.minute));
			view_put_str(m, "end_date", arena_printf(c->a, "%04d-%02d-%02d", en.year, en.month, en.day));
			view_put_str(m, "end_time", arena_printf(c->a, "%02d:%02d", en.hour, en.minute));
			view_put_str(m, "tzid", tz);
		}
		shown++;
	}
	view_put_str(s, "tz", tz);
	view_put_int(s, "next_days", NEXT_DAYS);
	return 0;
}

static void put_life_items(http_ctx *c, view_value *s, const char *name, const life_item *items, size_t n)
{
	const char *lang = lang_code(c->lang);
	view_value *l = view_put_list(s, name);
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(l);
		view_put_int(m, "id", items[i].id);
		view_put_text(m, "title", items[i].title, lang);
		view_put_str(m, "date", items[i].date);
		view_put_str(m, "status", items[i].life);
	}
}

/*
 * What each role sees follows what it may do: everyone the next meetings and the overdue action items
 * (a viewer follows them up; an editor closes them in the meeting's record); editors and admins also the
 * memoranda that wait for a decision (renew or terminate), the dormant ones (schedule a meeting) and the
 * minutes circulated and waiting for approval, all of which only they can act on.
 */
int home_show(http_ctx *c)
{
	app *ap = app_of(c);
	bool editor = visit_of(c)->user.role >= ROLE_EDITOR;
	view_value *s = page_scope(c, "home.title");
	const char *lang = lang_code(c->lang);
	if (put_next(c, s) != 0)
		return page_store_error(c, &ap->db);

	action_entry *acts;
	size_t nacts;
	if (store_actions_list(&ap->db, c->a, 0, 0, 0, "overdue", LIST_MAX, &acts, &nacts) != 0)
		return page_store_error(c, &ap->db);
	view_value *al = view_put_list(s, "overdue");
	for (size_t i = 0; i < nacts; i++) {
		view_value *m = view_push_map(al);
		view_put_text(m, "what", acts[i].what, lang);
		view_put_text(m, "owner", acts[i].owner, lang);
		view_put_int(m, "owner_id", acts[i].owner_id);
		view_put_str(m, "due", acts[i].due_on);
		view_put_text(m, "series", acts[i].series_title, lang);
		view_put_str(m, "record",
		             arena_printf(c->a, "%s/record", occurrence_path(c, acts[i].series_id, acts[i].recurrence_id)));
	}

	view_put_bool(s, "editor", editor);
	if (editor) {
		life_item *items;
		size_t n;
		if (store_home_undecided(&ap->db, c->a, LIST_MAX, &items, &n) != 0)
			return page_store_error(c, &ap->db);
		put_life_items(c, s, "undecided", items, n);
		if (store_home_dormant(&ap->db, c->a, LIST_MAX, &items, &n) != 0)
			return page_store_error(c, &ap->db);
		put_life_items(c, s, "dormant", items, n);
		view_put_int(s, "dormant_months", ap->db.dormant_months);
		waiting_record *w;
		size_t nw;
		/* one more than is shown, to say that there are more (there is no list of them all to link to) */
		if (store_home_minutes_waiting(&ap->db, c->a, LIST_MAX + 1, &w, &nw) != 0)
			return page_store_error(c, &ap->db);
		if (nw > LIST_MAX) {
			nw = LIST_MAX;
			view_put_int(s, "waiting_more", LIST_MAX);
		}
		view_value *wl = view_put_list(s, "waiting");
		for (size_t i = 0; i < nw; i++) {
			view_value *m = view_push_map(wl);
			view_put_str(m, "record", arena_printf(c->a, "%s/record", occurrence_path(c, w[i].series_id, w[i].recurrence_id)));
			view_put_str(m, "date", arena_strndup(c->a, w[i].recurrence_id, 10));
			view_put_text(m, "series", w[i].series_title, lang);
			view_put_int(m, "memorandum_id", w[i].memorandum_id);
			view_put_text(m, "memorandum", w[i].memorandum_title, lang);
		}
	}
	return page_render(c, "home/show", s);
}
