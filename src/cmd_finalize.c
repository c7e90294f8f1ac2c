/* cirt finalize and cirt reopen: an assessment's status. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "answer.h"
#include "cmd.h"
#include "exitcode.h"
#include "store.h"
#include "term.h"

/* Print the required questions shown but unanswered; returns how many. */
static size_t
missing_required(struct cmd_context *ctx, const struct assessment *a)
{
	const struct questionnaire *q = ctx->questionnaire;
	struct answer_set answers;
	struct error err = {0};
	unsigned char *shown;
	size_t missing = 0;

	if (store_answers_load(ctx->store, a->id, &answers, &err) < 0) {
		cmd_error("%s", err.message);
		return 1;
	}
	shown = calloc(q->question_count, 1);
	if (shown == NULL) {
		answer_set_release(&answers);
		return 1;
	}
	answer_set_visibility(q, &answers, shown);
	for (size_t i = 0; i < q->question_count; i++) {
		const struct question *qu = &q->questions[i];

		if (!shown[i] || !qu->required ||
		    answer_is_given(answer_set_find(&answers, qu->id)))
			continue;
		if (missing++ == 0)
			fprintf(stderr,
				"cirt: the assessment of %s %d cannot be final: required questions "
				"are unanswered:",
				a->country, a->cycle);
		fprintf(stderr, " %s", qu->id);
	}
	if (missing)
		fprintf(stderr, "\n(answer them, with dk or na where that is the answer)\n");
	free(shown);
	answer_set_release(&answers);
	return missing;
}

/* Before finalizing: name the questions still flagged for review and those
 * a merge left disputed, and have the user confirm (--yes in scripts).
 * Returns EXIT_OK to go on. */
static int
confirm_open_items(struct cmd_context *ctx, const struct assessment *a, int yes)
{
	struct answer_set answers;
	struct chain_conflict *c = NULL;
	size_t n = 0;
	size_t flagged = 0;
	struct error err = {0};
	int status = EXIT_OK;

	if (store_answers_load(ctx->store, a->id, &answers, &err) < 0 ||
	    store_conflicts_load(ctx->store, a->id, &c, &n, &err) < 0) {
		cmd_error("%s", err.message);
		answer_set_release(&answers);
		return err.status;
	}
	for (size_t i = 0; i < answers.count; i++)
		if (answers.items[i].flagged) {
			if (flagged++ == 0)
				fputs("Flagged for review:", stdout);
			term_print_format(stdout, " %s", answers.items[i].question_id);
		}
	if (flagged)
		putchar('\n');
	if (n) {
		fputs("Disputed (conflicts from merges, 'cirt conflicts' lists them):", stdout);
		for (size_t i = 0; i < n; i++)
			term_print_format(stdout, " %s", c[i].question_id);
		putchar('\n');
	}
	if ((flagged || n) && !yes) {
		if (!isatty(STDIN_FILENO)) {
			cmd_error("the assessment of %s %d has questions flagged or disputed; "
				  "finalize it all the same with --yes",
				  a->country, a->cycle);
			status = EXIT_USAGE;
		} else if (!cmd_ask("Finalize it all the same?")) {
			cmd_error("not finalized");
			status = EXIT_FAIL;
		}
	}
	store_conflicts_release(c, n);
	answer_set_release(&answers);
	return status;
}

static int
set_status(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv, int final)
{
	struct assessment a;
	struct error err = {0};
	int status;
	int yes = 0;
	int first;

	if (final) {
		if (cmd_yes_option(self, argc, argv, &yes, &first) != 0)
			return EXIT_USAGE;
		if (first < argc)
			return cmd_usage_error(self, "unexpected argument '%s'", argv[first]);
	} else if (cmd_no_arguments(self, argc, argv) != 0) {
		return EXIT_USAGE;
	}
	status = cmd_assessment(ctx, 0, &a);
	if (status != EXIT_OK)
		return status;
	status = cmd_claim(ctx, &a, final ? "finalize" : "reopen", "");
	if (status != EXIT_OK) {
		assessment_release(&a);
		return status;
	}
	if (final && !a.final && missing_required(ctx, &a) > 0) {
		assessment_release(&a);
		return EXIT_DATA;
	}
	if (final && !a.final) {
		status = confirm_open_items(ctx, &a, yes);
		if (status != EXIT_OK) {
			assessment_release(&a);
			return status;
		}
	}
	if (store_assessment_set_final(ctx->store, &a, final, ctx->assessor, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(&a);
		return err.status;
	}
	if (final)
		printf("The assessment of %s %d is final: its answers can no longer change "
		       "(cirt reopen makes it a draft again).\n",
		       a.country, a.cycle);
	else
		printf("The assessment of %s %d is a draft again.\n", a.country, a.cycle);
	assessment_release(&a);
	return EXIT_OK;
}

static int
run_finalize(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	return set_status(self, ctx, argc, argv, 1);
}

static int
run_reopen(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	return set_status(self, ctx, argc, argv, 0);
}

#define STATUS_FLAGS                                                                               \
	(CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR | CMD_OPEN_DB |   \
	 CMD_WRITES | CMD_CHECKS_FILE | CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY)

const struct cmd cmd_finalize = {
	.name = "finalize",
	.summary = "mark an assessment final, so that its answers no longer change",
	.usage = "usage: cirt finalize --country CC [--cycle YEAR] [--yes] [--assessor NAME]\n"
		 "                     [--db FILE]\n"
		 "\n"
		 "Mark the assessment final. Every required question that is shown must\n"
		 "be answered first (don't know and not applicable count). Questions still\n"
		 "flagged for review, and those merges left disputed, are listed and the\n"
		 "step confirmed on a terminal (--yes in scripts). A final\n"
		 "assessment refuses changes until 'cirt reopen'. The change is kept in\n"
		 "the history.\n",
	.flags = STATUS_FLAGS,
	.run = run_finalize,
};

const struct cmd cmd_reopen = {
	.name = "reopen",
	.summary = "make a final assessment a draft again",
	.usage = "usage: cirt reopen --country CC [--cycle YEAR] [--assessor NAME] [--db FILE]\n"
		 "\n"
		 "Make a final assessment a draft again, so that answers can change. The\n"
		 "change is kept in the history.\n",
	.flags = STATUS_FLAGS,
	.run = run_reopen,
};
