/* libFuzzer target: bytes -> an answer typed or imported for each kind of
 * question of the example questionnaire and of a fixture with labels that
 * hold commas in four languages (parse, then describe and score what was
 * taken). The first byte picks the question, the second the language, the
 * input mode and the questionnaire; the rest is what was typed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "diag.h"
#include "questionnaire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct questionnaire *q;
static struct questionnaire *commas;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {"en", "fr", "es", "de", "ru", "ar", "zh", "pt-BR"};
	const struct question *qu;
	enum answer_state state;
	char *value = NULL;
	char *input;
	char err[256];

	if (q == NULL) {
		struct diag d = DIAG_INIT;

		q = questionnaire_load("questionnaires/example.xml", &d, NULL);
		commas = questionnaire_load("tests/fixtures/labels-with-commas-en-ru-ar-zh.xml", &d,
					    NULL);
		diag_release(&d);
		if (q == NULL || commas == NULL)
			abort(); /* run from the top of the source tree */
	}
	if (size < 2)
		return 0;
	if (data[1] & 16)
		qu = &commas->questions[data[0] % commas->question_count];
	else
		qu = &q->questions[data[0] % q->question_count];
	input = malloc(size - 1);
	if (input == NULL)
		return 0;
	memcpy(input, data + 2, size - 2);
	input[size - 2] = '\0';
	if (answer_parse(qu, input, langs[data[1] & 7],
			 (data[1] & 8) ? ANSWER_INPUT_IMPORT : ANSWER_INPUT_TYPED, &state, &value,
			 err, sizeof(err)) == 0 &&
	    state == ANSWER_VALUE) {
		char *d = answer_describe(qu, state, value, langs[data[1] & 7]);

		(void)answer_score(qu, value);
		free(d);
	}
	free(value);
	free(input);
	return 0;
}
