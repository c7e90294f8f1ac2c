/* Decoding UTF-8 (RFC 3629). */
#include "utf8.h"

size_t
utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t v;
	size_t n;

	*cp = 0xFFFD;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 1;
		v = p[0] & 0x1F;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 2;
		v = p[0] & 0x0F;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 3;
		v = p[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[k] & 0x3F);
	}
	if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) || (n == 3 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return n + 1;
}

size_t
utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}
