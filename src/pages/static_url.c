/* static_url.c - a static file's address named by its content. Read once per worker at start: a new
 * stylesheet is installed with a restart (make install, then systemctl restart), which every
 * deployment does anyway. */
#include "pages/static_url.h"

#include <sodium.h>
#include <stdio.h>

#include "util/log.h"

void static_url(const char *dir, const char *name, const char *ext, char *out, size_t outlen)
{
	snprintf(out, outlen, "/static/%s.%s", name, ext);
	char path[4096];
	if (!dir || snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext) >= (int)sizeof path)
		return;
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_warn("msg=\"static file unreadable; served under its plain name\" path=\"%s\"", path);
		return;
	}
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES);
	unsigned char chunk[8192], digest[crypto_generichash_BYTES];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		crypto_generichash_update(&st, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return;
	crypto_generichash_final(&st, digest, sizeof digest);
	snprintf(out, outlen, "/static/%s-%02x%02x%02x%02x.%s", name, digest[0], digest[1], digest[2], digest[3], ext);
}
