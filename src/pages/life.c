/* life.c - a memorandum's life events: terminate, renew, amend (each a form of its own), and an area's commitment. */
#include "pages/life.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/exceptions.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/documents.h"
#include "pages/ended.h"
#include "pages/forms.h"
#include "pages/occurrence_index.h"
#include "pages/render.h"
#include "pages/span.h"
#include "store/audit.h"
#include "store/life.h"
#include "store/memoranda.h"
#include "store/records.h"
#include "store/series.h"
#include "util/log.h"
#include "util/date.h"
#include "view/present.h"

static const char *const statuses[] = {"draft", "signed", NULL};
static const char *const frequencies[] = {"monthly", "quarterly", "yearly", NULL};

enum { T_ON, T_REASON_EN, T_REASON_AZ, T_VERSION, T__MAX };
static const field_def terminate_fields[T__MAX] = {
	{"terminated_on", FIELD_DATE, true, 0, 0, NULL},
	{"reason_en", FIELD_TEXTAREA, true, 2000, 0, NULL},
	{"reason_az", FIELD_TEXTAREA, true, 2000, 0, NULL},
	{"version", FIELD_INT, false, 0, 0, NULL},
};

enum { R_SIGNED_ON, R_VALID_FROM, R_VALID_UNTIL, R_STATUS, R_VERSION, R__MAX };
static const field_def renew_fields[R__MAX] = {
	{"signed_on", FIELD_DATE, true, 0, 0, NULL},
	{"valid_from", FIELD_DATE, false, 0, 0, NULL},
	{"valid_until", FIELD_DATE, false, 0, 0, NULL},
	{"status", FIELD_CHOICE, true, 0, 0, statuses},
	{"version", FIELD_INT, false, 0, 0, NULL},
};

enum { A_ON, A_TITLE_EN, A_TITLE_AZ, A_SUMMARY_EN, A_SUMMARY_AZ, A_VERSION, A__MAX };
static const field_def amend_fields[A__MAX] = {
	{"amended_on", FIELD_DATE, true, 0, 0, NULL},
	{"title_en", FIELD_TEXT, true, 500, 0, NULL},
	{"title_az", FIELD_TEXT, true, 500, 0, NULL},
	{"summary_en", FIELD_TEXTAREA, false, 10000, 0, NULL},
	{"summary_az", FIELD_TEXTAREA, false, 10000, 0, NULL},
	{"version", FIELD_INT, false, 0, 0, NULL},
};

enum { C_FREQUENCY, C_VERSION, C__MAX };
static const field_def commitment_fields[C__MAX] = {
	{"frequency", FIELD_CHOICE, false, 0, 0, frequencies},
	{"version", FIELD_INT, false, 0, 0, NULL},
};

/* The memorandum the URL names: 0 with *m, or the status to answer (404, or the store's). */
static int load(http_ctx *c, memorandum *m)
{
	app *ap = app_of(c);
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (!found) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	return 0;
}

/* Every life form: the memorandum named at the top, the fields, a message, answered with status. */
static view_value *form_scope(http_ctx *c, const memorandum *m, const char *name, const field_def *defs,
                              field_value *vals, size_t n, const char *message_key)
{
	view_value *s = page_scope(c, arena_printf(c->a, "life.%s.title", name));
	page_put_fields(c, s, "life", defs, vals, n);
	view_put_int(s, "id", m->id);
	view_put_text(s, "memorandum_title", m->title, lang_code(c->lang));
	view_put_str(s, "signed_on", m->signed_on);
	view_put_str(s, "valid_until", m->valid_until);
	view_put_str(s, "action", arena_printf(c->a, "%s", c->path));
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	return s;
}

static int form_render(http_ctx *c, int status, const char *name, view_value *s)
{
	int rc = page_render(c, arena_printf(c->a, "memoranda/%s", name), s);
	if (rc == 0)
		c->status = status;
	return rc;
}

static int form_page(http_ctx *c, int status, const memorandum *m, const char *name, const field_def *defs,
                     field_value *vals, size_t n, const char *message_key, view_value **scope)
{
	view_value *s = form_scope(c, m, name, defs, vals, n, message_key);
	if (scope)
		*scope = s;
	return form_render(c, status, name, s);
}

/* The form as stored (the record's version; defaults) before anything is sent. */
static void blank(const field_def *defs, size_t n, field_value *vals, http_ctx *c, const memorandum *m, int vi,
                  const char *const *extra)
{
	const char *raw[8] = {0};
	for (size_t i = 0; i < n && extra; i++)
		raw[i] = extra[i];
	raw[vi] = arena_printf(c->a, "%d", m->version);
	page_fill_fields(defs, n, raw, vals);
}

static int count_invalid(const field_value *v, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += v[i].error != NULL;
	return bad;
}

/* After the store answered: the redirect with its note, or the form again with why. */
static int answer(http_ctx *c, enum change_result res, const memorandum *m, const char *name, const field_def *defs,
                  field_value *vals, size_t n, long long go_to, const char *done)
{
	app *ap = app_of(c);
	switch (res) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/memoranda/%lld", go_to), done));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.memorandum_not_found";
		return 404;
	case CHANGE_STALE:
		return form_page(c, 409, m, name, defs, vals, n, "life.stale", NULL);
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, arena_printf(c->a, "/memoranda/%lld", m->id), &msg);
	return form_page(c, status, m, name, defs, vals, n, msg, NULL);
}

/* Today ("YYYY-MM-DD") as a memorandum's life counts it: the day in DEFAULT_TZID (LIFE_TODAY in store/stmt.c). */
static const char *today_text(char day[11])
{
	cal_local t = cal_utc_to_local((long long)time(NULL), DEFAULT_TZID);
	snprintf(day, 11, "%04d-%02d-%02d", t.year, t.month, t.day);
	return day;
}

static bool text_same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && strcmp(a, b) == 0);
}

/* A decision on a memorandum that has one already is refused with why (renewed, terminated). */
static int decided(http_ctx *c, const memorandum *m)
{
	if (m->renewed_by || m->terminated_on) {
		c->error_key = "life.already_decided";
		return 409;
	}
	return 0;
}

/*
 * What a termination does to the memorandum's meetings. "Terminated on" is the memorandum's last day in force:
 * nothing of its meetings may start after it. What already began stays as it was (a termination recorded after
 * the day keeps the meetings held since): the cut is the next day's midnight in each series' own zone, or now
 * when that has passed (an all-day meeting: the day after today). A series that starts at or after the cut is
 * cancelled; a repeating one ends its rule before the cut (COUNT or UNTIL, as "this and all following" ends the
 * old half: cal_end_before); RDATEs and EXDATEs from the cut on go; an occurrence moved past the cut is
 * cancelled. Each is then an ordinary change of the series: SEQUENCE rises, the feeds and the attendees' mail
 * follow. *out gets the series that change; 0, or 422 with the reason on the date field.
 */
static int plan_ends(http_ctx *c, long long memorandum_id, const char *on, series_end **out, size_t *n,
                     field_value *date_field)
{
	series_filter f = {memorandum_id, 0, 0};
	series *list;
	size_t nlist;
	*out = NULL;
	*n = 0;
	if (store_series_list(&app_of(c)->db, c->a, &f, &list, &nlist) != 0)
		return page_store_error(c, &app_of(c)->db);
	series_end *ends = arena_alloc(c->a, (nlist ? nlist : 1) * sizeof *ends);
	cal_local last;
	if (cal_parse_local(on, &last) != 0)
		return 500;
	long long now = (long long)time(NULL);
	for (size_t i = 0; i < nlist; i++) {
		series *sr = &list[i];
		if (strcmp(sr->status, "cancelled") == 0)
			continue;
		cal_local cut = ended_cut(sr, last, now);
		cal_series cs;
		if (schedule_to_cal(c->a, sr, &cs) != 0)
			return 500;
		const char *rule = NULL;
		char err[200] = "";
		enum cal_end how = cal_end_before(c->a, &cs, cut, &rule, err, sizeof err);
		if (how == CAL_END_ERROR) {
			log_info("msg=\"termination refused\" series=%lld cause=\"%s\"", sr->id, err);
			date_field->error = "life.cannot_end";
			return 422;
		}
		series_end e = {.id = sr->id, .version = sr->version, .cancel = how == CAL_END_ALL, .rrule = sr->rrule};
		bool changes = e.cancel;
		if (how == CAL_END_RULE) {
			e.rrule = rule;
			changes = true;
		}
		if (!e.cancel) {
			/* occurrences moved into the term from after it stay (their override stays too): a start the rule
			 * no longer gives is kept as an RDATE, whose instance the override still moves (RFC 5545 lets a
			 * RECURRENCE-ID name an RDATE's instance) */
			const char **moved_in = arena_alloc(c->a, (sr->noverrides ? sr->noverrides : 1) * sizeof *moved_in);
			size_t nmoved_in = 0;
			long long *drop = arena_alloc(c->a, (sr->noverrides ? sr->noverrides : 1) * sizeof *drop);
			e.drop_ids = drop;
			e.cancel_rids = arena_alloc(c->a, (sr->noverrides ? sr->noverrides : 1) * sizeof *e.cancel_rids);
			for (size_t k = 0; k < sr->noverrides; k++) {
				const series_override *ov = &sr->overrides[k];
				cal_local rid, moved;
				if (cal_parse_local(ov->recurrence_id, &rid) != 0)
					continue;
				bool stays_in = !ov->cancelled && ov->start_local && cal_parse_local(ov->start_local, &moved) == 0 &&
				                cal_local_cmp(moved, cut) < 0;
				if (cal_local_cmp(rid, cut) >= 0 && !stays_in) {
					/* an exception of an occurrence past the end: the ended rule no longer has it */
					drop[e.ndrop++] = ov->id;
					changes = true;
					continue;
				}
				if (ov->cancelled || !ov->start_local || cal_parse_local(ov->start_local, &moved) != 0)
					continue;
				bool rid_after = cal_local_cmp(rid, cut) >= 0, moved_after = cal_local_cmp(moved, cut) >= 0;
				if (!rid_after && moved_after) {
					e.cancel_rids[e.ncancel++] = ov->recurrence_id; /* moved past the end: called off */
					changes = true;
				} else if (rid_after && !moved_after) {
					moved_in[nmoved_in++] = ov->recurrence_id;
				}
			}
			e.rdates = arena_alloc(c->a, (sr->nrdates + nmoved_in + 1) * sizeof *e.rdates);
			e.exdates = arena_alloc(c->a, (sr->nexdates ? sr->nexdates : 1) * sizeof *e.exdates);
			for (size_t k = 0; k < cs.nrdates; k++) {
				bool kept = cal_local_cmp(cs.rdates[k], cut) < 0;
				for (size_t j = 0; !kept && j < nmoved_in; j++)
					kept = strcmp(sr->rdates[k], moved_in[j]) == 0;
				if (kept)
					e.rdates[e.nrdates++] = sr->rdates[k];
				else
					changes = true;
			}
			for (size_t j = 0; j < nmoved_in; j++) {
				bool listed = false;
				for (size_t k = 0; k < e.nrdates; k++)
					listed = listed || strcmp(e.rdates[k], moved_in[j]) == 0;
				if (!listed)
					e.rdates[e.nrdates++] = moved_in[j]; /* a start of the rule: the rule changed, changes is set */
			}
			for (size_t k = 0; k < cs.nexdates; k++)
				if (cal_local_cmp(cs.exdates[k], cut) < 0)
					e.exdates[e.nexdates++] = sr->exdates[k];
		}
		if (!changes)
			continue;
		/* the meeting records of what is called off: kept, but no occurrence leads to them any more */
		long long *rec_ids;
		const char **rec_keys;
		size_t nrec;
		if (store_record_keys(&app_of(c)->db, c->a, sr->id, &rec_ids, &rec_keys, &nrec) != 0)
			return page_store_error(c, &app_of(c)->db);
		for (size_t k = 0; k < nrec; k++) {
			cal_local r;
			if (cal_parse_local(rec_keys[k], &r) == 0 && cal_local_cmp(r, cut) >= 0)
				e.records++;
		}
		e.title = sr->title;
		e.label = arena_printf(c->a, "%s (%s)", sr->title.en,
		                       e.cancel ? "cancelled: its memorandum was terminated"
		                                : "ended: its memorandum was terminated");
		ends[(*n)++] = e;
	}
	*out = ends;
	return 0;
}

int life_terminate_form(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc || (rc = decided(c, &m)))
		return rc;
	field_value v[T__MAX];
	blank(terminate_fields, T__MAX, v, c, &m, T_VERSION, NULL);
	return form_page(c, 200, &m, "terminate", terminate_fields, v, T__MAX, NULL, NULL);
}

int life_terminate(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	field_value v[T__MAX];
	fields_check(c->a, &c->body, terminate_fields, T__MAX, v);
	if (v[T_ON].value && strcmp(v[T_ON].value, m.signed_on) < 0)
		v[T_ON].error = "life.before_signed";
	/* A termination takes effect by the last day, when the memorandum would end by itself; once that has passed,
	 * terminating records the decision not to renew, dated by today. A later date would leave it "active" past
	 * its end, with no notice day in the feeds. */
	else if (v[T_ON].value && m.valid_until && strcmp(v[T_ON].value, m.valid_until) > 0) {
		char today[11];
		if (strcmp(v[T_ON].value, today_text(today)) > 0)
			v[T_ON].error = "life.after_end";
	}
	if (count_invalid(v, T__MAX))
		return form_page(c, 422, &m, "terminate", terminate_fields, v, T__MAX, "form.invalid", NULL);
	/* the same termination sent again (a double click, a resubmit after Back): the first one's answer */
	if (m.terminated_on && strcmp(m.terminated_on, v[T_ON].value) == 0 &&
	    text_same(m.termination_reason.en, v[T_REASON_EN].value) &&
	    text_same(m.termination_reason.az, v[T_REASON_AZ].value))
		return answer(c, CHANGE_DONE, &m, "terminate", terminate_fields, v, T__MAX, m.id, "memo_terminated");
	if (m.terminated_on || m.renewed_by) /* a renewed one goes on in its successor: not terminated as well */
		return form_page(c, 409, &m, "terminate", terminate_fields, v, T__MAX, "life.already_decided", NULL);
	series_end *ends;
	size_t nends;
	if ((rc = plan_ends(c, m.id, v[T_ON].value, &ends, &nends, &v[T_ON])) == 422)
		return form_page(c, 422, &m, "terminate", terminate_fields, v, T__MAX, "form.invalid", NULL);
	if (rc)
		return rc;
	/* meetings to call off: listed, and done only once confirmed (the form again, with the list and the button) */
	const char *action = form_get(&c->body, "action");
	if (nends && !(action && strcmp(action, "confirm") == 0)) {
		view_value *s = form_scope(c, &m, "terminate", terminate_fields, v, T__MAX, "life.terminate.confirm_note");
		view_value *list = view_put_list(s, "ending");
		int records = 0;
		for (size_t i = 0; i < nends; i++) {
			view_value *e = view_push_map(list);
			view_put_int(e, "id", ends[i].id);
			view_put_text(e, "title", ends[i].title, lang_code(c->lang));
			view_put_bool(e, "cancel", ends[i].cancel);
			records += ends[i].records;
		}
		view_put_bool(s, "confirming", true);
		if (records)
			view_put_str(s, "records_note", page_msg(c, "life.terminate.records", records));
		return form_render(c, 200, "terminate", s);
	}
	actor who = app_actor(c);
	enum change_result res = store_memorandum_terminate(&app_of(c)->db, c->a, &who, m.id, (int)v[T_VERSION].num,
	                                                    v[T_ON].value,
	                                                    (bitext){v[T_REASON_EN].value, v[T_REASON_AZ].value},
	                                                    ends, nends);
	if (res == CHANGE_DONE && nends) {
		/* as after any save of a series: a COUNT's end narrowed, the occurrence index written (best effort) */
		series_filter f = {m.id, 0, 0};
		series *list;
		size_t nlist;
		if (store_series_list(&app_of(c)->db, c->a, &f, &list, &nlist) == 0) {
			long long *ids = arena_alloc(c->a, nends * sizeof *ids);
			for (size_t i = 0; i < nends; i++)
				ids[i] = ends[i].id;
			span_narrow(&app_of(c)->db, c->a, list, nlist);
			occurrence_index_series(&app_of(c)->db, ids, nends);
		}
	}
	return answer(c, res, &m, "terminate", terminate_fields, v, T__MAX, m.id,
	              nends ? "memo_terminated_meetings" : "memo_terminated");
}

int life_renew_form(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc || (rc = decided(c, &m)))
		return rc;
	field_value v[R__MAX];
	const char *raw[R__MAX] = {[R_STATUS] = "draft"};
	blank(renew_fields, R__MAX, v, c, &m, R_VERSION, raw);
	return form_page(c, 200, &m, "renew", renew_fields, v, R__MAX, NULL, NULL);
}

int life_renew(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	field_value v[R__MAX];
	fields_check(c->a, &c->body, renew_fields, R__MAX, v);
	field_value *on = &v[R_SIGNED_ON], *from = &v[R_VALID_FROM], *until = &v[R_VALID_UNTIL];
	if (until->value && on->value && strcmp(until->value, on->value) <= 0)
		until->error = "memo.until_after_signed";
	else if (until->value && from->value && strcmp(until->value, from->value) < 0)
		until->error = "memo.until_after_from";
	/* a successor comes after what it renews: signed no earlier, and in force past its last day (else the old one
	 * would read "renewed" by a memorandum that ended before it, or long ago) */
	if (on->value && !on->error && strcmp(on->value, m.signed_on) < 0)
		on->error = "life.renew_signed_before";
	/* a successor marked signed makes this one "renewed" at once: it must have been signed by today (a
	 * renewal still to be signed is a draft until then) */
	if (on->value && !on->error && v[R_STATUS].value && strcmp(v[R_STATUS].value, "signed") == 0) {
		char today[11];
		if (strcmp(on->value, today_text(today)) > 0)
			on->error = "life.renew_signed_later";
	}
	if (until->value && !until->error && m.valid_until && strcmp(until->value, m.valid_until) <= 0)
		until->error = "life.renew_ends_before";
	if (count_invalid(v, R__MAX))
		return form_page(c, 422, &m, "renew", renew_fields, v, R__MAX, "form.invalid", NULL);
	actor who = app_actor(c);
	/* the same form sent again (a double click): its first send renewed it, so that successor is the answer */
	long long made = 0;
	int sent = store_form_key_made(&app_of(c)->db, c->a, &who, "memorandum", &made);
	if (sent < 0)
		return answer(c, CHANGE_ERROR, &m, "renew", renew_fields, v, R__MAX, 0, NULL);
	if (sent > 0)
		return answer(c, CHANGE_DONE, &m, "renew", renew_fields, v, R__MAX, made, "memo_renewed");
	if (m.renewed_by || m.terminated_on)
		return form_page(c, 409, &m, "renew", renew_fields, v, R__MAX, "life.already_decided", NULL);
	renewal r = {on->value, from->value, until->value, v[R_STATUS].value};
	long long successor = 0;
	enum change_result res =
		store_memorandum_renew(&app_of(c)->db, c->a, &who, m.id, (int)v[R_VERSION].num, &r, &successor);
	return answer(c, res, &m, "renew", renew_fields, v, R__MAX, successor, "memo_renewed");
}

int life_amend_form(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	field_value v[A__MAX];
	blank(amend_fields, A__MAX, v, c, &m, A_VERSION, NULL);
	return form_page(c, 200, &m, "amend", amend_fields, v, A__MAX, NULL, NULL);
}

int life_amend(http_ctx *c)
{
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	field_value v[A__MAX];
	fields_check(c->a, &c->body, amend_fields, A__MAX, v);
	if (v[A_ON].value && strcmp(v[A_ON].value, m.signed_on) < 0)
		v[A_ON].error = "life.before_signed";
	/* an ended memorandum is not amended after its last day (terminated, or expired without renewal) */
	else if (v[A_ON].value && ((m.terminated_on && strcmp(v[A_ON].value, m.terminated_on) > 0) ||
	                           (m.valid_until && strcmp(v[A_ON].value, m.valid_until) > 0)))
		v[A_ON].error = "life.amend_after_end";
	/* an optional document (pages/documents.c): refused kinds and sizes come back with the form */
	document_file doc;
	const char *why;
	int refused = documents_take_upload(c, &doc, &why);
	if (count_invalid(v, A__MAX) || refused) {
		view_value *s = form_scope(c, &m, "amend", amend_fields, v, A__MAX, "form.invalid");
		if (why)
			documents_put_upload_error(c, s, why);
		return form_render(c, refused ? refused : 422, "amend", s);
	}
	actor who = app_actor(c);
	memorandum_amendment am = {0, v[A_ON].value, {v[A_TITLE_EN].value, v[A_TITLE_AZ].value},
	                           {v[A_SUMMARY_EN].value, v[A_SUMMARY_AZ].value}};
	enum change_result res = store_memorandum_amend(&app_of(c)->db, c->a, &who, m.id, (int)v[A_VERSION].num, &am,
	                                                doc.data ? &doc : NULL);
	return answer(c, res, &m, "amend", amend_fields, v, A__MAX, m.id, "memo_amended");
}

/* The commitment form: the area's text, and a box for each series of the memorandum, ticked as sent or stored. */
static int commitment_page(http_ctx *c, int status, const memorandum *m, const memorandum_area *area, field_value *v,
                           const series *list, size_t nseries, const long long *ticked, size_t nticked,
                           const char *series_error, const char *message_key)
{
	view_value *s = page_scope(c, "life.commitment.title");
	page_put_fields(c, s, "life", commitment_fields, v, C__MAX);
	const char *lang = lang_code(c->lang);
	view_put_int(s, "id", m->id);
	view_put_text(s, "memorandum_title", m->title, lang);
	view_put_text(s, "area", area->text, lang);
	view_put_str(s, "action", c->path);
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	if (series_error) {
		page_put_error(c, s, "series", series_error, 0);
		view_put_str(s, "series_error", page_msg(c, series_error, 0));
	}
	view_value *l = view_put_list(s, "series");
	for (size_t i = 0; i < nseries; i++) {
		view_value *x = view_push_map(l);
		view_put_int(x, "id", list[i].id);
		view_put_text(x, "title", list[i].title, lang);
		bool on = false;
		for (size_t k = 0; k < nticked; k++)
			on |= ticked[k] == list[i].id;
		view_put_bool(x, "checked", on);
	}
	int rc = page_render(c, "memoranda/commitment", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

/* The area the URL names, of this memorandum; NULL when it has none such. */
static const memorandum_area *area_of(http_ctx *c, const memorandum *m)
{
	long long aid = http_param_int(c, "aid");
	for (size_t i = 0; i < m->nareas; i++)
		if (m->areas[i].id == aid)
			return &m->areas[i];
	c->error_key = "life.area_not_found";
	return NULL;
}

int life_commitment_form(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	const memorandum_area *area = area_of(c, &m);
	if (!area)
		return 404;
	series_filter filter = {m.id, 0, 0};
	series *list;
	size_t nseries;
	commitment *cs;
	size_t ncs;
	if (store_series_list(&ap->db, c->a, &filter, &list, &nseries) != 0 ||
	    store_commitments(&ap->db, c->a, m.id, &cs, &ncs) != 0)
		return page_store_error(c, &ap->db);
	/* the stored series: '{1,2}' */
	long long *ticked = arena_alloc(c->a, (nseries + 1) * sizeof *ticked);
	size_t nticked = 0;
	for (size_t i = 0; i < ncs; i++)
		if (cs[i].area_id == area->id && cs[i].series)
			for (const char *p = cs[i].series + 1; *p && *p != '}' && nticked < nseries;) {
				char *end;
				long long id = strtoll(p, &end, 10);
				if (end == p)
					break; /* not a number: PostgreSQL writes none such, but never loop on one */
				ticked[nticked++] = id;
				p = *end == ',' ? end + 1 : end;
			}
	field_value v[C__MAX];
	const char *raw[C__MAX] = {[C_FREQUENCY] = area->frequency};
	blank(commitment_fields, C__MAX, v, c, &m, C_VERSION, raw);
	return commitment_page(c, 200, &m, area, v, list, nseries, ticked, nticked, NULL, NULL);
}

int life_commitment(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load(c, &m);
	if (rc)
		return rc;
	const memorandum_area *area = area_of(c, &m);
	if (!area)
		return 404;
	series_filter filter = {m.id, 0, 0};
	series *list;
	size_t nseries;
	if (store_series_list(&ap->db, c->a, &filter, &list, &nseries) != 0)
		return page_store_error(c, &ap->db);
	field_value v[C__MAX];
	fields_check(c->a, &c->body, commitment_fields, C__MAX, v);
	/* ticked boxes named "series": each one of this memorandum's, once; anything else is an error */
	long long *ticked = arena_alloc(c->a, (nseries + 1) * sizeof *ticked);
	size_t nticked = 0;
	const char *series_error = NULL;
	for (size_t i = 0; i < c->body.count; i++) {
		if (strcmp(c->body.fields[i].name, "series") != 0)
			continue;
		bool known = false;
		for (size_t j = 0; j < nseries && !known; j++)
			if (strcmp(arena_printf(c->a, "%lld", list[j].id), c->body.fields[i].value) == 0) {
				known = true;
				bool seen = false;
				for (size_t k = 0; k < nticked; k++)
					seen |= ticked[k] == list[j].id;
				if (!seen)
					ticked[nticked++] = list[j].id;
			}
		if (!known)
			series_error = "invalid.choice";
	}
	if (v[C_FREQUENCY].value && !nticked && !series_error)
		series_error = "life.series_required";
	if (count_invalid(v, C__MAX) || series_error)
		return commitment_page(c, 422, &m, area, v, list, nseries, ticked, nticked, series_error, "form.invalid");
	actor who = app_actor(c);
	enum change_result res = store_commitment_set(&ap->db, c->a, &who, m.id, (int)v[C_VERSION].num, area->id,
	                                              v[C_FREQUENCY].value, ticked, nticked);
	switch (res) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, arena_printf(c->a, "/memoranda/%lld", m.id), "memo_commitment"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "life.area_not_found";
		return 404;
	case CHANGE_STALE:
		return commitment_page(c, 409, &m, area, v, list, nseries, ticked, nticked, NULL, "life.stale");
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, arena_printf(c->a, "/memoranda/%lld", m.id), &msg);
	return commitment_page(c, status, &m, area, v, list, nseries, ticked, nticked, NULL, msg);
}

/* The audit log's entries of this memorandum, newest first: its history. */
#define HISTORY_MAX 100

int life_put(http_ctx *c, view_value *s, const memorandum *m)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	view_put_str(s, "life", m->life);
	view_put_str(s, "status", m->life); /* for partials/status */
	view_put_bool(s, "can_decide", !m->renewed_by && !m->terminated_on);
	if (m->renewed_by)
		view_put_int(s, "renewed_by", m->renewed_by);
	if (m->renews)
		view_put_int(s, "renews", m->renews);
	if (m->terminated_on) {
		view_put_str(s, "terminated_on", m->terminated_on);
		view_put_text(s, "termination_reason", m->termination_reason, lang);
		view_put_text(s, "termination_reason_alt", m->termination_reason, strcmp(lang, "az") == 0 ? "en" : "az");
	}
	view_value *am = view_put_list(s, "amendments");
	for (size_t i = 0; i < m->namendments; i++) {
		view_value *x = view_push_map(am);
		view_put_str(x, "amended_on", m->amendments[i].amended_on);
		view_put_text(x, "title", m->amendments[i].title, lang);
		view_put_text(x, "summary", m->amendments[i].summary, lang);
	}

	commitment *cs;
	size_t ncs;
	const char *last_held;
	bool dormant;
	if (store_commitments(&ap->db, c->a, m->id, &cs, &ncs) != 0 ||
	    store_memorandum_activity(&ap->db, c->a, m->id, &last_held, &dormant) != 0)
		return -1;
	view_put_str(s, "last_held", last_held);
	view_put_bool(s, "dormant", dormant);
	view_put_int(s, "dormant_months", ap->db.dormant_months);
	view_value *areas = view_put_list(s, "areas");
	for (size_t i = 0; i < m->nareas; i++) {
		view_value *x = view_push_map(areas);
		view_put_int(x, "id", m->areas[i].id);
		view_put_str(x, "text_en", m->areas[i].text.en);
		view_put_str(x, "text_az", m->areas[i].text.az);
		for (size_t k = 0; k < ncs; k++) {
			if (cs[k].area_id != m->areas[i].id)
				continue;
			view_put_str(x, "frequency", cs[k].frequency);
			view_put_int(x, "periods", cs[k].periods);
			view_put_int(x, "met", cs[k].met);
			/* kept: every whole period so far had a meeting held; none yet: too early to tell */
			view_put_str(x, "kept", cs[k].periods <= 0 ? "early" : cs[k].met == cs[k].periods ? "yes" : "no");
			view_put_str(x, "last_held", cs[k].last_held);
		}
	}

	audit_entry *log;
	size_t n;
	bool more;
	if (store_audit_list(&ap->db, c->a, "memorandum", m->id, HISTORY_MAX, 0, 0, &log, &n, &more) != 0)
		return -1;
	view_put_str(s, "tz", viewer_zone(c)); /* the history's times are in it, said on the page */
	view_value *h = view_put_list(s, "history");
	for (size_t i = 0; i < n; i++) {
		view_value *x = view_push_map(h);
		view_put_moment(x, "at", log[i].at, viewer_zone(c));
		view_put_str(x, "who", log[i].user_login);
		view_put_str(x, "action", log[i].action);
		view_put_str(x, "action_label", page_msg(c, arena_printf(c->a, "audit.action.%s", log[i].action), 0));
		view_value *ch = view_put_list(x, "changes");
		for (size_t j = 0; j < log[i].nchanged; j++) {
			view_value *y = view_push_map(ch);
			view_put_str(y, "field", log[i].changed[j].field);
			view_put_str(y, "before", log[i].changed[j].before);
			view_put_str(y, "after", log[i].changed[j].after);
		}
	}
	view_put_bool(s, "history_more", more);
	return 0;
}
