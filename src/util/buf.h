/* buf.h - growable byte buffer with length and capacity. */
#ifndef MEMOCAL_BUF_H
#define MEMOCAL_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A buf owns heap memory (buf_free releases it). data is always
 * NUL-terminated after any append so it can be used as a C string, but may
 * also hold NULs; len is the truth. Growth is checked for overflow and
 * aborts on allocation failure.
 */
typedef struct buf {
	char *data;
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(buf *b); /* len = 0, keeps memory */
void buf_free(buf *b);
const char *buf_cstr(buf *b); /* "" for an empty, never-grown buffer */

#endif
