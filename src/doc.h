/* A report as a document: a list of blocks (a cover, headings,
 * paragraphs, tables, figures, page breaks) that says what to print and
 * nothing about pages. The report builder (report.c) makes one; each output
 * format walks it: render_pdf.c lays it out on pages (line and page breaks
 * are its business), render_docx.c writes Office Open XML. Neither knows
 * the other, and neither decides what a report says.
 *
 * Every string in a document is UTF-8, owned by the document (doc_str,
 * doc_fmt) or by what it was built from (the questionnaire, the record),
 * which outlives it; renderers must escape or replace what their format cannot
 * carry (control characters, characters beyond a font). */
#ifndef CIRT_DOC_H
#define CIRT_DOC_H

#include <stddef.h>
#include <time.h>

struct doc_colour {
	double r, g, b; /* 0..1 */
};

/* The colours a document may use, by role. */
extern const struct doc_colour DOC_BLACK, DOC_GREY, DOC_LIGHT, DOC_RULE, DOC_ACCENT,
	DOC_ACCENT_FILL, DOC_MET, DOC_PARTIAL, DOC_NOT_MET, DOC_NOT_APPLICABLE, DOC_ALERT;

enum doc_tone {
	DOC_TONE_NORMAL, /* black */
	DOC_TONE_MUTED,	 /* grey: notes, sources */
	DOC_TONE_ACCENT, /* the report's blue: answers */
	DOC_TONE_ALERT,	 /* dark red: disputes, warnings */
};

/* The colour of a tone: black, grey, the accent or dark red. */
const struct doc_colour *doc_tone_colour(enum doc_tone tone);

enum doc_size {
	DOC_SIZE_BODY,	/* 9.5 pt in the PDF */
	DOC_SIZE_SMALL, /* 8 pt */
	DOC_SIZE_LEAD,	/* 11 pt: an introduction, a finding */
};

enum doc_kind {
	DOC_COVER,
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_TABLE,
	DOC_FIGURE,
	DOC_PAGE_BREAK,
};

struct doc_cover {
	const char *title;	  /* the questionnaire's title */
	const char *country;	  /* the country's name, large */
	const char *subtitle;	  /* "KE · Cycle 2026" */
	const char *const *facts; /* label, value, label, value ... */
	size_t fact_count;	  /* pairs */
	const char *watermark;	  /* "DRAFT" across the page, or NULL */
	const char *notice;	  /* "Sample data ...", or NULL */
};

struct doc_heading {
	int level;    /* 1: a section (in the outline), 2: a subsection */
	int new_page; /* level 1 only: start on a new page */
	const char *text;
};

struct doc_paragraph {
	const char *text; /* "\n" starts a new line inside the paragraph */
	enum doc_size size;
	enum doc_tone tone;
	int bold;
	int indent;	    /* 0 or 1 step (12 pt in the PDF) */
	int boxed;	    /* a framed note (the path to the next tier) */
	int keep_with_next; /* never the last thing on a page */
};

struct doc_column {
	const char *title; /* "" for every column: a table without a header row */
	double width;	   /* share of the text width; the shares add up to 1 */
	int right;	   /* align right (numbers) */
};

struct doc_table {
	const struct doc_column *columns;
	size_t column_count;
	const char *const *cells;	       /* rows x columns, row by row */
	const struct doc_colour *const *fills; /* the same shape, NULL for no fill; or NULL */
	size_t row_count;
	int bold_last; /* the last row is a total */
};

/* A figure is a picture of width x height points drawn by a list of
 * shapes, in points from its bottom left corner, y upwards. */
enum doc_shape_kind {
	DOC_LINE,    /* points[0..4): x1 y1 x2 y2 */
	DOC_POLYGON, /* point_count points, closed */
	DOC_RECT,    /* points[0..4): x y w h */
	DOC_TEXT,    /* at points[0], points[1]: the baseline of the first line */
};

enum doc_align { DOC_ALIGN_LEFT, DOC_ALIGN_CENTRE, DOC_ALIGN_RIGHT };

struct doc_shape {
	enum doc_shape_kind kind;
	const double *points; /* owned by the document */
	size_t point_count;   /* pairs, for DOC_POLYGON */
	int fill;	      /* fill with fill_colour (polygon, rect) */
	int stroke;	      /* stroke with stroke_colour, line_width wide */
	struct doc_colour fill_colour;
	struct doc_colour stroke_colour;
	double line_width;
	/* DOC_TEXT: drawn in fill_colour, size points, aligned at the point;
	 * broken into lines no wider than wrap (when > 0), each further line
	 * 1.2 x size lower */
	const char *text;
	double size;
	int bold;
	enum doc_align align;
	double wrap;
};

struct doc_figure {
	double width, height; /* points; the PDF centres it in the text width */
	const char *caption;  /* a description for readers who cannot see it */
	const struct doc_shape *shapes;
	size_t shape_count;
};

struct doc_block {
	enum doc_kind kind;
	union {
		struct doc_cover cover;
		struct doc_heading heading;
		struct doc_paragraph paragraph;
		struct doc_table table;
		struct doc_figure figure;
	} u;
};

struct doc {
	const char *lang;  /* BCP 47, e.g. "fr" */
	int rtl;	   /* pages run right to left (Arabic) */
	double page_width; /* points: A4 or US letter */
	double page_height;
	const char *header;	 /* the page header's text, left */
	const char *marking;	 /* a confidentiality marking, right, or NULL */
	const char *status;	 /* "Draft", right when there is no marking, or NULL */
	const char *header_note; /* centred ("Sample data"), or NULL */
	/* the footer, with {page} and {pages} where the numbers go:
	 * "Page {page} of {pages}" */
	const char *footer;
	/* document information */
	const char *title;
	const char *author;
	const char *subject;
	const char *keywords;
	time_t date;

	struct doc_block *blocks;
	size_t count;
	size_t alloc;
	/* the strings and arrays the document owns */
	void **pool;
	size_t pool_count;
	size_t pool_alloc;
};

struct doc *doc_new(void);
void doc_free(struct doc *d);

/* A copy of s (NULL gives "") or a formatted string, owned by d. */
const char *doc_str(struct doc *d, const char *s);
const char *doc_fmt(struct doc *d, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* size bytes of zeroed memory owned by d. */
void *doc_alloc(struct doc *d, size_t size);

/* Append a block; the returned pointer is valid until the next append.
 * Strings and arrays the block points to must be owned by d. */
struct doc_block *doc_add(struct doc *d, enum doc_kind kind);

/* Short cuts for the common blocks. */
void doc_heading(struct doc *d, int level, int new_page, const char *text);
struct doc_paragraph *doc_para(struct doc *d, const char *text);
void doc_page_break(struct doc *d);
/* A table of rows x column_count cells (and fills, or NULL), all owned by
 * d or outliving it. */
struct doc_table *doc_table(struct doc *d, const struct doc_column *columns, size_t column_count,
			    const char *const *cells, const struct doc_colour *const *fills,
			    size_t rows);

/* Figures: start one, add shapes (copied into d), finish. */
struct doc_figure_builder {
	struct doc *d;
	struct doc_shape *shapes;
	size_t count;
	size_t alloc;
};
void doc_figure_begin(struct doc_figure_builder *b, struct doc *d);
void doc_figure_line(struct doc_figure_builder *b, double x1, double y1, double x2, double y2,
		     struct doc_colour c, double width);
void doc_figure_polygon(struct doc_figure_builder *b, const double *xy, size_t n,
			const struct doc_colour *fill, const struct doc_colour *stroke,
			double width);
void doc_figure_rect(struct doc_figure_builder *b, double x, double y, double w, double h,
		     const struct doc_colour *fill, const struct doc_colour *stroke, double width);
void doc_figure_text(struct doc_figure_builder *b, double x, double y, const char *text,
		     double size, int bold, enum doc_align align, double wrap, struct doc_colour c);
/* Append the figure to d. */
void doc_figure_end(struct doc_figure_builder *b, double width, double height, const char *caption);

/* The footer with its numbers put in: owned by the caller. */
char *doc_footer_text(const struct doc *d, size_t page, size_t pages);

/* Every code point of every string d prints, passed to each (repeats
 * included); for font subsetting. */
void doc_each_codepoint(const struct doc *d, void (*each)(void *ctx, unsigned long cp), void *ctx);

#endif
