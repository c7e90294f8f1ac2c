/* libFuzzer target: bytes as another cirt database -> read as 'cirt merge
 * other.db' reads it (never written), each assessment exported, checked
 * and merged into a fresh database. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exchange.h"
#include "merge_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/cirt-fuzz-db-XXXXXX";
	char *path;
	FILE *f;
	struct store *s;
	struct error err = {0};

	if (mkdtemp(dir) == NULL)
		return 0;
	path = xasprintf("%s/other.db", dir);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		s = store_open(path, STORE_READ, &err);
		if (s) {
			struct assessment *list = NULL;
			size_t n = 0;

			if (store_assessment_list(s, &list, &n, &err) == 0)
				for (size_t i = 0; i < n && i < 4; i++) {
					struct bundle b;

					if (exchange_export(s, &list[i], "Fuzz", &b, &err) < 0)
						continue;
					if (exchange_check(&b, &err) == 0)
						fuzz_merge(&b);
					bundle_release(&b);
				}
			assessment_list_release(list, n);
			store_close(s);
		}
	}
	fuzz_remove_database(path);
	rmdir(dir);
	free(path);
	return 0;
}
