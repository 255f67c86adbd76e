/* users.h - staff accounts, their sessions, and the brake on password guessing. */
#ifndef MEMOCAL_STORE_USERS_H
#define MEMOCAL_STORE_USERS_H

#include <stdbool.h>
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
/* A person's own settings: language (NULL: follow the browser), zone (NULL: the default), address (NULL:
 * none) and the weekly staff digest (which needs the address), audited; CHANGE_STALE when the account is no
 * longer at version (changed since the form was opened). */
enum change_result store_user_set_settings(store *s, arena *a, const actor *who, long long id, const char *lang,
                                           const char *time_zone, const char *email, bool digest, int version);
int store_user_set_lang(store *s, arena *a, long long id, const char *lang);
/* Active admins other than id: the last one may not be demoted or disabled. */
long long store_user_other_admins(store *s, arena *a, long long id);

/* The user behind a live session (by the hash of its cookie), with its CSRF token. 1/0/-1. */
int store_session_load(store *s, arena *a, const char *id_hash, staff_user *u, const char **csrf);
int store_session_create(store *s, arena *a, const char *id_hash, long long user_id, const char *csrf,
                         long lifetime_s, const char *address, const char *user_agent);
int store_session_delete(store *s, const char *id_hash);

/*
 * The login brake (migration 014 says why it is shaped so). Seconds the account or the (address,
 * account) pair must still wait before another try (0: go), -1 on error. device_hash: the hash of the
 * browser's device cookie, or NULL; *trusted tells whether it is one memocal gave that login at a
 * successful login, with fewer than its limit of failures since: such a try is never braked (the
 * answer is 0).
 */
int store_login_wait(store *s, arena *a, const char *account_key, const char *pair_key, const char *device_hash,
                     const char *login, bool *trusted);
/* One more failure for key; failures a day old are swept first. */
int store_login_failed(store *s, const char *key);
/* A success: forgets key's failures (an account's only while under its limit). */
int store_login_clear(store *s, const char *key);
/* Trusts a browser for user_id for lifetime_s (replacing old_hash, the cookie it had, or NULL). */
int store_device_create(store *s, arena *a, const char *id_hash, long long user_id, long lifetime_s,
                        const char *old_hash);

#endif
