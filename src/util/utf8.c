/* utf8.c - strict UTF-8 validation, and repair of text that is not. */
#include "util/utf8.h"

#include <string.h>

#include "util/buf.h"

size_t utf8_sequence(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned cp;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0; /* continuation byte first, C0/C1 overlong lead, or > F4 */
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
		return 0; /* overlong */
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0; /* surrogate */
	if (cp > 0x10FFFF)
		return 0;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_sequence(s + i, n - i);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

void utf8_repair(buf *out, const char *s, size_t n)
{
	size_t i = 0, start = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_sequence(s + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, UTF8_REPLACEMENT);
		start = ++i;
	}
	buf_append(out, s + start, n - start);
}

void utf8_scrub(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_sequence(s + i, n - i);
		if (k == 0) {
			s[i] = '?';
			k = 1;
		}
		i += k;
	}
}

size_t utf8_length(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			count++;
	return count;
}
