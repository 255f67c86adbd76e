/* fuzz.h - what the libFuzzer harnesses in tests/fuzz share: entry points, checks, reading text inputs. */
#ifndef MEMOCAL_FUZZ_H
#define MEMOCAL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* libFuzzer calls these (the harnesses are linked with -fsanitize=fuzzer, which brings main). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A property the code under test promises (valid UTF-8 out, a count within its limit, ...). A broken
 * one aborts like a crash, so libFuzzer keeps the input and the run fails: a wrong answer is a finding
 * as much as a memory error is.
 */
#define FUZZ_CHECK(cond, ...)                                                                   \
	do {                                                                                    \
		if (!(cond)) {                                                                  \
			fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                           \
			fputc('\n', stderr);                                                    \
			abort();                                                                \
		}                                                                               \
	} while (0)

/* A text input read line by line ('\n' ends a line; the last one may lack it). */
typedef struct fuzz_lines {
	const char *p;
	size_t n;
} fuzz_lines;

static inline fuzz_lines fuzz_lines_of(const uint8_t *data, size_t size)
{
	fuzz_lines in = {(const char *)data, size};
	return in;
}

/* The next line without its '\n' (not NUL-terminated: s[0..*len)); false when none is left. */
static inline bool fuzz_line(fuzz_lines *in, const char **s, size_t *len)
{
	if (in->n == 0)
		return false;
	const char *nl = memchr(in->p, '\n', in->n);
	size_t l = nl ? (size_t)(nl - in->p) : in->n;
	*s = in->p;
	*len = l;
	in->p += nl ? l + 1 : l;
	in->n -= nl ? l + 1 : l;
	return true;
}

/* Whether s[0..n) begins with the NUL-terminated word w; *rest then points after it. */
static inline bool fuzz_starts(const char *s, size_t n, const char *w, const char **rest)
{
	size_t k = strlen(w);
	if (n < k || memcmp(s, w, k) != 0)
		return false;
	*rest = s + k;
	return true;
}

/* A NUL-terminated copy of s[0..n) for the duration of one input (caller frees). */
static inline char *fuzz_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Valid UTF-8 and no NUL: what memocal promises for every string it hands on. */
static inline bool fuzz_clean_text(const char *s, size_t n)
{
	return utf8_valid(s, n) && memchr(s, '\0', n) == NULL;
}

#endif
