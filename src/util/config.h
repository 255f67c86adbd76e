/* config.h - the one configuration file (key = value) with environment overrides. */
#ifndef MEMOCAL_CONFIG_H
#define MEMOCAL_CONFIG_H

#include <stddef.h>

/*
 * Every key, its type and default live in the table in config.c; this struct
 * is what the programs read. Strings are owned by the config (config_free).
 */
typedef struct config {
	char *web_dsn;        /* read-write role, memocal-web */
	char *feed_dsn;       /* SELECT-only role, memocal-feed; may name a replica */
	char *admin_dsn;      /* schema owner, memocal migrate/seed */
	char *web_listen;     /* HOST:PORT, [V6]:PORT or unix:/path; empty = inherit */
	char *feed_listen;
	long web_workers;
	long feed_workers;
	char *base_url;       /* public URL used in feed links */
	char *template_dir;
	char *static_dir;
	char *db_dir;         /* migrations/ and seed/ */
	long session_lifetime;   /* seconds */
	long max_body;           /* bytes of a request body */
	long max_fields;         /* form fields per request */
	long max_field_len;      /* bytes of one decoded field */
	long statement_timeout;  /* milliseconds, set on every database session */
	long lock_timeout;       /* milliseconds, likewise */
	long db_timeout;         /* milliseconds: the longest a worker waits on the database for one answer */
	long request_read_timeout; /* seconds: the longest a worker waits for a request's params and body */
	long max_occurrences_per_day;  /* the most one series may put in a day, and in a year (README) */
	long max_occurrences_per_year;
	long feed_past_days;
	long feed_cancelled_days; /* how long a cancelled series stays in feeds as CANCELLED */
	long feed_refresh_minutes; /* REFRESH-INTERVAL and X-PUBLISHED-TTL */
	long feed_stale_grace;    /* seconds a feed served lately is answered from its last bytes while
	                           * the database cannot be reached; 0: never */
	char *feed_cache_dir;     /* rendered feeds, one file per scope, language and version */
	char *feed_accel;         /* nginx internal location for X-Accel-Redirect; empty: send the bytes */
	char *log_level;
	/* memocal-mailer */
	char *mail_dsn;        /* empty: web_dsn (the mailer needs memocal_web's rights on mail_outbox) */
	char *mail_from;       /* the sender and the invitations' ORGANIZER */
	char *mail_from_name;
	char *smtp_url;        /* smtp://host:port (STARTTLS) or smtps://host:port */
	char *smtp_user;       /* empty: no AUTH */
	char *smtp_password;
	char *smtp_tls;        /* required (default) or none: send without TLS (a server on loopback only) */
	long smtp_timeout;     /* seconds for one message's whole exchange with the server */
	long mail_retry;       /* seconds before the first retry after a temporary refusal, doubled each time */
	long mail_give_up;     /* seconds after which a message still refused is given up */
	long mail_lease;       /* seconds a message taken by a mailer that said nothing since waits before another
	                        * sends it again; 0: 2 x smtp_timeout + 60 */
	long mail_reminder;    /* seconds before each occurrence its attendees are reminded; 0: no reminders */
	/* the weekly digest (src/main/mailer.c): from this ISO weekday (1 Monday .. 7 Sunday; 0: none) and hour
	 * in mail_digest_zone, for the seven days that follow */
	long mail_digest_weekday;
	long mail_digest_hour;
	char *mail_digest_zone;
	/* a memorandum's life (issue 16): the notice period before valid_until in which it is "expiring",
	 * and how long without a meeting held makes it dormant; months both */
	long notice_months;
	long dormant_months;
	/* documents (issue 15): the most bytes of one uploaded file (pages/documents.c) */
	long document_max_bytes;
} config;

/*
 * Fills cfg with defaults, then the file at path (when path is NULL: the
 * file named by MEMOCAL_CONFIG, else the installed default, which may be
 * absent), then MEMOCAL_<KEY> environment variables. On error writes
 * "file:line: message naming the key" into err and returns -1.
 */
int config_load(config *cfg, const char *path, char *err, size_t errlen);
void config_free(config *cfg);

/* The default file, SYSCONFDIR/memocal/memocal.conf. */
const char *config_default_path(void);

/* Writes every key with its current value, for `memocal config`. */
void config_dump(const config *cfg, void (*line)(const char *key, const char *value, void *ctx), void *ctx);

#endif
