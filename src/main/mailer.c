/* mailer.c - memocal-mailer: sends the mail outbox (migration 017) to attendees, and staff digests, over SMTP. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/schedule.h"
#include "cal/time.h"
#include "mail/compose.h"
#include "mail/smtp.h"
#include "main/digests.h"
#include "main/staff_digests.h"
#include "pages/occurrence_index.h"
#include "store/outbox.h"
#include "store/series.h"
#include "util/arena.h"
#include "util/config.h"
#include "util/log.h"
#include "util/secret.h"

#define MAIL_CHANNEL "memocal_mail" /* migration 017's mail_flush() notifies it at commit */
#define INDEX_PER_MINUTE 5000     /* series the occurrence index takes in per minute (about 2 s of work) */

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * How long a mailer may hold a message it took before another takes it back: the SMTP exchange's bound
 * twice, and a minute for the database. A mailer killed mid-send (or cut from the database before it
 * could write "sent") leaves its message in 'sending'; after the lease it is sent again. So a crash
 * between the server's acceptance and the state update repeats a message and never loses one.
 */
static long lease_of(const config *cfg)
{
	/* never shorter than the exchange itself: a slow send is not a dead mailer */
	if (cfg->mail_lease > 0)
		return cfg->mail_lease > cfg->smtp_timeout ? cfg->mail_lease : cfg->smtp_timeout + 1;
	return 2 * cfg->smtp_timeout + 60;
}

/* The series a CANCEL speaks of, from what the outbox kept (the series may be gone). */
static void from_snapshot(const outbox_message *m, series *s)
{
	memset(s, 0, sizeof *s);
	s->uid = m->uid;
	s->sequence = m->sequence;
	s->title.en = m->title_en;
	s->title.az = m->title_az;
	s->tzid = m->tzid ? m->tzid : "UTC";
	s->start_local = m->start_local;
	s->end_local = m->end_local;
	s->all_day = m->all_day;
	s->rrule = m->rrule;
	s->status = "cancelled";
	s->kind = "meeting";
	/* DTSTAMP and LAST-MODIFIED: the cancellation's own moment (RFC 5546 orders a UID's messages by it) */
	s->updated_at = m->queued_at;
	s->created_at = m->series_created_at;
}

/* Builds and sends one taken message, then records how it went. -1 when the database could not be told
 * (the message stays 'sending' until its lease ends: it will be sent again). */
static int deliver(store *db, arena *a, view_set *views, const config *cfg, const smtp_options *so,
                   const outbox_message *m)
{
	series s;
	char err[512] = "";
	bool reminder = strcmp(m->method, "REMINDER") == 0;
	buf msg = BUF_INIT;
	bool staff = strcmp(m->method, "STAFF") == 0;
	if (staff || strcmp(m->method, "DIGEST") == 0) {
		int built = staff ? staff_digests_build(db, views, cfg, m, &msg, err, sizeof err)
		                  : digests_build(db, views, cfg, m, &msg, err, sizeof err);
		if (built != 0) {
			buf_free(&msg);
			if (built > 0)
				log_info("msg=\"digest not sent\" id=%lld cause=\"%s\"", m->id, err);
			/* the database could not be asked: the lease brings it back */
			return built > 0 ? store_outbox_failed(db, a, m->id, err) : -1;
		}
		goto send;
	}
	if (strcmp(m->method, "REQUEST") == 0 || reminder) {
		int found = store_series_get(db, a, m->series_id, &s);
		if (found < 0)
			return -1;
		if (found == 0 || strcmp(s.status, "cancelled") == 0) {
			/* gone or cancelled since: its cancellation is queued behind it */
			log_info("msg=\"invitation not sent: the series is gone or cancelled\" id=%lld", m->id);
			return store_outbox_failed(db, a, m->id, "the meeting was deleted or cancelled before this was sent");
		}
	} else {
		if (!m->uid || !m->start_local || !m->end_local)
			return store_outbox_failed(db, a, m->id, "the cancelled meeting was not kept with the message");
		from_snapshot(m, &s);
		s.id = m->series_id;
	}
	/* one occurrence cancelled after it had been moved: the mail names the time it had (the iTIP part keeps its
	 * RECURRENCE-ID, the original one) */
	const char *when = reminder ? m->start_local : NULL;
	series live;
	if (!reminder && m->recurrence_id && strcmp(m->method, "CANCEL") == 0 &&
	    store_series_get(db, a, m->series_id, &live) > 0)
		for (size_t i = 0; i < live.noverrides; i++)
			if (live.overrides[i].start_local && strncmp(live.overrides[i].recurrence_id, m->recurrence_id, 16) == 0)
				when = live.overrides[i].start_local;
	compose_doc d = {&s, m->method, m->recurrence_id, when, m->lang, m->recipient,
	                 m->recipient_name, cfg->mail_from, cfg->mail_from_name, m->message_key, cfg->base_url,
	                 (long long)time(NULL)};
	if (mail_compose(views, &d, &msg, err, sizeof err) != 0) {
		buf_free(&msg);
		log_error("msg=\"message cannot be built\" id=%lld cause=\"%s\"", m->id, err);
		return store_outbox_failed(db, a, m->id, err);
	}
send:;
	char why[512];
	enum smtp_result r = smtp_send(so, cfg->mail_from, m->recipient, buf_cstr(&msg), msg.len, why, sizeof why);
	buf_free(&msg);
	int rc;
	bool given_up = false;
	switch (r) {
	case SMTP_SENT:
		log_info("msg=\"sent\" id=%lld method=%s", m->id, m->method);
		/* the server has it: telling the database must not be lost to a reconnect (store_exec retries
		 * only reads), so it is tried until it works or the lease would end */
		for (int i = 0; (rc = store_outbox_sent(db, a, m->id)) != 0 && i < 10 && !stopping; i++) {
			struct timespec t = {1, 0};
			nanosleep(&t, NULL);
		}
		return rc;
	case SMTP_PERMANENT:
		log_warn("msg=\"refused for good\" id=%lld answer=\"%s\"", m->id, why);
		return store_outbox_failed(db, a, m->id, why);
	case SMTP_TEMPORARY:
	default:
		rc = store_outbox_retry(db, a, m->id, why, cfg->mail_retry, cfg->mail_give_up, &given_up);
		log_warn("msg=\"%s\" id=%lld answer=\"%s\"", given_up ? "given up" : "refused for now, will retry", m->id, why);
		return rc;
	}
}

/* Takes in the notifications libpq already holds: true when there was one. */
static bool drain(PGconn *conn)
{
	bool any = false;
	PGnotify *n;
	PQconsumeInput(conn);
	while ((n = PQnotifies(conn))) {
		PQfreemem(n);
		any = true;
	}
	return any;
}

/*
 * Queues a reminder for every occurrence that starts within mail_reminder seconds, to each attendee who
 * wants every change. Each is keyed by series, occurrence and person (STMT_MAIL_REMIND), so looking again a
 * minute later, after a restart, or from a second mailer queues nothing twice. An occurrence moved keeps
 * its key (its original start); a cancelled one gets none. -1 when the database could not be asked.
 */
static int queue_reminders(store *db, const config *cfg)
{
	arena a;
	arena_init(&a, 65536);
	series_filter all = {0, 0, 0};
	series *list;
	size_t n, nocc = 0;
	occurrence *occ;
	bool cut = false;
	long budget = CAL_REQUEST_BUDGET;
	long long now = (long long)time(NULL);
	int rc = store_series_list(db, &a, &all, &list, &n);
	if (rc == 0)
		rc = schedule_expand(&a, list, n, now, now + cfg->mail_reminder, 1000, 100000, &occ, &nocc, &cut, &budget);
	int queued = 0;
	for (size_t i = 0; rc == 0 && i < nocc; i++) {
		if (occ[i].cancelled || occ[i].start_utc < now || occ[i].series->nattendees == 0)
			continue; /* under way already: a reminder now would be no reminder */
		char start[20];
		cal_format_local(occ[i].start, start);
		int k = store_outbox_remind(db, &a, occ[i].series->id, occ[i].recurrence_id, start);
		if (k < 0)
			rc = -1;
		else
			queued += k;
	}
	if (cut)
		log_warn("msg=\"reminders: too many occurrences in the window; the rest on the next look\"");
	if (queued)
		log_info("msg=\"reminders queued\" count=%d", queued);
	arena_free(&a);
	return rc;
}

/* Waits for a notification on the connection, or at most ms: true when a notification came (a change
 * committed, which may also have brought an occurrence within the reminder window). */
static bool wait_for_work(store *db, long ms)
{
	if (ms <= 0)
		return false;
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
		nanosleep(&t, NULL);
		return false;
	}
	/* a notification that came with the answer to the last query is in libpq's buffer, not on the
	 * socket: poll() would not see it */
	if (drain(db->conn))
		return true;
	struct pollfd p = {PQsocket(db->conn), POLLIN, 0};
	return poll(&p, 1, (int)ms) > 0 && drain(db->conn);
}

static void usage(void)
{
	fprintf(stderr, "usage: memocal-mailer [--config FILE] [--once]\n"
	                "  --once  send what is due now, then end (for cron and tests)\n");
}

int main(int argc, char **argv)
{
	const char *config_path = NULL;
	bool once = false;
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'}, {"once", no_argument, NULL, '1'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (o) {
		case 'c': config_path = optarg; break;
		case '1': once = true; break;
		default: usage(); return o == 'h' ? 0 : 2;
		}
	}
	config cfg;
	char err[512];
	if (config_load(&cfg, config_path, err, sizeof err) != 0) {
		fprintf(stderr, "memocal-mailer: %s\n", err);
		return 2;
	}
	log_threshold = (enum log_level)log_level_parse(cfg.log_level);
	bool tls_none = strcmp(cfg.smtp_tls, "none") == 0;
	if (!tls_none && strcmp(cfg.smtp_tls, "required") != 0) {
		fprintf(stderr, "memocal-mailer: smtp_tls: required or none, not \"%s\"\n", cfg.smtp_tls);
		config_free(&cfg);
		return 2;
	}
	cal_init();
	view_set *views = view_load(cfg.template_dir, err, sizeof err);
	if (secret_init() != 0 || smtp_global_init() != 0 || !views) {
		fprintf(stderr, "memocal-mailer: cannot start: %s\n", views ? "libsodium or libcurl" : err);
		config_free(&cfg);
		return 1;
	}
	struct sigaction sa = {0};
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	store db;
	store_options so = {
		.dsn = *cfg.mail_dsn ? cfg.mail_dsn : cfg.web_dsn,
		.app_name = "memocal-mailer",
		.statement_timeout_ms = cfg.statement_timeout,
		.lock_timeout_ms = cfg.lock_timeout,
		.wait_ms = cfg.db_timeout,
	};
	store_init(&db, &so);
	store_listen(&db, MAIL_CHANNEL);
	smtp_options smtp = {cfg.smtp_url, cfg.smtp_user, cfg.smtp_password, !tls_none, cfg.smtp_timeout};
	long lease = lease_of(&cfg);
	log_info("msg=\"mailer started\" smtp=\"%s\" tls=%s", cfg.smtp_url, tls_none ? "none" : "required");
	arena a;
	arena_init(&a, 16384);
	time_t looked = 0;    /* when reminders were last looked for */
	time_t indexed = 0;   /* when the occurrence index was last written */
	bool changed = false; /* a change was notified since */
	/* reminders and weekly digests are looked for in the same rhythm */
	bool looks = cfg.mail_reminder > 0 || cfg.mail_digest_weekday > 0;
	while (!stopping) {
		arena_reset(&a);
		/* reminders: once a minute, and sooner after a change (but not more than every 10 s: each look
		 * reads every series) */
		if (looks && time(NULL) - looked >= (changed ? 10 : 60)) {
			changed = false;
			if ((cfg.mail_reminder <= 0 || queue_reminders(&db, &cfg) == 0) &&
			    (cfg.mail_digest_weekday <= 0 || (digests_queue(&db, &cfg) == 0 && staff_digests_queue(&db, &cfg) == 0)))
				looked = time(NULL);
		}
		/* the occurrence index (migration 030): its horizon rolled when the month moves, and the series
		 * waiting for it written, a bounded number per minute so that mail is never held up for long */
		if (time(NULL) - indexed >= 60) {
			if (occurrence_index_roll(&db, &a, (long long)time(NULL)) >= 0)
				occurrence_index_pending(&db, INDEX_PER_MINUTE);
			indexed = time(NULL);
		}
		/* takes in notifications already there; a link found dead is made again by the next statement,
		 * which LISTENs again (store_listen) */
		store_listen_epoch(&db);
		outbox_message m;
		int got = store_outbox_reclaim(&db, &a, lease) == 0 ? store_outbox_claim(&db, &a, &m) : -1;
		if (got == 1) {
			deliver(&db, &a, views, &cfg, &smtp, &m);
			continue;
		}
		if (once && got == 0)
			break;
		double seconds = 60;
		bool none = true;
		if (got < 0 || store_outbox_wait(&db, &a, lease, &seconds, &none) != 0) {
			seconds = 1; /* the database is away: try again in a second */
			none = false;
		}
		/* a notification wakes it at once; the wait is only for retries and leases coming due */
		long ms = none || seconds > 60 ? 60000 : (long)(seconds * 1000) + 10;
		if (looks) { /* and not past the next look for reminders and digests */
			long next = ((changed ? 10 : 60) - (long)(time(NULL) - looked)) * 1000;
			ms = next < 10 ? 10 : next < ms ? next : ms;
		}
		if (wait_for_work(&db, ms))
			changed = true; /* a change: look for reminders again soon */
	}
	log_info("msg=\"mailer stopped\"");
	arena_free(&a);
	store_close(&db);
	view_free(views);
	config_free(&cfg);
	return 0;
}
