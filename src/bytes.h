/* Fixed-width records, most significant byte first, so that they read the
 * same on any machine: a growing writer, and a reader that checks every
 * read against the bytes left. The kept score summaries (score.c) and the
 * cached questionnaire models (qcache.c) are written and read with them. */
#ifndef CIRT_BYTES_H
#define CIRT_BYTES_H

#include <stddef.h>
#include <stdint.h>

struct bytes_out {
	unsigned char *data; /* owned by the caller once written */
	size_t size;
	size_t alloc;
};

void bytes_put(struct bytes_out *o, const void *p, size_t n);
/* v in 4 bytes; a count beyond 32 bits is written as UINT32_MAX */
void bytes_put_u32(struct bytes_out *o, size_t v);
void bytes_put_u64(struct bytes_out *o, uint64_t v);
/* the 8 bytes of v's IEEE 754 representation */
void bytes_put_double(struct bytes_out *o, double v);

/* A read past end sets bad, and that read and every one after it give 0. */
struct bytes_in {
	const unsigned char *p;
	const unsigned char *end;
	int bad;
};

/* Whether n more bytes are there (else bad is set). */
int bytes_take(struct bytes_in *r, size_t n);
size_t bytes_get_u32(struct bytes_in *r);
uint64_t bytes_get_u64(struct bytes_in *r);
double bytes_get_double(struct bytes_in *r);

#endif
