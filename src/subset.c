/* TrueType subsets through hb-subset. */
#include "subset.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "exitcode.h"

int
subset_font(const char *font_path, const uint32_t *codepoints, size_t count, const char *out_path,
	    struct error *err)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(font_path);
	hb_face_t *face = NULL;
	hb_subset_input_t *input = NULL;
	hb_face_t *subset = NULL;
	hb_blob_t *result = NULL;
	const char *data;
	unsigned int size = 0;
	FILE *out = NULL;
	int status = -1;

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
	subset = hb_subset_or_fail(face, input);
	if (subset == NULL) {
		error_set(err, EXIT_IO, "cannot subset font '%s'", font_path);
		goto out;
	}
	result = hb_face_reference_blob(subset);
	data = hb_blob_get_data(result, &size);
	out = fopen(out_path, "wb");
	if (out == NULL || fwrite(data, 1, size, out) != size || fclose(out) != 0) {
		error_set(err, EXIT_IO, "cannot write a font subset to '%s': %s", out_path,
			  strerror(errno));
		out = NULL;
		goto out;
	}
	out = NULL;
	status = 0;
out:
	if (out)
		fclose(out);
	hb_blob_destroy(result);
	hb_face_destroy(subset);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return status;
}
