/* secret.h - passwords, random tokens and their hashes, all through libsodium. */
#ifndef MEMOCAL_SECRET_H
#define MEMOCAL_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* sodium_init(); 0 or -1. Call once per process before forking. */
int secret_init(void);

/* nbytes of CSPRNG output as unpadded base64url (43 characters for 32 bytes). */
char *secret_token(arena *a, size_t nbytes);

/* The BLAKE2b-256 of s as 64 lowercase hex digits: what is stored for a token or session id. */
char *secret_hash_hex(arena *a, const char *s);

/* Seals plaintext with a key made from key_text (BLAKE2b keyed for this use, so it is not the
 * lookup hash secret_hash_hex(key_text)): XSalsa20-Poly1305 with a random nonce, as base64url
 * text. How a feed address reaches the page that shows it once without being stored in clear: the
 * database keeps the sealed text under the hash of a random key that only the browser holds. */
char *secret_seal(arena *a, const char *key_text, const char *plaintext);

/* The plaintext secret_seal() sealed with key_text, or NULL when sealed is not such a text or was
 * sealed with another key. */
char *secret_unseal(arena *a, const char *key_text, const char *sealed);

/* argon2id (crypto_pwhash_str, interactive limits). NULL when out of memory. */
char *secret_password_hash(arena *a, const char *password);

/* True when password matches hash. With hash NULL it still spends the time
 * of a verification, so an unknown login answers as slowly as a known one. */
bool secret_password_verify(const char *hash, const char *password);

/* Constant-time comparison of two NUL-terminated strings. */
bool secret_equal(const char *a, const char *b);

#endif
