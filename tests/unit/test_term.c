/* Unit tests of the sanitiser that all text from outside passes on its way
 * to the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "term.h"

#define R "\xEF\xBF\xBD" /* U+FFFD */

static void
expect_safe(const char *s, const char *want)
{
	char *got = term_safe(s);

	assert_string_equal(got, want);
	free(got);
}

static void
test_ordinary_text_is_kept(void **state)
{
	(void)state;
	expect_safe("", "");
	expect_safe("Legal measures, L1 = yes (3/7 43%)", "Legal measures, L1 = yes (3/7 43%)");
	expect_safe("Z\xC3\xBCrich, e\xCC\x81te", "Z\xC3\xBCrich, e\xCC\x81te"); /* combining */
	expect_safe("\xE5\x9B\xBD \xF0\x9F\x98\x80", "\xE5\x9B\xBD \xF0\x9F\x98\x80");
	expect_safe("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
	/* the implicit direction marks, a no-break space and a real U+FFFD */
	expect_safe("a\xE2\x80\x8E"
		    "b\xE2\x80\x8F"
		    "c\xC2\xA0" R,
		    "a\xE2\x80\x8E"
		    "b\xE2\x80\x8F"
		    "c\xC2\xA0" R);
}

static void
test_controls_become_replacement_characters(void **state)
{
	(void)state;
	expect_safe("\033]0;pwned\007\033[2J", R "]0;pwned" R R "[2J");
	expect_safe("a\nb\rc\x01"
		    "d\x1F",
		    "a" R "b" R "c" R "d" R);
	expect_safe("\x7F", R);
	expect_safe("tab\there", "tab here");
	/* C1 as UTF-8: U+0080, CSI U+009B, U+009F; U+00A0 is not one */
	expect_safe("\xC2\x80|\xC2\x9B"
		    "2J|\xC2\x9F|\xC2\xA0",
		    R "|" R "2J|" R "|\xC2\xA0");
}

static void
test_bidirectional_controls_become_replacement_characters(void **state)
{
	(void)state;
	/* LRE, RLE, PDF, LRO, RLO */
	expect_safe("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE", R R R R R);
	/* LRI, RLI, FSI, PDI */
	expect_safe("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9", R R R R);
	/* their neighbours are kept: U+2029, U+202F, U+2065, U+206A */
	expect_safe("\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA",
		    "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA");
}

static void
test_ill_formed_bytes_become_replacement_characters(void **state)
{
	(void)state;
	expect_safe("a\xFF"
		    "b",
		    "a" R "b");
	expect_safe("\x80", R);			  /* stray continuation */
	expect_safe("x\xE2\x80", "x" R R);	  /* cut short at the end */
	expect_safe("\xE2\x80x", R R "x");	  /* cut short by ASCII */
	expect_safe("\xC0\xAF", R R);		  /* overlong '/' */
	expect_safe("\xC1\x9B", R R);		  /* overlong CSI */
	expect_safe("\xED\xA0\x80", R R R);	  /* surrogate */
	expect_safe("\xF4\x90\x80\x80", R R R R); /* beyond U+10FFFF */
}

static void
test_unsafe_code_points(void **state)
{
	(void)state;
	assert_true(term_is_unsafe(0x00));
	assert_true(term_is_unsafe(0x09));
	assert_true(term_is_unsafe(0x1B));
	assert_true(term_is_unsafe(0x1F));
	assert_false(term_is_unsafe(0x20));
	assert_false(term_is_unsafe(0x7E));
	assert_true(term_is_unsafe(0x7F));
	assert_true(term_is_unsafe(0x9F));
	assert_false(term_is_unsafe(0xA0));
	assert_false(term_is_unsafe(0x2029));
	assert_true(term_is_unsafe(0x202A));
	assert_true(term_is_unsafe(0x202E));
	assert_false(term_is_unsafe(0x202F));
	assert_false(term_is_unsafe(0x2065));
	assert_true(term_is_unsafe(0x2066));
	assert_true(term_is_unsafe(0x2069));
	assert_false(term_is_unsafe(0x206A));
	assert_false(term_is_unsafe(0xFFFD));
}

/* What f wrote, as a string; closes f. */
static char *
written(FILE *f, char **buf)
{
	fclose(f);
	return *buf;
}

static void
test_printing_applies_the_rule(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &size);
	assert_non_null(f);
	term_print_safe(f, "a\033b\n");
	term_print_format(f, "[%s|%d]",
			  "\xC2\x9B"
			  "1m",
			  7);
	term_print_line(f, " %s",
			"\xE2\x80\xAE"
			"x");
	assert_string_equal(written(f, &buf), "a" R "b" R "[" R "1m|7] " R "x\n");
	free(buf);
}

static void
test_padding_counts_what_is_printed(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &size);
	assert_non_null(f);
	term_print_padded(f, "ab\033", 5); /* one character for ESC */
	fputc('|', f);
	term_print_padded(f,
			  "\xC2\x9B"
			  "c",
			  5); /* one for a C1 control */
	fputc('|', f);
	term_print_padded(f,
			  "\xE2\x80"
			  "d",
			  5); /* two for two stray bytes */
	fputc('|', f);
	term_print_padded(f, "\xC3\xA9t\xC3\xA9", 5);
	fputc('|', f);
	term_print_padded(f, "toolong", 3);
	fputc('|', f);
	assert_string_equal(written(f, &buf),
			    "ab" R "  |" R "c   |" R R "d  |\xC3\xA9t\xC3\xA9  |toolong|");
	free(buf);
}

static void
test_wrapping_keeps_paragraphs_and_applies_the_rule(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &size);
	assert_non_null(f);
	term_print_wrapped(f, "one two\033[2J three\nfour\tfive", 2, 12);
	assert_string_equal(written(f, &buf), "  one\n  two" R "[2J\n  three\n  four five\n");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinary_text_is_kept),
		cmocka_unit_test(test_controls_become_replacement_characters),
		cmocka_unit_test(test_bidirectional_controls_become_replacement_characters),
		cmocka_unit_test(test_ill_formed_bytes_become_replacement_characters),
		cmocka_unit_test(test_unsafe_code_points),
		cmocka_unit_test(test_printing_applies_the_rule),
		cmocka_unit_test(test_padding_counts_what_is_printed),
		cmocka_unit_test(test_wrapping_keeps_paragraphs_and_applies_the_rule),
	};

	return cmocka_run_group_tests_name("term", tests, NULL, NULL);
}
