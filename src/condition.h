/* Skip-logic conditions: a small language that tests earlier answers.
 *
 *   condition := or
 *   or        := and { "or" and }
 *   and       := unary { "and" unary }
 *   unary     := "not" unary | "(" condition ")" | test
 *   test      := QUESTION-ID op VALUE
 *   op        := "=" | "!=" | "<" | "<=" | ">" | ">=" | "has"
 *   VALUE     := a choice value (letters, digits, "_", ".", "-") or a number
 *
 * A test on a question that has no answer, is answered "don't know" or
 * "not applicable", or is itself hidden, is false, whatever the operator.
 * The parser is pure: it checks only syntax; the questionnaire loader
 * resolves question ids and checks operators against question types. */
#ifndef CIRT_CONDITION_H
#define CIRT_CONDITION_H

#include <stddef.h>

#define COND_MAX_LENGTH 1024 /* longest condition accepted, in bytes */
#define COND_MAX_DEPTH 32    /* deepest nesting of "not" and parentheses */

enum cond_kind { COND_AND, COND_OR, COND_NOT, COND_TEST };
enum cond_op { COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE, COND_HAS };

struct cond {
	enum cond_kind kind;
	struct cond *left;  /* AND, OR, NOT */
	struct cond *right; /* AND, OR */
	/* COND_TEST only: */
	char *question_id;
	size_t question; /* index in the questionnaire, set by the loader */
	enum cond_op op;
	char *value;
	int value_is_number;
	double number;
	size_t column; /* 1-based position of the test in the source */
};

/* Parse src. Returns a tree owned by the caller (free with cond_free), or
 * NULL with a message such as "column 7: expected an operator" in err. */
struct cond *cond_parse(const char *src, char *err, size_t errlen);
void cond_free(struct cond *c);

/* Call fn on every test of c in source order; stops at and returns the
 * first non-zero value fn returns. */
int cond_each_test(struct cond *c, int (*fn)(struct cond *test, void *ctx), void *ctx);

/* The spelling of an operator, e.g. "<=". */
const char *cond_op_name(enum cond_op op);

enum answer_state {
	ANSWER_NONE,	       /* not answered, or hidden */
	ANSWER_VALUE,	       /* value holds the answer */
	ANSWER_DONT_KNOW,      /* "don't know" */
	ANSWER_NOT_APPLICABLE, /* "not applicable" */
};

/* An answer as the evaluator sees it. For multiple choice, value holds the
 * chosen values separated by single spaces. */
struct cond_answer {
	enum answer_state state;
	const char *value; /* borrowed */
};

/* Fill *out with the answer to question number `question`. */
typedef void (*cond_lookup)(void *ctx, size_t question, struct cond_answer *out);

/* Whether the space-separated list (a multiple choice answer) holds word. */
int cond_list_has(const char *list, const char *word);

/* Evaluate c against the answers lookup gives; returns 1 or 0. */
int cond_eval(const struct cond *c, cond_lookup lookup, void *ctx);

#endif
