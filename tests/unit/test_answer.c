/* Unit tests of answer parsing, description and scoring, on the example
 * questionnaire's questions (one of every type), the shipped one's, and a
 * fixture in English, Russian, Arabic and Chinese. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answer.h"
#include "xmalloc.h"

static struct questionnaire *q;
static struct questionnaire *shipped;	/* for questions example.xml lacks */
static struct questionnaire *languages; /* W1..W5, in en ru ar zh */

static int
setup(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	q = questionnaire_load("questionnaires/example.xml", &d, NULL);
	shipped = questionnaire_load("questionnaires/cirt-readiness.xml", &d, NULL);
	languages =
		questionnaire_load("tests/fixtures/labels-with-commas-en-ru-ar-zh.xml", &d, NULL);
	diag_release(&d);
	return q && shipped && languages ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	questionnaire_free(q);
	questionnaire_free(shipped);
	questionnaire_free(languages);
	questionnaire_library_cleanup();
	return 0;
}

static const struct question *
question(const char *id)
{
	const struct question *qu = questionnaire_find_question(q, id);

	if (qu == NULL)
		qu = questionnaire_find_question(shipped, id);
	if (qu == NULL)
		qu = questionnaire_find_question(languages, id);
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
	char err[1024];

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
	char err[1024];

	if (answer_parse(question(id), input, lang, mode, &state, &value, err, sizeof(err)) != -1)
		fail_msg("%s '%s' (%s): taken as '%s', expected '%s'", id, input, lang,
			 value ? value : "(no value)", message);
	assert_null(value);
	if (strstr(err, message) == NULL)
		fail_msg("%s '%s': got '%s', expected '%s'", id, input, err, message);
}

/* input typed in lang must parse to the value want */
static void
typed_in(const char *id, const char *input, const char *lang, const char *want)
{
	ok_as(id, input, lang, ANSWER_INPUT_TYPED, ANSWER_VALUE, want);
}

static void
test_yes_no(void **state)
{
	(void)state;
	typed("L1", "1", "yes");
	typed("L1", " Yes ", "yes");
	typed("L1", "2", "no");
	typed("L1", "NON", "no");
	/* the words of every language cirt knows: none means the other's */
	typed("L1", "oui", "yes");
	typed("L1", "sí", "yes");
	typed_in("L1", "да", "ru", "yes");
	typed_in("L1", "ДА", "ru", "yes");
	typed_in("L1", "нет", "ru", "no");
	typed_in("W1", "نعم", "ar", "yes");
	typed_in("W1", "لا", "ar", "no");
	typed_in("W1", "是", "zh", "yes");
	typed_in("W1", "否", "zh", "no");
	typed_in("W1", "yes", "zh", "yes"); /* English always */
	ok_as("W1", "нет", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "no");
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
	ok_as("T1", "na", "en", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	ok_as("L1", "don\u2019t know", "en", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	refused("L1", "   ", "en", ANSWER_INPUT_TYPED, "the answer is empty");
}

/* Don't know, not applicable and none in the session's language, for every
 * language cirt has words in, and English in all of them. */
static void
test_keywords_follow_the_language(void **state)
{
	(void)state;
	ok_as("L1", "nsp", "fr", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("L1", "Ne sait pas", "fr", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("T3", "sans objet", "fr", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	ok_as("L1", "nsp", "fr-CA", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("L1", "no sabe", "es", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W1", "не знаю", "ru", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W1", "НЗ", "ru", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W4", "не  применимо", "ru", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	ok_as("W1", "لا أعرف", "ar", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W3", "لا ينطبق", "ar", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	ok_as("W1", "不知道", "zh", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W5", "不适用", "zh", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	ok_as("W1", "dk", "ru", ANSWER_INPUT_TYPED, ANSWER_DONT_KNOW, NULL);
	ok_as("W1", "not applicable", "zh", ANSWER_INPUT_TYPED, ANSWER_NOT_APPLICABLE, NULL);
	/* another language's words are text in this one */
	typed("T4", "nsp", "nsp");
	refused("L1", "не знаю", "fr", ANSWER_INPUT_TYPED, "répondez oui ou non");
	/* none of the choices */
	typed_in("T2", "aucun", "fr", "");
	typed_in("W2", "ничего", "ru", "");
	typed_in("W2", "لا شيء", "ar", "");
	typed_in("W2", "无", "zh", "");
	typed_in("W2", "None", "ru", "");
	typed_in("W2", "-", "ar", "");
	/* the words a hint shows, and the test a confirmation uses */
	assert_string_equal(answer_keyword("ru", ANSWER_KEYWORD_DONT_KNOW), "нз");
	assert_string_equal(answer_keyword("fr", ANSWER_KEYWORD_NONE), "aucun");
	assert_string_equal(answer_keyword("zh-Hans", ANSWER_KEYWORD_YES), "是");
	assert_string_equal(answer_keyword("de", ANSWER_KEYWORD_YES), "yes");
	assert_true(answer_is_keyword(" Oui ", "fr", ANSWER_KEYWORD_YES));
	assert_true(answer_is_keyword("y", "fr", ANSWER_KEYWORD_YES));
	assert_true(answer_is_keyword("Нет", "ru", ANSWER_KEYWORD_NO));
	assert_false(answer_is_keyword("да", "fr", ANSWER_KEYWORD_YES));
	assert_false(answer_is_keyword("yes", "en", ANSWER_KEYWORD_NO));
}

static void
test_single_choice(void **state)
{
	(void)state;
	typed("T1", "3", "operational");
	typed("T1", "planned", "planned");
	typed("T1", "It is operational", "operational");
	typed("T1", "it is p", "planned"); /* a unique start of a label */
	typed("T1", "T", "none");	   /* one letter is enough when unique */
	typed("LC2", "Also com", "2");
	typed_in("LC2", "aussi la f", "fr", "2");
	typed_in("T1", "Il est prévu", "fr", "planned");
	typed_in("W5", "министерство", "ru", "ministry");
	typed_in("W5", "2", "zh", "ministry");
	refused("T1", "4", "en", ANSWER_INPUT_TYPED, "'4' is not on the list; choose 1 to 3");
	refused("T1", "0", "en", ANSWER_INPUT_TYPED, "'0' is not on the list; choose 1 to 3");
	refused("T1", "4", "es", ANSWER_INPUT_TYPED, "'4' no está en la lista; elija de 1 a 3");
	refused("T1", "nothing like it", "en", ANSWER_INPUT_TYPED,
		"choose a number from the list, or type a choice's value or label");
	ok_as("T1", "operational", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "operational");
	refused("T1", "3", "en", ANSWER_INPUT_IMPORT, "'3' is not one of the choices' values");
}

/* Starts several labels share are refused with the candidates and their
 * numbers. */
static void
test_ambiguous_starts(void **state)
{
	enum answer_state st;
	char *value = NULL;
	char err[120];

	(void)state;
	refused("T1", "it is", "en", ANSWER_INPUT_TYPED,
		"'it is' matches several choices; type more of the label or its number: "
		"2) It is planned; 3) It is operational");
	refused("LC2", "Also", "en", ANSWER_INPUT_TYPED,
		"'Also' matches several choices; type more of the label or its number: "
		"3) Also computer-related fraud and forgery; "
		"4) Also content offences such as child sexual abuse material");
	refused("LC2", "A", "en", ANSWER_INPUT_TYPED,
		": 1) A single general offence; 2) Attacks on systems and data; 3) Also");
	refused("T1", "il est", "fr", ANSWER_INPUT_TYPED,
		"'il est' correspond à plusieurs choix ; tapez plus du libellé ou son numéro : "
		"2) Il est prévu; 3) Il est opérationnel");
	refused("W5", "Национальный", "ru", ANSWER_INPUT_TYPED,
		": 1) Национальный CIRT; 3) Национальный CIRT вместе с министерством");
	/* the list is cut to fit the caller's buffer */
	assert_int_equal(answer_parse(question("LC2"), "A", "en", ANSWER_INPUT_TYPED, &st, &value,
				      err, sizeof(err)),
			 -1);
	assert_null(value);
	assert_true(strlen(err) < sizeof(err));
	assert_non_null(strstr(err, "1) A single general offence"));
	assert_non_null(strstr(err, " \u2026"));
}

/* Typed, a scale's levels are numbered from 1 like every list; imported,
 * a level is its own value. Values and scores do not change. */
static void
test_scale_levels_numbered_from_one(void **state)
{
	(void)state;
	typed("L2", "1", "0");
	typed("L2", "4", "3");
	typed("L2", "Regularly", "2");
	typed_in("W3", "3", "ar", "2");
	typed_in("W3", "каждый год", "ru", "2");
	refused("L2", "0", "en", ANSWER_INPUT_TYPED, "'0' is not on the list; choose 1 to 4");
	refused("L2", "5", "en", ANSWER_INPUT_TYPED, "'5' is not on the list; choose 1 to 4");
	refused("L2", "5", "fr", ANSWER_INPUT_TYPED,
		"'5' n'est pas dans la liste ; choisissez de 1 à 4");
	refused("L2", "often", "en", ANSWER_INPUT_TYPED, "choose a level from the list");
	ok_as("L2", "1", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "1");
	ok_as("L2", "0", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "0");
	ok_as("L2", "Rarely", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "1");
	refused("L2", "4", "en", ANSWER_INPUT_IMPORT, "'4' is not one of the levels");
	/* the number that names a choice when typed */
	assert_int_equal(answer_choice_number(question("L2"), "0"), 1);
	assert_int_equal(answer_choice_number(question("L2"), "3"), 4);
	assert_int_equal(answer_choice_number(question("T1"), "operational"), 3);
	assert_int_equal(answer_choice_number(question("L1"), "no"), 2);
	assert_int_equal(answer_choice_number(question("T1"), "nosuch"), 0);
	assert_int_equal(answer_choice_number(question("T3"), "12"), 0);
}

static void
test_multiple_choice(void **state)
{
	(void)state;
	typed("T2", "3,1", "incident forensics"); /* stored in choice order */
	typed("T2", "1 2 2", "incident alerts");
	typed("T2", "1; 3", "incident forensics");
	typed("T2", "Forensics, alerts", "alerts forensics");
	typed("T2", "Alerts and warnings", "alerts");
	typed("T2", "inc; for", "incident forensics"); /* unique starts */
	typed("T2", "-", "");
	typed("T2", "none", "");
	refused("T2", "0", "en", ANSWER_INPUT_TYPED, "'0' is not on the list; choose 1 to 3");
	refused("T2", "0,1", "en", ANSWER_INPUT_TYPED, "'0' is not on the list; choose 1 to 3");
	refused("T2", "1,7", "en", ANSWER_INPUT_TYPED, "'7' is not on the list; choose 1 to 3");
	refused("T2", "1 7", "en", ANSWER_INPUT_TYPED, "'7' is not on the list; choose 1 to 3");
	refused("T2", "1, lab", "en", ANSWER_INPUT_TYPED,
		"'lab' is not a choice; choose numbers or labels from the list separated by "
		"commas, or - for none");
	refused("T2", ",;", "en", ANSWER_INPUT_TYPED, "',;' is not a choice");
	typed("T2", "a", "alerts");
	ok_as("T2", "forensics incident", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE,
	      "incident forensics");
	ok_as("T2", "-", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "");
	refused("T2", "incident lab", "en", ANSWER_INPUT_IMPORT, "'lab' is not one of the choices");
	refused("T2", "1", "en", ANSWER_INPUT_IMPORT, "'1' is not one of the choices");
}

/* Labels that hold a comma are typed whole, alone or among others; runs of
 * pieces that spell a whole label come before single pieces. */
static void
test_labels_with_commas(void **state)
{
	(void)state;
	typed("CA2", "Children, parents and teachers", "children");
	typed("CA2", "children,parents  and teachers; older people", "children older-people");
	typed("CA2", "Children, parents and teachers, Civil servants", "children officials");
	typed("CA2", "Businesses, including small ones, 3", "business children");
	typed("CA2", "Child", "children");
	typed("CA2", "3, 5", "children officials");
	typed_in("CA2", "les enfants, les parents et les enseignants", "fr", "children");
	typed_in("CA2", "Niños, padres y docentes; 1", "es", "public children");
	ok_as("CA2", "Children, parents and teachers", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE,
	      "children");
	ok_as("CA2", "children older-people", "en", ANSWER_INPUT_IMPORT, ANSWER_VALUE,
	      "children older-people");
	/* two labels that start alike */
	typed("W2", "Children, parents and teachers", "families");
	typed("W2", "Children in school, children, parents and teachers", "families pupils");
	refused("W2", "Children", "en", ANSWER_INPUT_TYPED,
		"1) Children, parents and teachers; 2) Children in school");
	refused("W2", "Children, parents", "en", ANSWER_INPUT_TYPED,
		"'Children' matches several choices");
	/* in Russian, Arabic and Chinese, with their own commas */
	typed_in("W2", "дети, родители и учителя; предприятия", "ru", "families business");
	refused("W2", "Дети", "ru", ANSWER_INPUT_TYPED,
		"1) Дети, родители и учителя; 2) Дети в школах");
	typed_in("W2", "الأطفال، الآباء والمعلمون", "ar", "families");
	typed_in("W2", "1، 3", "ar", "families business");
	typed_in("W2", "儿童、家长和教师", "zh", "families");
	typed_in("W2", "1，3", "zh", "families business");
	typed_in("W2", "企业；公务员", "zh", "business officials");
	typed_in("W2", "Children, parents and teachers; 4", "zh", "families officials");
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
 * (a whole number from 0 to 1,000,000) and the fixture's W4 (0 to
 * 100,000, decimals allowed). */
static void
test_written_numbers(void **state)
{
	(void)state;
	/* spaces between groups of three digits */
	typed("LE3", "1 000", "1000");
	typed("LE3", "12\u00a0500", "12500");
	typed("LE3", "1\u202f000\u202f000", "1000000");
	refused("LE3", "1 00", "en", ANSWER_INPUT_TYPED, "'1 00' is not a number");
	refused("LE3", "1 0000", "en", ANSWER_INPUT_TYPED, "is not a number");
	refused("LE3", "1 000 00", "en", ANSWER_INPUT_TYPED, "is not a number");
	ok_as("LE3", "12,0", "fr", ANSWER_INPUT_TYPED, ANSWER_VALUE, "12");
	ok_as("LE3", "1 500,0", "es", ANSWER_INPUT_IMPORT, ANSWER_VALUE, "1500");
	refused("LE3", "12,5", "fr", ANSWER_INPUT_TYPED, "'12,5' n'est pas un nombre entier");
	refused("LE3", "1,2,3", "fr", ANSWER_INPUT_TYPED, "n'est pas un nombre");
	/* the limits print whole, grouped as they may be typed */
	refused("LE3", "2000000", "en", ANSWER_INPUT_TYPED,
		"'2000000' is outside the allowed range (0 \u2013 1\u00a0000\u00a0000)");
}

/* A decimal comma in every language that writes one, never in one that
 * does not; a thousand or a decimal ("1,000") is refused as ambiguous. */
static void
test_decimal_commas(void **state)
{
	(void)state;
	typed_in("W4", "12,5", "ru", "12.5");
	typed_in("W4", "12,5", "de", "12.5");
	typed_in("W4", "0,125", "pt-BR", "0.125");
	typed_in("W4", "1 000,5", "ru", "1000.5");
	typed_in("W4", "12,5", "fr-CA", "12.5");
	typed_in("W4", "12.5", "ru", "12.5"); /* a point is always a decimal point */
	typed_in("W4", "1.000", "en", "1");
	typed_in("W4", "12.5", "zh", "12.5");
	refused("W4", "12,5", "en", ANSWER_INPUT_TYPED, "'12,5' is not a number");
	refused("W4", "12,5", "zh", ANSWER_INPUT_TYPED, "“12,5”不是数字");
	refused("W4", "1,000", "en", ANSWER_INPUT_TYPED,
		"'1,000' is ambiguous: write thousands as 1000 or 1 000, and a decimal as 1.5");
	refused("W4", "2,500", "fr", ANSWER_INPUT_TYPED, "'2,500' est ambigu");
	refused("W4", "1,000", "ru", ANSWER_INPUT_TYPED, "«1,000» — неоднозначная запись");
	refused("W4", "1.000", "de", ANSWER_INPUT_TYPED, "'1.000' is ambiguous");
	refused("W4", "10,000,000", "en", ANSWER_INPUT_TYPED, "is ambiguous");
	refused("LE3", "1,000", "en", ANSWER_INPUT_IMPORT, "'1,000' is ambiguous");
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

/* Answers indexed by question: each question's first answer, whatever the
 * order of the set, none for a question without one, and none for an
 * answer to a question the questionnaire lacks. */
static void
test_index_by_question(void **state)
{
	static const char *const ids[] = {"T2", "GONE", "L1", "T2", "C1"};
	struct answer items[5];
	struct answer_set s = {items, 5, 5};
	const struct answer **by = xcalloc(q->question_count + 1, sizeof(*by));

	(void)state;
	memset(items, 0, sizeof(items));
	for (size_t i = 0; i < 5; i++)
		items[i].question_id = (char *)(uintptr_t)ids[i];
	answer_set_index(q, &s, by);
	for (size_t i = 0; i < q->question_count; i++) {
		const char *id = q->questions[i].id;

		if (strcmp(id, "T2") == 0)
			assert_ptr_equal(by[i], &items[0]);
		else if (strcmp(id, "L1") == 0)
			assert_ptr_equal(by[i], &items[2]);
		else if (strcmp(id, "C1") == 0)
			assert_ptr_equal(by[i], &items[4]);
		else
			assert_null(by[i]);
		assert_ptr_equal(by[i], answer_set_find(&s, id));
	}
	s.count = 0;
	answer_set_index(q, &s, by);
	for (size_t i = 0; i < q->question_count; i++)
		assert_null(by[i]);
	free(by);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_by_question),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_dont_know_and_not_applicable),
		cmocka_unit_test(test_keywords_follow_the_language),
		cmocka_unit_test(test_single_choice),
		cmocka_unit_test(test_ambiguous_starts),
		cmocka_unit_test(test_scale_levels_numbered_from_one),
		cmocka_unit_test(test_multiple_choice),
		cmocka_unit_test(test_labels_with_commas),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_written_numbers),
		cmocka_unit_test(test_decimal_commas),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_text_is_checked),
		cmocka_unit_test(test_describe_and_score),
	};

	return cmocka_run_group_tests_name("answer", tests, setup, teardown);
}
