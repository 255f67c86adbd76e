/* records.h - a meeting's record: its page, its form (agenda, attendance, minutes, decisions, actions), its state. */
#ifndef MEMOCAL_PAGES_RECORDS_H
#define MEMOCAL_PAGES_RECORDS_H

#include "http/http.h"

int record_show(http_ctx *c);    /* GET  /series/{id}/occurrences/{rid}/record */
int record_edit(http_ctx *c);    /* GET  /series/{id}/occurrences/{rid}/record/edit */
int record_save(http_ctx *c);    /* POST /series/{id}/occurrences/{rid}/record/edit */
int record_correct(http_ctx *c); /* POST /series/{id}/occurrences/{rid}/record/correct (admin: an approved record) */
int record_state(http_ctx *c);   /* POST /series/{id}/occurrences/{rid}/record/state */
int record_pdf(http_ctx *c);     /* GET  /series/{id}/occurrences/{rid}/record/pdf */
int record_board_show(http_ctx *c); /* GET /board/{token}/series/{id}/occurrences/{rid} (a feed token, no login) */

#endif
