/* splice.h - a subscriber's own secret put into the board links of a feed rendered once for all of them. */
#ifndef MEMOCAL_CAL_SPLICE_H
#define MEMOCAL_CAL_SPLICE_H

#include <stddef.h>

/*
 * Replaces mark in ics (len bytes) with with, which has the same length n, in place, wherever it stands in the
 * value of a URL or LINK property (the board links: nowhere else, so no text a person typed, which libical
 * writes on lines of other properties, is ever touched), also where a folded line splits it ("\r\n " or
 * "\r\n\t", RFC 5545 3.1): the same length keeps every fold where it was, so the result is as valid as what
 * came in. Returns how many were replaced.
 */
size_t cal_splice(char *ics, size_t len, const char *mark, const char *with, size_t n);

#endif
