/* cirt import: load answers from a CSV file, all rows or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "cmd.h"
#include "csv.h"
#include "exitcode.h"
#include "file.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

static const char *const columns[] = {"question_id", "value", "evidence", "comment"};

#define MAX_REPORTED 50

struct parsed {
	struct answer_change *changes;
	char **values; /* owned canonical values, one per change */
	size_t count;
};

static void
parsed_release(struct parsed *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->values[i]);
	free(p->values);
	free(p->changes);
}

/* Check every row against the questionnaire and turn it into a change;
 * print each problem as "FILE: row N (line L): message". Returns the
 * number of problems. */
static size_t
check_rows(const char *path, const struct questionnaire *q, const struct csv_row *rows,
	   size_t count, struct parsed *out)
{
	size_t problems = 0;

	out->changes = xcalloc(count, sizeof(*out->changes));
	out->values = xcalloc(count, sizeof(*out->values));
	for (size_t i = 1; i < count; i++) {
		const struct csv_row *r = &rows[i];
		const struct question *qu;
		struct answer_change *c;
		char message[256];
		enum answer_state state;
		char *value = NULL;
		const char *problem = NULL;

#define PROBLEM(...)                                                                               \
	do {                                                                                       \
		if (problems++ < MAX_REPORTED) {                                                   \
			term_print_format(stderr, "%s: row %zu (line %ld): ", path, i + 1,         \
					  r->line);                                                \
			term_print_line(stderr, __VA_ARGS__);                                      \
		}                                                                                  \
	} while (0)
		if (r->count != rows[0].count) {
			PROBLEM("%zu fields, but the header has %zu", r->count, rows[0].count);
			continue;
		}
		qu = questionnaire_find_question(q, r->fields[0]);
		if (qu == NULL) {
			PROBLEM("unknown question id '%s'", r->fields[0]);
			continue;
		}
		for (size_t k = 1; k < i; k++)
			if (rows[k].count > 0 && strcmp(rows[k].fields[0], r->fields[0]) == 0) {
				PROBLEM("question '%s' appears again (first on row %zu)",
					r->fields[0], k + 1);
				problem = "duplicate";
				break;
			}
		if (problem)
			continue;
		for (size_t k = 2; k < 4; k++)
			if ((k == 2 ? answer_check_evidence(r->fields[k], ANSWER_TEXT_MAX, "en",
							    message, sizeof(message))
				    : answer_check_text(r->fields[k], ANSWER_TEXT_MAX, "en",
							message, sizeof(message))) < 0) {
				PROBLEM("%s: %s", columns[k], message);
				problem = "text";
			}
		if (problem)
			continue;
		c = &out->changes[out->count];
		if (*r->fields[1]) {
			if (answer_parse(qu, r->fields[1], "en", ANSWER_INPUT_IMPORT, &state,
					 &value, message, sizeof(message)) < 0) {
				PROBLEM("question '%s': %s", qu->id, message);
				continue;
			}
			c->set_answer = 1;
			c->state = state;
			c->value = value;
		}
		c->question_id = qu->id;
		c->set_evidence = *r->fields[2] != '\0';
		c->evidence = r->fields[2];
		c->set_comment = *r->fields[3] != '\0';
		c->comment = r->fields[3];
		c->reason = "imported";
		out->values[out->count++] = value;
#undef PROBLEM
	}
	if (problems > MAX_REPORTED)
		term_print_line(stderr, "%s: %zu more problems not shown", path,
				problems - MAX_REPORTED);
	return problems;
}

static int
run_import(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	const char *path;
	struct csv_row *rows = NULL;
	size_t count = 0;
	struct parsed parsed = {0};
	struct assessment a;
	struct error err = {0};
	char message[256];
	size_t size;
	char *data;
	int first;
	int yes;
	int status = EXIT_OK;
	int changed;

	if (cmd_yes_option(self, argc, argv, &yes, &first) != 0)
		return EXIT_USAGE;
	if (argc - first != 1)
		return cmd_usage_error(self, "name one CSV file");
	path = argv[first];
	data = file_read(path, (size_t)CSV_MAX_BYTES, &size, &err);
	if (data == NULL) {
		cmd_error("%s: %s", path, err.message);
		return EXIT_IO;
	}
	if (csv_parse(data, size, &rows, &count, message, sizeof(message)) < 0) {
		cmd_error("%s: %s; nothing was imported", path, message);
		free(data);
		return EXIT_DATA;
	}
	free(data);
	if (count == 0 || rows[0].count < 4 || strcasecmp(rows[0].fields[0], columns[0]) != 0 ||
	    strcasecmp(rows[0].fields[1], columns[1]) != 0 ||
	    strcasecmp(rows[0].fields[2], columns[2]) != 0 ||
	    strcasecmp(rows[0].fields[3], columns[3]) != 0) {
		cmd_error("%s: line 1: the first row must name the columns "
			  "question_id,value,evidence,comment; nothing was imported",
			  path);
		status = EXIT_DATA;
		goto out;
	}
	if (check_rows(path, ctx->questionnaire, rows, count, &parsed) > 0) {
		cmd_error("%s: nothing was imported", path);
		status = EXIT_DATA;
		goto out;
	}
	status = cmd_assessment(ctx, 1, &a);
	if (status != EXIT_OK)
		goto out;
	status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_confirm_new(ctx, &a, yes);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "import", "; nothing was imported");
	if (status != EXIT_OK) {
		assessment_release(&a);
		goto out;
	}
	changed = store_answers_change(ctx->store, &a, parsed.changes, parsed.count, ctx->assessor,
				       &err);
	if (changed < 0) {
		cmd_error("%s; nothing was imported", err.message);
		status = err.status;
	} else {
		term_print_line(
			stdout,
			"%s: %zu row%s read, %d question%s changed in the assessment of %s %d",
			path, count - 1, count == 2 ? "" : "s", changed, changed == 1 ? "" : "s",
			a.country, a.cycle);
	}
	assessment_release(&a);
out:
	parsed_release(&parsed);
	csv_rows_free(rows, count);
	return status;
}

const struct cmd cmd_import = {
	.name = "import",
	.summary = "load answers from a CSV file, all rows or none",
	.usage = "usage: cirt import FILE.csv --country CC [--cycle YEAR] [--assessor NAME]\n"
		 "                   [--yes] [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Load answers from a CSV file (RFC 4180, UTF-8) whose first row names the\n"
		 "columns question_id,value,evidence,comment; further columns are ignored,\n"
		 "so the output of 'cirt answers --format csv' imports as it is. Values are\n"
		 "choice values (or labels), levels as numbers, numbers, dates as\n"
		 "YYYY-MM-DD, text, several choices separated by spaces (- for none), or\n"
		 "dk and na. An empty value, evidence or comment leaves what is stored.\n"
		 "\n"
		 "Every row is checked against the questionnaire first; any problem is\n"
		 "reported with its row and nothing is imported. Otherwise all rows are\n"
		 "applied in one transaction, with history. The assessment is created\n"
		 "with the first change it records. A country with no assessment yet is\n"
		 "named in full and confirmed on a terminal; a script says --yes. Refused\n"
		 "while a session or another command is changing the same assessment.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR |
		CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_import,
};
