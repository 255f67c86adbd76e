/* compose.c - one attendee's invitation or cancellation: texts from the templates, the iTIP calendar, MIME. */
#include "mail/compose.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/itip.h"
#include "cal/recur.h"
#include "cal/time.h"
#include "mail/mime.h"
#include "util/arena.h"

#define CHANGES_SHOWN 10 /* single dates changed that an invitation lists in words (its calendar part has them all) */

/* The single dates of the series changed from today on (its zone), for the words: "YYYY-MM-DD HH:MM" of the
 * date as planned, and of its new start when moved (NULL when cancelled). */
typedef struct change_line {
	char was[17], now[17];
	bool cancelled;
} change_line;

static size_t changes_of(const compose_doc *d, change_line *out)
{
	const series *s = d->series;
	char today[20];
	cal_format_local(cal_utc_to_local(d->now, s->tzid), today);
	size_t n = 0;
	for (size_t i = 0; i < s->noverrides && n < CHANGES_SHOWN; i++) {
		const series_override *o = &s->overrides[i];
		bool moved = o->start_local && strlen(o->start_local) >= 16;
		if ((!o->cancelled && !moved) || !o->recurrence_id || strlen(o->recurrence_id) < 16)
			continue;
		/* past both as planned and as moved: nothing to tell */
		if (strncmp(o->recurrence_id, today, 10) < 0 && (!moved || strncmp(o->start_local, today, 10) < 0))
			continue;
		change_line *c = &out[n++];
		snprintf(c->was, sizeof c->was, "%.16s", o->recurrence_id);
		snprintf(c->now, sizeof c->now, "%.16s", moved && !o->cancelled ? o->start_local : "");
		c->cancelled = o->cancelled;
		if (s->all_day) { /* dates only */
			c->was[10] = '\0';
			c->now[c->now[0] ? 10 : 0] = '\0';
		}
	}
	return n;
}

/* "15 December 2026" / "15 dekabr 2026": a "YYYY-MM-DD…" date as the pages' date filter writes it */
static void words_date(view_set *v, const char *lang, const char *date, buf *out)
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	char key[16];
	snprintf(key, sizeof key, "month.%d", m >= 1 && m <= 12 ? m : 1);
	buf_printf(out, "%d %s %d", d, view_msg(v, lang, key), y);
}

/* When the meeting is, in words: "15 December 2026, 10:00–11:30 (Asia/Baku)", a day across midnight with its
 * end date, an all-day one "20 March 2027 – 22 March 2027 (all day)", with no zone (its days are the same
 * everywhere). start: the occurrence's start; its end is as far after it as the series' end is after its own. */
static void when_words(view_set *v, const char *lang, const series *s, const char *start, buf *out)
{
	cal_local st, s0, e0;
	if (!start || cal_parse_local(start, &st) != 0) {
		buf_puts(out, start ? start : "");
		return;
	}
	long long len = cal_parse_local(s->start_local, &s0) == 0 && cal_parse_local(s->end_local, &e0) == 0
	                    ? cal_local_wall(e0) - cal_local_wall(s0)
	                    : 0;
	cal_local en = cal_wall_local(cal_local_wall(st) + (len > 0 ? len : 0));
	char a[20], b[20];
	cal_format_local(st, a);
	if (s->all_day) {
		words_date(v, lang, a, out);
		cal_local last = cal_local_add_days(en, -1);
		cal_format_local(last, b);
		if (len > 86400) {
			buf_puts(out, " – ");
			words_date(v, lang, b, out);
		}
		buf_printf(out, " (%s)", view_msg(v, lang, "series.all_day_short"));
		return;
	}
	cal_format_local(en, b);
	words_date(v, lang, a, out);
	buf_printf(out, ", %02d:%02d–", st.hour, st.minute);
	if (strncmp(a, b, 10) != 0) {
		words_date(v, lang, b, out);
		buf_putc(out, ' ');
	}
	buf_printf(out, "%02d:%02d (%s)", en.hour, en.minute, s->tzid);
}

static const char *pick(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en, *other = strcmp(lang, "az") == 0 ? t.en : t.az;
	return mine && *mine ? mine : other;
}

/* The text/plain part: the same facts as the HTML template, one a line, from the same catalogue. */
static void plain_text(view_set *v, const compose_doc *d, const char *intro, const char *title, const char *when,
                       const char *rule_words, const char *description, const change_line *changes, size_t nchanges,
                       buf *out)
{
	const series *s = d->series;
	buf_printf(out, "%s\n\n%s\n\n%s: %s\n", intro, title, view_msg(v, d->lang, "mail.when"), when);
	if (rule_words)
		buf_printf(out, "%s: %s\n", view_msg(v, d->lang, "mail.repeats_how"), rule_words);
	if (s->location && *s->location)
		buf_printf(out, "%s: %s\n", view_msg(v, d->lang, "mail.where"), s->location);
	if (s->location_url && *s->location_url)
		buf_printf(out, "%s: %s\n", view_msg(v, d->lang, "mail.link"), s->location_url);
	if (description && *description)
		buf_printf(out, "\n%s\n", description);
	if (nchanges)
		buf_printf(out, "\n%s:\n", view_msg(v, d->lang, "mail.changes"));
	for (size_t i = 0; i < nchanges; i++)
		if (changes[i].cancelled)
			buf_printf(out, "- %s: %s\n", changes[i].was, view_msg(v, d->lang, "mail.digest_cancelled"));
		else
			buf_printf(out, "- %s %s %s\n", changes[i].was, view_msg(v, d->lang, "mail.moved_to"), changes[i].now);
	if (s->id)
		buf_printf(out, "\n%s: %s/series/%lld\n", view_msg(v, d->lang, "mail.open"), d->base_url, s->id);
	buf_printf(out, "\n-- \n%s\n", view_msg(v, d->lang, "mail.footer"));
}

int mail_compose(view_set *views, const compose_doc *d, buf *out, char *err, size_t errlen)
{
	const series *s = d->series;
	bool cancel = strcmp(d->method, "CANCEL") == 0, reminder = strcmp(d->method, "REMINDER") == 0;
	itip_doc it = {d->method, s, d->recurrence_id, d->lang, d->base_url, view_msg(views, d->lang, "feed.online"),
	               d->from, d->from_name, d->recipient, d->recipient_name};
	size_t ics_len = 0;
	/* a reminder is a plain message: the event is in their calendar already, from the invitation */
	char *ics = reminder ? NULL : cal_itip_build(&it, &ics_len, err, errlen);
	if (!ics && !reminder)
		return -1;
	const char *title = pick(s->title, d->lang), *description = pick(s->description, d->lang);
	/* when: the occurrence cancelled, else the series' first start, in its own zone */
	const char *start = d->when ? d->when : d->recurrence_id ? d->recurrence_id : s->start_local;
	char date[11] = "", time[6] = "";
	if (start && strlen(start) >= 16) {
		memcpy(date, start, 10);
		if (!s->all_day)
			memcpy(time, start + 11, 5);
	}
	buf when = BUF_INIT;
	when_words(views, d->lang, s, start, &when);
	arena a;
	arena_init(&a, 4096);
	/* how it repeats, in words, where the message is of the series (not of one occurrence, nor a reminder) */
	const char *rule_words = NULL;
	cal_local first;
	const cal_rule *rule = s->rrule && !reminder && !d->recurrence_id ? cal_rule_parse(&a, s->rrule, NULL) : NULL;
	if (rule && cal_parse_local(s->start_local, &first) == 0)
		rule_words = cal_rule_describe(&a, rule, first, s->all_day, s->tzid, d->lang);
	/* a request for a series changed since it was made (SEQUENCE above 0) says it is an update, not a new invitation */
	bool update = !cancel && !reminder && s->sequence > 0;
	const char *intro = view_msg(views, d->lang, reminder ? "mail.reminder_intro" : update ? "mail.update_intro"
	                                             : !cancel ? "mail.request_intro"
	                                             : d->recurrence_id ? "mail.cancel_one_intro" : "mail.cancel_intro");
	buf subject = BUF_INIT, text = BUF_INIT, html = BUF_INIT, page = BUF_INIT, mid = BUF_INIT;
	buf_printf(&subject, "%s: %s", view_msg(views, d->lang, reminder ? "mail.subject.reminder"
	                                                      : cancel ? "mail.subject.cancel"
	                                                      : update ? "mail.subject.update" : "mail.subject.request"),
	           title ? title : "");
	if (d->recurrence_id && strlen(d->recurrence_id) >= 10) { /* one occurrence: which one, in the subject too */
		buf_puts(&subject, ", ");
		words_date(views, d->lang, d->when && strlen(d->when) >= 10 ? d->when : d->recurrence_id, &subject);
	}
	if (s->id)
		buf_printf(&page, "%s/series/%lld", d->base_url, s->id);
	view_value *scope = view_map_new(&a);
	view_put_str(scope, "lang", d->lang);
	view_put_str(scope, "subject", buf_cstr(&subject));
	view_put_bool(scope, "cancel", cancel);
	view_put_bool(scope, "reminder", reminder);
	view_put_bool(scope, "update", update);
	view_put_bool(scope, "occurrence", d->recurrence_id != NULL);
	view_put_str(scope, "title", title);
	view_put_str(scope, "when_date", date);
	view_put_str(scope, "when_time", time);
	view_put_str(scope, "tzid", s->tzid);
	view_put_str(scope, "when", buf_cstr(&when));
	view_put_str(scope, "rule_words", rule_words);
	view_put_str(scope, "location", s->location);
	view_put_str(scope, "link", s->location_url);
	view_put_str(scope, "description", description);
	if (s->id)
		view_put_str(scope, "page", buf_cstr(&page));
	/* an invitation names the single dates changed from now on, in words: the moved one is not where the rule
	 * puts it (its calendar part says so to calendar programs; a person reading the mail learns it here) */
	change_line changes[CHANGES_SHOWN];
	size_t nchanges = !cancel && !reminder ? changes_of(d, changes) : 0;
	view_value *cl = view_put_list(scope, "changes");
	for (size_t i = 0; i < nchanges; i++) {
		view_value *m = view_push_map(cl);
		view_put_str(m, "was_date", arena_strndup(&a, changes[i].was, 10));
		view_put_str(m, "was_time", changes[i].was[10] ? changes[i].was + 11 : NULL);
		view_put_bool(m, "cancelled", changes[i].cancelled);
		view_put_str(m, "now_date", changes[i].now[0] ? arena_strndup(&a, changes[i].now, 10) : NULL);
		view_put_str(m, "now_time", changes[i].now[0] && changes[i].now[10] ? changes[i].now + 11 : NULL);
	}
	int rc = view_render(views, "mail/message", scope, d->lang, &html);
	if (rc != 0)
		snprintf(err, errlen, "no template mail/message");
	plain_text(views, d, intro, title ? title : "", buf_cstr(&when), rule_words, description, changes, nchanges, &text);
	const char *at = strrchr(d->from, '@');
	buf_printf(&mid, "<%s@%s>", d->message_key, at && at[1] ? at + 1 : "memocal.invalid");
	mail_message m = {d->from, d->from_name, d->recipient, d->recipient_name, buf_cstr(&subject), buf_cstr(&mid),
	                  d->now, buf_cstr(&text), buf_cstr(&html), ics, ics_len, d->method};
	if (rc == 0 && (rc = mail_message_build(&m, out)) != 0)
		snprintf(err, errlen, "an address cannot go in a header");
	arena_free(&a);
	buf_free(&subject);
	buf_free(&when);
	buf_free(&text);
	buf_free(&html);
	buf_free(&page);
	buf_free(&mid);
	free(ics);
	return rc;
}
