/* TrueType subsets through hb-subset. */
#include "subset.h"

#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "dynlib.h"
#include "exitcode.h"
#include "xmalloc.h"

/* HarfBuzz is opened when a font is first subset or looked at (dynlib.h):
 * with what it brings (FreeType, GLib, Graphite, Brotli...) it is nine
 * libraries that a session, a score or a listing would load for nothing. */
#define HB_FUNCTIONS(X)                                                                            \
	X(hb_blob_create_from_file_or_fail)                                                        \
	X(hb_blob_destroy)                                                                         \
	X(hb_blob_get_data)                                                                        \
	X(hb_face_collect_unicodes)                                                                \
	X(hb_face_create)                                                                          \
	X(hb_face_destroy)                                                                         \
	X(hb_face_get_glyph_count)                                                                 \
	X(hb_face_reference_blob)                                                                  \
	X(hb_set_add)                                                                              \
	X(hb_set_create)                                                                           \
	X(hb_set_destroy)                                                                          \
	X(hb_set_next)                                                                             \
	X(hb_subset_input_create_or_fail)                                                          \
	X(hb_subset_input_destroy)                                                                 \
	X(hb_subset_input_set)                                                                     \
	X(hb_subset_input_set_flags)                                                               \
	X(hb_subset_input_unicode_set)                                                             \
	X(hb_subset_or_fail)

static struct {
#define HB_POINTER(f) __typeof__(&f) f; /* NOLINT(bugprone-macro-parentheses) */
	HB_FUNCTIONS(HB_POINTER)
#undef HB_POINTER
} hb;

static int
hb_open(struct error *err)
{
	static const struct dynlib libraries[] = {
		{"libharfbuzz-subset.so.0", "libharfbuzz-subset0"},
		{"libharfbuzz.so.0", "libharfbuzz0b"},
	};
#define HB_NAME(f) #f,
	static const char *const names[] = {HB_FUNCTIONS(HB_NAME)};
#undef HB_NAME
	static int opened;
	void *symbols[sizeof(names) / sizeof(names[0])];
	size_t k = 0;

	if (opened)
		return 0;
	if (dynlib_open(libraries, 2, names, symbols, sizeof(names) / sizeof(names[0]),
			"embedding fonts", err) < 0)
		return -1;
#define HB_SET(f) memcpy(&hb.f, &symbols[k++], sizeof(void *));
	HB_FUNCTIONS(HB_SET)
#undef HB_SET
	opened = 1;
	return 0;
}

#define hb_blob_create_from_file_or_fail (hb.hb_blob_create_from_file_or_fail)
#define hb_blob_destroy (hb.hb_blob_destroy)
#define hb_blob_get_data (hb.hb_blob_get_data)
#define hb_face_collect_unicodes (hb.hb_face_collect_unicodes)
#define hb_face_create (hb.hb_face_create)
#define hb_face_destroy (hb.hb_face_destroy)
#define hb_face_get_glyph_count (hb.hb_face_get_glyph_count)
#define hb_face_reference_blob (hb.hb_face_reference_blob)
#define hb_set_add (hb.hb_set_add)
#define hb_set_create (hb.hb_set_create)
#define hb_set_destroy (hb.hb_set_destroy)
#define hb_set_next (hb.hb_set_next)
#define hb_subset_input_create_or_fail (hb.hb_subset_input_create_or_fail)
#define hb_subset_input_destroy (hb.hb_subset_input_destroy)
#define hb_subset_input_set (hb.hb_subset_input_set)
#define hb_subset_input_set_flags (hb.hb_subset_input_set_flags)
#define hb_subset_input_unicode_set (hb.hb_subset_input_unicode_set)
#define hb_subset_or_fail (hb.hb_subset_or_fail)

int
subset_font(const char *font_path, const uint32_t *codepoints, size_t count, unsigned char **data,
	    size_t *size, struct error *err)
{
	hb_blob_t *blob;
	hb_face_t *face = NULL;
	hb_subset_input_t *input = NULL;
	hb_face_t *subset = NULL;
	hb_blob_t *result = NULL;
	const char *bytes;
	unsigned int length = 0;
	int status = -1;

	*data = NULL;
	*size = 0;
	if (hb_open(err) < 0)
		return -1;
	blob = hb_blob_create_from_file_or_fail(font_path);

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
	hb_blob_t *blob;
	hb_face_t *face = NULL;
	hb_set_t *set = NULL;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	int status = -1;

	if (hb_open(NULL) < 0)
		return -1;
	blob = hb_blob_create_from_file_or_fail(font_path);
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
