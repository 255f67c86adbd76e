/* serve.c - what memocal-web and memocal-feed share: arguments, config, workers. */
#include "main/serve.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cal/time.h"
#include "http/prefork.h"
#include "http/server.h"
#include "pages/app.h"
#include "feedcache/feedcache.h"
#include "pages/feed.h"
#include "pages/guard.h"
#include "pages/render.h"
#include "pages/routes.h"
#include "pages/static_url.h"
#include "util/config.h"
#include "util/log.h"
#include "util/secret.h"

struct state {
	const program *p;
	const char *config_path;   /* NULL: MEMOCAL_CONFIG or the default */
	const char *listen_arg;    /* --listen overrides the file */
	long workers_arg;
	config cfg;
	store_health *health;      /* shared by this program's workers (store/db.h) */
	char instance[17];         /* this run: memocal-feed names its renders with it (pages/feed.c) */
};

static int load(struct state *st, config *cfg)
{
	char err[512];
	if (config_load(cfg, st->config_path, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", st->p->name, err);
		return -1;
	}
	log_threshold = (enum log_level)log_level_parse(cfg->log_level);
	if (st->p->html || st->p->messages) {
		view_set *v = view_load(cfg->template_dir, err, sizeof err);
		if (!v) {
			fprintf(stderr, "%s: templates: %s\n", st->p->name, err);
			config_free(cfg);
			return -1;
		}
		view_free(v);
	}
	return 0;
}

static int reload(void *ctx, int *workers)
{
	struct state *st = ctx;
	config fresh;
	if (load(st, &fresh) != 0)
		return -1;
	config_free(&st->cfg);
	st->cfg = fresh;
	if (st->workers_arg <= 0) /* --workers wins over the file, as at start */
		*workers = (int)(st->p->feed ? st->cfg.feed_workers : st->cfg.web_workers);
	return 0;
}

/* Before every routed request: a fresh start for the store, then memocal-web's guard. */
static int before_web(http_ctx *c)
{
	store_request_begin(&app_of(c)->db);
	return guard_web(c);
}

static int before_feed(http_ctx *c)
{
	store_request_begin(&app_of(c)->db);
	return 0;
}

program memocal_web(void)
{
	program p = {"memocal-web", false, true, true, web_routes, web_nroutes};
	return p;
}

program memocal_feed(void)
{
	program p = {"memocal-feed", true, false, true, feed_routes, feed_nroutes};
	return p;
}

int serve_worker_open(const program *p, const config *cfg, const char *instance, store_health *health, app *ap,
                      http_app *h)
{
	memset(ap, 0, sizeof *ap);
	ap->cfg = cfg;
	ap->instance = instance;
	if (p->html || p->messages) {
		char err[512];
		ap->views = view_load(cfg->template_dir, err, sizeof err);
		if (!ap->views) {
			log_error("msg=\"cannot load templates\" cause=\"%s\"", err);
			return -1;
		}
		static_url(cfg->static_dir, "style", "css", ap->style_href, sizeof ap->style_href);
	}
	/* connect now, after fork, so a worker starts warm; a failure here is not
	 * fatal: requests answer 503 until the database is back */
	store_options so = {
		.dsn = p->feed ? cfg->feed_dsn : cfg->web_dsn,
		.app_name = p->name,
		.statement_timeout_ms = cfg->statement_timeout,
		.lock_timeout_ms = cfg->lock_timeout,
		.wait_ms = cfg->db_timeout,
		.health = health,
		.notice_months = cfg->notice_months,
		.dormant_months = cfg->dormant_months,
	};
	store_init(&ap->db, &so);
	if (p->feed)
		feedcache_init(cfg->feed_cache_dir);
	if (p->feed)
		store_listen(&ap->db, FEED_CHANNEL); /* what a feed worker remembers is kept true by it */
	store_ensure(&ap->db);
	http_app happ = {
		.routes = p->routes,
		.nroutes = p->nroutes,
		/* a document's upload: its file (document_max_bytes) and 1 MiB for the form around it */
		.limits = {(size_t)cfg->max_body, (size_t)cfg->max_fields, (size_t)cfg->max_field_len, 8192,
		           p->html ? (size_t)cfg->document_max_bytes + 1048576 : 0},
		.read_timeout = (unsigned)cfg->request_read_timeout,
		.before = p->html ? before_web : before_feed,
		.render_error = p->html ? page_render_error : page_render_error_text,
		.app = ap,
	};
	*h = happ;
	return 0;
}

void serve_worker_close(const program *p, app *ap)
{
	store_close(&ap->db);
	if (p->feed)
		feedcache_free();
	if (ap->views)
		view_free(ap->views);
	ap->views = NULL;
}

static int worker(int listen_fd, volatile sig_atomic_t *stop, void *ctx)
{
	struct state *st = ctx;
	app ap;
	http_app h;
	if (serve_worker_open(st->p, &st->cfg, st->instance, st->health, &ap, &h) != 0)
		return 1;
	int rc = http_serve(listen_fd, &h, stop);
	serve_worker_close(st->p, &ap);
	return rc;
}

static void usage(FILE *f, const char *name)
{
	fprintf(f,
	        "usage: %s [--config FILE] [--listen ADDR] [--workers N] [--check]\n"
	        "  --config FILE  configuration file (default: $MEMOCAL_CONFIG or %s)\n"
	        "  --listen ADDR  HOST:PORT, [V6]:PORT or unix:/path; '' inherits the socket\n"
	        "                 (systemd LISTEN_FDS, or fd 0 from spawn-fcgi)\n"
	        "  --workers N    worker processes\n"
	        "  --check        load the configuration and templates, report, exit\n"
	        "signals: TERM/INT drain and stop, HUP reloads configuration and templates\n",
	        name, config_default_path());
}

int serve_main(int argc, char **argv, const program *p)
{
	struct state st;
	memset(&st, 0, sizeof st);
	st.p = p;
	st.workers_arg = -1;
	bool check = false;
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'}, {"listen", required_argument, NULL, 'l'},
		{"workers", required_argument, NULL, 'w'}, {"check", no_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	int o;
	while ((o = getopt_long(argc, argv, "c:l:w:kh", opts, NULL)) != -1) {
		switch (o) {
		case 'c': st.config_path = optarg; break;
		case 'l': st.listen_arg = optarg; break;
		case 'w': {
			char *end;
			st.workers_arg = strtol(optarg, &end, 10);
			if (*end || st.workers_arg < 1 || st.workers_arg > 256) {
				fprintf(stderr, "%s: --workers must be a number from 1 to 256\n", p->name);
				return 2;
			}
			break;
		}
		case 'k': check = true; break;
		case 'h': usage(stdout, p->name); return 0;
		default: usage(stderr, p->name); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr, p->name);
		return 2;
	}
	int bad = router_check(p->routes, p->nroutes);
	if (bad >= 0) {
		fprintf(stderr, "%s: route %d (%s) is malformed\n", p->name, bad, p->routes[bad].pattern);
		return 1;
	}
	if (load(&st, &st.cfg) != 0)
		return 1;
	cal_init(); /* libical: errors not fatal; before forking so workers share the set-up */
	if (secret_init() != 0) {
		fprintf(stderr, "%s: libsodium failed to initialise\n", p->name);
		return 1;
	}
	if (check) {
		printf("%s: configuration and templates are good\n", p->name);
		config_free(&st.cfg);
		return 0;
	}
	st.health = store_health_shared();
	{
		unsigned char r[8];
		randombytes_buf(r, sizeof r);
		sodium_bin2hex(st.instance, sizeof st.instance, r, sizeof r);
	}
	if (p->feed)
		feedcache_sweep(st.cfg.feed_cache_dir); /* what earlier runs rendered is never handed out again */
	prefork_opts po = {
		.name = p->name,
		.listen = st.listen_arg ? st.listen_arg : (p->feed ? st.cfg.feed_listen : st.cfg.web_listen),
		.workers = (int)(st.workers_arg > 0 ? st.workers_arg : (p->feed ? st.cfg.feed_workers : st.cfg.web_workers)),
		.worker = worker,
		.reload = reload,
		.ctx = &st,
		.drain_seconds = 30,
	};
	int rc = prefork_run(&po);
	config_free(&st.cfg);
	return rc;
}
