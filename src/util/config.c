/* config.c - the one configuration file (key = value) with environment overrides. */
#include "util/config.h"

#include "util/date.h"
#include "util/log.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MEMOCAL_SYSCONFDIR
#define MEMOCAL_SYSCONFDIR "/etc/memocal"
#endif
#ifndef MEMOCAL_CACHEDIR
#define MEMOCAL_CACHEDIR "/var/cache/memocal"
#endif
#ifndef MEMOCAL_DATADIR
#define MEMOCAL_DATADIR "/usr/share/memocal"
#endif

enum key_type { KEY_STR, KEY_LONG };

/* One row per key: the file's name for it, where it lands, its default and bounds. */
static const struct key {
	const char *name;
	enum key_type type;
	size_t offset;
	const char *def;
	long min, max;
} keys[] = {
	{"web_dsn", KEY_STR, offsetof(config, web_dsn), "dbname=memocal", 0, 0},
	{"feed_dsn", KEY_STR, offsetof(config, feed_dsn), "dbname=memocal", 0, 0},
	{"admin_dsn", KEY_STR, offsetof(config, admin_dsn), "dbname=memocal", 0, 0},
	{"web_listen", KEY_STR, offsetof(config, web_listen), "127.0.0.1:9001", 0, 0},
	{"feed_listen", KEY_STR, offsetof(config, feed_listen), "127.0.0.1:9002", 0, 0},
	{"web_workers", KEY_LONG, offsetof(config, web_workers), "4", 1, 256},
	{"feed_workers", KEY_LONG, offsetof(config, feed_workers), "4", 1, 256},
	{"base_url", KEY_STR, offsetof(config, base_url), "http://127.0.0.1:8080", 0, 0},
	{"template_dir", KEY_STR, offsetof(config, template_dir), MEMOCAL_DATADIR "/templates", 0, 0},
	{"static_dir", KEY_STR, offsetof(config, static_dir), MEMOCAL_DATADIR "/static", 0, 0},
	{"db_dir", KEY_STR, offsetof(config, db_dir), MEMOCAL_DATADIR "/db", 0, 0},
	{"session_lifetime", KEY_LONG, offsetof(config, session_lifetime), "43200", 60, 31536000},
	{"max_body", KEY_LONG, offsetof(config, max_body), "1048576", 1024, 67108864},
	{"max_fields", KEY_LONG, offsetof(config, max_fields), "1200", 1, 10000},
	{"max_field_len", KEY_LONG, offsetof(config, max_field_len), "65536", 16, 67108864},
	{"statement_timeout", KEY_LONG, offsetof(config, statement_timeout), "4000", 10, 600000},
	{"lock_timeout", KEY_LONG, offsetof(config, lock_timeout), "2000", 10, 600000},
	{"db_timeout", KEY_LONG, offsetof(config, db_timeout), "5000", 100, 600000},
	{"request_read_timeout", KEY_LONG, offsetof(config, request_read_timeout), "10", 1, 3600},
	{"max_occurrences_per_day", KEY_LONG, offsetof(config, max_occurrences_per_day), "48", 1, 1440},
	{"max_occurrences_per_year", KEY_LONG, offsetof(config, max_occurrences_per_year), "8784", 1, 527040},
	{"feed_past_days", KEY_LONG, offsetof(config, feed_past_days), "365", 0, 36500},
	{"feed_cancelled_days", KEY_LONG, offsetof(config, feed_cancelled_days), "30", 0, 3650},
	{"feed_refresh_minutes", KEY_LONG, offsetof(config, feed_refresh_minutes), "60", 5, 10080},
	{"feed_stale_grace", KEY_LONG, offsetof(config, feed_stale_grace), "300", 0, 86400},
	{"feed_cache_dir", KEY_STR, offsetof(config, feed_cache_dir), MEMOCAL_CACHEDIR, 0, 0},
	{"feed_accel", KEY_STR, offsetof(config, feed_accel), "/_feedcache/", 0, 0},
	{"log_level", KEY_STR, offsetof(config, log_level), "info", 0, 0},
	/* memocal-mailer (src/main/mailer.c) */
	{"mail_dsn", KEY_STR, offsetof(config, mail_dsn), "", 0, 0},
	{"mail_from", KEY_STR, offsetof(config, mail_from), "memocal@localhost", 0, 0},
	{"mail_from_name", KEY_STR, offsetof(config, mail_from_name), "memocal", 0, 0},
	{"smtp_url", KEY_STR, offsetof(config, smtp_url), "smtp://127.0.0.1:25", 0, 0},
	{"smtp_user", KEY_STR, offsetof(config, smtp_user), "", 0, 0},
	{"smtp_password", KEY_STR, offsetof(config, smtp_password), "", 0, 0},
	{"smtp_tls", KEY_STR, offsetof(config, smtp_tls), "required", 0, 0},
	{"smtp_timeout", KEY_LONG, offsetof(config, smtp_timeout), "60", 1, 3600},
	{"mail_retry", KEY_LONG, offsetof(config, mail_retry), "60", 1, 86400},
	{"mail_give_up", KEY_LONG, offsetof(config, mail_give_up), "172800", 60, 31536000},
	{"mail_lease", KEY_LONG, offsetof(config, mail_lease), "0", 0, 86400},
	{"mail_reminder", KEY_LONG, offsetof(config, mail_reminder), "86400", 0, 2592000},
	{"mail_digest_weekday", KEY_LONG, offsetof(config, mail_digest_weekday), "1", 0, 7},
	{"mail_digest_hour", KEY_LONG, offsetof(config, mail_digest_hour), "7", 0, 23},
	{"mail_digest_zone", KEY_STR, offsetof(config, mail_digest_zone), DEFAULT_TZID, 0, 0},
	/* a memorandum's life (issue 16): notice period, dormancy */
	{"notice_months", KEY_LONG, offsetof(config, notice_months), "6", 0, 120},
	{"dormant_months", KEY_LONG, offsetof(config, dormant_months), "6", 1, 120},
	/* documents (issue 15): one file's most bytes; 20 MiB */
	{"document_max_bytes", KEY_LONG, offsetof(config, document_max_bytes), "20971520", 1024, 268435456},
};
#define NKEYS (sizeof keys / sizeof keys[0])

const char *config_default_path(void)
{
	return MEMOCAL_SYSCONFDIR "/memocal.conf";
}

static const struct key *find_key(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* Sets one key from text; "where" says where the text came from, for the message. */
static int set_key(config *cfg, const struct key *k, const char *value, const char *where, char *err, size_t errlen)
{
	char *field = (char *)cfg + k->offset;
	if (k->type == KEY_STR) {
		char **s = (char **)(void *)field;
		char *copy = strdup(value);
		if (!copy) {
			snprintf(err, errlen, "%s: out of memory", where);
			return -1;
		}
		free(*s);
		*s = copy;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno || end == value || *end != '\0') {
		snprintf(err, errlen, "%s: %s must be a whole number, not \"%s\"", where, k->name, value);
		return -1;
	}
	if (v < k->min || v > k->max) {
		snprintf(err, errlen, "%s: %s must be between %ld and %ld, not %ld", where, k->name, k->min, k->max, v);
		return -1;
	}
	*(long *)(void *)field = v;
	return 0;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int load_file(config *cfg, const char *path, int must_exist, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!must_exist && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	/* a line is read whole, however long (a DSN may carry a long password): nothing is cut */
	char *line = NULL, *where = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned lineno = 0;
	int rc = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		free(where);
		if (asprintf(&where, "%s:%u", path, lineno) < 0) {
			where = NULL;
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
			break;
		}
		if ((size_t)len != strlen(line)) {
			snprintf(err, errlen, "%s: the line holds a NUL byte", where);
			rc = -1;
			break;
		}
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "%s: expected \"key = value\", got \"%.64s\"", where, s);
			rc = -1;
			break;
		}
		*eq = '\0';
		char *name = trim(s), *value = trim(eq + 1);
		const struct key *k = find_key(name);
		if (!k) {
			snprintf(err, errlen, "%s: unknown key \"%.64s\"", where, name);
			rc = -1;
			break;
		}
		if ((rc = set_key(cfg, k, value, where, err, errlen)) != 0)
			break;
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	free(where);
	fclose(f);
	return rc;
}

static int load_all(config *cfg, const char *path, char *err, size_t errlen);

/* On failure nothing stays allocated: the caller frees only a config that loaded. */
int config_load(config *cfg, const char *path, char *err, size_t errlen)
{
	int rc = load_all(cfg, path, err, errlen);
	if (rc != 0) {
		config_free(cfg);
		/* the message quotes what the file says, cut to fit err: never in the middle of a letter */
		if (errlen)
			utf8_scrub(err);
	}
	return rc;
}

static int load_all(config *cfg, const char *path, char *err, size_t errlen)
{
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < NKEYS; i++)
		if (set_key(cfg, &keys[i], keys[i].def, "default", err, errlen) != 0)
			return -1;
	int must_exist = 1;
	if (!path)
		path = getenv("MEMOCAL_CONFIG");
	if (!path || !*path) {
		path = config_default_path();
		must_exist = 0;
	}
	if (load_file(cfg, path, must_exist, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < NKEYS; i++) {
		char env[64] = "MEMOCAL_";
		size_t n = strlen(env);
		for (const char *p = keys[i].name; *p && n < sizeof env - 1; p++)
			env[n++] = (char)toupper((unsigned char)*p);
		env[n] = '\0';
		const char *v = getenv(env);
		if (v && set_key(cfg, &keys[i], v, env, err, errlen) != 0)
			return -1;
	}
	/* the server gives up on a statement (a clean error) before the worker gives up on the server
	 * (which costs the connection) */
	if (cfg->statement_timeout >= cfg->db_timeout || cfg->lock_timeout >= cfg->db_timeout) {
		snprintf(err, errlen, "%s: statement_timeout (%ld) and lock_timeout (%ld) must be less than db_timeout (%ld)",
		         path, cfg->statement_timeout, cfg->lock_timeout, cfg->db_timeout);
		return -1;
	}
	if (log_level_parse(cfg->log_level) < 0) {
		snprintf(err, errlen, "%s: log_level must be debug, info, warn or error, not \"%s\"", path, cfg->log_level);
		return -1;
	}
	return 0;
}

void config_free(config *cfg)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].type == KEY_STR) {
			char **s = (char **)(void *)((char *)cfg + keys[i].offset);
			free(*s);
			*s = NULL;
		}
}

void config_dump(const config *cfg, void (*line)(const char *, const char *, void *), void *ctx)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const char *field = (const char *)cfg + keys[i].offset;
		if (keys[i].type == KEY_STR) {
			const char *v = *(char *const *)(const void *)field;
			/* `memocal config` is for reading paths and settings, not for showing a secret */
			bool secret = strstr(keys[i].name, "password") != NULL;
			line(keys[i].name, secret && v && *v ? "(set)" : v, ctx);
		} else {
			char num[32];
			snprintf(num, sizeof num, "%ld", *(const long *)(const void *)field);
			line(keys[i].name, num, ctx);
		}
	}
}
