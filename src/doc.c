/* The document model: blocks and the memory they point to. */
#include "doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

const struct doc_colour DOC_BLACK = {0, 0, 0};
const struct doc_colour DOC_GREY = {0.45, 0.45, 0.45};
const struct doc_colour DOC_LIGHT = {0.92, 0.92, 0.92};
const struct doc_colour DOC_RULE = {0.75, 0.75, 0.75};
const struct doc_colour DOC_ACCENT = {0.10, 0.30, 0.55};
const struct doc_colour DOC_ACCENT_FILL = {0.72, 0.82, 0.93};
/* status colours; the status is always written too, for grey-scale prints */
const struct doc_colour DOC_MET = {0.80, 0.92, 0.80};
const struct doc_colour DOC_PARTIAL = {0.99, 0.91, 0.70};
const struct doc_colour DOC_NOT_MET = {0.97, 0.80, 0.78};
const struct doc_colour DOC_NOT_APPLICABLE = {0.90, 0.90, 0.90};
const struct doc_colour DOC_ALERT = {0.65, 0.10, 0.05};

const struct doc_colour *
doc_tone_colour(enum doc_tone tone)
{
	switch (tone) {
	case DOC_TONE_MUTED:
		return &DOC_GREY;
	case DOC_TONE_ACCENT:
		return &DOC_ACCENT;
	case DOC_TONE_ALERT:
		return &DOC_ALERT;
	case DOC_TONE_NORMAL:
		break;
	}
	return &DOC_BLACK;
}

struct doc *
doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof(*d));

	d->page_width = 595.28;
	d->page_height = 841.89;
	d->footer = "{page} / {pages}";
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->pool_count; i++)
		free(d->pool[i]);
	free(d->pool);
	free(d->blocks);
	free(d);
}

static void *
own(struct doc *d, void *p)
{
	xgrow((void **)&d->pool, &d->pool_alloc, d->pool_count + 1, sizeof(*d->pool));
	d->pool[d->pool_count++] = p;
	return p;
}

void *
doc_alloc(struct doc *d, size_t size)
{
	return own(d, xcalloc(1, size ? size : 1));
}

const char *
doc_str(struct doc *d, const char *s)
{
	return own(d, xstrdup(s ? s : ""));
}

const char *
doc_fmt(struct doc *d, const char *format, ...)
{
	va_list ap;
	char *s;

	va_start(ap, format);
	s = xvasprintf(format, ap);
	va_end(ap);
	return own(d, s);
}

struct doc_block *
doc_add(struct doc *d, enum doc_kind kind)
{
	struct doc_block *b;

	xgrow((void **)&d->blocks, &d->alloc, d->count + 1, sizeof(*d->blocks));
	b = &d->blocks[d->count++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void
doc_heading(struct doc *d, int level, int new_page, const char *text)
{
	struct doc_block *b = doc_add(d, DOC_HEADING);

	b->u.heading.level = level;
	b->u.heading.new_page = new_page;
	b->u.heading.text = text;
}

struct doc_paragraph *
doc_para(struct doc *d, const char *text)
{
	struct doc_block *b = doc_add(d, DOC_PARAGRAPH);

	b->u.paragraph.text = text;
	return &b->u.paragraph;
}

struct doc_table *
doc_table(struct doc *d, const struct doc_column *columns, size_t column_count,
	  const char *const *cells, const struct doc_colour *const *fills, size_t rows)
{
	struct doc_block *b = doc_add(d, DOC_TABLE);

	b->u.table.columns = columns;
	b->u.table.column_count = column_count;
	b->u.table.cells = cells;
	b->u.table.fills = fills;
	b->u.table.row_count = rows;
	return &b->u.table;
}

void
doc_page_break(struct doc *d)
{
	doc_add(d, DOC_PAGE_BREAK);
}

void
doc_figure_begin(struct doc_figure_builder *b, struct doc *d)
{
	memset(b, 0, sizeof(*b));
	b->d = d;
}

static struct doc_shape *
shape(struct doc_figure_builder *b, enum doc_shape_kind kind, const double *points, size_t n)
{
	struct doc_shape *s;
	double *copy = doc_alloc(b->d, 2 * n * sizeof(double));

	memcpy(copy, points, 2 * n * sizeof(double));
	xgrow((void **)&b->shapes, &b->alloc, b->count + 1, sizeof(*b->shapes));
	s = &b->shapes[b->count++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->points = copy;
	s->point_count = n;
	s->line_width = 0.5;
	return s;
}

static void
paint(struct doc_shape *s, const struct doc_colour *fill, const struct doc_colour *stroke,
      double width)
{
	if (fill) {
		s->fill = 1;
		s->fill_colour = *fill;
	}
	if (stroke) {
		s->stroke = 1;
		s->stroke_colour = *stroke;
		s->line_width = width;
	}
}

void
doc_figure_line(struct doc_figure_builder *b, double x1, double y1, double x2, double y2,
		struct doc_colour c, double width)
{
	const double xy[4] = {x1, y1, x2, y2};

	paint(shape(b, DOC_LINE, xy, 2), NULL, &c, width);
}

void
doc_figure_polygon(struct doc_figure_builder *b, const double *xy, size_t n,
		   const struct doc_colour *fill, const struct doc_colour *stroke, double width)
{
	paint(shape(b, DOC_POLYGON, xy, n), fill, stroke, width);
}

void
doc_figure_rect(struct doc_figure_builder *b, double x, double y, double w, double h,
		const struct doc_colour *fill, const struct doc_colour *stroke, double width)
{
	const double xywh[4] = {x, y, w, h};

	paint(shape(b, DOC_RECT, xywh, 2), fill, stroke, width);
}

void
doc_figure_text(struct doc_figure_builder *b, double x, double y, const char *text, double size,
		int bold, enum doc_align align, double wrap, struct doc_colour c)
{
	const double xy[2] = {x, y};
	struct doc_shape *s = shape(b, DOC_TEXT, xy, 1);

	s->text = doc_str(b->d, text);
	s->size = size;
	s->bold = bold;
	s->align = align;
	s->wrap = wrap;
	s->fill = 1;
	s->fill_colour = c;
}

void
doc_figure_end(struct doc_figure_builder *b, double width, double height, const char *caption)
{
	struct doc_block *blk;
	struct doc_shape *shapes = doc_alloc(b->d, b->count * sizeof(*shapes));

	if (b->count)
		memcpy(shapes, b->shapes, b->count * sizeof(*shapes));
	free(b->shapes);
	blk = doc_add(b->d, DOC_FIGURE);
	blk->u.figure.width = width;
	blk->u.figure.height = height;
	blk->u.figure.caption = caption ? caption : "";
	blk->u.figure.shapes = shapes;
	blk->u.figure.shape_count = b->count;
	b->shapes = NULL;
	b->count = 0;
	b->alloc = 0;
}

char *
doc_footer_text(const struct doc *d, size_t page, size_t pages)
{
	const char *f = d->footer ? d->footer : "";
	size_t cap = strlen(f) + 64;
	char *out = xmalloc(cap);
	size_t n = 0;

	while (*f) {
		size_t value;
		const char *tail;

		if (strncmp(f, "{page}", 6) == 0) {
			value = page;
			tail = f + 6;
		} else if (strncmp(f, "{pages}", 7) == 0) {
			value = pages;
			tail = f + 7;
		} else {
			if (n + 2 > cap) {
				cap *= 2;
				out = xreallocarray(out, cap, 1);
			}
			out[n++] = *f++;
			continue;
		}
		if (n + 24 > cap) {
			cap = cap * 2 + 24;
			out = xreallocarray(out, cap, 1);
		}
		n += (size_t)snprintf(out + n, cap - n, "%zu", value);
		f = tail;
	}
	out[n] = '\0';
	return out;
}

static void
each_of(const char *s, void (*each)(void *, unsigned long), void *ctx)
{
	while (s && *s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);

		if (n == 0) {
			each(ctx, 0xFFFD);
			s++;
			continue;
		}
		each(ctx, cp);
		s += n;
	}
}

void
doc_each_codepoint(const struct doc *d, void (*each)(void *ctx, unsigned long cp), void *ctx)
{
	const char *top[] = {d->header, d->marking, d->status, d->header_note, d->footer, d->title};

	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		each_of(top[i], each, ctx);
	each_of("0123456789", each, ctx);
	for (size_t i = 0; i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_COVER:
			each_of(b->u.cover.title, each, ctx);
			each_of(b->u.cover.country, each, ctx);
			each_of(b->u.cover.subtitle, each, ctx);
			each_of(b->u.cover.watermark, each, ctx);
			each_of(b->u.cover.notice, each, ctx);
			for (size_t k = 0; k < 2 * b->u.cover.fact_count; k++)
				each_of(b->u.cover.facts[k], each, ctx);
			break;
		case DOC_HEADING:
			each_of(b->u.heading.text, each, ctx);
			break;
		case DOC_PARAGRAPH:
			each_of(b->u.paragraph.text, each, ctx);
			break;
		case DOC_TABLE:
			for (size_t c = 0; c < b->u.table.column_count; c++)
				each_of(b->u.table.columns[c].title, each, ctx);
			for (size_t k = 0; k < b->u.table.row_count * b->u.table.column_count; k++)
				each_of(b->u.table.cells[k], each, ctx);
			break;
		case DOC_FIGURE:
			each_of(b->u.figure.caption, each, ctx);
			for (size_t k = 0; k < b->u.figure.shape_count; k++)
				if (b->u.figure.shapes[k].kind == DOC_TEXT)
					each_of(b->u.figure.shapes[k].text, each, ctx);
			break;
		case DOC_PAGE_BREAK:
			break;
		}
	}
}
