/* series_form.c - the meeting/event form: fields, the recurrence builder, attendee rows. */
#include "pages/series_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/expand.h"
#include "cal/recur.h"
#include "cal/rrule.h"
#include "cal/time.h"
#include "pages/account.h"
#include "pages/app.h"
#include "util/buf.h"
#include "util/date.h"

static const char *const kinds[] = {"meeting", "event", NULL};
static const char *const statuses[] = {"confirmed", "tentative", "cancelled", NULL};
static const char *const repeats[] = {"none", "daily", "weekly", "monthly", "yearly", "custom", NULL};
static const char *const monthly[] = {"monthday", "weekday", "lastweekday", NULL};
static const char *const ends[] = {"never", "until", "count", NULL};
static const char *const roles[] = {"chair", "required", "optional", NULL};
static const char *const partstats[] = {"needs-action", "accepted", "declined", "tentative", NULL};

const field_def series_fields[SF__MAX] = {
	[SF_KIND] = {"kind", FIELD_CHOICE, true, 0, 0, kinds},
	[SF_TITLE_EN] = {"title_en", FIELD_TEXT, true, 300, 0, NULL},
	[SF_TITLE_AZ] = {"title_az", FIELD_TEXT, true, 300, 0, NULL},
	[SF_DESC_EN] = {"description_en", FIELD_TEXTAREA, false, 10000, 0, NULL},
	[SF_DESC_AZ] = {"description_az", FIELD_TEXTAREA, false, 10000, 0, NULL},
	[SF_LOCATION] = {"location", FIELD_TEXT, false, 500, 0, NULL},
	[SF_LOCATION_URL] = {"location_url", FIELD_URL, false, 2048, 0, NULL},
	[SF_TZID] = {"tzid", FIELD_TEXT, true, 64, 0, NULL},
	[SF_ALL_DAY] = {"all_day", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_START_DATE] = {"start_date", FIELD_DATE, true, 0, 0, NULL},
	[SF_START_TIME] = {"start_time", FIELD_TIME, false, 0, 0, NULL},
	[SF_END_DATE] = {"end_date", FIELD_DATE, false, 0, 0, NULL},
	[SF_END_TIME] = {"end_time", FIELD_TIME, false, 0, 0, NULL},
	[SF_STATUS] = {"status", FIELD_CHOICE, true, 0, 0, statuses},
	[SF_REPEAT] = {"repeat", FIELD_CHOICE, true, 0, 0, repeats},
	[SF_INTERVAL] = {"interval", FIELD_INT, false, CAL_BUILDER_MAX_INTERVAL, 1, NULL},
	[SF_DAY_MO] = {"day_mo", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_TU] = {"day_tu", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_WE] = {"day_we", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_TH] = {"day_th", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_FR] = {"day_fr", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_SA] = {"day_sa", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_DAY_SU] = {"day_su", FIELD_CHECKBOX, false, 0, 0, NULL},
	[SF_MONTHLY] = {"monthly", FIELD_CHOICE, false, 0, 0, monthly},
	[SF_ENDS] = {"ends", FIELD_CHOICE, false, 0, 0, ends},
	[SF_UNTIL] = {"until", FIELD_DATE, false, 0, 0, NULL},
	[SF_COUNT] = {"count", FIELD_INT, false, CAL_BUILDER_MAX_COUNT, 1, NULL},
	[SF_RRULE] = {"rrule", FIELD_TEXT, false, CAL_RULE_MAX_LEN, 0, NULL},
	/* as many lines as an import may bring (500 of "YYYY-MM-DD HH:MM:SS") */
	[SF_RDATES] = {"rdates", FIELD_TEXTAREA, false, 20 * CAL_IMPORT_MAX_DATES, 0, NULL},
	[SF_EXDATES] = {"exdates", FIELD_TEXTAREA, false, 20 * CAL_IMPORT_MAX_DATES, 0, NULL},
	[SF_VERSION] = {"version", FIELD_INT, false, 0, 0, NULL},
	[SF_QUORUM] = {"quorum", FIELD_INT, false, 1000, 0, NULL}, /* its meetings' records check it (pages/records.c) */
};

static const rows_col attendee_cols[ATTENDEE__COLS] = {
	[ATTENDEE_PERSON] = {.def = {"person", FIELD_ID, false, 0, 0, NULL}, .from = ROWS_PEOPLE, .key = true},
	[ATTENDEE_GROUP_EN] = {.def = {"group_en", FIELD_TEXT, false, 300, 0, NULL}},
	[ATTENDEE_GROUP_AZ] = {.def = {"group_az", FIELD_TEXT, false, 300, 0, NULL}},
	[ATTENDEE_ROLE] = {.def = {"role", FIELD_CHOICE, false, 0, 0, roles}, .fallback = "required", .choice_msg = "series.role"},
	[ATTENDEE_PARTSTAT] = {.def = {"partstat", FIELD_CHOICE, false, 0, 0, partstats}, .fallback = "needs-action",
	                       .choice_msg = "series.partstat"},
};
const rows_part series_attendees = {
	.prefix = "attendee", .msg = "series.attendee", .cols = attendee_cols, .ncols = ATTENDEE__COLS,
	.max_rows = SERIES_MAX_ATTENDEES, .key = "attendees", .legend = "series.attendees", .hint = "series.attendees_hint",
	.twice = "series.attendee_twice",
};

/* ---- times ---- */

static const char *local_text(arena *a, cal_local t)
{
	char s[20];
	cal_format_local(t, s);
	return arena_strdup(a, s);
}

/* "HH:MM", or "HH:MM:SS" when the seconds are not 0, of a stored "YYYY-MM-DD HH:MM:SS". */
static const char *time_of(arena *a, const char *stored)
{
	return strcmp(stored + 17, "00") == 0 ? arena_strndup(a, stored + 11, 5) : arena_strndup(a, stored + 11, 8);
}

/* ---- the recurrence builder ---- */

static const char *const repeat_names[] = {"daily", "weekly", "monthly", "yearly"}; /* enum cal_repeat */
static const char *const monthly_names[] = {"monthday", "weekday", "lastweekday"}; /* enum cal_monthly */
static const char *const ends_names[] = {"never", "until", "count"};                /* enum cal_ends */

static int index_of(const char *const *names, int n, const char *v)
{
	for (int i = 0; v && i < n; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return -1;
}

/* Where a problem with the rule is shown: the custom field, or the builder's choice. */
static field_value *rule_field(series_form *f)
{
	const char *repeat = f->f[SF_REPEAT].value ? f->f[SF_REPEAT].value : "";
	return &f->f[strcmp(repeat, "custom") == 0 ? SF_RRULE : SF_REPEAT];
}

static void rule_refused(arena *a, series_form *f, const cal_rule_problem *why)
{
	field_value *at = rule_field(f);
	if (strcmp(why->key, "rule.invalid") == 0) {
		at->error = "series.rule_invalid";
		f->rule_err = why->detail[0] ? arena_strdup(a, why->detail) : NULL;
	} else {
		at->error = why->key; /* rule.secondly, rule.per_day, rule.per_year: the catalogue says it in words */
		at->arg = why->max;
	}
}

/* The first date ("YYYY-MM-DD") the rule gives from start, when that is not start's day; else NULL. */
static const char *rule_first(http_ctx *c, const char *rule, cal_local start, bool all_day, const char *tzid)
{
	long budget = CAL_WALK_BUDGET;
	char err[200];
	const cal_zone *z = cal_zone_find(tzid);
	/* whether the rule gives the start's day at all: walked from its midnight, so that a rule that names its
	 * hours, minutes or seconds, and gives none of them later on that day, is not sent to another day */
	cal_local day = {start.year, start.month, start.day, 0, 0, 0};
	cal_walk *w = z ? cal_walk_new(rule, day, all_day, z, &budget, err, sizeof err) : NULL;
	if (!w)
		return NULL; /* an invalid rule is told of elsewhere */
	cal_local first;
	int r = cal_walk_rule_first(w, &first);
	cal_walk_free(w);
	/* the day is what a person chooses (the rule's hours and minutes, when it names them, are its own) */
	if (r != 1 || (first.year == start.year && first.month == start.month && first.day == start.day))
		return NULL;
	return arena_printf(c->a, "%04d-%02d-%02d", first.year, first.month, first.day);
}

/* The rule the form gives (parsed), or NULL for none or with an error on a field. */
static const cal_rule *form_rule(http_ctx *c, series_form *f, const cal_local *start, bool all_day, const char *tzid)
{
	const char *repeat = f->f[SF_REPEAT].value ? f->f[SF_REPEAT].value : "none";
	const char *typed = f->f[SF_RRULE].value;
	cal_rule_problem why;
	if (strcmp(repeat, "custom") == 0) {
		if (!typed) {
			f->f[SF_RRULE].error = f->f[SF_RRULE].error ? f->f[SF_RRULE].error : "invalid.required";
			return NULL;
		}
		const cal_rule *r = cal_rule_parse_typed(c->a, typed, &why);
		if (!r)
			rule_refused(c->a, f, &why);
		else if (start && cal_rule_ends_before(r, *start, all_day, tzid)) {
			f->f[SF_RRULE].error = "series.until_before_start"; /* as the builder's last date says */
			return NULL;
		}
		return r;
	}
	if (typed) {
		/* a rule typed into the custom field is only used with "Custom rule": never drop it without a word */
		f->f[SF_RRULE].error = strcmp(repeat, "none") == 0 ? "series.rule_not_repeating" : "series.rule_not_custom";
		return NULL;
	}
	if (strcmp(repeat, "none") == 0)
		return NULL;
	cal_builder b;
	memset(&b, 0, sizeof b);
	b.repeat = (enum cal_repeat)index_of(repeat_names, 4, repeat);
	b.interval = f->f[SF_INTERVAL].value ? (int)f->f[SF_INTERVAL].num : 1;
	if (b.interval < 1) {
		f->f[SF_INTERVAL].error = "series.interval_min";
		return NULL;
	}
	for (int d = 0; d < 7; d++)
		b.days[d] = f->f[SF_DAY_MO + d].on;
	int m = index_of(monthly_names, 3, f->f[SF_MONTHLY].value);
	b.monthly = m < 0 ? CAL_MONTHLY_DAY : (enum cal_monthly)m;
	int e = index_of(ends_names, 3, f->f[SF_ENDS].value);
	b.ends = e < 0 ? CAL_ENDS_NEVER : (enum cal_ends)e;
	if (b.ends == CAL_ENDS_COUNT) {
		if (!f->f[SF_COUNT].value || f->f[SF_COUNT].num < 1) {
			field_value *n = &f->f[SF_COUNT];
			if (!n->error && n->value) { /* 0: a number, but not a count of meetings */
				n->error = "invalid.too_small_number";
				n->arg = 1;
			}
			n->error = n->error ? n->error : "invalid.required";
			return NULL;
		}
		b.count = (long)f->f[SF_COUNT].num;
	} else if (b.ends == CAL_ENDS_UNTIL) {
		const char *u = f->f[SF_UNTIL].value;
		if (!u) {
			f->f[SF_UNTIL].error = f->f[SF_UNTIL].error ? f->f[SF_UNTIL].error : "invalid.required";
			return NULL;
		}
		if (cal_parse_local(u, &b.until) != 0)
			return NULL;
		if (start && cal_local_cmp(b.until, (cal_local){start->year, start->month, start->day, 0, 0, 0}) < 0) {
			f->f[SF_UNTIL].error = "series.until_before_start"; /* it would leave the first meeting alone */
			return NULL;
		}
	}
	if (!start)
		return NULL;
	const cal_rule *r = cal_builder_rule(c->a, &b, *start, all_day, tzid);
	if (!r) {
		why.key = "rule.invalid";
		snprintf(why.detail, sizeof why.detail, "the repetition cannot be written as a rule");
		rule_refused(c->a, f, &why);
	}
	return r;
}

/* Fills the builder's fields from a stored rule when the builder says exactly that rule; else "custom". */
static void rule_to_builder(http_ctx *c, const series *s, const char **raw, const char **words)
{
	raw[SF_REPEAT] = "none";
	raw[SF_ENDS] = "never";
	raw[SF_MONTHLY] = "monthday";
	raw[SF_INTERVAL] = "1";
	*words = NULL;
	if (!s || !s->rrule || !*s->rrule)
		return;
	raw[SF_RRULE] = s->rrule;
	raw[SF_REPEAT] = "custom";
	cal_local start;
	const cal_rule *r = cal_rule_parse(c->a, s->rrule, NULL);
	if (!r || cal_parse_local(s->start_local, &start) != 0)
		return; /* a stored rule that no longer reads: the custom field shows it, a save says why */
	*words = cal_rule_describe(c->a, r, start, s->all_day, s->tzid, lang_code(c->lang));
	cal_builder b;
	if (!cal_builder_of(c->a, r, start, s->all_day, s->tzid, &b))
		return;
	raw[SF_RRULE] = NULL;
	raw[SF_REPEAT] = repeat_names[b.repeat];
	raw[SF_INTERVAL] = arena_printf(c->a, "%d", b.interval);
	if (b.repeat == CAL_REPEAT_WEEKLY)
		for (int d = 0; d < 7; d++)
			raw[SF_DAY_MO + d] = b.days[d] ? "1" : NULL;
	raw[SF_MONTHLY] = monthly_names[b.monthly];
	raw[SF_ENDS] = ends_names[b.ends];
	if (b.ends == CAL_ENDS_COUNT)
		raw[SF_COUNT] = arena_printf(c->a, "%ld", b.count);
	else if (b.ends == CAL_ENDS_UNTIL)
		raw[SF_UNTIL] = arena_printf(c->a, "%04d-%02d-%02d", b.until.year, b.until.month, b.until.day);
}

/* ---- reading the form ---- */

/* One local date-time per line ("YYYY-MM-DD HH:MM" or a date): the RDATE/EXDATE text areas. */
static int read_times(arena *a, const char *text, const char ***out, size_t *n)
{
	*n = 0;
	*out = NULL;
	if (!text)
		return 0;
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	*out = arena_alloc(a, cap * sizeof **out);
	char *copy = arena_strdup(a, text);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		while (*line == ' ')
			line++;
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		if (!len)
			continue;
		cal_local t;
		if (cal_parse_local(line, &t) != 0)
			return -1;
		char s[20];
		cal_format_local(t, s);
		(*out)[(*n)++] = arena_strdup(a, s);
	}
	return 0;
}

/* "HH:MM[:SS]" of a form field as hour, minute, second. */
static void clock_of(const char *t, cal_local *out)
{
	out->hour = atoi(t);
	out->minute = atoi(t + 3);
	out->second = strlen(t) > 5 ? atoi(t + 6) : 0;
}

/* The length of an occurrence of stored, in real seconds (all-day: whole days, as seconds). */
static long long stored_length(const series *stored, bool all_day)
{
	cal_local a, b;
	if (cal_parse_local(stored->start_local, &a) != 0 || cal_parse_local(stored->end_local, &b) != 0)
		return -1;
	if (all_day)
		return cal_local_wall(b) - cal_local_wall(a);
	return cal_local_to_utc(b, stored->tzid) - cal_local_to_utc(a, stored->tzid);
}

void series_form_read(http_ctx *c, const rows_lists *people, const series *stored, series_form *f, series *out)
{
	memset(f, 0, sizeof *f);
	memset(out, 0, sizeof *out);
	fields_check(c->a, &c->body, series_fields, SF__MAX, f->f);
	field_value *v = f->f;
	const config *cfg = app_of(c)->cfg;

	if (v[SF_TZID].value && !cal_zone_known(v[SF_TZID].value))
		v[SF_TZID].error = "series.zone_unknown";
	const char *tzid = v[SF_TZID].value && !v[SF_TZID].error ? v[SF_TZID].value : DEFAULT_TZID;
	bool all_day = v[SF_ALL_DAY].on;
	const char *sd = v[SF_START_DATE].value;
	const char *ed = v[SF_END_DATE].value ? v[SF_END_DATE].value : sd;
	const char *start = NULL, *end = NULL;
	cal_local st, en;
	bool have_start = false;
	if (sd && cal_parse_local(sd, &st) == 0 && !v[SF_START_TIME].error && !v[SF_END_TIME].error &&
	    !v[SF_END_DATE].error && cal_parse_local(ed, &en) == 0) {
		have_start = true;
		if (all_day) {
			en = cal_local_add_days(en, 1); /* the last day shown is inclusive, the stored end exclusive */
		} else {
			clock_of(v[SF_START_TIME].value ? v[SF_START_TIME].value : "09:00", &st);
			if (v[SF_END_TIME].value) {
				clock_of(v[SF_END_TIME].value, &en);
			} else { /* an hour, unless said otherwise */
				en = cal_wall_local(cal_local_wall((cal_local){en.year, en.month, en.day, st.hour, st.minute,
				                                               st.second}) + 3600);
			}
		}
		start = local_text(c->a, st);
		end = local_text(c->a, en);
		/* a new start with the end as it was: the occurrence keeps its length */
		if (stored && strcmp(end, stored->end_local) == 0 && strcmp(start, stored->start_local) != 0 &&
		    stored->all_day == all_day) {
			long long len = stored_length(stored, all_day);
			if (len > 0) {
				if (all_day)
					en = cal_wall_local(cal_local_wall(st) + len);
				else
					en = cal_utc_to_local(cal_local_to_utc(st, tzid) + len, tzid);
				end = local_text(c->a, en);
				f->end_moved = true;
			}
		}
		if (strcmp(end, start) <= 0)
			(v[SF_END_TIME].value ? &v[SF_END_TIME] : &v[SF_END_DATE])->error = "series.end_after_start";
	}

	const cal_rule *rule = form_rule(c, f, have_start ? &st : NULL, all_day, tzid);
	if (rule) {
		cal_rule_problem why;
		if (cal_rule_limits(rule, cfg ? cfg->max_occurrences_per_day : 0, cfg ? cfg->max_occurrences_per_year : 0,
		                    &why) != 0) {
			rule_refused(c->a, f, &why);
		} else {
			/* the same meaning as the stored rule keeps the stored text: an unchanged form changes nothing */
			const cal_rule *old = stored && stored->rrule ? cal_rule_parse(c->a, stored->rrule, NULL) : NULL;
			f->rule = old && cal_rule_same(old, rule) ? stored->rrule : cal_rule_format(c->a, rule);
		}
		if (have_start)
			f->rule_words = cal_rule_describe(c->a, rule, st, all_day, tzid, lang_code(c->lang));
		/* a start the rule does not give (a Monday, weekly on Tuesday and Thursday): refused where it is new,
		 * so that a series stored so before (an import) can still be edited in other ways */
		bool start_new = f->rule && (!stored || !stored->rrule || strcmp(f->rule, stored->rrule) != 0 || !start ||
		                             strcmp(start, stored->start_local) != 0 || strcmp(tzid, stored->tzid) != 0);
		if (have_start && start_new && !v[SF_START_DATE].error)
			f->start_first = rule_first(c, f->rule, st, all_day, tzid);
		if (f->start_first)
			v[SF_START_DATE].error = "series.start_not_in_rule";
	}
	const char **rdates, **exdates;
	size_t nr, nx;
	/* the same bound as an import's, counted in dates (the field's length alone lets ~900 through) */
	if (read_times(c->a, v[SF_RDATES].value, &rdates, &nr) != 0)
		v[SF_RDATES].error = "series.times_invalid";
	else if (nr > CAL_IMPORT_MAX_DATES)
		v[SF_RDATES].error = "series.too_many_dates";
	if (read_times(c->a, v[SF_EXDATES].value, &exdates, &nx) != 0)
		v[SF_EXDATES].error = "series.times_invalid";
	else if (nx > CAL_IMPORT_MAX_DATES)
		v[SF_EXDATES].error = "series.too_many_dates";

	/* attendees: a person (known, once) or a group named in both languages, not both */
	rows_read(c, &series_attendees, people, &f->rows);
	attendee *att = arena_alloc(c->a, (f->rows.n ? f->rows.n : 1) * sizeof *att);
	for (size_t i = 0; i < f->rows.n; i++) {
		field_value *cell = rows_cell(&f->rows, &series_attendees, i, 0);
		for (int k = ATTENDEE_GROUP_EN; !cell[ATTENDEE_PERSON].value && k <= ATTENDEE_GROUP_AZ; k++)
			if (!cell[k].value)
				rows_error(&f->rows, &series_attendees, i, (size_t)k, "series.group_name");
		if (cell[ATTENDEE_PERSON].value && (cell[ATTENDEE_GROUP_EN].value || cell[ATTENDEE_GROUP_AZ].value))
			rows_error(&f->rows, &series_attendees, i, ATTENDEE_GROUP_EN, "series.person_or_group");
		att[i].person_id = cell[ATTENDEE_PERSON].value ? cell[ATTENDEE_PERSON].num : 0;
		att[i].name = (bitext){cell[ATTENDEE_GROUP_EN].value, cell[ATTENDEE_GROUP_AZ].value};
		att[i].role = cell[ATTENDEE_ROLE].value;
		att[i].partstat = cell[ATTENDEE_PARTSTAT].value;
	}

	for (int i = 0; i < SF__MAX; i++)
		f->invalid += v[i].error != NULL;
	f->invalid += f->rows.invalid;
	if (f->invalid)
		return;

	out->kind = v[SF_KIND].value;
	out->title = (bitext){v[SF_TITLE_EN].value, v[SF_TITLE_AZ].value};
	out->description = (bitext){v[SF_DESC_EN].value, v[SF_DESC_AZ].value};
	out->location = v[SF_LOCATION].value;
	out->location_url = v[SF_LOCATION_URL].value;
	out->tzid = v[SF_TZID].value;
	out->all_day = all_day;
	out->start_local = start;
	out->end_local = end;
	out->rrule = f->rule;
	out->rdates = rdates;
	out->nrdates = nr;
	out->exdates = exdates;
	out->nexdates = nx;
	out->status = v[SF_STATUS].value;
	out->version = (int)v[SF_VERSION].num;
	out->quorum = v[SF_QUORUM].value ? (int)v[SF_QUORUM].num : 0;
	out->attendees = att;
	out->nattendees = f->rows.n;
}

/* Stored times one per line as the field reads them back: the date alone for an all-day series, the seconds
 * only when they are not 0. */
static const char *joined(arena *a, const char *const *v, size_t n, bool all_day)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		int len = all_day && strcmp(v[i] + 10, " 00:00:00") == 0 ? 10 : strcmp(v[i] + 17, "00") == 0 ? 16 : 19;
		buf_printf(&b, "%s%.*s", i ? "\n" : "", len, v[i]);
	}
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

void series_form_from(http_ctx *c, const series *s, series_form *f)
{
	memset(f, 0, sizeof *f);
	const char *raw[SF__MAX] = {0};
	raw[SF_KIND] = "meeting";
	raw[SF_TZID] = viewer_zone(c);
	raw[SF_STATUS] = "confirmed";
	raw[SF_START_TIME] = "10:00";
	raw[SF_END_TIME] = "11:00";
	rule_to_builder(c, s, raw, &f->rule_words);
	if (s) {
		raw[SF_KIND] = s->kind;
		raw[SF_TITLE_EN] = s->title.en;
		raw[SF_TITLE_AZ] = s->title.az;
		raw[SF_DESC_EN] = s->description.en;
		raw[SF_DESC_AZ] = s->description.az;
		raw[SF_LOCATION] = s->location;
		raw[SF_LOCATION_URL] = s->location_url;
		raw[SF_QUORUM] = s->quorum > 0 ? arena_printf(c->a, "%d", s->quorum) : NULL;
		raw[SF_TZID] = s->tzid;
		raw[SF_ALL_DAY] = s->all_day ? "t" : NULL;
		raw[SF_START_DATE] = arena_strndup(c->a, s->start_local, 10);
		raw[SF_START_TIME] = time_of(c->a, s->start_local);
		cal_local end;
		if (s->all_day && cal_parse_local(s->end_local, &end) == 0) { /* the form shows the last day */
			end = cal_local_add_days(end, -1);
			raw[SF_END_DATE] = arena_printf(c->a, "%04d-%02d-%02d", end.year, end.month, end.day);
		} else {
			raw[SF_END_DATE] = arena_strndup(c->a, s->end_local, 10);
		}
		raw[SF_END_TIME] = time_of(c->a, s->end_local);
		raw[SF_STATUS] = s->status;
		raw[SF_RDATES] = joined(c->a, s->rdates, s->nrdates, s->all_day);
		raw[SF_EXDATES] = joined(c->a, s->exdates, s->nexdates, s->all_day);
		raw[SF_VERSION] = arena_printf(c->a, "%d", s->version);
	}
	for (int i = 0; i < SF__MAX; i++) {
		f->f[i].raw = raw[i] ? raw[i] : "";
		f->f[i].value = raw[i];
		f->f[i].on = series_fields[i].type == FIELD_CHECKBOX && raw[i] && *raw[i];
	}
	size_t n = s ? s->nattendees : 0;
	const char **cells = arena_alloc(c->a, (n + 1) * ATTENDEE__COLS * sizeof *cells);
	for (size_t i = 0; i < n; i++) {
		const attendee *at = &s->attendees[i];
		const char **r = &cells[i * ATTENDEE__COLS];
		r[ATTENDEE_PERSON] = at->person_id ? arena_printf(c->a, "%lld", at->person_id) : NULL;
		r[ATTENDEE_GROUP_EN] = at->person_id ? NULL : at->name.en;
		r[ATTENDEE_GROUP_AZ] = at->person_id ? NULL : at->name.az;
		r[ATTENDEE_ROLE] = at->role;
		r[ATTENDEE_PARTSTAT] = at->partstat;
	}
	rows_fill(c, &series_attendees, NULL, cells, n, &f->rows);
	rows_grow(c, &series_attendees, &f->rows, 2);
}
