/* outbox.c - the mail outbox (migration 017): memocal-mailer takes and finishes messages, staff list and resend them. */
#include "store/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

static int run(store *s, enum stmt id, int n, const char *const *params)
{
	PGresult *r = store_exec(s, id, n, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_outbox_reclaim(store *s, arena *a, long lease_s)
{
	const char *p[] = {param_int(a, lease_s)};
	return run(s, STMT_MAIL_RECLAIM, 1, p);
}

int store_outbox_claim(store *s, arena *a, outbox_message *m)
{
	memset(m, 0, sizeof *m);
	PGresult *r = store_exec(s, STMT_MAIL_CLAIM, 0, NULL);
	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	m->id = row_int(r, 0, 0);
	m->message_key = row_str(a, r, 0, 1);
	m->series_id = PQgetisnull(r, 0, 2) ? 0 : row_int(r, 0, 2);
	m->recipient = row_str(a, r, 0, 3);
	m->lang = row_str(a, r, 0, 4);
	m->method = row_str(a, r, 0, 5);
	m->recurrence_id = row_str(a, r, 0, 6);
	m->uid = row_str(a, r, 0, 7);
	m->sequence = (int)row_int(r, 0, 8);
	m->title_en = row_str(a, r, 0, 9);
	m->title_az = row_str(a, r, 0, 10);
	m->tzid = row_str(a, r, 0, 11);
	m->start_local = row_str(a, r, 0, 12);
	m->end_local = row_str(a, r, 0, 13);
	const char *all_day = row_str(a, r, 0, 14);
	m->all_day = all_day && *all_day == 't';
	m->rrule = row_str(a, r, 0, 15);
	m->person_id = PQgetisnull(r, 0, 16) ? 0 : row_int(r, 0, 16);
	m->recipient_name = row_str(a, r, 0, 17);
	m->staff_user_id = PQgetisnull(r, 0, 18) ? 0 : row_int(r, 0, 18);
	m->queued_at = row_str(a, r, 0, 19);
	m->series_created_at = row_str(a, r, 0, 20);
	PQclear(r);
	return 1;
}

int store_outbox_sent(store *s, arena *a, long long id)
{
	const char *p[] = {param_int(a, id)};
	return run(s, STMT_MAIL_SENT, 1, p);
}

int store_outbox_retry(store *s, arena *a, long long id, const char *why, long backoff_s, long give_up_s,
                       bool *given_up)
{
	const char *p[] = {param_int(a, id), why, param_int(a, backoff_s), param_int(a, give_up_s)};
	PGresult *r = store_exec(s, STMT_MAIL_RETRY, 4, p);
	if (!r)
		return -1;
	*given_up = PQntuples(r) > 0 && strcmp(PQgetvalue(r, 0, 0), "given_up") == 0;
	PQclear(r);
	return 0;
}

int store_outbox_failed(store *s, arena *a, long long id, const char *why)
{
	const char *p[] = {param_int(a, id), why};
	return run(s, STMT_MAIL_FAILED, 2, p);
}

int store_outbox_wait(store *s, arena *a, long lease_s, double *seconds, bool *none)
{
	const char *p[] = {param_int(a, lease_s)};
	PGresult *r = store_exec(s, STMT_MAIL_WAIT, 1, p);
	if (!r)
		return -1;
	*none = true;
	*seconds = 0;
	for (int c = 0; c < 2; c++) {
		if (PQgetisnull(r, 0, c))
			continue;
		double v = strtod(PQgetvalue(r, 0, c), NULL);
		if (*none || v < *seconds)
			*seconds = v;
		*none = false;
	}
	PQclear(r);
	return 0;
}

int store_outbox_list(store *s, arena *a, long long memorandum_id, long long person_id, long limit, long offset,
                      outbox_entry **out, size_t *n, long long *total)
{
	*out = NULL;
	*n = 0;
	const char *m = memorandum_id ? param_int(a, memorandum_id) : NULL, *p = person_id ? param_int(a, person_id) : NULL;
	const char *cp[] = {m, p};
	PGresult *r = store_exec(s, STMT_MAIL_COUNT, 2, cp);
	if (!r)
		return -1;
	*total = row_int(r, 0, 0);
	PQclear(r);
	const char *params[] = {m, p, param_int(a, limit), param_int(a, offset)};
	if (!(r = store_exec(s, STMT_MAIL_LIST, 4, params)))
		return -1;
	int rows = PQntuples(r);
	outbox_entry *e = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *e);
	for (int i = 0; i < rows; i++) {
		e[i].id = row_int(r, i, 0);
		e[i].created_at = row_str(a, r, i, 1);
		e[i].recipient = row_str(a, r, i, 2);
		e[i].person_id = PQgetisnull(r, i, 3) ? 0 : row_int(r, i, 3);
		e[i].person_name = row_bitext(a, r, i, 4);
		e[i].method = row_str(a, r, i, 6);
		e[i].recurrence_id = row_str(a, r, i, 7);
		e[i].series_id = row_int(r, i, 8);
		e[i].series_title = row_bitext(a, r, i, 9);
		e[i].series_exists = *PQgetvalue(r, i, 11) == 't';
		e[i].state = row_str(a, r, i, 12);
		e[i].attempts = (int)row_int(r, i, 13);
		e[i].last_error = row_str(a, r, i, 14);
		e[i].sent_at = row_str(a, r, i, 15);
		e[i].lang = row_str(a, r, i, 16);
		e[i].staff_login = row_str(a, r, i, 17);
	}
	PQclear(r);
	*out = e;
	*n = (size_t)rows;
	return 0;
}

static enum change_result apply_resend(store *s, arena *a, void *ctx, long long *id)
{
	(void)ctx;
	const char *params[] = {param_int(a, *id)};
	return store_write(s, STMT_MAIL_RESEND, 1, params, NULL);
}

enum change_result store_outbox_resend(store *s, arena *a, const actor *who, long long id)
{
	change c = {who, "update", "mail_message", STMT_MAIL_SNAPSHOT, id, "sent again", apply_resend, NULL, NULL, false};
	return store_change(s, a, &c);
}

int store_outbox_reach(store *s, arena *a, long limit, outbox_reach **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, limit)};
	PGresult *r = store_exec(s, STMT_MAIL_REACH, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	outbox_reach *e = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *e);
	for (int i = 0; i < rows; i++) {
		e[i].person_id = row_int(r, i, 0);
		e[i].name = row_bitext(a, r, i, 1);
		e[i].mail = *PQgetvalue(r, i, 3) == 't';
		e[i].feed = *PQgetvalue(r, i, 4) == 't';
	}
	PQclear(r);
	*out = e;
	*n = (size_t)rows;
	return 0;
}

int store_outbox_remind(store *s, arena *a, long long series_id, const char *rid, const char *start)
{
	const char *params[] = {param_int(a, series_id), rid, start};
	PGresult *r = store_exec(s, STMT_MAIL_REMIND, 3, params);
	if (!r)
		return -1;
	int n = (int)row_int(r, 0, 0);
	PQclear(r);
	return n;
}

int store_outbox_digest_due(store *s, arena *a, const char *week, long long **people, size_t *n)
{
	const char *params[] = {week};
	*people = NULL;
	*n = 0;
	PGresult *r = store_exec(s, STMT_MAIL_DIGEST_DUE, 1, params);
	if (!r)
		return -1;
	size_t rows = (size_t)PQntuples(r);
	*people = arena_alloc(a, (rows ? rows : 1) * sizeof **people);
	for (size_t i = 0; i < rows; i++)
		(*people)[i] = row_int(r, (int)i, 0);
	*n = rows;
	PQclear(r);
	return 0;
}

int store_outbox_digest_actions(store *s, arena *a, long long person_id, size_t max, open_action **out, size_t *n,
                                bool *more)
{
	const char *params[] = {param_int(a, person_id)};
	*out = NULL;
	*n = 0;
	*more = false;
	PGresult *r = store_exec(s, STMT_MAIL_DIGEST_ACTIONS, 1, params);
	if (!r)
		return -1;
	size_t rows = (size_t)PQntuples(r);
	if (rows > max) {
		rows = max;
		*more = true;
	}
	*out = arena_alloc(a, (rows ? rows : 1) * sizeof **out);
	for (size_t i = 0; i < rows; i++) {
		open_action *x = &(*out)[i];
		x->what = row_bitext(a, r, (int)i, 0);
		x->due_on = row_str(a, r, (int)i, 2);
		x->series_id = row_int(r, (int)i, 3);
		x->series_title = row_bitext(a, r, (int)i, 4);
		x->meeting_on = row_str(a, r, (int)i, 6);
	}
	*n = rows;
	PQclear(r);
	return 0;
}

int store_outbox_digest(store *s, arena *a, long long person_id, const char *week, const char *from, const char *to)
{
	const char *params[] = {param_int(a, person_id), week, from, to};
	PGresult *r = store_exec(s, STMT_MAIL_DIGEST_QUEUE, 4, params);
	if (!r)
		return -1;
	int n = (int)row_int(r, 0, 0);
	PQclear(r);
	return n;
}

int store_outbox_staff_queue(store *s, arena *a, const char *week, long notice_months, const char *today)
{
	const char *params[] = {week, param_int(a, notice_months), today};
	PGresult *r = store_exec(s, STMT_MAIL_STAFF_QUEUE, 3, params);
	if (!r)
		return -1;
	int n = (int)row_int(r, 0, 0);
	PQclear(r);
	return n;
}

int store_outbox_staff_wanted(store *s, arena *a, long long staff_user_id)
{
	const char *params[] = {param_int(a, staff_user_id)};
	PGresult *r = store_exec(s, STMT_MAIL_STAFF_ACCOUNT, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	PQclear(r);
	return found;
}

int store_outbox_staff_memoranda(store *s, arena *a, long notice_months, const char *today, size_t max,
                                 notice_memorandum **out, size_t *n, long long *total)
{
	const char *params[] = {param_int(a, notice_months), today, param_int(a, (long long)max)};
	*out = NULL;
	*n = 0;
	*total = 0;
	PGresult *r = store_exec(s, STMT_MAIL_STAFF_MEMORANDA, 3, params);
	if (!r)
		return -1;
	size_t rows = (size_t)PQntuples(r);
	*out = arena_alloc(a, (rows ? rows : 1) * sizeof **out);
	for (size_t i = 0; i < rows; i++) {
		notice_memorandum *m = &(*out)[i];
		m->id = row_int(r, (int)i, 0);
		m->title = row_bitext(a, r, (int)i, 1);
		m->valid_until = row_str(a, r, (int)i, 3);
		m->days_left = (long)row_int(r, (int)i, 4);
		m->new_this_week = *PQgetvalue(r, (int)i, 5) == 't';
		*total = row_int(r, (int)i, 6);
	}
	*n = rows;
	PQclear(r);
	return 0;
}

int store_outbox_staff_actions(store *s, arena *a, const char *today, size_t max, overdue_action **out, size_t *n,
                               long long *total)
{
	const char *params[] = {today, param_int(a, (long long)max)};
	*out = NULL;
	*n = 0;
	*total = 0;
	PGresult *r = store_exec(s, STMT_MAIL_STAFF_ACTIONS, 2, params);
	if (!r)
		return -1;
	size_t rows = (size_t)PQntuples(r);
	*out = arena_alloc(a, (rows ? rows : 1) * sizeof **out);
	for (size_t i = 0; i < rows; i++) {
		overdue_action *x = &(*out)[i];
		x->what = row_bitext(a, r, (int)i, 0);
		x->due_on = row_str(a, r, (int)i, 2);
		x->owner = row_bitext(a, r, (int)i, 3);
		x->series_title = row_bitext(a, r, (int)i, 5);
		x->recurrence_id = row_str(a, r, (int)i, 7);
		x->series_id = row_int(r, (int)i, 8);
		*total = row_int(r, (int)i, 9);
	}
	*n = rows;
	PQclear(r);
	return 0;
}
