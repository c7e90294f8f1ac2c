/* A laptop's signing key, the keys it trusts, and the signatures and
 * sealing of bundles, through libsodium. The only module that includes it.
 *
 * One Ed25519 key pair per laptop signs what it exports; its X25519 form
 * (derived from it) opens bundles sealed for it. Keys live in files of
 * the key folder ($CIRT_KEY_DIR, else $XDG_CONFIG_HOME/cirt, else
 * ~/.config/cirt), mode 0600 in a 0700 folder, never in a database:
 *
 *   key       this laptop's key pair: the lines "cirt-key 1", "name NAME",
 *             "created TIME", "public ed25519:BASE64", "secret BASE64"
 *   trusted   the keys it trusts, one a line: "ed25519:BASE64 TAB added
 *             TAB revoked (or -) TAB name"
 *
 * A public key is written "ed25519:" and the standard base64 of its 32
 * bytes; its fingerprint, to be read aloud, is the first 10 bytes of its
 * SHA-256 as five groups of four hex digits ("7f3a 92c1 0b4e d58a 61f0"). */
#ifndef CIRT_KEYS_H
#define CIRT_KEYS_H

#include <stddef.h>

#include "error.h"

#define KEY_PUBLIC_BYTES 32
#define KEY_SIGNATURE_BYTES 64
#define KEY_TEXT_SIZE 53	/* "ed25519:" and 44 base64 digits, NUL */
#define KEY_FINGERPRINT_SIZE 25 /* five groups of four, four spaces, NUL */
#define KEY_NAME_MAX 200

/* Start libsodium; 0, or -1 when it cannot (no randomness). */
int keys_start(void);

/* The key folder (borrowed until the next call). */
const char *keys_dir(void);

struct key_pair {
	unsigned char public_key[KEY_PUBLIC_BYTES];
	unsigned char secret_key[64];
	char name[KEY_NAME_MAX + 1];
	char created[32];
};

/* Wipe the secret half. */
void key_pair_release(struct key_pair *k);

/* Make this laptop's key pair for name in dir and write it (refused when
 * one is there already). Returns 0 with k filled, or -1. */
int keys_init(const char *dir, const char *name, struct key_pair *k, struct error *err);

/* Read this laptop's key pair: 0, 1 when there is none yet, or -1 (a
 * damaged file, or one others can read). */
int keys_load(const char *dir, struct key_pair *k, struct error *err);

/* A public key as text, and back (0, or -1 when s is not one). */
void keys_text(const unsigned char pk[KEY_PUBLIC_BYTES], char out[KEY_TEXT_SIZE]);
int keys_parse(const char *s, unsigned char pk[KEY_PUBLIC_BYTES]);
void keys_fingerprint(const unsigned char pk[KEY_PUBLIC_BYTES], char out[KEY_FINGERPRINT_SIZE]);

/* Whether s names the key pk: its fingerprint (spaces optional, at least
 * the first 8 hex digits) or its text. */
int keys_match(const unsigned char pk[KEY_PUBLIC_BYTES], const char *s);

/* The text of a public key file for sharing: "cirt-public-key 1", the
 * name, the key and its fingerprint. Owned by the caller. */
char *keys_public_file(const struct key_pair *k);

/* The key a public key file or a key's text holds; *name (owned, may be
 * NULL) receives the name a file gives. 0, or -1. */
int keys_read_public(const char *text, unsigned char pk[KEY_PUBLIC_BYTES], char **name,
		     struct error *err);

struct trusted_key {
	unsigned char public_key[KEY_PUBLIC_BYTES];
	char *name;
	char *added;
	char *revoked; /* NULL while trusted */
};

struct trust {
	struct trusted_key *keys;
	size_t count;
};

void trust_release(struct trust *t);

/* The trusted keys of dir (none when the file is missing): 0, or -1. */
int trust_load(const char *dir, struct trust *t, struct error *err);

/* Write t to dir atomically. */
int trust_save(const char *dir, const struct trust *t, struct error *err);

/* The entry for pk, or NULL. */
struct trusted_key *trust_find(const struct trust *t, const unsigned char pk[KEY_PUBLIC_BYTES]);

/* Add pk as name (when trusted already, the name is updated and a revoked
 * key stays revoked: returns 1). */
int trust_add(struct trust *t, const unsigned char pk[KEY_PUBLIC_BYTES], const char *name,
	      const char *now);

/* Detached signature of the domain string then data, and its check (0
 * when it holds). */
void keys_sign(const struct key_pair *k, const char *domain, const void *data, size_t size,
	       unsigned char sig[KEY_SIGNATURE_BYTES]);
int keys_verify(const unsigned char pk[KEY_PUBLIC_BYTES], const char *domain, const void *data,
		size_t size, const unsigned char sig[KEY_SIGNATURE_BYTES]);

/* Base64 (standard, padded) of data, owned by the caller; and back: the
 * decoded bytes (owned) or NULL when s is not base64 of at most max
 * bytes. */
char *keys_base64(const void *data, size_t size);
unsigned char *keys_unbase64(const char *s, size_t max, size_t *size);

/* A sealed message: the data encrypted once with a random key
 * (XChaCha20-Poly1305), and that key sealed for each recipient
 * (crypto_box_seal to the X25519 form of their signing key). */
struct sealed {
	unsigned char nonce[24];
	unsigned char *ciphertext;
	size_t ciphertext_size;
	struct sealed_recipient {
		char fingerprint[KEY_FINGERPRINT_SIZE];
		unsigned char box[80]; /* 32-byte key + crypto_box_SEALBYTES */
	} * recipients;
	size_t recipient_count;
};

void sealed_release(struct sealed *s);

/* Seal data for n recipients. */
void keys_seal(const void *data, size_t size, const unsigned char (*recipients)[KEY_PUBLIC_BYTES],
	       size_t n, struct sealed *out);

/* Open s with k: 0 with *data (owned, NUL-terminated) and *size, or -1
 * (sealed for others, or altered). */
int keys_open(const struct key_pair *k, const struct sealed *s, char **data, size_t *size,
	      struct error *err);

#endif
