/* Unit tests of fitting recommendations to answers, on a questionnaire
 * held in memory whose gains are easy to work out by hand: one pillar (100
 * points) of two indicators of weight 1, worth 50 points each. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recommend.h"
#include "xmalloc.h"

/* i1: a (yes/no, its own), b (scale: level 0 has one, the question has
 * one), c (single, weight 2, none), d (yes/no, none), e (shown if a = yes,
 * its own); i2: f (its own, long), g (multi, its own), h (number, none).
 * i2's recommendation has no horizon, so it counts as medium. */
static const char doc[] =
	"<questionnaire xmlns=\"urn:cirt:questionnaire:1\" id=\"r\" version=\"1\" "
	"default-lang=\"en\">\n"
	"<title>R</title>\n"
	"<pillar id=\"p\"><title>P</title>\n"
	"<indicator id=\"i1\"><title>I1</title>\n"
	"<recommendation horizon=\"long\" body=\"government\">R-i1</recommendation>\n"
	"<question id=\"a\" type=\"yesno\"><text>A</text>\n"
	"<recommendation horizon=\"short\" body=\"ministry regulator\" "
	"effort=\"low\">R-a</recommendation></question>\n"
	"<question id=\"b\" type=\"scale\"><text>B</text>\n"
	"<recommendation horizon=\"medium\">R-b</recommendation>\n"
	"<level score=\"0\"><label>none</label>\n"
	"<recommendation horizon=\"short\" effort=\"high\">R-b0</recommendation></level>\n"
	"<level score=\"0.5\"><label>half</label></level>\n"
	"<level score=\"1\"><label>full</label></level></question>\n"
	"<question id=\"c\" type=\"single\" weight=\"2\"><text>C</text>\n"
	"<choice value=\"x\" score=\"0\"><label>X</label></choice>\n"
	"<choice value=\"y\" score=\"1\"><label>Y</label></choice></question>\n"
	"<question id=\"d\" type=\"yesno\"><text>D</text></question>\n"
	"<question id=\"e\" type=\"yesno\" show-if=\"a = yes\"><text>E</text>\n"
	"<recommendation horizon=\"short\">R-e</recommendation></question>\n"
	"</indicator>\n"
	"<indicator id=\"i2\"><title>I2</title>\n"
	"<recommendation>R-i2</recommendation>\n"
	"<question id=\"f\" type=\"yesno\"><text>F</text>\n"
	"<recommendation horizon=\"long\">R-f</recommendation></question>\n"
	"<question id=\"g\" type=\"multi\"><text>G</text>\n"
	"<recommendation horizon=\"short\">R-g</recommendation>\n"
	"<choice value=\"m1\" score=\"0.5\"><label>M1</label></choice>\n"
	"<choice value=\"m2\" score=\"0.5\"><label>M2</label></choice></question>\n"
	"<question id=\"h\" type=\"number\"><text>H</text>\n"
	"<range min=\"0\" max=\"0\" score=\"0\"/><range min=\"1\" max=\"10\" "
	"score=\"1\"/></question>\n"
	"</indicator></pillar>\n"
	"<tiers><tier id=\"t0\" min=\"0\"><name>T</name></tier></tiers>\n"
	"</questionnaire>\n";

static struct questionnaire *q;

static int
setup(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	q = questionnaire_load_memory(doc, sizeof(doc) - 1, "mem.xml", &d);
	for (size_t i = 0; i < d.count; i++)
		print_message("%s\n", d.messages[i]);
	diag_release(&d);
	return q ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	questionnaire_free(q);
	questionnaire_library_cleanup();
	return 0;
}

/* Build an answer set from "ID=value" (dk, na for the states). */
static void
answers_of(struct answer_set *s, const char *const *pairs, size_t n)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(pairs[i], '=');
		struct answer *a;

		xgrow((void **)&s->items, &s->alloc, s->count + 1, sizeof(*s->items));
		a = &s->items[s->count++];
		memset(a, 0, sizeof(*a));
		a->question_id = xstrndup(pairs[i], (size_t)(eq - pairs[i]));
		a->evidence = xstrdup("");
		a->comment = xstrdup("");
		if (strcmp(eq + 1, "dk") == 0)
			a->state = ANSWER_DONT_KNOW;
		else if (strcmp(eq + 1, "na") == 0)
			a->state = ANSWER_NOT_APPLICABLE;
		else {
			a->state = ANSWER_VALUE;
			a->value = xstrdup(eq + 1);
		}
	}
}

#define near(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/* What an assessment's answers fit: fitted recommendations and the
 * scores behind them. */
struct fit {
	struct answer_set answers;
	struct score_result scores;
	struct fitted *list;
	size_t count;
};

static void
fit(struct fit *f, const char *const *pairs, size_t n)
{
	answers_of(&f->answers, pairs, n);
	score_assessment(q, &f->answers, &f->scores);
	f->count = recommend_fit(q, &f->answers, &f->scores, &f->list);
}

static void
fit_release(struct fit *f)
{
	free(f->list);
	score_result_release(&f->scores);
	answer_set_release(&f->answers);
}

static const char *
text_of(const struct fitted *x)
{
	return text_get(&x->rec->text, "en");
}

/* The fitted recommendation whose text is s, or NULL. */
static const struct fitted *
find(const struct fit *f, const char *s)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(text_of(&f->list[i]), s) == 0)
			return &f->list[i];
	return NULL;
}

static size_t
question(const char *id)
{
	const struct question *qu = questionnaire_find_question(q, id);

	assert_non_null(qu);
	return (size_t)(qu - q->questions);
}

static void
test_the_attributes_are_read(void **state)
{
	const struct recommendation *a = &q->questions[question("a")].recommendation;
	const struct recommendation *b0 = &q->questions[question("b")].choices[0].recommendation;
	const struct recommendation *i2 = &q->indicators[1].recommendation;

	(void)state;
	assert_int_equal(a->horizon, HORIZON_SHORT);
	assert_int_equal(a->effort, EFFORT_LOW);
	assert_int_equal(a->body_count, 2);
	assert_string_equal(a->bodies[0], "ministry");
	assert_string_equal(a->bodies[1], "regulator");
	assert_int_equal(b0->horizon, HORIZON_SHORT);
	assert_int_equal(b0->effort, EFFORT_HIGH);
	assert_int_equal(b0->body_count, 0);
	assert_string_equal(text_get(&b0->text, "en"), "R-b0");
	assert_int_equal(i2->horizon, HORIZON_NONE);
	assert_int_equal(i2->effort, EFFORT_NONE);
	assert_int_equal(q->questions[question("c")].recommendation.text.count, 0);
	assert_string_equal(horizon_name(HORIZON_LONG), "long");
	assert_string_equal(horizon_name(HORIZON_NONE), "");
	assert_string_equal(effort_name(EFFORT_MEDIUM), "medium");
	for (size_t i = 0; recommendation_bodies[i]; i++)
		assert_true(strlen(recommendation_bodies[i]) > 0);
}

/* a=no, b=level 0, c=x, d=no, e hidden, f=yes (best), g=m1 (half), h=0.
 * i1 counts a, b, c (weight 2) and d: 5 in all; i2 counts f, g, h: 3. */
static void
test_ordered_by_horizon_then_gain(void **state)
{
	static const char *const a[] = {"a=no", "b=0",	 "c=x",	 "d=no",
					"e=no", "f=yes", "g=m1", "h=0"};
	static const char *const order[] = {"R-a", "R-b0", "R-g", "R-i2", "R-i1"};
	struct fit f;

	(void)state;
	fit(&f, a, 8);
	assert_int_equal(f.count, 5);
	for (size_t i = 0; i < f.count; i++)
		assert_string_equal(text_of(&f.list[i]), order[i]);
	/* short: a and b's level gain 50 x 1 x 1 / 5 each, a first as in the
	 * file; g gains 50 x 1 x 0.5 / 3 */
	near(f.list[0].gain, 10);
	assert_int_equal(f.list[0].question, question("a"));
	assert_int_equal(f.list[0].indicator, 0);
	assert_int_equal(f.list[0].horizon, HORIZON_SHORT);
	near(f.list[1].gain, 10);
	assert_int_equal(f.list[1].question, question("b"));
	near(f.list[2].gain, 50 * 0.5 / 3);
	/* medium: i2's, which has no horizon, for h: 50 / 3 */
	assert_int_equal(f.list[3].question, RECOMMEND_INDICATOR);
	assert_int_equal(f.list[3].indicator, 1);
	assert_int_equal(f.list[3].horizon, HORIZON_MEDIUM);
	near(f.list[3].gain, 50.0 / 3);
	/* long: i1's once, for c (50 x 2 / 5) and d (50 x 1 / 5) together */
	assert_int_equal(f.list[4].question, RECOMMEND_INDICATOR);
	assert_int_equal(f.list[4].indicator, 0);
	assert_int_equal(f.list[4].horizon, HORIZON_LONG);
	near(f.list[4].gain, 30);
	fit_release(&f);
}

static void
test_at_its_best_a_question_gets_nothing(void **state)
{
	static const char *const a[] = {"a=yes", "b=2",	  "c=y",     "d=yes",
					"e=yes", "f=yes", "g=m1 m2", "h=7"};
	struct fit f;

	(void)state;
	fit(&f, a, 8);
	assert_int_equal(f.count, 0);
	assert_null(f.list);
	near(f.scores.overall, 100);
	fit_release(&f);
}

static void
test_level_then_question_then_indicator(void **state)
{
	static const char *const level0[] = {"b=0"};
	static const char *const level1[] = {"b=1"};
	static const char *const dk[] = {"b=dk"};
	static const char *const fallback[] = {"c=x"};
	struct fit f;

	(void)state;
	/* level 0 has its own */
	fit(&f, level0, 1);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-b0");
	fit_release(&f);
	/* level 1 has none: the question's, for half of b's share of 50 over
	 * a, b, c (2) and d, all counted (unanswered ones score 0) */
	fit(&f, level1, 1);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-b");
	assert_int_equal(f.list[0].horizon, HORIZON_MEDIUM);
	near(f.list[0].gain, 50 * 0.5 / 5);
	fit_release(&f);
	/* don't know answers no level: the question's */
	fit(&f, dk, 1);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-b");
	near(f.list[0].gain, 10);
	fit_release(&f);
	/* c has none of its own: the indicator's */
	fit(&f, fallback, 1);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-i1");
	assert_int_equal(f.list[0].question, RECOMMEND_INDICATOR);
	near(f.list[0].gain, 20);
	fit_release(&f);
}

static void
test_unanswered_get_none_and_dont_know_gets_one(void **state)
{
	static const char *const a[] = {"a=dk", "c=na", "f=dk", "h=dk"};
	struct fit f;

	(void)state;
	fit(&f, a, 4);
	/* a: don't know, its own; i1 counts a, b and d (c is not
	 * applicable): 50 / 3. b and d are unanswered: nothing, not even the
	 * indicator's. f and h: don't know, f's own and i2's for h. */
	assert_int_equal(f.count, 3);
	assert_non_null(find(&f, "R-a"));
	near(find(&f, "R-a")->gain, 50.0 / 3);
	assert_non_null(find(&f, "R-f"));
	assert_non_null(find(&f, "R-i2"));
	near(find(&f, "R-i2")->gain, 50.0 / 3);
	assert_null(find(&f, "R-b"));
	assert_null(find(&f, "R-i1"));
	fit_release(&f);
}

static void
test_hidden_questions_get_none(void **state)
{
	static const char *const hidden[] = {"a=no", "e=no"};
	static const char *const shown[] = {"a=yes", "e=no"};
	struct fit f;

	(void)state;
	/* e is answered but hidden (a = no): nothing for e */
	fit(&f, hidden, 2);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-a");
	fit_release(&f);
	/* shown, e = no gets its own; a is at its best */
	fit(&f, shown, 2);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-e");
	/* i1 counts a, b, c (2), d and e: 6 */
	near(f.list[0].gain, 50.0 / 6);
	fit_release(&f);
}

static void
test_multi_uses_the_question_or_the_indicator(void **state)
{
	static const char *const none[] = {"g="};
	struct fit f;

	(void)state;
	fit(&f, none, 1);
	assert_int_equal(f.count, 1);
	assert_string_equal(text_of(&f.list[0]), "R-g");
	near(f.list[0].gain, 50.0 / 3);
	fit_release(&f);
}

static void
test_nothing_answered_fits_nothing(void **state)
{
	struct fit f;

	(void)state;
	fit(&f, NULL, 0);
	assert_int_equal(f.count, 0);
	assert_null(f.list);
	fit_release(&f);
}

static void
test_validate_warns_of_questions_that_fall_back(void **state)
{
	struct diag w = DIAG_INIT;

	(void)state;
	questionnaire_warnings(q, &w);
	/* c, d and h have no recommendation of their own; the others do or,
	 * like b, have one for every answer below the best anyway */
	assert_int_equal(w.count, 3);
	assert_non_null(strstr(w.messages[0], "mem.xml:14: warning: question 'c' is scored"));
	assert_non_null(strstr(w.messages[1], "warning: question 'd' is scored"));
	assert_non_null(strstr(w.messages[2], "warning: question 'h' is scored"));
	assert_non_null(strstr(w.messages[2], "its indicator's is used"));
	diag_release(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_attributes_are_read),
		cmocka_unit_test(test_ordered_by_horizon_then_gain),
		cmocka_unit_test(test_at_its_best_a_question_gets_nothing),
		cmocka_unit_test(test_level_then_question_then_indicator),
		cmocka_unit_test(test_unanswered_get_none_and_dont_know_gets_one),
		cmocka_unit_test(test_hidden_questions_get_none),
		cmocka_unit_test(test_multi_uses_the_question_or_the_indicator),
		cmocka_unit_test(test_nothing_answered_fits_nothing),
		cmocka_unit_test(test_validate_warns_of_questions_that_fall_back),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
