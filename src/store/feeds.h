/* feeds.h - feed tokens, the version of each feed scope, and what a feed holds. */
#ifndef MEMOCAL_STORE_FEEDS_H
#define MEMOCAL_STORE_FEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/text.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/* What memocal-feed learns from one query: whose token, which scope, which version. */
typedef struct feed_lookup {
	long long token_id;
	const char *scope_kind; /* person, memorandum, organisation */
	long long scope_id;
	const char *lang;
	bool revoked;
	long long version;
	long long changed_at; /* unix seconds, never moving backwards */
} feed_lookup;

typedef struct feed_token {
	long long id;
	const char *scope_kind;
	long long scope_id;
	bitext scope_name;
	const char *lang;
	const char *label;
	const char *created_at, *created_by, *revoked_at;
	const char *last_fetched_at, *last_client;
	long long last_size; /* -1: never fetched */
	long long fetches;
} feed_token;

/* 1 found, 0 not, -1 error. */
int store_feed_lookup(store *s, arena *a, const char *secret_hash, feed_lookup *out);
/* Records a fetch through feed_token_seen(); failures (a read-only replica) are not errors. */
void store_feed_seen(store *s, arena *a, long long token_id, const char *client, long long size);

/* The feeds page's addresses, live ones first, newest first: at most limit, after the one of after_id (0: the first
 * page). */
int store_feed_tokens(store *s, arena *a, long long after_id, long limit, feed_token **out, size_t *n);
/* The staff-feed addresses the staff member with that login made for themselves, live ones first. */
int store_feed_tokens_own(store *s, arena *a, const char *login, long limit, feed_token **out, size_t *n);
/* One token by id: 1 found, 0 not, -1 error. */
int store_feed_token_get(store *s, arena *a, long long id, feed_token *out);
/* Audited. *id gets the new token's id. With reveal_key_hash (the hash of a key only the browser
 * holds) the secret sealed with that key is kept beside it, in the same transaction, for
 * store_feed_reveal_take(); NULL for the CLI, which prints the secret at once. */
enum change_result store_feed_token_create(store *s, arena *a, const actor *who, const char *secret_hash,
                                           const char *scope_kind, long long scope_id, const char *lang,
                                           const char *label, const char *reveal_key_hash, const char *sealed,
                                           long long *id);
/* Takes (deletes) the sealed secret kept under key_hash for that token and user: 1 and *sealed when
 * it was there and under ten minutes old, 0 when not (taken already, expired, another user's), -1 on
 * error. */
int store_feed_reveal_take(store *s, arena *a, long long token_id, long long user_id, const char *key_hash,
                           const char **sealed);
/* Audited; CHANGE_STALE when it was revoked already. */
enum change_result store_feed_token_revoke(store *s, arena *a, const actor *who, long long id);

/* The scope's name in both languages; 1/0/-1 (0: the record is gone). */
int store_feed_scope_name(store *s, arena *a, const char *kind, long long id, bitext *name);

/* A memorandum's title and dates for its feed; *notice: the last day to give notice (notice_months before
 * valid_until) while it is signed and neither renewed nor terminated, else NULL; *terminated_on: NULL when it
 * was not. 1/0/-1. */
int store_feed_memorandum_dates(store *s, arena *a, long long id, bitext *title, const char **signed_on,
                                const char **valid_until, const char **updated_at, const char **notice,
                                const char **terminated_on);

#endif
