/* cirt export: one assessment as a bundle for another laptop. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exchange.h"
#include "exitcode.h"
#include "file.h"
#include "json.h"
#include "term.h"
#include "xmalloc.h"

static int
run_export(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL;
	struct assessment a;
	struct bundle b;
	struct error err = {0};
	char *path;
	char *text;
	int status;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		if (ch != 'o')
			return cmd_bad_option(self, ch, argc, argv);
		output = optarg;
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[optind]);
	status = cmd_assessment(ctx, 0, &a);
	if (status != EXIT_OK)
		return status;
	if (exchange_export(ctx->store, &a, ctx->assessor, &b, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(&a);
		return err.status;
	}
	path = output ? xstrdup(output) : xasprintf("%s-%d.cirt.json", a.country, a.cycle);
	text = json_bundle_text(&b);
	if (text == NULL || file_write_atomic(path, text, strlen(text), &err) < 0) {
		cmd_error("%s", text ? err.message : "cannot write the bundle");
		status = EXIT_IO;
	} else {
		term_print_line(stdout, "%s: %s %d, %zu answer%s, %zu history entr%s", path,
				a.country, a.cycle, b.answers.count,
				b.answers.count == 1 ? "" : "s", b.history_count,
				b.history_count == 1 ? "y" : "ies");
	}
	free(text);
	free(path);
	bundle_release(&b);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_export = {
	.name = "export",
	.summary = "write one assessment as a bundle for another laptop",
	.usage = "usage: cirt export --country CC [--cycle YEAR] [-o FILE] [--db FILE]\n"
		 "\n"
		 "Write the assessment as a bundle (default CC-YEAR.cirt.json, readable\n"
		 "only by you): the questionnaire's id, version and SHA-256, the\n"
		 "assessment, every answer, and its whole history with who, when and the\n"
		 "hash chain. Another laptop brings it in with 'cirt merge'.\n"
		 "\n"
		 "Options:\n"
		 "  -o, --output FILE  the bundle to write\n",
	.flags = CMD_OPT_DB | CMD_OPT_COUNTRY | CMD_OPT_ASSESSOR | CMD_OPEN_DB | CMD_NEEDS_COUNTRY,
	.run = run_export,
};
