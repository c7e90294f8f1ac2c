/* Unit tests of the skip-logic condition parser and evaluator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "condition.h"

/* Answers for the evaluator: question i has state[i] and value[i]. */
struct answers {
	enum answer_state state[8];
	const char *value[8];
};

static void
lookup(void *ctx, size_t question, struct cond_answer *out)
{
	const struct answers *a = ctx;

	out->state = a->state[question];
	out->value = a->value[question];
}

/* Parse src and give question ids the index of their digit: "q3" is 3. */
static int
number_question(struct cond *test, void *ctx)
{
	(void)ctx;
	test->question = (size_t)(test->question_id[strlen(test->question_id) - 1] - '0');
	return 0;
}

static struct cond *
parse_ok(const char *src)
{
	char err[128];
	struct cond *c = cond_parse(src, err, sizeof(err));

	if (c == NULL)
		fail_msg("'%s' did not parse: %s", src, err);
	cond_each_test(c, number_question, NULL);
	return c;
}

static void
expect_error(const char *src, const char *message)
{
	char err[128];
	struct cond *c = cond_parse(src, err, sizeof(err));

	assert_null(c);
	assert_string_equal(err, message);
}

static void
test_single_comparison(void **state)
{
	struct cond *c = parse_ok("q1 = yes");

	(void)state;
	assert_int_equal(c->kind, COND_TEST);
	assert_string_equal(c->question_id, "q1");
	assert_int_equal(c->op, COND_EQ);
	assert_string_equal(c->value, "yes");
	assert_false(c->value_is_number);
	assert_int_equal(c->column, 1);
	cond_free(c);
}

static void
test_operators(void **state)
{
	static const struct {
		const char *src;
		enum cond_op op;
	} cases[] = {
		{"q1 = 2", COND_EQ},  {"q1 == 2", COND_EQ},   {"q1 != 2", COND_NE},
		{"q1 < 2", COND_LT},  {"q1 <= 2", COND_LE},   {"q1 > 2", COND_GT},
		{"q1 >= 2", COND_GE}, {"q1 has x", COND_HAS},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cond *c = parse_ok(cases[i].src);

		assert_int_equal(c->op, cases[i].op);
		cond_free(c);
	}
}

static void
test_numbers(void **state)
{
	struct cond *c = parse_ok("staff.count >= -2.5");

	(void)state;
	assert_string_equal(c->question_id, "staff.count");
	assert_true(c->value_is_number);
	assert_true(c->number == -2.5);
	cond_free(c);
}

static void
test_and_binds_tighter_than_or(void **state)
{
	struct cond *c = parse_ok("q1 = a or q2 = b and q3 = c");

	(void)state;
	assert_int_equal(c->kind, COND_OR);
	assert_int_equal(c->left->kind, COND_TEST);
	assert_int_equal(c->right->kind, COND_AND);
	assert_string_equal(c->right->left->question_id, "q2");
	assert_int_equal(c->right->right->column, 22);
	cond_free(c);
}

static void
test_not_and_parentheses(void **state)
{
	struct cond *c = parse_ok("not (q1 = a or q2 = b) and q3 = c");

	(void)state;
	assert_int_equal(c->kind, COND_AND);
	assert_int_equal(c->left->kind, COND_NOT);
	assert_int_equal(c->left->left->kind, COND_OR);
	cond_free(c);
}

static int
collect_ids(struct cond *test, void *ctx)
{
	strcat(ctx, test->question_id);
	strcat(ctx, " ");
	return 0;
}

static void
test_each_test_in_source_order(void **state)
{
	struct cond *c = parse_ok("(q3 = a or q1 = b) and not q2 = c");
	char ids[64] = "";

	(void)state;
	cond_each_test(c, collect_ids, ids);
	assert_string_equal(ids, "q3 q1 q2 ");
	cond_free(c);
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	expect_error("", "column 1: condition is empty");
	expect_error("   ", "column 1: condition is empty");
	expect_error("q1 =", "column 5: expected a value, found the end of the condition");
	expect_error("q1 yes",
		     "column 4: expected an operator (=, !=, <, <=, >, >=, has), found 'yes'");
	expect_error("(q1 = a", "column 8: expected ')', found the end of the condition");
	expect_error("q1 = a)",
		     "column 7: expected 'and', 'or' or the end of the condition, found ')'");
	expect_error("q1 = a and",
		     "column 11: expected a question id, found the end of the condition");
	expect_error("q1 @ a", "column 4: unexpected character '@'");
	expect_error("q1 ! a", "column 4: unexpected character '!'");
	expect_error("q1 = 5x", "column 6: unexpected character '5'");
	expect_error("= a", "column 1: expected a question id, found '='");
	expect_error("q1 = and", "column 6: expected a value, found 'and'");
}

static void
test_length_and_depth_limits(void **state)
{
	char src[COND_MAX_LENGTH + 64];
	size_t n = 0;

	(void)state;
	memset(src, 'a', COND_MAX_LENGTH + 1);
	src[COND_MAX_LENGTH + 1] = '\0';
	expect_error(src, "column 1: condition is longer than 1024 characters");

	for (int i = 0; i <= COND_MAX_DEPTH; i++)
		src[n++] = '(';
	strcpy(src + n, "q1 = a");
	expect_error(src, "column 33: nested more than 32 levels deep");

	n = 0;
	for (int i = 0; i < COND_MAX_DEPTH; i++)
		src[n++] = '(';
	n += (size_t)sprintf(src + n, "q1 = a");
	for (int i = 0; i < COND_MAX_DEPTH; i++)
		src[n++] = ')';
	src[n] = '\0';
	cond_free(parse_ok(src));
}

static void
test_evaluate_choices(void **state)
{
	struct answers a = {{ANSWER_VALUE, ANSWER_VALUE}, {"yes", "planned"}};
	struct cond *c = parse_ok("q0 = yes and q1 != none");

	(void)state;
	assert_true(cond_eval(c, lookup, &a));
	a.value[1] = "none";
	assert_false(cond_eval(c, lookup, &a));
	cond_free(c);
}

static void
test_evaluate_numbers(void **state)
{
	struct answers a = {{ANSWER_VALUE}, {"5"}};
	struct cond *ge = parse_ok("q0 >= 5");
	struct cond *lt = parse_ok("q0 < 5");
	struct cond *eq = parse_ok("q0 = 5.0");

	(void)state;
	assert_true(cond_eval(ge, lookup, &a));
	assert_false(cond_eval(lt, lookup, &a));
	assert_true(cond_eval(eq, lookup, &a));
	a.value[0] = "4.5";
	assert_false(cond_eval(ge, lookup, &a));
	assert_true(cond_eval(lt, lookup, &a));
	a.value[0] = "many"; /* not a number: no ordering holds */
	assert_false(cond_eval(ge, lookup, &a));
	assert_false(cond_eval(lt, lookup, &a));
	cond_free(ge);
	cond_free(lt);
	cond_free(eq);
}

static void
test_evaluate_has(void **state)
{
	struct answers a = {{ANSWER_VALUE}, {"incident forensics"}};
	struct cond *c = parse_ok("q0 has forensics");
	struct cond *part = parse_ok("q0 has forensic");

	(void)state;
	assert_true(cond_eval(c, lookup, &a));
	assert_false(cond_eval(part, lookup, &a));
	a.value[0] = "incident";
	assert_false(cond_eval(c, lookup, &a));
	a.value[0] = "";
	assert_false(cond_eval(c, lookup, &a));
	cond_free(c);
	cond_free(part);
}

static void
test_unknown_answers_meet_no_test(void **state)
{
	static const enum answer_state states[] = {ANSWER_NONE, ANSWER_DONT_KNOW,
						   ANSWER_NOT_APPLICABLE};
	struct cond *eq = parse_ok("q0 = yes");
	struct cond *ne = parse_ok("q0 != yes");
	struct cond * not_eq = parse_ok("not q0 = yes");

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct answers a = {{states[i]}, {"yes"}};

		assert_false(cond_eval(eq, lookup, &a));
		assert_false(cond_eval(ne, lookup, &a));
		assert_true(cond_eval(not_eq, lookup, &a));
	}
	cond_free(eq);
	cond_free(ne);
	cond_free(not_eq);
}

static void
test_evaluate_or_and_not(void **state)
{
	struct answers a = {{ANSWER_VALUE, ANSWER_VALUE, ANSWER_NONE}, {"a", "b", NULL}};
	struct cond *c = parse_ok("q0 = x or (q1 = b and not q2 = c)");

	(void)state;
	assert_true(cond_eval(c, lookup, &a));
	a.state[2] = ANSWER_VALUE;
	a.value[2] = "c";
	assert_false(cond_eval(c, lookup, &a));
	a.value[0] = "x";
	assert_true(cond_eval(c, lookup, &a));
	cond_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_comparison),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_and_binds_tighter_than_or),
		cmocka_unit_test(test_not_and_parentheses),
		cmocka_unit_test(test_each_test_in_source_order),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_length_and_depth_limits),
		cmocka_unit_test(test_evaluate_choices),
		cmocka_unit_test(test_evaluate_numbers),
		cmocka_unit_test(test_evaluate_has),
		cmocka_unit_test(test_unknown_answers_meet_no_test),
		cmocka_unit_test(test_evaluate_or_and_not),
	};

	return cmocka_run_group_tests_name("condition", tests, NULL, NULL);
}
