/* TrueType subsets through hb-subset. */
#include "subset.h"

#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "exitcode.h"
#include "xmalloc.h"

int
subset_font(const char *font_path, const uint32_t *codepoints, size_t count, unsigned char **data,
	    size_t *size, struct error *err)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(font_path);
	hb_face_t *face = NULL;
	hb_subset_input_t *input = NULL;
	hb_face_t *subset = NULL;
	hb_blob_t *result = NULL;
	const char *bytes;
	unsigned int length = 0;
	int status = -1;

	*data = NULL;
	*size = 0;

	if (blob == NULL) {
		error_set(err, EXIT_IO, "cannot read font '%s'", font_path);
		goto out;
	}
	face = hb_face_create(blob, 0);
	input = hb_subset_input_create_or_fail();
	if (face == NULL || input == NULL || hb_face_get_glyph_count(face) == 0) {
		error_set(err, EXIT_IO, "font '%s' is not a TrueType font", font_path);
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		hb_set_add(hb_subset_input_unicode_set(input), codepoints[i]);
	/*
	 * What libharu embeds is drawn by its character map alone: hinting
	 * instructions (which PDF viewers scale without) and the layout
	 * tables' glyphs (ligatures, alternates, never drawn) would only add
	 * to every report's size.
	 */
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
	{
		hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);

		hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
		hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
		hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
		hb_set_add(drop, HB_TAG('m', 'o', 'r', 'x'));
	}
	subset = hb_subset_or_fail(face, input);
	if (subset == NULL) {
		error_set(err, EXIT_IO, "cannot subset font '%s'", font_path);
		goto out;
	}
	result = hb_face_reference_blob(subset);
	bytes = hb_blob_get_data(result, &length);
	if (bytes == NULL || length == 0) {
		error_set(err, EXIT_IO, "cannot subset font '%s'", font_path);
		goto out;
	}
	*data = xmalloc(length);
	memcpy(*data, bytes, length);
	*size = length;
	status = 0;
out:
	hb_blob_destroy(result);
	hb_face_destroy(subset);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return status;
}

int
subset_font_coverage(const char *font_path, uint8_t *bits)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(font_path);
	hb_face_t *face = NULL;
	hb_set_t *set = NULL;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	int status = -1;

	if (blob == NULL)
		return -1;
	face = hb_face_create(blob, 0);
	set = hb_set_create();
	if (hb_face_get_glyph_count(face) == 0)
		goto out;
	hb_face_collect_unicodes(face, set);
	while (hb_set_next(set, &cp) && cp < 0x10000)
		bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	status = 0;
out:
	hb_set_destroy(set);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return status;
}
