/* cirt run: an interactive assessment session. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "country.h"
#include "exitcode.h"
#include "i18n.h"
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
	int yes;
	int first;

	if (cmd_yes_option(self, argc, argv, &yes, &first) != 0)
		return EXIT_USAGE;
	if (first < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[first]);
	status = cmd_assessment(ctx, 1, &a);
	if (status != EXIT_OK)
		return status;
	status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_confirm_new(ctx, &a, yes);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "run", "");
	if (status != EXIT_OK) {
		assessment_release(&a);
		return status;
	}
	resume = cmd_resume_command(ctx, &a);
	o.lang = cmd_lang(ctx);
	o.assessor = ctx->assessor;
	o.resume_command = resume;
	o.interactive = isatty(STDIN_FILENO);
	o.colour = term_use_colour(stdout);
	term_print_line(stdout, "%s (%s) \u00b7 %d \u00b7 %s %s \u00b7 %s",
			country_name(ctx->country, o.lang), a.country, a.cycle,
			ctx->questionnaire->id, ctx->questionnaire->version, ctx->db_path);
	term_print_line(stdout, "%s: %s", i18n(o.lang, MSG_RECORDING_AS), ctx->assessor);
	if (a.id) {
		/* what merges left open comes first: a person settles it */
		struct chain_conflict *c = NULL;
		size_t n = 0;

		if (store_conflicts_load(ctx->store, a.id, &c, &n, &err) == 0 && n > 0) {
			printf("%zu conflict%s from merges %s open:\n", n, n == 1 ? "" : "s",
			       n == 1 ? "is" : "are");
			for (size_t i = 0; i < n; i++)
				cmd_print_conflict(ctx, &a, &c[i]);
			putchar('\n');
		}
		store_conflicts_release(c, n);
	}
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
		 "                [--yes] [--db FILE] [--questionnaire FILE]\n"
		 "\n"
		 "Start the assessment of a country, or resume it where the last session\n"
		 "stopped. Each answer is saved before the next question shows, and said\n"
		 "on a line of its own (\u2713 QID: answer). Answer by number (every list\n"
		 "counts from 1), by a choice's value or by typing its text; Enter keeps\n"
		 "an answer there is; ? shows the help text; dk and na record don't know\n"
		 "and not applicable. Numbers may group thousands with spaces (1 000), and\n"
		 "take a decimal comma in languages that write one. A change that hides\n"
		 "answered questions names them and asks first.\n"
		 "\n"
		 "Commands: :back, :skip, :goto QID|N|unanswered|flagged|disputed,\n"
		 ":next-unanswered, :pillar K, :list [K|all], :evidence TEXT, :note TEXT,\n"
		 ":attach PATH (:attach -N removes), :flag, :finding [K] (the executive\n"
		 "summary, or pillar K's findings, in $EDITOR), :with ORG, ROLE (NAME),\n"
		 ":help, :quit. On a terminal Ctrl-C clears the line typed, cancels a\n"
		 "change at the reason prompt, and stops when pressed twice; Ctrl-D\n"
		 "stops. The end says what was saved, skipped and flagged.\n"
		 "\n"
		 ":with names the meeting in progress (organisation, the roles met with an\n"
		 "optional name in parentheses, separated by ';', and a date, default\n"
		 "today); every answer, evidence and note given during it records it as\n"
		 "its source. ':with ORG' takes up a meeting named on an earlier day.\n"
		 "\n"
		 "A new assessment comes into being with its first answer; a cycle before\n"
		 "2000 or more than a year ahead is refused, and a country with no\n"
		 "assessment yet is named in full and confirmed first (--yes in scripts).\n"
		 "Only one session or command changes an assessment at a time: a second\n"
		 "is refused with who holds it. A change that cannot be saved is said at\n"
		 "once and in the summary, and the exit status is then 4.\n"
		 "\n"
		 "Without a terminal, one line is read per prompt, so a session can be\n"
		 "scripted.\n"
		 "\n"
		 "Options:\n"
		 "  --country CC       the country (ISO alpha-2 or alpha-3 code)\n"
		 "  --cycle YEAR       the assessment cycle (default: the country's latest,\n"
		 "                     or this year for a new one)\n"
		 "  --lang L           the language to work in (default: the questionnaire's)\n"
		 "  --assessor NAME    who records (default: $CIRT_ASSESSOR, then the name\n"
		 "                     this database remembers; asked once on a terminal)\n"
		 "  --yes              start a new country's assessment without asking\n"
		 "  --db FILE          the database (default: $CIRT_DB, then cirt.db)\n"
		 "  --questionnaire FILE  the questionnaire (default: the shipped one)\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG |
		CMD_OPT_ASSESSOR | CMD_CREATE_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE |
		CMD_NEEDS_COUNTRY,
	.run = run_run,
};
