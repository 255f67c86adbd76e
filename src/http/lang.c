/* lang.c - choosing the reader's language from a setting, a cookie or Accept-Language. */
#include "http/lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const codes[LANG__MAX] = {
	"en", /* LANG_EN */
	"az", /* LANG_AZ */
};

const char *lang_code(enum lang l)
{
	return l < LANG__MAX ? codes[l] : codes[LANG_EN];
}

int lang_parse(const char *code)
{
	for (int i = 0; code && i < LANG__MAX; i++)
		if (strcmp(code, codes[i]) == 0)
			return i;
	return -1;
}

/* q-value in thousandths, per the grammar 0(.ddd)? / 1(.000)?; malformed is 0 */
static int parse_q(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return 1000;
	p += 2;
	if (p >= end || (*p != '0' && *p != '1'))
		return 0;
	int q = (*p - '0') * 1000;
	p++;
	if (p < end && *p == '.') {
		p++;
		int scale = 100;
		while (p < end && isdigit((unsigned char)*p) && scale) {
			if (q == 1000 && *p != '0')
				return 0; /* above 1: malformed */
			q += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	return q > 1000 ? 1000 : q;
}

enum lang lang_negotiate(const char *h, enum lang fallback)
{
	if (!h)
		return fallback;
	int best = -1, best_q = 0;
	const char *p = h;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *tag_end = semi ? semi : end;
		while (tag_end > p && (tag_end[-1] == ' ' || tag_end[-1] == '\t'))
			tag_end--;
		int q = semi ? parse_q(semi + 1, end) : 1000;
		size_t tlen = (size_t)(tag_end - p);
		for (int l = 0; l < LANG__MAX; l++) {
			size_t clen = strlen(codes[l]);
			if (tlen >= clen && strncasecmp(p, codes[l], clen) == 0 && (tlen == clen || p[clen] == '-')) {
				if (q > best_q) {
					best = l;
					best_q = q;
				}
			}
		}
		p = end;
	}
	return best >= 0 ? (enum lang)best : fallback;
}
