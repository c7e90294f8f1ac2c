/* Tests of the shipped questionnaire, questionnaires/cirt-readiness.xml, and
 * of skip-logic visibility. Run from the repository root. */
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

static struct questionnaire *readiness;
static struct questionnaire *example;

static struct questionnaire *
load(const char *path)
{
	struct diag d = DIAG_INIT;
	int io_error = 0;
	struct questionnaire *q = questionnaire_load(path, &d, &io_error);

	for (size_t i = 0; i < d.count; i++)
		print_message("%s\n", d.messages[i]);
	diag_release(&d);
	return q;
}

static int
setup(void **state)
{
	(void)state;
	readiness = load("questionnaires/cirt-readiness.xml");
	example = load("questionnaires/example.xml");
	return readiness && example ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	questionnaire_free(readiness);
	questionnaire_free(example);
	questionnaire_library_cleanup();
	return 0;
}

static void
test_five_pillars_of_the_agenda_with_equal_weights(void **state)
{
	static const char *const ids[] = {"legal", "technical", "organizational", "capacity",
					  "cooperation"};
	const struct questionnaire *q = readiness;

	(void)state;
	assert_string_equal(q->id, "cirt-readiness");
	assert_int_equal(q->pillar_count, 5);
	for (size_t p = 0; p < 5; p++) {
		size_t questions = 0;
		const struct pillar *pl = &q->pillars[p];

		assert_string_equal(pl->id, ids[p]);
		assert_true(questionnaire_pillar_points(q, p) == 20);
		for (size_t i = 0; i < pl->indicator_count; i++)
			questions += q->indicators[pl->first_indicator + i].question_count;
		if (questions < 12)
			fail_msg("pillar %s has %zu questions, fewer than 12", pl->id, questions);
	}
}

static void
test_at_least_80_questions_in_30_indicators(void **state)
{
	(void)state;
	assert_true(readiness->question_count >= 80);
	assert_true(readiness->indicator_count >= 30);
}

static void
test_every_question_type_is_used(void **state)
{
	int used[QUESTION_DATE + 1] = {0};

	(void)state;
	for (size_t i = 0; i < readiness->question_count; i++)
		used[readiness->questions[i].type]++;
	for (int t = 0; t <= QUESTION_DATE; t++)
		if (used[t] == 0)
			fail_msg("no %s question", question_type_name((enum question_type)t));
}

static void
test_skip_logic_and_help_everywhere(void **state)
{
	size_t conditional = 0;

	(void)state;
	for (size_t i = 0; i < readiness->question_count; i++) {
		const struct question *qu = &readiness->questions[i];

		conditional += qu->condition != NULL;
		if (qu->help.count == 0)
			fail_msg("question %s has no help text", qu->id);
		if (qu->type == QUESTION_SCALE)
			for (size_t k = 0; k < qu->choice_count; k++)
				assert_true(qu->choices[k].label.count > 0);
	}
	assert_true(conditional >= 10);
	for (size_t i = 0; i < readiness->indicator_count; i++)
		assert_true(readiness->indicators[i].recommendation.text.count > 0);
}

static void
expect_languages(const struct text *t, const char *where)
{
	static const char *const langs[] = {"en", "fr", "es"};

	for (size_t i = 0; i < 3; i++)
		if (!text_has(t, langs[i]))
			fail_msg("%s has no '%s' text", where, langs[i]);
}

static void
test_every_text_is_in_english_french_and_spanish(void **state)
{
	const struct questionnaire *q = readiness;
	char where[128];

	(void)state;
	assert_string_equal(q->default_lang, "en");
	assert_true(questionnaire_has_language(q, "fr"));
	assert_true(questionnaire_has_language(q, "es"));
	expect_languages(&q->title, "title");
	expect_languages(&q->description, "description");
	for (size_t i = 0; i < q->pillar_count; i++)
		expect_languages(&q->pillars[i].title, q->pillars[i].id);
	for (size_t i = 0; i < q->indicator_count; i++) {
		expect_languages(&q->indicators[i].title, q->indicators[i].id);
		expect_languages(&q->indicators[i].recommendation.text, q->indicators[i].id);
	}
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];

		expect_languages(&qu->text, qu->id);
		expect_languages(&qu->help, qu->id);
		for (size_t k = 0; k < qu->choice_count && qu->type != QUESTION_YESNO; k++) {
			snprintf(where, sizeof(where), "%s choice %s", qu->id,
				 qu->choices[k].value);
			expect_languages(&qu->choices[k].label, where);
		}
	}
	for (size_t i = 0; i < q->tier_count; i++)
		expect_languages(&q->tiers[i].name, q->tiers[i].id);
}

static void
test_tiers_follow_the_2024_index(void **state)
{
	static const struct {
		const char *id;
		double min;
		const char *name;
	} tiers[] = {{"building", 0, "Building"},
		     {"evolving", 20, "Evolving"},
		     {"establishing", 55, "Establishing"},
		     {"advancing", 85, "Advancing"},
		     {"role-modelling", 95, "Role-modelling"}};

	(void)state;
	assert_int_equal(readiness->tier_count, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(readiness->tiers[i].id, tiers[i].id);
		assert_true(readiness->tiers[i].min == tiers[i].min);
		assert_string_equal(text_get(&readiness->tiers[i].name, "en"), tiers[i].name);
	}
}

static void
test_full_marks_are_reachable(void **state)
{
	(void)state;
	for (size_t i = 0; i < readiness->indicator_count; i++)
		if (questionnaire_indicator_max(readiness, i) != 1)
			fail_msg("indicator %s cannot reach full marks",
				 readiness->indicators[i].id);
}

/* ---- visibility ------------------------------------------------------- */

struct answers {
	struct cond_answer *a;
};

static void
lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct answers *ans = ctx;

	*out = ans->a[question];
}

static size_t
index_of(const struct questionnaire *q, const char *id)
{
	const struct question *qu = questionnaire_find_question(q, id);

	assert_non_null(qu);
	return (size_t)(qu - q->questions);
}

static void
answer(const struct questionnaire *q, struct cond_answer *a, const char *id, const char *value)
{
	a[index_of(q, id)] = (struct cond_answer){ANSWER_VALUE, value};
}

static void
test_hiding_propagates_down_a_chain(void **state)
{
	const struct questionnaire *q = example;
	struct cond_answer *a = xcalloc(q->question_count, sizeof(*a));
	unsigned char *shown = xcalloc(q->question_count, 1);
	struct answers ans = {a};

	(void)state;
	/* T4 shows when T2 has forensics, and T2 only when T1 = operational */
	answer(q, a, "T1", "operational");
	answer(q, a, "T2", "incident forensics");
	questionnaire_visibility(q, lookup, &ans, shown);
	assert_true(shown[index_of(q, "T2")]);
	assert_true(shown[index_of(q, "T4")]);

	answer(q, a, "T1", "planned"); /* T2 keeps its answer but hides */
	questionnaire_visibility(q, lookup, &ans, shown);
	assert_false(shown[index_of(q, "T2")]);
	assert_false(shown[index_of(q, "T4")]);
	assert_true(shown[index_of(q, "T1")]);

	/* C2: C1 = no and not (T1 = none) */
	answer(q, a, "C1", "no");
	questionnaire_visibility(q, lookup, &ans, shown);
	assert_true(shown[index_of(q, "C2")]);
	answer(q, a, "T1", "none");
	questionnaire_visibility(q, lookup, &ans, shown);
	assert_false(shown[index_of(q, "C2")]);
	a[index_of(q, "T1")].state = ANSWER_DONT_KNOW;
	questionnaire_visibility(q, lookup, &ans, shown);
	assert_true(shown[index_of(q, "C2")]);

	/* with no answers, only unconditional questions show */
	memset(a, 0, q->question_count * sizeof(*a));
	questionnaire_visibility(q, lookup, &ans, shown);
	for (size_t i = 0; i < q->question_count; i++)
		assert_int_equal(shown[i], q->questions[i].condition == NULL);
	free(a);
	free(shown);
}

/* Values worth trying for question j: every choice, every single choice and
 * all of them for multiple choice, and for numbers the bounds and ranges
 * and the numbers conditions compare with, each +-1. */
struct candidates {
	char **values;
	size_t count;
	size_t alloc;
};

static void
add_candidate(struct candidates *c, char *value)
{
	xgrow((void **)&c->values, &c->alloc, c->count + 1, sizeof(char *));
	c->values[c->count++] = value;
}

static void
add_number(struct candidates *c, double x)
{
	for (int d = -1; d <= 1; d++)
		add_candidate(c, xasprintf("%g", x + d));
}

struct number_hint {
	size_t question;
	struct candidates *c;
};

static int
collect_numbers(struct cond *test, void *ctx)
{
	struct number_hint *h = ctx;

	if (test->question == h->question && test->value_is_number)
		add_number(h->c, test->number);
	return 0;
}

static void
candidates_for(const struct questionnaire *q, size_t j, struct candidates *c)
{
	const struct question *qu = &q->questions[j];

	add_candidate(c, NULL); /* unanswered */
	if (qu->type == QUESTION_NUMBER) {
		struct number_hint h = {j, c};

		add_number(c, qu->has_min ? qu->min : 0);
		if (qu->has_max)
			add_number(c, qu->max);
		for (size_t k = 0; k < qu->range_count; k++) {
			add_number(c, qu->ranges[k].min);
			add_number(c, qu->ranges[k].max);
		}
		for (size_t i = j + 1; i < q->question_count; i++)
			cond_each_test(q->questions[i].condition, collect_numbers, &h);
		return;
	}
	for (size_t k = 0; k < qu->choice_count; k++)
		add_candidate(c, xstrdup(qu->choices[k].value));
	if (qu->type == QUESTION_MULTI && qu->choice_count > 0) {
		size_t len = 0;
		char *all;

		for (size_t k = 0; k < qu->choice_count; k++)
			len += strlen(qu->choices[k].value) + 1;
		all = xcalloc(len + 1, 1);
		for (size_t k = 0; k < qu->choice_count; k++) {
			if (k)
				strcat(all, " ");
			strcat(all, qu->choices[k].value);
		}
		add_candidate(c, all);
	}
}

static int
mark_dependency(struct cond *test, void *ctx)
{
	((unsigned char *)ctx)[test->question] = 1;
	return 0;
}

/* Search the answers to the questions question i depends on (directly or
 * through their own conditions) for one under which i is shown. */
static int
reachable(const struct questionnaire *q, size_t i)
{
	size_t n = q->question_count;
	unsigned char *dep = xcalloc(n, 1);
	unsigned char *shown = xcalloc(n, 1);
	struct cond_answer *a = xcalloc(n, sizeof(*a));
	struct candidates *cand = xcalloc(n, sizeof(*cand));
	size_t *pick = xcalloc(n, sizeof(*pick));
	size_t deps[16] = {0};
	size_t ndeps = 0;
	struct answers ans = {a};
	int found = 0;

	cond_each_test(q->questions[i].condition, mark_dependency, dep);
	for (size_t j = i; j-- > 0;)
		if (dep[j])
			cond_each_test(q->questions[j].condition, mark_dependency, dep);
	for (size_t j = 0; j < i; j++)
		if (dep[j]) {
			assert_true(ndeps < 16);
			deps[ndeps++] = j;
			candidates_for(q, j, &cand[j]);
		}
	for (;;) {
		size_t k = 0;

		for (size_t d = 0; d < ndeps; d++) {
			const char *v = cand[deps[d]].values[pick[deps[d]]];

			a[deps[d]] = (struct cond_answer){v ? ANSWER_VALUE : ANSWER_NONE, v};
		}
		questionnaire_visibility(q, lookup, &ans, shown);
		if (shown[i]) {
			found = 1;
			break;
		}
		/* next combination */
		while (k < ndeps && ++pick[deps[k]] == cand[deps[k]].count)
			pick[deps[k++]] = 0;
		if (k == ndeps)
			break;
	}
	for (size_t j = 0; j < n; j++) {
		for (size_t k = 0; k < cand[j].count; k++)
			free(cand[j].values[k]);
		free(cand[j].values);
	}
	free(cand);
	free(pick);
	free(a);
	free(shown);
	free(dep);
	return found;
}

static void
test_every_conditional_question_can_be_shown(void **state)
{
	const struct questionnaire *both[] = {readiness, example};

	(void)state;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < both[k]->question_count; i++)
			if (both[k]->questions[i].condition && !reachable(both[k], i))
				fail_msg("%s: question %s can never be shown", both[k]->id,
					 both[k]->questions[i].id);
}

static void
test_an_impossible_condition_is_detected(void **state)
{
	static const char doc[] =
		"<questionnaire xmlns=\"urn:cirt:questionnaire:1\" id=\"t\" version=\"1\" "
		"default-lang=\"en\">\n"
		"<title>T</title><pillar id=\"p\"><title>P</title><indicator "
		"id=\"i\"><title>I</title>\n"
		"<recommendation>R</recommendation>\n"
		"<question id=\"a\" type=\"yesno\"><text>A</text></question>\n"
		"<question id=\"b\" type=\"yesno\" show-if=\"a = yes and a = "
		"no\"><text>B</text></question>\n"
		"<question id=\"c\" type=\"yesno\" show-if=\"b = yes\"><text>C</text></question>\n"
		"</indicator></pillar><tiers><tier id=\"t0\" "
		"min=\"0\"><name>T</name></tier></tiers>\n"
		"</questionnaire>\n";
	struct diag d = DIAG_INIT;
	struct questionnaire *q = questionnaire_load_memory(doc, sizeof(doc) - 1, "mem.xml", &d);

	(void)state;
	assert_non_null(q);
	assert_false(reachable(q, 1));
	assert_false(reachable(q, 2)); /* hidden behind b */
	questionnaire_free(q);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_pillars_of_the_agenda_with_equal_weights),
		cmocka_unit_test(test_at_least_80_questions_in_30_indicators),
		cmocka_unit_test(test_every_question_type_is_used),
		cmocka_unit_test(test_skip_logic_and_help_everywhere),
		cmocka_unit_test(test_every_text_is_in_english_french_and_spanish),
		cmocka_unit_test(test_tiers_follow_the_2024_index),
		cmocka_unit_test(test_full_marks_are_reachable),
		cmocka_unit_test(test_hiding_propagates_down_a_chain),
		cmocka_unit_test(test_every_conditional_question_can_be_shown),
		cmocka_unit_test(test_an_impossible_condition_is_detected),
	};

	return cmocka_run_group_tests_name("readiness", tests, setup, teardown);
}
