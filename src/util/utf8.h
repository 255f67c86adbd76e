/* utf8.h - strict UTF-8 validation, and repair of text that is not. */
#ifndef MEMOCAL_UTF8_H
#define MEMOCAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* util/buf.h; not included, so that including this header does not bring the name "buf" along */
struct buf;

/* U+FFFD, what an invalid byte becomes when text must be shown anyway. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* True when s[0..n) is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF. NUL bytes are valid UTF-8; callers that
 * hand strings to C or PostgreSQL reject them separately. */
bool utf8_valid(const char *s, size_t n);

/* The length (1 to 4) of the well-formed sequence that starts s[0..n), or 0 when none does. */
size_t utf8_sequence(const char *s, size_t n);

/* Appends s[0..n) to out with every byte that starts no well-formed sequence replaced by
 * U+FFFD (one per byte, as the WHATWG decoder does for most cases): the output is valid
 * UTF-8 whatever the input. */
void utf8_repair(struct buf *out, const char *s, size_t n);

/* Replaces in place every byte of s (NUL-terminated) that starts no well-formed sequence with '?', so a
 * message cut by a byte count ("%.20s", a full buffer) in the middle of a letter stays UTF-8. */
void utf8_scrub(char *s);

/* Number of code points in a valid UTF-8 string (for length limits that
 * users think of in letters, not bytes). */
size_t utf8_length(const char *s, size_t n);

#endif
