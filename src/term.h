/* Terminal output: colour only where it helps and is wanted, text that
 * came from people printed without raw control characters, and wrapping. */
#ifndef CIRT_TERM_H
#define CIRT_TERM_H

#include <stdio.h>

enum term_style { TERM_PLAIN, TERM_BOLD, TERM_DIM, TERM_ERROR, TERM_GOOD };

/* Whether to colour out: a terminal, NO_COLOR unset, TERM not "dumb". */
int term_use_colour(FILE *out);

/* The escape sequence that starts style (or "" without colour), and the
 * one that ends it. */
const char *term_start(int colour, enum term_style style);
const char *term_end(int colour);

/* Print s with every control character (C0, DEL, C1) shown as U+FFFD, so
 * stored text can never drive the terminal. */
void term_print_safe(FILE *out, const char *s);

/* Print text wrapped to width columns, each line indented by indent
 * spaces; "\n" in text starts a new paragraph. Control characters are
 * shown as U+FFFD. */
void term_print_wrapped(FILE *out, const char *text, int indent, int width);

/* Print s safely, then spaces up to width characters (not bytes). */
void term_print_padded(FILE *out, const char *s, int width);

/* The number of characters (not bytes) in UTF-8 s. */
int term_width(const char *s);

#endif
