/* lang/fuzz.c - libFuzzer harness: Accept-Language negotiation and language codes. */
#include "fuzz.h"

#include "http/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_strndup((const char *)data, size);
	enum lang l = lang_negotiate(h, LANG_EN);
	FUZZ_CHECK(l < LANG__MAX, "language %d", (int)l);
	enum lang m = lang_negotiate(h, LANG_AZ);
	/* the fallback matters only when nothing matched */
	FUZZ_CHECK(l == m || (l == LANG_EN && m == LANG_AZ), "fallback changed a match: %d %d", (int)l, (int)m);
	int p = lang_parse(h);
	FUZZ_CHECK(p < 0 || strcmp(lang_code((enum lang)p), h) == 0, "\"%s\" parsed as %d", h, p);
	free(h);
	return 0;
}
