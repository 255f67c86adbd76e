/* config/fuzz.c - libFuzzer harness: the configuration file parser, and what it writes back. */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/config.h"

extern char **environ;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* the file alone decides: no MEMOCAL_<KEY> from the environment */
	for (size_t i = 0; environ[i];) {
		if (strncmp(environ[i], "MEMOCAL_", 8) == 0) {
			char name[256];
			size_t n = strcspn(environ[i], "=");
			snprintf(name, sizeof name, "%.*s", (int)n, environ[i]);
			unsetenv(name);
		} else {
			i++;
		}
	}
	return 0;
}

/* The bytes as a file config_load can open by name. */
static int as_file(const char *s, size_t n, char *path, size_t pathlen)
{
	int fd = memfd_create("memocal.conf", 0);
	if (fd < 0)
		abort();
	if (n && write(fd, s, n) != (ssize_t)n)
		abort();
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

static void dump_line(const char *key, const char *value, void *ctx)
{
	buf_printf(ctx, "%s=%s\n", key, value);
}


/* The input is a configuration file. One that loads is written back (`memocal config` shows it so) and
 * must load again to the same values. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], err[512];
	int fd = as_file((const char *)data, size, path, sizeof path);
	config cfg;
	memset(err, 'x', sizeof err);
	int rc = config_load(&cfg, path, err, sizeof err);
	close(fd);
	if (rc != 0) {
		FUZZ_CHECK(memchr(err, '\0', sizeof err) && strncmp(err, path, strlen(path)) == 0, "message \"%.80s\"", err);
		return 0;
	}
	FUZZ_CHECK(cfg.web_workers >= 1 && cfg.web_workers <= 256 && cfg.max_body >= 1024 && cfg.max_fields >= 1 &&
	                   cfg.max_field_len >= 16 && cfg.web_dsn && cfg.log_level,
	           "values out of their bounds");
	buf first = BUF_INIT, second = BUF_INIT;
	config_dump(&cfg, dump_line, &first);
	config_free(&cfg);
	fd = as_file(first.data, first.len, path, sizeof path);
	rc = config_load(&cfg, path, err, sizeof err);
	close(fd);
	FUZZ_CHECK(rc == 0, "the written-back configuration does not load: %s", err);
	config_dump(&cfg, dump_line, &second);
	config_free(&cfg);
	FUZZ_CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
	           "reloading changed the values:\n%s\n---\n%s", buf_cstr(&first), buf_cstr(&second));
	buf_free(&first);
	buf_free(&second);
	return 0;
}
