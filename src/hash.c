/* SHA-256 through nettle. */
#include "hash.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct hash_sha256 *)0)->state),
	      "struct hash_sha256 is too small for nettle's context");

static struct sha256_ctx *
context(struct hash_sha256 *h)
{
	return (struct sha256_ctx *)(void *)h->state;
}

void
hash_sha256_init(struct hash_sha256 *h)
{
	sha256_init(context(h));
}

void
hash_sha256_add(struct hash_sha256 *h, const void *data, size_t size)
{
	sha256_update(context(h), size, data);
}

void
hash_sha256_add_field(struct hash_sha256 *h, const char *s)
{
	char prefix[32];
	int n;

	if (s == NULL) {
		hash_sha256_add(h, "-,", 2);
		return;
	}
	n = snprintf(prefix, sizeof(prefix), "%zu:", strlen(s));
	hash_sha256_add(h, prefix, (size_t)n);
	hash_sha256_add(h, s, strlen(s));
	hash_sha256_add(h, ",", 1);
}

void
hash_sha256_finish(struct hash_sha256 *h, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_digest(context(h), sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
}

void
hash_sha256_hex(const void *data, size_t size, char hex[SHA256_HEX_SIZE])
{
	struct hash_sha256 h = {{0}};

	hash_sha256_init(&h);
	hash_sha256_add(&h, data, size);
	hash_sha256_finish(&h, hex);
}
