/* splice.c - see splice.h. Plain bytes: no libical here, the feed is already serialised. */
#include "cal/splice.h"

#include <stdbool.h>
#include <string.h>

#define SPLICE_MAX 64 /* the longest mark: a secret is 43 characters */

/* The length of a fold at p (CRLF and one space or tab), else 0. */
static size_t fold_at(const char *p, const char *end)
{
	return end - p >= 3 && p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t') ? 3 : 0;
}

/* Whether the content line starting at p is a URL or LINK property. */
static bool link_line(const char *p, const char *end)
{
	static const char *const names[] = {"URL:", "URL;", "LINK:", "LINK;"};
	for (size_t i = 0; i < 4; i++) {
		size_t k = strlen(names[i]);
		if ((size_t)(end - p) >= k && memcmp(p, names[i], k) == 0)
			return true;
	}
	return false;
}

size_t cal_splice(char *ics, size_t len, const char *mark, const char *with, size_t n)
{
	if (n == 0 || n > SPLICE_MAX || len < n)
		return 0;
	const char *end = ics + len;
	size_t done = 0;
	char *at[SPLICE_MAX];
	bool in_link = link_line(ics, end);
	for (char *p = ics; p < end; p++) {
		/* a new content line: one that a line break starts and no fold continues */
		if (*p == '\n' && p + 1 < end && p[1] != ' ' && p[1] != '\t')
			in_link = link_line(p + 1, end);
		if (!in_link || *p != mark[0])
			continue;
		char *q = p;
		size_t k = 0;
		while (k < n && q < end) {
			if (k > 0) /* a fold may come between two of its characters, never before the first */
				q += fold_at(q, end);
			if (q >= end || *q != mark[k])
				break;
			at[k++] = q++;
		}
		if (k < n)
			continue;
		for (k = 0; k < n; k++)
			*at[k] = with[k];
		done++;
		p = q - 1;
	}
	return done;
}
