/* fields/fuzz.c - libFuzzer harness: every field type's validator (http/fields.c) with any value. */
#include "fuzz.h"

#include "http/fields.h"

static const char *const choices[] = {"draft", "active", "expired", "terminated", NULL};

/* The input's first byte picks the type, required or not, and the bounds; the rest is the value as sent. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	field_def def = {"f", (enum field_type)(opt % FIELD_TYPE__MAX), (opt & 0x10) != 0, (opt & 0x20) ? 8 : 300,
	                 (opt & 0x40) ? 2 : 0, choices};
	char *sent = fuzz_strndup((const char *)data + 1, size - 1);
	arena a;
	arena_init(&a, 1024);
	field_value v;
	field_check(&a, &def, (opt & 0x80) && size == 1 ? NULL : sent, &v);
	FUZZ_CHECK(v.raw != NULL, "no raw value");
	if (v.error) {
		FUZZ_CHECK(v.value == NULL && strncmp(v.error, "invalid.", 8) == 0, "error %s with a value", v.error);
	} else if (v.value && def.type != FIELD_CHECKBOX) {
		size_t n = strlen(v.value);
		FUZZ_CHECK(fuzz_clean_text(v.value, n), "a valid value that is not UTF-8");
		FUZZ_CHECK(n > 0 && (def.type == FIELD_INT || utf8_length(v.value, n) <= def.max), "length %zu", n);
		for (const unsigned char *p = (const unsigned char *)v.value; *p; p++)
			FUZZ_CHECK((*p >= 0x20 && *p != 0x7f) || (def.type == FIELD_TEXTAREA && (*p == '\n' || *p == '\t')),
			           "control byte 0x%02x in a valid value", *p);
		if (def.type == FIELD_SLUG || def.type == FIELD_LOGIN || def.type == FIELD_DATE || def.type == FIELD_TIME ||
		    def.type == FIELD_ID || def.type == FIELD_INT)
			for (const unsigned char *p = (const unsigned char *)v.value; *p; p++)
				FUZZ_CHECK(*p < 0x80 && (*p < 'A' || *p > 'Z'), "byte 0x%02x in a %d", *p, (int)def.type);
		if (def.type == FIELD_ID)
			FUZZ_CHECK(v.num >= 1, "id %lld", v.num);
		if (def.type == FIELD_INT)
			FUZZ_CHECK(v.num >= 0 && v.num <= (long long)def.max, "number %lld over %zu", v.num, def.max);
	} else if (!v.value && def.type != FIELD_CHECKBOX) {
		FUZZ_CHECK(!def.required, "a required field without value or error");
	}
	arena_free(&a);
	free(sent);
	return 0;
}
