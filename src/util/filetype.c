/* filetype.c - an uploaded file's kind from its bytes (libmagic), checked against the documents' allow-list. */
#include "util/filetype.h"

#include <magic.h>
#include <stdbool.h>
#include <string.h>

#include "util/log.h"
#include "util/utf8.h"

/* What may be kept, as libmagic names it, and the type it is served with. */
static const struct kind {
	const char *magic;
	const char *serve_as;
} allowed[] = {
	{"application/pdf", "application/pdf"},
	{"image/png", "image/png"},
	{"image/jpeg", "image/jpeg"},
	{"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"},
	{"application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"},
	{"application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.presentation"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	 "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	 "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	{"text/plain", "text/plain; charset=utf-8"}, /* and only when it is UTF-8 (below) */
};

/* One per process (a worker), opened on first use: libmagic's handle is not shared across fork. */
static magic_t cookie;
static bool tried;

static magic_t handle(void)
{
	if (tried)
		return cookie;
	tried = true;
	/* no decompression, no looking inside archives other than the office formats' own checks */
	cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
	if (cookie && magic_load(cookie, NULL) != 0) {
		log_error("msg=\"libmagic database not loaded: every upload is refused\" cause=\"%s\"", magic_error(cookie));
		magic_close(cookie);
		cookie = NULL;
	} else if (!cookie) {
		log_error("msg=\"libmagic not opened: every upload is refused\"");
	}
	return cookie;
}

const char *filetype_check(const void *data, size_t len, const char **found)
{
	if (found)
		*found = "unknown";
	magic_t m = handle();
	if (!m || len == 0)
		return NULL;
	const char *type = magic_buffer(m, data, len);
	if (!type)
		return NULL;
	if (found)
		*found = type;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
		if (strcmp(type, allowed[i].magic) != 0)
			continue;
		if (strcmp(type, "text/plain") == 0 && (memchr(data, '\0', len) || !utf8_valid(data, len)))
			return NULL;
		return allowed[i].serve_as;
	}
	return NULL;
}
