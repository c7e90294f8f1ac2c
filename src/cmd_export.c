/* cirt export: one assessment as a bundle for another laptop. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exchange.h"
#include "exitcode.h"
#include "file.h"
#include "json.h"
#include "keys.h"
#include "term.h"
#include "xmalloc.h"

/* This laptop's key; made on the first export when there is none, for
 * the assessor. Returns an exit status. */
static int
own_key(struct cmd_context *ctx, struct key_pair *k)
{
	struct error err = {0};
	char fp[KEY_FINGERPRINT_SIZE];
	int r = keys_load(keys_dir(), k, &err);

	if (r == 0)
		return EXIT_OK;
	if (r < 0 || keys_init(keys_dir(), ctx->assessor, k, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	keys_fingerprint(k->public_key, fp);
	term_print_line(stderr,
			"cirt: made this laptop's signing key for %s in %s (fingerprint %s); "
			"'cirt keys show' prints it for your colleagues",
			k->name, keys_dir(), fp);
	return EXIT_OK;
}

/* The key that a --to argument names: a trusted key's name or
 * fingerprint, this laptop's own, a key's text or a public key file. */
static int
recipient(const char *arg, const struct trust *t, const struct key_pair *own,
	  unsigned char pk[KEY_PUBLIC_BYTES])
{
	struct error err = {0};
	char *text;
	char *name = NULL;
	size_t size;
	size_t matches = 0;

	for (size_t i = 0; i < t->count; i++)
		if (!t->keys[i].revoked &&
		    (strcmp(t->keys[i].name, arg) == 0 || keys_match(t->keys[i].public_key, arg))) {
			memcpy(pk, t->keys[i].public_key, KEY_PUBLIC_BYTES);
			matches++;
		}
	if (matches == 0 && (strcmp(own->name, arg) == 0 || keys_match(own->public_key, arg))) {
		memcpy(pk, own->public_key, KEY_PUBLIC_BYTES);
		matches++;
	}
	if (matches > 1) {
		cmd_error("--to '%s' names several keys; give the fingerprint", arg);
		return EXIT_USAGE;
	}
	if (matches == 1 || keys_parse(arg, pk) == 0)
		return EXIT_OK;
	text = file_read(arg, 4096, &size, &err);
	if (text && keys_read_public(text, pk, &name, &err) == 0) {
		free(text);
		free(name);
		return EXIT_OK;
	}
	free(text);
	cmd_error("--to '%s' is not a trusted key's name or fingerprint, a public key or a "
		  "public key file ('cirt keys list' shows the trusted keys)",
		  arg);
	return EXIT_USAGE;
}

static int
run_export(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"to", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL;
	const char **to = xcalloc((size_t)argc + 1, sizeof(*to));
	unsigned char(*keys)[KEY_PUBLIC_BYTES] = NULL;
	size_t nto = 0;
	struct assessment a = {0};
	struct bundle b = {0};
	struct key_pair k = {0};
	struct trust t = {0};
	struct error err = {0};
	char *path = NULL;
	char *text = NULL;
	int status;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		if (ch == 'o') {
			output = optarg;
		} else if (ch == 't') {
			to[nto++] = optarg;
		} else {
			free(to);
			return cmd_bad_option(self, ch, argc, argv);
		}
	}
	if (optind < argc) {
		free(to);
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	}
	status = own_key(ctx, &k);
	if (status != EXIT_OK)
		goto out;
	if (trust_load(keys_dir(), &t, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	keys = xcalloc(nto + 1, sizeof(*keys));
	for (size_t i = 0; i < nto && status == EXIT_OK; i++)
		status = recipient(to[i], &t, &k, keys[i]);
	if (status != EXIT_OK)
		goto out;
	status = cmd_assessment(ctx, 0, &a);
	if (status != EXIT_OK)
		goto out;
	if (exchange_export(ctx->store, &a, ctx->assessor, &b, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	path = output ? xstrdup(output) : xasprintf("%s-%d.cirt.json", a.country, a.cycle);
	text = exchange_bundle_text(&b, &k, (const unsigned char(*)[KEY_PUBLIC_BYTES])keys, nto,
				    &err);
	if (text == NULL || file_write_atomic(path, text, strlen(text), &err) < 0) {
		cmd_error("%s: %s", path, err.message);
		status = err.status ? err.status : EXIT_IO;
		goto out;
	}
	term_print_line(stdout, "%s: %s %d, %zu answer%s, %zu history entr%s, head %s", path,
			a.country, a.cycle, b.answers.count, b.answers.count == 1 ? "" : "s",
			b.history_count, b.history_count == 1 ? "y" : "ies",
			b.history_count ? b.history[b.history_count - 1].hash : "");
	if (nto == 0) {
		printf("Signed by %s, not sealed: anyone who has the file can read it "
		       "(--to KEY seals it for its recipients alone).\n",
		       k.name);
	} else {
		char fp[KEY_FINGERPRINT_SIZE];

		term_print_format(stdout, "Signed by %s, sealed for", k.name);
		for (size_t i = 0; i < nto; i++) {
			struct trusted_key *tk = trust_find(&t, keys[i]);

			keys_fingerprint(keys[i], fp);
			term_print_format(
				stdout, "%s %s (%s)", i ? "," : "",
				tk ? tk->name
					: memcmp(keys[i], k.public_key, KEY_PUBLIC_BYTES) == 0
					? k.name
					: "a key given by hand",
				fp);
		}
		printf(": only %s can read it.\n", nto == 1 ? "that key" : "those keys");
	}
out:
	free(text);
	free(path);
	free(keys);
	free(to);
	trust_release(&t);
	key_pair_release(&k);
	bundle_release(&b);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_export = {
	.name = "export",
	.summary = "write one assessment as a bundle for another laptop",
	.usage = "usage: cirt export --country CC [--cycle YEAR] [--to KEY]... [-o FILE]\n"
		 "                   [--db FILE]\n"
		 "\n"
		 "Write the assessment as a bundle (default CC-YEAR.cirt.json, readable\n"
		 "only by you): the questionnaire's id, version and SHA-256, the\n"
		 "assessment, every answer, and its whole history with who, when and the\n"
		 "hash chain. Another laptop brings it in with 'cirt merge'.\n"
		 "\n"
		 "Every bundle is signed with this laptop's key (made on the first export\n"
		 "when 'cirt keys init' was not run). Without --to it can be read by\n"
		 "anyone who has the file; with --to it is sealed: encrypted so that only\n"
		 "the named keys can open it.\n"
		 "\n"
		 "Options:\n"
		 "  --to KEY           seal the bundle for KEY: a trusted key's name or\n"
		 "                     fingerprint, a public key (ed25519:...) or a public\n"
		 "                     key file; repeat for several recipients\n"
		 "  -o, --output FILE  the bundle to write\n",
	.flags = CMD_OPT_DB | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR | CMD_OPEN_DB | CMD_NEEDS_COUNTRY |
		CMD_KEYS,
	.run = run_export,
};
