/* Unit tests of display widths (src/width.c): columns by script, whole
 * characters with their combining marks, cutting with "…" and padding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "term.h"
#include "width.h"

#define ACUTE "\xCC\x81" /* U+0301 COMBINING ACUTE ACCENT */

static int
width(const char *s)
{
	return width_of(s, strlen(s));
}

static void
test_columns_by_script(void **state)
{
	(void)state;
	assert_int_equal(width(""), 0);
	assert_int_equal(width("Kenya"), 5);
	assert_int_equal(width("中华人民共和国"), 14);	  /* Chinese: two each */
	assert_int_equal(width("計画中です"), 10);	  /* kanji and kana */
	assert_int_equal(width("한국"), 4);		  /* Hangul syllables */
	assert_int_equal(width("ＡＢ"), 4);		  /* fullwidth forms */
	assert_int_equal(width("e" ACUTE "te" ACUTE), 3); /* combining accents: none */
	assert_int_equal(width("Έλεγχος"), 7);		  /* Greek, precomposed */
	assert_int_equal(width("Укрепляющийся"), 13);	  /* Cyrillic */
	assert_int_equal(width("التعاون"), 7);		  /* Arabic letters: one each */
	assert_int_equal(width("مَرْحَبًا"), 5);		  /* Arabic vowel marks: none */
	assert_int_equal(width("के"), 1);		  /* Devanagari E sign (Mn): none */
	assert_int_equal(width("कि"), 2); /* I sign (Mc): spacing, as terminals draw it */
	assert_int_equal(width("a\xE2\x80\x8B"
			       "b"),
			 2);				    /* zero width space */
	assert_int_equal(width("\xC2\xAD"), 1);		    /* soft hyphen: drawn */
	assert_int_equal(width("\xE2\x80\xA6\xC2\xB7"), 2); /* "…·": narrow */
	assert_int_equal(width("\x01\x7F"), 2);		    /* controls: as U+FFFD */
	assert_int_equal(width("\xFF\xC3"), 2);		    /* ill-formed bytes: as U+FFFD */
	assert_int_equal(width("\xE4\xB8"), 2);		    /* a character cut short */
	/* nothing past n is read, and a character cut by n counts its bytes */
	assert_int_equal(width_of("中文", 3), 2);
	assert_int_equal(width_of("中文", 4), 3);
}

static void
test_characters_keep_their_marks(void **state)
{
	int w = -1;

	(void)state;
	assert_int_equal(width_character("e" ACUTE "\xCC\x82x", 6, &w), 5); /* e, two marks */
	assert_int_equal(w, 1);
	assert_int_equal(width_character("कि x", 7, &w), 6); /* consonant and vowel sign */
	assert_int_equal(w, 2);
	assert_int_equal(width_character("\xE1\x84\x80\xE1\x85\xA1", 6, &w), 6); /* jamo L V */
	assert_int_equal(w, 2);
	assert_int_equal(width_character("中文", 6, &w), 3);
	assert_int_equal(w, 2);
	assert_int_equal(width_character("\xFF" ACUTE, 3, &w), 1); /* a stray byte alone */
	assert_int_equal(w, 1);
	assert_int_equal(width_character("e" ACUTE, 1, &w), 1);		 /* no further than n */
	assert_int_equal(width_character("e" ACUTE, (size_t)-1, &w), 3); /* or the NUL */
}

static void
test_fitting_stops_between_characters(void **state)
{
	int used = -1;

	(void)state;
	assert_int_equal(width_fit("中文abc", 9, 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(width_fit("中文abc", 9, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(width_fit("中文abc", 9, 99, &used), 9);
	assert_int_equal(used, 7);
	assert_int_equal(width_fit("e" ACUTE "e" ACUTE, 6, 1, &used), 3);
	assert_int_equal(used, 1);
	assert_int_equal(width_fit("abc", 3, -5, NULL), 0);
}

static void
expect_cut(const char *s, int columns, const char *want)
{
	char *got = width_cut(s, columns);

	assert_string_equal(got, want);
	assert_true(width(got) <= (columns > 0 ? columns : 0));
	free(got);
}

static void
test_cutting_with_an_ellipsis(void **state)
{
	(void)state;
	expect_cut("Kenya", 5, "Kenya");
	expect_cut("Kenya", 9, "Kenya");
	expect_cut("Kenya", 4, "Ken…");
	expect_cut("中文字", 6, "中文字");
	expect_cut("中文字", 5, "中文…"); /* 4 + 1 */
	expect_cut("中文字", 4, "中…");	  /* never half a character */
	expect_cut("中文字", 2, "…");
	expect_cut("Le" ACUTE "gislation", 3, "Le" ACUTE "…"); /* the accent stays */
	expect_cut("ne" ACUTE, 2, "ne" ACUTE);
	expect_cut("कितना", 3, "कि…"); /* the vowel sign stays with its consonant */
	expect_cut("Ministry of ICT", 13, "Ministry of…");
	expect_cut("التعاون الدولي", 8, "التعاون…");
	expect_cut("abc", 1, "…");
	expect_cut("abc", 0, "");
	expect_cut("abc", -3, "");
}

static void
expect_pad(const char *s, int columns, int right, const char *want)
{
	char *got = width_pad(s, columns, right);

	assert_string_equal(got, want);
	free(got);
}

static void
test_padding_to_a_width(void **state)
{
	(void)state;
	expect_pad("中", 4, 0, "中  ");
	expect_pad("中", 4, 1, "  中");
	expect_pad("e" ACUTE, 3, 0, "e" ACUTE "  ");
	expect_pad("中文字", 4, 0, "中文字"); /* wider: whole */
	expect_pad("", 2, 0, "  ");
	expect_pad("x", -1, 1, "x");
}

static void
test_breaking_between_wide_characters(void **state)
{
	(void)state;
	assert_int_equal(width_break_inside("中文中文中文", (size_t)-1, 8), 12);
	assert_int_equal(width_break_inside("中文中文中文", (size_t)-1, 9), 12);
	/* never a line that starts with an ideographic full stop or comma */
	assert_int_equal(width_break_inside("中文中文。中文", (size_t)-1, 8), 9);
	assert_int_equal(width_break_inside("中文中、文", (size_t)-1, 8), 12);
	assert_int_equal(width_break_inside("中文中文、", (size_t)-1, 8), 9);
	/* nor one that ends with an opening bracket */
	assert_int_equal(width_break_inside("中文（中文）", (size_t)-1, 6), 6);
	/* Japanese kana and kanji; Latin next to Chinese */
	assert_int_equal(width_break_inside("計画中です", (size_t)-1, 7), 9);
	assert_int_equal(width_break_inside("abc中文", (size_t)-1, 4), 3);
	/* a Latin word is never broken here, hyphen or not */
	assert_int_equal(width_break_inside("well-known", (size_t)-1, 6), 0);
	assert_int_equal(width_break_inside("international", (size_t)-1, 6), 0);
	/* all of it fits, or nothing does */
	assert_int_equal(width_break_inside("中文", (size_t)-1, 4), 0);
	assert_int_equal(width_break_inside("中文", (size_t)-1, 1), 0);
	/* no further than n */
	assert_int_equal(width_break_inside("中文中文", 6, 4), 0);
}

static void
test_right_to_left_letters(void **state)
{
	(void)state;
	assert_true(width_right_to_left("التعاون", strlen("التعاون")));
	assert_true(width_right_to_left("Cooperation (שיתוף)", strlen("Cooperation (שיתוף)")));
	assert_false(width_right_to_left("Cooperation 25.0", 16));
	assert_false(width_right_to_left("中文 Έλεγχος", strlen("中文 Έλεγχος")));
	assert_false(width_right_to_left("\xD8", 1)); /* half an Arabic letter */
	assert_false(width_right_to_left("", 0));
}

/* 2 MB of Chinese with no space, and as many combining accents on one
 * letter: measuring, cutting and breaking into lines take linear time. */
static void
test_long_text_takes_linear_time(void **state)
{
	size_t n = 700000;
	char *cjk = malloc(3 * n + 1);
	char *marks = malloc(1 + 2 * n + 2);
	clock_t start = clock();
	const char *p;
	size_t lines = 0;
	char *cut;

	(void)state;
	assert_non_null(cjk);
	assert_non_null(marks);
	for (size_t i = 0; i < n; i++)
		memcpy(cjk + 3 * i, "中", 3);
	cjk[3 * n] = '\0';
	marks[0] = 'e';
	for (size_t i = 0; i < n; i++)
		memcpy(marks + 1 + 2 * i, ACUTE, 2);
	memcpy(marks + 1 + 2 * n, "x", 2);

	assert_int_equal(width(cjk), 2 * (int)n);
	assert_int_equal(width(marks), 2);
	cut = width_cut(cjk, 9);
	assert_string_equal(cut, "中中中中…");
	free(cut);
	cut = width_cut(marks, 1);
	assert_string_equal(cut, "…");
	free(cut);
	for (p = cjk; *p; lines++) {
		const char *next;
		size_t len = term_line_break(p, 80, &next);

		assert_int_equal(len, 120); /* 40 characters */
		p = next;
	}
	assert_int_equal(lines, n / 40);
	/* one character of 1.4 MB is one line, however narrow */
	assert_int_equal(term_line_break(marks, 1, &p), 1 + 2 * n);
	assert_string_equal(p, "x");
	/* quadratic time would take minutes; linear takes milliseconds */
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 10.0);
	free(marks);
	free(cjk);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_by_script),
		cmocka_unit_test(test_characters_keep_their_marks),
		cmocka_unit_test(test_fitting_stops_between_characters),
		cmocka_unit_test(test_cutting_with_an_ellipsis),
		cmocka_unit_test(test_padding_to_a_width),
		cmocka_unit_test(test_breaking_between_wide_characters),
		cmocka_unit_test(test_right_to_left_letters),
		cmocka_unit_test(test_long_text_takes_linear_time),
	};

	return cmocka_run_group_tests_name("width", tests, NULL, NULL);
}
