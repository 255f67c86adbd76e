/* static_url.h - a static file's address named by its content, so browsers may keep it for a year. */
#ifndef MEMOCAL_STATIC_URL_H
#define MEMOCAL_STATIC_URL_H

#include <stddef.h>

/* "/static/NAME-XXXXXXXX.EXT" into out, where XXXXXXXX is the start of the BLAKE2b hash of DIR/NAME.EXT: a
 * change to the file is a new address. nginx serves any such name from NAME.EXT with a year's expiry
 * (deploy/nginx). When the file cannot be read, "/static/NAME.EXT" (served with an hour's). */
void static_url(const char *dir, const char *name, const char *ext, char *out, size_t outlen);

#endif
