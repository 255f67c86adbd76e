/* escape.h - output escapers for HTML text, URL components and href values. */
#ifndef MEMOCAL_VIEW_ESCAPE_H
#define MEMOCAL_VIEW_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* & < > " ' become &amp; &lt; &gt; &quot; &#39;: safe in element text and
 * in quoted attribute values (either quote). Other bytes pass unchanged. */
void view_escape_html(buf *out, const char *s, size_t n);

/* Percent-encodes everything except A-Z a-z 0-9 - . _ ~ (as %XX, uppercase):
 * safe as one URL path segment or query value, and in HTML as is. */
void view_escape_url(buf *out, const char *s, size_t n);

/* True for http://, https://, mailto: (scheme case-insensitive) and for
 * relative references starting with "?", "#", or "/" but not "//" or "/\"
 * (browsers read both as another host). Any control byte or space anywhere
 * makes it unsafe, since browsers strip tabs and newlines before parsing. */
bool view_href_safe(const char *s, size_t n);

/* The value HTML-escaped if view_href_safe, otherwise "#". */
void view_escape_href(buf *out, const char *s, size_t n);

/* Parses "YYYY-MM-DD", optionally followed by a non-digit and anything
 * (a timestamp), into a real calendar date. Returns 0, or -1 if invalid. */
int view_parse_date(const char *s, int *year, int *month, int *day);

#endif
