/* reports.c - the activity report's reads (meeting records in numbers, decisions) and its recommendation. */
#include "store/reports.h"

#include <string.h>

#include "store/rows.h"

int store_report_records(store *s, arena *a, long long memorandum_id, report_record **out, size_t *n)
{
	const char *p[] = {param_int(a, memorandum_id)};
	PGresult *r = store_exec(s, STMT_REPORT_RECORDS, 1, p);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		report_record *x = &(*out)[i];
		int row = (int)i;
		x->series_id = row_int(r, row, 0);
		x->recurrence_id = row_str(a, r, row, 1);
		x->state = row_str(a, r, row, 2);
		x->attendance = (long)row_int(r, row, 3);
		x->came = (long)row_int(r, row, 4);
		x->guests = (long)row_int(r, row, 5);
		x->actions = (long)row_int(r, row, 6);
		x->done = (long)row_int(r, row, 7);
		x->dropped = (long)row_int(r, row, 8);
	}
	PQclear(r);
	return 0;
}

int store_report_decisions(store *s, arena *a, long long memorandum_id, report_decision **out, size_t *n)
{
	const char *p[] = {param_int(a, memorandum_id)};
	PGresult *r = store_exec(s, STMT_REPORT_DECISIONS, 1, p);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		report_decision *x = &(*out)[i];
		x->series_id = row_int(r, (int)i, 0);
		x->recurrence_id = row_str(a, r, (int)i, 1);
		x->number = row_str(a, r, (int)i, 2);
		x->text_en = row_str(a, r, (int)i, 3);
		x->text_az = row_str(a, r, (int)i, 4);
	}
	PQclear(r);
	return 0;
}

int store_report_org_memoranda(store *s, arena *a, long long org_id, long long **out, size_t *n)
{
	const char *p[] = {param_int(a, org_id)};
	PGresult *r = store_exec(s, STMT_REPORT_ORG_MEMORANDA, 1, p);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = row_int(r, (int)i, 0);
	PQclear(r);
	return 0;
}

int store_report_draft(store *s, arena *a, long long memorandum_id, const char *from, const char *to,
                       report_advice *out)
{
	memset(out, 0, sizeof *out);
	out->advice = "undecided";
	out->text_en = out->text_az = "";
	out->period_from = from;
	out->period_to = to;
	const char *p[] = {param_int(a, memorandum_id), from, to};
	PGresult *r = store_exec(s, STMT_REPORT_DRAFT, 3, p);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		out->id = row_int(r, 0, 0);
		out->advice = row_str(a, r, 0, 1);
		out->text_en = row_str(a, r, 0, 2);
		out->text_az = row_str(a, r, 0, 3);
		out->version = (int)row_int(r, 0, 4);
	}
	PQclear(r);
	return found;
}

int store_report_issued(store *s, arena *a, long long memorandum_id, report_advice **out, size_t *n)
{
	const char *p[] = {param_int(a, memorandum_id)};
	PGresult *r = store_exec(s, STMT_REPORT_ISSUED, 1, p);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		report_advice *x = &(*out)[i];
		memset(x, 0, sizeof *x);
		x->id = row_int(r, (int)i, 0);
		x->period_from = row_str(a, r, (int)i, 1);
		x->period_to = row_str(a, r, (int)i, 2);
		x->advice = row_str(a, r, (int)i, 3);
		x->text_en = row_str(a, r, (int)i, 4);
		x->text_az = row_str(a, r, (int)i, 5);
		x->issued_at = row_str(a, r, (int)i, 6);
		x->issued_by = row_str(a, r, (int)i, 7);
	}
	PQclear(r);
	return 0;
}

struct draft_ctx {
	long long memorandum_id;
	const report_advice *in;
};

static enum change_result apply_draft(store *s, arena *a, void *ctx, long long *id)
{
	struct draft_ctx *x = ctx;
	if (*id == 0) {
		const char *p[] = {param_int(a, x->memorandum_id), x->in->period_from, x->in->period_to, x->in->advice,
		                   x->in->text_en, x->in->text_az};
		return store_write(s, STMT_REPORT_DRAFT_INSERT, 6, p, id);
	}
	const char *p[] = {param_int(a, *id), x->in->advice, x->in->text_en, x->in->text_az,
	                   param_int(a, x->in->version)};
	return store_write(s, STMT_REPORT_DRAFT_UPDATE, 5, p, NULL);
}

enum change_result store_report_draft_save(store *s, arena *a, const actor *who, long long memorandum_id,
                                           report_advice *in)
{
	struct draft_ctx x = {memorandum_id, in};
	const char *label = arena_printf(a, "activity report of memorandum %lld, %s to %s", memorandum_id,
	                                 in->period_from, in->period_to);
	change c = {who, in->id ? "update" : "create", "activity_report", STMT_REPORT_SNAPSHOT, in->id, label,
	            apply_draft, &x, NULL, false};
	enum change_result res = store_change(s, a, &c);
	if (res == CHANGE_DONE)
		in->id = c.id;
	return res;
}

struct issue_ctx {
	int version;
	const char *csv, *login;
};

static enum change_result apply_issue(store *s, arena *a, void *ctx, long long *id)
{
	struct issue_ctx *x = ctx;
	const char *p[] = {param_int(a, *id), param_int(a, x->version), x->csv, x->login};
	return store_write(s, STMT_REPORT_ISSUE, 4, p, NULL);
}

enum change_result store_report_issue(store *s, arena *a, const actor *who, long long id, int version,
                                      const char *numbers_csv)
{
	struct issue_ctx x = {version, numbers_csv, who->login};
	const char *label = arena_printf(a, "activity report %lld (issued)", id);
	change c = {who, "update", "activity_report", STMT_REPORT_SNAPSHOT, id, label, apply_issue, &x, NULL, false};
	return store_change(s, a, &c);
}

int store_report_issued_csv(store *s, arena *a, long long id, long long memorandum_id, const char **csv,
                            const char **from, const char **to)
{
	const char *p[] = {param_int(a, id), param_int(a, memorandum_id)};
	PGresult *r = store_exec(s, STMT_REPORT_ISSUED_CSV, 2, p);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		*csv = row_str(a, r, 0, 0);
		*from = row_str(a, r, 0, 1);
		*to = row_str(a, r, 0, 2);
	}
	PQclear(r);
	return found;
}
