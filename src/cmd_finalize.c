/* cirt finalize and cirt reopen: an assessment's status. */
#include <stdio.h>
#include <stdlib.h>

#include "answer.h"
#include "cmd.h"
#include "exitcode.h"
#include "store.h"

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

static int
set_status(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv, int final)
{
	struct assessment a;
	struct error err = {0};
	int status;

	if (cmd_no_arguments(self, argc, argv) != 0)
		return EXIT_USAGE;
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
	 CMD_WRITES | CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY)

const struct cmd cmd_finalize = {
	.name = "finalize",
	.summary = "mark an assessment final, so that its answers no longer change",
	.usage = "usage: cirt finalize --country CC [--cycle YEAR] [--assessor NAME] [--db FILE]\n"
		 "\n"
		 "Mark the assessment final. Every required question that is shown must\n"
		 "be answered first (don't know and not applicable count). A final\n"
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
