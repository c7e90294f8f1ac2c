/* cirt conflicts and cirt resolve: what merges left for a person to
 * settle, and settling it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "chain.h"
#include "cmd.h"
#include "engine.h"
#include "exitcode.h"
#include "store.h"
#include "term.h"
#include "xmalloc.h"

static int
run_conflicts(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	struct assessment a;
	struct chain_conflict *c = NULL;
	size_t n = 0;
	struct error err = {0};
	int status;

	if (cmd_no_arguments(self, argc, argv) != 0)
		return EXIT_USAGE;
	status = cmd_assessment(ctx, 0, &a);
	if (status != EXIT_OK)
		return status;
	if (store_conflicts_load(ctx->store, a.id, &c, &n, &err) < 0) {
		cmd_error("%s", err.message);
		assessment_release(&a);
		return err.status;
	}
	term_print_line(stdout, "%s %d: %zu open conflict%s (%s)", a.country, a.cycle, n,
			n == 1 ? "" : "s", ctx->db_path);
	for (size_t i = 0; i < n; i++)
		cmd_print_conflict(ctx, &a, &c[i]);
	store_conflicts_release(c, n);
	assessment_release(&a);
	return EXIT_OK;
}

/* The value chosen: --take 1 (shown), --take 2 (the other), or --answer
 * TEXT read as field's value. Returns an exit status; *state and *value
 * are owned. */
static int
chosen_value(const struct cmd *self, struct cmd_context *ctx, const struct assessment *a,
	     const struct chain_conflict *c, const char *take, const char *text, char **state,
	     char **value)
{
	char message[256];

	*state = NULL;
	*value = NULL;
	if (take && strcmp(take, "2") == 0) {
		*state = c->state ? xstrdup(c->state) : NULL;
		*value = c->value ? xstrdup(c->value) : NULL;
		return EXIT_OK;
	}
	if (take && strcmp(take, "1") == 0 && strcmp(c->field, "finding") == 0) {
		struct finding *f = NULL;
		size_t n = 0;
		struct error err = {0};

		if (store_findings_load(ctx->store, a->id, &f, &n, &err) < 0) {
			cmd_error("%s", err.message);
			return err.status;
		}
		for (size_t i = 0; i < n && *value == NULL; i++)
			if (strcmp(f[i].pillar, c->question_id) == 0)
				*value = xstrdup(f[i].text);
		if (*value == NULL)
			*value = xstrdup("");
		store_findings_release(f, n);
		return EXIT_OK;
	}
	if (take && strcmp(take, "1") == 0) {
		struct answer_set answers;
		const struct answer *w;
		struct error err = {0};

		if (store_answers_load(ctx->store, a->id, &answers, &err) < 0) {
			cmd_error("%s", err.message);
			return err.status;
		}
		w = answer_set_find(&answers, c->question_id);
		if (w && strcmp(c->field, "answer") == 0) {
			*state = xstrdup(answer_state_name(w->state));
			*value = w->value ? xstrdup(w->value) : NULL;
		} else if (w) {
			*value = xstrdup(strcmp(c->field, "evidence") == 0	    ? w->evidence
						 : strcmp(c->field, "comment") == 0 ? w->comment
						 : w->flagged			    ? "1"
										    : "0");
		}
		answer_set_release(&answers);
		return EXIT_OK;
	}
	if (take)
		return cmd_usage_error(self,
				       "--take 1 keeps the value shown, --take 2 the other; "
				       "not '%s'",
				       take);
	if (strcmp(c->field, "answer") == 0) {
		const struct question *qu =
			questionnaire_find_question(ctx->questionnaire, c->question_id);
		enum answer_state st;

		if (qu == NULL)
			return cmd_usage_error(
				self, "%s is not in this questionnaire; choose with --take",
				c->question_id);
		if (answer_parse(qu, text, cmd_lang(ctx), ANSWER_INPUT_TYPED, &st, value, message,
				 sizeof(message)) < 0)
			return cmd_usage_error(self, "--answer: %s", message);
		*state = xstrdup(answer_state_name(st));
		return EXIT_OK;
	}
	if (strcmp(c->field, "finding") == 0) {
		long line = 0;

		if (chain_finding_text(text, strlen(text), cmd_lang(ctx), value, &line, message,
				       sizeof(message)) < 0)
			return cmd_usage_error(self, "--answer: %s", message);
		return EXIT_OK;
	}
	if (strcmp(c->field, "flag") == 0) {
		if (strcmp(text, "on") != 0 && strcmp(text, "off") != 0)
			return cmd_usage_error(self, "a flag is settled with --answer on or off");
		*value = xstrdup(strcmp(text, "on") == 0 ? "1" : "0");
		return EXIT_OK;
	}
	if (answer_check_text(text, ANSWER_TEXT_MAX, cmd_lang(ctx), message, sizeof(message)) < 0)
		return cmd_usage_error(self, "--answer: %s", message);
	*value = xstrdup(text);
	return EXIT_OK;
}

static int
run_resolve(const struct cmd *self, struct cmd_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{"field", required_argument, NULL, 'f'},
		{"take", required_argument, NULL, 't'},
		{"answer", required_argument, NULL, 'a'},
		{"reason", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const char *field = NULL;
	const char *take = NULL;
	const char *text = NULL;
	const char *reason = NULL;
	const char *question;
	struct assessment a = {0};
	struct chain_conflict *c = NULL;
	const struct chain_conflict *chosen = NULL;
	size_t n = 0;
	size_t matches = 0;
	struct error err = {0};
	char message[256];
	char *state = NULL;
	char *value = NULL;
	char *shown;
	int status;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (ch == 'f')
			field = optarg;
		else if (ch == 't')
			take = optarg;
		else if (ch == 'a')
			text = optarg;
		else if (ch == 'r')
			reason = optarg;
		else
			return cmd_bad_option(self, ch, argc, argv);
	}
	if (field && strcmp(field, "finding") == 0) {
		/* a finding is named by its pillar, the summary by none */
		long p;

		if (optind + 1 < argc)
			return cmd_usage_error(self, "--field finding takes one pillar at most");
		question = optind < argc ? argv[optind] : "";
		p = *question ? engine_pillar_named(ctx->questionnaire, question) : -1;
		if (p >= 0)
			question = ctx->questionnaire->pillars[p].id;
	} else if (optind + 1 != argc) {
		return cmd_usage_error(self, "name the question whose conflict you settle");
	} else {
		question = argv[optind];
	}
	if ((take == NULL) == (text == NULL))
		return cmd_usage_error(self, "choose with --take 1|2 or --answer TEXT");
	if (reason == NULL || *reason == '\0')
		return cmd_usage_error(self,
				       "say why with --reason TEXT: it is kept in the history");
	if (answer_check_text(reason, 4096, cmd_lang(ctx), message, sizeof(message)) < 0)
		return cmd_usage_error(self, "--reason: %s", message);
	status = cmd_assessment(ctx, 0, &a);
	if (status == EXIT_OK)
		status = cmd_refuse_final(ctx, &a);
	if (status == EXIT_OK)
		status = cmd_claim(ctx, &a, "resolve", "; nothing was settled");
	if (status != EXIT_OK)
		goto out;
	if (store_conflicts_load(ctx->store, a.id, &c, &n, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	/* a finding's conflict is settled with --field finding only */
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].question_id, question) == 0 &&
		    (field == NULL ? strcmp(c[i].field, "finding") != 0
				   : strcmp(c[i].field, field) == 0 ||
				     (strcmp(field, "note") == 0 &&
				      strcmp(c[i].field, "comment") == 0))) {
			chosen = &c[i];
			matches++;
		}
	if (matches != 1) {
		char *args = xasprintf("--country %s --cycle %d", a.country, a.cycle);
		char *list = cmd_command_line(ctx, "conflicts", args, 0);

		if (field && strcmp(field, "finding") == 0)
			cmd_error("%s is not in conflict in %s %d; '%s' lists the conflicts",
				  *question ? question : "the executive summary", a.country,
				  a.cycle, list);
		else
			cmd_error(matches ? "%s has conflicts over several fields; name one with "
					    "--field answer|evidence|note|flag"
					  : "%s has no open conflict%s in %s %d; '%s' lists them",
				  question, field ? " over that field" : "", a.country, a.cycle,
				  list);
		free(args);
		free(list);
		status = matches ? EXIT_USAGE : EXIT_DATA;
		goto out;
	}
	status = chosen_value(self, ctx, &a, chosen, take, text, &state, &value);
	if (status != EXIT_OK)
		goto out;
	if (store_resolve(ctx->store, &a, chosen->question_id, chosen->field, state, value, reason,
			  ctx->assessor, &err) < 0) {
		cmd_error("%s", err.message);
		status = err.status;
		goto out;
	}
	shown = cmd_conflict_value(ctx, chosen->question_id, chosen->field, state, value);
	{
		char *what = cmd_conflict_subject(chosen->question_id, chosen->field);

		term_print_line(stdout, "Settled %s in %s %d: %s (%s).", what, a.country, a.cycle,
				shown, reason);
		free(what);
	}
	free(shown);
out:
	free(state);
	free(value);
	store_conflicts_release(c, n);
	assessment_release(&a);
	return status;
}

const struct cmd cmd_conflicts = {
	.name = "conflicts",
	.summary = "list the conflicts merges left open, for a person to settle",
	.usage = "usage: cirt conflicts --country CC [--cycle YEAR] [--db FILE]\n"
		 "\n"
		 "List the answers, evidence, notes, flags and findings that two laptops\n"
		 "changed differently since they last exchanged: both values, who gave each,\n"
		 "when and in which meeting, and the command that settles it. Until it\n"
		 "is settled, the value given last shows, and the report marks the\n"
		 "question as disputed.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG | CMD_OPEN_DB |
		CMD_LOAD_QUESTIONNAIRE | CMD_NEEDS_COUNTRY,
	.run = run_conflicts,
};

const struct cmd cmd_resolve = {
	.name = "resolve",
	.summary = "settle a conflict a merge left open, with the reason",
	.usage =
		"usage: cirt resolve --country CC [--cycle YEAR] QID (--take 1|2 | --answer TEXT)\n"
		"                    --reason TEXT [--field answer|evidence|note|flag]\n"
		"                    [--assessor NAME] [--db FILE]\n"
		"       cirt resolve --country CC [--cycle YEAR] --field finding [K]\n"
		"                    (--take 1|2 | --answer TEXT) --reason TEXT\n"
		"\n"
		"Settle the conflict over question QID that 'cirt conflicts' lists:\n"
		"--take 1 keeps the value shown, --take 2 the other, --answer gives\n"
		"another (typed as in a session; on or off for a flag). The choice, who\n"
		"made it and the reason are kept in the history, and travel with the\n"
		"next bundle, so that the other laptops settle it the same way.\n"
		"--field is needed when more than one field of the question is in\n"
		"conflict. --field finding settles the executive summary, or with K\n"
		"the findings on pillar K (its id or number), which 'cirt findings'\n"
		"writes.\n",
	.flags = CMD_OPT_DB | CMD_OPT_QUESTIONNAIRE | CMD_OPT_COUNTRY | CMD_OPT_LANG |
		CMD_OPT_ASSESSOR | CMD_OPEN_DB | CMD_WRITES | CMD_LOAD_QUESTIONNAIRE |
		CMD_NEEDS_COUNTRY,
	.run = run_resolve,
};
