/* cookie.h - parsing the Cookie request header and formatting Set-Cookie. */
#ifndef MEMOCAL_COOKIE_H
#define MEMOCAL_COOKIE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"

typedef struct cookie {
	const char *name;
	const char *value;
} cookie;

typedef struct cookie_jar {
	cookie *items;
	size_t count;
} cookie_jar;

/*
 * Parses "a=1; b=2". Pairs with an empty name, a name or value with bytes
 * outside printable ASCII, or beyond max cookies are skipped, not fatal:
 * browsers send what other sites on the host set, and one bad cookie must
 * not lock a user out. Surrounding double quotes on a value are removed.
 */
void cookie_parse(arena *a, const char *header, size_t max, cookie_jar *jar);
const char *cookie_get(const cookie_jar *jar, const char *name);

/* Appends a Set-Cookie value: name=value; Path=/; HttpOnly; SameSite=Lax
 * [; Secure] [; Max-Age=N] (max_age < 0: a session cookie; 0: delete). */
void cookie_format(buf *out, const char *name, const char *value, long max_age, bool secure);

#endif
