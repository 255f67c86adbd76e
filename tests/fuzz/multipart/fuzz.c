/* multipart/fuzz.c - libFuzzer harness: multipart/form-data bodies (the .ics upload form). */
#include "fuzz.h"

#include "http/multipart.h"

/*
 * The input's first line is the Content-Type header (boundary included), the rest the body. The body
 * is copied into a buffer of exactly its size, without the NUL the server adds after it, so that any
 * read past its end is an AddressSanitizer report.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_lines in = fuzz_lines_of(data, size);
	const char *ct_s;
	size_t ct_n;
	if (!fuzz_line(&in, &ct_s, &ct_n))
		return 0;
	char *ct = fuzz_strndup(ct_s, ct_n);
	char *body = malloc(in.n ? in.n : 1);
	if (!body)
		abort();
	memcpy(body, in.p, in.n);
	/* server.c's limits in tests/run's configuration (50 fields of 1024 bytes, one file), or tighter */
	unsigned opt = (unsigned)ct_n; /* the header's length picks them, so the header itself stays as sent */
	multipart_limits lim = {opt & 1 ? 50 : 3, opt & 2 ? 1024 : 16, opt & 4 ? 1 : 2};
	arena a;
	arena_init(&a, 1024);
	(void)multipart_is_form_data(ct);
	multipart m;
	form f;
	const char *bad;
	enum multipart_error e = multipart_parse(&a, ct, body, in.n, &lim, &m, &f, &bad);
	int status = multipart_error_status(e);
	FUZZ_CHECK(e < MULTIPART_ERROR__MAX && (e == MULTIPART_OK || status == 400 || status == 413), "error %d", (int)e);
	if (e == MULTIPART_OK) {
		size_t files = 0;
		FUZZ_CHECK(f.count <= lim.max_fields, "%zu text fields", f.count);
		for (size_t i = 0; i < m.count; i++) {
			const multipart_part *p = &m.parts[i];
			FUZZ_CHECK(p->name && *p->name && fuzz_clean_text(p->name, strlen(p->name)) &&
			                   strlen(p->name) <= lim.max_field_len,
			           "part %zu's name", i);
			FUZZ_CHECK(p->len <= in.n && p->data[p->len] == '\0', "part %zu: %zu bytes", i, p->len);
			if (p->filename) {
				files++;
				FUZZ_CHECK(fuzz_clean_text(p->filename, strlen(p->filename)) && !strpbrk(p->filename, "/\\"),
				           "part %zu's file name \"%s\"", i, p->filename);
				FUZZ_CHECK(multipart_file(&m, p->name) != NULL, "file %zu not found by name", i);
			} else {
				FUZZ_CHECK(fuzz_clean_text(p->data, p->len) && p->len <= lim.max_field_len, "text part %zu", i);
			}
			/* one header line: a bare CR or LF may stay in it (nothing echoes it), never the CRLF that ends it */
			if (p->content_type)
				FUZZ_CHECK(!strstr(p->content_type, "\r\n"), "part %zu's content type", i);
		}
		FUZZ_CHECK(files <= lim.max_files && files + f.count == m.count, "%zu files, %zu fields, %zu parts", files,
		           f.count, m.count);
		for (size_t i = 0; i < f.count; i++)
			FUZZ_CHECK(form_get(&f, f.fields[i].name) != NULL, "field %zu not found by name", i);
	} else {
		FUZZ_CHECK(m.count == 0 && f.count == 0, "a refused body keeps parts");
		if (bad)
			FUZZ_CHECK(strlen(bad) <= (size_t)in.n, "bad field name of %zu bytes", strlen(bad));
	}
	arena_free(&a);
	free(body);
	free(ct);
	return 0;
}
