/* libFuzzer target: bytes -> bundle reader, its checks, and a merge of
 * what passes them into a fresh database. */
#include <stddef.h>
#include <stdint.h>

#include "exchange.h"
#include "json.h"
#include "merge_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle b;
	struct error err = {0};
	char message[256];

	if (json_bundle_parse((const char *)data, size, &b, message, sizeof(message)) == 0) {
		if (exchange_check(&b, &err) == 0)
			fuzz_merge(&b);
		bundle_release(&b);
	}
	return 0;
}
