/* cli.c - memocal: the administrator's command line (migrations, seed, configuration). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "http/fields.h"
#include "pages/feeds.h"
#include "pages/routes.h"
#include "pages/occurrence_index.h"
#include "pages/span.h"
#include "cal/time.h"
#include "store/feeds.h"
#include "util/utf8.h"
#include "util/secret.h"

#include <sodium.h>
#include "util/config.h"
#include "util/buf.h"
#include "util/log.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: memocal [--config FILE] COMMAND\n"
	        "commands:\n"
	        "  migrate   apply the database migrations not yet applied (db_dir/migrations)\n"
	        "  seed      load the demo data (db_dir/seed); safe to run again\n"
	        "  status    list the applied migrations\n"
	        "  config    print the effective configuration\n"
	        "  user add LOGIN --role admin|editor|viewer [--name NAME]\n"
	        "            create a staff account; the password is read from the terminal\n"
	        "            (asked twice) or from the first line of standard input\n"
	        "  user passwd LOGIN   set a new password the same way; ends the user's sessions\n"
	        "  user list           the staff accounts\n"
	        "  token add --scope memorandum:ID|organisation:ID|person:ID --lang az|en --label TEXT\n"
	        "            a feed address; its secret is printed once (only a hash is kept)\n"
	        "  token list          the feed addresses: scope, label, last fetch, client\n"
	        "  token revoke ID     revoke one at once\n"
	        "  routes [feed]  every URL of memocal-web (or memocal-feed) with its method and the least role it needs\n"
	        "  help      this text\n"
	        "The schema owner's connection is admin_dsn (MEMOCAL_ADMIN_DSN).\n");
}

static void print_key(const char *key, const char *value, void *ctx)
{
	(void)ctx;
	/* DSNs may carry a password: show that one is set, not what it is */
	if (strstr(key, "dsn") && value && strstr(value, "password"))
		value = "(set, contains a password)";
	printf("%s = %s\n", key, value ? value : "");
}

static int with_store(const config *cfg, const char *what)
{
	store s;
	store_options so = {.dsn = cfg->admin_dsn, .app_name = "memocal", .statement_timeout_ms = 600000};
	store_init(&s, &so);
	if (store_ensure(&s) != 0) {
		fprintf(stderr, "memocal: cannot connect to the database (admin_dsn)\n");
		store_close(&s);
		return 1;
	}
	int rc;
	buf dir = BUF_INIT; /* as long as db_dir makes it: never cut */
	if (strcmp(what, "migrate") == 0) {
		buf_printf(&dir, "%s/migrations", cfg->db_dir);
		rc = store_migrate(&s, buf_cstr(&dir));
		if (rc >= 0)
			printf("%d migration%s applied\n", rc, rc == 1 ? "" : "s");
		if (rc >= 0) { /* series stored before migration 018, or loaded by COPY: their COUNT rules' end */
			arena a;
			cal_init();
			arena_init(&a, 1 << 16);
			long narrowed = span_narrow_pending(&s, &a);
			/* the occurrence index (migration 030): its horizon for this month, every series waiting written */
			int rolled = narrowed < 0 ? -1 : occurrence_index_roll(&s, &a, (long long)time(NULL));
			long indexed = rolled < 0 ? -1 : occurrence_index_pending(&s, 0);
			arena_free(&a);
			if (narrowed < 0 || indexed < 0)
				rc = -1;
			if (narrowed > 0)
				printf("%ld series narrowed to the end of their COUNT\n", narrowed);
			if (indexed > 0)
				printf("%ld series written to the occurrence index\n", indexed);
		}
	} else if (strcmp(what, "seed") == 0) {
		buf_printf(&dir, "%s/seed", cfg->db_dir);
		rc = store_seed(&s, buf_cstr(&dir));
		if (rc >= 0) { /* the seed's series into the occurrence index, as a save would put them */
			arena a;
			cal_init();
			arena_init(&a, 1 << 16);
			if (occurrence_index_roll(&s, &a, (long long)time(NULL)) < 0 || occurrence_index_pending(&s, 0) < 0)
				rc = -1;
			arena_free(&a);
		}
	} else {
		rc = store_migration_status(&s);
	}
	buf_free(&dir);
	store_close(&s);
	return rc < 0 ? 1 : 0;
}

/* One line from stdin, without its newline; with a terminal, not echoed. -1: nothing to read;
 * -2: the line does not fit in out (refused, never cut: a cut password would not be the one typed). */
static int read_secret(const char *prompt, char *out, size_t n)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return -1;
	if (!strchr(out, '\n') && !feof(stdin)) {
		int ch;
		while ((ch = getchar()) != EOF && ch != '\n')
			; /* the rest of the refused line */
		sodium_memzero(out, n);
		return -2;
	}
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

/* A new password from the terminal (twice) or stdin; 0, or -1 with the reason printed. */
static int new_password(char *pw, size_t n)
{
	int got = read_secret("password: ", pw, n);
	if (got == -2) {
		fprintf(stderr, "memocal: a password has at most %zu bytes\n", n - 2);
		return -1;
	}
	if (got != 0) {
		fprintf(stderr, "memocal: no password given on standard input\n");
		return -1;
	}
	if (isatty(STDIN_FILENO)) {
		char again[1024];
		if (read_secret("again: ", again, sizeof again) != 0 || strcmp(pw, again) != 0) {
			fprintf(stderr, "memocal: the passwords differ\n");
			return -1;
		}
	}
	if (strlen(pw) < 10) {
		fprintf(stderr, "memocal: a password needs at least 10 characters\n");
		return -1;
	}
	return 0;
}

static int user_command(const config *cfg, int argc, char **argv)
{
	if (argc < 1) {
		usage(stderr);
		return 2;
	}
	const char *sub = argv[0];
	const char *login = NULL, *role = NULL, *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (argv[i][0] != '-' && !login)
			login = argv[i];
		else {
			fprintf(stderr, "memocal: user %s: unexpected \"%s\"\n", sub, argv[i]);
			return 2;
		}
	}
	bool add = strcmp(sub, "add") == 0, passwd = strcmp(sub, "passwd") == 0, list = strcmp(sub, "list") == 0;
	if (!add && !passwd && !list) {
		fprintf(stderr, "memocal: unknown user command \"%s\"\n", sub);
		return 2;
	}
	if ((add || passwd) && !login) {
		fprintf(stderr, "memocal: user %s needs a LOGIN\n", sub);
		return 2;
	}
	if (add && role_parse(role) == ROLE_NONE) {
		fprintf(stderr, "memocal: user add needs --role admin, editor or viewer\n");
		return 2;
	}
	if (login) {
		static const field_def login_field = {"login", FIELD_LOGIN, true, 64, 2, NULL};
		arena tmp;
		arena_init(&tmp, 1024);
		field_value v;
		field_check(&tmp, &login_field, login, &v);
		bool bad = v.error != NULL || strcmp(v.value, login) != 0;
		arena_free(&tmp);
		if (bad) {
			fprintf(stderr, "memocal: a login is 2 to 64 small Latin letters, digits, '.', '-' or '_'\n");
			return 2;
		}
	}
	if (secret_init() != 0) {
		fprintf(stderr, "memocal: libsodium failed to initialise\n");
		return 1;
	}
	store s;
	store_options so = {.dsn = cfg->admin_dsn, .app_name = "memocal", .statement_timeout_ms = 600000};
	store_init(&s, &so);
	if (store_ensure(&s) != 0) {
		fprintf(stderr, "memocal: cannot connect to the database (admin_dsn)\n");
		store_close(&s);
		return 1;
	}
	arena a;
	arena_init(&a, 16384);
	actor who = {0, "cli", NULL};
	int rc = 1;
	char pw[1024];
	if (list) {
		staff_user *users;
		size_t n;
		if (store_user_list(&s, &a, &users, &n) == 0) {
			for (size_t i = 0; i < n; i++)
				printf("%s\t%s\t%s%s\n", users[i].login, role_name(users[i].role),
				       users[i].display_name ? users[i].display_name : "", users[i].disabled ? "\t(disabled)" : "");
			rc = 0;
		}
	} else if (new_password(pw, sizeof pw) == 0) {
		char *hash = secret_password_hash(&a, pw);
		sodium_memzero(pw, sizeof pw);
		if (!hash) {
			fprintf(stderr, "memocal: out of memory hashing the password\n");
		} else if (add) {
			long long id;
			enum change_result res = store_user_create(&s, &a, &who, login, hash, role_parse(role), name, &id);
			if (res == CHANGE_DONE) {
				printf("created %s (%s)\n", login, role);
				rc = 0;
			} else if (res == CHANGE_STALE) {
				fprintf(stderr, "memocal: a user \"%s\" exists already\n", login);
			}
		} else {
			staff_user u;
			int found = store_user_by_login(&s, &a, login, &u);
			if (found == 0)
				fprintf(stderr, "memocal: no user \"%s\"\n", login);
			else if (found > 0 && store_user_set_password(&s, &a, &who, u.id, hash) == CHANGE_DONE) {
				printf("password of %s changed; their sessions are ended\n", login);
				rc = 0;
			}
		}
	}
	arena_free(&a);
	store_close(&s);
	return rc;
}

static int token_command(const config *cfg, int argc, char **argv)
{
	if (argc < 1) {
		usage(stderr);
		return 2;
	}
	const char *sub = argv[0], *scope = NULL, *lang = "az", *label = NULL, *id_text = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scope") == 0 && i + 1 < argc)
			scope = argv[++i];
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
			label = argv[++i];
		else if (argv[i][0] != '-' && !id_text)
			id_text = argv[i];
		else {
			fprintf(stderr, "memocal: token %s: unexpected \"%s\"\n", sub, argv[i]);
			return 2;
		}
	}
	bool add = strcmp(sub, "add") == 0, list = strcmp(sub, "list") == 0, revoke = strcmp(sub, "revoke") == 0;
	const char *kind = NULL;
	long long scope_id = 0, token_id = 0;
	if (!add && !list && !revoke) {
		fprintf(stderr, "memocal: unknown token command \"%s\"\n", sub);
		return 2;
	}
	if (add && (!scope || feeds_parse_scope(scope, &kind, &scope_id) != 0)) {
		fprintf(stderr, "memocal: token add needs --scope memorandum:ID, organisation:ID, person:ID or staff\n");
		return 2;
	}
	if (add && (strcmp(lang, "az") != 0 && strcmp(lang, "en") != 0)) {
		fprintf(stderr, "memocal: --lang is az or en\n");
		return 2;
	}
	if (add && (!label || !*label || strlen(label) > 200 || !utf8_valid(label, strlen(label)))) {
		fprintf(stderr, "memocal: token add needs --label TEXT (up to 200 characters)\n");
		return 2;
	}
	if (revoke) {
		char *end;
		token_id = id_text ? strtoll(id_text, &end, 10) : 0;
		if (!id_text || *end || token_id <= 0) {
			fprintf(stderr, "memocal: token revoke needs the token's number (memocal token list)\n");
			return 2;
		}
	}
	if (secret_init() != 0)
		return 1;
	store s;
	store_options so = {.dsn = cfg->admin_dsn, .app_name = "memocal", .statement_timeout_ms = 600000};
	store_init(&s, &so);
	if (store_ensure(&s) != 0) {
		fprintf(stderr, "memocal: cannot connect to the database (admin_dsn)\n");
		store_close(&s);
		return 1;
	}
	arena a;
	arena_init(&a, 16384);
	actor who = {0, "cli", NULL};
	int rc = 1;
	if (list) {
		/* every address, a page at a time as the feeds page reads them */
		feed_token *t;
		size_t n;
		long long after = 0;
		rc = 0;
		do {
			if (store_feed_tokens(&s, &a, after, 500, &t, &n) != 0) {
				rc = 1;
				break;
			}
			for (size_t i = 0; i < n; i++)
				printf("%lld\t%s:%lld\t%s\t%s\t%s\t%s\t%s\n", t[i].id, t[i].scope_kind, t[i].scope_id, t[i].lang,
				       t[i].label, t[i].revoked_at ? "revoked" : "active",
				       t[i].last_fetched_at ? t[i].last_fetched_at : "never", t[i].last_client ? t[i].last_client : "");
			after = n ? t[n - 1].id : 0;
			arena_reset(&a);
		} while (n == 500);
	} else if (add) {
		bitext name;
		int found = store_feed_scope_name(&s, &a, kind, scope_id, &name);
		if (found == 0) {
			fprintf(stderr, "memocal: no %s %lld\n", kind, scope_id);
		} else if (found > 0) {
			const char *secret = secret_token(&a, 32);
			long long id;
			if (store_feed_token_create(&s, &a, &who, secret_hash_hex(&a, secret), kind, scope_id, lang, label,
			                            NULL, NULL, &id) == CHANGE_DONE) {
				const char *host = strstr(cfg->base_url, "://") ? strstr(cfg->base_url, "://") + 3 : cfg->base_url;
				printf("token %lld for %s:%lld (%s)\n%s/feeds/%s.ics\nwebcal://%s/feeds/%s.ics\n", id, kind, scope_id,
				       lang, cfg->base_url, secret, host, secret);
				rc = 0;
			}
		}
	} else {
		enum change_result res = store_feed_token_revoke(&s, &a, &who, token_id);
		if (res == CHANGE_DONE) {
			printf("token %lld revoked\n", token_id);
			rc = 0;
		} else if (res == CHANGE_GONE) {
			fprintf(stderr, "memocal: no token %lld\n", token_id);
		} else if (res == CHANGE_STALE) {
			printf("token %lld was revoked already\n", token_id);
			rc = 0;
		}
	}
	arena_free(&a);
	store_close(&s);
	return rc;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL;
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int o;
	while ((o = getopt_long(argc, argv, "+c:h", opts, NULL)) != -1) {
		switch (o) {
		case 'c': config_path = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[optind];
	if (strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "routes") == 0) {
		/* the routing table itself, so tests can check every route against every role */
		bool feed = optind + 1 < argc && strcmp(argv[optind + 1], "feed") == 0;
		if (optind + 1 < argc && (!feed || optind + 2 != argc)) {
			fprintf(stderr, "memocal: routes takes nothing or \"feed\"\n");
			return 2;
		}
		const http_route *table = feed ? feed_routes : web_routes;
		size_t n = feed ? feed_nroutes : web_nroutes;
		arena a;
		arena_init(&a, 4096);
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", http_methods_text(&a, table[i].methods), table[i].pattern,
			       role_name((enum role)(table[i].flags & 3u)));
		arena_free(&a);
		return 0;
	}
	if (strcmp(cmd, "migrate") != 0 && strcmp(cmd, "seed") != 0 && strcmp(cmd, "status") != 0 &&
	    strcmp(cmd, "config") != 0 && strcmp(cmd, "user") != 0 && strcmp(cmd, "token") != 0) {
		fprintf(stderr, "memocal: unknown command \"%s\"\n", cmd);
		usage(stderr);
		return 2;
	}
	if (strcmp(cmd, "user") != 0 && strcmp(cmd, "token") != 0 && optind + 1 != argc) {
		fprintf(stderr, "memocal: %s takes no arguments\n", cmd);
		return 2;
	}
	config cfg;
	char err[512];
	if (config_load(&cfg, config_path, err, sizeof err) != 0) {
		fprintf(stderr, "memocal: %s\n", err);
		return 1;
	}
	log_threshold = (enum log_level)log_level_parse(cfg.log_level);
	int rc;
	if (strcmp(cmd, "config") == 0) {
		config_dump(&cfg, print_key, NULL);
		rc = 0;
	} else if (strcmp(cmd, "token") == 0) {
		rc = token_command(&cfg, argc - optind - 1, argv + optind + 1);
	} else if (strcmp(cmd, "user") == 0) {
		rc = user_command(&cfg, argc - optind - 1, argv + optind + 1);
	} else {
		rc = with_store(&cfg, cmd);
	}
	config_free(&cfg);
	return rc;
}
