/* digests.c - memocal-mailer's weekly digests: queued once per person and ISO week, built when sent. */
#include "main/digests.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "cal/week.h"
#include "mail/digest.h"
#include "store/groups.h"
#include "store/series.h"
#include "util/log.h"

#define DIGEST_MAX 200 /* meetings listed in one digest; the rest are said to exist */
#define DIGEST_ACTIONS_MAX 50 /* open action items listed in one digest; the same */

static const char *pick(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en, *other = strcmp(lang, "az") == 0 ? t.en : t.az;
	return mine && *mine ? mine : other;
}

/* Whether the series is one of theirs (store_person_attends: as themselves or through a group). */
static bool attends(const series *s, const long long *mine, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (mine[i] == s->id)
			return true;
	return false;
}

/*
 * The person's meetings in [from, to): occurrences of the series they attend, themselves or in a group (not those of memoranda they
 * are only a member of), exceptions applied, cancelled ones kept (and marked), cancelled series left out.
 * Arena memory. -1 when the database could not be asked.
 */
static int collect(store *db, arena *a, long long person_id, long long from, long long to, const char *lang,
                   digest_item **out, size_t *n, bool *cut)
{
	series_filter f = {0, 0, person_id};
	series *all;
	size_t nall, nocc = 0, kept = 0;
	occurrence *occ;
	long budget = CAL_REQUEST_BUDGET;
	*n = 0;
	*cut = false;
	long long *attended;
	size_t nattended;
	if (store_series_list(db, a, &f, &all, &nall) != 0 || store_person_attends(db, a, person_id, &attended, &nattended) != 0)
		return -1;
	series *mine = arena_alloc(a, (nall ? nall : 1) * sizeof *mine);
	for (size_t i = 0; i < nall; i++)
		if (attends(&all[i], attended, nattended) && strcmp(all[i].status, "cancelled") != 0)
			mine[kept++] = all[i];
	if (schedule_expand(a, mine, kept, from, to, DIGEST_MAX, DIGEST_MAX + 1, &occ, &nocc, cut, &budget) != 0)
		return -1;
	if (nocc > DIGEST_MAX) {
		nocc = DIGEST_MAX;
		*cut = true;
	}
	digest_item *items = arena_alloc(a, (nocc ? nocc : 1) * sizeof *items);
	for (size_t i = 0; i < nocc; i++) {
		const occurrence *o = &occ[i];
		digest_item *it = &items[i];
		char start[20];
		cal_format_local(o->start, start);
		memcpy(it->date, start, 10);
		if (!o->series->all_day)
			memcpy(it->time, start + 11, 5);
		it->tzid = o->series->tzid;
		it->title = pick(o->series->title, lang);
		it->location = o->series->location;
		it->series_id = o->series->id;
		it->cancelled = o->cancelled;
		it->moved = o->override && o->override->start_local && o->recurrence_id &&
		            strncmp(o->recurrence_id, start, 16) != 0;
		if (it->moved) {
			memcpy(it->was_date, o->recurrence_id, 10);
			if (!o->series->all_day)
				memcpy(it->was_time, o->recurrence_id + 11, 5);
		}
	}
	*out = items;
	*n = nocc;
	return 0;
}

/* The person's open action items, in lang; overdue when due before first_day ("YYYY-MM-DD", the digest
 * week's first day in mail_digest_zone). -1 when the database could not be asked. */
static int collect_actions(store *db, arena *a, long long person_id, const char *lang, const char *first_day,
                           digest_action **out, size_t *n, bool *cut)
{
	open_action *rows;
	if (store_outbox_digest_actions(db, a, person_id, DIGEST_ACTIONS_MAX, &rows, n, cut) != 0)
		return -1;
	digest_action *acts = arena_alloc(a, (*n ? *n : 1) * sizeof *acts);
	for (size_t i = 0; i < *n; i++) {
		acts[i] = (digest_action){pick(rows[i].what, lang), rows[i].due_on,
		                          rows[i].due_on && strcmp(rows[i].due_on, first_day) < 0,
		                          pick(rows[i].series_title, lang), rows[i].meeting_on, rows[i].series_id};
	}
	*out = acts;
	return 0;
}

/* "YYYY-MM-DD" of utc in zone, in day (11 bytes) */
static const char *day_in(long long utc, const char *zone, char *day)
{
	char t[20];
	cal_format_local(cal_utc_to_local(utc, zone), t);
	memcpy(day, t, 10);
	day[10] = '\0';
	return day;
}

int digests_queue(store *db, const config *cfg)
{
	cal_week_window w;
	long long now = (long long)time(NULL);
	if (!cal_week_due(now, (int)cfg->mail_digest_weekday, (int)cfg->mail_digest_hour, cfg->mail_digest_zone, &w))
		return 0;
	arena a;
	arena_init(&a, 65536);
	long long *people;
	size_t n;
	int rc = store_outbox_digest_due(db, &a, w.week, &people, &n), queued = 0;
	char from[20], to[20];
	cal_format_local(cal_utc_to_local(w.from_utc, "UTC"), from);
	cal_format_local(cal_utc_to_local(w.to_utc, "UTC"), to);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		arena each;
		arena_init(&each, 65536);
		digest_item *items;
		digest_action *acts = NULL;
		size_t nitems, nacts = 0;
		bool cut, acts_cut;
		char first_day[11];
		rc = collect(db, &each, people[i], w.from_utc, w.to_utc, "en", &items, &nitems, &cut);
		if (rc == 0 && nitems == 0)
			rc = collect_actions(db, &each, people[i], "en", day_in(w.from_utc, cfg->mail_digest_zone, first_day),
			                     &acts, &nacts, &acts_cut);
		if (rc == 0 && nitems + nacts > 0) { /* nothing to say: no message */
			int k = store_outbox_digest(db, &each, people[i], w.week, from, to);
			if (k < 0)
				rc = -1;
			else
				queued += k;
		}
		arena_free(&each);
	}
	if (queued)
		log_info("msg=\"weekly digests queued\" week=%s count=%d", w.week, queued);
	arena_free(&a);
	return rc;
}

int digests_build(store *db, view_set *views, const config *cfg, const outbox_message *m, buf *out, char *err,
                  size_t errlen)
{
	cal_local f, t;
	if (!m->person_id || !m->start_local || !m->end_local || cal_parse_local(m->start_local, &f) != 0 ||
	    cal_parse_local(m->end_local, &t) != 0) {
		snprintf(err, errlen, "the digest's person or week was not kept with the message");
		return 1;
	}
	long long from = cal_local_to_utc(f, "UTC"), to = cal_local_to_utc(t, "UTC");
	arena a;
	arena_init(&a, 65536);
	digest_item *items;
	size_t n;
	bool cut;
	digest_action *acts = NULL;
	size_t nacts = 0;
	bool acts_cut = false;
	char first_day[11];
	int rc = collect(db, &a, m->person_id, from, to, m->lang, &items, &n, &cut);
	if (rc == 0)
		rc = collect_actions(db, &a, m->person_id, m->lang, day_in(from, cfg->mail_digest_zone, first_day), &acts,
		                     &nacts, &acts_cut);
	if (rc == 0 && n + nacts == 0) {
		snprintf(err, errlen, "nothing left to say: the week's meetings and open actions were gone before this was sent");
		rc = 1;
	}
	if (rc == 0) {
		/* the week as its reader counts it: the first and the last day, in mail_digest_zone */
		char first[20], last[20];
		cal_format_local(cal_utc_to_local(from, cfg->mail_digest_zone), first);
		cal_format_local(cal_utc_to_local(to - 1, cfg->mail_digest_zone), last);
		first[10] = last[10] = '\0';
		digest_doc d = {items, n, acts, nacts, acts_cut, cut, first, last, m->lang, m->recipient, m->recipient_name, cfg->mail_from,
		                cfg->mail_from_name, m->message_key, cfg->base_url, (long long)time(NULL)};
		if (mail_compose_digest(views, &d, out, err, errlen) != 0)
			rc = 1;
	}
	arena_free(&a);
	return rc;
}
