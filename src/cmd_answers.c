/* cirt answers: list an assessment's answers as a table, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

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
write_csv_row(const struct answer *w, const struct question *qu, int hidden, const char *lang)
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
	fputs(hidden ? ",1" : ",0", stdout);
	csv_end_record(stdout);
}

/* Print "LABEL: text" under a row's answer, wrapped under the text; text
 * comes from outside, so a line feed in it shows as the rule in term.h
 * says rather than starting a line. */
static void
write_table_note(const char *label, const char *text, int indent, const char *lang)
{
	char *head = xasprintf("%*s%s%s ", indent, "", label, i18n(lang, MSG_COLON));
	char *safe = term_safe(text);
	int column = term_width(head);

	fputs(head, stdout);
	term_print_continued(stdout, safe, column, column, 0);
	free(safe);
	free(head);
}

/* One answer: its id in a column of id_width, then what it says wrapped to
 * the terminal's width under itself, with its marks; then its evidence
 * and note. */
static void
write_table_row(const struct answer *w, const struct question *qu, int hidden, int id_width,
		const char *lang)
{
	char *d = qu ? answer_describe(qu, w->state, w->value, lang) : NULL;
	char *safe = term_safe(d ? d : (w->value ? w->value : answer_state_name(w->state)));
	char *marked = xasprintf(
		"%s%s%s%s%s%s%s%s", qu ? "" : i18n(lang, MSG_A_GONE), qu ? "" : " ", safe,
		hidden ? "  (" : "", hidden ? i18n(lang, MSG_HIDDEN) : "", hidden ? ")" : "",
		w->flagged ? "  " : "", w->flagged ? i18n(lang, MSG_A_FLAGGED) : "");

	term_print_padded(stdout, w->question_id, id_width);
	putchar(' ');
	term_print_continued(stdout, marked, id_width + 1, id_width + 1, 0);
	if (*w->evidence) {
		/* evidence is a list, an item a line: "1) ...; 2) ..." */
		char *list = xstrdup("");
		size_t k = 0;

		for (const char *p = w->evidence; *p;) {
			size_t len = strcspn(p, "\n");
			char *more = strchr(w->evidence, '\n')
				? xasprintf("%s%s%zu) %.*s", list, k ? "; " : "", k + 1, (int)len,
					    p)
				: xasprintf("%.*s", (int)len, p);

			free(list);
			list = more;
			k++;
			p += len + (p[len] == '\n');
		}
		write_table_note(i18n(lang, MSG_A_EVIDENCE), list, id_width + 1, lang);
		free(list);
	}
	if (*w->comment)
		write_table_note(i18n(lang, MSG_A_NOTE), w->comment, id_width + 1, lang);
	free(marked);
	free(safe);
	free(d);
}

static void
write_row(enum output_format format, const struct answer *w, const struct question *qu, int hidden,
	  int id_width, const char *lang)
{
	if (format == OUTPUT_CSV)
		write_csv_row(w, qu, hidden, lang);
	else
		write_table_row(w, qu, hidden, id_width, lang);
}

/* The table's header: the answers counted as 'cirt assessments' counts
 * them (to the questions shown), and those kept for hidden questions. */
static void
write_table_header(const struct cmd_context *ctx, const struct assessment *a, size_t answered,
		   size_t hidden, const char *lang)
{
	char number[24];
	const char *args[2] = {number, NULL};
	char *count;
	char *more;

	snprintf(number, sizeof(number), "%zu", answered);
	count = i18n_format(i18n_n(lang, MSG_A_ANSWERS_COUNT, answered), args, 1);
	term_print_line(stdout, "%s %d, %s, %s (%s)", a->country, a->cycle,
			i18n(lang, a->final ? MSG_S_FINAL : MSG_S_DRAFT), count, ctx->db_path);
	free(count);
	if (hidden == 0)
		return;
	snprintf(number, sizeof(number), "%zu", hidden);
	args[1] = i18n(lang, MSG_HIDDEN);
	more = i18n_format(i18n_n(lang, MSG_A_HIDDEN_KEPT, hidden), args, 2);
	term_print_wrapped(stdout, more, 0, 0);
	free(more);
}

static int
run_answers(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const struct questionnaire *q = ctx->questionnaire;
	const char *lang = cmd_lang(ctx);
	enum output_format format;
	struct answer_set answers;
	struct assessment a;
	unsigned char *shown;
	const struct answer **by_question;
	size_t answered = 0;
	size_t hidden = 0;
	int id_width = 8;
	int status;

	if (cmd_format_option(self, argc, argv, &format) != 0)
		return EXIT_USAGE;
	status = cmd_assessment_answers(ctx, &a, &answers);
	if (status != EXIT_OK)
		return status;
	if (format == OUTPUT_JSON) {
		json_write_answers(stdout, &a, q, &answers, lang);
		answer_set_release(&answers);
		assessment_release(&a);
		return EXIT_OK;
	}
	shown = xcalloc(q->question_count + 1, 1);
	by_question = xcalloc(q->question_count + 1, sizeof(*by_question));
	answer_set_index(q, &answers, by_question);
	answer_index_visibility(q, by_question, shown);
	for (size_t i = 0; i < q->question_count; i++) {
		int given = answer_is_given(by_question[i]);

		answered += shown[i] && given;
		hidden += !shown[i] && given;
	}
	for (size_t i = 0; i < answers.count; i++) {
		int w = term_width(answers.items[i].question_id);

		if (w > id_width && w <= 24)
			id_width = w;
	}
	if (format == OUTPUT_CSV) {
		fputs("question_id,value,evidence,comment,state,flagged,answered_by,"
		      "answered_at,question,hidden",
		      stdout);
		csv_end_record(stdout);
	} else {
		write_table_header(ctx, &a, answered, hidden, lang);
	}
	/* questionnaire order first, then questions it no longer has */
	for (size_t i = 0; i < q->question_count; i++) {
		const struct answer *w = by_question[i];

		if (w)
			write_row(format, w, &q->questions[i], !shown[i], id_width, lang);
	}
	for (size_t i = 0; i < answers.count; i++)
		if (!questionnaire_find_question(q, answers.items[i].question_id))
			write_row(format, &answers.items[i], NULL, 0, id_width, lang);
	free(shown);
	free(by_question);
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
		 "choices. Then come state, flagged, answered_by, answered_at, the\n"
		 "question's text and hidden (1 when skip logic now hides the question:\n"
		 "its answer is kept, but neither counted nor scored).\n"
		 "\n"
		 "The table wraps at the terminal's width and marks such answers\n"
		 "(hidden); its count, like that of 'cirt assessments', is of the answers\n"
		 "to the questions shown. JSON gives answered and answered_hidden, and\n"
		 "hidden for each answer.\n"
		 "\n"
		 "Options:\n"
		 "  --format F   table (default), csv or json\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_answers,
};
