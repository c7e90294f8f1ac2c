/* libFuzzer target: bytes -> questionnaire loader -> free. */
#include <stddef.h>
#include <stdint.h>

#include "questionnaire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct questionnaire *q =
		questionnaire_load_memory((const char *)data, size, "fuzz.xml", &d);

	questionnaire_free(q);
	diag_release(&d);
	return 0;
}
