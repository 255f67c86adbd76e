/* splice.h - a subscriber's own secret put into the board links of a feed rendered once for all of them. */
#ifndef MEMOCAL_CAL_SPLICE_H
#define MEMOCAL_CAL_SPLICE_H

#include <stddef.h>

/*
 * Replaces every occurrence of mark in ics (len bytes) with with, which has the same length n, in place,
 * also where a folded line splits mark ("\r\n " or "\r\n\t", RFC 5545 3.1): the same length keeps every fold
 * where it was, so the result is as valid as what came in. Returns how many were replaced.
 */
size_t cal_splice(char *ics, size_t len, const char *mark, const char *with, size_t n);

#endif
