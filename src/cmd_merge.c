/* cirt merge: bring bundles, or other cirt databases, into this one. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "exchange.h"
#include "exitcode.h"
#include "keys.h"
#include "term.h"
#include "xmalloc.h"

/* A file to merge. A bundle file is read twice, to check it and then to
 * merge it, so that only one bundle is in memory at a time however many
 * there are; sha256 is the checked content's, which the second reading
 * must match. A database's assessments are read once and kept. */
struct input {
	const char *path;
	struct bundle *bundles;
	size_t count;
	int file;
	int kept; /* a bundle file's content kept from its checking */
	char sha256[SHA256_HEX_SIZE];
	struct bundle_origin origin;
};

/* Bundles are kept in memory between their check and their merge while
 * their files add up to no more than this; the others are read again. */
#define KEEP_BYTES (64L * 1024 * 1024)

/* What a merge knows of keys: this laptop's (have_key) and the trusted. */
struct keyring {
	struct key_pair own;
	int have_key;
	struct trust trust;
	int force;
	int trust_once;
};

/* Read every assessment of another cirt database, without writing to it. */
static int
read_database(struct cmd_context *ctx, struct input *in, struct error *err)
{
	struct store *other = store_open(in->path, STORE_READ, err);
	struct assessment *list = NULL;
	size_t count = 0;
	int status = 0;

	if (other == NULL)
		return -1;
	if (store_assessment_list(other, &list, &count, err) < 0) {
		store_close(other);
		return -1;
	}
	in->bundles = xcalloc(count + 1, sizeof(*in->bundles));
	for (size_t i = 0; i < count && status == 0; i++) {
		status = exchange_export(other, &list[i], ctx->assessor, &in->bundles[i], err);
		if (status == 0)
			in->count++;
	}
	assessment_list_release(list, count);
	store_close(other);
	return status;
}

/* Read in's file: a database's assessments, or a bundle; a bundle read
 * again must be what was checked. */
static int
read_input(struct cmd_context *ctx, const struct keyring *keys, struct input *in, struct error *err)
{
	char sha256[SHA256_HEX_SIZE];
	int r;

	in->bundles = xcalloc(1, sizeof(*in->bundles));
	r = exchange_read_file(in->path, in->file ? in->sha256 : NULL,
			       keys->have_key ? &keys->own : NULL, &in->bundles[0], &in->origin,
			       sha256, err);
	if (r != 0) {
		free(in->bundles);
		in->bundles = NULL;
		return r < 0 ? -1 : read_database(ctx, in, err);
	}
	in->count = 1;
	in->file = 1;
	memcpy(in->sha256, sha256, sizeof(sha256));
	return 0;
}

static void
release_input(struct input *in)
{
	for (size_t k = 0; k < in->count; k++)
		bundle_release(&in->bundles[k]);
	free(in->bundles);
	in->bundles = NULL;
	in->count = 0;
}

static void
print_conflict(void *ctx, const struct assessment *a, const struct chain_conflict *c)
{
	cmd_print_conflict(ctx, a, c);
}

/* Whether the bundle in may be merged, as its signature says: signed by
 * this laptop or a trusted key, or (--trust-once, on a terminal, after
 * showing the fingerprint) one the user accepts now, or unsigned with
 * --force. Returns EXIT_OK, or an exit status after saying why not. */
static int
check_signer(const struct keyring *keys, const struct input *in)
{
	const struct bundle *b = &in->bundles[0];
	const struct trusted_key *t;
	char fp[KEY_FINGERPRINT_SIZE];
	char *question;
	int yes;

	if (!in->file)
		return EXIT_OK; /* a database read from this machine */
	if (!in->origin.is_signed) {
		if (!keys->force) {
			cmd_error(
				"%s: the bundle is not signed (a cirt before signatures made it): "
				"anyone could have written it; merge it with --force only if you "
				"know where it comes from; nothing was merged",
				in->path);
			return EXIT_DATA;
		}
		cmd_warning("%s: the bundle is not signed; merged on your word (--force)",
			    in->path);
		return EXIT_OK;
	}
	keys_fingerprint(in->origin.signer, fp);
	if (keys->have_key &&
	    memcmp(keys->own.public_key, in->origin.signer, KEY_PUBLIC_BYTES) == 0)
		return EXIT_OK;
	t = trust_find(&keys->trust, in->origin.signer);
	if (t && t->revoked) {
		cmd_error("%s: signed by the key of %s (%s), revoked on %s; nothing was merged",
			  in->path, t->name, fp, t->revoked);
		return EXIT_DATA;
	}
	if (t)
		return EXIT_OK;
	if (!keys->trust_once || !isatty(STDIN_FILENO)) {
		cmd_error("%s: signed by a key this laptop does not trust, fingerprint %s (the "
			  "bundle says '%s' exported it); check the fingerprint with its owner, "
			  "then 'cirt keys trust KEY --name NAME', or merge with --trust-once on "
			  "a terminal; nothing was merged",
			  in->path, fp, b->exported_by ? b->exported_by : "");
		return EXIT_DATA;
	}
	question = xasprintf("%s is signed by a key this laptop does not trust:\n  fingerprint "
			     "%s\n  exported by %s at %s\nDoes its owner read you the same "
			     "fingerprint? Merge it this once?",
			     in->path, fp, b->exported_by ? b->exported_by : "",
			     b->exported_at ? b->exported_at : "");
	{
		char *safe = term_safe(question);

		yes = cmd_ask(safe);
		free(safe);
	}
	free(question);
	if (!yes) {
		cmd_error("%s: not trusted; nothing was merged", in->path);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int
run_merge(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_FORCE = 1, OPT_TRUST_ONCE };
	static const struct option options[] = {
		{"force", no_argument, NULL, OPT_FORCE},
		{"trust-once", no_argument, NULL, OPT_TRUST_ONCE},
		{NULL, 0, NULL, 0},
	};
	struct input *inputs;
	struct keyring keys = {0};
	struct error kerr = {0};
	size_t count;
	int force = 0;
	int status = EXIT_OK;
	int ch;
	int found;
	long long kept_bytes = 0;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == OPT_FORCE)
			force = 1;
		else if (ch == OPT_TRUST_ONCE)
			keys.trust_once = 1;
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (optind == argc)
		return cmd_usage_error(self, "name at least one bundle or database");
	keys.force = force;
	found = keys_load(keys_dir(), &keys.own, &kerr);
	if (found < 0 || trust_load(keys_dir(), &keys.trust, &kerr) < 0) {
		cmd_error("%s; nothing was merged", kerr.message);
		key_pair_release(&keys.own);
		return kerr.status;
	}
	keys.have_key = found == 0;
	count = (size_t)(argc - optind);
	inputs = xcalloc(count, sizeof(*inputs));
	/* read and check everything before writing anything */
	for (size_t i = 0; i < count && status == EXIT_OK; i++) {
		struct error err = {0};

		inputs[i].path = argv[optind + (int)i];
		if (read_input(ctx, &keys, &inputs[i], &err) < 0) {
			cmd_error("%s: %s; nothing was merged", inputs[i].path, err.message);
			status = err.status ? err.status : EXIT_DATA;
			break;
		}
		status = check_signer(&keys, &inputs[i]);
		if (status != EXIT_OK)
			break;
		for (size_t k = 0; k < inputs[i].count; k++)
			if (exchange_check(&inputs[i].bundles[k], &err) < 0) {
				cmd_error("%s: %s; nothing was merged", inputs[i].path,
					  err.message);
				status = EXIT_DATA;
				break;
			}
		if (inputs[i].file) {
			struct stat st;

			if (stat(inputs[i].path, &st) == 0 &&
			    kept_bytes + st.st_size <= KEEP_BYTES) {
				kept_bytes += st.st_size;
				inputs[i].kept = 1;
			} else {
				release_input(&inputs[i]);
			}
		}
	}
	for (size_t i = 0; i < count && status == EXIT_OK; i++) {
		struct error err = {0};

		if (inputs[i].file && !inputs[i].kept &&
		    read_input(ctx, &keys, &inputs[i], &err) < 0) {
			cmd_error("%s: %s; %s", inputs[i].path, err.message,
				  i ? "it was not merged, the files named before it were"
				    : "nothing was merged");
			status = err.status ? err.status : EXIT_DATA;
			break;
		}
		for (size_t k = 0; k < inputs[i].count && status == EXIT_OK; k++) {
			const struct bundle *b = &inputs[i].bundles[k];
			struct merge_result r;

			status = cmd_claim(
				ctx, &b->assessment, "merge",
				i || k ? "; it was not merged, what was printed before it was"
				       : "; nothing was merged");
			if (status != EXIT_OK)
				break;
			if (exchange_merge(ctx->store, ctx->questionnaire, b, force, inputs[i].path,
					   ctx->assessor, print_conflict, ctx, &r, &err) < 0) {
				cmd_error("%s: %s %d: %s", inputs[i].path, b->assessment.country,
					  b->assessment.cycle, err.message);
				status = err.status;
				break;
			}
			store_writer_give(ctx->store, b->assessment.country, b->assessment.cycle);
			term_print_format(stdout, "%s: %s %d: ", inputs[i].path,
					  b->assessment.country, b->assessment.cycle);
			if (r.restored)
				printf("new here, %zu answer%s", r.changed,
				       r.changed == 1 ? "" : "s");
			else if (r.events == 0)
				printf("nothing new");
			else
				printf("%zu event%s brought in, %zu question%s changed, %zu "
				       "conflict%s "
				       "opened",
				       r.events, r.events == 1 ? "" : "s", r.changed,
				       r.changed == 1 ? "" : "s", r.conflicts,
				       r.conflicts == 1 ? "" : "s");
			if (r.attached)
				printf(", %zu attachment%s brought in", r.attached,
				       r.attached == 1 ? "" : "s");
			if (r.detached)
				printf(", %zu attachment%s removed", r.detached,
				       r.detached == 1 ? "" : "s");
			if (r.open)
				printf("; %zu open conflict%s (cirt conflicts lists them)", r.open,
				       r.open == 1 ? "" : "s");
			putchar('\n');
			if (r.unknown)
				term_print_line(stdout,
						"%s: %s %d: %zu answer%s to questions this "
						"questionnaire lacks, kept",
						inputs[i].path, b->assessment.country,
						b->assessment.cycle, r.unknown,
						r.unknown == 1 ? "" : "s");
		}
		release_input(&inputs[i]);
	}
	for (size_t i = 0; i < count; i++)
		release_input(&inputs[i]);
	free(inputs);
	key_pair_release(&keys.own);
	trust_release(&keys.trust);
	return status;
}

const struct cmd cmd_merge = {
	.name = "merge",
	.summary = "bring bundles or other cirt databases into this one",
	.usage = "usage: cirt merge FILE... [--trust-once] [--force] [--assessor NAME]\n"
		 "                  [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Merge bundles made by 'cirt export', or whole cirt databases (read, never\n"
		 "changed, their write-ahead log included), into the database. Every file\n"
		 "is checked first and a bad one means nothing is written: a bundle must\n"
		 "be signed by this laptop or a trusted key ('cirt keys'), its signature\n"
		 "must hold, a sealed one is opened with this laptop's key, and its\n"
		 "answers, status, assessors and dates must be what its history gives.\n"
		 "\n"
		 "An assessment new here arrives exactly as it was. Otherwise the events\n"
		 "of its history that this copy lacks are added, and the answers follow:\n"
		 "a change made on one side only is taken; a question both sides changed\n"
		 "is left in conflict, shown with both values until a person settles it\n"
		 "('cirt conflicts', 'cirt resolve'). No clock decides. Merging the same\n"
		 "bundle twice adds nothing. Limits: 64 MB, 50,000 answers and 200,000\n"
		 "history entries per bundle.\n"
		 "\n"
		 "Options:\n"
		 "  --trust-once  on a terminal, show the fingerprint of a bundle's unknown\n"
		 "                signer and merge it if you say so, without trusting it\n"
		 "  --force       merge a bundle made with another version of the\n"
		 "                questionnaire, or an unsigned one of the first format\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_ASSESSOR | CMD_CREATE_DB |
		CMD_WRITES | CMD_CHECKS_FILE | CMD_LOAD_QUESTIONNAIRE | CMD_KEYS,
	.run = run_merge,
};
