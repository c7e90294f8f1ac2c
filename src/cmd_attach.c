/* cirt attach: keep a file in the database as evidence for an answer, or
 * remove one. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "attachment.h"
#include "cmd.h"
#include "exitcode.h"
#include "questionnaire.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

/* Add the file at path to question_id. */
static int
attach_file(struct cmd_context *ctx, const char *question_id, const char *path, const char *reason,
	    int yes)
{
	struct assessment a = {0};
	struct error err = {0};
	unsigned char *data = NULL;
	char *name = NULL;
	char id[ATTACHMENT_ID_SIZE];
	char size_text[32];
	size_t size = 0;
	int status;

	if (attachment_read(path, &data, &size, &name, &err) < 0) {
		cmd_error("%s: %s; nothing was attached", path, err.message);
		return err.status;
	}
	status = cmd_assessment(ctx, 1, &a);
	if (status != EXIT_OK)
		goto out;
	status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_confirm_new(ctx, &a, yes);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "attach", "; nothing was attached");
	if (status != EXIT_OK)
		goto out;
	if (store_attachment_add(ctx->store, &a, question_id, name, data, size, NULL, reason,
				 ctx->assessor, id, &err) < 0) {
		cmd_error("%s: %s; nothing was attached", path, err.message);
		status = err.status;
		goto out;
	}
	attachment_size_text((long long)size, size_text, sizeof(size_text));
	term_print_line(stdout, "Attached %s to %s in %s %d as %s: %s, %s.", name, question_id,
			a.country, a.cycle, id, attachment_type_guess(data, size), size_text);
out:
	assessment_release(&a);
	free(data);
	free(name);
	return status;
}

/* Remove attachment id. */
static int
detach(struct cmd_context *ctx, const char *id, const char *reason)
{
	struct assessment a = {0};
	struct attachment at = {0};
	struct error err = {0};
	int status;
	int r;

	status = cmd_assessment(ctx, 0, &a);
	if (status == EXIT_OK)
		status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "attach", "; nothing was removed");
	if (status != EXIT_OK)
		goto out;
	r = store_attachment_get(ctx->store, a.id, id, &at, &err);
	if (r == 0)
		r = store_attachment_remove(ctx->store, &a, id, NULL, reason, ctx->assessor, &err);
	if (r != 0) {
		if (r > 0) {
			char *args = xasprintf("--country %s --cycle %d", a.country, a.cycle);
			char *list = cmd_command_line(ctx, "attachments", args, 0);

			cmd_error("the assessment of %s %d has no attachment '%s'; '%s' lists them",
				  a.country, a.cycle, id, list);
			free(list);
			free(args);
			status = EXIT_DATA;
		} else {
			cmd_error("%s; nothing was removed", err.message);
			status = err.status;
		}
		goto out;
	}
	term_print_line(stdout, "Removed attachment %s (%s) from %s in %s %d.", at.id, at.name,
			at.question_id, a.country, a.cycle);
out:
	attachment_release(&at);
	assessment_release(&a);
	return status;
}

static int
run_attach(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum { OPT_REMOVE = 1, OPT_REASON, OPT_YES };
	static const struct option options[] = {
		{"remove", required_argument, NULL, OPT_REMOVE},
		{"reason", required_argument, NULL, OPT_REASON},
		{"yes", no_argument, NULL, OPT_YES},
		{NULL, 0, NULL, 0},
	};
	const char *remove = NULL;
	const char *reason = NULL;
	char message[256];
	int yes = 0;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == OPT_REMOVE)
			remove = optarg;
		else if (ch == OPT_REASON)
			reason = optarg;
		else if (ch == OPT_YES)
			yes = 1;
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (reason && answer_check_text(reason, 4096, cmd_lang(ctx), message, sizeof(message)) < 0)
		return cmd_usage_error(self, "--reason: %s", message);
	if (remove) {
		if (optind != argc)
			return cmd_usage_error(self,
					       "--remove takes the attachment's id alone, not "
					       "a question or a file");
		return detach(ctx, remove, reason);
	}
	if (argc - optind != 2)
		return cmd_usage_error(self, "name the question and the file to attach to it");
	if (questionnaire_find_question(ctx->questionnaire, argv[optind]) == NULL) {
		cmd_error("questionnaire '%s' has no question '%s'; nothing was attached",
			  ctx->questionnaire->id, argv[optind]);
		return EXIT_USAGE;
	}
	return attach_file(ctx, argv[optind], argv[optind + 1], reason, yes);
}

const struct cmd cmd_attach = {
	.name = "attach",
	.summary = "keep a file in the database as evidence for an answer",
	.usage = "usage: cirt attach --country CC [--cycle YEAR] QID FILE [--reason TEXT] [--yes]\n"
		 "       cirt attach --country CC [--cycle YEAR] --remove ID [--reason TEXT]\n"
		 "                   [--assessor NAME] [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Store FILE (a decree, a PDF, a photo of a signed document) in the\n"
		 "database as evidence for question QID, with its name, size, type\n"
		 "(guessed from its content) and SHA-256. The history records who added\n"
		 "it and when, bundles carry it to other laptops, 'cirt verify' checks it\n"
		 "and the report lists it under the answer. --remove takes one out again,\n"
		 "with a record of who did and why. 'cirt attachments' lists them and\n"
		 "writes them out.\n"
		 "\n"
		 "Limits: 16 MB per file, 32 MB and 1000 files per assessment, so that an\n"
		 "assessment always travels in one bundle. An empty file, one past the\n"
		 "limits, and the same file attached to the same question twice are\n"
		 "refused, and nothing is written. A final assessment refuses changes;\n"
		 "a country with no assessment yet is confirmed on a terminal (--yes in\n"
		 "a script).\n"
		 "\n"
		 "Options:\n"
		 "  --remove ID    remove attachment ID ('cirt attachments' lists the ids)\n"
		 "  --reason TEXT  why, kept in the history\n"
		 "  --yes          start the assessment of a new country without asking\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR |
		CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_attach,
};
