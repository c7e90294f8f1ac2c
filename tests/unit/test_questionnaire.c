/* Unit tests of the questionnaire loader: the model it builds and every
 * rule it enforces. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "questionnaire.h"
#include "xmalloc.h"

#define FIXTURE(name) "tests/fixtures/" name

static struct questionnaire *
load(const char *path, struct diag *d)
{
	int io_error = -1;
	struct questionnaire *q = questionnaire_load(path, d, &io_error);

	assert_int_equal(io_error, 0);
	return q;
}

/* The file must be refused with a message starting "PATH:LINE: " that
 * contains text. */
static void
expect_refused(const char *path, long line, const char *text)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = load(path, &d);
	char *prefix = line ? xasprintf("%s:%ld: ", path, line) : xasprintf("%s: ", path);
	int found = 0;

	assert_null(q);
	assert_true(d.count > 0);
	for (size_t i = 0; i < d.count; i++)
		if (strncmp(d.messages[i], prefix, strlen(prefix)) == 0 &&
		    strstr(d.messages[i], text))
			found = 1;
	if (!found) {
		for (size_t i = 0; i < d.count; i++)
			print_message("  got: %s\n", d.messages[i]);
		fail_msg("no message '%s...%s'", prefix, text);
	}
	free(prefix);
	diag_release(&d);
}

static struct questionnaire *example;

static int
load_example(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	example = load("questionnaires/example.xml", &d);
	for (size_t i = 0; i < d.count; i++)
		print_message("%s\n", d.messages[i]);
	diag_release(&d);
	return example ? 0 : -1;
}

static int
free_example(void **state)
{
	(void)state;
	questionnaire_free(example);
	questionnaire_library_cleanup();
	return 0;
}

static void
test_example_structure(void **state)
{
	const struct questionnaire *q = example;

	(void)state;
	assert_string_equal(q->id, "example");
	assert_string_equal(q->version, "1.0");
	assert_string_equal(q->default_lang, "en");
	assert_int_equal(q->language_count, 2);
	assert_string_equal(q->languages[0], "en");
	assert_string_equal(q->languages[1], "fr");
	assert_int_equal(q->pillar_count, 3);
	assert_int_equal(q->indicator_count, 3);
	assert_int_equal(q->question_count, 9);
	assert_int_equal(q->tier_count, 5);
	assert_string_equal(q->pillars[1].id, "technical");
	assert_int_equal(q->pillars[1].first_indicator, 1);
	assert_int_equal(q->pillars[1].indicator_count, 1);
	assert_string_equal(q->indicators[1].id, "national-cirt");
	assert_int_equal(q->indicators[1].first_question, 3);
	assert_int_equal(q->indicators[1].question_count, 4);
	assert_true(q->indicators[1].weight == 2);
	assert_int_equal(q->questions[5].indicator, 1);
	assert_int_equal(q->questions[5].pillar, 1);
	assert_string_equal(q->tiers[4].id, "role-modelling");
	assert_true(q->tiers[4].min == 95);
}

static void
test_example_questions(void **state)
{
	const struct question *l1 = questionnaire_find_question(example, "L1");
	const struct question *l2 = questionnaire_find_question(example, "L2");
	const struct question *t2 = questionnaire_find_question(example, "T2");
	const struct question *t3 = questionnaire_find_question(example, "T3");
	const struct question *c1 = questionnaire_find_question(example, "C1");

	(void)state;
	assert_non_null(l1);
	assert_int_equal(l1->type, QUESTION_YESNO);
	assert_true(l1->required);
	assert_true(l1->evidence);
	assert_int_equal(l1->choice_count, 2);
	assert_string_equal(l1->choices[0].value, "yes");
	assert_true(l1->choices[0].score == 1 && l1->choices[1].score == 0);
	assert_null(l1->condition);

	assert_int_equal(l2->type, QUESTION_SCALE);
	assert_int_equal(l2->choice_count, 4);
	assert_string_equal(l2->choices[2].value, "2");
	assert_true(l2->choices[2].score == 0.7);
	assert_string_equal(text_get(&l2->choices[3].label, "fr"), "Systématiquement");
	assert_non_null(l2->condition);
	assert_int_equal(l2->condition->question, 0);

	assert_int_equal(t2->type, QUESTION_MULTI);
	assert_true(t2->weight == 2);
	assert_true(question_max_score(t2) == 1);

	assert_int_equal(t3->type, QUESTION_NUMBER);
	assert_true(t3->has_min && t3->has_max && t3->integer);
	assert_true(t3->min == 0 && t3->max == 500);
	assert_int_equal(t3->range_count, 3);
	assert_true(t3->ranges[1].min == 1 && t3->ranges[1].max == 4);
	assert_true(question_is_scored(t3));

	assert_false(question_is_scored(questionnaire_find_question(example, "T4")));
	assert_false(question_is_scored(questionnaire_find_question(example, "L3")));
	assert_null(questionnaire_find_question(example, "nosuch"));
	assert_non_null(question_find_choice(c1, "no"));
	assert_null(question_find_choice(c1, "maybe"));
}

static void
test_example_conditions_resolve_to_earlier_questions(void **state)
{
	const struct question *t4 = questionnaire_find_question(example, "T4");
	const struct question *c2 = questionnaire_find_question(example, "C2");

	(void)state;
	assert_string_equal(t4->condition_source, "T2 has forensics");
	assert_int_equal(t4->condition->question, 4); /* T2 */
	assert_int_equal(c2->condition->kind, COND_AND);
	assert_int_equal(c2->condition->left->question, 7);	   /* C1 */
	assert_int_equal(c2->condition->right->left->question, 3); /* T1 */
}

static void
test_translations(void **state)
{
	const struct pillar *p = &example->pillars[0];

	(void)state;
	assert_string_equal(text_get(&p->title, "en"), "Legal measures");
	assert_string_equal(text_get(&p->title, "fr"), "Mesures juridiques");
	assert_string_equal(text_get(&p->title, "de"), "Legal measures");
	assert_string_equal(text_get(&p->title, NULL), "Legal measures");
	assert_true(text_has(&p->title, "fr"));
	assert_false(text_has(&p->title, "es"));
	assert_string_equal(p->title.variants[0].lang, "en");
	assert_true(questionnaire_has_language(example, "fr"));
	assert_false(questionnaire_has_language(example, "es"));
	assert_string_equal(
		text_get(&example->questions[0].help, "fr"),
		"Demander le titre et le numéro de la loi, et l'article qui définit l'infraction.");
}

static void
test_points_and_best_scores(void **state)
{
	(void)state;
	assert_true(questionnaire_pillar_points(example, 0) == 25);
	assert_true(questionnaire_pillar_points(example, 2) == 50);
	assert_true(questionnaire_indicator_max(example, 0) == 1);
}

static void
test_best_scores_below_full_marks(void **state)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = load(FIXTURE("max-score-below-full.xml"), &d);

	(void)state;
	assert_non_null(q);
	assert_true(questionnaire_indicator_max(q, 0) == 1);
	assert_true(questionnaire_indicator_max(q, 1) == 0.5);
	assert_true(questionnaire_pillar_points(q, 0) == 100);
	questionnaire_free(q);
	diag_release(&d);
}

static void
test_white_space_is_normalised(void **state)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = load(FIXTURE("valid-minimal.xml"), &d);

	(void)state;
	assert_non_null(q);
	assert_string_equal(text_get(&q->title, "en"), "Minimal questionnaire");
	assert_string_equal(text_get(&q->indicators[0].recommendation.text, "en"),
			    "First paragraph.\nSecond paragraph.");
	assert_int_equal(q->language_count, 0);
	assert_true(questionnaire_has_language(q, "en"));
	questionnaire_free(q);
	diag_release(&d);
}

static void
test_duplicate_ids(void **state)
{
	(void)state;
	expect_refused(FIXTURE("duplicate-ids.xml"), 11,
		       "duplicate id 'q1': question here, question on line 9");
	expect_refused(FIXTURE("duplicate-ids.xml"), 12,
		       "duplicate id 'i1': question here, indicator on line 6");
}

static void
test_condition_rules(void **state)
{
	(void)state;
	expect_refused(FIXTURE("condition-on-later-question.xml"), 9,
		       "condition refers to question 'q2', which comes later (line 10)");
	expect_refused(FIXTURE("condition-unknown-question.xml"), 10,
		       "condition refers to unknown question 'nosuch'");
	expect_refused(FIXTURE("condition-unknown-question.xml"), 11,
		       "condition refers to the question itself");
	expect_refused(FIXTURE("condition-syntax-error.xml"), 10,
		       "column 13: expected a question id");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 21,
		       "operator '>' cannot test yesno");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 22,
		       "'maybe', which is not one of its choices");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 23,
		       "scale 'q2' has levels 0 to 1, not 5");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 24,
		       "is tested with 'has', not '='");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 25,
		       "cannot test text question 'q4'");
	expect_refused(FIXTURE("condition-wrong-operator.xml"), 26,
		       "'has' tests multiple choice questions only");
}

static void
test_languages(void **state)
{
	(void)state;
	expect_refused(FIXTURE("missing-default-language.xml"), 5,
		       "'title' has no text in the default language 'en'");
	expect_refused(FIXTURE("missing-default-language.xml"), 9,
		       "element 'text': language 'en' appears twice");
	expect_refused(FIXTURE("missing-declared-language.xml"), 17,
		       "'label' has no 'fr' text, but the questionnaire declares that language");
}

static void
test_tiers_weights_and_scores(void **state)
{
	(void)state;
	expect_refused(FIXTURE("tiers-not-increasing.xml"), 13, "the first tier must start at 0");
	expect_refused(FIXTURE("tiers-not-increasing.xml"), 15,
		       "tier 'high': min 40 must be greater than the previous tier's min 60");
	expect_refused(FIXTURE("score-out-of-range.xml"), 11,
		       "The value '1.5' is greater than the maximum value allowed ('1')");
	expect_refused(FIXTURE("weight-not-positive.xml"), 9, "must be greater than '0'");
}

static void
test_question_shapes(void **state)
{
	(void)state;
	expect_refused(FIXTURE("question-shape-errors.xml"), 9,
		       "needs at least two <choice> elements");
	expect_refused(FIXTURE("question-shape-errors.xml"), 13, "min 10 is greater than max 1");
	expect_refused(FIXTURE("question-shape-errors.xml"), 15,
		       "range min 5 is greater than max 2");
	expect_refused(FIXTURE("question-shape-errors.xml"), 17,
		       "attribute 'min' applies only to number questions");
	expect_refused(FIXTURE("question-shape-errors.xml"), 20,
		       "a scale question cannot have <choice> elements");
	expect_refused(FIXTURE("question-shape-errors.xml"), 26, "choice value 'a' appears twice");
	expect_refused(FIXTURE("indicator-without-scored-question.xml"), 6,
		       "indicator 'i1' has no scored question");
}

static void
test_structure_errors(void **state)
{
	(void)state;
	expect_refused(FIXTURE("malformed-unclosed-tag.xml"), 6,
		       "Opening and ending tag mismatch: title line 5 and pillar");
	expect_refused(FIXTURE("unknown-element.xml"), 9,
		       "Element 'colour': This element is not expected");
	expect_refused(FIXTURE("no-namespace.xml"), 2,
		       "the root element needs xmlns=\"urn:cirt:questionnaire:1\"");
}

static void
test_every_error_is_reported(void **state)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = load(FIXTURE("several-errors.xml"), &d);

	(void)state;
	assert_null(q);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.lines[0], 9);
	assert_int_equal(d.lines[1], 10);
	assert_int_equal(d.lines[2], 11);
	assert_int_equal(d.lines[3], 15);
	diag_release(&d);
}

/* Nothing of an entity's content may appear in any message. */
static void
expect_doctype_refused(const char *path)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = load(path, &d);

	assert_null(q);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.messages[0],
			       ":2: document type declarations (<!DOCTYPE>) are not allowed"));
	assert_null(strstr(d.messages[0], "root:"));
	assert_null(strstr(d.messages[0], "laugh"));
	diag_release(&d);
}

static void
test_doctypes_and_entities_are_refused(void **state)
{
	(void)state;
	expect_doctype_refused(FIXTURE("xxe-file-entity.xml"));
	expect_doctype_refused(FIXTURE("xxe-network-entity.xml"));
	expect_doctype_refused(FIXTURE("xxe-parameter-entity.xml"));
	expect_doctype_refused(FIXTURE("external-dtd.xml"));
	expect_doctype_refused(FIXTURE("entity-expansion.xml"));
}

static void
expect_memory_refused(const char *data, size_t size, const char *text)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q = questionnaire_load_memory(data, size, "mem.xml", &d);

	assert_null(q);
	assert_true(d.count > 0);
	if (strstr(d.messages[0], text) == NULL)
		fail_msg("got '%s', expected '%s'", d.messages[0], text);
	diag_release(&d);
}

static void
test_deep_nesting(void **state)
{
	const char *head = "<questionnaire xmlns=\"urn:cirt:questionnaire:1\">";
	size_t levels = 10000;
	size_t size = strlen(head) + levels * 7 + 32;
	char *doc = xmalloc(size);
	size_t n = (size_t)sprintf(doc, "%s", head);

	(void)state;
	for (size_t i = 0; i < levels; i++)
		n += (size_t)sprintf(doc + n, "<a>");
	for (size_t i = 0; i < levels; i++)
		n += (size_t)sprintf(doc + n, "</a>");
	n += (size_t)sprintf(doc + n, "</questionnaire>");
	expect_memory_refused(doc, n, "mem.xml:1: elements are nested too deeply");
	free(doc);
}

static void
test_bad_bytes(void **state)
{
	static const char bad_utf8[] = "<?xml version=\"1.0\"?>\n<q>\xff\xfe</q>";
	static const char utf16[] = "\xff\xfe<\0?\0x\0m\0l\0";
	static const char nul[] = "<?xml version=\"1.0\"?>\n<q>a\0b</q>";
	static const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
				     "<q>\xe9</q>";

	(void)state;
	expect_memory_refused(bad_utf8, sizeof(bad_utf8) - 1, "mem.xml:2: text is not valid UTF-8");
	expect_memory_refused(utf16, sizeof(utf16) - 1, "mem.xml:1: file is UTF-16");
	expect_memory_refused(nul, sizeof(nul) - 1, "mem.xml:2: Char 0x0 out of allowed range");
	expect_memory_refused(latin1, sizeof(latin1) - 1,
			      "mem.xml:1: file declares encoding 'ISO-8859-1'");
	expect_memory_refused("\xEF\xBB\xBF<a/>", 7,
			      "mem.xml:1: file starts with a byte order mark");
	expect_memory_refused("", 0, "mem.xml:1: Document is empty");
	expect_memory_refused("<a>", 3, "mem.xml:1:");
}

static void
test_c1_control_characters_are_refused(void **state)
{
	static const char doc[] =
		"<questionnaire xmlns=\"urn:cirt:questionnaire:1\" id=\"t\" version=\"1\" "
		"default-lang=\"en\">\n"
		"<title>Bad \xc2\x9b"
		"31m title</title>\n"
		"<pillar id=\"p\"><title>P</title><indicator id=\"i\"><title>I</title>\n"
		"<recommendation>R</recommendation><question id=\"q\" "
		"type=\"yesno\"><text>Q</text></question>\n"
		"</indicator></pillar><tiers><tier id=\"t0\" "
		"min=\"0\"><name>T</name></tier></tiers>\n"
		"</questionnaire>\n";

	(void)state;
	expect_memory_refused(
		doc, sizeof(doc) - 1,
		"mem.xml:2: element 'title': control character U+009B is not allowed");
}

/* A growing string: append to it as printf would. */
struct buffer {
	char *data;
	size_t len;
	size_t alloc;
};

static void append(struct buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
append(struct buffer *b, const char *fmt, ...)
{
	va_list ap;
	char *part;
	size_t n;

	va_start(ap, fmt);
	part = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(part);
	xgrow((void **)&b->data, &b->alloc, b->len + n + 1, 1);
	memcpy(b->data + b->len, part, n + 1);
	b->len += n;
	free(part);
}

/* A questionnaire of count yes/no questions "q1".."qN" in indicators of
 * 100, in memory; extra(i) gives question i's attributes beyond id and
 * type (a show-if, or an id that replaces "qI"), or NULL. */
static char *
many_questions(size_t count, const char *(*extra)(size_t i))
{
	struct buffer b = {NULL, 0, 0};

	append(&b,
	       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<questionnaire xmlns=\"urn:cirt:questionnaire:1\" id=\"t\" version=\"1\" "
	       "default-lang=\"en\">\n<title>Many</title>\n<pillar id=\"p\"><title>P</title>\n");
	for (size_t i = 1; i <= count; i++) {
		const char *more = extra ? extra(i) : NULL;

		if (i % 100 == 1)
			append(&b,
			       "<indicator id=\"i%zu\"><title>I</title>"
			       "<recommendation>R</recommendation>\n",
			       i);
		if (more && strncmp(more, "id=", 3) == 0)
			append(&b, "<question %s type=\"yesno\"><text>Q?</text></question>\n",
			       more);
		else
			append(&b,
			       "<question id=\"q%zu\" "
			       "type=\"yesno\"%s%s><text>Q?</text></question>\n",
			       i, more ? " " : "", more ? more : "");
		if (i % 100 == 0 || i == count)
			append(&b, "</indicator>\n");
	}
	append(&b,
	       "</pillar>\n<tiers><tier id=\"low\" min=\"0\"><name>Low</name></tier></tiers>\n"
	       "</questionnaire>\n");
	return b.data;
}

/* The line of question i in many_questions' file: after four lines of
 * heading, each indicator takes its questions' lines and two of its own. */
static long
many_line(size_t i)
{
	return (long)(4 + i + 1 + 2 * ((i - 1) / 100));
}

static const char *
far_conditions(size_t i)
{
	if (i == 3000) /* the last tests the first */
		return "show-if=\"q1 = yes\"";
	if (i > 1 && i % 7 == 0) {
		static char buf[96];

		snprintf(buf, sizeof(buf), "show-if=\"q%zu = no or q%zu = yes\"", i - 1, i / 2);
		return buf;
	}
	return NULL;
}

/* Every question is found by its id, and every condition's tests point at
 * the question they name, however many questions there are. */
static void
test_many_questions_resolve(void **state)
{
	char *xml = many_questions(3000, far_conditions);
	struct diag d = DIAG_INIT;
	struct questionnaire *q = questionnaire_load_memory(xml, strlen(xml), "many.xml", &d);
	char id[32];

	(void)state;
	for (size_t i = 0; i < d.count; i++)
		print_message("%s\n", d.messages[i]);
	assert_non_null(q);
	assert_int_equal(q->question_count, 3000);
	for (size_t i = 0; i < q->question_count; i++) {
		snprintf(id, sizeof(id), "q%zu", i + 1);
		assert_ptr_equal(questionnaire_find_question(q, id), &q->questions[i]);
	}
	assert_null(questionnaire_find_question(q, "q0"));
	assert_null(questionnaire_find_question(q, "q3001"));
	assert_null(questionnaire_find_question(q, "Q1"));
	assert_null(questionnaire_find_question(q, ""));
	assert_int_equal(q->questions[2999].condition->question, 0);
	assert_int_equal(q->questions[6].condition->left->question, 5);	 /* q7: q6 */
	assert_int_equal(q->questions[6].condition->right->question, 2); /* q7: q3 */
	assert_int_equal(q->questions[2099].condition->right->question, 1049);
	/* the index made again, as for a model read from the cache */
	questionnaire_index(q);
	for (size_t i = 0; i < q->question_count; i += 7) {
		snprintf(id, sizeof(id), "q%zu", i + 1);
		assert_ptr_equal(questionnaire_find_question(q, id), &q->questions[i]);
	}
	assert_null(questionnaire_find_question(q, "q3001"));
	questionnaire_free(q);
	diag_release(&d);
	free(xml);
}

static const char *
bad_conditions(size_t i)
{
	switch (i) {
	case 10: /* a cycle: q10 tests q20, which tests q10 */
		return "show-if=\"q20 = yes\"";
	case 20:
		return "show-if=\"q10 = yes\"";
	case 1500:
		return "show-if=\"q1500 = yes\"";
	case 2000:
		return "id=\"q5\""; /* a second q5 */
	case 2001:
		/* tests q5: the first, which comes earlier */
		return "show-if=\"q5 = yes\"";
	case 2500:
		return "show-if=\"q2999 = no\"";
	case 2999:
		return "show-if=\"nosuch = yes and q1 = maybe\"";
	default:
		return NULL;
	}
}

/* In a large questionnaire, a forward reference (so any cycle), a test of
 * the question itself, a duplicate id, an unknown question and an unknown
 * value are refused with the same messages as in a small one, and
 * nothing else is said. */
static void
test_many_questions_errors(void **state)
{
	char *xml = many_questions(3000, bad_conditions);
	struct diag d = DIAG_INIT;
	struct questionnaire *q = questionnaire_load_memory(xml, strlen(xml), "many.xml", &d);
	char *expected[6];

	(void)state;
	assert_null(q);
	expected[0] = xasprintf("many.xml:%ld: question 'q10': condition refers to question "
				"'q20', which comes later (line %ld); a condition may only test "
				"an earlier question",
				many_line(10), many_line(20));
	expected[1] = xasprintf("many.xml:%ld: question 'q1500': condition refers to the "
				"question itself",
				many_line(1500));
	expected[2] = xasprintf("many.xml:%ld: duplicate id 'q5': question here, question on "
				"line %ld",
				many_line(2000), many_line(5));
	expected[3] = xasprintf("many.xml:%ld: question 'q2500': condition refers to question "
				"'q2999', which comes later (line %ld); a condition may only test "
				"an earlier question",
				many_line(2500), many_line(2999));
	expected[4] = xasprintf("many.xml:%ld: question 'q2999': condition refers to unknown "
				"question 'nosuch'",
				many_line(2999));
	expected[5] = xasprintf("many.xml:%ld: question 'q2999': condition tests 'q1' for "
				"'maybe', which is not one of its choices",
				many_line(2999));
	for (size_t i = 0; i < d.count; i++)
		print_message("  got: %s\n", d.messages[i]);
	assert_int_equal(d.count, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(d.messages[i], expected[i]);
		free(expected[i]);
	}
	diag_release(&d);
	free(xml);
}

static void
test_size_limit(void **state)
{
	size_t size = (size_t)QUESTIONNAIRE_MAX_BYTES + 1;
	char *big = xcalloc(size, 1);

	(void)state;
	expect_memory_refused(big, size, "mem.xml: file is too large");
	free(big);
}

static void
test_unreadable_paths(void **state)
{
	struct diag d = DIAG_INIT;
	int io_error = 0;

	(void)state;
	assert_null(questionnaire_load("tests/fixtures/nosuch.xml", &d, &io_error));
	assert_int_equal(io_error, 1);
	assert_string_equal(d.messages[0],
			    "tests/fixtures/nosuch.xml: cannot open: No such file or directory");
	diag_release(&d);

	assert_null(questionnaire_load("tests/fixtures", &d, &io_error));
	assert_int_equal(io_error, 1);
	assert_string_equal(d.messages[0], "tests/fixtures: is a directory, not a file");
	diag_release(&d);

	assert_null(questionnaire_load("/dev/null", &d, &io_error));
	assert_int_equal(io_error, 1);
	assert_string_equal(d.messages[0], "/dev/null: is not a regular file");
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_structure),
		cmocka_unit_test(test_example_questions),
		cmocka_unit_test(test_example_conditions_resolve_to_earlier_questions),
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_points_and_best_scores),
		cmocka_unit_test(test_best_scores_below_full_marks),
		cmocka_unit_test(test_white_space_is_normalised),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_condition_rules),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_tiers_weights_and_scores),
		cmocka_unit_test(test_question_shapes),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_every_error_is_reported),
		cmocka_unit_test(test_doctypes_and_entities_are_refused),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_c1_control_characters_are_refused),
		cmocka_unit_test(test_many_questions_resolve),
		cmocka_unit_test(test_many_questions_errors),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_unreadable_paths),
	};

	return cmocka_run_group_tests_name("questionnaire", tests, load_example, free_example);
}
