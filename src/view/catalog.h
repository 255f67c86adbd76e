/* catalog.h - message catalogues: one "key = value" file per language. */
#ifndef MEMOCAL_VIEW_CATALOG_H
#define MEMOCAL_VIEW_CATALOG_H

#include <stddef.h>

#include "util/arena.h"

typedef struct view_msg_entry {
	const char *key;
	const char *text;
	int line;
} view_msg_entry;

/* Sorted by key for bsearch; all memory belongs to the arena it was loaded into. */
typedef struct view_catalog {
	view_msg_entry *v;
	size_t n;
} view_catalog;

/*
 * Parses a catalogue already read into data[0..len), NUL-terminated and in
 * arena memory: it is modified in place and the entries point into it. path
 * is only for messages.
 *
 * Format (UTF-8): "key = value" lines; blank lines and lines starting with #
 * are ignored; keys are [a-z0-9._-]+; the value is the rest of the line,
 * trimmed; "\n" in a value stands for a newline. A malformed line, a
 * duplicate key or invalid UTF-8 fails with "path:line: what" in err.
 */
int view_catalog_parse(view_catalog *c, arena *a, const char *path, char *data, size_t len,
                       char *err, size_t errlen);

/* The message for key, or NULL when the catalogue has none. */
const char *view_catalog_get(const view_catalog *c, const char *key);

#endif
