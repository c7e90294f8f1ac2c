/* Terminal output: colour only where it helps and is wanted, text that
 * did not come from cirt itself printed so that it cannot drive the
 * terminal, and wrapping.
 *
 * The rule, defined once here: text from files, databases, bundles, paths
 * and options reaches the terminal only through term_safe or a
 * term_print_* function. They show as U+FFFD every C0 control (line feeds
 * included, so that a value cannot start a line of its own), DEL, every C1
 * control (U+0080..U+009F), the bidirectional embeddings, overrides and
 * isolates (U+202A..U+202E, U+2066..U+2069, which make a terminal show
 * text in another order than it is stored), and every byte that is not
 * part of well-formed UTF-8. A tab, which people type and the store
 * accepts, shows as one space. Other text, right-to-left scripts and the
 * implicit marks U+200E and U+200F included, is printed as it is. */
#ifndef CIRT_TERM_H
#define CIRT_TERM_H

#include <stdint.h>
#include <stdio.h>

enum term_style { TERM_PLAIN, TERM_BOLD, TERM_DIM, TERM_ERROR, TERM_GOOD };

/* Whether to colour out: a terminal, NO_COLOR unset, TERM not "dumb". */
int term_use_colour(FILE *out);

/* The escape sequence that starts style (or "" without colour), and the
 * one that ends it. */
const char *term_start(int colour, enum term_style style);
const char *term_end(int colour);

/* Whether the rule above shows code point cp as U+FFFD (a tab included). */
int term_is_unsafe(uint32_t cp);

/* A copy of s with the rule above applied; owned by the caller. */
char *term_safe(const char *s);

/* Print s with the rule above applied. */
void term_print_safe(FILE *out, const char *s);

/* Format as printf does, then print the whole result with the rule above
 * applied. The format is ours but the arguments may not be; a line feed
 * in the format would show as U+FFFD too, so end lines with
 * term_print_line or fputc. */
void term_print_format(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* term_print_format, then a line feed. */
void term_print_line(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print text wrapped to width columns, each line indented by indent
 * spaces; "\n" in text starts a new paragraph. The rule above applies to
 * the rest. */
void term_print_wrapped(FILE *out, const char *text, int indent, int width);

/* Print s with the rule above applied, then spaces up to width characters
 * (not bytes) of what was printed. */
void term_print_padded(FILE *out, const char *s, int width);

/* The number of characters (not bytes) in UTF-8 s. */
int term_width(const char *s);

#endif
