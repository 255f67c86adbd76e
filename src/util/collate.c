/* collate.c - see collate.h. */
#include "util/collate.h"

#include <stdbool.h>
#include <string.h>

/* The next code point of *s (advanced past it); a byte that starts no UTF-8 sequence is itself. */
static unsigned next_code(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned c = p[0];
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			n = 0;
			break;
		}
	}
	if (n) {
		c &= 0x3f >> n;
		for (int i = 1; i <= n; i++)
			c = (c << 6) | (p[i] & 0x3f);
	}
	*s = p + n + 1;
	return c;
}

/* The lower-case letter of c: ASCII, and the letters Azerbaijani adds; in Azerbaijani I is the capital of ı. */
static unsigned lower(unsigned c, bool az)
{
	if (c == 'I')
		return az ? 0x131 : 'i';
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	switch (c) {
	case 0xc7: return 0xe7;   /* Ç */
	case 0x18f: return 0x259; /* Ə */
	case 0x11e: return 0x11f; /* Ğ */
	case 0x130: return 'i';   /* İ */
	case 0xd6: return 0xf6;   /* Ö */
	case 0x15e: return 0x15f; /* Ş */
	case 0xdc: return 0xfc;   /* Ü */
	default: return c;
	}
}

/* A letter's place: Azerbaijani's alphabet (w, which it lacks, after v), or English's with each Azerbaijani
 * letter just after the one it is written from. Below the letters what is not one (spaces, digits, marks, by
 * code point), above them every other script's. */
static unsigned weight(unsigned c, bool az)
{
	static const unsigned az_order[] = {'a', 'b', 'c', 0xe7, 'd', 'e', 0x259, 'f', 'g', 0x11f, 'h', 'x', 0x131,
	                                    'i', 'j', 'k', 'q', 'l', 'm', 'n', 'o', 0xf6, 'p', 'r', 's', 0x15f, 't',
	                                    'u', 0xfc, 'v', 'w', 'y', 'z'};
	c = lower(c, az);
	if (az) {
		for (unsigned i = 0; i < sizeof az_order / sizeof *az_order; i++)
			if (az_order[i] == c)
				return 1000 + i;
	} else {
		if (c >= 'a' && c <= 'z')
			return 1000 + (c - 'a') * 2;
		switch (c) {
		case 0xe7: return 1000 + ('c' - 'a') * 2 + 1;
		case 0x259: return 1000 + ('e' - 'a') * 2 + 1;
		case 0x11f: return 1000 + ('g' - 'a') * 2 + 1;
		case 0x131: return 1000 + ('i' - 'a') * 2 + 1;
		case 0xf6: return 1000 + ('o' - 'a') * 2 + 1;
		case 0x15f: return 1000 + ('s' - 'a') * 2 + 1;
		case 0xfc: return 1000 + ('u' - 'a') * 2 + 1;
		default: break;
		}
	}
	return c < 0x80 ? c : 100000 + c;
}

int collate(const char *a, const char *b, const char *lang)
{
	bool az = lang && strcmp(lang, "az") == 0;
	const unsigned char *p = (const unsigned char *)(a ? a : ""), *q = (const unsigned char *)(b ? b : "");
	while (*p && *q) {
		unsigned x = weight(next_code(&p), az), y = weight(next_code(&q), az);
		if (x != y)
			return x < y ? -1 : 1;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	int c = strcmp(a ? a : "", b ? b : ""); /* the same letters: as written (capitals first) */
	return (c > 0) - (c < 0);
}
