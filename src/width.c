/* Display widths of UTF-8 text, by grapheme cluster, and breaks between
 * Chinese and Japanese characters, from libunistring. */
#include "width.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "utf8.h"
#include "xmalloc.h"

/* The code point at s (n > 0 bytes left) and its length in bytes; 0, with
 * U+FFFD, when the bytes at s are not a well-formed sequence within n and
 * before a NUL. */
static size_t
decode(const char *s, size_t n, uint32_t *cp)
{
	char buf[5] = {0};

	memcpy(buf, s, strnlen(s, n < 4 ? n : 4));
	return utf8_decode(buf, cp);
}

/* The columns code point cp takes on a UTF-8 terminal; len is the length
 * it was decoded from, 0 for a byte that starts no character. */
static int
code_point_width(uint32_t cp, size_t len)
{
	int w;

	if (len == 0)
		return 1; /* shown as U+FFFD */
	/* libunistring counts the soft hyphen as a format character, but
	 * terminals (and the C library's wcwidth that they use) draw it */
	if (cp == 0x00AD)
		return 1;
	w = uc_width(cp, "UTF-8");
	return w < 0 ? 1 : w; /* a control, shown as U+FFFD */
}

/* a + b, at most INT_MAX (both are at least 0) */
static int
add_columns(int a, int b)
{
	return a > INT_MAX - b ? INT_MAX : a + b;
}

size_t
width_character(const char *s, size_t n, int *columns)
{
	uint32_t prev;
	size_t len = decode(s, n, &prev);
	size_t at = len;
	int w;

	if (len == 0) {
		*columns = 1;
		return 1;
	}
	w = code_point_width(prev, len);
	while (at < n) {
		uint32_t cp;

		len = decode(s + at, n - at, &cp);
		if (len == 0 || uc_is_grapheme_break(prev, cp))
			break;
		w = add_columns(w, code_point_width(cp, len));
		prev = cp;
		at += len;
	}
	*columns = w;
	return at;
}

int
width_of(const char *s, size_t n)
{
	int total = 0;

	while (n > 0) {
		int w;
		size_t len = width_character(s, n, &w);

		total = add_columns(total, w);
		s += len;
		n -= len;
	}
	return total;
}

size_t
width_fit(const char *s, size_t n, int columns, int *used)
{
	size_t at = 0;
	int total = 0;

	while (at < n) {
		int w;
		size_t len = width_character(s + at, n - at, &w);

		if (w > columns - total)
			break;
		total += w;
		at += len;
	}
	if (used)
		*used = total;
	return at;
}

char *
width_cut(const char *s, int columns)
{
	size_t n = strlen(s);
	size_t keep;
	char *out;

	if (columns < 1)
		return xstrdup("");
	if (width_of(s, n) <= columns)
		return xstrdup(s);
	keep = width_fit(s, n, columns - 1, NULL);
	/* "word…" rather than "word …" */
	while (keep > 0 && s[keep - 1] == ' ')
		keep--;
	out = xmalloc(keep + sizeof("\u2026"));
	memcpy(out, s, keep);
	memcpy(out + keep, "\u2026", sizeof("\u2026"));
	return out;
}

char *
width_pad(const char *s, int columns, int right)
{
	size_t n = strlen(s);
	int w = width_of(s, n);
	size_t pad = w < columns ? (size_t)(columns - w) : 0;
	char *out = xmalloc(n + pad + 1);

	if (right) {
		memset(out, ' ', pad);
		memcpy(out + pad, s, n + 1);
	} else {
		memcpy(out, s, n);
		memset(out + n, ' ', pad);
		out[n + pad] = '\0';
	}
	return out;
}

size_t
width_break_inside(const char *s, size_t n, int columns)
{
	size_t fit = 0;	 /* the bytes of the characters that fit */
	size_t span = 0; /* and of the two after them, for the rules' context */
	int total = 0;
	int after = 0;
	char *breaks;
	size_t best = 0;
	int prev_wide = 0;

	while (span < n && s[span] != '\0' && after < 2) {
		int w;
		size_t len = width_character(s + span, n - span, &w);

		if (after == 0 && w <= columns - total) {
			total += w;
			fit = span + len;
		} else {
			after++;
		}
		span += len;
	}
	if (fit == 0 || fit == span)
		return 0; /* nothing fits, or all of it does */
	breaks = xmalloc(span);
	u8_possible_linebreaks((const uint8_t *)s, span, "UTF-8", breaks);
	/* the last break, between characters, next to a wide one */
	for (size_t at = 0; at < span;) {
		int w;
		size_t len = width_character(s + at, span - at, &w);

		if (at > 0 && at <= fit && breaks[at] == UC_BREAK_POSSIBLE && (prev_wide || w == 2))
			best = at;
		prev_wide = w == 2;
		at += len;
	}
	free(breaks);
	return best;
}

int
width_right_to_left(const char *s, size_t n)
{
	size_t at = 0;

	while (at < n) {
		uint32_t cp;
		size_t len = decode(s + at, n - at, &cp);
		int bidi = len ? uc_bidi_class(cp) : -1;

		if (bidi == UC_BIDI_R || bidi == UC_BIDI_AL)
			return 1;
		at += len ? len : 1;
	}
	return 0;
}
