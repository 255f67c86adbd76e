/* test_util.c - unit tests for UTF-8 validation, the arena, buf, the config loader, sealed secrets and log helpers. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feedcache/feedcache.h"
#include "store/rows.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/collate.h"
#include "util/config.h"
#include "util/filetype.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/utf8.h"

extern char **environ;

/* A string literal and its length, embedded NULs included. */
#define LIT(s) s, sizeof(s) - 1

/* ---- utf8 ---- */

static const struct utf8_case {
	const char *name;
	const char *s;
	size_t n;
	bool valid;
	size_t length; /* code points, for valid rows */
} utf8_cases[] = {
	{"empty", LIT(""), true, 0},
	{"ascii", LIT("hello, world ~"), true, 14},
	{"Xəzər", LIT("X\xC9\x99z\xC9\x99r"), true, 5},
	{"dotted capital I", LIT("\xC4\xB0"), true, 1},
	{"Azerbaijani letters", LIT("şçğıöüİƏ"), true, 8},
	{"U+0080", LIT("\xC2\x80"), true, 1},
	{"U+07FF", LIT("\xDF\xBF"), true, 1},
	{"U+0800", LIT("\xE0\xA0\x80"), true, 1},
	{"euro sign", LIT("\xE2\x82\xAC"), true, 1},
	{"U+D7FF before surrogates", LIT("\xED\x9F\xBF"), true, 1},
	{"U+E000 after surrogates", LIT("\xEE\x80\x80"), true, 1},
	{"U+FFFF", LIT("\xEF\xBF\xBF"), true, 1},
	{"U+10000", LIT("\xF0\x90\x80\x80"), true, 1},
	{"emoji", LIT("a\xF0\x9F\x98\x80" "b"), true, 3},
	{"U+10FFFF", LIT("\xF4\x8F\xBF\xBF"), true, 1},
	{"embedded NUL", LIT("a\0b"), true, 3},
	{"only NUL", LIT("\0"), true, 1},
	{"truncated 2-byte", LIT("\xC3"), false, 0},
	{"truncated 2-byte after text", LIT("abc\xC9"), false, 0},
	{"truncated 3-byte", LIT("\xE2\x82"), false, 0},
	{"truncated 4-byte", LIT("\xF0\x9F\x98"), false, 0},
	{"truncated by n", "\xC3\xA9", 1, false, 0},
	{"lone continuation", LIT("\x80"), false, 0},
	{"continuation mid-text", LIT("a\xBF" "b"), false, 0},
	{"bad continuation", LIT("\xC3\x28"), false, 0},
	{"bad 3rd byte", LIT("\xE2\x82\x28"), false, 0},
	{"lead after lead", LIT("\xC3\xC3\xA9"), false, 0},
	{"C0 overlong '/'", LIT("\xC0\xAF"), false, 0},
	{"C0 overlong NUL", LIT("\xC0\x80"), false, 0},
	{"C1 overlong", LIT("\xC1\xBF"), false, 0},
	{"E0 overlong '/'", LIT("\xE0\x80\xAF"), false, 0},
	{"E0 overlong U+07FF", LIT("\xE0\x9F\xBF"), false, 0},
	{"F0 overlong U+FFFF", LIT("\xF0\x8F\xBF\xBF"), false, 0},
	{"surrogate D800", LIT("\xED\xA0\x80"), false, 0},
	{"surrogate DFFF", LIT("\xED\xBF\xBF"), false, 0},
	{"U+110000", LIT("\xF4\x90\x80\x80"), false, 0},
	{"F5 lead", LIT("\xF5\x80\x80\x80"), false, 0},
	{"F8 lead", LIT("\xF8\x88\x80\x80\x80"), false, 0},
	{"FE", LIT("\xFE"), false, 0},
	{"FF", LIT("\xFF"), false, 0},
};

START_TEST(utf8_valid_table)
{
	const struct utf8_case *c = &utf8_cases[_i];
	ck_assert_msg(utf8_valid(c->s, c->n) == c->valid, "row %d (%s): utf8_valid should be %s", _i, c->name,
	              c->valid ? "true" : "false");
	if (c->valid)
		ck_assert_msg(utf8_length(c->s, c->n) == c->length, "row %d (%s): utf8_length = %zu, want %zu", _i,
		              c->name, utf8_length(c->s, c->n), c->length);
}
END_TEST

START_TEST(utf8_length_prefix)
{
	/* the length counts only the first n bytes */
	ck_assert_uint_eq(utf8_length("X\xC9\x99z\xC9\x99r", 3), 2);
	ck_assert_uint_eq(utf8_length("abc", 0), 0);
}
END_TEST

static const struct scrub_case {
	const char *in, *want;
} scrub_cases[] = {
	{"", ""},
	{"Xəzər", "Xəzər"},
	{"cut \xC9", "cut ?"},                        /* a letter cut by a byte count */
	{"a\x80" "b\xFF", "a?b?"},
	{"\xED\xA0\x80", "???"},                     /* a surrogate: three bytes, none starts a sequence */
	{"\xC3(", "?("},
	{"\xF0\x9F\x98\x80 ok", "\xF0\x9F\x98\x80 ok"},
};

START_TEST(utf8_scrub_table)
{
	const struct scrub_case *c = &scrub_cases[_i];
	char s[64];
	snprintf(s, sizeof s, "%s", c->in);
	utf8_scrub(s);
	ck_assert_msg(strcmp(s, c->want) == 0, "row %d: \"%s\", want \"%s\"", _i, s, c->want);
	ck_assert(utf8_valid(s, strlen(s)));
}
END_TEST

/* ---- arena ---- */

static bool aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

START_TEST(arena_alloc_zeroed_aligned)
{
	arena a;
	arena_init(&a, 256);
	for (size_t size = 0; size <= 300; size++) {
		unsigned char *p = arena_alloc(&a, size);
		ck_assert_msg(p != NULL, "size %zu: NULL", size);
		ck_assert_msg(aligned(p), "size %zu: %p not aligned to %zu", size, (void *)p,
		              (size_t)_Alignof(max_align_t));
		for (size_t k = 0; k < size; k++)
			ck_assert_msg(p[k] == 0, "size %zu: byte %zu not zero", size, k);
		memset(p, 0xAB, size); /* dirty it for the reuse check below */
	}
	ck_assert_uint_gt(a.total, 300 * 150);
	arena_free(&a);
	ck_assert_ptr_null(a.head);
	ck_assert_uint_eq(a.total, 0);
}
END_TEST

START_TEST(arena_distinct_pointers)
{
	arena a;
	arena_init(&a, 64);
	char *p[100];
	for (int i = 0; i < 100; i++) {
		p[i] = arena_alloc(&a, 24);
		memset(p[i], 'a' + i % 26, 24);
	}
	for (int i = 0; i < 100; i++)
		for (int k = 0; k < 24; k++)
			ck_assert_msg(p[i][k] == 'a' + i % 26, "allocation %d overwritten at %d", i, k);
	/* zero-size requests still get a usable, distinct pointer */
	void *z1 = arena_alloc(&a, 0), *z2 = arena_alloc(&a, 0);
	ck_assert_ptr_nonnull(z1);
	ck_assert_ptr_ne(z1, z2);
	arena_free(&a);
}
END_TEST

START_TEST(arena_big_allocations)
{
	static const size_t sizes[] = {100, 5000, 1 << 20, 7, 3 * 4096 + 1, 64};
	arena a;
	arena_init(&a, 4096);
	unsigned char *p[sizeof sizes / sizeof *sizes];
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		p[i] = arena_alloc(&a, sizes[i]);
		ck_assert_msg(aligned(p[i]), "size %zu not aligned", sizes[i]);
		/* one assertion per block, not per byte: a per-byte check of 1 MB is slow under ASan */
		size_t k = 0;
		while (k < sizes[i] && p[i][k] == 0)
			k++;
		ck_assert_msg(k == sizes[i], "size %zu: byte %zu not zero", sizes[i], k);
		memset(p[i], (int)(i + 1), sizes[i]); /* ASan catches a block that is too small */
	}
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		ck_assert_msg(p[i][0] == i + 1 && p[i][sizes[i] - 1] == i + 1, "allocation %zu overwritten", i);
	arena_free(&a);
}
END_TEST

START_TEST(arena_default_block)
{
	arena a;
	arena_init(&a, 0);
	ck_assert_uint_gt(a.block_size, 0);
	char *s = arena_alloc(&a, 10);
	ck_assert_ptr_nonnull(s);
	arena_free(&a);
}
END_TEST

START_TEST(arena_strings)
{
	arena a;
	arena_init(&a, 32);
	static const struct {
		const char *s;
		size_t n;
		const char *want;
	} nd[] = {
		{"hello", 3, "hel"}, {"hello", 5, "hello"}, {"hello", 0, ""}, {"X\xC9\x99z\xC9\x99r", 7, "Xəzər"},
	};
	for (size_t i = 0; i < sizeof nd / sizeof *nd; i++) {
		char *p = arena_strndup(&a, nd[i].s, nd[i].n);
		ck_assert_msg(strcmp(p, nd[i].want) == 0, "row %zu: strndup gave \"%s\"", i, p);
		ck_assert_msg(p != nd[i].s, "row %zu: not a copy", i);
	}
	char *d = arena_strdup(&a, "memocal");
	ck_assert_str_eq(d, "memocal");
	ck_assert_ptr_null(arena_strdup(&a, NULL));

	ck_assert_str_eq(arena_printf(&a, "%s-%d-%c", "id", 42, 'x'), "id-42-x");
	ck_assert_str_eq(arena_printf(&a, "%s", ""), "");
	/* longer than a block */
	char big[5001];
	memset(big, 'q', 5000);
	big[5000] = '\0';
	char *p = arena_printf(&a, "<%s>", big);
	ck_assert_uint_eq(strlen(p), 5002);
	ck_assert(p[0] == '<' && p[1] == 'q' && p[5000] == 'q' && p[5001] == '>');
	arena_free(&a);

	/* printf formats into a block's free end: whatever is left there, exactly filled, one byte short or one
	 * alignment step over, what it returns stays intact under what is allocated after it */
	arena_init(&a, 64);
	char *made[300];
	for (size_t len = 0; len < 300; len++) {
		made[len] = arena_printf(&a, "%.*s", (int)len, big);
		memset(arena_alloc(&a, len % 23 + 1), 'Z', len % 23 + 1);
	}
	for (size_t len = 0; len < 300; len++)
		ck_assert_msg(strlen(made[len]) == len && strspn(made[len], "q") == len, "printf of %zu bytes overwritten",
		              len);
	arena_free(&a);
}
END_TEST

START_TEST(arena_reset_reuses)
{
	arena a;
	arena_init(&a, 128);
	unsigned char *first = arena_alloc(&a, 40);
	memset(first, 0xEE, 40);
	for (int i = 0; i < 50; i++)
		memset(arena_alloc(&a, 100), 0xEE, 100); /* several more blocks */
	ck_assert_uint_gt(a.total, 5000);
	arena_reset(&a);
	ck_assert_uint_eq(a.total, 0);
	unsigned char *again = arena_alloc(&a, 40);
	ck_assert_ptr_eq(again, first); /* the kept block is the first one */
	for (int k = 0; k < 40; k++)
		ck_assert_msg(again[k] == 0, "reused byte %d not zeroed", k);
	ck_assert_uint_gt(a.total, 0);
	/* resetting an arena that never allocated is harmless */
	arena b;
	arena_init(&b, 128);
	arena_reset(&b);
	ck_assert_ptr_null(b.head);
	arena_free(&b);
	arena_free(&a);
}
END_TEST

/* A reset keeps the blocks a large request grew (up to a bound) for the next one: the same memory comes back,
 * zeroed by arena_alloc, and strings copied into it are whole. */
START_TEST(arena_reset_keeps_spares)
{
	arena a;
	arena_init(&a, 4096);
	for (int i = 0; i < 40; i++)
		memset(arena_alloc(&a, 60000), 0xEE, 60000); /* about 2.4 MB: several blocks past the first */
	arena_reset(&a);
	ck_assert_ptr_nonnull(a.spare);
	for (int i = 0; i < 40; i++) { /* the same sizes again: taken from the spares, cleared */
		unsigned char *p = arena_alloc(&a, 60000);
		for (int k = 0; k < 60000; k += 997)
			ck_assert_msg(p[k] == 0, "reused byte %d not zeroed", k);
	}
	char *s = arena_strdup(&a, "Xəzər Universiteti");
	ck_assert_str_eq(s, "Xəzər Universiteti");
	ck_assert_str_eq(arena_printf(&a, "%s-%d", "n", 42), "n-42");
	arena_reset(&a);
	arena_free(&a); /* spares too (the leak checker of the sanitizer build would say) */
	ck_assert_ptr_null(a.spare);
	ck_assert_ptr_null(a.head);
}
END_TEST

/* Requests no allocator can satisfy must abort (the documented contract), never hang or return. */
static const size_t huge_sizes[] = {
	SIZE_MAX,
	SIZE_MAX - 64,          /* regression: doubling the block size once wrapped to 0 and spun */
	SIZE_MAX / 2 + 4096,    /* the same loop */
};

START_TEST(arena_huge_aborts)
{
	arena a;
	arena_init(&a, 4096);
	void *p = arena_alloc(&a, huge_sizes[_i]);
	ck_abort_msg("row %d: arena_alloc(%zu) returned %p", _i, huge_sizes[_i], p);
}
END_TEST

/* ---- buf ---- */

START_TEST(buf_empty)
{
	buf b = BUF_INIT;
	ck_assert_str_eq(buf_cstr(&b), "");
	ck_assert_ptr_null(b.data);
	buf_printf(&b, "%s", ""); /* nothing to add: still empty and printable */
	ck_assert_str_eq(buf_cstr(&b), "");
	ck_assert_uint_eq(b.len, 0);
	buf_append(&b, "", 0);
	ck_assert_str_eq(buf_cstr(&b), "");
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(buf_cstr(&b), "");
}
END_TEST

START_TEST(buf_growth)
{
	buf b = BUF_INIT;
	size_t want = 0;
	for (int i = 0; i < 5000; i++) {
		switch (i % 4) {
		case 0:
			buf_putc(&b, (char)('a' + i % 26));
			want += 1;
			break;
		case 1:
			buf_puts(&b, "ə-");
			want += 3;
			break;
		case 2:
			buf_append(&b, "xyz", 2);
			want += 2;
			break;
		default:
			buf_printf(&b, "[%04d]", i);
			want += 6;
			break;
		}
		ck_assert_msg(b.len == want, "after %d appends len %zu, want %zu", i + 1, b.len, want);
		ck_assert_msg(b.data[b.len] == '\0', "after %d appends not NUL-terminated", i + 1);
		ck_assert_msg(b.cap > b.len, "after %d appends cap %zu <= len %zu", i + 1, b.cap, b.len);
	}
	/* spot-check the content of the first cycle and the last one */
	ck_assert(strncmp(b.data, "aə-xy[0003]", strlen("aə-xy[0003]")) == 0);
	const char *tail = "ə-xy[4999]";
	ck_assert_str_eq(b.data + b.len - strlen(tail), tail);
	buf_free(&b);
}
END_TEST

START_TEST(buf_long_printf)
{
	buf b = BUF_INIT;
	buf_puts(&b, "head:");
	char big[3000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "%s|%d", big, 7);
	ck_assert_uint_eq(b.len, 5 + 2999 + 2);
	ck_assert(strncmp(b.data, "head:zzz", 8) == 0);
	ck_assert_str_eq(b.data + b.len - 3, "z|7");
	buf_free(&b);
}
END_TEST

START_TEST(buf_binary_and_reset)
{
	buf b = BUF_INIT;
	buf_append(&b, "a\0b", 3);
	buf_putc(&b, '\0');
	ck_assert_uint_eq(b.len, 4);
	ck_assert(memcmp(b.data, "a\0b\0", 5) == 0);

	char *mem = b.data;
	size_t cap = b.cap;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_cstr(&b), "");
	ck_assert_ptr_eq(b.data, mem); /* memory kept */
	ck_assert_uint_eq(b.cap, cap);
	buf_puts(&b, "again");
	ck_assert_str_eq(buf_cstr(&b), "again");
	ck_assert_ptr_eq(b.data, mem);

	buf never = BUF_INIT;
	buf_reset(&never);
	ck_assert_str_eq(buf_cstr(&never), "");
	buf_free(&never);
	buf_free(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(buf_reserve_keeps_content)
{
	buf b = BUF_INIT;
	buf_puts(&b, "keep");
	buf_reserve(&b, 100000);
	ck_assert_uint_ge(b.cap, 100005);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_str_eq(buf_cstr(&b), "keep");
	buf_free(&b);
}
END_TEST

/* ---- config ---- */

/* Unsets every MEMOCAL_* variable so the environment cannot leak into a test. */
static void clear_memocal_env(void)
{
	for (;;) {
		char name[256] = "";
		for (char **e = environ; e && *e; e++)
			if (strncmp(*e, "MEMOCAL_", 8) == 0) {
				size_t n = strcspn(*e, "=");
				if (n >= sizeof name)
					n = sizeof name - 1;
				memcpy(name, *e, n);
				name[n] = '\0';
				break;
			}
		if (!name[0])
			return;
		unsetenv(name);
	}
}

static char conf_path[64];

static void config_setup(void)
{
	clear_memocal_env();
	conf_path[0] = '\0';
}

static void config_teardown(void)
{
	if (conf_path[0])
		unlink(conf_path);
	clear_memocal_env();
}

/* Writes text to a fresh temporary file, remembered for the teardown. */
static const char *write_conf(const char *text)
{
	if (conf_path[0])
		unlink(conf_path);
	strcpy(conf_path, "/tmp/test_util_conf_XXXXXX");
	int fd = mkstemp(conf_path);
	ck_assert_msg(fd >= 0, "mkstemp failed");
	size_t n = strlen(text);
	ck_assert(write(fd, text, n) == (ssize_t)n);
	close(fd);
	return conf_path;
}

static void check_defaults(const config *cfg)
{
	ck_assert_str_eq(cfg->web_dsn, "dbname=memocal");
	ck_assert_str_eq(cfg->feed_dsn, "dbname=memocal");
	ck_assert_str_eq(cfg->web_listen, "127.0.0.1:9001");
	ck_assert_str_eq(cfg->feed_listen, "127.0.0.1:9002");
	ck_assert_int_eq(cfg->web_workers, 4);
	ck_assert_int_eq(cfg->feed_workers, 4);
	ck_assert_int_eq(cfg->session_lifetime, 43200);
	ck_assert_int_eq(cfg->max_body, 1048576);
	ck_assert_int_eq(cfg->max_fields, 1200);
	ck_assert_int_eq(cfg->max_occurrences_per_day, 48);
	ck_assert_int_eq(cfg->max_occurrences_per_year, 8784);
	ck_assert_int_eq(cfg->max_field_len, 65536);
	ck_assert_int_eq(cfg->statement_timeout, 4000);
	ck_assert_int_eq(cfg->lock_timeout, 2000);
	ck_assert_int_eq(cfg->db_timeout, 5000);
	ck_assert_int_eq(cfg->feed_stale_grace, 300);
	ck_assert_int_eq(cfg->feed_past_days, 365);
	ck_assert_str_eq(cfg->log_level, "info");
	ck_assert_ptr_nonnull(strstr(cfg->template_dir, "templates"));
}

START_TEST(config_defaults_without_file)
{
	ck_assert_msg(access(config_default_path(), F_OK) != 0,
	              "%s exists; this test needs the installed default to be absent", config_default_path());
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, NULL, err, sizeof err) == 0, "config_load: %s", err);
	check_defaults(&cfg);
	config_free(&cfg);

	/* an empty MEMOCAL_CONFIG means "not set" */
	setenv("MEMOCAL_CONFIG", "", 1);
	ck_assert_msg(config_load(&cfg, NULL, err, sizeof err) == 0, "config_load: %s", err);
	check_defaults(&cfg);
	config_free(&cfg);
}
END_TEST

START_TEST(config_empty_file_is_defaults)
{
	const char *path = write_conf("# nothing but a comment\n\n   \n\t# indented comment\n");
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, path, err, sizeof err) == 0, "config_load: %s", err);
	check_defaults(&cfg);
	config_free(&cfg);
}
END_TEST

static const char good_conf[] = "# memocal test configuration\n"
                                "\n"
                                "  web_dsn = host=db dbname=memocal user=memocal-web  \n"
                                "feed_dsn=host=replica\r\n"
                                "web_workers = 2\n"
                                "   # comment between keys\n"
                                "feed_workers = 256\n"
                                "base_url = https://memo.example.az\n"
                                "template_dir = /srv/memocal/templates\n"
                                "log_level = debug\n"
                                "feed_past_days = 0\n"
                                "max_field_len = 16\n"
                                "web_listen =\n"
                                "session_lifetime = 60\n"
                                "session_lifetime = 31536000\n"; /* the last one wins */

static void check_good(const config *cfg)
{
	ck_assert_str_eq(cfg->web_dsn, "host=db dbname=memocal user=memocal-web");
	ck_assert_str_eq(cfg->feed_dsn, "host=replica");
	ck_assert_str_eq(cfg->admin_dsn, "dbname=memocal"); /* untouched default */
	ck_assert_int_eq(cfg->web_workers, 2);
	ck_assert_int_eq(cfg->feed_workers, 256);
	ck_assert_str_eq(cfg->base_url, "https://memo.example.az");
	ck_assert_str_eq(cfg->template_dir, "/srv/memocal/templates");
	ck_assert_str_eq(cfg->log_level, "debug");
	ck_assert_int_eq(cfg->feed_past_days, 0);
	ck_assert_int_eq(cfg->max_field_len, 16);
	ck_assert_str_eq(cfg->web_listen, "");
	ck_assert_int_eq(cfg->session_lifetime, 31536000);
	ck_assert_int_eq(cfg->max_body, 1048576);
}

START_TEST(config_values_read)
{
	const char *path = write_conf(good_conf);
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, path, err, sizeof err) == 0, "config_load: %s", err);
	check_good(&cfg);
	config_free(&cfg);
	ck_assert_ptr_null(cfg.web_dsn);
	ck_assert_ptr_null(cfg.log_level);
	config_free(&cfg); /* twice is harmless */

	/* the same file through MEMOCAL_CONFIG */
	setenv("MEMOCAL_CONFIG", path, 1);
	ck_assert_msg(config_load(&cfg, NULL, err, sizeof err) == 0, "config_load: %s", err);
	check_good(&cfg);
	config_free(&cfg);
}
END_TEST

START_TEST(config_env_overrides)
{
	const char *path = write_conf(good_conf);
	setenv("MEMOCAL_WEB_WORKERS", "16", 1);
	setenv("MEMOCAL_BASE_URL", "https://other.example", 1);
	setenv("MEMOCAL_MAX_BODY", "2048", 1);
	setenv("MEMOCAL_LOG_LEVEL", "warn", 1);
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, path, err, sizeof err) == 0, "config_load: %s", err);
	ck_assert_int_eq(cfg.web_workers, 16);
	ck_assert_str_eq(cfg.base_url, "https://other.example");
	ck_assert_int_eq(cfg.max_body, 2048);
	ck_assert_str_eq(cfg.log_level, "warn");
	ck_assert_int_eq(cfg.feed_workers, 256); /* from the file */
	config_free(&cfg);
}
END_TEST

struct conf_err_case {
	const char *env_name, *env_value; /* optional variable to set */
	const char *text;
	int line;          /* 0: no "path:line" expected, only the path */
	const char *what;  /* must appear in the message */
	const char *what2; /* and this, when set */
};

static const struct conf_err_case conf_errors[] = {
	{NULL, NULL, "bogus = 1\n", 1, "unknown key \"bogus\"", NULL},
	{NULL, NULL, "# c\n\nweb_workers = 2\n  # c\nbogus_key = 1\n", 5, "unknown key", "bogus_key"},
	{NULL, NULL, "WEB_WORKERS = 4\n", 1, "unknown key", "WEB_WORKERS"},
	{NULL, NULL, "\n\nweb_workers = many\n", 3, "web_workers must be a whole number", "many"},
	{NULL, NULL, "web_workers = 4x\n", 1, "web_workers must be a whole number", "4x"},
	{NULL, NULL, "web_workers = 4.5\n", 1, "web_workers must be a whole number", NULL},
	{NULL, NULL, "web_workers =\n", 1, "web_workers must be a whole number", NULL},
	{NULL, NULL, "web_workers = 99999999999999999999999\n", 1, "web_workers must be a whole number", NULL},
	{NULL, NULL, "web_workers = 0\n", 1, "web_workers must be between 1 and 256", NULL},
	{NULL, NULL, "web_workers = 257\n", 1, "web_workers must be between 1 and 256", "257"},
	{NULL, NULL, "web_workers = -3\n", 1, "between", "-3"},
	{NULL, NULL, "max_body = 1023\n", 1, "max_body must be between 1024", NULL},
	{NULL, NULL, "feed_past_days = -1\n", 1, "feed_past_days must be between 0 and 36500", NULL},
	{NULL, NULL, "session_lifetime = 59\n", 1, "session_lifetime", "between"},
	{NULL, NULL, "statement_timeout = 600001\n", 1, "statement_timeout", "600001"},
	{NULL, NULL, "statement_timeout = 5000\n", 0, "must be less than db_timeout", "5000"},
	{NULL, NULL, "db_timeout = 99\n", 1, "db_timeout must be between 100", NULL},
	{NULL, NULL, "web_workers 4\n", 1, "expected \"key = value\"", "web_workers 4"},
	{NULL, NULL, "log_level = info\n\n\njust some text\n", 4, "expected \"key = value\"", NULL},
	{NULL, NULL, "log_level = verbose\n", 0, "log_level", "verbose"},
	{NULL, NULL, "log_level = INFO\n", 0, "log_level", "INFO"},
	{"MEMOCAL_WEB_WORKERS", "abc", "web_workers = 2\n", 0, "MEMOCAL_WEB_WORKERS", "whole number"},
	{"MEMOCAL_FEED_WORKERS", "1000", "", 0, "MEMOCAL_FEED_WORKERS", "between 1 and 256"},
	{"MEMOCAL_LOG_LEVEL", "loud", "log_level = info\n", 0, "log_level", "loud"},
};

START_TEST(config_errors_table)
{
	const struct conf_err_case *c = &conf_errors[_i];
	const char *path = write_conf(c->text);
	if (c->env_name)
		setenv(c->env_name, c->env_value, 1);
	config cfg;
	char err[512] = "", want[128];
	int rc = config_load(&cfg, path, err, sizeof err);
	ck_assert_msg(rc == -1, "row %d: loaded \"%s\"", _i, c->text);
	if (c->line)
		snprintf(want, sizeof want, "%s:%d: ", path, c->line);
	else if (c->env_name && strcmp(c->what, c->env_name) == 0)
		snprintf(want, sizeof want, "%s: ", c->env_name);
	else
		snprintf(want, sizeof want, "%s: ", path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "row %d: \"%s\" does not start with \"%s\"", _i, err,
	              want);
	ck_assert_msg(strstr(err, c->what) != NULL, "row %d: \"%s\" lacks \"%s\"", _i, err, c->what);
	ck_assert_msg(!c->what2 || strstr(err, c->what2) != NULL, "row %d: \"%s\" lacks \"%s\"", _i, err, c->what2);
	config_free(&cfg);
}
END_TEST

START_TEST(config_missing_explicit_file)
{
	static const char missing[] = "/tmp/test_util_no_such_dir/memocal.conf";
	config cfg;
	char err[512] = "";
	ck_assert_int_eq(config_load(&cfg, missing, err, sizeof err), -1);
	ck_assert_msg(strncmp(err, missing, strlen(missing)) == 0 && strstr(err, "cannot open"), "got \"%s\"", err);
	config_free(&cfg);

	/* a file named by MEMOCAL_CONFIG was asked for, so it must exist too */
	setenv("MEMOCAL_CONFIG", missing, 1);
	err[0] = '\0';
	ck_assert_int_eq(config_load(&cfg, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, missing) && strstr(err, "cannot open"), "got \"%s\"", err);
	config_free(&cfg);
}
END_TEST

START_TEST(config_error_leaves_nothing)
{
	/* regression: a failed config_load once kept the default strings allocated, so every
	 * refused SIGHUP reload leaked them; it must release what it allocated before failing */
	const char *path = write_conf("bogus = 1\n");
	config cfg;
	char err[512] = "";
	ck_assert_int_eq(config_load(&cfg, path, err, sizeof err), -1);
	bool clean = cfg.web_dsn == NULL && cfg.log_level == NULL && cfg.template_dir == NULL;
	config_free(&cfg); /* freed here so the sanitizer run stays quiet either way */
	unlink(conf_path); /* a failed check skips the teardown */
	conf_path[0] = '\0';
	ck_assert_msg(clean, "a failed config_load still owns strings the caller is not told to free");
}
END_TEST

/* A line longer than any fixed buffer is read whole (a DSN with a long password), never cut. */
START_TEST(config_long_line_read_whole)
{
	size_t n = 20000;
	char *pw = malloc(n + 1);
	ck_assert_ptr_nonnull(pw);
	for (size_t i = 0; i < n; i++)
		pw[i] = (char)('a' + i % 26);
	pw[n] = '\0';
	char *text = NULL;
	ck_assert(asprintf(&text, "web_workers = 2\nweb_dsn = dbname=memocal password=%s\nfeed_workers = 3\n", pw) > 0);
	const char *path = write_conf(text);
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, path, err, sizeof err) == 0, "config_load: %s", err);
	ck_assert_uint_eq(strlen(cfg.web_dsn), strlen("dbname=memocal password=") + n);
	ck_assert(strcmp(cfg.web_dsn + strlen("dbname=memocal password="), pw) == 0);
	ck_assert_int_eq(cfg.feed_workers, 3); /* the line after it is a line of its own */
	config_free(&cfg);
	free(text);
	free(pw);
}
END_TEST

/* A refused long line names file:line, and the quoted text cut to fit is still UTF-8; a NUL is refused. */
START_TEST(config_long_line_errors)
{
	buf b = BUF_INIT;
	buf_puts(&b, "web_workers = 2\n");
	for (int i = 0; i < 3000; i++)
		buf_puts(&b, "ə"); /* 6000 bytes of two-byte letters, no '=' */
	buf_puts(&b, "\n");
	const char *path = write_conf(buf_cstr(&b));
	config cfg;
	char err[100] = "";
	ck_assert_int_eq(config_load(&cfg, path, err, sizeof err), -1);
	char want[80];
	snprintf(want, sizeof want, "%s:2: ", path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got \"%s\"", err);
	ck_assert_msg(utf8_valid(err, strlen(err)), "not UTF-8: \"%s\"", err);
	config_free(&cfg);

	static const char with_nul[] = "web_workers = 2\nweb_dsn = a\0b\n";
	unlink(conf_path);
	strcpy(conf_path, "/tmp/test_util_conf_XXXXXX");
	int fd = mkstemp(conf_path);
	ck_assert(fd >= 0);
	ck_assert(write(fd, with_nul, sizeof with_nul - 1) == (ssize_t)(sizeof with_nul - 1));
	close(fd);
	char err2[512] = "";
	ck_assert_int_eq(config_load(&cfg, conf_path, err2, sizeof err2), -1);
	ck_assert_msg(strstr(err2, ":2: ") && strstr(err2, "NUL"), "got \"%s\"", err2);
	config_free(&cfg);
	buf_free(&b);
}
END_TEST

struct dump_ctx {
	int lines;
	bool saw_workers, saw_level;
};

static void dump_line(const char *key, const char *value, void *ctx)
{
	struct dump_ctx *d = ctx;
	d->lines++;
	if (strcmp(key, "web_workers") == 0 && strcmp(value, "2") == 0)
		d->saw_workers = true;
	if (strcmp(key, "log_level") == 0 && strcmp(value, "debug") == 0)
		d->saw_level = true;
}

START_TEST(config_dump_every_key)
{
	const char *path = write_conf(good_conf);
	config cfg;
	char err[512] = "";
	ck_assert_msg(config_load(&cfg, path, err, sizeof err) == 0, "config_load: %s", err);
	struct dump_ctx d = {0, false, false};
	config_dump(&cfg, dump_line, &d);
	ck_assert_int_eq(d.lines, 46); /* every key of the table in config.c (issue 16: notice_months, dormant_months; issue 15: document_max_bytes) */
	ck_assert(d.saw_workers);
	ck_assert(d.saw_level);
	config_free(&cfg);
}
END_TEST

/* ---- log ---- */

START_TEST(log_level_parse_table)
{
	static const struct {
		const char *in;
		int want;
	} cases[] = {
		{"debug", LOG_DEBUG}, {"info", LOG_INFO}, {"warn", LOG_WARN}, {"error", LOG_ERROR},
		{"INFO", -1},         {"warning", -1},    {"", -1},           {"info ", -1},
		{"err", -1},          {"fatal", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_msg(log_level_parse(cases[i].in) == cases[i].want, "log_level_parse(\"%s\") = %d, want %d",
		              cases[i].in, log_level_parse(cases[i].in), cases[i].want);
}
END_TEST

START_TEST(log_quote_table)
{
	static const struct {
		const char *in;
		unsigned max;
		const char *want;
	} cases[] = {
		{"plain", 256, "\"plain\""},
		{"/memoranda/1?x=y z", 256, "\"/memoranda/1?x=y z\""},
		{"", 256, "\"\""},
		{NULL, 256, "\"\""},
		{"a\"b", 256, "\"a\\\"b\""},
		{"a\\b", 256, "\"a\\\\b\""},
		{"\\\"", 256, "\"\\\\\\\"\""},
		{"line\nbreak", 256, "\"line\\x0abreak\""},
		{"\r\t\x01\x1f\x7f", 256, "\"\\x0d\\x09\\x01\\x1f\\x7f\""},
		{"\x20~", 256, "\" ~\""},
		{"Xəzər", 256, "\"Xəzər\""},
		{"abcdef", 3, "\"abc\""},
		{"abc", 3, "\"abc\""},
		{"abc", 0, "\"\""},
		{"\"\"\"\"", 2, "\"\\\"\\\"\""},
		{"\n\n\n", 1, "\"\\x0a\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		buf_puts(&b, "path=");
		log_quote(&b, cases[i].in, cases[i].max);
		ck_assert_msg(strncmp(buf_cstr(&b), "path=", 5) == 0, "row %zu: prefix lost", i);
		ck_assert_msg(strcmp(buf_cstr(&b) + 5, cases[i].want) == 0, "row %zu: log_quote gave %s, want %s", i,
		              buf_cstr(&b) + 5, cases[i].want);
		buf_free(&b);
	}
}
END_TEST

/* ---- store/rows.c: text arrays as PostgreSQL array literals ---- */

static const struct {
	const char *in[3];
	size_t n;
	const char *want;
} text_arrays[] = {
	{{NULL, NULL, NULL}, 0, "{}"},
	{{"a", NULL, NULL}, 1, "{\"a\"}"},
	{{"a", NULL, "b"}, 3, "{\"a\",NULL,\"b\"}"},
	{{"say \"hi\"", "back\\slash", "{,}"}, 3, "{\"say \\\"hi\\\"\",\"back\\\\slash\",\"{,}\"}"},
	{{"NULL", "", "Xəzər"}, 3, "{\"NULL\",\"\",\"Xəzər\"}"},
};

START_TEST(param_text_array_table)
{
	arena a;
	arena_init(&a, 0);
	const char *got = param_text_array(&a, text_arrays[_i].in, text_arrays[_i].n);
	ck_assert_str_eq(got, text_arrays[_i].want);
	arena_free(&a);
}
END_TEST

/* ---- feedcache: files renamed into place, rendered again when gone, memory when the disk refuses ---- */

static int builds;
static char *build_feed(void *ctx, size_t *len)
{
	builds++;
	const char *text = ctx;
	*len = strlen(text);
	return strdup(text);
}

/* A feed address's secret sealed for the page that shows it once (migration 015): only the same key
 * opens it; any change to the sealed text, another key, or text that is not base64url gives NULL. */
START_TEST(secret_seal_round_trip)
{
	ck_assert_int_eq(secret_init(), 0);
	arena ar;
	arena_init(&ar, 0);
	arena *a = &ar;
	const char *key = secret_token(a, 32), *other = secret_token(a, 32);
	const char *plain = "Vq3y0T9y2m1b_yJd8mKQx7c9dZp0sR4tU6wE1aB2cD3";
	char *sealed = secret_seal(a, key, plain);
	ck_assert_ptr_nonnull(sealed);
	ck_assert_ptr_null(strstr(sealed, plain));
	ck_assert_str_eq(secret_unseal(a, key, sealed), plain);
	/* a random nonce each time: the same secret never seals to the same text */
	ck_assert_str_ne(secret_seal(a, key, plain), sealed);
	ck_assert_ptr_null(secret_unseal(a, other, sealed));
	char *bent = arena_strdup(a, sealed);
	size_t mid = strlen(bent) / 2;
	bent[mid] = bent[mid] == 'A' ? 'B' : 'A';
	ck_assert_ptr_null(secret_unseal(a, key, bent));
	ck_assert_ptr_null(secret_unseal(a, key, arena_strndup(a, sealed, strlen(sealed) - 2)));
	ck_assert_ptr_null(secret_unseal(a, key, ""));
	ck_assert_ptr_null(secret_unseal(a, key, "AAAA"));
	ck_assert_ptr_null(secret_unseal(a, key, "not base64 at all!"));
	ck_assert_str_eq(secret_unseal(a, key, secret_seal(a, key, "")), "");
	arena_free(&ar);
}
END_TEST

START_TEST(feedcache_names)
{
	ck_assert(feedcache_valid_name("memorandum-1-az"));
	ck_assert(feedcache_valid_name("v12-d20250301-0123456789abcdef"));
	ck_assert(!feedcache_valid_name(""));
	ck_assert(!feedcache_valid_name(NULL));
	ck_assert(!feedcache_valid_name("../etc"));
	ck_assert(!feedcache_valid_name("a/b"));
	ck_assert(!feedcache_valid_name("Memorandum"));
	char long_name[98];
	memset(long_name, 'a', 97);
	long_name[97] = '\0';
	ck_assert(!feedcache_valid_name(long_name));
	long_name[96] = '\0';
	ck_assert(feedcache_valid_name(long_name));
}
END_TEST

/* Names in the order of the reader's alphabet: Azerbaijani's for an Azerbaijani reader (ç after c, x after h, ı
 * before i, q after k, I the capital of ı), English's otherwise (each Azerbaijani letter after its Latin one). */
START_TEST(collate_orders)
{
	static const char *const az_sorted[] = {"Abbas", "Cavid", "Çingiz", "Davud", "Elçin", "Əli", "Fariz", "Gülnar",
	                                        "Ğ", "Həsən", "Xəzər", "Ilham", "ilkin", "İradə", "Kamal", "Qafar",
	                                        "Leyla", "Məleykə", "Orxan", "Ömər", "Pərvin", "Samir", "Şəki", "Tural",
	                                        "Ulviyyə", "Ümid", "Vüsal", "Zaur"};
	static const char *const en_sorted[] = {"Abbas", "Cavid", "Çingiz", "Davud", "Elçin", "Əli", "Fariz", "Ilham",
	                                        "ilkin", "İradə", "Kamal", "Leyla", "Qafar", "Samir", "Şəki", "Xəzər",
	                                        "Zaur"};
	for (size_t i = 0; i + 1 < sizeof az_sorted / sizeof *az_sorted; i++)
		ck_assert_msg(collate(az_sorted[i], az_sorted[i + 1], "az") < 0, "az: %s before %s", az_sorted[i],
		              az_sorted[i + 1]);
	for (size_t i = 0; i + 1 < sizeof en_sorted / sizeof *en_sorted; i++)
		ck_assert_msg(collate(en_sorted[i], en_sorted[i + 1], "en") < 0, "en: %s before %s", en_sorted[i],
		              en_sorted[i + 1]);
	ck_assert_int_eq(collate("Şəki", "Şəki", "az"), 0);
	ck_assert_int_lt(collate("MİRAS", "miras", "az"), 0); /* the same letters: as written */
	ck_assert_int_lt(collate("Ab", "Abc", "az"), 0);
	ck_assert_int_lt(collate("A b", "Ab", "en"), 0); /* a space before any letter */
}
END_TEST

/* A download's name ends in its type's extension and holds nothing that turns it around or hides. */
static const struct {
	const char *type, *name, *want;
} download_names[] = {
	{"application/pdf", "minutes.pdf", "minutes.pdf"},
	{"application/pdf", "Minutes.PDF", "Minutes.PDF"},
	{"application/pdf", "QD minutes.html", "QD minutes.html.pdf"},
	{"text/plain; charset=utf-8", "notes.js", "notes.js.txt"},
	{"text/plain; charset=utf-8", "list.csv", "list.csv"},
	{"text/plain; charset=utf-8", "page.hta", "page.hta.txt"},
	{"image/jpeg", "photo.jpeg", "photo.jpeg"},
	{"image/jpeg", "photo", "photo.jpg"},
	{"application/pdf", "QD\xe2\x80\xae" "fdp.exe", "QDfdp.exe.pdf"},
	{"application/pdf", "plan.pdf.", "plan.pdf"},
	{"application/pdf", "\xe2\x80\x8b", "document.pdf"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Hesabat ə.docx", "Hesabat ə.docx"},
};

START_TEST(filetype_download_names)
{
	arena a;
	arena_init(&a, 1024);
	const char *got = filetype_download_name(&a, download_names[_i].type, download_names[_i].name);
	ck_assert_msg(strcmp(got, download_names[_i].want) == 0, "%s as %s: %s, want %s", download_names[_i].name,
	              download_names[_i].type, got, download_names[_i].want);
	arena_free(&a);
}
END_TEST

START_TEST(feedcache_files_and_memory)
{
	char dir[] = "/tmp/test_feedcache.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	feedcache_init(dir);
	builds = 0;
	const feedcache_entry *e = feedcache_get("memorandum-1-az", "v1-d20250301-ff", 1700000000, build_feed, "BEGIN:X");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(builds, 1);
	ck_assert_ptr_nonnull(e->file);
	ck_assert_ptr_null(e->bytes);
	ck_assert_int_eq(e->lm, 1700000000);
	ck_assert_int_eq(e->size, 7);
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, e->file);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq((long long)st.st_mtime, 1700000000); /* nginx's ETag is mtime-size: the same as ours */
	/* remembered: no second build */
	e = feedcache_get("memorandum-1-az", "v1-d20250301-ff", 1700000000, build_feed, "BEGIN:X");
	ck_assert_int_eq(builds, 1);
	/* removed under it: built again, same Last-Modified (the scope's last record says the bytes did not change) */
	ck_assert_int_eq(unlink(path), 0);
	e = feedcache_get("memorandum-1-az", "v1-d20250301-ff", 1700000500, build_feed, "BEGIN:X");
	ck_assert_int_eq(builds, 2);
	ck_assert_int_eq(e->lm, 1700000000);
	ck_assert_int_eq(stat(path, &st), 0);
	/* another version with other bytes: Last-Modified moves forwards */
	e = feedcache_get("memorandum-1-az", "v2-d20250301-ff", 1600000000, build_feed, "BEGIN:Y");
	ck_assert_int_eq(e->lm, 1700000001);
	buf b = BUF_INIT;
	ck_assert_int_eq(feedcache_read(e, &b), 0);
	ck_assert_str_eq(buf_cstr(&b), "BEGIN:Y");
	buf_reset(&b);
	/* a cache that cannot be written (its folder is a file): the bytes from memory */
	char blocked[300];
	snprintf(blocked, sizeof blocked, "%s/file", dir);
	FILE *f = fopen(blocked, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	char under[320];
	snprintf(under, sizeof under, "%s/cache", blocked);
	feedcache_init(under);
	e = feedcache_get("person-2-en", "v1-d20250301-ff", 1700000000, build_feed, "BEGIN:Z");
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(e->file);
	ck_assert_ptr_nonnull(e->bytes);
	ck_assert_int_eq(feedcache_read(e, &b), 0);
	ck_assert_str_eq(buf_cstr(&b), "BEGIN:Z");
	ck_assert_ptr_nonnull(feedcache_peek("person-2-en", "v1-d20250301-ff"));
	ck_assert_ptr_null(feedcache_peek("person-2-en", "v9-d20250301-ff"));
	/* malformed names are refused, never turned into paths */
	ck_assert_ptr_null(feedcache_get("../x", "v1", 0, build_feed, "BEGIN:Z"));
	buf_free(&b);
	feedcache_free();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* While a scope renders (here: inside its build), a fetch of the same scope is answered with the scope's
 * previous render, and does not build; the render's lock is released when it is done. */
static const feedcache_entry *inner;
static bool inner_previous;
static int inner_builds;
static char *build_counting(void *ctx, size_t *len)
{
	(void)ctx;
	inner_builds++;
	*len = 1;
	return strdup("Q");
}
static char *build_while_asked(void *ctx, size_t *len)
{
	inner = feedcache_get_shared("memorandum-7-en", "v2-d20250301-ff", 1700000100, build_counting, NULL, &inner_previous);
	return build_feed(ctx, len);
}

START_TEST(feedcache_one_render_at_a_time)
{
	char dir[] = "/tmp/test_feedcache.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	feedcache_init(dir);
	bool previous = true;
	/* the first render of a scope: nothing before it to answer with */
	const feedcache_entry *e =
	    feedcache_get_shared("memorandum-7-en", "v1-d20250301-ff", 1700000000, build_feed, "BEGIN:OLD", &previous);
	ck_assert_ptr_nonnull(e);
	ck_assert(!previous);
	long long old_size = e->size;
	/* the next version renders; a fetch that comes meanwhile gets v1, not a build of its own */
	inner = NULL;
	inner_builds = 0;
	e = feedcache_get_shared("memorandum-7-en", "v2-d20250301-ff", 1700000100, build_while_asked, "BEGIN:NEWER", &previous);
	ck_assert_ptr_nonnull(e);
	ck_assert(!previous);
	ck_assert_int_eq(e->size, 11);
	ck_assert_int_eq(inner_builds, 0);
	ck_assert(inner_previous);
	ck_assert_ptr_nonnull(inner);
	ck_assert_int_eq(inner->size, old_size); /* (inner points into the cache's slots: read before the next call) */
	/* done: the lock is free, and the new render is what every fetch gets */
	e = feedcache_get_shared("memorandum-7-en", "v2-d20250301-ff", 1700000100, build_counting, NULL, &previous);
	ck_assert(!previous);
	ck_assert_int_eq(e->size, 11);
	ck_assert_int_eq(inner_builds, 0);
	/* a scope with no render yet: built at once */
	e = feedcache_get_shared("person-3-az", "v1-d20250301-ff", 1700000000, build_counting, NULL, &previous);
	ck_assert_int_eq(inner_builds, 1);
	ck_assert(!previous);
	feedcache_free();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A subscriber's own copy: built once, kept in memory with the Last-Modified it was given, never on disk. */
START_TEST(feedcache_private_copies)
{
	char dir[] = "/tmp/test_feedcache.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	feedcache_init(dir);
	builds = 0;
	const feedcache_entry *e = feedcache_get_private("memorandum-7-en-t12", "v1-d20250301-ff", 1700000000, build_feed, "SECRET");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(builds, 1);
	ck_assert_ptr_null(e->file);
	ck_assert_ptr_nonnull(e->bytes);
	ck_assert_int_eq(e->lm, 1700000000);
	ck_assert_int_eq(e->size, 6);
	e = feedcache_get_private("memorandum-7-en-t12", "v1-d20250301-ff", 1700000000, build_feed, "SECRET");
	ck_assert_int_eq(builds, 1);
	char path[300];
	snprintf(path, sizeof path, "%s/memorandum-7-en-t12", dir);
	struct stat st;
	ck_assert_int_ne(stat(path, &st), 0); /* nothing of it on disk */
	ck_assert_ptr_null(feedcache_get_private("../x", "v1", 0, build_feed, "X"));
	feedcache_free();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");

	TCase *u = tcase_create("utf8");
	tcase_add_loop_test(u, utf8_valid_table, 0, (int)(sizeof utf8_cases / sizeof *utf8_cases));
	tcase_add_test(u, utf8_length_prefix);
	tcase_add_loop_test(u, utf8_scrub_table, 0, (int)(sizeof scrub_cases / sizeof *scrub_cases));
	suite_add_tcase(s, u);

	TCase *a = tcase_create("arena");
	tcase_add_test(a, arena_alloc_zeroed_aligned);
	tcase_add_test(a, arena_distinct_pointers);
	tcase_add_test(a, arena_big_allocations);
	tcase_add_test(a, arena_default_block);
	tcase_add_test(a, arena_strings);
	tcase_add_test(a, arena_reset_reuses);
	tcase_add_test(a, arena_reset_keeps_spares);
	suite_add_tcase(s, a);

	TCase *h = tcase_create("arena_huge");
	tcase_set_timeout(h, 3);
	tcase_add_loop_test_raise_signal(h, arena_huge_aborts, SIGABRT, 0,
	                                 (int)(sizeof huge_sizes / sizeof *huge_sizes));
	suite_add_tcase(s, h);

	TCase *b = tcase_create("buf");
	tcase_add_test(b, buf_empty);
	tcase_add_test(b, buf_growth);
	tcase_add_test(b, buf_long_printf);
	tcase_add_test(b, buf_binary_and_reset);
	tcase_add_test(b, buf_reserve_keeps_content);
	suite_add_tcase(s, b);

	TCase *c = tcase_create("config");
	tcase_add_checked_fixture(c, config_setup, config_teardown);
	tcase_add_test(c, config_defaults_without_file);
	tcase_add_test(c, config_empty_file_is_defaults);
	tcase_add_test(c, config_values_read);
	tcase_add_test(c, config_env_overrides);
	tcase_add_loop_test(c, config_errors_table, 0, (int)(sizeof conf_errors / sizeof *conf_errors));
	tcase_add_test(c, config_missing_explicit_file);
	tcase_add_test(c, config_error_leaves_nothing);
	tcase_add_test(c, config_dump_every_key);
	tcase_add_test(c, config_long_line_read_whole);
	tcase_add_test(c, config_long_line_errors);
	suite_add_tcase(s, c);

	TCase *fc = tcase_create("feedcache");
	tcase_add_loop_test(fc, param_text_array_table, 0, (int)(sizeof text_arrays / sizeof *text_arrays));
	tcase_add_test(fc, feedcache_names);
	tcase_add_test(fc, feedcache_files_and_memory);
	tcase_add_test(fc, feedcache_one_render_at_a_time);
	tcase_add_test(fc, feedcache_private_copies);
	suite_add_tcase(s, fc);

	TCase *co = tcase_create("collate");
	tcase_add_test(co, collate_orders);
	suite_add_tcase(s, co);

	TCase *ft = tcase_create("filetype");
	tcase_add_loop_test(ft, filetype_download_names, 0, (int)(sizeof download_names / sizeof *download_names));
	suite_add_tcase(s, ft);

	TCase *sec = tcase_create("secret");
	tcase_add_test(sec, secret_seal_round_trip);
	suite_add_tcase(s, sec);

	TCase *l = tcase_create("log");
	tcase_add_test(l, log_level_parse_table);
	tcase_add_test(l, log_quote_table);
	suite_add_tcase(s, l);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(util_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
