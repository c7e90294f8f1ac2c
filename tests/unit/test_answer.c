/* Unit tests of answer parsing, description and scoring, on the example
 * questionnaire's questions (one of every type). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answer.h"

static struct questionnaire *q;
static struct questionnaire *shipped; /* for questions example.xml lacks */

static int
setup(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	q = questionnaire_load("questionnaires/example.xml", &d, NULL);
	shipped = questionnaire_load("questionnaires/cirt-readiness.xml", &d, NULL);
	diag_release(&d);
	return q && shipped ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	questionnaire_free(q);
	questionnaire_free(shipped);
	questionnaire_library_cleanup();
	return 0;
}

static const struct question *
question(const char *id)
{
	const struct question *qu = questionnaire_find_question(q, id);

	if (qu == NULL)
		qu = questionnaire_find_question(shipped, id);

	assert_non_null(qu);
	return qu;
}

/* input must parse to value (or to state when value is NULL). */
static void
ok_as(const char *id, const char *input, const char *lang, enum answer_input mode,
      enum answer_state want_state, const char *want)
{
	enum answer_state state;
	char *value = NULL;
	char err[256];

	if (answer_parse(question(id), input, lang, mode, &state, &value, err, sizeof(err)) < 0)
		fail_msg("%s '%s': %s", id, input, err);
	assert_int_equal(state, want_state);
	if (want)
		assert_string_equal(value, want);
	else
		assert_null(value);
	free(value);
}

static void
typed(const char *id, const char *input, const char *want)
{
	ok_as(id, input, "en", ANSWER_INPUT_TYPED, ANSWER_VALUE, want);
}

static void
refused(const char *id, const char *input, const char *lang, enum answer_input mode,
	const char *message)
{
	enum answer_state state;
	char *value = NULL;
	char err[256];

	if (answer_parse(question(id), input, lang, mode, &state, &value, err, sizeof(err)) != -1)
		fail_msg("%s '%s' (%s): taken as '%s', expected '%s'", id, input, lang,
			 value ? value : "(no value)", message);
	assert_null(value);
	if (strstr(err, message) == NULL)
		fail_msg("%s '%s': got '%s', expected '%s'", id, input, err, message);
}

static void
test_yes_no(void **state)
{
	(void)state;
	typed("L1", "1", "yes");
	typed("L1", " Yes ", "yes");
	typed("L1", "oui", "yes");
	typed("L1", "sí", "yes");
	typed("L1", "2", "no");
	typed("L1", "NON", "no");
	refused("L1", "3", "en", ANSWER_INPUT_TYPED, "answer yes or no (1 or 2)");
	refused("L1", "peut-être", "fr", ANSWER_INPUT_TYPED, "répondez oui ou non");
	refused("L1", "1", "en", ANSWER_INPUT_IMPORT, "'1' is not yes or no");
}

static void
test_dont_know_and_not_applicable(void **state)
{
	(void)state;
	ok_as("L1", "dk", "en", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("T3", "NA", "en", ANSWER_INPUT_IMPORT, ANSWER_NOT_APPLICABLE, NULL);
	refused("L1", "   ", "en", ANSWER_INPUT_TYPED, "the answer is empty");
}

static void
test_single_choice(void **state)
{
	(void)state;
	typed("T1", "3", "operational");
	typed("T1", "planned", "planned");
	typed("T1", "It is operational", "operational");
	typed("T1", "it is p", "planned"); /* a unique start of a label */
	ok_as("T1", "Il est prévu", "fr", ANSWER_INPUT_TYPED, ANSWER_VALUE, "planned");
	refused("T1", "4", "en", ANSWER_INPUT_TYPED, "choose a number from the list");
	refused("T1", "it is", "en", ANSWER_INPUT_TYPED, "choose a number"); /* not unique */
	ok_as("T1", "operational", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "operational");
	refused("T1", "3", "en", ANSWER_INPUT_IMPORT, "'3' is not one of the choices' values");
}

static void
test_scale_levels_start_at_zero(void **state)
{
	(void)state;
	typed("L2", "0", "0");
	typed("L2", "3", "3");
	typed("L2", "Regularly", "2");
	refused("L2", "4", "en", ANSWER_INPUT_TYPED, "choose a level from the list");
	ok_as("L2", "1", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "1");
}

static void
test_multiple_choice(void **state)
{
	(void)state;
	typed("T2", "3,1", "incident forensics"); /* stored in choice order */
	typed("T2", "1 2 2", "incident alerts");
	typed("T2", "Forensics, alerts", "alerts forensics");
	typed("T2", "0", "");
	refused("T2", "1,7", "en", ANSWER_INPUT_TYPED, "'7' is not a choice");
	ok_as("T2", "forensics incident", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE,
	      "incident forensics");
	ok_as("T2", "-", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "");
	refused("T2", "incident lab", "en", ANSWER_INPUT_IMPORT, "'lab' is not one of the choices");
}

static void
test_numbers(void **state)
{
	(void)state;
	typed("T3", "12", "12");
	typed("T3", "12.0", "12");
	typed("T3", "0", "0");
	refused("T3", "12.5", "en", ANSWER_INPUT_TYPED, "'12.5' is not a whole number");
	refused("T3", "501", "en", ANSWER_INPUT_TYPED, "'501' is outside the allowed range (0");
	refused("T3", "-1", "es", ANSWER_INPUT_TYPED, "está fuera del intervalo");
	refused("T3", "twelve", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("T3", "1e2", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("T3", "nan", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("T3", "0x10", "en", ANSWER_INPUT_TYPED, "is not a number");
}

/* Numbers written as people write them, on the shipped questionnaire's LE3
 * (a whole number from 0 to 1,000,000). */
static void
test_written_numbers(void **state)
{
	(void)state;
	/* spaces between groups of three digits; a decimal comma in French
	 * and Spanish, never in English, where "1,000" is ambiguous */
	typed("LE3", "1 000", "1000");
	typed("LE3", "12\u00a0500", "12500");
	typed("LE3", "1\u202f000\u202f000", "1000000");
	refused("LE3", "1 00", "en", ANSWER_INPUT_TYPED, "'1 00' is not a number");
	refused("LE3", "1 0000", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("LE3", "1 000 00", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("LE3", "1,000", "en", ANSWER_INPUT_TYPED, "'1,000' is not a number");
	ok_as("LE3", "12,0", "fr", ANSWER_INPUT_TYPED, ANSWER_VALUE, "12");
	ok_as("LE3", "1 500,0", "es", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "1500");
	refused("LE3", "12,5", "fr", ANSWER_INPUT_TYPED, "'12,5' n'est pas un nombre entier");
	refused("LE3", "1,2,3", "fr", ANSWER_INPUT_TYPED, "n'est pas un nombre");
	/* the limits print whole, grouped as they may be typed */
	refused("LE3", "2000000", "en", ANSWER_INPUT_TYPED,
		"'2000000' is outside the allowed range (0 \u2013 1\u00a0000\u00a0000)");
}

static void
test_dates(void **state)
{
	(void)state;
	typed("L3", "2019-05-01", "2019-05-01");
	typed("L3", "2024-02-29", "2024-02-29");
	refused("L3", "2023-02-29", "en", ANSWER_INPUT_TYPED, "is not a valid date");
	refused("L3", "2019-13-01", "en", ANSWER_INPUT_TYPED, "is not a valid date");
	refused("L3", "1/5/2019", "fr", ANSWER_INPUT_TYPED, "n'est pas une date valide");
	refused("L3", "1850-01-01", "en", ANSWER_INPUT_TYPED, "is not a valid date");
}

static void
test_text_is_checked(void **state)
{
	char big[ANSWER_TEXT_MAX + 2];

	(void)state;
	typed("T4", "  National forensic laboratory  ", "National forensic laboratory");
	typed("T4", "مختبر وطني \u202b", "مختبر وطني \u202b"); /* right to left is text */
	typed("T4", "O'Brien; DROP TABLE answer; --", "O'Brien; DROP TABLE answer; --");
	refused("T4", "red \033[31m alert", "en", ANSWER_INPUT_TYPED, "control characters");
	refused("T4", "bell \a", "en", ANSWER_INPUT_TYPED, "control characters");
	refused("T4", "c1 \xc2\x9b", "en", ANSWER_INPUT_TYPED, "control characters");
	refused("T4", "bad \xff", "en", ANSWER_INPUT_TYPED, "not valid UTF-8");
	refused("T4", "overlong \xc0\xaf", "en", ANSWER_INPUT_TYPED, "not valid UTF-8");
	refused("T4", "surrogate \xed\xa0\x80", "en", ANSWER_INPUT_TYPED, "not valid UTF-8");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	refused("T4", big, "en", ANSWER_INPUT_TYPED, "the text is too long");
}

static void
test_describe_and_score(void **state)
{
	char *d;

	(void)state;
	d = answer_describe(question("T2"), ANSWER_VALUE, "incident forensics", "fr");
	assert_string_equal(d, "Traitement des incidents; Analyse forensique");
	free(d);
	d = answer_describe(question("T2"), ANSWER_VALUE, "", "es");
	assert_string_equal(d, "ninguno");
	free(d);
	d = answer_describe(question("L1"), ANSWER_DONT_KNOW, NULL, "fr");
	assert_string_equal(d, "ne sait pas");
	free(d);
	d = answer_describe(question("L2"), ANSWER_VALUE, "2", "en");
	assert_string_equal(d, "Regularly (2)");
	free(d);
	/* numbers read as people write them */
	d = answer_describe(question("LE3"), ANSWER_VALUE, "12500", "fr");
	assert_string_equal(d, "12\u00a0500");
	free(d);
	d = answer_describe(question("T3"), ANSWER_VALUE, "40", "en");
	assert_string_equal(d, "40");
	free(d);
	assert_true(answer_score(question("T2"), "incident forensics") == 0.4 + 0.3);
	assert_true(answer_score(question("T2"), "incident alerts forensics") == 1);
	assert_true(answer_score(question("T3"), "3") == 0.5);
	assert_true(answer_score(question("T3"), "0") == 0);
	assert_true(answer_score(question("L2"), "1") == 0.3);
	assert_true(answer_score(question("T4"), "anything") == -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_dont_know_and_not_applicable),
		cmocka_unit_test(test_single_choice),
		cmocka_unit_test(test_scale_levels_start_at_zero),
		cmocka_unit_test(test_multiple_choice),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_written_numbers),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_text_is_checked),
		cmocka_unit_test(test_describe_and_score),
	};

	return cmocka_run_group_tests_name("answer", tests, setup, teardown);
}
