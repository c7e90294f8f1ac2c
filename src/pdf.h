/* Drawing PDF documents with libharu: pages, UTF-8 text in embedded
 * TrueType fonts (regular and bold, each run of text in the face that has
 * its characters, every face subset to the code points it draws), lines and filled shapes, an outline, and metadata. The only module
 * that includes libharu. Coordinates are in points from the bottom left.
 *
 * Drawing calls never fail on their own: the first libharu error is kept,
 * further drawing is skipped, and pdf_save reports it. */
#ifndef CIRT_PDF_H
#define CIRT_PDF_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "fonts.h"

enum pdf_font { PDF_REGULAR, PDF_BOLD };

struct pdf;

struct pdf_colour {
	double r, g, b; /* 0..1 */
};

/* A document of width x height points whose text uses only the given code
 * points (they must include every character drawn; others print blank).
 * faces (borrowed, outliving the document) says which face draws which;
 * a character no face has is drawn as U+FFFD. bold[0..bold_count) are
 * the code points drawn in bold, for the bold faces (one left out there
 * is drawn in the regular face). Returns NULL with err set. */
struct pdf *pdf_new(double width, double height, struct fonts *faces, const uint32_t *codepoints,
		    size_t count, const uint32_t *bold, size_t bold_count, struct error *err);
void pdf_free(struct pdf *p);

/* Start a new page and draw on it; returns its number from 0. */
size_t pdf_page_new(struct pdf *p);
size_t pdf_page_count(const struct pdf *p);

/* Draw on an earlier page again (headers and footers go on last). */
void pdf_page_select(struct pdf *p, size_t page);

void pdf_text(struct pdf *p, enum pdf_font font, double size, double x, double y, const char *utf8);
void pdf_text_rotated(struct pdf *p, enum pdf_font font, double size, double x, double y,
		      double degrees, const char *utf8);
double pdf_text_width(struct pdf *p, enum pdf_font font, double size, const char *utf8);
/* The advance of one code point; pdf_text_width of a string is the sum of
 * its characters' (cached after the first ask: constant time). */
double pdf_char_width(struct pdf *p, enum pdf_font font, double size, uint32_t cp);

void pdf_fill_colour(struct pdf *p, struct pdf_colour c);
void pdf_stroke_colour(struct pdf *p, struct pdf_colour c);
void pdf_line_width(struct pdf *p, double width);
void pdf_rect(struct pdf *p, double x, double y, double w, double h, int fill, int stroke);
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2);
/* A closed polygon through n points xy[0..2n). */
void pdf_polygon(struct pdf *p, const double *xy, size_t n, int fill, int stroke);

/* An outline entry pointing at the top of the current page, under parent
 * (-1 for the top level). Returns its handle. */
int pdf_outline(struct pdf *p, int parent, const char *title);

/* Document information; created is also the modification date. */
void pdf_info(struct pdf *p, const char *title, const char *author, const char *subject,
	      const char *keywords, time_t created);

/* The finished document's bytes, owned by the caller. */
int pdf_save(struct pdf *p, unsigned char **data, size_t *size, struct error *err);

#endif
