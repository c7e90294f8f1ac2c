/* libFuzzer target: bytes -> an answer typed or imported for each kind of
 * question of the example questionnaire (parse, then describe and score
 * what was taken). The first byte picks the question, the second the
 * language and the input mode; the rest is what was typed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "diag.h"
#include "questionnaire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct questionnaire *q;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {"en", "fr", "es", "de"};
	const struct question *qu;
	enum answer_state state;
	char *value = NULL;
	char *input;
	char err[256];

	if (q == NULL) {
		struct diag d = DIAG_INIT;

		q = questionnaire_load("questionnaires/example.xml", &d, NULL);
		diag_release(&d);
		if (q == NULL)
			abort(); /* run from the top of the source tree */
	}
	if (size < 2)
		return 0;
	qu = &q->questions[data[0] % q->question_count];
	input = malloc(size - 1);
	if (input == NULL)
		return 0;
	memcpy(input, data + 2, size - 2);
	input[size - 2] = '\0';
	if (answer_parse(qu, input, langs[data[1] & 3],
			 (data[1] & 4) ? ANSWER_INPUT_IMPORT : ANSWER_INPUT_TYPED, &state, &value,
			 err, sizeof(err)) == 0 &&
	    state == ANSWER_VALUE) {
		char *d = answer_describe(qu, state, value, langs[data[1] & 3]);

		(void)answer_score(qu, value);
		free(d);
	}
	free(value);
	free(input);
	return 0;
}
