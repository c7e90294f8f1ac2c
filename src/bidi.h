/* Right-to-left text for the page: a line of text in typing (logical)
 * order shaped and put in the order it is drawn, left to right, through
 * FriBidi (the Unicode bidirectional algorithm; Arabic letters in their
 * joined forms, lam-alef ligatures, mirrored brackets). The only module
 * that includes FriBidi. Line breaking happens before, on logical text. */
#ifndef CIRT_BIDI_H
#define CIRT_BIDI_H

#include <stddef.h>
#include <stdint.h>

/* Whether a line needs reordering or shaping at all: it has a character
 * of a right-to-left script (Hebrew, Arabic) or a bidi control. */
int bidi_needed(const uint32_t *cps, size_t n);

/* The line cps[0..n) in display order, left to right, into out (room for
 * n), shaped; the paragraph runs right to left when rtl (then even a line
 * of Latin letters keeps its words' order, and numbers and Latin names in
 * Arabic keep theirs). Characters that print nothing (the marks that
 * steer the algorithm, the place of the alef a lam-alef took) are left
 * out. Returns how many code points out holds. Time linear in n. */
size_t bidi_visual(const uint32_t *cps, size_t n, int rtl, uint32_t *out);

/* The text cps[0..n) shaped but left in typing order, into out (room for
 * n): each Arabic letter in the joined form it takes, FRIBIDI_CHAR_FILL
 * (U+FEFF) where a lam-alef ligature took the alef; what a line of it
 * measures, before it is broken. Time linear in n. */
void bidi_shape_logical(const uint32_t *cps, size_t n, int rtl, uint32_t *out);

/* The UTF-8 line s[0..n) in display order as above, in a string owned by
 * the caller: a plain copy when it needs nothing (bidi_needed) and the
 * page runs left to right. Malformed bytes become U+FFFD. */
char *bidi_utf8(const char *s, size_t n, int rtl);

/* Every form bidi_visual may draw for the letter or bracket cp (its
 * joined forms, lam-alef ligatures, its mirror image), passed to each:
 * the fonts must hold them. */
void bidi_forms(uint32_t cp, void (*each)(void *ctx, uint32_t form), void *ctx);

#endif
