/* Unit tests of the bidi module: display order and Arabic shapes of a
 * line, through FriBidi. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bidi.h"

static void
latin_stays(void **state)
{
	const uint32_t in[] = {'a', 'b', ' ', '1', '2'};
	uint32_t out[5];

	(void)state;
	assert_false(bidi_needed(in, 5));
	assert_int_equal(bidi_visual(in, 5, 0, out), 5);
	assert_memory_equal(in, out, sizeof(in));
}

static void
arabic_is_joined_and_reversed(void **state)
{
	/* beh, seen, meem: "bsm", joined: initial, medial, final */
	const uint32_t in[] = {0x0628, 0x0633, 0x0645};
	uint32_t out[3];

	(void)state;
	assert_true(bidi_needed(in, 3));
	assert_int_equal(bidi_visual(in, 3, 0, out), 3);
	/* drawn left to right: final meem, medial seen, initial beh */
	assert_int_equal(out[0], 0xFEE2);
	assert_int_equal(out[1], 0xFEB4);
	assert_int_equal(out[2], 0xFE91);
}

static void
lam_alef_is_one_glyph(void **state)
{
	const uint32_t in[] = {0x0644, 0x0627};
	uint32_t out[2];

	(void)state;
	assert_int_equal(bidi_visual(in, 2, 1, out), 1);
	assert_int_equal(out[0], 0xFEFB);
}

static void
numbers_and_latin_keep_their_order(void **state)
{
	/* alef, space, "2026", space, "ab", in a right-to-left line */
	const uint32_t in[] = {0x0627, ' ', '2', '0', '2', '6', ' ', 'a', 'b'};
	uint32_t out[9];
	const uint32_t want[] = {'a', 'b', ' ', '2', '0', '2', '6', ' ', 0xFE8D};

	(void)state;
	assert_int_equal(bidi_visual(in, 9, 1, out), 9);
	assert_memory_equal(out, want, sizeof(want));
}

static void
brackets_are_mirrored_and_marks_dropped(void **state)
{
	/* RLM, "(", alef, ")" in a right-to-left line */
	const uint32_t in[] = {0x200F, '(', 0x0627, ')'};
	uint32_t out[4];

	(void)state;
	assert_int_equal(bidi_visual(in, 4, 1, out), 3);
	/* drawn: "(" (the mirrored ")"), alef, ")" (the mirrored "(") */
	assert_int_equal(out[0], '(');
	assert_int_equal(out[1], 0xFE8D);
	assert_int_equal(out[2], ')');
}

static void
utf8_round_trip(void **state)
{
	char *s;

	(void)state;
	s = bidi_utf8("abc", 3, 0);
	assert_string_equal(s, "abc");
	free(s);
	/* "la" (lam alef) then " x": x stays right of the Arabic in an LTR line */
	s = bidi_utf8("\xD9\x84\xD8\xA7 x", 6, 0);
	assert_string_equal(s, "\xEF\xBB\xBB x");
	free(s);
}

static void
add(void *ctx, uint32_t form)
{
	int *seen = ctx;

	if (form == 0xFEE2 || form == 0xFEE3 || form == 0xFEE4 || form == 0xFEE1)
		seen[form - 0xFEE1] = 1;
}

static void
forms_of_a_letter(void **state)
{
	int seen[4] = {0};

	(void)state;
	bidi_forms(0x0645, add, seen); /* meem: isolated, final, initial, medial */
	assert_true(seen[0] && seen[1] && seen[2] && seen[3]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(latin_stays),
		cmocka_unit_test(arabic_is_joined_and_reversed),
		cmocka_unit_test(lam_alef_is_one_glyph),
		cmocka_unit_test(numbers_and_latin_keep_their_order),
		cmocka_unit_test(brackets_are_mirrored_and_marks_dropped),
		cmocka_unit_test(utf8_round_trip),
		cmocka_unit_test(forms_of_a_letter),
	};

	return cmocka_run_group_tests_name("bidi", tests, NULL, NULL);
}
