/* routes.c - every URL memocal answers, the handler that answers it, and who may ask. */
#include "pages/routes.h"

#include "pages/account.h"
#include "pages/actions.h"
#include "pages/audit.h"
#include "pages/agenda.h"
#include "pages/auth.h"
#include "pages/board.h"
#include "pages/documents.h"
#include "pages/feed.h"
#include "pages/feeds.h"
#include "pages/guard.h"
#include "pages/health.h"
#include "pages/home.h"
#include "pages/import.h"
#include "pages/language.h"
#include "pages/life.h"
#include "pages/memoranda.h"
#include "pages/organisations.h"
#include "pages/occurrences.h"
#include "pages/outbox.h"
#include "pages/series.h"
#include "pages/groups.h"
#include "pages/people.h"
#include "pages/records.h"
#include "pages/reports.h"
#include "pages/users.h"

#define ANYONE NEED(ROLE_NONE)
#define VIEWER NEED(ROLE_VIEWER)
#define EDITOR NEED(ROLE_EDITOR)
#define ADMIN NEED(ROLE_ADMIN)

/* memocal-web: the staff pages (nginx sends everything but /feeds/ here). The guard
 * (pages/guard.c) checks the session and the role before the handler runs, and the
 * CSRF token of every POST. */
const http_route web_routes[] = {
	{HTTP_GET, "/healthz", health_show, ANYONE | NO_SESSION},
	{HTTP_GET, "/login", auth_login_form, ANYONE},
	{HTTP_POST, "/login", auth_login, ANYONE},
	{HTTP_POST, "/logout", auth_logout, ANYONE},
	{HTTP_POST, "/language", language_switch, ANYONE},
	{HTTP_GET, "/account", account_show, VIEWER},
	{HTTP_POST, "/account", account_save, VIEWER},
	/* one's own addresses of the staff feed (every deadline): any staff member, their own only */
	{HTTP_POST, "/account/feeds/new", feeds_own_create, VIEWER},
	{HTTP_GET, "/account/feeds/{id:int}/subscribe", feeds_own_subscribe, VIEWER},
	{HTTP_POST, "/account/feeds/{id:int}/revoke", feeds_own_revoke, VIEWER},

	{HTTP_GET, "/", home_show, VIEWER},
	{HTTP_GET, "/agenda", agenda_show, VIEWER},
	{HTTP_GET, "/calendar", calendar_show, VIEWER},
	{HTTP_GET, "/calendar/new", calendar_new, EDITOR},
	{HTTP_GET, "/calendar/week", calendar_week, VIEWER},
	{HTTP_GET, "/memoranda", memoranda_list, VIEWER},
	{HTTP_GET, "/memoranda/new", memoranda_new, EDITOR},
	{HTTP_POST, "/memoranda/new", memoranda_create, EDITOR},
	{HTTP_GET, "/memoranda/{id:int}", memoranda_show, VIEWER},
	{HTTP_GET, "/memoranda/{id:int}/edit", memoranda_edit, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/edit", memoranda_update, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/delete", memoranda_delete, EDITOR},
	{HTTP_GET, "/memoranda/{id:int}/series/new", series_new, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/series/new", series_create, EDITOR},

	{HTTP_GET, "/series/{id:int}", series_show, VIEWER},
	{HTTP_GET, "/series/{id:int}/edit", series_edit, EDITOR},
	{HTTP_POST, "/series/{id:int}/edit", series_update, EDITOR},
	{HTTP_GET, "/series/{id:int}/delete", series_delete_confirm, EDITOR},
	{HTTP_POST, "/series/{id:int}/delete", series_delete, EDITOR},

	{HTTP_GET, "/organisations", organisations_list, VIEWER},
	{HTTP_GET, "/organisations/new", organisations_new, EDITOR},
	{HTTP_POST, "/organisations/new", organisations_create, EDITOR},
	{HTTP_GET, "/organisations/{id:int}", organisations_show, VIEWER},
	{HTTP_GET, "/organisations/{id:int}/edit", organisations_edit, EDITOR},
	{HTTP_POST, "/organisations/{id:int}/edit", organisations_update, EDITOR},
	{HTTP_POST, "/organisations/{id:int}/delete", organisations_delete, EDITOR},

	{HTTP_GET, "/people", people_list, VIEWER},
	{HTTP_GET, "/people/new", people_new, EDITOR},
	{HTTP_POST, "/people/new", people_create, EDITOR},
	{HTTP_GET, "/people/{id:int}", people_show, VIEWER},
	{HTTP_GET, "/people/{id:int}/edit", people_edit, EDITOR},
	{HTTP_POST, "/people/{id:int}/edit", people_update, EDITOR},
	{HTTP_POST, "/people/{id:int}/delete", people_delete, EDITOR},
	{HTTP_GET, "/groups", groups_list, VIEWER},
	{HTTP_GET, "/groups/new", groups_new, EDITOR},
	{HTTP_POST, "/groups/new", groups_create, EDITOR},
	{HTTP_GET, "/groups/{id:int}", groups_show, VIEWER},
	{HTTP_GET, "/groups/{id:int}/edit", groups_edit, EDITOR},
	{HTTP_POST, "/groups/{id:int}/edit", groups_update, EDITOR},

	{HTTP_GET, "/users", users_list, ADMIN},
	{HTTP_GET, "/users/new", users_new, ADMIN},
	{HTTP_POST, "/users/new", users_create, ADMIN},
	{HTTP_GET, "/users/{id:int}/edit", users_edit, ADMIN},
	{HTTP_POST, "/users/{id:int}/edit", users_update, ADMIN},
	{HTTP_GET, "/audit", audit_list, ADMIN},

	{HTTP_GET, "/feeds", feeds_list, VIEWER},
	{HTTP_GET, "/feeds/new", feeds_new, ADMIN},
	{HTTP_POST, "/feeds/new", feeds_create, ADMIN},
	{HTTP_GET, "/feeds/{id:int}/subscribe", feeds_subscribe, ADMIN},
	{HTTP_POST, "/feeds/{id:int}/revoke", feeds_revoke, ADMIN},

	/* one occurrence of a series: {rid} is its original local start, YYYYMMDDTHHMMSS (pages/occurrences.c) */
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}", occurrence_show, VIEWER},
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}/cancel", occurrence_cancel_confirm, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/cancel", occurrence_cancel, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/restore", occurrence_restore, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/edit", occurrence_edit, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/split", occurrence_split, EDITOR},
	{HTTP_GET, "/series/{id:int}/overrides/{oid:int}/delete", override_delete_confirm, EDITOR},
	{HTTP_POST, "/series/{id:int}/overrides/{oid:int}/delete", override_delete, EDITOR},

	/* what a meeting did: its record (pages/records.c); an approved record changes only by an admin's correction */
	{HTTP_GET, "/actions", actions_list, VIEWER},
	/* a board member's read-only pages, reached from their calendar with their feed's secret: a meeting's occurrences
	 * (its URL in the feed when it repeats), one occurrence's record (its URL when it does not, or was moved) */
	{HTTP_GET, "/board/{token:word}/series/{id:int}", board_series_show, ANYONE},
	{HTTP_GET, "/board/{token:word}/series/{id:int}/occurrences/{rid:word}", record_board_show, ANYONE},
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}/record", record_show, VIEWER},
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}/record/pdf", record_pdf, VIEWER},
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}/record/edit", record_edit, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/record/edit", record_save, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/record/state", record_state, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/record/correct", record_correct, ADMIN},

	/* an .ics file into a memorandum (pages/import.c): multipart/form-data, one file */
	{HTTP_GET, "/memoranda/{id:int}/import", import_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/import", import_upload, EDITOR},
	/* mail to attendees (pages/outbox.c): ?memorandum=ID, ?person=ID; a refused message sent again */
	{HTTP_GET, "/outbox", outbox_list, VIEWER},
	{HTTP_POST, "/outbox/{id:int}/resend", outbox_resend, EDITOR},

	/* the activity report (pages/reports.c): ?from=&to= (default the last academic year); the recommendation is
	 * a draft per period until issued, and an issued one is kept as it was */
	{HTTP_GET, "/memoranda/{id:int}/report", report_memorandum, VIEWER},
	{HTTP_GET, "/memoranda/{id:int}/report/csv", report_memorandum_csv, VIEWER},
	{HTTP_GET, "/memoranda/{id:int}/report/pdf", report_memorandum_pdf, VIEWER},
	{HTTP_POST, "/memoranda/{id:int}/report/recommendation", report_recommend, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/report/issue", report_issue, EDITOR},
	{HTTP_GET, "/memoranda/{id:int}/report/issued/{rid:int}/csv", report_issued_csv, VIEWER},
	{HTTP_GET, "/organisations/{id:int}/report", report_organisation, VIEWER},
	{HTTP_GET, "/organisations/{id:int}/report/csv", report_organisation_csv, VIEWER},
	{HTTP_GET, "/organisations/{id:int}/report/pdf", report_organisation_pdf, VIEWER},
	/* a memorandum's life (pages/life.c): decisions, amendments, an area's commitment; its page shows them all */
	{HTTP_GET, "/memoranda/{id:int}/terminate", life_terminate_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/terminate", life_terminate, EDITOR},
	{HTTP_GET, "/memoranda/{id:int}/renew", life_renew_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/renew", life_renew, EDITOR},
	{HTTP_GET, "/memoranda/{id:int}/amendments/new", life_amend_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/amendments/new", life_amend, EDITOR | ROUTE_UPLOAD},
	{HTTP_GET, "/memoranda/{id:int}/areas/{aid:int}/commitment", life_commitment_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/areas/{aid:int}/commitment", life_commitment, EDITOR},
	/* documents (pages/documents.c): files of a memorandum, an amendment (above) or an occurrence, every version
	 * kept; uploads are multipart bodies up to document_max_bytes (ROUTE_UPLOAD), downloads attachments */
	{HTTP_GET, "/memoranda/{id:int}/documents/new", documents_memorandum_form, EDITOR},
	{HTTP_POST, "/memoranda/{id:int}/documents/new", documents_memorandum_upload, EDITOR | ROUTE_UPLOAD},
	{HTTP_GET, "/series/{id:int}/occurrences/{rid:word}/documents/new", documents_occurrence_form, EDITOR},
	{HTTP_POST, "/series/{id:int}/occurrences/{rid:word}/documents/new", documents_occurrence_upload, EDITOR | ROUTE_UPLOAD},
	{HTTP_GET, "/documents/{id:int}", documents_show, VIEWER},
	{HTTP_GET, "/documents/{id:int}/versions/{n:int}", documents_download, VIEWER},
	{HTTP_POST, "/documents/{id:int}/versions/new", documents_new_version, EDITOR | ROUTE_UPLOAD},
	{HTTP_POST, "/documents/{id:int}/delete", documents_delete, EDITOR},
	/* a board member's download of the occurrence's or its memorandum's document, checked like their page */
	{HTTP_GET, "/board/{token:word}/series/{id:int}/occurrences/{rid:word}/documents/{doc:int}", documents_board_download,
	 ANYONE},
};
const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];

/* memocal-feed: read-only, GET and HEAD only. nginx sends only /feeds/ here, so
 * monitoring reaches its health check as /feeds/healthz (never a token: those end in .ics). */
const http_route feed_routes[] = {
	{HTTP_GET, "/healthz", health_show, ANYONE},
	{HTTP_GET, "/feeds/healthz", health_show, ANYONE},
	{HTTP_GET, "/feeds/{token:word}.ics", feed_show, ANYONE},
};
const size_t feed_nroutes = sizeof feed_routes / sizeof feed_routes[0];
