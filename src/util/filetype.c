/* filetype.c - an uploaded file's kind from its bytes (libmagic), checked against the documents' allow-list. */
#include "util/filetype.h"

#include <magic.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

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

/* The extensions a kind is known by, the first the one given to a name without any of them. */
static const struct names {
	const char *type;
	const char *ext[4];
} extensions[] = {
	{"application/pdf", {"pdf"}},
	{"image/png", {"png"}},
	{"image/jpeg", {"jpg", "jpeg"}},
	{"application/vnd.oasis.opendocument.text", {"odt"}},
	{"application/vnd.oasis.opendocument.spreadsheet", {"ods"}},
	{"application/vnd.oasis.opendocument.presentation", {"odp"}},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}},
	{"application/vnd.openxmlformats-officedocument.presentationml.presentation", {"pptx"}},
	{"text/plain", {"txt", "csv", "md"}},
};

/* U+061C, U+200B-U+200F, U+202A-U+202E, U+2060-U+2069, U+FEFF: the length of the one at p, else 0 */
static size_t hidden_at(const unsigned char *p)
{
	if (p[0] == 0xd8 && p[1] == 0x9c)
		return 2;
	if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return 3;
	if (p[0] != 0xe2 || !p[1] || !p[2])
		return 0;
	if (p[1] == 0x80 && ((p[2] >= 0x8b && p[2] <= 0x8f) || (p[2] >= 0xaa && p[2] <= 0xae)))
		return 3;
	if (p[1] == 0x81 && p[2] >= 0xa0 && p[2] <= 0xa9)
		return 3;
	return 0;
}

const char *filetype_download_name(arena *a, const char *type, const char *name)
{
	size_t n = strlen(name ? name : "");
	char *clean = arena_alloc(a, n + 1), *w = clean;
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p;) {
		size_t k = hidden_at(p);
		if (k) {
			p += k;
			continue;
		}
		*w++ = (char)*p++;
	}
	*w = '\0';
	while (w > clean && (w[-1] == '.' || w[-1] == ' ')) /* Windows drops them, and with them the extension */
		*--w = '\0';
	const struct names *kind = NULL;
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
		if (type && strncmp(type, extensions[i].type, strlen(extensions[i].type)) == 0 &&
		    (type[strlen(extensions[i].type)] == '\0' || type[strlen(extensions[i].type)] == ';'))
			kind = &extensions[i];
	if (!kind)
		return *clean ? clean : "document";
	const char *dot = strrchr(clean, '.');
	for (size_t e = 0; dot && e < 4 && kind->ext[e]; e++)
		if (strcasecmp(dot + 1, kind->ext[e]) == 0)
			return clean;
	return arena_printf(a, "%s.%s", *clean ? clean : "document", kind->ext[0]);
}

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
