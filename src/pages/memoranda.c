/* memoranda.c - the memoranda pages: list and detail. */
#include "pages/memoranda.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "pages/app.h"
#include "pages/documents.h"
#include "pages/occurrence_view.h"
#include "store/series.h"
#include "pages/forms.h"
#include "pages/life.h"
#include "pages/memorandum_form.h"
#include "store/organisations.h"
#include "pages/paging.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "store/memoranda.h"
#include "store/records.h"
#include "util/utf8.h"
#include "view/present.h"

#define RECORD_HITS_MAX 50 /* places in meeting records one search lists */
#define RECORD_SEARCH_MIN 3 /* the fewest characters the records are searched for */

/* The states the list can be narrowed to: each life state (migration 022), and the two the home page's
 * lists are (store_memoranda_list). */
static const char *const list_states[] = {"undecided", "dormant", "draft",   "signed",     "active",
                                          "expiring",  "expired", "renewed", "terminated", NULL};

/* ?state=: NULL for all, a name from list_states, or 400 naming the field. */
static int list_state(http_ctx *c, const char **state)
{
	const char *v = http_query(c, "state");
	*state = NULL;
	if (!v || !*v)
		return 0;
	for (size_t i = 0; list_states[i]; i++)
		if (strcmp(v, list_states[i]) == 0) {
			*state = list_states[i];
			return 0;
		}
	c->error_key = "error.state_unknown";
	c->error_field = "state";
	return 400;
}

/* Whether code point cp is a letter or a digit, as pg_trgm splits words: ASCII letters and digits, and the
 * letters of the Latin (with Azerbaijani's ə), Greek and Cyrillic blocks. Punctuation makes no trigram: "%%%"
 * would read every record as surely as "a". */
static bool word_char(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	return (cp >= 0xC0 && cp <= 0x2AF && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F && cp != 0x37E);
}

/* The letters in the longest word (a run of letters and digits) of Q, which is valid UTF-8. */
static size_t longest_word(const char *q)
{
	size_t longest = 0, run = 0, n = strlen(q);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_sequence(q + i, n - i);
		bool letter = false;
		if (len == 0) {
			len = 1; /* a byte that is not UTF-8: no letter */
		} else {
			unsigned cp = (unsigned char)q[i];
			if (len > 1)
				cp &= 0x3Fu >> (len - 1); /* the lead byte's bits: 5, 4 or 3 */
			for (size_t k = 1; k < len; k++)
				cp = cp << 6 | ((unsigned char)q[i + k] & 0x3Fu);
			letter = word_char(cp);
		}
		run = letter ? run + 1 : 0;
		if (run > longest)
			longest = run;
		i += len;
	}
	return longest;
}

int memoranda_list(http_ctx *c)
{
	app *ap = app_of(c);
	const char *search, *state;
	int rc = page_search(c, &search);
	if (!rc)
		rc = list_state(c, &state);
	if (rc)
		return rc;
	long page = page_number(c);
	memorandum_summary *list;
	size_t n;
	long long total;
	if (store_memoranda_list(&ap->db, c->a, search, state, PAGE_SIZE, (page - 1) * PAGE_SIZE, &list, &n, &total) != 0)
		return page_store_error(c, &ap->db);
	view_value *s = page_scope(c, "memoranda.title");
	page_put_done(c, s);
	const char *lang = lang_code(c->lang);
	view_put_memoranda(s, list, n, lang);
	view_put_str(s, "q", search ? search : "");
	view_value *sl = view_put_list(s, "states");
	for (size_t i = 0; list_states[i]; i++) {
		view_value *m = view_push_map(sl);
		view_put_str(m, "value", list_states[i]);
		/* a life state is named as the lists show it (status.*), the two others by the list's own words */
		view_put_str(m, "label", page_msg(c, arena_printf(c->a, i < 2 ? "memoranda.state.%s" : "status.%s", list_states[i]), 0));
		view_put_bool(m, "selected", state == list_states[i]);
	}
	if (state)
		view_put_str(s, "state", state);
	page_put_paging(s, "/memoranda", page, total);
	/* The words in meeting records too (issue 15, item 8), each place linked to its meeting: when a word of the
	 * search has three letters or digits or more, the fewest that migration 027's trigram indexes can find. A
	 * shorter one ("a", "%%%") would read every item, decision and action ever minuted (1.3-1.5 s on
	 * bench/large.py's installation, for a list of 50). */
	if (search && longest_word(search) < RECORD_SEARCH_MIN) {
		view_put_bool(s, "records_short", true);
	} else if (search) {
		record_hit *hits;
		size_t nh;
		if (store_records_search(&ap->db, c->a, search, RECORD_HITS_MAX, &hits, &nh) != 0)
			return page_store_error(c, &ap->db);
		view_value *l = view_put_list(s, "record_hits");
		for (size_t i = 0; i < nh; i++) {
			view_value *m = view_push_map(l);
			const char *r = hits[i].recurrence_id;
			view_put_str(m, "href", arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record",
			                                     hits[i].series_id, r, r + 5, r + 8, r + 11, r + 14, r + 17));
			view_put_str(m, "date", arena_strndup(c->a, r, 10));
			view_put_text(m, "series", hits[i].series_title, lang);
			view_put_text(m, "memorandum", hits[i].memorandum_title, lang);
			view_put_str(m, "what", page_msg(c, arena_printf(c->a, "search.in_%s", hits[i].what), 0));
			view_put_str(m, "text", hits[i].text);
		}
	}
	return page_render(c, "memoranda/list", s);
}

int memoranda_show(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), &m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (found == 0) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	view_value *s = page_scope(c, NULL);
	const char *lang = lang_code(c->lang);
	view_put_memorandum(s, &m, lang);
	view_put_str(s, "title", strcmp(lang, "az") == 0 ? m.title.az : m.title.en);
	page_put_done(c, s); /* "The meeting was deleted." after a series' delete */
	if (life_put(c, s, &m) != 0) /* its life: state, decisions, amendments, commitments, history */
		return page_store_error(c, &ap->db);
	long long *amendment_ids = arena_alloc(c->a, (m.namendments ? m.namendments : 1) * sizeof *amendment_ids);
	for (size_t i = 0; i < m.namendments; i++)
		amendment_ids[i] = m.amendments[i].id;
	if (documents_put_memorandum(c, s, m.id, amendment_ids, m.namendments) != 0) /* its files (pages/documents.c) */
		return page_store_error(c, &ap->db);

	/* its meetings and events: the series, and the next and the most recent occurrences */
	series_filter filter = {m.id, 0, 0};
	series *list;
	size_t nseries;
	if (store_series_list(&ap->db, c->a, &filter, &list, &nseries) != 0)
		return page_store_error(c, &ap->db);
	view_value *sl = view_put_list(s, "series");
	for (size_t i = 0; i < nseries; i++) {
		view_value *v = view_push_map(sl);
		view_put_int(v, "id", list[i].id);
		view_put_text(v, "title", list[i].title, lang);
		view_put_str(v, "kind", list[i].kind);
		view_put_str(v, "status", list[i].status);
		view_put_bool(v, "repeats", list[i].rrule != NULL);
	}
	long long now = (long long)time(NULL);
	occurrence *occ;
	size_t n;
	bool cut;
	long budget = CAL_REQUEST_BUDGET;
	if (schedule_expand(c->a, list, nseries, now - 120 * 86400LL, now + 366 * 86400LL, 100, 400, &occ, &n, &cut,
	                    &budget) == 0) {
		view_value *next = view_put_list(s, "upcoming");
		size_t first_next = n, shown = 0;
		for (size_t i = 0; i < n; i++)
			if (occ[i].end_utc > now && first_next == n)
				first_next = i;
		for (size_t i = first_next; i < n && shown < 10; i++, shown++)
			view_put_occurrence(view_push_map(next), &occ[i], lang);
		view_value *recent = view_put_list(s, "recent");
		for (size_t i = first_next > 5 ? first_next - 5 : 0; i < first_next; i++)
			view_put_occurrence(view_push_map(recent), &occ[i], lang);
		view_put_bool(s, "occurrences_truncated", cut);
	}
	return page_render(c, "memoranda/show", s);
}

/* The choices a memorandum form offers: organisations and people (its rows; pick.h), projects. */
struct choices {
	rows_lists lists;
	project *projects;
	size_t nprojects;
};

static int load_choices(http_ctx *c, struct choices *ch)
{
	store *db = &app_of(c)->db;
	ch->lists = (rows_lists){0};
	if (pick_load(c, &ch->lists, PICK_PEOPLE | PICK_ORGS) || store_project_choices(db, c->a, &ch->projects, &ch->nprojects))
		return -1;
	return 0;
}

static int form_page(http_ctx *c, int status, long long id, memo_form *f, const struct choices *ch,
                     const char *message_key)
{
	view_value *s = page_scope(c, id ? "memo.edit" : "memo.new");
	page_put_fields(c, s, "memo", memo_fields, f->f, MF__MAX);
	view_put_int(s, "id", id);
	view_put_str(s, "action", id ? arena_printf(c->a, "/memoranda/%lld/edit", id) : "/memoranda/new");
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (f->invalid)
		view_put_bool(s, "has_errors", true);
	for (int p = 0; p < PART__MAX; p++)
		rows_put(c, s, &memo_parts[p], &ch->lists, &f->rows[p]);
	view_value *projects = view_put_list(s, "projects");
	for (size_t i = 0; i < ch->nprojects; i++) {
		view_value *p = view_push_map(projects);
		view_put_int(p, "id", ch->projects[i].id);
		view_put_str(p, "code", ch->projects[i].code);
		view_put_text(p, "name", ch->projects[i].name, lang_code(c->lang));
		bool on = false;
		for (size_t k = 0; k < f->nprojects; k++)
			on |= f->projects[k] == ch->projects[i].id;
		view_put_bool(p, "checked", on);
	}
	int rc = page_render(c, "memoranda/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int memoranda_new(http_ctx *c)
{
	struct choices ch;
	if (load_choices(c, &ch) != 0)
		return page_store_error(c, &app_of(c)->db);
	memo_form f;
	memo_form_from(c, NULL, &f);
	return form_page(c, 200, 0, &f, &ch, NULL);
}

int memoranda_edit(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	memorandum m;
	int found = store_memorandum_get(&ap->db, c->a, id, &m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	struct choices ch;
	if (load_choices(c, &ch) != 0)
		return page_store_error(c, &ap->db);
	memo_form f;
	memo_form_from(c, &m, &f);
	return form_page(c, 200, id, &f, &ch, NULL);
}

static int save(http_ctx *c, long long id)
{
	app *ap = app_of(c);
	struct choices ch;
	if (load_choices(c, &ch) != 0)
		return page_store_error(c, &ap->db);
	memo_form f;
	memorandum_input in;
	memo_form_read(c, &ch.lists, ch.projects, ch.nprojects, &f, &in);
	/* "more rows" buttons: show the form again with room to type, save nothing */
	int more = rows_more(c, memo_parts, PART__MAX);
	if (more >= 0) {
		for (int p = 0; p < PART__MAX; p++)
			rows_reshow(c, &memo_parts[p], &f.rows[p], p == more ? 2 : 0);
		for (int k = 0; k < MF__MAX; k++)
			f.f[k].error = NULL;
		f.invalid = 0;
		return form_page(c, 200, id, &f, &ch, NULL);
	}
	if (f.invalid) {
		for (int p = 0; p < PART__MAX; p++)
			rows_grow(c, &memo_parts[p], &f.rows[p], 2);
		return form_page(c, 422, id, &f, &ch, "form.invalid");
	}
	in.m.id = id;
	actor who = app_actor(c);
	switch (store_memorandum_save(&ap->db, c->a, &who, &in)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/memoranda/%lld", in.m.id), !id ? "memo_created" : ap->db.unchanged ? "unchanged" : "memo_saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.memorandum_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, id, &f, &ch, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, id ? arena_printf(c->a, "/memoranda/%lld", id) : "/memoranda", &msg);
	return form_page(c, status, id, &f, &ch, msg);
}

int memoranda_create(http_ctx *c)
{
	return save(c, 0);
}

int memoranda_update(http_ctx *c)
{
	return save(c, http_param_int(c, "id"));
}

int memoranda_delete(http_ctx *c)
{
	app *ap = app_of(c);
	long long id = http_param_int(c, "id");
	int version;
	int bad = page_form_version(c, &version);
	if (bad)
		return bad;
	actor who = app_actor(c);
	switch (store_memorandum_delete(&ap->db, c->a, &who, id, version)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, "/memoranda", "memo_deleted"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.memorandum_not_found";
		return 404;
	case CHANGE_STALE:
		c->error_key = "form.stale_delete";
		return 409;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}
