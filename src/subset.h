/* Font subsetting with HarfBuzz: a TrueType font cut down to the code
 * points a document uses, so that each report embeds only the glyphs it
 * prints. The only module that includes HarfBuzz. */
#ifndef CIRT_SUBSET_H
#define CIRT_SUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* A subset of the TrueType font at font_path holding the given code points,
 * as the bytes of a TrueType file in *data (owned by the caller) of *size
 * bytes; nothing is written to disk. Returns 0, or -1 with err set. */
int subset_font(const char *font_path, const uint32_t *codepoints, size_t count,
		unsigned char **data, size_t *size, struct error *err);

/* The code points of the Basic Multilingual Plane the font at font_path
 * (the first face of a collection) has glyphs for, as bits set in
 * bits[0..8192), cp >> 3, 1 << (cp & 7). Returns 0, or -1 when the file
 * is not a font that can be read. */
int subset_font_coverage(const char *font_path, uint8_t *bits);

#endif
