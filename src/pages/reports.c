/* reports.c - the activity report of a memorandum and of an organisation: page, CSV, PDF, recommendation. */
#include "pages/reports.h"

#include <stdlib.h>
#include <string.h>

#include "pages/activity.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/render.h"
#include "pages/timeline.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "util/date.h"
#include "util/log.h"
#include "util/spawn.h"
#include "view/csv.h"
#include "view/present.h"

#define REPORT_MAX_DAYS 3660               /* a period of ten years at most: bounds the expansion */
#define REPORT_PDF_MAX (20 * 1024 * 1024)  /* bytes */
/* lines a list of the report shows at most (its numbers count them all): ten years of an hourly meeting would
 * make a page of megabytes and a PDF that takes WeasyPrint half a minute and half a gigabyte */
#define REPORT_LIST_MAX 500
#define REPORT_PDF_TIMEOUT_MS 30000        /* WeasyPrint starts Python: a second or more on a busy machine */

/* ---- the period: ?from=&to=, both or neither ---- */

enum { P_FROM, P_TO, P__MAX };
static const field_def period_fields[P__MAX] = {
	[P_FROM] = {"from", FIELD_DATE, false, 0, 0, NULL},
	[P_TO] = {"to", FIELD_DATE, false, 0, 0, NULL},
};

typedef struct period {
	field_value v[P__MAX];
	const char *from, *to;
	bool is_default;
	int invalid;
} period;

/* Reads the period from the query (GET) or the body (POST). Errors go into v[] (shown at the fields). */
static void read_period(http_ctx *c, const form *src, period *p)
{
	memset(p, 0, sizeof *p);
	p->invalid = fields_check(c->a, src, period_fields, P__MAX, p->v);
	field_value *f = &p->v[P_FROM], *t = &p->v[P_TO];
	if (p->invalid)
		return;
	if (!f->value && !t->value) {
		activity_default_period(c->a, &p->from, &p->to);
		p->is_default = true;
		return;
	}
	if (!f->value || !t->value) {
		(f->value ? t : f)->error = "invalid.required";
		p->invalid = 1;
		return;
	}
	long long d0 = date_days_from_civil(atoi(f->value), atoi(f->value + 5), atoi(f->value + 8));
	long long d1 = date_days_from_civil(atoi(t->value), atoi(t->value + 5), atoi(t->value + 8));
	if (d1 < d0) {
		t->error = "report.invalid.before";
		p->invalid = 1;
	} else if (d1 - d0 >= REPORT_MAX_DAYS) {
		t->error = "report.invalid.long";
		t->arg = REPORT_MAX_DAYS / 366;
		p->invalid = 1;
	}
	p->from = f->value;
	p->to = t->value;
}

/* The period's form fields, as typed (with their errors) or as computed. */
static void put_period(http_ctx *c, view_value *sc, period *p)
{
	if (!p->invalid) {
		p->v[P_FROM].raw = p->from;
		p->v[P_TO].raw = p->to;
	}
	page_put_fields(c, sc, "report", period_fields, p->v, P__MAX);
	view_put_str(sc, "from", p->from);
	view_put_str(sc, "to", p->to);
	view_put_bool(sc, "default_period", p->is_default);
	view_put_str(sc, "zone", ACTIVITY_ZONE);
	if (!p->invalid)
		view_put_str(sc, "period_query", arena_printf(c->a, "from=%s&to=%s", p->from, p->to));
}

static int load_memorandum(http_ctx *c, memorandum *m)
{
	app *ap = app_of(c);
	int found = store_memorandum_get(&ap->db, c->a, http_param_int(c, "id"), m);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (found == 0) {
		c->error_key = "error.memorandum_not_found";
		return 404;
	}
	return 0;
}

/* "/series/3/occurrences/20260304T100000/record" */
static const char *record_href(http_ctx *c, const activity_occ *x)
{
	const char *r = x->o->recurrence_id;
	return arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record", x->o->series->id, r, r + 5,
	                    r + 8, r + 11, r + 14, r + 17);
}

static void put_numbers(http_ctx *c, view_value *sc, const long *n)
{
	view_value *nm = view_put_map(sc, "n");
	for (int k = 0; k < AM__MAX; k++)
		view_put_int(nm, activity_measures[k], n[k]);
}

/* Everything the report shows of one memorandum: numbers, its meetings, events, students, decisions, timeline. */
static void put_activity(http_ctx *c, view_value *sc, const activity *a)
{
	const char *lang = lang_code(c->lang);
	put_numbers(c, sc, a->n);
	view_put_bool(sc, "truncated", a->truncated);
	view_value *meetings = view_put_list(sc, "meetings");
	view_value *events = view_put_list(sc, "events");
	view_value *students = view_put_list(sc, "student_meetings");
	long shown_meetings = 0, shown_events = 0, shown_students = 0, more_meetings = 0, more_events = 0, more_students = 0;
	for (size_t i = 0; i < a->nocc; i++) {
		const activity_occ *x = &a->occ[i];
		bool in_meetings = !x->event && shown_meetings < REPORT_LIST_MAX, in_events = x->event && shown_events < REPORT_LIST_MAX;
		bool in_students = x->students && shown_students < REPORT_LIST_MAX;
		more_meetings += !x->event && !in_meetings;
		more_events += x->event && !in_events;
		more_students += x->students && !in_students;
		if (!in_meetings && !in_events && !in_students)
			continue;
		view_value *e = view_map_new(c->a);
		view_put_occurrence(e, x->o, lang);
		view_put_str(e, "date", x->date);
		const char *state = !x->promised ? "cancelled" : x->held ? "held" : x->missed ? "missed" : "coming";
		view_put_str(e, "state", state);
		view_put_str(e, "state_label", page_msg(c, arena_printf(c->a, "report.state.%s", state), 0));
		view_put_bool(e, "held", x->held);
		view_put_int(e, "came", x->came);
		if (x->rec)
			view_put_str(e, "record_href", record_href(c, x));
		/* who was asked: the series' attendees, groups named */
		view_value *groups = view_put_list(e, "groups");
		long people = 0;
		for (size_t k = 0; k < x->o->series->nattendees; k++) {
			const attendee *at = &x->o->series->attendees[k];
			if (at->person_id == 0) {
				view_value *g = view_push_map(groups);
				view_put_text(g, "name", at->name, lang);
			} else {
				people++;
			}
		}
		view_put_int(e, "invited", people);
		if (in_meetings || in_events) {
			view_push(x->event ? events : meetings, e);
			shown_meetings += in_meetings;
			shown_events += in_events;
		}
		if (in_students) {
			view_push(students, e);
			shown_students++;
		}
	}
	view_put_int(sc, "meetings_more", more_meetings);
	view_put_int(sc, "events_more", more_events);
	view_put_int(sc, "students_more", more_students);
	view_value *dl = view_put_list(sc, "decisions");
	for (size_t i = 0; i < a->ndecisions; i++) {
		view_value *e = view_push_map(dl);
		view_put_str(e, "number", a->decisions[i]->number);
		bitext t = {a->decisions[i]->text_en, a->decisions[i]->text_az};
		view_put_text(e, "text", t, lang);
		view_put_str(e, "date", arena_strndup(c->a, a->decisions[i]->recurrence_id, 10));
	}
	timeline_put(c, sc, a);
}

/* ---- CSV: one row per number, for the university's own reporting ---- */

/*
 * RFC 4180 (CRLF, quoted fields), UTF-8 without a byte order mark: the columns name the memorandum, the
 * period and each measure with its label in the reader's language, so the Azerbaijani letters are in it.
 * No BOM: RFC 4180 and Python's csv module read none, and a BOM would become part of the first column's
 * name; the MIME type says the charset instead, which LibreOffice and Excel's "From Text/CSV" honour.
 */
static void csv_header(buf *b)
{
	static const char *const cols[] = {"memorandum_id", "memorandum", "period_from", "period_to", "measure", "label",
	                                   "value"};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		csv_field(b, cols[i], i == 0);
	csv_end(b);
}

static void csv_rows(http_ctx *c, buf *b, const char *id, const char *name, const char *from, const char *to,
                     const long *n)
{
	for (int k = 0; k < AM__MAX; k++) {
		csv_field(b, id, true);
		csv_field(b, name, false);
		csv_field(b, from, false);
		csv_field(b, to, false);
		csv_field(b, activity_measures[k], false);
		csv_field(b, page_msg(c, arena_printf(c->a, "report.m.%s", activity_measures[k]), 0), false);
		csv_int(b, n[k], false);
		csv_end(b);
	}
}

static const char *title_in(http_ctx *c, bitext t)
{
	return c->lang == LANG_AZ && t.az && *t.az ? t.az : t.en;
}

static void memorandum_csv(http_ctx *c, const activity *a, buf *out)
{
	csv_header(out);
	csv_rows(c, out, arena_printf(c->a, "%lld", a->m->id), title_in(c, a->m->title), a->from, a->to, a->n);
}

static void send_csv(http_ctx *c, const char *data, size_t len, const char *filename)
{
	buf_append(c->body_out, data, len);
	http_content_type(c, "text/csv; charset=utf-8; header=present");
	http_header(c, "Content-Disposition", arena_printf(c->a, "attachment; filename=\"%s\"", filename));
	http_header(c, "X-Content-Type-Options", "nosniff");
	http_header(c, "Cache-Control", "private, no-store"); /* as pages: render.c */
}

/*
 * A report as a PDF: a whole-document template (its CSS inside, the timeline inline as SVG) through WeasyPrint,
 * as the minutes are (pages/records.c says why WeasyPrint); the page and the PDF share their content's template.
 */
static int send_pdf(http_ctx *c, const char *template, view_value *sc, const char *filename)
{
	app *ap = app_of(c);
	buf html = BUF_INIT;
	if (!ap->views || view_render(ap->views, template, sc, lang_code(c->lang), &html) != 0) {
		buf_free(&html);
		return 500;
	}
	static const char *const argv[] = {"weasyprint", "--encoding", "utf-8", "-", "-", NULL};
	char err[256];
	/* one PDF at a time on the machine: the others are told to come back (503, Retry-After), not queued */
	int ran = spawn_filter_one(ap->cfg->template_dir, argv, html.data, html.len, c->body_out, REPORT_PDF_MAX,
	                           REPORT_PDF_TIMEOUT_MS, err, sizeof err);
	buf_free(&html);
	if (ran == SPAWN_BUSY) {
		buf_reset(c->body_out);
		c->error_key = "record.pdf_busy";
		return 503;
	}
	if (ran != 0) {
		log_error("msg=\"report PDF failed\" cause=\"%s\"", err);
		buf_reset(c->body_out);
		c->error_key = "record.pdf_failed";
		return 500;
	}
	http_content_type(c, "application/pdf");
	http_header(c, "Content-Disposition", arena_printf(c->a, "attachment; filename=\"%s\"", filename));
	http_header(c, "X-Content-Type-Options", "nosniff");
	http_header(c, "Cache-Control", "private, no-store"); /* as pages: render.c */
	return 0;
}

/* ---- the memorandum's report ---- */

/* The report page, or (status 400) its period form with what was typed and why it was refused. */
static int memorandum_page(http_ctx *c, const memorandum *m, period *p, const activity *a, int status,
                           view_value *advice_form)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, NULL);
	view_put_memorandum(sc, m, lang);
	view_put_str(sc, "title", arena_printf(c->a, "%s: %s", page_msg(c, "report.title", 0), title_in(c, m->title)));
	view_put_str(sc, "report_path", arena_printf(c->a, "/memoranda/%lld/report", m->id));
	page_put_done(c, sc);
	put_period(c, sc, p);
	if (p->invalid) {
		view_put_str(sc, "message", page_msg(c, "form.invalid", 0));
		view_put_bool(sc, "has_errors", true);
	}
	if (a) {
		view_put_bool(sc, "report", true);
		put_activity(c, sc, a);
		report_advice d;
		if (store_report_draft(&ap->db, c->a, m->id, p->from, p->to, &d) < 0)
			return page_store_error(c, &ap->db);
		view_value *rec = advice_form ? advice_form : view_put_map(sc, "advice");
		if (!advice_form) {
			view_put_str(rec, "advice", d.advice);
			view_put_str(rec, "text_en", d.text_en);
			view_put_str(rec, "text_az", d.text_az);
			view_put_int(rec, "version", d.version);
		} else {
			view_put(sc, "advice", advice_form);
		}
		view_put_str(rec, "advice_label", page_msg(c, arena_printf(c->a, "report.advice.%s",
		                                                           view_get(rec, "advice")->u.s), 0));
		view_put_int(rec, "id", d.id);
		view_put_bool(rec, "stored", d.id != 0);
		report_advice *iss;
		size_t niss;
		if (store_report_issued(&ap->db, c->a, m->id, &iss, &niss) != 0)
			return page_store_error(c, &ap->db);
		view_value *il = view_put_list(sc, "issued");
		for (size_t i = 0; i < niss; i++) {
			view_value *e = view_push_map(il);
			view_put_int(e, "id", iss[i].id);
			view_put_str(e, "from", iss[i].period_from);
			view_put_str(e, "to", iss[i].period_to);
			view_put_str(e, "advice_label", page_msg(c, arena_printf(c->a, "report.advice.%s", iss[i].advice), 0));
			bitext t = {iss[i].text_en, iss[i].text_az};
			view_put_text(e, "text", t, lang);
			view_put_str(e, "at", iss[i].issued_at);
			view_put_str(e, "by", iss[i].issued_by);
		}
	}
	int rc = page_render(c, "reports/memorandum", sc);
	if (rc == 0)
		c->status = status;
	return rc;
}

int report_memorandum(http_ctx *c)
{
	memorandum m;
	int rc = load_memorandum(c, &m);
	if (rc)
		return rc;
	period p;
	read_period(c, &c->query, &p);
	if (p.invalid)
		return memorandum_page(c, &m, &p, NULL, 400, NULL);
	activity a;
	long budget = CAL_REQUEST_BUDGET;
	if ((rc = activity_compute(c, &m, p.from, p.to, &budget, &a)) != 0)
		return rc;
	return memorandum_page(c, &m, &p, &a, 200, NULL);
}

/* A bad period in an export's address: 400 naming the field, on the error page (there is no form to keep). A
 * form's POST must name its period (no default there). */
static int period_refused(http_ctx *c, const period *p)
{
	if (!p->invalid) {
		c->error_key = "invalid.required";
		c->error_field = "from";
		return 400;
	}
	c->error_key = p->v[P_FROM].error ? p->v[P_FROM].error : p->v[P_TO].error;
	c->error_field = p->v[P_FROM].error ? "from" : "to";
	return 400;
}

int report_memorandum_csv(http_ctx *c)
{
	memorandum m;
	int rc = load_memorandum(c, &m);
	if (rc)
		return rc;
	period p;
	read_period(c, &c->query, &p);
	if (p.invalid)
		return period_refused(c, &p);
	activity a;
	long budget = CAL_REQUEST_BUDGET;
	if ((rc = activity_compute(c, &m, p.from, p.to, &budget, &a)) != 0)
		return rc;
	buf out = BUF_INIT;
	memorandum_csv(c, &a, &out);
	send_csv(c, out.data, out.len, arena_printf(c->a, "activity-%lld-%s-%s.csv", m.id, p.from, p.to));
	buf_free(&out);
	return 0;
}

/* The report as a PDF: templates/reports/print.html. */
int report_memorandum_pdf(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load_memorandum(c, &m);
	if (rc)
		return rc;
	period p;
	read_period(c, &c->query, &p);
	if (p.invalid)
		return period_refused(c, &p);
	activity a;
	long budget = CAL_REQUEST_BUDGET;
	if ((rc = activity_compute(c, &m, p.from, p.to, &budget, &a)) != 0)
		return rc;
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, "report.title");
	view_put_memorandum(sc, &m, lang);
	view_put_str(sc, "memorandum_title", title_in(c, m.title));
	put_period(c, sc, &p);
	view_put_bool(sc, "report", true);
	view_put_bool(sc, "print", true);
	put_activity(c, sc, &a);
	report_advice d;
	if (store_report_draft(&ap->db, c->a, m.id, p.from, p.to, &d) < 0)
		return page_store_error(c, &ap->db);
	view_value *rec = view_put_map(sc, "advice");
	view_put_str(rec, "advice_label", page_msg(c, arena_printf(c->a, "report.advice.%s", d.advice), 0));
	bitext t = {d.text_en, d.text_az};
	view_put_text(rec, "text", t, lang);
	return send_pdf(c, "reports/print", sc, arena_printf(c->a, "activity-%lld-%s-%s.pdf", m.id, p.from, p.to));
}

/* ---- the renewal recommendation ---- */

static const char *const advices[] = {"undecided", "renew", "amend", "end", NULL};
enum { R_ADVICE, R_TEXT_EN, R_TEXT_AZ, R_VERSION, R__MAX };
static const field_def advice_fields[R__MAX] = {
	[R_ADVICE] = {"advice", FIELD_CHOICE, true, 0, 0, advices},
	[R_TEXT_EN] = {"text_en", FIELD_TEXTAREA, false, 4000, 0, NULL},
	[R_TEXT_AZ] = {"text_az", FIELD_TEXTAREA, false, 4000, 0, NULL},
	[R_VERSION] = {"version", FIELD_INT, false, 1000000, 0, NULL},
};

/* The recommendation form as it was sent, with its errors, for memorandum_page. */
static view_value *advice_as_sent(http_ctx *c, const field_value *v, const char *message_key)
{
	view_value *rec = view_map_new(c->a);
	view_put_str(rec, "advice", v[R_ADVICE].value ? v[R_ADVICE].value : "undecided");
	view_put_str(rec, "text_en", v[R_TEXT_EN].raw);
	view_put_str(rec, "text_az", v[R_TEXT_AZ].raw);
	view_put_str(rec, "version", v[R_VERSION].raw);
	view_value *errs = view_put_map(rec, "advice_errors");
	for (int k = 0; k < R__MAX; k++)
		if (v[k].error)
			view_put_str(errs, advice_fields[k].name, page_msg(c, v[k].error, v[k].arg));
	if (message_key)
		view_put_str(rec, "advice_message", page_msg(c, message_key, 0));
	return rec;
}

/* Shows the report again with the refused recommendation form as typed. */
static int advice_refused(http_ctx *c, const memorandum *m, period *p, const field_value *v, int status,
                          const char *message_key)
{
	activity a;
	long budget = CAL_REQUEST_BUDGET;
	int rc = activity_compute(c, m, p->from, p->to, &budget, &a);
	if (rc)
		return rc;
	return memorandum_page(c, m, p, &a, status, advice_as_sent(c, v, message_key));
}

static const char *report_url(http_ctx *c, long long id, const period *p)
{
	return arena_printf(c->a, "/memoranda/%lld/report?from=%s&to=%s", id, p->from, p->to);
}

int report_recommend(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load_memorandum(c, &m);
	if (rc)
		return rc;
	period p;
	read_period(c, &c->body, &p);
	if (p.invalid || p.is_default) /* the form always names its period */
		return period_refused(c, &p);
	field_value v[R__MAX];
	if (fields_check(c->a, &c->body, advice_fields, R__MAX, v) > 0)
		return advice_refused(c, &m, &p, v, 422, "form.invalid");
	report_advice d;
	int found = store_report_draft(&ap->db, c->a, m.id, p.from, p.to, &d);
	if (found < 0)
		return advice_refused(c, &m, &p, v, page_store_error(c, &ap->db), "form.unavailable");
	if (d.version != (int)v[R_VERSION].num) /* someone saved since this form was made, or issued it */
		return advice_refused(c, &m, &p, v, 409, "form.stale");
	d.advice = v[R_ADVICE].value;
	d.text_en = v[R_TEXT_EN].value ? v[R_TEXT_EN].value : "";
	d.text_az = v[R_TEXT_AZ].value ? v[R_TEXT_AZ].value : "";
	actor who = app_actor(c);
	switch (store_report_draft_save(&ap->db, c->a, &who, m.id, &d)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, report_url(c, m.id, &p), "report_saved"));
		return 0;
	case CHANGE_GONE:
	case CHANGE_STALE:
		return advice_refused(c, &m, &p, v, 409, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	if (app_of(c)->db.status == STORE_CONFLICT) /* another draft of the same period was made at the same moment */
		return advice_refused(c, &m, &p, v, 409, "form.stale");
	const char *msg;
	int status = page_save_failed(c, &ap->db, report_url(c, m.id, &p), &msg);
	return advice_refused(c, &m, &p, v, status, msg);
}

int report_issue(http_ctx *c)
{
	app *ap = app_of(c);
	memorandum m;
	int rc = load_memorandum(c, &m);
	if (rc)
		return rc;
	period p;
	read_period(c, &c->body, &p);
	if (p.invalid || p.is_default)
		return period_refused(c, &p);
	int version;
	if ((rc = page_form_version(c, &version)) != 0)
		return rc;
	report_advice d;
	int found = store_report_draft(&ap->db, c->a, m.id, p.from, p.to, &d);
	if (found < 0)
		return page_store_error(c, &ap->db);
	activity a;
	long budget = CAL_REQUEST_BUDGET;
	if ((rc = activity_compute(c, &m, p.from, p.to, &budget, &a)) != 0)
		return rc;
	if (found == 0 || d.version != version) { /* nothing saved to issue, or not what the issuer saw */
		view_value *rec = view_map_new(c->a);
		view_put_str(rec, "advice", d.advice);
		view_put_str(rec, "text_en", d.text_en);
		view_put_str(rec, "text_az", d.text_az);
		view_put_int(rec, "version", d.version);
		view_put_str(rec, "advice_message", page_msg(c, found ? "form.stale" : "report.issue_unsaved", 0));
		return memorandum_page(c, &m, &p, &a, found ? 409 : 422, rec);
	}
	buf csv = BUF_INIT;
	memorandum_csv(c, &a, &csv);
	actor who = app_actor(c);
	enum change_result res = store_report_issue(&ap->db, c->a, &who, d.id, version, buf_cstr(&csv));
	buf_free(&csv);
	switch (res) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, report_url(c, m.id, &p), "report_issued"));
		return 0;
	case CHANGE_GONE:
	case CHANGE_STALE:
		c->error_key = "form.stale";
		return 409;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}

int report_issued_csv(http_ctx *c)
{
	app *ap = app_of(c);
	const char *csv, *from, *to;
	long long id = http_param_int(c, "rid"), mid = http_param_int(c, "id");
	int found = store_report_issued_csv(&ap->db, c->a, id, mid, &csv, &from, &to);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (found == 0) {
		c->error_key = "report.not_found";
		return 404;
	}
	send_csv(c, csv, strlen(csv), arena_printf(c->a, "activity-%lld-%s-%s-issued-%lld.csv", mid, from, to, id));
	return 0;
}

/* ---- an organisation's report: each memorandum it is a party to, and the sums ---- */

typedef struct org_report {
	organisation o;
	memorandum *m;
	activity *a;
	size_t n;
	long total[AM__MAX];
} org_report;

static int org_compute(http_ctx *c, const period *p, org_report *r)
{
	app *ap = app_of(c);
	memset(r, 0, sizeof *r);
	int found = store_org_get(&ap->db, c->a, http_param_int(c, "id"), &r->o);
	if (found < 0)
		return page_store_error(c, &ap->db);
	if (found == 0) {
		c->error_key = "error.organisation_not_found";
		return 404;
	}
	if (p->invalid)
		return 0;
	long long *ids;
	if (store_report_org_memoranda(&ap->db, c->a, r->o.id, &ids, &r->n) != 0)
		return page_store_error(c, &ap->db);
	r->m = arena_alloc(c->a, (r->n ? r->n : 1) * sizeof *r->m);
	r->a = arena_alloc(c->a, (r->n ? r->n : 1) * sizeof *r->a);
	long budget = CAL_REQUEST_BUDGET; /* shared by every memorandum: the page says when it ran out */
	for (size_t i = 0; i < r->n; i++) {
		if (store_memorandum_get(&ap->db, c->a, ids[i], &r->m[i]) <= 0)
			return page_store_error(c, &ap->db);
		int rc = activity_compute(c, &r->m[i], p->from, p->to, &budget, &r->a[i]);
		if (rc)
			return rc;
		for (int k = 0; k < AM__MAX; k++)
			r->total[k] += r->a[i].n[k];
	}
	return 0;
}

/* What the organisation's page and its PDF show. */
static view_value *org_scope(http_ctx *c, period *p, const org_report *r)
{
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, NULL);
	view_put_str(sc, "title", arena_printf(c->a, "%s: %s", page_msg(c, "report.title", 0), title_in(c, r->o.name)));
	view_put_int(sc, "org_id", r->o.id);
	view_put_text(sc, "org_name", r->o.name, lang);
	view_put_str(sc, "report_path", arena_printf(c->a, "/organisations/%lld/report", r->o.id));
	put_period(c, sc, p);
	if (p->invalid) {
		view_put_str(sc, "message", page_msg(c, "form.invalid", 0));
		view_put_bool(sc, "has_errors", true);
		return sc;
	}
	view_put_bool(sc, "report", true);
	put_numbers(c, sc, r->total);
	view_value *ml = view_put_list(sc, "memoranda");
	bool cut = false;
	for (size_t i = 0; i < r->n; i++) {
		view_value *e = view_push_map(ml);
		view_put_int(e, "id", r->m[i].id);
		view_put_text(e, "title", r->m[i].title, lang);
		view_put_str(e, "signed_on", r->m[i].signed_on);
		view_put_str(e, "valid_until", r->m[i].valid_until);
		put_numbers(c, e, r->a[i].n);
		cut = cut || r->a[i].truncated;
	}
	view_put_bool(sc, "truncated", cut);
	return sc;
}

int report_organisation(http_ctx *c)
{
	period p;
	read_period(c, &c->query, &p);
	org_report r;
	int rc = org_compute(c, &p, &r);
	if (rc)
		return rc;
	rc = page_render(c, "reports/organisation", org_scope(c, &p, &r));
	if (rc == 0 && p.invalid)
		c->status = 400;
	return rc;
}

int report_organisation_pdf(http_ctx *c)
{
	period p;
	read_period(c, &c->query, &p);
	if (p.invalid)
		return period_refused(c, &p);
	org_report r;
	int rc = org_compute(c, &p, &r);
	if (rc)
		return rc;
	return send_pdf(c, "reports/org_print", org_scope(c, &p, &r),
	                arena_printf(c->a, "activity-org-%lld-%s-%s.pdf", r.o.id, p.from, p.to));
}

int report_organisation_csv(http_ctx *c)
{
	period p;
	read_period(c, &c->query, &p);
	if (p.invalid)
		return period_refused(c, &p);
	org_report r;
	int rc = org_compute(c, &p, &r);
	if (rc)
		return rc;
	buf out = BUF_INIT;
	csv_header(&out);
	for (size_t i = 0; i < r.n; i++)
		csv_rows(c, &out, arena_printf(c->a, "%lld", r.m[i].id), title_in(c, r.m[i].title), p.from, p.to, r.a[i].n);
	/* the organisation's sums last, without a memorandum's id */
	csv_rows(c, &out, "", title_in(c, r.o.name), p.from, p.to, r.total);
	send_csv(c, out.data, out.len, arena_printf(c->a, "activity-org-%lld-%s-%s.csv", r.o.id, p.from, p.to));
	buf_free(&out);
	return 0;
}
