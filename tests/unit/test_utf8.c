/* Unit tests of the UTF-8 decoder shared by answers, reports and PDFs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "utf8.h"

static void
expect(const char *s, size_t len, uint32_t cp)
{
	uint32_t got = 0;

	assert_int_equal(utf8_decode(s, &got), len);
	assert_int_equal(got, cp);
}

static void
test_one_to_four_bytes(void **state)
{
	(void)state;
	expect("A", 1, 0x41);
	expect("\xC3\xA9t\xC3\xA9", 2, 0xE9);	 /* é, then more text */
	expect("\xE2\x80\x93", 3, 0x2013);	 /* en dash */
	expect("\xEF\xBF\xBD", 3, 0xFFFD);	 /* a real U+FFFD */
	expect("\xF0\x9F\x98\x80", 4, 0x1F600);	 /* outside the BMP */
	expect("\xF4\x8F\xBF\xBF", 4, 0x10FFFF); /* the last code point */
}

static void
test_malformed_sequences_give_zero(void **state)
{
	(void)state;
	expect("\x80", 0, 0xFFFD);		   /* stray continuation */
	expect("\xC3", 0, 0xFFFD);		   /* cut short at the end */
	expect("\xE2\x80x", 0, 0xFFFD);		   /* cut short by ASCII */
	expect("\xC0\xAF", 0, 0xFFFD);		   /* overlong '/' */
	expect("\xE0\x80\xAF", 0, 0xFFFD);	   /* overlong, 3 bytes */
	expect("\xF0\x80\x80\xAF", 0, 0xFFFD);	   /* overlong, 4 bytes */
	expect("\xED\xA0\x80", 0, 0xFFFD);	   /* surrogate U+D800 */
	expect("\xF4\x90\x80\x80", 0, 0xFFFD);	   /* U+110000 */
	expect("\xF8\x88\x80\x80\x80", 0, 0xFFFD); /* 5-byte form */
	expect("\xFF", 0, 0xFFFD);
}

/* utf8_encode writes what utf8_decode reads back, at each length's edges */
static void
test_encode_round_trip(void **state)
{
	static const uint32_t cps[] = {0x41,   0x7F,   0x80,   0x7FF,	0x800,	 0x627,
				       0x4E2D, 0xFEFB, 0xFFFD, 0x10000, 0x1F4F7, 0x10FFFF};
	static const size_t lengths[] = {1, 1, 2, 2, 3, 2, 3, 3, 3, 4, 4, 4};

	(void)state;
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char buf[5] = {0};
		uint32_t back = 0;
		size_t n = utf8_encode(buf, cps[i]);

		assert_int_equal(n, lengths[i]);
		assert_int_equal(utf8_decode(buf, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_to_four_bytes),
		cmocka_unit_test(test_malformed_sequences_give_zero),
		cmocka_unit_test(test_encode_round_trip),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
