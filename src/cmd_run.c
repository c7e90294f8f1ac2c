/* cirt run: an interactive assessment session. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "session.h"
#include "store.h"
#include "term.h"

static int
run_run(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	struct assessment a;
	struct session_options o = {0};
	struct error err = {0};
	char *resume;
	int status;

	if (cmd_no_arguments(self, argc, argv) != 0)
		return EXIT_USAGE;
	status = cmd_assessment(ctx, 1, &a);
	if (status != EXIT_OK)
		return status;
	if (a.final) {
		cmd_error("the assessment of %s %d is final; reopen it with 'cirt reopen --country "
			  "%s --cycle %d' to change answers",
			  a.country, a.cycle, a.country, a.cycle);
		assessment_release(&a);
		return EXIT_DATA;
	}
	if (store_assessment_add_assessor(ctx->store, &a, ctx->assessor, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(&a);
		return err.status;
	}
	resume = cmd_resume_command(ctx, &a);
	o.lang = cmd_lang(ctx);
	o.assessor = ctx->assessor;
	o.resume_command = resume;
	o.interactive = isatty(STDIN_FILENO);
	o.colour = term_use_colour(stdout);
	term_print_line(stdout, "%s (%s) \u00b7 %d \u00b7 %s %s \u00b7 %s", ctx->country->name,
			a.country, a.cycle, ctx->questionnaire->id, ctx->questionnaire->version,
			ctx->db_path);
	status = session_run(ctx->store, ctx->questionnaire, &a, &o, &err) < 0 ? err.status
									       : EXIT_OK;
	if (status != EXIT_OK)
		cmd_error("%s", err.message);
	free(resume);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_run = {
	.name = "run",
	.summary = "run or resume an assessment session",
	.usage = "usage: cirt run --country CC [--cycle YEAR] [--lang L] [--assessor NAME]\n"
		 "                [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Start the assessment of a country, or resume it at the first unanswered\n"
		 "question. Each answer is saved before the next question shows. Answer by\n"
		 "number, by a choice's value or by typing its text; ? shows the help\n"
		 "text; dk and na record don't know and not applicable. Numbers may group\n"
		 "thousands with spaces (1 000), and take a decimal comma in French and\n"
		 "Spanish. Commands: :back, :skip, :goto QID, :pillar K, :evidence TEXT,\n"
		 ":note TEXT, :flag, :review, :help, :quit. Ctrl-D and Ctrl-C save and\n"
		 "stop with a summary.\n"
		 "\n"
		 "Without a terminal, one line is read per prompt, so a session can be\n"
		 "scripted.\n"
		 "\n"
		 "Options:\n"
		 "  --country CC       the country (ISO alpha-2 or alpha-3 code)\n"
		 "  --cycle YEAR       the assessment cycle (default: the country's latest,\n"
		 "                     or this year for a new one)\n"
		 "  --lang L           the language to work in (default: the questionnaire's)\n"
		 "  --assessor NAME    who answers (default: $CIRT_ASSESSOR, then your login)\n"
		 "  --db FILE          the database (default: $CIRT_DB, then cirt.db)\n"
		 "  --questionnaire FILE  the questionnaire (default: the shipped one)\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG |
		CMD_OPT_ASSESSOR | CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE |
		CMD_NEEDS_COUNTRY,
	.run = run_run,
};
