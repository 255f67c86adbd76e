/* feed.c - GET /feeds/{token}.ics: a subscription feed, served from a cache kept per scope version.
 *
 * The bytes of a feed are built by libical once per scope, language, version, day and
 * configuration, and kept by the feed cache (src/feedcache: files that nginx sends itself through
 * X-Accel-Redirect, or memory answered through FastCGI when the disk refuses them). The ETag and
 * Last-Modified are nginx's own for that file ("mtime-size"; the file's mtime is the feed's
 * Last-Modified), so the app's 304s and nginx's agree, and the ETag changes exactly when the
 * bytes do. A render's name holds everything its bytes depend on: the scope's version, the day,
 * and a fingerprint of this run of the program and of the settings and messages a feed shows,
 * so a reload that changes feed_past_days or base_url takes effect on the next fetch, and a new
 * build never hands out what an old one rendered.
 *
 * What a token is (scope, language, version) comes from one indexed query,
 * which each worker remembers per token while the database says that nothing
 * changed: the worker LISTENs on FEED_CHANNEL, the triggers of migrations 007 and 012
 * notify it whenever a token is revoked or a feed version moves, and before
 * every request it takes in what has arrived (one non-blocking read,
 * store_listen_epoch). So the common fetch and the common 304 cost no query at
 * all, and a revocation takes effect as soon as PostgreSQL has delivered its
 * notification, which it sends at commit. A worker that cannot listen (a read
 * replica refuses LISTEN) or has lost its connection remembers nothing and asks
 * the database on every request. Unknown and revoked tokens are never
 * remembered: both cost the same single query and get the same 404.
 *
 * A change does not set every worker rendering the same feed: one worker of any process renders a
 * scope at a time (feedcache_get_shared's lock), and a fetch that comes while it does gets the scope's
 * previous render, with that render's own ETag and "no-cache" so that its next fetch asks again, rather
 * than waiting or rendering too (issue 18: stale-while-revalidate). The fetch that starts the render waits
 * for it, so a subscriber who fetches after a change, alone, always gets the change.
 *
 * While the database cannot be reached (down, or stalled past db_timeout), a token this worker
 * served within feed_stale_grace seconds is answered from its last render with "Warning: 110"
 * (stale), unless a notification has said since that a token changed: subscribers keep their
 * calendars through an outage, and a revocation the worker heard of is never undone. Unknown
 * tokens get 503 then (the database could not say), and 404 as soon as it answers again.
 */
#include "pages/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cal/expand.h"
#include "cal/ical.h"
#include "cal/recur.h"
#include "cal/schedule.h"
#include "cal/splice.h"
#include "cal/time.h"
#include "feedcache/feedcache.h"
#include "pages/app.h"
#include "store/feeds.h"
#include "store/life.h"
#include "store/series.h"
#include "util/log.h"
#include "util/secret.h"

/* Fetches recorded per token, at most every few minutes per worker. */
#define SEEN_SLOTS 256
#define SEEN_EVERY 300
static struct {
	long long token;
	long long at;
} seen[SEEN_SLOTS];

/* What the lookup query answered for a token. One slot per token hash (a direct-mapped table: a
 * collision only costs a query). Trusted without a query while store_listen_epoch() stays the
 * same (KNOWN_TRUST seconds at most); kept longer to answer from the last render while the
 * database cannot be reached. */
#define KNOWN 1024
static struct known {
	char hash[65];         /* the secret's hash, as the database keeps it; "": empty */
	long long epoch;       /* store_listen_epoch() before the query; 0: ask again next time */
	long long token_epoch; /* store_token_epoch() before the query */
	long long asked;       /* when (unix seconds) */
	long long served;      /* when this worker last answered it as the database said */
	feed_lookup t;         /* its strings point into scope_kind and lang */
	char scope_kind[16], lang[4];
	char name[97];         /* the render it was last answered with ("": none); see feedcache_valid_name */
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

/* 16 hex digits naming this worker's renders: this run of the program, and every setting and
 * message that goes into a feed's bytes. Made once per worker (a reload starts new workers). */
static const char *fingerprint(http_ctx *c)
{
	static char fp[17];
	if (fp[0])
		return fp;
	app *ap = app_of(c);
	const config *cfg = ap->cfg;
	buf what = BUF_INIT;
	/* everything build() reads from the configuration: the limits decide which series go out (rule_fits) */
	buf_printf(&what, "%s\n%s\n%ld\n%ld\n%ld\n%ld\n%ld\n%ld\n", ap->instance ? ap->instance : "", cfg->base_url,
	           cfg->feed_past_days, cfg->feed_cancelled_days, cfg->feed_refresh_minutes, cfg->max_occurrences_per_day,
	           cfg->max_occurrences_per_year, cfg->notice_months);
	/* and every message it puts in a feed */
	static const char *const keys[] = {"feed.name",   "feed.desc.memorandum", "feed.desc.organisation", "feed.desc.person",
	                                   "feed.signed", "feed.expires",         "feed.online",
	                                   "feed.notice", "feed.staff_name", "feed.desc.staff", "feed.action_due"};
	static const char *const langs[] = {"en", "az"};
	for (size_t l = 0; l < 2 && ap->views; l++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			buf_printf(&what, "%s\n", view_msg(ap->views, langs[l], keys[k]));
	unsigned char h[8];
	crypto_generichash(h, sizeof h, (const unsigned char *)what.data, what.len, NULL, 0);
	sodium_bin2hex(fp, sizeof fp, h, sizeof h);
	buf_free(&what);
	return fp;
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

/* A timestamp PostgreSQL wrote as UTC text ("YYYY-MM-DD HH:MM:SS[.fff]+00"): its first 19
 * characters as unix seconds; 0 when it is not one. */
static long long parse_utc(const char *pg)
{
	char head[20];
	cal_local l;
	if (!pg || strlen(pg) < sizeof head - 1)
		return 0;
	memcpy(head, pg, sizeof head - 1);
	head[sizeof head - 1] = '\0';
	return cal_parse_local(head, &l) == 0 ? cal_local_to_utc(l, "UTC") : 0;
}

/* Whether a stored rule may go out: one stored before the limits existed, or before they were lowered, would
 * make every subscriber's calendar expand a flood; such a series stays out of feeds until it is changed. */
static bool rule_fits(arena *a, const config *cfg, const series *s)
{
	if (!s->rrule)
		return true;
	cal_rule_problem why;
	const cal_rule *r = cal_rule_parse(a, s->rrule, &why);
	if (r && cal_rule_limits(r, cfg->max_occurrences_per_day, cfg->max_occurrences_per_year, &why) == 0)
		return true;
	log_warn("msg=\"series left out of feeds\" series=%lld cause=\"%s\"", s->id, why.detail);
	return false;
}

/* Which of the scope's series belong in its feed today. budget: the feed build's, shared by all its series. */
static bool belongs(const series *s, long long cutoff, long long cancelled_cutoff, arena *a, long *budget)
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
	int n = cal_expand(&cs, cutoff, cal_local_to_utc(far, "UTC"), 1, &first, &cut, budget, err, sizeof err);
	return n > 0 || cut; /* an occurrence since the cutoff, or more than could be counted */
}

#define STAFF_MAX 2000 /* memoranda, and action items, in the staff feed */

/* The "staff" feed (issue 16): every deadline, no meetings. Each undecided memorandum's expiry and last day
 * to give notice, each open action item's due date, as all-day events. */
static char *build_staff(http_ctx *c, const feed_lookup *t, size_t *len)
{
	app *ap = app_of(c);
	const config *cfg = ap->cfg;
	const char *lang = t->lang;
	staff_memorandum *m;
	staff_action *x;
	size_t nm, nx;
	if (store_feed_staff(&ap->db, c->a, STAFF_MAX, &m, &nm, &x, &nx) != 0)
		return NULL;
	feed_dates *dates = arena_alloc(c->a, (nm ? nm : 1) * sizeof *dates);
	for (size_t i = 0; i < nm; i++) {
		memset(&dates[i], 0, sizeof dates[i]);
		dates[i].memorandum_id = m[i].id;
		dates[i].title = text_in(m[i].title, lang);
		dates[i].valid_until = m[i].valid_until;
		dates[i].notice = m[i].notice;
		dates[i].updated_at = m[i].updated_at;
		dates[i].summary[1] = message(c, lang, "feed.expires", dates[i].title);
		dates[i].summary[2] = message(c, lang, "feed.notice", dates[i].title);
	}
	feed_due *dues = arena_alloc(c->a, (nx ? nx : 1) * sizeof *dues);
	for (size_t i = 0; i < nx; i++) {
		const char *r = x[i].recurrence_id;
		dues[i] = (feed_due){
			arena_printf(c->a, "action-%lld-due@memocal", x[i].id), x[i].due_on, x[i].updated_at,
			message(c, lang, "feed.action_due", text_in(x[i].what, lang)),
			arena_printf(c->a, "/series/%lld/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s/record", x[i].series_id, r, r + 5,
			             r + 8, r + 11, r + 14, r + 17)};
	}
	feed_doc d = {
		.lang = lang,
		.name = message(c, lang, "feed.staff_name", NULL),
		.description = message(c, lang, "feed.desc.staff", NULL),
		.base_url = cfg->base_url,
		.link_label = message(c, lang, "feed.online", NULL),
		.refresh_minutes = cfg->feed_refresh_minutes,
		.dates = dates,
		.ndates = nm,
		.dues = dues,
		.ndues = nx,
	};
	char err[256];
	char *bytes = cal_feed_build(&d, len, err, sizeof err);
	if (!bytes)
		log_error("msg=\"feed not built\" scope=staff cause=\"%s\"", err);
	return bytes;
}

/* Builds the feed's bytes (malloc'd), or NULL. board_base: where its board links point, the mark in place of
 * a secret (board_mark). */
static char *build(http_ctx *c, const feed_lookup *t, const char *board_base, size_t *len)
{
	app *ap = app_of(c);
	if (strcmp(t->scope_kind, "staff") == 0)
		return build_staff(c, t, len);
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
	series *kept = all; /* those that belong, moved to the front of the list */
	size_t nkept = 0;
	long budget = CAL_REQUEST_BUDGET; /* the whole build's, whatever the stored rules */
	/* each series' check in memory of its own, taken back after it: in the request's arena they added up to
	 * some 13 KB a series, 64 MB of the 5000-event feed's worker, which glibc then kept */
	arena scratch;
	arena_init(&scratch, 16384);
	for (size_t i = 0; i < n; i++) {
		if (rule_fits(&scratch, cfg, &all[i]) && belongs(&all[i], cutoff, cancelled_cutoff, &scratch, &budget))
			kept[nkept++] = all[i];
		arena_reset(&scratch);
	}
	arena_free(&scratch);
	if (budget <= 0)
		log_warn("msg=\"feed build spent its expansion budget: series kept unchecked\" scope=%s:%lld",
		         t->scope_kind, t->scope_id);

	feed_dates dates;
	size_t ndates = 0;
	if (strcmp(t->scope_kind, "memorandum") == 0) {
		bitext title;
		memset(&dates, 0, sizeof dates);
		int found = store_feed_memorandum_dates(&ap->db, c->a, t->scope_id, &title, &dates.signed_on,
		                                        &dates.valid_until, &dates.updated_at, &dates.notice,
		                                        &dates.terminated_on);
		if (found < 0)
			return NULL;
		if (found) {
			dates.memorandum_id = t->scope_id;
			dates.title = text_in(title, lang);
			dates.summary[0] = message(c, lang, "feed.signed", dates.title);
			dates.summary[1] = message(c, lang, "feed.expires", dates.title);
			dates.summary[2] = message(c, lang, "feed.notice", dates.title);
			dates.summary[3] = message(c, lang, "feed.terminated", dates.title);
			ndates = 1;
		}
	}
	const char *scope_name = name.en ? text_in(name, lang) : "";
	feed_doc d = {
		.lang = lang,
		.name = message(c, lang, "feed.name", scope_name),
		.description = message(c, lang, arena_printf(c->a, "feed.desc.%s", t->scope_kind), scope_name),
		.base_url = cfg->base_url,
		.board_base = board_base,
		.link_label = message(c, lang, "feed.online", NULL),
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

/* ---- each subscriber's own board links (issue 15, item 4) ---- */

#define SECRET_LEN 43 /* secret_token(32): what every feed address holds */

/*
 * What stands in a render's board links where each subscriber's secret goes: as long as a secret, from the same
 * alphabet, and the same for every render of a scope (so a new version with the same meetings has the same bytes,
 * the same Last-Modified and ETag, in this run and the next). It is not a secret: cal_splice puts a secret in its
 * place only in the values of URL and LINK properties, which nothing a person types can become.
 */
static const char *board_mark(http_ctx *c, const char *scope)
{
	unsigned char h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"memocal board mark\n", 19);
	crypto_generichash_update(&st, (const unsigned char *)scope, strlen(scope));
	crypto_generichash_final(&st, h, sizeof h);
	size_t n = sodium_base64_ENCODED_LEN(sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *mark = arena_alloc(c->a, n);
	sodium_bin2base64(mark, n, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return mark; /* 43 characters */
}

/* The mark and the links are made only when a render or a copy is built: a fetch that finds them made, and
 * every 304, costs neither. */
struct build_ctx {
	http_ctx *c;
	const feed_lookup *t;
	const char *scope;
};

static char *build_for_cache(void *ctx, size_t *len)
{
	struct build_ctx *b = ctx;
	app *ap = app_of(b->c);
	return build(b->c, b->t, arena_printf(b->c->a, "%s/board/%s", ap->cfg->base_url, board_mark(b->c, b->scope)), len);
}

struct copy_ctx {
	http_ctx *c;
	const feedcache_entry *render;
	const char *scope, *secret;
};

static char *copy_for(void *ctx, size_t *len)
{
	struct copy_ctx *x = ctx;
	buf b = BUF_INIT;
	if (feedcache_read(x->render, &b) != 0 || !b.data) {
		buf_free(&b);
		return NULL;
	}
	cal_splice(b.data, b.len, board_mark(x->c, x->scope), x->secret, SECRET_LEN);
	*len = b.len;
	return b.data; /* the caller's now */
}

/*
 * The subscriber's own copy of a render: the same bytes with their secret in every board link, so a link
 * opens their board page and stops when their address is revoked. Made once per worker, render and address,
 * and kept in memory only (feedcache_get_private): a secret is never written to disk in clear. The same
 * length, so the same size, Last-Modified and ETag as the render. The render itself (with the mark) is never
 * sent. NULL on failure. An address whose secret is not SECRET_LEN long (none that memocal makes) gets the
 * render with links that open nothing.
 */
static const feedcache_entry *own_copy(http_ctx *c, const feed_lookup *t, const char *scope, const char *name,
                                       const feedcache_entry *r, const char *secret)
{
	if (strcmp(t->scope_kind, "staff") == 0 || strlen(secret) != SECRET_LEN)
		return r;
	struct copy_ctx x = {c, r, scope, secret};
	return feedcache_get_private(arena_printf(c->a, "%s-t%lld", scope, t->token_id), name, r->lm, copy_for, &x);
}

/* The name of the render an entry holds, from its file ("SCOPE/NAME.ics"); NULL when it has none. */
static const char *name_of(http_ctx *c, const feedcache_entry *r)
{
	const char *slash = r->file ? strchr(r->file, '/') : NULL;
	const char *dot = slash ? strrchr(slash, '.') : NULL;
	return dot ? arena_strndup(c->a, slash + 1, (size_t)(dot - slash - 1)) : NULL;
}

/* The scope and render names of a token's feed today; false if they are not names (never). */
static bool render_names(http_ctx *c, const feed_lookup *t, const char **scope, const char **name)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	*scope = arena_printf(c->a, "%s-%lld-%s", t->scope_kind, t->scope_id, t->lang);
	*name = arena_printf(c->a, "v%lld-d%04d%02d%02d-%s", t->version, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	                     fingerprint(c));
	return feedcache_valid_name(*scope) && feedcache_valid_name(*name);
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

static int plain(http_ctx *c, int status)
{
	c->status = status;
	http_content_type(c, "text/plain; charset=utf-8");
	if (status == 503)
		http_header(c, "Retry-After", "30");
	buf_printf(c->body_out, "%d %s\n", status, http_reason(status));
	return 0;
}

/* Answers with a render: a 304 when the client has it, else the file through nginx, or the
 * bytes through FastCGI (no nginx in front, the render in memory, or a stale answer). */
static int answer(http_ctx *c, const feed_lookup *t, const feedcache_entry *r, bool stale, bool previous)
{
	app *ap = app_of(c);
	char etag[48], lm[40];
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", r->lm, r->size); /* nginx's format for the same file */
	time_t lmt = (time_t)r->lm;
	struct tm tm;
	gmtime_r(&lmt, &tm);
	if (strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm) == 0)
		return plain(c, 500);
	http_header(c, "ETag", etag);
	http_header(c, "Last-Modified", lm);
	if (stale) {
		/* RFC 7234 5.5.1; revalidate next time: the database may answer again by then */
		http_header(c, "Warning", "110 memocal \"Response is Stale\"");
		http_header(c, "Cache-Control", "private, no-cache");
	} else if (previous) {
		/* the version before, while another worker renders this one: ask again next time */
		http_header(c, "Cache-Control", "private, no-cache");
		record_fetch(c, t, r->size);
	} else {
		/* private: the URL is a secret; a short max-age, then revalidation that usually costs a 304 */
		http_header(c, "Cache-Control", "private, max-age=300");
		record_fetch(c, t, r->size);
	}
	const char *inm = http_getenv(c, "HTTP_IF_NONE_MATCH");
	const char *ims = http_getenv(c, "HTTP_IF_MODIFIED_SINCE");
	long long since = ims && !inm ? http_date_parse(ims) : -1;
	if ((inm && none_match(inm, etag)) || (since >= 0 && r->lm <= since)) {
		c->status = 304;
		return 0;
	}
	http_content_type(c, "text/calendar; charset=utf-8");
	http_header(c, "Content-Disposition", "inline; filename=\"memocal.ics\"");
	if (r->file && !stale && ap->cfg->feed_accel && *ap->cfg->feed_accel) {
		http_header(c, "X-Accel-Redirect", arena_printf(c->a, "%s%s", ap->cfg->feed_accel, r->file));
		return 0;
	}
	if (feedcache_read(r, c->body_out) != 0) {
		buf_reset(c->headers);
		buf_reset(c->body_out);
		return plain(c, stale ? 503 : 500);
	}
	return 0;
}

/* The database cannot be reached: the last render this worker served for the token, if that
 * was lately and nothing since said a token changed; else 503. */
static int unreachable(http_ctx *c, const char *hash, const char *secret)
{
	app *ap = app_of(c);
	const struct known *k = known_slot(hash);
	long long now = (long long)time(NULL);
	long grace = ap->cfg->feed_stale_grace;
	if (grace > 0 && strcmp(k->hash, hash) == 0 && k->name[0] && now - k->served <= grace &&
	    k->token_epoch == store_token_epoch(&ap->db)) {
		char scope[64];
		int n = snprintf(scope, sizeof scope, "%s-%lld-%s", k->t.scope_kind, k->t.scope_id, k->t.lang);
		const feedcache_entry *r = n > 0 && (size_t)n < sizeof scope ? feedcache_peek(scope, k->name) : NULL;
		if (r)
			r = own_copy(c, &k->t, scope, k->name, r, secret);
		if (r) {
			log_warn("msg=\"database unreachable; feed answered from its last render\" age=%lld", now - k->served);
			return answer(c, &k->t, r, true, false);
		}
	}
	return plain(c, 503);
}

static bool down(const store *s)
{
	return s->status == STORE_UNAVAILABLE || s->status == STORE_TIMEOUT;
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
	if (!epoch) {
		/* no connection (the first fetch, or PostgreSQL restarted): connect and LISTEN before
		 * the query, so that what it answers is remembered from this fetch on, not the next */
		if (store_ensure(&ap->db) != 0)
			return down(&ap->db) ? unreachable(c, hash, token) : plain(c, 500);
		epoch = store_listen_epoch(&ap->db);
	}
	long long now = (long long)time(NULL);
	struct known *k = known_slot(hash);
	bool mine = strcmp(k->hash, hash) == 0;
	feed_lookup t;
	if (mine && epoch && k->epoch == epoch && now - k->asked < KNOWN_TRUST) {
		t = k->t; /* nothing has changed since the database said what this token is */
	} else {
		long long token_epoch = store_token_epoch(&ap->db);
		int found = store_feed_lookup(&ap->db, c->a, hash, &t);
		if (found < 0)
			return down(&ap->db) ? unreachable(c, hash, token) : plain(c, 500);
		if (!found || t.revoked) {
			if (mine)
				memset(k, 0, sizeof *k); /* never answered from memory again */
			return not_found(c);
		}
		if (strlen(t.scope_kind) >= sizeof k->scope_kind || strlen(t.lang) >= sizeof k->lang) {
			memset(k, 0, sizeof *k);
		} else {
			if (!mine)
				memset(k, 0, sizeof *k);
			snprintf(k->hash, sizeof k->hash, "%s", hash);
			snprintf(k->scope_kind, sizeof k->scope_kind, "%s", t.scope_kind);
			snprintf(k->lang, sizeof k->lang, "%s", t.lang);
			k->t = t;
			k->t.scope_kind = k->scope_kind;
			k->t.lang = k->lang;
			k->epoch = epoch; /* read before the query: a notice taken in meanwhile makes this stale */
			k->token_epoch = token_epoch;
			k->asked = now;
		}
	}
	const char *scope, *name;
	if (!render_names(c, &t, &scope, &name))
		return plain(c, 500);
	struct build_ctx b = {c, &t, scope};
	bool previous;
	const feedcache_entry *r = feedcache_get_shared(scope, name, t.changed_at, build_for_cache, &b, &previous);
	if (!r)
		return down(&ap->db) ? unreachable(c, hash, token) : plain(c, 500);
	/* a copy is named by its render: the previous render's name is its file's */
	const char *rname = previous ? name_of(c, r) : name;
	const feedcache_entry *own = rname ? own_copy(c, &t, scope, rname, r, token) : NULL;
	/* the render went from under the copy (pruned by another worker while the feed changed fast, or held in
	 * another worker's memory): this version's own render, made again if need be, then the copy of it */
	for (int again = 0; !own && again < 2; again++) {
		previous = false;
		r = feedcache_get(scope, name, t.changed_at, build_for_cache, &b);
		own = r ? own_copy(c, &t, scope, name, r, token) : NULL;
	}
	if (!own)
		return down(&ap->db) ? unreachable(c, hash, token) : plain(c, 500);
	r = own;
	if (previous)
		return answer(c, &t, r, false, true);
	if (strcmp(k->hash, hash) == 0) {
		/* what to answer with while the database cannot be reached */
		k->served = now;
		if (strlen(name) < sizeof k->name)
			memcpy(k->name, name, strlen(name) + 1);
		else
			k->name[0] = '\0'; /* a name that does not fit is not remembered, never cut */
	}
	return answer(c, &t, r, false, false);
}
