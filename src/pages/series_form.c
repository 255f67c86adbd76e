/* series_form.c - the meeting/event form: fields, the recurrence builder, attendee rows. */
#include "pages/series_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/expand.h"
#include "cal/time.h"
#include "util/buf.h"

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
	[SF_INTERVAL] = {"interval", FIELD_INT, false, 99, 0, NULL},
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
	[SF_COUNT] = {"count", FIELD_INT, false, 1000, 0, NULL},
	[SF_RRULE] = {"rrule", FIELD_TEXT, false, 1000, 0, NULL},
	[SF_RDATES] = {"rdates", FIELD_TEXTAREA, false, 4000, 0, NULL},
	[SF_EXDATES] = {"exdates", FIELD_TEXTAREA, false, 4000, 0, NULL},
	[SF_VERSION] = {"version", FIELD_INT, false, 0, 0, NULL},
};

static const char *const weekday_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static const field_def attendee_cols[5] = {
	{"person", FIELD_ID, false, 0, 0, NULL},
	{"group_en", FIELD_TEXT, false, 300, 0, NULL},
	{"group_az", FIELD_TEXT, false, 300, 0, NULL},
	{"role", FIELD_CHOICE, false, 0, 0, roles},
	{"partstat", FIELD_CHOICE, false, 0, 0, partstats},
};

/* ---- dates without a zone: days since 1970-01-01 (Howard Hinnant's civil-from-days) ---- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* "YYYY-MM-DD" n days later */
static const char *add_days(arena *a, const char *date, long n)
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	civil_from_days(days_from_civil(y, m, d) + n, &y, &m, &d);
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* 0 = Monday … 6 = Sunday */
static int weekday_of(const char *date)
{
	long days = days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8));
	return (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

/* ---- the recurrence builder ---- */

/* The RRULE the plain-words part of the form describes. */
static const char *build_rule(arena *a, series_form *f, const char *start_date, bool all_day, const char *tzid)
{
	const char *repeat = f->f[SF_REPEAT].value ? f->f[SF_REPEAT].value : "none";
	if (strcmp(repeat, "none") == 0)
		return NULL;
	if (strcmp(repeat, "custom") == 0) {
		const char *r = f->f[SF_RRULE].value;
		if (r && strncmp(r, "RRULE:", 6) == 0)
			r += 6;
		if (!r || !*r)
			f->f[SF_RRULE].error = "invalid.required";
		return r;
	}
	buf b = BUF_INIT;
	long interval = f->f[SF_INTERVAL].value ? f->f[SF_INTERVAL].num : 1;
	if (interval < 1) {
		f->f[SF_INTERVAL].error = "series.interval_min";
		interval = 1;
	}
	static const char *const freq[] = {"daily", "DAILY", "weekly", "WEEKLY", "monthly", "MONTHLY", "yearly", "YEARLY"};
	for (size_t i = 0; i < 8; i += 2)
		if (strcmp(repeat, freq[i]) == 0)
			buf_printf(&b, "FREQ=%s", freq[i + 1]);
	if (interval > 1)
		buf_printf(&b, ";INTERVAL=%ld", interval);
	int wd = start_date ? weekday_of(start_date) : 0;
	if (strcmp(repeat, "weekly") == 0) {
		buf_puts(&b, ";BYDAY=");
		bool any = false;
		for (int d = 0; d < 7; d++)
			if (f->f[SF_DAY_MO + d].on) {
				buf_printf(&b, "%s%s", any ? "," : "", weekday_codes[d]);
				any = true;
			}
		if (!any)
			buf_puts(&b, weekday_codes[wd]); /* no day ticked: the start's own weekday */
	} else if (strcmp(repeat, "monthly") == 0 && start_date) {
		const char *mode = f->f[SF_MONTHLY].value ? f->f[SF_MONTHLY].value : "monthday";
		int day = atoi(start_date + 8);
		if (strcmp(mode, "weekday") == 0)
			buf_printf(&b, ";BYDAY=%d%s", (day - 1) / 7 + 1, weekday_codes[wd]);
		else if (strcmp(mode, "lastweekday") == 0)
			buf_printf(&b, ";BYDAY=-1%s", weekday_codes[wd]);
		else
			buf_printf(&b, ";BYMONTHDAY=%d", day);
	}
	const char *endmode = f->f[SF_ENDS].value ? f->f[SF_ENDS].value : "never";
	if (strcmp(endmode, "count") == 0) {
		if (!f->f[SF_COUNT].value || f->f[SF_COUNT].num < 1)
			f->f[SF_COUNT].error = f->f[SF_COUNT].error ? f->f[SF_COUNT].error : "invalid.required";
		else
			buf_printf(&b, ";COUNT=%lld", f->f[SF_COUNT].num);
	} else if (strcmp(endmode, "until") == 0) {
		const char *u = f->f[SF_UNTIL].value;
		if (!u) {
			f->f[SF_UNTIL].error = f->f[SF_UNTIL].error ? f->f[SF_UNTIL].error : "invalid.required";
		} else if (start_date && strcmp(u, start_date) < 0) {
			f->f[SF_UNTIL].error = "series.until_before_start"; /* it would leave the first meeting alone */
		} else if (all_day) {
			buf_printf(&b, ";UNTIL=%.4s%.2s%.2s", u, u + 5, u + 8);
		} else {
			/* the end of that day where the meeting happens, as UTC (RFC 5545 3.3.10 with a TZID start) */
			cal_local end = {atoi(u), atoi(u + 5), atoi(u + 8), 23, 59, 59};
			long long t = cal_local_to_utc(end, tzid);
			cal_local z = cal_utc_to_local(t, "UTC");
			buf_printf(&b, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", z.year, z.month, z.day, z.hour, z.minute, z.second);
		}
	}
	const char *rule = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return rule;
}

/* Fills the builder from a stored rule when it says something the builder can say; else "custom". */
static void rule_to_builder(arena *a, const char *rule, bool all_day, const char *tzid, const char **raw)
{
	raw[SF_REPEAT] = "none";
	raw[SF_ENDS] = "never";
	raw[SF_MONTHLY] = "monthday";
	raw[SF_INTERVAL] = "1";
	if (!rule || !*rule)
		return;
	raw[SF_RRULE] = rule;
	raw[SF_REPEAT] = "custom";
	char *copy = arena_strdup(a, rule);
	const char *freq = NULL, *byday = NULL, *bymonthday = NULL, *count = NULL, *until = NULL, *interval = NULL;
	for (char *part = strtok(copy, ";"); part; part = strtok(NULL, ";")) {
		char *eq = strchr(part, '=');
		if (!eq)
			return;
		*eq = '\0';
		const char *v = eq + 1;
		if (strcmp(part, "FREQ") == 0)
			freq = v;
		else if (strcmp(part, "BYDAY") == 0)
			byday = v;
		else if (strcmp(part, "BYMONTHDAY") == 0)
			bymonthday = v;
		else if (strcmp(part, "COUNT") == 0)
			count = v;
		else if (strcmp(part, "UNTIL") == 0)
			until = v;
		else if (strcmp(part, "INTERVAL") == 0)
			interval = v;
		else if (strcmp(part, "WKST") != 0)
			return; /* anything else: the advanced field keeps it */
	}
	if (!freq)
		return;
	const char *repeat = strcmp(freq, "DAILY") == 0 ? "daily" : strcmp(freq, "WEEKLY") == 0 ? "weekly"
	                   : strcmp(freq, "MONTHLY") == 0 ? "monthly" : strcmp(freq, "YEARLY") == 0 ? "yearly" : NULL;
	if (!repeat || (byday && bymonthday) || ((byday || bymonthday) && strcmp(repeat, "weekly") != 0 &&
	                                          strcmp(repeat, "monthly") != 0))
		return;
	if (strcmp(repeat, "weekly") == 0 && byday) {
		char *days = arena_strdup(a, byday);
		for (char *d = strtok(days, ","); d; d = strtok(NULL, ",")) {
			int k = 0;
			while (k < 7 && strcmp(d, weekday_codes[k]) != 0)
				k++;
			if (k == 7)
				return;
			raw[SF_DAY_MO + k] = "1";
		}
	}
	if (strcmp(repeat, "monthly") == 0 && byday) {
		if (byday[0] == '-' && byday[1] == '1')
			raw[SF_MONTHLY] = "lastweekday";
		else if (byday[0] >= '1' && byday[0] <= '5' && !(byday[1] >= '0' && byday[1] <= '9'))
			raw[SF_MONTHLY] = "weekday";
		else
			return;
	}
	if (interval)
		raw[SF_INTERVAL] = interval;
	if (count) {
		raw[SF_ENDS] = "count";
		raw[SF_COUNT] = count;
	} else if (until && strlen(until) >= 8) {
		raw[SF_ENDS] = "until";
		if (all_day || strlen(until) < 16) {
			raw[SF_UNTIL] = arena_printf(a, "%.4s-%.2s-%.2s", until, until + 4, until + 6);
		} else {
			cal_local z = {atoi(arena_strndup(a, until, 4)), atoi(arena_strndup(a, until + 4, 2)),
			               atoi(arena_strndup(a, until + 6, 2)), atoi(arena_strndup(a, until + 9, 2)),
			               atoi(arena_strndup(a, until + 11, 2)), atoi(arena_strndup(a, until + 13, 2))};
			cal_local l = cal_utc_to_local(cal_local_to_utc(z, "UTC"), tzid);
			raw[SF_UNTIL] = arena_printf(a, "%04d-%02d-%02d", l.year, l.month, l.day);
		}
	}
	raw[SF_REPEAT] = repeat;
	raw[SF_RRULE] = NULL;
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

static bool known_person(const person *p, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return true;
	return false;
}

void series_form_read(http_ctx *c, const person *people, size_t npeople, series_form *f, series *out)
{
	memset(f, 0, sizeof *f);
	memset(out, 0, sizeof *out);
	fields_check(c->a, &c->body, series_fields, SF__MAX, f->f);
	field_value *v = f->f;

	if (v[SF_TZID].value && !cal_zone_known(v[SF_TZID].value))
		v[SF_TZID].error = "series.zone_unknown";
	bool all_day = v[SF_ALL_DAY].on;
	const char *sd = v[SF_START_DATE].value;
	const char *st = v[SF_START_TIME].value ? v[SF_START_TIME].value : "09:00";
	const char *ed = v[SF_END_DATE].value ? v[SF_END_DATE].value : sd;
	const char *start = NULL, *end = NULL;
	if (sd && !v[SF_START_TIME].error && !v[SF_END_TIME].error && !v[SF_END_DATE].error) {
		if (all_day) {
			start = arena_printf(c->a, "%s 00:00:00", sd);
			end = arena_printf(c->a, "%s 00:00:00", add_days(c->a, ed, 1)); /* the last day shown is inclusive */
		} else {
			start = arena_printf(c->a, "%s %s:00", sd, st);
			if (v[SF_END_TIME].value) {
				end = arena_printf(c->a, "%s %s:00", ed, v[SF_END_TIME].value);
			} else { /* an hour, unless said otherwise */
				int h = atoi(st) + 1;
				end = h < 24 ? arena_printf(c->a, "%s %02d:%s:00", ed, h, st + 3)
				             : arena_printf(c->a, "%s 00:%s:00", add_days(c->a, ed, 1), st + 3);
			}
		}
		if (strcmp(end, start) <= 0)
			(v[SF_END_TIME].value ? &v[SF_END_TIME] : &v[SF_END_DATE])->error = "series.end_after_start";
	}

	f->rule = build_rule(c->a, f, sd, all_day, v[SF_TZID].value ? v[SF_TZID].value : "Asia/Baku");
	if (f->rule) {
		char err[200];
		if (cal_rrule_check(f->rule, err, sizeof err) != 0) {
			f->rule_err = arena_strdup(c->a, err);
			field_value *at = strcmp(v[SF_REPEAT].value ? v[SF_REPEAT].value : "", "custom") == 0 ? &v[SF_RRULE]
			                                                                                     : &v[SF_REPEAT];
			at->error = "series.rule_invalid";
		}
	}
	const char **rdates, **exdates;
	size_t nr, nx;
	if (read_times(c->a, v[SF_RDATES].value, &rdates, &nr) != 0)
		v[SF_RDATES].error = "series.times_invalid";
	if (read_times(c->a, v[SF_EXDATES].value, &exdates, &nx) != 0)
		v[SF_EXDATES].error = "series.times_invalid";

	/* attendee rows */
	const char *rows_text = form_get(&c->body, "attendee_rows");
	long n = rows_text && strspn(rows_text, "0123456789") == strlen(rows_text) && strlen(rows_text) < 4
	             ? strtol(rows_text, NULL, 10) : 0;
	if (n > SERIES_MAX_ATTENDEES)
		n = SERIES_MAX_ATTENDEES;
	f->rows = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *f->rows);
	attendee *att = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *att);
	for (long i = 0; i < n; i++) {
		attendee_row *r = &f->rows[f->nrows];
		field_value cell[5];
		bool any = false;
		for (int k = 0; k < 5; k++) {
			const char *name = arena_printf(c->a, "attendee_%ld_%s", i, attendee_cols[k].name);
			field_check(c->a, &attendee_cols[k], form_get(&c->body, name), &cell[k]);
			r->v[k] = cell[k].raw;
			r->err[k] = cell[k].error;
			if (k < 3)
				any |= cell[k].raw[0] != '\0';
		}
		if (!any)
			continue; /* a row with no one in it is not an attendee */
		if (cell[0].value && !known_person(people, npeople, cell[0].num) && !r->err[0])
			r->err[0] = "invalid.choice";
		if (!cell[0].value && (!cell[1].value || !cell[2].value)) {
			/* a group needs its name in both languages */
			if (!r->err[1] && !cell[1].value)
				r->err[1] = "series.group_name";
			if (!r->err[2] && !cell[2].value)
				r->err[2] = "series.group_name";
		}
		if (cell[0].value && (cell[1].value || cell[2].value) && !r->err[1])
			r->err[1] = "series.person_or_group";
		for (size_t j = 0; j < f->nrows; j++)
			if (cell[0].value && att[j].person_id == cell[0].num && !r->err[0])
				r->err[0] = "series.attendee_twice";
		att[f->nrows].person_id = cell[0].value ? cell[0].num : 0;
		att[f->nrows].name = (bitext){cell[1].value, cell[2].value};
		att[f->nrows].role = cell[3].value ? cell[3].value : "required";
		att[f->nrows].partstat = cell[4].value ? cell[4].value : "needs-action";
		f->nrows++;
	}

	for (int i = 0; i < SF__MAX; i++)
		f->invalid += v[i].error != NULL;
	for (size_t i = 0; i < f->nrows; i++)
		for (int k = 0; k < 5; k++)
			f->invalid += f->rows[i].err[k] != NULL;
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
	out->attendees = att;
	out->nattendees = f->nrows;
}

void series_form_grow(http_ctx *c, series_form *f)
{
	size_t n = f->nrows + 2 > SERIES_MAX_ATTENDEES ? SERIES_MAX_ATTENDEES : f->nrows + 2;
	attendee_row *rows = arena_alloc(c->a, (n ? n : 1) * sizeof *rows);
	if (f->nrows)
		memcpy(rows, f->rows, f->nrows * sizeof *rows);
	for (size_t i = f->nrows; i < n; i++)
		for (int k = 0; k < 5; k++)
			rows[i].v[k] = "";
	f->rows = rows;
	f->nrows = n;
}

static const char *joined(arena *a, const char *const *v, size_t n)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%.16s", i ? "\n" : "", v[i]); /* "YYYY-MM-DD HH:MM" */
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

void series_form_from(http_ctx *c, const series *s, series_form *f)
{
	memset(f, 0, sizeof *f);
	const char *raw[SF__MAX] = {0};
	raw[SF_KIND] = "meeting";
	raw[SF_TZID] = "Asia/Baku";
	raw[SF_STATUS] = "confirmed";
	raw[SF_START_TIME] = "10:00";
	raw[SF_END_TIME] = "11:00";
	rule_to_builder(c->a, s ? s->rrule : NULL, s && s->all_day, s ? s->tzid : "Asia/Baku", raw);
	if (s) {
		raw[SF_KIND] = s->kind;
		raw[SF_TITLE_EN] = s->title.en;
		raw[SF_TITLE_AZ] = s->title.az;
		raw[SF_DESC_EN] = s->description.en;
		raw[SF_DESC_AZ] = s->description.az;
		raw[SF_LOCATION] = s->location;
		raw[SF_LOCATION_URL] = s->location_url;
		raw[SF_TZID] = s->tzid;
		raw[SF_ALL_DAY] = s->all_day ? "t" : NULL;
		raw[SF_START_DATE] = arena_strndup(c->a, s->start_local, 10);
		raw[SF_START_TIME] = arena_strndup(c->a, s->start_local + 11, 5);
		raw[SF_END_DATE] = s->all_day ? add_days(c->a, s->end_local, -1) : arena_strndup(c->a, s->end_local, 10);
		raw[SF_END_TIME] = arena_strndup(c->a, s->end_local + 11, 5);
		raw[SF_STATUS] = s->status;
		raw[SF_RDATES] = joined(c->a, s->rdates, s->nrdates);
		raw[SF_EXDATES] = joined(c->a, s->exdates, s->nexdates);
		raw[SF_VERSION] = arena_printf(c->a, "%d", s->version);
	}
	for (int i = 0; i < SF__MAX; i++) {
		f->f[i].raw = raw[i] ? raw[i] : "";
		f->f[i].value = raw[i];
		f->f[i].on = series_fields[i].type == FIELD_CHECKBOX && raw[i] && *raw[i];
	}
	size_t n = s ? s->nattendees : 0;
	f->rows = arena_alloc(c->a, (n + 1) * sizeof *f->rows);
	for (size_t i = 0; i < n; i++) {
		const attendee *at = &s->attendees[i];
		attendee_row *r = &f->rows[i];
		r->v[0] = at->person_id ? arena_printf(c->a, "%lld", at->person_id) : "";
		r->v[1] = at->person_id ? "" : (at->name.en ? at->name.en : "");
		r->v[2] = at->person_id ? "" : (at->name.az ? at->name.az : "");
		r->v[3] = at->role;
		r->v[4] = at->partstat;
	}
	f->nrows = n;
	series_form_grow(c, f);
}
