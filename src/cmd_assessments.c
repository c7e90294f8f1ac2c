/* cirt assessments: list the assessments in the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "store.h"
#include "term.h"

/* How many questions the questionnaire shows given these answers, and how
 * many of them are answered. */
static void
shown_counts(const struct questionnaire *q, const struct answer_set *answers, size_t *shown,
	     size_t *answered)
{
	unsigned char *on = calloc(q->question_count, 1);

	*shown = 0;
	*answered = 0;
	if (on == NULL)
		return;
	answer_set_visibility(q, answers, on);
	for (size_t i = 0; i < q->question_count; i++) {
		if (!on[i])
			continue;
		(*shown)++;
		*answered += answer_is_given(answer_set_find(answers, q->questions[i].id));
	}
	free(on);
}

static int
run_assessments(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const struct questionnaire *q = ctx->questionnaire;
	struct assessment *list = NULL;
	size_t count = 0;
	struct error err = {0};
	int status = EXIT_OK;

	if (cmd_no_arguments(self, argc, argv) != 0)
		return EXIT_USAGE;
	if (store_assessment_list(ctx->store, &list, &count, &err) < 0) {
		cmd_error("%s", err.message);
		return err.status;
	}
	if (count == 0) {
		char *run = cmd_command_line(ctx, "run", "--country CC", 1);

		term_print_line(stdout, "No assessments in %s yet; start one with '%s'.",
				ctx->db_path, run);
		free(run);
		free(list);
		return EXIT_OK;
	}
	printf("%-24s %-5s  %-6s %-16s %-17s %s\n", "COUNTRY", "CYCLE", "STATUS", "PROGRESS",
	       "LAST CHANGE (UTC)", "ASSESSORS");
	for (size_t i = 0; i < count && status == EXIT_OK; i++) {
		const struct assessment *a = &list[i];
		const struct country *c = country_find(a->country);
		char name[64];
		char progress[32];
		struct answer_set answers;

		snprintf(name, sizeof(name), "%s %s", a->country, c ? c->name : "");
		if (store_answers_load(ctx->store, a->id, &answers, &err) < 0) {
			cmd_error("%s", err.message);
			status = err.status;
			break;
		}
		if (strcmp(a->questionnaire_id, q->id) == 0) {
			size_t shown;
			size_t answered;

			shown_counts(q, &answers, &shown, &answered);
			snprintf(progress, sizeof(progress), "%zu/%zu %3.0f%%", answered, shown,
				 shown ? 100.0 * (double)answered / (double)shown : 0.0);
		} else {
			size_t answered = 0;

			for (size_t k = 0; k < answers.count; k++)
				answered += answer_is_given(&answers.items[k]);
			snprintf(progress, sizeof(progress), "%zu answered", answered);
		}
		answer_set_release(&answers);
		term_print_padded(stdout, name, 24);
		printf(" %-5d  %-6s %-16s ", a->cycle, a->final ? "final" : "draft", progress);
		term_print_format(stdout, "%.10s %.5s  ", a->updated_at,
				  strlen(a->updated_at) > 11 ? a->updated_at + 11 : "");
		term_print_safe(stdout, a->assessors);
		putchar('\n');
	}
	assessment_list_release(list, count);
	return status;
}

const struct cmd cmd_assessments = {
	.name = "assessments",
	.summary = "list the assessments with status and progress",
	.usage = "usage: cirt assessments [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "List the assessments in the database: country, cycle, status (draft or\n"
		 "final), progress (questions answered of those shown), the last change\n"
		 "and who has worked on it.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPEN_DB | CMD_LOAD_QUESTIONNAIRE,
	.run = run_assessments,
};
