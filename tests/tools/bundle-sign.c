/* Test tool: sign a bundle file again with the key in $CIRT_KEY_DIR, as
 * someone holding a trusted key could after editing it, so that the
 * tests reach the checks behind the signature.
 *
 *   bundle-sign IN OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "file.h"
#include "keys.h"

int
main(int argc, char **argv)
{
	struct key_pair k;
	struct error err = {0};
	char *data;
	char *out;
	size_t size;

	if (argc != 3) {
		fprintf(stderr, "usage: bundle-sign IN OUT\n");
		return 2;
	}
	if (keys_start() < 0 || keys_load(keys_dir(), &k, &err) != 0) {
		fprintf(stderr, "bundle-sign: no key in %s: %s\n", keys_dir(), err.message);
		return 1;
	}
	data = file_read(argv[1], 256 * 1024 * 1024, &size, &err);
	if (data == NULL) {
		fprintf(stderr, "bundle-sign: %s: %s\n", argv[1], err.message);
		return 1;
	}
	out = exchange_sign_text(data, size, &k);
	if (out == NULL || file_write_atomic(argv[2], out, strlen(out), &err) < 0) {
		fprintf(stderr, "bundle-sign: %s: cannot write\n", argv[2]);
		return 1;
	}
	free(out);
	free(data);
	key_pair_release(&k);
	return 0;
}
