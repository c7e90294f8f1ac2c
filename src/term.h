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

#include <stddef.h>
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

/* The most columns term_columns takes from $COLUMNS. */
#define TERM_COLUMNS_MAX 9999

/* How many columns out has: $COLUMNS when it is a number from 1 to
 * TERM_COLUMNS_MAX (the user's word first, as POSIX has it), else the
 * terminal's width (TIOCGWINSZ) when out is a terminal, else 80. Asked
 * afresh at each call, so that a resized window is followed. */
int term_columns(FILE *out);

/* The number of columns UTF-8 s takes on a terminal once the rule above
 * is applied, as width.h counts them: wide (East Asian) characters 2,
 * combining marks and other zero-width characters 0, what shows as U+FFFD
 * 1. The same in every locale. */
int term_width(const char *s);

/* The first line of s when lines hold width columns: the number of bytes
 * of s it takes, with *next set to where the next line starts (past the
 * spaces at the break; at the end of s after the last line). Lines break
 * at spaces, and take as many words as fit; a word longer than a whole
 * line (Chinese or Japanese, which need no spaces) is cut by width where
 * the line ends, between characters (width.h: never inside a combining
 * sequence), and the line takes at least one character. s is text as
 * term_safe returns it (no line feeds); its leading spaces count as
 * printed. Takes time linear in the length of the line and of the word
 * after it, however long s is. */
size_t term_line_break(const char *s, int width, const char **next);

/* Print text wrapped to width columns (width <= 0: term_columns(out)),
 * each line indented by indent spaces; "\n" in text starts a new
 * paragraph and an empty one prints nothing. Lines break as
 * term_line_break says. The rule above applies to the rest. */
void term_print_wrapped(FILE *out, const char *text, int indent, int width);

/* The same for text that continues a line already column columns wide
 * (after a label, in a table): the first line starts there, later lines
 * and paragraphs at indent; ends the last line. A first word that does not
 * fit what is left of the line but fits a line of its own starts on the
 * next line. */
void term_print_continued(FILE *out, const char *text, int column, int indent, int width);

/* Print s with the rule above applied, then spaces up to width columns of
 * what was printed (term_width); nothing is cut when it is wider. Returns
 * the columns printed: width, or more when s is wider. */
int term_print_padded(FILE *out, const char *s, int width);

/* The same aligned right: spaces first, then s. */
int term_print_right(FILE *out, const char *s, int width);

/* The narrowest a wrapping table column is made to fit the width. */
#define TERM_TABLE_NARROWEST 10

/* A column of a table for term_print_table. */
struct term_column {
	const char *header; /* NULL: none (no header row when all are NULL) */
	int min;	    /* at least this many columns wide, while there is room */
	int right;	    /* aligned right, as numbers are */
	int wrap;	    /* may be narrowed to fit, its cells wrapped over lines */
};

/* Print nrows rows of ncols cells (row by row) under a header row, with gap
 * spaces between columns, in width columns (width <= 0:
 * term_columns(out)). A column is as wide as its widest cell, and at least
 * min; when it would not fit even with its wrapping columns at their
 * narrowest, the gaps close to one space; then, while the table is wider
 * than width, the widest wrapping column gives up a column, down to
 * TERM_TABLE_NARROWEST, and its cells wrap as term_line_break says. A NULL cell means that the cell to its left spans
 * its column too (a row's first cell is never NULL; "" is an empty cell).
 * Widths are display widths (term_width); cells are printed with the rule
 * above; no line ends in spaces. */
void term_print_table(FILE *out, const struct term_column *cols, size_t ncols,
		      const char *const *cells, size_t nrows, int gap, int width);

#endif
