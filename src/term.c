/* Colour, safe printing, display widths, wrapping and tables for terminal
 * output. */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include "term.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "utf8.h"
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

/* The locale in which mbrtowc and wcwidth read UTF-8: the user's when its
 * character set is UTF-8, else C.UTF-8 (or its other spellings); 0 when
 * there is none, and every character then counts one column. Made once;
 * it lives as long as the program. */
static locale_t
utf8_locale(void)
{
	static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	static int made;
	static locale_t utf8;

	if (made)
		return utf8;
	made = 1;
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		utf8 = duplocale(LC_GLOBAL_LOCALE);
	for (size_t i = 0; utf8 == (locale_t)0 && i < sizeof(names) / sizeof(names[0]); i++)
		utf8 = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
	return utf8;
}

/* The columns the character at s (safe text, n bytes left) takes, and its
 * length in *len; in the locale utf8 (0: one column each). A byte that
 * starts no character counts one column, as its U+FFFD would. */
static int
char_width(locale_t utf8, const char *s, size_t n, size_t *len)
{
	mbstate_t state;
	wchar_t wc;
	size_t r;
	int w;

	if (utf8 == (locale_t)0) {
		*len = 1;
		while (*len < n && ((unsigned char)s[*len] & 0xC0) == 0x80)
			(*len)++;
		return 1;
	}
	memset(&state, 0, sizeof(state));
	r = mbrtowc(&wc, s, n < MB_LEN_MAX ? n : MB_LEN_MAX, &state);
	if (r == 0 || r > n) { /* (size_t)-1 and -2 are greater than n */
		*len = 1;
		return 1;
	}
	*len = r;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Where the display-width functions switch to the UTF-8 locale and back. */
struct width_scope {
	locale_t utf8;
	locale_t saved;
};

static void
width_enter(struct width_scope *ws)
{
	ws->utf8 = utf8_locale();
	ws->saved = ws->utf8 == (locale_t)0 ? (locale_t)0 : uselocale(ws->utf8);
}

static void
width_leave(struct width_scope *ws)
{
	if (ws->saved != (locale_t)0)
		uselocale(ws->saved);
}

/* The columns the first n bytes of safe text s take. */
static int
safe_width(const struct width_scope *ws, const char *s, size_t n)
{
	int width = 0;

	while (n > 0) {
		size_t len;

		width += char_width(ws->utf8, s, n, &len);
		s += len;
		n -= len;
	}
	return width;
}

int
term_width(const char *s)
{
	char *safe = term_safe(s);
	struct width_scope ws;
	int width;

	width_enter(&ws);
	width = safe_width(&ws, safe, strlen(safe));
	width_leave(&ws);
	free(safe);
	return width;
}

/* The end of the word (a run of anything but spaces) at s. */
static const char *
word_end(const char *s)
{
	return s + strcspn(s, " ");
}

/* The end of the longest start of word s..end that fits in width columns,
 * keeping every character with the zero-width ones (combining marks) that
 * follow it; at least one character. */
static const char *
break_word(const struct width_scope *ws, const char *s, const char *end, int width)
{
	const char *p = s;
	int col = 0;

	while (p < end) {
		size_t len;
		int w = char_width(ws->utf8, p, (size_t)(end - p), &len);

		if (w > 0 && p > s && col + w > width)
			break;
		col += w;
		p += len;
	}
	return p;
}

static size_t
line_break(const struct width_scope *ws, const char *s, int width, const char **next)
{
	const char *end = s;
	const char *p = s;
	int col = 0;

	while (*p) {
		const char *word = p + strspn(p, " ");
		const char *stop = word_end(word);
		int gap = (int)(word - p);
		int w;

		if (word == stop)
			break;
		w = safe_width(ws, word, (size_t)(stop - word));
		if (end == s && gap + w > width) {
			/* a word longer than the line: as much as fits */
			end = break_word(ws, word, stop, width - gap > 1 ? width - gap : 1);
			*next = end;
			return (size_t)(end - s);
		}
		if (end != s && col + gap + w > width)
			break;
		col += gap + w;
		end = stop;
		p = stop;
	}
	*next = end + strspn(end, " ");
	return (size_t)(end - s);
}

size_t
term_line_break(const char *s, int width, const char **next)
{
	struct width_scope ws;
	size_t n;

	width_enter(&ws);
	n = line_break(&ws, s, width, next);
	width_leave(&ws);
	return n;
}

/* Print n spaces. */
static void
spaces(FILE *out, int n)
{
	if (n > 0)
		fprintf(out, "%*s", n, "");
}

void
term_print_padded(FILE *out, const char *s, int width)
{
	char *safe = term_safe(s);

	fputs(safe, out);
	spaces(out, width - term_width(safe));
	free(safe);
}

void
term_print_right(FILE *out, const char *s, int width)
{
	char *safe = term_safe(s);

	spaces(out, width - term_width(safe));
	fputs(safe, out);
	free(safe);
}

/* Print one paragraph of safe text from column col, wrapped to width,
 * further lines indented by indent; ends the last line. */
static void
wrap_paragraph(const struct width_scope *ws, FILE *out, const char *s, int col, int indent,
	       int width)
{
	s += strspn(s, " ");
	/* a first word that fits a whole line but not what is left of this
	 * one starts on the next */
	if (col > indent && *s) {
		const char *stop = word_end(s);
		int w = safe_width(ws, s, (size_t)(stop - s));

		if (col + w > width && indent + w <= width) {
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
		}
	}
	while (*s) {
		const char *next;
		size_t n = line_break(ws, s, width - col > 0 ? width - col : 1, &next);

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
	struct width_scope ws;
	int col = column;

	if (width <= 0)
		width = term_columns(out);
	width_enter(&ws);
	for (;;) {
		size_t len = strcspn(text, "\n");
		char *paragraph = xstrndup(text, len);
		char *safe = term_safe(paragraph);

		if (col < 0 && safe[strspn(safe, " ")])
			spaces(out, indent);
		wrap_paragraph(&ws, out, safe, col < 0 ? indent : col, indent, width);
		free(safe);
		free(paragraph);
		text += len;
		if (*text == '\0' || *++text == '\0')
			break;
		col = -1; /* later paragraphs start at the indent */
	}
	width_leave(&ws);
}

void
term_print_wrapped(FILE *out, const char *text, int indent, int width)
{
	struct width_scope ws;

	if (width <= 0)
		width = term_columns(out);
	width_enter(&ws);
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *paragraph = xstrndup(text, len);
		char *safe = term_safe(paragraph);

		if (safe[strspn(safe, " ")]) {
			spaces(out, indent);
			wrap_paragraph(&ws, out, safe, indent, indent, width);
		}
		free(safe);
		free(paragraph);
		text += len;
		if (*text == '\n')
			text++;
	}
	width_leave(&ws);
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
table_measure(struct table *t, const struct width_scope *ws, int width)
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
			w = safe_width(ws, cell, strlen(cell));
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
table_print_row(FILE *out, const struct table *t, const struct width_scope *ws, size_t r)
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
				n = line_break(ws, at[c], w, &next);
			} else {
				n = strlen(at[c]);
				next = at[c] + n;
			}
			used = safe_width(ws, at[c], n);
			pad = start - col + (t->cols[c].right ? w - used : 0);
			/* a spanning cell wider than its columns keeps a gap */
			spaces(out, col > 0 && pad < t->gap ? t->gap : pad);
			fwrite(at[c], 1, n, out);
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
	struct width_scope ws;
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
	width_enter(&ws);
	table_measure(&t, &ws, width);
	for (size_t r = 0; r < t.nrows; r++)
		table_print_row(out, &t, &ws, r);
	width_leave(&ws);
	for (size_t i = 0; i < t.nrows * ncols; i++)
		free(t.cells[i]);
	free(t.cells);
	free(t.widths);
}
