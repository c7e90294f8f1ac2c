/* The renderers of a document (doc.h): each walks the same blocks and
 * writes one format. */
#ifndef CIRT_RENDER_H
#define CIRT_RENDER_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "fonts.h"

/* Lay d out on PDF pages with the faces at font_paths[0..FONT_FACES)
 * (fonts.h; DejaVu Sans regular and bold must be there, the others may be
 * NULL). Returns 0 with the bytes (owned by the caller), or -1 with err
 * set. */
int render_pdf(const struct doc *d, const char *const font_paths[FONT_FACES], unsigned char **out,
	       size_t *size, struct error *err);

/* Write d as a Word document (Office Open XML): headings as Heading 1 and
 * 2, tables as tables, figures as PNG pictures, the header and marking in
 * the page header, the footer with page fields. The same return. */
int render_docx(const struct doc *d, const char *const font_paths[FONT_FACES], unsigned char **out,
		size_t *size, struct error *err);

#endif
