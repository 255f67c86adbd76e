/* feeds.c - feed tokens, the version of each feed scope, and what a feed holds. */
#include "store/feeds.h"

#include <string.h>

#include "store/rows.h"
#include "util/log.h"

int store_feed_lookup(store *s, arena *a, const char *secret_hash, feed_lookup *out)
{
	memset(out, 0, sizeof *out);
	const char *params[] = {secret_hash};
	PGresult *r = store_exec(s, STMT_FEED_LOOKUP, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		out->token_id = row_int(r, 0, 0);
		out->scope_kind = row_str(a, r, 0, 1);
		out->scope_id = row_int(r, 0, 2);
		out->lang = row_str(a, r, 0, 3);
		out->revoked = PQgetvalue(r, 0, 4)[0] == 't';
		out->version = row_int(r, 0, 5);
		out->changed_at = row_int(r, 0, 6);
	}
	PQclear(r);
	return found;
}

void store_feed_seen(store *s, arena *a, long long token_id, const char *client, long long size)
{
	const char *params[] = {param_int(a, token_id), client ? client : "", param_int(a, size)};
	PGresult *r = store_exec(s, STMT_FEED_SEEN, 3, params);
	if (r)
		PQclear(r);
	else
		log_warn("msg=\"fetch not recorded (read-only replica?)\" token=%lld", token_id);
}

static void token_row(arena *a, PGresult *r, int i, feed_token *t)
{
	t->id = row_int(r, i, 0);
	t->scope_kind = row_str(a, r, i, 1);
	t->scope_id = row_int(r, i, 2);
	t->lang = row_str(a, r, i, 3);
	t->label = row_str(a, r, i, 4);
	t->created_at = row_str(a, r, i, 5);
	t->created_by = row_str(a, r, i, 6);
	t->revoked_at = row_str(a, r, i, 7);
	t->last_fetched_at = row_str(a, r, i, 8);
	t->last_client = row_str(a, r, i, 9);
	t->last_size = PQgetisnull(r, i, 10) ? -1 : row_int(r, i, 10);
	t->fetches = row_int(r, i, 11);
	t->scope_name = row_bitext(a, r, i, 12);
}

/* The tokens a list query answered (NULL: its error). */
static int tokens_of(arena *a, PGresult *r, feed_token **out, size_t *n)
{
	if (!r)
		return -1;
	int rows = PQntuples(r);
	feed_token *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++)
		token_row(a, r, i, &list[i]);
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_feed_tokens(store *s, arena *a, long long after_id, long limit, feed_token **out, size_t *n)
{
	const char *params[] = {param_int(a, limit), after_id ? param_int(a, after_id) : NULL};
	return tokens_of(a, store_exec(s, after_id ? STMT_FEED_TOKENS_AFTER : STMT_FEED_TOKENS_LIST, after_id ? 2 : 1, params),
	                 out, n);
}

int store_feed_tokens_own(store *s, arena *a, const char *login, long limit, feed_token **out, size_t *n)
{
	const char *params[] = {login, param_int(a, limit)};
	return tokens_of(a, store_exec(s, STMT_FEED_TOKENS_OWN, 2, params), out, n);
}

int store_feed_token_get(store *s, arena *a, long long id, feed_token *out)
{
	memset(out, 0, sizeof *out);
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_FEED_TOKEN_GET, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found)
		token_row(a, r, 0, out);
	PQclear(r);
	return found;
}

int store_feed_reveal_take(store *s, arena *a, long long token_id, long long user_id, const char *key_hash,
                           const char **sealed)
{
	*sealed = NULL;
	const char *params[] = {key_hash, param_int(a, token_id), param_int(a, user_id)};
	PGresult *r = store_exec(s, STMT_FEED_REVEAL_TAKE, 3, params);
	if (!r)
		return -1;
	/* taken either way; one older than ten minutes is not shown */
	int found = PQntuples(r) > 0 && PQgetvalue(r, 0, 1)[0] == 't';
	if (found)
		*sealed = row_str(a, r, 0, 0);
	PQclear(r);
	return found;
}

struct token_write {
	enum stmt stmt;
	const char *const *params;
	int nparams;
};

static enum change_result apply(store *s, arena *a, void *ctx, long long *id)
{
	(void)a;
	struct token_write *w = ctx;
	return store_write(s, w->stmt, w->nparams, w->params, id);
}

/* The token and the sealed secret on its way to the page that shows it: one transaction, so an address
 * is never made that its maker cannot be shown. */
struct token_create {
	const char *const *params;
	const char *key_hash, *sealed, *user_id;
};

static enum change_result create(store *s, arena *a, void *ctx, long long *id)
{
	struct token_create *w = ctx;
	enum change_result res = store_write(s, STMT_FEED_TOKEN_INSERT, 6, w->params, id);
	if (res != CHANGE_DONE || !w->key_hash)
		return res;
	PGresult *r = store_exec(s, STMT_FEED_REVEAL_EXPIRE, 0, NULL);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	const char *put[] = {w->key_hash, param_int(a, *id), w->user_id, w->sealed};
	if (!(r = store_exec(s, STMT_FEED_REVEAL_PUT, 4, put)))
		return CHANGE_ERROR;
	PQclear(r);
	return CHANGE_DONE;
}

enum change_result store_feed_token_create(store *s, arena *a, const actor *who, const char *secret_hash,
                                           const char *scope_kind, long long scope_id, const char *lang,
                                           const char *label, const char *reveal_key_hash, const char *sealed,
                                           long long *id)
{
	const char *params[] = {secret_hash, scope_kind, param_int(a, scope_id), lang, label, who ? who->login : NULL};
	struct token_create w = {params, reveal_key_hash, sealed, param_int(a, who ? who->user_id : 0)};
	change c = {who, "create", "feed_token", STMT_FEED_TOKEN_SNAPSHOT, 0, label, create, &w, NULL, false};
	enum change_result res = store_change(s, a, &c);
	*id = c.id;
	return res;
}

enum change_result store_feed_token_revoke(store *s, arena *a, const actor *who, long long id)
{
	const char *params[] = {param_int(a, id)};
	struct token_write w = {STMT_FEED_TOKEN_REVOKE, params, 1};
	change c = {who, "update", "feed_token", STMT_FEED_TOKEN_SNAPSHOT, id, "revoked", apply, &w, NULL, false};
	return store_change(s, a, &c);
}

int store_feed_scope_name(store *s, arena *a, const char *kind, long long id, bitext *name)
{
	if (strcmp(kind, "staff") == 0) { /* no record: the pages name it from the catalogue (feeds.scope.staff) */
		*name = (bitext){"", ""};
		return id == 0;
	}
	const char *params[] = {kind, param_int(a, id)};
	PGresult *r = store_exec(s, STMT_FEED_SCOPE_NAME, 2, params);
	if (!r)
		return -1;
	*name = row_bitext(a, r, 0, 0);
	PQclear(r);
	return name->en != NULL;
}

int store_feed_memorandum_dates(store *s, arena *a, long long id, bitext *title, const char **signed_on,
                                const char **valid_until, const char **updated_at, const char **notice,
                                const char **terminated_on)
{
	const char *params[] = {param_int(a, id), param_int(a, s->notice_months)};
	PGresult *r = store_exec(s, STMT_FEED_MEMORANDUM_DATES, 2, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		*title = row_bitext(a, r, 0, 1);
		*signed_on = row_str(a, r, 0, 3);
		*valid_until = row_str(a, r, 0, 4);
		*updated_at = row_str(a, r, 0, 5);
		*notice = row_str(a, r, 0, 6);
		*terminated_on = row_str(a, r, 0, 7);
	}
	PQclear(r);
	return found;
}
