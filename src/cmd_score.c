/* cirt score: an assessment's pillar and overall scores, tier and
 * completeness. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "i18n.h"
#include "json.h"
#include "score.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

static void
csv_row(const char *level, const char *id, const char *title, double score, double points,
	double worth, const char *status, double completeness)
{
	cmd_csv_field(level);
	fputc(',', stdout);
	cmd_csv_field(id);
	fputc(',', stdout);
	cmd_csv_field(title);
	printf(",%.4f,%.2f,%.2f,", score, points, worth);
	cmd_csv_field(status);
	if (completeness >= 0)
		printf(",%.4f", completeness);
	else
		fputc(',', stdout);
	csv_end_record(stdout);
}

static void
print_csv(const struct questionnaire *q, const struct score_result *r, const char *lang)
{
	fputs("level,id,title,score,points,worth,status,completeness", stdout);
	csv_end_record(stdout);
	csv_row("overall", q->id, text_get(&q->title, lang), r->overall / 100, r->overall, 100,
		text_get(&q->tiers[r->tier].name, lang), r->completeness);
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar_score *ps = &r->pillars[p];

		csv_row("pillar", q->pillars[p].id, text_get(&q->pillars[p].title, lang), ps->score,
			ps->points, ps->worth, ps->counted ? "" : "not applicable",
			ps->shown ? (double)ps->answered / (double)ps->shown : 0);
		for (size_t k = 0; k < q->pillars[p].indicator_count; k++) {
			size_t i = q->pillars[p].first_indicator + k;
			const struct indicator_score *is = &r->indicators[i];

			csv_row("indicator", q->indicators[i].id,
				text_get(&q->indicators[i].title, lang), is->score, is->points,
				is->worth, score_status_name(is->status), -1);
		}
	}
}

/* The pillars' points in a table as wide as the terminal: a long or wide
 * (Chinese, say) title wraps in its column and never pushes the numbers
 * out of theirs; the lines below wrap at words. */
static void
print_table(const struct assessment *a, const struct questionnaire *q, const struct score_result *r,
	    const char *lang)
{
	const struct term_column cols[] = {
		{i18n(lang, MSG_S_PILLAR), 46, 0, 1},
		{i18n(lang, MSG_S_POINTS), 7, 1, 0},
		{i18n(lang, MSG_S_OF), 7, 1, 0},
	};
	size_t rows = q->pillar_count + 1;
	const char **cells = xcalloc(3 * rows, sizeof(*cells));
	char(*numbers)[2][I18N_NUMBER_SIZE] = xcalloc(rows, sizeof(*numbers));
	char *line;

	term_print_line(stdout, "%s %d \u00b7 %s %s \u00b7 %s", a->country, a->cycle, q->id,
			q->version, i18n(lang, a->final ? MSG_S_FINAL : MSG_S_DRAFT));
	for (size_t p = 0; p < q->pillar_count; p++) {
		const struct pillar_score *ps = &r->pillars[p];
		const char **row = &cells[3 * p];

		row[0] = text_get(&q->pillars[p].title, lang);
		if (ps->counted) {
			row[1] = i18n_fixed(numbers[p][0], ps->points, 1, 0, lang);
			row[2] = i18n_fixed(numbers[p][1], ps->worth, 1, 0, lang);
		} else {
			row[1] = i18n(lang, MSG_NOT_APPLICABLE); /* across both */
		}
	}
	cells[3 * q->pillar_count] = i18n(lang, MSG_S_OVERALL);
	cells[3 * q->pillar_count + 1] =
		i18n_fixed(numbers[q->pillar_count][0], r->overall, 1, 0, lang);
	cells[3 * q->pillar_count + 2] = i18n_fixed(numbers[q->pillar_count][1], 100, 1, 0, lang);
	term_print_table(stdout, cols, 3, cells, rows, 1, 0);
	line = xasprintf("%s%s %s", i18n(lang, MSG_R_TIER), i18n(lang, MSG_COLON),
			 text_get(&q->tiers[r->tier].name, lang));
	term_print_wrapped(stdout, line, 0, 0);
	free(line);
	{
		char n[3][48];
		const char *args[3] = {n[0], n[1], n[2]};
		char *counts;

		snprintf(n[0], sizeof(n[0]), "%.0f%s", 100 * r->completeness,
			 i18n(lang, MSG_PERCENT));
		snprintf(n[1], sizeof(n[1]), "%zu", r->answered);
		snprintf(n[2], sizeof(n[2]), "%zu", r->shown);
		counts = i18n_format(i18n(lang, MSG_S_COMPLETENESS), args, 3);
		line = xasprintf("%s%s %s", i18n(lang, MSG_R_COMPLETENESS), i18n(lang, MSG_COLON),
				 counts);
		free(counts);
	}
	term_print_wrapped(stdout, line, 0, 0);
	free(line);
	free(numbers);
	free(cells);
}

static int
run_score(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *lang = cmd_lang(ctx);
	enum output_format format;
	struct answer_set answers;
	struct score_result r;
	struct assessment a;
	int status;

	if (cmd_format_option(self, argc, argv, &format) != 0)
		return EXIT_USAGE;
	status = cmd_assessment_answers(ctx, &a, &answers);
	if (status != EXIT_OK)
		return status;
	score_assessment(q, &answers, &r);
	if (format == OUTPUT_JSON)
		json_write_scores(stdout, &a, q, &r, lang);
	else if (format == OUTPUT_CSV)
		print_csv(q, &r, lang);
	else
		print_table(&a, q, &r, lang);
	score_result_release(&r);
	answer_set_release(&answers);
	assessment_release(&a);
	return EXIT_OK;
}

const struct cmd cmd_score = {
	.name = "score",
	.summary = "score an assessment: pillars, overall, tier, completeness",
	.usage = "usage: cirt score --country CC [--cycle YEAR] [--format table|csv|json]\n"
		 "                  [--lang L] [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Print the points of each pillar, the overall score out of 100, the\n"
		 "readiness tier and the completeness (answered share of the questions\n"
		 "shown). Don't know and unanswered questions count 0; not applicable and\n"
		 "hidden questions leave the denominator. CSV and JSON add every\n"
		 "indicator with its score and status (met at 0.75, partial above 0.25).\n"
		 "CSV columns: level (overall, pillar, indicator), id, title, score (0-1),\n"
		 "points, worth, status (the tier for the overall row), completeness.\n"
		 "\n"
		 "Options:\n"
		 "  --format F   table (default), csv or json\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_score,
};
