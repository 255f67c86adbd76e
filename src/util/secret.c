/* secret.c - passwords, random tokens and their hashes, all through libsodium. */
#include "util/secret.h"

#include <sodium.h>
#include <string.h>

static char dummy_hash[crypto_pwhash_STRBYTES];

int secret_init(void)
{
	if (sodium_init() < 0)
		return -1;
	/* a real hash of a random password: verifying against it costs what a real check costs */
	char pw[33];
	randombytes_buf(pw, sizeof pw - 1);
	for (size_t i = 0; i < sizeof pw - 1; i++)
		pw[i] = (char)('a' + (unsigned char)pw[i] % 26);
	pw[32] = '\0';
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

char *secret_token(arena *a, size_t nbytes)
{
	unsigned char raw[64];
	if (nbytes > sizeof raw)
		nbytes = sizeof raw;
	randombytes_buf(raw, nbytes);
	size_t len = sodium_base64_ENCODED_LEN(nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return out;
}

char *secret_hash_hex(arena *a, const char *s)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
	char *out = arena_alloc(a, 65);
	sodium_bin2hex(out, 65, h, sizeof h);
	return out;
}

/* The sealing key for key_text: BLAKE2b-256 keyed with a fixed label, unlike the unkeyed lookup hash. */
static void seal_key(const char *key_text, unsigned char k[crypto_secretbox_KEYBYTES])
{
	static const char label[] = "memocal seal v1";
	crypto_generichash(k, crypto_secretbox_KEYBYTES, (const unsigned char *)key_text, strlen(key_text),
	                   (const unsigned char *)label, sizeof label - 1);
}

char *secret_seal(arena *a, const char *key_text, const char *plaintext)
{
	size_t n = strlen(plaintext);
	size_t raw_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	unsigned char *raw = arena_alloc(a, raw_len);
	unsigned char k[crypto_secretbox_KEYBYTES];
	seal_key(key_text, k);
	randombytes_buf(raw, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(raw + crypto_secretbox_NONCEBYTES, (const unsigned char *)plaintext, n, raw, k);
	sodium_memzero(k, sizeof k);
	size_t len = sodium_base64_ENCODED_LEN(raw_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, raw, raw_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

char *secret_unseal(arena *a, const char *key_text, const char *sealed)
{
	size_t cap = strlen(sealed) * 3 / 4 + 1, raw_len;
	unsigned char *raw = arena_alloc(a, cap);
	if (sodium_base642bin(raw, cap, sealed, strlen(sealed), NULL, &raw_len, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    raw_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	size_t n = raw_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *out = arena_alloc(a, n + 1);
	unsigned char k[crypto_secretbox_KEYBYTES];
	seal_key(key_text, k);
	int rc = crypto_secretbox_open_easy((unsigned char *)out, raw + crypto_secretbox_NONCEBYTES,
	                                    raw_len - crypto_secretbox_NONCEBYTES, raw, k);
	sodium_memzero(k, sizeof k);
	if (rc != 0)
		return NULL;
	out[n] = '\0';
	return out;
}

char *secret_password_hash(arena *a, const char *password)
{
	char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return NULL;
	return out;
}

bool secret_password_verify(const char *hash, const char *password)
{
	if (!hash || strlen(hash) >= crypto_pwhash_STRBYTES) {
		/* the result does not matter, only the time it takes */
		volatile int spent = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
		(void)spent;
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b) || n == 0)
		return false;
	return sodium_memcmp(a, b, n) == 0;
}
