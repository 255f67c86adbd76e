/* lang.h - choosing the reader's language from a setting, a cookie or Accept-Language. */
#ifndef MEMOCAL_LANG_H
#define MEMOCAL_LANG_H

/* The languages memocal speaks, in the order of preference for ties. */
enum lang { LANG_EN, LANG_AZ, LANG__MAX };

const char *lang_code(enum lang l);   /* "en", "az" */
int lang_parse(const char *code);     /* exact "en"/"az", else -1 */

/*
 * Best supported language for an Accept-Language header (RFC 9110 §12.5.4):
 * highest q wins, "az-Latn-AZ" matches az, q=0 excludes, ties keep the
 * header's order; nothing supported gives fallback.
 */
enum lang lang_negotiate(const char *accept_language, enum lang fallback);

#endif
