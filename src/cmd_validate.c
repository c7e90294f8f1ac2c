/* cirt validate: check questionnaire files. */
#include <stdio.h>

#include "cmd.h"
#include "exitcode.h"
#include "questionnaire.h"
#include "term.h"

static int
run_validate(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	int status = EXIT_OK;
	int first;

	(void)ctx;
	if (cmd_no_options(self, argc, argv, &first) != 0)
		return EXIT_USAGE;
	if (first == argc)
		return cmd_usage_error(self, "name at least one questionnaire file");
	for (int i = first; i < argc; i++) {
		struct diag diags = DIAG_INIT;
		int io_error = 0;
		struct questionnaire *q = questionnaire_load(argv[i], &diags, &io_error);

		if (q) {
			struct diag warnings = DIAG_INIT;

			term_print_line(stdout,
					"%s: ok (%zu pillar%s, %zu indicator%s, %zu question%s)",
					argv[i], q->pillar_count, q->pillar_count == 1 ? "" : "s",
					q->indicator_count, q->indicator_count == 1 ? "" : "s",
					q->question_count, q->question_count == 1 ? "" : "s");
			questionnaire_warnings(q, &warnings);
			cmd_print_diagnostics(&warnings);
			diag_release(&warnings);
			questionnaire_free(q);
		} else {
			int file_status = io_error ? EXIT_IO : EXIT_FAIL;

			cmd_print_diagnostics(&diags);
			if (file_status > status)
				status = file_status;
		}
		diag_release(&diags);
	}
	return status;
}

const struct cmd cmd_validate = {
	.name = "validate",
	.summary = "check questionnaire files against the schema and the rules",
	.usage = "usage: cirt validate FILE...\n"
		 "\n"
		 "Check each questionnaire file: well-formed UTF-8 XML without a DTD,\n"
		 "valid against the built-in schema, unique ids, conditions that test\n"
		 "earlier questions, positive weights, rising tier thresholds, scores\n"
		 "within 0..1, and every text in the default language (and in every\n"
		 "language the file declares).\n"
		 "\n"
		 "Prints 'FILE: ok (P pillars, I indicators, Q questions)' for a good\n"
		 "file, or every error found as 'FILE:LINE: message' on stderr.\n"
		 "A good file may also get warnings on stderr, 'FILE:LINE: warning:\n"
		 "message', for example a scored question without a recommendation of\n"
		 "its own; they leave the exit status alone.\n"
		 "Exit status 1 when a file is invalid, 4 when one cannot be read.\n",
	.flags = 0,
	.run = run_validate,
};
