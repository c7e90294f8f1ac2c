/* SHA-256, from nettle. The only module that includes it. */
#ifndef CIRT_HASH_H
#define CIRT_HASH_H

#include <stddef.h>

#define SHA256_HEX_SIZE 65 /* 64 hex digits and a NUL */

/* Write the SHA-256 of data[0..size) as lowercase hex into hex. */
void hash_sha256_hex(const void *data, size_t size, char hex[SHA256_HEX_SIZE]);

/* An incremental SHA-256: init, add pieces, finish as hex. */
struct hash_sha256 {
	unsigned char state[128]; /* large enough for nettle's context */
};

void hash_sha256_init(struct hash_sha256 *h);
void hash_sha256_add(struct hash_sha256 *h, const void *data, size_t size);

/* Add a length-prefixed field ("LEN:BYTES,"), so that a sequence of
 * fields hashes unambiguously. s may be NULL, which hashes as "-," */
void hash_sha256_add_field(struct hash_sha256 *h, const char *s);
void hash_sha256_finish(struct hash_sha256 *h, char hex[SHA256_HEX_SIZE]);

#endif
