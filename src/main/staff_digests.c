/* staff_digests.c - memocal-mailer's weekly staff digests: queued once per account and ISO week, built when sent. */
#include "main/staff_digests.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cal/week.h"
#include "mail/staff_digest.h"
#include "util/date.h"
#include "util/log.h"

static const char *pick(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en, *other = strcmp(lang, "az") == 0 ? t.en : t.az;
	return mine && *mine ? mine : other;
}

/* Today ("YYYY-MM-DD", 11 bytes) as a memorandum's life counts it: the day in DEFAULT_TZID, the zone of
 * LIFE_TODAY in store/stmt.c, so the digest and the home page agree on what is in its notice period. Asked
 * once and handed to every statement, so one message never straddles a midnight. */
static const char *today_of(long long now, char *day)
{
	char t[20];
	cal_format_local(cal_utc_to_local(now, DEFAULT_TZID), t);
	memcpy(day, t, 10);
	day[10] = '\0';
	return day;
}

int staff_digests_queue(store *db, const config *cfg)
{
	cal_week_window w;
	long long now = (long long)time(NULL);
	if (!cal_week_due(now, (int)cfg->mail_digest_weekday, (int)cfg->mail_digest_hour, cfg->mail_digest_zone, &w))
		return 0;
	arena a;
	arena_init(&a, 4096);
	char today[11];
	int n = store_outbox_staff_queue(db, &a, w.week, cfg->notice_months, today_of(now, today));
	arena_free(&a);
	if (n > 0)
		log_info("msg=\"staff digests queued\" week=%s count=%d", w.week, n);
	return n < 0 ? -1 : 0;
}

int staff_digests_build(store *db, view_set *views, const config *cfg, const outbox_message *m, buf *out, char *err,
                        size_t errlen)
{
	if (!m->staff_user_id) {
		snprintf(err, errlen, "the staff account was deleted before this was sent");
		return 1;
	}
	arena a;
	arena_init(&a, 65536);
	int rc = store_outbox_staff_wanted(db, &a, m->staff_user_id);
	if (rc == 0) {
		snprintf(err, errlen, "the account no longer wants the digest (no address, unticked or disabled)");
		rc = 1;
	} else if (rc > 0) {
		rc = 0;
	}
	long long now = (long long)time(NULL);
	char today[11];
	today_of(now, today);
	notice_memorandum *memos = NULL;
	overdue_action *acts = NULL;
	size_t nmemos = 0, nacts = 0;
	long long memos_total = 0, acts_total = 0;
	if (rc == 0 && (store_outbox_staff_memoranda(db, &a, cfg->notice_months, today, STAFF_DIGEST_MAX, &memos, &nmemos,
	                                             &memos_total) != 0 ||
	                store_outbox_staff_actions(db, &a, today, STAFF_DIGEST_MAX, &acts, &nacts, &acts_total) != 0))
		rc = -1;
	if (rc == 0 && nmemos + nacts == 0) {
		snprintf(err, errlen, "nothing left to say: no memorandum in its notice period and no overdue action by the time it was sent");
		rc = 1;
	}
	if (rc == 0) {
		staff_memo_item *mi = arena_alloc(&a, (nmemos ? nmemos : 1) * sizeof *mi);
		for (size_t i = 0; i < nmemos; i++)
			mi[i] = (staff_memo_item){pick(memos[i].title, m->lang), memos[i].valid_until, memos[i].days_left,
			                          memos[i].new_this_week, memos[i].id};
		staff_action_item *ai = arena_alloc(&a, (nacts ? nacts : 1) * sizeof *ai);
		for (size_t i = 0; i < nacts; i++) {
			const char *r = acts[i].recurrence_id;
			if (!r || strlen(r) != 19) /* NOT NULL, and to_char's shape: never, but never read past it */
				r = "0000-00-00 00:00:00";
			/* the record's page names its occurrence as "20260304T100000" (pages/records.c) */
			ai[i] = (staff_action_item){pick(acts[i].what, m->lang), acts[i].due_on, pick(acts[i].owner, m->lang),
			                            pick(acts[i].series_title, m->lang), arena_printf(&a, "%.10s", r),
			                            arena_printf(&a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record",
			                                         acts[i].series_id, r, r + 5, r + 8, r + 11, r + 14, r + 17)};
		}
		staff_digest_doc d = {mi, nmemos, memos_total, ai, nacts, acts_total, today, m->lang, m->recipient,
		                      m->recipient_name, cfg->mail_from, cfg->mail_from_name, m->message_key, cfg->base_url, now};
		if (mail_compose_staff_digest(views, &d, out, err, errlen) != 0)
			rc = 1;
	}
	arena_free(&a);
	return rc;
}
