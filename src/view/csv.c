/* csv.c - RFC 4180 text: fields quoted when they must be, records ended by CRLF. */
#include "view/csv.h"

#include <string.h>

void csv_field(buf *b, const char *s, bool first)
{
	if (!first)
		buf_putc(b, ',');
	if (!s)
		return;
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t';
	/* ; and tab too: a spreadsheet whose list separator is ; (Azerbaijani, most of Europe) splits an unquoted field
	 * there, and what follows could start with = */
	bool quote = formula || strpbrk(s, ",;\t\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

void csv_int(buf *b, long long n, bool first)
{
	if (!first)
		buf_putc(b, ',');
	buf_printf(b, "%lld", n);
}

void csv_end(buf *b)
{
	buf_puts(b, "\r\n");
}
