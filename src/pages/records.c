/* records.c - a meeting's record: its page, its form (agenda, attendance, minutes, decisions, actions), its state. */
#include "pages/records.h"

#include <stdlib.h>
#include <string.h>

#include "pages/account.h"
#include "pages/app.h"
#include "pages/board.h"
#include "pages/documents.h"
#include "pages/forms.h"
#include "pages/occurrence_view.h"
#include "pages/occurrences.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "pages/rows.h"
#include "store/memoranda.h"
#include "store/records.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/spawn.h"
#include "view/present.h"

#define RECORD_MAX_ROWS 40
#define RECORD_PDF_MAX (20 * 1024 * 1024) /* bytes: minutes of a long meeting are well under 1 MB */
#define RECORD_PDF_TIMEOUT_MS 30000        /* WeasyPrint starts Python: about a second, more on a busy machine */

static const char *const attendance_states[] = {"present", "remote", "late", "absent", "excused", NULL};
static const char *const action_states[] = {"open", "done", "dropped", NULL};

/* The columns of each part, in the order of store/records.h's enums. */
static const rows_col item_cols[ITEM__COLS] = {
	[ITEM_TITLE_EN] = {.def = {"title_en", FIELD_TEXT, true, 300, 0, NULL}, false},
	[ITEM_TITLE_AZ] = {.def = {"title_az", FIELD_TEXT, true, 300, 0, NULL}, false},
	[ITEM_NOTES_EN] = {.def = {"notes_en", FIELD_TEXTAREA, false, 4000, 0, NULL}, false},
	[ITEM_NOTES_AZ] = {.def = {"notes_az", FIELD_TEXTAREA, false, 4000, 0, NULL}, false},
	[ITEM_PRESENTER] = {.def = {"presenter", FIELD_ID, false, 0, 0, NULL}, false, ROWS_PEOPLE},
	[ITEM_PLANNED] = {.def = {"planned", FIELD_INT, false, 1440, 0, NULL}, false},
	[ITEM_MINUTES_EN] = {.def = {"minutes_en", FIELD_TEXTAREA, false, 20000, 0, NULL}, false},
	[ITEM_MINUTES_AZ] = {.def = {"minutes_az", FIELD_TEXTAREA, false, 20000, 0, NULL}, false},
};
static const rows_col attendance_cols[ATT__COLS] = {
	[ATT_PERSON] = {.def = {"person", FIELD_ID, true, 0, 0, NULL}, true},
	[ATT_STATUS] = {.def = {"status", FIELD_CHOICE, false, 0, 0, attendance_states}, false},
};
static const rows_col guest_cols[GUEST__COLS] = {
	[GUEST_NAME] = {.def = {"name", FIELD_TEXT, true, 300, 0, NULL}, false},
};
static const rows_col decision_cols[DEC__COLS] = {
	[DEC_NUMBER] = {.def = {"number", FIELD_TEXT, false, 12, 0, NULL}, true},
	[DEC_ITEM] = {.def = {"item", FIELD_INT, false, RECORD_MAX_ROWS, 0, NULL}, false},
	[DEC_TEXT_EN] = {.def = {"text_en", FIELD_TEXTAREA, true, 4000, 0, NULL}, false},
	[DEC_TEXT_AZ] = {.def = {"text_az", FIELD_TEXTAREA, true, 4000, 0, NULL}, false},
};
static const rows_col action_cols[ACT__COLS] = {
	[ACT_WHAT_EN] = {.def = {"what_en", FIELD_TEXT, true, 1000, 0, NULL}, false},
	[ACT_WHAT_AZ] = {.def = {"what_az", FIELD_TEXT, true, 1000, 0, NULL}, false},
	[ACT_OWNER] = {.def = {"owner", FIELD_ID, true, 0, 0, NULL}, false, ROWS_PEOPLE},
	[ACT_DUE] = {.def = {"due", FIELD_DATE, false, 0, 0, NULL}, false},
	/* a new action is open: its select starts there, with no empty choice to leave it on */
	[ACT_STATUS] = {.def = {"status", FIELD_CHOICE, true, 0, 0, action_states}, false, .fallback = "open"},
	[ACT_DECISION] = {.def = {"decision", FIELD_INT, false, RECORD_MAX_ROWS, 0, NULL}, false},
	[ACT_ID] = {.def = {"id", FIELD_ID, false, 0, 0, NULL}, true, .kept = true},
};

static const rows_part parts[RP__MAX] = {
	[RP_ITEM] = {.prefix = "item", .msg = "record.item", .cols = item_cols, .ncols = ITEM__COLS,
	             .max_rows = RECORD_MAX_ROWS, .key = "items", .legend = "record.agenda", .heading = "record.item_n"},
	[RP_ATTENDANCE] = {.prefix = "attendance", .msg = "record.attendance", .cols = attendance_cols, .ncols = ATT__COLS,
	                   .max_rows = 200, .fixed = true, .key = "attendance", .legend = "record.attendance",
	                   .empty = "record.no_expected"},
	[RP_GUEST] = {.prefix = "guest", .msg = "record.guest", .cols = guest_cols, .ncols = GUEST__COLS,
	              .max_rows = RECORD_MAX_ROWS, .key = "guests", .legend = "record.guests"},
	[RP_DECISION] = {.prefix = "decision", .msg = "record.decision", .cols = decision_cols, .ncols = DEC__COLS,
	                 .max_rows = RECORD_MAX_ROWS, .key = "decisions", .legend = "record.decisions",
	                 .hint = "record.decisions_hint", .heading = "record.decision_n"},
	[RP_ACTION] = {.prefix = "action", .msg = "record.action", .cols = action_cols, .ncols = ACT__COLS,
	               .max_rows = RECORD_MAX_ROWS, .key = "actions", .legend = "record.actions"},
};

enum { F_VERSION, F_REASON, F__MAX };
static const field_def top_fields[F__MAX] = {
	[F_VERSION] = {"version", FIELD_INT, false, 0, 0, NULL},
	[F_REASON] = {"reason", FIELD_TEXT, false, 1000, 0, NULL},
};

/* Everything the form holds, valid or not. */
typedef struct record_form {
	field_value f[F__MAX];
	rows_data rows[RP__MAX];
	int invalid;
} record_form;

/* What every record page needs: the occurrence, its series, the record, the people to choose from. */
typedef struct ctx {
	series s;
	occurrence o;
	const char *rid; /* "YYYY-MM-DD HH:MM:SS" */
	meeting_record r;
	person *people;
	size_t npeople;
	rows_lists lists; /* the people, for the presenter's and an action owner's choices */
} ctx;

static const char *text_in(const bitext *t, const char *lang)
{
	return strcmp(lang, "az") == 0 && t->az ? t->az : t->en;
}

static const person *person_of(const ctx *x, long long id)
{
	for (size_t i = 0; i < x->npeople; i++)
		if (x->people[i].id == id)
			return &x->people[i];
	return NULL;
}

/* The people a record's page names: the series' attendees, and the record's attendance, presenters and action
 * owners. */
static int named_people(http_ctx *c, ctx *x)
{
	const record_rows *att = &x->r.parts[RP_ATTENDANCE], *items = &x->r.parts[RP_ITEM], *acts = &x->r.parts[RP_ACTION];
	size_t cap = x->s.nattendees + att->n + items->n + acts->n, n = 0;
	long long *ids = arena_alloc(c->a, (cap ? cap : 1) * sizeof *ids);
	for (size_t i = 0; i < x->s.nattendees; i++)
		if (x->s.attendees[i].person_id)
			ids[n++] = x->s.attendees[i].person_id;
	const char *cell;
	for (size_t i = 0; i < att->n; i++)
		if ((cell = att->cells[i * ATT__COLS + ATT_PERSON]) && *cell)
			ids[n++] = atoll(cell);
	for (size_t i = 0; i < items->n; i++)
		if ((cell = items->cells[i * ITEM__COLS + ITEM_PRESENTER]) && *cell)
			ids[n++] = atoll(cell);
	for (size_t i = 0; i < acts->n; i++)
		if ((cell = acts->cells[i * ACT__COLS + ACT_OWNER]) && *cell)
			ids[n++] = atoll(cell);
	return store_person_names(&app_of(c)->db, c->a, ids, n, &x->people, &x->npeople);
}

/* The occurrence, its series, its record and the people it names; with choices, the people to choose from as well
 * (the form: every person while they are few, else typed cells, pick.h). A page that shows a record reads
 * only the people it names: a large installation's 20,000 people took 27 ms to read for each view of a record. */
static int load_record(http_ctx *c, ctx *x, bool choices)
{
	app *ap = app_of(c);
	long budget = CAL_REQUEST_BUDGET;
	int rc = occurrence_load(c, &x->s, &x->rid, &x->o, &budget);
	if (rc)
		return rc;
	if (store_record_get(&ap->db, c->a, x->s.id, x->rid, &x->r) < 0 || named_people(c, x) != 0)
		return page_store_error(c, &ap->db);
	x->lists = (rows_lists){.people = x->people, .npeople = x->npeople};
	if (!choices)
		return 0;
	if (pick_load(c, &x->lists, PICK_PEOPLE) != 0) /* every person while they are few enough to list */
		return page_store_error(c, &ap->db);
	if (x->lists.pick) {
		pick_know_people(c, x->lists.pick, x->people, x->npeople);
	} else {
		x->people = (person *)x->lists.people;
		x->npeople = x->lists.npeople;
	}
	return 0;
}

static int load(http_ctx *c, ctx *x)
{
	return load_record(c, x, true);
}

static int load_shown(http_ctx *c, ctx *x)
{
	return load_record(c, x, false);
}

/* "/series/3/occurrences/20260304T100000/record" */
static const char *record_path(http_ctx *c, const ctx *x)
{
	const char *r = x->rid;
	return arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record", x->s.id, r, r + 5, r + 8,
	                    r + 11, r + 14, r + 17);
}

/* What the audit log calls the record: "record of 2026-03-04 10:00, Board meeting". */
static const char *label_of(http_ctx *c, const ctx *x, const char *what)
{
	return arena_printf(c->a, "record of %.16s, %s%s%s", x->rid, x->s.title.en, what ? " " : "", what ? what : "");
}

/*
 * The attendance rows: one for each person the series expects, then any other person the record names (someone
 * recorded before they left the series), each with its status from given (stored or typed) or empty.
 */
static void attendance_rows(http_ctx *c, const ctx *x, const rows_data *given, rows_data *out)
{
	size_t cap = x->s.nattendees + given->n;
	const char **raw = arena_alloc(c->a, (cap ? cap : 1) * ATT__COLS * sizeof *raw);
	size_t n = 0;
	bool *used = arena_alloc(c->a, (given->n ? given->n : 1) * sizeof *used);
	memset(used, 0, (given->n ? given->n : 1) * sizeof *used);
	for (size_t i = 0; i < x->s.nattendees; i++) {
		long long pid = x->s.attendees[i].person_id;
		if (!pid)
			continue;
		raw[n * ATT__COLS + ATT_PERSON] = arena_printf(c->a, "%lld", pid);
		raw[n * ATT__COLS + ATT_STATUS] = NULL;
		for (size_t k = 0; k < given->n; k++)
			if (given->cells[k * ATT__COLS + ATT_PERSON].num == pid) {
				raw[n * ATT__COLS + ATT_STATUS] = given->cells[k * ATT__COLS + ATT_STATUS].raw;
				used[k] = true;
			}
		n++;
	}
	for (size_t k = 0; k < given->n; k++)
		if (!used[k]) {
			raw[n * ATT__COLS + ATT_PERSON] = given->cells[k * ATT__COLS + ATT_PERSON].raw;
			raw[n * ATT__COLS + ATT_STATUS] = given->cells[k * ATT__COLS + ATT_STATUS].raw;
			n++;
		}
	rows_fill(c, &parts[RP_ATTENDANCE], &x->lists, raw, n, out);
	/* keep the errors of what was typed (a status that is not one of the choices) */
	for (size_t i = 0; i < out->n; i++)
		for (size_t k = 0; k < given->n; k++)
			if (given->cells[k * ATT__COLS + ATT_PERSON].num == out->cells[i * ATT__COLS + ATT_PERSON].num &&
			    given->cells[k * ATT__COLS + ATT_STATUS].error)
				rows_error(out, &parts[RP_ATTENDANCE], i, ATT_STATUS, given->cells[k * ATT__COLS + ATT_STATUS].error);
}

/* The form of the stored record (empty when there is none), with room for more rows. */
static void form_from(http_ctx *c, const ctx *x, record_form *f)
{
	memset(f, 0, sizeof *f);
	const char *raw[F__MAX] = {arena_printf(c->a, "%d", x->r.version), NULL};
	page_fill_fields(top_fields, F__MAX, raw, f->f);
	for (int p = 0; p < RP__MAX; p++)
		rows_fill(c, &parts[p], &x->lists, x->r.parts[p].cells, x->r.parts[p].n, &f->rows[p]);
	rows_data given = f->rows[RP_ATTENDANCE];
	attendance_rows(c, x, &given, &f->rows[RP_ATTENDANCE]);
	for (int p = 0; p < RP__MAX; p++)
		if (p != RP_ATTENDANCE)
			rows_grow(c, &parts[p], &f->rows[p], 1); /* one empty row each: "more rows" adds more */
}

/* Reads and checks the POSTed form, the rules across cells included. */
static void form_read(http_ctx *c, const ctx *x, record_form *f)
{
	memset(f, 0, sizeof *f);
	f->invalid = fields_check(c->a, &c->body, top_fields, F__MAX, f->f);
	for (int p = 0; p < RP__MAX; p++)
		rows_read(c, &parts[p], &x->lists, &f->rows[p]);
	rows_data given = f->rows[RP_ATTENDANCE];
	attendance_rows(c, x, &given, &f->rows[RP_ATTENDANCE]);
	rows_data *items = &f->rows[RP_ITEM], *att = &f->rows[RP_ATTENDANCE], *dec = &f->rows[RP_DECISION],
	          *act = &f->rows[RP_ACTION];
	for (size_t i = 0; i < items->n; i++) {
		field_value *cell = &items->cells[i * ITEM__COLS];
		if (cell[ITEM_PLANNED].value && cell[ITEM_PLANNED].num < 1)
			rows_error(items, &parts[RP_ITEM], i, ITEM_PLANNED, "record.invalid_planned");
	}
	for (size_t i = 0; i < att->n; i++)
		if (!person_of(x, att->cells[i * ATT__COLS + ATT_PERSON].num))
			rows_error(att, &parts[RP_ATTENDANCE], i, ATT_STATUS, "invalid.choice");
	/* a decision names its agenda item, an action its decision, by the row number the form showed: that row's
	 * number once the rows left empty are gone, or an error when the row it named is one of them */
	for (size_t i = 0; i < dec->n; i++) {
		field_value *item = &dec->cells[i * DEC__COLS + DEC_ITEM];
		long to = item->value && !item->error ? rows_renumber(c, items, item) : 1;
		if (to <= 0)
			rows_error(dec, &parts[RP_DECISION], i, DEC_ITEM, to == 0 ? "record.item_removed" : "record.invalid_item");
	}
	for (size_t i = 0; i < act->n; i++) {
		field_value *cell = &act->cells[i * ACT__COLS + ACT_DECISION];
		long to = cell->value && !cell->error ? rows_renumber(c, dec, cell) : 1;
		if (to <= 0)
			rows_error(act, &parts[RP_ACTION], i, ACT_DECISION,
			           to == 0 ? "record.decision_removed" : "record.invalid_decision");
	}
	for (int p = 0; p < RP__MAX; p++)
		f->invalid += f->rows[p].invalid;
}

/* Puts the occurrence, its series and what every record page shows at its top. */
static view_value *common(http_ctx *c, const ctx *x, const char *title_key)
{
	const char *lang = lang_code(c->lang);
	view_value *sc = page_scope(c, title_key);
	view_put_series(sc, &x->s, lang);
	view_value *m = view_put_map(sc, "occurrence");
	view_put_occurrence(m, &x->o, lang);
	view_put_text(m, "series_title", x->s.title, lang);
	view_put_str(sc, "title", page_msg(c, title_key, 0));
	view_put_str(sc, "path", record_path(c, x));
	view_value *r = view_put_map(sc, "record");
	view_put_bool(r, "exists", x->r.id != 0);
	view_put_str(r, "state", x->r.state);
	view_put_str(r, "approved_by", x->r.approved_by);
	view_put_int(r, "version", x->r.version);
	view_value *corr = view_put_list(r, "corrections");
	for (size_t i = 0; i < x->r.ncorrections; i++) {
		view_value *e = view_push_map(corr);
		view_put_moment(e, "at", x->r.corrections[i].at, viewer_zone(c)); /* stored UTC, read in the reader's zone */
		view_put_str(e, "login", x->r.corrections[i].login);
		view_put_str(e, "reason", x->r.corrections[i].reason);
	}
	/* "review of open actions": what earlier meetings of this series left open */
	open_action *oa;
	size_t noa;
	if (store_record_open_actions(&app_of(c)->db, c->a, x->s.id, x->rid, &oa, &noa) == 0) {
		view_value *l = view_put_list(sc, "open_actions");
		for (size_t i = 0; i < noa; i++) {
			view_value *e = view_push_map(l);
			bool az = strcmp(lang, "az") == 0;
			view_put_str(e, "what", az ? oa[i].what_az : oa[i].what_en);
			view_put_str(e, "owner", az && oa[i].owner_az ? oa[i].owner_az : oa[i].owner_en);
			view_put_str(e, "due", oa[i].due_on);
			view_put_bool(e, "overdue", oa[i].overdue);
			view_put_str(e, "from", arena_strndup(c->a, oa[i].recurrence_id, 10));
		}
	}
	return sc;
}

static int form_page(http_ctx *c, const ctx *x, record_form *f, int status, const char *message_key)
{
	const char *lang = lang_code(c->lang);
	bool correcting = strcmp(x->r.state, "approved") == 0;
	view_value *sc = common(c, x, correcting ? "record.correct" : "record.edit");
	page_put_fields(c, sc, "record", top_fields, f->f, F__MAX);
	view_put_bool(sc, "correcting", correcting);
	view_put_str(sc, "action", arena_printf(c->a, "%s/%s", record_path(c, x), correcting ? "correct" : "edit"));
	if (message_key) {
		view_put_str(sc, "message", page_msg(c, message_key, 0));
		view_put_bool(sc, "has_errors", status >= 400);
	}
	for (int p = 0; p < RP__MAX; p++) {
		view_value *list = rows_put(c, sc, &parts[p], &x->lists, &f->rows[p]);
		for (view_item *it = list->head; it; it = it->next) {
			if (p == RP_ATTENDANCE) {
				view_value *who = view_get(it->v, "person");
				const person *pe = person_of(x, atoll(view_get(who, "value")->u.s));
				view_put_str(who, "shown", pe ? text_in(&pe->full_name, lang) : "?");
			}
			if (p == RP_DECISION) {
				view_value *num = view_get(it->v, "number");
				if (!*view_get(num, "value")->u.s)
					view_put_str(num, "shown", page_msg(c, "record.decision.new", 0));
			}
		}
	}
	int rc = page_render(c, "records/form", sc);
	if (rc == 0)
		c->status = status;
	return rc;
}

/* The quorum of the series against who came (present, remote or late). */
static void put_quorum(view_value *sc, const ctx *x)
{
	size_t came = 0;
	for (size_t i = 0; i < x->r.parts[RP_ATTENDANCE].n; i++) {
		const char *st = x->r.parts[RP_ATTENDANCE].cells[i * ATT__COLS + ATT_STATUS];
		came += st && (strcmp(st, "present") == 0 || strcmp(st, "remote") == 0 || strcmp(st, "late") == 0);
	}
	view_value *q = view_put_map(sc, "quorum");
	view_put_int(q, "needed", x->r.quorum);
	view_put_int(q, "came", (long long)came);
	view_put_bool(q, "met", x->r.quorum > 0 && came >= (size_t)x->r.quorum);
}

/* GET …/record: the record as it stands (an empty one says nothing is recorded yet). */
/* The stored rows for reading, with the names of the people they point at; published false keeps the minutes,
 * decisions and actions out (a board member's page of a draft). */
static void put_stored(http_ctx *c, const ctx *x, view_value *sc, bool published)
{
	const char *lang = lang_code(c->lang);
	record_form f;
	form_from(c, x, &f);
	for (int p = 0; p < RP__MAX; p++) {
		rows_data d;
		bool shown = published || p == RP_ITEM || p == RP_ATTENDANCE || p == RP_GUEST;
		rows_fill(c, &parts[p], &x->lists, x->r.parts[p].cells, shown ? x->r.parts[p].n : 0, &d);
		if (p == RP_ATTENDANCE)
			d = f.rows[RP_ATTENDANCE];
		view_value *list = rows_put(c, sc, &parts[p], &x->lists, &d);
		for (view_item *it = list->head; it; it = it->next) {
			static const char *const person_cols[] = {"presenter", "owner", "person"};
			for (size_t k = 0; k < 3; k++) {
				view_value *cell = view_get(it->v, person_cols[k]);
				const char *id = cell ? view_get(cell, "value")->u.s : NULL;
				const person *pe = id && *id ? person_of(x, atoll(id)) : NULL;
				if (cell)
					view_put_str(cell, "shown", pe ? text_in(&pe->full_name, lang) : "");
			}
			if (p == RP_ITEM && !published) { /* an item's minutes wait for the record to be circulated */
				view_put(it->v, "minutes_en", view_map_new(c->a));
				view_put(it->v, "minutes_az", view_map_new(c->a));
			}
			/* an action's decision by its number (2026/3), as the Actions page names it, not by its row here */
			view_value *dec = p == RP_ACTION ? view_get(it->v, "decision") : NULL;
			const char *row = dec ? view_get(dec, "value")->u.s : NULL;
			long k = row && *row ? atol(row) : 0;
			if (dec && k >= 1 && (size_t)k <= x->r.parts[RP_DECISION].n && published)
				view_put_str(dec, "number",
				             x->r.parts[RP_DECISION].cells[(size_t)(k - 1) * DEC__COLS + DEC_NUMBER]);
		}
	}
}

int record_show(http_ctx *c)
{
	ctx x;
	int rc = load_shown(c, &x);
	if (rc)
		return rc;
	view_value *sc = common(c, &x, "record.title");
	page_put_done(c, sc);
	put_quorum(sc, &x);
	put_stored(c, &x, sc, true);
	view_put_str(sc, "once", page_once(c));
	if (documents_put_occurrence(c, sc, x.s.id, x.s.memorandum_id, x.rid, NULL) != 0) /* pages/documents.c */
		return page_store_error(c, &app_of(c)->db);
	return page_render(c, "records/show", sc);
}

/*
 * GET …/record/pdf?lang=both|en|az: the printable minutes as a PDF made on the server by WeasyPrint (Debian's
 * weasyprint package: HTML and CSS paged media to PDF, with Pango's shaping and font fallback, so the
 * Azerbaijani letters come out as text that pdftotext reads back). The HTML is the template
 * records/print.html, self-contained (its CSS inline, no image or link to fetch), handed over on standard input.
 */
int record_pdf(http_ctx *c)
{
	app *ap = app_of(c);
	ctx x;
	int rc = load_shown(c, &x);
	if (rc)
		return rc;
	const char *which = http_query(c, "lang");
	if (which && strcmp(which, "both") != 0 && strcmp(which, "en") != 0 && strcmp(which, "az") != 0) {
		c->error_key = "error.bad_request";
		c->error_field = "lang";
		return 400;
	}
	if (which && strcmp(which, "both") != 0)
		c->lang = (enum lang)lang_parse(which);
	view_value *sc = common(c, &x, "record.title");
	put_quorum(sc, &x);
	put_stored(c, &x, sc, true);
	view_put_bool(sc, "both", !which || strcmp(which, "both") == 0);
	buf html = BUF_INIT;
	if (!ap->views || view_render(ap->views, "records/print", sc, lang_code(c->lang), &html) != 0) {
		buf_free(&html);
		return 500;
	}
	static const char *const argv[] = {"weasyprint", "--encoding", "utf-8", "-", "-", NULL};
	char err[256];
	/* one PDF at a time on the machine: the others are told to come back (503, Retry-After), not queued */
	int ran = spawn_filter_one(ap->cfg->template_dir, argv, html.data, html.len, c->body_out, RECORD_PDF_MAX,
	                           RECORD_PDF_TIMEOUT_MS, err, sizeof err);
	buf_free(&html);
	if (ran == SPAWN_BUSY) {
		buf_reset(c->body_out);
		c->error_key = "record.pdf_busy";
		return 503;
	}
	if (ran != 0) {
		log_error("msg=\"record PDF failed\" cause=\"%s\"", err);
		buf_reset(c->body_out);
		c->error_key = "record.pdf_failed";
		return 500;
	}
	http_content_type(c, "application/pdf");
	http_header(c, "Content-Disposition",
	            arena_printf(c->a, "attachment; filename=\"minutes-%.10s.pdf\"", x.rid));
	http_header(c, "X-Content-Type-Options", "nosniff");
	http_header(c, "Cache-Control", "private, no-store"); /* as pages: render.c */
	return 0;
}

/* GET …/record/edit: the form; an approved record's is the correction form, for admins only. */
int record_edit(http_ctx *c)
{
	ctx x;
	int rc = load(c, &x);
	if (rc)
		return rc;
	if (strcmp(x.r.state, "approved") == 0 && visit_of(c)->user.role < ROLE_ADMIN) {
		c->error_key = "record.approved_readonly";
		return 409;
	}
	record_form f;
	form_from(c, &x, &f);
	return form_page(c, &x, &f, 200, NULL);
}

static int save(http_ctx *c, bool correction)
{
	app *ap = app_of(c);
	ctx x;
	int rc = load(c, &x);
	if (rc)
		return rc;
	record_form f;
	form_read(c, &x, &f);
	int more = rows_more(c, parts, RP__MAX);
	if (more >= 0) { /* room to type (two rows more than the form showed), nothing saved, no errors shown yet */
		for (int p = 0; p < RP__MAX; p++)
			rows_reshow(c, &parts[p], &f.rows[p], p == more ? 2 : 0);
		for (int k = 0; k < F__MAX; k++)
			f.f[k].error = NULL;
		return form_page(c, &x, &f, 200, NULL);
	}
	bool approved = strcmp(x.r.state, "approved") == 0;
	if (approved != correction) {
		/* an approved record changes only by a correction, and a correction is only of an approved record */
		if (approved)
			return form_page(c, &x, &f, 409, "record.approved_readonly");
		c->error_key = "error.bad_request";
		return 400;
	}
	if (correction && !f.f[F_REASON].value && !f.f[F_REASON].error) {
		f.f[F_REASON].error = "record.reason_required";
		f.invalid++;
	}
	if (f.invalid) {
		for (int p = 0; p < RP__MAX; p++) /* a row to type into in every part, as the form first came */
			if (p != RP_ATTENDANCE)
				rows_grow(c, &parts[p], &f.rows[p], 1);
		return form_page(c, &x, &f, 422, "form.invalid");
	}
	/* the version the form was made from: 0 for a record not made yet */
	int version = (int)f.f[F_VERSION].num;
	if (version && !x.r.id)
		return form_page(c, &x, &f, 409, "form.stale");
	/* version 0 creates (the same form sent again is answered by the record its first send made, and a form
	 * made before someone else's record is refused as stale by the store); else the store checks the version */
	meeting_record in = x.r;
	in.id = version ? x.r.id : 0;
	in.version = version;
	for (int p = 0; p < RP__MAX; p++) {
		in.parts[p].cells = rows_values(c, &parts[p], &f.rows[p]);
		in.parts[p].n = f.rows[p].n;
	}
	/* attendance not marked is not recorded */
	size_t kept = 0;
	for (size_t i = 0; i < in.parts[RP_ATTENDANCE].n; i++)
		if (in.parts[RP_ATTENDANCE].cells[i * ATT__COLS + ATT_STATUS]) {
			memmove(&in.parts[RP_ATTENDANCE].cells[kept * ATT__COLS], &in.parts[RP_ATTENDANCE].cells[i * ATT__COLS],
			        ATT__COLS * sizeof *in.parts[RP_ATTENDANCE].cells);
			kept++;
		}
	in.parts[RP_ATTENDANCE].n = kept;
	actor who = app_actor(c);
	const char *reason = correction ? f.f[F_REASON].value : NULL;
	const char *label = label_of(c, &x, reason ? arena_printf(c->a, "(correction: %s)", reason) : NULL);
	switch (store_record_save(&ap->db, c->a, &who, x.s.memorandum_id, &in, reason, label)) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, record_path(c, &x), ap->db.unchanged ? "unchanged" : "saved"));
		return 0;
	case CHANGE_GONE:
	case CHANGE_STALE:
		return form_page(c, &x, &f, 409, "form.stale");
	case CHANGE_ERROR:
		break;
	}
	const char *msg;
	int status = page_save_failed(c, &ap->db, record_path(c, &x), &msg);
	return form_page(c, &x, &f, status, msg);
}

int record_save(http_ctx *c)
{
	return save(c, false);
}

int record_correct(http_ctx *c)
{
	return save(c, true);
}

/* POST …/record/state: to=circulated (from draft), draft (from circulated), approved (from circulated, naming
 * what approved it: "approved_by"). */
int record_state(http_ctx *c)
{
	app *ap = app_of(c);
	ctx x;
	int rc = load(c, &x);
	if (rc)
		return rc;
	static const char *const targets[] = {"draft", "circulated", "approved", NULL};
	static const field_def defs[] = {
		{"to", FIELD_CHOICE, true, 0, 0, targets},
		{"approved_by", FIELD_TEXT, false, 500, 0, NULL},
		{"version", FIELD_INT, true, 0, 0, NULL},
	};
	field_value v[3];
	if (fields_check(c->a, &c->body, defs, 3, v) && (v[0].error || v[2].error)) {
		c->error_key = "error.bad_request";
		return 400;
	}
	if (!x.r.id) {
		c->error_key = "record.none_yet";
		return 409;
	}
	const char *to = v[0].value, *from = x.r.state;
	bool allowed = (strcmp(from, "draft") == 0 && strcmp(to, "circulated") == 0) ||
	               (strcmp(from, "circulated") == 0 && strcmp(to, "draft") == 0) ||
	               (strcmp(from, "circulated") == 0 && strcmp(to, "approved") == 0);
	if (!allowed) {
		c->error_key = "record.state_not_allowed";
		return 409;
	}
	bool approving = strcmp(to, "approved") == 0;
	if (approving && (!v[1].value || v[1].error)) {
		/* the page again, with what was typed and why not */
		view_value *sc = common(c, &x, "record.title");
		put_quorum(sc, &x);
		view_put_str(sc, "message", page_msg(c, "form.invalid", 0));
		view_put_bool(sc, "has_errors", true);
		view_put_str(sc, "approved_by_value", v[1].raw);
		view_put_str(sc, "approved_by_error", page_msg(c, v[1].error ? v[1].error : "record.approved_by_required", 0));
		put_stored(c, &x, sc, true);
		rc = page_render(c, "records/show", sc);
		if (rc == 0)
			c->status = 422;
		return rc;
	}
	actor who = app_actor(c);
	switch (store_record_set_state(&ap->db, c->a, &who, x.r.id, (int)v[2].num, to, approving ? v[1].value : NULL,
	                               label_of(c, &x, arena_printf(c->a, "(%s)", to)))) {
	case CHANGE_DONE:
		http_redirect(c, 303, page_done_url(c, record_path(c, &x), "saved"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "record.none_yet";
		return 404;
	case CHANGE_STALE:
		c->error_key = "form.stale";
		return 409;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}

/*
 * GET /board/{token}/series/{id}/occurrences/{rid}: a board member's read-only page of one occurrence, reached
 * from their calendar with their feed's secret: the agenda and attendance, and the minutes, decisions and actions
 * once circulated. The token must be live and its feed must show the series; an unknown, revoked or foreign token
 * gets the same 404 (nothing says which). The page speaks the token's language unless ?lang= asks for the other.
 */
int record_board_show(http_ctx *c)
{
	app *ap = app_of(c);
	int opened = board_open(c);
	if (opened)
		return opened;
	const char *token = http_param_str(c, "token");
	ctx x;
	int rc = load_shown(c, &x);
	if (rc)
		return rc;
	view_value *sc = common(c, &x, "record.title");
	view_put_bool(sc, "board", true); /* the layout leaves out the staff's language switch (it posts to a session) */
	put_quorum(sc, &x);
	bool published = strcmp(x.r.state, "draft") != 0;
	view_put_bool(sc, "published", published);
	const char *self = arena_printf(c->a, "/board/%s/series/%lld/occurrences/%s", token, x.s.id, http_param_str(c, "rid"));
	view_put_str(sc, "self_en", arena_printf(c->a, "%s?lang=en", self));
	view_put_str(sc, "self_az", arena_printf(c->a, "%s?lang=az", self));
	put_stored(c, &x, sc, published);
	/* the occurrence's and its memorandum's documents, downloaded through this token (pages/documents.c) */
	if (documents_put_occurrence(c, sc, x.s.id, x.s.memorandum_id, x.rid, token) != 0)
		return page_store_error(c, &ap->db);
	return page_render(c, "records/board", sc);
}
