/* Unit tests of the fonts module: which face draws a character, in which
 * order the faces are tried, what counts as missing, and the list of
 * missing characters a warning names; with coverage given by hand, and
 * once with the real DejaVu Sans file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fonts.h"

/* Faces that cover: sans 'a'..'z' and U+0627, bold the same but no U+0627,
 * the CJK face 'a' and U+4E2D, the fallback U+13A0 (Cherokee) and
 * U+0915 (Devanagari, which is never drawn unshaped). */
static void
hand_made(struct fonts *f)
{
	uint32_t sans[27];
	uint32_t cjk[] = {'a', 0x4E2D, 0xFF0C};
	uint32_t extra[] = {0x13A0, 0x0915};

	for (int i = 0; i < 26; i++)
		sans[i] = (uint32_t)('a' + i);
	sans[26] = 0x0627;
	fonts_init(f, NULL);
	fonts_cover(f, FONT_SANS, sans, 27);
	fonts_cover(f, FONT_SANS_BOLD, sans, 26);
	fonts_cover(f, FONT_CJK, cjk, 3);
	fonts_cover(f, FONT_EXTRA, extra, 2);
	fonts_cover(f, FONT_EXTRA_BOLD, extra, 2);
}

static void
faces_in_order(void **state)
{
	struct fonts f;

	(void)state;
	hand_made(&f);
	/* the first face that has it, even when a later one has it too */
	assert_int_equal(fonts_face(&f, 0, 'a'), FONT_SANS);
	assert_int_equal(fonts_face(&f, 1, 'a'), FONT_SANS_BOLD);
	assert_int_equal(fonts_face(&f, 0, 0x4E2D), FONT_CJK);
	assert_int_equal(fonts_face(&f, 1, 0x4E2D), FONT_CJK);
	assert_int_equal(fonts_face(&f, 0, 0x13A0), FONT_EXTRA);
	assert_int_equal(fonts_face(&f, 1, 0x13A0), FONT_EXTRA_BOLD);
	assert_int_equal(fonts_face(&f, 0, 0x0627), FONT_SANS);
	assert_int_equal(fonts_face(&f, 1, 0x0627), FONT_NONE);
	fonts_release(&f);
}

static void
what_is_missing(void **state)
{
	struct fonts f;

	(void)state;
	hand_made(&f);
	assert_false(fonts_missing(&f, 'q'));
	assert_false(fonts_missing(&f, 0x4E2D));
	assert_true(fonts_missing(&f, 'Q'));
	/* in regular text only: bold text would lose it */
	assert_true(fonts_missing(&f, 0x0627));
	/* beyond the BMP, whatever the fonts */
	assert_true(fonts_missing(&f, 0x1F600));
	/* a glyph for it, but it needs shaping cirt does not do */
	assert_true(fonts_missing(&f, 0x0915));
	assert_int_equal(fonts_face(&f, 0, 0x0915), FONT_NONE);
	/* controls and invisible characters are never missing */
	assert_false(fonts_missing(&f, '\n'));
	assert_false(fonts_missing(&f, 0x200F));
	assert_false(fonts_missing(&f, 0xFE0F));
	assert_true(fonts_invisible(0x200D));
	assert_false(fonts_invisible('a'));
	fonts_release(&f);
}

static void
missing_list(void **state)
{
	struct fonts f;
	char *s;

	(void)state;
	hand_made(&f);
	assert_null(fonts_missing_list(&f, "abc\xE4\xB8\xAD", 5));
	assert_null(fonts_missing_list(&f, "", 5));
	/* each once, in order; malformed bytes are not characters */
	s = fonts_missing_list(&f, "x\xF0\x9F\x98\x80Q\xF0\x9F\x98\x80\xFFQ", 5);
	assert_non_null(s);
	assert_string_equal(s, "U+1F600 \xF0\x9F\x98\x80, U+0051 Q");
	free(s);
	s = fonts_missing_list(&f, "ABCDEF", 2);
	assert_string_equal(s, "U+0041 A, U+0042 B, ...");
	free(s);
	fonts_release(&f);
}

static void
real_dejavu(void **state)
{
	const char *paths[FONT_FACES] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
					 "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
					 "/nonexistent/cjk.ttc", NULL, NULL};
	struct fonts f;

	(void)state;
	fonts_init(&f, paths);
	assert_int_equal(fonts_face(&f, 0, 'A'), FONT_SANS);
	assert_int_equal(fonts_face(&f, 0, 0x0416), FONT_SANS); /* Ж */
	assert_int_equal(fonts_face(&f, 1, 0x03A9), FONT_SANS_BOLD);
	assert_int_equal(fonts_face(&f, 0, 0x0644), FONT_SANS); /* lam */
	assert_int_equal(fonts_face(&f, 0, 0xFEFB), FONT_SANS); /* lam-alef */
	assert_int_equal(fonts_face(&f, 0, 0x05D0), FONT_SANS); /* alef (Hebrew) */
	/* a CJK face that is not there draws nothing */
	assert_int_equal(fonts_face(&f, 0, 0x4E2D), FONT_NONE);
	assert_true(fonts_missing(&f, 0x4E2D));
	fonts_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(faces_in_order),
		cmocka_unit_test(what_is_missing),
		cmocka_unit_test(missing_list),
		cmocka_unit_test(real_dejavu),
	};

	return cmocka_run_group_tests_name("fonts", tests, NULL, NULL);
}
