/* users.c - staff accounts, their sessions, and the brake on password guessing. */
#include "store/users.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

static void read_user(arena *a, const PGresult *r, int i, staff_user *u)
{
	u->id = row_int(r, i, 0);
	u->login = row_str(a, r, i, 1);
	u->password_hash = row_str(a, r, i, 2);
	u->role = role_parse(PQgetvalue(r, i, 3));
	u->lang = row_str(a, r, i, 4);
	u->display_name = row_str(a, r, i, 5);
	u->disabled = PQgetvalue(r, i, 6)[0] == 't';
	u->version = (int)row_int(r, i, 7);
	u->created_at = row_str(a, r, i, 8);
	u->last_login_at = row_str(a, r, i, 9);
	u->time_zone = row_str(a, r, i, 10);
	u->email = row_str(a, r, i, 11);
	u->digest = PQgetvalue(r, i, 12)[0] == 't';
}

static int one_user(store *s, arena *a, enum stmt id, const char *param, staff_user *u)
{
	memset(u, 0, sizeof *u);
	const char *params[] = {param};
	PGresult *r = store_exec(s, id, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found)
		read_user(a, r, 0, u);
	PQclear(r);
	return found;
}

int store_user_by_login(store *s, arena *a, const char *login, staff_user *u)
{
	return one_user(s, a, STMT_USER_BY_LOGIN, login, u);
}

int store_user_get(store *s, arena *a, long long id, staff_user *u)
{
	return one_user(s, a, STMT_USER_GET, param_int(a, id), u);
}

int store_user_list(store *s, arena *a, staff_user **out, size_t *n)
{
	PGresult *r = store_exec(s, STMT_USER_LIST, 0, NULL);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	staff_user *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++)
		read_user(a, r, i, &list[i]);
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

struct user_write {
	const char *const *params;
	int nparams;
	enum stmt stmt;
	bool end_sessions;
	const char *new_hash; /* also set this password, in the same transaction */
};

static enum change_result apply_user(store *s, arena *a, void *ctx, long long *id)
{
	struct user_write *w = ctx;
	enum change_result res = store_write(s, w->stmt, w->nparams, w->params, id);
	if (res == CHANGE_DONE && w->new_hash) {
		const char *p[] = {param_int(a, *id), w->new_hash};
		res = store_write(s, STMT_USER_SET_PASSWORD, 2, p, NULL);
	}
	if (res == CHANGE_DONE && w->end_sessions) {
		const char *p[] = {param_int(a, *id)};
		PGresult *r = store_exec(s, STMT_SESSION_DELETE_USER, 1, p);
		if (!r)
			return CHANGE_ERROR;
		PQclear(r);
	}
	return res;
}

enum change_result store_user_create(store *s, arena *a, const actor *who, const char *login, const char *hash,
                                     enum role role, const char *display_name, long long *id)
{
	const char *params[] = {login, hash, role_name(role), display_name};
	struct user_write w = {params, 4, STMT_USER_INSERT, false, NULL};
	change c = {who, "create", "staff_user", STMT_USER_SNAPSHOT, 0, login, apply_user, &w, NULL, false};
	enum change_result res = store_change(s, a, &c);
	if (res == CHANGE_ERROR && s->status == STORE_CONFLICT)
		return CHANGE_STALE; /* unique login */
	*id = c.id;
	return res;
}

enum change_result store_user_update(store *s, arena *a, const actor *who, const staff_user *u, const char *new_hash)
{
	const char *params[] = {param_int(a, u->id), role_name(u->role), u->display_name, u->disabled ? "true" : "false",
	                        param_int(a, u->version)};
	struct user_write w = {params, 5, STMT_USER_UPDATE, u->disabled || new_hash, new_hash};
	change c = {who, "update", "staff_user", STMT_USER_SNAPSHOT, u->id, u->login, apply_user, &w, NULL, false};
	/* the snapshot is the whole row (a new password as a fingerprint of its hash) */
	return store_change_unless_same(s, a, &c, STMT_PING);
}

enum change_result store_user_set_password(store *s, arena *a, const actor *who, long long id, const char *hash)
{
	const char *params[] = {param_int(a, id), hash};
	struct user_write w = {params, 2, STMT_USER_SET_PASSWORD, true, NULL};
	change c = {who, "update", "staff_user", STMT_USER_SNAPSHOT, id, "password", apply_user, &w, NULL, false};
	return store_change(s, a, &c);
}

enum change_result store_user_set_settings(store *s, arena *a, const actor *who, long long id, const char *lang,
                                           const char *time_zone, const char *email, bool digest, int version)
{
	const char *params[] = {param_int(a, id), lang, time_zone, email, digest ? "true" : "false", param_int(a, version)};
	struct user_write w = {params, 6, STMT_USER_SET_SETTINGS, false, NULL};
	change c = {who, "update", "staff_user", STMT_USER_SNAPSHOT, id, who->login, apply_user, &w, NULL, false};
	return store_change_unless_same(s, a, &c, STMT_PING);
}

int store_user_set_lang(store *s, arena *a, long long id, const char *lang)
{
	const char *params[] = {param_int(a, id), lang};
	PGresult *r = store_exec(s, STMT_USER_SET_LANG, 2, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

long long store_user_other_admins(store *s, arena *a, long long id)
{
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_USER_ACTIVE_ADMINS, 1, params);
	if (!r)
		return -1;
	long long n = row_int(r, 0, 0);
	PQclear(r);
	return n;
}

int store_session_load(store *s, arena *a, const char *id_hash, staff_user *u, const char **csrf)
{
	memset(u, 0, sizeof *u);
	const char *params[] = {id_hash};
	PGresult *r = store_exec(s, STMT_SESSION_LOAD, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		u->id = row_int(r, 0, 0);
		u->login = row_str(a, r, 0, 1);
		u->role = role_parse(PQgetvalue(r, 0, 2));
		u->lang = row_str(a, r, 0, 3);
		u->display_name = row_str(a, r, 0, 4);
		*csrf = row_str(a, r, 0, 5);
		u->time_zone = row_str(a, r, 0, 6);
	}
	PQclear(r);
	return found;
}

int store_session_create(store *s, arena *a, const char *id_hash, long long user_id, const char *csrf,
                         long lifetime_s, const char *address, const char *user_agent)
{
	PGresult *r = store_exec(s, STMT_SESSION_SWEEP, 0, NULL);
	if (!r)
		return -1;
	PQclear(r);
	const char *params[] = {id_hash, param_int(a, user_id), csrf, param_int(a, lifetime_s), address, user_agent};
	r = store_exec(s, STMT_SESSION_INSERT, 6, params);
	if (!r)
		return -1;
	PQclear(r);
	const char *p2[] = {param_int(a, user_id)};
	r = store_exec(s, STMT_USER_LOGGED_IN, 1, p2);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_session_delete(store *s, const char *id_hash)
{
	const char *params[] = {id_hash};
	PGresult *r = store_exec(s, STMT_SESSION_DELETE, 1, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_login_wait(store *s, arena *a, const char *account_key, const char *pair_key, const char *device_hash,
                     const char *login, bool *trusted)
{
	(void)a;
	const char *params[] = {account_key, pair_key, device_hash, login};
	PGresult *r = store_exec(s, STMT_LOGIN_WAIT, 4, params);
	if (!r)
		return -1;
	*trusted = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	long long wait = row_int(r, 0, 1);
	PQclear(r);
	return *trusted || wait <= 0 ? 0 : (int)wait;
}

static int exec_key(store *s, enum stmt id, const char *key)
{
	const char *params[] = {key};
	PGresult *r = store_exec(s, id, 1, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int store_login_failed(store *s, const char *key)
{
	PGresult *r = store_exec(s, STMT_LOGIN_SWEEP, 0, NULL);
	if (!r)
		return -1;
	PQclear(r);
	return exec_key(s, STMT_LOGIN_FAILED, key);
}

int store_login_clear(store *s, const char *key)
{
	return exec_key(s, STMT_LOGIN_CLEAR, key);
}

int store_device_create(store *s, arena *a, const char *id_hash, long long user_id, long lifetime_s,
                        const char *old_hash)
{
	const char *params[] = {id_hash, param_int(a, user_id), param_int(a, lifetime_s), old_hash};
	PGresult *r = store_exec(s, STMT_DEVICE_INSERT, 4, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}
