/* Laying out the country report.
 *
 * The layout runs twice: first without a PDF, only to collect every code
 * point the report will print (fonts are subset to them, and a missing one
 * would print blank), then for real. Line breaks may differ between the
 * passes, but never the characters. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pdf.h"
#include "utf8.h"
#include "xmalloc.h"

#define BODY 9.5
#define SMALL 8
#define LEADING 1.32

static const struct pdf_colour BLACK = {0, 0, 0};
static const struct pdf_colour GREY = {0.45, 0.45, 0.45};
static const struct pdf_colour LIGHT = {0.92, 0.92, 0.92};
static const struct pdf_colour RULE = {0.75, 0.75, 0.75};
static const struct pdf_colour ACCENT = {0.10, 0.30, 0.55};
static const struct pdf_colour ACCENT_FILL = {0.72, 0.82, 0.93};
static const struct pdf_colour DRAFT = {0.88, 0.88, 0.88};
/* status colours; the status is always written too, for grey-scale prints */
static const struct pdf_colour MET = {0.80, 0.92, 0.80};
static const struct pdf_colour PARTIAL = {0.99, 0.91, 0.70};
static const struct pdf_colour NOT_MET = {0.97, 0.80, 0.78};
static const struct pdf_colour NOT_APPLICABLE = {0.90, 0.90, 0.90};
static const struct pdf_colour NOT_MET_TEXT = {0.65, 0.10, 0.05};

/* A sorted set of code points. */
struct codepoints {
	uint32_t *v; /* sorted */
	size_t count;
	size_t alloc;
	uint8_t seen[0x10000 / 8]; /* the BMP code points in v, as bits */
};

struct flow {
	struct pdf *pdf; /* NULL in the collecting pass */
	struct codepoints *cps;
	const struct report_input *in;
	const struct comparison_input *cmp;
	const char *lang;
	const char *head;    /* the page header's text */
	const char *marking; /* or NULL */
	int draft;
	int sample;
	double w, h;
	double left, right, top, bottom;
	double y;
	size_t pages;
	char **pool; /* strings made for this layout */
	size_t pool_count;
	size_t pool_alloc;
};

/* ---- text ------------------------------------------------------------- */

/* Decode one UTF-8 character at *s (advancing it); a byte that does not
 * start a well-formed sequence gives U+FFFD. */
static uint32_t
next_cp(const char **s)
{
	uint32_t cp;
	size_t n = utf8_decode(*s, &cp);

	*s += n ? n : 1;
	return cp;
}

static size_t
put_cp(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static const char *
keep(struct flow *f, char *s)
{
	xgrow((void **)&f->pool, &f->pool_alloc, f->pool_count + 1, sizeof(char *));
	f->pool[f->pool_count++] = s;
	return s;
}

/* A printable copy of s: control characters and characters beyond U+FFFF
 * (which libharu cannot print) become U+FFFD, visibly. */
static const char *
tx(struct flow *f, const char *s)
{
	char *out;
	size_t n = 0;

	if (s == NULL)
		s = "";
	out = xmalloc(strlen(s) * 3 + 1);
	while (*s) {
		uint32_t cp = next_cp(&s);

		if (cp == '\n') {
			out[n++] = '\n';
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp > 0xFFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		n += put_cp(out + n, cp);
	}
	out[n] = '\0';
	return keep(f, out);
}

static const char *fmt(struct flow *f, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static const char *
fmt(struct flow *f, const char *format, ...)
{
	va_list ap;
	char *s;

	va_start(ap, format);
	s = xvasprintf(format, ap);
	va_end(ap);
	keep(f, s);
	return tx(f, s);
}

static const char *
msg(struct flow *f, enum msg m)
{
	return tx(f, i18n(f->lang, m));
}

/* A score to one decimal in the report's language (French and Spanish write
 * a decimal comma), with its sign if sign is set. */
static const char *
num_sign(struct flow *f, double v, int sign)
{
	char buf[I18N_NUMBER_SIZE];

	return fmt(f, "%s", i18n_fixed(buf, v, 1, sign, f->lang));
}

static const char *
num(struct flow *f, double v)
{
	return num_sign(f, v, 0);
}

/* The colon after a label: French sets it off with a narrow no-break
 * space. */
static const char *
colon(const struct flow *f)
{
	return i18n(f->lang, MSG_COLON);
}

static void
collect(struct codepoints *c, const char *s)
{
	while (*s) {
		uint32_t cp = next_cp(&s);
		size_t lo = 0;
		size_t hi = c->count;

		if (cp < 0x10000) {
			if (c->seen[cp >> 3] & (1u << (cp & 7)))
				continue;
			c->seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		}
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (c->v[mid] < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->count && c->v[lo] == cp)
			continue;
		xgrow((void **)&c->v, &c->alloc, c->count + 1, sizeof(*c->v));
		memmove(c->v + lo + 1, c->v + lo, (c->count - lo) * sizeof(*c->v));
		c->v[lo] = cp;
		c->count++;
	}
}

static void
text(struct flow *f, enum pdf_font font, double size, double x, double y, const char *s)
{
	if (f->pdf)
		pdf_text(f->pdf, font, size, x, y, s);
	else
		collect(f->cps, s);
}

static double
width(struct flow *f, enum pdf_font font, double size, const char *s)
{
	if (f->pdf)
		return pdf_text_width(f->pdf, font, size, s);
	return 0.55 * size * (double)strlen(s); /* a guess: only code points matter here */
}

static void
text_right(struct flow *f, enum pdf_font font, double size, double x, double y, const char *s)
{
	text(f, font, size, x - width(f, font, size, s), y, s);
}

static void
text_centre(struct flow *f, enum pdf_font font, double size, double x, double y, const char *s)
{
	text(f, font, size, x - width(f, font, size, s) / 2, y, s);
}

/* Break s into lines at most w wide: at spaces, inside a word only when
 * the word alone is wider than a line; "\n" starts a new line. */
static size_t
wrap(struct flow *f, enum pdf_font font, double size, const char *s, double w, const char ***lines)
{
	size_t n = 0;
	size_t alloc = 0;
	size_t cap = strlen(s) + 2;
	char *cur = xcalloc(cap, 1);

#define FLUSH()                                                                                    \
	do {                                                                                       \
		xgrow((void **)lines, &alloc, n + 1, sizeof(**lines));                             \
		(*lines)[n++] = keep(f, xstrdup(cur));                                             \
		cur[0] = '\0';                                                                     \
	} while (0)
	*lines = NULL;
	while (*s) {
		size_t len = strcspn(s, " \n");
		size_t used = strlen(cur);
		char *word = xstrndup(s, len);

		if (len > 0) {
			if (used) {
				cur[used] = ' ';
				strcpy(cur + used + 1, word);
				if (width(f, font, size, cur) > w) {
					cur[used] = '\0';
					FLUSH();
					strcpy(cur, word);
				}
			} else {
				strcpy(cur, word);
			}
			/* a word wider than a line by itself is cut */
			while (width(f, font, size, cur) > w && strlen(cur) > 1) {
				size_t cut = strlen(cur);
				char *rest;
				int fits;

				do {
					char saved;

					cut--;
					while (cut > 1 && ((unsigned char)cur[cut] & 0xC0) == 0x80)
						cut--;
					saved = cur[cut];
					cur[cut] = '\0';
					fits = width(f, font, size, cur) <= w;
					cur[cut] = saved;
				} while (cut > 1 && !fits);
				rest = xstrdup(cur + cut);
				cur[cut] = '\0';
				FLUSH();
				strcpy(cur, rest);
				free(rest);
			}
		}
		free(word);
		s += len;
		if (*s == '\n')
			FLUSH();
		if (*s)
			s++;
	}
	if (cur[0] || n == 0)
		FLUSH();
#undef FLUSH
	free(cur);
	return n;
}

/* ---- pages ------------------------------------------------------------ */

static void
page_break(struct flow *f)
{
	if (f->pdf)
		pdf_page_new(f->pdf);
	f->pages++;
	f->y = f->h - f->top;
}

static void
need(struct flow *f, double height)
{
	if (f->y - height < f->bottom)
		page_break(f);
}

static void
fill(struct flow *f, struct pdf_colour c)
{
	if (f->pdf)
		pdf_fill_colour(f->pdf, c);
}

static void
stroke(struct flow *f, struct pdf_colour c, double line)
{
	if (f->pdf) {
		pdf_stroke_colour(f->pdf, c);
		pdf_line_width(f->pdf, line);
	}
}

static void
rect(struct flow *f, double x, double y, double w, double h, int do_fill, int do_stroke)
{
	if (f->pdf)
		pdf_rect(f->pdf, x, y, w, h, do_fill, do_stroke);
}

static void
line(struct flow *f, double x1, double y1, double x2, double y2)
{
	if (f->pdf)
		pdf_line(f->pdf, x1, y1, x2, y2);
}

static void
outline(struct flow *f, const char *title)
{
	if (f->pdf)
		pdf_outline(f->pdf, -1, title);
	else
		collect(f->cps, title);
}

/* A paragraph at the cursor, indented by indent, in colour c. */
static void
para(struct flow *f, enum pdf_font font, double size, double indent, const char *s,
     struct pdf_colour c)
{
	const char **lines;
	size_t n = wrap(f, font, size, s, f->w - f->left - f->right - indent, &lines);

	fill(f, c);
	for (size_t i = 0; i < n; i++) {
		need(f, size * LEADING);
		f->y -= size * LEADING;
		fill(f, c);
		text(f, font, size, f->left + indent, f->y + size * 0.25, lines[i]);
	}
	free(lines);
	fill(f, BLACK);
}

static void
heading(struct flow *f, const char *title, int new_page)
{
	if (new_page)
		page_break(f);
	else
		need(f, 60);
	outline(f, title);
	f->y -= 20;
	fill(f, ACCENT);
	text(f, PDF_BOLD, 16, f->left, f->y, title);
	fill(f, BLACK);
	f->y -= 12;
}

static void
subheading(struct flow *f, const char *title)
{
	need(f, 40);
	f->y -= 8;
	para(f, PDF_BOLD, 11, 0, title, BLACK);
	f->y -= 3;
}

/* ---- tables ----------------------------------------------------------- */

struct column {
	const char *title;
	double width; /* share of the text width */
	int right;    /* align right */
};

#define TABLE_PAD 3.0
#define TABLE_LEAD (SMALL * LEADING)

/* Wrap one row's texts (one per column) to their columns; returns the
 * most lines a cell takes. */
static size_t
wrap_row(struct flow *f, enum pdf_font font, const struct column *cols, size_t ncols,
	 const char *const *texts, const char **lines[], size_t count[])
{
	double total = f->w - f->left - f->right;
	size_t most = 1;

	for (size_t c = 0; c < ncols && c < 16; c++) {
		count[c] = wrap(f, font, SMALL, texts[c], cols[c].width * total - 2 * TABLE_PAD,
				&lines[c]);
		if (count[c] > most)
			most = count[c];
	}
	return most;
}

/* Draw a wrapped row in the box of height h whose bottom is at f->y, and
 * free its lines. */
static void
draw_row(struct flow *f, enum pdf_font font, const struct column *cols, size_t ncols,
	 const char **lines[], const size_t count[], double h)
{
	double total = f->w - f->left - f->right;
	double x = f->left;

	for (size_t c = 0; c < ncols && c < 16; c++) {
		double cw = cols[c].width * total;

		for (size_t k = 0; k < count[c]; k++) {
			double ty = f->y + h - TABLE_PAD - (double)(k + 1) * TABLE_LEAD + 2;

			if (cols[c].right)
				text_right(f, font, SMALL, x + cw - TABLE_PAD, ty, lines[c][k]);
			else
				text(f, font, SMALL, x + TABLE_PAD, ty, lines[c][k]);
		}
		free(lines[c]);
		x += cw;
	}
}

/* A table that breaks across pages, repeating its header. cells holds
 * rows x columns strings; shade, when not NULL, colours each row's last
 * cell (the status). */
static void
table(struct flow *f, const struct column *cols, size_t ncols, const char *const *cells,
      const struct pdf_colour *const *shade, size_t rows)
{
	double total = f->w - f->left - f->right;
	int header_due = cols[0].title[0] != '\0';

	for (size_t r = 0; r < rows; r++) {
		const char **lines[16];
		size_t count[16];
		double hgt;

		if (header_due) {
			/* the header, wrapped like the cells */
			const char *titles[16];
			double hh;

			for (size_t c = 0; c < ncols && c < 16; c++)
				titles[c] = cols[c].title;
			hh = (double)wrap_row(f, PDF_BOLD, cols, ncols, titles, lines, count) *
					TABLE_LEAD +
				2 * TABLE_PAD;
			need(f, hh + TABLE_LEAD + 2 * TABLE_PAD);
			f->y -= hh;
			fill(f, LIGHT);
			rect(f, f->left, f->y, total, hh, 1, 0);
			fill(f, BLACK);
			draw_row(f, PDF_BOLD, cols, ncols, lines, count, hh);
			header_due = 0;
		}
		hgt = (double)wrap_row(f, PDF_REGULAR, cols, ncols, cells + r * ncols, lines,
				       count) *
				TABLE_LEAD +
			2 * TABLE_PAD;
		if (f->y - hgt < f->bottom) {
			for (size_t c = 0; c < ncols && c < 16; c++)
				free(lines[c]);
			page_break(f);
			header_due = cols[0].title[0] != '\0';
			r--;
			continue;
		}
		f->y -= hgt;
		if (shade && shade[r]) {
			double cw = cols[ncols - 1].width * total;

			fill(f, *shade[r]);
			rect(f, f->left + total - cw, f->y, cw, hgt, 1, 0);
			fill(f, BLACK);
		}
		stroke(f, RULE, 0.4);
		line(f, f->left, f->y, f->left + total, f->y);
		draw_row(f, PDF_REGULAR, cols, ncols, lines, count, hgt);
	}
	f->y -= 6;
}

/* ---- pieces of the report --------------------------------------------- */

static const struct pdf_colour *
status_colour(enum indicator_status s)
{
	switch (s) {
	case STATUS_MET:
		return &MET;
	case STATUS_PARTIAL:
		return &PARTIAL;
	case STATUS_NOT_MET:
		return &NOT_MET;
	default:
		return &NOT_APPLICABLE;
	}
}

static const char *
status_text(struct flow *f, enum indicator_status s)
{
	switch (s) {
	case STATUS_MET:
		return msg(f, MSG_R_MET);
	case STATUS_PARTIAL:
		return msg(f, MSG_R_PARTIAL);
	case STATUS_NOT_MET:
		return msg(f, MSG_R_NOT_MET);
	default:
		return msg(f, MSG_NOT_APPLICABLE);
	}
}

static const char *
title_of(struct flow *f, const struct text *t)
{
	return tx(f, text_get(t, f->lang));
}

static void
cover(struct flow *f)
{
	const struct report_input *in = f->in;
	const struct questionnaire *q = in->q;
	double mid = f->w / 2;
	char day[16];
	struct tm tm;
	const char *rows[12];
	size_t n = 0;
	static const struct column cols[] = {{"", 0.3, 0}, {"", 0.7, 0}};

	page_break(f);
	outline(f, title_of(f, &q->title));
	if (!in->a->final) {
		const char *draft = msg(f, MSG_R_DRAFT);
		double wd = width(f, PDF_BOLD, 96, draft);

		/* across the page, centred on it */
		fill(f, DRAFT);
		if (f->pdf)
			pdf_text_rotated(f->pdf, PDF_BOLD, 96, mid - wd * 0.354 + 20,
					 f->h * 0.42 - wd * 0.354, 45, draft);
		fill(f, BLACK);
	}
	if (in->marking) {
		fill(f, NOT_MET);
		rect(f, f->left, f->h - 130, f->w - f->left - f->right, 24, 1, 0);
		fill(f, BLACK);
		text_centre(f, PDF_BOLD, 12, mid, f->h - 122, tx(f, in->marking));
	}
	f->y = f->h - 220;
	para(f, PDF_BOLD, 22, 0, title_of(f, &q->title), ACCENT);
	f->y -= 20;
	para(f, PDF_BOLD, 30, 0, tx(f, in->country ? in->country->name : in->a->country), BLACK);
	f->y -= 6;
	para(f, PDF_REGULAR, 14, 0,
	     fmt(f, "%s \u00b7 %s %d", in->a->country, i18n(f->lang, MSG_R_CYCLE), in->a->cycle),
	     GREY);
	f->y -= 30;
	gmtime_r(&in->date, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	rows[n++] = msg(f, MSG_R_MISSION);
	rows[n++] = *in->a->mission_start
		? fmt(f, "%s \u2013 %s", in->a->mission_start, in->a->mission_end)
		: "\u2013";
	rows[n++] = msg(f, MSG_R_ASSESSORS);
	rows[n++] = tx(f, *in->a->assessors ? in->a->assessors : "\u2013");
	rows[n++] = msg(f, MSG_R_QUESTIONNAIRE);
	rows[n++] = fmt(f, "%s, %s %s", text_get(&q->title, f->lang), i18n(f->lang, MSG_VERSION),
			q->version);
	rows[n++] = msg(f, MSG_R_STATUS);
	rows[n++] = msg(f, in->a->final ? MSG_R_FINAL : MSG_R_DRAFT);
	rows[n++] = msg(f, MSG_R_REPORT_DATE);
	rows[n++] = fmt(f, "%s", day);
	table(f, cols, 2, rows, NULL, n / 2);
	if (in->sample) {
		f->y -= 20;
		para(f, PDF_BOLD, 14, 0, msg(f, MSG_R_SAMPLE), NOT_MET);
	}
}

/* A radar chart of the pillar scores around (cx, cy), radius r. */
static void
radar(struct flow *f, double cx, double cy, double r)
{
	const struct questionnaire *q = f->in->q;
	const struct score_result *s = f->in->score;
	size_t n = q->pillar_count;
	double *xy = xcalloc(2 * n, sizeof(double));

	if (n < 3) {
		free(xy);
		return;
	}
	stroke(f, RULE, 0.5);
	for (int ring = 1; ring <= 4; ring++) {
		for (size_t k = 0; k < n; k++) {
			double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;

			xy[2 * k] = cx + r * ring / 4 * cos(a);
			xy[2 * k + 1] = cy + r * ring / 4 * sin(a);
		}
		if (f->pdf)
			pdf_polygon(f->pdf, xy, n, 0, 1);
	}
	for (size_t k = 0; k < n; k++) {
		double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;

		line(f, cx, cy, cx + r * cos(a), cy + r * sin(a));
	}
	for (size_t k = 0; k < n; k++) {
		double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;
		double v = s->pillars[k].counted ? s->pillars[k].score : 0;

		xy[2 * k] = cx + r * v * cos(a);
		xy[2 * k + 1] = cy + r * v * sin(a);
	}
	fill(f, ACCENT_FILL);
	stroke(f, ACCENT, 1.2);
	if (f->pdf)
		pdf_polygon(f->pdf, xy, n, 1, 1);
	fill(f, BLACK);
	for (size_t k = 0; k < n; k++) {
		double a = M_PI / 2 - 2 * M_PI * (double)k / (double)n;
		double lx = cx + (r + 14) * cos(a);
		double ly = cy + (r + 14) * sin(a);
		const char **lines;
		size_t m = wrap(f, PDF_REGULAR, 7, title_of(f, &q->pillars[k].title), 90, &lines);
		const char *pct = s->pillars[k].counted
			? fmt(f, "%.0f%s", 100 * s->pillars[k].score, i18n(f->lang, MSG_PERCENT))
			: msg(f, MSG_NOT_APPLICABLE);

		if (sin(a) < -0.2)
			ly -= 8;
		for (size_t i = 0; i < m; i++) {
			double wdt = width(f, PDF_REGULAR, 7, lines[i]);
			double tx0 = cos(a) > 0.2 ? lx : cos(a) < -0.2 ? lx - wdt : lx - wdt / 2;

			text(f, PDF_REGULAR, 7, tx0, ly - 8.5 * (double)i, lines[i]);
		}
		fill(f, ACCENT);
		{
			double wdt = width(f, PDF_BOLD, 7.5, pct);
			double tx0 = cos(a) > 0.2 ? lx : cos(a) < -0.2 ? lx - wdt : lx - wdt / 2;

			text(f, PDF_BOLD, 7.5, tx0, ly - 8.5 * (double)m, pct);
		}
		fill(f, BLACK);
		free(lines);
	}
	free(xy);
}

/* Indicators sorted by score: best first (best = 1) or worst first. */
static size_t
ranked(const struct questionnaire *q, const struct score_result *s, int best, size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < q->indicator_count; i++) {
		size_t k = n;

		if (!s->indicators[i].counted)
			continue;
		while (k > 0 &&
		       (best ? s->indicators[out[k - 1]].score < s->indicators[i].score
			     : s->indicators[out[k - 1]].score > s->indicators[i].score)) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = i;
		n++;
	}
	return n;
}

static void
indicator_list(struct flow *f, const char *title, const size_t *idx, size_t n, double x, double top,
	       double w)
{
	const struct questionnaire *q = f->in->q;
	const struct score_result *s = f->in->score;
	double y = top;

	text(f, PDF_BOLD, 9, x, y, title);
	y -= 14;
	for (size_t k = 0; k < n && k < 3; k++) {
		size_t i = idx[k];
		const char **lines;
		size_t m = wrap(f, PDF_REGULAR, SMALL, title_of(f, &q->indicators[i].title), w - 40,
				&lines);

		fill(f, *status_colour(s->indicators[i].status));
		rect(f, x, y - 2, 34, 10, 1, 0);
		fill(f, BLACK);
		text(f, PDF_BOLD, 7, x + 3, y,
		     fmt(f, "%.0f%s", 100 * s->indicators[i].score, i18n(f->lang, MSG_PERCENT)));
		for (size_t j = 0; j < m; j++)
			text(f, PDF_REGULAR, SMALL, x + 40, y - 10 * (double)j, lines[j]);
		y -= 10 * (double)m + 4;
		free(lines);
	}
}

static void
summary(struct flow *f)
{
	const struct report_input *in = f->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	double total = f->w - f->left - f->right;
	size_t *idx = xcalloc(q->indicator_count + 1, sizeof(size_t));
	size_t n;
	const char **cells = xcalloc(4 * (q->pillar_count + 1), sizeof(char *));
	const struct column cols[] = {{msg(f, MSG_PILLAR), 0.58, 0},
				      {msg(f, MSG_R_POINTS), 0.14, 1},
				      {msg(f, MSG_R_MAXIMUM), 0.14, 1},
				      {msg(f, MSG_R_SCORE), 0.14, 1}};

	heading(f, msg(f, MSG_R_SUMMARY), 1);
	f->y -= 8;
	text(f, PDF_REGULAR, 10, f->left, f->y, msg(f, MSG_R_OVERALL));
	text(f, PDF_REGULAR, 10, f->left + total / 2, f->y, msg(f, MSG_R_TIER));
	f->y -= 30;
	fill(f, ACCENT);
	text(f, PDF_BOLD, 30, f->left, f->y, num(f, s->overall));
	fill(f, GREY);
	text(f, PDF_REGULAR, 12, f->left + width(f, PDF_BOLD, 30, num(f, s->overall)) + 6, f->y,
	     fmt(f, "/ 100"));
	fill(f, ACCENT);
	text(f, PDF_BOLD, 20, f->left + total / 2, f->y, title_of(f, &q->tiers[s->tier].name));
	fill(f, BLACK);
	f->y -= 8;
	para(f, PDF_REGULAR, SMALL, 0,
	     fmt(f, "%s%s %.0f%s (%zu/%zu) \u2013 %s", i18n(f->lang, MSG_R_COMPLETENESS), colon(f),
		 100 * s->completeness, i18n(f->lang, MSG_PERCENT), s->answered, s->shown,
		 i18n(f->lang, MSG_R_COMPLETENESS_NOTE)),
	     GREY);

	/* the radar across the page, the pillar table beneath it */
	radar(f, f->w / 2, f->y - 120, 82);
	f->y -= 235;
	for (size_t p = 0; p < q->pillar_count; p++) {
		cells[4 * p] = title_of(f, &q->pillars[p].title);
		cells[4 * p + 1] = s->pillars[p].counted ? num(f, s->pillars[p].points)
							 : msg(f, MSG_NOT_APPLICABLE);
		cells[4 * p + 2] = num(f, s->pillars[p].worth);
		cells[4 * p + 3] = s->pillars[p].counted
			? fmt(f, "%.0f%s", 100 * s->pillars[p].score, i18n(f->lang, MSG_PERCENT))
			: "\u2013";
	}
	cells[4 * q->pillar_count] = msg(f, MSG_R_OVERALL);
	cells[4 * q->pillar_count + 1] = num(f, s->overall);
	cells[4 * q->pillar_count + 2] = num(f, 100.0);
	cells[4 * q->pillar_count + 3] = fmt(f, "%.0f%s", s->overall, i18n(f->lang, MSG_PERCENT));
	table(f, cols, 4, cells, NULL, q->pillar_count + 1);
	f->y -= 12;

	n = ranked(q, s, 1, idx);
	indicator_list(f, msg(f, MSG_R_STRONGEST), idx, n, f->left, f->y, total / 2 - 10);
	n = ranked(q, s, 0, idx);
	indicator_list(f, msg(f, MSG_R_WEAKEST), idx, n, f->left + total / 2 + 10, f->y,
		       total / 2 - 10);
	f->y -= 14 * 5 + 10;
	if (in->global_count > 1) {
		/* the country against its region and the world, as bars */
		const char *labels[3] = {tx(f, in->country ? in->country->name : in->a->country),
					 fmt(f, "%s (%s, %zu %s)", i18n(f->lang, MSG_R_REGION_MEAN),
					     in->country ? region_code(in->country->region) : "?",
					     in->region_count, i18n(f->lang, MSG_R_ASSESSMENTS)),
					 fmt(f, "%s (%zu %s)", i18n(f->lang, MSG_R_GLOBAL_MEAN),
					     in->global_count, i18n(f->lang, MSG_R_ASSESSMENTS))};
		double values[3] = {s->overall, in->region_mean, in->global_mean};
		double bar = total - 230;

		subheading(f, msg(f, MSG_R_COMPARISON));
		for (int k = 0; k < 3; k++) {
			need(f, 16);
			f->y -= 16;
			text(f, k ? PDF_REGULAR : PDF_BOLD, SMALL, f->left, f->y + 3, labels[k]);
			fill(f, LIGHT);
			rect(f, f->left + 190, f->y, bar, 11, 1, 0);
			fill(f, k ? ACCENT_FILL : ACCENT);
			rect(f, f->left + 190, f->y, bar * values[k] / 100, 11, 1, 0);
			fill(f, BLACK);
			text(f, PDF_BOLD, SMALL, f->left + 196 + bar, f->y + 3, num(f, values[k]));
		}
	}
	free(cells);
	free(idx);
}

/* The people of a meeting as the report shows them: without names (the
 * parts in parentheses) unless the report names people. */
static const char *
people_text(struct flow *f, const char *people)
{
	char *out;
	size_t n = 0;
	int depth = 0;

	if (f->in->names)
		return tx(f, people);
	out = xmalloc(strlen(people) + 1);
	for (const char *p = people; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0 && !(*p == ' ' && (n == 0 || out[n - 1] == ' ')))
			out[n++] = *p;
		/* no space before a separator left by a removed name */
		if (depth == 0 && n >= 2 && (out[n - 1] == ';' || out[n - 1] == ',') &&
		    out[n - 2] == ' ') {
			out[n - 2] = out[n - 1];
			n--;
		}
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	keep(f, out);
	return tx(f, out);
}

/* The number (from 1) of the meeting with id in the stakeholders annex,
 * or 0. */
static size_t
meeting_number(const struct report_input *in, const char *id)
{
	for (size_t i = 0; id && i < in->meeting_count; i++)
		if (strcmp(in->meetings[i].id, id) == 0)
			return i + 1;
	return 0;
}

/* The word for an attachment in the report's language. cirt's own words
 * live in i18n.c; this one waits there until that file can take it. */
static const char *
attachment_word(const char *lang)
{
	if (lang && strncmp(lang, "fr", 2) == 0)
		return "Pièce jointe";
	if (lang && strncmp(lang, "es", 2) == 0)
		return "Adjunto";
	return "Attachment";
}

/* The attachments of question_id, one line each: name, size, type and
 * SHA-256, so that a printed report pins each file. */
static void
attachments_of(struct flow *f, const char *question_id)
{
	const struct report_input *in = f->in;
	const char *mark = i18n(f->lang, MSG_DECIMAL_MARK);

	for (size_t i = 0; i < in->attachment_count; i++) {
		const struct attachment *at = &in->attachments[i];
		char size[32];

		if (strcmp(at->question_id, question_id) != 0)
			continue;
		attachment_size_text(at->size, size, sizeof(size));
		if (*mark != '.' && strchr(size, '.'))
			*strchr(size, '.') = *mark;
		para(f, PDF_REGULAR, SMALL, 12,
		     fmt(f, "%s%s %s (%s, %s) SHA-256 %s", attachment_word(f->lang), colon(f),
			 at->name, size, at->type, at->sha256),
		     BLACK);
	}
}

static void
pillar_section(struct flow *f, size_t p)
{
	const struct report_input *in = f->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	const struct pillar *pl = &q->pillars[p];
	const char **cells = xcalloc(3 * pl->indicator_count, sizeof(char *));
	const struct pdf_colour **shade = xcalloc(pl->indicator_count, sizeof(*shade));
	const struct column cols[] = {{msg(f, MSG_R_INDICATOR), 0.62, 0},
				      {msg(f, MSG_R_SCORE), 0.18, 1},
				      {msg(f, MSG_R_STATUS), 0.20, 0}};

	heading(f, fmt(f, "%zu. %s", p + 1, text_get(&pl->title, f->lang)), 1);
	para(f, PDF_REGULAR, BODY, 0,
	     s->pillars[p].counted
		     ? fmt(f, "%s%s %s / %s \u00b7 %.0f%s", i18n(f->lang, MSG_R_POINTS), colon(f),
			   num(f, s->pillars[p].points), num(f, s->pillars[p].worth),
			   100 * s->pillars[p].score, i18n(f->lang, MSG_PERCENT))
		     : msg(f, MSG_NOT_APPLICABLE),
	     GREY);
	f->y -= 6;
	for (size_t k = 0; k < pl->indicator_count; k++) {
		size_t i = pl->first_indicator + k;

		cells[3 * k] = title_of(f, &q->indicators[i].title);
		cells[3 * k + 1] = s->indicators[i].counted
			? fmt(f, "%.0f%s", 100 * s->indicators[i].score, i18n(f->lang, MSG_PERCENT))
			: "\u2013";
		cells[3 * k + 2] = status_text(f, s->indicators[i].status);
		shade[k] = status_colour(s->indicators[i].status);
	}
	table(f, cols, 3, cells, shade, pl->indicator_count);
	for (size_t k = 0; k < pl->indicator_count; k++) {
		size_t i = pl->first_indicator + k;
		const struct indicator *ind = &q->indicators[i];

		subheading(f, fmt(f, "%zu.%zu %s", p + 1, k + 1, text_get(&ind->title, f->lang)));
		for (size_t j = 0; j < ind->question_count; j++) {
			size_t qi = ind->first_question + j;
			const struct question *qu = &q->questions[qi];
			const struct answer *w = answer_set_find(in->answers, qu->id);

			if (!s->questions[qi].shown)
				continue;
			need(f, 4 * BODY * LEADING);
			f->y -= 3;
			para(f, PDF_BOLD, BODY, 0,
			     fmt(f, "%s%s \u00b7 %s", qu->id, w && w->flagged ? " \u2691" : "",
				 text_get(&qu->text, f->lang)),
			     BLACK);
			if (w && answer_is_given(w)) {
				char *d = answer_describe(qu, w->state, w->value, f->lang);

				para(f, PDF_REGULAR, BODY, 12,
				     fmt(f, "%s%s %s", i18n(f->lang, MSG_R_ANSWER), colon(f), d),
				     ACCENT);
				free(d);
			} else {
				para(f, PDF_REGULAR, BODY, 12, msg(f, MSG_R_NOT_ANSWERED), GREY);
			}
			if (w && *w->evidence)
				para(f, PDF_REGULAR, SMALL, 12,
				     fmt(f, "%s%s %s", i18n(f->lang, MSG_EVIDENCE_LABEL), colon(f),
					 w->evidence),
				     BLACK);
			if (w && *w->comment)
				para(f, PDF_REGULAR, SMALL, 12,
				     fmt(f, "%s%s %s", i18n(f->lang, MSG_NOTE_LABEL), colon(f),
					 w->comment),
				     GREY);
			for (size_t c = 0; c < in->conflict_count; c++) {
				const struct chain_conflict *dispute = &in->conflicts[c];
				char *other;
				enum answer_state st = ANSWER_NONE;

				if (strcmp(dispute->question_id, qu->id) != 0)
					continue;
				if (strcmp(dispute->field, "answer") == 0) {
					answer_state_parse(dispute->state ? dispute->state : "none",
							   &st);
					other = answer_describe(qu, st, dispute->value, f->lang);
				} else {
					other = xstrdup(dispute->value ? dispute->value : "");
				}
				para(f, PDF_BOLD, SMALL, 12,
				     fmt(f, "%s%s%s%s %s \u201c%s\u201d (%s, %.10s)",
					 i18n(f->lang, MSG_R_DISPUTED),
					 strcmp(dispute->field, "answer") == 0 ? "" : " \u00b7 ",
					 strcmp(dispute->field, "answer") == 0 ? ""
						 : strcmp(dispute->field, "evidence") == 0
						 ? i18n(f->lang, MSG_EVIDENCE_LABEL)
						 : strcmp(dispute->field, "comment") == 0
						 ? i18n(f->lang, MSG_NOTE_LABEL)
						 : dispute->field,
					 colon(f), i18n(f->lang, MSG_R_DISPUTED_NOTE), other,
					 dispute->changed_by, dispute->changed_at),
				     NOT_MET_TEXT);
				free(other);
			}
			if (w && meeting_number(in, w->source)) {
				size_t m = meeting_number(in, w->source);

				para(f, PDF_REGULAR, SMALL, 12,
				     fmt(f, "%s%s [%zu] %s, %s", i18n(f->lang, MSG_R_SOURCE),
					 colon(f), m, in->meetings[m - 1].organisation,
					 in->meetings[m - 1].met_on),
				     GREY);
			}
			attachments_of(f, qu->id);
		}
	}
	free(cells);
	free(shade);
}

static void
recommendations(struct flow *f)
{
	const struct questionnaire *q = f->in->q;
	const struct score_result *s = f->in->score;
	size_t *order = xcalloc(q->indicator_count + 1, sizeof(size_t));
	size_t n = 0;
	size_t path;
	int reachable;

	heading(f, msg(f, MSG_R_RECOMMENDATIONS), 1);
	para(f, PDF_REGULAR, SMALL, 0, msg(f, MSG_R_RECOMMENDATIONS_NOTE), GREY);
	f->y -= 4;

	/* the path to the next tier, in a box */
	path = score_path_to_next_tier(q, s, order, &reachable);
	{
		double top;
		double box_left = f->left;

		need(f, 60);
		top = f->y;
		f->left += 10;
		f->y -= 6;
		para(f, PDF_BOLD, 10, 0, msg(f, MSG_R_PATH), ACCENT);
		if (s->tier + 1 >= q->tier_count) {
			para(f, PDF_REGULAR, BODY, 0, msg(f, MSG_R_PATH_TOP), BLACK);
		} else if (!reachable) {
			para(f, PDF_REGULAR, BODY, 0, msg(f, MSG_R_PATH_NONE), BLACK);
		} else {
			para(f, PDF_REGULAR, BODY, 0,
			     fmt(f, "%s %s (%.0f):", i18n(f->lang, MSG_R_PATH_INTRO),
				 text_get(&q->tiers[s->tier + 1].name, f->lang),
				 q->tiers[s->tier + 1].min),
			     BLACK);
			for (size_t k = 0; k < path; k++)
				para(f, PDF_REGULAR, BODY, 10,
				     fmt(f, "+%s \u00b7 %s (%s)", num(f, score_gain(s, order[k])),
					 text_get(&q->indicators[order[k]].title, f->lang),
					 text_get(&q->pillars[q->indicators[order[k]].pillar].title,
						  f->lang)),
				     BLACK);
		}
		f->y -= 6;
		f->left = box_left;
		stroke(f, ACCENT, 1);
		if (f->y < top)
			rect(f, f->left, f->y, f->w - f->left - f->right, top - f->y, 0, 1);
		f->y -= 10;
	}

	/* every indicator not fully met, the largest gain first */
	memset(order, 0, (q->indicator_count + 1) * sizeof(size_t));
	for (size_t i = 0; i < q->indicator_count; i++) {
		size_t k = n;

		if (score_gain(s, i) <= 1e-9)
			continue;
		while (k > 0 && score_gain(s, order[k - 1]) < score_gain(s, i)) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
		n++;
	}
	for (size_t k = 0; k < n; k++) {
		const struct indicator *ind = &q->indicators[order[k]];

		need(f, 3 * BODY * LEADING + 10);
		f->y -= 4;
		para(f, PDF_BOLD, BODY, 0,
		     fmt(f, "%zu. %s \u00b7 +%s %s \u00b7 %s %s", k + 1,
			 text_get(&ind->title, f->lang), num(f, score_gain(s, order[k])),
			 i18n(f->lang, MSG_R_GAIN), i18n(f->lang, MSG_R_LIFTS),
			 text_get(&q->pillars[ind->pillar].title, f->lang)),
		     BLACK);
		para(f, PDF_REGULAR, BODY, 12, title_of(f, &ind->recommendation.text), BLACK);
	}
	free(order);
}

static void
open_items(struct flow *f)
{
	const struct questionnaire *q = f->in->q;
	const struct score_result *s = f->in->score;

	heading(f, msg(f, MSG_R_OPEN_ITEMS), 0);
	for (int pass = 0; pass < 2; pass++) {
		int any = 0;

		subheading(f, msg(f, pass ? MSG_R_DONT_KNOW_LIST : MSG_FLAGGED_LIST));
		for (size_t i = 0; i < q->question_count; i++) {
			const struct answer *w =
				answer_set_find(f->in->answers, q->questions[i].id);

			if (w == NULL || !s->questions[i].shown)
				continue;
			if (pass ? w->state != ANSWER_DONT_KNOW : !w->flagged)
				continue;
			any = 1;
			para(f, PDF_REGULAR, BODY, 0,
			     fmt(f, "%s \u00b7 %s", q->questions[i].id,
				 text_get(&q->questions[i].text, f->lang)),
			     BLACK);
		}
		if (!any)
			para(f, PDF_REGULAR, BODY, 0, msg(f, MSG_R_NONE), GREY);
	}
}

static void
progress(struct flow *f)
{
	const struct report_input *in = f->in;
	const struct questionnaire *q = in->q;
	const struct score_result *s = in->score;
	const struct score_result *old = in->previous;
	const char **cells = xcalloc(4 * (q->pillar_count + 1), sizeof(char *));
	const struct column cols[] = {{msg(f, MSG_PILLAR), 0.52, 0},
				      {fmt(f, "%d", in->previous_cycle), 0.16, 1},
				      {fmt(f, "%d", in->a->cycle), 0.16, 1},
				      {msg(f, MSG_R_CHANGE), 0.16, 1}};

	heading(f, fmt(f, "%s %d", i18n(f->lang, MSG_R_PROGRESS), in->previous_cycle), 0);
	for (size_t p = 0; p <= q->pillar_count; p++) {
		int overall = p == q->pillar_count;
		double was = overall ? old->overall : old->pillars[p].points;
		double now = overall ? s->overall : s->pillars[p].points;

		cells[4 * p] = overall ? msg(f, MSG_R_OVERALL) : title_of(f, &q->pillars[p].title);
		cells[4 * p + 1] = num(f, was);
		cells[4 * p + 2] = num(f, now);
		cells[4 * p + 3] = num_sign(f, now - was, 1);
	}
	table(f, cols, 4, cells, NULL, q->pillar_count + 1);
	free(cells);
}

/* The annex of the meetings answers came from. */
static void
stakeholders(struct flow *f)
{
	const struct report_input *in = f->in;
	const struct column cols[] = {{"#", 0.06, 1},
				      {msg(f, MSG_R_DATE), 0.14, 0},
				      {msg(f, MSG_R_ORGANISATION), 0.30, 0},
				      {msg(f, MSG_R_PEOPLE), 0.38, 0},
				      {msg(f, MSG_R_ANSWERS), 0.12, 1}};
	const char **cells;

	heading(f, msg(f, MSG_R_STAKEHOLDERS), 1);
	if (in->meeting_count == 0) {
		para(f, PDF_REGULAR, BODY, 0, msg(f, MSG_R_NO_MEETINGS), GREY);
		return;
	}
	para(f, PDF_REGULAR, SMALL, 0,
	     msg(f, in->names ? MSG_R_STAKEHOLDERS_NAMES_NOTE : MSG_R_STAKEHOLDERS_NOTE), GREY);
	f->y -= 4;
	cells = xcalloc(5 * in->meeting_count, sizeof(*cells));
	for (size_t i = 0; i < in->meeting_count; i++) {
		const struct meeting *m = &in->meetings[i];
		size_t given = 0;

		for (size_t k = 0; k < in->answers->count; k++)
			if (in->answers->items[k].source &&
			    strcmp(in->answers->items[k].source, m->id) == 0)
				given++;
		cells[5 * i] = fmt(f, "%zu", i + 1);
		cells[5 * i + 1] = tx(f, m->met_on);
		cells[5 * i + 2] = tx(f, m->organisation);
		cells[5 * i + 3] = people_text(f, m->people);
		cells[5 * i + 4] = fmt(f, "%zu", given);
	}
	table(f, cols, 5, cells, NULL, in->meeting_count);
	free(cells);
}

static void
methodology(struct flow *f)
{
	const struct questionnaire *q = f->in->q;

	const char *rules = msg(f, MSG_R_METHOD_TEXT);

	heading(f, msg(f, MSG_R_METHODOLOGY), 1);
	/* one paragraph per rule, with a little air between them */
	while (*rules) {
		size_t n = strcspn(rules, "\n");

		para(f, PDF_REGULAR, BODY, 0, keep(f, xstrndup(rules, n)), BLACK);
		f->y -= 4;
		rules += n + (rules[n] == '\n');
	}
	f->y -= 6;
	subheading(f, msg(f, MSG_TIERS));
	for (size_t t = 0; t < q->tier_count; t++)
		para(f, PDF_REGULAR, BODY, 10,
		     t + 1 < q->tier_count
			     ? fmt(f, "%s%s %.0f \u2013 %.0f", text_get(&q->tiers[t].name, f->lang),
				   colon(f), q->tiers[t].min, q->tiers[t + 1].min)
			     : fmt(f, "%s%s %.0f \u2013 100", text_get(&q->tiers[t].name, f->lang),
				   colon(f), q->tiers[t].min),
		     BLACK);
	subheading(f, msg(f, MSG_R_QUESTIONNAIRE));
	para(f, PDF_REGULAR, BODY, 0,
	     fmt(f, "%s \u00b7 %s \u00b7 %s %s", text_get(&q->title, f->lang), q->id,
		 i18n(f->lang, MSG_VERSION), q->version),
	     BLACK);
	para(f, PDF_REGULAR, SMALL, 0,
	     fmt(f, "%s%s %s", i18n(f->lang, MSG_R_SHA256), colon(f), q->sha256), GREY);
	if (strcmp(q->sha256, f->in->a->questionnaire_sha256) != 0)
		para(f, PDF_REGULAR, SMALL, 0,
		     fmt(f, "(%s %s%s %s)", i18n(f->lang, MSG_VERSION),
			 f->in->a->questionnaire_version, colon(f), f->in->a->questionnaire_sha256),
		     GREY);
	subheading(f, msg(f, MSG_R_RECORD));
	para(f, PDF_REGULAR, BODY, 0,
	     fmt(f, "%s%s %lld", i18n(f->lang, MSG_R_ENTRIES), colon(f), f->in->a->entries), BLACK);
	para(f, PDF_REGULAR, SMALL, 0,
	     fmt(f, "%s%s %s", i18n(f->lang, MSG_R_HEAD), colon(f),
		 f->in->a->head ? f->in->a->head : ""),
	     BLACK);
	para(f, PDF_REGULAR, SMALL, 0, msg(f, MSG_R_HEAD_NOTE), GREY);
}

/* Header and footer on every page, once the page count is known. */
static void
decorate(struct flow *f)
{
	const char *head = tx(f, f->head);

	for (size_t i = 0; i < f->pages; i++) {
		const char *foot = fmt(f, "%s %zu %s %zu", i18n(f->lang, MSG_R_PAGE), i + 1,
				       i18n(f->lang, MSG_OF), f->pages);

		if (f->pdf)
			pdf_page_select(f->pdf, i);
		fill(f, GREY);
		text(f, PDF_REGULAR, SMALL, f->left, f->h - 36, head);
		if (f->marking)
			text_right(f, PDF_BOLD, SMALL, f->w - f->right, f->h - 36,
				   tx(f, f->marking));
		else if (f->draft)
			text_right(f, PDF_BOLD, SMALL, f->w - f->right, f->h - 36,
				   msg(f, MSG_R_DRAFT));
		if (f->sample)
			text_centre(f, PDF_BOLD, SMALL, f->w / 2, f->h - 36, msg(f, MSG_R_SAMPLE));
		stroke(f, RULE, 0.5);
		line(f, f->left, f->h - 42, f->w - f->right, f->h - 42);
		text_centre(f, PDF_REGULAR, SMALL, f->w / 2, 30, foot);
		fill(f, BLACK);
	}
}

static void
layout(struct flow *f)
{
	const struct report_input *in = f->in;

	f->pages = 0;
	cover(f);
	summary(f);
	for (size_t p = 0; p < in->q->pillar_count; p++)
		pillar_section(f, p);
	recommendations(f);
	open_items(f);
	if (in->previous)
		progress(f);
	stakeholders(f);
	methodology(f);
	decorate(f);
}

/* The code points every document may print: ASCII and a few signs. */
static void
collect_basics(struct codepoints *cps)
{
	for (int c = ' '; c <= '~'; c++) {
		char one[2] = {(char)c, 0};

		collect(cps, one);
	}
	collect(cps, "\u00a0\u202f\u2013\u00b7\u2691");
}

static void
release_pool(struct flow *f)
{
	for (size_t i = 0; i < f->pool_count; i++)
		free(f->pool[i]);
	free(f->pool);
	f->pool = NULL;
	f->pool_count = 0;
	f->pool_alloc = 0;
}

int
report_write(const struct report_input *in, unsigned char **pdf, size_t *size, struct error *err)
{
	struct codepoints cps = {0};
	struct flow f = {0};
	char title[512];
	char *head;
	int status = -1;

	f.in = in;
	f.lang = in->lang;
	f.cps = &cps;
	f.w = in->letter ? 612 : 595.28;
	f.h = in->letter ? 792 : 841.89;
	f.left = 56;
	f.right = 56;
	f.top = 64;
	f.bottom = 56;
	f.head = head =
		xasprintf("%s (%s) \u00b7 %s %d", in->country ? in->country->name : in->a->country,
			  in->a->country, i18n(in->lang, MSG_R_CYCLE), in->a->cycle);
	f.marking = in->marking;
	f.draft = !in->a->final;
	f.sample = in->sample;

	/* pass 1: the code points */
	collect_basics(&cps);
	layout(&f);
	collect(&cps, title_of(&f, &in->q->title));
	release_pool(&f);

	/* pass 2: the document */
	f.pdf = pdf_new(f.w, f.h, in->font_paths, cps.v, cps.count, err);
	if (f.pdf == NULL)
		goto out;
	layout(&f);
	snprintf(title, sizeof(title), "%s \u2013 %s %d", text_get(&in->q->title, in->lang),
		 in->country ? in->country->name : in->a->country, in->a->cycle);
	pdf_info(f.pdf, tx(&f, title), tx(&f, *in->a->assessors ? in->a->assessors : "cirt"),
		 tx(&f, text_get(&in->q->title, in->lang)),
		 fmt(&f, "CIRT, %s, %d, %s", in->a->country, in->a->cycle, in->q->id), in->date);
	status = pdf_save(f.pdf, pdf, size, err);
out:
	pdf_free(f.pdf);
	release_pool(&f);
	free(cps.v);
	free(head);
	return status;
}

/* ---- the comparison ---------------------------------------------------- */

/* A colour from red (0) through amber to green (1). */
static struct pdf_colour
scale_colour(double v)
{
	struct pdf_colour c;

	if (v < 0.5) {
		c.r = 0.96;
		c.g = 0.62 + 0.6 * v;
		c.b = 0.60 - 0.3 * v;
	} else {
		c.r = 0.96 - 1.1 * (v - 0.5);
		c.g = 0.92;
		c.b = 0.45 + 0.2 * (v - 0.5);
	}
	return c;
}

static void
ranking(struct flow *f)
{
	const struct comparison_input *in = f->cmp;
	const struct questionnaire *q = in->q;
	const struct compare *c = in->c;
	size_t np = q->pillar_count;
	size_t ncols = 6 + np + (size_t)in->sensitivity;
	struct column *cols = xcalloc(ncols, sizeof(*cols));
	const char **cells = xcalloc(ncols * (c->count + 1), sizeof(char *));
	double pillar_share = 0.30 / (double)np;
	size_t k = 0;
	const char *legend = "";

	cols[k++] = (struct column){msg(f, MSG_C_RANK), 0.06, 1};
	cols[k++] = (struct column){msg(f, MSG_R_COUNTRY), in->sensitivity ? 0.14 : 0.23, 0};
	cols[k++] = (struct column){msg(f, MSG_C_REGION), 0.08, 0};
	for (size_t p = 0; p < np; p++) {
		cols[k++] = (struct column){fmt(f, "%zu", p + 1), pillar_share, 1};
		legend = fmt(f, "%s%s%zu %s", legend, p ? " \u00b7 " : "", p + 1,
			     text_get(&q->pillars[p].title, f->lang));
	}
	cols[k++] = (struct column){msg(f, MSG_C_SHORT_OVERALL), 0.08, 1};
	cols[k++] = (struct column){msg(f, MSG_C_SHORT_TIER), 0.12, 0};
	cols[k++] = (struct column){msg(f, MSG_C_SHORT_COMPLETE), 0.13, 1};
	if (in->sensitivity)
		cols[k++] = (struct column){msg(f, MSG_C_RANK_RANGE), 0.09, 1};
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];
		const char **row = &cells[i * ncols];

		k = 0;
		row[k++] = fmt(f, "%s%zu", e->tied ? "=" : "", e->rank);
		row[k++] = fmt(f, "%s (%s) %d", e->info ? e->info->name : e->country, e->country,
			       e->cycle);
		row[k++] = e->info ? region_code(e->info->region) : "\u2013";
		for (size_t p = 0; p < np; p++)
			row[k++] = e->score.pillars[p].counted ? num(f, e->score.pillars[p].points)
							       : "\u2013";
		row[k++] = num(f, e->score.overall);
		row[k++] = title_of(f, &q->tiers[e->score.tier].name);
		row[k++] = fmt(f, "%.0f%s%s", 100 * e->score.completeness,
			       i18n(f->lang, MSG_PERCENT), e->score.completeness < 1 ? " *" : "");
		if (in->sensitivity)
			row[k++] = e->rank_low == e->rank_high
				? fmt(f, "%zu", e->rank_low)
				: fmt(f, "%zu\u2013%zu", e->rank_low, e->rank_high);
	}
	table(f, cols, ncols, cells, NULL, c->count);
	para(f, PDF_REGULAR, SMALL, 0, legend, GREY);
	para(f, PDF_REGULAR, SMALL, 0,
	     fmt(f, "%s%s %s \u00b7 %s%s %s", i18n(f->lang, MSG_C_SHORT_OVERALL), colon(f),
		 i18n(f->lang, MSG_R_OVERALL), i18n(f->lang, MSG_C_SHORT_COMPLETE), colon(f),
		 i18n(f->lang, MSG_R_COMPLETENESS)),
	     GREY);
	para(f, PDF_REGULAR, SMALL, 0,
	     fmt(f, "%s \u00b7 %s", i18n(f->lang, MSG_C_TIED_NOTE),
		 i18n(f->lang, MSG_C_INCOMPLETE_NOTE)),
	     GREY);
	if (in->sensitivity)
		para(f, PDF_REGULAR, SMALL, 0, msg(f, MSG_C_SENSITIVITY_NOTE), GREY);
	free(cells);
	free(cols);
}

static void
heat_map(struct flow *f)
{
	const struct questionnaire *q = f->cmp->q;
	const struct compare *c = f->cmp->c;
	double name_w = 150;
	double cell_w = (f->w - f->left - f->right - name_w) / (double)q->pillar_count;
	double row_h = 13;

	heading(f, msg(f, MSG_C_HEAT_MAP), 0);
	f->y -= 14;
	for (size_t p = 0; p < q->pillar_count; p++)
		text_centre(f, PDF_BOLD, SMALL, f->left + name_w + cell_w * ((double)p + 0.5), f->y,
			    fmt(f, "%zu", p + 1));
	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];

		need(f, row_h);
		f->y -= row_h;
		text(f, PDF_REGULAR, SMALL, f->left, f->y + 3,
		     fmt(f, "%s (%s)", e->info ? e->info->name : e->country, e->country));
		for (size_t p = 0; p < q->pillar_count; p++) {
			const struct pillar_score *ps = &e->score.pillars[p];
			double x = f->left + name_w + cell_w * (double)p;

			fill(f, ps->counted ? scale_colour(ps->score) : NOT_APPLICABLE);
			rect(f, x + 1, f->y, cell_w - 2, row_h - 1, 1, 0);
			fill(f, BLACK);
			text_centre(f, PDF_REGULAR, SMALL, x + cell_w / 2, f->y + 3,
				    ps->counted ? fmt(f, "%.0f%s", 100 * ps->score,
						      i18n(f->lang, MSG_PERCENT))
						: "\u2013");
		}
	}
	f->y -= 8;
}

static void
regional_means(struct flow *f)
{
	const struct questionnaire *q = f->cmp->q;
	const struct compare *c = f->cmp->c;
	double bar_w = f->w - f->left - f->right - 230;

	heading(f, msg(f, MSG_C_REGIONAL_MEANS), 0);
	for (int r = 0; r < REGION_COUNT; r++) {
		if (c->region_counts[r] == 0)
			continue;
		need(f, 14 + 10 * (double)q->pillar_count);
		f->y -= 14;
		text(f, PDF_BOLD, BODY, f->left, f->y,
		     fmt(f, "%s \u00b7 %s (%zu)", region_code((enum region)r),
			 region_name((enum region)r), c->region_counts[r]));
		for (size_t p = 0; p < q->pillar_count && p < 32; p++) {
			double v = c->region_means[r][p];

			f->y -= 10;
			text(f, PDF_REGULAR, 7, f->left + 10, f->y + 1,
			     fmt(f, "%zu %s", p + 1, text_get(&q->pillars[p].title, f->lang)));
			fill(f, LIGHT);
			rect(f, f->left + 190, f->y, bar_w, 8, 1, 0);
			if (v >= 0) {
				fill(f, ACCENT);
				rect(f, f->left + 190, f->y, bar_w * v, 8, 1, 0);
			}
			fill(f, BLACK);
			text(f, PDF_REGULAR, 7, f->left + 196 + bar_w, f->y + 1,
			     v >= 0 ? fmt(f, "%.0f%s", 100 * v, i18n(f->lang, MSG_PERCENT))
				    : "\u2013");
		}
	}
	f->y -= 8;
}

static void
distribution(struct flow *f)
{
	const struct compare *c = f->cmp->c;
	double total = f->w - f->left - f->right;
	double chart_h = 120;
	double bar_w = total / 10;
	size_t most = 1;
	double base;

	need(f, chart_h + 100); /* the heading stays with its chart */
	heading(f, msg(f, MSG_C_DISTRIBUTION), 0);
	for (size_t b = 0; b < 10; b++)
		if (c->histogram[b] > most)
			most = c->histogram[b];
	base = f->y - chart_h - 4;
	for (size_t b = 0; b < 10; b++) {
		double h = chart_h * (double)c->histogram[b] / (double)most;
		double x = f->left + bar_w * (double)b;

		fill(f, ACCENT_FILL);
		rect(f, x + 2, base, bar_w - 4, h, 1, 0);
		fill(f, BLACK);
		if (c->histogram[b])
			text_centre(f, PDF_BOLD, SMALL, x + bar_w / 2, base + h + 3,
				    fmt(f, "%zu", c->histogram[b]));
		text_centre(f, PDF_REGULAR, 7, x + bar_w / 2, base - 10,
			    fmt(f, "%zu\u2013%zu", 10 * b, 10 * b + 10));
	}
	stroke(f, RULE, 0.5);
	line(f, f->left, base, f->left + total, base);
	f->y = base - 24;
}

static void
changes(struct flow *f)
{
	const struct compare *c = f->cmp->c;
	const struct column cols[] = {{msg(f, MSG_R_COUNTRY), 0.40, 0},
				      {msg(f, MSG_R_CYCLE), 0.15, 1},
				      {msg(f, MSG_C_BEFORE), 0.15, 1},
				      {msg(f, MSG_C_NOW), 0.15, 1},
				      {msg(f, MSG_R_CHANGE), 0.15, 1}};
	const char **cells = xcalloc(5 * (c->count + 1), sizeof(char *));
	size_t n = 0;

	for (size_t i = 0; i < c->count; i++) {
		const struct compare_entry *e = &c->entries[i];

		if (!e->has_previous)
			continue;
		cells[5 * n] = fmt(f, "%s (%s)", e->info ? e->info->name : e->country, e->country);
		cells[5 * n + 1] = fmt(f, "%d \u2192 %d", e->previous_cycle, e->cycle);
		cells[5 * n + 2] = num(f, e->previous_overall);
		cells[5 * n + 3] = num(f, e->score.overall);
		cells[5 * n + 4] = num_sign(f, e->score.overall - e->previous_overall, 1);
		n++;
	}
	if (n > 0) {
		heading(f, msg(f, MSG_C_CHANGES), 0);
		table(f, cols, 5, cells, NULL, n);
	}
	free(cells);
}

static void
layout_comparison(struct flow *f)
{
	const struct comparison_input *in = f->cmp;

	f->pages = 0;
	heading(f, msg(f, MSG_R_COMPARISON), 1);
	para(f, PDF_REGULAR, BODY, 0,
	     fmt(f, "%zu %s \u00b7 %s %s %s \u00b7 %s%s %s", in->c->count,
		 i18n(f->lang, MSG_R_ASSESSMENTS), text_get(&in->q->title, f->lang),
		 i18n(f->lang, MSG_VERSION), in->q->version, i18n(f->lang, MSG_C_WEIGHTS), colon(f),
		 in->weights ? in->weights : i18n(f->lang, MSG_C_DEFAULT_WEIGHTS)),
	     GREY);
	f->y -= 6;
	ranking(f);
	heat_map(f);
	regional_means(f);
	distribution(f);
	changes(f);
	decorate(f);
}

int
report_write_comparison(const struct comparison_input *in, unsigned char **pdf, size_t *size,
			struct error *err)
{
	struct codepoints cps = {0};
	struct flow f = {0};
	int status = -1;

	f.cmp = in;
	f.lang = in->lang;
	f.cps = &cps;
	f.w = 595.28;
	f.h = 841.89;
	f.left = 48;
	f.right = 48;
	f.top = 64;
	f.bottom = 56;
	f.head = text_get(&in->q->title, in->lang);
	f.sample = in->sample;
	collect_basics(&cps);
	collect(&cps, "\u2192");
	layout_comparison(&f);
	release_pool(&f);
	f.pdf = pdf_new(f.w, f.h, in->font_paths, cps.v, cps.count, err);
	if (f.pdf == NULL)
		goto out;
	layout_comparison(&f);
	pdf_info(f.pdf,
		 tx(&f,
		    fmt(&f, "%s \u2013 %s", text_get(&in->q->title, in->lang),
			i18n(in->lang, MSG_R_COMPARISON))),
		 "cirt", tx(&f, text_get(&in->q->title, in->lang)),
		 fmt(&f, "CIRT, comparison, %s", in->q->id), in->date);
	status = pdf_save(f.pdf, pdf, size, err);
out:
	pdf_free(f.pdf);
	release_pool(&f);
	free(cps.v);
	return status;
}
