/* utf8.h - strict UTF-8 validation. */
#ifndef MEMOCAL_UTF8_H
#define MEMOCAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF. NUL bytes are valid UTF-8; callers that
 * hand strings to C or PostgreSQL reject them separately. */
bool utf8_valid(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string (for length limits that
 * users think of in letters, not bytes). */
size_t utf8_length(const char *s, size_t n);

#endif
