/* cirt discard: remove a mistaken draft, leaving a record of the removal. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "answer.h"
#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

static int
run_discard(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	struct assessment a;
	struct answer_set answers;
	struct error err = {0};
	size_t given = 0;
	int status;
	int yes;
	int first;

	if (cmd_yes_option(self, argc, argv, &yes, &first) != 0)
		return EXIT_USAGE;
	if (first < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[first]);
	if (ctx->cycle == 0)
		return cmd_usage_error(self, "name the cycle to discard with --cycle YEAR");
	status = cmd_assessment_answers(ctx, &a, &answers);
	if (status != EXIT_OK)
		return status;
	for (size_t i = 0; i < answers.count; i++)
		if (answer_is_given(&answers.items[i]))
			given++;
	answer_set_release(&answers);
	if (a.final) {
		cmd_error("the assessment of %s %d is final and cannot be discarded", a.country,
			  a.cycle);
		assessment_release(&a);
		return EXIT_DATA;
	}
	status = cmd_claim(ctx, &a, "discard", "; nothing was discarded");
	if (status != EXIT_OK) {
		assessment_release(&a);
		return status;
	}
	if (!yes) {
		char *text;
		char *question;
		int r;

		if (!isatty(STDIN_FILENO)) {
			cmd_error("discarding the assessment of %s %d removes its %zu answer%s and "
				  "its history; say so with --yes",
				  a.country, a.cycle, given, given == 1 ? "" : "s");
			assessment_release(&a);
			return EXIT_USAGE;
		}
		text = xasprintf("Discard the draft assessment of %s (%s), %d: %zu answer%s "
				 "by %s, last changed %s? Only a record of its removal stays.",
				 ctx->country->name, a.country, a.cycle, given,
				 given == 1 ? "" : "s", a.assessors, a.updated_at);
		question = term_safe(text);
		free(text);
		r = cmd_ask(question);
		free(question);
		if (!r) {
			cmd_error("nothing was discarded");
			assessment_release(&a);
			return EXIT_FAIL;
		}
	}
	if (store_assessment_discard(ctx->store, &a, ctx->assessor, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(&a);
		return err.status;
	}
	term_print_line(stdout,
			"Discarded the assessment of %s %d (%zu answer%s, %lld history entries, "
			"head %s); the register keeps who discarded it and when.",
			a.country, a.cycle, given, given == 1 ? "" : "s", a.entries, a.head);
	assessment_release(&a);
	return EXIT_OK;
}

const struct cmd cmd_discard = {
	.name = "discard",
	.summary = "remove a mistaken draft assessment, keeping a record of its removal",
	.usage = "usage: cirt discard --country CC --cycle YEAR [--yes] [--assessor NAME]\n"
		 "                    [--db FILE]\n"
		 "\n"
		 "Remove a draft assessment (one started by mistake, for the wrong country\n"
		 "or year) with its answers, meetings and history. It is confirmed on a\n"
		 "terminal; scripts pass --yes. The register keeps who discarded it, when,\n"
		 "and its last history hash, and 'cirt verify' lists it. A final assessment\n"
		 "cannot be discarded; one that a session is changing is refused.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR |
		CMD_OPEN_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_discard,
};
