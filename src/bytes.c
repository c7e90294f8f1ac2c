/* Fixed-width records (bytes.h). */
#include "bytes.h"

#include <string.h>

#include "xmalloc.h"

void
bytes_put(struct bytes_out *o, const void *p, size_t n)
{
	xgrow((void **)&o->data, &o->alloc, o->size + n, 1);
	memcpy(o->data + o->size, p, n);
	o->size += n;
}

/* v in n bytes, most significant first */
static void
put_be(struct bytes_out *o, uint64_t v, size_t n)
{
	unsigned char b[8];

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * (n - 1 - i)));
	bytes_put(o, b, n);
}

void
bytes_put_u32(struct bytes_out *o, size_t v)
{
	put_be(o, v > UINT32_MAX ? UINT32_MAX : v, 4);
}

void
bytes_put_u64(struct bytes_out *o, uint64_t v)
{
	put_be(o, v, 8);
}

void
bytes_put_double(struct bytes_out *o, double v)
{
	uint64_t x;

	memcpy(&x, &v, sizeof(x));
	put_be(o, x, 8);
}

int
bytes_take(struct bytes_in *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return 0;
	}
	return 1;
}

static uint64_t
get_be(struct bytes_in *r, size_t n)
{
	uint64_t v = 0;

	if (!bytes_take(r, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		v = v << 8 | r->p[i];
	r->p += n;
	return v;
}

size_t
bytes_get_u32(struct bytes_in *r)
{
	return (size_t)get_be(r, 4);
}

uint64_t
bytes_get_u64(struct bytes_in *r)
{
	return get_be(r, 8);
}

double
bytes_get_double(struct bytes_in *r)
{
	uint64_t x = get_be(r, 8);
	double v;

	memcpy(&v, &x, sizeof(v));
	return v;
}
