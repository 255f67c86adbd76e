/* actions.h - the Actions page: action items of meeting records across memoranda, open and overdue first. */
#ifndef MEMOCAL_PAGES_ACTIONS_H
#define MEMOCAL_PAGES_ACTIONS_H

#include "http/http.h"

int actions_list(http_ctx *c); /* GET /actions?memorandum=&organisation=&person=&show=open|overdue|all */

#endif
