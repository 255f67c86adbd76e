/* users.h - staff accounts, their sessions, and the brake on password guessing. */
#ifndef MEMOCAL_STORE_USERS_H
#define MEMOCAL_STORE_USERS_H

#include <stddef.h>

#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/* 1 found, 0 not, -1 error. */
int store_user_by_login(store *s, arena *a, const char *login, staff_user *u);
int store_user_get(store *s, arena *a, long long id, staff_user *u);
int store_user_list(store *s, arena *a, staff_user **out, size_t *n);

/* Audited. *id gets the new user's id. CHANGE_STALE here means the login is taken. */
enum change_result store_user_create(store *s, arena *a, const actor *who, const char *login, const char *hash,
                                     enum role role, const char *display_name, long long *id);
/*
 * Audited: sets u's role, display_name and disabled where u->id has u->version
 * (the one the editor saw; CHANGE_STALE otherwise); u->login labels the log
 * entry. new_hash (NULL: keep the password) is set in the same transaction.
 * Ends the user's sessions when disabled or given a new password.
 */
enum change_result store_user_update(store *s, arena *a, const actor *who, const staff_user *u, const char *new_hash);
/* Audited (as a change without the hash); ends the user's sessions. */
enum change_result store_user_set_password(store *s, arena *a, const actor *who, long long id, const char *hash);
int store_user_set_lang(store *s, arena *a, long long id, const char *lang);
/* Active admins other than id: the last one may not be demoted or disabled. */
long long store_user_other_admins(store *s, arena *a, long long id);

/* The user behind a live session (by the hash of its cookie), with its CSRF token. 1/0/-1. */
int store_session_load(store *s, arena *a, const char *id_hash, staff_user *u, const char **csrf);
int store_session_create(store *s, arena *a, const char *id_hash, long long user_id, const char *csrf,
                         long lifetime_s, const char *address, const char *user_agent);
int store_session_delete(store *s, const char *id_hash);

/* Seconds the login or the address must still wait before another try (0: go). */
int store_login_wait(store *s, arena *a, const char *login_key, const char *addr_key);
int store_login_failed(store *s, const char *key);
int store_login_clear(store *s, const char *key);

#endif
