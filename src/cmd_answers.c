/* cirt answers: list an assessment's answers as a table, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "term.h"

/* The value column as import reads it. */
static const char *
csv_value(const struct answer *w)
{
	switch (w->state) {
	case ANSWER_DONT_KNOW:
		return "dk";
	case ANSWER_NOT_APPLICABLE:
		return "na";
	case ANSWER_VALUE:
		return *w->value ? w->value : "-";
	default:
		return "";
	}
}

static void
write_csv_row(const struct answer *w, const struct question *qu, const char *lang)
{
	cmd_csv_field(w->question_id);
	fputc(',', stdout);
	cmd_csv_field(csv_value(w));
	fputc(',', stdout);
	cmd_csv_field(w->evidence);
	fputc(',', stdout);
	cmd_csv_field(w->comment);
	fputc(',', stdout);
	cmd_csv_field(answer_state_name(w->state));
	fputs(w->flagged ? ",1," : ",0,", stdout);
	cmd_csv_field(w->answered_by);
	fputc(',', stdout);
	cmd_csv_field(w->answered_at);
	fputc(',', stdout);
	cmd_csv_field(qu ? text_get(&qu->text, lang) : "");
	csv_end_record(stdout);
}

static void
write_table_row(const struct answer *w, const struct question *qu, const char *lang)
{
	char *d = qu ? answer_describe(qu, w->state, w->value, lang) : NULL;

	term_print_padded(stdout, w->question_id, 8);
	putchar(' ');
	if (!qu)
		printf("%s ", i18n(lang, MSG_A_GONE));
	term_print_safe(stdout, d ? d : (w->value ? w->value : answer_state_name(w->state)));
	if (w->flagged)
		printf("  %s", i18n(lang, MSG_A_FLAGGED));
	putchar('\n');
	if (*w->evidence) {
		printf("         %s%s ", i18n(lang, MSG_A_EVIDENCE), i18n(lang, MSG_COLON));
		term_print_safe(stdout, w->evidence);
		putchar('\n');
	}
	if (*w->comment) {
		printf("         %s%s ", i18n(lang, MSG_A_NOTE), i18n(lang, MSG_COLON));
		term_print_safe(stdout, w->comment);
		putchar('\n');
	}
	free(d);
}

static void
write_row(enum output_format format, const struct answer *w, const struct question *qu,
	  const char *lang)
{
	if (format == OUTPUT_CSV)
		write_csv_row(w, qu, lang);
	else
		write_table_row(w, qu, lang);
}

static int
run_answers(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *lang = cmd_lang(ctx);
	enum output_format format;
	struct answer_set answers;
	struct assessment a;
	int status;

	if (cmd_format_option(self, argc, argv, &format) != 0)
		return EXIT_USAGE;
	status = cmd_assessment_answers(ctx, &a, &answers);
	if (status != EXIT_OK)
		return status;
	if (format == OUTPUT_JSON) {
		json_write_answers(stdout, &a, q, &answers, lang);
	} else {
		if (format == OUTPUT_CSV) {
			fputs("question_id,value,evidence,comment,state,flagged,answered_by,"
			      "answered_at,question",
			      stdout);
			csv_end_record(stdout);
		} else {
			term_print_line(stdout, "%s %d, %s, %zu %s (%s)", a.country, a.cycle,
					i18n(lang, a.final ? MSG_S_FINAL : MSG_S_DRAFT), a.answered,
					i18n(lang, a.answered == 1 ? MSG_A_ANSWER : MSG_A_ANSWERS),
					ctx->db_path);
		}
		/* questionnaire order first, then questions it no longer has */
		for (size_t i = 0; i < q->question_count; i++) {
			const struct answer *w = answer_set_find(&answers, q->questions[i].id);

			if (w)
				write_row(format, w, &q->questions[i], lang);
		}
		for (size_t i = 0; i < answers.count; i++)
			if (!questionnaire_find_question(q, answers.items[i].question_id))
				write_row(format, &answers.items[i], NULL, lang);
	}
	answer_set_release(&answers);
	assessment_release(&a);
	return EXIT_OK;
}

const struct cmd cmd_answers = {
	.name = "answers",
	.summary = "list an assessment's answers with evidence and notes",
	.usage = "usage: cirt answers --country CC [--cycle YEAR] [--format table|csv|json]\n"
		 "                    [--lang L] [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "List the answers of an assessment, one row per question that has an\n"
		 "answer, evidence, a note or a flag, in questionnaire order; answers to\n"
		 "questions the questionnaire no longer has come last.\n"
		 "\n"
		 "CSV (RFC 4180, UTF-8, one header row) starts with the columns that\n"
		 "'cirt import' reads: question_id,value,evidence,comment, so that a\n"
		 "listing can be imported again; dk and na stand for don't know and not\n"
		 "applicable, and - for a multiple choice answered with none of the\n"
		 "choices. Then come state, flagged, answered_by, answered_at and the\n"
		 "question's text.\n"
		 "\n"
		 "Options:\n"
		 "  --format F   table (default), csv or json\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_answers,
};
