/* account.h - a person's own settings (language, time zone), and the zone every page shows times in. */
#ifndef MEMOCAL_PAGES_ACCOUNT_H
#define MEMOCAL_PAGES_ACCOUNT_H

#include "http/http.h"

int account_show(http_ctx *c);
int account_save(http_ctx *c);

/* The zone the person reading this page reads times in: their own setting, or DEFAULT_TZID (nobody
 * logged in, no setting, or a zone the system's tzdata no longer has). */
const char *viewer_zone(http_ctx *c);

#endif
