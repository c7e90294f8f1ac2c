/* libFuzzer target: bytes -> a cached questionnaire model (qcache.h), which
 * must be refused or give a model that encodes back to the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sha[] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	struct questionnaire *q = qcache_decode(data, size, sha, "fuzz.xml");
	unsigned char *again;
	size_t n;

	if (q == NULL)
		return 0;
	/* what a report or a session touches first */
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];

		(void)text_get(&qu->text, "fr");
		if (questionnaire_find_question(q, qu->id) == NULL)
			abort();
	}
	again = qcache_encode(q, &n);
	if (n != size || memcmp(again, data, size) != 0)
		abort();
	free(again);
	questionnaire_free(q);
	return 0;
}
