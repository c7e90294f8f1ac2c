/* Unit tests of the scorer on hand-computed examples over the example
 * questionnaire: pillars legal (weight 1, 25 points), technical (1, 25) and
 * cooperation (2, 50); see questionnaires/example.xml. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "score.h"
#include "xmalloc.h"

static struct questionnaire *q;

static int
setup(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	q = questionnaire_load("questionnaires/example.xml", &d, NULL);
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

static size_t
indicator(const char *id)
{
	for (size_t i = 0; i < q->indicator_count; i++)
		if (strcmp(q->indicators[i].id, id) == 0)
			return i;
	fail_msg("no indicator %s", id);
	return 0;
}

static void
test_weights_skip_logic_and_dont_know(void **state)
{
	static const char *const a[] = {
		"L1=yes", "L2=2",  "T1=operational", "T2=incident forensics",
		"T3=3",	  "C1=no", "C2=dk"};
	struct answer_set s;
	struct score_result r;
	size_t order[8];
	int reachable;

	(void)state;
	answers_of(&s, a, 7);
	score_assessment(q, &s, &r);
	/* legal: (1 + 0.7) / 2; the date question is not scored */
	near(r.indicators[indicator("cybercrime-law")].score, 0.85);
	near(r.pillars[0].points, 21.25);
	/* technical: T1 1 (w1), T2 0.4 + 0.3 (w2), T3 0.5 for 1-4 staff (w1) */
	near(r.indicators[indicator("national-cirt")].score, (1 + 2 * 0.7 + 0.5) / 4);
	near(r.pillars[1].points, 18.125);
	/* cooperation: C1 no = 0; C2 is shown and don't know counts 0 */
	assert_true(r.questions[8].shown && r.questions[8].counted);
	near(r.pillars[2].points, 0);
	near(r.pillars[2].worth, 50);
	near(r.overall, 39.375);
	assert_string_equal(q->tiers[r.tier].id, "evolving");
	assert_int_equal(r.shown, 9);
	assert_int_equal(r.answered, 7);
	near(r.completeness, 7.0 / 9);
	assert_int_equal(r.indicators[0].status, STATUS_MET);
	assert_int_equal(r.indicators[1].status, STATUS_PARTIAL);
	assert_int_equal(r.indicators[2].status, STATUS_NOT_MET);
	/* gains and the path to "establishing" (55): cooperation alone */
	near(score_gain(&r, 0), 3.75);
	near(score_gain(&r, 1), 6.875);
	near(score_gain(&r, 2), 50);
	assert_int_equal(score_path_to_next_tier(q, &r, order, &reachable), 1);
	assert_true(reachable);
	assert_int_equal(order[0], 2);
	score_result_release(&r);
	answer_set_release(&s);
}

static void
test_not_applicable_and_hidden_leave_the_denominator(void **state)
{
	static const char *const a[] = {
		"L1=yes", "L2=na", "T1=planned", "T2=incident alerts forensics", "C1=na", "C2=yes"};
	struct answer_set s;
	struct score_result r;

	(void)state;
	answers_of(&s, a, 6);
	score_assessment(q, &s, &r);
	/* legal: L2 n/a leaves the denominator: L1 alone */
	near(r.indicators[0].score, 1);
	/* technical: T2 is hidden (T1 is not operational) and does not count */
	assert_false(r.questions[4].shown);
	near(r.indicators[1].score, 0.25);
	/* cooperation: C1 n/a, C2 hidden (C1 is not "no"): nothing counts, and
	 * the other pillars share its points */
	assert_false(r.pillars[2].counted);
	assert_int_equal(r.indicators[2].status, STATUS_NOT_APPLICABLE);
	near(r.pillars[0].worth, 50);
	near(r.pillars[1].worth, 50);
	near(r.overall, 62.5);
	assert_string_equal(q->tiers[r.tier].id, "establishing");
	/* shown: L1 L2 L3 T1 C1; answered: L1 L2 T1 C1 */
	assert_int_equal(r.shown, 5);
	assert_int_equal(r.answered, 4);
	score_result_release(&r);
	answer_set_release(&s);
}

static void
test_unanswered_counts_zero(void **state)
{
	struct answer_set s = {0};
	struct score_result r;
	size_t order[8];
	int reachable;

	(void)state;
	score_assessment(q, &s, &r);
	near(r.overall, 0);
	assert_string_equal(q->tiers[r.tier].id, "building");
	assert_int_equal(r.answered, 0);
	assert_int_equal(r.shown, 3); /* L1, T1, C1 */
	near(r.completeness, 0);
	/* to reach "evolving" (20) the largest gain, cooperation, suffices */
	assert_int_equal(score_path_to_next_tier(q, &r, order, &reachable), 1);
	assert_int_equal(order[0], 2);
	score_result_release(&r);
}

static void
test_full_marks_reach_the_top_tier(void **state)
{
	static const char *const a[] = {"L1=yes",
					"L2=3",
					"L3=2019-01-01",
					"T1=operational",
					"T2=incident alerts forensics",
					"T3=40",
					"T4=lab",
					"C1=yes"};
	struct answer_set s;
	struct score_result r;
	size_t order[8];
	int reachable = 1;

	(void)state;
	answers_of(&s, a, 8);
	score_assessment(q, &s, &r);
	near(r.overall, 100);
	assert_string_equal(q->tiers[r.tier].id, "role-modelling");
	near(r.completeness, 1);
	assert_int_equal(score_path_to_next_tier(q, &r, order, &reachable), 0);
	assert_false(reachable);
	score_result_release(&r);
	answer_set_release(&s);
}

static void
test_status_thresholds(void **state)
{
	(void)state;
	assert_int_equal(score_status(0.75), STATUS_MET);
	assert_int_equal(score_status(0.7499), STATUS_PARTIAL);
	assert_int_equal(score_status(0.2501), STATUS_PARTIAL);
	assert_int_equal(score_status(0.25), STATUS_NOT_MET);
	assert_int_equal(score_status(0), STATUS_NOT_MET);
	assert_string_equal(score_status_name(STATUS_PARTIAL), "partial");
}

static void
test_answers_to_unknown_questions_are_ignored(void **state)
{
	static const char *const a[] = {"L1=yes", "GONE=yes"};
	struct answer_set s;
	struct score_result r;

	(void)state;
	answers_of(&s, a, 2);
	score_assessment(q, &s, &r);
	assert_int_equal(r.answered, 1);
	near(r.pillars[0].points, 12.5); /* L1 1, L2 now shown but unanswered 0 */
	score_result_release(&r);
	answer_set_release(&s);
}

/* A summary gives back exactly what reports and comparisons use of a
 * score, and anything else is refused whole. */
static void
test_summary_round_trip_and_refusals(void **state)
{
	static const char *const a[] = {"L1=yes", "L2=2", "T1=planned", "C1=no", "C2=dk"};
	struct answer_set s;
	struct score_result r;
	struct score_result back;
	unsigned char *sum;
	unsigned char *bad;
	size_t size;

	(void)state;
	answers_of(&s, a, 5);
	score_assessment(q, &s, &r);
	sum = score_summary(q, &r, &size);
	assert_int_equal(score_summary_read(q, sum, size, &back), 0);
	assert_true(back.overall == r.overall); /* exactly, not nearly */
	assert_true(back.completeness == r.completeness);
	assert_int_equal(back.tier, r.tier);
	assert_int_equal(back.shown, r.shown);
	assert_int_equal(back.answered, r.answered);
	for (size_t p = 0; p < q->pillar_count; p++) {
		assert_int_equal(back.pillars[p].counted, r.pillars[p].counted);
		assert_true(back.pillars[p].score == r.pillars[p].score);
		assert_true(back.pillars[p].points == r.pillars[p].points);
		assert_true(back.pillars[p].worth == r.pillars[p].worth);
		assert_int_equal(back.pillars[p].shown, r.pillars[p].shown);
		assert_int_equal(back.pillars[p].answered, r.pillars[p].answered);
	}
	score_result_release(&back);
	/* every length but the right one */
	for (size_t n = 0; n < size; n++)
		assert_int_equal(score_summary_read(q, sum, n, &back), -1);
	bad = xmalloc(size + 1);
	memcpy(bad, sum, size);
	bad[size] = 0;
	assert_int_equal(score_summary_read(q, bad, size + 1, &back), -1);
	/* another magic; an overall score that is not finite; a tier beyond
	 * the questionnaire's; more answered than shown */
	bad[0] = 'X';
	assert_int_equal(score_summary_read(q, bad, size, &back), -1);
	memcpy(bad, sum, size);
	memset(bad + 8, 0xFF, 8);
	assert_int_equal(score_summary_read(q, bad, size, &back), -1);
	memcpy(bad, sum, size);
	memset(bad + 16, 0x7F, 4);
	assert_int_equal(score_summary_read(q, bad, size, &back), -1);
	memcpy(bad, sum, size);
	memset(bad + 24, 0x7F, 4);
	assert_int_equal(score_summary_read(q, bad, size, &back), -1);
	free(bad);
	free(sum);
	score_result_release(&r);
	answer_set_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weights_skip_logic_and_dont_know),
		cmocka_unit_test(test_not_applicable_and_hidden_leave_the_denominator),
		cmocka_unit_test(test_unanswered_counts_zero),
		cmocka_unit_test(test_full_marks_reach_the_top_tier),
		cmocka_unit_test(test_status_thresholds),
		cmocka_unit_test(test_answers_to_unknown_questions_are_ignored),
		cmocka_unit_test(test_summary_round_trip_and_refusals),
	};

	return cmocka_run_group_tests_name("score", tests, setup, teardown);
}
