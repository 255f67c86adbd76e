/* board.c - a board member's page of a meeting, reached from their calendar: a repeating meeting's VEVENT stands
 * for all of its occurrences, so its link comes here, and each occurrence links on to its own page
 * (record_board_show in pages/records.c: agenda, attendance, minutes, decisions, documents). */
#include "pages/board.h"

#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "store/records.h"
#include "store/series.h"
#include "util/secret.h"
#include "view/present.h"

#define WINDOW_DAYS 366 /* back and ahead */
#define PAST_MAX 12     /* occurrences listed each way */
#define NEXT_MAX 12

int board_open(http_ctx *c)
{
	app *ap = app_of(c);
	const char *token = http_param_str(c, "token");
	const char *lang = NULL;
	int found = token && strlen(token) <= 128
	                ? store_board_token(&ap->db, c->a, secret_hash_hex(c->a, token), http_param_int(c, "id"), &lang)
	                : 0;
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "board.not_found";
		return 404;
	}
	const char *asked = http_query(c, "lang");
	int l = lang_parse(asked && *asked ? asked : lang);
	if (l >= 0)
		c->lang = (enum lang)l;
	/* the address is a secret: no search engine, and (the layout's policy aside) no referrer beyond memocal */
	http_header(c, "X-Robots-Tag", "noindex, nofollow");
	return 0;
}

/* The state of the meeting record kept for rid, if any ("draft", "circulated", "approved"), else NULL. */
static const char *state_of(const record_mark *st, size_t n, const char *rid)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(st[i].recurrence_id, rid) == 0)
			return st[i].state;
	return NULL;
}

static void put_list(http_ctx *c, view_value *l, const occurrence *o, const record_mark *st, size_t nst,
                     const char *base)
{
	view_value *m = view_push_map(l);
	view_put_occurrence(m, o, lang_code(c->lang));
	const char *r = o->recurrence_id;
	view_put_str(m, "href", arena_printf(c->a, "%s/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s", base, r, r + 5, r + 8,
	                                     r + 11, r + 14, r + 17));
	const char *state = state_of(st, nst, r);
	if (state)
		view_put_str(m, "state", state);
}

int board_series_show(http_ctx *c)
{
	int rc = board_open(c);
	if (rc)
		return rc;
	app *ap = app_of(c);
	series s;
	int found = store_series_get(&ap->db, c->a, http_param_int(c, "id"), &s);
	if (found <= 0)
		return found < 0 ? page_store_error(c, &ap->db) : (c->error_key = "board.not_found", 404);
	record_mark *st;
	size_t nst;
	if (store_record_states(&ap->db, c->a, s.id, &st, &nst) != 0)
		return page_store_error(c, &ap->db);
	long long now = (long long)time(NULL);
	occurrence *occ;
	size_t n;
	bool cut;
	long budget = CAL_REQUEST_BUDGET;
	if (schedule_expand(c->a, &s, 1, now - WINDOW_DAYS * 86400LL, now + WINDOW_DAYS * 86400LL, 2000, 2000, &occ, &n,
	                    &cut, &budget) != 0)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	const char *token = http_param_str(c, "token");
	const char *base = arena_printf(c->a, "/board/%s/series/%lld", token, s.id);
	view_value *sc = page_scope(c, NULL);
	view_put_bool(sc, "board", true); /* the layout leaves out the staff's language switch (it posts to a session) */
	view_put_series(sc, &s, lang);
	view_put_text(sc, "title", s.title, lang);
	view_put_str(sc, "self_en", arena_printf(c->a, "%s?lang=en", base));
	view_put_str(sc, "self_az", arena_printf(c->a, "%s?lang=az", base));
	size_t first_next = n;
	for (size_t i = 0; i < n && first_next == n; i++)
		if (occ[i].end_utc > now)
			first_next = i;
	/* the most recent first: what a board member looks for is the last meeting's minutes */
	view_value *past = view_put_list(sc, "past");
	for (size_t i = first_next, k = 0; i > 0 && k < PAST_MAX; i--, k++)
		put_list(c, past, &occ[i - 1], st, nst, base);
	view_value *next = view_put_list(sc, "next");
	for (size_t i = first_next, k = 0; i < n && k < NEXT_MAX; i++, k++)
		put_list(c, next, &occ[i], st, nst, base);
	view_put_bool(sc, "cut", cut);
	return page_render(c, "records/board_series", sc);
}
