/* life.h - a memorandum's life events: terminate, renew, amend, and its commitments. */
#ifndef MEMOCAL_PAGES_LIFE_H
#define MEMOCAL_PAGES_LIFE_H

#include "http/http.h"
#include "model/memorandum.h"
#include "view/value.h"

int life_terminate_form(http_ctx *c);
int life_terminate(http_ctx *c);
int life_renew_form(http_ctx *c);
int life_renew(http_ctx *c);
int life_amend_form(http_ctx *c);
int life_amend(http_ctx *c);
int life_commitment_form(http_ctx *c);
int life_commitment(http_ctx *c);

/* Puts on the memorandum's page (scope s, whose "memorandum" map view_put_memorandum made) what its life is:
 * the computed state, its decisions, amendments, each area's commitment and whether it is kept, the last
 * meeting held, dormancy, and its history from the audit log. 0, or -1 when the store failed. */
int life_put(http_ctx *c, view_value *s, const memorandum *m);

#endif
