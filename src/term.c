/* Colour, safe printing, display widths, wrapping and tables for terminal
 * output. */
#include "term.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "utf8.h"
#include "width.h"
#include "xmalloc.h"

int
term_use_colour(FILE *out)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (no && *no)
		return 0;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

const char *
term_start(int colour, enum term_style style)
{
	static const char *const codes[] = {"", "\033[1m", "\033[2m", "\033[1;31m", "\033[32m"};

	return colour ? codes[style] : "";
}

const char *
term_end(int colour)
{
	return colour ? "\033[0m" : "";
}

int
term_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		(cp >= 0x2066 && cp <= 0x2069);
}

char *
term_safe(const char *s)
{
	/* no byte becomes more than the three of U+FFFD */
	char *out = xreallocarray(NULL, strlen(s) + 1, 3);
	char *o = out;

	while (*s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);

		if (n > 0 && cp == '\t') {
			*o++ = ' ';
		} else if (n == 0 || term_is_unsafe(cp)) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(o, s, n);
			o += n;
		}
		s += n ? n : 1;
	}
	*o = '\0';
	return out;
}

void
term_print_safe(FILE *out, const char *s)
{
	char *safe = term_safe(s);

	fputs(safe, out);
	free(safe);
}

/* Format, then print safely. */
static void __attribute__((format(printf, 2, 0)))
print_format(FILE *out, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);

	term_print_safe(out, text);
	free(text);
}

void
term_print_format(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_format(out, fmt, ap);
	va_end(ap);
}

void
term_print_line(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_format(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

int
term_columns(FILE *out)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (env && *env >= '0' && *env <= '9') {
		char *end;
		long n = strtol(env, &end, 10);

		if (*end == '\0' && n >= 1 && n <= TERM_COLUMNS_MAX)
			return (int)n;
	}
	if (out && isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int
term_width(const char *s)
{
	char *safe = term_safe(s);
	int width = width_of(safe, strlen(safe));

	free(safe);
	return width;
}

/* The end of the word (a run of anything but spaces) at s. */
static const char *
word_end(const char *s)
{
	return s + strcspn(s, " ");
}

/* The end of the longest start of the word at s (up to a space or the
 * end of s) that takes at most limit columns, between characters
 * (width.h), so that a combining mark stays with its base; its columns in
 * *used. *whole says whether that is the whole word. Reads no further
 * than the first character past the limit, so that breaking a long text
 * into lines takes time linear in its length. */
static const char *
word_fit(const char *s, int limit, int *used, int *whole)
{
	int total = 0;

	while (*s && *s != ' ') {
		int w;
		size_t len = width_character(s, (size_t)-1, &w);

		if (w > limit - total) {
			*used = total;
			*whole = 0;
			return s;
		}
		total += w;
		s += len;
	}
	*used = total;
	*whole = 1;
	return s;
}

size_t
term_line_break(const char *s, int width, const char **next)
{
	const char *end = s; /* after the last word that fits */
	const char *p = s;
	int col = 0;

	while (*p) {
		size_t run = strspn(p, " ");
		const char *word = p + run;
		int gap = run < INT_MAX ? (int)run : INT_MAX;
		int room = width - col - gap;
		const char *stop;
		int w;
		int whole;

		if (*word == '\0')
			break;
		if (end == s) {
			/* the first word: as much as fits when it is longer
			 * than the line, and at least one character */
			stop = word_fit(word, room > 1 ? room : 1, &w, &whole);
			if (!whole) {
				size_t inside = width_break_inside(word, (size_t)-1, room);

				/* where Chinese or Japanese may break,
				 * else by width */
				if (inside > 0)
					stop = word + inside;
				if (stop == word) {
					int one;

					stop += width_character(word, (size_t)-1, &one);
				}
				*next = stop;
				return (size_t)(stop - s);
			}
		} else {
			stop = word_fit(word, room, &w, &whole);
			if (!whole) {
				/* Chinese or Japanese, which has no spaces,
				 * fills the line; other words move on */
				size_t inside = width_break_inside(word, (size_t)-1, room);

				if (inside == 0)
					break;
				*next = word + inside;
				return (size_t)(word + inside - s);
			}
		}
		col += gap + w;
		end = stop;
		p = stop;
	}
	*next = end + strspn(end, " ");
	return (size_t)(end - s);
}

/* Print n spaces. */
static void
spaces(FILE *out, int n)
{
	if (n > 0)
		fprintf(out, "%*s", n, "");
}

/* After the n bytes of a column's text at s: a left-to-right mark
 * (U+200E, no width) when they hold Arabic or Hebrew, so that a terminal
 * that lays them out right to left keeps the spaces and numbers after
 * them in their columns (without it, the bidirectional algorithm takes
 * digits after Arabic letters for Arabic numbers and turns the whole row
 * around). */
static void
end_right_to_left(FILE *out, const char *s, size_t n)
{
	if (width_right_to_left(s, n))
		fputs("\u200E", out);
}

/* Print s by the rule, padded to width columns (after it, or before it
 * when right is set); the columns printed. */
static int
print_padded(FILE *out, const char *s, int width, int right)
{
	char *safe = term_safe(s);
	char *padded = width_pad(safe, width, right);
	int printed = width_of(padded, strlen(padded));

	if (right) {
		fputs(padded, out);
		end_right_to_left(out, safe, strlen(safe));
	} else {
		size_t n = strlen(safe);

		fwrite(padded, 1, n, out);
		end_right_to_left(out, safe, n);
		fputs(padded + n, out);
	}
	free(padded);
	free(safe);
	return printed;
}

int
term_print_padded(FILE *out, const char *s, int width)
{
	return print_padded(out, s, width, 0);
}

int
term_print_right(FILE *out, const char *s, int width)
{
	return print_padded(out, s, width, 1);
}

/* Print one paragraph of safe text from column col, wrapped to width,
 * further lines indented by indent; ends the last line. */
static void
wrap_paragraph(FILE *out, const char *s, int col, int indent, int width)
{
	s += strspn(s, " ");
	/* a first word that fits a whole line but not what is left of this
	 * one starts on the next */
	if (col > indent && *s) {
		const char *stop = word_end(s);
		int w = width_of(s, (size_t)(stop - s));

		if (col + w > width && indent + w <= width &&
		    width_break_inside(s, (size_t)-1, width - col) == 0) {
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
		}
	}
	while (*s) {
		const char *next;
		size_t n = term_line_break(s, width - col > 0 ? width - col : 1, &next);

		fwrite(s, 1, n, out);
		s = next;
		if (*s) {
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
		}
	}
	fputc('\n', out);
}

void
term_print_continued(FILE *out, const char *text, int column, int indent, int width)
{
	int col = column;

	if (width <= 0)
		width = term_columns(out);
	for (;;) {
		size_t len = strcspn(text, "\n");
		char *paragraph = xstrndup(text, len);
		char *safe = term_safe(paragraph);

		if (col < 0 && safe[strspn(safe, " ")])
			spaces(out, indent);
		wrap_paragraph(out, safe, col < 0 ? indent : col, indent, width);
		free(safe);
		free(paragraph);
		text += len;
		if (*text == '\0' || *++text == '\0')
			break;
		col = -1; /* later paragraphs start at the indent */
	}
}

void
term_print_wrapped(FILE *out, const char *text, int indent, int width)
{

	if (width <= 0)
		width = term_columns(out);
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *paragraph = xstrndup(text, len);
		char *safe = term_safe(paragraph);

		if (safe[strspn(safe, " ")]) {
			spaces(out, indent);
			wrap_paragraph(out, safe, indent, indent, width);
		}
		free(safe);
		free(paragraph);
		text += len;
		if (*text == '\n')
			text++;
	}
}

/* The cells of a table, made safe, with the width of each column. */
struct table {
	const struct term_column *cols;
	size_t ncols;
	size_t nrows; /* the header row included */
	char **cells; /* nrows * ncols, NULL where the cell to the left spans */
	int *widths;
	int gap;
};

/* How many columns the cell at row r, column c spans (1 for itself). */
static size_t
table_span(const struct table *t, size_t r, size_t c)
{
	size_t n = 1;

	while (c + n < t->ncols && t->cells[r * t->ncols + c + n] == NULL)
		n++;
	return n;
}

/* The width of columns c..c+n-1 with the gaps between them. */
static int
table_span_width(const struct table *t, size_t c, size_t n)
{
	int w = t->gap * (int)(n - 1);

	for (size_t k = 0; k < n; k++)
		w += t->widths[c + k];
	return w;
}

/* Each column as wide as its widest cell (spanning ones aside) and at least
 * its minimum; the gaps close to one space when the table would not fit
 * even with its wrapping columns at their narrowest; then, while the table
 * is wider than width, the widest wrapping column gives up a column, down
 * to TERM_TABLE_NARROWEST (or its own width when less). */
static void
table_measure(struct table *t, int width)
{
	int *floor = xcalloc(t->ncols, sizeof(*floor));
	int total;

	for (size_t c = 0; c < t->ncols; c++) {
		t->widths[c] = t->cols[c].min;
		for (size_t r = 0; r < t->nrows; r++) {
			const char *cell = t->cells[r * t->ncols + c];
			int w;

			if (cell == NULL || table_span(t, r, c) > 1)
				continue;
			w = width_of(cell, strlen(cell));
			if (w > t->widths[c])
				t->widths[c] = w;
		}
		floor[c] =
			t->widths[c] < TERM_TABLE_NARROWEST ? t->widths[c] : TERM_TABLE_NARROWEST;
	}
	/* gaps close to one space before the table is wider than width */
	total = table_span_width(t, 0, t->ncols);
	for (size_t c = 0; c < t->ncols; c++)
		total -= t->cols[c].wrap ? t->widths[c] - floor[c] : 0;
	if (total > width && t->gap > 1)
		t->gap = 1;
	total = table_span_width(t, 0, t->ncols);
	while (total > width) {
		size_t widest = t->ncols;

		for (size_t c = 0; c < t->ncols; c++)
			if (t->cols[c].wrap && t->widths[c] > floor[c] &&
			    (widest == t->ncols || t->widths[c] > t->widths[widest]))
				widest = c;
		if (widest == t->ncols)
			break;
		t->widths[widest]--;
		total--;
	}
	free(floor);
}

/* Print row r of the table, over as many lines as its wrapped cells
 * need; no spaces after the last text of a line. */
static void
table_print_row(FILE *out, const struct table *t, size_t r)
{
	const char **at = xcalloc(t->ncols, sizeof(*at));
	char **cells = &t->cells[r * t->ncols];
	int more = 1;

	for (size_t c = 0; c < t->ncols; c++)
		at[c] = cells[c] ? cells[c] + strspn(cells[c], " ") : NULL;
	while (more) {
		int col = 0;   /* where the line is */
		int start = 0; /* where the next cell starts */

		more = 0;
		for (size_t c = 0; c < t->ncols; c += table_span(t, r, c)) {
			size_t span = table_span(t, r, c);
			int w = table_span_width(t, c, span);
			const char *next;
			size_t n;
			int used;
			int pad;

			if (at[c] == NULL || *at[c] == '\0') {
				start += w + t->gap;
				continue;
			}
			if (t->cols[c].wrap) {
				n = term_line_break(at[c], w, &next);
			} else {
				n = strlen(at[c]);
				next = at[c] + n;
			}
			used = width_of(at[c], n);
			pad = start - col + (t->cols[c].right ? w - used : 0);
			/* a spanning cell wider than its columns keeps a gap */
			spaces(out, col > 0 && pad < t->gap ? t->gap : pad);
			fwrite(at[c], 1, n, out);
			end_right_to_left(out, at[c], n);
			col += (col > 0 && pad < t->gap ? t->gap : pad) + used;
			start += w + t->gap;
			at[c] = next;
			more |= *next != '\0';
		}
		fputc('\n', out);
	}
	free(at);
}

void
term_print_table(FILE *out, const struct term_column *cols, size_t ncols, const char *const *cells,
		 size_t nrows, int gap, int width)
{
	struct table t = {cols, ncols, 0, NULL, NULL, gap};
	size_t header = 0;

	if (ncols == 0)
		return;
	if (width <= 0)
		width = term_columns(out);
	for (size_t c = 0; c < ncols; c++)
		header |= cols[c].header != NULL;
	t.nrows = nrows + header;
	t.cells = xcalloc(t.nrows * ncols, sizeof(*t.cells));
	t.widths = xcalloc(ncols, sizeof(*t.widths));
	for (size_t c = 0; c < ncols && header; c++)
		t.cells[c] = term_safe(cols[c].header ? cols[c].header : "");
	for (size_t i = 0; i < nrows * ncols; i++)
		if (cells[i])
			t.cells[header * ncols + i] = term_safe(cells[i]);
	/* a row's first cell is never a continuation */
	for (size_t r = 0; r < t.nrows; r++)
		if (t.cells[r * ncols] == NULL)
			t.cells[r * ncols] = term_safe("");
	table_measure(&t, width);
	for (size_t r = 0; r < t.nrows; r++)
		table_print_row(out, &t, r);
	for (size_t i = 0; i < t.nrows * ncols; i++)
		free(t.cells[i]);
	free(t.cells);
	free(t.widths);
}
