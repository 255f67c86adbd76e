/* feed.c - GET /feeds/{token}.ics: a subscription feed, served from a cache kept per scope version.
 *
 * The bytes of a feed are built by libical once per scope, language, version
 * and day, written to feed_cache_dir, and handed to nginx with
 * X-Accel-Redirect, so a fetch moves no calendar through FastCGI. The ETag and
 * Last-Modified are nginx's own for that file ("mtime-size"; the file's mtime
 * is set to the feed's Last-Modified), so the app's 304s and nginx's agree,
 * and the ETag changes exactly when the bytes do.
 *
 * What a token is (scope, language, version) comes from one indexed query,
 * which each worker remembers per token while the database says that nothing
 * changed: the worker LISTENs on FEED_CHANNEL, the triggers of migration 007
 * notify it whenever a token is revoked or a feed version moves, and before
 * every request it takes in what has arrived (one non-blocking read,
 * store_listen_epoch). So the common fetch and the common 304 cost no query at
 * all, and a revocation takes effect as soon as PostgreSQL has delivered its
 * notification, which it sends at commit. A worker that cannot listen (a read
 * replica refuses LISTEN) or has lost its connection remembers nothing and asks
 * the database on every request. Unknown and revoked tokens are never
 * remembered: both cost the same single query and get the same 404.
 */
#include "pages/feed.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cal/expand.h"
#include "cal/ical.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "pages/app.h"
#include "store/feeds.h"
#include "store/series.h"
#include "util/log.h"
#include "util/secret.h"

/* What is known of one rendered feed file. */
struct rendered {
	char key[128];     /* "<kind>-<id>-<lang>/v<version>-d<yyyymmdd>" */
	long long lm;      /* Last-Modified, also the file's mtime */
	long long size;
	char hash[33];     /* of the bytes, to tell whether a new render changed anything */
};

/* A small per-worker memory of rendered feeds: the common request touches no file. */
#define MEMORY 128
static struct rendered memory[MEMORY];
static unsigned memory_next;

/* Fetches recorded per token, at most every few minutes per worker. */
#define SEEN_SLOTS 256
#define SEEN_EVERY 300
static struct {
	long long token;
	long long at;
} seen[SEEN_SLOTS];

/* What the lookup query answered for a token, while store_listen_epoch() stays
 * the same. One slot per token hash (a direct-mapped table: a collision only
 * costs a query). The rendered feed itself is remembered by rendered_feed(). */
#define KNOWN 1024
static struct known {
	char hash[65];    /* the secret's hash, as the database keeps it */
	long long epoch;  /* store_listen_epoch() before the query; 0: empty */
	long long asked;  /* when (unix seconds) */
	feed_lookup t;    /* its strings point into scope_kind and lang */
	char scope_kind[16], lang[4];
} known[KNOWN];

/* How long an answer is trusted at most, notifications or not: a connection
 * cut without a word (a network partition: no FIN, so neither a notification
 * nor an error) would otherwise keep a revoked token alive until TCP noticed.
 * One query per token and worker this often costs nothing measurable. */
#define KNOWN_TRUST 10

static struct known *known_slot(const char *hash)
{
	char head[9];
	memcpy(head, hash, 8);
	head[8] = '\0';
	return &known[strtoul(head, NULL, 16) % KNOWN];
}

static const struct rendered *remembered(const char *key)
{
	for (unsigned i = 0; i < MEMORY; i++)
		if (memory[i].key[0] && strcmp(memory[i].key, key) == 0)
			return &memory[i];
	return NULL;
}

static const struct rendered *remember(const struct rendered *r)
{
	struct rendered *slot = &memory[memory_next++ % MEMORY];
	*slot = *r;
	return slot;
}

static int read_meta(const char *path, struct rendered *r)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int n = fscanf(f, "%lld %lld %32s", &r->lm, &r->size, r->hash);
	fclose(f);
	return n == 3 ? 0 : -1;
}

static int write_file(const char *path, const void *data, size_t len)
{
	char tmp[4500];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			unlink(tmp);
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static const char *text_in(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en;
	return mine && *mine ? mine : (strcmp(lang, "az") == 0 ? t.en : t.az);
}

/* The catalogue message with {name} filled in (no format strings from data). */
static const char *message(http_ctx *c, const char *lang, const char *key, const char *name)
{
	app *ap = app_of(c);
	const char *m = ap->views ? view_msg(ap->views, lang, key) : key;
	const char *at = strstr(m, "{name}");
	return at ? arena_printf(c->a, "%.*s%s%s", (int)(at - m), m, name ? name : "", at + 6) : m;
}

static long long parse_utc(const char *pg)
{
	char head[20];
	cal_local l;
	snprintf(head, sizeof head, "%s", pg ? pg : "");
	return cal_parse_local(head, &l) == 0 ? cal_local_to_utc(l, "UTC") : 0;
}

/* Which of the scope's series belong in its feed today. */
static bool belongs(const series *s, long long cutoff, long long cancelled_cutoff, arena *a)
{
	if (strcmp(s->status, "cancelled") == 0)
		return parse_utc(s->cancelled_at) >= cancelled_cutoff; /* CANCELLED for a while, then gone */
	cal_series cs;
	cal_occurrence first;
	bool cut;
	char err[200];
	if (schedule_to_cal(a, s, &cs) != 0)
		return false;
	cal_local far = {2582, 1, 1, 0, 0, 0};
	int n = cal_expand(&cs, cutoff, cal_local_to_utc(far, "UTC"), 1, &first, &cut, err, sizeof err);
	return n > 0 || cut; /* an occurrence since the cutoff, or more than could be counted */
}

/* Builds the feed's bytes (malloc'd), or NULL. */
static char *build(http_ctx *c, const feed_lookup *t, size_t *len)
{
	app *ap = app_of(c);
	const config *cfg = ap->cfg;
	const char *lang = t->lang;
	bitext name;
	if (store_feed_scope_name(&ap->db, c->a, t->scope_kind, t->scope_id, &name) < 0)
		return NULL;
	series_filter f = {0, 0, 0};
	if (strcmp(t->scope_kind, "memorandum") == 0)
		f.memorandum_id = t->scope_id;
	else if (strcmp(t->scope_kind, "organisation") == 0)
		f.organisation_id = t->scope_id;
	else
		f.person_id = t->scope_id;
	series *all;
	size_t n;
	if (store_series_list(&ap->db, c->a, &f, &all, &n) != 0)
		return NULL;
	/* the day decides what belongs, so a feed's bytes are fixed for a version and a day */
	long long today = (long long)time(NULL) / 86400 * 86400;
	long long cutoff = today - cfg->feed_past_days * 86400LL;
	long long cancelled_cutoff = today - cfg->feed_cancelled_days * 86400LL;
	series *kept = arena_alloc(c->a, (n ? n : 1) * sizeof *kept);
	size_t nkept = 0;
	for (size_t i = 0; i < n; i++)
		if (belongs(&all[i], cutoff, cancelled_cutoff, c->a))
			kept[nkept++] = all[i];

	feed_dates dates;
	size_t ndates = 0;
	if (strcmp(t->scope_kind, "memorandum") == 0) {
		bitext title;
		memset(&dates, 0, sizeof dates);
		int found = store_feed_memorandum_dates(&ap->db, c->a, t->scope_id, &title, &dates.signed_on,
		                                        &dates.valid_until, &dates.updated_at);
		if (found < 0)
			return NULL;
		if (found) {
			dates.memorandum_id = t->scope_id;
			dates.title = text_in(title, lang);
			dates.summary[0] = message(c, lang, "feed.signed", dates.title);
			dates.summary[1] = message(c, lang, "feed.expires", dates.title);
			ndates = 1;
		}
	}
	const char *scope_name = name.en ? text_in(name, lang) : "";
	feed_doc d = {
		.lang = lang,
		.name = message(c, lang, "feed.name", scope_name),
		.description = message(c, lang, arena_printf(c->a, "feed.desc.%s", t->scope_kind), scope_name),
		.base_url = cfg->base_url,
		.refresh_minutes = cfg->feed_refresh_minutes,
		.series = kept,
		.nseries = nkept,
		.dates = &dates,
		.ndates = ndates,
	};
	char err[256];
	char *bytes = cal_feed_build(&d, len, err, sizeof err);
	if (!bytes)
		log_error("msg=\"feed not built\" scope=%s:%lld cause=\"%s\"", t->scope_kind, t->scope_id, err);
	return bytes;
}

/* Removes a scope's renders but the one whose name starts with keep (NULL: all of them); its
 * "last" record stays, so Last-Modified never moves backwards. Returns how many went. */
static int prune(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int removed = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "last") == 0 ||
		    (keep && strncmp(e->d_name, keep, strlen(keep)) == 0))
			continue;
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		removed += unlink(path) == 0;
	}
	closedir(d);
	return removed;
}

/* The rendered feed for the token's scope, version and today, building it when nobody has yet. */
static const struct rendered *rendered_feed(http_ctx *c, const feed_lookup *t)
{
	const config *cfg = app_of(c)->cfg;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	struct rendered r;
	memset(&r, 0, sizeof r);
	char scope[64], file[48];
	snprintf(scope, sizeof scope, "%s-%lld-%s", t->scope_kind, t->scope_id, t->lang);
	snprintf(file, sizeof file, "v%lld-d%04d%02d%02d", t->version, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(r.key, sizeof r.key, "%s/%s", scope, file);
	const struct rendered *hit = remembered(r.key);
	if (hit)
		return hit;
	char dir[4096], path[4400];
	snprintf(dir, sizeof dir, "%s/%s", cfg->feed_cache_dir, scope);
	snprintf(path, sizeof path, "%s/%s.meta", dir, file);
	if (read_meta(path, &r) == 0)
		return remember(&r);

	size_t len;
	char *bytes = build(c, t, &len);
	if (!bytes)
		return NULL;
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)bytes, len, NULL, 0);
	sodium_bin2hex(r.hash, sizeof r.hash, h, sizeof h);
	r.size = (long long)len;
	/* Last-Modified moves only when the bytes change, and only forwards */
	struct rendered last;
	snprintf(path, sizeof path, "%s/last", dir);
	if (read_meta(path, &last) == 0)
		r.lm = strcmp(last.hash, r.hash) == 0 ? last.lm : (t->changed_at > last.lm ? t->changed_at : last.lm + 1);
	else
		r.lm = t->changed_at;
	if (mkdir(cfg->feed_cache_dir, 0755) != 0 && errno != EEXIST)
		log_error("msg=\"cannot create feed cache\" dir=\"%s\" cause=\"%s\"", cfg->feed_cache_dir, strerror(errno));
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		log_error("msg=\"cannot create feed cache\" dir=\"%s\" cause=\"%s\"", dir, strerror(errno));
	snprintf(path, sizeof path, "%s/%s.ics", dir, file);
	int rc = write_file(path, bytes, len);
	free(bytes);
	struct timeval times[2] = {{(time_t)r.lm, 0}, {(time_t)r.lm, 0}};
	if (rc == 0)
		rc = utimes(path, times);
	char meta[128];
	int mlen = snprintf(meta, sizeof meta, "%lld %lld %s\n", r.lm, r.size, r.hash);
	snprintf(path, sizeof path, "%s/%s.meta", dir, file);
	if (rc == 0)
		rc = write_file(path, meta, (size_t)mlen);
	snprintf(path, sizeof path, "%s/last", dir);
	if (rc == 0)
		rc = write_file(path, meta, (size_t)mlen);
	if (rc != 0) {
		log_error("msg=\"cannot write feed cache\" dir=\"%s\" cause=\"%s\"", dir, strerror(errno));
		return NULL;
	}
	prune(dir, file);
	return remember(&r);
}

void feed_cache_forget(const char *dir)
{
	DIR *top = dir && *dir ? opendir(dir) : NULL;
	if (!top)
		return; /* none yet: the first render makes it */
	struct dirent *e;
	int removed = 0;
	while ((e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		char scope[4200];
		snprintf(scope, sizeof scope, "%s/%s", dir, e->d_name);
		removed += prune(scope, NULL);
	}
	closedir(top);
	log_info("msg=\"rendered feeds forgotten; each is built again on its first fetch\" dir=\"%s\" files=%d", dir,
	         removed);
}

/* RFC 9110 13.1.2: any listed entity-tag (weakly compared) or "*". */
static bool none_match(const char *header, const char *etag)
{
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		const char *end = p;
		if (*end == '"') {
			const char *close = strchr(end + 1, '"');
			end = close ? close + 1 : end + strlen(end);
		} else {
			while (*end && *end != ',')
				end++;
		}
		if ((size_t)(end - p) == strlen(etag) && strncmp(p, etag, (size_t)(end - p)) == 0)
			return true;
		p = end;
	}
	return false;
}

static long long http_date_parse(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return end && *end == '\0' ? (long long)timegm(&tm) : -1;
}

static void record_fetch(http_ctx *c, const feed_lookup *t, long long size)
{
	long long now = (long long)time(NULL);
	unsigned slot = (unsigned)(t->token_id % SEEN_SLOTS);
	if (seen[slot].token == t->token_id && now - seen[slot].at < SEEN_EVERY)
		return;
	seen[slot].token = t->token_id;
	seen[slot].at = now;
	store_feed_seen(&app_of(c)->db, c->a, t->token_id, http_getenv(c, "HTTP_USER_AGENT"), size);
}

static int not_found(http_ctx *c)
{
	/* unknown and revoked tokens get the same answer, after the same single query */
	c->status = 404;
	http_content_type(c, "text/plain; charset=utf-8");
	http_header(c, "Cache-Control", "no-store");
	buf_puts(c->body_out, "404 Not Found\n");
	return 0;
}

int feed_show(http_ctx *c)
{
	app *ap = app_of(c);
	const char *token = http_param_str(c, "token");
	c->path = "/feeds/(secret).ics"; /* the request log must not keep what the database does not */
	if (!token || strlen(token) < 22 || strlen(token) > 64) {
		/* no query for what can never be a token; the same answer as any unknown one */
		return not_found(c);
	}
	const char *hash = secret_hash_hex(c->a, token);
	long long epoch = store_listen_epoch(&ap->db);
	long long now = (long long)time(NULL);
	struct known *k = known_slot(hash);
	feed_lookup t;
	if (epoch && k->epoch == epoch && now - k->asked < KNOWN_TRUST && strcmp(k->hash, hash) == 0) {
		t = k->t; /* nothing has changed since the database said what this token is */
	} else {
		int found = store_feed_lookup(&ap->db, c->a, hash, &t);
		if (found < 0) {
			c->status = 503;
			http_content_type(c, "text/plain; charset=utf-8");
			http_header(c, "Retry-After", "30");
			buf_puts(c->body_out, "503 Service Unavailable\n");
			return 0;
		}
		if (!found || t.revoked)
			return not_found(c);
		memset(k, 0, sizeof *k);
		if (epoch && strlen(t.scope_kind) < sizeof k->scope_kind && strlen(t.lang) < sizeof k->lang) {
			snprintf(k->hash, sizeof k->hash, "%s", hash);
			snprintf(k->scope_kind, sizeof k->scope_kind, "%s", t.scope_kind);
			snprintf(k->lang, sizeof k->lang, "%s", t.lang);
			k->t = t;
			k->t.scope_kind = k->scope_kind;
			k->t.lang = k->lang;
			k->epoch = epoch; /* read before the query: a notice taken in meanwhile makes this stale */
			k->asked = now;
		}
	}
	const struct rendered *r = rendered_feed(c, &t);
	if (!r) {
		c->status = ap->db.status == STORE_UNAVAILABLE ? 503 : 500;
		http_content_type(c, "text/plain; charset=utf-8");
		buf_printf(c->body_out, "%d %s\n", c->status, http_reason(c->status));
		return 0;
	}
	char etag[64], lm[64];
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", r->lm, r->size); /* nginx's format for the same file */
	time_t lmt = (time_t)r->lm;
	struct tm tm;
	gmtime_r(&lmt, &tm);
	strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	http_header(c, "ETag", etag);
	http_header(c, "Last-Modified", lm);
	/* private: the URL is a secret; a short max-age, then revalidation that usually costs a 304 */
	http_header(c, "Cache-Control", "private, max-age=300");
	record_fetch(c, &t, r->size);

	const char *inm = http_getenv(c, "HTTP_IF_NONE_MATCH");
	const char *ims = http_getenv(c, "HTTP_IF_MODIFIED_SINCE");
	long long since = ims && !inm ? http_date_parse(ims) : -1;
	if ((inm && none_match(inm, etag)) || (since >= 0 && r->lm <= since)) {
		c->status = 304;
		return 0;
	}
	http_content_type(c, "text/calendar; charset=utf-8");
	http_header(c, "Content-Disposition", "inline; filename=\"memocal.ics\"");
	if (ap->cfg->feed_accel && *ap->cfg->feed_accel) {
		http_header(c, "X-Accel-Redirect", arena_printf(c->a, "%s%s.ics", ap->cfg->feed_accel, r->key));
		return 0;
	}
	/* no nginx in front (a test with cgi-fcgi, another server): send the bytes ourselves */
	char path[4200];
	snprintf(path, sizeof path, "%s/%s.ics", ap->cfg->feed_cache_dir, r->key);
	FILE *f = fopen(path, "rb");
	if (!f) {
		c->status = 500;
		return 0;
	}
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(c->body_out, chunk, n);
	fclose(f);
	return 0;
}
