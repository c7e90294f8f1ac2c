/* cirt assessments: list the assessments in the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "score_kept.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

static int
run_assessments(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const struct questionnaire *q = ctx->questionnaire;
	struct assessment *list = NULL;
	size_t count = 0;
	/* as wide as their text; the names and the assessors wrap */
	static const struct term_column cols[] = {
		{"COUNTRY", 0, 0, 1},
		{"CYCLE", 0, 0, 0},
		{"STATUS", 0, 0, 0},
		{"PROGRESS", 0, 0, 0},
		{"LAST CHANGE (UTC)", 0, 0, 0},
		{"ASSESSORS", 0, 0, 1},
	};

	struct error err = {0};
	int status = EXIT_OK;
	char **cells;
	size_t rows = 0;
	unsigned char *need;
	unsigned char *done;
	struct score_result *scores;

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
	/* progress from the kept scores (score_kept.h), which count the
	 * questions shown and answered, for those of this questionnaire */
	need = xcalloc(count + 1, 1);
	done = xcalloc(count + 1, 1);
	scores = xcalloc(count + 1, sizeof(*scores));
	for (size_t i = 0; i < count; i++)
		need[i] = strcmp(list[i].questionnaire_id, q->id) == 0;
	if (score_kept(ctx->store, q, list, count, need, scores, done, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
	}
	cells = xcalloc(6 * count, sizeof(*cells));
	for (size_t i = 0; i < count && status == EXIT_OK; i++) {
		const struct assessment *a = &list[i];
		const struct country *c = country_find(a->country);
		char **row = &cells[6 * rows];

		row[0] = xasprintf("%s %s", a->country, c ? c->name : "");
		row[1] = xasprintf("%d", a->cycle);
		row[2] = xstrdup(a->final ? "final" : "draft");
		if (done[i]) {
			size_t shown = scores[i].shown;
			size_t answered = scores[i].answered;

			row[3] = xasprintf("%zu/%zu %3.0f%%", answered, shown,
					   shown ? 100.0 * (double)answered / (double)shown : 0.0);
		} else {
			struct answer_set answers;
			size_t answered = 0;

			if (store_answers_load(ctx->store, a->id, &answers, &err) < 0) {
				cmd_error("%s", err.message);
				status = err.status;
				answers.count = 0;
			}
			for (size_t k = 0; k < answers.count; k++)
				answered += answer_is_given(&answers.items[k]);
			if (status == EXIT_OK)
				answer_set_release(&answers);
			row[3] = xasprintf("%zu answered", answered);
		}
		row[4] = xasprintf("%.10s %.5s", a->updated_at,
				   strlen(a->updated_at) > 11 ? a->updated_at + 11 : "");
		row[5] = xstrdup(a->assessors);
		rows++;
	}
	term_print_table(stdout, cols, 6, (const char *const *)cells, rows, 2, 0);
	for (size_t i = 0; i < 6 * rows; i++)
		free(cells[i]);
	for (size_t i = 0; i < count; i++)
		if (done[i])
			score_result_release(&scores[i]);
	free(scores);
	free(done);
	free(need);
	free(cells);
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
