/* rule_probe.c - the C side of the recurrence property tests (tests/integration/t76_rules.sh): a rule's
 * occurrences, and the meeting form's round trip, through memocal's own code.
 *
 *   rule_probe roundtrip   stdin: one series a line, tab-separated: index, tzid, all_day (0/1), start, end
 *                          ("YYYY-MM-DD HH:MM:SS", end exclusive), rule. For each, whether memocal accepts the
 *                          rule for a meeting (parsing, the configuration's default limits, the series check);
 *                          if it does, the form is filled from the series (series_form_from), sent back as a
 *                          browser sends it (every field as shown, a checkbox only when ticked) and read
 *                          (series_form_read), and the series that comes back must be the same, rule text and
 *                          all; then its first 500 starts before and after, which must agree.
 *                          stdout: index, "refused KEY", "ok builder" or "ok custom" (what the form showed), or
 *                          "changed WHAT", then the starts
 *                          (YYYYMMDDTHHMMSS, local wall time, space-separated; "cut" when the budget ended them)
 *   rule_probe expand      stdin: index, tzid, all_day, start, end, rule: the first 500 starts, as above
 *   rule_probe window      stdin: index, tzid, start, end, rule, from, to (UTC seconds): the starts (UTC seconds)
 *                          of the occurrences cal_expand, the agenda's expansion, gives in [from, to)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/expand.h"
#include "cal/recur.h"
#include "cal/rrule.h"
#include "cal/time.h"
#include "http/form.h"
#include "pages/app.h"
#include "pages/series_form.h"
#include "util/buf.h"
#include "util/config.h"

#define FIRST 500
/* what one probe may spend: enough for 500 starts of any rule memocal keeps */
#define PROBE_BUDGET 50000000L

static char *field(char **line)
{
	char *s = *line, *tab = s ? strchr(s, '\t') : NULL;
	if (tab) {
		*tab = '\0';
		*line = tab + 1;
	} else {
		*line = NULL;
	}
	return s;
}

/* The first FIRST starts of the rule from start, as "YYYYMMDDTHHMMSS ..." (and " cut" if the budget ran out). */
static const char *starts(arena *a, const char *rule, cal_local start, bool all_day, const char *tzid)
{
	long budget = PROBE_BUDGET;
	char err[200];
	cal_walk *w = cal_walk_new(rule, start, all_day, cal_zone_find(tzid), &budget, err, sizeof err);
	if (!w)
		return arena_printf(a, "error %s", err);
	buf b = BUF_INIT;
	cal_local t;
	int r = 0;
	for (int n = 0; n < FIRST && (r = cal_walk_next(w, &t, err, sizeof err)) == 1; n++)
		buf_printf(&b, "%s%04d%02d%02dT%02d%02d%02d", n ? " " : "", t.year, t.month, t.day, t.hour, t.minute, t.second);
	if (r < 0)
		buf_puts(&b, " cut");
	cal_walk_free(w);
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Appends name=value, percent-encoded, as a browser sends a form. */
static void put(buf *b, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	if (b->len)
		buf_putc(b, '&');
	for (int k = 0; k < 2; k++) {
		const unsigned char *s = (const unsigned char *)(k ? value : name);
		if (k)
			buf_putc(b, '=');
		for (; *s; s++)
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr("-_.~", *s))
				buf_putc(b, (char)*s);
			else
				buf_printf(b, "%%%c%c", hex[*s >> 4], hex[*s & 15]);
	}
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static bool same_list(const char *const *x, size_t nx, const char *const *y, size_t ny)
{
	if (nx != ny)
		return false;
	for (size_t i = 0; i < nx; i++)
		if (strcmp(x[i], y[i]) != 0)
			return false;
	return true;
}

/* The form round trip of s: NULL when what comes back is s, else what differs. *builder: whether the form showed
 * the plain-words builder (else the custom field). */
static const char *round_trip(http_ctx *c, const series *s, series *back, bool *builder)
{
	series_form shown;
	series_form_from(c, s, &shown);
	*builder = strcmp(shown.f[SF_REPEAT].raw, "custom") != 0;
	buf body = BUF_INIT;
	for (int i = 0; i < SF__MAX; i++) {
		if (series_fields[i].type == FIELD_CHECKBOX) {
			if (shown.f[i].on)
				put(&body, series_fields[i].name, "1");
		} else {
			put(&body, series_fields[i].name, shown.f[i].raw);
		}
	}
	put(&body, "attendee_rows", arena_printf(c->a, "%zu", shown.rows.n));
	for (size_t r = 0; r < shown.rows.n; r++)
		for (size_t k = 0; k < ATTENDEE__COLS; k++) {
			const rows_col *col = &series_attendees.cols[k];
			const char *v = rows_cell(&shown.rows, &series_attendees, r, k)->raw;
			/* a select without an empty choice sends its first */
			put(&body, arena_printf(c->a, "attendee_%zu_%s", r, col->def.name), *v ? v : col->fallback ? col->fallback : "");
		}
	put(&body, "action", "save");
	form_limits lim = {10000, 1 << 20};
	const char *bad = NULL;
	enum form_error fe = form_parse(c->a, buf_cstr(&body), body.len, &lim, &c->body, &bad);
	buf_free(&body);
	if (fe != FORM_OK)
		return "the form does not parse";
	series_form f;
	series_form_read(c, NULL, s, &f, back);
	if (f.invalid) {
		for (int i = 0; i < SF__MAX; i++)
			if (f.f[i].error)
				return arena_printf(c->a, "the form refuses %s (%s%s%s)", series_fields[i].name, f.f[i].error,
				                    f.rule_err ? ": " : "", f.rule_err ? f.rule_err : "");
		return "the form refuses an attendee row";
	}
	if (!same(back->rrule, s->rrule))
		return arena_printf(c->a, "the rule became %s (form: repeat=%s rrule=%s)", back->rrule ? back->rrule : "none",
		                    shown.f[SF_REPEAT].raw, shown.f[SF_RRULE].raw);
	if (!same(back->start_local, s->start_local) || !same(back->end_local, s->end_local))
		return arena_printf(c->a, "the times became %s .. %s", back->start_local, back->end_local);
	if (!same(back->tzid, s->tzid) || back->all_day != s->all_day)
		return "the zone or all-day changed";
	if (!same_list(back->rdates, back->nrdates, s->rdates, s->nrdates) ||
	    !same_list(back->exdates, back->nexdates, s->exdates, s->nexdates))
		return "the extra or skipped dates changed";
	if (!same(back->title.en, s->title.en) || !same(back->title.az, s->title.az) || !same(back->status, s->status) ||
	    !same(back->kind, s->kind) || back->nattendees != s->nattendees)
		return "a text or the attendees changed";
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (strcmp(mode, "roundtrip") != 0 && strcmp(mode, "expand") != 0 && strcmp(mode, "window") != 0) {
		fprintf(stderr, "usage: rule_probe roundtrip|expand|window < rows\n");
		return 2;
	}
	cal_init();
	config cfg;
	char err[300];
	if (config_load(&cfg, "/dev/null", err, sizeof err) != 0) { /* the defaults: the limits as shipped */
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	app ap;
	memset(&ap, 0, sizeof ap);
	ap.cfg = &cfg;
	arena a;
	arena_init(&a, 1 << 16);
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	while ((got = getline(&line, &cap, stdin)) > 0) {
		if (line[got - 1] == '\n')
			line[got - 1] = '\0';
		arena_reset(&a);
		char *rest = line;
		const char *index = field(&rest), *tzid = field(&rest);
		if (strcmp(mode, "window") == 0) {
			const char *st = field(&rest), *en = field(&rest), *rule = field(&rest), *from = field(&rest),
			           *to = field(&rest);
			cal_series s;
			memset(&s, 0, sizeof s);
			s.tzid = tzid;
			s.rrule = rule && *rule ? rule : NULL;
			if (!to || cal_parse_local(st, &s.start) != 0 || cal_parse_local(en, &s.end) != 0) {
				printf("%s\terror bad row\n", index);
				continue;
			}
			static cal_occurrence occ[5000];
			bool cut = false;
			long budget = 2000000; /* CAL_REQUEST_BUDGET */
			int n = cal_expand(&s, atoll(from), atoll(to), 5000, occ, &cut, &budget, err, sizeof err);
			printf("%s\t%s", index, n < 0 ? "error" : cut ? "cut" : "ok");
			for (int i = 0; i < n; i++)
				printf("%s%lld", i ? " " : "\t", occ[i].start_utc);
			printf("\n");
			continue;
		}
		const char *all_day = field(&rest), *st = field(&rest), *en = field(&rest), *rule = field(&rest);
		cal_local start;
		if (!rule || cal_parse_local(st, &start) != 0) {
			printf("%s\terror bad row\n", index);
			continue;
		}
		bool ad = all_day[0] == '1';
		if (strcmp(mode, "expand") == 0) {
			printf("%s\tok\t%s\n", index, starts(&a, rule, start, ad, tzid));
			continue;
		}
		cal_rule_problem why;
		const cal_rule *r = cal_rule_parse(&a, rule, &why);
		if (r && cal_rule_limits(r, cfg.max_occurrences_per_day, cfg.max_occurrences_per_year, &why) != 0)
			r = NULL;
		if (!r) {
			printf("%s\trefused %s\n", index, why.key);
			continue;
		}
		series s;
		memset(&s, 0, sizeof s);
		s.id = 1;
		s.kind = "meeting";
		s.title = (bitext){"Rule", "Qayda"};
		s.tzid = tzid;
		s.all_day = ad;
		s.start_local = st;
		s.end_local = en;
		s.rrule = rule;
		s.status = "confirmed";
		s.version = 1;
		cal_series cs;
		memset(&cs, 0, sizeof cs);
		cs.tzid = tzid;
		cs.all_day = ad;
		cs.rrule = rule;
		if (cal_parse_local(st, &cs.start) != 0 || cal_parse_local(en, &cs.end) != 0 ||
		    cal_series_check(&cs, err, sizeof err) != 0) {
			printf("%s\trefused series: %s\n", index, err);
			continue;
		}
		http_ctx c;
		memset(&c, 0, sizeof c);
		c.a = &a;
		c.app = &ap;
		c.lang = LANG_EN;
		series back;
		bool builder = false;
		const char *why_changed = round_trip(&c, &s, &back, &builder);
		const char *before = starts(&a, rule, start, ad, tzid);
		const char *after = back.rrule ? starts(&a, back.rrule, start, ad, tzid) : "";
		if (!why_changed && strcmp(before, after) != 0)
			why_changed = "the occurrences changed";
		printf("%s\t%s\t%s\n", index, why_changed ? arena_printf(&a, "changed %s", why_changed)
		                                           : builder ? "ok builder" : "ok custom",
		       before);
	}
	free(line);
	arena_free(&a);
	config_free(&cfg);
	cal_shutdown();
	return 0;
}
