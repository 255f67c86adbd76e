/* splice.c - see splice.h. Plain bytes: no libical here, the feed is already serialised. */
#include "cal/splice.h"

#include <string.h>

#define SPLICE_MAX 64 /* the longest mark: a secret is 43 characters */

/* The length of a fold at p (CRLF and one space or tab), else 0. */
static size_t fold_at(const char *p, const char *end)
{
	return end - p >= 3 && p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t') ? 3 : 0;
}

size_t cal_splice(char *ics, size_t len, const char *mark, const char *with, size_t n)
{
	if (n == 0 || n > SPLICE_MAX || len < n)
		return 0;
	const char *end = ics + len;
	size_t done = 0;
	char *at[SPLICE_MAX];
	for (char *p = ics; p < end; p++) {
		if (*p != mark[0])
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
