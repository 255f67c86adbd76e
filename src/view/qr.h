/* qr.h - a QR code as SVG path data, through libqrencode, for a phone to scan a feed address. */
#ifndef MEMOCAL_VIEW_QR_H
#define MEMOCAL_VIEW_QR_H

#include "util/arena.h"

/* The QR code of text (byte mode, error correction M) as the "d" of one SVG path of unit squares,
 * with the 4-module quiet zone the standard asks for already counted in *size (the viewBox is
 * 0 0 size size). The path holds only M, h, v, z and digits, so it needs no escaping beyond the
 * template's. NULL (and *size 0) when libqrencode refuses (text too long for a QR code). */
const char *view_qr_path(arena *a, const char *text, int *size);

#endif
