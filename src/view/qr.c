/* qr.c - a QR code as SVG path data, through libqrencode, for a phone to scan a feed address. */
#include "view/qr.h"

#include <qrencode.h>
#include <string.h>

#include "util/buf.h"

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

const char *view_qr_path(arena *a, const char *text, int *size)
{
	*size = 0;
	/* version 0: the smallest that fits; case-sensitive byte mode keeps the URL exactly */
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	buf b = BUF_INIT;
	int w = q->width;
	/* one rectangle per horizontal run of dark modules: a few hundred short commands */
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			buf_printf(&b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	}
	QRcode_free(q);
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	*size = w + 2 * QUIET;
	return out;
}
