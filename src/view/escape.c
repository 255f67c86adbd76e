/* escape.c - output escapers for HTML text, URL components and href values. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "view/escape.h"

#include <string.h>
#include <strings.h>

#include "util/date.h"
#include "util/utf8.h"

void view_escape_html(buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		size_t skip = 1;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((unsigned char)s[i] < 0x80)
				continue;
			/* a page is UTF-8 whatever a value holds: a byte that starts no
			 * well-formed sequence (an echoed hostile input) becomes U+FFFD */
			skip = utf8_sequence(s + i, n - i);
			if (skip) {
				i += skip - 1;
				continue;
			}
			rep = UTF8_REPLACEMENT;
			skip = 1;
			break;
		}
		/* copy clean runs in one go: most text has nothing to escape */
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + skip;
	}
	buf_append(out, s + start, n - start);
}

void view_escape_url(buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

static bool has_prefix(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);
	return n >= pn && strncasecmp(s, p, pn) == 0;
}

bool view_href_safe(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	if (n == 0)
		return false;
	if (s[0] == '/')
		return n == 1 || (s[1] != '/' && s[1] != '\\');
	if (s[0] == '?' || s[0] == '#')
		return true;
	return has_prefix(s, n, "http://") || has_prefix(s, n, "https://") ||
	       has_prefix(s, n, "mailto:");
}

void view_escape_href(buf *out, const char *s, size_t n)
{
	if (view_href_safe(s, n))
		view_escape_html(out, s, n);
	else
		buf_putc(out, '#');
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int view_parse_date(const char *s, int *year, int *month, int *day)
{
	/* strnlen keeps the fixed-offset reads below inside the string */
	if (!s || strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-' || (s[10] >= '0' && s[10] <= '9'))
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (!date_valid(y, m, d))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}
