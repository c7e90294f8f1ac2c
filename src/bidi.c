/* Shaping and display order through FriBidi. */
#include "bidi.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "utf8.h"
#include "xmalloc.h"

static int
rtl_char(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
		(cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x200E && cp <= 0x200F) ||
		(cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

int
bidi_needed(const uint32_t *cps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rtl_char(cps[i]))
			return 1;
	return 0;
}

/* Shape str[0..len) in place, in typing order, with flags (joined forms,
 * and mirrored brackets if asked), leaving the characters' types and
 * levels in types and levels for a reordering. Returns 0, and shapes
 * nothing, if FriBidi could not work out the levels (without memory). */
static int
shape(FriBidiChar *str, FriBidiStrIndex len, FriBidiFlags flags, FriBidiParType *base,
      FriBidiCharType *types, FriBidiLevel *levels)
{
	FriBidiBracketType *brackets = xcalloc((size_t)len, sizeof(*brackets));
	FriBidiArabicProp *joining = xcalloc((size_t)len, sizeof(*joining));
	int ok;

	fribidi_get_bidi_types(str, len, types);
	fribidi_get_bracket_types(str, len, types, brackets);
	ok = fribidi_get_par_embedding_levels_ex(types, brackets, len, base, levels) != 0;
	if (ok) {
		fribidi_get_joining_types(str, len, joining);
		fribidi_join_arabic(types, len, levels, joining);
		fribidi_shape(flags, levels, len, joining, str);
	}
	free(joining);
	free(brackets);
	return ok;
}

size_t
bidi_visual(const uint32_t *cps, size_t n, int rtl, uint32_t *out)
{
	FriBidiCharType *types;
	FriBidiLevel *levels;
	FriBidiChar *str;
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	FriBidiStrIndex len = (FriBidiStrIndex)n;
	size_t k = 0;

	if (n == 0)
		return 0;
	if ((size_t)len != n || len < 0) /* beyond FriBidi's index: as typed */
		len = 0;
	types = xcalloc(n, sizeof(*types));
	levels = xcalloc(n, sizeof(*levels));
	str = xcalloc(n, sizeof(*str));
	for (size_t i = 0; i < n; i++)
		str[i] = cps[i];
	if (len > 0) {
		if (!shape(str, len, FRIBIDI_FLAGS_ARABIC | FRIBIDI_FLAG_SHAPE_MIRRORING, &base,
			   types, levels))
			memset(levels, rtl ? 1 : 0, n * sizeof(*levels));
		/* it fails only without memory: the line stays in typing
		 * order */
		else if (fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, types, len, 0, base, levels,
					      str, NULL) == 0)
			memcpy(str, cps, n * sizeof(*str));
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = str[i];

		/* FRIBIDI_CHAR_FILL stands where a ligature took a letter */
		if (cp == FRIBIDI_CHAR_FILL || (cp >= 0x200B && cp <= 0x200F) ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x061C)
			continue;
		out[k++] = cp;
	}
	free(str);
	free(levels);
	free(types);
	return k;
}

void
bidi_shape_logical(const uint32_t *cps, size_t n, int rtl, uint32_t *out)
{
	FriBidiCharType *types;
	FriBidiLevel *levels;
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	FriBidiStrIndex len = (FriBidiStrIndex)n;

	for (size_t i = 0; i < n; i++)
		out[i] = cps[i];
	if (n == 0 || (size_t)len != n || len < 0)
		return;
	types = xcalloc(n, sizeof(*types));
	levels = xcalloc(n, sizeof(*levels));
	shape(out, len, FRIBIDI_FLAGS_ARABIC, &base, types, levels);
	free(levels);
	free(types);
}

char *
bidi_utf8(const char *s, size_t n, int rtl)
{
	uint32_t *cps = xcalloc(n + 1, sizeof(*cps));
	uint32_t *vis = xcalloc(n + 1, sizeof(*vis));
	size_t count = 0;
	char *out;
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		size_t len = utf8_decode(s + i, &cps[count]);

		i += len ? len : 1;
		count++;
	}
	if (rtl || bidi_needed(cps, count))
		count = bidi_visual(cps, count, rtl, vis);
	else
		memcpy(vis, cps, count * sizeof(*vis));
	out = xmalloc(4 * count + 1);
	for (size_t i = 0; i < count; i++)
		k += utf8_encode(out + k, vis[i]);
	out[k] = '\0';
	free(vis);
	free(cps);
	return out;
}

void
bidi_forms(uint32_t cp, void (*each)(void *ctx, uint32_t form), void *ctx)
{
	FriBidiChar mirror;

	if (fribidi_get_mirror_char(cp, &mirror) && mirror != cp)
		each(ctx, mirror);
	/* the joined forms of an Arabic letter: shaped alone, first, in the
	 * middle, last, and after a lam alone and joined (lam-alef); the
	 * forms of the beh and lam around it come too, which is harmless */
	if (cp >= 0x0600 && cp <= 0x06FF) {
		static const FriBidiChar contexts[6][2][2] = {
			{{0, 0}, {0, 0}},      {{0, 0}, {0x0628, 0}}, {{0x0628, 0}, {0x0628, 0}},
			{{0x0628, 0}, {0, 0}}, {{0x0644, 0}, {0, 0}}, {{0x0628, 0x0644}, {0, 0}},
		};

		for (int c = 0; c < 6; c++) {
			FriBidiChar str[5];
			FriBidiCharType types[5];
			FriBidiLevel levels[5] = {1, 1, 1, 1, 1};
			FriBidiArabicProp joining[5];
			FriBidiStrIndex n = 0;

			for (int k = 0; k < 2 && contexts[c][0][k]; k++)
				str[n++] = contexts[c][0][k];
			str[n++] = cp;
			for (int k = 0; k < 2 && contexts[c][1][k]; k++)
				str[n++] = contexts[c][1][k];
			fribidi_get_bidi_types(str, n, types);
			fribidi_get_joining_types(str, n, joining);
			fribidi_join_arabic(types, n, levels, joining);
			fribidi_shape(FRIBIDI_FLAGS_ARABIC, levels, n, joining, str);
			for (FriBidiStrIndex k = 0; k < n; k++)
				if (str[k] != FRIBIDI_CHAR_FILL)
					each(ctx, str[k]);
		}
	}
}
