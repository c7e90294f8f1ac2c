/* Unit tests of the sanitiser that all text from outside passes on its way
 * to the terminal, and of display widths, wrapping, padding and tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Chinese, two columns each: 国家 (country), 计算机应急响应小组 (CIRT) */
#define GUO "\xE5\x9B\xBD"
#define JIA "\xE5\xAE\xB6"
#define E_ACUTE "e\xCC\x81" /* e and a combining acute accent: one column */
#define SMILE "\xF0\x9F\x98\x80"

static void
test_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(term_width(""), 0);
	assert_int_equal(term_width("Legal measures"), 14);
	assert_int_equal(term_width("\xC3\xA9t\xC3\xA9"), 3); /* precomposed */
	assert_int_equal(term_width(E_ACUTE "t" E_ACUTE), 3); /* combining */
	assert_int_equal(term_width(GUO JIA), 4);
	assert_int_equal(term_width(GUO "a" JIA), 5);
	assert_int_equal(term_width("\xEF\xBC\x8C"), 2); /* fullwidth comma */
	assert_int_equal(term_width(SMILE), 2);
	/* Arabic letters and a fatha (combining) */
	assert_int_equal(term_width("\xD8\xA7\xD9\x84\xD9\x8E"), 2);
	/* a zero-width space and a no-break space */
	assert_int_equal(term_width("a\xE2\x80\x8B"
				    "b\xC2\xA0"
				    "c"),
			 4);
	/* what the rule shows as U+FFFD counts one column a piece */
	assert_int_equal(term_width("a\033b"), 3);
	assert_int_equal(term_width("\xE2\x80"
				    "d"),
			 3);
	assert_int_equal(term_width("\xED\xA0\x80"), 3);
	assert_int_equal(term_width("tab\there"), 8);
}

/* The lines term_line_break makes of s at width, joined by "|". */
static char *
lines_of(const char *s, int width)
{
	char *joined = calloc(1, 2 * strlen(s) + 2);
	const char *next;

	assert_non_null(joined);
	while (*s) {
		size_t n = term_line_break(s, width, &next);

		assert_true(n > 0 || *next == '\0');
		if (*joined)
			strcat(joined, "|");
		strncat(joined, s, n);
		s = next;
	}
	return joined;
}

static void
expect_lines(const char *s, int width, const char *want)
{
	char *got = lines_of(s, width);

	assert_string_equal(got, want);
	free(got);
}

static void
test_lines_break_at_spaces(void **state)
{
	(void)state;
	expect_lines("", 10, "");
	expect_lines("one", 10, "one");
	expect_lines("electronic evidence", 15, "electronic|evidence");
	expect_lines("electronic evidence", 19, "electronic evidence");
	expect_lines("a b c d e f", 5, "a b c|d e f");
	/* the spaces at a break are dropped; inside a line they are kept */
	expect_lines("ab   cd    ef", 7, "ab   cd|ef");
	/* a no-break space joins */
	expect_lines("10\xC2\xA0"
		     "000 points",
		     8,
		     "10\xC2\xA0"
		     "000|points");
}

static void
test_lines_count_wide_and_combining_characters(void **state)
{
	(void)state;
	/* six columns of Chinese fill a line of six, not one of five */
	expect_lines(GUO JIA GUO " " JIA, 6, GUO JIA GUO "|" JIA);
	expect_lines(GUO JIA " " GUO, 6, GUO JIA "|" GUO);
	expect_lines(GUO JIA " " GUO, 7, GUO JIA " " GUO);
	/* four words of three columns each, with combining accents */
	expect_lines("d" E_ACUTE "j d" E_ACUTE "j d" E_ACUTE "j d" E_ACUTE "j", 7,
		     "d" E_ACUTE "j d" E_ACUTE "j|d" E_ACUTE "j d" E_ACUTE "j");
}

static void
test_long_words_are_cut_by_width(void **state)
{
	(void)state;
	expect_lines("see https://example.org/long/path", 10,
		     "see|https://ex|ample.org/|long/path");
	/* Chinese without spaces is one word: cut every three characters at
	 * six columns, and at seven (a wide character never straddles) */
	expect_lines(GUO JIA GUO JIA GUO JIA GUO, 6, GUO JIA GUO "|" JIA GUO JIA "|" GUO);
	expect_lines(GUO JIA GUO JIA GUO JIA GUO, 7, GUO JIA GUO "|" JIA GUO JIA "|" GUO);
	/* a combining mark stays with its letter */
	expect_lines("abcd" E_ACUTE "fgh", 5, "abcd" E_ACUTE "|fgh");
	expect_lines("abc" E_ACUTE "\xCC\x88"
		     "fgh",
		     4,
		     "abc" E_ACUTE "\xCC\x88"
		     "|fgh");
	/* a line too narrow for one character still takes one */
	expect_lines(GUO JIA, 1, GUO "|" JIA);
	/* never inside a UTF-8 sequence */
	expect_lines("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3, "\xC3\xA9\xC3\xA9\xC3\xA9|\xC3\xA9");
}

/* What fn printed to a memory stream. */
#define CAPTURE(buf, call)                                                                         \
	do {                                                                                       \
		size_t size_ = 0;                                                                  \
		FILE *f = open_memstream(&(buf), &size_);                                          \
                                                                                                   \
		assert_non_null(f);                                                                \
		call;                                                                              \
		fclose(f);                                                                         \
	} while (0)

static void
test_padding_counts_display_width(void **state)
{
	char *buf = NULL;

	(void)state;
	CAPTURE(buf,
		(term_print_padded(f, GUO JIA, 6), fputc('|', f),
		 term_print_padded(f, E_ACUTE "t" E_ACUTE, 5), fputc('|', f),
		 term_print_right(f, GUO, 4), fputc('|', f), term_print_right(f, "12,5", 7),
		 fputc('|', f), term_print_right(f, GUO JIA GUO, 4), fputc('|', f)));
	assert_string_equal(
		buf, GUO JIA "  |" E_ACUTE "t" E_ACUTE "  |  " GUO "|   12,5|" GUO JIA GUO "|");
	free(buf);
}

static void
test_wrapping_by_display_width(void **state)
{
	char *buf = NULL;

	(void)state;
	/* never "electronic ev / idence" */
	CAPTURE(buf, term_print_wrapped(f, "Keep electronic evidence", 2, 20));
	assert_string_equal(buf, "  Keep electronic\n  evidence\n");
	free(buf);
	/* Chinese breaks between characters, filling each line */
	CAPTURE(buf, term_print_wrapped(f, GUO JIA GUO JIA GUO JIA " " GUO JIA, 2, 10));
	assert_string_equal(buf, "  " GUO JIA GUO JIA "\n  " GUO JIA " " GUO "\n  " JIA "\n");
	free(buf);
}

static void
test_continued_lines_hang_under_the_text(void **state)
{
	char *buf = NULL;

	(void)state;
	CAPTURE(buf,
		(fputs("L1       ", f),
		 term_print_continued(f, "Yes, in the law of 2019 on cybercrime", 9, 9, 24)));
	assert_string_equal(buf,
			    "L1       Yes, in the law\n"
			    "         of 2019 on\n"
			    "         cybercrime\n");
	free(buf);
	/* a word that does not fit after the label moves to the next line;
	 * paragraphs start at the indent; empty text just ends the line */
	CAPTURE(buf,
		(fputs("evidence: ", f),
		 term_print_continued(f, "decree-2019-114\nsigned", 10, 4, 20), fputs("note: ", f),
		 term_print_continued(f, "", 6, 4, 20)));
	assert_string_equal(buf, "evidence: \n    decree-2019-114\n    signed\nnote: \n");
	free(buf);
}

static void
test_columns_follow_the_environment(void **state)
{
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	setenv("COLUMNS", "70", 1);
	assert_int_equal(term_columns(f), 70);
	setenv("COLUMNS", "120", 1);
	assert_int_equal(term_columns(f), 120);
	/* not a number of columns: a file is 80 wide */
	setenv("COLUMNS", "wide", 1);
	assert_int_equal(term_columns(f), 80);
	setenv("COLUMNS", "-5", 1);
	assert_int_equal(term_columns(f), 80);
	setenv("COLUMNS", "0", 1);
	assert_int_equal(term_columns(f), 80);
	setenv("COLUMNS", "70x", 1);
	assert_int_equal(term_columns(f), 80);
	unsetenv("COLUMNS");
	assert_int_equal(term_columns(f), 80);
	fclose(f);
}

static void
test_tables_align_by_display_width(void **state)
{
	static const struct term_column cols[] = {
		{"PILLAR", 12, 0, 1},
		{"POINTS", 7, 1, 0},
		{"OF", 7, 1, 0},
	};
	const char *cells[] = {
		"Legal",
		"21.2",
		"25.0", /* */
		GUO JIA "\xE6\xB3\x95\xE5\xBE\x8B",
		"8.0",
		"25.0", /* 国家法律 */
		"Coop\033",
		"not applicable",
		NULL, /* spans two columns */
	};
	char *buf = NULL;

	(void)state;
	CAPTURE(buf, term_print_table(f, cols, 3, cells, 3, 1, 80));
	assert_string_equal(buf,
			    "PILLAR        POINTS      OF\n"
			    "Legal           21.2    25.0\n" GUO JIA "\xE6\xB3\x95\xE5\xBE\x8B"
			    "         8.0    25.0\n"
			    "Coop" R "         not applicable\n");
	free(buf);
	/* a spanning cell wider than its columns still keeps a gap */
	cells[7] = "not applicable in this country";
	CAPTURE(buf, term_print_table(f, cols, 3, cells + 6, 1, 1, 80));
	assert_string_equal(buf,
			    "PILLAR        POINTS      OF\n"
			    "Coop" R " not applicable in this country\n");
	free(buf);
}

/* An Arabic cell ends with a left-to-right mark (U+200E, no width), so that
 * a terminal laying it out right to left leaves the numbers after it in
 * their columns; padded columns do the same. */
static void
test_right_to_left_cells_end_with_a_mark(void **state)
{
	static const struct term_column cols[] = {
		{"PILLAR", 8, 0, 1},
		{"POINTS", 6, 1, 0},
	};
	const char *cells[] = {"\xD8\xAA\xD8\xB9", "25.0", "Legal", "21.2"}; /* تع */
	char *buf = NULL;

	(void)state;
	CAPTURE(buf, term_print_table(f, cols, 2, cells, 2, 1, 80));
	assert_string_equal(buf,
			    "PILLAR   POINTS\n"
			    "\xD8\xAA\xD8\xB9\xE2\x80\x8E"
			    "         25.0\n"
			    "Legal      21.2\n");
	free(buf);
	CAPTURE(buf, term_print_padded(f, "\xD8\xAA\xD8\xB9", 4));
	assert_string_equal(buf, "\xD8\xAA\xD8\xB9\xE2\x80\x8E  ");
	free(buf);
	CAPTURE(buf, term_print_right(f, "\xD8\xAA", 3));
	assert_string_equal(buf, "  \xD8\xAA\xE2\x80\x8E");
	free(buf);
	CAPTURE(buf, term_print_padded(f, "Legal", 6));
	assert_string_equal(buf, "Legal ");
	free(buf);
}

static void
test_tables_wrap_a_column_to_fit(void **state)
{
	static const struct term_column cols[] = {
		{NULL, 0, 1, 0},
		{NULL, 0, 0, 1},
		{NULL, 0, 1, 0},
	};
	const char *cells[] = {
		"1",	"Technical and procedural measures",
		"18.1", /* */
		"2",	GUO JIA GUO JIA GUO JIA GUO JIA,
		"5.0", /* 16 columns */
		"3",	"",
		"", /* empty cells */
	};
	char *buf = NULL;

	(void)state;
	/* 1 + 2 + 2 + 4 = 9 columns besides the text, which gets 15 */
	CAPTURE(buf, term_print_table(f, cols, 3, cells, 3, 2, 24));
	assert_string_equal(buf,
			    "1  Technical and    18.1\n"
			    "   procedural\n"
			    "   measures\n"
			    "2  " GUO JIA GUO JIA GUO JIA GUO "    5.0\n"
			    "   " JIA "\n"
			    "3\n");
	free(buf);
	/* it never gets narrower than TERM_TABLE_NARROWEST: the gaps close,
	 * and the line is still longer */
	CAPTURE(buf, term_print_table(f, cols, 3, cells, 1, 2, 12));
	assert_string_equal(buf,
			    "1 Technical  18.1\n"
			    "  and\n"
			    "  procedural\n"
			    "  measures\n");
	free(buf);
	/* closing the gaps may be enough */
	cells[1] = "ab cd";
	cells[2] = "12345678";
	CAPTURE(buf, term_print_table(f, cols, 3, cells, 1, 2, 16));
	assert_string_equal(buf, "1 ab cd 12345678\n");
	free(buf);
	CAPTURE(buf, term_print_table(f, cols, 3, cells, 1, 2, 18));
	assert_string_equal(buf, "1  ab cd  12345678\n");
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
		cmocka_unit_test(test_width_counts_columns),
		cmocka_unit_test(test_lines_break_at_spaces),
		cmocka_unit_test(test_lines_count_wide_and_combining_characters),
		cmocka_unit_test(test_long_words_are_cut_by_width),
		cmocka_unit_test(test_padding_counts_display_width),
		cmocka_unit_test(test_wrapping_by_display_width),
		cmocka_unit_test(test_continued_lines_hang_under_the_text),
		cmocka_unit_test(test_columns_follow_the_environment),
		cmocka_unit_test(test_tables_align_by_display_width),
		cmocka_unit_test(test_tables_wrap_a_column_to_fit),
		cmocka_unit_test(test_right_to_left_cells_end_with_a_mark),
	};

	return cmocka_run_group_tests_name("term", tests, NULL, NULL);
}
