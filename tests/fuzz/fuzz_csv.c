/* libFuzzer target: bytes -> CSV import parser. */
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_row *rows;
	size_t count;
	char err[256];

	if (csv_parse((const char *)data, size, &rows, &count, err, sizeof(err)) == 0)
		csv_rows_free(rows, count);
	return 0;
}
