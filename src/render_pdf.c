/* Laying a document out on PDF pages.
 *
 * Fonts are subset to the code points the document prints, which a walk
 * of its strings gives before any page is drawn; then one pass lays the
 * blocks out, breaking lines (greedily, in time linear in the text) and
 * pages, and a last pass puts the header and footer on every page once
 * their count is known. What a report says is decided by its builder. */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "bidi.h"
#include "pdf.h"
#include "utf8.h"
#include "xmalloc.h"

#define LEADING 1.32
#define TABLE_PAD 3.0
#define TABLE_SIZE 8.0
#define MAX_COLUMNS 16
#define HYPHEN "-"
#define ELLIPSIS "\u2026"

struct layout {
	struct pdf *pdf;
	struct fonts *faces;
	const struct doc *d;
	double w, h;
	double left, right, top, bottom;
	double y;
	size_t pages;
};

/* ---- text ------------------------------------------------------------- */

/* What the PDF prints for cp: controls, characters beyond U+FFFF (which
 * libharu cannot print) and characters no font has become U+FFFD, visibly;
 * a tab is a space; an invisible character (a bidi mark, a joiner) is
 * left out, which 0 says. */
static uint32_t
printable(struct fonts *faces, uint32_t cp)
{
	if (cp == '\t')
		return ' ';
	if (cp < 0x80 && cp >= 0x20 && cp != 0x7F)
		return cp;
	if (fonts_invisible(cp))
		return bidi_needed(&cp, 1) ? cp : 0; /* bidi marks go to the bidi step */
	if (fonts_missing(faces, cp))
		return 0xFFFD;
	return cp;
}

/* The character at *s, advancing past it; a byte that starts no
 * well-formed sequence is U+FFFD. */
static uint32_t
next_cp(const char **s)
{
	uint32_t cp;
	size_t n = utf8_decode(*s, &cp);

	if (n == 0) {
		(*s)++;
		return 0xFFFD;
	}
	*s += n;
	return cp;
}

/* A decoded text: code points and their advances at one font and size. */
struct chars {
	uint32_t *cp;
	double *adv;
	size_t n;
};

static void
decode(struct layout *l, enum pdf_font font, double size, const char *s, struct chars *c)
{
	size_t len = s ? strlen(s) : 0;

	c->cp = xcalloc(len + 1, sizeof(*c->cp));
	c->adv = xcalloc(len + 1, sizeof(*c->adv));
	c->n = 0;
	while (s && *s) {
		uint32_t cp = next_cp(&s);

		if (cp != '\n')
			cp = printable(l->faces, cp);
		if (cp == 0)
			continue;
		c->cp[c->n++] = cp;
	}
	/* Arabic is measured in the joined forms it is drawn in, which are
	 * narrower than the letters alone */
	if (bidi_needed(c->cp, c->n)) {
		uint32_t *shaped = xcalloc(c->n + 1, sizeof(*shaped));

		bidi_shape_logical(c->cp, c->n, l->d->rtl, shaped);
		for (size_t i = 0; i < c->n; i++)
			c->adv[i] =
				c->cp[i] == '\n' || fonts_invisible(c->cp[i]) || shaped[i] == 0xFEFF
				? 0
				: pdf_char_width(l->pdf, font, size, shaped[i]);
		free(shaped);
		return;
	}
	for (size_t i = 0; i < c->n; i++)
		c->adv[i] = c->cp[i] == '\n' || fonts_invisible(c->cp[i])
			? 0
			: pdf_char_width(l->pdf, font, size, c->cp[i]);
}

static void
chars_free(struct chars *c)
{
	free(c->cp);
	free(c->adv);
}

static char *
encode(const uint32_t *cp, size_t n, int hyphen)
{
	char *out = xmalloc(3 * n + 2);
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += utf8_encode(out + k, cp[i]);
	if (hyphen)
		out[k++] = '-';
	out[k] = '\0';
	return out;
}

struct lines {
	char **v;
	size_t n;
	size_t alloc;
};

static void
lines_add(struct lines *ls, char *s)
{
	xgrow((void **)&ls->v, &ls->alloc, ls->n + 1, sizeof(*ls->v));
	ls->v[ls->n++] = s;
}

static void
lines_free(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i]);
	free(ls->v);
	memset(ls, 0, sizeof(*ls));
}

/* Whether cp is written without spaces between words, so that a line
 * may break between two characters: Chinese, Japanese and Korean. */
static int
cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
		(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
		(cp >= 0xFF00 && cp <= 0xFFEF);
}

/*
 * Where a line of text with CJK characters may break besides its spaces:
 * brk[i] is set when it may break before character i, next to a CJK
 * character, by the rules of UAX #14 (libunistring), which also keep
 * closing punctuation (，。、：；？！）」』》) off the start of a line and
 * opening punctuation (（「『《) off its end. NULL for text without CJK
 * characters, whose lines break at spaces alone.
 */
static char *
cjk_breaks(const struct chars *c)
{
	char *brk;
	size_t i = 0;

	while (i < c->n && !cjk(c->cp[i]))
		i++;
	if (i == c->n)
		return NULL;
	brk = xcalloc(c->n + 1, 1);
	u32_possible_linebreaks(c->cp, c->n, "UTF-8", brk);
	for (i = 0; i < c->n; i++)
		brk[i] = i > 0 && brk[i] == UC_BREAK_POSSIBLE && c->cp[i] != ' ' &&
			c->cp[i - 1] != ' ' && (cjk(c->cp[i]) || cjk(c->cp[i - 1]));
	return brk;
}

/* Break s into lines at most w wide: greedily at spaces, or between CJK
 * characters; a word wider than a line is cut with a hyphen; "\n" starts
 * a new line. Each character is looked at a constant number of times. */
static void
wrap(struct layout *l, enum pdf_font font, double size, const char *s, double w, struct lines *out)
{
	struct chars c;
	double hyphen = pdf_char_width(l->pdf, font, size, '-');
	size_t start = 0;	 /* the current line's first character */
	size_t space = SIZE_MAX; /* the last space on it */
	size_t brk = SIZE_MAX;	 /* the last CJK break on it, after space */
	double width = 0;	 /* of characters [start, i) */
	double at_space = 0;	 /* of [start, space) */
	double at_brk = 0;	 /* of [start, brk) */
	char *breaks;

	memset(out, 0, sizeof(*out));
	decode(l, font, size, s, &c);
	breaks = cjk_breaks(&c);
	for (size_t i = 0; i <= c.n; i++) {
		if (i == c.n || c.cp[i] == '\n') {
			lines_add(out, encode(c.cp + start, i - start, 0));
			start = i + 1;
			space = SIZE_MAX;
			brk = SIZE_MAX;
			width = 0;
			continue;
		}
		if (breaks && breaks[i] && i > start) {
			brk = i;
			at_brk = width;
		}
		if (c.cp[i] == ' ') {
			if (i == start) { /* no space at the start of a line */
				start++;
				continue;
			}
			space = i;
			at_space = width;
			brk = SIZE_MAX;
		} else if (width + c.adv[i] > w && i > start) {
			if (brk != SIZE_MAX) {
				lines_add(out, encode(c.cp + start, brk - start, 0));
				width -= at_brk;
				start = brk;
				space = SIZE_MAX;
				brk = SIZE_MAX;
				i--;
				continue;
			}
			if (space != SIZE_MAX) {
				size_t next = space + 1;

				lines_add(out, encode(c.cp + start, space - start, 0));
				width -= at_space + c.adv[space];
				start = next;
				space = SIZE_MAX;
				brk = SIZE_MAX;
				/* the rest of the word may itself be too wide */
				i--;
				continue;
			}
			/* one word wider than the line: cut it, leaving room
			 * for the hyphen */
			{
				size_t cut = i;

				if (width + hyphen > w && cut - start > 1)
					cut--;
				lines_add(out, encode(c.cp + start, cut - start, 1));
				start = cut;
				/* the character moved to the next line, if any */
				width = cut < i ? c.adv[cut] : 0;
			}
		}
		width += c.adv[i];
	}
	free(breaks);
	chars_free(&c);
}

/* A printable copy of s, on one line. */
static char *
clean(struct layout *l, const char *s)
{
	char *out = xmalloc(3 * (s ? strlen(s) : 0) + 1);
	size_t k = 0;

	while (s && *s) {
		uint32_t cp = next_cp(&s);

		cp = cp == '\n' ? ' ' : printable(l->faces, cp);
		if (cp)
			k += utf8_encode(out + k, cp);
	}
	out[k] = '\0';
	return out;
}

static double
width_of(struct layout *l, enum pdf_font font, double size, const char *s)
{
	char *c = clean(l, s);
	double w = pdf_text_width(l->pdf, font, size, c);

	free(c);
	return w;
}

/* s on one line, cut with an ellipsis to fit w. */
static char *
fit(struct layout *l, enum pdf_font font, double size, const char *s, double w)
{
	struct chars c;
	double total = 0;
	double dots = pdf_char_width(l->pdf, font, size, 0x2026);
	size_t n = 0;
	char *out;

	decode(l, font, size, s, &c);
	for (size_t i = 0; i < c.n; i++)
		total += c.adv[i];
	if (total <= w) {
		chars_free(&c);
		return clean(l, s);
	}
	total = 0;
	while (n < c.n && total + c.adv[n] + dots <= w)
		total += c.adv[n++];
	out = xmalloc(3 * n + 4);
	{
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			k += utf8_encode(out + k, c.cp[i] == '\n' ? ' ' : c.cp[i]);
		k += utf8_encode(out + k, 0x2026);
		out[k] = '\0';
	}
	chars_free(&c);
	return out;
}

static void
fill(struct layout *l, struct doc_colour c)
{
	pdf_fill_colour(l->pdf, (struct pdf_colour){c.r, c.g, c.b});
}

static void
stroke(struct layout *l, struct doc_colour c, double width)
{
	pdf_stroke_colour(l->pdf, (struct pdf_colour){c.r, c.g, c.b});
	pdf_line_width(l->pdf, width);
}

/* The printable line s as drawn, left to right: shaped and reordered
 * (bidi.h) when it has right-to-left text or the page runs right to left;
 * else a copy. */
static char *
visual(struct layout *l, const char *s)
{
	size_t len = strlen(s);
	uint32_t *cps;
	uint32_t *out;
	size_t n = 0;
	char *v;

	if (!l->d->rtl) {
		const unsigned char *u = (const unsigned char *)s;

		/* no byte of a right-to-left letter or mark: as typed */
		while (*u && *u != 0xD6 && *u != 0xD7 && *u != 0xD8 && *u != 0xD9 && *u != 0xDA &&
		       *u != 0xDB && *u != 0xDC && *u != 0xDD && *u != 0xDE && *u != 0xDF &&
		       *u != 0xE0 && *u != 0xE2 && *u != 0xEF)
			u++;
		if (*u == 0)
			return xstrdup(s);
	}
	cps = xcalloc(len + 1, sizeof(*cps));
	out = xcalloc(len + 1, sizeof(*out));
	while (*s)
		cps[n++] = next_cp(&s);
	if (l->d->rtl || bidi_needed(cps, n))
		n = bidi_visual(cps, n, l->d->rtl, out);
	else
		memcpy(out, cps, n * sizeof(*out));
	v = encode(out, n, 0);
	free(out);
	free(cps);
	return v;
}

/* Draw s on one line with its left end, right end or centre at x (as
 * align says), in the order it reads on the page. */
static void
text_at(struct layout *l, enum pdf_font font, double size, double x, double y, const char *s,
	enum doc_align align)
{
	char *c = clean(l, s);
	char *v = visual(l, c);
	double w = pdf_text_width(l->pdf, font, size, v);

	if (align == DOC_ALIGN_RIGHT)
		x -= w;
	else if (align == DOC_ALIGN_CENTRE)
		x -= w / 2;
	pdf_text(l->pdf, font, size, x, y, v);
	free(v);
	free(c);
}

/* Where a box of width w whose left edge is at x on a left-to-right page
 * goes on this page: the same, or mirrored on a right-to-left one. */
static double
mirror_x(const struct layout *l, double x, double w)
{
	return l->d->rtl ? l->w - x - w : x;
}

/* The alignment at the start of a line: left, or right on a right-to-left
 * page; and the one at its end. */
static enum doc_align
start_align(const struct layout *l)
{
	return l->d->rtl ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
}

static enum doc_align
flip_align(const struct layout *l, enum doc_align a)
{
	if (!l->d->rtl || a == DOC_ALIGN_CENTRE)
		return a;
	return a == DOC_ALIGN_LEFT ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
}

/* ---- pages ------------------------------------------------------------ */

static void
page_break(struct layout *l)
{
	pdf_page_new(l->pdf);
	l->pages++;
	l->y = l->h - l->top;
}

static void
need(struct layout *l, double height)
{
	if (l->pages == 0 || l->y - height < l->bottom)
		page_break(l);
}

static double
text_width_total(const struct layout *l)
{
	return l->w - l->left - l->right;
}

static double
size_of(enum doc_size s)
{
	switch (s) {
	case DOC_SIZE_SMALL:
		return 8;
	case DOC_SIZE_LEAD:
		return 11;
	default:
		return 9.5;
	}
}

/* ---- blocks ----------------------------------------------------------- */

static void
lines_at_cursor(struct layout *l, enum pdf_font font, double size, double indent,
		const struct lines *ls, struct doc_colour c)
{
	for (size_t i = 0; i < ls->n; i++) {
		need(l, size * LEADING);
		l->y -= size * LEADING;
		fill(l, c);
		text_at(l, font, size, l->d->rtl ? l->w - l->right - indent : l->left + indent,
			l->y + size * 0.25, ls->v[i], start_align(l));
	}
	fill(l, DOC_BLACK);
}

static void
paragraph(struct layout *l, const struct doc_paragraph *p)
{
	double size = size_of(p->size);
	enum pdf_font font = p->bold ? PDF_BOLD : PDF_REGULAR;
	double indent = p->indent ? 12 : 0;
	double pad = p->boxed ? 10 : 0;
	struct lines ls;
	double height;

	wrap(l, font, size, p->text, text_width_total(l) - indent - 2 * pad, &ls);
	height = (double)ls.n * size * LEADING + 2 * pad;
	if (p->keep_with_next)
		need(l, height + 40);
	if (p->boxed && height < l->h - l->top - l->bottom) {
		double top;

		need(l, height);
		top = l->y;
		l->y -= pad;
		lines_at_cursor(l, font, size, indent + pad, &ls, *doc_tone_colour(p->tone));
		l->y -= pad;
		stroke(l, DOC_ACCENT, 1);
		pdf_rect(l->pdf, l->left, l->y, text_width_total(l), top - l->y, 0, 1);
		l->y -= 6;
	} else {
		if (ls.n == 1 || ls.n * size * LEADING < 3 * size * LEADING)
			need(l, height);
		else
			need(l, 2 * size * LEADING);
		lines_at_cursor(l, font, size, indent, &ls, *doc_tone_colour(p->tone));
		l->y -= size * 0.35;
	}
	lines_free(&ls);
}

/* About how much room the start of a block takes, so that a heading is
 * never left alone at the foot of a page: a figure whole, a table's header
 * and first row, a paragraph's first two lines. */
static double
start_height(const struct doc_block *b)
{
	if (b == NULL)
		return 0;
	switch (b->kind) {
	case DOC_FIGURE:
		return b->u.figure.height + 12;
	case DOC_TABLE:
		/* a short table is kept whole (table()): all its rows, at one
		 * line each at least */
		return (double)(b->u.table.row_count <= 12 ? b->u.table.row_count + 1 : 4) *
			(TABLE_SIZE * LEADING + 2 * TABLE_PAD);
	case DOC_PARAGRAPH:
		/* a paragraph that keeps with its next takes that room too */
		return 2 * size_of(b->u.paragraph.size) * LEADING + 6 +
			(b->u.paragraph.keep_with_next ? 40 : 0);
	default:
		return 30;
	}
}

static void
heading(struct layout *l, const struct doc_heading *hd, const struct doc_block *next)
{
	char *c = clean(l, hd->text);
	double keep = start_height(next);

	if (hd->level <= 1) {
		if (hd->new_page)
			page_break(l);
		else
			need(l, 40 + keep);
		pdf_outline(l->pdf, -1, c);
		{
			struct lines ls;

			wrap(l, PDF_BOLD, 16, hd->text, text_width_total(l), &ls);
			l->y -= 4;
			lines_at_cursor(l, PDF_BOLD, 16, 0, &ls, DOC_ACCENT);
			lines_free(&ls);
		}
		l->y -= 10;
	} else {
		struct lines ls;

		need(l, 24 + keep);
		l->y -= 6;
		wrap(l, PDF_BOLD, 11, hd->text, text_width_total(l), &ls);
		lines_at_cursor(l, PDF_BOLD, 11, 0, &ls, DOC_BLACK);
		lines_free(&ls);
		l->y -= 3;
	}
	free(c);
}

/* Wrap one row's texts to their columns; returns the most lines a cell
 * takes. */
static size_t
wrap_row(struct layout *l, enum pdf_font font, const struct doc_column *cols, size_t ncols,
	 const char *const *texts, struct lines ls[])
{
	double total = text_width_total(l);
	size_t most = 1;

	for (size_t c = 0; c < ncols; c++) {
		wrap(l, font, TABLE_SIZE, texts[c], cols[c].width * total - 2 * TABLE_PAD, &ls[c]);
		if (ls[c].n > most)
			most = ls[c].n;
	}
	return most;
}

/* Draw a wrapped row in the box of height h whose bottom is at l->y, and
 * free its lines. */
static void
draw_row(struct layout *l, enum pdf_font font, const struct doc_column *cols, size_t ncols,
	 struct lines ls[], double h)
{
	double total = text_width_total(l);
	double x = l->left;
	const double lead = TABLE_SIZE * LEADING;

	for (size_t c = 0; c < ncols; c++) {
		double cw = cols[c].width * total;
		/* the first column on the right of a right-to-left page */
		double bx = mirror_x(l, x, cw);
		int right = cols[c].right != l->d->rtl;

		for (size_t k = 0; k < ls[c].n; k++) {
			double ty = l->y + h - TABLE_PAD - (double)(k + 1) * lead + 2;

			if (right)
				text_at(l, font, TABLE_SIZE, bx + cw - TABLE_PAD, ty, ls[c].v[k],
					DOC_ALIGN_RIGHT);
			else
				text_at(l, font, TABLE_SIZE, bx + TABLE_PAD, ty, ls[c].v[k],
					DOC_ALIGN_LEFT);
		}
		lines_free(&ls[c]);
		x += cw;
	}
}

static int
has_header(const struct doc_table *t)
{
	for (size_t c = 0; c < t->column_count; c++)
		if (t->columns[c].title && *t->columns[c].title)
			return 1;
	return 0;
}

/* A table that breaks across pages, repeating its header. */
/* The width of the widest word of s (between spaces; a CJK character is
 * a word of its own), which a column should not cut. */
static double
widest_word(struct layout *l, enum pdf_font font, const char *s)
{
	double widest = 0;
	double word = 0;

	while (s && *s) {
		uint32_t cp = next_cp(&s);

		if (cp == ' ' || cp == '\n' || cjk(cp)) {
			if (cjk(cp))
				word = pdf_char_width(l->pdf, font, TABLE_SIZE, cp);
			widest = word > widest ? word : widest;
			word = 0;
			continue;
		}
		word += pdf_char_width(l->pdf, font, TABLE_SIZE, printable(l->faces, cp));
	}
	return word > widest ? word : widest;
}

/* The table's columns, widened where a word of a cell or of the header
 * would not fit ("Место" in a Russian rank column), by taking from the
 * columns with room to spare; as the document gives them when all of them
 * together cannot hold their words. Linear in the table's text. */
static void
fit_columns(struct layout *l, const struct doc_table *t, size_t ncols, struct doc_column *cols)
{
	double total = text_width_total(l);
	double wants[MAX_COLUMNS];
	double short_by = 0;
	double spare = 0;

	for (size_t c = 0; c < ncols; c++) {
		cols[c] = t->columns[c];
		wants[c] = widest_word(l, PDF_BOLD, t->columns[c].title);
		for (size_t r = 0; r < t->row_count; r++) {
			double w = widest_word(l, PDF_REGULAR, t->cells[r * t->column_count + c]);

			wants[c] = w > wants[c] ? w : wants[c];
		}
		wants[c] = (wants[c] + 2 * TABLE_PAD + 0.5) / total;
		if (wants[c] > cols[c].width)
			short_by += wants[c] - cols[c].width;
		else
			spare += cols[c].width - wants[c];
	}
	if (short_by <= 0 || spare < short_by)
		return;
	for (size_t c = 0; c < ncols; c++)
		cols[c].width = wants[c] > t->columns[c].width
			? wants[c]
			: t->columns[c].width - (t->columns[c].width - wants[c]) * short_by / spare;
}

static void
table(struct layout *l, const struct doc_table *t)
{
	/* more columns than a page can hold are not drawn */
	double total = text_width_total(l);
	size_t ncols = t->column_count;
	int header_due = has_header(t);
	const double lead = TABLE_SIZE * LEADING;

	struct doc_column cols[MAX_COLUMNS];

	if (ncols > MAX_COLUMNS)
		ncols = MAX_COLUMNS;
	fit_columns(l, t, ncols, cols);
	l->y -= 4;
	/* a short table is not split: it starts on the next page if need be */
	if (t->row_count <= 12) {
		double whole = 0;

		for (size_t r = 0; r <= t->row_count; r++) {
			struct lines ls[MAX_COLUMNS];
			const char *titles[MAX_COLUMNS];
			const char *const *texts = t->cells + (r ? r - 1 : 0) * t->column_count;

			if (r == 0) {
				if (!header_due)
					continue;
				for (size_t c = 0; c < ncols; c++)
					titles[c] = cols[c].title;
				texts = titles;
			}
			whole += (double)wrap_row(l, r ? PDF_REGULAR : PDF_BOLD, cols, ncols, texts,
						  ls) *
					lead +
				2 * TABLE_PAD;
			for (size_t c = 0; c < ncols; c++)
				lines_free(&ls[c]);
		}
		if (whole < l->h - l->top - l->bottom)
			need(l, whole);
	}
	for (size_t r = 0; r < t->row_count; r++) {
		struct lines ls[MAX_COLUMNS];
		enum pdf_font font = t->bold_last && r + 1 == t->row_count ? PDF_BOLD : PDF_REGULAR;
		double hgt;

		if (header_due) {
			const char *titles[MAX_COLUMNS];
			double hh;

			for (size_t c = 0; c < ncols; c++)
				titles[c] = cols[c].title;
			hh = (double)wrap_row(l, PDF_BOLD, cols, ncols, titles, ls) * lead +
				2 * TABLE_PAD;
			need(l, hh + lead + 2 * TABLE_PAD);
			l->y -= hh;
			fill(l, DOC_LIGHT);
			pdf_rect(l->pdf, l->left, l->y, total, hh, 1, 0);
			fill(l, DOC_BLACK);
			draw_row(l, PDF_BOLD, cols, ncols, ls, hh);
			header_due = 0;
		}
		hgt = (double)wrap_row(l, font, cols, ncols, t->cells + r * t->column_count, ls) *
				lead +
			2 * TABLE_PAD;
		if (l->pages == 0 || (l->y - hgt < l->bottom && hgt < l->h - l->top - l->bottom)) {
			for (size_t c = 0; c < ncols; c++)
				lines_free(&ls[c]);
			page_break(l);
			header_due = has_header(t);
			r--;
			continue;
		}
		l->y -= hgt;
		if (t->fills) {
			double x = l->left;

			for (size_t c = 0; c < ncols; c++) {
				const struct doc_colour *f = t->fills[r * t->column_count + c];
				double cw = cols[c].width * total;

				if (f) {
					fill(l, *f);
					pdf_rect(l->pdf, mirror_x(l, x, cw), l->y, cw, hgt, 1, 0);
				}
				x += cw;
			}
			fill(l, DOC_BLACK);
		}
		stroke(l, DOC_RULE, 0.4);
		pdf_line(l->pdf, l->left, l->y, l->left + total, l->y);
		draw_row(l, font, cols, ncols, ls, hgt);
	}
	l->y -= 8;
}

/* x in a figure as drawn: mirrored on a right-to-left page. */
static double
fx(const struct doc_figure *fg, int rtl, double x)
{
	return rtl ? fg->width - x : x;
}

static void
figure(struct layout *l, const struct doc_figure *fg)
{
	double x0, y0;
	int rtl = l->d->rtl;

	need(l, fg->height + 4);
	x0 = l->left + (text_width_total(l) - fg->width) / 2;
	if (x0 < l->left)
		x0 = l->left;
	y0 = l->y - fg->height;
	for (size_t i = 0; i < fg->shape_count; i++) {
		const struct doc_shape *s = &fg->shapes[i];
		const double *p = s->points;

		if (s->fill)
			fill(l, s->fill_colour);
		if (s->stroke)
			stroke(l, s->stroke_colour, s->line_width);
		/* a right-to-left page shows the figure mirrored: x from
		 * its right edge, text aligned the other way */
		switch (s->kind) {
		case DOC_LINE:
			pdf_line(l->pdf, x0 + fx(fg, rtl, p[0]), y0 + p[1], x0 + fx(fg, rtl, p[2]),
				 y0 + p[3]);
			break;
		case DOC_RECT:
			pdf_rect(l->pdf, x0 + (rtl ? fg->width - p[0] - p[2] : p[0]), y0 + p[1],
				 p[2], p[3], s->fill, s->stroke);
			break;
		case DOC_POLYGON: {
			double *xy = xcalloc(2 * s->point_count + 1, sizeof(double));

			for (size_t k = 0; k < s->point_count; k++) {
				xy[2 * k] = x0 + fx(fg, rtl, p[2 * k]);
				xy[2 * k + 1] = y0 + p[2 * k + 1];
			}
			pdf_polygon(l->pdf, xy, s->point_count, s->fill, s->stroke);
			free(xy);
			break;
		}
		case DOC_TEXT: {
			enum pdf_font font = s->bold ? PDF_BOLD : PDF_REGULAR;
			struct lines ls;

			if (s->wrap > 0) {
				wrap(l, font, s->size, s->text, s->wrap, &ls);
			} else {
				memset(&ls, 0, sizeof(ls));
				lines_add(&ls, clean(l, s->text));
			}
			for (size_t k = 0; k < ls.n; k++)
				text_at(l, font, s->size, x0 + fx(fg, rtl, p[0]),
					y0 + p[1] - 1.2 * s->size * (double)k, ls.v[k],
					flip_align(l, s->align));
			lines_free(&ls);
			break;
		}
		}
		fill(l, DOC_BLACK);
	}
	l->y = y0 - 8;
}

static void
cover(struct layout *l, const struct doc_cover *c)
{
	const struct doc *d = l->d;
	double mid = l->w / 2;

	page_break(l);
	{
		char *t = clean(l, c->title);

		pdf_outline(l->pdf, -1, t);
		free(t);
	}
	if (c->watermark && *c->watermark) {
		double wd = width_of(l, PDF_BOLD, 96, c->watermark);
		char *t = clean(l, c->watermark);

		/* across the page, centred on it */
		fill(l, DOC_LIGHT);
		pdf_text_rotated(l->pdf, PDF_BOLD, 96, mid - wd * 0.354 + 20,
				 l->h * 0.42 - wd * 0.354, 45, t);
		fill(l, DOC_BLACK);
		free(t);
	}
	if (d->marking && *d->marking) {
		char *t = fit(l, PDF_BOLD, 12, d->marking, text_width_total(l) - 12);

		fill(l, DOC_NOT_MET);
		pdf_rect(l->pdf, l->left, l->h - 130, text_width_total(l), 24, 1, 0);
		fill(l, DOC_BLACK);
		text_at(l, PDF_BOLD, 12, mid, l->h - 122, t, DOC_ALIGN_CENTRE);
		free(t);
	}
	l->y = l->h - 220;
	{
		struct lines ls;

		wrap(l, PDF_BOLD, 22, c->title, text_width_total(l), &ls);
		lines_at_cursor(l, PDF_BOLD, 22, 0, &ls, DOC_ACCENT);
		lines_free(&ls);
		l->y -= 20;
		wrap(l, PDF_BOLD, 30, c->country, text_width_total(l), &ls);
		lines_at_cursor(l, PDF_BOLD, 30, 0, &ls, DOC_BLACK);
		lines_free(&ls);
		l->y -= 6;
		wrap(l, PDF_REGULAR, 14, c->subtitle, text_width_total(l), &ls);
		lines_at_cursor(l, PDF_REGULAR, 14, 0, &ls, DOC_GREY);
		lines_free(&ls);
		l->y -= 30;
	}
	if (c->fact_count) {
		static const struct doc_column cols[] = {{"", 0.3, 0}, {"", 0.7, 0}};
		struct doc_table t = {.columns = cols,
				      .column_count = 2,
				      .cells = c->facts,
				      .row_count = c->fact_count};

		table(l, &t);
	}
	if (c->notice && *c->notice) {
		struct lines ls;

		l->y -= 20;
		wrap(l, PDF_BOLD, 14, c->notice, text_width_total(l), &ls);
		lines_at_cursor(l, PDF_BOLD, 14, 0, &ls, DOC_ALERT);
		lines_free(&ls);
	}
}

/* Header and footer on every page, once the page count is known. The
 * header's text gives way (cut with an ellipsis) to the marking on its
 * right; the note goes in the footer's left, so nothing overlaps. */
static void
decorate(struct layout *l)
{
	const struct doc *d = l->d;
	const char *right = d->marking && *d->marking ? d->marking
		: d->status && *d->status	      ? d->status
						      : NULL;
	double total = text_width_total(l);
	char *r = right ? fit(l, PDF_BOLD, 8, right, total * 0.45) : NULL;
	double rw = r ? pdf_text_width(l->pdf, PDF_BOLD, 8, r) + 12 : 0;
	char *head = fit(l, PDF_REGULAR, 8, d->header, total - rw);
	char *note = d->header_note && *d->header_note
		? fit(l, PDF_BOLD, 8, d->header_note, total * 0.35)
		: NULL;
	double start = d->rtl ? l->w - l->right : l->left;
	double end = d->rtl ? l->left : l->w - l->right;

	for (size_t i = 0; i < l->pages; i++) {
		char *foot = doc_footer_text(d, i + 1, l->pages);
		char *f = clean(l, foot);

		pdf_page_select(l->pdf, i);
		fill(l, DOC_GREY);
		/* the start of a line is on the right of a right-to-left
		 * page, and so is the header; the marking and page number go
		 * to its other end */
		text_at(l, PDF_REGULAR, 8, start, l->h - 36, head, start_align(l));
		if (r)
			text_at(l, PDF_BOLD, 8, end, l->h - 36, r, flip_align(l, DOC_ALIGN_RIGHT));
		stroke(l, DOC_RULE, 0.5);
		pdf_line(l->pdf, l->left, l->h - 42, l->w - l->right, l->h - 42);
		text_at(l, PDF_REGULAR, 8, end, 30, f, flip_align(l, DOC_ALIGN_RIGHT));
		if (note)
			text_at(l, PDF_BOLD, 8, start, 30, note, start_align(l));
		fill(l, DOC_BLACK);
		free(foot);
		free(f);
	}
	free(r);
	free(head);
	free(note);
}

/* ---- code points ------------------------------------------------------ */

struct cpset {
	uint8_t bits[0x10000 / 8];
	struct fonts *faces;
};

static void
add_cp(void *ctx, unsigned long cp)
{
	struct cpset *set = ctx;
	uint32_t c = cp == '\n' ? ' ' : printable(set->faces, cp > 0xFFFF ? 0xFFFD : (uint32_t)cp);

	set->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static void
add_form(void *ctx, uint32_t form)
{
	add_cp(ctx, form);
}

static int
has_cp(const struct cpset *set, uint32_t c)
{
	return (set->bits[c >> 3] & (1u << (c & 7))) != 0;
}

/* The forms right-to-left text may be drawn in (bidi.h): the joined
 * shapes of the Arabic letters the document has, mirrored brackets; only
 * when it has some right-to-left text, or the page runs that way. */
static void
add_bidi_forms(struct cpset *set, int rtl)
{
	int any = rtl;

	for (uint32_t c = 0x0590; c < 0x0900 && !any; c++)
		any = has_cp(set, c);
	if (!any)
		return;
	for (uint32_t c = 0x20; c < 0x10000; c++)
		if (has_cp(set, c) && (c < 0xFB50 || c > 0xFEFF))
			bidi_forms(c, add_form, set);
}

static void
add_str(struct cpset *set, const char *s)
{
	while (s && *s)
		add_cp(set, next_cp(&s));
}

/* The code points of what is drawn in bold, for the bold faces' subsets
 * (a character missed here still prints, in the regular face). */
static void
add_bold(struct cpset *set, const struct doc *d)
{
	add_str(set, d->marking);
	add_str(set, d->status);
	add_str(set, d->header_note);
	for (size_t i = 0; i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_COVER:
			add_str(set, b->u.cover.title);
			add_str(set, b->u.cover.country);
			add_str(set, b->u.cover.watermark);
			add_str(set, b->u.cover.notice);
			break;
		case DOC_HEADING:
			add_str(set, b->u.heading.text);
			break;
		case DOC_PARAGRAPH:
			if (b->u.paragraph.bold)
				add_str(set, b->u.paragraph.text);
			break;
		case DOC_TABLE:
			for (size_t c = 0; c < b->u.table.column_count; c++)
				add_str(set, b->u.table.columns[c].title);
			for (size_t c = 0; b->u.table.bold_last && b->u.table.row_count &&
			     c < b->u.table.column_count;
			     c++)
				add_str(set,
					b->u.table.cells[(b->u.table.row_count - 1) *
								 b->u.table.column_count +
							 c]);
			break;
		case DOC_FIGURE:
			for (size_t k = 0; k < b->u.figure.shape_count; k++)
				if (b->u.figure.shapes[k].kind == DOC_TEXT &&
				    b->u.figure.shapes[k].bold)
					add_str(set, b->u.figure.shapes[k].text);
			break;
		case DOC_PAGE_BREAK:
			break;
		}
	}
}

/* The code points in set, in order, as an array owned by the caller. */
static uint32_t *
set_list(const struct cpset *set, size_t *count)
{
	uint32_t *cps;

	*count = 0;
	for (uint32_t c = 0; c < 0x10000; c++)
		*count += has_cp(set, c);
	cps = xcalloc(*count + 1, sizeof(*cps));
	*count = 0;
	for (uint32_t c = 0; c < 0x10000; c++)
		if (has_cp(set, c))
			cps[(*count)++] = c;
	return cps;
}

/* What the renderer adds of its own: spaces, the hyphen of a cut word,
 * the ellipsis of a cut header, the mark of a character it cannot print;
 * the rest is the document's (the fonts embed every glyph of their
 * subset, so no more than that). */
static void
add_own(struct cpset *set)
{
	add_cp(set, ' ');
	add_cp(set, '-');
	add_cp(set, 0x2026);
	add_cp(set, 0xFFFD);
}

int
render_pdf(const struct doc *d, const char *const font_paths[FONT_FACES], unsigned char **out,
	   size_t *size, struct error *err)
{
	struct cpset *set = xcalloc(1, sizeof(*set));
	struct cpset *bold = xcalloc(1, sizeof(*bold));
	struct fonts faces;
	uint32_t *cps = NULL;
	uint32_t *bold_cps = NULL;
	size_t count = 0;
	size_t bold_count = 0;
	struct layout l = {0};
	int status;

	fonts_init(&faces, font_paths);
	faces.cjk_first = fonts_cjk_language(d->lang);
	set->faces = &faces;
	bold->faces = &faces;
	add_own(set);
	doc_each_codepoint(d, add_cp, set);
	add_bidi_forms(set, d->rtl);
	add_own(bold);
	add_bold(bold, d);
	add_bidi_forms(bold, d->rtl);
	cps = set_list(set, &count);
	bold_cps = set_list(bold, &bold_count);
	free(set);
	free(bold);

	l.d = d;
	l.faces = &faces;
	l.w = d->page_width;
	l.h = d->page_height;
	l.left = 56;
	l.right = 56;
	l.top = 64;
	l.bottom = 56;
	l.pdf = pdf_new(l.w, l.h, &faces, cps, count, bold_cps, bold_count, err);
	free(cps);
	free(bold_cps);
	if (l.pdf == NULL) {
		fonts_release(&faces);
		return -1;
	}
	for (size_t i = 0; i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_COVER:
			cover(&l, &b->u.cover);
			break;
		case DOC_HEADING:
			heading(&l, &b->u.heading, i + 1 < d->count ? &d->blocks[i + 1] : NULL);
			break;
		case DOC_PARAGRAPH:
			paragraph(&l, &b->u.paragraph);
			break;
		case DOC_TABLE:
			table(&l, &b->u.table);
			break;
		case DOC_FIGURE:
			figure(&l, &b->u.figure);
			break;
		case DOC_PAGE_BREAK:
			page_break(&l);
			break;
		}
	}
	if (l.pages == 0)
		page_break(&l);
	decorate(&l);
	{
		char *title = clean(&l, d->title);
		char *author = clean(&l, d->author);
		char *subject = clean(&l, d->subject);
		char *keywords = clean(&l, d->keywords);

		pdf_info(l.pdf, title, author, subject, keywords, d->date);
		free(title);
		free(author);
		free(subject);
		free(keywords);
	}
	status = pdf_save(l.pdf, out, size, err);
	pdf_free(l.pdf);
	fonts_release(&faces);
	return status;
}
