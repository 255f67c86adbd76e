/* cli.c - memocal: the administrator's command line (migrations, seed, configuration). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/migrate.h"
#include "util/config.h"
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
	store_init(&s, cfg->admin_dsn, "memocal", 600000);
	if (store_ensure(&s) != 0) {
		fprintf(stderr, "memocal: cannot connect to the database (admin_dsn)\n");
		store_close(&s);
		return 1;
	}
	int rc;
	char dir[4096];
	if (strcmp(what, "migrate") == 0) {
		snprintf(dir, sizeof dir, "%s/migrations", cfg->db_dir);
		rc = store_migrate(&s, dir);
		if (rc >= 0)
			printf("%d migration%s applied\n", rc, rc == 1 ? "" : "s");
	} else if (strcmp(what, "seed") == 0) {
		snprintf(dir, sizeof dir, "%s/seed", cfg->db_dir);
		rc = store_seed(&s, dir);
	} else {
		rc = store_migration_status(&s);
	}
	store_close(&s);
	return rc < 0 ? 1 : 0;
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
	if (strcmp(cmd, "migrate") != 0 && strcmp(cmd, "seed") != 0 && strcmp(cmd, "status") != 0 &&
	    strcmp(cmd, "config") != 0) {
		fprintf(stderr, "memocal: unknown command \"%s\"\n", cmd);
		usage(stderr);
		return 2;
	}
	if (optind + 1 != argc) {
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
	} else {
		rc = with_store(&cfg, cmd);
	}
	config_free(&cfg);
	return rc;
}
