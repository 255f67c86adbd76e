/* reports.h - the activity report of a memorandum and of an organisation: page, CSV, PDF, recommendation. */
#ifndef MEMOCAL_PAGES_REPORTS_H
#define MEMOCAL_PAGES_REPORTS_H

#include "http/http.h"

int report_memorandum(http_ctx *c);     /* GET  /memoranda/{id}/report?from=&to= */
int report_memorandum_csv(http_ctx *c); /* GET  /memoranda/{id}/report/csv?from=&to= */
int report_memorandum_pdf(http_ctx *c); /* GET  /memoranda/{id}/report/pdf?from=&to= */
int report_recommend(http_ctx *c);      /* POST /memoranda/{id}/report/recommendation (editor) */
int report_issue(http_ctx *c);          /* POST /memoranda/{id}/report/issue (editor) */
int report_issued_csv(http_ctx *c);     /* GET  /memoranda/{id}/report/issued/{rid}/csv */
int report_organisation(http_ctx *c);   /* GET  /organisations/{id}/report?from=&to= */
int report_organisation_csv(http_ctx *c); /* GET /organisations/{id}/report/csv?from=&to= */
int report_organisation_pdf(http_ctx *c); /* GET /organisations/{id}/report/pdf?from=&to= */

#endif
