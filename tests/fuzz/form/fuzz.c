/* form/fuzz.c - libFuzzer harness: percent-decoding of paths and queries, urlencoded form bodies, redirect targets. */
#include "fuzz.h"

#include "http/form.h"
#include "http/http.h"

/*
 * The input's first byte chooses the limits (as a deployment's max_fields and max_field_len would),
 * the rest is a request target's path, query string or an urlencoded body, exactly as it arrives.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	form_limits lim = {(size_t)(opt & 15) * 4, (opt >> 4) ? (size_t)(opt >> 4) * 64 : 65536};
	arena a;
	arena_init(&a, 1024);

	/* a path: no "+" as space, bounded as server.c bounds it */
	char *path;
	size_t plen;
	if (form_decode(&a, s, n, false, 8192, &path, &plen) == FORM_OK) {
		FUZZ_CHECK(fuzz_clean_text(path, plen) && strlen(path) == plen, "decoded path of %zu bytes", plen);
		FUZZ_CHECK(plen <= n && plen <= 8192, "decoded path longer than its input");
		/* a redirect target that passes must stay on this site */
		if (http_local_path(path))
			FUZZ_CHECK(path[0] == '/' && path[1] != '/' && path[1] != '\\' && !strpbrk(path, "\\\t\r\n "),
			           "\"%s\" accepted as a local path", path);
	}
	/* a query value: "+" is a space */
	char *value;
	size_t vlen;
	if (form_decode(&a, s, n, true, lim.max_field_len, &value, &vlen) == FORM_OK)
		FUZZ_CHECK(fuzz_clean_text(value, vlen) && vlen <= lim.max_field_len, "decoded value of %zu bytes", vlen);

	/* a query string or a body */
	form f;
	const char *bad;
	enum form_error e = form_parse(&a, s, n, &lim, &f, &bad);
	FUZZ_CHECK(e < FORM_ERROR__MAX && *form_error_key(e) == (e != FORM_OK ? 'e' : '\0'), "error %d", (int)e);
	if (e == FORM_OK) {
		FUZZ_CHECK(f.count <= lim.max_fields, "%zu fields over a limit of %zu", f.count, lim.max_fields);
		for (size_t i = 0; i < f.count; i++) {
			const form_field *ff = &f.fields[i];
			size_t nl = strlen(ff->name);
			FUZZ_CHECK(fuzz_clean_text(ff->name, nl) && nl <= lim.max_field_len, "field %zu's name", i);
			FUZZ_CHECK(fuzz_clean_text(ff->value, ff->value_len) && strlen(ff->value) == ff->value_len &&
			                   ff->value_len <= lim.max_field_len,
			           "field %zu's value", i);
			FUZZ_CHECK(form_get(&f, ff->name) != NULL, "field %zu not found by name", i);
		}
	} else {
		/* nothing of a refused form reaches a handler; the field named (raw bytes, at most 64) is only
		 * shown on the error page, which repairs what is not UTF-8 */
		FUZZ_CHECK(f.count == 0 && f.fields == NULL, "a refused form keeps fields");
		FUZZ_CHECK(!bad || strlen(bad) <= n, "bad field name of %zu bytes", strlen(bad));
	}
	arena_free(&a);
	return 0;
}
