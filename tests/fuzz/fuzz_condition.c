/* libFuzzer target: bytes -> skip-logic condition parser and evaluator. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
number(struct cond *test, void *ctx)
{
	(void)ctx;
	test->question = strlen(test->question_id) % 4;
	return 0;
}

static void
lookup(void *ctx, size_t question, struct cond_answer *out)
{
	static const char *const values[] = {"yes", "3", "incident forensics", "-2.5"};

	(void)ctx;
	out->state = question == 3 ? ANSWER_DONT_KNOW : ANSWER_VALUE;
	out->value = values[question];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	char err[256];
	struct cond *c;

	if (src == NULL)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	c = cond_parse(src, err, sizeof(err));
	if (c) {
		cond_each_test(c, number, NULL);
		(void)cond_eval(c, lookup, NULL);
		cond_free(c);
	}
	free(src);
	return 0;
}
