/* cirt keys: this laptop's signing key and the keys it trusts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "cmd.h"
#include "exitcode.h"
#include "file.h"
#include "keys.h"
#include "term.h"
#include "xmalloc.h"

#define PUBLIC_FILE_MAX 4096

static void
now_text(char out[32])
{
	time_t now = time(NULL);

	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
}

static void
print_key(const char *label, const unsigned char pk[KEY_PUBLIC_BYTES])
{
	char text[KEY_TEXT_SIZE];
	char fp[KEY_FINGERPRINT_SIZE];

	keys_text(pk, text);
	keys_fingerprint(pk, fp);
	if (label)
		term_print_line(stdout, "%s", label);
	printf("  public key:  %s\n  fingerprint: %s\n", text, fp);
}

/* The name a key is given: --name, else $CIRT_ASSESSOR. */
static int
check_name(const struct cmd *self, const char *name)
{
	char message[256];

	if (name == NULL || *name == '\0')
		return cmd_usage_error(self, "name the key's owner with --name NAME");
	if (cmd_check_name(name, KEY_NAME_MAX, message, sizeof(message)) < 0)
		return cmd_usage_error(self, "the name: %s", message);
	return EXIT_OK;
}

static int
keys_action_init(const struct cmd *self, const char *dir, const char *name)
{
	struct key_pair k;
	struct error err = {0};
	int status = check_name(self, name);

	if (status != EXIT_OK)
		return status;
	if (keys_init(dir, name, &k, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	term_print_line(stdout,
			"Made this laptop's signing key for %s in %s/key (readable only by you).",
			k.name, dir);
	print_key(NULL, k.public_key);
	printf("Give the public key to your colleagues ('cirt keys show -o FILE' writes it to a\n"
	       "file) and read the fingerprint aloud to them, so that they can trust it.\n");
	key_pair_release(&k);
	return EXIT_OK;
}

/* This laptop's key pair, or an exit status after saying why not. */
static int
load_own(const char *dir, struct key_pair *k)
{
	struct error err = {0};
	int r = keys_load(dir, k, &err);

	if (r < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (r > 0) {
		cmd_error("this laptop has no signing key yet in '%s'; make one with 'cirt keys "
			  "init --name NAME'",
			  dir);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int
keys_action_show(const char *dir, const char *output)
{
	struct key_pair k;
	struct error err = {0};
	int status = load_own(dir, &k);
	char *file;

	if (status != EXIT_OK)
		return status;
	file = keys_public_file(&k);
	if (output) {
		if (file_write_atomic(output, file, strlen(file), &err) < 0) {
			cmd_error("%s: %s", output, err.message);
			status = err.status;
		} else {
			term_print_line(stdout, "%s: the public key of %s", output, k.name);
		}
	} else {
		term_print_line(stdout, "This laptop's key, %s (made %s):", k.name, k.created);
		print_key(NULL, k.public_key);
	}
	free(file);
	key_pair_release(&k);
	return status;
}

static int
keys_action_trust(const struct cmd *self, const char *dir, const char *what, const char *name)
{
	unsigned char pk[KEY_PUBLIC_BYTES];
	struct error err = {0};
	struct trust t;
	struct key_pair own;
	char *text = NULL;
	char *file_name = NULL;
	char now[32];
	char fp[KEY_FINGERPRINT_SIZE];
	size_t size;
	int status;

	if (keys_parse(what, pk) == 0) {
		text = xstrdup(what);
	} else {
		text = file_read(what, PUBLIC_FILE_MAX, &size, &err);
		if (text == NULL) {
			cmd_error("'%s' is neither a public key (ed25519:...) nor a file: %s", what,
				  err.message);
			return EXIT_USAGE;
		}
	}
	if (keys_read_public(text, pk, &file_name, &err) < 0) {
		cmd_error("%s: %s", what, err.message);
		free(text);
		return err.status;
	}
	free(text);
	if (name == NULL)
		name = file_name;
	status = check_name(self, name);
	if (status != EXIT_OK)
		goto out;
	if (keys_load(dir, &own, &err) == 0) {
		int mine = memcmp(own.public_key, pk, KEY_PUBLIC_BYTES) == 0;

		key_pair_release(&own);
		if (mine) {
			cmd_error("that is this laptop's own key, which it trusts already");
			status = EXIT_DATA;
			goto out;
		}
	}
	if (trust_load(dir, &t, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	now_text(now);
	keys_fingerprint(pk, fp);
	if (trust_add(&t, pk, name, now) == 1 && trust_find(&t, pk)->revoked) {
		cmd_error("the key %s was revoked on %s and stays revoked", fp,
			  trust_find(&t, pk)->revoked);
		trust_release(&t);
		status = EXIT_DATA;
		goto out;
	}
	if (trust_save(dir, &t, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
	} else {
		term_print_line(stdout, "Trusted the key of %s, fingerprint %s.", name, fp);
		printf("Check the fingerprint with its owner, aloud or in person, before merging "
		       "what it signs.\n");
	}
	trust_release(&t);
out:
	free(file_name);
	return status;
}

static int
keys_action_list(const char *dir)
{
	struct key_pair own;
	struct error err = {0};
	struct trust t;
	char fp[KEY_FINGERPRINT_SIZE];
	int r = keys_load(dir, &own, &err);

	if (r < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (trust_load(dir, &t, &err) < 0) {
		cmd_error("%s", err.message);
		key_pair_release(&own);
		return err.status;
	}
	term_print_line(stdout, "Keys in %s:", dir);
	if (r == 0) {
		keys_fingerprint(own.public_key, fp);
		term_print_line(stdout, "  %s  %s (this laptop)", fp, own.name);
		key_pair_release(&own);
	} else {
		printf("  (no key of this laptop yet: cirt keys init --name NAME)\n");
	}
	for (size_t i = 0; i < t.count; i++) {
		keys_fingerprint(t.keys[i].public_key, fp);
		if (t.keys[i].revoked)
			term_print_line(stdout, "  %s  %s, trusted %s, REVOKED %s", fp,
					t.keys[i].name, t.keys[i].added, t.keys[i].revoked);
		else
			term_print_line(stdout, "  %s  %s, trusted %s", fp, t.keys[i].name,
					t.keys[i].added);
	}
	if (t.count == 0)
		printf("  (no trusted key: cirt keys trust FILE --name NAME)\n");
	trust_release(&t);
	return EXIT_OK;
}

static int
keys_action_revoke(const char *dir, const char *what)
{
	struct error err = {0};
	struct trust t;
	struct trusted_key *found = NULL;
	size_t matches = 0;
	char fp[KEY_FINGERPRINT_SIZE];
	int status = EXIT_OK;

	if (trust_load(dir, &t, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	for (size_t i = 0; i < t.count; i++)
		if (strcmp(t.keys[i].name, what) == 0 || keys_match(t.keys[i].public_key, what)) {
			found = &t.keys[i];
			matches++;
		}
	if (matches != 1) {
		cmd_error(matches ? "'%s' names several trusted keys; give the fingerprint"
				  : "no trusted key is named '%s' or has that fingerprint "
				    "('cirt keys list' shows them)",
			  what);
		trust_release(&t);
		return EXIT_DATA;
	}
	keys_fingerprint(found->public_key, fp);
	if (found->revoked) {
		term_print_line(stdout, "The key of %s (%s) was revoked on %s already.",
				found->name, fp, found->revoked);
	} else {
		char now[32];

		now_text(now);
		found->revoked = xstrdup(now);
		if (trust_save(dir, &t, &err) < 0) {
			cmd_error("%s", err.message);
			status = err.status;
		} else {
			term_print_line(stdout,
					"Revoked the key of %s (%s): what it signs is no longer "
					"merged.",
					found->name, fp);
		}
	}
	trust_release(&t);
	return status;
}

static int
run_keys(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"name", required_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL;
	const char *output = NULL;
	const char *action;
	const char *dir = keys_dir();
	int ch;

	(void)ctx;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		if (ch == 'n')
			name = optarg;
		else if (ch == 'o')
			output = optarg;
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (optind == argc)
		return cmd_usage_error(self, "say what to do: init, show, trust, list or revoke");
	action = argv[optind++];
	if (strcmp(action, "trust") == 0 || strcmp(action, "revoke") == 0) {
		if (optind + 1 != argc)
			return cmd_usage_error(self, "'cirt keys %s' takes one key", action);
	} else if (optind < argc) {
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	}
	if ((name && strcmp(action, "init") != 0 && strcmp(action, "trust") != 0) ||
	    (output && strcmp(action, "show") != 0))
		return cmd_usage_error(self, "'cirt keys %s' does not take that option", action);
	if (strcmp(action, "init") == 0)
		return keys_action_init(self, dir, name ? name : getenv("CIRT_ASSESSOR"));
	if (strcmp(action, "show") == 0)
		return keys_action_show(dir, output);
	if (strcmp(action, "trust") == 0)
		return keys_action_trust(self, dir, argv[optind], name);
	if (strcmp(action, "list") == 0)
		return keys_action_list(dir);
	if (strcmp(action, "revoke") == 0)
		return keys_action_revoke(dir, argv[optind]);
	return cmd_usage_error(self, "unknown action '%s': init, show, trust, list or revoke",
			       action);
}

const struct cmd cmd_keys = {
	.name = "keys",
	.summary = "this laptop's signing key, and the keys of colleagues it trusts",
	.usage = "usage: cirt keys init [--name NAME]\n"
		 "       cirt keys show [-o FILE]\n"
		 "       cirt keys trust FILE|KEY [--name NAME]\n"
		 "       cirt keys list\n"
		 "       cirt keys revoke NAME|FINGERPRINT\n"
		 "\n"
		 "Every bundle that 'cirt export' writes is signed with this laptop's key,\n"
		 "and 'cirt merge' takes only bundles signed by a key it trusts. Keys live\n"
		 "in $CIRT_KEY_DIR, else $XDG_CONFIG_HOME/cirt, else ~/.config/cirt,\n"
		 "readable only by you, never in a database.\n"
		 "\n"
		 "  init     make this laptop's key pair, for NAME (default $CIRT_ASSESSOR)\n"
		 "  show     print its public key and fingerprint; -o FILE writes the\n"
		 "           public key to a file to give to colleagues\n"
		 "  trust    trust a colleague's or headquarters' key, from the file 'keys\n"
		 "           show -o' wrote or its text (ed25519:...); check the\n"
		 "           fingerprint with its owner aloud first\n"
		 "  list     this laptop's key and the trusted ones\n"
		 "  revoke   stop trusting a key (a lost laptop): its bundles are refused\n",
	.flags = CMD_KEYS,
	.run = run_keys,
};
