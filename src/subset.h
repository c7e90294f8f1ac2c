/* Font subsetting with HarfBuzz: a TrueType font cut down to the code
 * points a document uses, so that each report embeds only the glyphs it
 * prints. The only module that includes HarfBuzz. */
#ifndef CIRT_SUBSET_H
#define CIRT_SUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Write to out_path a subset of the TrueType font at font_path holding the
 * given code points. Returns 0, or -1 with err set. */
int subset_font(const char *font_path, const uint32_t *codepoints, size_t count,
		const char *out_path, struct error *err);

#endif
