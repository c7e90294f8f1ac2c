/* libFuzzer target: bytes -> bundle reader and its checks. */
#include <stddef.h>
#include <stdint.h>

#include "exchange.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle b;
	struct error err = {0};
	char message[256];

	if (json_bundle_parse((const char *)data, size, &b, message, sizeof(message)) == 0) {
		(void)exchange_check(&b, &err);
		bundle_release(&b);
	}
	return 0;
}
