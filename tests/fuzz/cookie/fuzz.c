/* cookie/fuzz.c - libFuzzer harness: the Cookie header, and Set-Cookie made from what it gave. */
#include "fuzz.h"

#include "http/cookie.h"

/* A header holds no NUL (libfcgi's params are C strings): the input is cut at the first one. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_strndup((const char *)data, size);
	arena a;
	arena_init(&a, 512);
	cookie_jar jar;
	cookie_parse(&a, h, 32, &jar);
	FUZZ_CHECK(jar.count <= 32, "%zu cookies", jar.count);
	buf set = BUF_INIT;
	for (size_t i = 0; i < jar.count; i++) {
		const cookie *k = &jar.items[i];
		FUZZ_CHECK(*k->name, "cookie %zu has an empty name", i);
		/* printable ASCII without separators: safe to echo into a header */
		for (const unsigned char *p = (const unsigned char *)k->name; *p; p++)
			FUZZ_CHECK(*p > 0x20 && *p < 0x7f && !strchr(";,\"\\=", *p), "cookie name byte 0x%02x", *p);
		for (const unsigned char *p = (const unsigned char *)k->value; *p; p++)
			FUZZ_CHECK(*p > 0x20 && *p < 0x7f && !strchr(";,\"\\", *p), "cookie value byte 0x%02x", *p);
		FUZZ_CHECK(cookie_get(&jar, k->name) != NULL, "cookie %zu not found by name", i);
		buf_reset(&set);
		cookie_format(&set, k->name, k->value, (long)i - 1, i & 1);
		FUZZ_CHECK(!strpbrk(buf_cstr(&set), "\r\n"), "Set-Cookie with a line break");
	}
	/* what the guard and the language choice look up */
	(void)cookie_get(&jar, "memocal_session");
	(void)cookie_get(&jar, "lang");
	buf_free(&set);
	arena_free(&a);
	free(h);
	return 0;
}
