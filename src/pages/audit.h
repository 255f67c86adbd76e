/* audit.h - the audit log page (admins only): who changed what, when, from what to what. */
#ifndef MEMOCAL_PAGES_AUDIT_H
#define MEMOCAL_PAGES_AUDIT_H

#include "http/http.h"

int audit_list(http_ctx *c);

#endif
