/* actions.h - the Actions page: action items of meeting records across memoranda, open and overdue first. */
#ifndef MEMOCAL_PAGES_ACTIONS_H
#define MEMOCAL_PAGES_ACTIONS_H

#include <stddef.h>

#include "http/http.h"
#include "store/records.h"
#include "view/value.h"

int actions_list(http_ctx *c); /* GET /actions?memorandum=&organisation=&person=&show=open|overdue|all */

/* Appends the action items to the list l as the templates show them (record link, meeting, owner, due, overdue):
 * for the Actions page and a person's page. */
void actions_put(http_ctx *c, view_value *l, const action_entry *e, size_t n);

#endif
