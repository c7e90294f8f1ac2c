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
#include "json.h"
#include "keys.h"

int
main(int argc, char **argv)
{
	struct key_pair k;
	struct error err = {0};
	unsigned char sig[KEY_SIGNATURE_BYTES];
	char pk[KEY_TEXT_SIZE];
	char message[256];
	char *data;
	char *bytes;
	char *key;
	char *value;
	char *sig64;
	char *out;
	size_t size;
	size_t n;

	if (argc != 3) {
		fprintf(stderr, "usage: bundle-sign IN OUT\n");
		return 2;
	}
	if (keys_start() < 0 || keys_load(keys_dir(), &k, &err) != 0) {
		fprintf(stderr, "bundle-sign: no key in %s: %s\n", keys_dir(), err.message);
		return 1;
	}
	data = file_read(argv[1], 64 * 1024 * 1024, &size, &err);
	if (data == NULL ||
	    json_bundle_signed_bytes(data, size, &bytes, &n, &key, &value, message,
				     sizeof(message)) < 0) {
		fprintf(stderr, "bundle-sign: %s: %s\n", argv[1], data ? message : err.message);
		return 1;
	}
	keys_sign(&k, SIGNATURE_DOMAIN, bytes, n, sig);
	keys_text(k.public_key, pk);
	sig64 = keys_base64(sig, sizeof(sig));
	/* the text without its old signature, then the new one */
	out = json_bundle_add_signature(data, pk, sig64);
	if (out == NULL || file_write_atomic(argv[2], out, strlen(out), &err) < 0) {
		fprintf(stderr, "bundle-sign: %s: cannot write\n", argv[2]);
		return 1;
	}
	free(out);
	free(sig64);
	free(bytes);
	free(key);
	free(value);
	free(data);
	key_pair_release(&k);
	return 0;
}
