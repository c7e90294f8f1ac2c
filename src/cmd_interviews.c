/* cirt interviews: the meetings an assessment's answers came from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "json.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

/* For each meeting, how many answers now come from it and how many
 * changes of the history were made in it. */
static void
count_sources(const struct meeting *m, size_t n, const struct answer_set *answers,
	      const struct history_entry *h, size_t hn, size_t *given, size_t *changes)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < answers->count; k++)
			if (answers->items[k].source &&
			    strcmp(answers->items[k].source, m[i].id) == 0)
				given[i]++;
		for (size_t k = 0; k < hn; k++)
			if (h[k].source && strcmp(h[k].field, "meeting") != 0 &&
			    strcmp(h[k].source, m[i].id) == 0)
				changes[i]++;
	}
}

static void
write_csv(const struct meeting *m, size_t n, const size_t *given, const size_t *changes)
{
	fputs("number,id,date,organisation,people,recorded_by,recorded_at,answers,changes", stdout);
	csv_end_record(stdout);
	for (size_t i = 0; i < n; i++) {
		printf("%zu,", i + 1);
		cmd_csv_field(m[i].id);
		fputc(',', stdout);
		cmd_csv_field(m[i].met_on);
		fputc(',', stdout);
		cmd_csv_field(m[i].organisation);
		fputc(',', stdout);
		cmd_csv_field(m[i].people);
		fputc(',', stdout);
		cmd_csv_field(m[i].recorded_by);
		fputc(',', stdout);
		cmd_csv_field(m[i].recorded_at);
		printf(",%zu,%zu", given[i], changes[i]);
		csv_end_record(stdout);
	}
}

/* Print text wrapped from column (-1: a line of its own at indent) with
 * later lines at indent; a line feed in it shows as term.h says. */
static void
print_wrapped_safe(const char *text, int column, int indent)
{
	char *safe = term_safe(text);

	if (column < 0) {
		printf("%*s", indent, "");
		column = indent;
	}
	term_print_continued(stdout, safe, column, indent, 0);
	free(safe);
}

static void
write_table(const struct cmd_context *ctx, const struct assessment *a, const struct meeting *m,
	    size_t n, const size_t *given, const size_t *changes)
{
	term_print_line(stdout, "%s %d, %zu meeting%s (%s)", a->country, a->cycle, n,
			n == 1 ? "" : "s", ctx->db_path);
	for (size_t i = 0; i < n; i++) {
		char *lead = xasprintf("%3zu  %s  ", i + 1, m[i].met_on);
		char *recorded =
			xasprintf("recorded by %s; %zu answer%s now from it, %zu change%s in it",
				  m[i].recorded_by, given[i], given[i] == 1 ? "" : "s", changes[i],
				  changes[i] == 1 ? "" : "s");

		/* long names wrap at the terminal's width, under the number */
		term_print_safe(stdout, lead);
		print_wrapped_safe(m[i].organisation, term_width(lead), 5);
		if (*m[i].people)
			print_wrapped_safe(m[i].people, -1, 5);
		print_wrapped_safe(recorded, -1, 5);
		free(recorded);
		free(lead);
	}
	if (n == 0) {
		char *args = xasprintf("--country %s --cycle %d", a->country, a->cycle);
		char *run = cmd_command_line(ctx, "run", args, 1);

		term_print_line(stdout,
				"No meeting is recorded; in a session, ':with ORGANISATION, ROLE' "
				"names the one in progress (%s).",
				run);
		free(run);
		free(args);
	}
}

static int
run_interviews(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	enum output_format format;
	struct assessment a;
	struct answer_set answers;
	struct meeting *m = NULL;
	struct history_entry *h = NULL;
	size_t n = 0;
	size_t hn = 0;
	size_t *given;
	size_t *changes;
	struct error err = {0};
	int status;

	if (cmd_format_option(self, argc, argv, &format) != 0)
		return EXIT_USAGE;
	status = cmd_assessment_answers(ctx, &a, &answers);
	if (status != EXIT_OK)
		return status;
	if (store_meetings_load(ctx->store, a.id, &m, &n, &err) < 0 ||
	    store_history_load(ctx->store, a.id, &h, &hn, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	given = xcalloc(n + 1, sizeof(*given));
	changes = xcalloc(n + 1, sizeof(*changes));
	count_sources(m, n, &answers, h, hn, given, changes);
	if (format == OUTPUT_JSON)
		json_write_meetings(stdout, &a, m, n, given, changes);
	else if (format == OUTPUT_CSV)
		write_csv(m, n, given, changes);
	else
		write_table(ctx, &a, m, n, given, changes);
	free(given);
	free(changes);
out:
	for (size_t i = 0; i < n; i++)
		meeting_release(&m[i]);
	free(m);
	history_release(h, hn);
	answer_set_release(&answers);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_interviews = {
	.name = "interviews",
	.summary = "list the meetings an assessment's answers came from",
	.usage = "usage: cirt interviews --country CC [--cycle YEAR] [--format table|csv|json]\n"
		 "                       [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "List the meetings recorded in an assessment's sessions (':with' in\n"
		 "'cirt run'), in the order they were first named: the date, the\n"
		 "organisation, the people met (roles, with names where they were given),\n"
		 "the assessor who recorded it, how many answers now come from it and how\n"
		 "many changes were made in it.\n"
		 "\n"
		 "Options:\n"
		 "  --format F   table (default), csv or json\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_interviews,
};
