/* Display widths: how many terminal columns UTF-8 text takes, and where it
 * can be cut, padded or broken without splitting a character.
 *
 * A character here is what a reader sees as one (a grapheme cluster): a
 * base with the combining marks, joiners and variation selectors that
 * follow it, so "e" + U+0301 or a Devanagari consonant with its vowel sign
 * is never split. Its width is the sum of its code points' widths from
 * libunistring (uc_width, for a UTF-8 terminal): 2 for East Asian wide and
 * fullwidth characters (Chinese, Japanese kana, Hangul syllables,
 * fullwidth forms, most emoji), 0 for combining marks, format characters
 * and conjoining Hangul vowels and finals, 1 for the rest (Latin, Greek,
 * Cyrillic, Arabic, Hebrew letters, spacing vowel signs). A control
 * character or a byte that is not part of well-formed UTF-8 counts 1, as
 * the U+FFFD that term.h prints for it. Right-to-left text is measured as
 * it is stored: the terminal orders it, and its width does not change.
 *
 * Every function takes time linear in the length of its text. The
 * terminal's one module that includes libunistring (the PDF renderer has
 * its own use of it). */
#ifndef CIRT_WIDTH_H
#define CIRT_WIDTH_H

#include <stddef.h>

/* The columns the first n bytes of s take (at most INT_MAX). Nothing past
 * n is read: a sequence cut short at n counts a column a byte. */
int width_of(const char *s, size_t n);

/* The length in bytes of the character (grapheme cluster) that starts s
 * (n > 0 bytes left), at least 1 and at most n; its columns in *columns.
 * Reads no further than the end of that character, and never past a NUL,
 * so n may be (size_t)-1 for a string. */
size_t width_character(const char *s, size_t n, int *columns);

/* The length in bytes of the longest start of s (n bytes) that takes at
 * most columns columns and ends between characters (0 when even the first
 * character is wider); its columns in *used (may be NULL). */
size_t width_fit(const char *s, size_t n, int columns, int *used);

/* A copy of s that takes at most columns columns: s itself when it fits,
 * else as many whole characters as fit in one column less, then "…"
 * (U+2026, one column); "" when columns < 1. Owned by the caller. */
char *width_cut(const char *s, int columns);

/* A copy of s with spaces added up to columns columns: after s, or before
 * it when right is set (numbers); s whole when it is as wide or wider.
 * Owned by the caller. */
char *width_pad(const char *s, int columns, int right);

/* Where the first n bytes of s may break before their end although there
 * is no space: the length of the longest start of s that takes at most
 * columns columns and ends where Unicode's line breaking rules (UAX #14)
 * allow a break between two characters, one of them wide, as between
 * Chinese or Japanese characters (never before a closing bracket or an
 * ideographic full stop, nor after an opening bracket); 0 when there is no
 * such place, or when all of s fits. Latin words are never broken here,
 * not even at their hyphens. Reads no further than two characters past
 * the columns, nor past a NUL, so n may be (size_t)-1. */
size_t width_break_inside(const char *s, size_t n, int columns);

/* Whether the first n bytes of s hold a right-to-left letter (Arabic,
 * Hebrew, Syriac, Thaana...): text that a terminal with bidirectional
 * support lays out right to left, taking the numbers and spaces after it
 * along unless a left-to-right mark follows it (term.c adds one after
 * such a cell, so that the columns after it stay in place). */
int width_right_to_left(const char *s, size_t n);

#endif
